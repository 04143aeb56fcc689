"""The README's real-model table from the results (folders, or their results.jsonl) of
`assistant eval` and `eval.citation_baseline` run on the same questions:

    .venv/bin/python -m eval.llm_table extractive=artifacts/llm/extractive ours=artifacts/llm/ours \\
        cqe=artifacts/llm/cqe

One row per run: facts (must-include, answerable items), citation recall and precision, near-miss
unanswerables refused, answers shown with no citation although not a refusal, numbers stated
as grounded that no cited source holds, whole-answer and first-token time (p50/p95, the last
turn's, as `assistant eval` records them), and for runs that answer some kinds without the
model, the whole-answer p50 over the items the model wrote.

Out of scope: running anything (see README, "LLM mode on a laptop").
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from assistant.evaluation import percentile


def row(name: str, folder: Path) -> str:
    path = folder / "results.jsonl" if folder.is_dir() else folder
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]

    def mean(metric: str, kinds=None) -> str:
        vals = [r["scores"][metric] for r in rows if metric in r["scores"] and (kinds is None or r["kind"] in kinds)]
        return f"{sum(vals) / len(vals):.2f}" if vals else "–"

    uncited = sum(1 for r in rows if not r["refused"] and not r["citations"] and r["kind"] != "unanswerable")
    ungrounded = sum(int(r["scores"].get("ungrounded_numbers", 0)) for r in rows)
    total = [r["timings"].get("total", 0.0) for r in rows]
    first = [r["timings"].get("first_token", r["timings"].get("total", 0.0)) for r in rows]
    by_model = [r["timings"]["total"] for r in rows if str(r.get("mode", "")).startswith(("llm:", "CitationQuery"))
                or "fallback" in str(r.get("mode", ""))]
    refused = mean("refusal_acc", {"unanswerable"})
    return (f"| {name} | {len(rows)} | {mean('must_include')} | {mean('cite_recall')} | {mean('cite_precision')} | {refused} | "
            f"{uncited} | {ungrounded} | {percentile(total, .5):.1f} / {percentile(total, .95):.1f} | "
            f"{percentile(first, .5):.1f} / {percentile(first, .95):.1f} | "
            f"{f'{percentile(by_model, .5):.1f} (n={len(by_model)})' if by_model else '–'} |")


def main(argv: list[str]) -> int:
    print("| run | n | facts | cite recall | cite precision | near-miss refused | uncited answers | "
          "ungrounded numbers | whole answer p50 / p95 s | first token p50 / p95 s | p50 s, items the model was asked |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for arg in argv:
        name, _, folder = arg.partition("=")
        print(row(name, Path(folder)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
