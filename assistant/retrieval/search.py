"""Hybrid search: one query -> papers, each with the chunks that matched.

Dense (Chroma's own query for ids and distances, the question's vector from the embedding
model llama-index uses, metadata filters inside the query) and lexical (the persisted bm25s index of assistant/lexical.py, filters inside the
search, no lock) rankings, plus a ranking by the query's rare literal terms ("71.59%", "ZO2")
looked up in that index's vocabulary, fused by reciprocal rank *per paper* (llama-index's
`QueryFusionRetriever` fuses chunks, which would let one paper take several slots). No step
scans the corpus per question: filters are id sets from the paper table (a year's set and its
prepared lexical filter cached per index generation), and only the final hits' records and
chunk texts are read (one paper-table read, one Chroma `get`).

Out of scope: deciding what to search for (planner) and which papers an answer needs
(retrieval/__init__.py).
"""

from __future__ import annotations

import logging
import math
import re
import time
from collections import defaultdict

from ..corpus import PAGE, PAGE_END, Paper
from ..lexical import PaperFilter
from ..errors import AssistantError
from ..models import Hit
from ..settings import Settings
from ..text import content_words, looks_like_name
from ..tokens import unseen_other_number

log = logging.getLogger("assistant")
_NODE_CACHE = 4096  # chunks kept for passages between questions (a few MB)
RRF_K = 60  # the constant of Cormack et al.'s reciprocal rank fusion (also llama-index's)


def locator(meta: dict) -> str:
    """A chunk's page as a reader cites it: "p. 7", or "pp. 7–8" across a page break."""
    first, last = meta.get(PAGE), meta.get(PAGE_END)
    if not first:
        return ""
    return f"p. {first}" if not last or last == first else f"pp. {first}–{last}"


def year_ok(p: Paper, year: tuple[str, int] | None) -> bool:
    if not year:
        return True
    if p.year is None:
        return False
    op, y = year
    return {"since": p.year >= y, "after": p.year > y, "before": p.year < y}.get(op, p.year == y)


class HybridSearch:
    def __init__(self, settings: Settings, store, embed_model, records, lexical):
        self.settings, self.store, self.records, self.lexical = settings, store, records, lexical
        self.embed = embed_model
        self._years: dict[tuple[str, int], tuple[frozenset, PaperFilter]] = {}  # one generation's
        self._nodes: dict[tuple, object] = {}  # chunks read for passages, this generation's (bounded)

    @staticmethod
    def where(ids: list[str] | None, year: tuple[str, int] | None) -> dict | None:
        clauses = []
        if ids is not None:
            clauses.append({"paper_id": {"$in": ids}})
        if year:
            op = {"since": "$gte", "after": "$gt", "before": "$lt"}.get(year[0], "$eq")
            clauses.append({"year": {op: year[1]}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def _year(self, year) -> tuple[frozenset, PaperFilter]:
        """A year filter's papers, read once per generation: a range can allow half the corpus."""
        key = (year[0], int(year[1]))
        got = self._years.get(key)
        if got is None:
            ids = frozenset(self.records.ids_where(year=key if key[0] in ("since", "after", "before") else key[1]))
            got = self._years[key] = (ids, PaperFilter(ids))
        return got

    def search(self, query: str, k: int, ids: list[str] | None = None, year=None, similarity: bool = True,
               exact: bool = True) -> list[Hit]:
        """The `k` best papers for `query`, restricted to `ids` and `year` when given.
        `similarity=False`: one paper's passages in order are wanted, not how close it is; a
        paper of one chunk then needs no dense search (its chunk is its dense ranking) and its
        hit's `dense` stays 0. `exact=False`: no ranking by literal terms (a description's
        "DSPs" is a word, no name)."""
        if ids is not None and not ids:
            return []
        n_chunks = max(k * 3, 10)
        where = self.where(ids, year)
        allowed, prepared = self._year(year) if year else (None, None)
        if ids is not None:
            allowed = set(ids) if allowed is None else allowed & set(ids)
            prepared = allowed
        if not similarity and ids is not None and len(ids) == 1 and not year and self.records.n_chunks(ids[0]) == 1:
            dense = [(ids[0], ("first", ids[0]), None)]
        else:
            dense = self._dense(query, n_chunks, where)
        rankings = [dense, self._bm25_retrieve(query, prepared, n_chunks)]
        score: dict[str, float] = defaultdict(float)
        cosine: dict[str, float] = {}
        refs: dict[str, list] = defaultdict(list)  # pid -> its chunks in ranking order, as refs for _chunks
        for r, ranking in enumerate(rankings):
            seen: set[str] = set()
            for pid, ref, s in ranking:
                if allowed is not None and pid not in allowed:
                    continue
                refs[pid].append(ref)
                if r == 0 and s is not None:  # chroma cosine distance d -> llama-index score exp(-d); keep the cosine
                    cosine[pid] = max(cosine.get(pid, 0.0), 1.0 + math.log(max(s or 1e-9, 1e-9)))
                if pid not in seen:  # a paper counts once per ranking, at its best chunk
                    seen.add(pid)
                    score[pid] += 1.0 / (RRF_K + len(seen))
        # A paper only the exact-term ranking has scores less the lower it ranks there: only the
        # first k + 8 such can reach the top, the rest only count for the ranks (a number like
        # "3-bit" is in thousands of papers at 100,000). It weighs by how rare its matches are.
        for pid, weight, rank in self._exact(query, allowed, set(refs), k + 8) if exact else []:
            refs[pid].append(("first", pid))
            score[pid] += 3.0 * min(1.0, weight) / (RRF_K + rank)
        # Ties by paper id; a few spare in case a record vanished under a concurrent ingest.
        ranked = sorted(score, key=lambda pid: (-round(score[pid], 12), pid))[: k + 8]
        papers = self.records.get_many(ranked)
        ranked = [pid for pid in ranked if pid in papers][:k]
        nodes = self._chunks([ref for pid in ranked for ref in refs[pid]], papers)
        hits = []
        for pid in ranked:
            hit = Hit(paper=papers[pid], score=score[pid], dense=cosine.get(pid, 0.0))
            for ref in refs[pid]:
                node = nodes.get(ref)
                text = node.text if node is not None else None  # get_content() would format the metadata to drop it
                if text is not None and text not in hit.passages:
                    hit.passages.append(text)
                    if (loc := locator(node.metadata)):
                        hit.locators[text] = loc
            hits.append(hit)
        return hits

    def _chunks(self, refs: list, papers: dict) -> dict[tuple, object]:
        """The chunks the final hits cite: ("id", chunk id) from the dense and BM25 rankings,
        ("first", paper id) from the exact-term ranking and named papers; from the cache when
        there, else read by id in one Chroma call (a paper's first chunk is
        "<id>:<content hash>:0", as index.chunk_papers names it; a metadata filter is the
        fallback: at 11,700 papers it costs 15x a read by id)."""
        from llama_index.core.vector_stores.utils import metadata_dict_to_node

        out: dict[tuple, object] = {}
        wanted = set(refs)
        for r in list(wanted):
            if (node := self._nodes.get(r)) is not None:
                out[r] = node
                wanted.discard(r)
        want_ids = sorted(r[1] for r in wanted if r[0] == "id")
        want_first = sorted(r[1] for r in wanted if r[0] == "first")
        wanted_ids = set(want_ids)
        first_ids = {f"{pid}:{papers[pid].content_hash}:0": pid for pid in want_first if pid in papers}
        try:
            if want_ids or first_ids:
                got = self.store.collection.get(ids=sorted(set(want_ids) | set(first_ids)), include=["metadatas", "documents"])
                for cid, m, d in zip(got["ids"], got["metadatas"], got["documents"]):
                    node = metadata_dict_to_node(m, text=d)
                    if cid in wanted_ids:
                        out[("id", cid)] = node
                    if cid in first_ids:
                        out[("first", first_ids[cid])] = node
            want_first = [pid for pid in want_first if ("first", pid) not in out]
            if want_first:
                got = self.store.collection.get(where={"$and": [{"paper_id": {"$in": want_first}}, {"chunk": 0}]},
                                                include=["metadatas", "documents"])
                for m, d in zip(got["metadatas"], got["documents"]):
                    out[("first", m.get("paper_id"))] = metadata_dict_to_node(m, text=d)
            if len(self._nodes) > _NODE_CACHE:
                self._nodes.clear()
            self._nodes.update((r, out[r]) for r in wanted if r in out)
        except Exception as e:  # noqa: BLE001 - chroma mid-write: the hits keep their other passages
            log.warning("could not read the passages of %d chunks (%s)", len(want_ids) + len(want_first), e)
        return out

    def _dense(self, query: str, n: int, where: dict | None):
        """Chroma's ranking as (paper id, ("id", chunk id), llama-index's score exp(-distance)):
        ids and distances only, since reading every candidate's text and metadata is two thirds
        of a query's time and only the final hits' chunks are shown (read by id, or remembered;
        a chunk id starts with its paper's, index.chunk_papers). A read that fails while
        another process writes the index (an ingest deleting the chunks a filter names) is tried
        again once, then left out: the lexical rankings still answer, and the next question sees
        the finished ingest."""
        for attempt in range(2):
            try:
                got = self.store.collection.query(query_embeddings=[self.embed.query_vector(query)], n_results=n,
                                                  include=["distances"], **({"where": where} if where else {}))
                return [(cid.split(":", 1)[0], ("id", cid), math.exp(-d)) for cid, d in zip(got["ids"][0], got["distances"][0])]
            except AssistantError as e:
                if attempt:
                    log.warning("dense search failed during a concurrent write (%s); lexical rankings only", e)
                    return []
                time.sleep(0.2)
        return []

    def _bm25_retrieve(self, query: str, allowed, k: int):
        if not content_words(query):
            return []
        return [(pid, ("id", cid), score) for cid, pid, score in self.lexical.search(query, k, allowed_paper_ids=allowed)]

    def _exact(self, query: str, allowed, keep: set[str], limit: int) -> list[tuple[str, float, int]]:
        """(paper id, weight, rank) of the papers containing the query's literal terms ("71.59%",
        "ZO2"), rare terms weighing more (lexical_exact.py): the papers in `keep` and the first
        `limit` others. RRF alone buries a paper only BM25 finds; exact names and numbers
        deserve better."""
        terms = [t for t in re.findall(r"[\w.%\-]+", query) if looks_like_name(t) or re.search(r"\d", t)]
        terms = [t.strip(".") for t in terms if len(t.strip(".")) >= 2]
        terms += unseen_other_number(" ".join(terms), lambda tok: self.lexical.chunk_frequency(tok) > 0)
        if not terms:
            return []
        return self.lexical.exact_ranking(terms, allowed, keep, limit)
