"""Hybrid search: one query -> papers, each with the chunks that matched.

Dense (Chroma through llama-index's `VectorStoreIndex` retriever, metadata filters inside the
query) and lexical (the persisted bm25s index of assistant/lexical.py, filters inside the
search, no lock) rankings, plus a ranking by the query's rare literal terms ("71.59%", "ZO2")
looked up in that index's vocabulary, fused by reciprocal rank *per paper* (llama-index's
`QueryFusionRetriever` fuses chunks, which would let one paper take several slots). No step
scans the corpus per question.

Out of scope: deciding what to search for (planner) and which papers an answer needs
(retrieval/__init__.py).
"""

from __future__ import annotations

import logging
import math
import re
import time
from collections import defaultdict

from ..corpus import PAGE, PAGE_END, Paper
from ..errors import AssistantError
from ..models import Hit
from ..settings import Settings
from ..text import content_words, looks_like_name

log = logging.getLogger("assistant")
RRF_K = 60  # the constant of Cormack et al.'s reciprocal rank fusion (also llama-index's)


def locator(meta: dict) -> str:
    """A chunk's page as a reader cites it: "p. 7", or "pp. 7–8" across a page break."""
    first, last = meta.get(PAGE), meta.get(PAGE_END)
    if not first:
        return ""
    return f"p. {first}" if not last or last == first else f"pp. {first}–{last}"


def year_ok(p: Paper, year: tuple[str, int] | None) -> bool:
    if not year:
        return True
    if p.year is None:
        return False
    op, y = year
    return {"since": p.year >= y, "after": p.year > y, "before": p.year < y}.get(op, p.year == y)


class HybridSearch:
    def __init__(self, settings: Settings, store, embed_model, papers: dict[str, Paper]):
        from llama_index.core import VectorStoreIndex
        from llama_index.core.vector_stores.utils import metadata_dict_to_node

        from ..lexical import LexicalIndex

        self.settings = settings
        self.papers = papers
        self.index = VectorStoreIndex.from_vector_store(store.vector_store, embed_model=embed_model)
        self.lexical = LexicalIndex.open(settings, store)
        got = store.get_all(include=["metadatas", "documents"])
        self._chunks: dict[str, object] = {}
        self._first_chunk: dict[str, object] = {}
        for cid, m, d in zip(got["ids"], got["metadatas"], got["documents"]):
            node = metadata_dict_to_node(m, text=d)
            self._chunks[cid] = node
            self._first_chunk.setdefault(m.get("paper_id"), node)

    @staticmethod
    def where(ids: list[str] | None, year: tuple[str, int] | None) -> dict | None:
        clauses = []
        if ids is not None:
            clauses.append({"paper_id": {"$in": ids}})
        if year:
            op = {"since": "$gte", "after": "$gt", "before": "$lt"}.get(year[0], "$eq")
            clauses.append({"year": {op: year[1]}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def search(self, query: str, k: int, ids: list[str] | None = None, year=None) -> list[Hit]:
        """The `k` best papers for `query`, restricted to `ids` and `year` when given."""
        if ids is not None and not ids:
            return []
        n_chunks = max(k * 3, 10)
        where = self.where(ids, year)
        allowed = None
        if where:
            allowed = {pid for pid, p in self.papers.items() if (ids is None or pid in ids) and year_ok(p, year)}
        dense = self.index.as_retriever(similarity_top_k=n_chunks, vector_store_kwargs={"where": where} if where else {})
        rankings = [self._dense(dense, query), self._bm25_retrieve(query, allowed, n_chunks), self._exact(query, allowed)]
        hits: dict[str, Hit] = {}
        for r, ranking in enumerate(rankings):
            seen: set[str] = set()
            for nws in ranking:
                pid = nws.node.metadata.get("paper_id")
                if pid not in self.papers or (allowed is not None and pid not in allowed):
                    continue
                hit = hits.setdefault(pid, Hit(paper=self.papers[pid], score=0.0))
                text = nws.node.get_content()
                if text not in hit.passages:
                    hit.passages.append(text)
                    if (loc := locator(nws.node.metadata)):
                        hit.locators[text] = loc
                if r == 0:  # chroma cosine distance d -> llama-index score exp(-d); keep the cosine
                    hit.dense = max(hit.dense, 1.0 + math.log(max(nws.score or 1e-9, 1e-9)))
                if pid not in seen:  # a paper counts once per ranking, at its best chunk
                    seen.add(pid)
                    # The exact-term ranking weighs by how rare its matches are (see _exact).
                    weight = 1.0 if r < 2 else 3.0 * min(1.0, nws.score or 0)
                    hit.score += weight / (RRF_K + len(seen))
        return sorted(hits.values(), key=lambda h: (-round(h.score, 12), h.paper.id))[:k]

    @staticmethod
    def _dense(retriever, query: str):
        """Chroma's ranking; a read that fails while another process writes the index (an
        ingest deleting the chunks a filter names) is tried again once, then left out: the
        lexical rankings still answer, and the next question sees the finished ingest."""
        for attempt in range(2):
            try:
                return retriever.retrieve(query)
            except AssistantError as e:
                if attempt:
                    log.warning("dense search failed during a concurrent write (%s); lexical rankings only", e)
                    return []
                time.sleep(0.2)
        return []

    def _bm25_retrieve(self, query: str, allowed: set[str] | None, k: int):
        from llama_index.core.schema import NodeWithScore

        if not content_words(query):
            return []
        out = []
        for cid, _pid, score in self.lexical.search(query, k, allowed_paper_ids=allowed):
            node = self._chunks.get(cid)
            if node is not None:
                out.append(NodeWithScore(node=node, score=score))
        return out

    def _exact(self, query: str, allowed: set[str] | None):
        """Papers containing the query's rare literal terms ("71.59%", "ZO2"), looked up in the
        lexical index's vocabulary. RRF alone buries a paper only BM25 finds; exact names and
        numbers deserve better."""
        from llama_index.core.schema import NodeWithScore

        terms = [t for t in re.findall(r"[\w.%\-]+", query) if looks_like_name(t) or re.search(r"\d", t)]
        terms = [t.strip(".") for t in terms if len(t.strip(".")) >= 2]
        if not terms:
            return []
        # Rare terms weigh more (idf): "71.59%" names one paper, "top-1" names many.
        n_docs = max(1, len(self.lexical))
        weight: dict[str, float] = defaultdict(float)
        for t in dict.fromkeys(terms):
            df = self.lexical.chunk_frequency(t)
            if not df:
                continue
            for pid in self.lexical.docs_with_term(t):
                if allowed is None or pid in allowed:
                    weight[pid] += (math.log(1 + n_docs / df) / math.log(1 + n_docs)) ** 2
        # Ties by paper id: set order changes with the interpreter's hash seed, answers must not.
        ranked = sorted((pid for pid in weight if pid in self._first_chunk), key=lambda pid: (-round(weight[pid], 9), pid))
        return [NodeWithScore(node=self._first_chunk[pid], score=weight[pid]) for pid in ranked]
