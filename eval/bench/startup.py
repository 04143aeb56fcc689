"""Section 2, start-up: `assistant --help`, a one-shot `assistant ask`, and `assistant ui` until
its page answers.

Out of scope: the retriever's own load time at scale (growth.py, components.py).
"""

from __future__ import annotations

from pathlib import Path

from .common import ASSISTANT, child_env, log, median, run_timed, start_ui, stop

def bench_startup(tmp: Path, seeded: Path, runs_heavy: int, runs_cheap: int) -> dict:
    res: dict = {}
    log("start-up: --help, ask, ui")
    helps = [run_timed([ASSISTANT, "--help"], child_env(tmp / "help-data"))[0] for _ in range(runs_cheap)]
    res["help_s"], res["help_runs"] = median(helps), helps
    asks = []
    for _ in range(runs_cheap):
        t, cp = run_timed([ASSISTANT, "ask", "What is FlashOverlap?"], child_env(seeded))
        asks.append(t)
    res["ask_s"], res["ask_runs"] = median(asks), asks
    res["ask_answer_head"] = cp.stdout.strip()[:160]
    uis = []
    for i in range(runs_heavy):
        proc, _url, t = start_ui(seeded, tmp / f"ui-start-{i}.log")
        stop(proc)
        uis.append(t)
    res["ui_s"], res["ui_runs"] = median(uis), uis
    return res
