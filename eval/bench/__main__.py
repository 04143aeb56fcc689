"""Entry point: `python -m eval.bench [--quick] [--out DIR] [--only SECTIONS]`; see __init__.py."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from . import __doc__ as DOC
from .components import measure_size, worker_components_build, worker_components_measure
from .concurrency import bench_concurrency
from .common import REPO, SIZES_FULL, SIZES_QUICK, log, now
from .growth import bench_growth, run_worker, worker_build, worker_measure
from .ingest import bench_ingest
from .memory import bench_ui_memory
from .plot import plot_growth
from .query import bench_query
from .rows import build_rows
from .side_by_side import bench_plain
from .startup import bench_startup
from .table import fmt, print_table

SECTIONS = ["ingest", "startup", "query", "side_by_side", "memory", "concurrency", "growth", "components"]
WORKERS = {"build": worker_build, "measure": worker_measure, "components-build": worker_components_build,
           "components-measure": worker_components_measure}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.bench", description=DOC.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="Fewer runs; growth at 1x and 10x only (for the smoke test).")
    ap.add_argument("--out", type=Path, default=REPO / "artifacts" / "bench", help="Folder for bench.json and growth.png.")
    ap.add_argument("--budget", type=float, default=600.0, help="Seconds allowed to build one growth size (default 600).")
    ap.add_argument("--keep", action="store_true", help="Keep the temporary data directories (growth stores too).")
    ap.add_argument("--only", help=f"Comma-separated sections to run (of {', '.join(SECTIONS)}); ingest always runs.")
    ap.add_argument("--sizes", help="Comma-separated growth sizes, e.g. 1,100,1000 (default 1,10,100,1000; --quick 1,10).")
    ap.add_argument("--worker", choices=sorted(WORKERS), help=argparse.SUPPRESS)
    ap.add_argument("--spec", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        print(json.dumps(WORKERS[args.worker](json.loads(args.spec))), flush=True)
        return 0

    import signal

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so the temporary directories are removed
    quick = args.quick
    runs_heavy, runs_cheap, passes = (1, 3, 1) if quick else (3, 5, 3)
    sizes = [int(x) for x in args.sizes.split(",")] if args.sizes else SIZES_QUICK if quick else SIZES_FULL
    only = set(args.only.split(",")) if args.only else set(SECTIONS)
    if only - set(SECTIONS):
        ap.error(f"unknown sections: {', '.join(sorted(only - set(SECTIONS)))}")
    if "ingest" not in only:  # still needed for the seed index; once is enough
        runs_heavy, runs_cheap = 1, 1
    args.out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="assistant-bench-"))
    t_start = now()
    results: dict = {"meta": {"quick": quick, "runs_heavy": runs_heavy, "runs_cheap": runs_cheap, "passes": passes,
                              "cpus": os.cpu_count(), "loadavg_start": list(os.getloadavg()),
                              "date": time.strftime("%Y-%m-%d %H:%M:%S"), "python": sys.version.split()[0],
                              "sections": sorted(only), "sizes": sizes},
                     "errors": {}}
    loads = results["meta"]["loadavg_at_section_start"] = {}

    def mark(section: str) -> None:
        loads[section] = os.getloadavg()[0]

    steps = [
        ("startup", lambda: bench_startup(tmp, seeded, runs_heavy, runs_cheap)),
        ("query", lambda: bench_query(seeded, passes)),
        ("side_by_side", lambda: bench_plain(shared["retriever"], passes)),
        ("memory", lambda: bench_ui_memory(tmp, seeded, 10)),
        ("concurrency", lambda: bench_concurrency(tmp, seeded, 8, 1 if quick else 3)),
        ("growth", lambda: bench_growth(tmp, seeded, sizes, quick, passes, args.budget,
                                        on_built=on_built if "components" in only else None,
                                        retriever="growth" in only, keep=args.keep)),
        ("components", lambda: components),
    ]
    steps = [(name, fn) for name, fn in steps if name in only or (name == "growth" and "components" in only)]
    shared: dict = {}
    components: dict = {"sizes": {}}

    def on_built(size: int, data_dir: Path) -> None:
        try:
            components["sizes"][str(size)] = measure_size(size, data_dir, tmp, run_worker, passes)
        except Exception as e:  # the table still prints; the failure is reported
            components["sizes"][str(size)] = {"error": f"{e.__class__.__name__}: {str(e)[-600:]}"}
            log(f"components at {size}x failed: {components['sizes'][str(size)]['error']}")

    try:
        mark("ingest")
        try:
            results["ingest"], seeded = bench_ingest(tmp, runs_heavy, runs_cheap)
        except Exception as e:  # nothing else can run without an index; the table still prints
            results["errors"]["ingest"] = f"{e.__class__.__name__}: {e}"
            steps = []
        for name, step in steps:
            if name == "side_by_side" and "retriever" not in shared:
                continue
            mark(name)
            try:
                got = step()
            except Exception as e:
                results["errors"][name] = f"{e.__class__.__name__}: {e}"
                continue
            if name == "query":
                results["query"], shared["retriever"] = got
            elif name != "growth" or "growth" in only:
                results[name] = got
        shared.clear()
        results.setdefault("growth", {"sizes": {}})
        if "growth" in only:
            plot_growth(results["growth"], args.out / "growth.png")
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            log(f"kept {tmp}")
    results["meta"]["loadavg_end"] = list(os.getloadavg())
    results["meta"]["elapsed_s"] = now() - t_start

    rows, footnotes = build_rows(results)
    meta = results["meta"]
    print(f"\nPaper assistant benchmark — {meta['date']}, {meta['cpus']} CPUs, "
          f"{'--quick, ' if quick else ''}medians of {runs_heavy} (heavy) / {runs_cheap} (cheap) runs, "
          f"{passes} pass(es) per question; load average {meta['loadavg_start'][0]:.1f} at start, "
          f"{meta['loadavg_end'][0]:.1f} at end\n")
    results["table"] = print_table(rows, footnotes, loads)
    results["rows"] = [r.to_json() for r in rows]
    goals = [r for r in rows if r.goal]
    results["goals"] = {f"{r.section}: {r.name}": {"goal": r.goal, "value": r.value, "met": r.met} for r in goals}
    print()
    if "ingest" in results:
        print(f"Ingest goal judged on the in-process ratio ({results['ingest']['inproc_ratio']:.2f}x); the whole-process "
              f"ratio ({results['ingest']['process_ratio']:.2f}x) includes interpreter, import and model start-up.")
    g = results["growth"]
    if "growth" in only:
        real = [f"{k}x" for k, e in g["sizes"].items() if not e.get("synthetic_embeddings")]
        synth = [f"{k}x" for k, e in g["sizes"].items() if e.get("synthetic_embeddings")]
        print(f"Growth embeddings: real (the local model) at {', '.join(real) or 'none'}; synthesized at "
              f"{', '.join(synth + (['100x on the chroma server'] if 'chroma_server_100x' in g else [])) or 'none'}"
              + (" (10x is synthesized only under --quick)." if quick else "."))
        for k, e in g["sizes"].items():
            if e.get("cut_by_budget"):
                print(f"{k}x: the build budget ({args.budget:.0f} s) ran out at {e['papers']:,} papers; measured on those.")
            if e.get("questions_measured", 0) < e.get("questions_total", 0):
                print(f"{k}x: {e['questions_measured']} of {e['questions_total']} questions fit in the measuring budget "
                      f"(Retriever load {e['load_s']:.0f} s, then {g.get('budget_s_per_size', 0) / 3:.0f} s of questions).")
        walls = [f"{k}x {e['wall_s'] / 60:.1f} min" + (f" (build {e['build_s']:.0f} s)" if e.get("build_s") else "")
                 for k, e in g["sizes"].items() if "wall_s" in e]
        if walls:
            print("Growth wall time per size (build + measure): " + ", ".join(walls) + ".")
        missing = [f"{s}x" for s in sizes if "p50_ms" not in g["sizes"].get(str(s), {})]
        if missing:
            print(f"Not measured: {', '.join(missing)} (see bench.json).")
    not_met = [f"{r.name} ({fmt(r.value, r.unit)}, goal {r.goal})" for r in goals if r.met is False]
    if not_met:
        print("Goals NOT met: " + "; ".join(not_met) + ".")
    q = results.get("query")
    if q:
        print("\nQuery path at 1x, mean exclusive time per question (extractive Assistant.ask, fresh sentence cache):")
        total = sum(q["stages_ms"].values())
        for name, ms in q["stages_ms"].items():
            print(f"  {ms:8.1f} ms  {100 * ms / total:5.1f}%  {name}")
        slowest = next(iter(q["stages_ms"]))
        results["slowest_stage"] = slowest
        at_scale = []
        for k, e in g["sizes"].items():
            if e.get("stages_ms") and k != "1":
                name, ms = next(iter(e["stages_ms"].items()))
                at_scale.append(f"{k}x: {name} ({ms:.0f} ms of {sum(e['stages_ms'].values()):.0f} ms)")
        results["slowest_stage_by_size"] = {k: next(iter(e["stages_ms"])) for k, e in g["sizes"].items() if e.get("stages_ms")}
        print(f"\nSlowest stage of the query path: {slowest} "
              f"({q['stages_ms'][slowest]:.1f} ms of {total:.1f} ms per question at 1x)"
              + (f"; of retrieval as the corpus grows: {'; '.join(at_scale)}." if at_scale else "."))
    met = sum(1 for r in goals if r.met)
    print(f"Goals met: {met} of {len(goals)}.  bench.json and growth.png in {args.out}")
    (args.out / "bench.json").write_text(json.dumps(results, indent=2, default=str))
    if results["errors"]:
        print("Failed measurements: " + "; ".join(f"{k}: {v[-300:]}" for k, v in results["errors"].items()))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
