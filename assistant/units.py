"""Units of measurement by what they measure: a question asking a number "in microseconds" is
answered by a time, whatever unit a paper writes it in (µs, ms, seconds), and not by a
size or a ratio. The table is physics, money and common computing usage, not any question set's.

Out of scope: which number a question asks (retrieval/measures.py), and whether a paper
states it (answer/absence.py); converting between units.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Each dimension's units as written after a number: symbols (case matters: "mW" is not "MW")
# and words (any case, singular or plural).
_SYMBOLS = {
    "time": r"ns|[µμu]s|ms|s|sec|secs|min|mins|h|hr|hrs",
    "size": r"[KMGTP]i?B|bytes?",
    "power": r"[mkM]?W",
    "energy": r"[pnµμumk]?J|k?Wh",
    "frequency": r"[kMG]?Hz",
    "throughput": r"(?:tokens?|tok|samples?|images?|imgs?|req|requests?|queries|frames?)\s*/\s*(?:s|sec)|fps|QPS|RPS",
    "compute": r"[GTPE]?FLOPS|[GTP]?OPS",
    "area": r"[µμun]?m(?:m)?(?:\^?2|²)",
    "money": r"[KMB]?\s?(?:USD|EUR|€)",
    "share": r"\\?%",
    "node": r"nm",  # a chip's process node, by its feature size
}
_WORDS = {
    "time": r"(?:nano|micro|milli)?seconds?|minutes?|hours?|days?",
    "size": r"(?:kilo|mega|giga|tera|peta)?bytes?",
    "power": r"(?:milli|kilo|mega)?watts?",
    "energy": r"(?:pico|nano|micro|milli|kilo)?joules?|(?:kilo)?watt[- ]hours?",
    "frequency": r"(?:kilo|mega|giga)?hertz",
    "throughput": r"(?:tokens?|samples?|images?|requests?|queries|frames?)[\s-]+(?:per|a|/)[\s-]+second",
    "compute": r"(?:giga|tera|peta|exa)?flops",
    "area": r"square\s+(?:milli|micro)?met(?:er|re)s?",
    "money": r"(?:(?:thousand|million|billion)\s+)?(?:US\s+)?dollars?|euros?",
    "share": r"percent(?:age)?s?|per\s+cent",
    "node": r"nanomet(?:er|re)s?",
}
_NUMBER = r"(?<![\w.])\d+(?:[.,]\d+)*\s*-?"


# Money is written before its number too ("$5.6M", "US$2,000"); not a LaTeX math "$1.9\\times$".
_CURRENCY_FIRST = r"(?<![\w\\$])(?:US)?[$€]\s?\d[\d.,]*(?![\d.,]*\s*(?:\\|\$|%))"


@lru_cache(maxsize=None)
def _stated(dimension: str) -> re.Pattern:
    first = f"|{_CURRENCY_FIRST}" if dimension == "money" else ""
    return re.compile(rf"{_NUMBER}(?:(?:{_SYMBOLS[dimension]})(?![A-Za-z0-9])|(?i:{_WORDS[dimension]})\b){first}")


# A unit the question names for its number: "in microseconds", "in images/s", "how many MB", "in mm^2".
_ASKED = re.compile(r"\b(?:in|how\s+many)\s+(?:terms\s+of\s+)?(?:the\s+)?((?:[\w/µμ²^]+\s*){1,3})", re.I)
# ... or a share asked as a percentage: "what %", "what percentage", "in %".
_PERCENT = re.compile(r"\b(?:what|in)\s+(%|percent(?:age)?)(?!\w)", re.I)
# ...or in brackets after its measure, as a table's header would: "decode delay per token (µs)".
# (Not "paper(s)": a bracket after a space, closed after the unit.)
_BRACKETED = re.compile(r"(?<!\S)\((?:in\s+)?([\w/µμ²^-]+(?:\s+[\w/µμ²^-]+){0,2})\)", re.I)


# ... or right after "what"/"which", as the head its verb follows: "what TFLOPS does FooNet hit"
# (not a modifier, "what GB-per-node saving": a change in those units). Only the table's units of
# compute, frequency, power and energy, written with their prefix: "KB", "min" or "OPS" alone
# are as often abbreviations of other things ("what KB does it retrieve from").
_PREFIXED = "|".join(x.replace("]?", "]") for d in ("compute", "frequency", "power", "energy")
                     for x in re.findall(r"\[[^\]]+\]\?\w+", _SYMBOLS[d]))
_WHAT_SYMBOL = re.compile(rf"\b(?i:what|which)\s+({_PREFIXED})"
                          r"(?=\s+(?i:do|does|did|is|are|was|were|can|could|would|will)\b|\s*[?,;]|\s*$)")


def asked_unit(question: str) -> str:
    """The unit a question names for its number, as written ("in microseconds": "microseconds"),
    "" when it names none. ("In FooNet, what ..." names a paper; "in memory" a measure.)"""
    if m := re.search(rf"\b(?:{_WORDS['throughput']})\b", question, re.I):
        return m.group()  # (a rate in words, "frames per second", is a unit wherever it is written)
    if m := _PERCENT.search(question):
        return m.group(1)
    if m := _WHAT_SYMBOL.search(question):
        return m.group(1)
    for m in [*_ASKED.finditer(question), *_BRACKETED.finditer(question)]:
        words = m.group(1).strip()
        for dim in _SYMBOLS:
            if u := re.match(rf"(?:{_SYMBOLS[dim]})(?![A-Za-z0-9])", words) or re.match(rf"(?:{_WORDS[dim]})\b", words, re.I):
                return u.group()
    return ""


def dimension(unit: str) -> str:
    """What a unit measures ("µs": "time", "images/s": "throughput"), "" for none known."""
    return next((d for d in _SYMBOLS if re.fullmatch(_SYMBOLS[d], unit) or re.fullmatch(_WORDS[d], unit, re.I)), "")


def dimension_named(word: str) -> bool:
    """Is `word` the name of a dimension ("time", "power", "size"), whose units then state it?"""
    return word.lower() in _SYMBOLS


# The dimension a measure is stated in, when its name says it ("latency": a time, "memory":
# a size, "accuracy": a share). Common computing usage; a measure not here may be anything.
# (A bandwidth's units, "GB/s", begin with a size's.)
_MEASURED_IN = {
    "time": "latency delay duration runtime time",
    "size": "memory footprint storage bandwidth",
    "power": "power",
    "energy": "energy",
    "frequency": "frequency clock",
    "area": "area",
    "money": "cost price",
    "share": "accuracy utilization",
}
_DIMENSION_OF = {w: d for d, names in _MEASURED_IN.items() for w in names.split()}


def measured_in(word: str) -> str:
    """The dimension the measure `word` is stated in ("latency": "time"), "" for none known."""
    w = word.lower()
    return _DIMENSION_OF.get(w) or _DIMENSION_OF.get(w.rstrip("s"), "")


def states_dimension(sentence: str, dimension: str) -> bool:
    """Does the sentence state a number in a unit of `dimension` ("3.2 ms", "18GB")?"""
    return bool(_stated(dimension).search(sentence))


@lru_cache(maxsize=1)
def _any_stated() -> re.Pattern:
    # (Not a decade, "the 2010s", which the time symbol "s" would take.)
    # (A share, "40%", is no amount a setting is given in; nor a chip's node, "5nm", a part's name.)
    return re.compile(r"(?!(?:19|20)\d0s\b)" + "|".join(f"(?:{_stated(d).pattern})" for d in _SYMBOLS if d not in ("share", "node")))


def amounts_in(text: str) -> list[re.Match]:
    """The numbers with a unit in `text` ("96KB", "1.2 GHz", "$40"), as matches."""
    return list(_any_stated().finditer(text))
