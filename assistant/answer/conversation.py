"""Conversation: a follow-up ("what about its speedup?", "when were both published?") ->
a standalone question, by carrying the earlier subjects (the papers the previous turns' plans
resolved) into the pronoun's place; when the last turn resolved none (a topic list) and an
LLM is configured, by the LLM.

Out of scope: answering; the plan of the rewritten question is computed once, later.
"""

from __future__ import annotations

import re

from ..errors import LLMError
from ..models import Kind, Turn, short_name, title_prefix
from ..prompts import render
from ..retrieval.phrasing import _WEAK_NAME, A_WORK, DIFFER, WORK_NOUNS
from ..retrieval.relations import RELATION
from ..text import MARKER, content_words

# "a paper that ...", "some framework which ...": a work brought in, not one said before.
_BROUGHT_IN = re.compile(rf"{A_WORK.pattern}\s+(?:that|which|where|who|whose)\b", re.I)
_FOLLOW_STRONG = re.compile(r"\b(it|its|they|them|their|both|the former|the latter)\b", re.I)
_WORK_NOUN = r"paper|method|system|approach|work|model|framework"
_FOLLOW = re.compile(rf"\b(it|its|it's|they|them|their|this|that|these|those|the ({_WORK_NOUN})|both|the former|the latter|the first|the second|he|she)\b", re.I)
# "what gap separates the two?", "these three papers": a count of the works said before, standing for
# them all. (Not "the two stages of FooNet": a count of some other noun.)
_COUNTED_BACK = re.compile(rf"\b(?:the|these|those)\s+(?:two|three)(?:\s+(?:{_WORK_NOUN}|one)s)?\b(?=\s*(?:[,.?!;:)]|$)|\s+(?:{_WORK_NOUN}|one)s\b|\s+(?:compare|differ|do|did|are|were|have|had|both|each|report|use)\b)", re.I)
# "how big is the saving there?": "there" pointing back at a place, not the "there" of "is there".
_BE = r"(?:is|are|was|were|be|been|being|exists?|existed|seems?|appears?|has|have|had|'s|’s)"
_THERE = re.compile(rf"(?<!\bis )(?<!\bare )(?<!\bas )(?<!\bwas )(?<!\bwere )\bthere\b(?!\s+{_BE}\b|['’]s\b|\s+(?:might|may|could|would|will|should|must|any|a|an|some)\b)", re.I)
# "ok. and the memory saving?", "what about its board?": a turn going on from the last one; so
# does a question after an acknowledgement of the last answer ("ok, what gap does 8-bit leave?").
_ACK = r"(?:ok|okay|cool|great|thanks|nice|right|sure|i see|got it)"
_GOES_ON = re.compile(rf"^\W*(?:{_ACK}\W+)*(?:and|also|plus|what about|how about)\b|^\W*{_ACK}\s*[,.!;:-]+\s*\S", re.I)
MAX_CONDENSED = 4000
# "the second one", "the latter paper": one of the last turn's subjects, by its place there.
_PLACES = {"first": 0, "former": 0, "second": 1, "third": 2, "latter": -1}
_WORK = rf"(?:one|{_WORK_NOUN})"
# ("the first author" is no paper: "first" refers back only alone or before a work noun.)
_PLACE_REF = re.compile(rf"\bthe\s+(?:(former|latter)|(first|second|third)(?=\s+{_WORK}\b|\s*[,.?!;:)]|\s*$|'s))(?:\s+{_WORK}\b)?", re.I)


# The relative "that" of "a follow-up that shards it", "the one that ...": no pronoun to carry a subject into.
_RELATIVE_THAT = re.compile(rf"\b(?:{WORK_NOUNS}|one)\s+that$", re.I)
# ... and a relation brought in by one ("a follow-up that shards it"): what it follows is said before.
_RELATION_BROUGHT_IN = re.compile(rf"\b{RELATION}\s+(?:that|which|where|who|whose)$", re.I)


class Conversation:
    def __init__(self, retriever, llm_factory, llm_configured: bool):
        self.retriever = retriever
        self._llm = llm_factory
        self.llm_configured = llm_configured

    def standalone(self, question: str, history: list[Turn]) -> str:
        previous = [t for t in history if t.answer is not None]
        if not previous:
            return question
        # ("the first one" is no description of a paper of its own, however the words read.)
        if (by_place := self._by_place(question, previous[-1])) is not None:
            return by_place
        plan = self.retriever.plan(question)
        refers_back = _FOLLOW_STRONG.search(question) or _THERE.search(question) or _COUNTED_BACK.search(question)
        if (plan.names or plan.authors) and not refers_back:
            return question  # it names its own subject
        if plan.kind is Kind.AGGREGATE and not refers_back:
            return question  # ("ok, and which papers prune heads?": a list of its own, whatever came before)
        # "Some study where X is tiled, so it ... . Which one is that?": a work the turn brings
        # in itself, which its pronouns after it refer to.
        # (Not a relative of an earlier paper, "a follow-up that shards it": what it follows is said before.)
        new = _BROUGHT_IN.search(question)
        if new and not (refers_back and refers_back.start() < new.start()) and not _RELATION_BROUGHT_IN.search(new.group()) \
                and any(t.by == "description" and t.paper_ids and new.group() in t.phrase for t in plan.targets):
            return question
        if not (_FOLLOW.search(question) or refers_back or len(content_words(question)) <= 3 or _GOES_ON.match(question)):
            return question
        # The earlier turns' papers, resolved by the planner, are carried by the rules: a small
        # model's rewrite loses or swaps them ("the successor of FooNet ... over it"). The model
        # rewrites what the rules cannot: a follow-up to a topic list, with no paper to carry.
        carried = self._subject(previous[-1])
        if self.llm_configured and not carried:
            try:
                condensed = self._llm_condense(question, previous)
                # A rewrite that still says "it" ("the successor of FooNet ... over it") is no
                # standalone question: a small model often leaves one; the rules replace them all.
                if not _FOLLOW_STRONG.search(condensed):
                    return condensed
            except LLMError:
                pass  # the answer itself will report the endpoint's failure
        return self._carry_subject(question, previous, carried, set(plan.names))

    def _subject(self, turn: Turn) -> list[str]:
        plan = self.retriever.plan(turn.answer.standalone_question or turn.question)
        # (A word a few abstracts use, "Foo-offloaded", is no paper's name to carry.)
        named = [t for t in plan.targets if t.by == "name" and not t.missing and t.confidence > _WEAK_NAME]
        # An answer about one of the papers its question named ("what does X say Y leaves
        # undone?"): that paper is what "it" goes on about, not the one it set beside.
        about = [t for t in named if len(turn.answer.about) == 1 and any(
            self.retriever.papers[pid].title == turn.answer.about[0] for pid in t.paper_ids if pid in self.retriever.papers)]
        if named:
            # A paper by the name its title gives it ("the Foo-offloaded tuner" found "BarTune: ...").
            return [prefix if len(t.paper_ids) == 1 and t.paper_ids[0] in self.retriever.papers
                    and (prefix := title_prefix(self.retriever.papers[t.paper_ids[0]])) else t.phrase
                    for t in (about if len(about) == 1 else named)]
        described = [short_name(self.retriever.papers[t.paper_ids[0]]) for t in plan.targets
                     if t.by == "description" and t.paper_ids and t.paper_ids[0] in self.retriever.papers]
        return described or list(plan.authors)

    def _by_place(self, question: str, turn: Turn) -> str | None:
        """"and the third one: which board runs it?" after a turn that brought in three papers: that paper,
        in the ordinal's place and every pronoun's. None when no ordinal refers back or the
        turn brought in too few papers ("the first layers" is no paper)."""
        m = _PLACE_REF.search(question)
        if not m:
            return None
        asked = turn.answer.standalone_question or turn.question
        plan = self.retriever.plan(asked)
        low = asked.lower()
        # Named and described alike, in the order the turn wrote them.
        subjects = sorted((low.find(t.phrase.lower()), t) for t in plan.targets
                          if t.paper_ids and not t.missing and not t.baseline and t.phrase.lower() in low)
        place = _PLACES[(m.group(1) or m.group(2)).lower()]
        if len(subjects) < 2 or place >= len(subjects):
            return None
        t = subjects[place][1]
        name = t.phrase if t.by == "name" else short_name(self.retriever.papers[t.paper_ids[0]])
        out = question[: m.start()] + name + question[m.end():]
        out = re.sub(r"\b(its|their)\b", f"{name}'s", out, flags=re.I)
        return re.sub(r"\b(it|they|them)\b", name, out, flags=re.I)

    def _carry_subject(self, question: str, previous: list[Turn], names: list[str], own: set[str]) -> str:
        """`names`: the last turn's subjects (`_subject`); `own`: the names the question gives itself."""
        last = previous[-1]
        # "both", "them": one subject per turn is not enough; gather the last two turns'. ("They"
        # and "their" are as often one paper's authors, "what did they get": papers only when
        # set against each other, "how do they compare".)
        plural = re.search(r"\b(both|them)\b", question, re.I) or _COUNTED_BACK.search(question) or (
            re.search(r"\b(they|their)\b", question, re.I) and re.search(rf"\b(?:{DIFFER}|compar\w*|contrast\w*|vs|versus)\b", question, re.I))
        if plural and len(names) < 2 and len(previous) > 1:
            names = list(dict.fromkeys(self._subject(previous[-2]) + names))
        names = [n for n in names if n not in own]
        if names:
            subject = " and ".join(names)
        elif last.answer.sources:
            pid = last.answer.sources[0].paper_id
            subject = short_name(self.retriever.papers[pid]) if pid in self.retriever.papers else last.answer.sources[0].title
        else:
            return question
        subs = [
            # ("each of them" with one paper carried: the paper and what it set beside, all in its abstract)
            *([(r"\b(?:each|both|all|either)\s+of\s+(?:them|they)\b", subject)] if len(names) == 1 else []),
            (r"\b(its|their)\b", f"{subject}'s"),
            (_COUNTED_BACK.pattern, subject),
            (rf"\bthe ({_WORK_NOUN})s?\b|\b(?:this|that) (?:one|{_WORK_NOUN})\b", subject),
            (r"\b(it|they|them|this|that|these|those|both)\b", lambda m: m.group() if _RELATIVE_THAT.search(m.string[: m.end()]) else subject),
            (_THERE.pattern, f"in {subject}"),
        ]
        # One subject: every pronoun is it ("its successor ... over it"); several: the first only.
        count = 0 if len(names) <= 1 else 1
        out = question
        for pattern, repl in subs:
            out, n = re.subn(pattern, repl, out, count=count, flags=re.I)
            if n and count:
                return out
        return out if out != question else f"{question.rstrip('?')} ({subject})?"

    def _llm_condense(self, question: str, previous: list[Turn]) -> str:
        lines = []
        for t in previous[-3:]:
            lines.append(f"User: {t.question}")
            lines.append(f"Assistant: {MARKER.sub('', t.answer.text)[:600]}")
        prompt = render("condense", history="\n".join(lines), question=question)
        out = self._llm().complete([{"role": "user", "content": prompt}], max_tokens=120)
        out = out.strip().strip('"').splitlines()[0].strip() if out.strip() else ""
        return out if 3 <= len(out) <= MAX_CONDENSED else question
