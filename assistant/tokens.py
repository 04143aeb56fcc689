"""The lexical tokenizer shared by the BM25 index and exact-term lookup.

Lower-cased; "71.59%", "ZO2", "db-SP", "int8", "LLM.int8()" stay whole (a trailing "()" is
dropped) *and* yield their parts ("71.59", "db", "sp", "llm", "int8"; a camel-case name's acronyms,
"SSDFoo": "ssd"), so a query may name either; plain alphabetic words are Snowball-stemmed
(PyStemmer) and English stopwords dropped (bm25s's list). Decimal numbers are never split ("71.59"
stays one token). `TOKENS_VERSION` changes with the tokens: an index built by another is rebuilt.

Out of scope: other languages, LaTeX markup (its commands become ordinary tokens), phrases.
"""

from __future__ import annotations

import functools
import re
import threading

from .text import camel_parts

# Bumped whenever tokens change: an index built by another version is rebuilt (lexical.py).
TOKENS_VERSION = 2
_TOKEN = re.compile(r"\w(?:[\w.\-/%]*[\w%])?(?:\(\))?")
_SPLIT = re.compile(r"[-/%]|(?<=[^\W\d])\.|\.(?=[^\W\d])")
_local = threading.local()


@functools.cache
def _stopwords() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_EN

    return frozenset(STOPWORDS_EN)


@functools.lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    if not hasattr(_local, "stemmer"):  # PyStemmer objects are not thread-safe: one per thread
        import Stemmer

        _local.stemmer = Stemmer.Stemmer("english")
    return _local.stemmer.stemWord(word)


def _norm(tok: str) -> str | None:
    if tok in _stopwords():
        return None
    return _stem(tok) if tok.isalpha() else tok


def terms(text: str) -> list[tuple[str, list[str]]]:
    """Each written token as (whole, parts): 'LLM.int8()' -> ('llm.int8', ['llm', 'int8'])."""
    out = []
    for m in _TOKEN.finditer(text):
        raw, low = m.group(), m.group().lower()
        whole = low.removesuffix("()")
        parts = []
        if any(c in whole for c in "-./%"):
            parts = [p for p in _SPLIT.split(whole) if p and p != whole and (len(p) > 1 or p.isdigit())]
        if raw != low:  # (only a token with capitals can be a camel-case name: most have none)
            parts += [p for p in camel_parts(raw) if p != whole and p not in parts]
        w = _norm(whole)
        ps = [n for n in map(_norm, parts) if n]
        if w or ps:
            out.append((w, ps))
    return out


def tokenize(text: str) -> list[str]:
    """The bag of tokens BM25 indexes and queries with: every whole token and its parts."""
    return [t for whole, parts in terms(text) for t in ([whole] if whole else []) + parts]


_ACRONYM = re.compile(r"(?<![\w-])([A-Z]{2,6})(s?)(?![\w-])")


def _flipped(m: re.Match) -> str:
    return m.group(1) + ("" if m.group(2) else "s")


def other_number(text: str) -> list[str]:
    """Each acronym of `text` in the other number ("QPU" -> "QPUs", "FBEs" -> "FBE")."""
    return [_flipped(m) for m in _ACRONYM.finditer(text)]


def unseen_other_number(text: str, known) -> list[str]:
    """The acronyms of `text` that `known(token)` says no indexed text writes, in the other
    number as written ("QPU" -> "QPUs"): Snowball leaves "QPUs" whole, so a query for
    "QPU" would never find a paper that writes only the plural. (Both numbers of one the
    index has would count it twice.)"""
    return [_flipped(m) for m in _ACRONYM.finditer(text) if not known(_norm(m.group().lower()) or "")]


def query_tokens(text: str, known=lambda tok: True) -> list[str]:
    """`tokenize`, and `unseen_other_number`'s tokens."""
    toks = tokenize(text)
    return toks + [v for v in (_norm(x.lower()) for x in unseen_other_number(text, known)) if v and v not in toks]
