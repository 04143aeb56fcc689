"""The measure a number question asks, read from its grammar: the counted noun of "how many
tokens was X trained on" (Plan.measure); the words of "how much energy does X save" or "by how
much does X cut its energy use" (Plan.measured); and whether the level itself is asked rather
than a change ("what absolute latency", Plan.level). The answer's number must count the first,
a sentence stating it must use a word of the second, and a change does not answer the third
(answer/absence.py checks all three).

Out of scope: whether a question asks a number at all (planner.py), and which sentences
state it (answer/evidence.py).
"""

from __future__ import annotations

import re

from ..models import Plan
from ..text import content_words
from .phrasing import _ASKED_SUBJECT

# "How many images was X trained on?": the counted noun is the word before the verb.
# ("how many joules per token does X use": the head before the preposition; "how many shards
# the third keeps": before the compared paper's place; not past "and which ...", another question;
# "how many shards it keeps": a pronoun subject with no auxiliary, it is no counted noun;
# "how many boards (and which kind) did X use": an aside before the verb.)
_HOW_MANY = re.compile(r"\bhow many\s+(?:(?!(?:and|or|but|what|which|how|who)\b)[\w-]+\s+){0,3}?((?=[\w-]*[a-z])(?!(?:and|or|but|what|which|how|who|it|they|we|he|she|you|there|does|do|did|is|are|was|were|has|have|had)\b)[\w-]+)(?:\s+(?:per|of|for|in|on)\s+(?:[\w-]+\s+){0,2}?[\w-]+)?"
                       r"(?:\s+(?:the\s+)?(?:first|second|third|former|latter|last)(?:\s+one)?)?(?:\s*\([^()]*\))?"
                       r"(?:\s+(?:does|do|did|is|are|was|were|has|have|had|can|could|will|would)\b|\s+(?:it|they|we|he|she|you)\s+[a-z]+\b|\s*$|\s+[-–—]\s|\s+/\s+(?=(?:how|what|which|who|when|where)\b))", re.I)  # (or a part's end: "how many X, and ...", "how many X - and", "how many X / how long")
# Units name no counted thing ("how many basis points", "how many times").
_UNIT_WORDS = {"times", "points", "percent", "percentage", "fold", "x", "orders", "factors"}
# "How much energy does X save"; "by how much does X cut <measure>" is found after the subject.
# ("How much faster is X" asks a degree, which any ratio answers; "what dataset does X use"
# asks a thing: neither names a measure.)
# ("How much heat per served query does X shed": the measure, before what it is per.)
_MEASURE_NP = re.compile(r"\bhow much\s+(?:of\s+)?(?:(?:the|its|their)\s+)?"
                         r"((?:[\w-]+\s+){0,3}?[\w-]+)(?:\s+per\s+(?:[\w-]+\s+){0,2}?[\w-]+)?\s+(?:does|do|did|has|have|had|can|could|will|would)\b", re.I)
# "How much faster does X train": a degree, which any ratio answers, whatever its verb ("how
# much more memory does X save" still names memory).
_COMPARATIVE = re.compile(r"^(?:more|less|fewer|faster|slower|quicker|higher|lower|larger|smaller|bigger|better|worse|cheaper|shorter|longer)\b", re.I)
# ("How much does X cut its energy use": the same, without "by".)
# ("How much is X faster" asks a degree: without "by", only a verb of its own follows.)
_BY_HOW_MUCH = re.compile(r"\b(?:by\s+how much\s+(does|do|did|is|are|was|were|can|could|will|would)|how much\s+(does|do|did))\s", re.I)
_MEASURE_END = re.compile(r"\s+(?:compared|relative|over|than|vs\.?|versus|on|in|for|with|when|at|under|while|across|by|per|against|and|to|from|of)\b"
                          r"|\s*[,?.;:(]|\s*$", re.I)


# "How much higher is FooNet's decode throughput": a degree of the measure that follows (its
# owner's name or an article before it); "how much faster is FooNet than X" names none.
_DEGREE_OF = re.compile(r"\bhow much\s+(?:more|less|higher|lower|larger|smaller|bigger|better|worse|faster|slower|cheaper|shorter|longer)\s+"
                        r"(?:is|are|was|were)\s+(?:the\s+|its\s+|their\s+)?", re.I)
# "What share of the kernels does X fuse": a share of the words after "of".
_SHARE_OF = re.compile(r"\bwhat\s+(?:percentage|percent|fraction|share|proportion|portion)\s+of\s+(?:(?:the|its|their|all)\s+)?"
                       r"((?:[\w-]+\s+){0,3}?[\w-]+)\s+(?:does|do|did|is|are|was|were|has|have|had|can|could|will|would)\b", re.I)

# "Which bandwidth increase does X claim": a change of the measure named before the change's noun
# (a speedup or a "times faster" names none: it is its own measure, and any ratio answers it).
_CHANGE_OF = re.compile(r"\b(?:what|which)\s+((?:[\w-]+\s+){0,2}?[\w-]+)\s+(?:gains?|improvements?|increases?|reductions?|decreases?"
                        r"|savings?|drops?|boosts?|cuts?|degradations?)\b", re.I)


# "What absolute latency does X reach": the level itself, not how far it moved.
_LEVEL = re.compile(r"\babsolute\s+(?:[\w-]+\s+){0,3}?[\w-]+", re.I)


# "What speedup", "which memory saving", "how much faster", "how many times", "by how much": a
# change is asked, which only a relative figure answers ("2.4x", "by 30%", "from 9 to 4 hours").
# (Not "what cuts X": a verb right after "what" asks what does it.)
_CHANGE = re.compile(r"\b(?:what|which)\s+(?:(?:is|was|are|were)\s+(?:the|its|their)\s+)?(?:[\w-]+\s+){0,3}?"
                     r"(?:speed-?ups?|gains?|improvements?|increases?|reductions?|decreases?|savings?)\b"
                     r"|\bhow\s+much\s+(?:more|less|higher|lower|faster|slower|better|worse|cheaper|smaller|larger|bigger)\b"
                     r"|\bhow\s+many\s+times\b|\bby\s+how\s+much\b"
                     # ("how much did X's cache shrink its bill": a verb of change asked of.)
                     r"|\bhow\s+much\s+(?:do|does|did|can|could|will|would|has|have|had)\b[^?.;]*?\b(?:cut|cuts|reduc\w*|sav(?:e|es|ed|ing)"
                     r"|improv\w*|speed\w*\s+up|lower(?:s|ed)?|shrink\w*|shrunk|shorten\w*|increas\w*|decreas\w*|boost\w*|accelerat\w*)\b", re.I)


def asks_change(q: str) -> bool:
    """Does the question ask how far a measure moved ("what speedup does X get", "how much
    faster is X") rather than what it is?"""
    return bool(_CHANGE.search(q))


def asks_level(q: str) -> bool:
    """Does the question ask a measure's level rather than its change ("what absolute recall
    does X reach")? (Not "absolute error", where the word is the measure's own.)"""
    return any(not re.match(r"absolute\s+(?:error|value|difference|deviation)s?\b", m.group(), re.I) for m in _LEVEL.finditer(q))


# "How big, in millions of weights, is ...": the unit a number is asked in is a count of that noun.
_IN_MAGNITUDE = re.compile(r"\bin\s+(?:hundreds|thousands|millions|billions|trillions)\s+of\s+([a-z][\w-]*)", re.I)


def counted(q: str) -> str:
    """The noun a "how many" question counts ("tokens"), or the one it asks its number in
    ("in thousands of cores"); "" when it counts none."""
    m = _HOW_MANY.search(q) or _IN_MAGNITUDE.search(q)
    # ("how many high-priority ones": "ones" stands for a noun said before, and counts nothing of its own.)
    return m.group(1) if m and m.group(1).lower() not in _UNIT_WORDS | {"ones"} else ""


# What a measure named before it stands for, spelt out: "..., namely X and Y", "- specifically X".
_NAMELY = re.compile(r"(?:[,:;—–]|\s-)\s*(?:specifically|namely|i\.e\.,?|that is,|in particular)\s+([^?.;]+)", re.I)


# Words of the telling, not of the thing: "the exact cuts", "which reported latency
# cut" ask the number as the paper gives it. Adjectives of truth or exactness and participles of
# reporting name no measure (a closed class of English, like the stop words).
_TELLING = frozenset("actual real exact precise true concrete specific reported claimed stated quoted published "
                     "advertised promised announced cited".split())
# A statistic ("the average cut", "the mean gain") says how a measure is summed up, not which
# measure: alone, it names none.
_SUMMARY = frozenset("average avg mean median typical".split())


def asked_measure(q: str, plan: Plan) -> list[str]:
    """The words of the measure a number question asks ("how much energy", "by how much does
    X cut its energy use", "what share of the kernels does X fuse", "how much higher is X's
    throughput"), [] when it names none. The question's names are no words of it."""
    phrase = ""
    own = {w for t in plan.targets for w in content_words(t.phrase)}  # (a setting in it, "TPU-day saving", is of the measure)
    if (m := _BY_HOW_MUCH.search(q)) and plan.targets:
        rest = q[m.end():]
        # A described subject ends at its work noun ("the FooChip accelerator cut"), not at a
        # name inside it.
        v = _ASKED_SUBJECT.match(q, m.start(m.lastindex))
        at = (v.start(1) - m.end(), v.end(1) - m.end()) if v else \
            min(((i, i + len(t.phrase)) for t in plan.targets if (i := rest.lower().find(t.phrase.lower())) >= 0), default=None)
        if at:
            verb_obj = rest[at[1]:].split(None, 1)
            if len(verb_obj) > 1:  # past the subject's name, its verb: the object is the measure
                obj = re.sub(r"^(?:the|its|their)\s+", "", verb_obj[1], flags=re.I)
                phrase = obj[: _MEASURE_END.search(obj).start()]
    elif m := _MEASURE_NP.search(q):
        phrase = _COMPARATIVE.sub("", m.group(1), count=1)
    elif m := _SHARE_OF.search(q):
        phrase = m.group(1)
    elif m := _DEGREE_OF.search(q):
        rest = re.sub(r"^[^\s']+['’]s\s+", "", q[m.end():])  # ("FooNet's decode throughput")
        phrase = rest[: _MEASURE_END.search(rest).start()]
        if own & set(content_words(phrase)):  # ("how much faster is the FooNet system": the paper)
            phrase = ""
    elif m := _CHANGE_OF.search(q):
        # ("what layout and mean reduction": a thing and a change asked, or one change of two
        # measures; words do not tell which, so no measure is read.)
        phrase = "" if re.search(r"\s(?:and|or)\s", m.group(1)) else m.group(1)
    words = [w for w in content_words(phrase) if w not in own and w not in _TELLING and not re.search(r"\d", w)]
    if all(w.lower() in _SUMMARY for w in words):
        words = []
    if words and (said := _NAMELY.search(q)):
        # ("how much does X save, namely its energy and its chip area?": the measures the asker
        # spells out are what is asked, a sentence stating any of them answers.)
        words += [w for w in content_words(said.group(1)) if w not in own and w not in words and not re.search(r"\d", w)]
    return words


# English nouns that name an amount ("size", "rate", "frequency"): asked by a two-word name ("what
# learning rate", "which clock frequency does X run at"), such an amount is a paper's figure only
# if the paper uses a word of that name. (Nouns that name things, "library", "family", "trick",
# are answered by names the question does not know, and are no amounts.)
_AMOUNTS = frozenset("size rate ratio frequency level length width depth count amount fraction percentage proportion share "
                     "scale value accuracy error latency throughput bandwidth power energy area time duration speed cost "
                     "overhead budget temperature voltage precision threshold dimensionality dimension node degree interval period "
                     "coefficient".split())
# (No auxiliary is a word of the name: "what learning rate is used" names "learning rate".)
_NAMED_AMOUNT = re.compile(r"\b(?:what|which)\s+(?:(?:is|was|are|were)\s+(?:the|its|their)\s+)?((?:(?!(?:is|are|was|were)\s)[a-z][\w/-]*\s+){0,2}(?!(?:is|are|was|were)\s)[a-z][\w/-]*)\s+(?:\([^()]*\)\s+)?"
                           r"(?:and\s+([^?;]*?)\s+(?:\([^()]*\)\s+)?)?(?:does|do|did|is|are|was|were|has|have|had|of|for|in|on|at|used)\b", re.I)


def named_amounts(text: str, single: bool = False) -> list[list[str]]:
    """The two words of each amount `text` asks by name ("what clock frequency does X reach",
    "what is the clock frequency of X", "what die size and clock rate were set": [die, size],
    [clock, rate]; "what compile/pass rate": [compile/pass, rate], either word will do), [] when
    it asks none by a two-word name. `single`: the amounts asked by one word instead ("what
    threshold does X use": [threshold])."""
    found = []
    for m in _NAMED_AMOUNT.finditer(text):
        for phrase in filter(None, m.groups()):
            words = phrase.lower().split()[-2:]
            # ("what does FooNet cost in accuracy": "cost" is its verb, no amount named.)
            if re.search(r"\b(?:do|does|did|is|are|was|were|has|have|had)\b", phrase, re.I):
                continue
            if single:
                words = phrase.lower().split()
                if len(words) == 1 and content_words(words[0]) and re.sub(r"s$", "", words[0]) in _AMOUNTS:
                    found.append(words)
            elif len(words) == 2 and all(content_words(w.replace("/", " ")) for w in words) and re.sub(r"s$", "", words[1]) in _AMOUNTS:
                found.append(words)
    return found
