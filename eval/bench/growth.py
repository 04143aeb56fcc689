"""Section 5, growth: synthetic copies of the seed papers at 1x, 10x, 100x, 1000x (and 100x on
a `chroma run` server), each size built in one subprocess and measured in a fresh one (so RSS
is per size). Above 10x (and at 10x with --quick) embeddings are synthesized from the seed
vectors. `on_built(size, data_dir)` lets another section measure the same store before it is
deleted (components.py).

Out of scope: the plot (plot.py), real embeddings above 10x.
"""

from __future__ import annotations

import copy
import json
import pickle
import random
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from .common import (BIN, BUILD_BATCH, NOISE_NORM, REPO, SEEDS, child_env, du_mb, free_port, load_questions, log,
                     median, memory_guard, now, pct, proc_status, stop)
from .query import stage_clock, stage_times

def variant(p, n: int, label: str | None, author_pool: tuple[list[str], list[str]]):
    """Copy `n` of seed paper `p`: new id, " (variant n)" title, its method name suffixed
    "-vn" (so name lookups stay unambiguous, as in a real corpus), three adjacent-word swaps in
    the abstract, authors drawn from the seed pool of first and last names, its own page."""
    rng = random.Random(f"{p.id}:{n}")
    title, abstract = p.title, p.abstract
    if label and " " not in label:
        pat = re.compile(r"(?<![\w-])" + re.escape(label) + r"(?![\w-])")
        title, abstract = pat.sub(f"{label}-v{n}", title), pat.sub(f"{label}-v{n}", abstract)
    words = abstract.split(" ")
    if len(words) > 12:
        for _ in range(3):
            i = rng.randrange(1, len(words) - 2)
            words[i], words[i + 1] = words[i + 1], words[i]
    firsts, lasts = author_pool
    q = copy.copy(p)
    q.id = f"{p.id}-v{n}"
    q.title = f"{title} (variant {n})"
    q.abstract = " ".join(words)
    q.authors = [f"{rng.choice(firsts)} {rng.choice(lasts)}" for _ in p.authors]
    q.profiles = []
    q.sources = [f"variant-{n:04d}.txt"]
    return q


def prepare_growth(seeded: Path, tmp: Path) -> Path:
    """Seed papers, their labels and the seed index's rows, for the build workers."""
    from assistant.corpus import load_corpus
    from assistant.retrieval import Retriever
    from assistant.settings import Settings

    settings = Settings(data_dir=seeded)
    retriever = Retriever(settings)
    papers = load_corpus([SEEDS]).papers
    got = retriever.store.collection.get(include=["embeddings", "metadatas", "documents"])
    names = [a.split() for p in papers for a in p.authors if len(a.split()) >= 2]
    prep = {
        "papers": [p.to_dict() for p in papers],
        "labels": {p.id: retriever.label(p) for p in papers},
        "rows": {"ids": got["ids"], "embeddings": [list(map(float, e)) for e in got["embeddings"]],
                 "metadatas": got["metadatas"], "documents": got["documents"]},
        "author_pool": (sorted({n[0] for n in names}), sorted({n[-1] for n in names})),
    }
    path = tmp / "growth-prep.pkl"
    path.write_bytes(pickle.dumps(prep))
    return path


def worker_build(spec: dict) -> dict:
    """Subprocess: a store holding the seed rows plus (size-1) variants of every seed paper."""
    import numpy as np
    from llama_index.core.schema import MetadataMode
    from llama_index.core.vector_stores.utils import node_to_metadata_dict

    from assistant.corpus import Paper
    from assistant.index import Store, chunk_papers
    from assistant.settings import Settings

    t_start = now()
    deadline = t_start + spec["budget_s"]
    settings = Settings(data_dir=Path(spec["data_dir"]), chroma_host=spec.get("chroma_host"),
                        chroma_port=spec.get("chroma_port") or 8000)
    prep = pickle.loads(Path(spec["prep"]).read_bytes())
    seeds = [Paper(**d) for d in prep["papers"]]
    store = Store(settings)
    rows = prep["rows"]
    store.collection.add(ids=rows["ids"], embeddings=rows["embeddings"], metadatas=rows["metadatas"],
                         documents=rows["documents"])
    seed_vec = {(m["paper_id"], m["chunk"]): np.asarray(e, dtype=np.float32)
                for m, e in zip(rows["metadatas"], rows["embeddings"])}
    n_chunks_seed: dict[str, int] = {}
    for pid, n in seed_vec:
        n_chunks_seed[pid] = max(n_chunks_seed.get(pid, 0), n + 1)
    rng = np.random.default_rng(spec["size"])
    sigma = NOISE_NORM / np.sqrt(len(next(iter(seed_vec.values()))))
    embed_model = None
    if not spec["synthetic"]:
        from assistant.embeddings import get_embed_model

        embed_model = get_embed_model(settings)
    pool = tuple(prep["author_pool"])
    todo = [(p, n) for n in range(1, spec["size"]) for p in seeds]
    papers_done = len(seeds)
    chunks_done = len(rows["ids"])
    cut = False
    for s in range(0, len(todo), BUILD_BATCH):
        if now() > deadline:
            cut = True
            break
        batch = [variant(p, n, prep["labels"].get(p.id), pool) for p, n in todo[s : s + BUILD_BATCH]]
        origin = {v.id: p.id for v, (p, _n) in zip(batch, todo[s : s + BUILD_BATCH])}
        nodes = chunk_papers(batch, settings)
        if embed_model is not None:  # real embeddings, exactly as ingest() writes them
            step = settings.embed_batch_size
            for b in range(0, len(nodes), step):
                part = nodes[b : b + step]
                vecs = embed_model.get_text_embedding_batch([x.get_content(metadata_mode=MetadataMode.EMBED) for x in part])
                for node, vec in zip(part, vecs):
                    node.embedding = vec
                store.vector_store.add(part)
        else:  # synthesized: the seed chunk's vector plus gaussian noise, renormalised
            src = [origin[node.metadata["paper_id"]] for node in nodes]
            base = np.stack([seed_vec[(pid, min(node.metadata["chunk"], n_chunks_seed[pid] - 1))]
                             for pid, node in zip(src, nodes)])
            vecs = base + rng.normal(0.0, sigma, base.shape).astype(np.float32)
            vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
            ids, metas, docs = [], [], []
            for node, vec in zip(nodes, vecs):
                node.embedding = vec.tolist()
                meta = node_to_metadata_dict(node, remove_text=True, flat_metadata=True)  # as ChromaVectorStore.add
                metas.append({k: ("" if v is None else v) for k, v in meta.items()})
                ids.append(node.node_id)
                docs.append(node.get_content(metadata_mode=MetadataMode.NONE))
            for b in range(0, len(ids), 5000):
                store.collection.add(ids=ids[b : b + 5000], embeddings=vecs[b : b + 5000], metadatas=metas[b : b + 5000],
                                     documents=docs[b : b + 5000])
        papers_done += len(batch)
        chunks_done += len(nodes)
        print(f"built {papers_done} papers", file=sys.stderr, flush=True)
    # What ingest writes beside Chroma (the paper table, the lexical index): the store is
    # written without ingest, and a retriever must not pay their rebuild in its start-up.
    from assistant.lexical import LexicalIndex
    from assistant.records import Records

    t_side = now()
    Records.open(settings, store)
    LexicalIndex.open(settings, store)
    return {"papers": papers_done, "chunks": chunks_done, "count": store.count(), "build_s": now() - t_start,
            "side_indexes_s": now() - t_side, "cut_by_budget": cut, "synthetic": spec["synthetic"]}


def worker_measure(spec: dict) -> dict:
    """Subprocess: load the Retriever on a built store and time the eval questions (in a fixed
    shuffled order, so a run cut short by its time budget still covers every kind)."""
    from assistant.retrieval import Retriever
    from assistant.settings import Settings

    memory_guard()
    settings = Settings(data_dir=Path(spec["data_dir"]), chroma_host=spec.get("chroma_host"),
                        chroma_port=spec.get("chroma_port") or 8000)
    base = proc_status()
    t0 = now()
    retriever = Retriever(settings)
    load_s = now() - t0
    questions = [it.question for it in load_questions()]
    random.Random(0).shuffle(questions)
    retriever.run(questions[-1])  # warm-up
    deadline = now() + spec["budget_s"]
    times: list[list[float]] = [[] for _ in questions]
    passes = 0
    clock = None
    for p in range(spec["passes"]):
        if p == spec["passes"] - 1:  # the last pass also times the stages (a few µs per call)
            clock = stage_clock()
        for i, q in enumerate(questions):
            if now() > deadline:
                break
            t0 = now()
            retriever.run(q)
            times[i].append(1000 * (now() - t0))
        passes += 1
        if now() > deadline:
            break
    stages = {}
    if clock is not None:
        clock.restore()
        done = [t[-1] for t in times if len(t) == passes]
        stages = stage_times(clock, sum(done) / 1000, len(done)) if done else {}
        stages.pop("other (question check, rewrite, Answer assembly)", None)
    per_q = [median(t) for t in times if t]
    st = proc_status()
    return {"load_s": load_s, "p50_ms": pct(per_q, 0.5), "p95_ms": pct(per_q, 0.95), "passes": passes,
            "questions_measured": len(per_q), "questions_total": len(questions),
            "papers": len(retriever.papers), "chunks": retriever.store.count(), "rss_mb": st.get("VmRSS"),
            "peak_rss_mb": st.get("VmHWM"), "rss_before_load_mb": base.get("VmRSS"), "stages_ms": stages}


def run_worker(kind: str, spec: dict, timeout: float, log_path: Path) -> dict:
    cmd = [sys.executable, "-m", "eval.bench", "--worker", kind, "--spec", json.dumps(spec)]
    with log_path.open("w") as err:
        cp = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=err, text=True, timeout=timeout, cwd=REPO,
                            env=child_env())
    if cp.returncode != 0:
        raise RuntimeError(f"{kind} worker failed ({cp.returncode}):\n" + log_path.read_text()[-2000:])
    return json.loads(cp.stdout.strip().splitlines()[-1])


def start_chroma(path: Path) -> tuple[subprocess.Popen, int]:
    import chromadb

    chroma = shutil.which("chroma", path=str(BIN)) or shutil.which("chroma")
    port = free_port()
    proc = subprocess.Popen([chroma, "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = now() + 60
    while True:
        try:
            chromadb.HttpClient(host="127.0.0.1", port=port).heartbeat()
            return proc, port
        except Exception:
            if now() > deadline or proc.poll() is not None:
                stop(proc)
                raise RuntimeError("chroma run did not come up")
            time.sleep(0.3)


def bench_growth(tmp: Path, seeded: Path, sizes: list[int], quick: bool, passes: int, budget_s: float,
                 on_built=None, retriever: bool = True, keep: bool = False) -> dict:
    """`retriever=False`: build the stores for `on_built` only (no Retriever measurement, no server).
    `keep`: leave each size's store in `tmp` (for profiling it afterwards) instead of deleting it."""
    prep = prepare_growth(seeded, tmp)
    out: dict = {"sizes": {}, "budget_s_per_size": budget_s, "noise_norm": NOISE_NORM}
    for size in sizes:
        d = tmp / f"growth-{size}x"
        synthetic = size > 10 or (quick and size > 1)
        entry: dict = {"size": size, "synthetic_embeddings": synthetic and size > 1}
        t_size = now()
        try:
            if size == 1:
                shutil.copytree(seeded, d)  # the index `assistant ingest seeds` wrote
                entry["build_s"] = 0.0
            else:
                log(f"growth {size}x: building ({'synthesized' if synthetic else 'real'} embeddings)")
                built = run_worker("build", {"size": size, "data_dir": str(d), "prep": str(prep), "synthetic": synthetic,
                                             "budget_s": budget_s}, timeout=budget_s * 3 + 600, log_path=tmp / f"build-{size}.log")
                entry.update(build_s=built["build_s"], cut_by_budget=built["cut_by_budget"],
                             side_indexes_s=built.get("side_indexes_s"))
            entry["disk_mb"] = du_mb(d)
            if retriever:
                log(f"growth {size}x: measuring")
            mspec = {"data_dir": str(d), "passes": passes if size <= 100 else 1,
                     "budget_s": budget_s / 2 if size <= 100 else budget_s / 3}
            if retriever:
                entry.update(run_worker("measure", mspec, timeout=budget_s * 3 + 900, log_path=tmp / f"measure-{size}.log"))
            if on_built is not None:  # another section measures the same store (components.py)
                on_built(size, d)
        except Exception as e:  # the table still prints; the failure is reported
            entry["error"] = f"{e.__class__.__name__}: {str(e)[-600:]}"
            log(f"growth {size}x failed: {entry['error']}")
        entry["wall_s"] = now() - t_size
        out["sizes"][str(size)] = entry
        if keep:
            log(f"growth {size}x: kept in {d}")
        else:
            shutil.rmtree(d, ignore_errors=True)
    if not quick and retriever:
        size = 100
        server_path = tmp / "chroma-server"
        entry = {"size": size, "synthetic_embeddings": True}
        proc = None
        try:
            proc, port = start_chroma(server_path)
            log(f"growth {size}x against a `chroma run` server: building")
            spec = {"size": size, "data_dir": str(tmp / "server-client"), "prep": str(prep), "synthetic": True,
                    "budget_s": budget_s, "chroma_host": "127.0.0.1", "chroma_port": port}
            built = run_worker("build", spec, timeout=budget_s * 3 + 600, log_path=tmp / "build-server.log")
            entry.update(build_s=built["build_s"], cut_by_budget=built["cut_by_budget"])
            log(f"growth {size}x against a `chroma run` server: measuring")
            m = run_worker("measure", spec | {"passes": passes, "budget_s": budget_s / 2}, timeout=budget_s * 3 + 600,
                           log_path=tmp / "measure-server.log")
            entry.update(m)
            entry["disk_mb"] = du_mb(server_path)
            entry["server_peak_rss_mb"] = proc_status(proc.pid).get("VmHWM")
        except Exception as e:
            entry["error"] = f"{e.__class__.__name__}: {str(e)[-600:]}"
            log(f"chroma server growth failed: {entry['error']}")
        finally:
            if proc is not None:
                stop(proc)
        out["chroma_server_100x"] = entry
    return out
