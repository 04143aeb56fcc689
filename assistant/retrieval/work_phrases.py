"""The phrases of one compared segment that stand for works: a definite description of a
work ("the FooChip design"), the owner of a measure ("the power drop from the two-stage cascade"),
people's work ("Doe et al.'s search"), a proper noun's possessive work ("Quxlabs' tiling
study"), a bare side of "vs" long enough to describe one, and phrases alike by a repeated
preposition ("used by the A and by the B").

Out of scope: which segments there are and whether a phrase is a paper at all
(compared_descriptions.py); resolving a phrase (descriptions.py).
"""

from __future__ import annotations

import re

from ..text import content_words
from .phrasing import (_ADVERBIAL, _COMPLEMENT, _DEFINITE, _names, _OWNER, _PEOPLE, _PRO_ONE, _WORK,
    _WORK_PHRASE, WORK_NOUNS)
from .segments import same_preposition

# "Quxlabs' tiling study", "Acme Labs's pruning work": a capitalised owner's work, definite as "the" is.
_PROPER_OWNER = re.compile(rf"\s*((?-i:[A-Z])[\w.&-]*(?:\s+(?-i:[A-Z])[\w.&-]*){{0,2}})(?:['’]s|(?<=s)['’])\s+(?:[\w/-]+\s+){{0,5}}?(?:{WORK_NOUNS})\s*$", re.I)


class WorkPhrases:
    """Mixed into the planner: needs `self._owner_of_measure` and `self._quantity_noun`."""

    def _works_of(self, seg: str, segments: list[str], after: str, body: str, named: set[str], parallel: bool,
                  beside_vs: bool) -> tuple[list[str], list[str], bool, bool, bool]:
        """(works, owners of a measure, whether `seg` is a bare side of "vs" describing a work,
        whether it opens with "its"/"their" and names no paper, whether its work is a proper
        noun's) for the segment `seg` of `body`, `after` the next one."""
        # ("the 2016 tool by Doe need on X": the phrase ends where its noun's complement does.)
        works = [(w.group() if (w := _WORK_PHRASE.match(m.group())) and _COMPLEMENT.search(w.group()) else m.group())
                 for m in _DEFINITE.finditer(seg) if _WORK.search(m.group()) or _PRO_ONE.search(m.group())]
        # "the FooChip design's speedup": the work is the owner; a definite owner of a measure
        # is a work, however it is called ("the row-gating FooMM kernel's gain").
        works = [o.group(1) if (o := _OWNER.match(w)) and _WORK.search(o.group(1)) else w for w in works]
        works += [o.group(1) for m in _DEFINITE.finditer(seg) if (o := _OWNER.match(m.group()))
                  and not _WORK.search(o.group(1)) and len(content_words(o.group(1))) >= 2]
        # So is the owner after "of"/"from"/"by" ("the power drop from the two-stage cascade",
        # "the one from the tiny tokenizer": "one" standing for the measure).
        measured = [own for x in [seg.strip(), *(m.group() for m in _DEFINITE.finditer(seg))] if not _WORK.search(x)
                    and (own := self._owner_of_measure(x, parallel)) and len(content_words(own)) >= 2]
        works += [w for w in dict.fromkeys(measured) if w not in works]
        # "Doe et al. 2019's sparse search": people's work is as definite as "the".
        # (A side of "x vs y" naming people is their work: "A vs the gain Doe et al. get".)
        works += [seg.strip()] if (_PEOPLE.match(seg.strip()) and re.search(r"['’]s\b", seg)) or (beside_vs and _PEOPLE.search(seg)) else []
        # So is a work a proper noun's possessive heads, not a named paper's: "Quxlabs' tiling study"
        # (taken only if it resolves clearly: a capital opening the question may be no name, "Someone's").
        owned = not works and bool(o := _PROPER_OWNER.match(seg)) and not any(_names(n, o.group(1)) for n in named)
        works += [seg.strip()] if owned else []
        # Chat drops the article: "sparse-kernel GNN training vs its pipelined follow-up". When
        # the stretch around "vs" names no paper, a side of three words or more may describe
        # one; it is taken only if it resolves clearly (below).
        # (A side headed by a measure, "accuracy on ImageNet vs energy per inference", is no work.)
        side_head = content_words(re.split(r"\s(?:of|on|in|for|with|per|at|under|plus|and|from|by|to)\s", f" {seg} ", maxsplit=1)[0])
        # ("FooNet vs its multi-node successor": a name on the other side only.)
        pro_form = re.match(r"\s*(?:its|their)\b", seg, re.I) and not any(_names(n, seg) for n in named)
        # ("row-sparse pruning vs FooNet": set against a paper's bare name, two words name a work as well;
        # not words after a list of names, "A vs B, which board each".)
        versus_name = beside_vs and len(segments) == 2 and any(x is not seg and any(_names(n, x) and not content_words(x.lower().replace(n, " ")) for n in named)
                                        for x in segments)
        # (Headed by a work noun, "FooLib allocator paper", two words describe one as "the" would;
        # a compound of three parts or more is a phrase, its words counted: "FooNet-on-phone
        # search"; "low-bit" is one word.)
        bare_side = beside_vs and not works and len(content_words(re.sub(r"\w+(?:-\w+){2,}", lambda m: m.group().replace("-", " "), seg))) >= (2 if re.search(rf"\b(?:{WORK_NOUNS})\s*$", seg, re.I) or versus_name else 3) \
            and (pro_form or (versus_name and not any(_names(n, seg) for n in named)) or not any(_names(n, body) for n in named)) \
            and bool(side_head) and not self._quantity_noun(side_head[-1:])
        works += [seg.strip()] if bare_side else []
        # "used by the A and by the B": the preposition repeated before each joined phrase
        # makes them alike, whatever A's head noun.
        if (p := _ADVERBIAL.match(after)) and re.match(r"\s*(?:the|a|an)\s", after[p.end():], re.I) \
                and (m := same_preposition(p, seg)) and m.group(1) not in works:
            works.append(m.group(1))
        return works, measured, bare_side, bool(pro_form), owned
