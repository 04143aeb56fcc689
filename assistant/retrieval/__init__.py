"""Retrieval: a question's `Plan` -> the papers an answer needs, each with its passages.

`Retriever` wires the stages: the name lookups (names.py), the planner (planner.py), hybrid
search (search.py) and record queries (records.py), over the paper table and the lexical
index beside Chroma (assistant/records.py, assistant/lexical.py): start-up opens them and
reads no paper, a question reads only the records and chunks it needs. Every target of the plan (named or
described) gets its own slot, whatever the fused ranking thinks; author, venue and year
filters run inside the search; list questions retrieve widely (the evidence stage decides
which papers really match).

Out of scope: choosing sentences and composing answers (answer/).
"""

from __future__ import annotations

import logging
import threading

from ..corpus import Paper
from ..embeddings import one_question
from ..errors import AssistantError, IndexError_
from ..index import Store
from ..lexical import LexicalIndex
from ..models import Hit, Kind, Plan, RecordQuery, Retrieval
from ..records import Records
from ..settings import Settings
from ..store_health import DB_FILE
from . import records
from .names import NameIndex
from .planner import Planner
from .search import HybridSearch

__all__ = ["Retriever", "Hit", "Plan", "Retrieval"]
log = logging.getLogger("assistant")


class Retriever:
    """Holds the store, models and lookup tables; build once, ask many questions."""

    def __init__(self, settings: Settings, store: Store | None = None):
        from ..embeddings import get_embed_model

        self.settings = settings
        self.store = store or Store(settings)
        if self.store.count() == 0:
            raise IndexError_("the index is empty: run `assistant ingest` first (it reads seeds/ by default).")
        self.embed_model = get_embed_model(settings)
        self._lock = threading.Lock()  # taken to load a new generation only
        self._seen = None  # the embedded database file as it was when the generation was last read
        self.records: Records | None = None
        self._load()

    def refresh(self) -> bool:
        """Follow an ingest that changed the index since the tables were opened (a UI that keeps
        running while `assistant ingest` adds papers). Cheap when nothing changed (one stat() of
        an embedded database, else one read of the generation); the lock is taken only to swap
        in a new generation, never on a question's path."""
        stamp = self._chroma_stamp()  # before the read: a write after it shows next time
        if stamp is not None and stamp == self._seen:
            return False
        try:
            if self.store.generation() == self._generation:
                self._seen = stamp
                return False
            with self._lock:
                if self.store.generation() != self._generation:
                    self._load()
            self._seen = stamp
        except AssistantError as e:
            # Chroma mid-write (an ingest running in another process) can fail a read: keep
            # answering from the tables we have and try again on the next question.
            log.warning("could not reload the index tables yet (%s); using the previous ones", e)
            return False
        return True

    def _chroma_stamp(self) -> tuple | None:
        """(inode, size, mtime) of the embedded database file: every write to Chroma, an
        ingest's new generation too, changes it. None on a `chroma run` server."""
        if self.settings.chroma_host:
            return None
        try:
            st = (self.settings.chroma_path / DB_FILE).stat()
        except OSError:
            return None
        return st.st_ino, st.st_size, st.st_mtime_ns

    def _load(self) -> None:
        generation = self.store.generation()
        if getattr(self, "records", None) is None:
            self.records = Records.open(self.settings, self.store)
            self.lexical = LexicalIndex.open(self.settings, self.store)
        else:  # another process's ingest: the table is read live, the lexical index reloads
            self.lexical.refresh()
            if self.records.generation() != generation or self.lexical.generation() != generation:
                self.records = Records.open(self.settings, self.store)
                self.lexical = LexicalIndex.open(self.settings, self.store)
        search = HybridSearch(self.settings, self.store, self.embed_model, self.records, self.lexical)
        names = NameIndex(self.records, self.lexical, self.settings)
        # One tuple, swapped at once: a question running meanwhile keeps the set it started with
        # (its caches, e.g. a year's papers, belong to one generation).
        self._tables = (names.papers, search, names, Planner(names, search.search, self.settings), generation)

    papers = property(lambda self: self._tables[0])
    searcher = property(lambda self: self._tables[1])
    names = property(lambda self: self._tables[2])
    planner = property(lambda self: self._tables[3])
    _generation = property(lambda self: self._tables[4])

    # ---- the stages, for callers that need one ---------------------------------------------
    def plan(self, question: str) -> Plan:
        self.refresh()
        _, _, _, planner, generation = self._tables
        with one_question():
            plan = planner.plan(question)
        plan.generation = generation
        return plan

    def search(self, query: str, k: int, ids: list[str] | None = None, year=None, similarity: bool = True) -> list[Hit]:
        return self.searcher.search(query, k, ids, year, similarity)

    def label(self, p: Paper) -> str | None:
        return self.names.label(p)

    def term_weights(self, terms: list[str]) -> dict[str, float]:
        """Each word's idf over the indexed chunks: how much finding it says about a text."""
        return self.lexical.idf(terms)

    def retrieve(self, question: str, k: int | None = None, plan: Plan | None = None) -> list[Hit]:
        return self.run(question, k, plan).hits

    # ---- gathering the context --------------------------------------------------------------
    @staticmethod
    def _hit_for(papers, search, pid: str, query: str, reason: str) -> Hit:
        found = search(query, 1, ids=[pid], similarity=False)  # its passages; the targets' order is the plan's
        if not found:
            p = papers[pid]
            found = [Hit(paper=p, score=0.0, passages=[p.abstract])]
        hit = found[0]
        hit.reason = reason
        return hit

    def run(self, question: str, k: int | None = None, plan: Plan | None = None) -> Retrieval:
        with one_question():  # the planner's and the searches' texts, each embedded once
            return self._run(question, k, plan)

    def _run(self, question: str, k: int | None, plan: Plan | None) -> Retrieval:
        self.refresh()
        k = k or self.settings.top_k
        papers, searcher, _, planner, generation = self._tables
        search = searcher.search
        if plan is None or plan.generation != generation:
            plan = planner.plan(question)  # an ingest changed the papers since: their ids may have too
            plan.generation = generation
        aspect = " ".join(plan.aspect_terms) or question
        groups: dict[str, list[Hit]] = {}
        context: list[Hit] = []
        ids_in: set[str] = set()

        def add(hit: Hit) -> None:
            if hit.paper.id not in ids_in:
                ids_in.add(hit.paper.id)
                context.append(hit)

        if plan.record_query in (RecordQuery.OLDEST, RecordQuery.NEWEST, RecordQuery.MULTI_PAGE):
            for p in records.by_record(self.records, plan):
                add(Hit(paper=p, score=1.0, passages=[p.abstract], reason="record"))
        for t in plan.targets:
            if t.missing:
                continue
            how = "named" if t.by == "name" else "described"
            groups[t.phrase] = [self._hit_for(papers, search, pid, f"{t.phrase} {aspect}", f"{how}: {t.phrase}")
                                for pid in t.paper_ids]
        width = max((len(g) for g in groups.values()), default=0)
        for i in range(width):  # interleaved, so every target is in the first slots
            for g in groups.values():
                if i < len(g):
                    add(g[i])
        if plan.kind is Kind.AGGREGATE:
            self._gather_list(papers, search, question, plan, k, add)
        elif len(context) < k:  # neighbours after the targets: context for the LLM, and for the ranking
            for h in search(question, k, year=plan.year):
                if len(context) >= k:
                    break
                h.reason = h.reason or "search"
                add(h)
        limit = max(k, sum(len(g) for g in groups.values()))
        if plan.kind is Kind.AGGREGATE or plan.record_query:
            limit = max(limit, len(context))
        return Retrieval(plan=plan, hits=context[:limit], groups=groups)

    def _gather_list(self, papers, search, question: str, plan: Plan, k: int, add) -> None:
        topic = " ".join(plan.topic_terms)
        if plan.authors or plan.venues:
            ids = records.author_ids(plan, question)
            ranked = search(topic or question, len(ids), ids=ids, year=plan.year) if ids else []
            for h in ranked:
                h.reason = "author" if plan.authors else "venue"
                add(h)
            return
        if plan.record_query is RecordQuery.ALL or (plan.year and not topic):
            for p in records.by_record(self.records, plan):
                add(Hit(paper=p, score=0.0, passages=[p.abstract], reason="record"))
            return
        if topic:
            width = min(len(papers), max(self.settings.list_max, k * 3))
            for h in search(topic, width, year=plan.year):
                h.reason = "topic"
                add(h)
