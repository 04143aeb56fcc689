"""Smoke test of the PDF ingest benchmark: one run on one real PDF writes its figures."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .conftest import REPO
from .test_readers import LONGEVAL


@pytest.mark.slow
def test_pdf_benchmark_reports_pages_per_second_and_embedding_share(tmp_path):
    out = tmp_path / "pdf.json"
    proc = subprocess.run([sys.executable, str(REPO / "eval" / "bench_pdf.py"), str(LONGEVAL), "--runs", "1",
                           "--out", str(out)], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    got = json.loads(out.read_text())
    assert got["pages"] == 6 and got["chunks"] == got["chunks_embedded"] > 5
    assert got["pages_per_s_ingest"] > 0 and 0 < got["embedding_share"] < 1 and got["read_share"] < got["embedding_share"]
    assert "pages/s" in proc.stdout
