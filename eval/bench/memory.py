"""Section 6: `assistant ui`'s peak memory while it answers questions through the Gradio API.

Out of scope: memory at scale (growth.py, components.py).
"""

from __future__ import annotations

from pathlib import Path

from .common import load_questions, log, median, now, proc_status, start_ui, stop

def bench_ui_memory(tmp: Path, seeded: Path, n_questions: int) -> dict:
    from gradio_client import Client

    log("UI memory: serving questions through the Gradio API")
    proc, url, _t = start_ui(seeded, tmp / "ui-memory.log")
    try:
        after_start = proc_status(proc.pid)
        items = load_questions()
        step = max(1, len(items) // n_questions)
        questions = [it.question for it in items[::step]][:n_questions]
        client = Client(url, verbose=False, download_files=False, analytics_enabled=False)
        errors, times = 0, []
        for q in questions:
            t0 = now()
            out = client.predict(q, 0, api_name="/ask")
            times.append(now() - t0)
            errors += isinstance(out, dict) and "error" in out
        st = proc_status(proc.pid)
    finally:
        stop(proc)
    return {"questions": len(questions), "errors": errors, "peak_rss_mb": st.get("VmHWM"), "rss_mb": st.get("VmRSS"),
            "rss_after_start_mb": after_start.get("VmRSS"), "api_p50_s": median(times)}
