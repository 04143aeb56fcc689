"""The paper-record table: every indexed `Paper` in one small SQLite file beside Chroma, so a
retriever starts without reading every record from Chroma (117,000 papers: milliseconds, not
minutes) and looks papers up by id, author, year or venue through indexes.

* Kept current by ingest (sync.py `finish`; the writing is records_write.py), rebuilt from
  Chroma (chunk 0 of each paper carries its record) when missing, unreadable, left behind by
  an interrupted ingest, or older than Chroma's generation, saying so in one log line.
* Readers in any number of threads: one read-only SQLite connection per thread (WAL journal),
  no process-wide lock; a running UI sees an ingest's changes on its next query.

Out of scope: which words of a question are authors or venues (the planner decides; `authors_in`
only offers exact, case-insensitive author names it finds in a text), and ranking.
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from . import records_write, sync
from .corpus import Paper, plain_title
from .errors import IndexBusyError, IndexError_
from .records_write import DATED as _DATED, SCHEMA_VERSION, WORD as _WORD
from .settings import Settings

log = logging.getLogger("assistant.records")
_YEAR_OPS = {"in": "=", "since": ">=", "after": ">", "before": "<"}


class Records:
    """Open with `Records.open(settings, store)`."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.path: Path = sync.side_dir(settings, "records").with_suffix(".sqlite")
        self._local = threading.local()
        self.rebuilt = False
        self._handled: str | None = None

    @classmethod
    def open(cls, settings: Settings, store=None, locked: bool = False, force: bool = False,
             generation: int | None = None) -> Records:
        """The table; with `store`, rebuilt from Chroma when missing, unreadable, left behind by
        an interrupted ingest or older than Chroma's generation (`locked`, `force`, `generation`:
        for sync.finish only)."""
        self = cls(settings)
        problem = "an earlier ingest stopped before updating it" if force else self._check()
        if problem is None and store is not None:
            if not locked and sync.stale(settings, self._meta("marker")):
                problem = "an ingest stopped before updating it"
            elif self.generation() != store.generation():
                problem = f"it matches ingest generation {self.generation()}, Chroma is at {store.generation()}"
        if problem and store is None:
            raise IndexError_(f"the paper table {self.path} cannot be used ({problem}); run `assistant ingest` to rebuild it.")
        if problem:
            self.rebuild(store, problem, locked, generation)
        return self

    # ---- reading ----------------------------------------------------------------------------
    def _db(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(self.path, check_same_thread=False)
            con.execute("PRAGMA query_only = ON")
            self._local.con, self._local.ino = con, self.path.stat().st_ino
        elif self._local.ino != self._ino():  # rebuilt by another process: a new file
            self._local.con = None
            return self._db()
        return con

    def _check(self) -> str | None:
        if not self.path.exists():
            return "it is missing"
        try:
            self._db().execute("SELECT count(*) FROM papers WHERE rowid = 1").fetchone()
            self.generation()
            if self._meta("schema") != SCHEMA_VERSION:
                return f"it has an older layout ({self._meta('schema')})"
            return None
        except (sqlite3.Error, ValueError, TypeError) as e:
            self._local.con = None
            return f"unreadable: {e.__class__.__name__}: {e}"

    def _ino(self) -> int:
        try:
            return self.path.stat().st_ino
        except OSError:
            return -1

    def _meta(self, key: str) -> str | None:
        row = self._db().execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def generation(self) -> int:
        return int(self._meta("generation") or -1)

    def count(self) -> int:
        return self._db().execute("SELECT count(*) FROM papers").fetchone()[0]

    def pages(self) -> int:
        """How many distinct pages (files) the papers come from, counted at ingest."""
        return int(self._meta("pages") or 0)

    def undated(self, paper_ids: Iterable[str] | None = None) -> int:
        """How many papers (of `paper_ids`, or all, counted at ingest) have no date with a
        year: those `by_date` leaves out."""
        if paper_ids is None:
            return int(self._meta("undated") or 0)
        ids, n = list(paper_ids), 0
        for s in range(0, len(ids), 500):
            batch = ids[s:s + 500]
            q = f"SELECT count(*) FROM papers WHERE id IN ({','.join('?' * len(batch))}) AND NOT coalesce({_DATED}, 0)"
            n += self._db().execute(q, batch).fetchone()[0]
        return n

    def get(self, paper_id: str) -> Paper | None:
        row = self._db().execute("SELECT record FROM papers WHERE id = ?", (paper_id,)).fetchone()
        return Paper(**json.loads(row[0])) if row else None

    def n_chunks(self, paper_id: str) -> int | None:
        """How many chunks the paper is indexed as (None: unknown, or no such paper)."""
        row = self._db().execute("SELECT n_chunks FROM papers WHERE id = ?", (paper_id,)).fetchone()
        return row[0] if row else None

    def get_many(self, paper_ids: Iterable[str]) -> dict[str, Paper]:
        ids, out = list(paper_ids), {}
        for s in range(0, len(ids), 500):
            batch = ids[s:s + 500]
            q = f"SELECT id, record FROM papers WHERE id IN ({','.join('?' * len(batch))})"
            out.update((pid, Paper(**json.loads(rec))) for pid, rec in self._db().execute(q, batch))
        return out

    def ids_where(self, author: str | None = None, year: int | tuple[str, int] | None = None,
                  venue: str | None = None) -> list[str]:
        """Sorted ids of the papers matching every given condition. `author`: a full name, case
        ignored (profile owners count as authors); `year`: 2023 or ("in"|"since"|"after"|
        "before", 2023), papers without a year never match; `venue`: every word of it appears in
        the paper's venue or affiliation, case ignored. No condition: every id."""
        clauses, args = [], []
        if author is not None:
            clauses.append("id IN (SELECT paper_id FROM authors WHERE name = ?)")
            args.append(author.strip().lower())
        if year is not None:
            op, y = year if isinstance(year, tuple) else ("in", year)
            if op not in _YEAR_OPS:
                raise ValueError(f"year operator must be one of {sorted(_YEAR_OPS)}, not {op!r}")
            clauses.append(f"year {_YEAR_OPS[op]} ?")
            args.append(int(y))
        for word in _WORD.findall((venue or "").lower()):
            clauses.append("id IN (SELECT paper_id FROM venue_words WHERE word = ?)")
            args.append(word)
        where = " WHERE " + " AND ".join(clauses) if clauses else ""
        return [r[0] for r in self._db().execute(f"SELECT id FROM papers{where} ORDER BY id", args)]

    def by_date(self, paper_ids: Iterable[str] | None = None, newest: bool = False, limit: int = 3) -> list[str]:
        """The oldest (or newest) papers by ISO date, among `paper_ids` or all; papers whose date
        lacks a year ("Jan 29") are left out. Index-ordered: no scan of all records."""
        where, args = _DATED, []
        if paper_ids is not None:
            ids = list(paper_ids)
            if len(ids) > 30000:
                raise ValueError("by_date takes at most 30,000 ids; pass none for every paper")
            where += f" AND id IN ({','.join('?' * len(ids))})"
            args = ids
        q = f"SELECT id FROM papers WHERE {where} ORDER BY date {'DESC' if newest else 'ASC'}, id LIMIT ?"
        return [r[0] for r in self._db().execute(q, [*args, limit])]

    def multi_source(self) -> list[str]:
        """Papers listed on more than one page."""
        return [r[0] for r in self._db().execute("SELECT id FROM papers WHERE n_sources > 1 ORDER BY id")]

    def titled(self, label: str) -> list[str]:
        """Papers whose listed title starts with `label` before a colon ("ZO2" for "ZO2: Scalable
        ..."; prefixes of at most three words), case, LaTeX and punctuation ignored."""
        keys = {label.strip().lower(), plain_title(label)}
        q = f"SELECT DISTINCT paper_id FROM labels WHERE label IN ({','.join('?' * len(keys))}) ORDER BY paper_id"
        return [r[0] for r in self._db().execute(q, sorted(keys))]

    def title_starting(self, prefix: str) -> list[str]:
        """Papers whose whole title (plain_title form) starts with the words `prefix` (a range on
        the label index, so it costs the same at any corpus size)."""
        q = "SELECT DISTINCT paper_id FROM labels WHERE (label = ? OR (label >= ? AND label < ?)) ORDER BY paper_id LIMIT 3"
        return [r[0] for r in self._db().execute(q, (prefix, prefix + " ", prefix + "!"))]

    def titles_containing(self, words: str) -> list[str]:
        """Papers (at most 3) whose whole title holds `words` (plain_title form: lower-case
        letters, digits and single spaces) in a row. A scan of the label table: for a quoted
        title only, which few questions have."""
        if not words:
            return []
        q = "SELECT DISTINCT paper_id FROM labels WHERE ' ' || label || ' ' LIKE ? ORDER BY paper_id LIMIT 3"
        return [r[0] for r in self._db().execute(q, (f"% {words} %",))]

    def labelled(self, labels: Iterable[str]) -> dict[str, list[str]]:
        """Exact title-prefix or whole-title keys (as stored: lower case, or plain_title form) -> their papers."""
        return self._pairs("SELECT label, paper_id FROM labels WHERE label IN ({}) ORDER BY paper_id", labels)

    def authors_named(self, names: Iterable[str]) -> dict[str, list[str]]:
        """Exact author names (lower case, as stored) -> their papers."""
        return self._pairs("SELECT name, paper_id FROM authors WHERE name IN ({}) ORDER BY paper_id", names)

    def in_author_name(self, word: str) -> bool:
        """Is `word` (lower case) one word of some author's name ("doe" of "jane doe")?"""
        return self._db().execute("SELECT 1 FROM authors WHERE ' ' || name || ' ' LIKE ? LIMIT 1", (f"% {word} %",)).fetchone() is not None

    def _pairs(self, query: str, keys: Iterable[str]) -> dict[str, list[str]]:
        keys_l, found = sorted(set(keys)), {}
        for s in range(0, len(keys_l), 500):
            batch = keys_l[s:s + 500]
            for key, pid in self._db().execute(query.format(",".join("?" * len(batch))), batch):
                found.setdefault(key, []).append(pid)
        return found

    def texts_containing(self, paper_ids: Iterable[str], word: str) -> dict[str, tuple[str, str]]:
        """(title, abstract) of those of `paper_ids` whose title or abstract contains `word` (any
        case, as a substring): read and filtered inside SQLite, no record is parsed in Python."""
        ids, out, word = list(paper_ids), {}, word.lower()
        for s in range(0, len(ids), 500):
            batch = ids[s:s + 500]
            q = ("SELECT id, t, a FROM (SELECT id, json_extract(record, '$.title') AS t, json_extract(record, '$.abstract') AS a"
                 f" FROM papers WHERE id IN ({','.join('?' * len(batch))})) WHERE instr(lower(t || ' ' || a), ?) > 0")
            out.update((pid, (t or "", a or "")) for pid, t, a in self._db().execute(q, [*batch, word]))
        return out

    def sample(self, n: int) -> list[Paper]:
        """About `n` records spread evenly over the table (every record when it holds fewer):
        word statistics at a cost independent of the corpus size."""
        top = self._db().execute("SELECT max(rowid) FROM papers").fetchone()[0] or 0
        step = max(1, top // max(1, n))
        rows = self._db().execute("SELECT record FROM papers WHERE rowid % ? = 0 ORDER BY rowid LIMIT ?", (step, n))
        return [Paper(**json.loads(r)) for r, in rows]

    def venues_in(self, text: str) -> dict[str, list[str]]:
        """Words of `text` that occur in some paper's venue or affiliation, with those papers."""
        words = sorted(set(_WORD.findall(text.lower())))
        found: dict[str, list[str]] = {}
        for s in range(0, len(words), 500):
            batch = words[s:s + 500]
            q = f"SELECT word, paper_id FROM venue_words WHERE word IN ({','.join('?' * len(batch))}) ORDER BY paper_id"
            for word, pid in self._db().execute(q, batch):
                found.setdefault(word, []).append(pid)
        return found

    def authors_in(self, text: str) -> dict[str, list[str]]:
        """Author names (as indexed, lower-case) written in `text`, each with its paper ids: every
        run of 1..author_max_words (settings) words is looked up, nothing is scanned."""
        words = re.findall(r"[^\W\d_][\w.'\-]*", text.lower())
        longest = self.settings.author_max_words
        grams = {" ".join(words[i:i + n]) for n in range(1, longest + 1) for i in range(len(words) - n + 1)}
        found: dict[str, list[str]] = {}
        grams_l = sorted(grams)
        for s in range(0, len(grams_l), 500):
            batch = grams_l[s:s + 500]
            q = f"SELECT name, paper_id FROM authors WHERE name IN ({','.join('?' * len(batch))}) ORDER BY paper_id"
            for name, pid in self._db().execute(q, batch):
                found.setdefault(name, []).append(pid)
        return found

    def years(self) -> set[int]:
        return {r[0] for r in self._db().execute("SELECT DISTINCT year FROM papers WHERE year IS NOT NULL")}

    def iter_papers(self, batch: int = 2000) -> Iterator[Paper]:
        """Every record, streamed in id order (for building name tables)."""
        last = ""
        while True:
            rows = self._db().execute("SELECT id, record FROM papers WHERE id > ? ORDER BY id LIMIT ?", (last, batch)).fetchall()
            yield from (Paper(**json.loads(r)) for _, r in rows)
            if len(rows) < batch:
                return
            last = rows[-1][0]

    # ---- writing (ingest, rebuild; records_write.py) -----------------------------------------
    def _write(self, papers: Iterable[tuple[Paper, int | None]], drop: list[str], generation: int, fresh: bool) -> None:
        records_write.write(self.path, papers, drop, generation, fresh, self._handled)
        self._local = threading.local()  # reconnect: the file may be new

    def _records(self, store, paper_ids: list[str] | None):
        return records_write.from_chroma(store, self.settings, paper_ids)

    def rebuild(self, store, reason: str = "asked to", locked: bool = False, generation: int | None = None) -> None:
        quiet = locked and reason == "it is missing"  # the first ingest: nothing went wrong
        (log.info if quiet else log.warning)("paper table %s: %s; rebuilding it from Chroma", self.path, reason)
        gen = store.generation() if generation is None else generation
        self._handled = None if locked else sync.marker_stamp(self.settings)
        self.rebuilt = True
        if locked:
            with sync.rebuilding("the paper table"):
                return self._write(self._records(store, None), [], gen, fresh=True)
        from .index import ingest_lock

        try:
            with ingest_lock(self.settings), sync.rebuilding("the paper table"):
                self._write(self._records(store, None), [], gen, fresh=True)
        except IndexBusyError:
            raise IndexError_("the paper table is being rebuilt by a running ingest; try again when it finishes.") from None

    def update(self, store, paper_ids: list[str], generation: int) -> None:
        """Make `paper_ids`' records match Chroma (added, changed or removed papers); the caller
        holds the ingest lock."""
        self._write(list(self._records(store, paper_ids)), list(paper_ids), generation, fresh=False)
