"""A deterministic synthetic corpus of valid profiles, for benchmarks at archive scale.

``commons bench`` needs thousands of profiles that look like real ones to the
build: every front-matter field used, bodies of about 800 words with headings, a
list and a table, and topics, levels and states spread the way a real archive
spreads them. Everything comes from one seeded RNG (no clock, no hash order), so
the same ``n`` and ``seed`` always give byte-identical files. Values are drawn
from the vocabulary, so the corpus stays valid when a list changes.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..rules.schema import vocabulary
from .slug import slugify

# Every SHARE_FOLDER-th profile gets its own folder with an attached file, as a
# profile with a handbook does, so attachment handling is part of the measure.
SHARE_FOLDER = 25
WORDS_PER_BODY = 800
_EPOCH = dt.date(2015, 1, 1)  # submission dates fall in 2015–2024: always in the past

_PLACES = ["Riverside", "Oak Hill", "Lakeview", "Cedar Grove", "Harbor", "Summit", "Maple Park",
           "Eastgate", "Pine Ridge", "Westfield", "Brookside", "Fairview", "Northshore", "Elm City",
           "Granite Falls", "Mill Creek", "Sunset Valley", "Union Square", "Hillcrest", "Bayside"]
_SCHOOL_KINDS = ["Charter School", "Public Charter School", "Academy", "Elementary School",
                 "Middle School", "High School", "Community School", "Preparatory School",
                 "Collegiate Academy", "Learning Center"]
_CITIES = ["Springfield", "Franklin", "Greenville", "Clinton", "Madison", "Georgetown", "Salem",
           "Fairfield", "Bristol", "Arlington", "Ashland", "Dover", "Milton", "Newport", "Oxford"]
_PRACTICE_NOUNS = ["Nights", "Lab", "Partnership", "Residency", "Network", "Studio", "Institute",
                   "Circle", "Academy", "Exchange", "Cohort", "Project", "Pathway", "Collaborative"]
_PRACTICE_ADJ = ["Family", "Peer", "Shared", "Open", "Summer", "Evening", "Early", "Bridge",
                 "Community", "Joint", "Cross-Sector", "Neighborhood", "Mentor", "Teacher-Led"]
_ROLES = ["Director of Partnerships", "Principal", "Dean of Instruction",
          "Family engagement coordinator", "Chief Academic Officer", "Program manager",
          "Director of Operations"]
_FIRST = ["Ana", "Ben", "Chloe", "Daniel", "Esther", "Farid", "Grace", "Hector", "Imani", "Jonah"]
_LAST = ["Alvarez", "Brooks", "Chen", "Diallo", "Evans", "Fischer", "Gupta", "Hughes", "Ito"]
_VERBS = ["builds", "strengthens", "supports", "extends", "organizes", "sharpens", "connects",
          "grounds", "structures", "measures", "protects", "widens", "deepens", "coordinates",
          "documents", "simplifies", "improves", "sustains", "aligns", "rebuilds", "schedules",
          "funds", "tracks", "reviews", "models", "pilots", "adapts", "celebrates"]
_OBJECTS = ["daily routines", "teacher collaboration", "family partnerships", "student agency",
            "data conversations", "coaching cycles", "shared planning time", "classroom practice",
            "school leadership", "community trust", "instructional materials", "student support",
            "reading fluency", "number sense", "attendance habits", "restorative circles",
            "lesson study", "enrollment outreach", "transition planning", "advisory periods",
            "formative assessment", "vocabulary instruction", "writing conferences",
            "science investigations", "project exhibitions", "counseling referrals",
            "internship placements", "tutoring blocks", "home visits", "bilingual newsletters",
            "grade-level meetings", "walkthrough protocols", "intervention groups",
            "behavior expectations", "course pathways", "college applications", "art residencies",
            "music ensembles", "summer bridge sessions", "new-teacher induction"]
_QUALIFIERS = ["across both schools", "in every grade", "over a full school year",
               "with a small team", "through monthly check-ins", "from the first week",
               "with clear goals", "at low cost", "alongside district partners",
               "with the families it serves", "before the winter break", "during lunch",
               "after dismissal", "on Saturday mornings", "within the existing budget",
               "through a shared calendar", "using free public tools", "with student leaders",
               "in two languages", "under a memorandum of understanding",
               "with a part-time coordinator", "in partnership with a local university",
               "for newly arrived students", "for students with disabilities",
               "in the middle grades", "across three campuses", "without extra staff"]
_OPENERS = ["In practice,", "Over time,", "From the start,", "Each term,", "In the first year,",
            "Since then,", "As a result,", "In most weeks,", "For adopters,", "Above all,",
            "By the second year,", "Teachers report that", "Families say that",
            "According to the principal,", "Put simply,", "In a typical month,",
            "After a slow start,", "With modest funding,", "Unlike earlier efforts,"]
_SUBJECTS = ["the programme", "the team", "the partnership", "the approach", "each cohort",
             "the coordinator", "the coaching model", "the leadership team", "the network",
             "the partner school", "every classroom", "the family council", "the pilot"]

@dataclass(frozen=True)
class SyntheticFile:
    """One file of the corpus: its path inside the profiles folder, and its bytes."""

    path: str
    content: bytes


def profiles(n: int, *, seed: int = 0, case_studies: Sequence[str] = (),
             templates: Sequence[str] = ()) -> Iterator[SyntheticFile]:
    """``n`` valid profiles (and their attachments), deterministic for ``seed``.

    ``case_studies`` and ``templates`` are slugs that exist in the target site;
    profiles reference a few of them. About 2 % are drafts and 5 % archived.
    """
    vocab = vocabulary()
    lists = {name: vocab.slugs(name) for name in
             ("topics", "grade_bands", "formats", "states", "essa_tiers", "levels")}
    # "not-stated" stands alone (validate refuses it beside a band): never drawn at random.
    lists["grade_bands"] = [b for b in lists["grade_bands"] if b != "not-stated"]
    sectors = [s for s in vocab.slugs("sectors") if s != "other"]
    for i in range(n):
        rng = random.Random(f"{seed}:{i}")  # per file, so file i is the same whatever n is
        topics = rng.sample(lists["topics"], rng.randint(1, 4))
        place = rng.choice(_PLACES)
        title = f"{place} {rng.choice(_PRACTICE_ADJ)} {_label(vocab, 'topics', topics[0])} " \
                f"{rng.choice(_PRACTICE_NOUNS)}"
        slug = f"{slugify(title)}-{i:05d}"
        folder = i % SHARE_FOLDER == SHARE_FOLDER - 1
        path = f"{slug}/index.md" if folder else f"{slug}.md"
        data = _front_matter(rng, i, title, topics, lists, sectors, case_studies, templates,
                             attachment="handbook.txt" if folder else None)
        body = _body(rng, title, topics, data, vocab)
        text = "---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=88) \
               + "---\n\n" + body
        yield SyntheticFile(path, text.encode("utf-8"))
        if folder:
            yield SyntheticFile(f"{slug}/handbook.txt",
                                f"{title}: programme handbook.\n".encode())


def write(folder: Path, n: int, *, seed: int = 0, case_studies: Sequence[str] = (),
          templates: Sequence[str] = ()) -> list[Path]:
    """Write :func:`profiles` into the profiles ``folder``; returns the paths written."""
    out = []
    for f in profiles(n, seed=seed, case_studies=case_studies, templates=templates):
        target = folder / f.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(f.content)
        out.append(target)
    return out


def _label(vocab, name: str, slug) -> str:
    return vocab.label(name, slug)


def _date(rng: random.Random, after: dt.date | None = None) -> str:
    start = after or _EPOCH
    return (start + dt.timedelta(days=rng.randint(0, 365 * 2))).isoformat()


def _front_matter(rng: random.Random, i: int, title: str, topics: list[str], lists: dict,
                  sectors: list[str], case_studies: Sequence[str], templates: Sequence[str],
                  attachment: str | None) -> dict:
    state = lists["states"][i % len(lists["states"])] if rng.random() < 0.5 \
        else rng.choice(lists["states"])
    place = title.split(" ")[0]
    school = {"name": f"{place} {rng.choice(_SCHOOL_KINDS)}", "sector": rng.choice(sectors[:2]),
              "state": state, "city": rng.choice(_CITIES), "grades": rng.choice(
                  ["K-5", "K-8", "6-8", "6-12", "9-12", "PK-5", "PK-8"]),
              "website": f"https://school-{i}.example.org"}
    levels = sorted(rng.sample(lists["levels"], rng.randint(1, 4)))
    resources = []
    for n, level in enumerate(levels):
        res = {"level": level, "title": f"{rng.choice(['Overview', 'Guide', 'Training', 'Visit', 'Coaching'])}"
               f" for {_object(rng)}", "format": rng.choice(lists["formats"]),
               "description": _sentence(rng, title)}
        if n == 0 and attachment:
            res["file"] = attachment
        elif rng.random() < 0.6:
            res["url"] = f"https://resources.example.org/{i}/{level}"
        resources.append(res)
    submitted = _date(rng)
    data: dict = {
        "title": title,
        "summary": f"{_sentence(rng, title)} {_sentence(rng, title)}"[:300].rstrip(),
        "school": school,
        "topics": topics,
        "grade_bands": rng.sample(lists["grade_bands"], rng.randint(1, 3)),
        "approaches": rng.sample(lists["formats"], rng.randint(1, 4)),
        "resources": resources,
        "evidence": {
            "essa_tier": rng.choice(lists["essa_tiers"]),
            "summary": " ".join(_sentence(rng, title) for _ in range(3)),
            "outcomes": [{"metric": f"Students meeting the {rng.choice(['reading', 'math', 'attendance'])}"
                          " benchmark", "before": f"{rng.randint(20, 60)} percent",
                          "after": f"{rng.randint(50, 90)} percent",
                          "year": f"{(y := rng.randint(2016, 2023))}-{(y + 1) % 100:02d}",
                          "source": "School records"}],
        },
        "partners": [{"name": f"{rng.choice(_PLACES)} Public Schools", "sector": "district"},
                     {"name": f"{rng.choice(_PLACES)} University", "sector": rng.choice(sectors)}],
        "funding": _sentence(rng, title),
        "contact": {"name": f"{rng.choice(_FIRST)} {rng.choice(_LAST)}", "role": rng.choice(_ROLES),
                    "organization": school["name"], "email": f"partners{i}@example.org",
                    "url": f"https://school-{i}.example.org/contact"},
        "non_negotiables": [_sentence(rng, title) for _ in range(2)],
        "conditions": [_sentence(rng, title) for _ in range(2)],
        "cost": f"About ${rng.randint(2, 40) * 1000:,} a year and {rng.randint(1, 5)} staff hours a week.",
        "time_commitment": f"{rng.randint(1, 3)} school years, with monthly meetings.",
        "status": "draft" if rng.random() < 0.02 else "archived" if rng.random() < 0.05 else "published",
        "submitted": submitted,
        "last_reviewed": _date(rng, dt.date.fromisoformat(submitted)),
        "sources": [{"title": f"{title}: annual report", "publisher": school["name"],
                     "author": f"{rng.choice(_FIRST)} {rng.choice(_LAST)}",
                     "year": int(submitted[:4]), "url": f"https://reports.example.org/{i}",
                     "pages": f"{rng.randint(1, 9)}-{rng.randint(10, 30)}"}],
    }
    if case_studies and rng.random() < 0.3:
        data["case_studies"] = rng.sample(list(case_studies), min(len(case_studies), 2))
    if templates and rng.random() < 0.5:
        data["templates"] = rng.sample(list(templates), min(len(templates), 2))
    return data


def _object(rng: random.Random) -> str:
    return rng.choice(_OBJECTS)


def _sentence(rng: random.Random, title: str) -> str:
    subject = title.split(" ", 1)[1].lower() if rng.random() < 0.3 else rng.choice(_SUBJECTS)
    extra = f" and {rng.choice(_OBJECTS)}" if rng.random() < 0.4 else ""
    return (f"{rng.choice(_OPENERS)} {subject} {rng.choice(_VERBS)} "
            f"{rng.choice(_OBJECTS)}{extra} {rng.choice(_QUALIFIERS)}.")


def _paragraph(rng: random.Random, title: str, sentences: int) -> str:
    return " ".join(_sentence(rng, title) for _ in range(sentences))


def _body(rng: random.Random, title: str, topics: list[str], data: dict, vocab) -> str:
    """About 800 words: four headed sections, a numbered list and a table."""
    labels = ", ".join(vocab.label("topics", t).lower() for t in topics)
    parts = [
        "## The practice", "",
        f"{data['school']['name']} runs this practice to improve {labels}. "
        + _paragraph(rng, title, 6), "",
        _paragraph(rng, title, 6), "",
        "## Evidence of success", "",
        _paragraph(rng, title, 6), "",
        "| Measure | Before | After |", "| --- | --- | --- |",
    ]
    for _ in range(4):
        parts.append(f"| {rng.choice(_OBJECTS).capitalize()} | {rng.randint(10, 60)}% "
                     f"| {rng.randint(40, 95)}% |")
    parts += ["", "## How to adopt it", ""]
    parts += [f"{k}. {_sentence(rng, title)}" for k in range(1, 7)]
    parts += ["", "## Lessons learned", ""]
    body = "\n".join(parts)
    # Top up with paragraphs until the body reaches its length, as real write-ups vary.
    while len(body.split()) < WORDS_PER_BODY:
        body += "\n\n" + _paragraph(rng, title, 4)
    return body + "\n"
