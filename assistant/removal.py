"""`assistant remove`: take papers out of the index on purpose, by paper id or by the page
(file) that listed them. Ingest never removes unless told to (--prune); this is the other
explicit way. A paper also listed by a page that is not being removed stays.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .corpus import source_files
from .errors import ConfirmationNeeded, IndexError_
from .index import Store, ingest_lock
from .settings import Settings


@dataclass
class RemoveReport:
    removed: list[str] = field(default_factory=list)  # titles
    kept: dict[str, list[str]] = field(default_factory=dict)  # title -> its other pages


def _files_named(target: str) -> set[str]:
    p = Path(target)
    if p.is_dir():
        return {f.name for f in source_files([p])}
    return {p.name}


def remove(targets: list[str], settings: Settings, confirm: Callable[[list[str]], bool] | None = None,
           store: Store | None = None) -> RemoveReport:
    with ingest_lock(settings):
        store = store or Store(settings)
        papers = {p.id: p for p in store.papers()}
        chosen: dict[str, str] = {}  # paper id -> title
        report = RemoveReport()
        for t in targets:
            if t in papers:
                chosen[t] = papers[t].title
                continue
            names = _files_named(t)
            hits = [p for p in papers.values() if names & set(p.sources)]
            if not hits:
                raise IndexError_(
                    f"no indexed paper has the id or source page {t!r}; nothing was removed. "
                    "See `assistant papers` for ids and `assistant papers --json` for source pages."
                )
            for p in hits:
                others = [s for s in p.sources if s not in names]
                if others:
                    report.kept[p.title] = others
                else:
                    chosen[p.id] = p.title
        titles = list(chosen.values())
        if len(titles) > settings.prune_confirm_over and not (confirm and confirm(titles)):
            raise ConfirmationNeeded(
                f"this would remove {len(titles)} papers (e.g. {titles[0]!r}); nothing was changed. "
                "Re-run with --yes to remove them."
            )
        if chosen:
            state = store.chunk_state()
            ids = [cid for pid in chosen for cid in state.get(pid, {}).get("ids", [])]
            for s in range(0, len(ids), 500):
                store.collection.delete(ids=ids[s : s + 500])
            store.bump_generation()
        report.removed = titles
        return report
