"""Descriptions: the papers a question refers to without naming them ("the allocator that
plans offline", "Smith et al.'s 2024 paper on paging", "tiled decoding"), each
resolved by its own search (meaning and words together) to one paper with a confidence, or to
"not in the collection"; and names that alone are ambiguous (two SSDTrain papers, a name
spelt like a common word), narrowed by the rest of the question.

Out of scope: the question's kind, aspect and filters (planner.py); the compared papers a
question describes (compared_descriptions.py); resolving one phrase to its paper
(resolving.py); searching (search.py).
"""

from __future__ import annotations

import re

from ..models import Aspect, Plan, Target
from ..text import as_word, content_words, plain_latex, stopwords
from .facets import split_statements
from .names import _INTRO
from .compared import marks_of
from .existence import asks_existence
from .record_shape import without_fields
from .resolving import DescriptionResolver
from .phrasing import (
    _ASKED_SUBJECT,
    WORK_THEN_VERB,
    _BASELINE_BEFORE,
    _DEFINITE,
    _MEASURE_OF,
    _WORK_PHRASE,
    _SUBJECT_THEN_VERB,
    _UNSPECIFIC,
    _WORK,
    WORK_NOUNS,
    _WEAK_NAME,
    stands_for_measure,
    without_people,
)


# "which framework transforms X into Y": a work asked for by what it does (a verb of its own
# after the work noun, not an auxiliary: "which method does X use" asks a thing; nor a plural
# noun before one: "which accelerator platforms has X been applied to").
_AUXILIARY = r"(?:is|are|was|were|do|does|did|has|have|had|can|could|would|will|should)\b"
_WHICH_WORK_DOES = re.compile(rf"\b(?:which|what)\s+(?:[\w-]+\s+){{0,2}}?((?:{WORK_NOUNS})\s+(?!{_AUXILIARY})[a-z]+s\b(?!\s+{_AUXILIARY})[^?;]*)", re.I)


# "..., not the X" / "rather than the X": a work set aside ("but not" too).
_SET_ASIDE = re.compile(r"(?:,\s*(?:but\s+)?not|\s+but\s+not|,?\s+(?:rather\s+than|instead\s+of|as\s+opposed\s+to))\s+((?:the|its|their)\s[^,;:?.!]*)", re.I)
# A work noun standing alone: "the caching system", not "the system-wide budget".
# (Not a verb spelt like one after its subject: "the gain they report", "the figure we study".)
_WORK_ALONE = re.compile(rf"(?<![\w-])(?<!\bthey\s)(?<!\bwe\s)(?<!\bit\s)(?<!\byou\s)(?<!\bI\s)(?:{WORK_NOUNS})(?![\w-])", re.I)


class Descriptions(DescriptionResolver):
    """Mixed into the Planner: needs `names`, `abbreviations`, `search`, `settings`, `_quantity_noun`."""

    def _introduced(self, tok: str) -> list[str]:
        """A name spelt like a common word ("QuickVariant": "variant" is in many papers, so the
        name table cannot hold it): the papers its search finds that introduce it, as cased."""
        pattern = re.compile(f"(?i:{_INTRO.pattern}){re.escape(tok)}(?![\\w-])")
        return sorted(h.paper.id for h in self.search(tok, 5) if pattern.search(plain_latex(h.paper.abstract)))

    @staticmethod
    def _filtered(plan: Plan, text: str | None = None) -> list[str] | None:
        """The papers the people the question names wrote together; None when it names none.
        With `text` (one phrase of a question that describes two works by their people), the
        people named in it only. (Not the year or venue: a listing often lacks them, and such
        a paper must stay findable.)"""
        groups = [ids for name, ids in plan.authors.items() if text is None or name.lower() in text.lower()]
        return sorted(set.intersection(*map(set, groups))) if groups else None

    def _describe_single(self, q: str, plan: Plan, weak: list[Target] = ()) -> str:
        """A factoid or record question about one paper it describes ("who wrote the allocator
        that plans offline?"): the paper is the one the description finds, if it stands out;
        the phrase that describes it ("" when none does)."""
        # Only baselines named ("... faster than ZO2"): the subject is the paper the rest describes.
        baselines = [t for t in plan.targets if t.baseline]
        rest = without_people(q, plan)
        for t in baselines:
            # Out where it is the baseline; kept where it relates the subject ("X's successor").
            spots = [m for m in re.finditer(re.escape(t.phrase), rest, flags=re.I)
                     if _BASELINE_BEFORE.search(rest[: m.start()]) and not re.match(r"['’]s\b", rest[m.end():])]
            for m in reversed(spots or list(re.finditer(re.escape(t.phrase), rest, flags=re.I))):
                rest = rest[: m.start()] + " " + rest[m.end():]
        # "the one that does X, not the sharded follow-up": the work set aside is no part of
        # the description, and not the paper meant.
        aside = [m.group(1) for m in _SET_ASIDE.finditer(rest)]
        rest = _SET_ASIDE.sub("", rest)
        words = [w for w in content_words(rest) if w not in stopwords() and w not in {t.phrase.lower() for t in weak}]
        if len(words) < 2:
            return ""
        # The description is the definite noun phrase ("the framework for distributed
        # fine-tuning"), not the asked aspect around it ("how much faster ... than").
        # A statement before the question ("There is a method that ... . What speedup does it
        # report?") is the description, and the question sentence holds the asked aspect.
        statements, asked = split_statements(rest)
        # ... unless the question sentence describes a work itself ("A reports X. What does the
        # caching framework for Y report?"): then the statement is only what it is set against.
        # (Not what a result is set against: "the speedup over the fastest earlier system".)
        # (Nor a work noun inside a compound: "the system-wide budget".)
        own = [m.group() for m in _DEFINITE.finditer(asked) if _WORK_ALONE.search(m.group()) and len(content_words(m.group())) >= 3
               and not _BASELINE_BEFORE.search(asked[: m.start()])]
        # ("which tool does the FooCache study use to ...": the subject, without what it is asked.)
        own = [v.group(1) if (v := _ASKED_SUBJECT.search(asked)) and x.startswith(v.group(1)) else x for x in own]
        # ("the study of X measures its gain on which boards": the subject, to its verb.)
        own = [v.group(1) if (v := WORK_THEN_VERB.match(x)) else x for x in own]
        # ("the mean stall drop claimed by the FooCache paper": the owner, not what it claims.)
        own = [o if (o := self._owner_of_measure(x)) and len(content_words(o)) >= 2 else x for x in own]
        stated = statements if len(content_words(statements)) >= 2 else ""
        context = "" if own else stated
        # ("I am reading about the system that X.": the work phrase in it is a description too,
        # without the asker's framing; whichever of the two tells its paper more clearly is taken.)
        lead = [m.group() for m in _DEFINITE.finditer(stated) if _WORK.search(m.group()) and len(content_words(m.group())) >= 3]
        framed = lead if context else []
        phrases = own or [m.group() for m in _DEFINITE.finditer(rest) if len(content_words(m.group())) >= 2]
        if not any(map(_WORK.search, phrases)):
            # "which system maps sparse kernels onto tiles ...? its name, and the cheapest board
            # it ran on": a work asked for by what it does is the description, not a phrase of
            # what is asked of it.
            phrases += [m.group(1) for m in _WHICH_WORK_DOES.finditer(rest) if len(content_words(m.group(1))) >= 3]
        # "a paper on compiling the X of Y for Z": a work phrase whose complement holds the
        # start of one of those, to that one's end. (Not "the tests of the X framework": the
        # work noun there is the phrase's own.)
        spans = [(i, i + len(x)) for x in phrases if (i := rest.find(x)) >= 0]
        phrases += [rest[w.start(): e] for w in _WORK_PHRASE.finditer(rest) for c, e in spans
                    if w.start() + _WORK.search(w.group()).end() <= c < w.end() < e]
        if weak and not (context or phrases):
            return ""  # nothing but the weak name says which paper: it stands
        # (With no phrase of its own, a record question describes its paper by what is left once
        # the fields asked are out: "first author?" is no word of the paper's.)
        bare = without_fields(rest) if plan.fields else rest
        phrase = context or max(phrases, key=lambda x: len(content_words(x)), default=bare if len(content_words(bare)) >= 2 else rest)
        # A weak word as the baseline ("a plain FooLib baseline") names no paper to exclude.
        firm = {pid for t in baselines if t.by != "name" or t.confidence > _WEAK_NAME for pid in t.paper_ids}
        firm |= {pid for x in aside if (t := self._resolve(x, firm, self._filtered(plan))) and not t.missing
                 and t.confidence >= self.settings.describe_min_margin for pid in t.paper_ids}
        # (... and, with statements, the whole question when it speaks of a work ("was there not a
        # study that ...?"): the statements alone may say too little; not beside a weak name, which
        # the whole question's words would only bury.)
        # (Without statements too, "what accuracy does the work that fits X onto Y reach?": a
        # paraphrase may leave two papers close, which the asked words, "accuracy", tell apart;
        # only between those: the asked words alone describe no paper.)
        whole = [rest] if not weak and _WORK_ALONE.search(rest) and (context or " ".join(rest.split()) != " ".join(phrase.split())) else []
        found = [(said, t) for said in [phrase] + ([max(framed, key=len)] if context and framed else []) + whole
                 if (t := self._resolve(said, firm, self._filtered(plan), marks=marks_of(plan)))]
        if whole and not context and found and found[0][0] == phrase:
            # (When the phrase found none, cut short at a comma, "the system where X, so Y", the
            # whole question may say enough; not when it asks whether a work is held at all.)
            near = set(found[0][1].paper_ids) | set(found[0][1].rivals)
            # (Nor when the phrase's year or venue, "the FooConf paper", is what found none.)
            recorded = any(self._record_words(phrase))
            found = [(x, t) for x, t in found if x != rest or (set(t.paper_ids) <= near if not found[0][1].missing
                                                                else not asks_existence(rest) and not recorded)]
        said, target = max(((x, t) for x, t in found if not t.missing), key=lambda x: x[1].confidence, default=found[0] if found else ("", None))
        if own and lead and (not target or target.missing or target.confidence < self.settings.describe_min_margin) \
                and (again := self._resolve(longest := max(lead, key=len), firm, self._filtered(plan), marks=marks_of(plan))) and not again.missing:
            # ("For the tiling engine that does X, how is its lite variant called?": a work phrase of
            # the question sentence that finds no paper is a thing of the one the lead-in describes.)
            said, target, context, phrase = stated, again, stated, longest
        if said == rest:
            context = ""  # (the whole question found it: the statements' words qualify what is asked too)
        if target and not target.missing and target.confidence >= self.settings.describe_min_margin:
            target.phrase = " ".join(rest.split())
            plan.specifics += [t.phrase for t in baselines if t.phrase not in plan.specifics]
            # (A missing name in the asker's background, "unlike FooCloud's logs", qualifies nothing.)
            # (A description that found its paper only weakly, "the system that tiles X", is no qualifier.)
            plan.specifics += [t.phrase for t in weak if t.phrase not in plan.specifics and t.by != "description"
                               and (not t.missing or as_word(t.phrase).search(asked))]
            if context:  # (the statements' words found the paper: only the question sentence's qualify what is asked)
                plan.specifics = [x for x in plan.specifics if as_word(x).search(asked)]
            plan.targets = [target]
            # What the question sentence asks, beside what describes the paper (the phrase
            # found within the question, not the question itself).
            if context or own or " ".join(phrase.split()) != " ".join(rest.split()):
                plan.aspect_terms = [w for w in content_words(asked) if w in plan.topic_terms and w not in content_words(phrase)]
                if plan.aspect is Aspect.GENERAL and self._quantity_noun(plan.aspect_terms) and not self._picks_thing(asked):
                    plan.aspect = Aspect.NUMBER
            return phrase
        return ""

    def _coordinated_works(self, deferred: list[tuple[int, str, set[str]]], found_at: list[int], taken: set[str],
                           frame: str = "", within: list[str] | None = None, question: str = "") -> list[Target]:
        """Definite phrases with no work noun ("the rank-sharing compressor"), each at its
        segment's index (with the papers of names inside it), that are joined to a segment where a work was described: joined
        phrases are alike, so each is a paper too if its words find one clearly (not "the
        memory saving", a measure); with the words the listed papers share (`frame`: "two
        2021 pruning papers: ...") when there are any; `within`: the papers of the people framing them."""
        found: dict[int, Target] = {}
        joined = set(found_at)
        pending = list(deferred)
        while pending:  # ("A-ish X, the B-ish Y, and FooNet": Y is joined to FooNet, X to Y once Y is found)
            waiting = []
            for i, phrase, inner in pending:
                words = content_words(phrase)
                # (Its head is the last word before a preposition: "the batch planner for sparse serving".)
                head = content_words(re.split(r"\s(?:of|on|in|for|with|per|at|under|from|by|to)\s", f" {phrase} ", maxsplit=1)[0])
                if sum(len([x for x in w.split("-") if x]) for w in words) < 2 or self._quantity_noun(head[-1:]) or _UNSPECIFIC.search(phrase):
                    continue
                if not {i - 1, i + 1} & joined:
                    waiting.append((i, phrase, inner))
                    continue
                target = self._resolve(f"{phrase} {frame}".strip(), taken - inner)
                if within and (not target or target.missing or target.confidence < self.settings.describe_min_margin):
                    target = self._resolve(f"{phrase} {frame}".strip(), taken - inner, within) or target
                if target and not target.missing and target.confidence >= self.settings.describe_min_margin \
                        and not self._said_before(f"{phrase} {frame}".strip(), taken, inner, within, question):
                    target.phrase = phrase
                    taken.update(target.paper_ids)
                    found[i] = target
                    joined.add(i)
            if len(waiting) == len(pending):
                break
            pending = waiting
        return [found[i] for i in sorted(found)]

    def _owner_of_measure(self, phrase: str, parallel: bool = False) -> str | None:
        """"the energy saving of the X" -> "the X" (a measure before it, by the corpus; "one",
        "that"). `parallel`: another side says "the one from the Y", so whatever this side's
        head is, it is the measure "one" stands for."""
        if not (m := _MEASURE_OF.match(phrase)):
            # ("the accuracy the FooCache work keeps": the owner as the clause's subject; "the
            # latency drop measured for tiled decoding": the owner of a claim, however it is called.)
            if (m := re.match(r"the\s+((?:[\w-]+\s+){0,3}?[\w-]+)\s+((?:the|a|an)\s.*)$", phrase, re.I)) and _WORK.search(m.group(2)) \
                    or (m := re.match(r"the\s+((?:[\w-]+\s+){0,3}?[\w-]+)\s+(?:reported|claimed|achieved|measured)\s+(?:for|by|in)\s+(.+)$", phrase, re.I)):
                # (... or a thing it names, "the slowest link the FooCache work tolerates": no work itself.)
                if self._quantity_noun(content_words(m.group(1))) or not _WORK.search(m.group(1)):
                    return v.group(1) if (v := _SUBJECT_THEN_VERB.match(m.group(2))) else m.group(2)
            return None
        if stands_for_measure(m):
            return m.group(2)  # "that of the X", "the one from the X": the measure said before
        head = content_words(m.group(1))
        return m.group(2) if head and (parallel or self._quantity_noun(head)) else None
