"""Names the collection only mentions: a system its papers beat or cite as an example of
others' work ("outperforms FooServe", "engines such as FooServe") is no paper of the
collection, and a question calling it a work ("the FooServe paper") asks about a missing one.

Out of scope: names papers go by (names.py); what a named paper is measured against (compared.py).
"""

from __future__ import annotations

import re

from ..models import Plan, Target
from ..text import AGAINST_WORDS, looks_like_name
from .phrasing import _WEAK_NAME, WORK_NOUNS


# What a paper sets its own work beside: a rival ("outperforms X", "over X", "than X") or an
# example of others' work ("systems such as X"), a few words before the name.
_BESIDE_OWN = re.compile(rf"\b(?:{AGAINST_WORDS}|such\s+as|like|including|e\.g\.,?)\s+(?:[\w.+-]+\s+){{0,6}}$", re.I)


def only_others(name: str, text: str) -> bool:
    """Does `text` mention `name` only as a rival or an example of others' work ("outperforms
    FooServe", "engines such as FooServe")? Then the paper is not FooServe's."""
    spots = [m.start() for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text, re.I)]
    return bool(spots) and all(_BESIDE_OWN.search(text[max(0, i - 80): i]) for i in spots)


def others_only(plan: Plan, papers) -> None:
    """With no paper named firmly, a name the question calls a work ("the FooServe paper")
    that every paper using it only beats or cites is missing. (Beside a paper named firmly it is
    that one's baseline; a name in a description, "the FooServe-vs-BarServe study", is no work.)
    `papers`: id -> Paper."""
    if any(t.confidence > _WEAK_NAME for t in plan.targets):
        return
    for t in plan.targets:
        if t.by == "name" and looks_like_name(t.phrase) and _called_work(plan.question, t.phrase) and all(
                only_others(t.phrase, f"{papers[i].title}. {papers[i].abstract}") for i in t.paper_ids):
            t.paper_ids = []


def papers_named(q: str, subjects: list[Target]) -> bool:
    """Are the subjects all missing names the question calls works ("the FooServe paper")?
    Then no description stands in for them."""
    return all(t.missing and _called_work(q, t.phrase) for t in subjects)


def _called_work(q: str, name: str) -> bool:
    """Does `q` call `name` a work ("the FooServe paper")?"""
    return bool(re.search(rf"(?<![\w-]){re.escape(name)}\s+(?:{WORK_NOUNS})\b", q, re.I))
