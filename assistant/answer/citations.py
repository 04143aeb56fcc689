"""Citations: markers [1], [2] ... assigned to papers as an answer first cites them, and the
model's markers parsed, normalised and checked against the sources it was given.

Out of scope: deciding which claim a source supports (a later stage may add that).
"""

from __future__ import annotations

import re

from ..corpus import Paper
from ..models import Source, authors_text
from ..text import MARKER, sentences

_LOOSE = re.compile(r"\[(?:source\s*)?[^\]\s]{0,12}\d[^\]]{0,12}\]", re.I)


class Cites:
    """Assigns markers to papers in the order the answer first cites them, and keeps the
    sentences quoted from each (shown as the source's passage)."""

    def __init__(self):
        self.order: list[Paper] = []
        self.passages: dict[str, list[str]] = {}
        self.locators: dict[str, str] = {}

    def __call__(self, p: Paper, passage: str | None = None, locator: str = "") -> str:
        if p.id not in self.passages:
            self.order.append(p)
            self.passages[p.id] = []
        if locator and not self.locators.get(p.id):
            self.locators[p.id] = locator
        for sent in sentences(passage or ""):
            if sent not in self.passages[p.id]:
                self.passages[p.id].append(sent)
        return f"[{self.order.index(p) + 1}]"

    def sources(self) -> list[Source]:
        return [source(i, p, self.passages[p.id] or [p.abstract[:400]], self.locators.get(p.id, ""))
                for i, p in enumerate(self.order, 1)]


def source(marker: int, p: Paper, passages: list[str], locator: str = "") -> Source:
    return Source(marker=marker, paper_id=p.id, title=p.title, authors=authors_text(p), date=p.date or "",
                  venue=p.venue or "", passage=" … ".join(passages), pages=list(p.sources), locator=locator)


def normalise_markers(text: str) -> str:
    """The ways models write citations -> '[1][2]': '[1-3]', '[ 1 ]', '[1, 2, and 3]',
    '[Source 1]', '[^1]', '【1】'."""
    text = re.sub(r"【\s*(\d+)\s*】", r"[\1]", text)

    def one(m: re.Match) -> str:
        inner = re.sub(r"(?i)\b(sources?|refs?\.?|and)\b|\^", " ", m.group(1))
        nums: list[int] = []
        for part in re.split(r"\s*[,;]\s*|\s+", inner.strip()):
            rng = re.fullmatch(r"(\d+)\s*[-–]\s*(\d+)", part)
            if rng and int(rng.group(2)) - int(rng.group(1)) < 20:
                nums += range(int(rng.group(1)), int(rng.group(2)) + 1)
            elif part.isdigit():
                nums.append(int(part))
            elif part:
                return m.group()
        return "".join(f"[{n}]" for n in nums) if nums else m.group()

    return re.sub(r"\[((?:\s*(?:(?i:sources?|refs?\.?)\s*)?\^?\d+(?:\s*[-–]\s*\d+)?\s*(?:,|;|,?\s*and)?)+\s*)\]", one, text)


def check_markers(text: str, n_sources: int) -> tuple[str, list[int], list[str]]:
    """Keep markers that point at one of `n_sources`; return the text, the cited numbers in
    order of first use, and the invalid markers removed."""
    invalid: list[str] = []
    cited: list[int] = []

    def fix(m: re.Match) -> str:
        good = []
        for num in re.split(r"\s*[,;]\s*", m.group(1)):
            n = int(num)
            if 1 <= n <= n_sources:
                good.append(n)
                if n not in cited:
                    cited.append(n)
            else:
                invalid.append(f"[{n}]")
        return "".join(f"[{n}]" for n in good)

    text = MARKER.sub(fix, normalise_markers(text))
    # Anything still shaped like a citation ("[7a]", "[Source x]") points at no source.
    invalid += [m.group() for m in _LOOSE.finditer(text) if not MARKER.fullmatch(m.group())]
    text = _LOOSE.sub(lambda m: m.group() if MARKER.fullmatch(m.group()) else "", text)
    text = re.sub(r"[ \t]+([.,;:])", r"\1", text).strip()
    return text, cited, invalid
