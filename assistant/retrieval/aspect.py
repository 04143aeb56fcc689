"""What a question asks for: the `Aspect` (a number, a mechanism, a definition, a problem, a
yes/no ...), the words it is asked in, and for a comparison its rows (which ask a number,
which a method). Mixed into the planner once the question's kind and papers are known.

Which words are measures ("speedup", "accuracy") is learnt from the corpus
(`NameIndex.quantity_affinity`), not listed.

Out of scope: the rows' wording (facets.py), the question's kind and papers (planner.py).
"""

from __future__ import annotations

import re

from ..models import Aspect, Kind, Plan
from ..units import asked_unit, dimension
from ..text import SI_UNIT, as_word, content_words, coverage, looks_like_name, sentences, stem
from .qualifiers import bind_qualifiers
from .facets import BASELINE_FACET, PRONOUN_PART, asks_number, comparison_facets, parts, split_statements, subject_span
from .phrasing import CLAIMS, WORK_NOUNS, _BASELINE_BEFORE
from .record_shape import asked_of_each
from .rows import possessive_rows

_ORDINAL = re.compile(r"\b(?:the\s+)?(?:first|second|third|former|latter)\b", re.I)
# "what does X do with Y": what it does, a method.
_WHAT_DO = r"what\s+(?:does|do|did)\s+(?:[\w-]+\s+){0,4}?do\b"
# "what does X use to pick ...": the means to an end, a method; "what remedy does X propose":
# what a work proposes is its method, whatever the noun ("what does X design for" asks a target).
_MEANS = r"what\s+(?:does|do|did)\s+(?:[\w-]+\s+){0,4}?(?:use|employ|leverage|rely\s+on)\s+to\s+[a-z]"
_PROPOSED = re.compile(r"\bwhat\s+(?!(?:is|are|was|were|does|do|did)\b)(?:[\w-]+\s+){1,3}?(?:does|do|did|is|are|was|were)\s+"
                       r"(?:[\w-]+\s+){0,4}?(?:propos|introduc|present|devis|suggest)\w*\W*$", re.I)
_METHOD_Q = re.compile(rf"\bhow (?:does|do|did|is|are|can)\b|\b{_WHAT_DO}|\b{_MEANS}|\b(?:technique|mechanism|method|approach|strategy|algorithm|idea|trick|design)s?\b|\bby what means\b", re.I)
# (A part may have lost its "what": "mechanism behind the gain"; not "gain mechanism", a measure first.)
_METHOD_HEAD = re.compile(r"^\s*(?:(?:what|which)\s+(?:[\w-]+\s+){0,2}?)?(?:technique|mechanism|method|approach|strategy|algorithm|idea|trick|formulation|scheme)s?\b", re.I)
# "how does the X work protect Y from faults", "what does X do with stale keys": how it does
# it, whatever measure its object names
# ("how does its accuracy compare" asks the measure).
_HOW_DOES = re.compile(rf"^\s*(?:{_WHAT_DO}|how\s+(?:does|do|did|can|could|is|are)\b)(?!.*\b(?:compar|differ|stack|fare|rank|scal|vary|contrast)\w*)", re.I)
# "what open issues does X point out": a problem asked, not a thing named by its kind.
_PROBLEM_HEAD = re.compile(r"^\s*(?:what|which)\s+(?:[\w-]+\s+){0,2}?(?:problem|challenge|bottleneck|issue|limitation|shortcoming|drawback)s?\b", re.I)
_PROBLEM_Q = re.compile(r"\b(?:problem|challenge|bottleneck|issue|limitation|motivation)s?\b|\b(?:address|tackle|solve|target|overcome|mitigate)\w*\b", re.I)
# "How does FooNet get around the X problem?": how a work handles a problem asks its method, however
# the problem is named ("What problem does X address?" asks the problem).
_HOW_HANDLED = re.compile(r"\bhow\s+(?:does|do|did|can|could|would|is|are)\s+(?:[\w-]+\s+){0,4}?(?:deal|cope|handle|address|tackle|solve|overcome|"
                          r"mitigate|avoid|fix|prevent|eliminate|remove|hide|get\s+around|work\s+around)\w*\b", re.I)
_DEFINE_Q = re.compile(r"^\s*(?:what|who)\s+(?:is|are|was|were)\s+(?:the\s+)?(.+?)\??\s*$", re.I)
_AUX = r"(?:is|are|was|were|does|do|did|has|have|had|can|could)"
# "What is the tiling scheme called", "what's the name of the format": a name is asked.
# ("what do its authors call the scheme": the same, with the namer as subject.)
_CALLED_Q = re.compile(r"\bwhat\s+(?:is|are|was|were)\s+[^?]*?\s(?:called|named|dubbed|termed)\b|\bwhat(?:['’]s|\s+is|\s+was)\s+the\s+name\s+of\b"
                       r"|\bwhat\s+(?:do|does|did)\s+(?:[\w'’-]+\s+){1,3}?(?:call|name|dub|term)\b", re.I)
_WH_NOUN = re.compile(rf"^\s*(?:what|which)\s+(?!{_AUX}\b)[\w-]+", re.I)
_DEGREE = re.compile(r"\b(?:more|less|fewer|most|least|fewest)\b", re.I)
# "which GPU does ...", "what dataset was ...": a thing asked by its kind (the noun before the verb;
# "which tools/libraries does": one noun).
# ("which family of bar methods does ...": a kind of things, the words after "of" its noun.)
_WH_THING = re.compile(rf"\b(?:which|what)\s+(?!{_AUX}\b)((?:(?:kinds?|types?|sorts?|family|families|class|classes)\s+of\s+)?(?:[\w/-]+\s+){{0,2}}?[\w/-]+)\s+(?:does|do|did|is|are|was|were|has|have|had)\b", re.I)
# "what memory and energy savings did ...": the phrase a "what" asks for, up to its verb.
_WH_PHRASE = re.compile(rf"\bwhat\s+(?!{_AUX}\b)((?:[\w/-]+\s+){{0,4}}?[\w/-]+)\s+(?:does|do|did|is|are|was|were|has|have|had)\b", re.I)
# "FooNet: which board, and which compiler?": a terse part, the interrogative and its noun alone.
_TERSE_THING = re.compile(r"(?:^|[,:;]\s*)(?:and\s+)?which\s+((?:[\w/-]+\s+){0,2}?[\w/-]+)\s*(?=[,;?]|$)", re.I)
# "which SoC does X run on", "what FPGAs did it target": a thing of a kind written as an acronym,
# whose things go by product names ("Kappa3", "FX9000"); the acronym heads the phrase (not "which
# BLEU score", nor the object of a preposition: "what gain over CPU"), a verb or the
# question's end after it, or another part asked ("which SoC and which ..."); an aside may come
# between ("which GPU card (and its count) did ...", "which FPGA kit/part does ...").
# ("what GPU hardware was it run on": a generic noun after the acronym leaves it the kind.)
_HARDWARE_NOUN = r"(?:hardware|devices?|chips?|cards?|boards?|parts?|platforms?|models?|types?|makes?|generations?)"
_ACRONYM_KIND = re.compile(rf"\b(?:which|what)\s+(?:of\s+(?:the|these|those|its|their|all)\s+)?(?:(?!(?:over|than|on|in|of|for|with|to|by|at|from|vs|versus)\b)[\w-]+\s+){{0,2}}?((?-i:[A-Z]{{2,}})s?)"
                           rf"(?:\s+{_HARDWARE_NOUN}(?:/{_HARDWARE_NOUN})?)?(?:\s*\([^()]*\))?"
                           rf"(?=\s+(?:{_AUX}|got|ran|came|won|beat|led|(?:and|plus)\s+(?:which|what)|[a-z]+ed)\b|\s*[?,.]|\s*$)", re.I)
# "Of the five CPUs FooNet ran on, which one ...": "one" is of that kind.
_OF_KIND = r"\b(?:among|of)\s+(?:the|these|those|its|their|all)\s+(?:[\w-]+\s+){0,2}?((?-i:[A-Z]{2,})s)\b"
_ONE_OF_KIND = re.compile(rf"{_OF_KIND}.*?\bwhich\s+(?:one|of\s+them)\b|\bwhich\s+one\b.*?{_OF_KIND}", re.I)
# "where does it cache keys", "who built it": a place or a person, never an amount.
_NO_AMOUNT = re.compile(r"^\s*(?:(?:in|on|at|by|for|from|to|with)\s+)?(?:where|who|whom|whose)\b", re.I)
# "on what board ...", "in which layer ...": a preposition before the asked thing.
_PREPOSITION = re.compile(r"^\s*(?:in|on|at|by|for|from|to|with|under|across|over)\s+(?=(?:what|which)\b)", re.I)
# "what does FooNet cache on the host", "what does swap in to save energy" (a row, the name
# out): what is done is asked, a thing, whatever measure the rest names; not what a work
# claims ("what does it report for latency"). (A subject still in it, "what does the X
# design ...", is left alone: its verb is not known.)
_OBJECT_ASKED = re.compile(rf"^\s*what\s+(?:does|do|did)\s+(?:(?:each|both|it|they|one)\s+)?+"
                           rf"(?!(?:{CLAIMS}|do|have|has|the|a|an|its|their|this|that|these|those|each|both|it|they|one)\b)[a-z][\w-]*\b", re.I)
# "FooNet is tested on which boards?": the interrogative left in place, at the end.
# (Not a clause: "vary in which boards they favour".)
_IN_SITU = re.compile(r"\b(?:on|in|at|for|with|from|by|using|under|across|over|against)\s+(which|what)\s+"
                      r"(?!(?:they|it|its|their|each|both|one|the|a|an|this|that|these|those|we|you|i)\b)((?:[\w/-]+\s+){0,2}?[\w/-]+)\s*\??\s*$", re.I)
# "their reported savings", "the claimed gain": a figure a paper states, whatever its noun.
_REPORTED = re.compile(r"^\s*(?:(?:the|their|its|each)\s+)?(?:reported|claimed|measured)\s+(?!(?:by|in|on|as|with)\b)[\w-]", re.I)
# "... is each tested on?": the clause ends at a preposition whose object the interrogative is.
_STRANDED = re.compile(r"[^,;:?]*\s(?:on|in|with|from|against|under|across|using)\s*(?:[?.!]|$)", re.I)
_YES_NO = re.compile(r"^\s*(?:is|are|does|do|did|can|could|was|were|has|have|will|would)\b", re.I)


# A question sentence opening with what its results are measured against ("Compared with FooLib, ...").
_AGAINST_LEAD = re.compile(r"\s*(?:relative\s+to|compared\s+(?:with|to)|against|versus|vs\.?|over)\s+\S", re.I)


# "In the FooNet paper, ...", "For the tiled one: ...": a prepositional lead-in before the interrogative.
_LEAD_IN = re.compile(r"\s*(?:in|for|on|with|among|about)\s+(?:the|a|an|this|that)\s+(?:(?!\b(?:what|which|how|who|whom|whose|when|where|why)\b)[^,:?])+[,:]\s*(?=(?:what|which|how|who|whom|whose|when|where|why)\b)", re.I)


# A lead set off by a colon or a dash ("FooNet: ...", "the X system (FooNet) — ...").
_SET_OFF = re.compile(r":\s|\s[—–-]+\s")


def _asked_after_subject(q: str, plan: Plan) -> set[str]:
    """The words after a lead that names the question's paper, set off by a colon or dash
    (empty when there is no such lead); or the words outside a question sentence's lead-in
    naming the paper ("In the FooNet work, what ..."): statements before it may tell what is
    asked ("X caches only half of Y. What's the reason?")."""
    if (m := _SET_OFF.search(q)) and any(t.by == "name" and as_word(t.phrase).search(q[: m.start()]) for t in plan.targets):
        # ("X names three causes - what are they, and ...": a pronoun asks what the lead set out.)
        return set(content_words(q if PRONOUN_PART.match(q, m.end()) else q[m.end():]))
    statements, asked = split_statements(q)
    # (A lead-in is split off as a statement: the part after the statements' last full stop.)
    said, lead = re.match(r"(.*[.!?]\s+|)(.*)$", statements, re.S).groups()
    if lead and not lead.rstrip().endswith((".", "!", "?")) and asked and any(t.by == "name" and as_word(t.phrase).search(lead) for t in plan.targets):
        return set(content_words(f"{said} {asked}"))
    return set()


class AspectReader:
    """The asked aspect of a planned question (mixed into the planner: needs `self.names`
    and `self.settings`)."""

    def _aspect(self, q: str, plan: Plan) -> None:
        # "In the thesis about Foo techniques, what speedup ...": a lead-in says which
        # paper, and its words ("techniques") ask nothing.
        cue = q[m.end():] if (m := _LEAD_IN.match(q)) else q
        if plan.kind is Kind.AGGREGATE:
            plan.aspect = Aspect.LIST
            asked_of_each(q, plan)
        elif plan.kind is Kind.METADATA:
            plan.aspect = Aspect.RECORD
        elif asks_number(cue) or asked_unit(cue):  # ("what power in mW": a unit named asks a number)
            plan.aspect = Aspect.NUMBER
        elif self._in_situ_thing(cue):
            pass  # a thing asked, whatever method or measure the rest names
        elif (m := _DEFINE_Q.match(cue)) and len(content_words(m.group(1))) <= 2 + len(plan.targets):
            plan.aspect = Aspect.DEFINITION
        elif _CALLED_Q.search(cue):  # "what is the algorithm called": the sentence naming it
            plan.aspect = Aspect.DEFINITION
        elif (m := _WH_PHRASE.search(cue)) and not _METHOD_HEAD.match(m.group()) and not _PROBLEM_HEAD.match(m.group()) and not self._thing(m):
            # "what energy savings did their design get": the asked phrase names a measure; a
            # method's word after it is the subject's.
            plan.aspect = Aspect.NUMBER
        elif _HOW_HANDLED.search(cue) or ((m := _WH_PHRASE.search(cue)) and _METHOD_HEAD.match(m.group())):
            # ("which three steps do they take against the cache stalls": the asked noun is a
            # method's, whatever problem it is for.)
            plan.aspect = Aspect.METHOD
        elif _PROBLEM_Q.search(cue):
            plan.aspect = Aspect.PROBLEM
        elif _METHOD_Q.search(cue) or _PROPOSED.search(cue):
            plan.aspect = Aspect.METHOD
        elif _YES_NO.match(cue):
            plan.aspect = Aspect.YES_NO
        named = {x.lower() for x in plan.specifics if looks_like_name(x)}  # "with BarLib" names no measure
        asked_q = split_statements(q)[1] or q  # statements before it describe, not ask
        # ... and so does a lead-in before the interrogative ("For the framework built on X, what gain ...").
        asked = set(content_words(asked_q[m.start():] if (m := re.search(r",\s*(?:what|which|how)\b", asked_q, re.I)) else asked_q))
        # ("Which compiler does X use to lower its graphs": a thing, whatever measure the rest names.)
        unnamed = asked_q
        for t in plan.targets:
            unnamed = as_word(t.phrase).sub(" ", unnamed)
        if plan.aspect is Aspect.GENERAL and not self._picks_thing(asked_q) and not _OBJECT_ASKED.match(" ".join(unnamed.split())) and self._quantity_noun([w for w in plan.topic_terms if w not in named and w in asked]):
            plan.aspect = Aspect.NUMBER
        described = {w for t in plan.targets if t.by == "description" for w in content_words(t.phrase)}
        plan.aspect_terms = [w for w in plan.topic_terms if w not in described]
        if plan.kind is Kind.FACTOID and (rest := _asked_after_subject(q, plan)):
            # "the cache that evicts by age (FooCache) — its average hit rate?": the lead
            # with the paper's name says which paper; what follows asks.
            plan.aspect_terms = [w for w in plan.aspect_terms if w in rest] or plan.aspect_terms
        baselines = [x for x in plan.specifics if looks_like_name(x) and _BASELINE_BEFORE.search(q[: max(q.find(x), 0)])]
        if plan.kind is Kind.COMPARATIVE:
            plan.facets = [row for row, _ in possessive_rows(q, plan)] or comparison_facets(q, plan, baselines)
            # A lead-in before the question's colon or dash labels the asked aspect only in
            # words a compared paper uses ("peak power: ..."), not the asker's ("Settle a bet: ...").
            lead = _SET_OFF.split(q, maxsplit=1)[0].strip()
            texts = [f"{p.title} {p.abstract}" for t in plan.targets for pid in t.paper_ids if (p := self.names.papers.get(pid))]
            if lead in plan.facets and texts and not any(coverage(content_words(lead), x) for x in texts):
                plan.facets.remove(lead)  # (... nor do its words qualify what is asked: "AMD-side work: ...")
                plan.specifics = [x for x in plan.specifics if x.lower() not in lead.lower()]
            # Words of the subjects' own phrases ("the PyTorch CNN whitepaper") qualify nothing.
            if span := subject_span(q, [t.phrase for t in plan.targets]):
                plan.specifics = [x for x in plan.specifics if x.lower() not in q[span[0]: span[1]].lower()]
            described = " ".join(t.phrase.lower() for t in plan.targets if t.by == "description")
            plan.specifics = [x for x in plan.specifics if x.lower() not in described]
            # ... nor does a word heading a work's phrase ("the FooBar-to-Baz paper (alias)"): it
            # says which paper, whatever phrase found that paper.
            plan.specifics = [x for x in plan.specifics if not re.search(
                rf"\bthe\s+(?:[\w-]+\s+){{0,2}}{re.escape(x)}\s+(?:[\w-]+\s+){{0,2}}(?:{WORK_NOUNS})\b", q, re.I)]
            bind_qualifiers(q, plan)
        elif plan.kind is Kind.FACTOID:
            # ("For the work that tiles X: which kernel ..., and what ...": the lead says which paper.)
            # (A quoted title in it may hold a "?": "the 'are we done?' study: how ...".)
            plan.facets = [re.sub(r"^(?:[^:?'\"‘“’]|(?<=\w)['’]|(?<!\w)['‘\"“][^'’\"”]*['’\"”](?!\w))*:\s+(?=(?:what|which|how|who|whom|where|when|why)\b)", "", f, flags=re.I)
                           for f in parts(asked_q, split_statements(q)[0])]
        # Measured against a baseline, or asking "how much": the row's answer is a number.
        # ("what trick cuts the delay" asks a method, whatever measure it names.)
        # ("which board was the second run on": "the second" is a paper, no time.)
        plan.baseline_facets = [f for f in plan.facets if f == BASELINE_FACET]
        # "on which board B runs", "what kernel A is using": an informal question drops its
        # auxiliary, and the paper's name follows the asked noun instead.
        subjects = "|".join(re.escape(t.phrase) for t in plan.targets if t.phrase)
        heads = {m.group(1).lower() for m in re.finditer(rf"\b(?:which|what)\s+((?:(?!{_AUX}\b)[\w/-]+\s+){{0,2}}?(?!{_AUX}\b)[\w/-]+)\s+(?:{subjects})(?![\w-])", asked_q, re.I)
                 if self._thing(m) and not _PROBLEM_HEAD.match(m.group())} if subjects else set()
        # (A row made of the question's words, when the question picks a kind of thing: no amount.)
        kind_asked = plan.facets_inferred and self._picks_thing(asked_q)
        # ("which ASIC came out ahead": a part picking one of a kind asks a name, however it is judged;
        # not "what FID does it reach", an acronym's measure.)
        plan.numeric_facets = [f for f in plan.facets if f not in plan.baseline_facets and not _NO_AMOUNT.match(f) and not _CALLED_Q.search(f)
                              and not kind_asked and not ((k := _ACRONYM_KIND.match(_PREPOSITION.sub("", f).strip())) and k.group().lower().startswith("which") and not dimension(k.group(1))) and (
            asks_number(f) or (self._quantity_noun(content_words(_ORDINAL.sub(" ", f)))
                                    and not _METHOD_HEAD.match(f) and not _HOW_DOES.match(f) and not self._asks_thing(f, heads))
            or any(b in f for b in baselines) or bool(_REPORTED.match(f))
            # ("Against FooLib, what does each give?": a result against a baseline is a number.)
            or (len(plan.facets) == 1 and _AGAINST_LEAD.match(sentences(q)[-1]) and not (_METHOD_HEAD.match(f) or _HOW_DOES.match(f) or self._asks_thing(f))))]
        # "what latency figure does each give": the cue left the row; "which shrinks the index
        # more", "does A or B use fewer nodes": a comparison of degree sets amounts side by side.
        if len(plan.facets) == 1 and not plan.baseline_facets and (asks_number(asked_q) or (plan.kind is Kind.COMPARATIVE and _DEGREE.search(asked_q))):
            plan.numeric_facets = list(plan.facets)
        # "the trick each relies on", or "how does each pick ...": what each paper's method is.
        # ("which camera was the tracking design tested with" asks for a camera, whatever method it names.)
        # A single part of a question asking how ("how do A and B differ in the kind of X"):
        # the question's own words ask it, not a described paper's ("the FooBar design").
        blanked = q
        for t in plan.targets:
            blanked = blanked.replace(t.phrase, " ")
        asks_how = len(plan.facets) == 1 and bool(_METHOD_Q.search(blanked))
        # "Which GPU does each use?": a sentence naming one answers it (not "which speedup", a
        # measure, nor "which technique", a method).
        things = [content_words(m.group(1)) for m in _WH_THING.finditer(asked_q)
                  if not _METHOD_HEAD.match(asked_q[m.start():]) and not _PROBLEM_HEAD.match(asked_q[m.start():]) and self._thing(m)] + [content_words(h) for h in heads] \
            + [content_words(m.group(2)) for m in [self._in_situ_thing(asked_q)] if m] \
            + [content_words(m.group(1)) for m in _TERSE_THING.finditer(asked_q)]
        # (A part inferred from such a question, "chip" of "which chip does each target", names
        # the thing, though the question reads as one about methods; not what a work proposes,
        # "what remedy does each propose", its method whatever the noun.)
        picked = [f for f in plan.facets if plan.facets_inferred and not _PROPOSED.search(asked_q)
                  and any(set(t) & set(content_words(f)) for t in things)]
        plan.method_facets = [f for f in plan.facets if f not in plan.numeric_facets + plan.baseline_facets and f != "approach" and (
            _METHOD_Q.search(f) or _PROPOSED.search(f) or ((plan.facets_inferred or asks_how) and plan.aspect is Aspect.METHOD and f not in picked))
            and not ((wh := _PREPOSITION.sub("", f)) and _WH_NOUN.match(wh) and not _METHOD_HEAD.match(wh) and not _PROPOSED.search(wh))]
        plan.named_facets = [f for f in plan.facets if f not in plan.numeric_facets + plan.method_facets + plan.baseline_facets
                             and any(set(t) & set(content_words(f)) for t in things)]
        if not plan.facets and things and plan.aspect is Aspect.GENERAL:
            plan.named_facets = [""]
        # (A part of a many-part question asking no number may pick one, though another asks a number.)
        if (m := _ACRONYM_KIND.search(asked_q) or _ONE_OF_KIND.search(q)) and (plan.aspect is not Aspect.NUMBER or any(
                m.group(1) in f for f in plan.facets if m.group(1) and f not in plan.numeric_facets)):
            # (A unit, "what TFLOPS", is a measure asked, no kind of thing.)
            plan.named_kind = "" if dimension(m.group(1) or m.group(2)) else m.group(1) or m.group(2)

    def _picks_thing(self, question: str) -> bool:
        """Does `question` pick a thing of a kind ("which compiler does X use", "X runs on which
        board?")? (Not "what": it may ask an amount, and the corpus's measure words are too rough
        to tell.) After a lead-in ("FooNet tuning: on which boards ...?"), what follows it asks."""
        question = re.split(r":\s+|\s[—–-]+\s", question)[-1]
        return (bool(re.match(r"\s*(?:which\b|what\s+(?:kinds?|types?|sorts?)\s+of\b)", _PREPOSITION.sub("", question), re.I)) and self._asks_thing(question)) \
            or bool((m := _WH_THING.match(question.strip())) and _STRANDED.match(m.string, m.end())) \
            or bool(self._in_situ_thing(question)) \
            or bool((m := _ACRONYM_KIND.match(question.strip()))
                    and not self._quantity_noun([m.group(1)]) and not re.fullmatch(SI_UNIT, m.group(1)))  # ("what GPU hardware"; not "what TFLOPS", a unit)

    def _in_situ_thing(self, question: str) -> re.Match | None:
        """The interrogative left in place at the end, when it asks a thing ("X is tested on which
        boards?"): its noun in group 2."""
        m = _IN_SITU.search(question)
        return m if m and self._thing(m, 2) else None

    def _asks_thing(self, part: str, heads: set[str] = frozenset()) -> bool:
        """Does `part` open by asking for a thing by its kind ("which GPUs is it run on", "what
        benchmark does it use")? "which" picks things, whatever their kind; "what" does unless
        its noun is a measure ("what speedup does it report"). `heads`: the things asked before
        a paper's name where the auxiliary was dropped ("which board B runs on")."""
        part = _PREPOSITION.sub("", part.strip())
        return bool(_OBJECT_ASKED.match(part)) or (bool(m := _WH_THING.match(part)) and self._thing(m)) \
            or any(re.match(rf"(?:which|what)\s+{re.escape(h)}(?![\w-])", part, re.I) for h in heads)

    def _thing(self, m: re.Match, noun: int = 1) -> bool:
        """Is the `_WH_THING` match `m` (its noun in group `noun`) a thing, not a measure, asked
        by its kind? ("what kind of sensor": a kind is no amount, whatever its noun; "what
        corpus is each tested on": the object of a stranded preposition is a thing.)"""
        wh = m.group(1).lower() if noun == 2 else m.group().lower()
        return wh.startswith("which") or bool(re.match(r"(?:kinds?|types?|sorts?|forms?|class|classes|family|families)\s+of\b", m.group(noun), re.I)) \
            or not self._quantity_noun(content_words(m.group(noun))) or bool(_STRANDED.match(m.string, m.end()))

    def _quantity_noun(self, terms: list[str]) -> bool:
        """Does the question ask for a measure ("accuracy", "speedup")? Words that the corpus
        states with a number most of the time are measures."""
        affinity = self.names.quantity_affinity

        def ratio(t: str) -> float:  # a compound the sample never used ("power-efficiency") by its parts
            return affinity[stem(t)] if stem(t) in affinity else max(affinity.get(stem(x), 0.0) for x in t.split("-"))
        return any(ratio(t) >= self.settings.quantity_affinity for t in terms[:6])
