"""Citations attributed by the pipeline, not trusted to the model.

The model's answer is split into claims (sentences, list items, table cells). Each claim is
matched against the context's evidence: the numbers and names it states first (every "1.65x",
"45%", "3-bit", "H100", "CIFAR-10" must occur in the source), then its words. A claim without a marker gets the marker
of the source that supports it; a marker pointing at a source that does not support the claim
is replaced by the one that does; a claim no source supports, stating a number no source
states, or a number its source states for another quantity (number_context.py), is listed as
unsupported (the UI shows it; `Answer.unsupported` carries it). The
model's markers are a hint, not the truth.

Out of scope: judging reasoning or paraphrase quality; claims about the conversation itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import MARKER, NAME_TOKEN, content_words, coverage, looks_like_name, quantities
from .number_context import misattached, norm_number

_CLAIM_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\[(“\"])|\s*\|\s*|\n+")


@dataclass
class Claim:
    text: str
    markers: list[int]


def numbers_in(text: str) -> set[str]:
    return {norm_number(q) for q in quantities(text)}


def support(claim: str, source: str) -> float:
    """0..1: how well `source` supports `claim`; a number the source lacks caps it low."""
    plain = MARKER.sub("", claim)
    words = content_words(plain)
    lexical = coverage(words, source) if words else 0.0
    # A name or model number the source never writes ("H100", "CIFAR-100") is a setting the
    # claim adds; like a number, it caps the support.
    names = {t.lower() for t in NAME_TOKEN.findall(plain) if looks_like_name(t)}
    low = source.lower()
    named = sum(1 for n in names if n in low or n.rstrip("s") in low) / len(names) if names else 1.0
    nums = numbers_in(plain)
    if not nums:
        return lexical * named
    have = numbers_in(source)
    found = sum(1 for n in nums if n in have or n.rstrip("x%") in {h.rstrip("x%") for h in have})
    return (found / len(nums)) * (0.5 + 0.5 * lexical) * named


def claims(text: str) -> list[str]:
    parts = [p.strip() for p in _CLAIM_SPLIT.split(text)]
    return [p for p in parts if len(content_words(MARKER.sub("", p))) >= 3 and not re.fullmatch(r"[-:| ]+", p)]


def attribute(text: str, sources: dict[int, str], floor: float, titles: dict[int, str] | None = None,
              drop: bool = False) -> tuple[str, list[str]]:
    """Returns the text with markers added or corrected, and the unsupported claims (a claim
    whose number its cited source states for another quantity among them, see number_context).
    With `drop`, unsupported claims are taken out of the text (the caller shows them apart)."""
    unsupported: list[str] = []
    out = text
    for claim in claims(text):
        fixed = _fixed(claim, sources, floor, titles or {})
        if fixed is None:
            unsupported.append(re.sub(r"\s+([.,;:!?])", r"\1", MARKER.sub("", claim)).strip())
            if drop:
                out = _without(out, claim)
        elif fixed != claim:
            out = out.replace(claim, fixed, 1)
    return out, unsupported


def _fixed(claim: str, sources: dict[int, str], floor: float, titles: dict[int, str]) -> str | None:
    """The claim with the marker of the source supporting it, or None when none does."""
    marks = [int(n) for m in MARKER.finditer(claim) for n in re.split(r"\s*[,;]\s*", m.group(1))]
    scored = sorted(((support(claim, src), n) for n, src in sources.items()), reverse=True)
    best_score, best = scored[0] if scored else (0.0, None)
    own = max((support(claim, sources[m]) for m in marks if m in sources), default=0.0)
    if best is None or best_score < floor:
        return claim if own >= floor else None
    cited = [m for m in marks if m in sources and support(claim, sources[m]) >= floor] or [best]
    if _wrong_quantity(MARKER.sub("", claim), cited, sources, titles):
        return None
    if not marks:
        return re.sub(r"([.!?]?)\s*$", lambda m: f" [{best}]{m.group(1)}", claim, count=1)
    if own < floor:
        fixed = MARKER.sub("", claim).rstrip()
        return re.sub(r"([.!?]?)\s*$", lambda m: f" [{best}]{m.group(1)}", fixed, count=1)
    return claim


def _without(text: str, claim: str) -> str:
    """`text` with `claim` taken out, and a list item or line it leaves empty."""
    text = text.replace(claim, "", 1)
    lines = [ln for ln in text.split("\n") if ln.strip(" -*|\t.")]
    return re.sub(r"[ \t]{2,}", " ", "\n".join(lines)).strip()


def _wrong_quantity(claim: str, cited: list[int], sources: dict[int, str], titles: dict[int, str]) -> bool:
    """True when every cited source that states the claim's number states it for another quantity."""
    if not quantities(claim):
        return False
    return all(misattached(claim, sources[n], titles.get(n, "")) for n in cited)


_GLUED = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)(%|x|×)(?![\w])")
_SPELLED = re.compile(r"\b(by\s+)?a\s+factor\s+of\s+(\d+(?:\.\d+)?)\b|\b(\d+(?:\.\d+)?)\s+(times|percent)\b", re.I)


def as_written(text: str, sources: dict[int, str]) -> str:
    """A number the model spells out ("by a factor of 2.37", "45 percent") written as the
    sources write it ("2.37x", "45%"), when one does: a reader searching the paper for the
    number finds it. A source that itself says "3.1 times" keeps the model's words; one that
    spaces its unit ("14.9 %") has the model's "14.9%" spaced too."""
    joined = " ".join(sources.values())

    def fix(m: re.Match) -> str:
        n = m.group(2) or m.group(3)
        unit = "%" if (m.group(4) or "").lower() == "percent" else "x"
        symbol = r"(?:%|\\?%)" if unit == "%" else r"(?:x|×|\\times)"
        if not re.search(rf"(?<![\d.]){re.escape(n)}\s*\$?\s*{symbol}", joined):
            return m.group()
        return f"{m.group(1) or ''}{n}{unit}"
    text = _SPELLED.sub(fix, text)

    def spaced(m: re.Match) -> str:
        # "14.9%" where the paper writes "14.9 %", "1.72x" where it writes "1.72 x": its form.
        n, unit = m.group(1), m.group(2)
        forms = {f.group() for f in re.finditer(rf"(?<![\d.]){re.escape(n)}\s+{re.escape(unit)}(?![\w])", joined)}
        return next(iter(forms)) if len(forms) == 1 and not re.search(rf"(?<![\d.]){re.escape(m.group())}(?![\w])", joined) else m.group()
    return _GLUED.sub(spaced, text)


def degenerate(text: str) -> str:
    """Why a model's answer is no answer ("" when it is one): empty, or only markers."""
    bare = MARKER.sub("", text).strip(" \n\t.,;:-*")
    if not text.strip():
        return "the model returned nothing"
    if not bare:
        return "the model returned only citation markers"
    return ""
