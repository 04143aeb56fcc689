"""Each part's subject: the paper a part of the question is about. "How much memory does
FooNet save, and what speedup does the 2016 survey on bar pruning report?", "FooNet reports
what latency, while the sparse-routed BarNet reports what?", "the peak throughput of A, and of
the 2021 paper by Jane Doe", "bar-sharded foo tuning - what memory ...?". Each part's subject
is the paper it names, or the work it describes (resolved by the planner's own search); two or
more parts with subjects of their own set those papers side by side, one row per part.

Out of scope: whether the papers are compared at all, and how (compared.py, one_of.py);
resolving a description (descriptions.py).
"""

from __future__ import annotations

import re

from ..models import Plan, Target
from ..text import as_word, content_words, looks_like_name
from .compared import _THAN, coordinated
from .facets import _CLAUSE, pieces, split_statements
from .places import headed
from .phrasing import BY_PEOPLE, CLAIMS, COUNT_WORD, WORK_NOUNS, _ASKS, _BACK_REFERENCE, _BASELINE_BEFORE, _PEOPLE, _POSSESSOR, _WEAK_NAME, _WORK_PHRASE, SET_OFF_MARK

# ("And how about the X one?": the same asked of another paper.)
_LEAD = re.compile(r"^\s*(?:(?:and|but|while|whereas|also|then|in|for|of|from|on|by|about|with|(?:how|what)\s+about)\s+)+", re.I)
# "FooNet's successor" is another paper; "FooNet's generated designs" are FooNet's.
_RELATED = re.compile(r"['’]s\s+(?:[\w-]+\s+){0,2}?(?:successors?|predecessors?|follow-ups?|extensions?|versions?|variants?|baselines?|competitors?|rivals?)\b", re.I)
# A claim set against another work's own claim: "... than the one of (reported by) the Y
# system", "outperform what the Y tool claims", "than the Y library does", "than the Y framework".
# (Whether Y is only what the first paper measured against, its abstract says: baseline_of.)
_THAN_OWNED = re.compile(rf"\s+{_THAN}\s+(?=(?:that|those|the\s+[^,;?]*?)\s+(?:of|reported\s+by|by|in|from)\s+(?:the|a|an)\s"
                         rf"|what\s+(?:(?:the|a|an)\s|(?-i:[A-Z]))|(?:the|a|an)\s+[^,;?]*?\b(?:{WORK_NOUNS})\b|(?:the|a|an)\s+[^,;?]*?\s{CLAIMS}\b)", re.I)
# (Chat drops the article: "bar-sharded foo tuning - what memory ...?")
_SET_OFF = re.compile(rf"\s*(?:and\s+|but\s+)?((?:(?:the|a|an)\s)?(?!(?:what|which|how|who|quick|compared|relative|against|over|for|in|on|with|from|at|by|to|of|under|across|versus|vs|given|using)\b)(?:(?!\sand\s)[^:?;,—–])+?)\s*(?:{SET_OFF_MARK})\s*"
                      r"(?=(?:what|which|how|who|is|are|was|were|does|do|did)\b)", re.I)
# "row-gated FooNet inference gets what latency": the subject before a claim verb and "what".
_GETS_WHAT = re.compile(r"^\s*(?:and\s+|but\s+)?((?!(?:what|which|how|who|the|a|an|while|whereas|for|in|of)\b)[^,;:?]+?)\s+(?:gets?|achieves?|reaches|has|have|saves?|reports?|claims?)\s+(?:what|how\s+much)\b", re.I)
# Another work a pronoun's paper is related to ("its sharded successor", "their 2024 journal version").
_RELATIVE_WORK = r"successors?|predecessors?|follow-ups?|extensions?|sequels?|versions?"
_PRONOUN = re.compile(r"^\s*(?:it|they|each|both|its|their|them|this|these|that|those|one)\b", re.I)
# "What is the best hit rate it claims": the pronoun after the asked thing is the part's subject.
# (Not "what margin over it does X keep": there "it" is what X is set against.)
_ASKED_OF_IT = re.compile(r"\s*(?:what|which|how)\b(?:\s+[\w-]+){0,8}?\s+(?!(?:over|than|to|with|for|on|in|of|from|against|by|about|at|vs|versus)\s)[\w-]+"
                          r"\s+(?:it|they)\s+(?!(?:is|are|was|were|does|do|did|has|have|had|can|could|will|would)\b)[a-z]+\b", re.I)
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
    if re.match(r"\s*(?:(?:and|but)\s+)?(?:on|with|using|over|across|under|at)\s", piece, re.I) and not _WORK_PHRASE.search(piece) \
            and not _INTERROGATIVE.search(piece):
        return None  # ("on the FooBench split, what ...": a setting before the question, no work)
    # ("What's the cut": no owner's "'s")
    body = re.sub(r"^(\s*(?:what|which|how|who|where|when))['’]s\b", r"\1 is", _LEAD.sub("", piece), flags=re.I)
    if _ASKED_OF_IT.match(body):
        return None  # "what is the best hit rate it claims": asked of a paper already meant
    # ("what is the peak-memory cut": after a copula the phrase is what is asked, no subject.)
    copula = re.match(r"\s*(?:what|which|how)\s+(?:is|are|was|were)\s", body, re.I)
    if m := _ASKS.search(body):
        body = body[m.end():]
    if m := re.match(rf"\s*(?:its|their)\s+(?:[\w-]+\s+){{1,4}}?(?:{_RELATIVE_WORK})\b", body, re.I):
        return m.group().strip()  # "its multi-node follow-up": a work related to the one before, by its own words
    # (Else "its 6-layer variant", "their rounding technique" are parts of the paper already meant.)
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
    if copula or not (m := re.match(r"(?:the|a|an)\s+", body, re.I)):
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
    if len(heads := headed(q)) >= 2:
        # "A-ish tuner: memory saved? vs the B-ish one: which board?": questions in a row, each
        # set off by its own subject (a name in it, or the work it describes).
        own = []
        for head, unit in heads:
            taken = {pid for t in own for pid in t.paper_ids}
            named = [t for t in firm if as_word(t.phrase).search(head) and not set(t.paper_ids) & taken]
            target = named[0] if len(named) == 1 else resolve(head, taken, unit) if not named else None
            if target and target.paper_ids and not target.missing and not set(target.paper_ids) & taken:
                own.append(target)
        if len(own) == len(heads):
            return own
    own: list[Target] = []
    unnamed: list[str] = []
    lead = re.split(r"[.?!]\s+", statements)[-1] if statements else ""
    # A lead-in joined to the question ("For FooNet, how ...? And for BarLib, what ...?") names
    # the first part's paper.
    # (A lead-in may hold parts of its own: "A's memory cut, and for B, which board?")
    joined = [] if re.search(r"[.?!]\s*$", lead) else (pieces(lead) or [lead])
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
        # ("... and what do B and C report?": a part may ask its question of papers joined;
        # two names of one paper, "the Foo Bar Architecture's proof (FooBar-X)", are one.)
        if len({tuple(sorted(t.paper_ids)) for t in here}) > 1 and not coordinated(piece, here):
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
