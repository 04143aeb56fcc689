"""A paper's candidate answers: its sentences (abstract first, then passages of its full text)
and the runs of sentences that answer together: a result and the sentence naming what it is
about, a problem and what is done about it, a numbered list and the sentence announcing it.

Out of scope: scoring them against a question (evidence.py) and embedding them.
"""

from __future__ import annotations

import re

from ..corpus import Paper
from ..text import quantities, sentences

# A sentence going on from the one before: what is done about what it said.
_GOES_ON = re.compile(r"(?:therefore|thus|hence|consequently|accordingly|as a result|to this end|in response|to do so|instead|"
                      r"(?:we|this is|it is)\s+(?:achieve[sd]?|do(?:ne)?|accomplish(?:e[sd])?|realiz(?:e[sd]?)|implement(?:e[sd])?)\s+(?:this|that|so|it)?\s*by\b|"
                      r"to (?:address|tackle|solve|overcome|mitigate|handle|remedy|alleviate|avoid|resolve) (?:this|these|that|those|such|the)\b)", re.I)
# "1) ...", "(ii) ...", "b. ...": an item of a numbered list.
_ITEM = re.compile(r"\(?(?:\d{1,2}|[a-h]|i{1,3}|iv|v|vi{1,3})[).]\s")
_FIRST_ITEM = re.compile(r"(?:^|\s)\(?(?:1|a|i)\)\s")


def candidates(p: Paper, passages: list[str], locators: dict[str, str] | None = None
               ) -> tuple[list[str], list[str], tuple[int, int, int]]:
    """The candidate texts of `p` with the page each is on ("" for the abstract): its single
    sentences, then the pairs a number completes, then the pairs a going-on sentence
    completes, then the numbered lists with their announcing sentence (their starts in the
    returned spans)."""
    sents = sentences(p.abstract) or [p.title]
    where = [""] * len(sents)
    for passage in passages:
        for s in sentences(passage):
            if s not in sents and s not in p.abstract:
                sents.append(s)
                where.append((locators or {}).get(passage, ""))
    singles = len(sents)
    # A result often takes two sentences ("We compare against A and B. Our method is 2x and
    # 3x faster, respectively."): when a number is asked, the pair is a candidate
    # too, so the numbers can be found beside what they are about.
    pairs = [(f"{a} {b}", w) for a, b, w in zip(sents, sents[1:singles], where[1:]) if quantities(b) and not quantities(a)]
    # So does what a paper does about a problem: "X is wasteful. Therefore, we propose Y."
    # When how it works is asked, a sentence going on from the one before is a candidate with it.
    goes_on = [(f"{a} {b}", w) for a, b, w in zip(sents, sents[1:singles], where[1:]) if _GOES_ON.match(b)]
    # A list set out as numbered items ("three causes. 1) A. 2) B.") is one answer with the
    # sentence that announces it, whatever is asked.
    lists = []
    for i in range(singles - 1):
        j = i + 1
        while j < singles and _ITEM.match(sents[j]) and where[j] == where[i]:
            j += 1
        if j - i > 2 and not _ITEM.match(sents[i]):
            # ("... three parts: (1) A. More on A. (2) B. (3) C.": from the first item's sentence.)
            first = next((k for k in range(i, max(-1, i - 3), -1) if _FIRST_ITEM.search(sents[k]) and where[k] == where[i]), i)
            lists.append((" ".join(sents[first:j]), where[i]))
    sents += [x for x, _ in pairs + goes_on + lists]
    where += [w for _, w in pairs + goes_on + lists]
    return sents, where, (singles, singles + len(pairs), len(sents) - len(lists))
