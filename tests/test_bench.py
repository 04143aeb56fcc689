"""Smoke test of the benchmark: `python -m eval.bench --quick` runs end to end in a subprocess and
writes bench.json (numbers where numbers belong) and growth.png."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from numbers import Real

import pytest

from .conftest import REPO

# Figures every quick run must produce: (section, key).
NUMERIC = [
    ("ingest", "pure_embedding_s"), ("ingest", "inproc_ingest_s"), ("ingest", "cold_process_s"),
    ("ingest", "inproc_ratio"), ("ingest", "process_ratio"), ("ingest", "warm_process_s"),
    ("ingest", "warm_chunks_embedded"),
    ("startup", "help_s"), ("startup", "ask_s"), ("startup", "ui_s"),
    ("query", "retrieval_p50_ms"), ("query", "retrieval_p95_ms"), ("query", "ask_p50_ms"),
    ("query", "ttft_overhead_p50_ms"),
    ("side_by_side", "latency_ratio_p50"), ("side_by_side", "ours_recall"), ("side_by_side", "plain_recall"),
    ("memory", "peak_rss_mb"),
    ("concurrency", "one_alone_s"), ("concurrency", "all_together_s"), ("concurrency", "ratio"),
]
# The lexical index and paper table at each quick size.
COMPONENTS = ["startup_s", "rss_after_start_mb", "peak_rss_mb", "search_unfiltered_p50_ms", "search_small_filter_p95_ms",
              "search_large_filter_p95_ms", "exact_term_p50_ms", "chroma_contains_p50_ms", "ingest_update_117_s", "merge_s"]


@pytest.mark.slow
def test_quick_benchmark_runs_and_writes_its_files(tmp_path):
    out = tmp_path / "bench"
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    proc = subprocess.run([sys.executable, "-m", "eval.bench", "--quick", "--out", str(out)],
                          capture_output=True, text=True, timeout=1500, cwd=REPO, env=env)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]

    data = json.loads((out / "bench.json").read_text())
    for key in ("meta", "ingest", "startup", "query", "side_by_side", "growth", "memory", "concurrency", "components",
                "goals", "rows", "slowest_stage"):
        assert key in data, f"bench.json lacks {key!r}; errors: {data.get('errors')}"
    assert not data["errors"], data["errors"]
    for section, key in NUMERIC:
        value = data[section][key]
        assert isinstance(value, Real) and not isinstance(value, bool) and value == value, (section, key, value)
    for size in ("1", "10"):
        entry = data["growth"]["sizes"][size]
        for key in ("p50_ms", "p95_ms", "disk_mb", "peak_rss_mb"):
            assert isinstance(entry[key], Real) and entry[key] > 0, (size, key, entry.get(key))
    assert data["growth"]["sizes"]["10"]["papers"] == 1170
    for size, papers in (("1", 117), ("10", 1170)):
        entry = data["components"]["sizes"][size]
        assert entry["papers"] == papers and entry["chunks"] >= papers, entry
        for key in COMPONENTS:
            assert isinstance(entry[key], Real) and entry[key] > 0, (size, key, entry.get(key))
    assert data["components"]["sizes"]["10"]["rebuilt"]  # the build is timed as a rebuild from Chroma
    assert all(isinstance(g["met"], bool) for g in data["goals"].values()), data["goals"]
    assert (out / "growth.png").stat().st_size > 10_000

    printed = proc.stdout
    assert "Slowest stage of the query path:" in printed
    assert "[lexical index + paper table" in printed and "[concurrency" in printed
    assert "NOT met" in printed or " met (" in printed
