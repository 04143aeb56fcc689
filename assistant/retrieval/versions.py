"""Versions of one work: a preprint and its conference paper are two records that go by the
same name ("FooNet: ..." twice). A question that says it means them as versions ("two
write-ups of the FooNet work", "the 2024 preprint and the 2025 version", "what does each
version report") compares them, one target per record, labelled by what tells them apart.

Out of scope: telling one version apart when the question wants only one (the year or venue
in a description picks it: descriptions.py; said of the name: tell_apart.narrow_versions), and
works that are not records of the same name.
"""

from __future__ import annotations

import re

from ..models import Kind, Plan, Target, title_prefix
from ..text import as_word
from .facets import split_statements

# The question speaks of one work's several records: "two versions", "each write-up",
# "shows up twice", "both editions", "two FooNet entries".
_VERSIONS = re.compile(r"\b(?:versions|write-?ups|editions|twice)\b|\b(?:each|both|every|two|either|other)\s+(?:[\w'-]+\s+){0,2}?"
                       r"(?:versions?|write-?ups?|editions?|records?|entry|entries)\b", re.I)


def _family(pid: str, papers: dict) -> list[str]:
    """The records that go by the same name as paper `pid`, `pid` among them, oldest first."""
    name = (title_prefix(papers[pid]) or "").lower()
    if not name:
        return [pid]
    same = [i for i, p in papers.items() if (title_prefix(p) or "").lower() == name]
    return sorted(same, key=lambda i: (papers[i].date or "", papers[i].title))


def _label(name: str, p, others: list) -> str:
    """What tells this record apart from its siblings: its year, else its venue, else its title."""
    if p.year and sum(o.year == p.year for o in others) == 1:
        return f"{name} ({p.year})"
    if p.venue and sum(o.venue == p.venue for o in others) == 1:
        return f"{name} ({p.venue})"
    return p.title


def split_versions(q: str, plan: Plan, papers: dict) -> bool:
    """Makes `plan` a comparison of a work's versions when the question asks about its versions
    and its one subject goes by a name several records share; True when it did."""
    if not _VERSIONS.search(q):
        return False
    subjects = [t for t in plan.targets if t.paper_ids and not t.baseline]
    subjects = [t for t in subjects if t.confidence == max(u.confidence for u in subjects)]  # the firmest named
    families = {tuple(_family(pid, papers)) for t in subjects for pid in t.paper_ids}
    if len(families) != 1 or len(family := list(next(iter(families)))) < 2:
        return False
    records = [papers[i] for i in family]
    name = title_prefix(records[0]) or records[0].title
    # Words that look like names where the records are told apart ("two write-ups: the DAC one
    # and the arXiv one.") qualify no answer unless a version states them; the question
    # sentence's qualifiers stay ("... save on CIFAR-100?").
    text = " ".join(f"{p.title} {p.abstract}" for p in records)
    asked = split_statements(q)[1] or q
    plan.specifics = [x for x in plan.specifics if as_word(x).search(text) or as_word(x).search(asked)]
    plan.targets = [Target(_label(name, p, records), [p.id], by=subjects[0].by, confidence=subjects[0].confidence) for p in records]
    plan.kind = Kind.COMPARATIVE
    return True


# A version written after a name: "FooNet v2", "FooNet V1.5" (and in a name: "QuxNet v2").
_TAG_AFTER = re.compile(r" [vV](\d+(?:\.\d+)*)\b(?!\.\d)")
VERSION_TAG = re.compile(r"(?<![\w.])[vV](\d+(?:\.\d+)*)\b")  # "v2", "V1.5"


def _release(tag: str) -> tuple[int, ...]:
    """"1", "1.0" -> (1,): versions compared as numbers, trailing zeros dropped."""
    parts = [int(x) for x in tag.split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def version_after(q: str, end: int) -> str:
    """The version tag a name ending at q[end] is given right after it (" v1"), else ""."""
    m = _TAG_AFTER.match(q, end)
    return m.group() if m else ""


def of_version(tag: str, cands: dict[str, int], label) -> dict[str, int]:
    """The candidate papers that are the asked version of their work: those whose name carries
    that version ("QuxNet v2" for "quxnet v2"), or none, when the first is asked (a work's first
    paper goes by its bare name). Another version is another paper: "QuxNet v1" asked of a
    collection holding only "QuxNet v2" names no paper in it. `label(pid)` is a paper's name."""
    asked = _release(tag.strip()[1:])  # (" v1.5": version_after's tag)
    kept = {}
    for pid, v in cands.items():
        own = VERSION_TAG.search(label(pid) or "")
        if (_release(own.group(1)) if own else (1,)) == asked:
            kept[pid] = v
    return kept
