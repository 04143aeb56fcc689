"""Baseline: a plain llama-index `CitationQueryEngine` on the same Chroma collection, embedding
model, LLM endpoint and questions as `assistant eval`, scored by the same functions.

    OPENAI_BASE_URL=http://127.0.0.1:PORT/v1 OPENAI_API_KEY=x ASSISTANT_DATA_DIR=... \\
        .venv/bin/python -m eval.citation_baseline --split test --every 7 --out artifacts/cqe

What "plain" means here: `CitationQueryEngine.from_args` with its own prompts and defaults,
except `similarity_top_k` = `Settings.llm_context_papers` (the same number of papers our LLM
mode reads; the engine's default is 2), `metadata_mode=LLM` (so the model sees each chunk's
title, authors and date, as ours does; the default shows text only) and the same
`Settings.llm_max_tokens` cap. Follow-ups go through llama-index's
`CondenseQuestionChatEngine` (one extra model call, as ours). The LLM is a tiny adapter over
the `openai` client (`llama-index-llms-openai-like` is not installed and not needed).
A refusal is recognised generously, by the usual "not mentioned / not provided / cannot"
phrasings anywhere in the answer.

Out of scope: tuning the baseline's prompts; anything our pipeline adds (planning, evidence,
attribution).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

from llama_index.core.llms import CompletionResponse, CompletionResponseGen, CustomLLM, LLMMetadata
from llama_index.core.llms.callbacks import llm_completion_callback

from assistant import evaluation
from assistant.settings import Settings

_REFUSAL = re.compile(r"\b(not (?:mentioned|provided|stated|specified|available|reported|included|found)|"
                      r"no (?:information|mention)|does not (?:mention|provide|state|specify|include|contain)|"
                      r"cannot (?:answer|be determined)|unable to|empty response)\b", re.I)


class OpenAIChatLLM(CustomLLM):
    """llama-index `CustomLLM` over an OpenAI-compatible chat endpoint: each prompt is one user
    message. `first_token_at` records when the last streamed answer's first text arrived."""

    model: str = "local"
    base_url: str = ""
    api_key: str = "x"
    max_tokens: int = 200
    timeout: float = 300.0
    first_token_at: float = 0.0

    @property
    def metadata(self) -> LLMMetadata:
        return LLMMetadata(context_window=8192, num_output=self.max_tokens, model_name=self.model, is_chat_model=False)

    def _client(self):
        import openai

        return openai.OpenAI(base_url=self.base_url, api_key=self.api_key, timeout=self.timeout, max_retries=0)

    def _request(self, prompt: str, stream: bool):
        return self._client().chat.completions.create(
            model=self.model, messages=[{"role": "user", "content": prompt}], temperature=0.1,
            max_tokens=self.max_tokens, stream=stream)

    @llm_completion_callback()
    def complete(self, prompt: str, formatted: bool = False, **kwargs) -> CompletionResponse:
        resp = self._request(prompt, stream=False)
        return CompletionResponse(text=resp.choices[0].message.content or "")

    @llm_completion_callback()
    def stream_complete(self, prompt: str, formatted: bool = False, **kwargs) -> CompletionResponseGen:
        text = ""
        for chunk in self._request(prompt, stream=True):
            piece = chunk.choices[0].delta.content if chunk.choices else None
            if piece:
                if not text.strip() and piece.strip():
                    self.first_token_at = time.perf_counter()
                text += piece
                yield CompletionResponse(text=text, delta=piece)


def build_engine(settings: Settings):
    from llama_index.core import VectorStoreIndex
    from llama_index.core.chat_engine import CondenseQuestionChatEngine
    from llama_index.core.query_engine import CitationQueryEngine
    from llama_index.core.schema import MetadataMode
    from llama_index.vector_stores.chroma import ChromaVectorStore

    from assistant.embeddings import get_embed_model
    from assistant.index import Store

    llm = OpenAIChatLLM(model=settings.model, base_url=settings.openai_base_url or "",
                        api_key=settings.openai_api_key.get_secret_value() if settings.openai_api_key else "x",
                        max_tokens=settings.llm_max_tokens, timeout=settings.llm_timeout)
    index = VectorStoreIndex.from_vector_store(ChromaVectorStore(chroma_collection=Store(settings).collection),
                                               embed_model=get_embed_model(settings))
    engine = CitationQueryEngine.from_args(index, llm=llm, similarity_top_k=settings.llm_context_papers,
                                           metadata_mode=MetadataMode.LLM, streaming=True)
    return llm, engine, lambda: CondenseQuestionChatEngine.from_defaults(query_engine=engine, llm=llm)


def answer_item(llm, make_chat, item: evaluation.Item) -> dict:
    chat = make_chat()
    t0 = time.perf_counter()
    for q in item.turns or [item.question]:
        llm.first_token_at = 0.0
        t0 = time.perf_counter()  # timings are the last turn's, as in `assistant eval`
        resp = chat.stream_chat(q)
        text = "".join(resp.response_gen).strip()
    total = time.perf_counter() - t0
    nodes = resp.source_nodes
    cited, invalid, sources = [], [], []
    for m in re.finditer(r"\[(\d+)\]", text):
        n = int(m.group(1))
        if 1 <= n <= len(nodes):
            meta = nodes[n - 1].node.metadata
            sources.append({"title": meta.get("title", ""), "authors": meta.get("authors", ""), "date": meta.get("date", ""),
                            "venue": meta.get("venue", ""), "passage": nodes[n - 1].node.get_content()})
            if meta.get("title", "") not in cited:
                cited.append(meta.get("title", ""))
        else:
            invalid.append(m.group())
    retrieved = list(dict.fromkeys(n.node.metadata.get("title", "") for n in nodes))
    first = (llm.first_token_at - t0) if llm.first_token_at else total
    return {"answer": text, "citations": [{"title": t} for t in cited], "invalid_markers": invalid, "sources": sources,
            "unsupported": [],
            "refused": bool(_REFUSAL.search(text)), "refused_parts": [], "retrieved": retrieved,
            "mode": f"CitationQueryEngine:{llm.model}",
            "timings": {"total": total, "first_token": first, "generation": total}}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=sorted(evaluation.SPLITS), default="test")
    ap.add_argument("--questions", type=Path, default=None)
    ap.add_argument("--every", type=int, default=1, help="only items 0, N, 2N, ... (as `assistant eval --every`)")
    ap.add_argument("--out", type=Path, default=Path("artifacts/citation-baseline"))
    args = ap.parse_args(argv)
    settings = Settings()
    if not settings.openai_base_url:
        print("set OPENAI_BASE_URL (and OPENAI_API_KEY, ASSISTANT_MODEL) to the model's endpoint", file=sys.stderr)
        return 2
    items = evaluation.load_items(args.questions or evaluation.SPLITS[args.split])[::args.every]
    llm, _, make_chat = build_engine(settings)
    rows = []
    for i, item in enumerate(items, 1):
        data = answer_item(llm, make_chat, item)
        scores = evaluation.retrieval_scores(data["retrieved"], item.gold_titles, settings.llm_context_papers) if item.gold_titles else {}
        scores |= evaluation.answer_scores(item, data)
        if item.kind not in ("comparative", "aggregate"):
            scores.pop("all_gold@k", None)
        rows.append({"id": item.id, "kind": item.kind, "question": item.question, "scores": scores, **data})
        # rescoring stored rows later: evaluation.answer_scores(item, row) reads the same fields
        print(f"[{i}/{len(items)}] {item.id} {data['timings']['total']:.1f}s", file=sys.stderr)
    metrics = evaluation.aggregate(rows) | {"k": settings.llm_context_papers, "mode": f"CitationQueryEngine:{settings.model}"}
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "results.jsonl").open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    (args.out / "metrics.json").write_text(json.dumps(metrics, indent=2))
    print(evaluation.table(metrics))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
