"""Store health: a damaged Chroma database is named "corrupt" in one line that says where it
is and how to rebuild it, never "empty" and never a 50-line traceback.

Two layers, because SQLite and Chroma fail differently:

* `check_files` looks at the database file *before* Chroma opens it: Chroma silently turns a
  0-byte file into a fresh empty database (the next start would then re-index over the
  user's data), so that case can only be caught by looking first.
* `Guarded` wraps the client and collection: any exception Chroma raises while reading or
  writing becomes a `StoreCorruptError` (the file is damaged) or an `IndexError_` (anything
  else), each naming the data directory.

`rebuild` moves the damaged database aside (nothing is deleted) so `assistant ingest
--rebuild` can start afresh.
"""

from __future__ import annotations

import functools
import re
import shutil
import time
from pathlib import Path

from .errors import AssistantError, IndexError_, StoreCorruptError
from .settings import Settings

SQLITE_MAGIC = b"SQLite format 3\x00"
DB_FILE = "chroma.sqlite3"
# What SQLite and Chroma say when the bytes on disk are wrong (as opposed to a busy or
# unreachable store).
_CORRUPT = re.compile(
    r"malformed|not a database|file is encrypted|disk image|no such table|no such column|database corrupt|"
    r"hnsw|segment reader|error loading|invalid header|unexpected end|truncated",
    re.I,
)
_SEGMENT_DIR = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def corrupt(settings: Settings, what: str) -> StoreCorruptError:
    return StoreCorruptError(
        f"the index in {settings.data_dir} is corrupt ({what}); nothing was changed. "
        f"Rebuild it with `assistant ingest --rebuild` (the damaged copy is kept aside), or point ASSISTANT_DATA_DIR elsewhere."
    )


def check_files(settings: Settings) -> None:
    """Refuse a database file that is visibly damaged, before Chroma opens (and 'repairs') it."""
    if settings.chroma_host:
        return
    db = settings.chroma_path / DB_FILE
    if not db.exists():
        segments = [p.name for p in settings.chroma_path.glob("*") if p.is_dir() and _SEGMENT_DIR.match(p.name)]
        if segments:
            raise corrupt(settings, f"{DB_FILE} is missing but {len(segments)} vector segment folder(s) remain")
        return
    size = db.stat().st_size
    if size == 0:
        raise corrupt(settings, f"{DB_FILE} is 0 bytes")
    with db.open("rb") as f:
        head = f.read(100)
    if not head.startswith(SQLITE_MAGIC):
        raise corrupt(settings, f"{DB_FILE} is not a SQLite database")
    if len(head) < 100:
        raise corrupt(settings, f"{DB_FILE} is only {size} bytes")
    # The header records the page size and page count: a file shorter than that was cut.
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    # The count is only valid while "version-valid-for" matches the change counter.
    valid = head[92:96] == head[24:28]
    if valid and page_size and pages and size < page_size * pages:
        raise corrupt(settings, f"{DB_FILE} is truncated: {size:,} of {page_size * pages:,} bytes")


def translate(settings: Settings, e: BaseException) -> AssistantError:
    """A Chroma/SQLite exception -> the project's exception with one clear line."""
    if isinstance(e, AssistantError):
        return e
    first = (str(e).strip().splitlines() or [e.__class__.__name__])[0][:200]
    if _CORRUPT.search(first):
        return corrupt(settings, first)
    where = f"{settings.chroma_host}:{settings.chroma_port}" if settings.chroma_host else str(settings.data_dir)
    return IndexError_(
        f"the index in {where} failed ({e.__class__.__name__}: {first}); nothing was changed. "
        "Check that the folder is readable and writable and has free space; if this persists, run `assistant ingest --rebuild`."
    )


class Guarded:
    """Proxy for a Chroma client or collection whose every method call translates errors;
    other attributes (name, metadata) pass through."""

    def __init__(self, target, settings: Settings):
        self._target = target
        self._settings = settings

    def __getattr__(self, name):
        value = getattr(self._target, name)
        if not callable(value):
            return value

        @functools.wraps(value)
        def call(*args, **kwargs):
            try:
                result = value(*args, **kwargs)
            except (KeyboardInterrupt, SystemExit):
                raise
            except Exception as e:
                raise translate(self._settings, e) from None
            # Collections handed out by a guarded client are guarded too.
            if result.__class__.__name__ == "Collection":
                return Guarded(result, self._settings)
            return result

        return call


def rebuild(settings: Settings) -> Path | None:
    """Move the embedded database aside (returns where) or drop the server's collections, so
    the next ingest starts from nothing."""
    if settings.chroma_host:
        from .index import _client, collection_name

        client = _client(settings)
        for name in (collection_name(settings), collection_name(settings) + "-state"):
            try:
                client.delete_collection(name)
            except Exception:  # noqa: BLE001 - absent collection: nothing to drop
                pass
        return None
    if not settings.chroma_path.exists():
        return None
    aside = settings.data_dir / f"chroma.old-{time.strftime('%Y%m%d-%H%M%S')}"
    n = 1
    while aside.exists():
        aside = aside.with_name(aside.name.split("~")[0] + f"~{n}")
        n += 1
    forget(settings)  # the cached system would keep the moved file open
    shutil.move(str(settings.chroma_path), aside)
    return aside


def forget(settings: Settings) -> None:
    """Drop Chroma's in-process system for this path: after a failed open it is half-built,
    and every later client for the path would fail with an unrelated AttributeError."""
    try:
        from chromadb.api.shared_system_client import SharedSystemClient

        key = str(settings.chroma_path)
        SharedSystemClient._identifier_to_system.pop(key, None)
        SharedSystemClient._identifier_to_refcount.pop(key, None)
    except Exception:  # noqa: BLE001 - a chromadb without this cache has nothing to forget
        pass
