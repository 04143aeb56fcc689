"""Keeps the side indexes (lexical.py's BM25 index, records.py's paper table) in step with
Chroma, which stays the source of truth.

`ingest` calls `begin` before its first Chroma write and `finish` after its last one, under
the ingest lock. `begin` leaves a marker file in the data directory; `finish` re-reads the
touched papers from Chroma into both side indexes and removes the marker. A marker found
while no ingest holds the lock means an ingest died in between: the side indexes are then
rebuilt from Chroma the next time they are opened. Each side index also records the Chroma
generation it matches, so an index from another version or copied data is caught too.

Out of scope: the side indexes' own formats (lexical.py, records.py) and locking Chroma
itself (index.py's `ingest_lock`).
"""

from __future__ import annotations

import fcntl
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import AssistantError, IndexError_
from .settings import Settings

log = logging.getLogger("assistant.sync")


def marker(settings: Settings) -> Path:
    return settings.data_dir / "side-indexes.stale"


def side_dir(settings: Settings, kind: str) -> Path:
    """Where a side index lives: beside Chroma, one folder per collection (embedding model)."""
    return settings.data_dir / kind / f"{settings.collection}-{settings.embed_id}"


def begin(settings: Settings) -> None:
    """Mark the side indexes as about to lag Chroma. A marker left by an ingest that died
    says 'stale': this ingest's `finish` then rebuilds them instead of updating."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    m = marker(settings)
    m.write_text("stale" if m.exists() else str(os.getpid()))


def ingest_running(settings: Settings) -> bool:
    """Does another process hold the ingest lock right now?"""
    path = settings.data_dir / "ingest.lock"
    if not path.exists():
        return False
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(fd)


def marker_stamp(settings: Settings) -> str | None:
    """Names the current marker (None: no marker); a side index rebuilt because of it keeps
    this stamp, so the marker of one dead ingest causes one rebuild per side index, not one per start."""
    try:
        st = marker(settings).stat()
    except OSError:
        return None
    return f"{st.st_mtime_ns}-{st.st_ino}"


def stale(settings: Settings, handled: str | None = None) -> bool:
    """An ingest wrote to Chroma and died before updating the side indexes: a marker that no
    running ingest holds and that the caller has not already rebuilt for (`handled`)."""
    stamp = marker_stamp(settings)
    return stamp is not None and stamp != handled and not ingest_running(settings)


def finish(store, settings: Settings, paper_ids: list[str]) -> None:
    """Bring both side indexes in line with Chroma for `paper_ids` (added, changed or removed
    papers). Called under the ingest lock, before the generation is bumped. A failure is
    reported in one line and leaves the marker, so the indexes are rebuilt on next use; the
    ingest itself (already in Chroma) still succeeds."""
    from . import lexical, records

    generation = store.generation() + 1  # the one ingest is about to publish
    ids = sorted(set(paper_ids))
    force = marker(settings).exists() and marker(settings).read_text() == "stale"
    try:
        for kind in (lexical.LexicalIndex, records.Records):
            index = kind.open(settings, store, locked=True, force=force, generation=generation)
            if not index.rebuilt:
                index.update(store, ids, generation)
    except Exception as e:  # noqa: BLE001 - any failure here is recoverable by a rebuild
        log.warning("could not update the lexical index / paper table (%s: %s); they will be rebuilt "
                    "from Chroma when next opened", e.__class__.__name__, e)
        return
    marker(settings).unlink(missing_ok=True)


def chunks(store, settings: Settings, paper_ids: list[str] | None = None,
           include: tuple[str, ...] = ("documents", "metadatas"), where: dict | None = None) -> Iterator[tuple]:
    """(chunk id, metadata, document) from Chroma: every chunk, or those of `paper_ids`, read
    in pages of `chroma_page_size` (one unpaged get fails past ~32k records)."""
    page = settings.chroma_page_size
    if paper_ids is None:
        offset = 0
        while True:
            got = store.collection.get(include=list(include), where=where, limit=page, offset=offset)
            yield from _rows(got, include)
            if len(got["ids"]) < page:
                return
            offset += page
    for s in range(0, len(paper_ids), 500):
        clause: dict = {"paper_id": {"$in": paper_ids[s:s + 500]}}
        got = store.collection.get(include=list(include), where={"$and": [clause, where]} if where else clause)
        yield from _rows(got, include)


def _rows(got: dict, include) -> Iterator[tuple]:
    docs = got["documents"] if "documents" in include else [None] * len(got["ids"])
    yield from zip(got["ids"], got["metadatas"], docs)


@contextmanager
def rebuilding(what: str) -> Iterator[None]:
    """Turn a library failure while rebuilding a side index into one clear IndexError_."""
    try:
        yield
    except AssistantError:
        raise
    except Exception as e:  # noqa: BLE001 - Chroma, SQLite, disk: all mean the same to the user
        raise IndexError_(f"could not rebuild {what} from Chroma ({e.__class__.__name__}: {str(e)[:200]}); "
                          "check the data directory and run `assistant ingest` again.") from None
