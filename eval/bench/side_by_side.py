"""Section 4: our retriever beside a plain llama-index `VectorStoreIndex` retriever over the same
Chroma collection: latency and recall@k on the eval questions that name gold papers.

Out of scope: answer quality (`assistant eval`).
"""

from __future__ import annotations

from .common import load_questions, log, pct
from .query import per_question

def bench_plain(retriever, passes: int, k: int = 5) -> dict:
    from llama_index.core import VectorStoreIndex
    from llama_index.vector_stores.chroma import ChromaVectorStore

    from assistant.embeddings import LocalMiniLM
    from assistant.evaluation import retrieval_scores

    log("side by side with a plain llama-index VectorStoreIndex retriever")
    index = VectorStoreIndex.from_vector_store(ChromaVectorStore(chroma_collection=retriever.store.collection),
                                               embed_model=LocalMiniLM())
    plain = index.as_retriever(similarity_top_k=3 * k)  # chunks; deduplicated to k papers below

    def plain_titles(q: str) -> list[str]:
        titles, seen = [], set()
        for nws in plain.retrieve(q):
            pid = nws.node.metadata["paper_id"]
            if pid not in seen:
                seen.add(pid)
                titles.append(nws.node.metadata.get("title", pid))
        return titles[:k]

    def ours_titles(q: str) -> list[str]:
        return [h.paper.title for h in retriever.run(q, k).hits]

    items = [it for it in load_questions() if it.gold_titles]
    questions = [it.question for it in items]
    for q in questions[:3]:
        plain_titles(q), ours_titles(q)
    ours_ms = per_question(ours_titles, questions, passes)
    plain_ms = per_question(plain_titles, questions, passes)
    rec_ours = [retrieval_scores(ours_titles(it.question), it.gold_titles, k)["recall@k"] for it in items]
    rec_plain = [retrieval_scores(plain_titles(it.question), it.gold_titles, k)["recall@k"] for it in items]
    return {
        "k": k, "n_items": len(items), "plain_similarity_top_k": 3 * k,
        "ours_p50_ms": pct(ours_ms, 0.5), "ours_p95_ms": pct(ours_ms, 0.95),
        "plain_p50_ms": pct(plain_ms, 0.5), "plain_p95_ms": pct(plain_ms, 0.95),
        "latency_ratio_p50": pct(ours_ms, 0.5) / pct(plain_ms, 0.5),
        "ours_recall": sum(rec_ours) / len(rec_ours), "plain_recall": sum(rec_plain) / len(rec_plain),
    }
