"""The names papers go by, and the people and venues on their records: lookup tables built
from the paper records once per index generation.

* Method names: a title's short prefix ("ZO2: ..."), a name an abstract introduces ("we
  propose FlashOverlap"), or a name-like word ("db-SP", "KerZOO") that few papers use. "Few"
  scales with the corpus (`Settings.name_max_df_share`), so a method name stays a name in a
  field-sized index while "GPU" stays vocabulary.
* Authors (and the owners of profile pages) and venues/organisations, found in a question by
  looking its word n-grams up, never by scanning every record.

Out of scope: papers referred to by description (the planner resolves those by search).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict

from ..corpus import Paper, plain_title
from ..models import title_prefix
from ..settings import Settings
from ..text import NAME_TOKEN, content_words, looks_like_name, plain_latex, quantities, sentences, stem

_INTRO = re.compile(r"\b(?:propose|present|introduce|called|dubbed|named|termed|design|develop|build)\s+(?:a |an |the )?", re.I)


class NameIndex:
    def __init__(self, papers: dict[str, Paper], settings: Settings):
        self.papers = papers
        n = max(1, len(papers))
        # A word in at most this many papers can be a paper's own name.
        self.max_df = max(settings.name_min_df, math.ceil(n * settings.name_max_df_share))
        self.names: dict[str, dict[str, int]] = {}  # name -> paper id -> strength (3 title, 2 introduced, 1 used)
        self.method_names: dict[str, str] = {}
        self.word_df: dict[str, int] = defaultdict(int)
        self.vocab: set[str] = set()
        self.authors: dict[str, set[str]] = defaultdict(set)
        self.venues: dict[str, set[str]] = defaultdict(set)
        self.years = {p.year for p in papers.values() if p.year}
        self.sample = settings.statistics_sample
        self._build()

    def _build(self) -> None:
        names: dict[str, dict[str, int]] = defaultdict(dict)
        exact_df: dict[str, int] = defaultdict(int)
        texts = {pid: f"{p.title} {plain_latex(p.abstract)}" for pid, p in self.papers.items()}
        for text in texts.values():
            toks = set(NAME_TOKEN.findall(text))
            for w in {t.lower() for t in toks}:
                self.word_df[w] += 1
            for w in toks:
                exact_df[w] += 1
        rare = self.max_df
        for p in self.papers.values():
            abstract = plain_latex(p.abstract)
            prefix = title_prefix(p)
            if prefix:
                for key in {prefix.lower(), plain_title(prefix)}:
                    names[key][p.id] = 3
            for m in _INTRO.finditer(abstract):
                tok = NAME_TOKEN.match(abstract, m.end())
                if not tok or len(tok.group()) < 3 or not tok.group()[0].isupper():
                    continue
                word = tok.group()
                if exact_df[word] <= rare and (self.word_df[word.lower()] <= rare or looks_like_name(word)):
                    names[word.lower()].setdefault(p.id, 2)
                    acronym = word.isupper() and exact_df[word] > 1
                    if not acronym and (looks_like_name(word) or abstract.count(word) >= 2):
                        self.method_names.setdefault(p.id, word)
            for tok in set(NAME_TOKEN.findall(texts[p.id])):
                if looks_like_name(tok) and self.word_df[tok.lower()] <= rare:
                    names[tok.lower()].setdefault(p.id, 2 if tok in p.title else 1)
            extra = " ".join([p.venue or "", p.affiliation or "", *p.authors, *p.profiles])
            # A full text's words are the corpus's words too ("PDFs" in a paper's body).
            self.vocab.update(content_words(texts[p.id] + " " + extra + " " + getattr(p, "text", "")))
            self.vocab.update(w.lower() for w in NAME_TOKEN.findall(extra))
            for a in p.authors + p.profiles:
                self.authors[a.lower()].add(p.id)
            for text in (p.venue or "", p.affiliation or ""):
                for tok in NAME_TOKEN.findall(text):
                    if looks_like_name(tok) or tok.isupper() or text == p.affiliation:
                        self.venues[tok.lower()].add(p.id)
        self.vocab.update(self.word_df)
        self.quantity_affinity = self._quantity_affinity()
        # A "name" many papers share is vocabulary, whatever its shape.
        self.names = {k: v for k, v in names.items() if len(v) <= rare + 1}

    def _quantity_affinity(self) -> dict[str, float]:
        """For each word stem, the share of the sentences using it that state a number:
        "speedup" and "accuracy" are measures, "kernel" is not. Read from a sample of papers
        so it costs the same at any corpus size."""
        used: dict[str, int] = defaultdict(int)
        with_number: dict[str, int] = defaultdict(int)
        for p in list(self.papers.values())[: self.sample]:
            for s in sentences(plain_latex(p.abstract)):
                has = bool(quantities(s))
                for st in {stem(w) for w in content_words(s)}:
                    used[st] += 1
                    with_number[st] += has
        # Few uses say nothing either way.
        return {st: with_number[st] / n for st, n in used.items() if n >= 3}

    # ---- lookups --------------------------------------------------------------------------
    def label(self, p: Paper) -> str | None:
        """The short name a paper goes by ("ZO2", "ZeroQAT"); None when it has none."""
        return title_prefix(p) or self.method_names.get(p.id)

    def lookup(self, tok: str) -> dict[str, int] | None:
        """Papers a token names, as the user typed it; None when it names none."""
        key = tok.lower()
        cands = self.names.get(key) or self.names.get(plain_title(tok))
        if cands and not looks_like_name(tok):
            # Typed as a plain word, it is a name only when it is rare and strong: a title
            # prefix ("Maestro") or, capitalised, a method an abstract introduces ("Fuyou").
            floor = 2 if tok[0].isupper() else 3
            rare = self.word_df.get(key, 0) <= self.max_df
            cands = {pid: v for pid, v in cands.items() if v >= floor} if rare else None
        return cands or None

    def known(self, word: str) -> bool:
        """Does the corpus use this word ("per-GPU": it uses "GPU")?"""
        word = word.lower()
        parts = [word] + word.split("-")[:1]
        return any(w in self.vocab or w.rstrip("s") in self.vocab for w in parts)

    def authors_in(self, question: str) -> dict[str, list[str]]:
        """Author names the question mentions (two to four words in a row, as on the records)."""
        toks = re.findall(r"[\w\-.]+", re.sub(r"['’]s\b", "", question.lower()))
        found: dict[str, list[str]] = {}
        for size in (4, 3, 2):
            for i in range(len(toks) - size + 1):
                gram = " ".join(toks[i: i + size])
                if gram in self.authors and not any(gram in f.lower() for f in found):
                    found[gram.title()] = sorted(self.authors[gram])
        return found

    def multiword_names(self, question: str) -> dict[str, list[str]]:
        """Title prefixes of several words ("Late Breaking Results") the question contains."""
        low = question.lower()
        toks = re.findall(r"[\w\-.]+", low)
        found = {}
        for size in (3, 2):
            for i in range(len(toks) - size + 1):
                gram = " ".join(toks[i: i + size])
                if gram in self.names and re.search(r"(?<!\w)" + re.escape(gram) + r"(?!\w)", low):
                    found[gram] = sorted(self.names[gram])
        return found
