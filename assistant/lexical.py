"""The lexical index: BM25 over every chunk (title + text), persisted beside Chroma and kept
current by ingest, plus exact-term lookup, with no per-question work proportional to the corpus.

* **Segments.** bm25s (0.3) builds an eager, immutable score matrix with no add or delete, so
  the index is a *main* bm25s segment (memory-mapped from disk) plus a small *delta* of chunks
  added since it was built, and a tombstone list of its removed rows. Ingest only touches the
  delta and tombstones; once they pass `lexical_merge_min` and `lexical_merge_fraction` of the
  main segment, a new main segment is built from the stored token ids (no re-tokenising, no
  Chroma read) and swapped in. Delta chunks are scored with the same Lucene BM25 formula and the
  combined document frequencies, so they rank alongside the main ones.
* **Tokens.** Lower-cased; "71.59%", "ZO2", "db-SP", "int8", "LLM.int8()" stay whole (trailing
  "()" dropped) *and* yield their parts ("71.59", "db", "sp", "llm", "int8"; a camel-case name's
  acronyms, "SSDFoo": "ssd"); plain alphabetic words are Snowball-stemmed; English stopwords
  dropped. An index whose state names another tokenizer version is rebuilt (tokens.py).
* **Filters inside the search.** `search(..., allowed_paper_ids)` scores only the allowed
  chunks: few allowed chunks are looked up in each query term's (doc-sorted) posting list;
  many go through bm25s's `weight_mask`. Nothing is scored and then filtered in Python.
* **Concurrency.** Searches read an immutable snapshot (one attribute read, no lock); updates
  and reloads build a new snapshot and swap it in under a writer lock.
* **Recovery.** A missing or unreadable index, an interrupted ingest (sync.py's marker) or one
  that lags Chroma's generation is rebuilt from Chroma, saying so in one log line.

Out of scope: dense search, fusion and which terms count as names (the retrieval modules),
phrase queries (`docs_with_term` on several words intersects their documents), and keeping the
index on a shared server: several UI workers share it through the data directory.
"""

from __future__ import annotations

import json
import logging
import math
import os
import shutil
import threading
import uuid
from collections import defaultdict

import numpy as np

from . import sync
from .errors import IndexBusyError, IndexError_
from .lexical_exact import exact_ranking
from .lexical_segment import Builder, Main, Snapshot
from .settings import Settings
from .tokens import TOKENS_VERSION, query_tokens, terms, tokenize

log = logging.getLogger("assistant.lexical")
_STATE = "state.json"


class PaperFilter:
    """Allowed papers prepared once for many searches (a year range allows half the corpus:
    mapping 50,000 ids to rows costs tens of ms per search, a prepared filter once per segment)."""

    def __init__(self, paper_ids):
        self.ids = frozenset(paper_ids)
        self._rows: tuple | None = None  # (segment, tombstones, rows)

    def rows(self, main: Main, dead: frozenset[int]) -> np.ndarray:
        got = self._rows
        if got is None or got[0] is not main or got[1] is not dead:
            got = self._rows = (main, dead, main.rows_for(self.ids, dead))
        return got[2]


class LexicalIndex:
    """Open with `LexicalIndex.open(settings, store)`; search from any number of threads."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.path = sync.side_dir(settings, "lexical")
        self._lock = threading.Lock()  # writers and reloads only
        self._snap = Snapshot(None, frozenset(), [], -1, (0, 0))
        self.rebuilt = False  # did open() rebuild it from Chroma
        self._handled: str | None = None  # the sync marker it was last rebuilt for

    @classmethod
    def open(cls, settings: Settings, store=None, locked: bool = False, force: bool = False,
             generation: int | None = None) -> LexicalIndex:
        """Load the persisted index; with `store`, rebuild it from Chroma when it is missing,
        unreadable, left behind by an interrupted ingest or older than Chroma's generation.
        `locked`, `force`, `generation`: for sync.finish (inside an ingest) only."""
        self = cls(settings)
        problem = "an earlier ingest stopped before updating it" if force else self._load()
        if problem and not force:  # a merge may have replaced the segment between two reads
            problem = self._load()
        if problem is None and store is not None:
            if not locked and sync.stale(settings, self._handled):
                problem = "an ingest stopped before updating it"
            elif self._snap.generation != store.generation():
                problem = f"it matches ingest generation {self._snap.generation}, Chroma is at {store.generation()}"
        if problem and store is None:
            raise IndexError_(f"the lexical index in {self.path} cannot be used ({problem}); run `assistant ingest` to rebuild it.")
        if problem:
            self.rebuild(store, problem, locked, generation)
        return self

    def generation(self) -> int:
        """The ingest generation the loaded index matches."""
        return self._snap.generation

    def __len__(self) -> int:
        s = self._snap
        return (s.main.n - len(s.dead) if s.main else 0) + len(s.delta)

    # ---- queries (lock-free) ------------------------------------------------------------
    def search(self, query: str, k: int, allowed_paper_ids=None) -> list[tuple[str, str, float]]:
        """Top `k` chunks by BM25 as (chunk id, paper id, score), best first, scores > 0; with
        `allowed_paper_ids` (any iterable, or a PaperFilter to reuse) only those papers' chunks
        are scored."""
        s = self._snap
        toks = list(dict.fromkeys(query_tokens(query, known=lambda t: s.df(t) > 0)))
        if not toks or k <= 0:
            return []
        prepared = allowed_paper_ids if isinstance(allowed_paper_ids, PaperFilter) else None
        allowed = None if allowed_paper_ids is None else prepared.ids if prepared else (
            allowed_paper_ids if isinstance(allowed_paper_ids, (set, frozenset)) else set(allowed_paper_ids))
        # A few extra, so ties at the cut are broken the same way whatever the rows' order on disk.
        out = self._search_main(s, toks, k + 16, allowed, prepared) if s.main else []
        n_all = (s.main.n if s.main else 0) + len(s.delta)
        avgdl = s.main.avgdl if s.main else max(1.0, sum(len(d[2]) for d in s.delta) / max(1, len(s.delta)))
        k1, b = self.settings.lexical_k1, self.settings.lexical_b
        scores: dict[int, float] = defaultdict(float)
        for t in toks:
            post = s.delta_postings.get(t)
            if not post:
                continue
            df = s.df(t)
            idf = math.log(1 + (n_all - df + 0.5) / (df + 0.5))
            for i, tf in post.items():
                if allowed is None or s.delta[i][1] in allowed:
                    scores[i] += idf * tf / (tf + k1 * (1 - b + b * len(s.delta[i][2]) / avgdl))
        out += [(s.delta[i][0], s.delta[i][1], sc) for i, sc in scores.items()]
        return sorted(out, key=lambda x: (-round(x[2], 6), x[0]))[:k]

    @staticmethod
    def _search_main(s: Snapshot, toks: list[str], k: int, allowed, prepared=None) -> list[tuple[str, str, float]]:
        m = s.main
        qids = np.array([m.vocab[t] for t in toks if t in m.vocab], dtype=np.int64)
        if not len(qids):
            return []
        if allowed is not None:
            rows = prepared.rows(m, s.dead) if prepared else m.rows_for(allowed, s.dead)
            if not len(rows):
                return []
            postings = int((m.indptr[qids + 1] - m.indptr[qids]).sum())
            if len(rows) * len(qids) * 4 < m.n + postings:  # gather: cost ~ allowed chunks, not corpus
                acc = np.zeros(len(rows), np.float32)
                for q in qids:
                    lo, hi = int(m.indptr[q]), int(m.indptr[q + 1])
                    plist = m.indices[lo:hi]
                    pos = np.searchsorted(plist, rows)
                    ok = pos < len(plist)
                    ok[ok] = plist[pos[ok]] == rows[ok]
                    acc[ok] += m.data[lo:hi][pos[ok]]
                top = np.argsort(-acc, kind="stable")[:k]
                return [(m.chunk_ids[rows[i]], m.paper_ids[rows[i]], float(acc[i])) for i in top if acc[i] > 0]
            weight = np.zeros(m.n, np.float32)
            weight[rows] = 1.0
        else:
            weight = s.live_mask
        scores = m.bm25.get_scores_from_ids(qids.tolist(), weight_mask=weight)
        top = np.flatnonzero(scores)  # only chunks with a query term: selection cost ~ matches
        if len(top) > k:
            top = top[np.argpartition(-scores[top], k - 1)[:k]]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(m.chunk_ids[i], m.paper_ids[i], float(scores[i])) for i in top if scores[i] > 0]

    def docs_with_term(self, term: str) -> frozenset[str]:
        """Papers whose chunks contain `term` as a token (same normalisation as search: case,
        stems of plain words; "71.59" also finds "71.59%", "ZO2" finds "ZO2-based"). Several
        words: papers with all of them, in any order. Empty for stopwords."""
        s = self._snap
        found: frozenset[str] | None = None
        for whole, parts in terms(term):
            tok = whole or parts[0]
            ids = {s.main.paper_ids[r] for r in s.main.postings(tok).tolist() if r not in s.dead} if s.main else set()
            ids |= {s.delta[i][1] for i in s.delta_postings.get(tok, ())}
            found = frozenset(ids) if found is None else found & ids
        return found or frozenset()

    def exact_ranking(self, query_terms: list[str], allowed, keep: set[str], limit: int) -> list[tuple[str, float, int]]:
        """Papers by the rare literal terms they contain (lexical_exact.py)."""
        return exact_ranking(self._snap, query_terms, allowed, keep, limit)

    def idf(self, terms: list[str]) -> dict[str, float]:
        """Each word's inverse document frequency over the chunks (BM25's): how much finding it
        says about a text."""
        n = max(1, len(self))
        return {t: math.log(1 + (n - (df := self.chunk_frequency(t)) + 0.5) / (df + 0.5)) for t in terms}

    def chunk_frequency(self, term: str) -> int:
        """Chunks containing the term's first token (tombstoned ones included until the next
        merge): an idf without materialising the papers."""
        got = terms(term)
        return self._snap.df(got[0][0] or got[0][1][0]) if got else 0

    # ---- persistence and updates --------------------------------------------------------
    def _stamp(self) -> tuple[int, int]:
        try:
            st = (self.path / _STATE).stat()
            return st.st_mtime_ns, st.st_size
        except OSError:
            return 0, 0

    def _load(self) -> str | None:
        try:
            stamp = self._stamp()
            state = json.loads((self.path / _STATE).read_text())
            if state.get("version") != 1:
                raise ValueError(f"unknown layout version {state.get('version')!r}")
            if state.get("tokens", 1) != TOKENS_VERSION:  # its stored token ids mean other tokens now
                raise ValueError(f"built by tokenizer version {state.get('tokens', 1)}, this one is {TOKENS_VERSION}")
            main = Main(self.path / state["main"]) if state["main"] else None
            dead = frozenset(state["dead"])
            if main and any(not 0 <= r < main.n for r in dead):
                raise ValueError("tombstones outside the main segment")
            self._handled = state.get("marker")
            self._snap = Snapshot(main, dead, [tuple(d) for d in state["delta"]], int(state["generation"]), stamp)
            return None
        except FileNotFoundError:
            return "it is missing"
        except Exception as e:  # noqa: BLE001 - any unreadable file means: rebuild
            return f"unreadable: {e.__class__.__name__}: {str(e)[:120]}"

    def refresh(self) -> bool:
        """Reload if another process (an ingest) changed the index; one stat() when it did not."""
        if self._stamp() == self._snap.stamp:
            return False
        with self._lock:
            if self._stamp() != self._snap.stamp and self._load():
                log.warning("the lexical index in %s changed but cannot be read; keeping the loaded one", self.path)
        return True

    def _write(self, main: str | None, dead, delta, generation: int) -> None:
        self.path.mkdir(parents=True, exist_ok=True)
        tmp = self.path / f"{_STATE}.{uuid.uuid4().hex}.tmp"
        tmp.write_text(json.dumps({"version": 1, "tokens": TOKENS_VERSION, "main": main, "generation": generation, "marker": self._handled,
                                   "dead": sorted(dead), "delta": [list(d) for d in delta]}))
        os.replace(tmp, self.path / _STATE)
        for old in self.path.glob("seg-*"):  # segments no state names (readers keep their mmaps)
            if old.name != main:
                shutil.rmtree(old, ignore_errors=True)
        if self._load():
            raise IndexError_(f"the lexical index just written to {self.path} cannot be read back")

    def _commit(self, main: Builder | None, dead, delta, generation: int) -> None:
        """Persist (writing `main` as the new main segment when given) and swap snapshots."""
        name = self._snap.main.path.name if self._snap.main else None
        if main is not None:
            name = None
            if len(main):
                name = f"seg-{uuid.uuid4().hex[:12]}"
                main.write(self.path / name, self.settings.lexical_k1, self.settings.lexical_b)
        self._write(name, dead, delta, generation)

    def rebuild(self, store, reason: str = "asked to", locked: bool = False, generation: int | None = None) -> None:
        """Re-read every chunk from Chroma and build one main segment."""
        quiet = locked and reason == "it is missing"  # the first ingest: nothing went wrong
        (log.info if quiet else log.warning)("lexical index in %s: %s; rebuilding it from Chroma (%d chunks)",
                                             self.path, reason, store.count())
        gen = store.generation() if generation is None else generation
        self._handled = None if locked else sync.marker_stamp(self.settings)
        docs = Builder()
        with sync.rebuilding("the lexical index"):
            for cid, meta, doc in sync.chunks(store, self.settings):
                docs.add(cid, meta["paper_id"], tokenize(f"{meta.get('title', '')}\n{doc or ''}"))
        self.rebuilt = True
        with self._lock, sync.rebuilding("the lexical index"):
            if locked:
                return self._commit(docs, (), [], gen)
            from .index import ingest_lock

            try:
                with ingest_lock(self.settings):
                    self._commit(docs, (), [], gen)
            except IndexBusyError:  # the running ingest brings it up to date when it finishes
                raise IndexError_("the lexical index is being updated by a running ingest; try again when it finishes.") from None

    def update(self, store, paper_ids: list[str], generation: int) -> None:
        """Make `paper_ids`' chunks match Chroma (added, changed or removed papers); the caller
        holds the ingest lock. Merges the delta into a new main segment past the thresholds."""
        with self._lock:
            s = self._snap
            gone = set(paper_ids)
            dead = set(s.dead) | {r for pid in gone for r in (s.main.rows_of.get(pid, ()) if s.main else ())}
            delta = [d for d in s.delta if d[1] not in gone]
            delta += [(cid, meta["paper_id"], tokenize(f"{meta.get('title', '')}\n{doc or ''}"))
                      for cid, meta, doc in sync.chunks(store, self.settings, list(gone))]
            n_main = s.main.n if s.main else 0
            if not s.main or len(delta) + len(dead) > max(self.settings.lexical_merge_min,
                                                          self.settings.lexical_merge_fraction * n_main):
                merged = s.main.builder(dead) if s.main else Builder()
                for d in delta:
                    merged.add(*d)
                return self._commit(merged, (), [], generation)
            self._commit(None, dead, delta, generation)
