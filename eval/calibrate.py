"""Calibrate the evidence thresholds on the dev split (never the test split).

    ASSISTANT_DATA_DIR=... python -m eval.calibrate [--questions eval/dev.jsonl --questions eval/probes/X.jsonl ...]

Several files may be given (probe sets already read while tuning, never held-out ones).

* `list_min_score` and `list_relative_score`: a paper joins a topic list when its best
  sentence scores at least the first, and stands out from the collection's typical paper
  (the median of an even sample) by at least the second times what the best paper stands
  out by (how strongly a topic is stated, and in how many common words, varies by topic);
  both chosen to maximise the mean F1 of the dev split's aggregate items.
They are similarities, not counts, so it holds at any corpus size. (A refusal threshold on
"the best sentence's score and the share of the aspect's words in the paper" was calibrated
here too: on the dev split no pair refused a near-miss while answering 95% of answerable
questions, so the rule was removed.) The printed
values go into `assistant/settings.py` by hand, with the run's figures in the commit.
Out of scope: the test split (held out), LLM mode.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.answer import Assistant  # noqa: E402
from assistant.answer.extractive import ExtractiveComposer, list_floor  # noqa: E402
from assistant.corpus import plain_title  # noqa: E402
from assistant.evaluation import SPLITS, load_items  # noqa: E402
from assistant.models import Kind  # noqa: E402
from assistant.settings import Settings  # noqa: E402


def grid(lo: float, hi: float, step: float) -> list[float]:
    n = int(round((hi - lo) / step))
    return [round(lo + i * step, 3) for i in range(n + 1)]


def calibrate_lists(assistant, items) -> tuple[float, float]:
    composer = ExtractiveComposer(assistant.retriever, assistant.evidence, assistant.settings)
    cases = []
    for it in items:
        if it.kind != "aggregate":
            continue
        plan = assistant.retriever.plan(it.question)
        if plan.kind is not Kind.AGGREGATE or not plan.topic_terms or plan.authors or plan.venues:
            continue
        gold = {plain_title(t) for t in it.gold_titles}
        hits = assistant.retriever.run(it.question, 8, plan).hits
        scored, background = composer.topic_scores(plan, hits)
        cases.append(([(s, plain_title(h.paper.title) in gold) for h, s, _ in scored if s is not None], background, len(gold)))

    def f1(t: float, rel: float) -> float:
        total = 0.0
        for scored, background, n_gold in cases:
            floor = list_floor([s for s, _ in scored], background, t, rel)
            kept = [g for s, g in scored if s >= floor]
            tp = sum(kept)
            p = tp / len(kept) if kept else 0.0
            r = tp / n_gold if n_gold else 0.0
            total += 2 * p * r / (p + r) if p + r else 0.0
        return total / max(1, len(cases))

    best = max(((t, r) for t in grid(0.2, 0.8, 0.01) for r in grid(0.0, 0.95, 0.05)), key=lambda x: (f1(*x), -x[1]))
    return best, f1(*best)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--questions", type=Path, action="append",
                    help="question files to calibrate on (repeatable; default: the dev split)")
    args = ap.parse_args(argv)
    files = args.questions or [SPLITS["dev"]]
    if any(f.resolve() == SPLITS["test"].resolve() for f in files):
        print("refusing to calibrate on the held-out test split", file=sys.stderr)
        return 2
    items = [it for f in files for it in load_items(f)]
    assistant = Assistant(Settings())
    (t, rel), f = calibrate_lists(assistant, items)
    print(f"list_min_score = {t}, list_relative_score = {rel}   (mean F1 {f:.3f} on the topic lists of {len(files)} file(s))")
    return 0


if __name__ == "__main__":
    sys.exit(main())
