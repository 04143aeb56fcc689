"""How a question sets its papers side by side: joined ("A and B", "between A and B"), each
owning a measure set against the other's ("Is A's gain bigger than the one reported by B?"),
or each the subject of its own part: "How much memory does FooNet save, and what
speedup does the 2016 survey on bar pruning report?", "FooNet reports what latency, while
the sparse-routed BarNet reports what?", "the peak throughput of A, and of the 2021 paper by
Jane Doe". Each part's subject is the paper it names, or the work it describes (resolved by
the planner's own search); two or more parts with subjects of their own set those papers side
by side, one row per part.

Out of scope: the question's kind (planner.py, which asks these); descriptions joined to
each other (descriptions.py).
"""

from __future__ import annotations

import re

from ..models import Kind, Plan, Target, title_prefix
from ..text import as_word, content_words, looks_like_name, sentences
from .phrasing import BY_PEOPLE, CLAIMS, COUNT_WORD, WORK_NOUNS, _ASKS, _BACK_REFERENCE, _BASELINE_BEFORE, _PEOPLE, _POSSESSOR, _WEAK_NAME, _WORK_PHRASE, SET_OFF_MARK, owns_claim
from .facets import _CLAUSE, in_examples, pieces, split_statements

# ("And how about the X one?": the same asked of another paper.)
_LEAD = re.compile(r"^\s*(?:(?:and|but|while|whereas|also|then|in|for|of|from|on|by|about|with|(?:how|what)\s+about)\s+)+", re.I)
# "FooNet's successor" is another paper; "FooNet's generated designs" are FooNet's.
_RELATED = re.compile(r"['’]s\s+(?:[\w-]+\s+){0,2}?(?:successors?|predecessors?|follow-ups?|extensions?|versions?|variants?|baselines?|competitors?|rivals?)\b", re.I)
# A claim set against another work's own claim: "... than the one of (reported by) the Y
# system", "outperform what the Y tool claims", "than the Y library does", "than the Y framework".
# (Whether Y is only what the first paper measured against, its abstract says: baseline_of.)
_THAN = r"(?:than|beats?|beating|outperforms?)"
_THAN_OWNED = re.compile(rf"\s+{_THAN}\s+(?=(?:that|those|the\s+[^,;?]*?)\s+(?:of|reported\s+by|by|in|from)\s+(?:the|a|an)\s"
                         rf"|what\s+(?:(?:the|a|an)\s|(?-i:[A-Z]))|(?:the|a|an)\s+[^,;?]*?\b(?:{WORK_NOUNS})\b|(?:the|a|an)\s+[^,;?]*?\s{CLAIMS}\b)", re.I)
# (Chat drops the article: "bar-sharded foo tuning - what memory ...?")
_SET_OFF = re.compile(rf"\s*(?:and\s+|but\s+)?((?:(?:the|a|an)\s)?(?!(?:what|which|how|who|quick|compared|relative|against|over|for|in|on|with|from|at|by|to|of|under|across|versus|vs|given|using)\b)(?:(?!\sand\s)[^:?;,—–])+?)\s*(?:{SET_OFF_MARK})\s*"
                      r"(?=(?:what|which|how|who|is|are|was|were|does|do|did)\b)", re.I)
# "row-gated FooNet inference gets what latency": the subject before a claim verb and "what".
_GETS_WHAT = re.compile(r"^\s*(?:and\s+|but\s+)?((?!(?:what|which|how|who|the|a|an|while|whereas|for|in|of)\b)[^,;:?]+?)\s+(?:gets?|achieves?|reaches|has|have|saves?|reports?|claims?)\s+(?:what|how\s+much)\b", re.I)
_PRONOUN = re.compile(r"^\s*(?:it|they|each|both|its|their|them|this|these|that|those|one)\b", re.I)


_VS = r"(?:vs\.?|versus)"


def vs_side(q: str, start: int, end: int) -> bool:
    """Is q[start:end] a whole side of "x vs y" ("barnet vs foonet: ...")?"""
    before, after = q[:start], q[end:]
    vs_before, vs_after = re.search(rf"\b{_VS}\s*$", before, re.I), re.match(rf"\s+{_VS}\s", after, re.I)
    edge_before, edge_after = re.search(r"(?:^|[:;,(])\s*$", before), re.match(r"\s*(?:[:;,?)—–]|\s-\s|$)", after)
    return bool((vs_before and (edge_after or vs_after)) or (vs_after and edge_before))


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


def background(q: str, subjects: list[Target]) -> list[Target]:
    """Papers named beside the compared ones, not compared: named only outside the question's
    own sentences when those name two papers or more ("FooLib keeps failing me. Between
    A, B and C, which ...?"), or only inside a relative clause on another paper ("DistFoo,
    which distributes Foo across GPUs": Foo is what DistFoo builds on)."""
    said = sentences(q)
    asking = [x for x in said if x.rstrip().endswith("?")]

    def spots(t: Target) -> list[re.Match]:
        return list(as_word(t.phrase).finditer(q))

    out = []
    if len(asking) < len(said):
        inside = [t for t in subjects if any(as_word(t.phrase).search(x) for x in asking)]
        if len({tuple(t.paper_ids) for t in inside if t.paper_ids}) >= 2:
            out += [t for t in subjects if t not in inside]
    clauses = [m.span() for m in re.finditer(r",\s*(?:which|that|who)\b[^,.;?]*", q, re.I)
               if any(q[: m.start()].rstrip().lower().endswith(t.phrase.lower()) for t in subjects)]
    out += [t for t in subjects if t not in out and (found := spots(t)) and clauses
            and all(any(a <= m.start() < b for a, b in clauses) for m in found)]
    return out


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


def coordinated(q: str, subjects: list[Target]) -> bool:
    """'X and Y', 'X, Y and Z', 'between X and Y', 'from X to Y': the subjects are joined."""
    low = q.lower()
    pos = sorted((low.find(t.phrase.lower()), t.phrase) for t in subjects if low.find(t.phrase.lower()) >= 0)
    for (a, pa), (b, _) in zip(pos, pos[1:]):
        between = low[a + len(pa): b]
        joined = re.search(r"(?:^|\W)(?:and|or|vs\.?|versus|to|with)(?:\W|$)|,", between)
        # Only a conjunction and frame words between, or two noun phrases joined ("the
        # FooChip soft-error study and the BarRAM fault-tolerance paper"): no verb, no clause.
        phrases = re.search(r"\b(?:and|or|vs\.?|versus)\b", between) and not re.search(_CLAUSE, between)
        if not joined or (content_words(between) and not phrases):
            return False
    return len(pos) >= 2


_INTERROGATIVE = re.compile(r"\b(?:what|which|how|who|whom|whose|when|where|why)\b", re.I)
# A thing made by people, named in full ("the 2024 FooBar generator by Jane Doe"): a work.
_AUTHORED = re.compile(rf"\b(?:the|a|an)\s+(?:[\w.()/-]+\s+){{0,6}}?[\w-]+\s+(?=by\s+(?-i:[A-Z])[\w.'-]*\s+(?-i:[A-Z])){BY_PEOPLE}", re.I)


def set_off(text: str) -> re.Match | None:
    """The phrase set off before the question in `text` (_SET_OFF), if it may be a paper: not a
    label of the question ("a latency question:") nor a count ("two pruning papers:")."""
    m = _SET_OFF.match(text)
    # (Without an article, a chat subject is short: "bar-sharded foo tuning - what ...?")
    bare = m and not re.match(r"\s*(?:the|a|an)\s", m.group(1), re.I)
    return m if m and not re.search(r"\b(?:questions?|papers|works|studies|ones)\s*$", m.group(1), re.I) \
        and not re.match(rf"\s*{COUNT_WORD}\b", m.group(1), re.I) and not (bare and len(m.group(1).split()) > 5) else None


def subject_phrase(piece: str) -> str | None:
    """The phrase in one part that describes its paper: a work by its kind ("the ... paper by
    Doe"), else the part's definite subject when it holds a name-like word or a compound
    ("the sparse-routed BarNet"); None for a pronoun ("what does it report") or none."""
    # "the FooNet accelerator: how much faster ...?", "And the BarNet search — what gain ...?":
    # the phrase set off before the question is its paper.
    if (m := set_off(piece) or _GETS_WHAT.match(piece)) and len(content_words(m.group(1))) >= 2:
        return m.group(1).strip()
    body = _LEAD.sub("", piece)
    if m := _ASKS.search(body):
        body = body[m.end():]
    if m := re.match(rf"\s*(?:its|their)\s+(?:[\w-]+\s+){{1,4}}?(?:{WORK_NOUNS})\b", body, re.I):
        return m.group().strip()  # "its multi-node follow-up": a work related to the one before, by its own words
    if _PRONOUN.match(body) or _BACK_REFERENCE.match(body.strip()):
        return None  # ("what does the latter find": a paper already introduced)
    if (m := re.match(rf"\s*what\s+((?:the|a|an)\s+[^,;?]+?)\s+{CLAIMS}\b", body, re.I)) and len(content_words(m.group(1))) >= 2:
        return m.group(1)  # "(outperform) what the X tool claims": the work whose claim it is
    works = list(_WORK_PHRASE.finditer(body))
    if works:
        return works[-1].group().strip()
    if m := _AUTHORED.search(body):
        return m.group().strip()  # "the 2024 FooBar generator by Jane Doe and Ann Poe", whatever its head
    if _PEOPLE.search(body):
        return body.strip()  # "Doe et al. 2017 (graph caching)": the resolver drops the people
    # "what does Doe 2022's sparse engine report": the owner's work, the subject after the verb.
    owned = [m.end() for m in re.finditer(r"\b(?:does|do|did|is|are|was|were|has|have)\s+", body, re.I) if _POSSESSOR.match(body, m.end())]
    if owned or _POSSESSOR.match(body):
        return body[owned[0] if owned else 0:].strip()
    if not (m := re.match(r"(?:the|a|an)\s+", body, re.I)):
        return None
    end = _CLAUSE.search(body, m.end())
    phrase = body[: end.start() if end else len(body)].strip()
    words = phrase.split()[1:]
    return phrase if len(words) >= 2 and any(looks_like_name(w) or "-" in w.strip("-") for w in words) else None


def part_subjects(q: str, plan: Plan, resolve, measure=lambda words: False) -> list[Target]:
    """The papers that are the subjects of the question's parts, one per part, in order; []
    when a part names two. `resolve(phrase, taken_ids, part)` -> Target | None finds a described
    one; `measure(words)`: is the last of `words` a measure ("the X of the FooNet paper")."""
    statements, asked = split_statements(q)
    firm = [t for t in plan.targets if t.paper_ids and (t.by != "name" or t.confidence > _WEAK_NAME)]
    own: list[Target] = []
    unnamed: list[str] = []
    lead = re.split(r"[.?!]\s+", statements)[-1] if statements else ""
    # A lead-in joined to the question ("For FooNet, how ...? And for BarLib, what ...?") names
    # the first part's paper.
    joined = [] if re.search(r"[.?!]\s*$", lead) else [lead]
    # The measure after "than" may be another work's ("... than the gain of the tool that ...").
    parts_ = [x for p in pieces(asked or q) for x in _THAN_OWNED.split(p)]
    # "row-gated foo serving, what latency ...?": a bare phrase, no measure, before a part
    # that asks is that part's subject, set off as by a colon.
    for i in range(len(parts_) - 1, 0, -1):
        if _INTERROGATIVE.match(parts_[i].strip()) and not re.match(r"\s*(?:how|what)\s+about\b", parts_[i], re.I) \
                and not _INTERROGATIVE.search(parts_[i - 1]) and not _ASKS.match(parts_[i - 1]) and not _LEAD.match(parts_[i - 1]) and not re.match(r"\s*(?:is|are|was|were|does|do|did|can|could)\b", parts_[i - 1], re.I) \
                and not measure(content_words(parts_[i - 1])[-1:]) and not any(as_word(t.phrase).search(parts_[i - 1]) for t in firm):
            parts_[i - 1: i + 1] = [f"{parts_[i - 1]}: {parts_[i]}"]
    for piece in joined + parts_:
        here = [t for t in firm if (m := as_word(t.phrase).search(piece))
                and not _BASELINE_BEFORE.search(piece[: m.start()]) and not _RELATED.match(piece, m.end())]
        # ("... and what do B and C report?": a part may ask its question of papers joined.)
        if len(here) > 1 and not coordinated(piece, here):
            return []
        for t in here:
            if not any(set(t.paper_ids) == set(u.paper_ids) for u in own):
                own.append(t)
        if not here and piece not in joined:
            unnamed.append(piece)
    if joined and own and as_word(own[0].phrase).search(joined[0]):
        # The parts after it ask about its paper, unless led in the same way ("For A, how ...?
        # And for the BazQux framework, what ...?").
        unnamed = [p for p in unnamed if not (_INTERROGATIVE.search(p) and not _AUTHORED.search(p))]
    # A lead-in that describes one work ("Doe et al. 2017 (graph caching): what ...? And in
    # FooNet, ...?") is the paper of the parts that name none, beside the one named.
    # So is a lead-in set off before the first part ("The FooNet design — how fast ...? And ...").
    # So is a work a lead-in joined to the question describes ("In the 2020 paper by Jane Doe
    # and Ann Poe, what ...? And ...", "For the FooBar system, how ...").
    # The parts after such a lead ask about its work, unless one is led in the same way ("...,
    # and for the BazQux framework, how ...") or names its work's people.
    joined_lead = False
    off = set_off(first := f"{lead}: {asked}") if lead else None  # (the lead set off before the question)
    if not own and lead and not re.search(r"[.?!]\s*$", lead) and (off or _AUTHORED.search(lead) or _WORK_PHRASE.search(lead)):
        joined_lead = not (off or _AUTHORED.search(lead))
        unnamed = [p for p in unnamed if not (joined_lead and _INTERROGATIVE.search(p) and not _AUTHORED.search(p))]
        unnamed.insert(0, first if off else lead)
    elif len(own) == 1 and statements and not any(as_word(t.phrase).search(statements) for t in firm if set(t.paper_ids) & set(own[0].paper_ids)):
        described = _PEOPLE.search(statements) or _WORK_PHRASE.search(statements)
        lead_off = not described and off and lead == statements and not measure(content_words(lead)[-1:])
        if described or lead_off:
            unnamed.insert(0, f"{lead}: {(pieces(asked) or [asked])[0]}" if lead_off else statements)
    elif not own and _WORK_PHRASE.search(statements) and any(re.search(r"\b(?:it|its|that\s+one|this\s+one)\b", p, re.I) for p in unnamed):
        unnamed.insert(0, statements)  # "There's a paper that ... . How fast is it, and what does the X one save?"
    said = [t for t in firm if as_word(t.phrase).search(statements)]
    if not own and len({tuple(t.paper_ids) for t in said}) == 1:
        own.append(said[0])  # "FooNet is neat. How fast is it, and what does its successor claim?"
    for piece in unnamed:
        if (phrase := subject_phrase(piece)) is None:
            continue
        taken = {pid for t in own for pid in t.paper_ids}
        # "its multi-node follow-up": a relative of the paper before, found with that one's words too.
        lean = own[-1].phrase if own and re.match(r"\s*(?:its|their)\b", phrase, re.I) else ""
        target = resolve(f"{phrase} {lean}" if lean else phrase, taken, piece)
        if target and lean:
            target.phrase = phrase
        # ("the memory saving in the FooNet paper": the work owns the measure asked of it; the
        # measure is what the part asks.)
        owner = re.search(r"\b(?:of|in|from|by)\s+((?:the|a|an)\s.*)$", phrase, re.I)
        if target and owner and _WORK_PHRASE.match(owner.group(1)) and measure(content_words(phrase[: owner.start()])[-1:]):
            target.phrase = owner.group(1)
        if target and target.paper_ids and not target.missing and not set(target.paper_ids) & taken:
            own.append(target)
    low = q.lower()
    return sorted(own, key=lambda t: low.find(t.phrase.lower()) % (len(low) + 1))


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


def with_described(q: str, asked: str, plan: Plan, found: list[Target], weak: list[Target]) -> bool:
    """Set the described papers `found` beside the named ones, in the question's order; False
    (the plan unchanged) when that leaves fewer than two compared papers."""
    inside = " ".join(t.phrase for t in found)
    before = (list(plan.targets), list(plan.specifics))

    def times(name: str, text: str) -> int:
        return len(as_word(name).findall(text))
    # Named only inside a description: a word of it, no compared paper.
    plan.targets = [t for t in plan.targets
                    if not (times(t.phrase, inside) and (t in weak or times(t.phrase, q) <= times(t.phrase, inside)))
                    # ("the FooZone-based guard": the name in a compound of the description of its paper)
                    and not any(t.paper_ids == f.paper_ids and t.phrase.lower() in f.phrase.lower() for f in found)]
    # Other words some abstracts use ("such as FooLib"): no compared paper; a qualifier
    # when the question sentence names them outside examples.
    for t in [t for t in plan.targets if t in weak]:
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
