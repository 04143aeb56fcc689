"""Performance benchmark of the paper assistant: ingest, start-up, the query path, the plain
llama-index way side by side, growth to 1000x the corpus, and the UI's memory.

    .venv/bin/python -m eval.bench [--quick] [--out DIR] [--only SECTIONS]   (default out: artifacts/bench)

Prints one table (each figure beside its reference and the ratio; each goal marked met / NOT
met with the measured value) and writes DIR/bench.json and DIR/growth.png.

* Every measurement uses its own temporary data directory (ASSISTANT_DATA_DIR for
  subprocesses, Settings(data_dir=...) in process); the user's index is never touched. The
  developer's endpoint and Chroma settings (OPENAI_*, ASSISTANT_*) are dropped from this
  process and its children, so answers are extractive unless a measurement sets an endpoint.
* Whole-process and repeated figures are medians of several runs (5 for cheap ones, 3 for
  expensive ones; --quick: 1-3). Per-question latencies are medians over passes, then p50/p95
  over the questions of eval/questions.jsonl.
* Growth: synthetic copies of the seed papers (new ids, " (variant N)" titles, renamed method
  names, a few swapped words) at 1x, 10x, 100x, 1000x; each size is built in one subprocess
  and measured in a fresh one (so RSS is per size). Above 10x (and at 10x with --quick) the
  embeddings are synthesized from the seed vectors; the output says so.
* Components (components.py): the lexical index and the paper table on their own at every
  growth size: search p50/p95 with and without filters, exact-term lookup, start-up time and
  RSS in a fresh process, rebuild and ingest-update costs, and Chroma's `$contains` beside them.
* Concurrency (concurrency.py): 8 simultaneous questions through `gradio_client` against one
  `assistant ui`, against one question alone.
* The numbers share the machine with whatever else runs on it: the load average is printed.

One module per section; `--only ingest,components` runs a subset (ingest always runs: the
others need its index).

Out of scope: LLM answer quality (see `assistant eval`), GPU.
"""

from __future__ import annotations

import os

# Configuration of the developer's own setup must not leak into the measurements.
for _var in list(os.environ):
    if _var.startswith("ASSISTANT_") or _var in ("OPENAI_BASE_URL", "OPENAI_API_KEY"):
        os.environ.pop(_var)
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
