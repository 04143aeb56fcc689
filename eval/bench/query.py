"""Section 3, the query path at 1x (in process, warm): retrieval and extractive answer latency,
time per stage, and the pipeline's overhead on an LLM's first token (the test OpenAI server).

Out of scope: latency at scale (growth.py), the plain llama-index comparison (side_by_side.py).
"""

from __future__ import annotations

from pathlib import Path

from .common import load_questions, log, median, now, pct

class StageClock:
    """Exclusive (self) time per stage of the query path, by wrapping the functions that make
    up each stage in this process only (the package is not changed)."""

    def __init__(self):
        self.stack: list[list] = []
        self.totals: dict[str, float] = {}
        self._undo: list = []

    def wrap(self, owner, attr: str, stage):
        original = getattr(owner, attr, None)
        if original is None:  # a stage the code no longer has (the retrieval rewrite): not timed
            return
        clock = self

        def wrapper(*a, **kw):
            name = stage(clock) if callable(stage) else stage
            frame = [name, now(), 0.0]
            clock.stack.append(frame)
            try:
                return original(*a, **kw)
            finally:
                clock.stack.pop()
                elapsed = now() - frame[1]
                clock.totals[name] = clock.totals.get(name, 0.0) + elapsed - frame[2]
                if clock.stack:
                    clock.stack[-1][2] += elapsed

        setattr(owner, attr, wrapper)
        self._undo.append((owner, attr, original))

    def inside(self, name: str) -> bool:
        return any(f[0] == name for f in self.stack)

    def restore(self):
        for owner, attr, original in reversed(self._undo):
            setattr(owner, attr, original)
        self._undo.clear()


COMPOSE = "answer composition (extractive)"


def stage_clock() -> StageClock:
    """A StageClock wrapped around every stage of the query path (undo with .restore())."""
    from llama_index.vector_stores.chroma import ChromaVectorStore

    import assistant.retrieval as retrieval_mod
    from assistant.answer import Assistant
    from assistant.embeddings import LocalMiniLM
    from assistant.retrieval import Retriever

    clock = StageClock()
    clock.wrap(Assistant, "_extractive", COMPOSE)
    clock.wrap(Retriever, "run", "retrieval glue (fusion, llama-index retriever objects)")
    clock.wrap(Retriever, "plan", "question planning (names, authors, kind)")
    clock.wrap(LocalMiniLM, "embed", lambda c: "sentence embeddings (answer)" if c.inside(COMPOSE) else "query embedding")
    clock.wrap(ChromaVectorStore, "query", "dense search (Chroma query)")
    clock.wrap(retrieval_mod, "_bm25_retrieve", "BM25 search")
    clock.wrap(Retriever, "_exact", "exact-term scan")
    return clock


def stage_times(clock: StageClock, total_s: float, n: int) -> dict[str, float]:
    """Mean exclusive ms per question of each stage, slowest first."""
    stages = {k: 1000 * v / n for k, v in clock.totals.items()}
    stages["other (question check, rewrite, Answer assembly)"] = max(0.0, 1000 * total_s / n - sum(stages.values()))
    return dict(sorted(stages.items(), key=lambda kv: -kv[1]))


def stage_profile(assistant, questions: list[str]) -> dict[str, float]:
    """Mean exclusive ms per question of each stage of an extractive `Assistant.ask`."""
    clock = stage_clock()
    total = 0.0
    try:
        for q in questions:
            t0 = now()
            assistant.ask(q)
            total += now() - t0
    finally:
        clock.restore()
    return stage_times(clock, total, len(questions))


def per_question(fn, questions: list[str], passes: int, fresh=None) -> list[float]:
    """Median over `passes` of each question's time (ms); `fresh()`, if given, makes the
    function anew for each pass (so per-object caches start empty every pass)."""
    times = [[0.0] * passes for _ in questions]
    for p in range(passes):
        if fresh is not None:
            fn = fresh()
        for i, q in enumerate(questions):
            t0 = now()
            fn(q)
            times[i][p] = 1000 * (now() - t0)
    return [median(t) for t in times]


def bench_query(seeded: Path, passes: int) -> tuple[dict, object]:
    import openai

    from assistant.answer import Assistant, Delta
    from assistant.retrieval import Retriever
    from assistant.settings import Settings
    from tests.openai_server import OpenAIServer

    log("query path: retrieval, extractive answers, time to first token")
    settings = Settings(data_dir=seeded)
    t0 = now()
    retriever = Retriever(settings)
    res: dict = {"retriever_load_s": now() - t0}
    questions = [it.question for it in load_questions()]
    for q in questions[:5]:
        retriever.run(q)
    ret = per_question(lambda q: retriever.run(q), questions, passes)
    res["retrieval_p50_ms"], res["retrieval_p95_ms"] = pct(ret, 0.5), pct(ret, 0.95)
    res["n_questions"] = len(questions)

    # A new Assistant per pass: its cache of abstract-sentence embeddings starts empty, as for
    # questions about papers not asked about before (the retriever stays warm).
    for q in questions[:5]:
        Assistant(settings, retriever).ask(q)
    asks = per_question(None, questions, passes, fresh=lambda: Assistant(settings, retriever).ask)
    res["ask_p50_ms"], res["ask_p95_ms"] = pct(asks, 0.5), pct(asks, 0.95)
    res["stages_ms"] = stage_profile(Assistant(settings, retriever), questions)

    # Time to first token: the pipeline's .stream() to its first Delta, minus a bare openai
    # client's streaming request to the same (instant) server to its first chunk.
    with OpenAIServer() as server:
        llm = Assistant(settings.model_copy(update={"openai_base_url": server.base_url, "model": "test-model"}), retriever)
        bare = openai.OpenAI(base_url=server.base_url, api_key="not-needed", max_retries=0)

        def pipeline_ttft(q: str) -> tuple[float, bool]:
            before = len(server.requests)
            t0 = now()
            gen = llm.stream(q)
            first = None
            for event in gen:
                if isinstance(event, Delta) and first is None:
                    first = now() - t0
            return 1000 * first, len(server.requests) > before

        def bare_ttft(q: str) -> float:
            t0 = now()
            stream = bare.chat.completions.create(model="test-model", messages=[{"role": "user", "content": q}],
                                                  stream=True)
            first = None
            for chunk in stream:
                if first is None and chunk.choices and chunk.choices[0].delta.content:
                    first = now() - t0
            return 1000 * first

        for q in questions[:3]:
            pipeline_ttft(q), bare_ttft(q)
        pipe_t, bare_t, overhead, skipped = [], [], [], 0
        for q in questions:
            ps, bs = [], []
            called = True
            for _ in range(passes):
                t, called = pipeline_ttft(q)
                ps.append(t)
                bs.append(bare_ttft(q))
            if not called:  # refused before asking the model: no request to compare with
                skipped += 1
                continue
            pipe_t.append(median(ps))
            bare_t.append(median(bs))
            overhead.append(median(ps) - median(bs))
    res["ttft_pipeline_p50_ms"], res["ttft_bare_p50_ms"] = pct(pipe_t, 0.5), pct(bare_t, 0.5)
    res["ttft_overhead_p50_ms"], res["ttft_overhead_p95_ms"] = pct(overhead, 0.5), pct(overhead, 0.95)
    res["ttft_questions"], res["ttft_skipped_no_llm_call"] = len(overhead), skipped
    return res, retriever
