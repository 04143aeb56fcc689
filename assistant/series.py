"""Members of a named series: "FooNet-V2" and "FooNetV3", "BarLM-7" and "BarLM-13",
"QuxBench-10" and "QuxBench-100" are one name with different numbers. A number a paper states
only beside a sibling ("for FooNetV3, a 20% cut") is not the number of the member asked about,
even when the paper names that member elsewhere.

So is a number stated only for another size than the one asked ("the 70B run" asked, "for the
13B model, 156 TFLOPS" stated).

Out of scope: names whose letters differ; sizes in other words ("a small model"); a mixture of
experts' active and total sizes told apart.
"""

from __future__ import annotations

import re

# A name of two or more letters and a number, joined or by a hyphen, optionally "v"/"V" before
# the number: "FooNetV2", "BarLM-13", "Qux-v1.5". (Not "A100": one letter names no series.)
_MEMBER = re.compile(r"(?<![\w.-])([A-Za-z][A-Za-z]+?)-?(?:[vV](?=\d))?(\d+(?:\.\d+)?)(?![\w%]|\.\d)")
# Further numbers of the same series written bare after a member: "FooNetV2 and V3", "BarLM-7/13".
_MORE = re.compile(r"\s*(?:,|/|&|\band\b|\bor\b)\s*(?:[vV](?=\d))?(\d+(?:\.\d+)?)(?![\w%]|\.\d)")


def _release(number: str) -> tuple[int, ...]:
    """"2" and "2.0" are one number."""
    parts = [int(x) for x in number.split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def members(text: str) -> set[tuple[str, tuple[int, ...]]]:
    """The series members `text` names, as (lower-case name, number), bare numbers after a
    member counted as members of its series."""
    found = set()
    for m in _MEMBER.finditer(text):
        name = m.group(1).lower()
        found.add((name, _release(m.group(2))))
        end = m.end()
        while more := _MORE.match(text, end):
            found.add((name, _release(more.group(1))))
            end = more.end()
    return found


def member(phrase: str) -> tuple[str, tuple[int, ...]] | None:
    """The one series member a phrase names ("on FooNetV2"), else None."""
    found = {(m.group(1).lower(), _release(m.group(2))) for m in _MEMBER.finditer(phrase)}
    return next(iter(found)) if len(found) == 1 else None


def sibling_only(phrase: str, said: list[str]) -> str:
    """The sibling of the member `phrase` names that sentences `said` name while none of them
    names that member ("FooNetV3" for "FooNetV2"), else ""."""
    if not (own := member(phrase)) or not said:
        return ""
    named = set().union(*(members(s) for s in said))
    if own in named:
        return ""
    for s in said:
        for m in _MEMBER.finditer(s):
            if m.group(1).lower() == own[0] and _release(m.group(2)) != own[1]:
                return m.group()
    return ""


# A model's size by its count letter: "13B", "1.5 B", "70B-parameter", "350M". (Not a count of
# other things, "300B tokens": a plural noun after it other than "parameters".)
_SIZE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s?([KMBT])(?=-param|(?![\w-]))(?!\s+(?!param)[a-z]+s\b)")
# Where a sentence's findings part: semicolons and numbered items ("1) ...; and 2) ...").
_FINDINGS = re.compile(r";|(?<![\w(])\(?\d\)\s")


def size_only(phrase: str, said: list[str], states) -> str:
    """The other size ("13B") that every finding of `said` stating the asked number
    (`states(finding)`) names, none naming the size `phrase` is ("175B"); else "". A finding
    stating it with no size, or with the asked one, leaves the number possibly the asked size's."""
    if not (own := _SIZE.fullmatch(phrase.strip())):
        return ""
    asked = (float(own.group(1)), own.group(2))
    other = ""
    for finding in (f for s in said for f in _FINDINGS.split(s) if states(f)):
        sizes = [(m.group(), (float(m.group(1)), m.group(2))) for m in _SIZE.finditer(finding)]
        if asked in {v for _, v in sizes} or not (alike := [w for w, v in sizes if v[1] == asked[1]]):
            return ""
        other = other or alike[0]
    return other
