"""Where a question lists the phrases of the papers it compares: the stretch around "vs", the
alternatives after "which ..., A or B?", a counted list ("three pruning papers: A, B and the X
work"), the question sentence and its requests, and the statements before it ("Two works: the
one that ..., and the one that ... ."). Each such stretch is a `Body`, with what its phrases
share ("two pruning papers": each is a pruning paper), in the order they are tried.

Out of scope: which phrases of a body are papers, and resolving them (compared_descriptions.py,
work_phrases.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import sentences
from .facets import aspect_cue, split_statements
from .phrasing import _ALTERNATIVES, _ALTERNATIVES_FIRST, counted_lead, counted_list, _FRAME_START, _listed, shared_predicate, _subjects_only, _VS_STRETCH


_ALTERNATIVE_YN = re.compile(r"^\s*(?:does|do|did|is|are|was|were|can|could|would|will|has|have)\s+(.+?\s+or\s+(?:the|a|an|its|their)\s[^?]+)", re.I)
_SET_OFF = re.compile(r"\s[-–—]+\s|[—–]|:\s|,\s")
_ASKS_AFTER = re.compile(r"\s*(?:what|which|how|who|whom|whose|when|where|why|is|are|was|were|does|do|did)\b", re.I)


@dataclass
class Body:
    text: str
    # Only a definite description of a work joined to another subject is a paper there.
    strict: bool
    # Only a work's description is a paper there, joined or not.
    works_only: bool = False
    frame: str = ""  # the words all its phrases share ("two pruning papers: ...": "pruning")
    counting: str = ""  # the text that counts its papers ("Two FooNet papers: A and B")
    shared: str = ""  # what a lead-in before its list says they all are ("Both prune FooNets: ...")
    asked: bool = False  # in the question sentence (the statements' "The first uses ..." describes a paper)
    beside_vs: bool = False


def compared_bodies(q: str, definite: bool) -> tuple[list[Body], int]:
    """The bodies of `q`, in the order they are tried, and how many of the first come from the
    question sentence (those after it are the statements')."""
    statements, asked = split_statements(q)
    plain = re.sub(r"\s*\([^()]*\)", "", q)
    vs = _VS_STRETCH.search(plain)
    # Beside "vs" only a definite description is a paper ("latency vs the prior art" names
    # none), elsewhere too; "Two ways to shrink video diffusion models: A vs B": what the sides are ways of.
    bodies = [Body(vs.group().strip(), True, frame=(sentences(plain[: vs.start()]) or [""])[-1], beside_vs=True)] if vs else []
    # "Which saves more, the FooChip design or BarNet?": the alternatives after the question
    # are the compared papers, however they are phrased.
    # (In each question sentence: one may be followed by the asker's remarks.)
    asked_sentences = sentences(asked)
    asking = [x for x in asked_sentences if x.rstrip().endswith("?")] or [asked]
    if alt := next((m for x in asking if (m := _ALTERNATIVES.search(x.rstrip("?. ")))), None) or _ALTERNATIVES_FIRST.search(q):
        bodies.append(Body(re.sub(r"\s+or\s+", ", ", alt.group(1)), bool(vs)))
    # "Does the X method or the one that Y report the bigger cut?": the alternatives of a yes/no
    # question are the compared papers (a definite phrase after "or").
    if not alt and (yn := next((m for x in asking if (m := _ALTERNATIVE_YN.match(x))), None)):
        bodies.append(Body(re.sub(r"\s+or\s+(?=(?:the|a|an|its|their)\s)", ", ", yn.group(1), count=1, flags=re.I), bool(vs)))
    if listed := counted_list(asked):
        # "... for three pruning papers: A, B and the X work?": each listed phrase is one of that kind.
        # (Items set apart by semicolons, "A, its speedup; B, its memory", each open with their paper.)
        items = listed[1].split(";")
        items = "; ".join(x.split(",")[0].strip() for x in items) if len(items) > 1 and all("," in x for x in items) else listed[1]
        bodies.append(Body(items, False, frame=listed[0], counting=asked))
    # The question sentence ("Against BazLib, what do A and B report?"); after statements, only
    # its work descriptions: its bare phrases are what it asks, the statements the papers.
    # A question sentence followed by requests ("How do A and B compare? State the
    # accuracy the former gives ..."): the question sentence alone first, then each request
    # alone ("By how much? Compare what A and B say about it."), then all of it.
    requests = [x for x in asked_sentences if x not in asking] if len(asking) < len(asked_sentences) else []
    for text in ([" ".join(asking)] if requests else []) + requests + [asked]:
        body = _FRAME_START.sub("", text.rstrip("?. "))
        # "Compare for me: A and B - what ...", "Quick one: A and B - memory of each?": a colon
        # not followed by what is asked, but by a stretch a dash (or a comma before what is
        # asked) sets off, opens the list of compared papers ("Compare A and B: which ..." closes it).
        if (c := re.search(r":\s", body)) and not _ASKS_AFTER.match(body, c.end()) \
                and (end := next((m for m in _SET_OFF.finditer(body, c.end()) if "," not in m.group() or _ASKS_AFTER.match(body, m.end())), None)):
            body = body[c.end(): end.start()]
        # "Which board does each one run on: A, B and the X one?": a question closed by a
        # colon asks of the list after it.
        if (c := re.search(r":\s", body)) and _ASKS_AFTER.match(body) and not re.search(_ASKS_AFTER.pattern, body[c.end():], re.I) \
                and re.search(r",|\sand\s", body[c.end():]):
            bodies.append(Body(_subjects_only(body[c.end():]), definite or bool(vs), bool(statements)))
        # "How do the power draws compare between A and B": what is compared comes after "between".
        body = m.group(1) if (m := re.search(r"\b(?:compare|differ|vary|contrast)\w*\s+between\s+(.+)$", body, re.I)) else body
        bodies.append(Body(_subjects_only(body[: cue.start()] if (cue := aspect_cue(body)) else body), definite or bool(vs), bool(statements)))
    for b in bodies:
        b.asked = True
    from_question = len(bodies)
    if statements:
        # "Three works: A, B and C. What does each report?": the statements name the papers;
        # the nearest sentence first (those before it are often the asker's background), then
        # all together ("I use the paper that ... . My advisor prefers the one that ...").
        said = sentences(statements)
        for text in ([*reversed(said)] if len(said) > 1 else []) + [", ".join(x.rstrip(". ") for x in said)]:
            # (A lead-in before a colon that lists the papers only says what they are.)
            head, listed_ = _listed(text)
            lead = counted_lead(text)
            # ("Both prune FooNets: the paper that ..., and the one that ...": what they share.)
            # ("A and the X paper both target Y.": what the predicate says they all do.)
            bodies.append(Body(_subjects_only(listed_), (definite or bool(vs)) and not lead, frame=lead,
                               counting=text if lead else "", shared="" if lead else head or shared_predicate(listed_)))
    # A statement that counts and lists them ("I'm weighing two options: a framework that
    # ..., and a ... framework.") names the papers the question's phrases refer back to
    # ("the offloading framework"): its list first.
    if not vs and any(b.counting and not b.asked for b in bodies):
        bodies = [b for b in bodies if b.counting and not b.asked] + [b for b in bodies if not (b.counting and not b.asked)]
    return bodies, from_question
