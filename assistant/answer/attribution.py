"""Citations attributed by the pipeline, not trusted to the model.

The model's answer is split into claims (sentences, list items, table cells). Each claim is
matched against the context's evidence: the numbers it states first (every "1.65x", "45%",
"3-bit" must occur in the source), then its words. A claim without a marker gets the marker
of the source that supports it; a marker pointing at a source that does not support the claim
is replaced by the one that does; a claim no source supports, or stating a number no source
states, is listed as unsupported (the UI shows it; `Answer.unsupported` carries it). The
model's markers are a hint, not the truth.

Out of scope: judging reasoning or paraphrase quality; claims about the conversation itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import MARKER, content_words, coverage, quantities

_CLAIM_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\[(“\"])|\s*\|\s*|\n+")


@dataclass
class Claim:
    text: str
    markers: list[int]


def _norm_number(q: str) -> str:
    return re.sub(r"[\s\\,]", "", q.lower()).replace("×", "x").replace("times", "x")


def numbers_in(text: str) -> set[str]:
    return {_norm_number(q) for q in quantities(text)}


def support(claim: str, source: str) -> float:
    """0..1: how well `source` supports `claim`; a number the source lacks caps it low."""
    plain = MARKER.sub("", claim)
    words = content_words(plain)
    lexical = coverage(words, source) if words else 0.0
    nums = numbers_in(plain)
    if not nums:
        return lexical
    have = numbers_in(source)
    found = sum(1 for n in nums if n in have or n.rstrip("x%") in {h.rstrip("x%") for h in have})
    return (found / len(nums)) * (0.5 + 0.5 * lexical)


def claims(text: str) -> list[str]:
    parts = [p.strip() for p in _CLAIM_SPLIT.split(text)]
    return [p for p in parts if len(content_words(MARKER.sub("", p))) >= 3 and not re.fullmatch(r"[-:| ]+", p)]


def attribute(text: str, sources: dict[int, str], floor: float) -> tuple[str, list[str]]:
    """Returns the text with markers added or corrected, and the unsupported claims."""
    unsupported: list[str] = []
    out = text
    for claim in claims(text):
        marks = [int(n) for m in MARKER.finditer(claim) for n in re.split(r"\s*[,;]\s*", m.group(1))]
        scored = sorted(((support(claim, src), n) for n, src in sources.items()), reverse=True)
        best_score, best = scored[0] if scored else (0.0, None)
        own = max((support(claim, sources[m]) for m in marks if m in sources), default=0.0)
        if best is None or best_score < floor:
            if own < floor:
                unsupported.append(MARKER.sub("", claim).strip())
            continue
        if not marks:
            fixed = re.sub(r"([.!?]?)\s*$", lambda m: f" [{best}]{m.group(1)}", claim, count=1)
        elif own < floor:
            fixed = MARKER.sub("", claim).rstrip()
            fixed = re.sub(r"([.!?]?)\s*$", lambda m: f" [{best}]{m.group(1)}", fixed, count=1)
        else:
            continue
        out = out.replace(claim, fixed, 1)
    return out, unsupported


def degenerate(text: str) -> str:
    """Why a model's answer is no answer ("" when it is one): empty, or only markers."""
    bare = MARKER.sub("", text).strip(" \n\t.,;:-*")
    if not text.strip():
        return "the model returned nothing"
    if not bare:
        return "the model returned only citation markers"
    return ""
