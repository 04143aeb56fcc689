"""The LLM composer: the needed papers go into the prompt numbered [1], [2] ...; the model's
answer streams back; its markers are parsed and checked against those sources.

Out of scope: the HTTP client and its failures (assistant/llm.py); evidence selection.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..models import CANNOT_ANSWER, CITATION_EXAMPLE, Answer, Citation, Delta, Hit, Kind, Retrieval, authors_text
from ..prompts import render
from ..text import MARKER, defuse_markers
from .citations import check_markers, source


def context_entry(n: int, h: Hit) -> str:
    p = h.paper
    meta = [f"Authors: {authors_text(p) or 'not listed'}" + (f" ({p.author_count} authors)" if p.author_count else "")]
    meta.append(f"Date: {p.date or 'not listed'}")
    if p.venue:
        meta.append(f"Venue: {p.venue}")
    if p.affiliation:
        meta.append(f"Affiliation: {p.affiliation}")
    if p.profiles:
        meta.append("Listed on the profile of: " + ", ".join(p.profiles))
    return f"[{n}] Title: {p.title}\n" + " | ".join(meta) + f"\nAbstract: {defuse_markers(p.abstract)}"


def messages(question: str, retrieval: Retrieval) -> list[dict]:
    hits, plan = retrieval.hits, retrieval.plan
    pos = {h.paper.id: i for i, h in enumerate(hits, 1)}
    notes = []
    if plan.kind is Kind.COMPARATIVE and retrieval.groups:
        parts = [f"{name} = " + ", ".join(f"[{pos[h.paper.id]}]" for h in group) for name, group in retrieval.groups.items()]
        notes.append("The question compares: " + "; ".join(parts) + ". Cover each of them.")
    if plan.missing:
        notes.append("Not in the collection (say so in the answer): " + ", ".join(plan.missing) + ".")
    system = render("system", cannot_answer=CANNOT_ANSWER, citation_example=CITATION_EXAMPLE)
    context = "\n\n".join(context_entry(i, h) for i, h in enumerate(hits, 1))
    user = render("answer", context=context, notes="\n".join(notes), question=question)
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def stream_answer(llm, question: str, retrieval: Retrieval, mode: str) -> Iterator[Delta]:
    """Yields the model's text as it comes; returns the checked `Answer`."""
    from ..llm import StreamCut

    if not retrieval.hits:
        yield Delta(CANNOT_ANSWER)
        return finish(CANNOT_ANSWER, retrieval, mode)
    pieces: list[str] = []
    incomplete, notice = False, ""
    try:
        for piece in llm.stream(messages(question, retrieval)):
            pieces.append(piece)
            yield Delta(piece)
    except StreamCut as e:
        incomplete, notice = True, str(e)
    return finish("".join(pieces).strip(), retrieval, mode, incomplete=incomplete, notice=notice)


def finish(text: str, retrieval: Retrieval, mode: str, incomplete: bool = False, notice: str = "") -> Answer:
    """Keep the markers that point at a source, drop the rest; detect a refusal."""
    hits = retrieval.hits
    text, cited, invalid = check_markers(text, len(hits))
    # A refusal is the sentinel alone; a text that also answers keeps its citations.
    bare = " ".join(MARKER.sub("", text).split()).lower()
    refused = bare == CANNOT_ANSWER.lower() or (CANNOT_ANSWER.lower() in bare and not cited)
    if refused:
        cited = []
    if incomplete:
        text += "\n\n*(answer incomplete: the connection to the model broke off)*"
    citations = [Citation(n, hits[n - 1].paper.id, hits[n - 1].paper.title) for n in cited]
    sources = [source(n, hits[n - 1].paper, hits[n - 1].passages[:1] or [hits[n - 1].paper.abstract]) for n in sorted(cited)]
    if invalid and not notice:
        notice = f"removed citation markers that match no source: {', '.join(dict.fromkeys(invalid))}"
    return Answer(text=text or CANNOT_ANSWER, citations=citations, sources=sources, mode=mode,
                  standalone_question=retrieval.plan.question, refused=refused or not text, incomplete=incomplete,
                  invalid_markers=invalid, notice=notice, kind=retrieval.plan.kind.value)
