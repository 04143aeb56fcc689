"""Ingest limits and what a folder walk would otherwise drop silently.

Before anything is read: too many files refuses the whole ingest; a file over the size limit,
a symlink loop or a dangling link is reported and skipped. After parsing: an entry whose text
is longer than the document cap is reported and skipped (shorter long texts are chunked).
Every reason names the setting to change.
"""

from __future__ import annotations

import os
from pathlib import Path

from .corpus import Paper, source_files
from .errors import IndexError_
from .settings import Settings

MB = 1024 * 1024


def _odd_links(root: Path) -> dict[str, str]:
    """Links under `root` that the walk does not follow, with why."""
    out: dict[str, str] = {}
    if not root.is_dir():
        return out
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            q = Path(dirpath) / name
            if not q.is_symlink():
                continue
            try:
                target = q.resolve(strict=True)
            except RuntimeError:
                out[str(q)] = "symlink loop; remove or fix the link"
                continue
            except OSError:
                out[str(q)] = f"dangling symlink to {os.readlink(q)!r}; remove or fix the link"
                continue
            if target.is_dir():
                parents = {q.parent.resolve(), *q.parent.resolve().parents}
                why = "symlink loop (points to a folder above it)" if target in parents else "symlinked folder"
                out[str(q)] = f"{why}; not followed: pass {str(target)!r} itself to index it"
    return out


def admit(paths: list[Path], settings: Settings) -> tuple[list[Path], dict[str, str]]:
    """The files an ingest may read, and file -> reason for the ones it skips."""
    skipped: dict[str, str] = {}
    for p in paths:
        skipped.update(_odd_links(p))
    files = source_files(paths)
    if len(files) > settings.max_files_per_ingest:
        raise IndexError_(
            f"{len(files):,} files under {', '.join(map(str, paths))}; the limit per ingest is "
            f"{settings.max_files_per_ingest:,} (ASSISTANT_MAX_FILES_PER_INGEST): ingest sub-folders one at a time "
            "or raise the limit; nothing was changed."
        )
    limit = settings.max_file_mb * MB
    admitted = []
    for f in files:
        try:
            size = f.stat().st_size
        except OSError as e:
            skipped[str(f)] = f"cannot read: {e.strerror}"
            continue
        if size > limit:
            skipped[str(f)] = (f"file is {size / MB:,.1f} MB; the limit is {settings.max_file_mb:g} MB "
                               "(ASSISTANT_MAX_FILE_MB): split it or raise the limit")
            continue
        admitted.append(f)
    return admitted, skipped


def cap_documents(papers: list[Paper], settings: Settings) -> tuple[list[Paper], dict[str, str]]:
    """Entries within the document cap, and 'file: title' -> reason for the others."""
    kept, skipped = [], {}
    for p in papers:
        n = len(p.abstract or "")
        if n > settings.max_document_chars:
            where = ", ".join(p.sources) or "?"
            skipped[f"{where}: {p.title[:80]!r}"] = (
                f"text is {n:,} characters; the limit is {settings.max_document_chars:,} "
                "(ASSISTANT_MAX_DOCUMENT_CHARS): raise it to index this entry"
            )
        else:
            kept.append(p)
    return kept, skipped


def no_readable_files(paths: list[Path], skipped: dict[str, str]) -> IndexError_:
    """Every file failed: the reasons go into the one line, or the user sees none of them."""
    reasons = "; ".join(f"{Path(k).name}: {v}" for k, v in list(skipped.items())[:5])
    more = f"; and {len(skipped) - 5} more" if len(skipped) > 5 else ""
    detail = f" ({len(skipped)} skipped: {reasons}{more})" if skipped else ""
    return IndexError_(
        f"no readable paper pages under {', '.join(map(str, paths))}{detail}; nothing was changed in the index."
    )
