"""The site's own words are US English: content, profiles and interface strings (issue 15).

Titles of cited works keep their own spelling: source ``title:`` lines are passed over,
and a title quoted in running text can be added to CITED_TITLES.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import REPO

PKG = REPO / "plugins" / "practice_commons"
# British form (a regex over whole words) -> the US spelling to use.
BRITISH = {
    r"organis(e|es|ed|ing|ation|ations)": "organize, organization",
    r"reorganis(e|es|ed|ing)": "reorganize",
    r"programmes?": "program",
    r"colour(s|ed|ful|ing)?": "color",
    r"behaviour(s|al)?": "behavior",
    r"centre(s|d)?": "center, centered",
    r"favour(s|ed|ite|ites|able)?": "favor",
    r"honour(s|ed)?": "honor",
    r"labour": "labor",
    r"neighbour(s|hood|hoods|ing)?": "neighbor",
    r"practis(e|es|ed|ing)": "practice, practicing",
    r"licence": "license",
    r"defence": "defense",
    r"analys(e|es|ed|ing)": "analyze",
    r"catalogue(s|d)?": "catalog",
    r"modelling|modelled": "modeling, modeled",
    r"travell(ed|ing|er|ers)": "traveled",
    r"cancell(ed|ing)": "canceled",
    r"fulfil|fulfils|fulfilment": "fulfill",
    r"enrol|enrols|enrolment|enrolments": "enroll, enrollment",
    r"judgement(s)?": "judgment",
    r"learnt": "learned",
    r"whilst": "while",
    r"amongst": "among",
    r"maths": "math",
    r"sceptic(s|al|ism)?": "skeptic",
    r"ageing": "aging",
    r"focuss(ed|es|ing)": "focused",
    r"grey": "gray",
    r"per cent": "percent",
    r"(recogn|real|priorit|emphas|summar|util|minim|maxim|categor|standard|special|optim|author"
    r"|final|custom|personal|character|critic|institutional|apolog|visual|mobil)is(e|es|ed|ing)":
        "-ize",
}
PATTERN = re.compile(r"\b(" + "|".join(f"(?:{p})" for p in BRITISH) + r")\b", re.IGNORECASE)
CITED_TITLES: tuple[str, ...] = ()  # titles of cited works quoted in running text
SOURCE_TITLE = re.compile(r"^\s+-?\s*title:")
ALIASES = re.compile(r"aliases:\s*\[[^\]]*\]")  # words a visitor may type, not our wording


def files() -> list[Path]:
    out = sorted((REPO / "content").rglob("*.md")) + sorted((REPO / "profiles").rglob("*.md"))
    out += [PKG / "i18n" / "en.yaml", *sorted((PKG / "core" / "schema").glob("*.yaml"))]
    out += sorted((PKG / "templates").rglob("*.html"))
    return out


def british(text: str) -> list[tuple[int, str]]:
    """(line, word) for each British spelling in ``text``, cited titles passed over."""
    found = []
    for n, line in enumerate(text.splitlines(), 1):
        if SOURCE_TITLE.match(line):
            continue
        line = ALIASES.sub("", line)
        for title in CITED_TITLES:
            line = line.replace(title, "")
        found += [(n, m.group(0)) for m in PATTERN.finditer(line)]
    return found


def test_the_check_finds_british_forms_and_spares_us_ones():
    sample = ("The programme was organised by the neighbourhood centre.\n"
              "  - title: The Colour of Learning\n"
              "The program was organized at the neighborhood center; enrollment grew.\n"
              "Staff recognised and analysed it.\n")
    assert [w for _, w in british(sample)] == [
        "programme", "organised", "neighbourhood", "centre", "recognised", "analysed"]


def test_site_wording_is_us_english():
    problems = [f"{path.relative_to(REPO)}:{n}: '{word}'"
                for path in files()
                for n, word in british(path.read_text(encoding="utf-8"))]
    assert problems == [], "British spellings (use US English):\n" + "\n".join(problems)
