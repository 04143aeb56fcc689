"""A paper referred to by its relation to a named one: "the sharded follow-up to FooNet",
"FooNet's pipelined successor". The related paper is one whose text names the other and
that came out no earlier; the words before the relation ("sharded") choose among several.
The named paper is then a qualifier of the answer (what the follow-up is measured against),
no subject of its own; every later mention of it ("cheaper than the original", a pronoun the
conversation filled in with its name) is that qualifier too.

A family's member named by its suffix alone ("the FooNet family, original and XL") is the
paper whose name joins the two ("FooNet-XL").

Out of scope: papers named or described directly (planner.py, descriptions.py); citations
beyond what an abstract names.
"""

from __future__ import annotations

import re

from ..models import Plan, Target
from ..text import NAME_TOKEN, as_word, content_words

RELATION = r"(?:follow[- ]?ups?|successors?|sequels?|extensions?|(?:later|newer)\s+versions?)"
# "[the sharded] follow-up to|of|on FooNet", its describing words first.
_TO = re.compile(rf"\b(?:the|a|an|its|their)\s+(?P<desc>(?:[\w/-]+\s+){{0,3}}?){RELATION}\s+(?:to|of|on)\s+(?:the\s+)?$", re.I)
# "a follow-up that shards FooNet [across GPUs]": the related work's clause holds the name.
_THAT = re.compile(rf"\b(?:the|a|an|its|their)\s+(?P<desc>(?:[\w/-]+\s+){{0,3}}?){RELATION}\s+(?:that|which)\s+(?P<clause>[^,;:?.!]*?)$", re.I)
# "FooNet's [pipelined] follow-up".
_OWN = re.compile(rf"^['’]s\s+(?P<desc>(?:[\w/-]+\s+){{0,3}}?){RELATION}\b", re.I)


def related_paper(q: str, plan: Plan, papers: dict, papers_with, search) -> bool:
    """Replace a named target with the paper the question relates it to; True when one is.
    `papers_with(word)`: the ids of papers whose text has the word; `search(query, k, ids)`:
    hits among `ids`, best first. A relation no paper fits is a paper not in the collection."""
    for i, t in enumerate(plan.targets):
        if t.by != "name" or t.missing or t.baseline:
            continue
        m, o = next(((r, o) for o in as_word(t.phrase).finditer(q)
                     if (r := _TO.search(q[: o.start()]) or _THAT.search(q[: o.start()]) or _OWN.match(q[o.end():]))), (None, None))
        # ("Is FooNet an extension of BarNet?" says what FooNet is: no other paper meant.)
        if not m or (m.re is not _OWN and any(re.search(rf"(?<![\w-]){re.escape(u.phrase)}\s+(?:is|are|was|were)\s+$", q[: m.start()], re.I)
                                         for u in plan.targets if u is not t)):
            continue
        own = set(t.paper_ids)
        since = min((papers[p].date or "" for p in own), default="")
        later = [pid for pid in sorted(papers_with(t.phrase.lower()) or ()) if pid not in own
                 and not (_iso(since) and _iso(papers[pid].date) and papers[pid].date < since)]
        # (A relative clause says what the follow-up does: "that shards it across GPUs".)
        after = re.match(r"[^,;:?.!]*", q[o.end():]).group() if m.re is _THAT else ""
        desc = " ".join(content_words(f"{m.group('desc')} {m.groupdict().get('clause') or ''} {after}"))
        # (The relation's own words, "follow-up", qualify nothing.)
        plan.specifics = [x for x in plan.specifics if x.lower() not in m.group().lower()]
        if len(later) > 1 and desc:  # ("the sharded follow-up": the one the words describe best)
            later = [h.paper.id for h in search(f"{desc} {t.phrase}", len(later), ids=later)] or later
        plan.targets[i] = Target(f"{m.group().strip()} {t.phrase}".strip() if m.re is not _OWN else f"{t.phrase}{m.group()}",
                                 later[:1], by="description", confidence=1.0 if len(later) == 1 else 0.5)
        if later:
            plan.specifics.append(t.phrase)
        return True
    return False


def _iso(date: str | None) -> bool:
    return bool(date and re.match(r"\d{4}-\d\d", date))


def family_members(q: str, plan: Plan, lookup) -> None:
    """"the FooNet line, base and Turbo": a capitalised word that names no paper alone, but
    joined to a firmly named one's name ("FooNet-Turbo", "FooNetTurbo") is another paper's
    title name, is that paper. `lookup(token)`: {paper id: 3 for a title name, less for a word}."""
    firm = [t for t in plan.targets if t.by == "name" and t.confidence >= 1.0]
    have = {pid for t in plan.targets for pid in t.paper_ids}
    said = {t.phrase.lower() for t in plan.targets}
    for m in NAME_TOKEN.finditer(q):
        word = m.group()
        # (Not a capital a sentence opens with, nor a word of a longer name, "Infinity Fabric".)
        if not word[:1].isupper() or word.lower() in said or lookup(word) or re.search(r"(?:^|[.!?:]\s*)$", q[: m.start()]) \
                or re.match(r"\s+(?-i:[A-Z])\w", q[m.end():]):
            continue
        for t in firm:
            ids = next((ids for joined in (f"{t.phrase}-{word}", f"{t.phrase}{word}")
                        if (ids := [pid for pid, v in (lookup(joined) or {}).items() if v >= 3 and pid not in have])), [])
            if ids:
                plan.targets.append(Target(word, ids, confidence=1.0))
                plan.specifics = [x for x in plan.specifics if x.lower() != word.lower()]
                have.update(ids)
                said.add(word.lower())
                break
