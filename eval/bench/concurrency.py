"""Section 8, concurrency: N simultaneous questions (one `gradio_client` each, as N browser
sessions) against one `assistant ui`, against the time one question takes alone. 4x is the
floor for CPU-bound work on 2 cores; N x means the sessions are served one after another.
In LLM mode the UI talks to a test endpoint (tests/openai_server.py) that streams each answer
slowly: N sessions served at once take about as long as one; a queue that holds some back
shows as a multiple.

Out of scope: a real model's speed (the endpoint's delay stands for it).
"""

from __future__ import annotations

import threading
from pathlib import Path

from .common import load_questions, log, median, now, start_ui, stop


def bench_concurrency(tmp: Path, seeded: Path, n: int = 8, runs: int = 3) -> dict:
    out = _together(tmp, seeded, n, runs, "extractive")
    out["llm"] = bench_concurrency_llm(tmp, seeded, n)
    return out


def bench_concurrency_llm(tmp: Path, seeded: Path, n: int = 8, delay: float = 0.1, pieces: int = 20) -> dict:
    """N LLM sessions against an endpoint that streams each answer in `pieces` x `delay` s."""
    from tests.openai_server import OpenAIServer, Reply

    text = "According to the retrieved abstract [1], the paper reports its result. " * 3
    server = OpenAIServer(default_reply=Reply(text[: 8 * pieces], chunk_size=8, delay=delay)).start()
    try:
        out = _together(tmp, seeded, n, 1, "llm", OPENAI_BASE_URL=server.base_url, OPENAI_API_KEY="bench")
    finally:
        server.stop()
    out["stream_s"] = delay * pieces
    return out


def _together(tmp: Path, seeded: Path, n: int, runs: int, tag: str, **env: str) -> dict:
    from gradio_client import Client

    log(f"concurrency ({tag}): {n} simultaneous questions through the Gradio API")
    items = [it for it in load_questions() if it.kind != "multi_turn"]
    questions = [it.question for it in items[:: max(1, len(items) // n)]][:n]
    proc, url, _t = start_ui(seeded, tmp / f"ui-concurrency-{tag}.log", **env)
    try:
        clients = [Client(url, verbose=False, download_files=False, analytics_enabled=False) for _ in range(n)]
        for q in questions[:2]:
            clients[0].predict(q, 0, api_name="/ask")
        alone = []
        for q in questions:
            t0 = now()
            got = clients[0].predict(q, 0, api_name="/ask")
            alone.append(now() - t0)
            if isinstance(got, dict) and got.get("error"):
                raise RuntimeError(f"the UI answered with an error: {got['error']}")
        together, errors = [], []
        for _ in range(runs):
            barrier = threading.Barrier(n)

            def ask(i: int) -> None:
                barrier.wait()
                try:
                    clients[i].predict(questions[i], 0, api_name="/ask")
                except Exception as e:  # noqa: BLE001 - counted, reported in the table
                    errors.append(f"{e.__class__.__name__}: {e}")

            threads = [threading.Thread(target=ask, args=(i,)) for i in range(n)]
            t0 = now()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            together.append(now() - t0)
    finally:
        stop(proc)
    one = median(alone)
    return {"n": n, "one_alone_s": one, "all_together_s": median(together), "ratio": median(together) / one,
            "together_runs": together, "errors": len(errors), "first_error": errors[0] if errors else None}
