"""Record queries: papers picked by their records, not their text: the oldest or newest, those
listed on several pages, all papers (of a year), the papers of some authors or venues. Answered
from the paper table's indexes (assistant/records.py), never by reading every record.

Out of scope: ranking by meaning (search.py); wording the answer (answer/).
"""

from __future__ import annotations

import re

from ..corpus import Paper
from ..models import Plan, RecordQuery
from .search import year_ok

_BY_DATE_MAX = 30000  # ids per paper-table date query (SQLite's variable limit)


def dated(p: Paper) -> bool:
    return bool(p.date and re.match(r"\d{4}", p.date))


def pool_ids(records, plan: Plan) -> list[str] | None:
    """Ids of the papers the question's authors, venues and year allow; None: every paper."""
    ids: set[str] | None = None
    if plan.authors:
        ids = set.intersection(*(set(v) for v in plan.authors.values()))
    if plan.venues:
        venue = set.union(*(set(v) for v in plan.venues.values()))
        ids = venue if ids is None else ids & venue
    if plan.year:
        op, y = plan.year
        year = set(records.ids_where(year=(op, y) if op in ("since", "after", "before") else y))
        ids = year if ids is None else ids & year
    return None if ids is None else sorted(ids)


def by_record(records, plan: Plan) -> list[Paper]:
    which = plan.record_query
    ids = pool_ids(records, plan)
    if which is RecordQuery.MULTI_PAGE:
        multi = records.multi_source()
        keep = multi if ids is None else sorted(set(multi) & set(ids))
        return sorted(records.get_many(keep).values(), key=lambda p: p.title)
    if which in (RecordQuery.ALL, RecordQuery.COUNT, None):
        papers = records.get_many(ids) if ids is not None else {p.id: p for p in records.iter_papers()}
        return sorted(papers.values(), key=lambda p: (p.date or "", p.id))
    newest = which is RecordQuery.NEWEST
    if ids is None:
        found = records.by_date(None, newest=newest, limit=plan.record_n)
    else:  # in slices, then the best of the slices' best
        found = [pid for s in range(0, len(ids), _BY_DATE_MAX)
                 for pid in records.by_date(ids[s:s + _BY_DATE_MAX], newest=newest, limit=plan.record_n)]
    papers = records.get_many(found)
    # Stable: papers of one date stay in id order, as the table gave them.
    ordered = sorted((papers[pid] for pid in found if pid in papers), key=lambda p: p.date, reverse=newest)
    return [p for p in ordered if dated(p)][: plan.record_n]


def author_ids(plan: Plan, question: str) -> list[str]:
    """Papers of the question's authors: of all of them when it asks for joint work."""
    sets = [set(v) for v in plan.authors.values()]
    joint = len(sets) > 1 and re.search(r"\b(together|both|co-?author\w*|jointly|with)\b", question, re.I)
    ids = set.intersection(*sets) if joint else set.union(*sets) if sets else None
    for v in plan.venues.values():
        ids = set(v) if ids is None else ids & set(v)
    return sorted(ids or [])


__all__ = ["by_record", "author_ids", "dated", "pool_ids", "year_ok"]
