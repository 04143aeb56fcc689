"""What kind of question a plan is (a comparison, a factoid, a record question, a topic list),
once its names, people and record fields are known; and who is compared.

Out of scope: finding the names (planner.py), describing compared papers (compared_descriptions.py),
the asked aspect (aspect.py).
"""

from __future__ import annotations

import re

from ..models import Kind, Plan, RecordQuery
from ..text import as_word
from .compared import asked_of_all, background, coordinated, measured_against, side_by_side, with_rivals
from .facets import in_examples, split_statements
from .phrasing import _WEAK_NAME, DIFFER, DISTRIBUTIVE, WORK_NOUNS, asked_of, list_count
from .qualifiers import baselines_qualify, place_unknown
from .record_shape import _UNITS, COLLECTION_Q, FIELD_HEAD, number_beyond_fields
from .statements import scoped
from .tell_apart import narrow_by_phrase

# "compared with/to" and "over", "than" introduce a baseline of one paper's result, not a
# second subject; these say the subjects themselves are set side by side ("differ", not
# "differentiable"). ("both keys and values", "both training and inference": "both" joining
# plain words joins things a work has or does, not works.)
_COMPARE = re.compile(rf"\b(compar(?!ed\s+(?:with|to))\w*|stack(?:s|ed)?\s+up|{DIFFER}|(?:dis)?agree\w*|distinguish\w*|apart|vs\.?|versus|as\s+opposed\s+to|contrast\w*|similar\w*|side by side|"
                      rf"both(?!\s+(?!(?:the|a|an|these|those|of|{WORK_NOUNS})\b)(?-i:[a-z][\w-]*)(?:\s+(?-i:[a-z][\w-]*))?\s+and\b)|each|respective(?:ly)?|trade-?offs?)\b", re.I)
# Several papers spoken of: "each", "both", "the two", "papers".
_SEVERAL = re.compile(rf"\b(?:{DISTRIBUTIVE}|two|three|several|them|(?:{WORK_NOUNS})s)\b", re.I)
# One work, however described: "a 2025 paper on ...", "their allocator", "the one that ...".
_ONE_WORK = re.compile(r"\b(?:a|an|the|their|his|her|its|[\w-]+['’]s)\s+(?:[\w-]+\s+){0,6}?(?:paper|work|study|survey|whitepaper|article|"
                       r"dissertation|thesis|system|framework|method|approach|technique|algorithm|accelerator|architecture|design|"
                       r"tool|library|compiler|engine|scheme|allocator|runtime|one)\b|\bet al\b", re.I)


# "FooNet adds three techniques. Which ones?": "ones" stands for the plural counted before it.
_COUNTED_PLURAL = re.compile(r"\b(?:two|three|four|five|six|seven|eight|nine|ten|several|a few|\d+)\s+(?:[\w-]+\s+){0,2}?([a-z][\w-]*s)\b", re.I)


# A later sentence asking after the one work found: "... ? How fast is it?", "... . What does its cache hold?"
_ONE_ASKED_AFTER = re.compile(r"[?.!]\s+(?:[^?.!]*?\s)?(?:it|its)\b", re.I)


# "works" as a verb after its subject or an adverb ("it works on", "only works on"; not "which works on").
_WORKS_AS_VERB = re.compile(r"\b(?:it|this|that|who|only|just|also|still|really|actually|always|never|even)\s+$", re.I)
# "works" as a verb: followed by a comparative ("which works better, A or B"; not "which works best
# for X", which asks for the best papers).
_HOW_IT_WORKS = re.compile(r"\s+(?:(?:much|far|even)\s+)?(?:better|worse|faster|slower)\b", re.I)


def asks_collection(q: str) -> bool:
    """Does `q` ask for papers of the collection ("which papers ...", "which ones use X")? Not
    "which ones" standing for another plural counted before it ("X adds three techniques. Which
    ones?": the techniques)."""
    for m in COLLECTION_Q.finditer(q):
        if _ONE_ASKED_AFTER.search(q, m.end()) and re.match(r"\W*(?:is\s+there\s+)?anything\b", m.group(), re.I) \
                and not re.search(r"\b(?:they|them|their|theirs|these|those|each|both|all|ones|papers|works)\b", q[m.end():], re.I):
            continue  # "Anything that tiles X? And its speedup?": one work is asked after, by "it"
        if re.search(r"\bworks$", m.group(), re.I) and _HOW_IT_WORKS.match(q, m.end()):
            continue  # "which works better, A or B": the verb, not papers
        if re.match(r"works\b", m.group(), re.I) and _WORKS_AS_VERB.search(q[: m.start()]):
            continue  # "... say it only works on tiny graphs": the verb, not papers on a topic
        said = [x.group(1) for x in _COUNTED_PLURAL.finditer(q[: m.start()])] if re.search(r"\bones\W*$", m.group(), re.I) else []
        if not said or re.fullmatch(_UNITS.replace("|ones", ""), said[-1], re.I):
            return True
    return False


class KindReader:
    """The plan's kind, read by `Planner` (which gives `names` and the description resolvers)."""

    def _kind(self, q: str, plan: Plan, unknown: list[str]) -> None:
        # ("the two FooNet papers, one ... and the other ...": a count its list follows is no list to find.)
        collection = (asks_collection(q) and list_count(q) < 2) or plan.record_query in (RecordQuery.COUNT, RecordQuery.ALL)
        # The question sentence says whether papers are listed; "we keep a list of works on X."
        # before it is context, and does not stop its described papers from being compared.
        listed_in_question = asks_collection(split_statements(q)[1]) and list_count(q) < 2
        if plan.record_query is RecordQuery.COUNT and any(not t.baseline for t in plan.targets):
            plan.record_query, collection = None, False  # "how many papers does S2ORC contain": a number in it
        if plan.record_query in (None, RecordQuery.COUNT) and not plan.fields and len(own := self._by_place(q, plan)) >= 2:
            # "One paper does X; another does Y. What does the first ...?": the works brought in.
            plan.record_query = None
            side_by_side(plan, own)
            plan.places = [t.paper_ids for t in own]
            return
        compare = bool(_COMPARE.search(q))
        if unknown:
            place_unknown(q, plan, unknown, compare)
        # A name the named paper's own abstract only uses ("FooNet vs BarLib", where BarLib is what
        # FooNet measures against; "FooNet's bugs in BarLib") is that paper's qualifier,
        # not a paper beside it.
        strong = {pid for t in plan.targets if t.by == "name" and t.confidence > _WEAK_NAME for pid in t.paper_ids}
        for t in plan.targets:
            if t.by == "name" and t.confidence <= _WEAK_NAME and strong & set(t.paper_ids):
                t.baseline = True
        context = background(q, [t for t in plan.targets if not t.baseline])
        for t in context:
            t.baseline = True
        subjects = [t for t in plan.targets if not getattr(t, "baseline", False)] or plan.targets[:1]
        papers = {pid for t in subjects for pid in t.paper_ids} | {t.phrase for t in subjects if t.missing}
        # Words some abstracts use ("PyTorch") name no paper firmly: a description may be the other subject.
        firm = {pid for t in subjects if t.by != "name" or t.confidence > _WEAK_NAME for pid in t.paper_ids} \
            | {t.phrase for t in subjects if t.missing}
        # The question may follow its subject ("The tiled-decoding paper: who wrote it?").
        field_head = bool(plan.fields and any(FIELD_HEAD.match(c) for c in re.split(r"[:;]\s*|(?<=[.?!])\s+", q)))
        # Two papers named firmly are what is compared: a word some abstracts merely use ("two
        # BarLib-based designs: FooNet and BazNet", "FooNet and BazNet on BarLib tasks") is the
        # question's word, a qualifier only where the question sentence names it outside
        # examples; unless it is in an item of their list ("FooNet, BazNet and the BarLib port").
        weak = [t for t in subjects if t.by == "name" and t.confidence <= _WEAK_NAME and not (
            (at := re.search(rf"(?<![\w-]){re.escape(t.phrase)}(?!\w)", q))
            and re.search(r"(?:,|\b(?:and|or|vs\.?))\s+(?:(?:the|a|an)\s+(?:[^,;:.?]|:(?!\s))*?)?$", q[: at.start()]))] if len(firm) >= 2 else []
        subjects = [t for t in subjects if t not in weak]
        papers = {pid for t in subjects for pid in t.paper_ids} | {t.phrase for t in subjects if t.missing}
        # A paper mentioned again by another of its names ("FooNet or BarNet: which cuts Foo
        # memory more", Foo naming FooNet too) is joined to the others where first named.
        first = [t for i, t in enumerate(subjects) if not any(set(t.paper_ids) and set(t.paper_ids) <= set(u.paper_ids) for u in subjects[:i])]
        record = plan.record_query in (RecordQuery.OLDEST, RecordQuery.NEWEST, RecordQuery.MULTI_PAGE)
        # Words some abstracts use ("NAS") are the compared subjects only when no description is.
        # A record question joins papers only with a comparison verb (as names do below).
        fields_only = bool(plan.fields and not compare)
        tried = len(papers) >= 2 and len(firm) < 2 and not collection and not field_head and not record and not fields_only
        described = tried and self._describe_compared(q, plan, definite=not compare)
        # One word several abstracts use ("with FooNet-9 as the model, what did it cut") names no
        # pair of papers compared, unless the question speaks of several ("each", "both", "the two").
        lone_word = len(subjects) == 1 and subjects[0].by == "name" and subjects[0].confidence <= _WEAK_NAME \
            and not _SEVERAL.search(q)
        if record:
            plan.kind = Kind.METADATA
        elif described:
            plan.kind = Kind.COMPARATIVE
            baselines_qualify(plan, context)
        elif len(papers) >= 2 and not field_head and not lone_word and (compare or coordinated(q, first, listed=True) or measured_against(q, first)
                                                      or (not collection and asked_of_all(q, first))) \
                and not (plan.fields and not compare):
            plan.kind = Kind.COMPARATIVE
            # "over FP16": a qualifier, when the question sentence names it (statements before it
            # say what each paper is measured against: "A is tested against X, B against Y").
            statements, asked = split_statements(q)
            plan.specifics += [t.phrase for t in weak if (i := q.rfind(t.phrase)) >= q.rfind(asked) and not in_examples(q, i)]
            plan.specifics += [t.phrase for t in plan.targets if t not in subjects and t not in context and t not in weak
                               and (not statements or as_word(t.phrase).search(asked))]
            plan.targets = subjects
            for t in subjects:
                narrow_by_phrase(q, t, self.names.papers)
            # "A, B and the system that ...": a described paper listed beside named ones (only a
            # definite description of a work: "three takes on pruning" is the list's gloss).
            # A name two papers share is told apart by such phrases ("the 2024 one"), not joined.
            if all(len(t.paper_ids) < 2 for t in subjects):
                self._describe_compared(q, plan, definite=True)
        elif not tried and not listed_in_question and len(firm) < 2 and not field_head and not fields_only \
                and not (not compare and scoped(q, subjects)) and self._describe_compared(q, plan, definite=not compare):
            plan.kind = Kind.COMPARATIVE
            baselines_qualify(plan, context)
        elif collection or ((plan.authors or plan.venues or (plan.year and not plan.fields)) and not plan.targets
                            and not _ONE_WORK.search(q)):
            # People, a venue or a year with no paper named list their papers, unless the
            # question is about one work of theirs ("Smith et al.'s 2024 paper on ...").
            plan.kind = Kind.AGGREGATE
        elif plan.fields and (field_head or not number_beyond_fields(q)):
            plan.kind = Kind.METADATA
        if plan.record_query is None and plan.kind is not Kind.METADATA and len(own := self._one_of(q, plan)) >= 2:
            # "Two pruning papers: what does the structured one keep, and the other?"
            side_by_side(plan, own)
            return
        # (A "comparison" that found one paper only is no comparison yet: its parts may say more.)
        # (A word some abstracts use, "BarLib", names no paper firmly.)
        lone = plan.kind is Kind.COMPARATIVE and len({pid for t in plan.targets if not t.baseline and (t.by != "name" or t.confidence > _WEAK_NAME)
                                                      for pid in t.paper_ids}) < 2
        if (plan.kind is Kind.FACTOID or lone) and len(own := self._part_subjects(q, plan)) >= 2:
            # "How much memory does A need, and what speedup does B claim over A?": each part
            # asks about its own paper, so the papers are set side by side, a row per part.
            side_by_side(plan, own)
            for t in own:
                t.baseline = False
        if self._counted(q, plan):  # "Compare the two FooNet pruning papers: what does each keep?"
            return
        if plan.kind is Kind.FACTOID:
            with_rivals(subjects[0] if len(subjects) == 1 else None, plan, self.names.papers)
        if plan.kind is Kind.FACTOID and len(subjects) == 1:
            self._with_claimant(q, plan, subjects[0])
        if plan.kind is Kind.FACTOID and len(plan.targets) > 1:
            # One subject; the other names qualify it ("over vLLM", "in PyTorch").
            # The one the question's verb is asked of ("which weakness of A does B address") is
            # the subject; else the firmest, first among equals.
            subject = next((t for t in subjects if t.confidence > _WEAK_NAME and asked_of(q, t.phrase)), None) \
                or max(subjects, key=lambda t: t.confidence)
            plan.specifics += [t.phrase for t in plan.targets if t is not subject and not t.missing
                               and (t.baseline or t.paper_ids != subject.paper_ids)]  # another name of the same paper is no qualifier
            plan.targets = [subject] + [t for t in plan.targets if t.missing and t is not subject]
