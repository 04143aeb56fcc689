"""A work the question quotes: "the 'sparse experts on phones' paper", “...”. Users quote a
title, or what they remember of one; the quote is the work's description, resolved as any
description is, and the name-like words inside it (a title's "FooNets") are neither papers nor
qualifiers of what is asked.

Out of scope: resolving a description (descriptions.py); quotes of a sentence the question
asks about without calling it a work ("does it say 'linear time'?").
"""

from __future__ import annotations

import re

from ..models import Plan, Target
from ..corpus.records import plain_title
from ..text import content_words, coverage
from .phrasing import _WEAK_NAME, WORK_NOUNS

# A quoted span of a few words with a work's noun just before or after it ("the 'X' paper", "the paper “X”").
_QUOTED = re.compile(rf"(\b(?:{WORK_NOUNS})\s+)?(?<![\w'’])['‘“\"]([^'‘’“”\"]{{8,160}}?)['’”\"](?![\w'’])(\s+(?:{WORK_NOUNS})\b)?", re.I)


def quoted_works(q: str, plan: Plan, unknown: list[str], resolve, min_confidence: float, titled=lambda words: []) -> list[str]:
    """Adds each quoted work to `plan.targets` (dropping the names and qualifiers inside its
    quote); returns `unknown` without the words inside a resolved quote. `titled`: the papers
    whose title holds the given plain_title words in a row."""
    for m in _QUOTED.finditer(q):
        said = m.group(2).strip()
        if not (m.group(1) or m.group(3)):
            continue  # (a quote with no work's noun beside it is words the question asks about)
        # A title's own words, quoted ("the 'is it worth it' paper"), are that paper, however
        # common they are; three words at least, so a quote is no chance phrase of two titles.
        words = plain_title(said)
        verbatim = titled(words) if len(words.split()) >= 3 else []
        if len(verbatim) != 1 and len(content_words(said)) < 3:
            continue
        # (A word some abstracts use, "Foo-B", or a name two papers share, takes no paper from it.)
        taken = {pid for t in plan.targets if not _inside(t.phrase, said) and t.confidence > _WEAK_NAME and len(t.paper_ids) == 1
                 for pid in t.paper_ids}
        found = Target(said, verbatim, by="description", confidence=1.0) if len(verbatim) == 1 else resolve(f"“{said}”", taken)
        if not found or found.missing or not found.paper_ids or found.confidence < min_confidence:
            continue
        if any(len(t.paper_ids) > 1 and t.confidence > _WEAK_NAME and not _inside(t.phrase, said) and set(found.paper_ids) <= set(t.paper_ids)
               for t in plan.targets):
            continue  # (a quote of one of the papers a name stands for says which; the name's versions are told apart there)
        plan.targets = [t for t in plan.targets if not _inside(t.phrase, said) and set(t.paper_ids) != set(found.paper_ids)] \
            + [Target(said, found.paper_ids, by="description", confidence=found.confidence)]
        plan.specifics = [x for x in plan.specifics if not _inside(x, said)]
        unknown = [u for u in unknown if not _inside(u, said)]
    return unknown


QUOTE = re.compile(r"['‘“\"]([^'‘’“”\"]{8,160})['’”\"]")


def by_title(phrase: str, papers) -> Target | None:
    """A quote in `phrase` most of whose words one of `papers`' titles has, more than any
    other's: that title, misremembered ("'FooNets beat BarNets'" for "Foo Networks Beat ...")."""
    if not (m := QUOTE.search(phrase)):
        return None
    said = m.group(1)
    words = content_words(said)
    fits = sorted(((coverage(words, p.title), p.id) for p in papers), reverse=True)
    if len(words) >= 3 and fits and fits[0][0] >= 0.5 and (len(fits) == 1 or fits[0][0] > fits[1][0]):
        return Target(phrase, [fits[0][1]], by="description", confidence=1.0)
    return None


def _inside(phrase: str, quote: str) -> bool:
    return bool(phrase) and re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", quote, re.I) is not None


# "FooA vs FooB", "FooA-versus-FooB", "FooA v.s. FooB": two terms set against each other.
_VERSUS = re.compile(r"(?<![\w-])([A-Za-z][\w.+]*?)(?:\s+|-)(vs\.?|versus|v\.s\.|v/s)(?:\s+|-)([A-Za-z][\w+]*)(?![\w-])", re.I)


def titled_comparisons(q: str, titled) -> dict[str, list[str]]:
    """"the FooA-vs-FooB whitepaper", "the newer FooA vs FooB study": a comparison one paper's
    title makes ("FooA versus FooB for ...") is that paper's name, however the question writes
    its "vs"; not two works compared. `titled`: the papers whose title holds the given
    plain_title words in a row. Phrase as written -> the one paper."""
    out = {}
    for m in _VERSUS.finditer(q):
        a, b = plain_title(m.group(1)), plain_title(m.group(3))
        if not (a and b):
            continue
        found = {pid for joint in ("vs", "versus", "v s") for pid in titled(f"{a} {joint} {b}")}
        if len(found) == 1:
            out[m.group()] = sorted(found)
    return out
