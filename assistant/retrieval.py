"""Retrieval: a question -> ranked papers, each with the passages that matched.

Dense retrieval over the Chroma index through llama-index's `VectorStoreIndex` retriever;
chunks are folded into papers (a paper ranks by its best chunk).

Out of scope here: answer composition (answer.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .corpus import Paper
from .errors import IndexError_
from .index import Store
from .settings import Settings


@dataclass
class Hit:
    paper: Paper
    score: float
    passages: list[str] = field(default_factory=list)


class Retriever:
    """Holds the store, the embedding model and the paper records for repeated questions."""

    def __init__(self, settings: Settings, store: Store | None = None):
        from llama_index.core import VectorStoreIndex

        from .embeddings import get_embed_model

        self.settings = settings
        self.store = store or Store(settings)
        if self.store.count() == 0:
            raise IndexError_("the index is empty: run `assistant ingest` first (it reads seeds/ by default).")
        self.papers = {p.id: p for p in self.store.papers()}
        self.embed_model = get_embed_model(settings)
        self.index = VectorStoreIndex.from_vector_store(self.store.vector_store, embed_model=self.embed_model)

    def dense(self, question: str, k: int) -> list[Hit]:
        # Over-fetch chunks: several may belong to one paper.
        retriever = self.index.as_retriever(similarity_top_k=min(max(k * 3, 10), len(self.papers) * 4))
        hits: dict[str, Hit] = {}
        for nws in retriever.retrieve(question):
            pid = nws.node.metadata.get("paper_id")
            if pid not in self.papers:
                continue
            hit = hits.get(pid)
            if hit is None:
                hit = hits[pid] = Hit(paper=self.papers[pid], score=float(nws.score or 0.0))
            hit.passages.append(nws.node.get_content())
        return sorted(hits.values(), key=lambda h: -h.score)[:k]

    def retrieve(self, question: str, k: int | None = None) -> list[Hit]:
        return self.dense(question, k or self.settings.top_k)
