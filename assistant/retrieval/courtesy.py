"""The courtesy around a question written as a message: "Dear Quxa, ..." before it, "Many
thanks. Best, Q." after it, and the one it is addressed to. They ask nothing: the planner reads
the question without them, so a sign-off is no asked part and a greeted name no setting.

Out of scope: small talk inside the question ("I hope the runs go well."): a statement the
planner reads as one; names in the question itself (planner.py, qualifiers.py).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..text import QUESTION_FRAME, stopwords

# Greetings that open a message ("Dear Quxa,", "Hi Quxa,"): a closed class of English
# interjections, like the stop words.
_GREETING = r"(?:dear|hi|hello|hey|greetings|thanks|thank\s+you|cheers|(?:good\s+)?(?:morning|afternoon|evening))"
# A greeting with whom it greets, before the message ("Hello!", "Hi there.", "Dear Dr. Quxa,").
_OPENING = re.compile(rf"^\s*{_GREETING}(?:\s+(?:there|all|everyone|team|folks|(?-i:[A-Z][\w'-]*)\.?)){{0,2}}\s*[,!.:;]+\s+(?=\S)", re.I)
# The words of a sign-off ("Many thanks in advance.", "Best regards, Q."): those it must have
# one of, and those it may add.
_THANKS = frozenset("thanks thank thx best regards wishes cheers grateful appreciate appreciated sincerely".split())
_POLITE = frozenset("many lot advance kind kindest warm warmest much again please let know very so all soon talk speak".split())
# ("Please let me know.", "Let me know once you have it.", "Drop us a quick line.": a request
# for a reply, no thing asked.)
_LET_KNOW = re.compile(r"^\W*(?:please\s+)?(?:let\s+(?:me|us)\s+know(?:\s+(?:when|once|if|what)\s+you\s+(?:find|have|get|see|hear)"
                       r"(?:\s+(?:it|them|that|this|out|anything|something))?)?"
                       r"|(?:send|drop|write)\s+(?:me|us)\s+(?:a\s+)?(?:(?:short|quick|brief)\s+)?(?:note|line|message|email|reply))\W*$", re.I)


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    """English function words only: "please compare them" or "please list both" asks."""
    return stopwords() - QUESTION_FRAME


def _signs_off(sentence: str) -> bool:
    """Is the sentence a sign-off: a word of thanks, with only polite and function words and a
    name or initial after it ("Many thanks.", "Best, Q.")?"""
    if _LET_KNOW.match(sentence):
        return True
    words = re.findall(r"[\w'-]+", sentence)
    low = [w.lower() for w in words]
    return any(w in _THANKS for w in low) and all(
        lw in _THANKS or lw in _POLITE or lw in _function_words() or (i > 0 and w[:1].isupper()) for i, (w, lw) in enumerate(zip(words, low)))


def plain_request(q: str) -> str:
    """`q` without the greeting before it and the sign-off after it; `q` itself when nothing
    would be left."""
    body = _OPENING.sub("", q, count=1)
    parts = re.split(r"(?<=[.?!])\s+", body)
    while len(parts) > 1 and _signs_off(parts[-1]):
        parts.pop()
    out = " ".join(parts).strip()
    return out if re.search(r"\w", out) else q


def addressed(q: str, start: int, end: int) -> bool:
    """Is the word at `q[start:end]` the person the message is addressed to, a vocative: after
    a greeting or a short opener at its sentence's start and set off by a comma, colon or "!"
    ("Dear Quxa, ...", "Quxa, what ...", "One question, Quxa: ..."), or after a comma at its
    sentence's end ("..., Quxa?")? Such a name qualifies nothing asked."""
    lead = re.split(r"[.?!]\s+", q[:start])[-1]
    opener = re.fullmatch(rf"\s*(?:{_GREETING}\s+|(?:[\w'-]+\s+){{0,2}}[\w'-]+,\s+)?", lead, re.I)
    return bool((opener and re.match(r"\s*[,:!]", q[end:])) or (re.search(r",\s*$", lead) and re.match(r"\s*[?.!]", q[end:])))
