"""Compared papers and asked numbers the model's answer leaves out, filled in from the evidence.

A small model answers the first thing a question asks and stops ("what is it called, and how
much memory does it need?" -> the name only), or gives one compared paper's number and not
the other's. The pipeline knows which parts ask for a number (`Plan.numeric_facets`, or the
whole question when its aspect is a number) and which papers the question is about, so it can
see a part whose number is missing: the paper's best sentence for that part states numbers,
and the answer states none of them (numbers the question itself gives, like "a 13B model",
tell nothing; a part that states its number and asks no "how much", like "which paper
reports 12.3%?", asks for a paper, not a number). Such a part gets that sentence, quoted and
cited, after the model's answer, under a label saying it is quoted, not the model's. Likewise
a compared paper the answer never cites gets its best sentence for the asked aspect.

A part that asks for a thing rather than a number ("which accelerator card", "what corpus") is
checked the same way by the sentence's names with a digit ("FX900", "DataSet-1k"): the answer
writes one, or the part is missing. A question's own words and the paper's own name tell nothing. Whether a
sentence answers a "how does it work" part is a judgement this module does not make.

A comparison gets more than its gaps: the pipeline's own side-by-side table (the extractive
composer's, one row per asked part, one column per compared paper) under the model's prose,
labelled. A small model answers "how much faster" and skips "how does it differ"; whether its
prose answers a mechanism is not checkable, and the table puts every asked fact of every
compared paper side by side whatever the prose says.

Out of scope: choosing the evidence (evidence.py); numbers the answer states wrongly
(attribution.py, number_context.py).
"""

from __future__ import annotations

import re

from ..models import Answer, Aspect, Kind, Plan, title_prefix
from ..retrieval.phrasing import WORK_NOUNS
from ..text import MARKER, NAME_TOKEN, defuse_markers, looks_like_name, quantities
from .attribution import numbers_in
from .number_context import attachments, terms

_ASKS_WORK = re.compile(rf"^\W*(?:which|what)\s+(?:[\w-]+\s+){{0,2}}?(?:{WORK_NOUNS}|one)\b", re.I)

LABEL = "Quoted from the papers for what the answer above leaves out"
TABLE_LABEL = "Side by side, quoted from the papers the answer above was written from"


def _numbers(text: str) -> set[str]:
    return {n.rstrip("x%") for n in numbers_in(text)}


def _names(text: str) -> set[str]:
    """Names with a digit ("FX900", "ZB-210", "CIFAR-10"): a model, board or dataset is a thing
    asked; names without one ("LLMs", "Zeroth-Order") are mostly the topic's words."""
    return {t.lower() for t in NAME_TOKEN.findall(text) if looks_like_name(t) and any(c.isdigit() for c in t)}


def _asked_numbers(quote: str, part: str, name: str, given: set[str]) -> set[str]:
    """The quote's numbers that answer `part`: those whose clause shares most of the part's
    words ("how much memory" -> the number beside "memory", not the speedup beside it); all of
    them when no clause shares any. An answer giving the sentence's other number has not
    answered the part. Numbers the question gives (`given`) are its setting: they compete for
    no part (the caller takes them out of the result)."""
    ignore = frozenset(terms(name, frozenset()))
    # A word with a digit ("OPT-175B", "20B") is a setting the question gives, not the measure asked.
    want = terms(re.sub(r"\S*\d\S*", " ", part), ignore)
    placed = [(q.rstrip("x%"), ws) for q, ws in attachments(quote, ignore)]
    unplaced = _numbers(quote) - {q for q, _ in placed}  # "respectively" sentences
    placed = [(q, ws) for q, ws in placed if q not in given]
    best = max((len(ws & want) for _, ws in placed), default=0)
    if not best:
        return _numbers(quote)
    return {q for q, ws in placed if len(ws & want) == best} | unplaced


def _about(plan: Plan, entries) -> list:
    """The context entries of the papers the question names or describes; a baseline ("over
    ZO2") only when the question compares nothing else."""
    found = [t for t in plan.targets if not t.missing]
    found = [t for t in found if not t.baseline] or found
    targeted = {pid for t in found for pid in t.paper_ids}
    return [e for e in entries if e.hit.paper.id in targeted]


def missing_parts(plan: Plan, entries, evidence, answer: str) -> list[tuple[int, str, str]]:
    """(source number, part asked, the sentence answering it) for every asked number or thing
    that the answer lacks, in the order of the parts, each sentence once."""
    if plan.kind not in (Kind.FACTOID, Kind.COMPARATIVE) or plan.aspect is Aspect.METHOD:
        return []
    parts: list[str | None] = [f for f in plan.facets if f != "approach" and f not in plan.method_facets]
    if not parts and len(plan.facets) < 2:
        parts = [None]  # the whole question asks one thing
    about = _about(plan, entries)
    if not parts or not about:
        return []  # no papers: they are only the best matches, the model chose among them
    given = _numbers(plan.question) | _names(plan.question)
    stated = _numbers(answer) | _names(answer)
    # As many sentences as the extractive answer quotes for it: the asked number may be in the second.
    s = evidence.settings
    n = s.comparison_cell_sentences if plan.kind is Kind.COMPARATIVE else 1 if len(plan.facets) >= 2 else None
    out: list[tuple[int, str, str]] = []
    for part in parts:
        said = part or plan.question
        if quantities(said) and _ASKS_WORK.match(said):
            continue  # "which paper reports 12.3%?": the number is given; a paper is asked
        numeric = part in plan.numeric_facets if part else plan.aspect is Aspect.NUMBER
        for e in about:
            if not plan.asks(part, e.hit.paper.id):
                continue  # asked of another compared paper
            ev = evidence.for_paper(plan, e.hit, facet=part, n=n)
            if ev.absent or not ev.sentences:
                continue
            quote = " ".join(ev.sentences)
            # A number part is answered by a number; any other by a number or a name.
            own = _names(f"{e.hit.paper.title} {ev.label}")
            name = title_prefix(e.hit.paper) or ""
            asked = _asked_numbers(quote, said, name, given) if numeric else (_numbers(quote) | _names(quote)) - own
            asked -= given
            if asked and not asked & stated and all(quote != q for _, _, q in out):
                out.append((e.number, part or plan.question, quote))
    return out


def missing_papers(plan: Plan, entries, evidence, cited: list[int]) -> list[tuple[int, str, str]]:
    """(source number, paper, its best sentence) for every compared paper the answer never
    cites (`cited`: its markers): a comparison sets every paper side by side, and a small model
    may stop after one."""
    if plan.kind is not Kind.COMPARATIVE:
        return []
    out = []
    for e in _about(plan, entries):
        if e.number not in cited:
            # (Its first row asked of it: "the second's speedup" is none of the first's.)
            facet = next((f for f in plan.facets if f != "approach" and plan.asks(f, e.hit.paper.id)), None)
            ev = evidence.for_paper(plan, e.hit, facet=facet, n=1)
            if ev.sentences:
                out.append((e.number, e.hit.paper.title, ev.sentences[0]))
    return out


def fill(text: str, cited: list[int], plan: Plan, entries, evidence) -> tuple[str, list[str], dict[int, list[str]]]:
    """The answer (citing `cited`) with the missing parts quoted after it; the parts filled; and
    the quotes by source number: a quote may come from outside the budgeted passage shown as
    the source, and what the answer quotes its source must show."""
    missing = missing_papers(plan, entries, evidence, cited)
    quoted = {s for _, _, s in missing}
    missing += [m for m in missing_parts(plan, entries, evidence, text) if m[2] not in quoted]
    if not missing:
        return text, [], {}
    names = {e.number: title_prefix(e.hit.paper) or e.hit.paper.title for e in entries}
    lines = [f"- **{names[n]}** [{n}]: “{defuse_markers(sentence)}” [{n}]" for n, _, sentence in missing]
    quotes: dict[int, list[str]] = {}
    for n, _, sentence in missing:
        quotes.setdefault(n, []).append(sentence)
    return f"{text}\n\n*{LABEL}:*\n" + "\n".join(lines), [part for _, part, _ in missing], quotes


def side_by_side(own: Answer, hits) -> tuple[str, dict[int, list[str]]] | None:
    """The comparison table of `own` (the extractive answer to the same question from the same
    evidence) with its markers renumbered to the model's sources (`hits`, [1] first), and its
    quotes by source number; None when it has no table or cites a paper the model was not given."""
    lines = own.text.splitlines()
    rows = [i for i, x in enumerate(lines) if x.startswith("|")]
    if not rows or own.refused:
        return None
    table = "\n".join(lines[rows[0]: rows[-1] + 1])
    number = {h.paper.id: i for i, h in enumerate(hits, 1)}
    paper = {c.marker: c.paper_id for c in own.citations}

    def marked(m: re.Match) -> list[int]:
        return [int(n) for n in re.split(r"\s*[,;]\s*", m.group(1))]
    used = {n for m in MARKER.finditer(table) for n in marked(m)}
    if not used or any(paper.get(n) not in number for n in used):
        return None

    def renumber(m: re.Match) -> str:
        return "[" + ", ".join(str(number[paper[n]]) for n in marked(m)) + "]"
    quotes = {number[s.paper_id]: s.passage.split(" … ") for s in own.sources if s.marker in used}
    return MARKER.sub(renumber, table), quotes
