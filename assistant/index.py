"""Indexing: paper records -> chunks -> embeddings -> Chroma (through llama-index).

Each paper becomes a llama-index `Document` whose metadata (title, authors, date, venue, ...)
the embedder and the LLM see as text and Chroma can filter on; `SentenceSplitter` keeps it
one chunk unless the text is longer than `chunk_size`. Chunk ids carry the record's hash, so:

* an unchanged paper is skipped (no embedding work);
* a changed paper's new chunks are added *before* its old ones are deleted, and a removed
  paper is deleted last; a crash or Ctrl-C at any point leaves every paper queryable and the
  next ingest finishes the job;
* the state lives in Chroma alone (no side file to drift), so the embedded database and a
  `chroma run` server behave the same.

`ingest` adds and updates the papers under the given paths and keeps every other paper;
removing the ones no longer found there is explicit (`prune=True`), and a prune of more than
`prune_confirm_over` papers needs `confirm(titles)` to say yes. One ingest at a time per data
directory (a lock file); a second one fails fast with `IndexBusyError`. Chroma failures are
translated by store_health.py (a damaged database is "corrupt", never "empty").

Out of scope: ranking beyond dense similarity (see retrieval.py), reading files (corpus/: a
PDF or document is embedded as its full text, each chunk with its page from corpus/chunks.py).
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import sync
from .corpus import Paper, load_corpus
from .errors import AssistantError, ConfirmationNeeded, IndexBusyError, IndexError_
from .settings import Settings

# Metadata keys that are bookkeeping: neither embedded nor shown to the LLM.
_HIDDEN = ["paper_id", "record_hash", "record", "chunk", "n_chunks", "year", "category", "sources", "title_listed",
           "page", "page_end"]


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    skipped: dict[str, str] = field(default_factory=dict)  # file -> reason
    per_file: dict[str, int] = field(default_factory=dict)
    read_as: dict[str, str] = field(default_factory=dict)  # file name -> how it was read ("PDF: 14 pages")
    changes_by_file: dict[str, dict[str, int]] = field(default_factory=dict)  # file name -> {"added": n, ...}
    chunks_embedded: int = 0
    kept: int = 0  # indexed papers not found under the paths, kept (no prune)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


def _client(settings: Settings):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_host:
        try:
            client = chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings)
            client.heartbeat()
        except Exception as e:
            raise IndexError_(
                f"cannot reach the Chroma server at {settings.chroma_host}:{settings.chroma_port} ({e.__class__.__name__}). "
                "Start it (chroma run --path DIR --host 127.0.0.1 --port PORT) or unset ASSISTANT_CHROMA_HOST to use the embedded database."
            ) from None
        return client
    settings.chroma_path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.chroma_path), settings=chroma_settings)


def collection_name(settings: Settings) -> str:
    return f"{settings.collection}-{settings.embed_id}"


class Store:
    """The Chroma collection for the configured embedding model, with its llama-index wrapper."""

    def __init__(self, settings: Settings):
        from .store_health import Guarded, check_files, forget, translate

        self.settings = settings
        check_files(settings)
        try:
            self.client = Guarded(_client(settings), settings)
        except Exception as e:
            forget(settings)
            raise translate(settings, e) from None
        self.collection = self.client.get_or_create_collection(
            collection_name(settings), metadata={"hnsw:space": "cosine"}
        )
        self._vector_store = None
        self._state = None

    @property
    def vector_store(self):
        # llama-index is imported only when vectors move: a no-op ingest never needs it.
        if self._vector_store is None:
            from llama_index.vector_stores.chroma import ChromaVectorStore

            self._vector_store = ChromaVectorStore(chroma_collection=self.collection)
        return self._vector_store

    def count(self) -> int:
        return self.collection.count()

    def get_all(self, include: list[str], where: dict | None = None, page: int = 5000) -> dict:
        """`collection.get` in pages: one call for every record fails past ~32k records
        ('too many SQL variables')."""
        out: dict = {"ids": [], **{k: [] for k in include}}
        offset = 0
        while True:
            got = self.collection.get(include=include, where=where, limit=page, offset=offset)
            out["ids"] += got["ids"]
            for k in include:
                out[k] += got[k]
            if len(got["ids"]) < page:
                return out
            offset += page

    def _state_collection(self, fresh: bool = False):
        # One record whose metadata counts completed ingests; a 1-d vector keeps Chroma from
        # reaching for its (downloading) default embedding function. The handle is kept: every
        # question reads the generation, and looking the collection up costs more than the read.
        if self._state is None or fresh:
            self._state = self.client.get_or_create_collection(self.collection.name + "-state")
        return self._state

    def generation(self) -> int:
        try:
            got = self._state_collection().get(ids=["generation"], include=["metadatas"])
        except AssistantError:  # a kept handle to a collection dropped since (a rebuild): look it up again
            got = self._state_collection(fresh=True).get(ids=["generation"], include=["metadatas"])
        return int(got["metadatas"][0]["value"]) if got["ids"] else 0

    def bump_generation(self) -> None:
        self._state_collection().upsert(ids=["generation"], embeddings=[[1.0]],
                                        metadatas=[{"value": self.generation() + 1}])

    def chunk_state(self) -> dict[str, dict[str, Any]]:
        """paper_id -> {'ids': its chunk ids, 'chunks': [(id, record hash, chunks in its version)]},
        read from Chroma itself."""
        got = self.get_all(include=["metadatas"])
        state: dict[str, dict[str, Any]] = {}
        for cid, meta in zip(got["ids"], got["metadatas"]):
            entry = state.setdefault(meta["paper_id"], {"ids": [], "chunks": []})
            entry["ids"].append(cid)
            entry["chunks"].append((cid, meta["record_hash"], meta.get("n_chunks", 1)))
        return state

    def papers(self) -> list[Paper]:
        """Every indexed paper record (chunk 0 of each paper carries the record)."""
        got = self.get_all(where={"chunk": 0}, include=["metadatas"])
        seen: dict[str, Paper] = {}
        for meta in got["metadatas"]:
            seen.setdefault(meta["paper_id"], Paper(**json.loads(meta["record"])))
        return list(seen.values())


def paper_document(p: Paper):
    from llama_index.core import Document

    meta = {
        "title": p.title,
        # Capped: the splitter must fit all metadata into one chunk (a page may list 80 authors).
        "authors": (", ".join(p.authors[:12]) + (" et al." if p.authors_truncated or len(p.authors) > 12 else ""))
        if p.authors else "not listed",
        "date": p.date or "not listed",
        "venue": p.venue or "",
        "affiliation": p.affiliation or "",
        "paper_id": p.id,
        "year": p.year if p.year is not None else -1,
        "category": p.category or "",
        "sources": ", ".join(p.sources),
        "title_listed": p.title_listed,
        "record_hash": record_hash(p),
    }
    return Document(
        text=p.text or p.abstract or p.title,  # full text of a PDF or document, else the abstract
        id_=p.id,
        metadata=meta,
        excluded_embed_metadata_keys=list(_HIDDEN),
        excluded_llm_metadata_keys=list(_HIDDEN),
        metadata_template="{key}: {value}",
    )


def record_hash(p: Paper) -> str:
    import hashlib

    return hashlib.sha256(json.dumps(p.to_dict(), sort_keys=True).encode()).hexdigest()[:16]


def chunk_papers(papers: list[Paper], settings: Settings):
    """Papers -> TextNodes with stable ids `<paper>:<content hash>:<n>` and the record on chunk 0."""
    from llama_index.core.node_parser import SentenceSplitter

    from .corpus import add_pages

    splitter = SentenceSplitter(chunk_size=settings.chunk_size, chunk_overlap=settings.chunk_overlap)
    nodes = []
    for p in papers:
        doc = paper_document(p)
        parts = splitter.get_nodes_from_documents([doc])
        add_pages(p, parts)  # a PDF's chunks name their page
        for n, node in enumerate(parts):
            node.id_ = f"{p.id}:{p.content_hash}:{n}"  # the embedded content names the vector
            node.metadata["chunk"] = n
            node.metadata["n_chunks"] = len(parts)
            if n == 0:
                node.metadata["record"] = json.dumps(p.to_dict())
            node.excluded_embed_metadata_keys = list(_HIDDEN)
            node.excluded_llm_metadata_keys = list(_HIDDEN)
            nodes.append(node)
    return nodes


def _count(report: IngestReport, p: Paper, what: str) -> None:
    for source in p.sources:
        counts = report.changes_by_file.setdefault(source, {})
        counts[what] = counts.get(what, 0) + 1


@contextmanager
def ingest_lock(settings: Settings) -> Iterator[None]:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    path = settings.data_dir / "ingest.lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="ignore").strip() or "?"
            raise IndexBusyError(
                f"another ingest is running on {settings.data_dir} (pid {holder}); wait for it to finish and run this again."
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)  # closing releases the lock, also when the process is killed


def ingest(
    paths: list[Path],
    settings: Settings,
    progress: Callable[[int, int], None] | None = None,
    store: Store | None = None,
    prune: bool = False,
    confirm: Callable[[list[str]], bool] | None = None,
    on_file: Callable[[int, int, Path], None] | None = None,
) -> IngestReport:
    """Add and update the papers under `paths` (and with `prune`, remove the indexed papers not
    found there); returns what changed."""
    from .limits import admit, cap_documents, no_readable_files

    files, refused = admit(paths, settings)
    parsed = load_corpus(files, settings, on_file=on_file)
    parsed.papers, too_long = cap_documents(parsed.papers, settings)
    report = IngestReport(skipped={**refused, **parsed.skipped, **too_long}, per_file=parsed.per_file,
                          read_as=parsed.read_as)
    if not parsed.papers and not parsed.per_file:
        raise no_readable_files(paths, report.skipped)
    with ingest_lock(settings):
        store = store or Store(settings)
        state = store.chunk_state()
        todo: list[Paper] = []  # to embed
        relabel: list[Paper] = []  # same text, other bookkeeping (sources, upvotes): no embedding
        stale_ids: list[str] = []
        present: set[str] = set()  # chunks of the current version already stored (an interrupted run)
        for p in parsed.papers:
            old = state.pop(p.id, None)
            chunks = old["chunks"] if old else []
            prefix = f"{p.id}:{p.content_hash}:"
            current = [c for c in chunks if c[0].startswith(prefix)]
            complete = bool(current) and len(current) == current[0][2]
            others = [c[0] for c in chunks if not c[0].startswith(prefix)]
            if complete and not others and all(c[1] == record_hash(p) for c in current):
                report.unchanged += 1
                _count(report, p, "unchanged")
                continue
            (report.updated if old else report.added).append(p.title)
            _count(report, p, "updated" if old else "added")
            stale_ids += others
            if complete:
                if any(c[1] != record_hash(p) for c in current):
                    relabel.append(p)
            else:
                todo.append(p)
                present.update(c[0] for c in current)
        if not prune:
            report.kept, state = len(state), {}
        removed_ids = [cid for entry in state.values() for cid in entry["ids"]]
        touched = [p.id for p in todo + relabel] + [c.rsplit(":", 2)[0] for c in stale_ids] + list(state)
        if touched:  # the side indexes (lexical.py, records.py) follow Chroma: see sync.py
            sync.begin(settings)
        if state:
            titles = {m["paper_id"]: json.loads(m["record"])["title"] for m in store.get_all(
                where={"chunk": 0}, include=["metadatas"])["metadatas"]}
            report.removed = [titles.get(pid, pid) for pid in state]
            # Asked before any embedding or deletion: a "no" leaves the index as it was.
            if len(report.removed) > settings.prune_confirm_over and not (confirm and confirm(report.removed)):
                raise ConfirmationNeeded(
                    f"--prune would remove {len(report.removed)} papers not found under {', '.join(map(str, paths))} "
                    f"(e.g. {report.removed[0]!r}); nothing was changed. Re-run with --yes to remove them, or without --prune to keep them."
                )

        if todo:
            from .embeddings import get_embed_model

            embed_model = get_embed_model(settings)
            nodes = [n for n in chunk_papers(todo, settings) if n.id_ not in present]
            step = settings.embed_batch_size
            for start in range(0, len(nodes), step):
                batch = nodes[start : start + step]
                from llama_index.core.schema import MetadataMode

                vectors = embed_model.get_text_embedding_batch(
                    [n.get_content(metadata_mode=MetadataMode.EMBED) for n in batch]
                )
                for node, vec in zip(batch, vectors):
                    node.embedding = vec
                store.vector_store.add(batch)  # committed per batch: a crash keeps what is done
                report.chunks_embedded += len(batch)
                if progress:
                    progress(min(start + step, len(nodes)), len(nodes))
        if relabel:
            from llama_index.core.vector_stores.utils import node_to_metadata_dict

            nodes = chunk_papers(relabel, settings)
            metas = [{k: ("" if v is None else v) for k, v in node_to_metadata_dict(n, remove_text=True, flat_metadata=True).items()}
                     for n in nodes]  # as ChromaVectorStore.add writes them
            # Metadata only: the text is the same, and documents without vectors would make
            # Chroma reach for its default (downloading) embedding function.
            store.collection.update(ids=[n.id_ for n in nodes], metadatas=metas)
        # Old versions go only after the new ones are in.
        for ids in (stale_ids, removed_ids):
            for s in range(0, len(ids), 500):
                store.collection.delete(ids=ids[s : s + 500])
        if touched:
            sync.finish(store, settings, touched)
        if report.changed:
            store.bump_generation()  # tells running retrievers to reload
    return report
