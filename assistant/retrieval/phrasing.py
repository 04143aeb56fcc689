"""The grammar of papers referred to in a question: work phrases ("the 2016 survey on
pruning", "the one that ..."), people ("Doe et al.'s"), owners ("Doe 2022's"), the asker's
own clauses ("so I'm looking into ..."), baselines ("over FooLib"), and the joints between
compared phrases ("A and B", "A vs B", "bigger than B's"). Patterns and small string helpers
only: no search, no plan decisions.

Out of scope: resolving a phrase to a paper (descriptions.py); the question's kind (planner.py).
"""

from __future__ import annotations

import re

from ..models import Plan
from ..text import content_words, coverage, stem

# A target's confidence is its lookup strength / 3: a title prefix 1.0, a name an abstract
# introduces 0.67, a rare word an abstract merely uses 0.33.
_WEAK_NAME = 0.34
# "differ", "differs", "difference", "differentiate": a comparison word ("differentiable" is none).
DIFFER = r"differ(?!entiab)\w*"
# Words that ask of each of several papers alike: "what does each ...", "both", "respectively".
DISTRIBUTIVE = r"each|both|either|respective(?:ly)?"
# What a result is measured against comes after these ("faster than FooLib", "over BarServe"); a
# clause boundary ("against FooLib, while BarNet ...", "beyond FooLib: which ...", a dash: "against
# FooLib — BarNet and ...") ends the baseline, and so does a verb ("how much faster than FooLib is
# BarNet": BarNet is the subject).
_BASELINE_BEFORE = re.compile(r"\b(?:over|than|against|beyond|outperform\w*|beat\w*|improv(?:e|es|ed|ing)\s+(?:up)?on|compared\s+(?:with|to)|relative\s+to)\s+(?:the\s+|a\s+)?(?:(?!(?:while|whereas|but|is|are|was|were|does|do|did)\b|[-—–]+\s)[^\s,;:?!—–]+\s+){0,2}$", re.I)
# Verbs of a work's own claim: "than what FooNet reports", "than BarNet does?".
CLAIMS = r"(?:does|do|did|reports?|claims?|gets?|gives?|yields?|delivers?|attains?|achieves?|manages?|shows?|reaches)"


def owns_claim(q: str, start: int, end: int) -> bool:
    """Is the paper named at q[start:end] after "than"/"beat" set there with a claim of its own
    ("than BarNet's", "than what BarNet reports", "than BarNet does?"), not as what the subject
    was measured against ("faster than BarNet", "than BarNet does FooNet")?"""
    return bool(re.match(r"['’]s\b", q[end:]) or re.search(r"\bwhat\s+$", q[:start], re.I)
                or re.match(rf"\s+{CLAIMS}\s*(?:[?.!,;]|$)", q[end:], re.I))


def reported(q: str, start: int, end: int) -> bool:
    """Is the paper named at q[start:end] the subject of what a clause says it reports ("what
    the original FooNet paper reports", "what FooNet claims")? Then its own figures are asked."""
    return bool(re.search(r"\bwhat\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?$", q[:start], re.I)
                and re.match(rf"\s+(?:(?:{WORK_NOUNS})\s+)?(?!(?:does|do|did)\b){CLAIMS}\b", q[end:], re.I))


def named_as_baseline(q: str, spots: list[re.Match]) -> bool:
    """Is the paper named at `spots` of `q` what another is measured against ("faster than
    FooNet", "a plain FooNet baseline", "FooNet is the baseline"), and no paper a measure is asked of ("FooNet's memory
    ... and BarNet's speedup over FooNet": compared; "FooNet's successor ... over FooNet": not)?"""
    owner = any(re.match(r"['’]s\s+(?!(?:[\w-]+\s+){0,2}?(?:successor|follow-up|extension|sequel|version|variant|predecessor)s?\b)",
                         q[o.end():], re.I) for o in spots) or any(reported(q, o.start(), o.end()) for o in spots)
    return not owner and any((_BASELINE_BEFORE.search(q[: o.start()]) and not owns_claim(q, o.start(), o.end()))
                             # ("FooNet as a baseline"; not "FooNet than the baselines", measured against them.)
                             or re.match(r"(?:\s+(?!(?:than|over|against|versus|vs|beats?|outperforms?)\b)[\w-]+){0,2}?\s+baselines?\b", q[o.end():], re.I)
                             # ("BarNet serves as a baseline": said of it outright.)
                             or re.match(r"\s+(?:is|are|was|were)\s+(?:(?:just|only|merely|simply)\s+)?(?:the|a|an|our|my)\s+(?:[\w-]+\s+)?baselines?\b", q[o.end():], re.I)
                             for o in spots)


# "a naive baseline", "existing allocators", "the standard approach": no particular paper, so
# nothing to resolve. ("a system that overlaps ..." can be a particular paper: an article alone says nothing.)
_UNSPECIFIC = re.compile(r"^\s*(?:(?:a|an|the|any|some)\s+)?(?:existing|prior|previous|standard|naive|vanilla|conventional|traditional|typical|baseline|state-of-the-art)\b|\bbaselines?\s*$", re.I)
# The question's own words before a compared phrase ("Is tiled decoding or X ...").
_LEAD = re.compile(r"^(?:(?:is|are|was|were|do|does|did|how|what|which|between|whether|both|either|neither|with|to|from|against|as\s+opposed\s+to|and|there['’]s|there\s+(?:is|are|was|were)"
                   r"|(?:one|another|the\s+other|a\s+second)\s+(?:option|choice|candidate|alternative)\s+(?:is|was))\s+)+", re.I)
# A segment led by another preposition is an adverbial of the comparison ("compare, in memory
# savings, with ..."), not a paper.
# (... or what is set aside: "besides peak memory", "apart from the kernel".)
_ADVERBIAL = re.compile(r"^\s*(?:in|on|for|at|by|under|across|regarding|concerning|when|while|besides|beyond|except|"
                        r"(?:apart|aside)\s+from|other\s+than)\b", re.I)
_POSSESSOR = re.compile(r"\s*(?:the\s+)?(?:(?-i:[A-Z])[\w.&-]*\s+){0,2}(?-i:[A-Z])[\w.&-]*(?:\s+\(?(?:19|20)\d\d\)?)?['’]s\s+(?=\S)")
_OWNER = re.compile(r"^(.*?)['’]s\b")
_CONTRAST = re.compile(r"^\s*(?:while|whereas)\s+(?=the\b)", re.I)
# A relative clause runs to the next comma: its "and"/"with" join its own verbs and objects
# ("the method that pairs two FooNets with a cache and then ..."), not compared papers.
# A question's frame before its subject: a few words, then an inverted auxiliary and the subject.
# (The subject may be bare: a name has no article, "what kind of X do FooNet and BarNet ...", and
# a plural noun or chat drops it, "which results do sparse kernels ...".)
_ASKS = re.compile(r"^\s*(?:(?:what|which|how)\s+)?(?:(?!(?:that|who|whose|which)\b)[\w()/+-]+\s+){0,6}?(?:does|do|did|is|are|was|were)\s+"
                   r"(?=(?:the|a|an|each|it|they|both|its|their|them)\b|[A-Za-z][\w-]*[A-Za-z])", re.I)
# "Doe et al.", "Doe et al. (2023)'s": people named by the first author.
_PEOPLE = re.compile(r"\b[^\W\d_][\w'-]+\s+et\s+al\.?(?:\s*\(?(?:19|20)\d\d\)?)?(?:['’]s)?", re.I)
# "the ... one", or "the ... one for sparse inputs": "one" standing for a work noun.
_PRO_ONE = re.compile(r"\bone(?:\s+(?:for|on|in|with|from|by|that|which|who|using|about)\b.*)?\s*$", re.I)
# Words that count papers ("the two papers on ...", "both works").
_COUNTS = {"two": 2, "both": 2, "pair of": 2, "couple of": 2, "three": 3, "four": 4, "five": 5}
COUNT_WORD = rf"(?:{'|'.join(_COUNTS)}|\d+)"
# What sets a lead-in off from what it introduces: "Three works: ...", "the X one — what ...".
SET_OFF_MARK = r":|\s(?:--|[—–-])\s|[—–]"
# A clause whose subject is the asker ("we maintain ...", "so I'm weighing ...") tells their situation.
_SPEAKER = re.compile(r"\s*(?:(?:so|and|but|because|since|as|now|also|then)\s+)*(?:I|I'm|I've|I'd|we|we're|we've|we'd|my|our|us|you|your)\b", re.I)
_SPEAKER_FRAME = re.compile(_SPEAKER.pattern + r"(?:['’]\w+)?(?:\s+(?:am|are|have|had|was|were|been|now|also|still|currently|really|just))*\s+\S+\s+(?:(?:between|among|at|on|to|with)\s+)?", re.I)
_FLOATING = re.compile(r"\s(?:(?:are|were|is|was|do|did|have|had)\s+)?(?:both|all|each)\s+(?!of\b)(?=[a-z])", re.I)
# ("the paper where keys stay on the NIC": "where" after a word, asking nothing, is relative too.)
_RELATIVE = re.compile(r"\b(?:that|which|who|whose)\s+[^,;:?!]+|(?<=\w\s)where\s+(?!(?:do|does|did|is|are|was|were|can|could)\b)[^,;:?!]+", re.I)
# Nouns that name a work of the literature, the heads of descriptions like "the ... whitepaper".
WORK_NOUNS = (r"papers?|works?|study|studies|survey|whitepaper|article|system|framework|method|approach|technique|"
              r"algorithm|accelerator|architecture|design|tool|toolkit|library|compiler|engine|scheme|allocator|runtime|benchmark|stack|platform|"
              r"report|extension|write-up|preprint|follow-up|successor|version|variant|thing")
_WORK = re.compile(rf"\b(?:{WORK_NOUNS})\b", re.I)
_SAID_COUNT = re.compile(rf"(?:\b(?:exactly|only|just)\s+)?\b({'|'.join(_COUNTS)})\s+(?:[\w-]+\s+){{0,3}}?(?:{WORK_NOUNS})s?\b", re.I)
# "the latency the former quotes", "than the latter": a paper already compared, referred
# back to ("the first paper to ..." describes one).
_BACK_REFERENCE = re.compile(rf"\bthe\s+(?:first|second|third|former|latter)\b(?!\s+(?:[\w-]+\s+)?(?:{WORK_NOUNS})\b)", re.I)
# A work's people: "by Jane Doe, John Roe and Ann Poe", "by Doe et al."; after the first,
# each a full name (two capitalised words or more), so "by Doe and FooNet" stops at Doe.
_PERSON = r"(?-i:[A-Z])[\w.'-]*"
BY_PEOPLE = (rf"\bby\s+{_PERSON}(?:\s+{_PERSON})*(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+){_PERSON}(?:\s+{_PERSON})+)*"
             r"(?:,?\s+et\s+al\b\.?)?")
_SURNAMES = r"(?:(?-i:[A-Z])[\w'-]+,\s+)+(?-i:[A-Z])[\w'-]+,?\s+et\s+al\b\.?"
# A work named by its kind: "the 2016 survey on pruning", "a tool by Jane Doe" (people
# are capitalised; a topic ends at the next verb of the question's frame, preposition or conjunction).
_WORK_PHRASE = re.compile(rf"\b(?:the|a|an)\s+(?:[\w.()/-]+\s+){{0,6}}?(?:{WORK_NOUNS})\b(?:\s+{BY_PEOPLE}|\s+(?:from|of|on|about|for|in|with)(?:\s+(?!(?:do|does|did|is|are|was|were|has|have|had|what|which|how|who|when|where|why|than|over|against|in|on|for|with|by|from|to|at|into|using|and|or|but|while|whereas)\b)[\w.'-]+){{1,6}}|\s+(?:that|which)\b[^,;?]*)?", re.I)
# "... and the one that ...": "one" stands for the work noun just used.
_NEW_WORK = re.compile(rf"(?:the|a|an|its|their)\s+(?:[\w-]+\s+){{0,4}}?(?:{WORK_NOUNS}|one)\b", re.I)
# (A comma inside parentheses or before a list's next item goes on: "the study of X (A, B) in
# Y", "the tool that plans A, B and C"; not one before a clause or another conjunct.)
_DEFINITE = re.compile(r"\bthe\s+(?:(?!\b(?:is|are|was|were|does|do|did|has|have|had|can|could|will|would|than|over|against|versus|vs)\b)"
                       r"(?:(?!:\s)[^,;?(]|\([^()]*\)|,(?=\s+(?!(?:and|or|but|while|whereas|what|which|how|who|whom|whose|when|where|why|the|a|an|its|their|each|both)\b)[a-z][\w-]*\s+(?:[a-z][\w-]*\s+)*?(?:and|or)\s)))+", re.I)
# ("Which is cheaper, A or B, and what gap separates them?": what is asked after the alternatives follows them.)
_ALTERNATIVES = re.compile(r"^\s*(?:which|who)\b[^,;:]*[,:]\s+((?:(?!\b(?:what|which|how|who|when|where|why)\b)[^;:?])+?,?\s(?:or|vs\.?|versus)\s[^,;:?]+)"
                           r"(?:,\s*and\s+(?:by\s+)?(?:how|what|which|where|when)\b[^,;:?]*)?$", re.I)
# ... or before it: "FooNet or the paper that ... — which one saves more?"
_ALTERNATIVES_FIRST = re.compile(r"^\s*((?:(?!\b(?:what|which|how|who)\b)[^,;:?—–])+?\s(?:or|vs\.?|versus)\s[^;:?—–]+?)\s*(?:[—–:;,]|\s-\s)\s*(?:which|who)\b", re.I)
_COMPLEMENT = re.compile(rf"\b(?:{WORK_NOUNS})\s+(?:by|from|of|on|about|for|in|with)\s", re.I)
_FRAME_START = re.compile(r"^\s*(?:how\s+(?:do|does|did)|what\s+(?:is|are)\s+the\s+differences?\s+between|compare|contrast|differences?\s+between|in what ways? (?:do|does))\s+", re.I)
# "memory use: A vs the 2019 whitepaper (on int8) — which is smaller?": the stretch around "vs",
# bounded by the question's punctuation, holds the compared papers (asides dropped first); a
# comma before what is asked bounds it as a colon does ("A vs B, what does each ...").
_VS_STRETCH = re.compile(r"(?:(?!\s--?\s|(?<!\bal)(?<!\bvs)\.\s)[^:;?!—–])*?\b(?:vs\.?|versus)\s(?:(?!\s--?\s)[^:;?!—–])*?"
                         r"(?=[:;?!—–]|\s--?\s|(?<!\bvs)(?<!\bal)\.\s|,\s*(?:what|which|how|who|where|when|why)\b|\s*$)", re.I)
# ("bigger than the BarChip accelerator's": a measure of each, one against the other.)
# ("... than the one from B", "... higher than that of B": the same measure, another owner.)
_STRONG_SPLIT = re.compile(r"\s*,\s*(?:and\s+|or\s+|vs\.?\s+|versus\s+)?|\s*[;?!]\s+(?:(?:and|but|or)\s+)?|\s+(?:and|vs\.?|versus)\s+|\s+than\s+(?=(?:the|a|an)\s[^,;?]*?['’]s\b)"
                           r"|\s+(?:(?:more|less)\s+)?[\w-]+\s+than\s+(?=(?:the\s+ones?|that|those)\s+(?:of|from|by|in|for)\s)", re.I)
# "the power drop from the two-stage cascade", "that of the tokenizer": a measure and its owner.
_MEASURE_OF = re.compile(r"^(?:the\s+((?:[\w-]+\s+){0,3}?[\w-]+)|that|those)\s+(?:of|from|by)\s+((?:the|a|an)\s.+)$", re.I)
# ("X differs from Y": "from" joins only after "differ", "different", "distinct" or "apart".)
_SPLIT = re.compile(rf"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|vs\.?|versus|with|against|to|or|(?:{DIFFER}|different|distinct|apart)\s+from)\s+", re.I)


def _names(name: str, text: str) -> bool:
    """`name` stands in `text` as itself: "FooNet" is not in "FooNet++" (its successor)."""
    return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w+-])", text, re.I) is not None


def _listed(text: str) -> tuple[str, str]:
    """(lead-in, list) of a statement whose lead-in before a colon only says what the listed
    papers are ("Three works: A, B and C"); ("", statement) otherwise."""
    body = re.sub(r"^(?:for|in|on|of|about|regarding|between)\s+", "", text.rstrip(". "), flags=re.I)
    # ("For FooNet tuning, there's one that A and one that B": what the works are, then the works.)
    if m := re.match(r"([^,;:]+),\s+there(?:['’]s|\s+(?:is|are|was|were))\s+(.+)$", body, re.I):
        return m.group(1), m.group(2)
    head, colon, rest = (re.split(f"({SET_OFF_MARK if not counted_lead(body) else _LIST_MARK})", body, maxsplit=1) + ["", ""])[:3]
    return (head, rest) if colon and (len(content_words(head)) < 2 or len(_STRONG_SPLIT.split(rest.strip())) >= 2) else ("", body)


# "two FooNet papers, one ... and one ...": a comma before "one" lists what was counted.
_LIST_MARK = rf"{SET_OFF_MARK}|,(?=\s*one\s)"
# A clause between the counted noun and its list: "two papers on FooNets that I keep mixing up: A, B".
_COUNT_TAIL = r"(?:\s+(?:that|which|on|about|in|from|by|for|with|using|i|we)\b[^,:;?!.]{0,80}?)?"
# What a count of compared things may call them besides works: "two options: A, and B".
_CHOICES = r"options?|alternatives?|candidates?|choices?"


def counted_lead(text: str) -> str:
    """The kind of paper `text` counts when it counts the papers it then lists ("Two FooNet
    papers: A and B" -> "FooNet", "three pruning works — A, B, C" -> "pruning", "I'm weighing
    two GPU-side options: A, and B" -> "GPU-side"): each listed phrase is a paper of that
    kind, however it is worded. "" when it does not."""
    m = re.match(rf"(?:{_SPEAKER_FRAME.pattern}|[^,:;?]*?\s)?\s*{COUNT_WORD}\s+((?:[\w-]+\s+){{0,4}}?)(?:{WORK_NOUNS}|{_CHOICES})s?(?<=s)({_COUNT_TAIL})(?=\s*(?:{_LIST_MARK}))", text, re.I)
    if not m:
        return ""
    # (A clause of the asker's own, "that I keep mixing up", says nothing of what they are.)
    tail = re.sub(r"(?:^|\s+)(?:(?:that|which)\s+)?(?:I|I'm|we|we're|you)\b.*$", "", m.group(2), flags=re.I).strip()
    return " ".join(x for x in (m.group(1).strip(), tail) if x) or m.group().strip()


def list_count(text: str) -> int:
    """How many papers `text` says it then lists ("Two FooNet papers: A and B" -> 2); 0 when it counts none."""
    m = re.search(rf"\b({COUNT_WORD})\s+(?:[\w-]+\s+){{0,4}}?(?:{WORK_NOUNS}|{_CHOICES})s?(?<=s){_COUNT_TAIL}\s*(?:{_LIST_MARK})", text, re.I)
    word = m.group(1).lower() if m else ""
    return _COUNTS.get(word) or (int(word) if word.isdigit() else 0)


def counted_list(text: str) -> tuple[str, str] | None:
    """(kind, listed phrases) where `text` counts papers of a kind and lists them after a mark
    anywhere in it ("Can you line up three pruning papers: A, B and the X work?")."""
    m = re.search(rf"\b{COUNT_WORD}\s+((?:[\w-]+\s+){{0,4}}?)(?:{WORK_NOUNS})s?(?<=s)({_COUNT_TAIL})\s*(?:{_LIST_MARK})\s*([^?.]+)", text, re.I)
    return (f"{m.group(1).strip()} {m.group(2).strip()}".strip(), m.group(3).strip()) if m else None


def without_asides(text: str, names, keep: str = "") -> str:
    """`text` without the aside in parentheses right after each of `names` ("A vs FooNet (the
    sharded one)": the aside says which paper); `keep`: a pattern of asides that stay ("(or ...)")."""
    if not names:
        return text
    said = "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
    return re.sub(rf"(?<![\w-])({said})\s*\({f'(?!{keep})' if keep else ''}[^()]*\)", r"\1", text, flags=re.I)


def without_people(text: str, plan: Plan) -> str:
    """`text` without the named people: they say whose paper (a filter), not what it is."""
    for name in plan.authors:
        text = re.sub(re.escape(name), " ", text, flags=re.I)
    return text


def _uses_all(words: list[str], text: str) -> bool:
    """Every word occurs in `text`, stemmed, and a hyphenated one by its parts ("three-stage-cache"
    in "three-stage caches")."""
    have = {stem(w) for w in re.findall(r"[\w.+]+", text.lower())}
    return all(coverage([w], text) == 1.0 or all(stem(x) in have for x in w.split("-") if x) for w in words)


def _subjects_only(body: str) -> str:
    """"A and the one with B both try to ...": a quantifier floating after the last joined
    subject starts the predicate, which describes none of them alone."""
    return body[: _predicate_start(body)]


def shared_predicate(body: str) -> str:
    """The predicate a floating quantifier starts ("A and the one with B both try to X": "both
    try to X"), which says what all the joined subjects do; "" when none floats."""
    return body[_predicate_start(body):].strip()


def _predicate_start(body: str) -> int:
    last = max((m.end() for m in _STRONG_SPLIT.finditer(body)), default=0)
    # (Inside a relative clause it quantifies the clause's object: "the one that caches each reply".)
    if last and (m := _FLOATING.search(body, last)) and not re.search(r"\b(?:that|which|who)\b", body[last: m.start()], re.I):
        return m.start()
    return len(body)


def _forms(words: list[str]) -> set[str]:
    """The stems of `words`, and of each plural the stemmer keeps whole ("GPUs": "gpu")."""
    return {stem(x) for x in words} | {stem(x[:-1]) for x in words if x.endswith("s") and len(x) > 3}


def antecedent(phrase: str, statements: str) -> str | None:
    """"the CNN work" in a question after a statement on "the earlier multiplication-free CNN
    design ...": a short definite description refers back to the one work phrase of the
    statements that holds all its words and says more; None when none or several do."""
    m = re.match(rf"\s*the\s+((?:(?!(?:that|which|who|whose|where)\b)[\w.-]+\s+){{1,3}}?)(?:{WORK_NOUNS})\b(?!\s+(?:that|which|who|whose)\b)", phrase, re.I)
    if not m or not statements or not (words := content_words(m.group(1))) or phrase.lower() in statements.lower():
        return None
    # (With what follows it up to the clause's end: "... design aimed at shift-based inference".)
    fuller = [re.split(rf"[,;:.?!]|{_FLOATING.pattern}", statements[w.start():], maxsplit=1, flags=re.I)[0].strip() for w in _WORK_PHRASE.finditer(statements)
              if {stem(x) for x in words} <= _forms(content_words(w.group())) and len(content_words(w.group())) > len(words) + 1]
    return fuller[0] if len(fuller) == 1 else None


def stands_for_measure(m: re.Match) -> bool:
    """A `_MEASURE_OF` match whose head is a pro-form ("that of", "the one from")."""
    return m.group(1) is None or m.group(1).lower() == "one"


# "(the 2021 one, not the sharded FooNet)", "..., rather than BarNet": a paper set aside.
# ("not the older FooNet-v4 / FooNet-R paper": each of the alternatives set aside.)
# ("leads to X rather than Y": a contrast sets Y aside anywhere.)
_SET_ASIDE = re.compile(r"(?:(?:^|[,(;—–]|\s-)\s*(?:but\s+)?(?:not|rather\s+than|instead\s+of|other\s+than|except(?:\s+for)?)|\b(?:rather\s+than|instead\s+of|as\s+opposed\s+to))\s+(?:the\s+)?"
                        r"(?:[\w-]+\s+){0,2}(?:[\w.-]+\s*(?:/|\bor\b|\bnor\b)\s*)*$", re.I)


# "One paper argues ...", "a study where ...", "some framework that ...": a work brought in, not named.
A_WORK = re.compile(rf"\b(?:a|an|one|some)\s+(?:[\w-]+\s+){{0,3}}?(?:{WORK_NOUNS})\b", re.I)


# "my FooGPU runtime", "our Bar-7 cluster": the asker's own thing, no paper's.
_ASKERS_OWN = re.compile(r"\b(?:my|our)\s+(?:[\w-]+\s+){0,2}$", re.I)


def set_aside(q: str, name: str) -> bool:
    """Is every mention of `name` in `q` one the question sets aside ("the original FooNet (not
    DistFooNet)"), or the asker's own ("compared with my FooGPU runtime")? Such a paper is
    neither compared nor a qualifier."""
    spots = [m.start() for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", q, re.I)]
    return bool(spots) and all(_SET_ASIDE.search(q[:i]) or _ASKERS_OWN.search(q[:i]) for i in spots)


# A subject ending at its work noun, then a verb (not a preposition or a clause after the noun);
# or a quantifier and the rest of the clause ("the X method each cut ...").
# (What follows a work noun that is no verb: a clause, a preposition, another noun.)
_NO_VERB = (r"that|which|who|whose|of|for|on|in|with|from|by|about|to|at|and|or|as|than|vs|versus|using|built|based|trained|"
            rf"evaluated|designed|proposed|called|named|{WORK_NOUNS}")
# ("the X paper says its cache holds what share": a verb of saying before a question asked in
# place; "the X method reports for Y at Z" keeps its setting, which may tell it apart.)
_SAYS = r"(?:says|said|states|stated|claims|claimed|reports|reported|notes|noted|argues|argued|mentions|mentioned|writes|wrote)"
# "the study of X for Y reports the latency of ...": a work's phrase, then its verb (a
# third-person verb of what works do), then what is asked of it.
# (Not a relative clause's verb: "the paper that proposes X reports Y" ends before "reports".)
WORK_THEN_VERB = re.compile(rf"^(\s*(?:the|a|an)\s+(?:[\w.+/-]+\s+){{0,3}}?(?:{WORK_NOUNS})\b[^,;:?]*?)(?<!\bthat)(?<!\bwhich)(?<!\bwho)\s+(?:{_SAYS}|gets|gives|yields|delivers|attains|achieves|"
                            r"shows|reaches|uses|evaluates|measures|proposes|introduces|presents|reduces|improves|trains|runs|targets)\b", re.I)
_SUBJECT_THEN_VERB = re.compile(rf"^(\s*(?:the|a|an)\s+(?:[\w.+/-]+\s+){{0,5}}(?:{WORK_NOUNS}))\s+(?!(?:{_NO_VERB})\b)"
                                rf"(?:(?:both|each|all|also)\s.*|{_SAYS}\s(?=.*\b(?:what|which|how|who|when|where|why)\b).*|[a-z][\w-]*(?:\s+[a-z][\w-]*){{0,2}}\s*)$")
# After "does"/"did" the subject is followed by its verb, however long the rest ("which tool
# does the FooCache study use to model its banks"): the subject ends at its work noun.
_ASKED_SUBJECT = re.compile(rf"\b(?i:does|do|did)\s+((?i:the|a|an)\s+(?:[\w.+/-]+\s+){{0,5}}?(?i:{WORK_NOUNS}))\s+(?!(?:{_NO_VERB})\b)[a-z]")


def asked_of(q: str, phrase: str) -> bool:
    """Is `phrase` the subject the question's verb is asked of ("which weakness of A does B
    address", "what is B aiming at": B)?"""
    # (After a copula only a participle is its verb: "how is FooLib traffic routed" asks of traffic.)
    return bool(re.search(rf"\b(?i:does|do|did|has|have|had)\s+{re.escape(phrase)}\s+(?!(?:{_NO_VERB})\b)[a-z]"
                          rf"|\b(?i:is|are|was|were)\s+{re.escape(phrase)}\s+(?!(?:{_NO_VERB})\b)[a-z]+(?:ing|ed)\b", q))
