"""The asked aspects of a question, in the question's own words, one phrase per thing asked.

* A comparison's facets are its table rows: "differ in X and Y" -> X, Y; "how much faster"
  -> a row of its own; with no cue, the question's leftover content words ("how did A's and
  B's energy figures change ...") make one row, and a named baseline ("how do A and B do
  against C?") makes the row a measured result.
* A question about one paper that asks several things ("what does X prune, and how much
  smaller is the model?") has one part per sub-question, each answered by its own evidence.

Only English question grammar: coordinated interrogatives, aspect cues ("differ in", "in
terms of"), and the genre's frame words (text.QUESTION_FRAME).

Out of scope: which papers the question names (planner.py) and choosing sentences (answer/).
"""

from __future__ import annotations

import re

from ..models import Plan
from ..text import as_word, content_words
from .phrasing import _SPEAKER, BY_PEOPLE, COUNT_WORD, DIFFER, without_asides
from .places import _IN_ORDER, _MARK, asked_after, headed, marked
from .statements import split_statements

# What follows a comparison's subjects and names the asked aspect: "differ in X", ": X".
ASPECT_CUE = re.compile(rf"\b(?:{DIFFER}|compare\w*|contrast\w*|vary|varies|(?:dis)?agree\w*)\s+(?:about|over)\s+|\b(?:{DIFFER}|compare\w*|contrast\w*|vary|varies|(?:dis)?agree\w*)\s+(?:in|on|with respect to|regarding|in terms of|when it comes to)\s+|\bin terms of\s+|\bwith respect to\s+|\bregarding\s+|(?<!\w):\s*|:(?!\w)\s*|\s+[-–—]\s+|\bon\s+(?=(?:their|the|its)\b)", re.I)
# "what is its top number": a number noun heads the asked phrase.
# ("how deep a network does X train": a depth, a number of layers; "how accurate": a figure of accuracy.)
NUMBER_Q = re.compile(r"\bhow (?:much|many|fast|far|large|big|small|long|high|low|well|often|deep|wide|tall|heavy|accurate|close)\b|\bby what (?:factor|margin)\b"
                      r"|\bwhat\s+(?:(?:is|are|was|were)\s+)?(?:(?:the|its|their|each)\s+)?(?:[\w-]+\s+){0,2}?(?:percentage|fraction|ratio|number|amount|factor|figure)s?\b"
                      r"|^\W*(?:[\w-]+\s+){0,2}?(?:numbers|figures)\W*$", re.I)  # ("key numbers?": a row of numbers)
def embedded(text: str, at: int) -> bool:
    """Is the interrogative at `at` a verb's object in a sentence another one opened ("which
    rule lets X pick how many workers to spawn", "how do A, B and C each work out how much
    to cache")? Then it is no question of its own: it tells what the first one asks. (Not
    after a comma, a preposition or a conjunction: "..., and how many", "by how much".)"""
    before = re.split(r"[;:?.!(]", text[:at])[-1]
    return bool(re.search(r"\b(?:what|which|how)\b", before, re.I)) and bool(re.search(r"\w\s+$", before)) \
        and not re.search(r"\b(?:by|on|in|at|for|to|of|with|from|over|than|about|and|or|but|while|whereas)\s*$", before, re.I)


def asks_number(text: str) -> re.Match | None:
    """The first cue in `text` asking a number ("how many", "by what factor"), not embedded."""
    return next((m for m in NUMBER_Q.finditer(text) if not embedded(text, m.start())), None)


# A new sub-question: a comma or "and" (or a semicolon) followed by an interrogative or by
# "by how much", "to what extent", "against which baseline" (a preposition fronted with it)
# ... "what X does it reach" and "how much does it save".
# (", whereas B reports what?": a contrasting clause is a part, whatever it opens with; not
# ", while ...", often a condition of the same clause.)
_PART_JOINT = re.compile(
    r"\s*(?:[,;?]\s*(?:and\s+|but\s+)?|\s+and\s+)(?=(?:(?:up\s+)?(?:by|to|at|in|on|for|with|against|over|from|under|across|within|during|of|about|through|via|between|among)\s+)?(?:what|which|how|who|whom|whose|when|where|why|is|are|was|were|does|do|did|can|could)\b)"
    r"|\s*[,;]\s*whereas\s+"
    # ("..., and run on which board": a verb, then the preposition fronted with the question word.)
    r"|\s*,?\s+and\s+(?=(?-i:[a-z]+)\s+(?:with|against|to|on|in|over|by)\s+(?:what|which)\b)"
    # (", and on small boards what ...": a short setting may come first.)
    r"|\s*[,;]\s*(?:and\s+|but\s+)?(?=(?:in|on|for|with|under|across|at)\s+(?:[\w-]+\s+){1,3}?(?:by\s+)?(?:what|which|how)\b)",
    re.I)
# What ends a noun phrase: a verb of the question's frame, a wh-word, a baseline, punctuation.
_CLAUSE = re.compile(r"[,;?]|:\s|(?<![\w-])(?:do|does|did|is|are|was|were|has|have|had|what|which|how|who|when|where|why|than|"
                     r"over|against|in|on|for|with|by|from|to|at|into|using)(?![\w-])", re.I)
# The aspect set off by commas right after the comparison verb.
_INTERJECTED = re.compile(rf"\b(?:{DIFFER}|compare\w*|contrast\w*)\s*,\s*(?:in terms of|with respect to|regarding|in|on)\s+([^,;?]+),", re.I)
# A part asking what a paper is measured against: "what does each compare (itself) against",
# "which prior systems do they outperform", "what baselines do they use", "against which system".
# (Its row is BASELINE_FACET.)
# "..., and against which system?": the preposition fronted with the question word asks the rival.
_FRONTED_AGAINST = r"(?:against|versus|vs\.?|compar(?:e|es|ed)\s+(?:to|with)|relative\s+to)\s+(?:what|which)\b"
AGAINST_WHICH = re.compile(rf"^\W*(?:(?:and|but|also)\s+)?{_FRONTED_AGAINST}", re.I)
BASELINE_Q = re.compile(r"^\W*(?:(?:and|but|also)\s+)?(?:" + _FRONTED_AGAINST + r".*$|(?:what|which)\b(?:(?:.*\b(?:compar|measur|evaluat|benchmark|test|position|pit|set)\w*\s+(?:(?:it|itself|themselves|them)\s+)?"
                        r"(?:against|with|to)|.*\b(?:outperform|beat|surpass|exceed)\w*)\W*$|\s+(?:(?!(?:over|than|against|versus|vs)\b)[\w-]+\s+){0,2}?baselines?\b))", re.I)
BASELINE_FACET = "compared against"
_WHICH_DEGREE = re.compile(r"^\W*(?:which|who)(?:\s+one)?\s+(?:is|are|was|were|has|had|gets?|got|reports?)\s+(?:the\s+)?(?:\w+er|more|less|better|worse)\W*$", re.I)
_DEGREE = re.compile(r"\s*(?:\w+er|more|less|better|worse)\s*", re.I)
_PRONOUNS = re.compile(r"\b(?:their|its|the|they|them|both|each|it|this|that|these|those)\b", re.I)


def _strip(phrase: str, names: list[str]) -> str:
    # Names first: a description is a name too, and "the" begins it.
    for n in sorted(names, key=len, reverse=True):
        phrase = as_word(n).sub(" ", phrase)
    phrase = _PRONOUNS.sub(" ", phrase)
    return " ".join(phrase.split())


def aspect_cue(text: str) -> re.Match | None:
    """Where the asked aspect starts: a colon when there is one ("Compare A, the work on
    the FooCluster machine, and C: which ..."), else the first cue word."""
    colon = next((m for m in re.finditer(r":\s", text) if not in_parens(text, m.start())), None)
    return colon or ASPECT_CUE.search(text)


def in_parens(q: str, i: int) -> bool:
    """Is position `i` of `q` inside parentheses? "(width, depth, or FooOp count)" gives
    examples of what is asked: none of them is a qualifier, and its commas split nothing."""
    return q.count("(", 0, i) > q.count(")", 0, i)


# "baselines such as FooLib, BarLib and BazLib, what ...": examples, up to the clause's end.
# (Not a guess put as a question, "e.g. is that FooNet on BarSet?": the one setting the asker
# takes it to be, to check; "for example, did they include A and B?" still gives examples.)
_EXAMPLES = re.compile(r"\b(?:such as|e\.g\.,?|for example|including)\s+(?!(?:was|is)\s+(?:it|that|this)\b)[^;:?]*?(?=,\s*(?:what|which|how|who|when|where|why)\b|[;:?]|$)", re.I)


def in_examples(q: str, i: int) -> bool:
    """Is position `i` in parentheses or in a "such as ..." list? Examples qualify nothing."""
    return in_parens(q, i) or any(m.start() <= i < m.end() for m in _EXAMPLES.finditer(q))


def split_outside_parens(text: str, joints: str) -> list[str]:
    out, start = [], 0
    for m in re.finditer(joints, text, re.I):
        if not in_examples(text, m.start()):
            out.append(text[start: m.start()])
            start = m.end()
    return out + [text[start:]]


def subject_span(q: str, names: list[str]) -> tuple[int, int] | None:
    """Where the coordinated subjects are written ("the PyTorch CNN pruning whitepaper
    and LLM.int8()"): from the first subject (with its article) to the last (with the noun
    naming it a work, if one follows), when only noun phrases and a conjunction are between."""
    low = q.lower()
    spots = sorted((i, i + len(n)) for n in names if (i := low.find(n.lower())) >= 0)
    if len(spots) < 2:
        return None
    start, end = spots[0][0], spots[-1][1]
    between = q[spots[0][1]: spots[-1][0]]
    if not re.search(r"\b(?:and|or|vs\.?|versus)\b", between) or re.search(_CLAUSE, between):
        return None
    if m := re.search(r"\bthe\s+$", q[:start], re.I):
        start = m.start()
    if (m := re.match(r"(?:\s*\S+){0,5}?\s*\b(?:papers?|works?|study|survey|whitepaper|system|framework|method|accelerator)\b", q[end:], re.I)) \
            and not re.search(_CLAUSE, m.group()):
        end += m.end()
    return start, end


def _without_subjects(q: str, names: list[str]) -> str:
    """The question without its coordinated subjects ("do the PyTorch CNN pruning
    whitepaper and FooNet save ..." -> "do save ...")."""
    span = subject_span(q, names)
    return q[: span[0]] + " " + q[span[1]:] if span else q


# A joint between clauses: "..., and", "..., while", "; ", "? And", "whereas". (A bare comma
# may set off an apposition or a relative clause: "FooNet, which extends BarNet, ...".)
_CLAUSE_JOINT = re.compile(r"\s*(?:[,;]\s*(?:and|but|while|whereas)\s+|[;?]\s*(?:and\s+|but\s+)?|\s+(?:while|whereas)\s+)", re.I)


def pieces(asked: str, keep=lambda piece: False) -> list[str]:
    """The question's parts, each split again at clause joints ("A's speedup over X, and B's
    over Y") and at the commas of a list after a colon ("both tools: A's X, B's Y"). Those
    without a content word go, unless `keep` says otherwise ("and the other one")."""
    return [y for p in (parts(asked) or [asked]) for x in _CLAUSE_JOINT.split(p.rstrip("?. "))
            for y in _listed(x) if content_words(y) or keep(y)]


def _listed(text: str) -> list[str]:
    colon = next((m for m in re.finditer(r":\s+", text) if not in_examples(text, m.start())), None)
    if not colon:
        return [text]
    return [text[: colon.start()]] + split_outside_parens(text[colon.end():], r"\s*,\s*(?:and\s+)?")


_ASKS_ANY = re.compile(r"\b(?:what|which|how|who|whom|whose|when|where|why|is|are|was|were|does|do|did|can|could)\b", re.I)


# "what are they", "which ones": a part that asks what the words before it set out.
PRONOUN_PART = re.compile(r"(?:(?:what|which)\s+(?:are|were)\s+(?:they|these|those)|which\s+ones)\b", re.I)


def parts(q: str, before: str = "") -> list[str]:
    """The sub-questions of a question that asks several things; [] when it asks one. `before`:
    the statements before it, whose last clause a part asking "what are they" stands for ("X
    names three causes - what are they, and ...")."""
    q = q.strip().rstrip("?. ")
    cuts = [m.start() for m in marked(q)]
    found = [p.strip(" ,;?.") for a, b in zip([0, *cuts], [*cuts, len(q)]) for p in _PART_JOINT.split(q[a:b].rstrip("?. "))]
    if len(found) == 1 and not _ASKS_ANY.search(q):
        # A terse request asks no question, it lists the things asked: "FooNet - its solver's
        # name, and the gain on BarSet?"
        found = split_outside_parens(q, r"\s*,\s*(?:and\s+)?(?=(?:the|its|their)\s)")
    found = [re.sub(r"[\s,;]+(?:and|or)$", "", _MARK.sub("", re.sub(r"^and\s+", "", p), count=1)) for p in found]
    if said := (re.split(r"(?<=[.!?])\s+", before.strip())[-1] if before.strip() else ""):
        found = [f"{p}: {said}" if PRONOUN_PART.fullmatch(p) else p for p in found]
    found = [p for p in found if content_words(p)]
    return found if len(found) >= 2 else []


def _label_like(lead: str, names: list[str]) -> bool:
    """Could `lead`, before a colon, label the asked aspect ("peak power: ...")? A few words,
    no compared paper's name, no interrogative, not how the rows map ("In that order: ...")."""
    return not any(as_word(n).search(lead) for n in names) and 0 < len(content_words(lead)) <= 4 \
        and not re.search(r"\b(?:what|which|how|who)\b", lead, re.I) and not _IN_ORDER.search(lead)


def comparison_facets(q: str, plan: Plan, baselines: list[str]) -> list[str]:
    """The asked aspects of a comparison, one per table row, in the question's words."""
    # A work's people ("the 2024 paper by Jane Doe, John Roe and Ann Poe") say which paper, and
    # their commas and "and" join no asked things.
    def unpeopled(text: str) -> str:
        return re.sub(BY_PEOPLE, lambda m: " " if any(a.lower() in m.group().lower() for a in plan.authors) else m.group(), text, flags=re.I)
    q = re.sub(r"\s+--?\s+|\s*[—–]\s*", ": ", unpeopled(q))  # ("A vs B -- how fast?": a dash sets the question off as a colon does)
    names = [" ".join(unpeopled(t.phrase).split()) for t in plan.targets]
    facets: list[str] = []
    statements, asked = split_statements(q)  # statements before the question describe the papers
    whole, q = q, asked or q
    if units := headed(plan.question):  # "A: its speedup? the X one: which board?": each question a row
        return list(dict.fromkeys(x.strip() for h, u in units for x in pieces(asked_after(h, u)) if content_words(x)))[:4]
    if marked(q):  # "(a) A: its speedup? (b) the X paper: memory cut?": each item a row, without its paper
        return list(dict.fromkeys(f for x in parts(q) if content_words(
            f := re.sub(r"^(?:['’]s\s+|\([^()]*\)\s*|[:;,]\s*)+", "", _strip(x, names)).strip(" :;,.?"))))[:4]
    asked_q = q
    q = without_asides(q, names, keep=r"\s*or\s")  # ("A vs B (the sharded one)": the aside says which paper, not what is asked)
    q = _without_subjects(q, names)
    # "Which board (or how much power) does each use?": the alternative in parentheses is asked too.
    alternatives = [m.group(1).strip() for m in re.finditer(r"\(\s*or\s+([^()]+)\)", q, re.I)]
    q = re.sub(r"\s*\(\s*or\s+[^()]+\)", "", q, flags=re.I)
    cue = aspect_cue(q)
    label = ""
    if cue and ":" in cue.group():
        if len([n for n in names if as_word(n).search(q[cue.end():])]) >= 2 and re.search(r"\b(?:what|which|how)\b", q[: cue.start()], re.I) \
                and not any(re.search(re.escape(n) + r"\s+(?:on|in|with|for|at|under|using)\b", q[cue.end():], re.I) for n in names):
            # "Which board does each use: A, B and C?": the list names the papers, the question asks.
            # ("What accuracy does each report: A on X, and B on Y?" lists a setting per paper: rows.)
            q = q[: cue.start()]
            cue = aspect_cue(q)
        elif _label_like(q[: cue.start()], names) and not _SPEAKER.match(q[: cue.start()]):
            # "peak power: A vs B, which is lower?": the label is the aspect (not the asker's "I need: ...").
            label = q[: cue.start()].strip()
    said = aspect_cue(statements) if statements else None
    # ("peak power: what does A report vs B?": the statement is the label, its colon split off.)
    lead = statements[: said.start()] if said and ":" in said.group() else \
        statements if statements and re.match(rf"\s*{re.escape(statements.strip())}\s*:", whole) else ""
    if not label and lead:
        # "peak power: A vs B. Which is lower?": the label before the papers, a sentence earlier
        # (not the asker's "I work on X: A vs B", nor "Two FooNet designs: A and B" counting them).
        if _label_like(lead, names) and not re.match(rf"\s*{COUNT_WORD}\b", lead, re.I) and not re.search(r"[.?!]", lead) \
                and not _SPEAKER.match(lead) and not content_words(_without_subjects(statements[said.end():] if said else "", names)):
            label = lead.strip()
    tail = q[cue.end():] if cue else ""
    if not cue:
        # "How do their X and Y differ?": the aspect sits before the verb.
        m = re.search(r"\b(?:how|in what ways?)\s+(?:do|does|did)\s+(.+?)\s+(?:differ|compare|vary|contrast)\w*\s*\??$", q, re.I)
        tail = m.group(1) if m else ""
    if not tail and len(asked := pieces(q)) >= 2:
        # "Which dataset did each use, and how long did A train?": each part a row.
        tail = ", ".join(asked)
    if m := _INTERJECTED.search(q):  # "How does A compare, in cost, with B?"
        facets.append(_strip(m.group(1), names))
    for m in re.finditer(r"\bhow (?:much|many|fast|large|big|well)\b[^,;?()]*", q, re.I):
        if m.group() not in tail and not embedded(q, m.start()):
            # ("How much memory do <A> and <B> save": with the papers out, no "do" left dangling.)
            facets.append(re.sub(r"(?:\s+(?:do|does|did|is|are|was|were|and|or))+\s*$", "", " ".join(m.group().split()), flags=re.I))
    # "What latency does each give: A on X, and B on Y?": the asked noun heads every row.
    head = re.match(r"\s*(?:what|which)\s+((?:[\w-]+\s+){0,2}?[\w-]+)\s+(?:does|do|did|is|are|was|were)\b", q[: cue.start()], re.I) \
        if cue and not re.search(r"\w", cue.group()) else None
    for f in split_outside_parens(tail.rstrip("?. "), r"\s*[,;]\s*(?:and\s+)?|\s+and\s+"):
        f = _strip(f, names).strip(" :.")  # ("A: X; B: Y": each paper's label goes with its name)
        if content_words(f):
            facets.append(f if not head or set(content_words(head.group(1))) & set(content_words(f)) else f"{head.group(1)} {f}")
    # "Which GPU does each use?": the asked noun is asked, even a name-like one.
    wh = re.match(r"\s*(?:what|which)\s+((?:[\w-]+\s+){0,2}?[\w-]+)\s+(?:does|do|did|is|are|was|were)\s+(?:each|both|they)\b", q, re.I)
    if not facets and (plan.aspect_terms or baselines or wh):
        # No cue: what is left of the question once names and frame words are out ("their
        # energy figures"), or the baseline the papers are measured against.
        asked = set(content_words(q))
        rest = list(dict.fromkeys([w for w in content_words(wh.group(1)) if w not in plan.aspect_terms] if wh else [])) \
            + list(dict.fromkeys(w for w in plan.aspect_terms if w not in {b.lower() for b in baselines} and w in asked))
        if rest or baselines:
            plan.facets_inferred = True
            cased = {w.lower(): w for w in re.findall(r"[\w.+-]+", q)}  # as the question writes them ("LLM")
            facets.append(" ".join([cased.get(w, w) for w in rest] + (["against " + " and ".join(baselines)] if baselines else [])))
    if not facets and statements:
        # "A and B disagree on how fast they train. Which is right?": a question asking
        # nothing of its own asks what the statements do.
        facets += [_strip(m.group(), names) for m in re.finditer(r"\bhow (?:much|many|fast|large|big|well)\b[^,;?().]*", statements, re.I)]
    facets += [a for a in alternatives if content_words(a)]
    if label:
        # ("which is bigger" after it asks which value is larger: the values side by side answer it.)
        # (A bare "faster" left of "which is faster?" is the label's degree, no row.)
        facets = [f for f in facets if not _WHICH_DEGREE.match(f) and not _DEGREE.fullmatch(f) and f != label]
        # ("FooNet notes: what cache does A use? and how much does B save?": a label before
        # two things asked apart is the topic, none of them.)
        asking = [f for f in facets if re.search(r"\b(?:what|which|how|who|when|where|why)\b", f, re.I)]
        facets = facets if len(asking) >= 2 else [label] + facets
    # In the question's order: the first thing asked is the first row (the label first of all).
    low = q.lower()
    # (As words: "per" is inside "hyperparameter".)
    facets = sorted(dict.fromkeys(facets), key=lambda f: -1 if f == label else min(
        (m.start() for w in content_words(f) if (m := as_word(w).search(low))), default=len(q)))
    # "What does each compare against?": what each is measured against, one row in place of the
    # words of its part.
    asks_baseline = lambda piece: bool(BASELINE_Q.search(piece.strip()))  # noqa: E731
    against = [piece for piece in (pieces(q, keep=asks_baseline) or [q]) if asks_baseline(piece)]
    for piece in against:
        words = set(content_words(piece))
        at = next((i for i, f in enumerate(facets) if set(content_words(f)) <= words), len(facets))
        facets = [f for f in facets if not set(content_words(f)) <= words]
        facets.insert(at, BASELINE_FACET)
    if facets and re.search(rf"\b(?:{DIFFER}|compare\w*|contrast\w*)\s+(?:from|with|to)?\s*(?:\S+\s*)?[,?]", asked_q, re.I) and not against:
        facets.insert(0, "approach")  # "How does X differ from Y, and ...": what each does, too
    # A row that is two others run together ("how big a model, and on how much memory") goes;
    # so does a remark that something is the baseline ("BarNet serves as a baseline").
    facets = [f for f in facets if not re.search(r"\b(?:is|are|was|were)\s+(?:(?:just|only|merely|simply)\s+)?(?:(?:the|a|an|our|my)\s+)?baselines?\b", f, re.I)]
    sets = {f: set(content_words(f)) for f in facets}
    facets = [f for f in facets if sum(bool(sets[g]) and sets[g] < sets[f] for g in facets if g != f) < 2]
    return list(dict.fromkeys(facets))[:4]
