"""The names papers go by, and the people and venues on their records, looked up per question
in the paper table (assistant/records.py) and the lexical index (assistant/lexical.py): nothing
is loaded or scanned per corpus, so start-up and memory do not grow with it.

* Method names: a title's short prefix ("ZO2: ..."), a name an abstract introduces ("we
  propose FlashOverlap"), or a name-like word ("db-SP", "KerZOO") that few papers use. "Few"
  scales with the corpus (`Settings.name_max_df_share`), so a method name stays a name in a
  field-sized index while "GPU" stays vocabulary. A word's papers come from the lexical index;
  their titles and abstracts are read (inside SQLite) and judged by the same rules a full scan
  would apply, as long as they are few (twice the name limit, at least `_CAP`): a word in more
  papers than that is vocabulary. Below `_CAP` papers the result is exactly the scan's.
* Authors (and the owners of profile pages) and venues/organisations, found in a question by
  looking its word n-grams up in the paper table's indexes.
* Which words are measures ("speedup", "accuracy"): learnt from an evenly spread sample of
  records, on first use.

Out of scope: papers referred to by description (the planner resolves those by search), and
the interface's users (planner.py reads `lookup`, `known`, `authors_in`, `multiword_names`,
`venues`, `years`, `papers`, `quantity_affinity`, `label`).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict

from ..corpus import Paper, plain_title
from ..models import title_prefix
from ..settings import Settings
from ..tokens import _SPLIT as _PARTS, terms, tokenize
from ..text import NAME_TOKEN, as_word, content_words, looks_like_name, plain_latex
from .measure_words import MeasureWords
from .record_tables import _CAP, PaperTable, VenueWords, _remember
from .versions import VERSION_TAG

# A model size after a name: "-T", "-XL", "-7B" (capitals or a number, not a word: "-style").
_VARIANT = re.compile(r"(.+?)-(?:[A-Z]{1,3}|\d+(?:\.\d+)?[A-Za-z]?)")

# "we propose FooNet", "called FooNet", and the appositive "presents the first cloud-side
# tuning system, fooNet.x, which ...".
_INTRO = re.compile(r"\b(?:propose|present|introduce|called|dubbed|named|termed|design|develop|build)s?\s+(?:a |an |the )?"
                    r"(?:(?:[\w-]+\s+){0,6}?(?:system|framework|method|approach|technique|algorithm|accelerator|architecture|"
                    r"tool|library|compiler|engine|scheme|allocator|runtime|benchmark|model|platform|toolkit|dataset)\s*,\s*)?", re.I)
_PREFIX_WORDS = 5  # the fewest opening words of a title that name its paper
_TITLE_WORDS = 24  # the longest whole title looked for in a question, in words
_VOCAB_CHECK = 50  # papers read to tell a word from a part of longer tokens; more: it is a word


class _Word:
    """One lower-case word's statistics over the papers' titles and abstracts."""

    __slots__ = ("df", "exact", "entries")

    def __init__(self, df: float, exact: dict[str, int], entries: dict[str, int]):
        self.df, self.exact, self.entries = df, exact, entries


def _name_cased(word: str) -> bool:
    """Written as acronyms are ("P-FOO", "BarZOO", "M2Net"), not as a Title-Cased or CamelCased
    word ("Co-Design", "BarTrainers")."""
    return bool(re.search(r"\d|[A-Z]{2}", word))


def _spellings(text: str, key: str) -> set[str]:
    """How `text` spells `key` (any case) as a name token. Tokenises only the whitespace-
    delimited words containing it (a token never spans whitespace): the same tokens as the
    whole text's, at a fraction of the cost when a word is read in a thousand abstracts."""
    out, done = set(), -1
    for m in re.finditer(re.escape(key), text, re.I):
        if m.start() < done:
            continue  # in the word just read
        a, b = m.start(), m.end()
        while a > 0 and not text[a - 1].isspace():
            a -= 1
        while b < len(text) and not text[b].isspace():
            b += 1
        done = b
        out.update(t for t in NAME_TOKEN.findall(text[a:b]) if t.lower() == key)
    return out


def _vocabulary(p: Paper) -> set[str]:
    """The words a paper uses, as a scan of every record would collect them."""
    text, extra = f"{p.title} {plain_latex(p.abstract)}", " ".join([p.venue or "", p.affiliation or "", *p.authors, *p.profiles])
    return ({t.lower() for t in NAME_TOKEN.findall(text + " " + extra)}
            | set(content_words(text + " " + extra + " " + (getattr(p, "text", "") or ""))))


class NameIndex(MeasureWords):
    def __init__(self, records, lexical, settings: Settings):
        self.records, self.lexical, self.settings = records, lexical, settings
        self.papers = PaperTable(records)
        # A word in at most this many papers can be a paper's own name.
        self.max_df = max(settings.name_min_df, math.ceil(max(1, len(self.papers)) * settings.name_max_df_share))
        self.venues = VenueWords(self)
        self.years = records.years()
        # Papers read to judge one word: twice the name limit (a word in more papers' text is
        # vocabulary), but never fewer than _CAP, so a small corpus is judged exactly as a scan would.
        self._cap = max(_CAP, 2 * (self.max_df + 1))
        self._words: dict[str, _Word] = {}
        self._labels: dict[str, str | None] = {}

    # ---- one word's statistics ------------------------------------------------------------
    def _word(self, key: str) -> _Word:
        """How many papers use `key` (any case) in title or abstract, per spelling, and the
        papers it names by the word rules (2 introduced or in the title, 1 used)."""
        got = self._words.get(key)
        if got is not None:
            return got
        rare = self.max_df
        docs = self._papers_using(key, self._cap) if NAME_TOKEN.fullmatch(key) else frozenset()  # "accel gcn": no token
        if docs is None or len(docs) > self._cap:
            got = _Word(math.inf, {}, {})
        else:
            using: dict[str, tuple[str, str, set[str]]] = {}
            exact: dict[str, int] = defaultdict(int)
            for pid, (title, abstract) in self.records.texts_containing(sorted(docs), key).items():
                abstract = plain_latex(abstract)
                spelt = _spellings(f"{title} {abstract}", key)
                if spelt:
                    using[pid] = (title, abstract, spelt)
                    for t in spelt:
                        exact[t] += 1
            df, entries = len(using), {}
            for pid, (title, abstract, spelt) in sorted(using.items()):
                introduced = len(key) >= 3 and any(t[0].isupper() or looks_like_name(t) for t in spelt)
                for m in _INTRO.finditer(abstract) if introduced else ():
                    tok = NAME_TOKEN.match(abstract, m.end())
                    if tok and tok.group().lower() == key and len(key) >= 3 and (tok.group()[0].isupper() or looks_like_name(tok.group())) \
                            and exact[tok.group()] <= rare and (df <= rare or looks_like_name(tok.group())):
                        entries.setdefault(pid, 2)
                shaped = [t for t in spelt if looks_like_name(t)]
                if shaped and df <= rare:  # "ZO2" in the title outranks "zo2" in the abstract
                    # ... as a word of it: inside a title's compound ("Foo-Offloaded", "DistFoo")
                    # it is what the paper is about, not its name; nor is a two-letter word ("QX").
                    entries.setdefault(pid, 2 if len(key) >= 3 and any(re.search(rf"(?<![\w-]){re.escape(t)}(?![\w-])", title) for t in shaped) else 1)
            got = _Word(df, dict(exact), entries)
        _remember(self._words, key, got)
        return got

    def _papers_using(self, key: str, cap: int = _CAP) -> frozenset[str] | None:
        """A superset of the papers whose text has `key` as a word: those with all its lexical
        tokens (the whole "opt-175b" is not indexed inside "OPT-175B/BLOOM", its parts are).
        None when the word is too common to read them (over `cap` papers, or a stop word)."""
        got = terms(key)
        if len(got) != 1:
            return None
        # The raw parts: the lexical index normalises (stems) what it is given.
        toks = [t for t in _PARTS.split(key.removesuffix("()"))  # as tokens.terms indexes parts
                if (len(t) > 1 or t.isdigit()) and terms(t)] if got[0][1] else [key]
        if not toks or min(self.lexical.chunk_frequency(t) for t in toks) > 20 * cap:
            return None
        docs = self.lexical.docs_with_term(" ".join(toks))
        return docs if len(docs) <= cap else None

    def papers_using(self, word: str) -> frozenset[str] | None:
        """The papers using `word` when it is rare (in at most as many papers as a name is), else
        None (a word of the whole field, "Large", "Memory")."""
        return self._papers_using(word.lower(), cap=self.max_df)

    def papers_with(self, word: str) -> frozenset[str] | None:
        """The papers whose text has `word` as a token; None when more than `read_limit` do."""
        return self._papers_using(word, self._cap)

    read_limit = property(lambda self: self._cap)

    def _named(self, key: str) -> dict[str, int]:
        """Papers `key` names: title prefixes and whole titles (3) over the word rules; none when shared by more
        than max_df + 1 papers (a "name" many papers share is vocabulary, whatever its shape)."""
        # (A version tag alone, "v1" of "the v1 and v4 figures", is a version of what is named
        # before it, no work's name: a paper titled "FooNet v2" is named by "FooNet v2".)
        if not key or VERSION_TAG.fullmatch(key):
            return {}
        cands = dict(self._word(key).entries) if " " not in key else {}
        for pid in self.records.labelled([key]).get(key, []):
            cands[pid] = 3
        return cands if len(cands) <= self.max_df + 1 else {}

    # ---- lookups --------------------------------------------------------------------------
    def label(self, p: Paper) -> str | None:
        """The short name a paper goes by ("ZO2", "ZeroQAT"); None when it has none."""
        prefix = title_prefix(p)
        if prefix or p.id in self._labels:
            return prefix or self._labels[p.id]
        found, abstract, rare = None, plain_latex(p.abstract), self.max_df
        for m in _INTRO.finditer(abstract):
            tok = NAME_TOKEN.match(abstract, m.end())
            if not tok or len(tok.group()) < 3 or not (tok.group()[0].isupper() or looks_like_name(tok.group())):
                continue
            word, stats = tok.group(), self._word(tok.group().lower())
            n_exact = stats.exact.get(word, math.inf)
            if n_exact <= rare and (stats.df <= rare or looks_like_name(word)):
                acronym = word.isupper() and n_exact > 1
                if not acronym and (looks_like_name(word) or abstract.count(word) >= 2):
                    found = word
                    break
        _remember(self._labels, p.id, found)
        return found

    def lookup(self, tok: str) -> dict[str, int] | None:
        """Papers a token names, as the user typed it; None when it names none."""
        key = tok.lower()
        # "quick-merge": chat shorthand for QuickMerge, hyphenated where the name has a capital.
        form = next((k for k in (key, plain_title(tok)) if k and self._named(k)), key)
        cands = self._named(form)
        if not cands and "-" in key and (cands := self._named(compact := key.replace("-", ""))):
            # ... only where the papers write it as one word ("QuickMerge"; not "low-power" for a
            # title's "LowPower").
            form = compact
            pattern = as_word(compact)
            if not any(pattern.search(f"{p.title} {p.abstract}") for p in self.records.get_many(sorted(cands)).values()):
                return None
        if cands and not looks_like_name(tok):
            # Typed as a plain word, it is a name only when it is rare and strong: a title
            # prefix ("Foolib") or, capitalised, a method an abstract introduces ("Barzoo"); typed
            # in lower case, too, when the papers write it only as a name ("p-foo", "bazlib": chat
            # shorthand for P-FOO and BAZLIB; not "co-design", a Title-Cased plain word).
            floor = 2 if tok[0].isupper() else 3
            rare = self._word(form).df <= self.max_df
            if floor == 3 and tok.islower() and (using := self._papers_using(form, self._cap)) is not None:
                pattern = as_word(form)
                # Every paper writing the word, not only those it names: one writing it in lower
                # case makes it a plain word ("low-power" beside a title's "Low-Power Inference").
                papers = self.records.get_many(sorted(set(cands) | using)).values()
                written = {m.group() for p in papers for m in pattern.finditer(f"{p.title} {p.abstract}")}
                # A proper noun ("Quxia") is capitalised mid-sentence too, not only after a full stop
                # (a compound is not: "Low-Power Inference" spells out a name in plain words).
                proper = "-" not in form and any(m.group()[0].isupper() and not re.search(r"(?:^|[.!?:]\s*)$", p.abstract[: m.start()].rstrip())
                             for p in papers for m in pattern.finditer(p.abstract))
                if written and all(_name_cased(w) or (proper and w[0].isupper()) for w in written):
                    floor = 2
                    # Written as a name by every paper that uses it ("BazNet", cited by others
                    # too): chat shorthand for that name, however many papers cite it.
                    rare = rare or all(_name_cased(w) for w in written)
            cands = {pid: v for pid, v in cands.items() if v >= floor} if rare else None
        return cands or None

    def spaced(self, tok: str, nxt: str) -> dict[str, int] | None:
        """Papers a name typed as two words names ("foonet v2", "llama 2" for FooNet-V2 and
        Llama-2): when one of them holds a digit, as versions and sizes do, and the words
        joined name papers more strongly than either word alone."""
        if not re.search(r"\d", tok + nxt) or not (cands := self.lookup(f"{tok}-{nxt}")):
            return None
        alone = max(max((self.lookup(w) or {}).values(), default=0) for w in (tok, nxt))
        return cands if max(cands.values()) > alone else None

    def variant(self, tok: str) -> tuple[str, list[str]]:
        """"FooNet-T", "BarLM-7B": the name before the size, and the papers whose model `tok` is a
        size of: the work going by that name, when it reports that size as written ("ConvNeXt-T"
        in a paper titled "... Meets ConvNeXt" is a rival's size, not that paper's)."""
        if not (m := _VARIANT.fullmatch(tok)) or not (base := self.lookup(m.group(1))):
            return "", []
        pattern = as_word(tok)
        return m.group(1), [pid for pid, p in self.records.get_many(sorted(base)).items()
                            if (self.label(p) or "").lower() == m.group(1).lower() and pattern.search(f"{p.title} {p.abstract}")]

    def as_name(self, tok: str) -> dict[str, int] | None:
        """Papers `tok` names in any case, however weakly, where the question's shape says it is a
        name ("bar vs foonet": "bar" for a paper titled "BAR: ...")."""
        cands = self._named(tok.lower())
        return cands or None

    def known(self, word: str) -> bool:
        """Does the corpus use this word ("per-GPU": it uses "GPU")? As a word of some paper's
        text or record, not only inside a longer token ("WikiText" of "WikiText-103")."""
        word = word.lower()
        parts = [word] + word.split("-")[:1]
        return any(self._used(w) or self._used(w.rstrip("s")) or self._used(w + "s") for w in parts)  # ("hour": "hours")

    def _used(self, w: str) -> bool:
        if not w:
            return False
        if not tokenize(w):
            return True  # a stop word: every corpus uses it
        if self.records.venues_in(w).get(w):
            return True
        docs = self._papers_using(w, cap=_VOCAB_CHECK)
        if docs is None:  # in many papers' text: a word of the corpus
            return True
        return any(w in _vocabulary(p) for p in self.records.get_many(sorted(docs)).values())

    def authors_in(self, question: str) -> dict[str, list[str]]:
        """Author names the question mentions (two to four words in a row, as on the records)."""
        toks = re.findall(r"[\w\-.]+", re.sub(r"['’]s\b", "", question.lower()))
        grams = [" ".join(toks[i: i + size]) for size in (4, 3, 2) for i in range(len(toks) - size + 1)]
        authors = self.records.authors_named(grams)
        found: dict[str, list[str]] = {}
        for gram in grams:
            if gram in authors and not any(gram in f.lower() for f in found):
                found[gram.title()] = sorted(authors[gram])
        return found

    def multiword_names(self, question: str) -> dict[str, list[str]]:
        """Title prefixes of several words ("Late Breaking Results") the question contains, and
        whole titles of four words or more, written in any case and punctuation (as copied)."""
        low = question.lower()
        toks = re.findall(r"[\w\-.]+", low)
        grams = [" ".join(toks[i: i + size]) for size in (3, 2) for i in range(len(toks) - size + 1)]
        at = list(re.finditer(r"[a-z0-9]+", low))
        whole = {plain_title(x): x for size in range(_TITLE_WORDS, 3, -1) for i in range(len(at) - size + 1)
                 for x in [question[at[i].start(): at[i + size - 1].end()]]}
        titled = self.records.labelled([*grams, *whole])
        # The opening words of a title, pasted ("When Foo Bars Beat Bazes without Qux vs ..."):
        # from a capitalised word, the longest run of five words or more that begins one title.
        for i, w in enumerate(at):
            if not question[w.start()].isupper():
                continue
            best = None  # (a longer run names no other paper than a shorter one: grown until none)
            for size in range(_PREFIX_WORDS, min(_TITLE_WORDS, len(at) - i) + 1):
                x = question[w.start(): at[i + size - 1].end()]
                if not (ids := self.records.title_starting(plain_title(x))):
                    break
                best = (x, ids) if len(ids) == 1 else best
            if best and plain_title(best[0]) not in titled:
                whole[plain_title(best[0])] = best[0]
                titled[plain_title(best[0])] = best[1]
        found: dict[str, list[str]] = {}
        for key, phrase in [*whole.items(), *zip(grams, grams)]:  # longest first; a prefix inside a title found is its words
            if (ids := titled.get(key)) and len(ids) <= self.max_df + 1 and (key in whole or re.search(rf"(?<!\w){re.escape(key)}(?!\w)", low)) \
                    and not any(phrase.lower() in f.lower() for f in found if f not in grams):
                found[phrase] = sorted(ids)
        return found
