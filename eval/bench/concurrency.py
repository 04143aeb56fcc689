"""Section 8, concurrency: N simultaneous questions (one `gradio_client` each, as N browser
sessions) against one `assistant ui`, against the time one question takes alone. 4x is the
floor for CPU-bound work on 2 cores; N x means the sessions are served one after another.

Out of scope: LLM-mode streaming sessions (they need an endpoint that streams slowly).
"""

from __future__ import annotations

import threading
from pathlib import Path

from .common import load_questions, log, median, now, start_ui, stop


def bench_concurrency(tmp: Path, seeded: Path, n: int = 8, runs: int = 3) -> dict:
    from gradio_client import Client

    log(f"concurrency: {n} simultaneous questions through the Gradio API")
    items = [it for it in load_questions() if it.kind != "multi_turn"]
    questions = [it.question for it in items[:: max(1, len(items) // n)]][:n]
    proc, url, _t = start_ui(seeded, tmp / "ui-concurrency.log")
    try:
        clients = [Client(url, verbose=False, download_files=False, analytics_enabled=False) for _ in range(n)]
        for q in questions[:2]:
            clients[0].predict(q, 0, api_name="/ask")
        alone = []
        for q in questions:
            t0 = now()
            clients[0].predict(q, 0, api_name="/ask")
            alone.append(now() - t0)
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
