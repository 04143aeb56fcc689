"""Names typed apart: "foo net two", "f o o net", "q x three" for FooNet2 and QX3, as speech to
text writes them or as people type a name they heard. Before the planner reads a question, a
run of words whose letters, joined (number words as digits), are a title's short name is
written as that name; a run of single letters a paper writes as one word ("g p u", "t p u")
is written as the paper writes it.

Out of scope: names misheard as other words ("zoo two" for ZO2), numbers beyond a digit ("one
seventy five b"), and any name not on a title or in the papers' text.
"""

from __future__ import annotations

import re

from ..text import content_words, looks_like_name, plain_latex

_DIGITS = {w: str(i) for i, w in enumerate("zero one two three four five six seven eight nine".split())}
_DIGITS |= {"squared": "2", "cubed": "3"}  # ("f squared net": a superscript said aloud)
_WORD = re.compile(r"[A-Za-z0-9]+")
_LONGEST = 6  # words joined at most (a six-letter acronym spelt out)


def _piece(word: str) -> str:
    return _DIGITS.get(word.lower(), word.lower())


def _runs(q: str) -> list[list[re.Match]]:
    """Runs of words with only a space between each and the next."""
    runs: list[list[re.Match]] = []
    for m in _WORD.finditer(q):
        if runs and q[runs[-1][-1].end(): m.start()] == " ":
            runs[-1].append(m)
        else:
            runs.append([m])
    return runs


def _joined(words: list[re.Match]) -> str:
    # ("qux dot js two": a spoken dot inside a name is no letter of it.)
    inner = [w.group() for w in words]
    return "".join(_piece(w) for i, w in enumerate(inner) if not (w.lower() == "dot" and 0 < i < len(inner) - 1))


def _written(names, key: str, name_like: bool = False) -> str:
    """How the papers most often write the word `key`; "" when none does (or, `name_like`, when
    they write it as a plain word: "data set" joined is no name)."""
    spelt = names._word(key.lower()).exact
    best = max(spelt, key=spelt.get) if spelt else ""
    return best if best and (not name_like or looks_like_name(best) or best.isupper()) else ""


def _name_of(words: list[re.Match], names, labelled: dict[str, list[str]]) -> str:
    """The name `words` typed apart stand for, "" when none."""
    key, said = _joined(words), [w.group() for w in words]
    if len(key) < 3:
        return ""
    if ids := labelled.get(key):  # a title's short name
        return plain_latex(names.label(names.papers[ids[0]]) or key)  # ("F$^2$Net" as F2Net)
    longer = [w for w in said if len(w) > 1 and w.lower() not in _DIGITS]
    if any(not content_words(w) for w in longer):
        return ""  # (no function word is part of a name: "is a" is no ISA)
    letters = sum(len(w) == 1 and w.isalpha() for w in said)
    if len(said) == 2 and letters and names.lookup(hyphened := "-".join(said)):
        name = _written(names, hyphened)  # "q mix": a letter and a word, written hyphened (Q-MIX)
    elif letters >= 2:
        name = _written(names, key, name_like=len(said) == 2)  # a spelt-out acronym ("g p u")
    elif said[-1].lower() in _DIGITS:  # a word and its digit ("bert two")
        name = _written(names, key, name_like=True) or _written(names, f"{_joined(words[:-1])}-{key[-1]}", name_like=True)
    elif len(said) <= 3 and not any(w.lower() in _DIGITS for w in said):
        name = _written(names, key, name_like=True)  # plain words a name runs together ("deep net" for DeepNet)
    else:
        return ""
    if not name:
        return ""
    # A word that names a work on its own, in any case and however weakly, stays one ("foonet
    # two ways"), unless the words joined name a work more strongly (as `NameIndex.spaced`
    # judges "foonet v2").
    alone = max((max((names.as_name(w) or {}).values(), default=0) for w in longer), default=0)
    return name if not alone or max((names.lookup(name) or {}).values(), default=0) > alone else ""


def respelt(q: str, names) -> str:
    """`q` with its names typed apart written as the papers write them. `names` is the planner's
    NameIndex: its paper table's labels and its word statistics."""
    spans: list[tuple[int, int, str]] = []
    for run in _runs(q):
        windows = [_joined(run[i:j]) for i in range(len(run)) for j in range(i + 2, min(len(run), i + _LONGEST) + 1)]
        labelled = names.records.labelled({k for k in windows if len(k) >= 3})
        i = 0
        while i < len(run):
            j = next((j for j in range(min(len(run), i + _LONGEST), i + 1, -1) if (name := _name_of(run[i:j], names, labelled))), None)
            if j is None:
                i += 1
                continue
            spans.append((run[i].start(), run[j - 1].end(), name))
            i = j
    for a, b, name in sorted(spans, reverse=True):
        q = q[:a] + name + q[b:]
    return q
