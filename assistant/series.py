"""Members of a named series: "FooNet-V2" and "FooNetV3", "BarLM-7" and "BarLM-13",
"QuxBench-10" and "QuxBench-100" are one name with different numbers. A number a paper states
only beside a sibling ("for FooNetV3, a 20% cut") is not the number of the member asked about,
even when the paper names that member elsewhere.

Out of scope: sizes written apart from the name ("Foo 7B"), and names whose letters differ.
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
