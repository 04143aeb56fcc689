"""Where an abstract tells what: the sentence introducing the work, the ones saying how it
works (from that introduction up to its evaluation), and the usual Problem/Approach/Results
sentences. Abstracts mostly tell these in that order, whatever their field.

Out of scope: scoring sentences against a question (evidence.py), tables (comparison.py).
"""

from __future__ import annotations

import re

from ..text import quantities, sentences, stem, stems

_PROBLEM = re.compile(r"\b(challeng|bottleneck|limit|suffer|however|difficult|costly|expensive|hinder|struggl|problem|issue|pressure|demand)", re.I)
_APPROACH = re.compile(r"\b(we (propose|present|introduce|develop|design|build|formali[sz]e)|this (paper|work) (presents|proposes|introduces)|in this (paper|work)|dubbed|called|named)\b", re.I)
_EVALUATION = re.compile(r"\b(?:experiment\w*|evaluat\w*|results? (?:show|demonstrate|reveal|indicate)\w*|outperform\w*)\b", re.I)
_RESULT = re.compile(r"(\d+(\.\d+)?\s*(x|×|%|times)|\$\d|\bspeedup\b|\boutperform|\bachiev|\breduc|\bimprov)", re.I)


def introduction(abstract: str, name: str) -> list[str]:
    """The sentence introducing the work (by its name, if one does), and the next one when it
    goes on about the work ("FooNet uses three ...", "Its key idea is ...")."""
    sents = sentences(abstract)
    introducing = [i for i, x in enumerate(sents) if _APPROACH.search(x)]
    i = next((i for i in introducing if name.lower() in sents[i].lower()), introducing[0] if introducing else 0)
    nxt = sents[i + 1] if i + 1 < len(sents) else ""
    goes_on = nxt and re.match(rf"(?:{re.escape(name)}\b|It\b|Its\b)", nxt, re.I)
    return sents[i: i + 2] if goes_on else sents[i: i + 1]


def method_span(abstract: str) -> list[str]:
    """The sentences that say how a work works: from the one introducing it up to its
    evaluation (the first sentence after it stating a number or reporting experiments); and
    again from a later one introducing it ("With it, X fits on one GPU. To do so, we develop
    a two-part procedure, ..."), up to its evaluation."""
    sents = sentences(abstract)
    out, i = [], 0
    while (start := next((j for j in range(i, len(sents)) if _APPROACH.search(sents[j])), None)) is not None:
        end = next((j for j in range(start + 1, len(sents)) if quantities(sents[j]) or _EVALUATION.search(sents[j])), len(sents))
        out += sents[start:end]
        i = end + 1
    return out


def naming_more(words: list[str], span: list[str], sents: list[str]) -> list[str]:
    """The sentences after `span` that use a word of `words` no sentence of `span` uses."""
    have = stems(" ".join(span))
    new = {stem(w) for w in words} - have
    after = sents[sents.index(span[-1]) + 1:] if span and span[-1] in sents else []
    return [x for x in after if new & stems(x)]


def usual_rows(abstract: str, name: str, used: set[str]) -> dict[str, str]:
    """Problem, Approach and Results sentences of an abstract, in the order abstracts tell
    them: the approach is the sentence introducing the work (by its name, if one does); the problem comes before it (the
    opening sentence when no sentence says "challenge", "however" ...); the result is the last
    sentence stating a number after it. None repeats a sentence already quoted."""
    sents = sentences(abstract)
    fresh = [i for i, x in enumerate(sents) if x not in used]
    introducing = [i for i in fresh if _APPROACH.search(sents[i])]
    approach = next((i for i in introducing if name.lower() in sents[i].lower()), introducing[0] if introducing else None)
    cut = approach if approach is not None else len(sents)
    problem = next((i for i in fresh if i < cut and _PROBLEM.search(sents[i])), fresh[0] if fresh and fresh[0] < cut else None)
    after = [i for i in fresh if i > (approach if approach is not None else -1) and i != problem]
    result = next((i for i in reversed(after) if quantities(sents[i])), None)
    if result is None:
        result = next((i for i in reversed(after) if _RESULT.search(sents[i])), None)
    picks = {"Problem": problem, "Approach": approach, "Results": result}
    return {row: sents[i] for row, i in picks.items() if i is not None}
