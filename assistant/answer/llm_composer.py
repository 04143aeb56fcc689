"""The LLM composer: the evidence, fitted into a token budget (context.py), goes into the
prompt numbered [1], [2] ...; the model's answer streams back; then the pipeline owns the
result: an answer stopped at `llm_max_tokens` keeps its whole sentences; markers are parsed
and checked; claims are attributed to the sources that support them, and claims no source
supports (numbers or names it never states, numbers it gives for another quantity) are taken
out and listed apart (attribution.py); a degenerate answer (empty, only markers, cut off, no
supported statement left, or a refusal although the evidence answers the question) is
replaced by the extractive answer, labelled as such in the text and in `Answer.mode`. What the
prose leaves out is quoted after it (gaps.py); a comparison is followed by the pipeline's own
side-by-side table, labelled.

Out of scope: the HTTP client and its failures (assistant/llm.py); evidence selection.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator

from ..models import CANNOT_ANSWER, CITATION_EXAMPLE, Answer, Citation, Delta, Kind, Retrieval, title_prefix
from ..prompts import render
from ..text import MARKER
from . import context as ctx
from . import gaps
from .attribution import as_written, attribute, degenerate
from .citations import check_markers, source


def messages(question: str, retrieval: Retrieval, entries: list[ctx.Entry]) -> list[dict]:
    plan = retrieval.plan
    pos = {e.hit.paper.id: e.number for e in entries}
    notes = []
    if plan.kind is Kind.COMPARATIVE and retrieval.groups:
        parts = [f"{name} = " + ", ".join(f"[{pos[h.paper.id]}]" for h in group) for name, group in retrieval.groups.items()]
        notes.append("The question compares: " + "; ".join(parts) + ". One line for each of them.")
    asked = [f for f in plan.facets if f != "approach"]
    if len(asked) >= 2:
        # A small model answers the first thing asked and stops: name every part (and the one
        # paper a part asks of, when it asks one: "(2) which cache the second evicts with, of [2]").
        def of(f: str) -> str:
            ids = plan.facet_papers.get(f, [])
            return f", of {', '.join(f'[{pos[i]}]' for i in ids if i in pos)}" if any(i in pos for i in ids) else ""
        notes.append(f"The question asks {len(asked)} things; answer each: " + "; ".join(f"({i}) {f}{of(f)}" for i, f in enumerate(asked, 1)) + ".")
    if plan.missing:
        notes.append("Not in the collection (say so in the answer): " + ", ".join(plan.missing) + ".")
    system = render("system", cannot_answer=CANNOT_ANSWER, citation_example=CITATION_EXAMPLE)
    user = render("answer", context="\n\n".join(e.render() for e in entries), notes="\n".join(notes), question=question)
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def stream_answer(llm, question: str, retrieval: Retrieval, mode: str, evidence, settings,
                  fallback: Callable[[], Answer]) -> Iterator[Delta]:
    """Yields the model's text as it comes; returns the checked `Answer`."""
    from ..llm import StreamCut

    if not retrieval.hits:
        yield Delta(CANNOT_ANSWER)
        return finish(CANNOT_ANSWER, retrieval, [], mode, settings, fallback)
    retrieval = ctx.select(retrieval, settings.llm_context_papers)
    entries = ctx.build(retrieval.plan, retrieval, evidence, settings.llm_context_tokens)
    pieces: list[str] = []
    finished: list[str] = []
    incomplete, notice = False, ""
    try:
        for piece in llm.stream(messages(question, retrieval, entries), max_tokens=settings.llm_max_tokens,
                                finished=finished):
            pieces.append(piece)
            yield Delta(piece)
    except StreamCut as e:
        incomplete, notice = True, str(e)
    text = "".join(pieces).strip()
    if "length" in finished:
        # Stopped at llm_max_tokens: keep the whole sentences; a half claim is no claim.
        text, notice = whole_sentences(text), f"the answer was shortened to {settings.llm_max_tokens} tokens"
    return finish(text, retrieval, entries, mode, settings, fallback, incomplete, notice, evidence)


def whole_sentences(text: str) -> str:
    """`text` up to its last finished sentence, list item or table row ("" when none is)."""
    ends = [m.end() for m in re.finditer(r"[.!?](?:\s*\[\d+\])*(?=\s|$)|\]\s*(?=\n)|\|\s*(?=\n)", text)]
    return text[: ends[-1]].strip() if ends else ""


def finish(text: str, retrieval: Retrieval, entries: list[ctx.Entry], mode: str, settings,
           fallback: Callable[[], Answer], incomplete: bool = False, notice: str = "", evidence=None) -> Answer:
    """Check markers, attribute claims, and fall back when the model gave no answer."""
    fallback = functools.cache(fallback)  # the extractive answer: built once, however often it is needed
    hits = retrieval.hits
    text, cited, invalid = check_markers(text, len(hits))
    bare = " ".join(MARKER.sub("", text).split()).lower()
    refused = bare == CANNOT_ANSWER.lower() or (CANNOT_ANSWER.lower() in bare and not cited)
    why = degenerate(text) or ("the answer was cut off" if incomplete else "")
    replacement = None
    if not why and refused and hits:
        extractive = fallback()
        if not extractive.refused:
            why, replacement = "the model refused although the evidence answers the question", extractive
    if why:
        return _labelled(replacement or fallback(), why, mode, notice)
    unsupported: list[str] = []
    if not refused and entries:
        # The header too: a claim about authors, dates or venue is supported by it.
        sources = {e.number: e.header.split(" ", 1)[1] + "\n" + e.lines for e in entries}
        names = {e.number: title_prefix(e.hit.paper) or "" for e in entries}
        # An unsupported claim leaves the answer (it is listed apart, marked): it must not
        # stand there looking cited.
        text, unsupported = attribute(as_written(text, sources), sources, settings.llm_claim_min_support, names, drop=True)
        text, cited, more_invalid = check_markers(text, len(hits))
        invalid += more_invalid
        if degenerate(text) or not cited:
            why = "no statement of the model's answer is supported by the papers"
            replaced = _labelled(fallback(), why, mode, notice)
            replaced.unsupported = unsupported  # what the model said, shown apart as unsupported
            return replaced
    filled: list[str] = []
    quotes: dict[int, list[str]] = {}
    table, refused_parts = None, []
    if not refused and evidence is not None and entries:
        table = gaps.side_by_side(fallback(), hits) if retrieval.plan.kind is Kind.COMPARATIVE else None
        if table:
            text, quotes = f"{text}\n\n*{gaps.TABLE_LABEL}:*\n\n{table[0]}", table[1]
            refused_parts = list(fallback().refused_parts)  # the table's "not reported" cells
        else:
            text, filled, quotes = gaps.fill(text, cited, retrieval.plan, entries, evidence)
        if filled or table:
            text, cited, more_invalid = check_markers(text, len(hits))
            invalid += more_invalid
    if refused:
        cited = []
    by_number = {e.number: e for e in entries}
    citations = [Citation(n, hits[n - 1].paper.id, hits[n - 1].paper.title) for n in cited]
    sources_out = []
    for n in sorted(cited):
        e = by_number.get(n)
        passages = [e.passage] if e else (hits[n - 1].passages[:1] or [hits[n - 1].paper.abstract])
        passages += [q for q in quotes.get(n, []) if q not in passages[0]]
        sources_out.append(source(n, hits[n - 1].paper, passages, next((x for x in (e.locators if e else []) if x), "")))
    if invalid and not notice:
        notice = f"removed citation markers that match no source: {', '.join(dict.fromkeys(invalid))}"
    if unsupported and not notice:
        notice = f"{len(unsupported)} statement(s) not supported by the cited papers were taken out (listed below)"
    if filled and not notice:
        notice = f"{len(filled)} part(s) of the question the model left out are quoted from the papers"
    return Answer(text=text or CANNOT_ANSWER, citations=citations, sources=sources_out, mode=mode,
                  standalone_question=retrieval.plan.question, refused=refused or not text, incomplete=incomplete,
                  invalid_markers=invalid, notice=notice, kind=retrieval.plan.kind.value, unsupported=unsupported,
                  refused_parts=refused_parts)


def _labelled(answer: Answer, why: str, mode: str, notice: str) -> Answer:
    answer.text = f"*({why}; this answer is extractive, quoted from the papers)*\n\n{answer.text}"
    answer.mode = f"extractive (fallback from {mode})"
    answer.notice = notice or why
    return answer
