"""The LLM's context: the evidence for the question fitted into a token budget.

Each needed paper appears once, numbered [1], [2] ... in retrieval order: its title, people,
date and venue on two lines, then its sentences that best answer the asked aspect (per facet
for a comparison), best first, until the paper's share of `Settings.llm_context_tokens` is
spent; a question asking several things gets the best sentence of each part first. The papers
the question names or describes share the budget equally and come first;
the rest of the context gets what they leave (headers first, so every paper is at least named). Tokens are counted with tiktoken's cl100k_base
(shipped inside llama-index-core, no download): any model's tokenizer is within a few percent.

At most `Settings.llm_context_papers` papers go in (`select`).

Out of scope: the prompt's wording (prompts/), the model call (llm_composer.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ..models import Hit, Kind, Plan, Retrieval, authors_text, page_date
from ..text import defuse_markers
from .evidence import EvidenceSelector


@lru_cache(maxsize=1)
def _encoding():
    import tiktoken
    from llama_index.core.utils import get_tokenizer

    # llama-index ships cl100k_base and loads it from its package (its tokenizer is this
    # encoding); tiktoken on its own would download the file, and the machine may be offline.
    get_tokenizer()
    return tiktoken.get_encoding("cl100k_base")


def count_tokens(text: str) -> int:
    return len(_encoding().encode(text, disallowed_special=()))


@dataclass
class Entry:
    number: int
    hit: Hit
    header: str
    sentences: list[str] = field(default_factory=list)
    locators: list[str] = field(default_factory=list)

    def render(self) -> str:
        body = " ".join(defuse_markers(s) for s in self.sentences)
        return f"{self.header}\nEvidence: {body}" if body else self.header

    @property
    def passage(self) -> str:
        return " … ".join(self.sentences) or self.hit.paper.abstract[:400]

    @property
    def lines(self) -> str:
        """The passage one sentence a line, for checks that read sentences: " … " joins
        would run one sentence's numbers into the next one's words."""
        return "\n".join(self.sentences) or self.hit.paper.abstract[:400]


def header(n: int, h: Hit) -> str:
    p = h.paper
    meta = [f"Authors: {authors_text(p) or 'not listed'}" + (f" ({p.author_count} authors)" if p.author_count else "")]
    meta.append(f"Date: {p.date or 'not listed'}" + (f" ({page_date(p)})" if p.date and page_date(p) != p.date else ""))
    if p.venue:
        meta.append(f"Venue: {p.venue}")
    if p.affiliation:
        meta.append(f"Affiliation: {p.affiliation}")
    if p.profiles:
        meta.append("Listed on the profile of: " + ", ".join(p.profiles))
    return f"[{n}] Title: {p.title}\n" + " | ".join(meta)


def select(retrieval: Retrieval, n: int) -> Retrieval:
    """At most `n` papers (`Settings.llm_context_papers`): each named or described paper's best
    hit first, then the other targeted hits, and only when the question targets none, the best
    ranked; kept in rank order so the markers follow retrieval. Every paper costs a small model
    seconds to read."""
    hits = retrieval.hits
    if retrieval.groups and any(retrieval.groups.values()):
        # The question names or describes its papers: neighbours would only cost reading time.
        n = min(n, len({id(h) for g in retrieval.groups.values() for h in g}))
    if len(hits) <= n:
        return retrieval
    order = [g[0] for g in retrieval.groups.values() if g] + [h for g in retrieval.groups.values() for h in g] + hits
    keep: dict[int, Hit] = {}
    for h in order:
        if len(keep) >= max(n, len(retrieval.groups)):
            break
        keep.setdefault(id(h), h)
    kept = [h for h in hits if id(h) in keep]
    groups = {name: [h for h in g if id(h) in keep] for name, g in retrieval.groups.items()}
    return Retrieval(retrieval.plan, kept, groups)


def build(plan: Plan, retrieval: Retrieval, evidence: EvidenceSelector, budget: int) -> list[Entry]:
    """The entries of the context, every one within its share of `budget` tokens."""
    hits = retrieval.hits
    if not hits:
        return []
    targeted = {h.paper.id for g in retrieval.groups.values() for h in g}
    entries = [Entry(i, h, header(i, h)) for i, h in enumerate(hits, 1)]
    first = [e for e in entries if e.hit.paper.id in targeted] or entries[:1]
    rest = [e for e in entries if e not in first]
    spent = sum(count_tokens(e.header) + 2 for e in entries)
    share = max(0, budget - spent) // max(1, len(first))
    for e in first:
        spent += _fill(e, plan, evidence, share)
    for e in rest:  # the neighbours share what the targets left, best ranked first
        spent += _fill(e, plan, evidence, max(0, min(share, budget - spent)))
    return entries


def _fill(e: Entry, plan: Plan, evidence: EvidenceSelector, tokens: int) -> int:
    """Fills `e` with its best sentences for the asked thing, within `tokens`. A question
    asking several things (a comparison's facets, or a factoid's parts: "what accuracy ...,
    and how much smaller ...?") takes the best sentence of every part before the second best
    of any, so a tight budget never spends itself on the first part alone."""
    facets = plan.facets if plan.kind in (Kind.COMPARATIVE, Kind.FACTOID) and plan.facets else [None]
    # (A row asked of another paper, "... the second uses", takes none of this one's budget.)
    facets = [f for f in facets if plan.asks(f, e.hit.paper.id)] or [None]
    # The parts are read from the question's wording; when that reading is wrong, the
    # sentences closest to the whole question still hold the asked fact.
    facets = list(dict.fromkeys(None if f == "approach" else f for f in facets + [None]))
    per_facet: list[list[tuple[str, str]]] = []
    added: list[list[tuple[str, str]]] = []  # (quoted for a word the best lack: after every part's own)
    for facet in facets:
        ev = evidence.for_paper(plan, e.hit, facet=facet, n=12, close_only=False)
        pairs = list(zip(ev.sentences, ev.locators))
        per_facet.append(pairs[: len(pairs) - ev.added])
        added.append(pairs[len(pairs) - ev.added:])
    ranked: list[tuple[str, str]] = []
    seen: set[str] = set()
    for group in (per_facet, added):
        for rank in range(max(map(len, group), default=0)):
            for f in group:
                # By its text: two parts may find one sentence under two locators (chunks overlap).
                if rank < len(f) and f[rank][0] not in seen:
                    seen.add(f[rank][0])
                    ranked.append(f[rank])
    used = 0
    for s, loc in ranked:
        cost = count_tokens(s) + 1
        if used + cost > tokens:
            continue  # a shorter, lower-ranked sentence may still fit
        e.sentences.append(s)
        e.locators.append(loc)
        used += cost
    return used
