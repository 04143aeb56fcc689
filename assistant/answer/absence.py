"""What a paper does not report of what is asked: the check behind every refusal, whole or
in part. The asked thing is *absent* when a qualifier the question insists on ("on CIFAR-10",
"4-bit", "over vLLM") occurs nowhere in the paper; when a thing of a kind that goes by product
names is asked ("which GPU") and the paper names none; when a number of a counted thing or a
named measure is asked and the chosen sentences state none of it; when a number is asked and
they state none at all; or when a level is asked ("what absolute latency") and they state only
changes ("a 3 ms cut"). (A rule "too few of the aspect's words and a weak best sentence" was
tried and dropped: on the dev split no threshold refused a near-miss without refusing
answerable questions that use other words: see eval/calibrate.py's history.)

Out of scope: choosing the sentences (evidence.py); wording the refusal (composers).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..corpus import Paper
from ..models import Aspect, Kind, PaperEvidence, Plan
from ..retrieval.phrasing import WORK_NOUNS
from ..retrieval.measures import asks_change, named_amounts
from ..retrieval.qualifiers import COUNTED
from ..retrieval.facets import AGAINST_WHICH
from ..text import SYMBOLS, AGAINST_WORDS, NAME_TOKEN, QUANTITY, as_word, content_words, looks_like_name, plain_latex, quantities, sentences, spells, stem, stems, stopwords, writes_symbol
from ..series import sibling_only, size_only
from ..units import dimension, dimension_named, measured_in, states_dimension
from .naming import unnamed_product
from .number_context import changes_only, number_neighbours, states_change

# A count of a model's parameters, as its size is often given ("13B parameters", "7B-param").
_PARAMETERS = re.compile(r"(?<![\w.])\d+(?:\.\d+)?\s*[KMBT]\b[\s-]*param", re.I)
# A number in a unit of some quantity ("18GB", "40 ms"), not a ratio ("2x", "41%") or a bare count.
_ABSOLUTE = re.compile(r"\d\s*-?(?!(?:\\?%|x|×|times|\\times|bits?|pp)$)[^\d\s.,-]", re.I)


@lru_cache(maxsize=256)
def as_unit(measure: str) -> re.Pattern:
    """A number with the counted thing as its unit: "6-bit exponent" counts bits."""
    return re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*\s*-?" + re.escape(stem(measure)), re.I)


# What a result is measured against: the words after a comparison word.
_AGAINST = re.compile(rf"\b(?:{AGAINST_WORDS})\s+(.{{0,80}})", re.I)
# "Which prior baseline does X beat?": a rival asked for by its kind. ("What gain over prior
# work" asks the gain: the rival is its qualifier.)
WHICH_RIVAL = re.compile(rf"^\W*(?:which|what)\s+(?:(?!(?:{AGAINST_WORDS}|compared|relative)\b)[\w-]+\s+){{0,3}}?(?:baselines?|competitors?|rivals?|prior\s+(?:systems?|works?|methods?))\b", re.I)


# "Which engine is FooNet compared against?", "what does it beat on GLUE": the asked thing is
# the object of a comparison verb, so the answer names the rival.
_ASKED_AGAINST = re.compile(r"^\W*(?:which|what)\b(?:(?![,;]).)*?\b(?:(?:compared|measured|benchmarked|evaluated|tested|pitted)\s+(?:against|with|to)"
                            r"|outperform(?:s|ed)?|beats?|beaten|surpass(?:es|ed)?)(?:\s+(?:on|in|at|for|by|across)\b[^,;]*)?\W*$", re.I)


def asks_rival(plan: Plan, facet: str | None) -> bool:
    """Does the row (or, with no facet, the question) ask for a rival by its kind?"""
    asked = facet if facet is not None else plan.question
    return bool(WHICH_RIVAL.match(asked) or _ASKED_AGAINST.match(asked) or AGAINST_WHICH.match(asked))


def known_names(plan: Plan, p: Paper) -> set[str]:
    """The name-like tokens of the question and the paper's title, lower case: naming one of
    them says nothing new."""
    return {t.lower() for t in NAME_TOKEN.findall(f"{plan.question} {p.title}")}


def part_stems(words) -> set[str]:
    """The stems of `words` and of each hyphenated word's parts ("TPU-day": TPU, day)."""
    return {stem(x) for w in words for x in {w, *w.split("-")} if x}


def names_rival(sent: str, own: set[str], by_name: bool = False) -> bool:
    """Does `sent` name what it measures against: a name (not one of `own`), or (unless
    `by_name`) a baseline after a comparison word?"""
    return any((not by_name and re.search(r"\bbaselines?\b", m.group(1), re.I)) or any(
        looks_like_name(t) and t.lower() not in own for t in NAME_TOKEN.findall(m.group(1))) for m in _AGAINST.finditer(sent))


# A count written out ("on seven tasks"): how abstracts state small counts.
SPELLED_COUNT = r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|dozens?\s+of|hundreds?\s+of)\b"


@lru_cache(maxsize=256)
def counts_of(measure: str) -> re.Pattern:
    """A count of `measure`, in digits or words, within a few words of it ("seven held-out test
    sets", "12 GPUs", "6-bit")."""
    unit = re.escape(stem(measure))
    # (A count may be a variable, or a product of them: "K experts", "M times N layers".)
    # (Not the words "A" and "I".)
    symbol = r"(?<![\w.])(?-i:[B-HJ-Z])(?:\s*(?:times|×|\*)\s*(?-i:[A-Z]))?"
    return re.compile(rf"(?:{QUANTITY.pattern})\s+(?:[\w-]+\s+){{0,3}}?{unit}|{symbol}\s+{unit}|{SPELLED_COUNT}\s+(?:[\w-]+\s+){{0,5}}?{unit}|{as_unit(measure).pattern}", re.I)


@lru_cache(maxsize=16384)  # each sentence is normalised again for every facet and paper scored
def norm(text: str) -> str:
    # ("2,048 lanes" is "2048-lane")
    return re.sub(r"[\s\-_]+|(?<=\d),(?=\d{3}(?!\d))", "", plain_latex(text).lower())


def alternatives(q: str, question: str) -> list[str]:
    """The words the question offers beside a qualifier as its alternatives ("peak or per-node",
    "plain FooOpt/BarOpt"; not two names of one work, "the FooLib / BarAttention paper")."""
    x, work = re.escape(q), rf"(?![\w-])(?!\s*(?:[\w-]+\s+)?(?:{WORK_NOUNS})\b)"
    found = re.findall(rf"([\w-]+)(?:,?\s+or\s+{x}(?![\w-])|\s*/\s*{x}{work})"
                       rf"|(?<![\w-]){x}(?:,?\s+or\s+([\w-]+)|\s*/\s*([\w-]+){work})", question)
    return [next(v for v in m if v) for m in found]


# "(Adam? SGD?)", "(8 or 16?)": the asker's guesses at the asked value, in parentheses.
_GUESSES = re.compile(r"\(([^()]*\?)\s*\)")


def guesses(text: str) -> list[str]:
    """The values the asker guesses in parentheses ("which optimizer (Adam? SGD?)"), two or more."""
    out = []
    for m in _GUESSES.finditer(text):
        found = [g.strip(" ,;") for g in re.split(r"\?|,|\bor\b", m.group(1), flags=re.I) if content_words(g) or re.search(r"\d", g)]
        if len(found) >= 2 and (m.group(1).count("?") >= 2 or re.search(r"\bor\b", m.group(1), re.I)):
            out += found
    return out


_WORDS = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()


def count_stated(q: str, raw: str) -> bool:
    """Is the number of a count the asker sets ("across 2,048 nodes") stated, in digits or words
    ("eight GPUs" for "8 GPUs")? True for a qualifier that is no count."""
    if not (m := COUNTED.fullmatch(q)):
        return True
    n = m.group(1).replace(",", "")
    said = [n] + ([_WORDS[int(n) - 1]] if 1 <= int(n) <= len(_WORDS) else [])
    return any(re.search(rf"(?<![\w.]){w}(?![\d]|,\d|\.\d)", raw.replace(",", "") if w.isdigit() else raw, re.I) for w in said)


def _has(st: str, have: set[str]) -> bool:
    """A stem is in `have`, or a clipped one ("param") starts one there ("paramet")."""
    return st in have or (len(st) >= 4 and any(h.startswith(st) for h in have))


def _parts(q: str) -> list[str]:
    """The words of a qualifier written as one ("TPU-day": TPU, day; "torch.nn.Linear": torch,
    nn, Linear), without function words ("in-place": place), whose stems a paper may write apart;
    none for a single word."""
    parts = [x for w in content_words(q) for x in re.split(r"-|(?<=[A-Za-z])\.(?=[A-Za-z])", w) if x]
    return [x for x in parts if x.lower() not in stopwords()] if len(parts) > 1 else []


def _word_stems(sent: str) -> set[str]:
    """The stems of a sentence's words, and of each hyphenated word's parts."""
    return part_stems(re.findall(r"[\w-]+", sent))


def _in_its_units(word: str, said: list[str]) -> bool:
    """Is a number in the units of what `word` names ("time": "30 seconds") stated in `said`?"""
    w = word.rstrip("s")
    return dimension_named(w) and any(states_dimension(x, w) for x in said)


def _head_there(phrase: str, have: set[str]) -> bool:
    """A phrase in plain lower-case words ("than the unpruned network") describes rather than
    names: the paper has it when it has its head, the last word, whatever it says of it. So
    does a phrase hyphenated into one word ("kept-but-idle", "hard-to-cache"): a
    function word among its parts tells it from a name or a term ("int8-fp16", "all-reduce")."""
    if phrase != phrase.lower() or re.search(r"\d", phrase):
        return False
    parts = [x for x in phrase.strip().split("-") if x]
    if " " not in phrase.strip() and not (len(parts) >= 3 and any(x in stopwords() for x in parts)):
        return False
    words = content_words(phrase.replace("-", " ") if " " not in phrase.strip() else phrase)
    return bool(words) and _has(stem(words[-1]), have)


def _unnamed(sent: str, dims: set[str]) -> bool:
    """May a number of `sent` be the measure unnamed? One in a unit of its own ("512 MB") may,
    unless the measure's name says its dimensions (`dims`) and the unit is of another ("what
    recall" is not stated by "on a 24GB card")."""
    if dims:
        # (A share, "76%", is no unit of its own: a sentence states it with the measure's name.)
        return any(states_dimension(sent, d) for d in dims if d != "share")
    return any(map(_ABSOLUTE.search, quantities(sent)))


def absent(plan: Plan, p: Paper, passages: list[str], ev: PaperEvidence, facet: str | None) -> str:
    """What the paper does not report, or "" when the evidence answers the aspect."""
    raw = " ".join([p.title, p.abstract, *passages])
    text = norm(raw)
    # (A paper's own name is no qualifier of it; a description's phrase may be the whole
    # question, and a qualifier in it must still be in the paper.)
    own = norm(" ".join(t.phrase for t in plan.targets if t.by == "name"))
    # A qualifier written inside one asked part ("how many GPUs did X use") binds that part only.
    parts = [norm(f) for f in plan.facets]
    binding = [x for x in plan.specifics if (facet is None or norm(x) in norm(facet)
               or not any(norm(x) in f for f in parts)) and p.id in plan.bound.get(x, [p.id])]
    have = stems(raw)
    # ("bar-gated": its words too, each stemmed alone: "gradient-free" stems to "...-fre")
    have |= {stem(x) for w in re.findall(r"[\w-]+", raw) if "-" in w for x in w.split("-") if x}
    # A phrase ("plain ring all-reduce traffic") is there when all its words are, in any order,
    # a clipped word ("params") as the start of the full one.
    # ("Z80s", "QPUs": a plural of what the text writes in the singular.)
    lacking = [q for q in binding if not count_stated(q, raw)] + [
               q for q in binding if COUNTED.fullmatch(q) is None and (not writes_symbol(q, raw) if q in SYMBOLS else norm(q) not in text)
               and norm(q) not in own and not spells(q, raw)
               and not (re.search(r"[\dA-Z]s$", q) and norm(q)[:-1] in text)
               and not (q.lower().startswith("non-") and norm(q[4:]) in text)  # ("non-FooChip boards": set against FooChip)
               and not ((parts := _parts(q)) and all(_has(stem(w), have) for w in parts))  # ("TPU-day": "TPU training days")
               and not _head_there(q, have)]
    # Of qualifiers offered as alternatives ("on FooBench or BarBench", "peak or per-node") one will do.
    # (A qualifier found by any of the tests above, "ZO" spelt out as "zeroth-order", is there.)
    lacking = [q for q in lacking if not any(a not in lacking and (a in binding or (norm(a) in text if a in plan.specifics else _has(stem(a), have)))
                                             for a in alternatives(q, plan.question) if content_words(a))]
    if lacking:
        return "does not mention " + " or ".join(f"“{q}”" for q in lacking)
    # The asker's guesses at the asked value: a paper stating none of them does not say which.
    guessed = guesses(facet if facet is not None else plan.question)
    if guessed and not any(re.search(rf"(?<![\w.]){re.escape(g)}(?![\w])", raw, re.I) for g in guessed):
        return "does not mention any of " + ", ".join(f"“{g}”" for g in guessed)
    known = known_names(plan, p)
    if asks_rival(plan, facet) and not any(names_rival(x, known, by_name=True) for x in sentences(raw)):
        # "Which baseline does X beat?": a paper that beats "a state-of-the-art baseline" and
        # names none does not say which.
        return "does not name what it is compared against"
    kind = plan.named_kind
    number = plan.aspect is Aspect.NUMBER if facet is None else facet in plan.numeric_facets
    if kind and not number and ((facet is None and not plan.facets) or (facet and as_word(kind).search(facet))) \
            and (why := unnamed_product(plan, p, passages, raw, facet, known)):
        return why
    counted = bool(plan.measure) and any(counts_of(plan.measure).search(s) for s in ev.sentences)  # (in digits or words)
    if plan.measure and (not facet or plan.measure.lower() in facet.lower()) and not counted \
            and not any(stem(plan.measure) in stems(s) or as_unit(plan.measure).search(s) for s in ev.sentences if quantities(s)):
        # A number of something else ("8.3B parameters" for "how many tokens") is no answer.
        return f"does not state the number of {plan.measure}"
    stated = [x for s in ev.sentences for x in sentences(s) if quantities(x)]  # (a quoted pair's each)
    # (A word of the paper's own title, "pruning" of a "... Pruning" paper, is all over
    # its abstract: no sign that a number is of the measure, unless the measure is only that.)
    whole = measured = part_stems(plan.measured)  # ("TPU-day": TPU or days)
    measured = (measured - part_stems(content_words(p.title))) or measured
    # (... but a title's word in the number's own phrase is the number's: "a 12% idle cache drop".)
    dims = {d for w in plan.measured if (d := measured_in(w))}  # (its name's dimensions, "latency": a time)
    if measured and (not facet or all(w in content_words(facet) for w in plan.measured)) \
            and not any(measured & stems(x) or whole & number_neighbours(x, reach=2) or _unnamed(x, dims) for x in stated):
        # "How much energy does X save?" is not answered by X's speedup. (Any of the measure's
        # words will do: "decode time" is stated as "decode hours"; a number in a unit
        # of its own, "18GB", may be the measure unnamed.) In the number's own sentence: a
        # quoted pair's first sentence may name the measure and its second give a speedup.
        return f"does not state a number for “{' '.join(plan.measured)}”"
    # The sentences that state the asked thing: those using most of the question's words for
    # it (not the settings' own words, nor the title's).
    asked = part_stems(content_words(facet) if facet is not None else plan.aspect_terms) \
        - part_stems(content_words(" ".join([p.title, *binding])))
    overlap = {x: len(asked & _word_stems(x)) for x in stated}
    near = [x for x in stated if overlap[x] == max(overlap.values())] if stated else []
    for q in binding if number else []:
        # (A size asked, "the 70B run", against the findings stating a number in the unit asked:
        # without a unit, which findings state the asked number cannot be told.)
        if plan.unit and (sibling := size_only(q, stated, lambda x: states_dimension(x, dimension(plan.unit)))):
            return f"gives that number for “{sibling}”, not for “{q}”"
        if sibling := sibling_only(q, near):
            # "What energy saving on FooNetV2?" is not answered by "for FooNetV3, a 20% energy
            # saving", though the paper names FooNetV2 elsewhere.
            return f"gives that number for “{sibling}”, not for “{q}”"
    # (A part naming the unit, "..., say in milliseconds, ...", asks a number whatever else it reads as.)
    if plan.unit and (number or facet is not None) and (not facet or plan.unit in facet) \
            and not any(states_dimension(x, dimension(plan.unit)) for x in stated):
        # "What decode delay in microseconds does X reach?" is not answered by its accuracy or a speedup.
        return f"does not state a number in {plan.unit}"
    if plan.change and number and (not facet or asks_change(facet)) and stated \
            and not any(states_change(x) for x in sentences(raw)):
        # "What speedup does X report?" is not answered by "it runs at 2 GHz": a paper stating
        # no relative figure anywhere does not say how far anything moved.
        return "does not state a speedup or change, only absolute figures"
    if plan.level and number and stated and all(map(changes_only, stated)):
        # "What absolute latency does X reach?" is not answered by "a 3.1 ms cut".
        return "gives only relative figures, not the absolute number asked for"
    # An amount asked by its two-word name ("what clock frequency") of the one paper asked about:
    # a paper using no word of that name anywhere does not state it, whatever numbers it gives
    # ("18GB", "2.1x"). (A comparison's part may ask it of one of its papers only.)
    # Nor does one whose sentences using a word of the name state no number at all ("FooChip runs
    # at a high clock rate"), unless a number in the units of what is named is stated anywhere
    # ("what time budget": "within 20 seconds"; "what model size": "13B parameters").
    amounts = named_amounts(asked_of := facet if facet is not None else plan.question) if plan.kind is Kind.FACTOID else []
    singles = named_amounts(asked_of, single=True) if plan.kind is Kind.FACTOID else []
    said = sentences(raw) if amounts or singles else []
    for amount in amounts:
        words = {stem(x) for w in amount for x in re.split(r"[-/]", w) if x}
        if not any(_has(x, have) for x in words) and not any(_in_its_units(w, said) for w in amount):
            return f"does not state a “{' '.join(amount)}”"
        if not any(quantities(x) for x in said if words & _word_stems(x)) and not any(_in_its_units(w, said) for w in amount) \
                and not (amount[-1].rstrip("s") == "size" and any(_PARAMETERS.search(x) for x in said)):
            return f"does not state a “{' '.join(amount)}”"
    # An amount asked by one word ("what depth does X pick") that the paper uses only in
    # sentences stating no number ("a deep network") is not stated either. (One word absent
    # from the paper says less: "what accuracy" is answered by "76% top-1".)
    for (word,) in singles:
        using = [x for x in said if _has(stem(word), _word_stems(x))]
        if using and not any(quantities(x) for x in using) and not _in_its_units(word, said):
            return f"does not state a “{word}”"
    if number and not any(quantities(s) for s in ev.sentences) and not counted:
        what = facet or " ".join(plan.aspect_terms)
        return f"does not state a number for “{what}”" if what else "does not state the number asked for"
    return ""
