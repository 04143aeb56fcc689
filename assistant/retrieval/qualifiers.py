"""Which qualifiers of a question ("on OPT-175B", "over vLLM", "4-bit") bind which compared paper,
and which named systems or phrases are qualifiers rather than papers compared: a baseline a described
paper is measured against, a system the collection lacks, a phrase a result is set against,
the words describing a named paper.

Out of scope: which papers are compared (planner.py, compared.py); whether a paper's text has a
qualifier (answer/absence.py).
"""

from __future__ import annotations

import calendar
import re

from ..models import Aspect, Kind, Plan, Target
from ..text import SYMBOLS, as_word, content_words, quantities
from ..units import amounts_in
from .compared import coordinated
from .courtesy import addressed
from .facets import _EXAMPLES, in_examples, split_statements
from .phrasing import _UNSPECIFIC, _WORK_PHRASE, WORK_NOUNS, _names

# What a result is measured against, when written as a phrase ("compared with plain NCCL").
_BASELINE_PHRASE = re.compile(r"\b(?:compared\s+(?:with|to)|relative\s+to|than|versus|vs\.?)\s+(?:(?:the|a|an)\s+)?"
                              r"((?:[\w-]+\s+){0,3}?[\w-]+)(?=\s*(?:[,?.;:]|$)|\s+(?:on|in|for|with|when|at|under|while|and|across|by)\b)", re.I)


_PROPER_SETTING = re.compile(r"\b(?:on|in|with|using|for|over|against|under|via|from)\s+(?:(?:an?|the)\s+)?((?-i:[A-Z][a-z]{2,})(?:\s+(?-i:[A-Z][a-z0-9]+))*)\b")
# "4-bit", "40%", "8GB"; and a numbered label, "in Zone 4" (not "For 8 GPUs").
_NUMBERED = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?:[-\s]?(?:bit|%|x|B|GB|K))\b|(?<=[\w;)] )[A-Z][a-z]{2,} \d{1,3}\b(?![.,]?\d)")
# A count made an adjective in the setting a result is asked in: "on the 12-node test bed",
# "with a 3-stage pipeline" (not "its 8-layer variant": the paper's own thing, however it names it).
_COUNT_SETTING = re.compile(r"\b(?:on|in|with|for|over|under|across|at|using|via)\s+(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,2}?"
                            r"(\d+-(?-i:[a-z]+))\b(?!-)", re.I)


# A count of things: "2,048 nodes", "8 GPUs" (a plural after a bare number; not "2x", "4-bit", a year).
COUNTED = re.compile(r"(?<![\w.,$/-])(\d{1,3}(?:,\d{3})+|\d+)\s+(?!(?:is|was|has|does|this|its|as|us|thus|plus|less|times|across|always)\b)(?-i:[A-Za-z][\w-]*[A-Za-z]s)\b")


# A symbol's name as a word ("beta", not "alphabet").
_SYMBOL_NAME = re.compile(rf"(?<![\w-])(?:{'|'.join(SYMBOLS)})(?![\w-])")
# A point of a distribution a number is asked at: "the median latency", "the 95th percentile"
# (a paper stating another, "at most 2 s", does not report it; "p99" is a setting as any word with
# digits is). Not "average"/"mean": papers say "on average" of a typical figure loosely.
_STATISTIC = re.compile(r"\b(?:median|\d{2}(?:\.\d+)?(?:th|st|nd|rd)[- ]percentile)\b", re.I)

_MAKER_KIND = re.compile(r"(?<=[a-z,] )((?-i:[A-Z][a-z]+)(?:/(?-i:[A-Z][a-z]+))?)\s+(?-i:[A-Z]{2,})s?\b")


def settings_named(q: str, plan: Plan, asked: tuple[int, int], rare) -> None:
    """Add to `plan.specifics` the settings the question sentence (from `asked[0]`) names
    outside examples: numbers with a unit, numbered labels, and a capitalised word few papers use
    (`rare(word)`: no title-cased word of the whole field) after a preposition, "on a Foobar
    Mini", "with Quxlang"."""
    for m in _PROPER_SETTING.finditer(q):
        if not asked[0] <= m.start(1) < asked[1] or in_examples(q, m.start(1)):
            continue
        # ("with the Acme Quxboard Nano": from its first word few papers use, after a maker all use.)
        words = m.group(1).split()
        if (first := next((i for i, w in enumerate(words) if rare(w)), None)) is None:
            continue
        run = " ".join(words[first:])
        if not any(run.lower() in x.lower() or x.lower() in run.lower() for x in plan.specifics + [t.phrase for t in plan.targets]):
            plan.specifics.append(run)
    plan.specifics += [m.group() for m in _NUMBERED.finditer(q) if m.group() not in plan.specifics and m.start() >= asked[0]
                       and not in_examples(q, m.start()) and (m.group()[0].isdigit() or content_words(m.group().split()[0]))]
    plan.specifics += [m.group(1) for m in _COUNT_SETTING.finditer(q) if m.start(1) >= asked[0] and not in_examples(q, m.start(1))
                       and not any(m.group(1) in x for x in plan.specifics) and not re.search(r"\b(?:its|their|our|my)\b", m.group())]
    # An amount in any unit the asker sets ("under a 96KB budget", "at 1.2 GHz").
    plan.specifics += [m.group() for m in amounts_in(q) if m.start() >= asked[0] and not in_examples(q, m.start())
                       and not any(m.group() in x or x in m.group() for x in plan.specifics)]
    # "target Quxel FPGAs": a maker's name before a kind of hardware the asker sets (mid-sentence: no opening word).
    # (Not in what the asker tells after the question, `asked[1]` on: "..., we mostly use Quxel FPGAs.")
    named = {t.phrase.lower() for t in plan.targets}
    plan.specifics += [w for m in _MAKER_KIND.finditer(q) if asked[0] <= m.start() < asked[1] and not in_examples(q, m.start())
                       for w in m.group(1).split("/") if w not in plan.specifics and w.lower() not in named]
    plan.specifics += [m.group() for m in _STATISTIC.finditer(q) if asked[0] <= m.start() < asked[1] and not in_examples(q, m.start())
                       and m.group() not in plan.specifics]
    # A tunable value asked by its symbol's name, written as symbols are ("which smoothing beta", "its
    # tau and kappa"): a paper that never writes the symbol does not state its value. (In
    # parentheses too, "(the tau value)": a symbol is how the asked thing is named, no example.)
    plan.specifics += [m.group() for m in _SYMBOL_NAME.finditer(q)
                       if asked[0] <= m.start() < asked[1] and not any(e.start() <= m.start() < e.end() for e in _EXAMPLES.finditer(q))
                       and m.group() not in plan.specifics]
    # "run across 2,048 nodes": a count of things the asker sets; the paper must state that count.
    plan.specifics += [m.group() for m in COUNTED.finditer(q) if m.start() >= asked[0] and not in_examples(q, m.start())
                       and not re.fullmatch(r"(?:19|20)\d\d", m.group(1)) and not any(m.group() in x for x in plan.specifics)]


# Months and weekdays: capitalised, and no name ("the March 2021 preprint").
_CALENDAR = {w.lower() for w in [*calendar.month_name, *calendar.month_abbr, *calendar.day_name] if w}


def unused_name(q: str, m: re.Match, asked: tuple[int, int], names) -> str:
    """"The work that ports Quxa kernels": a capitalised word `m` inside the question sentence
    (`asked`, its span) that no paper's text uses at all, nor any author's name, is a name the
    collection lacks; whatever paper is meant must mention it. Returns it with the capitalised
    words after it ("a Quxa Mini board"), or "". (A word some paper uses is vocabulary, and the
    asker's own setting told after the question, "we use Quxa.", qualifies nothing.)"""
    word = m.group()
    # (Mid-sentence, after a lower-case word or another name: "on Zeta Quxa boards".)
    if not (re.fullmatch(r"[A-Z][a-z]{2,}", word) and re.search(r"[A-Za-z0-9,]\s+$", q[: m.start()]) and asked[0] <= m.start() < asked[1]):
        return ""
    if word.lower() in _CALENDAR or names.papers_with(word.lower()) != frozenset() or names.records.in_author_name(word.lower()) \
            or addressed(q, m.start(), m.end()):
        return ""
    return word + re.match(r"(?:\s+(?-i:[A-Z][A-Za-z0-9]+))*", q[m.end():]).group()


def bind_qualifiers(q: str, plan: Plan) -> None:
    """A qualifier written with one compared paper binds that paper only: in "A's 4-bit model
    against B on the FooBoard", 4-bit is A's and the FooBoard B's; in "A and B on the FooBoard"
    the board is both papers'. A parenthesis right after a name is that paper's ("A vs B (the
    one with d8 subnets)"). What comes before the first paper is asked of all."""
    low = q.lower()
    spots = sorted((i, t.phrase, t.paper_ids) for t in plan.targets
                   if t.paper_ids and (i := low.find(t.phrase.lower())) >= 0)
    if len(spots) < 2:
        return
    joined = coordinated(q, [t for t in plan.targets if t.paper_ids and t.phrase.lower() in low])
    ends = [m.end() for m in re.finditer(r"[.?!](?=\s|$)", q)]  # where the question's sentences end
    for x in plan.specifics:
        at = low.find(x.lower())
        if at < 0:
            continue
        for i, phrase, ids in spots:
            aside = re.match(r"\s*\(([^()]*)\)", q[i + len(phrase):])
            if aside and i + len(phrase) + aside.start(1) <= at < i + len(phrase) + aside.end(1):
                plan.bound[x] = list(ids)
                break
        else:
            # Papers named, then asked one by one ("A and B. A: ...? B: ... on FooSet?"): a
            # sentence naming one paper binds its settings to it.
            start, end = max([e for e in ends if e <= at], default=0), min([e for e in ends if e > at], default=len(q))
            if len(own := {tuple(ids) for _, phrase, ids in spots if _names(phrase, q[start:end])}) == 1:
                plan.bound[x] = list(next(iter(own)))
                continue
            if joined:
                continue
            # "the 4-bit FooNet model (A), or B": a stretch between commas naming one paper is its
            # own; so is a side of "vs" ("A's board vs the 8-bit model in B").
            joints = [(m.start(), m.end()) for m in re.finditer(r"[,;:]|\s(?:vs\.?|versus)\s", q, re.I)]
            a = max([e for _, e in joints if e <= at], default=0)
            b = min([st for st, _ in joints if st >= at] + [i for i in [q.find("?", at)] if i >= 0] + [len(q)])
            alone = [ids for i, _, ids in spots if a <= i < b]
            if not alone and (agent := re.match(r",\s*by\s", q[b:])):
                # "the gain claimed, against X, by the Y system": an aside before the agent is the agent's.
                end = min([st for st, _ in joints if st > b + agent.end()] + [len(q)])
                alone = [ids for i, _, ids in spots if b < i < end][:1]
            before = [ids for i, _, ids in spots if i + 1 <= at]
            if len(alone) == 1 or before:
                plan.bound[x] = list(alone[0] if len(alone) == 1 else before[-1])


# A work and the clause saying what it does: "the system where ...", "that paper in which ...".
_DESCRIBING = re.compile(rf"\b(?:the|that|this|a|an)\s+(?:[\w-]+\s+){{0,3}}?(?:{WORK_NOUNS})\s+(?:where|in\s+which|whose|that|which)\b"
                         r"(?:(?!\s-+\s|\b(?:what|which|how|who|when|where|why)\b)[^,;:?—–])*", re.I)


def drop_describing(q: str, plan: Plan) -> None:
    """Words of a phrase describing the named paper ("the in-cache sorting work (FooNet)", "FooNet,
    the sparse-MoE system, ...") say which paper, not a setting its answer must mention."""
    for m in _WORK_PHRASE.finditer(q):
        if any(t.phrase.lower() in m.group().lower() or re.match(rf"\s*[(,]\s*{re.escape(t.phrase)}\b", q[m.end():])
               or re.search(rf"\b{re.escape(t.phrase)}\s*,\s*$", q[: m.start()]) for t in plan.targets if t.by == "name"):
            plan.specifics = [x for x in plan.specifics if x.lower() not in m.group().lower()]
    # ... and of the phrase that found a described one ("the engine in which the FooOp unit signals
    # ..."): it says which paper, in its own words, not a setting its abstract must repeat.
    if any(t.by == "description" and t.paper_ids for t in plan.targets):
        for m in _DESCRIBING.finditer(q):
            plan.specifics = [x for x in plan.specifics if not as_word(x).search(m.group())]


def baselines_qualify(plan: Plan, context: list[Target]) -> None:
    """A paper named as what a described paper's rival is measured against ("B reports a
    speedup over C") is no column of the comparison: a qualifier of B."""
    plan.specifics += [t.phrase for t in plan.targets if t.baseline and t not in context and t.phrase not in plan.specifics]
    plan.targets = [t for t in plan.targets if not t.baseline or t in context]

def against_absent(q: str, plan: Plan) -> None:
    """"How does X's bandwidth compare with Y?" with Y not in the collection: a number of
    X measured against Y, answerable only if X's paper reports it, so Y qualifies X (as "than
    Y" would). A comparison asking no number still describes X and says Y is missing."""
    found = [t for t in plan.targets if not t.missing]
    # (... named in the question sentence: one only the statements name is measured against nothing asked.)
    if plan.kind is not Kind.COMPARATIVE or len(found) != 1 or len(plan.targets) < 2 \
            or not any(as_word(t.phrase).search(split_statements(q)[1]) for t in plan.targets if t.missing) \
            or not [f for f in plan.numeric_facets if f != "approach"]:
        return
    absent = [t.phrase for t in plan.targets if t.missing]
    plan.kind, plan.aspect = Kind.FACTOID, Aspect.NUMBER
    plan.specifics += [x for x in absent if x not in plan.specifics]
    plan.facets, plan.numeric_facets, plan.facets_inferred = [], [], False
    plan.targets = found  # the absent system is now what the answer must mention


def against_phrase(q: str, plan: Plan) -> None:
    """"What speedup does X get compared with tiled decoding?": a result against that phrase,
    so X's paper must mention it (a qualifier)."""
    for m in _BASELINE_PHRASE.finditer(q):
        # ("how much cheaper than the ring kernel is it": the phrase ends at its verb.)
        phrase = re.split(r"\s+(?:is|are|was|were|does|do|did|has|have|had|can|could|will|would)\b", m.group(1).strip(), flags=re.I)[0]
        # ("cheaper than the original": the forerunner of the work asked about, no phrase to find.)
        # (Not an amount, "than 2x" or "than 8 GPUs"; a term with a digit is a phrase, "than 2D tiling".)
        if content_words(phrase) and not _UNSPECIFIC.search(phrase) and not quantities(phrase) and not re.match(r"[\d.,]+(?:\s|$)", phrase) \
                and not re.fullmatch(r"original(?:\s+(?:one|version|paper|work|system|method))?", phrase, re.I) \
                and not any(x.lower() in phrase.lower() for x in plan.specifics + [t.phrase for t in plan.targets]):
            plan.specifics.append(phrase)


# A work described by a relative clause, to the next comma: "the method that pairs two FooNets".
# ("the study comparing FooNet with BarNet": a participle clause is a relative one too.)
_RELATIVE_WORK = re.compile(rf"\b(?:the|a|an)\s+(?:[\w-]+\s+){{0,3}}?(?:{WORK_NOUNS}|one)\s+(?:that|which|whose|[a-z]+ing)\b[^,;?]*", re.I)


def place_unknown(q: str, plan: Plan, unknown: list[str], compare: bool) -> None:
    """Where the question's name-like words the collection lacks go: a missing paper when the
    question is about papers as such, else a qualifier the paper's abstract may lack."""
    # "AB/CD formats": a word slashed to another is one of a pair of variants, no paper.
    slashed = [u for u in unknown if re.search(rf"/{re.escape(u)}(?![\w-])|(?<![\w-]){re.escape(u)}/", q)]
    plan.specifics += slashed
    # "the paper that ... proposes a sturdier FooNet": a word of a description, no paper.
    described = [m.span() for m in _RELATIVE_WORK.finditer(q)]
    # "FooNet (the d8 variant)": an aside right after a paper's name qualifies that paper.
    # After a name two records share, it says which record ("FooNet (the arXiv preprint)").
    asides = [((a.start(1), a.end(1)), len(t.paper_ids) == 1) for t in plan.targets if t.paper_ids
              for a in re.finditer(re.escape(t.phrase) + r"\s*\(([^()]*)\)", q, re.I)]
    plan.specifics += [u for u in unknown if any(a <= q.find(u) < b for (a, b), one in asides if one)]
    described += [span for span, _ in asides]
    # "for a large NN", "on an XY-9": a thing of a kind, which no paper's name is said as.
    kind_of = [u for u in unknown if re.search(rf"\b(?:a|an)\s+(?:[a-z][\w-]*\s+){{0,2}}{re.escape(u)}(?![\w-])", q)]
    asked_from = q.rfind(split_statements(q)[1])
    plan.specifics += [u for u in kind_of if q.find(u) >= asked_from]
    unknown = [u for u in unknown if u not in slashed and u not in kind_of
               and not any(a <= i < b for a, b in described for i in [q.find(u)])]
    if compare or not (plan.targets or plan.authors):  # beside named people: a qualifier of their work
        plan.targets += [Target(u, []) for u in unknown]
    else:  # (the asker's own setting, "I have an XY-9 box.", qualifies nothing asked)
        plan.specifics += [u for u in unknown if q.find(u) >= asked_from]
