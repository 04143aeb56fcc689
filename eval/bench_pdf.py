"""PDF ingest speed: pages per second and where the time goes (reading with pypdf, chunking,
embedding, writing to Chroma), on the PDFs of tests/data or the ones given.

    .venv/bin/python eval/bench_pdf.py [PDF ...] [--runs N] [--out FILE]

Each run ingests into its own temporary data directory (the user's index is never touched),
with the local embedding model already loaded (its one-off load is reported apart). Prints one
table, writes FILE (default artifacts/bench/pdf.json). Medians over the runs.

Out of scope: OCR'd or scanned PDFs (not read), the OpenAI embeddings backend, the other
formats (their parsing is milliseconds; embedding dominates as for listing pages).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def one_run(pdfs: list[Path]) -> dict:
    from assistant import index as index_mod
    from assistant.corpus import read_file
    from assistant.embeddings import LocalMiniLM
    from assistant.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp))
        t0 = time.perf_counter()
        reads = [read_file(p, settings) for p in pdfs]
        read_s = time.perf_counter() - t0
        pages = sum(r.papers[0].pages for r in reads)
        t0 = time.perf_counter()
        nodes = index_mod.chunk_papers([r.papers[0] for r in reads], settings)
        chunk_s = time.perf_counter() - t0

        embed_s = 0.0
        original = LocalMiniLM.embed

        def timed(model, texts):
            nonlocal embed_s
            t = time.perf_counter()
            out = original(model, texts)
            embed_s += time.perf_counter() - t
            return out

        LocalMiniLM.embed = timed
        try:
            t0 = time.perf_counter()
            report = index_mod.ingest(pdfs, settings)
            ingest_s = time.perf_counter() - t0
        finally:
            LocalMiniLM.embed = original
    return {"pages": pages, "chunks": len(nodes), "read_s": read_s, "chunk_s": chunk_s, "ingest_s": ingest_s,
            "embed_s": embed_s, "chunks_embedded": report.chunks_embedded}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pdfs", nargs="*", type=Path)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", type=Path, default=REPO / "artifacts" / "bench" / "pdf.json")
    args = ap.parse_args()
    pdfs = args.pdfs or sorted((REPO / "tests" / "data").glob("*.pdf"))

    from assistant.embeddings import get_embed_model
    from assistant.settings import Settings

    t0 = time.perf_counter()
    get_embed_model(Settings()).get_text_embedding_batch(["warm-up"])  # model load, once per process
    load_s = time.perf_counter() - t0
    runs = [one_run(pdfs) for _ in range(args.runs)]
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    result = {
        "pdfs": [p.name for p in pdfs], "runs": args.runs, "model_load_s": round(load_s, 2),
        **{k: round(v, 3) for k, v in med.items()},
        "pages_per_s_ingest": round(med["pages"] / med["ingest_s"], 2),
        "pages_per_s_read": round(med["pages"] / med["read_s"], 2),
        "embedding_share": round(med["embed_s"] / med["ingest_s"], 3),
        "read_share": round(med["read_s"] / med["ingest_s"], 3),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2))
    rows = [
        ("PDFs / pages / chunks", f"{len(pdfs)} / {med['pages']:.0f} / {med['chunks']:.0f}"),
        ("ingest (read + chunk + embed + write)", f"{med['ingest_s']:.2f} s = {result['pages_per_s_ingest']} pages/s"),
        ("  reading with pypdf", f"{med['read_s']:.2f} s ({result['read_share']:.0%}) = {result['pages_per_s_read']} pages/s"),
        ("  embedding", f"{med['embed_s']:.2f} s ({result['embedding_share']:.0%})"),
        ("  chunking (SentenceSplitter)", f"{med['chunk_s']:.2f} s"),
        ("embedding model load (once)", f"{load_s:.2f} s"),
    ]
    width = max(len(a) for a, _ in rows)
    for a, b in rows:
        print(f"{a:<{width}}  {b}")
    print(f"\nwritten: {args.out}")


if __name__ == "__main__":
    main()
