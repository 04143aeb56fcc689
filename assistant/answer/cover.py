"""Covering what is asked: when the best sentences for a question hold only some of its asked
words ("what does X cache and where"), the sentences that hold the others; and whether a
sentence is quoted already.

Out of scope: scoring sentences and the absence verdict (evidence.py, absence.py); how many
sentences a composer shows (settings).
"""

from __future__ import annotations

import re

from ..text import coverage


def overlaps(sent: str, quoted) -> bool:
    """Is `sent` quoted already? A pair and its own sentence are one quote, either way round."""
    return any(sent in x or x in sent for x in quoted)


def covering(scored: list[tuple[float, str, str]], quoted: list[tuple[float, str, str]], asked: list[str], n: int
             ) -> list[tuple[float, str, str]]:
    """Up to `n` more sentences, each the best-scored one holding an `asked` word that no
    sentence quoted so far holds. A question asking two things in one clause ("what does X
    cache and where") is answered by two sentences, and the one about the second thing
    scores low against the whole question. (Not a number: "8-bit" settles nothing asked.)"""
    asked = [t for t in asked if not re.search(r"\d", t)]
    quoted, out = list(quoted), []
    ranked = sorted(scored, key=lambda x: -x[0])
    for _ in range(n):
        left = [t for t in asked if not any(coverage([t], x[1]) for x in quoted)]
        best = next((x for x in ranked if not overlaps(x[1], [y[1] for y in quoted]) and any(coverage([t], x[1]) for t in left)), None)
        if best is None:
            break
        quoted.append(best)
        out.append(best)
    return out
