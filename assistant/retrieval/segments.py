"""Where a run of joined phrases splits into its conjuncts: at "and", commas, "vs", except
inside a relative clause (and the list it holds), a parenthesis, a quoted title or a work's
people; a comparing segment ("comparing X with FooNet") at its weaker joints; and what of one
conjunct may describe a paper, not what is asked of the papers already meant.

Out of scope: resolving what a conjunct describes (compared_descriptions.py, places.py).
"""

from __future__ import annotations

import re

from .phrasing import (_ADVERBIAL, _ASKED_SUBJECT, _ASKS, _BACK_REFERENCE, _CONTRAST, _DEFINITE, _NEW_WORK, _RELATIVE, _SPLIT,
    _SUBJECT_THEN_VERB, _SURNAMES, BY_PEOPLE, _WORK, WORK_NOUNS, _names)


# The rest of a list after a comma: lower-case words, then "and"/"or" and its last item.
_LIST_ON = re.compile(r",\s+(?!(?:and|or|but|the|a|an|what|which|how|who|whom|whose|when|where|why|is|are|was|were|do|does|did)\b)"
                      r"(?-i:[a-z])[^,;:?!]*?\s(?:and|or)\s[^,;:?!]+", re.I)


# "one that X, one that Y and one that Z": items of a list of works, each "one" a work of its own.
_BARE_ONE = re.compile(r"\bone\s+(?:that|which|who|whose)\b", re.I)


def _segments(body: str, joints: re.Pattern, named: set[str]) -> list[str]:
    """`body` split at `joints`, except inside a relative clause (unless what follows the joint
    is a named paper or another work: "the method that X and FooNet", "... and the framework
    that ..."). Empty pieces dropped."""
    # (An interrogative opening the body, "which boards were used by A and by B", has no antecedent.)
    # It runs on over the commas of a list it holds ("that plans X, Y and Z for W, and the study of V").
    guarded = [(m.start(), e.end() if (e := _LIST_ON.match(body, m.end())) else m.end())
               for m in _RELATIVE.finditer(body) if body[: m.start()].strip()]
    # ... a participle clause after a work noun is one too ("the study comparing A and B").
    guarded += [m.span(1) for m in re.finditer(rf"\b(?:{WORK_NOUNS})\s+([a-z]+ing\b[^,;:?!]*)", body, re.I)]
    # "by Jane Doe and Ann Poe", "Doe, Roe, Poe et al.": one work's people.
    people = [m.span() for pattern in (BY_PEOPLE, _SURNAMES) for m in re.finditer(pattern, body, re.I)]
    # ... and a quoted title ("the 'A versus B' whitepaper") is one phrase.
    people += [m.span() for m in re.finditer(r"(?<!\w)['‘\"“][^'’\"”]+['’\"”](?!\w)", body)]
    # ... and so is a paper's name of several words ("the FooA vs FooB study": a title's own comparison).
    people += [m.span() for n in named if " " in n for m in re.finditer(rf"(?<![\w-]){re.escape(n)}(?![\w-])", body, re.I)]
    # ... and an aside's joints part only works: "(decoding, resizing)" is one, "(the X one and the Y one)" two.
    guarded += [m.span() for m in re.finditer(r"\([^()]*\)", body)]
    out, start = [], 0
    for m in joints.finditer(body):
        if any(a < m.start() < b for a, b in people):
            continue
        after = joints.split(body[m.end():], maxsplit=1)[0].lower()
        # (The name opens what follows: "... that co-designs X and FooChip boards" goes on.)
        # ("... than that of the X design": a measure of another work, whatever clause it ends.)
        # ("... and by the Y paper": a work after the repeated preposition.)
        if any(a < m.start() < b for a, b in guarded) and not any(re.match(rf"\s*(?:the\s+)?{re.escape(n)}(?![\w-])", after) for n in named) \
                and not re.match(r"(?:(?:by|in|for|from|of|on|with|to|at)\s+)?" + _NEW_WORK.pattern, body[m.end():], re.I) \
                and not (_BARE_ONE.match(body, m.end()) and _BARE_ONE.search(body[: m.start()])) \
                and not re.search(r"\bthan\b", m.group(), re.I):
            continue
        out.append(body[start: m.start()])
        start = m.end()
    out.append(body[start:])
    return [x for x in out if x.strip()]


def same_preposition(lead: re.Match, other: str) -> re.Match | None:
    """The phrase in `other` that the same preposition as `lead` (a segment's leading one)
    introduces with an article ("kept by the ledger" beside "by the diary"): joined phrases
    after one repeated preposition are alike, both compared papers."""
    return re.search(rf"\b{lead.group().strip()}\s+((?:the|a|an)\s.+)$", other, re.I)


def compared_in(seg: str, named: set[str]) -> list[str]:
    """A segment that compares ("so I'm comparing X with FooNet") split at its weaker joints
    when a side names a paper; else whole ("comparing the co-design with sparse attention"),
    and so is a work that compares ("the study comparing X with FooNet")."""
    if not re.search(r"\bcompar(?:e|es|ing)\b", seg, re.I):
        return [seg]
    if re.search(rf"\b(?:{WORK_NOUNS})\s+(?:(?:that|which)\s+)?compar(?:e|es|ing|ed)\b", seg, re.I):
        return [seg]  # "the report comparing FooNet with BarNet": a work that compares, one description
    split = _segments(seg, _SPLIT, named)
    return split if any(_names(n, x) for x in split for n in named) else [seg]


# "the largest saving they claim", "the board it runs on": a thing of the papers already meant.
# (Not "the paper where they prune heads", nor "the one they built": a work.)
_ASKED_OF_MEANT = re.compile(r"^\s*(?:(?:and|but)\s+)?(?:(?:what|which)(?:['’]s|\s+(?:is|are|was|were))\s+)?the\s+((?:[\w/-]+\s+){1,5}?)(?:that\s+|which\s+)?(?:they|it|each)\s+(?!(?:is|are|was|were)\b)[a-z]+", re.I)


# "what is the X method called", "what is its Y named": the asked thing's name.
_NAME_ASKED = re.compile(r"\s*(?:and\s+)?what\s+(?:is|are|was|were)\s+[^?,;]*?\s(?:called|named|dubbed|termed)\b|\s*(?:and\s+)?what(?:['’]s|\s+is|\s+was)\s+the\s+name\s+of\b", re.I)


def described_part(seg: str, i: int, segments: list[str], named: set[str], found_names: set[str], question: str,
                   asked: bool) -> tuple[str, str] | None:
    """What of the `i`th conjunct may describe a paper, and the subject a question's verb asks
    of ("which results do the FooChip design report" -> "the FooChip design"); None when it is
    what is asked of the papers already meant ("what speedup does each report", "the
    accuracy the second gives"), or what named ones are. `asked`: the conjuncts are the
    question's own, not a statement's."""
    before = segments[i - 1] if i else ""
    after = segments[i + 1] if i + 1 < len(segments) else ""
    subject = ""
    # "X compare (with Y)", "X measure itself against":
    seg = re.sub(r"\s+(?:(?:compare|differ|contrast|stack)\w*(?:\s+up)?|(?:compare|measure|evaluate|benchmark|test|position|pit|set)\w*"
                 r"(?:\s+(?:it|itself|themselves|them))?\s+(?:against|with|to))\s*$", "", seg, flags=re.I)
    if (m := _CONTRAST.match(seg)) and _WORK.search(seg):
        seg = seg[m.end():]  # "... while the caching work reuses keys": its own subject
    if asked and _BACK_REFERENCE.search(seg):
        return None  # "the accuracy the second gives": what is asked of a compared paper
    if asked and (m := _ASKED_OF_MEANT.match(seg)) and not _WORK.search(m.group(1)):
        return None  # ... or of the papers already meant: "the largest saving they claim"
    if len(found_names) >= 2 and re.match(r"\s*(?:one|the\s+other|the\s+former|the\s+latter)\s+(?:(?:is|was)\s+)?(?:a|an|the)\s", seg, re.I):
        return None  # "A vs B? one is a FooLang port, the other a Bar suite": what the named ones are
    if m := _ADVERBIAL.match(seg):
        # ... unless it repeats the previous one's ("claimed by the A ... and by the B"),
        # or names a work as the agent ("the gain claimed, against X, by the Y system").
        agent = re.match(r"\s*by\s", seg, re.I) and _DEFINITE.match(seg[m.end():].strip()) and _WORK.search(seg[m.end():])
        # ("in A and in the B compiler": the same preposition after a named paper, too.)
        after_name = any(re.search(rf"\b{m.group().strip()}\s+{re.escape(n)}\s*$", before, re.I) for n in named)
        # ("in the A work and in the B one": the next phrase repeats it; "(in) the A
        # work and in the B study": a work beside a work.)
        repeated = re.match(rf"\s*{m.group().strip()}\s+(?:the|a|an)\s", after, re.I) \
            or (_WORK.search(before) and _DEFINITE.match(rest := seg[m.end():].strip()) and _WORK.search(rest))
        if not same_preposition(m, before) and not agent and not after_name and not repeated:
            return None
        seg = seg[m.end():]
    if _NAME_ASKED.match(seg) and question.lower().find(seg.strip().lower()) > 0 and not (i and _NAME_ASKED.match(segments[i - 1])):
        # "In the FooBar paper, what is its tiling scheme called": after the paper,
        # the name of a part of it is asked, no second paper. (Not "what is A called,
        # and what is B called": each asks a paper's name.)
        return None
    if m := _ASKS.search(seg):
        # ("which shards does the FooCache study pin on Node-7": the subject, to its
        # work noun, names the paper; the words after it stay with what is asked.)
        aux = re.search(r"(?:does|do|did)\s+$", m.group(), re.I)
        subject = v.group(1) if aux and (v := _ASKED_SUBJECT.match(seg, m.start() + aux.start())) else ""
        seg = seg[m.end():]
        if re.match(r"\s*(?:each|it|they|both|its|their|them)\b", seg, re.I):
            return None
    elif re.search(r"\b(?:does|do|did|is|are|was|were)\s*$", seg, re.I):
        return None  # "...; how much memory does": what is asked, its subject cut off
    # "... does the Quxboard work save", "A and the FooBar paper actually deploy on": the
    # subject ends at its work noun, and the question's verb follows.
    if v := _SUBJECT_THEN_VERB.match(seg):
        seg = v.group(1)
    return seg, subject
