"""Papers ranked by the literal terms of a query ("71.59%", "ZO2", "GPU"), each weighted by
how rare it is, vectorised over the main segment's paper codes. At 100,000 papers a common
term names tens of thousands of papers: ranking them one by one in Python cost more than
the dense search (p95 at 117,000 papers), so the weights are summed in a numpy array and
only the papers the fusion uses are turned back into ids.

Out of scope: which query words are terms, and fusing this ranking (retrieval/search.py).
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import defaultdict

import numpy as np

from .lexical_segment import Snapshot
from .tokens import terms as term_tokens


def exact_ranking(s: Snapshot, query_terms: list[str], allowed, keep: set[str], limit: int) -> list[tuple[str, float, int]]:
    """(paper id, weight, rank) for the papers containing the terms, ranked by summed weight
    (squared idf, normalised to 1 for a term in one chunk), ties by paper id; rank 1 is the
    best among the `allowed` papers (all when None). Returned: the papers in `keep` that rank,
    and the first `limit` others."""
    m = s.main
    n_docs = max(1, (m.n - len(s.dead) if m else 0) + len(s.delta))
    w = np.zeros(len(m.code) if m else 0, np.float64)
    extra: dict[str, float] = defaultdict(float)  # papers the main segment lacks (delta only)
    dead = np.fromiter(s.dead, np.int64, len(s.dead)) if s.dead else None
    for t in dict.fromkeys(query_terms):
        got = term_tokens(t)
        if not got or not (df := s.df(got[0][0] or got[0][1][0])):
            continue
        weight = (math.log(1 + n_docs / df) / math.log(1 + n_docs)) ** 2
        codes, others = None, None  # several words: papers with all of them
        for whole, parts in got:
            tok = whole or parts[0]
            c = np.empty(0, np.int64)
            if m:
                rows = m.postings(tok)
                if dead is not None and len(rows):
                    rows = rows[~np.isin(rows, dead)]
                c = m.row_code[rows]
            delta = {s.delta[i][1] for i in s.delta_postings.get(tok, ())}
            in_main = [m.code[p] for p in delta if m and p in m.code]
            c = np.unique(np.concatenate([c.astype(np.int64), np.asarray(in_main, np.int64)]))
            o = {p for p in delta if not (m and p in m.code)}
            codes = c if codes is None else np.intersect1d(codes, c)
            others = o if others is None else others & o
        if codes is not None and len(codes):
            w[codes] += weight
        for pid in others or ():
            extra[pid] += weight
    if allowed is not None:
        ok = np.fromiter((m.code[p] for p in allowed if p in m.code), np.int64) if m else np.empty(0, np.int64)
        kept = np.zeros_like(w)
        kept[ok] = w[ok]
        w = kept
        extra = {p: v for p, v in extra.items() if p in allowed}
    w = np.round(w, 9)  # sums of the same weights in another order tie
    nz = np.flatnonzero(w)
    pids_by_code = m.pids if m else []
    ids_sorted = m.sorted_pids if m else []
    ex = sorted(extra)
    # Ties by paper id: a delta paper's place among the main ones by bisection.
    order_key = np.concatenate([m.pid_rank[nz] if m else np.empty(0), np.asarray([bisect_left(ids_sorted, p) - 0.5 for p in ex])])
    weights = np.concatenate([w[nz], np.round(np.asarray([extra[p] for p in ex], np.float64), 9)])
    order = np.lexsort((order_key, -weights))

    def pid(i: int) -> str:
        return pids_by_code[nz[i]] if i < len(nz) else ex[i - len(nz)]

    out: list[tuple[str, float, int]] = []
    # The kept papers' ranks: the inverse of the order.
    rank = np.empty(len(order), np.int64)
    rank[order] = np.arange(1, len(order) + 1)
    for p in keep:
        code = m.code.get(p, -1) if m else -1
        j = int(np.searchsorted(nz, code)) if code >= 0 else -1
        if code >= 0 and j < len(nz) and nz[j] == code:
            out.append((p, float(weights[j]), int(rank[j])))
        elif p in extra:
            j = len(nz) + ex.index(p)
            out.append((p, float(weights[j]), int(rank[j])))
    alone = 0
    for i in order:
        if alone >= limit:
            break
        p = pid(int(i))
        if p not in keep:
            out.append((p, float(weights[i]), int(rank[i])))
            alone += 1
    return sorted(out, key=lambda x: x[2])
