"""Abbreviations the collection defines: "Bar Tile Engine (BaTE)" in one abstract tells what
"BaTE" means in a question about another paper that only writes "bar tile engines". Read
on demand from the papers that write the abbreviation, so the table grows with the corpus
and costs nothing for a question without one.

The definitions are found as Schwartz & Hearst (2003) find them: the short form in
parentheses right after its long form, whose words its letters begin (the first letter a
word's first, the rest in order). Written out here rather than taken from the
`abbreviations` package, which configures the root logger when imported.

Out of scope: abbreviations no paper defines; when a description is tried again written out
(descriptions.py: when it finds no paper, or none surely).
"""

from __future__ import annotations

import re
from collections import Counter

from ..models import Target
from ..text import as_word, plain_latex
from .record_tables import _remember

_UNSEEN = object()  # (None is a cached answer: no long form)

# An abbreviation as written: a letter first, two capitals at least ("BaTE", "QPU", "FBEs";
# not "Foo" or "x86"), 2 to 10 characters (Schwartz & Hearst's bounds on a short form).
_SHAPE = re.compile(r"[A-Za-z][A-Za-z0-9]{1,9}")


def looks_abbreviated(token: str) -> bool:
    return bool(_SHAPE.fullmatch(token)) and sum(c.isupper() for c in token) >= 2


def _long_form(short: str, before: str) -> str | None:
    """The words ending `before` that `short` abbreviates, or None. Letters are matched from
    the last; the first must begin a word. At most min(|A| + 5, 2|A|) words (Schwartz & Hearst)."""
    letters = [c.lower() for c in short if c.isalnum()]
    words = before.split()[-min(len(letters) + 5, 2 * len(letters)):]
    text = " ".join(words)
    i = len(text) - 1
    for n, c in enumerate(reversed(letters)):
        first = n == len(letters) - 1
        while i >= 0 and (text[i].lower() != c or (first and i > 0 and text[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return None
        i -= 1
    long = text[i + 1:].strip(" ,;:")
    # (Not a long form holding the short one as a word: "text-to-SQL benchmark (SQL)".)
    return long if re.search(r"[\s-]", long) and short.lower() not in re.split(r"[\s-]+", long.lower()) else None


def definitions(short: str, text: str) -> list[str]:
    """The long forms `text` gives `short` ("(BaTE)", "(FBEs)": its plural too), lower-cased,
    the plural's long form made singular."""
    out = []
    for m in re.finditer(rf"\(\s*({re.escape(short)})(s?)\s*[),;]", text):
        # (Within its own sentence and clause: a long form never spans a stop.)
        before = re.split(r"[.;:!?()]\s", text[: m.start()])[-1]
        long = _long_form(short, before)
        if long:
            out.append(long.lower()[:-1] if m.group(2) and re.search(r"[^s]s$", long) else long.lower())
    return out


def glossary(quoted: list[str], text: str) -> list[tuple[str, str]]:
    """The abbreviations the `quoted` sentences use that `text` (their paper) defines
    elsewhere, with their long forms: a quote saying "our SMoE layer" reads as the paper's
    "sparse mixture of experts (SMoE) layer" does."""
    said = " ".join(quoted)
    out: dict[str, str] = {}
    for tok in re.findall(rf"(?<![\w-])(?:{_SHAPE.pattern})(?![\w-])", said):
        if tok in out or not looks_abbreviated(tok) or definitions(tok, said):
            continue
        if longs := definitions(tok, text):
            out[tok] = longs[0]
    return list(out.items())


class Abbreviations:
    """Long forms of the abbreviations a question writes, from the papers that write them."""

    def __init__(self, names):
        self.names = names
        self._seen: dict[str, str | None] = {}  # (bounded: record_tables._remember)

    def _using(self, word: str) -> set[str] | None:
        """The papers whose text has `word` (or its plural) as a token; None when too many to
        read (an abbreviation that common is what papers write: the first search finds them)."""
        docs = [self.names.papers_with(w) for w in (word.lower(), f"{word.lower()}s")]
        return None if any(d is None for d in docs) else set().union(*docs)

    def long_form(self, short: str) -> str | None:
        """What `short` stands for, when the collection defines it and some paper writes the long
        form only ("bar tile engines", never "BaTE"): written out, it finds that paper too.
        ("CPU", which every paper writing "central processing unit" also writes, stays "CPU".)"""
        if (got := self._seen.get(short, _UNSEEN)) is not _UNSEEN:
            return got
        found: Counter[str] = Counter()
        docs = self._using(short)
        texts = self.names.records.texts_containing(sorted(docs), f"({short}") if docs else {}
        for title, abstract in texts.values():
            found.update(definitions(short, plain_latex(f"{title}. {abstract}")))
        long = found.most_common(1)[0][0] if found else None
        if long:
            spelt = re.compile(r"\b" + r"[\s-]+".join(map(re.escape, re.split(r"[\s-]+", long))), re.I)
            # (Of the papers with all its words, at most as many as a word's are read: one writing
            # them in a row is enough.)
            out = sorted(self.names.lexical.docs_with_term(" ".join(re.split(r"[\s-]+", long))) - docs)[: self.names.read_limit]
            texts = self.names.records.texts_containing(out, long.split()[0].split("-")[0]).values()
            long = long if any(spelt.search(plain_latex(f"{t} {a}")) for t, a in texts) else None
        elif short.endswith("s") and looks_abbreviated(short[:-1]):  # "BaTEs" where "(BaTE)" is defined
            long = (one := self.long_form(short[:-1])) and f"{one}s"
        _remember(self._seen, short, long)
        return long

    def written_out(self, phrase: str) -> list[str]:
        """The abbreviations of `phrase` that `expand` writes out."""
        return [w for w in re.findall(r"\w+", phrase) if looks_abbreviated(w) and self.long_form(w)]

    def expand(self, phrase: str) -> str:
        """`phrase` with each abbreviation the collection defines written out; a compound
        holding one taken apart ("BaTE-on-phone" -> "bar tile engine on phone")."""
        def compound(m: re.Match) -> str:
            parts = m.group().split("-")
            longs = [(self.long_form(p) if looks_abbreviated(p) else None) for p in parts]
            if not any(longs):
                return m.group()
            return " ".join(lf or p for p, lf in zip(parts, longs))
        return re.sub(r"[\w]+(?:-[\w]+)*", compound, phrase)

    def resolved(self, phrase: str, target: Target | None, resolve) -> Target | None:
        """A description's paper, found again with its abbreviations written out (`resolve`:
        text -> Target), when that finds one more surely than `target` did. (A paper writing
        every abbreviation itself was the first search's to find: a look-alike, not the one meant.)"""
        if (written := self.expand(phrase)) == phrase or not (again := resolve(written)) or again.missing \
                or (target and not target.missing and again.confidence <= target.confidence):
            return target
        shorts = self.written_out(phrase)
        if any(all(as_word(x).search(plain_latex(f"{p.title} {p.abstract}")) for x in shorts)
               for p in self.names.records.get_many(again.paper_ids).values()):
            return target
        again.phrase = phrase
        return again
