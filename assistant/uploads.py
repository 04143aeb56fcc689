"""Adding papers from the browser, and what the page says about the collection.

`add_uploads` checks each uploaded file (type by extension and content, size), copies the good
ones into the data directory's `uploads/` folder under their own names, and ingests them into
the same index without removing anything else (`prune=False`). Every file gets one line back:
how it was read, or why it was refused. `example_questions` and `collection_line` describe the
indexed papers, so the page never names papers the index does not hold.

Out of scope: deleting uploads from the browser, per-user collections (every session sees the
same index), merging an uploaded file's paper with a record already indexed from another file
(the upload's version replaces it).
"""

from __future__ import annotations

import hashlib
import re
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from .corpus import Paper, read_file, title_head
from .errors import CorpusError
from .settings import Settings

UPLOAD_TYPES = [".pdf", ".bib", ".md", ".markdown", ".txt", ".html", ".htm"]


def _safe_name(name: str) -> str:
    stem, dot, ext = Path(name).name.rpartition(".")
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", stem if dot else ext).strip("-.") or "upload"
    return f"{stem[:80]}.{ext.lower()}" if dot else stem[:80]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _destination(folder: Path, name: str, digest: str) -> Path:
    """The file's own name; a different file of the same name gets '-2', '-3', ..."""
    candidate = folder / name
    n = 1
    while candidate.exists() and _digest(candidate) != digest:
        n += 1
        stem, _, ext = name.rpartition(".")
        candidate = folder / f"{stem}-{n}.{ext}"
    return candidate


def check_upload(path: Path, shown: str, settings: Settings) -> str | None:
    """Why this upload is refused, or None."""
    if Path(shown).suffix.lower() not in UPLOAD_TYPES:
        return f"{shown}: not a supported type (PDF, .bib, .md, .txt, .html)"
    size = path.stat().st_size
    if size > settings.upload_max_mb * 1024 * 1024:
        return f"{shown}: {size / 1024 / 1024:.1f} MB is over the {settings.upload_max_mb:g} MB limit"
    try:
        read_file(path, settings)
    except CorpusError as e:
        return f"{shown}: {e}"
    return None


def add_uploads(files: list[tuple[Path, str]], settings: Settings,
                progress: Callable[[float, str], None] | None = None) -> tuple[list[str], int]:
    """(temporary path, name the user gave) pairs -> (one message line per file, papers added or
    updated). Refused files are named with the reason; the rest are indexed."""
    from .index import ingest

    lines: list[str] = []
    if len(files) > settings.upload_max_files:
        return [f"{len(files)} files at once is over the limit of {settings.upload_max_files}; add them in smaller groups."], 0
    settings.upload_dir.mkdir(parents=True, exist_ok=True)
    kept: list[Path] = []
    for i, (tmp, shown) in enumerate(files):
        if progress:
            progress(i / max(1, len(files)) * 0.3, f"checking {shown}")
        problem = check_upload(tmp, shown, settings)
        if problem:
            lines.append("✗ " + problem)
            continue
        dest = _destination(settings.upload_dir, _safe_name(shown), _digest(tmp))
        if not dest.exists():
            shutil.copyfile(tmp, dest)
        kept.append(dest)
    if not kept:
        return lines, 0

    def embedding(done: int, total: int) -> None:
        if progress:
            progress(0.3 + 0.7 * done / max(1, total), f"embedding {done}/{total} chunks")

    report = ingest(kept, settings, progress=embedding, prune=False)
    for f in kept:
        how = report.read_as.get(f.name)
        counts = report.changes_by_file.get(f.name, {})
        change = ", ".join(f"{n} {w}" for w in ("added", "updated", "unchanged") if (n := counts.get(w)))
        lines.append(f"✓ {f.name}: {how}" + (f" ({change})" if change else ""))
    return lines, len(report.added) + len(report.updated)


def collection_line(n: int) -> str:
    return f"Ask about the {n} papers in the collection; every claim cites its paper."


def _short_name(p: Paper) -> str | None:
    head = title_head(p.title)
    if head and 1 <= len(head.split()) <= 2 and len(head) <= 24 and "$" not in head:
        return head
    return None


def example_questions(papers: list[Paper], n: int = 5) -> list[str]:
    """Questions the indexed papers can answer, built from their own names, venues and authors."""
    named = sorted((p for p in papers if _short_name(p)), key=lambda p: (-(p.year or 0), p.title))
    out: list[str] = []
    if named:
        out.append(f"What is {_short_name(named[0])} and what does it improve?")
    pair = next(((x, y) for i, x in enumerate(named[1:], 1) for y in named[i + 1:]
                 if set(x.authors) & set(y.authors) and _short_name(x) != _short_name(y)), None)
    if pair:  # two papers sharing an author: a comparison the collection can answer
        out.append(f"How do {_short_name(pair[0])} and {_short_name(pair[1])} differ?")
    with_venue = [p for p in named if p.venue and len(p.venue) < 60]
    if with_venue:
        out.append(f"Which venue published {_short_name(with_venue[0])}?")
    authors = Counter(a for p in papers for a in p.authors if len(a.split()) >= 2)
    if authors:
        out.append(f"Papers by {authors.most_common(1)[0][0]}")
    years = Counter(p.year for p in papers if p.year)
    if years:
        out.append(f"Which papers in the collection are from {years.most_common(1)[0][0]}?")
    return out[:n] or ["What are the papers in the collection about?"]
