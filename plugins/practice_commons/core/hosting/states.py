"""State codes: checking the host's ``states:`` option, and ``commons report``'s filter.

A state-scoped site no longer filters its collection: records from other states are
refused by ``commons validate`` and the build (core/hosting/scope.py), so nothing a contributor
wrote is left out silently. :func:`only_states` remains for the report, which counts the
states a maintainer asks for (``--state``).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..content.collection import Collection
from ..rules.vocabulary import Vocabulary


def state_problems(states: Iterable[str], vocab: Vocabulary) -> list[str]:
    """One message per state code that is not in the vocabulary, with the nearest codes."""
    known = set(vocab.slugs("states"))
    out = []
    for code in states:
        if code in known:
            continue
        near = vocab.suggest("states", code)
        hint = f"did you mean {', '.join(repr(n) for n in near)}?" if near else \
            "use two-letter postal codes such as 'MA' or 'DC'"
        out.append(f"unknown state code {code!r} — {hint}")
    return out


def only_states(collection: Collection, states: Iterable[str]) -> Collection:
    """The collection without the profiles whose school is outside ``states``.

    Case studies, templates and pages stay: they are the shared toolkit. Links
    between records are rebuilt, so a case study no longer lists a profile
    that this site does not publish.
    """
    wanted = set(states)
    if not wanted:
        return collection
    kept = [r for r in collection.all()
            if r.kind != "profile" or any(s in wanted for s in r.states)]
    return Collection.of(kept)
