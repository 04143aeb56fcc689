"""Segments of the lexical index (lexical.py): the main bm25s segment on disk and the immutable
snapshot every search reads (main segment, its tombstones, the in-memory delta).

Out of scope: deciding when to merge, persistence of the state file, locking (lexical.py).
"""

from __future__ import annotations

import functools
import json
import os
import shutil
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np


class Main:
    """A bm25s segment on disk: score matrix (CSC, memory-mapped), vocabulary, chunk ids, token ids."""

    def __init__(self, path: Path):
        import bm25s

        self.path = path
        self.bm25 = bm25s.BM25.load(str(path), mmap=True, show_progress=False)
        meta = json.loads((path / "docs.json").read_text())
        self.chunk_ids, self.paper_ids, self.avgdl = meta["chunk_ids"], meta["paper_ids"], meta["avgdl"]
        self.vocab: dict[str, int] = self.bm25.vocab_dict
        self.indptr, self.indices = self.bm25.scores["indptr"], self.bm25.scores["indices"]
        self.data = self.bm25.scores["data"]
        self.n = self.bm25.scores["num_docs"] = len(self.chunk_ids)
        if len(self.indptr) != len(self.vocab) + 1 or (len(self.indices) and int(self.indices.max()) >= self.n):
            raise ValueError("score matrix does not match its vocabulary and chunk list")
        self.rows_of: dict[str, list[int]] = defaultdict(list)
        for row, pid in enumerate(self.paper_ids):
            self.rows_of[pid].append(row)
        self.code = {pid: i for i, pid in enumerate(self.rows_of)}  # paper -> small int
        self.row_code = np.fromiter((self.code[pid] for pid in self.paper_ids), np.int32, self.n)

    @functools.cached_property
    def pids(self) -> list[str]:
        """Paper id by code."""
        return list(self.code)

    @functools.cached_property
    def sorted_pids(self) -> list[str]:
        return sorted(self.code)

    @functools.cached_property
    def pid_rank(self) -> np.ndarray:
        """Each code's place in paper-id order (ties in rankings are broken by id)."""
        rank = np.empty(len(self.code), np.float64)
        rank[[self.code[p] for p in self.sorted_pids]] = np.arange(len(self.code))
        return rank

    def rows_for(self, paper_ids, dead) -> np.ndarray:
        """Sorted live rows of these papers: dict lookups for a few papers, a vectorised mask
        over the rows for many (a year filter can allow half the corpus)."""
        ids = paper_ids if isinstance(paper_ids, (list, tuple, set, frozenset)) else list(paper_ids)
        if len(ids) * 64 < self.n:
            rows = sorted(r for pid in ids for r in self.rows_of.get(pid, ()) if r not in dead)
            return np.asarray(rows, np.int64)
        codes = np.fromiter((self.code.get(pid, -1) for pid in ids), np.int64, len(ids))
        chosen = np.zeros(len(self.code) + 1, bool)  # the last slot takes unknown ids (-1)
        chosen[codes] = True
        chosen[-1] = False
        mask = chosen[self.row_code]
        if dead:
            mask[list(dead)] = False
        return np.flatnonzero(mask)

    def df(self, tok: str) -> int:
        t = self.vocab.get(tok)
        return 0 if t is None else int(self.indptr[t + 1] - self.indptr[t])

    def postings(self, tok: str) -> np.ndarray:
        t = self.vocab.get(tok)
        return self.indices[self.indptr[t]:self.indptr[t + 1]] if t is not None else np.empty(0, np.int32)

    def builder(self, dead) -> Builder:
        """A Builder holding this segment's live chunks (by token id: nothing re-tokenised)."""
        flat, offs = np.load(self.path / "tokens.npy"), np.load(self.path / "offsets.npy")
        lengths = np.diff(offs)
        live = np.ones(self.n, bool)
        live[list(dead)] = False
        out = Builder(self.vocab)
        out.flat = flat[np.repeat(live, lengths)].astype(np.int32)
        out.lengths = lengths[live].tolist()
        out.chunk_ids = [c for c, ok in zip(self.chunk_ids, live) if ok]
        out.paper_ids = [p for p, ok in zip(self.paper_ids, live) if ok]
        return out


class Builder:
    """Collects chunks as token ids, then writes a bm25s segment: the Lucene BM25 score matrix
    (the same numbers bm25s's own `index()` computes, tests/test_lexical.py checks) built with
    vectorised numpy instead of bm25s's per-document Python loop, which needs gigabytes at
    100,000+ chunks."""

    def __init__(self, vocab: dict[str, int] | None = None):
        self.vocab = dict(vocab or {})
        self.flat = np.empty(0, np.int32)
        self._pending: list[int] = []
        self.lengths: list[int] = []
        self.chunk_ids: list[str] = []
        self.paper_ids: list[str] = []

    def add(self, chunk_id: str, paper_id: str, tokens: list[str]) -> None:
        setdefault = self.vocab.setdefault
        self._pending += [setdefault(t, len(self.vocab)) for t in tokens]
        if len(self._pending) > 1_000_000:  # Python ints cost 8-36 bytes each; numpy 4
            self.flat = np.concatenate([self.flat, np.asarray(self._pending, np.int32)])
            self._pending = []
        self.lengths.append(len(tokens))
        self.chunk_ids.append(chunk_id)
        self.paper_ids.append(paper_id)

    def __len__(self) -> int:
        return len(self.chunk_ids)

    def write(self, path: Path, k1: float, b: float) -> None:
        import bm25s

        flat = np.concatenate([self.flat, np.asarray(self._pending, np.int32)])
        n, v = len(self.lengths), len(self.vocab)
        lengths = np.asarray(self.lengths, np.int64)
        doc = np.repeat(np.arange(n, dtype=np.int64), lengths)
        keys, tf = np.unique(flat.astype(np.int64) * n + doc, return_counts=True)  # sorted by (token, doc)
        tok, doc = keys // n, (keys % n).astype(np.int32)
        df = np.bincount(tok, minlength=v)
        idf = np.log1p((n - df + 0.5) / (df + 0.5))
        avgdl = float(lengths.mean()) if n else 1.0
        tf = tf.astype(np.float32)
        data = (idf[tok] * tf / (tf + k1 * (1 - b + b * lengths[doc] / avgdl))).astype(np.float32)
        indptr = np.concatenate([[0], np.cumsum(df)]).astype(np.int64)
        bm = bm25s.BM25(k1=k1, b=b, method="lucene")
        bm.scores = {"data": data, "indices": doc, "indptr": indptr, "num_docs": n}
        bm.vocab_dict, bm.nonoccurrence_array = self.vocab, None
        tmp = path.with_name(path.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        bm.save(str(tmp), show_progress=False)
        np.save(tmp / "tokens.npy", flat)
        np.save(tmp / "offsets.npy", np.concatenate([[0], np.cumsum(lengths)]))
        (tmp / "docs.json").write_text(json.dumps({"chunk_ids": self.chunk_ids, "paper_ids": self.paper_ids, "avgdl": avgdl}))
        os.replace(tmp, path)


@dataclass(frozen=True)
class Snapshot:
    main: Main | None
    dead: frozenset[int]  # removed rows of the main segment
    delta: list[tuple[str, str, list[str]]]  # (chunk id, paper id, tokens) added since main was built
    generation: int
    stamp: tuple[int, int]  # (mtime_ns, size) of the state file it was read from

    @functools.cached_property
    def delta_postings(self) -> dict[str, dict[int, int]]:
        post: dict[str, dict[int, int]] = defaultdict(dict)
        for i, (_, _, toks) in enumerate(self.delta):
            for t in toks:
                post[t][i] = post[t].get(i, 0) + 1
        return post

    @functools.cached_property
    def live_mask(self) -> np.ndarray | None:
        if not self.main or not self.dead:
            return None
        mask = np.ones(self.main.n, np.float32)
        mask[list(self.dead)] = 0
        return mask

    def df(self, tok: str) -> int:
        return (self.main.df(tok) if self.main else 0) + len(self.delta_postings.get(tok, ()))
