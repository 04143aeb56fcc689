"""Section 7, the scale components on their own, at every growth size (the stores growth.py
builds): the lexical index (assistant/lexical.py) and the paper table (assistant/records.py).

Per size, two subprocesses on the same data directory:
* build: both side indexes rebuilt from Chroma (growth stores are written without ingest), then
  what an ingest adds: `sync.finish` for 117 changed papers (delta + tombstones), and a forced
  merge of the whole main segment (the cost once the delta passes its threshold);
* measure, in a fresh process: start-up (imports, `Records.open`, `LexicalIndex.open`) and its
  RSS; lexical search p50/p95 over the eval questions unfiltered, with a small filter (10
  papers, as for named papers) and a large one (a year range); `docs_with_term` on the
  questions' names and numbers; `Records.get`/`ids_where`/`authors_in`; and Chroma's own
  `where_document={"$contains": term}` on the same terms, the alternative we did not choose.

Out of scope: the retriever that will use them (growth.py measures today's Retriever).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from .common import load_questions, log, median, memory_guard, now, pct, proc_status

SMALL_FILTER = 10  # papers in the small filter (named papers, one author's papers)
CONTAINS_TERMS = 5  # exact terms also timed through Chroma's $contains (it scans: keep it short)


def _terms(questions: list[str]) -> list[str]:
    """Names and numbers in the questions (what the exact-term ranking looks up)."""
    found = []
    for q in questions:
        for t in re.findall(r"[\w.%\-]+(?:\(\))?", q):
            t = t.strip(".")
            if len(t) >= 2 and (re.search(r"\d", t) or re.search(r"[a-z][A-Z]|[A-Z]{2}", t)):
                found.append(t)
    return list(dict.fromkeys(found + ["71.59%", "ZO2", "db-SP", "LLM.int8()", "int8"]))


def _timed(fn, items, passes: int = 1) -> list[float]:
    out = []
    for item in items:
        runs = []
        for _ in range(passes):
            t0 = now()
            fn(item)
            runs.append(1000 * (now() - t0))
        out.append(median(runs))
    return out


def worker_components_build(spec: dict) -> dict:
    from assistant import sync
    from assistant.index import Store
    from assistant.lexical import LexicalIndex
    from assistant.records import Records
    from assistant.settings import Settings

    memory_guard()
    settings = Settings(data_dir=Path(spec["data_dir"]))
    store = Store(settings)
    t0 = now()
    lex = LexicalIndex.open(settings, store, force=True)  # the retriever may have built it already: time a rebuild
    lex_rebuild = now() - t0
    t0 = now()
    records = Records.open(settings, store)
    rec_rebuild = now() - t0
    ids = random.Random(0).sample(records.ids_where(), min(117, records.count()))
    t0 = now()
    sync.begin(settings)
    sync.finish(store, settings, ids)  # as an ingest that changed 117 papers
    store.bump_generation()
    update_s = now() - t0
    merging = settings.model_copy(update={"lexical_merge_min": 1, "lexical_merge_fraction": 1e-9})
    t0 = now()
    LexicalIndex.open(merging, store).update(store, ids[:1], store.generation())
    merge_s = now() - t0
    return {"chunks": store.count(), "papers": records.count(), "lexical_rebuild_s": lex_rebuild,
            "records_rebuild_s": rec_rebuild, "ingest_update_117_s": update_s, "merge_s": merge_s,
            "build_peak_rss_mb": proc_status().get("VmHWM"), "lexical_chunks": len(lex), "rebuilt": lex.rebuilt}


def worker_components_measure(spec: dict) -> dict:
    memory_guard()
    base = proc_status()
    t0 = now()
    from assistant.lexical import LexicalIndex
    from assistant.records import Records
    from assistant.settings import Settings

    settings = Settings(data_dir=Path(spec["data_dir"]))
    records = Records.open(settings)
    lex = LexicalIndex.open(settings)
    n_papers = records.count()
    startup_s = now() - t0
    after_start = proc_status()
    questions = [it.question for it in load_questions()]
    passes = spec.get("passes", 3)
    rng = random.Random(0)
    every = records.ids_where()
    small = rng.sample(every, min(SMALL_FILTER, len(every)))
    large = records.ids_where(year=("since", 2024))
    for q in questions[:5]:
        lex.search(q, 30)
    res = {"papers": n_papers, "chunks": len(lex), "startup_s": startup_s,
           "rss_after_start_mb": after_start.get("VmRSS"), "rss_before_mb": base.get("VmRSS"),
           "large_filter_papers": len(large)}
    from assistant.lexical import PaperFilter

    prepared = PaperFilter(large)
    for name, allowed in (("unfiltered", None), ("small_filter", small), ("large_filter", large),
                          ("prepared_filter", prepared)):
        t = _timed(lambda q: lex.search(q, 30, allowed_paper_ids=allowed), questions, passes)
        res[f"search_{name}_p50_ms"], res[f"search_{name}_p95_ms"] = pct(t, 0.5), pct(t, 0.95)
    terms = _terms(questions)
    t = _timed(lex.docs_with_term, terms, passes)
    res["exact_term_p50_ms"], res["exact_term_p95_ms"], res["exact_terms"] = pct(t, 0.5), pct(t, 0.95), len(terms)
    t = _timed(records.get, rng.sample(every, min(200, len(every))))
    res["records_get_p50_ms"] = pct(t, 0.5)
    t = _timed(lambda y: records.ids_where(year=("since", y)), [2019, 2022, 2024, 2025])
    res["records_ids_where_year_p50_ms"] = pct(t, 0.5)
    t = _timed(records.authors_in, questions)
    res["records_authors_in_p50_ms"] = pct(t, 0.5)
    # The alternative: Chroma's own full-text filter (no ranking; local Chroma has no sparse search).
    from assistant.index import Store

    collection = Store(settings).collection
    chosen = [t for t in terms if t in ("71.59%", "ZO2", "db-SP", "int8", "LLM.int8()")][:CONTAINS_TERMS]
    t = _timed(lambda term: collection.get(where_document={"$contains": term}, include=[]), chosen)
    res["chroma_contains_p50_ms"], res["chroma_contains_max_ms"] = pct(t, 0.5), max(t)
    t = _timed(lex.docs_with_term, chosen)
    res["exact_same_terms_p50_ms"] = pct(t, 0.5)
    res["peak_rss_mb"] = proc_status().get("VmHWM")
    return res


def measure_size(size: int, data_dir: Path, tmp: Path, run_worker, passes: int) -> dict:
    """Both workers on one growth store (called by growth.py before it deletes the store)."""
    log(f"components at {size}x: rebuilding the side indexes from Chroma, ingest update, merge")
    spec = {"data_dir": str(data_dir), "passes": passes}
    built = run_worker("components-build", spec, timeout=3600, log_path=tmp / f"components-build-{size}.log")
    log(f"components at {size}x: start-up and queries in a fresh process")
    got = run_worker("components-measure", spec, timeout=3600, log_path=tmp / f"components-measure-{size}.log")
    return {"size": size, **built, **got}
