"""Which compared papers a row asks of. "The hit rate of the first, which cache the second
evicts with, and how many shards the third keeps" asks each row of one paper, by its place; "what
speedup does each get" asks every row of every paper. A row asked of a paper by its place
("the first", "the latter's", "does the second one need") is that paper's alone
(`Plan.facet_papers`): the other columns of its row are not asked, so they are neither
filled with a look-alike sentence nor refused.

A row whose question sentence names one compared paper alone ("Which cache does A evict from? Which
shard does the B study pin?") is that paper's, when each compared paper has one.

A clause that asks a question of its own ("Which cache does A use, and how many shards does B
pin?") is such a sentence.

A row asked after a paper's possessive ("A's speedup over X and the B paper's memory") is that
paper's, when each of two papers or more has one.

Out of scope: the rows' other wording (facets.py).
"""

from __future__ import annotations

import re

from ..models import Kind, Plan
from ..text import as_word, content_words, sentences
from .facets import parts, split_statements
from .phrasing import CLAIMS, WORK_NOUNS
from .places import _IN_ORDER, headed, marked, place_index

_AUX = r"(?:does|do|did|is|are|was|were|has|have|had|can|could|will|would)"
# "the second", "the latter's", "the first one", "the third paper": a place among the compared
# papers, when it is the subject or object of its clause ("from the first,", "the third has",
# "does the second need") and no modifier ("the first token", "the first paper to ...").
_PLACE_WORD = r"(first|second|third|fourth|former|latter|last|original|successor)(?:\s+(?:one|" + WORK_NOUNS + r"))?"
_PLACE_REF = re.compile(rf"\b{_AUX}\s+the\s+{_PLACE_WORD}\b|\bthe\s+{_PLACE_WORD}(?=['’]s\b|\s*(?:[,;:?.)]|$)|\s+(?:{_AUX}|{CLAIMS}|and|or)\b)", re.I)
# ", and how much ...", "; what ...": a clause that asks a question of its own.
# (Not a bare comma: ", which B also uses" is a relative clause.) A preposition may lead the
# interrogative: "..., and on which board does B run".
# ("and what's", "and whats": an interrogative contracted with "is", as chat writes it.)
_WH = r"(?:what|which|how|who|where|when|why)(?:['’]?s)?\s"
_NEW_QUESTION = re.compile(rf"(?:,\s*|\s+)(?:and|but)\s+(?=(?:(?:by|to|at|in|on|for|with|from|under|over)\s+)?{_WH})"
                           rf"|;\s*(?=(?:(?:by|to|at|in|on|for|with|from|under|over)\s+)?{_WH})"
                           r"|\?\s+", re.I)  # ("... at what rate? and the Y paper: how much ...": a question mark ends one)


def _position(q: str, phrase: str) -> int | None:
    """Where `phrase` first stands in `q` as words (not inside a longer word: "Foo" in "Foo8")."""
    m = as_word(phrase).search(q)
    return m.start() if m else None


def row_owners(q: str, plan: Plan) -> None:
    """Set `plan.facet_papers` for the rows of a comparison that ask one paper by its place."""
    plan.facet_papers = {}
    if plan.kind is Kind.COMPARATIVE and (own := possessive_rows(q, plan)) and all(row in plan.facets for row, _ in own):
        plan.facet_papers = {row: ids for row, ids in own}  # "A's memory and B's speedup": each row its owner's
        return
    # (One paper found by two phrases, "FooDB" and "the FooDB sharding study", is one place.)
    subjects = list({tuple(t.paper_ids): t for t in reversed(plan.targets) if not t.baseline and t.paper_ids}.values())[::-1]
    if plan.kind is not Kind.COMPARATIVE or len(subjects) < 2 or len(plan.facets) < 2:
        return  # (one row asks it of every paper, whatever place it names: "how does the latter compare")
    # Their places are the order the question brings them in; a paper whose phrase the question
    # does not hold as written (a label, a phrase cut at a clause) has no place, and nor has any.
    at = {id(t): min((p for u in plan.targets if u.paper_ids == t.paper_ids and (p := _position(q, u.phrase)) is not None), default=None)
          for t in subjects}
    if plan.places and len(plan.places) == len(subjects):  # (the order the statements brought them in)
        at = {id(t): plan.places.index(t.paper_ids) if t.paper_ids in plan.places else None for t in subjects}
    if None in at.values() or len(set(at.values())) < len(subjects):
        return
    subjects.sort(key=lambda t: at[id(t)])
    asked = [f for f in plan.facets if f != "approach"]
    if _IN_ORDER.search(q) and len(asked) == len(subjects):
        # "A, B and C: X, Y and Z respectively" / "in that order": the i-th row is the i-th paper's.
        plan.facet_papers = {f: t.paper_ids for f, t in zip(asked, subjects)}
        return
    said = {(m.group(1) or m.group(2)).lower() for m in _PLACE_REF.finditer(q)}
    for facet in plan.facets:
        places = {at for w in re.findall(r"[a-z]+", facet.lower()) if w in said and (at := place_index(w, len(subjects))) < len(subjects)}
        if places and len(places) < len(subjects):
            plan.facet_papers[facet] = [pid for at in sorted(places) for pid in subjects[at].paper_ids]
    owners = _by_sentence(q, plan, subjects)
    if plan.facet_papers:
        # "what does the former claim, and what does B's design reach": the rows not asked by
        # place are asked of the paper their own clause names.
        for facet, ids in owners.items():
            plan.facet_papers.setdefault(facet, ids)
    elif {tuple(ids) for ids in owners.values()} == {tuple(t.paper_ids) for t in subjects}:
        # (... and with no row asked by place, only when every compared paper has a row of its
        # own: "What does A report? And B?" gives B none, and its rows stay everyone's.)
        plan.facet_papers = owners


def _phrase_words(phrase: str) -> set[str]:
    """A work phrase's words besides its work noun, a compound's parts counted ("the pruning
    approach": "pruning")."""
    return {p for w in content_words(phrase) if not re.fullmatch(WORK_NOUNS, w) for p in {w, *w.split("-")} if p}


def _by_sentence(q: str, plan: Plan, subjects: list) -> dict[str, list[str]]:
    """"Which cache does A evict from? And which shard does the B study pin?": the rows whose
    question sentence (or clause) names one compared paper alone, with that paper."""
    # (A sentence asking two things, "Which cache does A use, and how many shards does B pin?", is two.)
    # ("(a) ...? (b) ...": each item; "A: ...? B: ...?": each question, its paper the one it is set off by.)
    heads = dict((u, h) for h, u in headed(q))
    said = parts(split_statements(q)[1]) if marked(q) else list(heads) or [
        c for x in sentences(q) if x.rstrip().endswith("?") for c in _NEW_QUESTION.split(x)]
    owners: dict[str, list[str]] = {}
    for facet in plan.facets:
        words = set(content_words(facet))
        home = [x for x in said if words and words <= set(content_words(x))]
        if len(home) != 1:
            continue
        # (After a lead-in that sets the papers side by side, "A vs B: what does A ...", the part's own words.)
        own = heads.get(home[0]) or (tail if (tail := home[0].rsplit(": ", 1)[-1]) and words <= set(content_words(tail)) else home[0])
        named = [t for t in subjects if any(u.paper_ids == t.paper_ids and as_word(u.phrase).search(own) for u in plan.targets)]
        if len(named) > 1 and (tail := re.split(r"\s[—–-]+\s", own)[-1]) != own and words <= set(content_words(tail)):
            # ... or a dash ("A vs B — what does A ..."): when the part names several papers, the
            # words after it (not "A reports X — how large is it": the part names one already).
            named = [t for t in named if any(u.paper_ids == t.paper_ids and as_word(u.phrase).search(tail) for u in plan.targets)]
        if not named:
            # "what does the study list": a short definite work phrase whose words are all in one
            # compared paper's phrase ("the broad pruning study") refers back to it.
            short = [_phrase_words(m.group()) for m in re.finditer(rf"\bthe\s+(?:[\w-]+\s+){{0,2}}?(?:{WORK_NOUNS})\b", own, re.I)]
            named = [t for t in subjects if any(w and any(u.paper_ids == t.paper_ids and w <= _phrase_words(u.phrase) for u in plan.targets) for w in short)]
        if len(named) == 1:
            owners[facet] = named[0].paper_ids
    return owners


# Where a row asked after a possessive ends: the next joint, or the next paper's possessive.
_ROW_END = re.compile(r"\s*(?:[,;?!]|\.(?:\s|$)|$|\s+and\s+(?=(?:(?:the|a|an)\s+)?[^,;?]*?['’]s\s)|\s+and\s+(?=(?:what|which|how|who|where|when|why)\s))", re.I)


def possessive_rows(q: str, plan: Plan) -> list[tuple[str, list[str]]]:
    """"A's memory for X and the Y paper's speedup over Z": each row asked after a compared
    paper's possessive, with that paper, in order; [] unless every compared paper has one."""
    rows: list[tuple[str, list[str]]] = []
    for t in plan.targets:
        if t.baseline or not t.paper_ids or not (m := re.search(r"(?<![\w-])" + re.escape(t.phrase) + r"(?:['’]s|(?<=s)['’])\s+(?:\([^()]*\)\s*)?", q, re.I)):
            continue
        row = q[m.end(): (e.start() + m.end()) if (e := _ROW_END.search(q[m.end():])) else len(q)].strip()
        row = re.sub(r"\s*,?\s*respectively$", "", row, flags=re.I)
        if content_words(row):
            rows.append((m.start(), row, t.paper_ids))
    owners = {tuple(ids) for _, _, ids in rows}
    subjects = {tuple(t.paper_ids) for t in plan.targets if not t.baseline and t.paper_ids}
    if len(rows) < 2 or len(owners) != len(rows) or len(rows) != len(subjects):
        return []
    # (... when the question asks nothing besides: in "Which gives more speedup, A's X or B's Y?"
    # the possessives name each paper's method, and the rows are what the question asks.)
    rest = q
    for x in sorted([row for _, row, _ in rows] + [t.phrase for t in plan.targets], key=len, reverse=True):
        rest = rest.replace(x, " ")
    if set(content_words(rest)) - {"respectively", "compare", "each", "both"}:
        return []
    return [(row, ids) for _, row, ids in sorted(rows)]
