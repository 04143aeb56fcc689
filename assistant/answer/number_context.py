"""Is a number attached to the right quantity? A claim's number may occur in its cited source
and still be wrong: "db-SP's attention speedup is 1.25x" when the source gives 1.25x for the
end-to-end speedup and 1.40x for attention. This module flags such a claim.

The rule, written for abstracts' usual shapes and not for any one item: a sentence is cut into
clauses (at commas, semicolons, parentheses, "and", "while", "whereas", "but"); a number's
words are the content words of its clause. A baseline phrase after a sentence's last number
("... over state-of-the-art methods", "than vLLM") qualifies every number of the sentence, so
it is shared. A sentence saying "respectively" pairs numbers by position, which words cannot
follow: it is left out. The claim's number is then misattached when another number of the
source carries some of the claim's words near it and none of them tells the claimed number
apart from that other one (words attached to both, like the subject, tell nothing apart).
Precision first: a claim whose words fit both readings is let through. Words of the paper's title (its name) are ignored, as
they say which paper, not which quantity.

Out of scope: numbers absent from the source (attribution.py flags those); units and
arithmetic (a claim that converts 1.25x into "25% faster" is not checked); ranges.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..text import QUANTITY, plain_latex, quantities, sentences, stem, stopwords, words


_ITEM_NUMBER = re.compile(r"(?:^|(?<=\s))\(?\d{1,2}\)(?=\s)")


@lru_cache(maxsize=16384)  # each sentence is scored again for every facet and paper
def number_neighbours(sent: str, reach: int = 1) -> frozenset[str]:
    """The stems of the words next to each number of `sent`, only function words between
    ("3.2x speedup", "speedup of 3.2x", "cuts memory by 40%": "speedup", "memory"); with
    `reach` 2, the next word beyond too ("a 12% idle cache drop": "idle", "cache"). An item's
    number in a list ("2) cache stalls") is no quantity."""
    text = _ITEM_NUMBER.sub(" ", plain_latex(sent))
    toks = [re.sub(r"\W+$|^\W+", "", t).lower() for t in re.findall(r"\S+", QUANTITY.sub(" 0num0 ", text))]
    stop = stopwords()

    def nearest(i: int, step: int) -> list[str]:
        out = []
        while len(out) < reach:
            i += step
            while 0 <= i < len(toks) and (not toks[i] or toks[i] in stop):
                i += step
            if not 0 <= i < len(toks) or toks[i] == "0num0":
                break
            out.append(toks[i])
        return out
    return frozenset(stem(w) for i, t in enumerate(toks) if t == "0num0" for w in nearest(i, -1) + nearest(i, 1))


_CLAUSE = re.compile(r"[;:()\[\]]|,(?!\d)|\s(?:and|while|whereas|but)\s", re.I)
_BASELINE = re.compile(r"\b(?:over|than|compared\s+(?:to|with)|versus|vs\.?|relative\s+to|against)\b", re.I)
_NUMBERISH = re.compile(r"^[\d.,]+[a-z%]*$")


def norm_number(q: str) -> str:
    return re.sub(r"[\s\\,]", "", q.lower()).replace("×", "x").replace("times", "x")


def same_number(a: str, b: str) -> bool:
    return a == b or a.rstrip("x%") == b.rstrip("x%")


def terms(text: str, ignore: frozenset[str]) -> set[str]:
    """Content-word stems, hyphenated words split ("attention-specific" -> attent, specif),
    numbers and ignored words left out."""
    stop = stopwords()
    out = set()
    for w in words(text):
        if _NUMBERISH.match(w):
            continue
        for part in w.split("-"):
            if len(part) > 1 and part not in stop and not part.isdigit():
                s = stem(part)
                if s not in ignore:
                    out.add(s)
    return out


def attachments(text: str, ignore: frozenset[str] = frozenset()) -> list[tuple[str, set[str]]]:
    """(number, the words attached to it) for every number in `text`, in order."""
    out: list[tuple[str, set[str]]] = []
    for sent in (s for line in text.split("\n") for s in (sentences(line) or [line])):
        if re.search(r"\brespectively\b", sent, re.I):
            continue
        clauses = [c for c in _CLAUSE.split(sent) if c.strip()]
        numbered = [(c, [norm_number(q) for q in quantities(c)]) for c in clauses]
        numbered = [(c, qs) for c, qs in numbered if qs]
        if not numbered:
            continue
        shared: set[str] = set()
        last_clause, last_qs = numbered[-1]
        tail = last_clause.split(quantities(last_clause)[-1], 1)[-1]
        baseline = _BASELINE.search(tail)
        if baseline and len(numbered) > 1:
            shared = terms(tail[baseline.start():], ignore)
        for c, qs in numbered:
            own = terms(c, ignore)
            for q in qs:
                out.append((q, own | shared))
    return out


# A number stated as a change: a ratio ("2.4x"), "by 3%", or a comparative or a change noun
# right after it ("3.1% mAP improvement", "2 points higher").
_RATIO = re.compile(r"(?:x|×|times|\\times|fold)$", re.I)
_CHANGE_AFTER = re.compile(r"^[\s)]*(?:[\w-]+\s+){0,3}?(?:higher|lower|better|worse|more|less|fewer|faster|slower|smaller|larger|"
                           r"improve\w*|gains?|increases?|decreases?|reductions?|drops?|boosts?|speedups?|savings?)\b", re.I)


def _is_change(sentence: str, a: int, b: int) -> bool:
    return bool(_RATIO.search(sentence[a:b].strip()) or _CHANGE_AFTER.match(sentence[b:])
                or re.search(r"\bby\s+(?:up\s+to\s+|about\s+|over\s+)?$", sentence[:a], re.I))


def _spans(sentence: str) -> list[tuple[int, int]]:
    stated = quantities(sentence)  # (not the digit of a name, "top-1")
    return [(m.start(), m.end()) for m in QUANTITY.finditer(sentence) if m.group().strip() in stated]


# A ratio's sign written apart from its number: "3.5 $\times$", "12-fold".
_RATIO_AFTER = re.compile(r"^\s*\$?\s*(?:\\times|×|x\b|-?fold\b)", re.I)


def states_change(sentence: str) -> bool:
    """Does some number of `sentence` state a change ("2.4x", "by 3%", "from 40 ms to 9 ms", "3%
    fewer") or a share ("38%")? A share may be of a change the sentence words another way
    ("uses 38% of the memory")."""
    return any(_is_change(sentence, a, b) or sentence[a:b].strip().endswith("%") or _RATIO_AFTER.match(sentence[b:])
               or re.search(r"\bfrom\s+(?:about\s+)?$", sentence[:a], re.I) for a, b in _spans(sentence))


def changes_only(sentence: str) -> bool:
    """Does every number of `sentence` state a change rather than a level ("attains a 3.1% mAP
    improvement", "2.4x higher bandwidth")? False when it states none."""
    spans = _spans(sentence)
    return bool(spans) and all(_is_change(sentence, a, b) for a, b in spans)


def misattached(claim: str, source: str, name: str = "") -> list[str]:
    """The numbers of `claim` that `source` states for another quantity (see the module's rule);
    `name` is the paper's short name."""
    ignore = frozenset(terms(name, frozenset()))
    in_source = attachments(source, ignore)
    values = {q for q, _ in in_source}
    if len(values) < 2:
        return []  # one number in the source: nothing else it could have been meant for
    attached: dict[str, set[str]] = {}
    for q, ws in in_source:
        attached.setdefault(q, set()).update(ws)
    bad = []
    for number, near in attachments(claim, ignore):
        mine = [q for q in values if same_number(q, number)]
        if not mine:
            continue  # absent from the source: attribution.py's check, not this one
        own = set().union(*(attached[q] for q in mine))
        # Misattached when the claim's words point to another number and none tells the
        # claimed one apart from it (a shared subject or measure tells nothing).
        if any(near & (ws - own) and not near & (own - ws) for q, ws in attached.items() if q not in mine):
            bad.append(number)
    return bad
