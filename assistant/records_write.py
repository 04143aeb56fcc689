"""Writing the paper table (assistant/records.py): its schema, each record's rows (authors,
venue words, title labels, chunk count) and the whole-collection counts answers state (pages,
papers without a year), kept in its meta so that no question counts them. A fresh table is
built aside and swapped in; an update rewrites the changed papers in place.

Out of scope: reading the table, when to rebuild it and under which lock (records.py).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

from . import sync
from .corpus import Paper, plain_title
from .models import title_prefix
from .settings import Settings

WORD = re.compile(r"[^\W_]+")
DATED = "date GLOB '[0-9][0-9][0-9][0-9]*'"  # a date that starts with its year
SCHEMA_VERSION = "7"  # bump when SCHEMA or the meta counts change: older tables are rebuilt
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS papers (id TEXT PRIMARY KEY, record TEXT NOT NULL, year INTEGER, date TEXT, n_sources INTEGER,
                                   n_chunks INTEGER);
CREATE TABLE IF NOT EXISTS authors (name TEXT NOT NULL, paper_id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS venue_words (word TEXT NOT NULL, paper_id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS labels (label TEXT NOT NULL, paper_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS labels_label ON labels(label);
CREATE INDEX IF NOT EXISTS labels_paper ON labels(paper_id);
CREATE INDEX IF NOT EXISTS authors_name ON authors(name);
CREATE INDEX IF NOT EXISTS authors_paper ON authors(paper_id);
CREATE INDEX IF NOT EXISTS venue_word ON venue_words(word);
CREATE INDEX IF NOT EXISTS venue_paper ON venue_words(paper_id);
CREATE INDEX IF NOT EXISTS papers_year ON papers(year, id);
CREATE INDEX IF NOT EXISTS papers_date ON papers(date);
"""


def _labels(p: Paper) -> set[str]:
    # A whole title of four words or more names its paper too, however it is cased or punctuated
    # (three, "Graph Neural Networks", may be any question's words).
    whole = {t} if p.title_listed and len((t := plain_title(p.title)).split()) >= 4 else set()
    prefix = title_prefix(p)
    if not prefix:
        return whole
    plain = plain_title(prefix)
    # ... and its short name with no space or mark at all: "foo net 2" typed apart is FooNet-2.
    return whole | ({prefix.lower(), plain, plain.replace(" ", "")} - {""})


def from_chroma(store, settings: Settings, paper_ids: list[str] | None) -> Iterator[tuple[Paper, int | None]]:
    """(record, chunk count) of every paper, or of `paper_ids`: chunk 0 carries both."""
    for _, meta, _ in sync.chunks(store, settings, paper_ids, include=("metadatas",), where={"chunk": 0}):
        yield Paper(**json.loads(meta["record"])), meta.get("n_chunks")


def write(path: Path, papers: Iterable[tuple[Paper, int | None]], drop: list[str], generation: int, fresh: bool,
          marker: str | None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    target = path.with_suffix(".tmp") if fresh else path
    if fresh:
        target.unlink(missing_ok=True)
    con = sqlite3.connect(target)
    try:
        con.execute("PRAGMA journal_mode=WAL")
        con.executescript(SCHEMA)
        with con:
            for s in range(0, len(drop), 500):
                batch, marks = drop[s:s + 500], ",".join("?" * len(drop[s:s + 500]))
                for table, col in (("papers", "id"), ("authors", "paper_id"), ("venue_words", "paper_id"),
                                   ("labels", "paper_id")):
                    con.execute(f"DELETE FROM {table} WHERE {col} IN ({marks})", batch)
            for p, n_chunks in papers:
                con.execute("INSERT OR REPLACE INTO papers VALUES (?, ?, ?, ?, ?, ?)",
                            (p.id, json.dumps(p.to_dict()), p.year, p.date, len(p.sources), n_chunks))
                names = {a.strip().lower() for a in p.authors + p.profiles if a.strip()}
                con.executemany("INSERT INTO authors VALUES (?, ?)", [(n, p.id) for n in names])
                words = set(WORD.findall(f"{p.venue or ''} {p.affiliation or ''}".lower()))
                con.executemany("INSERT INTO venue_words VALUES (?, ?)", [(w, p.id) for w in words])
                con.executemany("INSERT INTO labels VALUES (?, ?)", [(x, p.id) for x in _labels(p)])
            # Counted once per ingest (a scan of the table), read by any number of questions.
            con.execute(f"INSERT OR REPLACE INTO meta SELECT 'undated', count(*) FROM papers WHERE NOT coalesce({DATED}, 0)")
            con.execute("INSERT OR REPLACE INTO meta SELECT 'pages', count(DISTINCT value) FROM papers, json_each(record, '$.sources')")
            con.execute("INSERT OR REPLACE INTO meta VALUES ('generation', ?)", (str(generation),))
            con.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
            if fresh:
                con.execute("INSERT OR REPLACE INTO meta VALUES ('marker', ?)", (marker,))
    finally:
        con.close()
    if fresh:
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        target.replace(path)
