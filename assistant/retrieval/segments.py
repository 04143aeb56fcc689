"""Where a run of joined phrases splits into its conjuncts: at "and", commas, "vs", except
inside a relative clause (and the list it holds), a parenthesis, a quoted title or a work's
people; and a comparing segment ("comparing X with FooNet") at its weaker joints.

Out of scope: what each conjunct stands for (compared_descriptions.py, places.py).
"""

from __future__ import annotations

import re

from .phrasing import _NEW_WORK, _RELATIVE, _SPLIT, _SURNAMES, BY_PEOPLE, WORK_NOUNS, _names


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
