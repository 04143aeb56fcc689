"""Record queries: papers picked by their records, not their text: the oldest or newest, those
listed on several pages, all papers (of a year), the papers of some authors or venues.

Out of scope: ranking by meaning (search.py); wording the answer (answer/).
"""

from __future__ import annotations

import re

from ..corpus import Paper
from ..models import Plan, RecordQuery
from .search import year_ok


def dated(p: Paper) -> bool:
    return bool(p.date and re.match(r"\d{4}", p.date))


def pool(papers: dict[str, Paper], plan: Plan) -> list[Paper]:
    """The papers the question's authors, venues and year allow."""
    out = list(papers.values())
    if plan.authors:
        ids = set.intersection(*(set(v) for v in plan.authors.values()))
        out = [p for p in out if p.id in ids]
    if plan.venues:
        ids = set.union(*(set(v) for v in plan.venues.values()))
        out = [p for p in out if p.id in ids]
    return [p for p in out if year_ok(p, plan.year)]


def by_record(papers: dict[str, Paper], plan: Plan) -> list[Paper]:
    which = plan.record_query
    candidates = pool(papers, plan)
    if which is RecordQuery.MULTI_PAGE:
        return sorted((p for p in candidates if len(p.sources) > 1), key=lambda p: p.title)
    if which in (RecordQuery.ALL, RecordQuery.COUNT, None):
        return sorted(candidates, key=lambda p: p.date or "")
    ordered = sorted((p for p in candidates if dated(p)), key=lambda p: p.date, reverse=(which is RecordQuery.NEWEST))
    return ordered[: plan.record_n]


def author_ids(plan: Plan, question: str) -> list[str]:
    """Papers of the question's authors: of all of them when it asks for joint work."""
    sets = [set(v) for v in plan.authors.values()]
    joint = len(sets) > 1 and re.search(r"\b(together|both|co-?author\w*|jointly|with)\b", question, re.I)
    ids = set.intersection(*sets) if joint else set.union(*sets) if sets else None
    for v in plan.venues.values():
        ids = set(v) if ids is None else ids & set(v)
    return sorted(ids or [])
