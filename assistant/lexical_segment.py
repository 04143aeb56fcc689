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

    def df(self, tok: str) -> int:
        t = self.vocab.get(tok)
        return 0 if t is None else int(self.indptr[t + 1] - self.indptr[t])

    def postings(self, tok: str) -> np.ndarray:
        t = self.vocab.get(tok)
        return self.indices[self.indptr[t]:self.indptr[t + 1]] if t is not None else np.empty(0, np.int32)

    def token_lists(self) -> list[list[str]]:
        inv = np.empty(len(self.vocab), dtype=object)
        for tok, i in self.vocab.items():
            inv[i] = tok
        flat, offs = np.load(self.path / "tokens.npy"), np.load(self.path / "offsets.npy")
        return [inv[flat[offs[r]:offs[r + 1]]].tolist() for r in range(self.n)]

    @staticmethod
    def build(path: Path, docs: list[tuple[str, str, list[str]]], k1: float, b: float) -> None:
        import bm25s

        tmp = path.with_name(path.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        vocab: dict[str, int] = {}
        ids = [[vocab.setdefault(t, len(vocab)) for t in toks] for _, _, toks in docs]
        bm = bm25s.BM25(k1=k1, b=b, method="lucene")
        bm.scores = bm.build_index_from_ids(list(range(len(vocab))), ids, show_progress=False)
        bm.vocab_dict = vocab
        bm.save(str(tmp), show_progress=False)
        lengths = [len(x) for x in ids]
        np.save(tmp / "tokens.npy", np.fromiter((t for x in ids for t in x), np.int32, sum(lengths)))
        np.save(tmp / "offsets.npy", np.concatenate([[0], np.cumsum(lengths, dtype=np.int64)]))
        (tmp / "docs.json").write_text(json.dumps({"chunk_ids": [d[0] for d in docs], "paper_ids": [d[1] for d in docs],
                                                   "avgdl": float(np.mean(lengths))}))
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
