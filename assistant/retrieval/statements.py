"""Where the asking starts: the statements before a question describe the papers ("Both are
FPGA designs. What ...?"), and so does a lead-in that asks nothing ("For the system that
shields X: what trick ...?"); the question sentence, and what follows it, asks.

Out of scope: the asked parts and rows (facets.py).
"""

from __future__ import annotations

import re

from ..text import NAME_TOKEN, content_words, looks_like_name, sentences
from .phrasing import _SPEAKER, _WORK
from .places import marked


def split_statements(q: str) -> tuple[str, str]:
    """(statements, question): the sentences before the (last) question sentence describe
    the papers ("Both are FPGA designs."); the question and what follows it ("Give both
    numbers.") ask. With no question mark, the last sentence asks. Questions in a row all ask
    ("What does A report? And B?"), as do a list's marked items ("(a) ...? (b) ...?")."""
    said = sentences(q)
    asks = [i for i, x in enumerate(said) if x.rstrip().endswith("?")]
    i = asks[-1] if asks else len(said) - 1
    while i - 1 in asks:
        i -= 1
    if marks := marked(q):  # what comes before the first item leads in to the list
        return q[: marks[0].start()].strip(), q[marks[0].start():]
    # "A blog claims X triples the hit rate. Is that so?": a question only confirming the claim
    # before it asks that claim.
    if 0 < i < len(said) and confirms(said[i]):
        i -= 1
    statements, question = " ".join(said[:i]), " ".join(said[i:])
    # A lead-in that asks nothing ("For the system that shields ...: what trick ...",
    # "In the 2021 paper on ..., which board ...") describes the paper like a statement.
    m = next((m for m in _LEAD_IN.finditer(question) if _ASKING.match(question, m.end())), None)
    if m and not _ASKING.search(question[: m.start()]) and not _listed_after_colon(question[: m.start()], m.group()):
        statements, question = f"{statements} {question[: m.start()]}".strip(), question[m.end():]
    return statements, question


def _listed_after_colon(before: str, joint: str) -> bool:
    """"I need: the hit rate of the first, which cache the second evicts with, and ...": after a
    request's colon, the phrase before a comma is the first asked item of a list, not a
    lead-in (not after a label, "Quick one: in the FooNet paper, which ...", nor a count of
    papers, "Two works: A and B. For A, what ...")."""
    if ":" in joint or not (colon := list(re.finditer(r":\s", before))):
        return False
    request = before[: colon[-1].start()].split(".")[-1]
    return bool(_SPEAKER.match(request) or _ASKING.match(request)) and not _WORK.search(before[colon[-1].end():])


# "Is that right?", "Can you confirm this?", "True?": what is said before is asked.
# (Not "Is it faster than Y?": a question of its own about the work.)
_CONFIRMS = re.compile(r"^\W*(?:(?:is|was|are|were)\s+(?:that|this|it)\s+(?:(?:really|actually|still)\s+)?(?:right|true|correct|accurate|so|the\s+case)\b"
                       r"|(?:can|could)\s+you\s+(?:confirm|verify|check)\b|(?:true|right|correct)\W*$)", re.I)


# A question word after the request asks a thing of its own ("could you say which board ...").
_NEW_ASKED = re.compile(r"\b(?:what|which|how|who|whom|whose|when|where|why|whether|if)\b", re.I)


def confirms(sentence: str) -> bool:
    """Does the question sentence only ask whether what was said before is so ("Is that right?",
    "Can you verify those values?": a thing named again, asking no new one)?"""
    n = len(content_words(sentence))
    return bool(_CONFIRMS.match(sentence)) and (n <= 2 or (n <= 3 and not _NEW_ASKED.search(sentence)))


def confirms_claim(q: str) -> bool:
    """Does `q` state a claim and ask only whether it is so ("A blog claims X triples Y. True?")?"""
    said = sentences(q)
    return len(said) >= 2 and any(confirms(x) for x in said[1:])


# ("...: on which boards does it run?" asks after its lead-in; "by how much" is "how much".)
_ASKING = re.compile(r"\s*(?:(?:on|in|at|for|with|from|under|across|over)\s+(?=(?:what|which|whom|whose)\b))?(?:what|which|how|who|whom|whose|when|where|why|is|are|was|were|does|do|did|can|could|"
                     r"compare|contrast|list|name|give|describe|explain|summari[sz]e|tell|show)\b", re.I)
_LEAD_IN = re.compile(r":\s+|\s+[–—-]\s+|,\s+(?=(?:and\s+)?(?:what|which|how|who|whom|whose|when|where|why)\b)", re.I)


def sentence_start(q: str, asked_from: int) -> int:
    """Where the question sentence whose asked part starts at `asked_from` starts: a lead-in
    ("For the work that ...: what") is part of it, the sentences before it are not."""
    return max((m.end() for m in re.finditer(r"[.?!]\s", q[:asked_from])), default=0)


def lead_in_names(q: str, asked_from: int, plan, known) -> list[str]:
    """The names the collection lacks (`known(word)` is False) in the lead-in of the question
    sentence asking from `asked_from` ("FooDream's tiling pass: what speedup ...?"), unless the
    lead-in is the asker's own setting ("We run FooDream, so what ...?"); none already a
    qualifier or a paper's name."""
    start = sentence_start(q, asked_from)
    if _SPEAKER.match(q[start:asked_from]):
        return []
    taken = {x.lower() for x in plan.specifics} | {t.phrase.lower() for t in plan.targets}
    return list(dict.fromkeys(m.group() for m in NAME_TOKEN.finditer(q[start:asked_from])
                              if looks_like_name(m.group()) and not known(m.group().lower()) and m.group().lower() not in taken))


def scoped(q: str, subjects) -> bool:
    """Does a lead-in scope the question to one named paper ("In FooNet, how far does its 3-bit
    variant get ...", "For FooNet, the X paper: ...")? Then a work phrase after it is a part of
    that paper, unless another lead-in brings in its own ("..., and for the BarLib one, ...")."""
    lead = re.match(r"\s*(?:in|for|within|regarding|about)\s+(?:the\s+)?(\S+(?:\s+\S+){0,2}?)(?:\s+(?:paper|work))?\s*(?:[,:]|\s[—–-])", q, re.I)
    return bool(lead) and any(lead.group(1).lower() == t.phrase.lower() for t in subjects if t.by == "name" and t.paper_ids) \
        and not re.search(r"\b(?:and|but)\s+(?:in|for)\s+(?:the|a|an)\s", q[lead.end():], re.I)
