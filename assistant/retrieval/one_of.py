"""Papers of one kind told apart by what each part of the question asks: "Two pruning papers:
what does the structured one keep on ImageNet, and how fast is the other on a phone?", "FPGA
accelerators: the one that targets LSTMs, what ...? and the sparse one ...?". Such a question
names no paper. It says what kind they are (its frame: the statements and the lead-in before
the question) and refers to each by a pro-form ("the X one", "the one that ...", "the other",
"does one report") or a short description in its own part. Each part's paper is found with
the part's words (how it is described and what is asked of it, which that paper's text
states) and the frame's, without the papers earlier parts took. The same holds for any
part's own subject (`_part_subjects`): a description too short to say which paper alone
("the cache-pinning paper") is read with what its part asks.

Out of scope: papers named, or described well enough alone (planner.py,
compared_descriptions.py); whether a found paper reports the asked thing (answer/).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..models import Plan, Target, title_prefix
from ..text import NAME_TOKEN, as_word, content_words, looks_like_name, sentences
from .facets import pieces, split_statements
from .compared import baseline_of
from .parts import part_subjects
from .phrasing import WORK_NOUNS, _BASELINE_BEFORE, _PEOPLE, _WEAK_NAME, _WORK_PHRASE, SET_OFF_MARK, _WORK, antecedent, counted_lead, _listed, without_people
from .places import SUCCESSOR, introduced_works, places_asked

# "one" standing for a paper of the kind the question is about: "the other (one)", "the X one",
# "the one that ...", "does one report". ("one of them" picks from named papers; "the
# former"/"the latter", "the first one", refer back to papers already introduced.)
# A work brought in by an indefinite description: "a multi-GPU paper where ...", "an allocator that ...".
_A_WORK = re.compile(rf"\b(?:a|an)\s+(?:[\w-]+\s+){{0,5}}?(?:{WORK_NOUNS}|[a-z]+(?:er|or))\b.*", re.I)
_OTHER = re.compile(r"\bthe\s+other\b(?:\s+one\b)?", re.I)
_THE_ONE = re.compile(r"\bthe\s+(?:(?!(?:other|one|former|latter|first|second|third|last)\b)[\w/.-]+\s+){0,4}?one\b(?!\s+(?:of|another)\b|-)", re.I)
_BARE_ONE = re.compile(r"(?:^\s*|\b(?:does|do|did|is|was|has|had)\s+)(one)\b(?!\s+(?:of|another)\b|-)", re.I)
# "one of them ..., the other ...": a paper of the kind, when another part says "the other".
_ONE_OF = re.compile(r"^\s*(?:and\s+|but\s+)?(one\s+of\s+(?:them|these|those|the\s+two))\b", re.I)
# "... does the first one cut, vs what does the other report": the comparison's joint.
_VS_JOINT = re.compile(r",?\s+(?:vs\.?|versus)\s+(?=(?:what|which|how|who)\b)", re.I)


def _pro_form(text: str) -> str | None:
    """The pro-form in `text` standing for a paper, if any."""
    found = [m for m in (_OTHER.search(text), _THE_ONE.search(text)) if m]
    if m := _BARE_ONE.search(text):
        return m.group(1)
    return min(found, key=lambda m: m.start()).group() if found else None


def _work(text: str) -> str | None:
    """A definite description of one work ("the cache-pinning paper"), not of a kind
    ("the pruning papers")."""
    m = next((m for m in _WORK_PHRASE.finditer(text) if m.group().lower().startswith("the ")), None)
    if not m:
        return None
    head = re.search(r"\b(papers|works|studies|systems|frameworks|methods|approaches|techniques|designs|tools)\b", m.group(), re.I)
    return None if head else m.group()


def referred_parts(q: str) -> tuple[str, list[tuple[str, str, bool]]]:
    """(frame, parts): each part as (the phrase standing for its paper, the part's text,
    whether that phrase is a pro-form). Parts without a subject of their own ("and how much
    energy?") go on with the part before them."""
    statements, asked = split_statements(q)

    def refers(seg: str) -> tuple[str | None, bool]:
        """(the phrase standing for the segment's paper, whether it is a pro-form)."""
        if pro := _pro_form(seg):
            return pro, True
        if work := _work(seg):
            return work, False
        one_of = _ONE_OF.match(seg) if _OTHER.search(q[q.find(seg) + len(seg):]) else None
        return (one_of.group(1), True) if one_of else (None, False)
    frame: list[str] = []
    parts: list[list] = []
    said = sentences(statements)
    for i, sentence in enumerate(said):
        # (Chat goes on in lower case after a full stop: "the two X papers. one of them ...".)
        for seg in map(str.strip, re.split(rf"{SET_OFF_MARK}|(?<=\w\w\w\.)\s+(?=[a-z])", sentence)):
            # The lead-in right before the question may be its first part's subject ("the
            # one that ...: what does it ...?").
            ref, pro = refers(seg) if i == len(said) - 1 else (None, False)
            if ref and not parts:
                parts.append([ref, seg, pro])
            else:
                frame.append(seg)
    pending = bool(parts)  # the lead-in's subject, whose question is the first piece
    unreferred: list[str] = []  # what is asked before any part refers to its paper
    implicit = False  # ... taken as the first part's, its paper left unsaid
    for piece in [x for p in pieces(asked, keep=_pro_form) for x in _VS_JOINT.split(p)]:
        ref, pro = refers(piece)
        if ref and not pending:
            if not parts and unreferred and _OTHER.search(piece):
                # "what does the first report, and what the other": the first part's paper is one of the kind.
                parts.append([" ".join(frame) or unreferred[0], " ".join(unreferred), True])
                implicit = True
            parts.append([ref, piece, pro])
        elif parts:
            parts[-1][1] += f" {piece}"
        else:
            unreferred.append(piece)
        pending = False
    if not implicit:
        frame += unreferred
    return " ".join(frame), [tuple(p) for p in parts]


def _firm(plan: Plan) -> list[Target]:
    """The papers the question names or describes firmly as subjects (not a word some abstracts
    merely use, nor a baseline)."""
    return [t for t in plan.targets if t.paper_ids and not t.baseline and (t.by != "name" or t.confidence > _WEAK_NAME)]


class OneOf:
    """Mixed into the Planner: needs `self._resolve`, `self._filtered`, `self.names` and `self.settings`."""

    def _one_of(self, q: str, plan: Plan) -> list[Target]:
        """The papers the parts of a "one ... the other" question refer to, in order; [] when
        it is not such a question or a part's paper is not found."""
        if back := self._referred_back(q, plan):
            return back
        frame, parts = referred_parts(q)
        if len(parts) < 2 or not any(pro for _, _, pro in parts):
            return []
        # "the sharded FooDB work ... the FooDB one": a pro-form whose words an earlier part's
        # work has refers back to that work, no other paper of its kind.
        if any(pro and (words := [w for w in content_words(ref) if w != "one"]) and any(not was and set(words) <= set(content_words(before))
               for before, _, was in parts[:i]) for i, (ref, _, pro) in enumerate(parts)):
            return []
        def parts_naming(name: str) -> int:
            return sum(bool(as_word(name).search(text)) for _, text, _ in parts)
        firm = _firm(plan)
        # A name in several parts ("the FooDB one ... the other FooDB paper") is of the kind they share.
        firm = [t for t in firm if parts_naming(t.phrase) == 1]
        named: dict[int, Target] = {}
        for i, (_, text, _) in enumerate(parts):
            here = [t for t in firm if as_word(t.phrase).search(text)]
            if len(here) > 1:
                return []  # a part naming two papers is a comparison of its own
            if here:
                named[i] = here[0]
        taken = {pid for t in named.values() if len(t.paper_ids) == 1 for pid in t.paper_ids}
        shared = {m.group() for m in NAME_TOKEN.finditer(frame)} | {
            tok for tok in {m.group() for _, text, _ in parts for m in NAME_TOKEN.finditer(text)} if parts_naming(tok) > 1}
        # Papers a statement already described ("two options: a framework that ..., and a
        # system that ...") are the ones its pro-forms pick from ("the offloading one").
        described = [pid for t in plan.targets if t.by == "description" and not t.baseline for pid in t.paper_ids]
        found: list[Target] = []
        for i, (ref, text, _) in enumerate(parts):
            if i in named and len(named[i].paper_ids) == 1:
                found.append(named[i])
                continue
            # A name several papers go by ("FP" formats) says which papers, the part which of them;
            # so does what the part alone measures against ("the other's speedup over FooLib": a
            # paper that mentions FooLib).
            within = [pid for pid in named[i].paper_ids if pid not in taken] if i in named else None
            if within is None and (theirs := self._filtered(plan)):
                within = [pid for pid in theirs if pid not in taken]  # "Doe et al. have two papers on ..."
            if picks := within is None and len(described) >= len(parts):
                within = [pid for pid in described if pid not in taken]
            against = {m.group() for m in NAME_TOKEN.finditer(text) if looks_like_name(m.group()) and _BASELINE_BEFORE.search(text[: m.start()])}
            for tok in against - shared:
                using = [pid for pid in (self.names.lookup(tok) or {}) if pid not in taken and (within is None or pid in within)]
                within = using or within
            # (... by the part's words: the frame is their list, every one of them in it.)
            target = self._resolve(" ".join(content_words(text if picks else f"{frame} {text}")), taken, within, weighted=True)
            if not target or target.missing or set(target.paper_ids) & taken:
                return []
            # ("the one evaluated on X ..., the one measured on Y": a phrase of its own each.)
            # (... the phrase up to the part's verb: "what does [the one measured on Y] get".)
            target.phrase = ref if sum(r == ref for r, _, _ in parts) == 1 else " ".join(text[text.find(ref):].split()[:-1][:8]).rstrip(",;:")
            taken.update(target.paper_ids)
            found.append(target)
        return found

    def _referred_back(self, q: str, plan: Plan) -> list[Target]:
        """"A friend mentioned a tool that X. Is that one faster than FooNet?": the one work the
        statements bring in, referred to as "that one", set beside the papers named; [] else."""
        statements, asked = split_statements(q)
        ref = re.search(rf"\b(?:that|this)\s+(?:one|{WORK_NOUNS})\b", asked, re.I)
        intro = [x for x in sentences(statements) if _A_WORK.search(x)]
        named = _firm(plan)
        if not ref or len(intro) != 1 or not named or any(as_word(t.phrase).search(intro[0]) for t in named):
            return []  # (a statement naming its paper says which one)
        taken = {pid for t in named for pid in t.paper_ids}
        target = self._resolve(" ".join(content_words(without_people(_A_WORK.search(intro[0]).group(), plan))), taken)
        if not target or target.missing or target.confidence < self.settings.describe_min_margin:
            return []
        target.phrase = ref.group()
        return sorted([target, *named], key=lambda t: q.find(t.phrase))

    def _by_place(self, q: str, plan: Plan) -> list[Target]:
        """"One paper does X; another does Y. What does the first report, and the second?":
        each work the statements bring in, by its own clause, as the question refers to it by
        place. [] when the question names its papers firmly or refers to fewer than two."""
        statements, asked = split_statements(q)
        works = introduced_works(statements)
        # (A name inside a work's clause, "FooDB shards for ...", is a word of it.)
        if any(not any(as_word(t.phrase).search(w) for w in works) for t in _firm(plan)):
            return []
        # (Named anywhere after the list: "A vs B. For the former: ...? For the latter: ...?")
        after = q[q.find(works[-1]) + len(works[-1]):] if works and works[-1] in q else asked
        places = places_asked(statements, after, len(works))
        if len(places) < 2:
            return []
        found: list[Target] = []
        taken: set[str] = set()
        within = self._filtered(plan) or None
        clause_before = ""
        # ("Two papers shrink FooNets: one ..., the other ...": what a lead-in before the list says
        # the works all do; not a label, "Context: one paper ...".)
        kind = next((counted_lead(x) or (h if _WORK.search(h := _listed(x)[0]) else "")
                     for x in sentences(statements) if works[0] in x), "")
        for i in places:
            # (Without its opener: "a third", "another" say nothing of the work.)
            clause = re.sub(r"^(?:one|another|the\s+other|(?:a|the)\s+(?:first|second|third|fourth))\s+", "", works[i], flags=re.I)
            # ("the X framework vs its sharded follow-up": a relative of the work before, in its words too.)
            # (So is "a sharded successor": what it succeeds is the work before.)
            lean = clause_before if re.match(rf"\s*(?:its|their)\b|{SUCCESSOR}", clause, re.I) else ""
            clause_before = clause
            # An item that is a name found firmly is that paper: searched as a description, the
            # bare name may find another ("... : the kernel one, FooNet, and BarNet").
            if named := next((t for t in _firm(plan) if t.phrase.lower() == clause.strip(" ,.").lower()), None):
                found.append(replace(named, paper_ids=list(named.paper_ids)))
                taken.update(named.paper_ids)
                continue
            # (... and as one of the kind a count names: "two FooNet papers: one ..., the other ...".)
            target = self._resolve(" ".join(content_words(without_people(f"{clause} {lean or kind}", plan))), taken, within)
            if not target or target.missing:
                return []
            # (Labelled by the name its title gives it, else by the clause's first words.)
            target.phrase = title_prefix(self.names.papers[target.paper_ids[0]]) or " ".join(works[i].split()[:8]).rstrip(",;:")
            taken.update(target.paper_ids)
            found.append(target)
        # (A paper named firmly is never dropped: "A vs B vs C: the first one's memory, the
        # second one's speed?" compares all three, as names do, a place picking a row.)
        kept = {pid for t in found for pid in t.paper_ids}
        return [] if any(not set(t.paper_ids) & kept for t in _firm(plan)) else found

    def _part_subjects(self, q: str, plan: Plan) -> list[Target]:
        """The papers each part of the question is about (parts.part_subjects), a part's
        description found with the part's words when it alone says too little."""
        statements = split_statements(q)[0]

        def resolve(phrase: str, taken: set[str], piece: str) -> Target | None:
            said = phrase
            phrase = antecedent(phrase, statements) or phrase  # "the GPU method": the statement's fuller one
            mine = any(a.lower() in phrase.lower() for a in plan.authors)
            bare = " ".join(_PEOPLE.sub(" ", without_people(phrase, plan)).split())
            within = self._filtered(plan, phrase) if mine else None
            target = self._resolve(bare, taken, within)
            if not target or target.missing or target.confidence < self.settings.describe_min_margin:
                # Too short to say which paper alone ("the cache-pinning paper"): with what
                # the part asks of it, which its paper states.
                rest = _PEOPLE.sub(" ", without_people(piece.replace(phrase, " "), plan))
                again = self._resolve(" ".join(content_words(f"{bare} {rest}")), taken, within, weighted=True)
                # (... a paper that uses the description's own words: "the real trick used
                # to ..." is what the part asks, no paper.)
                if again and not again.missing and (within or self._tells(bare, self.names.papers[again.paper_ids[0]])):
                    target = again
            if target and not target.missing and not re.match(r"\s*(?:its|their)\b", said, re.I) \
                    and self._said_before(bare, taken, set(), within, q):
                return None  # ("FooNet, the sharded work from X. ...": FooNet again)
            if target:
                target.phrase = said
            return target
        own = part_subjects(q, plan, resolve, self._quantity_noun)
        return [t for i, t in enumerate(own) if not (i and baseline_of(q, own[0], t, self.names.papers))]
