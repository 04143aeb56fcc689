"""Questions whether the collection holds a work at all: "Is there any study about X here?", "Does
the collection have a paper on Y?", "Is there work on Z?", "Is the original FooNet paper here?".
When no paper is found for what such a question describes, or a work asked for by name goes by
a name only other abstracts use, the answer is that the work is not in the collection: the
nearest paper a search returns is no answer to "is there one?".

Out of scope: finding the described paper (descriptions.py); lists ("are there papers on X?",
"which papers ...": record_shape.py); wording the answer (answer/service.py).
"""

from __future__ import annotations

import re

from ..models import Kind, Plan, Target
from .phrasing import _WEAK_NAME, WORK_NOUNS

_HERE = r"(?:(?:in\s+)?here|in\s+(?:the|this|your|my|our)\s+(?:collection|corpus|library|set|list))"
# "is there a study (here) about X", "is there work on X", "does the collection have/include a
# study of Y", "is the original FooNet paper here": the work asked about, from its article (or
# its mass noun) to the end of its clause.
_EXISTS = re.compile(
    rf"^\W*(?:is|was)\s+there\s+(?P<a>(?:a|an|any)\s+(?:[\w-]+\s+){{0,3}}?(?:{WORK_NOUNS})\b[^?.;]*)"
    rf"|\b(?:does|do)\s+(?:the|this|your|my|our)\s+(?:collection|corpus|library|set|list)\s+(?:have|include|contain|hold|cover)\s+"
    rf"(?P<b>(?:a|an|any)\s+[^?.;]*)"
    rf"|^\W*(?:is|was)\s+there\s+(?P<d>(?:any\s+)?(?:work|research|literature|anything)\b[^?.;]*)"
    rf"|^\W*(?:is|was)\s+(?P<c>(?:the|a|an)\s+(?:[\w.'’/-]+\s+){{1,8}}?(?:{WORK_NOUNS}))\s+{_HERE}\s*[?.]", re.I)


def asks_existence(q: str) -> str:
    """The work an existence question asks about ("a paper on X"), "" for any other question."""
    m = _EXISTS.search(q)
    if not m:
        return ""
    work = next(g for g in m.groups() if g)
    return " ".join(re.sub(rf"\s+{_HERE}\b", "", work.strip(), flags=re.I).split())


def not_held(q: str, plan: Plan) -> None:
    """A factoid asking whether a work is held, for which no paper was found: that work is a
    paper the collection lacks. So is a work asked for by its name ("is the FooLib paper
    here?") that only other papers' abstracts use (a name found weakly)."""
    if plan.kind is not Kind.FACTOID or not (work := asks_existence(q)):
        return
    named = (m := _EXISTS.search(q)) and m.group("c")
    if not plan.targets or (named and all(t.by == "name" and t.confidence <= _WEAK_NAME for t in plan.targets)):
        plan.targets = [Target(work, [], by="description")]
