"""The paper table and the venue words as mappings the name lookups read: one indexed read of
the records (assistant/records.py) per paper or word, nothing copied or scanned per corpus.

Out of scope: judging which words are names (names.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import cached_property
from typing import TYPE_CHECKING

from ..corpus import Paper
from ..text import NAME_TOKEN, looks_like_name

if TYPE_CHECKING:
    from .names import NameIndex

_CAP = 200  # papers read to judge one word at least (see NameIndex._cap)
_CACHE = 4096  # words remembered per index generation


class PaperTable(Mapping):
    """`papers[pid]` as a mapping over the paper table: one indexed read per paper, no copy."""

    def __init__(self, records):
        self.records = records

    def __getitem__(self, pid: str) -> Paper:
        p = self.records.get(pid)
        if p is None:
            raise KeyError(pid)
        return p

    def __contains__(self, pid) -> bool:
        return isinstance(pid, str) and self.records.get(pid) is not None

    @cached_property
    def _len(self) -> int:
        return self.records.count()

    def __len__(self) -> int:
        return self._len

    def __iter__(self) -> Iterator[str]:
        return iter(self.records.ids_where())

    def values(self):  # streamed: a list of 100,000 records is what this module avoids
        return self.records.iter_papers()

    def get_many(self, ids) -> dict[str, Paper]:
        return self.records.get_many(ids)


class VenueWords(Mapping):
    """`venues[word] -> paper ids`: a name-like or capitalised word of a venue, or any word of an
    affiliation ("MIT", "NeurIPS"; not "conference")."""

    def __init__(self, names: NameIndex):
        self.names = names
        self._seen: dict[str, list[str]] = {}

    def __getitem__(self, word: str) -> list[str]:
        got = self._ids(word)
        if not got:
            raise KeyError(word)
        return got

    def __contains__(self, word) -> bool:
        return bool(self._ids(word))

    def _ids(self, word: str) -> list[str]:
        if word in self._seen:
            return self._seen[word]
        key, records = word.lower(), self.names.records
        parts = records.venues_in(key)
        ids = set.intersection(*(set(v) for v in parts.values())) if parts and len(parts) == len(set(re.findall(r"[^\W_]+", key))) else set()
        pick = sorted(ids)
        papers = records.get_many(pick if len(pick) <= _CAP else pick[:: len(pick) // 100 + 1]).values()
        good = sorted(p.id for p in papers if _venue_word(p, key))
        out = good if len(ids) <= _CAP or not good else sorted(ids)  # judged from a sample when common
        _remember(self._seen, word, out)
        return out

    def __iter__(self):
        raise TypeError("venue words are looked up, not listed")

    def __len__(self) -> int:
        raise TypeError("venue words are looked up, not counted")


def _venue_word(p: Paper, key: str) -> bool:
    for text in (p.venue or "", p.affiliation or ""):
        for tok in NAME_TOKEN.findall(text):
            if tok.lower() == key and (looks_like_name(tok) or tok.isupper() or text == p.affiliation):
                return True
    return False


def _remember(cache: dict, key, value) -> None:
    if len(cache) >= _CACHE:
        cache.clear()
    cache[key] = value
