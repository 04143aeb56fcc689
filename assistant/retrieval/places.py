"""Works the asker's statements bring in, and the places the question refers to them by:
"One paper shards the FooDB index, another caches its keys, and a third batches its writes.
What does the first save ...?", "Index work — A; B; C. In that order: ...", "Two papers: one
doing X, and one doing Y", "A vs B. For the former ...", and the marks of a list's items
("(a) ... (b) ...") or
by the subject each of several questions in a row is set off by ("A: memory? B: board?").

Out of scope: resolving each work (one_of.py); which rows a place asks of (rows.py).
"""

from __future__ import annotations

import re

from ..text import content_words, looks_like_name, sentences
from .phrasing import _COUNTS, _SAID_COUNT, SET_OFF_MARK, WORK_NOUNS
from .segments import _segments


# A clause bringing in a work in turn: "One paper prunes ...", "another proposes ...", "a
# newer design instead ...", "the older one caches ...", "the 2019 one on ..." (a work noun or a
# verb right after; "the X one" is one by itself).
_TURN = r"(?:(?:one|another|the\s+other|a\s+(?:second|third|fourth)|a|an|the\s+(?:first|second|third))\s+(?!of\b)(?:(?:[\w()-]+\s+){0,5}?(?:" + WORK_NOUNS + r")\b|[a-z]+s\b)|the\s+(?:[\w-]+\s+){0,2}?one\b(?!\s+of\b))"
_INTRODUCES = re.compile(_TURN, re.I)
# Where such a clause may start: after a clause's end or a joint ("..., and", "while").
_CLAUSE_START = re.compile(rf"(?:^|[;:]\s*|\s[—–-]\s*|,\s+(?:(?:and|while|whereas|but)\s+)?|\s(?:and|while|whereas|but)\s+)(?={_TURN})", re.I)
# "the first", "the latter's": a work introduced before, by its place.
_ORDINAL_REF = re.compile(r"\bthe\s+(first|second|third|former|latter|original|successor)\b", re.I)
_PLACE = {"first": 0, "former": 0, "original": 0, "second": 1, "successor": 1, "third": 2, "fourth": 3}
# "a sharded successor": a work that followed another.
SUCCESSOR = r"(?:a|an|its)\s+(?:[\w-]+\s+){0,3}?(?:successor|follow-up|extension|sequel)\b"
# "The X that ... later got a sharded successor that ...": a work and the one that followed it.
_FOLLOWED = re.compile(r"^(.+?)\s+(?:later\s+|then\s+|has\s+|had\s+)?(?:got|gained|spawned|received|saw|was\s+followed\s+by|was\s+extended\s+by|led\s+to)\s+"
                       rf"({SUCCESSOR}.*)$", re.I)
_COMMA_ITEM = re.compile(r"\s*,\s*(?:and\s+)?")
# "each", "both", "either": every work the statements counted and brought in.
_EVERY = re.compile(r"\b(?:each|both|either|respectively)\b", re.I)
_IN_ORDER = re.compile(r"\b(?:respectively|in\s+(?:that|this|the\s+same)\s+order)\b", re.I)


def introduced_works(statements: str) -> list[str]:
    """The clauses of `statements` that bring in a work each, in order ("One paper does X; a
    2025 paper instead does Y"), else the items of the list the last sentence listing any sets
    off ("Index work — A; B; C", "Two papers: one doing X, and one doing Y") or the sides of its
    "A vs B" (a lead-in may follow it: "A vs B. For the former: ..."): what "the first" and
    "the second" then refer to."""
    works = _turns(statements)
    if len(works) >= 2:
        return works
    for said in sentences(statements):
        if m := _FOLLOWED.match(said.strip(" .")):
            return [m.group(1), m.group(2)]
    for said in reversed(sentences(statements)):
        said = said.strip(" .")
        if m := re.search(rf"(?:{SET_OFF_MARK})\s+", said):
            listed = said[m.end():]
            # (Not at the commas of a list inside a relative clause: "A that plans X, Y and Z, and B".)
            items = re.split(r"\s*;\s*(?:and\s+)?", listed) if ";" in listed else _segments(listed, _COMMA_ITEM, set())
        else:
            items = re.split(r",?\s+(?:vs\.?|versus)\s+", said, flags=re.I)
        if len(items := [x.strip(" ,.") for x in items if len(content_words(x)) >= 2 or looks_like_name(x.strip(" ,."))]) >= 2:
            return items
    return works


def _turns(statements: str) -> list[str]:
    works = []
    for x in sentences(statements):
        starts = list(_CLAUSE_START.finditer(x))
        for m, after in zip(starts, starts[1:] + [None]):
            clause = x[m.end(): after.start() if after else len(x)]
            works.append(re.split(r"[;:]|\s[—–-]\s", clause, maxsplit=1)[0].strip(" ,.;"))  # (to the clause's end)
    return [w for w in works if w]


def place_index(word: str, count: int) -> int:
    """The index among `count` works that a place word names ("the latter" is the last one)."""
    word = word.lower()
    return count - 1 if word in ("latter", "last") else _PLACE[word]


def places_asked(statements: str, asked: str, count: int) -> list[int]:
    """Which of `count` introduced works the question refers to, in its order: by place ("the
    first", "the latter's"), or all of them ("each", "both") when the statements counted that
    many ("two papers ...: one ..., the other ..."). [] when a place is beyond them."""
    places = [place_index(m.group(1), count) for m in _ORDINAL_REF.finditer(asked)]
    if not places and _EVERY.search(asked) and (said := _SAID_COUNT.search(statements)) and _COUNTS.get(said.group(1).lower()) == count:
        places = list(range(count))
    if not places and _IN_ORDER.search(asked):  # "in that order", "respectively": every one listed
        places = list(range(count))
    return [] if any(not 0 <= p < count for p in places) else list(dict.fromkeys(places))


# A list's items marked "(a) ... (b) ..." or "1) ... 2) ..." (a bare "1)" only where a
# sentence or clause starts: "(see Fig 1)" marks nothing).
_MARK = re.compile(r"(?:(?<![^\s,;:?.])\(([a-h]|[1-9]|i{1,3}|iv)\)|(?:^|(?<=[.?;:,]\s))([a-h]|[1-9]|i{1,3}|iv)\))\s+")
_ASKING = re.compile(r"\b(?:what|which|how|who|whom|whose|when|where|why|do|does|did|is|are|was|were)\b", re.I)


def _runs(text: str):
    """For each way of marking items ("(a)", "1)", "(i)"), the marks of `text` in that order."""
    for order in ("abcdefgh", "123456789", ("i", "ii", "iii", "iv")):
        run: list[re.Match] = []
        for m in _MARK.finditer(text):
            if len(run) < len(order) and (m.group(1) or m.group(2)) == order[len(run)]:
                run.append(m)
        yield run


def marked(text: str) -> list[re.Match]:
    """The item marks of a list the text asks in order ("(a) ... (b) ..."), else []: not when
    the marks sit inside one question ("What do (i) A and (ii) B report?") or a statement
    before it ("They study (a) X and (b) Y. Which ...?")."""
    for run in _runs(text):
        if len(run) >= 2:
            lead, last = text[: run[0].start()], text[run[-1].end():]
            return [] if _ASKING.search(lead) or re.search(r"[.!?]\s+\S", last) else run
    return []


def unmarked(text: str) -> str:
    """"Which chips ran (a) A, (b) B and (c) C?": marks on the items of a list that a
    question asks of (not a list of questions, `marked`) only set out its papers; the question
    reads the same without them."""
    for run in _runs(text):
        if len(run) >= 2 and _ASKING.search(text[: run[0].start()]) and not re.search(r"[.!?]\s+\S", text[run[-1].end():]) \
                and not any(_ASKING.search(text[a.end(): b.start()]) for a, b in zip(run, run[1:])):
            for m in reversed(run):
                text = text[: m.start()] + text[m.end():]
            return text
    return text


_JOINED = r"\s*(?:(?:and|but|vs\.?|versus|also)\s+)?"
# "the X paper — how much ...?", "and the Y one, which ...?": a work's phrase set off by a dash
# or a comma before the interrogative.
# (After a comma, a question with its auxiliary, ", which X does it ...", or "what" as its
# subject, ", what drives it?"; ", which uses X" is a relative clause of the phrase.)
# ("and in the Y paper, at what heat does it run?": a preposition may lead either.)
_PREP = r"(?:(?:in|for|from|of|about|at|on|by|with|under|to)\s+)?"
_SET_OFF_WORK = re.compile(rf"{_JOINED}{_PREP}((?:the|a|an)\s+[^?]*?)(?:\s[—–-]+\s+(?={_PREP}(?:what|which|how|who|whom|whose|when|where|why)\b)"
                           rf"|,\s+(?={_PREP}(?:how\b|(?:what|which|who|whom|whose|when|where|why)\s+(?:[\w-]+\s+){{0,3}}?(?:does|do|did|is|are|was|were|has|have|had|can)\b|(?:what|who)\s+[a-z]+s\b)))", re.I)


def _head(u: str) -> str | None:
    """The subject `u` (one question) is set off by, or None."""
    m = re.match(rf"{_JOINED}([^:?]+?):\s+[^?]*\?\s*$", u, re.I)
    # (A label before the work set off: "sparse stuff: the X paper — how much ...?")
    w = _SET_OFF_WORK.match(u, m.end(1) + 1 if m else 0)
    if w and not _ASKING.search(w.group(1)) and len(content_words(w.group(1))) >= 2 and u.rstrip().endswith("?"):
        return w.group(1).strip()
    if m and not _ASKING.search(m.group(1)) and (len(content_words(m.group(1))) >= 2 or looks_like_name(m.group(1).strip())):
        return m.group(1).strip()
    return None


def headed(q: str) -> list[tuple[str, str]]:
    """(subject, question) of each question in a row set off by its subject ("FooNet: memory
    saved? the BarLib one: which board?", "the X paper — which board? and the Y one, how
    fast?"), when every one is; else []."""
    units = [re.split(r"(?<=[.!])\s+", u)[-1] for u in re.split(r"(?<=\?)\s+", q.strip()) if u.strip()]
    heads = [(h, u) for u in units if (h := _head(u))]
    return heads if len(units) >= 2 and len(heads) == len(units) else []


def asked_after(subject: str, unit: str) -> str:
    """What `unit` asks after the `subject` it is set off by."""
    return re.sub(r"^\s*(?::|[—–-]+|,)\s*", "", unit[unit.find(subject) + len(subject):])
