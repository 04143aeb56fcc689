"""How a question sets its papers side by side: joined ("A and B", "between A and B"), each
owning a measure set against the other's ("Is A's gain bigger than the one reported by B?"),
one only the baseline of another ("Is FooNet faster than the BarNet framework?"), or named
beside them as background ("FooLib keeps failing me. Between A and B, ...").

Out of scope: the question's kind (planner.py, which asks these); each part's own subject
(parts.py); descriptions joined to each other (descriptions.py).
"""

from __future__ import annotations

import re

from ..models import Kind, Plan, Target, title_prefix
from ..text import as_word, content_words, looks_like_name, sentences
from .phrasing import _BASELINE_BEFORE, _COUNTS, CLAIMS, COUNT_WORD, _UNSPECIFIC, _WEAK_NAME, WORK_NOUNS, owns_claim
from .facets import _CLAUSE, in_examples, split_statements

# (A claim set against another's: "than", "beats", "outperforms".)
_THAN = r"(?:than|beats?|beating|outperforms?)"
_VS = r"(?:vs\.?|versus)"


def vs_side(q: str, start: int, end: int) -> bool:
    """Is q[start:end] a whole side of "x vs y" ("barnet vs foonet: ...")?"""
    before, after = q[:start], q[end:]
    # (An aside may follow a side: "barnet vs foonet (the sharded one) ...", "barnet (the old one) vs foonet".)
    vs_before, vs_after = re.search(rf"\b{_VS}\s*$", before, re.I), re.match(rf"\s+(?:\([^()]*\)\s+)?{_VS}\s", after, re.I)
    edge_before, edge_after = re.search(r"(?:^|[:;,(])\s*$", before), re.match(r"\s*(?:[:;,?)(—–]|\s-\s|$)", after)
    return bool((vs_before and (edge_after or vs_after)) or (vs_after and edge_before))


def side_asked_of_each(q: str, spots: list[re.Match], firm: bool = True) -> bool:
    """Is the paper named at `spots` a side of "A vs B" in a question asking of each ("A vs B:
    the main claim of each? ... the gain over A"), or set "compared with" a paper before a
    question asking of each, when it names its paper `firm`ly? Then it is compared, though a clause
    measures the other against it."""
    each = r"\b(?:each|both|respective(?:ly)?)\b"
    # ("How does A ... compared with B, and what does each report?": B set beside A, then asked of too.)
    return bool(re.search(each, q, re.I)) and any(vs_side(q, o.start(), o.end()) or firm and (
        re.search(r"\bcompared\s+(?:with|to)\s+(?:the\s+)?$", q[: o.start()], re.I) and re.search(each, q[o.end():], re.I)) for o in spots)


def rivals_of(subject: Target | None, plan: Plan, papers) -> list[Target]:
    """Papers named as a baseline ("compared with B", "vs B") that the subject's own paper
    never mentions: set beside it, since it was not measured against them. ("What does A
    report relative to B", "A's gain over B" keep B as what A is measured against: A's paper
    must say it.) `papers`: id -> Paper."""
    if subject is None or len(subject.paper_ids) != 1:
        return []
    own = papers[subject.paper_ids[0]]
    text = f"{own.title} {own.abstract}"
    return [t for t in plan.targets if t.baseline and t.by == "name" and t.confidence > _WEAK_NAME
            and len(t.paper_ids) == 1 and t.paper_ids != subject.paper_ids
            and not as_word(t.phrase).search(text)
            and re.search(rf"\b(?:compared\s+(?:with|to)|{_VS})\s+(?:[^\s,;]+\s+){{0,4}}$",
                          plan.question[: plan.question.lower().find(t.phrase.lower())], re.I)]


def with_rivals(subject: Target | None, plan: Plan, papers) -> bool:
    """"X's accuracy compared with BarNet", BarNet a paper here that X's abstract never
    mentions: X was not measured against it, so the two are set side by side (True)."""
    if not (rivals := rivals_of(subject, plan, papers)):
        return False
    plan.kind = Kind.COMPARATIVE
    plan.targets = [t for t in plan.targets if not t.baseline or t in rivals]
    for t in rivals:
        t.baseline = False
    plan.specifics = [x for x in plan.specifics if x not in {t.phrase for t in rivals}]
    return True


def claimant(q: str, plan: Plan) -> str | None:
    """A work set after "than" with a claim of its own, by what it does rather than its name
    ("cut latency more than tiled decoding does?"): the phrase, else None. (A name there is
    read by `owns_claim`; "than the baseline does" is no work.)"""
    m = re.search(rf"\b{_THAN}\s+((?:[\w.+-]+\s+){{0,5}}?[\w.+-]+)\s+{CLAIMS}\s*(?:[?.!,;]|$)", q, re.I)
    if not m or _UNSPECIFIC.search(m.group(1)) or len(content_words(m.group(1))) < 2 \
            or any(as_word(t.phrase).search(m.group(1)) for t in plan.targets):
        return None
    return m.group(1)


def marks_of(plan: Plan) -> tuple[str, ...]:
    """The names no paper here goes by that the question sets its papers against ("faster than
    FooLib", "over BarNet"): the paper meant likelier mentions them. (Not a word of a
    description, "the BazNet pruning paper", nor a setting, "on QuxBench".)"""
    q = plan.question
    return tuple(x for x in dict.fromkeys([*plan.specifics, *plan.missing]) if looks_like_name(x)
                 and any(_BASELINE_BEFORE.search(q[: m.start()]) for m in as_word(x).finditer(q)))


def beyond_count(q: str, plan: Plan) -> None:
    """"Two papers both beat FooLib: the X one and the Y one": the count says how many are
    compared, listed after the colon; a paper named only in the lead-in (what they all beat or
    build on) is no third compared paper, when leaving it out leaves the count."""
    if plan.kind is not Kind.COMPARATIVE or not (m := re.search(rf"\b({COUNT_WORD})\s+(?:[\w-]+\s+){{0,4}}?(?:{WORK_NOUNS})s?\b[^.?!:]*:", q, re.I)):
        return
    word = m.group(1).lower()
    count = _COUNTS.get(word) or (int(word) if word.isdigit() else 0)
    subjects = [t for t in plan.targets if not t.baseline]
    lead, rest = q[m.start(): m.end()], q[m.end():]
    out = [t for t in subjects if as_word(t.phrase).search(lead) and not as_word(t.phrase).search(rest)]
    if out and len(subjects) - len(out) == count:
        plan.targets = [t for t in plan.targets if t not in out]
    elif len(subjects) == count:
        # (... nor one the asker's context names before it, "X keeps failing us. Two papers: A and B.")
        plan.targets = [t for t in plan.targets if not t.baseline or as_word(t.phrase).search(rest)]


# Two papers said: "the two", "both papers", "the former/latter", "the first ... the second".
_TWO = re.compile(rf"\b(?:the|these|those)\s+two\b(?!-)|\bboth\s+(?:{WORK_NOUNS})s?\b|\b(?:former|latter)\b", re.I)


def beyond_two(q: str, plan: Plan, label) -> None:
    """A question that says two papers are compared ("the two", "... the first ..., and ...
    the second?") with three found: the third is the least sure of them (a word of a title, a
    description on a thin margin), never a paper named by the name it goes by (`label`: id -> its name)."""
    subjects = [t for t in plan.targets if not t.baseline]
    ordinals = re.search(r"\bthe\s+first\b", q, re.I) and re.search(r"\bthe\s+second\b", q, re.I)
    if plan.kind is not Kind.COMPARATIVE or len(subjects) != 3 or re.search(r"\b(?:third|three|last)\b", q, re.I) \
            or not (_TWO.search(q) or ordinals):
        return
    unsure = [t for t in subjects if not (t.by == "name" and (t.confidence >= 1.0 or any(
        (label(pid) or "").lower() == t.phrase.lower() for pid in t.paper_ids)))]
    if unsure:
        # (A word of a title before a description that found its paper on its own words.)
        drop = min(unsure, key=lambda t: (t.by == "description", t.confidence))
        plan.targets = [t for t in plan.targets if t is not drop]


def background(q: str, subjects: list[Target]) -> list[Target]:
    """Papers named beside the compared ones, not compared: named only outside the question's
    own sentences when those name two papers or more ("FooLib keeps failing me. Between
    A, B and C, which ...?"), or only inside a relative clause or an aside on another paper
    ("DistFoo, which distributes Foo across GPUs": Foo is what DistFoo builds on)."""
    said = sentences(q)
    asking = [x for x in said if x.rstrip().endswith("?")]

    def spots(t: Target) -> list[re.Match]:
        return list(as_word(t.phrase).finditer(q))

    out = []
    if len(asking) < len(said):
        inside = [t for t in subjects if any(as_word(t.phrase).search(x) for x in asking)]
        if len({tuple(t.paper_ids) for t in inside if t.paper_ids}) >= 2:
            out += [t for t in subjects if t not in inside]
    # (Or inside an aside right after it: "DistFoo (the Foo-based one)". Not after a word some
    # abstracts use, "the sparse SIMD (BarSIMD) kernels": the aside names what is described.)
    clauses = [m.span() for m in re.finditer(r",\s*(?:which|that|who)\b[^,.;?]*|\s*\([^()]*\)", q, re.I)
               if any(q[: m.start()].rstrip().lower().endswith(t.phrase.lower()) and (t.by != "name" or t.confidence > _WEAK_NAME)
                      for t in subjects)]
    out += [t for t in subjects if t not in out and (found := spots(t)) and clauses
            and all(any(a <= m.start() < b for a, b in clauses) for m in found)]
    return out


# What picks one of several papers named before the question ("what is its gain", "the first").
_ONE_PICKED = re.compile(r"\b(?:it|its|itself|(?:this|that|the)\s+(?:paper|work|one|study|method|system|first|second|former|latter))\b", re.I)


def asked_of_all(q: str, subjects: list[Target]) -> bool:
    """"A reports a memory saving; B reports a speedup. What are the headline numbers?": the
    statements name the papers, each in its own words, and the question names none of them nor
    picks one ("what is its gain?"): it asks the same of them all."""
    statements, asked = split_statements(q)
    # (Whole sentences before the question, not a lead-in to it: "For the X on Y, what ...?")
    if not re.search(r"[.;!]\s*$", statements.strip()) or not asked.strip() or _ONE_PICKED.search(asked) \
            or any(as_word(t.phrase).search(asked) for t in subjects):
        return False
    # (Papers named firmly: a word some abstracts use, "FP16", names none.)
    return len({tuple(t.paper_ids) for t in subjects if t.paper_ids and (t.by != "name" or t.confidence > _WEAK_NAME)
                and as_word(t.phrase).search(statements)}) >= 2


def measured_against(q: str, subjects: list[Target]) -> bool:
    """"Is X's reduction bigger than Y's?", "does X's gain beat Y's?", "... than the one reported
    by Y", "... than that of Y": a measure of each, one set against the other (not Y itself as
    the baseline)."""
    owned = {tuple(t.paper_ids) for t in subjects if re.search(rf"{re.escape(t.phrase)}['’]s\b", q, re.I)}
    if len(owned) >= 2:
        return True
    for than in re.finditer(r"\bthan\b", q, re.I):
        before = [t for t in subjects if 0 <= q.lower().find(t.phrase.lower()) < than.start()]
        for t in subjects:
            at = q.lower().find(t.phrase.lower(), than.end())
            between = q[than.end(): at]
            if before and t not in before and at >= 0 and not re.search(r"[,;?]", between) \
                    and re.search(r"\b(?:of|by|in|from|what)\b", between, re.I):
                return True
    return False


def coordinated(q: str, subjects: list[Target], listed: bool = False) -> bool:
    """'X and Y', 'X, Y and Z', 'between X and Y', 'from X to Y': the subjects are joined.
    `listed`: an item of the same list between them joins them too ("X, the BarRAM paper, and
    Y", "by X, by the BarRAM paper, and by Y"), as it does when the question is which papers
    are compared (not for whose qualifier a phrase after them is)."""
    low = q.lower()
    pos = sorted((low.find(t.phrase.lower()), t.phrase) for t in subjects if low.find(t.phrase.lower()) >= 0)
    # ("used by A, by the X paper, and by B": the preposition before the first repeats before each.)
    lead = re.search(r"\b(by|in|on|for|from|with|at|using|over|against)\s+(?:the\s+)?$", low[: pos[0][0]]) if pos and listed else None
    for (a, pa), (b, _) in zip(pos, pos[1:]):
        # (Listed, an aside after a name is that paper's: "X (on FooSet), Y and Z". Not for whose
        # qualifier a setting is: the aside's setting binds its own paper only.)
        between = re.sub(r"\([^()]*\)", " ", low[a + len(pa): b]) if listed else low[a + len(pa): b]
        if lead:
            between = re.sub(rf"(?:,|\band\b|\bor\b)\s*{lead.group(1)}\b", lambda m: m.group()[: -len(lead.group(1))], between)
        # ("X / Y", "X + Y", "X & Y": the signs are conjunctions too.)
        joined = re.search(r"(?:^|\W)(?:and|or|vs\.?|versus|to|with)(?:\W|$)|,|\s[/+&]\s", between)
        # Only a conjunction and frame words between, or two noun phrases joined ("the
        # FooChip soft-error study and the BarRAM fault-tolerance paper"): no verb, no clause.
        # (A list's commas join too: "X, the BarRAM paper, and Y".)
        phrases = re.search(r"\b(?:and|or|vs\.?|versus)\b|\s[/+&]\s", between) \
            and not re.search(_CLAUSE, re.sub(r",\s*(?=(?:and|or)\b|the\b|a\b|an\b|$)", " ", between) if listed else between)
        # (A question word between opens a clause: "In X, how is Y made cheaper?" joins nothing.)
        if not joined or (content_words(between) and not phrases) or re.search(r"\b(?:how|what|which|who|whom|whose|where|when|why)\b", between):
            return False
    return len(pos) >= 2


def baseline_of(q: str, subject: Target, other: Target, papers) -> bool:
    """"Is FooNet faster than the BarNet framework?": `other`, set after "than" with no claim
    of its own (owns_claim), is only what the subject was measured against when the
    subject's abstract names it. `papers`: id -> Paper."""
    spots = list(as_word(other.phrase).finditer(q))
    if not spots or len(subject.paper_ids) != 1 or any(
            owns_claim(q, *m.span()) or not re.search(rf"\b{_THAN}\s+(?:(?:the|a|an)\s+)?(?:[\w-]+\s+){{0,3}}$", q[: m.start()], re.I)
            for m in spots):
        return False  # (named elsewhere on its own, "And what does Y itself claim?", it is asked about)
    own = papers[subject.paper_ids[0]]
    names = {title_prefix(papers[pid]) for pid in other.paper_ids} - {None, ""}
    return any(as_word(n).search(f"{own.title} {own.abstract}") for n in names)


def side_by_side(plan: Plan, own: list[Target]) -> None:
    """The plan compares `own`, the papers its parts refer to; the other papers the question
    sentence names qualify them (the asker's statements before it, "I have an XY-9 box.", qualify nothing)."""
    plan.kind = Kind.COMPARATIVE
    asked = split_statements(plan.question)[1]
    plan.specifics += [t.phrase for t in plan.targets if t not in own and not t.missing and t.phrase not in plan.specifics
                       and as_word(t.phrase).search(asked)]
    plan.targets = own


def _whole_item(q: str, phrase: str) -> bool:
    """Is `phrase` (with an aside after it) all of an item of a list in `q`, outside examples?"""
    return any(not in_examples(q, m.start(1)) for m in re.finditer(
        rf"(?:[,:;]\s*|\band\s+)({re.escape(phrase)})(?:\s*\([^()]*\))?\s*(?:,|\band\b|$)", q, re.I))


def with_described(q: str, asked: str, plan: Plan, found: list[Target], weak: list[Target]) -> bool:
    """Set the described papers `found` beside the named ones, in the question's order; False
    (the plan unchanged) when that leaves fewer than two compared papers."""
    inside = " ".join(t.phrase for t in found)
    before = (list(plan.targets), list(plan.specifics))

    def times(name: str, text: str) -> int:
        return len(as_word(name).findall(text))
    # Named only inside a description: a word of it, no compared paper.
    plan.targets = [t for t in plan.targets
                    # (A name no paper goes by, "QXJ" in "the QXJ 2024 paper", is a word of the description it is in, however often said.)
                    if not (times(t.phrase, inside) and (t in weak or t.missing or times(t.phrase, q) <= times(t.phrase, inside)))
                    # ("the FooZone-based guard": the name in a compound of the description of its paper)
                    and not any(t.paper_ids == f.paper_ids and t.phrase.lower() in f.phrase.lower() for f in found)]
    # Other words some abstracts use ("such as FooLib"): no compared paper; a qualifier
    # when the question sentence names them outside examples. Unless one is a whole item of
    # the compared list, its aside with it ("A, FooNet (the sharded one), and the X paper").
    for t in [t for t in plan.targets if t in weak and not _whole_item(q, t.phrase)]:
        plan.targets.remove(t)
        if (i := q.rfind(t.phrase)) >= q.rfind(asked) and not in_examples(q, i) and t.phrase not in plan.specifics:
            plan.specifics.append(t.phrase)
    plan.targets += found
    if len([t for t in plan.targets if not t.baseline]) < 2:  # the names were words of the one description
        plan.targets, plan.specifics = before
        return False
    low = q.lower()
    plan.targets.sort(key=lambda t: low.find(t.phrase.lower()) % (len(low) + 1))  # in the question's order
    return True


def named_in_aside(q: str, plan: Plan) -> None:
    """"A vs the sharded one (FooNet)": a name in parentheses after a description, in its clause,
    says which paper the description is; the two are one compared paper, not two."""
    for d in [t for t in plan.targets if t.by == "description"]:
        if (i := q.find(d.phrase)) < 0 or not (m := re.match(r"[^,;:?!()]*?\(([^()]*)\)", q[i + len(d.phrase):])):
            continue
        gap = q[i + len(d.phrase): i + len(d.phrase) + m.start(1)]
        if re.search(r"\b(?:the|a|an|vs\.?|versus|its|their)\s", gap, re.I) or re.search(r"\b[A-Z]", gap):
            continue  # (another phrase begins before it: "the X work and the Y system (FooNet)", "... and Doe et al. (FooNet)")
        named = [t for t in plan.targets if t.by == "name" and t.paper_ids and not t.baseline and as_word(t.phrase).search(m.group(1))]
        if len(named) == 1 and named[0] in plan.targets:
            d.paper_ids, d.confidence, d.rivals = list(named[0].paper_ids), 1.0, []
            plan.targets.remove(named[0])


def weak_before_aside(q: str, plan: Plan) -> None:
    """"the sparse SIMD (FooSIMD) kernels": a word some abstracts use (SIMD), with a paper's
    firm name in parentheses right after it, describes that paper; it names no paper of its own."""
    firm = [t for t in plan.targets if t.by == "name" and t.confidence > _WEAK_NAME and t.paper_ids]
    plan.targets = [t for t in plan.targets if not (t.by == "name" and t.confidence <= _WEAK_NAME and any(
        re.search(rf"(?<![\w-]){re.escape(t.phrase)}\s*\(\s*{re.escape(f.phrase)}\s*\)", q, re.I) for f in firm))]
