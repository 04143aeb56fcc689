"""Section 1, ingest: cold `assistant ingest` (whole process) and `ingest()` in process against
pure embedding of the same chunks, and a warm re-ingest that must embed nothing.

Out of scope: ingest at scale (growth.py builds synthetic stores without ingest()).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from .common import ASSISTANT, SEEDS, child_env, log, median, now, run_timed

def bench_ingest(tmp: Path, runs_heavy: int, runs_cheap: int) -> tuple[dict, Path]:
    from llama_index.core.schema import MetadataMode

    from assistant.corpus import load_corpus
    from assistant.embeddings import LocalMiniLM
    from assistant.index import chunk_papers, ingest
    from assistant.settings import Settings

    res: dict = {}
    # Whole process, cold: a fresh data dir each run.
    cold, chunks, rss = [], None, []
    seeded = None
    for i in range(runs_heavy):
        d = tmp / f"cold-ingest-{i}"
        log(f"cold ingest (whole process) {i + 1}/{runs_heavy}")
        t, cp = run_timed([ASSISTANT, "ingest", "-q", str(SEEDS)], child_env(d))
        cold.append(t)
        rss.append(cp.peak_rss_mb)
        m = re.search(r"(\d+) chunks embedded", cp.stdout)
        chunks = int(m.group(1)) if m else None
        if seeded is None:
            seeded = d
        else:
            shutil.rmtree(d, ignore_errors=True)
    res["cold_process_s"] = median(cold)
    res["cold_process_runs"] = cold
    res["cold_process_peak_rss_mb"] = median(rss)
    res["cold_chunks_embedded"] = chunks

    # Whole process, warm: nothing changed since the last ingest.
    warm, warm_chunks = [], []
    for i in range(runs_cheap):
        t, cp = run_timed([ASSISTANT, "ingest", "-q", str(SEEDS)], child_env(seeded))
        warm.append(t)
        m = re.search(r"(\d+) chunks embedded", cp.stdout)
        warm_chunks.append(int(m.group(1)) if m else -1)
    res["warm_process_s"] = median(warm)
    res["warm_process_runs"] = warm
    res["warm_chunks_embedded"] = max(warm_chunks)
    res["warm_output"] = cp.stdout.strip().splitlines()[-1]

    # In process: pure embedding of the same chunk texts vs ingest(), interleaved so both
    # see the same machine load. The model and the imports are warmed up first (process
    # start-up is measured on its own).
    settings = Settings(data_dir=tmp / "inproc-warmup")
    papers = load_corpus([SEEDS]).papers
    texts = [n.get_content(metadata_mode=MetadataMode.EMBED) for n in chunk_papers(papers, settings)]
    model = LocalMiniLM(max_tokens=settings.embed_max_tokens, embed_batch_size=settings.embed_batch_size)
    model.get_text_embedding_batch(texts[:4])
    ingest([SEEDS / sorted(os.listdir(SEEDS))[-1]], settings)  # imports chromadb, llama-index vector store
    pure, inproc = [], []
    for i in range(runs_heavy):
        log(f"pure embedding / in-process ingest {i + 1}/{runs_heavy}")
        t0 = now()
        model.get_text_embedding_batch(texts)
        pure.append(now() - t0)
        s = Settings(data_dir=tmp / f"inproc-{i}")
        t0 = now()
        report = ingest([SEEDS], s)
        inproc.append(now() - t0)
        assert report.chunks_embedded == len(texts), (report.chunks_embedded, len(texts))
        shutil.rmtree(s.data_dir, ignore_errors=True)
    shutil.rmtree(settings.data_dir, ignore_errors=True)
    res["pure_embedding_s"] = median(pure)
    res["pure_embedding_runs"] = pure
    res["inproc_ingest_s"] = median(inproc)
    res["inproc_ingest_runs"] = inproc
    res["chunks"] = len(texts)
    res["inproc_ratio"] = res["inproc_ingest_s"] / res["pure_embedding_s"]
    res["process_ratio"] = res["cold_process_s"] / res["pure_embedding_s"]
    res["goal_judged_on"] = "in-process ratio (process start-up is measured separately)"
    return res, seeded
