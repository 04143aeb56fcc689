"""Answers from the paper records: authors (all, first, last, how many), date, venue,
organisation, the pages listing a paper; the oldest or newest papers; papers on several
pages. A field the record lacks is said to be "not listed on its page", never guessed.

Out of scope: facts from the abstracts (extractive.py).
"""

from __future__ import annotations

from ..corpus import Paper
from ..models import CANNOT_ANSWER, Hit, Plan, RecordField, RecordQuery, Retrieval, authors_text, page_date
from ..retrieval.records import pool_ids
from .citations import Cites


def field_fact(p: Paper, f: RecordField) -> tuple[str, str]:
    """(what the answer says, the record line shown as the source's passage)."""
    if f is RecordField.VENUE:
        if p.venue:
            shown = p.venue + (f" ({p.year})" if p.year and str(p.year) not in p.venue else "")  # as its page shows it
            return f"appeared in **{shown}**", f"Venue: {shown}"
        return "has no venue listed on its page" + (f" (its page gives only a date, {p.date})" if p.date else ""), "Venue: not listed"
    if f is RecordField.DATE:
        shown = page_date(p)
        when = f"**{p.date}**" + (f" ({shown})" if shown != p.date else "")
        return (f"is dated {when}" if p.date else "has no date listed on its page"), f"Date: {p.date or 'not listed'}"
    if f is RecordField.ORGANISATION:
        if p.affiliation:
            return f"is associated with **{p.affiliation}** on its page", f"Organisation: {p.affiliation}"
        return "has no organisation or affiliation listed on its page", "Organisation: not listed"
    if f is RecordField.PAGE:
        where = ", ".join(p.sources)
        owners = f" (the profile page of {', '.join(p.profiles)})" if p.profiles else ""
        return f"is listed on **{where}**{owners}", f"Pages: {where}"
    count = p.author_count or (len(p.authors) if p.authors and not p.authors_truncated else None)
    line = f"Authors: {authors_text(p) or 'not listed'}" + (f" ({p.author_count} authors)" if p.author_count else "")
    if f is RecordField.AUTHOR_COUNT:
        if count:
            return f"has **{count} authors**", line
        return f"lists {len(p.authors)} authors before “et al.”; its page does not give the full count", line
    if f in (RecordField.FIRST_AUTHOR, RecordField.LAST_AUTHOR):
        if not p.authors:
            # (Not in bold: a count is no answer to who, and all fields lacking is a refusal.)
            return (f"has no author names listed on its page (only their count, {p.author_count})" if p.author_count
                    else "has no authors listed on its page"), line
        if f is RecordField.FIRST_AUTHOR:
            return f"has **{p.authors[0]}** as its first listed author", line
        if p.authors_truncated:
            return f"lists its authors only up to “et al.” (the last shown is {p.authors[-1]}), so its last author is not on its page", line
        return f"has **{p.authors[-1]}** as its last listed author", line
    if p.authors:
        fact = f"is by **{authors_text(p)}**" + (" (the page lists only the first authors)" if p.authors_truncated else "")
    elif p.author_count:
        fact = f"has **{p.author_count} authors**, whose names its page does not list"
    else:
        fact = "has no authors listed on its page"
    if p.profiles:
        fact += f", and is listed on the profile page of {', '.join(p.profiles)}"
    return fact, line


def record_answer(plan: Plan, retrieval: Retrieval, cite: Cites, retriever) -> str:
    if plan.record_query in (RecordQuery.OLDEST, RecordQuery.NEWEST, RecordQuery.MULTI_PAGE):
        return _by_record(plan, [h.paper for h in retrieval.hits if h.reason == "record"], cite, retriever)
    papers = [h.paper for h in retrieval.hits if h.reason.startswith(("named", "described"))]
    if not papers:
        # A description the planner could not pin down: the best match, if it is close.
        papers = [h.paper for h in retrieval.hits[:1] if _close(h, retriever.settings)]
    lines = []
    known = False
    for p in papers:
        facts, passage = [], []
        for f in plan.fields or [RecordField.AUTHORS]:
            fact, line = field_fact(p, f)
            # (The first and the last author of a page listing none: one fact, said once.)
            facts += [fact] if fact not in facts else []
            passage += [line] if line not in passage else []
            known = known or "**" in fact  # a fact found is shown in bold; a lacking one never is
        lines.append(f"**{p.title}** {cite(p, '. '.join(passage) + '.')} " + "; it ".join(facts) + ".")
    if RecordField.AUTHORS in plan.fields and len(papers) >= 2:
        common = set(papers[0].authors + papers[0].profiles)
        for p in papers[1:]:
            common &= set(p.authors + p.profiles)
        lines.insert(0, f"Listed on all of them: **{', '.join(sorted(common))}**." if common else
                     "No author is listed on all of them (the pages may truncate author lists).")
    if lines and not known:  # every asked field is missing from the records: say so as a refusal
        lines.insert(0, CANNOT_ANSWER)
    return "\n\n".join(lines)


def _close(h: Hit, settings) -> bool:
    return h.dense >= settings.describe_min_similarity


def _by_record(plan: Plan, papers: list[Paper], cite: Cites, retriever) -> str:
    if not papers:
        return ""
    if plan.record_query is RecordQuery.MULTI_PAGE:
        lines = [f"**{len(papers)} papers** are listed on more than one page:", ""]
        for p in papers:
            lines.append(f"- **{p.title}** {cite(p, 'Pages: ' + ', '.join(p.sources))} — on {', '.join(p.sources)}")
        return "\n".join(lines)
    word = "oldest" if plan.record_query is RecordQuery.OLDEST else "newest"
    first, rest = papers[0], papers[1:]
    # Of the papers the question ranges over (an author's, a venue's), as by_record chose them.
    undated = retriever.records.undated(pool_ids(retriever.records, plan))
    scope = f"by {' and '.join(plan.authors)}" if plan.authors else "in the collection"
    lines = [f"The {word} paper {scope} is **{first.title}**, dated {first.date} {cite(first, 'Date: ' + first.date)}."]
    if rest:
        lines.append("Next: " + "; ".join(f"*{p.title}* ({p.date}) {cite(p, 'Date: ' + p.date)}" for p in rest) + ".")
    if undated:
        lines.append(f"({undated} entries give no year and are left out.)")
    return "\n\n".join(lines)
