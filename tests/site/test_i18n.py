"""Strings per language: Spanish is complete, and a Spanish site shows none of our English."""

from __future__ import annotations

import re
import string

import pytest
import yaml
from practice_commons.core.hosting.i18n import I18N_DIR, strings, vocabulary_in
from practice_commons.core.rules.schema import vocabulary

from tests.conftest import REPO

# Keys whose Spanish reads exactly like the English (checked, not forgotten).
SAME_IN_SPANISH = {"sector", "facet_sector", "answer_no", "size_bytes", "size_kb", "size_mb",
                   "data_json_heading"}
SAME_LABELS = {("formats", "video")}  # "Video" in both


def raw(lang: str) -> dict:
    return yaml.safe_load((I18N_DIR / f"{lang}.yaml").read_text(encoding="utf-8"))


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_spanish_has_every_english_key_with_the_same_placeholders():
    en = {k: v for k, v in raw("en").items() if not isinstance(v, dict)}
    es = {k: v for k, v in raw("es").items() if not isinstance(v, dict)}
    missing = sorted(set(en) - set(es))
    assert not missing, f"es.yaml lacks {len(missing)} key(s) of en.yaml: {', '.join(missing)}"
    assert not sorted(set(es) - set(en)), "es.yaml has keys en.yaml does not"
    wrong = [k for k in en if placeholders(str(en[k])) != placeholders(str(es[k]))]
    assert not wrong, f"placeholders differ for: {wrong}"
    untranslated = sorted(k for k in en if str(en[k]) == str(es[k]) and k not in SAME_IN_SPANISH)
    assert not untranslated, f"es.yaml repeats the English for: {untranslated}"


def test_spanish_labels_every_vocabulary_term_but_state_names():
    vocab = vocabulary()
    table = raw("es")["vocabulary"]
    assert set(table) <= set(vocab.lists), set(table) - set(vocab.lists)
    for name, terms in table.items():
        known = {str(s) for s in vocab.slugs(name)}
        assert {str(s) for s in terms} <= known, f"{name}: {set(map(str, terms)) - known}"
    es = vocabulary_in(vocab, "es")
    untranslated = [(name, t.slug) for name, terms in vocab.lists.items()
                    if name not in ("states", "places")
                    for t in terms if es.label(name, t.slug) == t.label
                    and (name, t.slug) not in SAME_LABELS]
    assert not untranslated, f"es.yaml 'vocabulary:' lacks labels for {untranslated}"
    assert es.label("states", "NY") == "Nueva York" and es.label("states", "MA") == "Massachusetts"


def test_a_missing_translation_falls_back_to_english(tmp_path, monkeypatch):
    assert strings("es-MX")["profiles"] == "Perfiles"
    assert strings("fr")["profiles"] == "Profiles"  # no fr.yaml: English throughout


# Content written in Spanish, so that any English on the built pages is ours.
PERFIL = """\
---
title: Noches de lectura en familia
summary: Encuentros mensuales en los que familias y docentes practican estrategias de lectura.
school:
  name: Escuela Chárter Ribera
  sector: charter
  state: NY
  city: Búfalo
  grades: K-5
  website: https://ribera.example.org
topics: [literacy, family-engagement, english-learners]
grade_bands: [k-2, 3-5]
approaches: [site-visit, coaching]
resources:
  - {level: 1, title: Video de dos minutos, format: video, url: https://video.example.org/x}
  - {level: 3, title: Guía de planificación, format: toolkit, description: Paso a paso.}
  - {level: 4, title: Acompañamiento en tres noches, format: coaching}
evidence:
  essa_tier: 4
  summary: La asistencia creció cada año.
  outcomes:
    - {metric: Familias asistentes, before: 40, after: 120, year: 2023-24, source: Registro}
partners:
  - {name: Distrito Escolar de Búfalo, sector: district}
contact:
  role: Coordinación de familias
  organization: Escuela Chárter Ribera
  email: familias@ribera.example.org
non_negotiables: [Una noche al mes]
conditions: [Un aula grande]
cost: Gratis
time_commitment: Dos horas al mes
funding: Subvención local
case_studies: [inscripcion-comun]
templates: [cinco-porques]
sources:
  - {title: Informe anual, publisher: Escuela Chárter Ribera, year: 2024}
status: published
submitted: 2020-09-01
last_reviewed: 2021-02-01
---

## La práctica

Las familias y los docentes leen juntos una vez al mes.
"""
CASO = """\
---
title: Inscripción común
summary: Un distrito y sus escuelas chárter comparten una sola solicitud y un solo sorteo.
location: {city: Washington, state: DC}
years: 2014–2019
organizations:
  - {name: Distrito de ejemplo, sector: district, role: Coordina}
stages: [implement]
dimensions: [unifying-purpose]
equity_purpose: [access]
topics: [enrollment-and-access]
program_design: {comprehensiveness: Todo el distrito, measurement: Encuestas}
outcomes:
  - {metric: Escuelas participantes, value: 200, year: 2015}
lessons: [Empezar pronto]
sources:
  - {title: Fuente de ejemplo, year: 2019}
status: published
---
Lo que ocurrió.
"""
PLANTILLA = """\
---
title: Los cinco porqués
summary: Una hoja de trabajo para encontrar la causa de fondo de un problema.
stage: plan
level: 3
purpose: Encontrar las causas de fondo antes de planificar.
audience: El equipo de colaboración
time_needed: Una hora
instructions: [Escriba el problema, Pregunte por qué cinco veces]
sections:
  - {type: prompt, id: problema, label: El problema}
  - type: table
    id: porques
    label: Los cinco porqués
    columns: [{label: Razón}, {label: ¿Cómo lo sabemos?}]
    rows: ["1. ¿Por qué?", "2. ¿Por qué?"]
sources:
  - {title: Fuente de ejemplo}
status: published
---
Orientación.
"""


ALL_PLUGINS = ["practice-commons/profiles", "practice-commons/downloads",
               {"practice-commons/hosting": {"today": "2025-06-01"}},
               "practice-commons/indexes", "practice-commons/submit"]


def build_in(tmp_path_factory, language: str, plugins: list | None = None):
    from tests.conftest import BASE_CONFIG, build, completeness_off, write_files

    root = tmp_path_factory.mktemp(language)
    write_files(root, {
        "content/index.md": "# Inicio\n\nBienvenida.\n",
        "profiles/noches-de-lectura.md": PERFIL,
        "profiles/archivada.md": PERFIL.replace("status: published", "status: archived")
                                       .replace("Noches de lectura en familia", "Noches antiguas"),
        "content/case-studies/index.md": "# Estudios de caso\n",
        "content/case-studies/inscripcion-comun.md": CASO,
        "content/templates/index.md": "# Plantillas\n",
        "content/templates/cinco-porques.md": PLANTILLA,
    })
    config = {
        **BASE_CONFIG,
        "theme": {"name": "material", "language": language, "custom_dir": str(REPO / "overrides"),
                  "palette": [{"scheme": "default", "toggle": {
                      "icon": "material/brightness-7", "name": "Switch to dark mode"}},
                      {"scheme": "slate", "toggle": {
                          "icon": "material/brightness-4", "name": "Switch to light mode"}}]},
        # Every plugin of ours, so every template of ours is on some page below.
        # The profiles' bodies are one line: completeness is not what this file tests.
        "plugins": [completeness_off(p) for p in plugins or ALL_PLUGINS],
        "extra": {"host": {"tagline": "Prácticas que funcionan.",
                           "contact": {"email": "ayuda@example.gov"}}},
        "nav": ["index.md", {"Perfiles": "profiles/index.md"},
                {"Estudios de caso": "case-studies/index.md"},
                {"Plantillas": "templates/index.md"}],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return build(root)


@pytest.fixture(scope="module")
def spanish_site(tmp_path_factory):
    return build_in(tmp_path_factory, "es")


def english_patterns() -> dict[str, re.Pattern]:
    """A pattern for every English string of ours that Spanish changes.

    Placeholders match any short run of text. A string of several words is looked for
    anywhere; a single word ("School", "Level") only as a whole label — a text node of
    its own, perhaps followed by a colon or a value ("Level 3") — so that an English
    word inside contributors' or the schema's prose is not taken for ours.
    """
    en, es = strings("en"), strings("es")
    texts = {f"en.yaml {k}": v for k, v in en.items() if v != es[k]}
    vocab, vocab_es = vocabulary(), vocabulary_in(vocabulary(), "es")
    texts.update({f"vocabulary {name}.{t.slug}": t.label
                  for name, terms in vocab.lists.items() for t in terms
                  if vocab_es.label(name, t.slug) != t.label})
    out = {}
    for where, text in texts.items():
        literal = re.sub(r"\{\w+\}", " ", text).strip(" :.,()")
        if len(literal) < 3:
            continue
        body = r"[^\n]{1,80}?".join(re.escape(p) for p in re.split(r"\{\w+\}", text.strip(" :.")))
        if text.startswith("{"):  # "{n} profiles": a count, shown as a label of its own
            out[where] = re.compile(rf"(?m)^\s*{body}(?!\w)")
        elif " " in literal.strip():
            out[where] = re.compile(rf"(?<!\w){body}(?!\w)")
        else:
            out[where] = re.compile(rf"(?m)^\s*{body}(?:\s*:.*|\s+\d.*)?\s*$")
    return out


def visible_text(site, rel: str) -> str:
    """Text nodes and accessible names a visitor meets in the page body, one per line."""
    body = site.html(rel).body
    # <code> holds values typed into files (`archived`, `english-learners`): the same in
    # every language, not words of ours to translate.
    for tag in body.select("script, style, code"):
        tag.decompose()
    nodes = [" ".join(s.split()) for s in body.find_all(string=True)]
    attrs = [v for el in body.find_all(True) for a in ("aria-label", "title", "alt", "placeholder")
             if (v := el.get(a))]
    return "\n".join(n for n in [*nodes, *attrs] if n)


PAGES = ["index.html", "profiles/", "profiles/noches-de-lectura/", "profiles/archivada/",
         "case-studies/inscripcion-comun/", "templates/cinco-porques/", "templates/",
         "browse/", "levels/", "levels/3/", "topics/", "topics/literacy/", "states/ny/",
         "indexes/", "data/", "submit/", "reference/profile-fields/",
         "reference/case-study-fields/", "reference/template-fields/", "404.html"]
# Pages known to show English that is not in en.yaml's keeping. Strict: once a page is
# clean, its entry must go, so the list cannot hide a regression.
KNOWN_GAPS: dict[str, str] = {}


@pytest.mark.parametrize("rel", [
    pytest.param(rel, marks=pytest.mark.xfail(reason=KNOWN_GAPS[rel], strict=True))
    if rel in KNOWN_GAPS else rel for rel in PAGES])
def test_spanish_site_shows_no_english_string_of_ours(spanish_site, rel):
    text = visible_text(spanish_site, rel)
    found = [f"{where}: {m.group(0).strip()!r}" for where, pattern in english_patterns().items()
             if (m := pattern.search(text))]
    assert not found, f"English on the Spanish /{rel}:\n" + "\n".join(found)


def test_spanish_site_is_spanish(spanish_site):
    page = spanish_site.html("profiles/noches-de-lectura/")
    assert page.html["lang"] == "es"
    art = spanish_site.article("profiles/noches-de-lectura/")
    facts = [dt.get_text() for dt in art.select(".pc-card dt")]
    assert facts[:3] == ["Escuela", "Sector", "Estado"]
    assert "Búfalo, Nueva York" in art.get_text()
    assert [li.get_text() for li in art.select(".pc-tags li")] == [
        "Lectoescritura", "Participación de las familias", "Estudiantes de inglés"]
    assert "Este perfil puede estar desactualizado" in art.select_one(".pc-stale").get_text()
    labels = [el["aria-label"] for el in page.select("input.md-option[aria-label]")]
    assert labels == ["Cambiar al modo oscuro", "Cambiar al modo claro"]
    assert "Contáctenos" in page.select_one(".pc-footer").get_text()
    assert spanish_site.article("404.html").h1.get_text() == "Página no encontrada"


def test_the_check_finds_our_english_on_the_same_site_built_in_english(tmp_path_factory):
    """The patterns are not vacuous: on the English build they find our strings."""
    english = build_in(tmp_path_factory, "en", [
        "practice-commons/profiles", {"practice-commons/hosting": {"today": "2025-06-01"}}])
    patterns = english_patterns()
    text = visible_text(english, "profiles/noches-de-lectura/")
    found = {where for where, pattern in patterns.items() if pattern.search(text)}
    for key in ("en.yaml school", "en.yaml resources_by_level", "en.yaml stale_title",
                "en.yaml last_reviewed", "en.yaml contact_us", "en.yaml palette_to_dark",
                "vocabulary topics.literacy", "vocabulary levels.3"):
        assert key in found, key
    assert "en.yaml not_found_title" in {
        w for w, p in patterns.items() if p.search(visible_text(english, "404.html"))}
