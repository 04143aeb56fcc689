"""A question about a counted set of papers it only describes: "Compare the two FooNet pruning
papers - what does each save?", "these three bar-cache works: which board does each use?". The
count says how many papers the description stands for; each is resolved by the description's
own search, the one found before set aside, so the papers are compared side by side.

Out of scope: a count followed by the papers' list ("two papers: A and B", places.py and
bodies.py); a list of papers on a topic ("which papers prune heads?", record_shape.py);
resolving a description (descriptions.py).
"""

from __future__ import annotations

import re

from ..models import Target
from ..text import content_words
from .phrasing import _COUNTS, DIFFER, WORK_NOUNS

_ASKING = r"(?:what|which|how|who|whom|where|when|why|is|are|was|were|does|do|did)\b"
# "the two X papers", "Compare two X works", "these three X studies on Y": the count, the words
# before the noun, and what follows it up to the clause's end. Not a count its list follows
# ("two papers: A and B", "two papers, one ... and one ..."). Nor what one work has: "the two
# techniques it uses".
_COUNTED_SET = re.compile(
    rf"(?:^|\b(?:the|these|those|compare|contrast|between|of)\s+)({'|'.join(w for w in _COUNTS if ' ' not in w and w != 'both')})\s+"
    rf"((?:[\w-]+\s+){{0,5}}?)(?:{WORK_NOUNS})s\b(?!\s*(?::|[—–]|\s-\s)\s*(?!{_ASKING}))(?!\s*,\s*(?:one|the\s+(?:first|one))\b)"
    rf"(?!\s+(?:(?:that|which)\s+)?(?:it|its|this\s+(?:paper|work|study)|the\s+(?:paper|work|study|authors?))\b)"
    r"([^,;:?!.—–]*)", re.I)
# Each of them asked ("what does each save", "how do they differ", "compare").
_EVERY = re.compile(rf"\b(?:each|both|they|their|them|{DIFFER}|compar\w*|contrast\w*|versus|vs)\b", re.I)


def counted_set(q: str, resolve) -> Target | None:
    """The one phrase "the two <description> papers" and the papers it stands for, best first,
    each resolved by `resolve(words, taken)` (a `Target` or None; rare words weigh more) with
    those found before set aside; None when the question counts none, asks nothing of each, or
    the description finds fewer papers."""
    m = _COUNTED_SET.search(q)
    if not m or not _EVERY.search(f"{q[: m.start(2)]} {q[m.end(2):]}"):
        return None
    n = _COUNTS[m.group(1).lower()]
    # (A dash after the set sets off what is asked: "the two X papers - which is faster".)
    tail = re.split(r"\s[-–—]\s|\s+(?:and|but)\s+(?:what|which|how|who|where|when)\b", m.group(3), maxsplit=1)[0]
    phrase = " ".join(f"{m.group(2)} {tail}".split())
    if not content_words(phrase):
        return None
    # The papers meant state what is asked of each: its words, weighed by rarity, pick them
    # among the papers the description alone finds nearly as close.
    asked = [w for w in content_words(f"{q[: m.start()]} {q[m.end():]}") if w not in content_words(phrase)]
    ids: list[str] = []
    margins: list[float] = []
    for _ in range(n):
        t = resolve(" ".join([phrase, *asked]), set(ids))
        if not t or t.missing:
            return None
        ids += t.paper_ids
        margins.append(t.confidence)
    # (Headed by the set's own words, which the rows then leave out; its papers by their names.)
    return Target(q[m.start(1): m.start(3)].strip(), ids, by="description", confidence=min(margins))
