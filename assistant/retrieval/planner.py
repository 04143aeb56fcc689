"""Question understanding: a question -> a typed `Plan`, computed once and passed along.

The plan says what kind of question it is, which papers it refers to (by name, or by a
description resolved to its paper by its own search, with a confidence, or "not in the
collection"), the asked aspect (a number, a mechanism, a record field, a list ...), the
qualifiers the answer must match ("on CIFAR-10", "4-bit"), and the filters (authors,
venues, years).

The rules are English question grammar (interrogatives, the nouns that denote a collection,
record-field nouns), not phrasings of any question set. Numbers that must scale (how rare a
name is, how sure a description's match) come from `Settings`.

Out of scope: resolving descriptions (descriptions.py), the kind of question once its names are
known (kinds.py), the asked aspect (aspect.py) and its wording (facets.py), record fields and
questions about the collection itself (record_shape.py), searching for evidence
(retrieval/__init__.py) and answering (answer/).
"""

from __future__ import annotations

import re

from ..models import Aspect, Kind, Plan, Target, title_prefix
from ..settings import Settings
from ..text import NAME_TOKEN, as_word, content_words, glued_superscripts, looks_like_name, stem
from .abbreviations import Abbreviations
from .aspect import AspectReader
from .compared import beyond_count, beyond_two, named_in_aside, side_asked_of_each, vs_side, weak_before_aside
from .qualifiers import against_absent, against_phrase, drop_describing, settings_named, unused_name
from .compared_descriptions import ComparedDescriptions
from .one_of import OneOf
from .beside import Beside
from .facets import in_examples, split_statements
from .relations import family_members, related_paper
from .statements import lead_in_names, sentence_start
from .places import unmarked
from .spelt_apart import respelt
from .courtesy import plain_request
from .measures import asked_measure, asks_change, asks_level, counted
from ..units import asked_unit
from .names import NameIndex
from .phrasing import _WEAK_NAME, A_WORK, named_as_baseline, set_aside
from .others import others_only, papers_named
from .existence import asks_existence, not_held
from .kinds import KindReader
from .versions import of_version, split_versions, version_after
from .quoted import quoted_works, titled_comparisons
from .record_shape import find_year, record_shape
from .rows import row_owners
from .tell_apart import narrow, narrow_versions

# "what does <name> ...": the name is the subject of the asked verb.
_DO_BEFORE = re.compile(r"\b(?:does|did|do)\s+$", re.I)
# Cased as proper names are: "ImageNet", "vLLM", "CIFAR-10" (not title case, "Memory-Saving", nor
# an acronym of plain words typed in lower case, "sota", "gpu").
_NAME_CASED = re.compile(r"[a-z][A-Z]|\d")
_NAMED_SUBJECT = re.compile(r"(?-i:[A-Z][a-z]{2,})\s+(?!et\s+al\b)(?-i:[a-z]+)\b")  # (not "Doe et al.'s")


# "What paper is it?": the work the statements brought in is asked for.
# (Not a name asked of a thing the named paper has: "X adds a tool; what is the tool called?".)
_IDENTITY = re.compile(r"^\W*(?:(?:so|and|ok|okay)\W+)?(?:which|what)\s+(?:paper|work|study|one|article)\s+(?:is|was)\s+(?:that|it|this)\b", re.I)


def _only_inside(q: str, phrase: str, spans: list[tuple[int, int]]) -> bool:
    """Is `phrase` said in `q`, and every time inside one of `spans` (a longer name's words)?"""
    at = list(as_word(phrase).finditer(q))
    return bool(at) and all(any(a <= o.start() < b for a, b in spans) for o in at)


# What the papers a list asks for are not: "..., rather than/instead of/as opposed to X".
_EXCLUDED = re.compile(r"\b(?:rather\s+than|instead\s+of|as\s+opposed\s+to|but\s+not|excluding)\b[^,;:?.]*", re.I)


def _prefix(part: str, word: str, names) -> bool:
    """Is `part` a short prefix ("non" of "non-linearly"), which the collection writes before
    other words too, before a word it uses? (Not "qux" of "qux-offloading": no other "qux-".)"""
    last = word.split("-")[-1]
    return len(part) <= 3 and part != last and (names.known(last) or names.known(stem(last))) and names.papers_with(part) != frozenset()


class Planner(AspectReader, ComparedDescriptions, OneOf, Beside, KindReader):
    def __init__(self, names: NameIndex, search, settings: Settings):
        self.names = names
        self.abbreviations = Abbreviations(names)
        self.search = search  # search(query, k, ids=None) -> hits; resolves descriptions
        self.settings = settings

    def _spelt_as_name(self, tok: str) -> bool:
        """Is a word typed in lower case ("imagenet") one every paper using it writes as a name
        ("ImageNet")? A chat question's setting is as specific as a well-cased one's. (Not a word
        any paper writes plainly, "opt" as a verb, title-cased only, "Memory-Saving", or an acronym only.)"""
        return tok.islower() and bool(spelt := self.names._word(tok).exact) and all(_NAME_CASED.search(x) for x in spelt)

    def plan(self, question: str) -> Plan:
        q = respelt(unmarked(glued_superscripts(plain_request(re.sub(r"\s+", " ", question.strip())))), self.names)
        plan = Plan(question=q)
        plan.authors = self.names.authors_in(q)
        author_words = {w for a in plan.authors for w in a.lower().split()}
        unknown: list[str] = []
        seen: set[str] = set()
        other_versions: set[str] = set()  # names of a held work's version that is not held
        # Statements before the question describe the papers ("Both are FPGA designs. What
        # ...?"); only the question sentence's qualifiers must be matched by the answer.
        statements, asked = split_statements(q)
        asked_from = q.rfind(asked) if statements else 0
        # (... from the start of its sentence, a lead-in "For the work that ...: what" with it,
        # to its last question mark: what the asker tells after it is the asker's own.)
        asked_span = (sentence_start(q, asked_from), q.rfind("?") if "?" in asked else len(q))
        for m in NAME_TOKEN.finditer(q):
            tok, key = m.group(), m.group().lower()
            if key in seen or key in author_words:
                continue
            seen.add(key)
            cands = self.names.lookup(tok)
            if (nxt := NAME_TOKEN.match(q, m.end() + 1)) and q[m.end(): m.end() + 1] == " " and (two := self.names.spaced(tok, nxt.group())):
                tok, key, cands = q[m.start(): nxt.end()], nxt.group().lower(), two  # ("foonet v2": one name, spaced)
                seen.add(key)
            elif cands and (tag := version_after(q, m.end())) and \
                    not (cands := of_version(tag, cands, lambda pid: self.names.label(self.names.papers[pid]))):
                plan.targets.append(Target(tok + tag, []))  # ("QuxNet v1" where only its v2 is held: a paper not held)
                other_versions.add(tok + tag)
                seen.add(tag.strip().lower())
                continue
            if max((cands or {}).values(), default=0) < 3:
                base, sized = self.names.variant(tok)
                if sized and not re.search(rf"(?<![\w-]){re.escape(base)}(?![\w-])", q, re.I):
                    cands = dict.fromkeys(sized, 3)  # (a size beside its work's own name qualifies it: "X ... X-T's gain")
            if not cands and vs_side(q, m.start(), m.end()):
                cands = self.names.as_name(tok)  # a whole side of "x vs y" is a name, typed in any case
            if not cands and (made := re.fullmatch(r"(.+)-[a-z]+ed", tok)) and looks_like_name(made.group(1)) \
                    and (cands := self.names.lookup(made.group(1))):
                tok = made.group(1)  # "FooGen-generated designs" are FooGen's results
            # (Not a "+" joining two plain words: "keys+values".)
            if (plus := re.match(r"\++", q[m.end():])) and (looks_like_name(tok) or not re.match(r"\++\w", q[m.end():])):
                # "FooNet++" is a successor of FooNet, not FooNet (lookups drop the "+"): a paper's
                # name only when its title goes by it as written, else a qualifier.
                tok += plus.group()
                cands = {pid: v for pid, v in (cands or {}).items()
                         if (title_prefix(self.names.papers[pid]) or "").lower() == tok.lower()}
                if not cands:
                    # ("what does FooNet++ report": the subject asked about is the successor's own paper.)
                    subject = _DO_BEFORE.search(q[: m.start()]) and re.match(r"\s+[a-z]+\b", q[m.end() + len(plus.group()):])
                    (unknown if subject else plan.specifics).append(tok)
                    continue
            if cands:
                best = max(cands.values())
                ids = sorted((pid for pid, v in cands.items() if v == best), key=lambda i: self.names.papers[i].title)
                target = Target(tok, ids, confidence=best / 3)  # a title prefix 1.0, a word an abstract uses 0.33
                # Named again as the baseline ("X's successor ... over X"): not the subject.
                # ... or named as one ("versus a plain FooLib baseline").
                # ("bigger than Y's reduction": Y owns a measure of its own, so it is compared.)
                # The question sentence says what it is, when it names it ("X is measured against Y.
                # How does X's ... compare with Y's?": compared).
                everywhere = [o for o in NAME_TOKEN.finditer(q) if o.group().lower() == key and not q.startswith("+", o.end())]  # (not "FooNet++")
                spots = [o for o in everywhere if o.start() >= asked_from] or everywhere
                target.baseline = named_as_baseline(q, spots) and not side_asked_of_each(q, everywhere, target.confidence > _WEAK_NAME)
                plan.targets.append(target)
            elif key in self.names.venues:  # a filter only if the question turns out to be a list
                plan.venues[tok] = sorted(self.names.venues[key])
            elif looks_like_name(tok) and not self.names.known(key):
                unknown.append(tok)
            elif _NAMED_SUBJECT.match(q, m.start()) and _DO_BEFORE.search(q[: m.start()]) \
                    and self.names.papers_using(key) is not None and not self._introduced(tok):
                # "what does Quxformer report": a capitalised subject few papers mention and none
                # goes by is a system's name, though plainly written.
                unknown.append(tok)
            elif run := unused_name(q, m, asked_span, self.names):
                seen.update(w.lower() for w in run.split())
                if not in_examples(q, m.start()):
                    plan.specifics.append(run)
            elif looks_like_name(tok) and (ids := self._introduced(tok)):
                plan.targets.append(Target(tok, ids, confidence=2 / 3))
            # ("quxbench-tasks": a compound with a word the collection never uses is a setting's name,
            # too; "co-train" is a prefix on a word it uses, "co-tiling" on one whose stem it uses.)
            elif (looks_like_name(tok) or self._spelt_as_name(tok) or re.search(r"\d", tok) or ("-" in tok.strip("-") and not self.names.known(key)
                                                                 and any(len(x) > 2 and not self.names.known(x) and not self.names.known(stem(x))
                                                                         and not _prefix(x, key, self.names) for x in key.split("-")))) \
                    and m.start() >= asked_from and not in_examples(q, m.start()):
                plan.specifics.append(tok)
        family_members(q, plan, self.names.lookup)
        for phrase, ids in self.names.multiword_names(q).items():
            if phrase not in {t.phrase.lower() for t in plan.targets}:
                inside = [m.span() for m in re.finditer(re.escape(phrase), q, re.I)]  # (a title's word is no name of its own)
                plan.targets = [t for t in plan.targets if " " in t.phrase or not _only_inside(q, t.phrase, inside)] + [Target(phrase, ids)]
        # ("the FooA-vs-FooB whitepaper": a title's own comparison names its paper; its terms name none.)
        for phrase, ids in titled_comparisons(q, self.names.records.titles_containing).items():
            inside = [m.span() for m in re.finditer(re.escape(phrase), q)]
            plan.targets = [t for t in plan.targets if not _only_inside(q, t.phrase, inside)]
            if not any(t.paper_ids == ids for t in plan.targets):
                plan.targets.append(Target(phrase, ids, confidence=1.0))
        plan.targets = [t for t in plan.targets if not set_aside(q, t.phrase)]
        related_paper(q, plan, self.names.papers, self.names.papers_with, self.search)
        unknown = quoted_works(q, plan, unknown, self._resolve, self.settings.describe_min_margin, self.names.records.titles_containing)
        others_only(plan, self.names.papers)
        settings_named(q, plan, (asked_from, asked_span[1]), rare=lambda w: self.names.papers_using(w) is not None)
        spans = find_year(q, plan, self.names.years) + record_shape(q, plan)
        self._kind(q, plan, unknown)
        beyond_count(q, plan)
        beyond_two(q, plan, lambda pid: self.names.label(self.names.papers[pid]))
        # Content words too: "LLM.int8()" is the word "llm.int8" to the topic.
        # ("papers putting kernels on DSPs": in a list, a word abstracts use is the topic's too, whatever paper it names.)
        named = {w for t in plan.targets if not (plan.kind is Kind.AGGREGATE and t.by == "name" and t.confidence <= _WEAK_NAME)
                 for w in t.phrase.lower().split() + content_words(t.phrase)} | author_words \
            | {v.lower() for v in plan.venues}
        # The topic is what is left once names, people, years and the record words are out.
        blanked = q
        for a, b in sorted(spans, reverse=True):
            blanked = blanked[:a] + " " * (b - a) + blanked[b:]
        if plan.kind is Kind.AGGREGATE:  # ("papers that tile kernels rather than fuse them": no topic of theirs)
            blanked = _EXCLUDED.sub(" ", blanked)
        plan.topic_terms = [w for w in content_words(blanked) if w not in named and not re.fullmatch(r"(19|20)\d\d", w)]
        self._aspect(q, plan)
        against_absent(q, plan)
        if plan.kind is Kind.FACTOID:
            against_phrase(q, plan)
        if plan.aspect is Aspect.NUMBER:
            plan.measure = counted(q)
        if not plan.measure:  # ("how many X and what Y did they use": the part asking a count says of what)
            plan.measure = next((c for f in plan.numeric_facets if (c := counted(f))), "")
        if plan.kind is Kind.FACTOID:
            plan.measured = asked_measure(q, plan)
            plan.level = asks_level(asked)
            plan.change = asks_change(asked)
            plan.unit = asked_unit(asked)
        baselines = [t for t in plan.targets if t.baseline]
        if plan.kind in (Kind.FACTOID, Kind.METADATA) and plan.record_query is None:
            theirs = set(self._filtered(plan) or ())
            if theirs and plan.targets and not any(set(t.paper_ids) & theirs for t in plan.targets):
                # "Jane Doe's BERT pruning paper": a name none of their papers goes by is a word
                # of the description ("BERT"), not the paper.
                plan.specifics += [t.phrase for t in plan.targets if not t.missing and t.phrase not in plan.specifics]
                plan.targets = []
            # "We shard FooNet-style and our queues stall. Is there work on that?": the
            # paper an existence question asks for is the one it describes; works named only
            # in the statements before it are the asker's background.
            if plan.kind is Kind.FACTOID and plan.targets and asks_existence(asked) \
                    and not any(as_word(t.phrase).search(asked) for t in plan.targets):
                background, plan.targets = plan.targets, []
                if not self._describe_single(q, plan):
                    plan.targets = background
            # "One study says FooNet ignores X. What paper is it?": the works the statements
            # name are what the paper they bring in speaks of, never that paper.
            elif plan.kind is Kind.FACTOID and plan.targets and _IDENTITY.match(asked) \
                    and A_WORK.search(statements) and not any(as_word(t.phrase).search(asked) for t in plan.targets) \
                    and not any(re.search(rf"(?<![\w-]){re.escape(t.phrase)}\s+(?:is|was)\s+(?:a|an|one|some)\b", q, re.I) for t in plan.targets):
                # (Not "FooNet is a framework that ...": that work is the one named.)
                for t in plan.targets:
                    t.baseline = True
                baselines = list(plan.targets)
            subjects = [t for t in plan.targets if not t.baseline]
            if not subjects and (said := self._describe_single(q, plan)) and plan.kind is Kind.FACTOID:
                self._with_rivals_of_described(q, plan, said, baselines)
            # A word some abstracts use ("SIMD"), which no paper goes by in its title or
            # introduces as its name, names no paper firmly: the description around it decides;
            # so does a name the collection lacks ("the FooNet-50 run in the paper on X").
            # (Not a version of a held work the collection lacks: "QuxNet v1" is no description of its v2.)
            elif not (all(t.confidence <= _WEAK_NAME or t.missing and t.phrase not in other_versions for t in subjects)
                      and not papers_named(q, subjects)
                      and self._describe_single(q, plan, weak=subjects)):
                narrow(q, plan, self.names.papers)
        not_held(q, plan)  # ("is there a study about X here?" with none found: it is not held)
        if plan.kind is Kind.FACTOID:
            drop_describing(q, plan)
        if plan.kind in (Kind.FACTOID, Kind.COMPARATIVE) and split_versions(q, plan, self.names.papers):
            self._aspect(q, plan)  # "what does each version report": its rows
        if plan.kind is Kind.FACTOID and not any(t.by != "name" or t.confidence > _WEAK_NAME for t in plan.targets if t.paper_ids):
            # Beside a paper found firmly, a lead-in is the asker's context; when only a word some
            # abstracts use found one ("FooDream's tiler — what accuracy on CIFAR-10?"), the
            # lead-in's name the collection lacks is what is asked about.
            plan.specifics += lead_in_names(q, asked_from, plan, self.names.known)
        plan.specifics = [x for x in plan.specifics if not set_aside(q, x)]  # ("not the 2019 FooConf one": no qualifier)
        if plan.kind is Kind.COMPARATIVE:
            named_in_aside(q, plan)
        if plan.kind is not Kind.AGGREGATE:
            weak_before_aside(q, plan)
        if plan.kind in (Kind.COMPARATIVE, Kind.FACTOID, Kind.METADATA):
            narrow_versions(q, plan, self.names.papers)
        plan.venues = plan.venues if plan.kind is Kind.AGGREGATE else {}  # a venue word filters lists only
        row_owners(q, plan)
        return plan
