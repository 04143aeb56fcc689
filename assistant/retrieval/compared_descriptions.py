"""Compared papers described, not named: "How does the allocator that plans offline compare
with the kernel system that runs in the browser?", "X vs its pipelined successor", "Which saves
more, the FooChip design or BarNet?", statements before the question that introduce each
paper ("I use the paper that ... . My colleague prefers the one that ..."). Finds the phrases
that stand for papers (a work noun, an owner of a measure, a side of "vs") and resolves each
by its own search (descriptions.py).

Out of scope: where the question lists its phrases (bodies.py), what of each conjunct is
asked rather than described (segments.py) and which of its phrases are works
(work_phrases.py); resolving one phrase
(descriptions.py); whether the question compares at all (planner.py).
"""

from __future__ import annotations

import re

from ..models import Plan, Target
from ..text import content_words, looks_like_name
from .bodies import compared_bodies
from .compared import marks_of, with_described
from .descriptions import Descriptions
from .resolving import _ORDINAL
from .tell_apart import most_decisive
from .work_phrases import WorkPhrases
from .facets import split_statements
from .segments import compared_in, described_part, _segments
from .phrasing import (antecedent, _ASKS, list_count, _DEFINITE, _LEAD, _MEASURE_OF, _names, _PEOPLE, _RELATIVE,
    _SPEAKER, _SPEAKER_FRAME, _SPLIT, stands_for_measure, _STRONG_SPLIT, _UNSPECIFIC, _WEAK_NAME,
    _WORK, WORK_NOUNS, _NO_VERB, without_asides)

# (Not a participle before its complement: "the Y one published at FooConf" is all the subject.)
_ONE_THEN_VERB = re.compile(rf"^((?:the|a|an)\s+(?:[\w.+/-]+\s+){{1,5}}?one)\s+(?!(?:{_NO_VERB})\b|[a-z]+ed\s+(?:at|in|on|by|for|from|with)\b)[a-z]", re.I)




class ComparedDescriptions(WorkPhrases, Descriptions):
    """The compared papers a question describes (mixed into the planner)."""

    def _describe_compared(self, q: str, plan: Plan, definite: bool = False) -> bool:
        """'Compare the allocator that plans offline with the in-browser kernel system': each
        compared phrase that names no paper is a description, resolved by its own search."""
        statements, asked = split_statements(q)
        bodies, from_question = compared_bodies(q, definite)
        # A word some abstracts use ("BarNet") inside a description is part of it, no paper.
        weak = [t for t in plan.targets if t.by == "name" and t.paper_ids and t.confidence <= _WEAK_NAME]
        named = {t.phrase.lower() for t in plan.targets if t not in weak}
        firm = len([t for t in plan.targets if not t.baseline and t not in weak])
        chosen: list[Target] = []
        for i, b in enumerate(bodies):
            found = self._described_in(b.text, plan, b.strict, weak, named, beside_vs=b.beside_vs, works_only=b.works_only,
                                       asked=b.asked, frame=b.frame, shared=b.shared)
            if len(found) > (n := list_count(b.counting)) > 0:
                # "Two cache papers: the X one with A and B, and the Y one": the count caps the list;
                # the phrases least like a paper beyond it are words of a neighbour ("B").
                keep = sorted(found, key=lambda t: -t.confidence)[:n]
                found = [t for t in found if t in keep]
            if firm + len(found) >= 2 and found:
                if not chosen:
                    chosen = found
                elif len(found) > len(chosen) and {p for t in chosen for p in t.paper_ids} <= {p for t in found for p in t.paper_ids}:
                    # The statements list more of the papers the question refers back to
                    # ("Across A, the X framework and the Y tuner: what does the X framework ...").
                    chosen = found
                if not statements or i >= from_question:
                    break
        if not chosen:
            return False
        return with_described(q, asked, plan, chosen, weak)

    def _described_in(self, body: str, plan: Plan, definite: bool, weak: list[Target], named: set[str],
                      beside_vs: bool = False, works_only: bool = False, asked: bool = True, frame: str = "",
                      shared: str = "") -> list[Target]:
        """The papers the phrases joined in `body` describe (those naming no paper). `frame`:
        the words all its phrases share (around a "vs" stretch, or the kind a count of papers
        names), read with a phrase too unclear alone; `shared`: what a lead-in says all the
        listed works are, read so with a work's phrase only."""
        taken = {pid for t in plan.targets if t not in weak for pid in t.paper_ids}
        found_names = {t.phrase.lower() for t in plan.targets if t.paper_ids}
        people = {w for a in plan.authors for w in content_words(a)}
        found: list[Target] = []
        # People set off before the question's colon ("From Jane Doe's list: ...") frame every work it describes
        # (a fallback: a listing may lack a paper's people).
        framed = ":" in plan.question and any(a.lower() in plan.question.split(":", 1)[0].lower() for a in plan.authors)
        marks = marks_of(plan)
        # "A vs FooNet (the sharded one, 8-bit)": an aside right after a name is that paper's.
        body = without_asides(body, found_names)
        segments = _segments(body, _STRONG_SPLIT, named)
        if len(segments) < 2 and definite:
            return []  # no comparison verb and nothing joined: one paper's question
        if len(segments) < 2:  # "compare X with Y": the weaker joints only when no "and"/","
            segments = _segments(body, _SPLIT, named)
        else:  # ... or in the segment that compares a description with a name ("..., so I'm comparing X with FooNet")
            segments = [x for seg in segments for x in compared_in(seg, named)]
        # "the lift from the A ... than the one from the B": "one" says the other side's head is
        # the measure, however rarely the corpus states numbers of that word.
        parallel = any((m := _MEASURE_OF.match(x.strip())) and stands_for_measure(m) for x in segments)
        previous, deferred, where = "", [], []
        for i, seg in enumerate(segments):
            previous, before = seg, previous
            after = segments[i + 1] if i + 1 < len(segments) else ""
            # (So is one opening with a named paper's possessive, "FooNet's sparse decoder": a thing
            # of that paper, however many words say what.)
            if any(_names(n, seg) and (len(content_words(seg.lower().replace(n, " "))) <= 1 or re.match(rf"\s*{re.escape(n)}['’]s\s", seg, re.I))
                   for n in named):
                where.append(i)  # a list's item naming a paper: a work the phrases joined to it are alike with (_coordinated_works)
            if i and re.match(r"\s*(?:but\s+)?not\s+(?:the|its|their)\s", seg, re.I):
                continue  # "A, not the sharded one": a work set aside, no paper compared (descriptions._SET_ASIDE)
            if (part := described_part(seg, i, segments, named, found_names, plan.question, asked)) is None:
                continue
            seg, subject = part
            works, measured, bare_side, pro_form, owned = self._works_of(seg, segments, after, body, named, parallel, beside_vs)
            if (definite or works_only) and not works:
                # No comparison verb: only a definite description of a work ("the PyTorch
                # pruning whitepaper") joined to another subject is a second paper; or (below)
                # one joined to such a description, whatever its head noun.
                # (Not one naming a paper firmly: "the largest model trained in FooLM" is FooLM's.)
                if (d := _DEFINITE.match(seg.strip())) and not _ASKS.search(before + seg) and not any(_names(n, d.group()) for n in named):
                    # (The whole conjunct, not an object in a clause; its own words' papers stay candidates.)
                    deferred.append((i, d.group().strip(), {p for t in plan.targets if t.phrase.lower() in d.group().lower() for p in t.paper_ids}))
                elif len(segments) >= 3 and i == len(segments) - 1 and re.search(r"\b(?:and|or)\s*$", body[: body.rfind(seg)]) \
                        and (m := re.fullmatch(r"\s*([a-z][\w-]*(?:\s+[a-z][\w-]*){1,3})\s*", seg)) \
                        and len(content_words(bare := m.group(1))) == len(bare.split()) and not _ASKS.search(before + seg) \
                        and not any(_names(n, seg) for n in named):
                    # Chat drops the article in a list: "A, B and layered prefill" is the last work,
                    # joined to the named ones (when its words find one paper clearly); content
                    # words only (not "and tunes its designs", "and which board each").
                    deferred.append((i, bare, set()))
                continue
            # "the latency gain of (claimed by) the FooCache paper": the measure's owner is the work.
            owners = [m.group(1) for w in works if (m := re.search(r"\b(?:of|by|in)\s+((?:the|a|an)\s.*)$", w, re.I)) and _WORK.search(m.group(1))]
            owners = owners or measured or [o for w in works if (o := self._owner_of_measure(w))]
            # (... or its object: "faulty memory worries us on the satellite".)
            # (A sentence the asker opens, "We use A and B, and the new C recipes look good", is theirs throughout.)
            speaker = _SPEAKER.match(seg) or re.search(r"(?-i:\b(?:us|me|our|my)\b)", seg) or (not asked and _SPEAKER.match(body))
            if speaker and not works:
                # The asker's situation ("so I'm looking into sparse attention", "my group
                # ships X on Y boards", "X eats our budget") describes their work, not a
                # paper; what they weigh is one when it is a work ("so I'm comparing a method that
                # ...", "... the search from Doe et al."), if it plainly names one paper (below).
                seg = seg[m.end():] if (m := _SPEAKER_FRAME.match(seg)) else seg  # (its lead only: "FooUs to" is no "us")
                if not _WORK.search(seg) and not _PEOPLE.search(seg):
                    continue
            if not works and not owners and re.match(r"\s*(?:they|it|he|she)\b", seg, re.I):
                continue  # "..., and they report a big win": said of a work named before, no work of its own
            if owners or (works and definite):
                seg = max(owners or works, key=len)
            elif works and speaker \
                    and seg.rstrip(" .").endswith(max(works, key=len).rstrip(" .")):
                # The work itself, not the speaker's lead-in ("I use the paper that ...",
                # "my advisor prefers the one that ..."); a phrase cut short at a verb ("the
                # paper that was ...") leaves the segment whole.
                seg = max(works, key=len)
            words = content_words(seg)
            # A name in its relative clause relates the described paper to it ("the paper that
            # extends FooNet"): only a name before the clause makes the segment a named paper.
            head = seg[: m.start()] if (m := _RELATIVE.search(seg)) else seg
            # A word some abstracts use ("BazPipe", "BarCell") before the clause does not say which
            # paper: the whole phrase is resolved, its papers among the candidates (below).
            mine = any(a.lower() in seg.lower() for a in plan.authors)
            # ("the Foo-meets-Bar paper": a hyphenated compound is several words.)
            # One telling word ("the FPGA paper") says which paper only when one paper uses it or
            # what the question asks picks one (below).
            short = sum(len([x for x in w.split("-") if x]) for w in words) < 2
            if (short and (not works or not words or _ORDINAL.fullmatch(words[0]))) \
                    or any(_names(n, head) for n in named & found_names) \
                    or _UNSPECIFIC.search(seg):
                continue
            # A lone name no paper goes by ("vs BarServe-Lite") is a system the collection
            # lacks, however near some abstract's words come to it: no description.
            if looks_like_name(seg.strip()) and not re.search(r"\s", seg.strip()) \
                    and seg.strip().lower() not in {t.phrase.lower() for t in plan.targets}:
                continue
            # A name the collection lacks blocks only a segment that is little more than it;
            # a segment of people's names ("Jane Doe et al.") describes no paper.
            if any(n in head.lower() and len(content_words(seg.lower().replace(n, " "))) < 2 for n in named - found_names) \
                    or not set(words) - people - {"et", "al"}:
                continue
            # ... or is the described paper's own word ("the framework that ... Foo-offloaded ..."):
            # its paper stays a candidate.
            inner = {pid for t in plan.targets if t.phrase.lower() in seg.lower() for pid in t.paper_ids}
            # "FooNet, the cascade attention accelerator": right after a name and a comma, the phrase
            # may be that paper's description; it is, when it finds that paper (not after "and").
            named_before = {pid for t in plan.targets if t not in weak and t.paper_ids and before.strip().lower().endswith(t.phrase.lower())
                            and re.search(re.escape(before.strip()) + r"\s*,", body) for pid in t.paper_ids}
            # The named people's papers only for the phrase that names them.
            # People the records do not list ("Doe et al.'s") are no words of the paper's text.
            phrase = _LEAD.sub("", seg.strip() if mine else _PEOPLE.sub(" ", seg).strip())
            # ("the Y one ships with ...": "one" heads the subject; its verb ends it.)
            phrase = m.group(1) if (m := _ONE_THEN_VERB.match(phrase)) else phrase
            phrase = (asked and antecedent(phrase, split_statements(plan.question)[0])) or phrase
            among, within = taken - inner - named_before, self._filtered(plan, seg) if mine else None
            target = self._resolve(phrase, among, within, marks=marks)
            if framed and not mine and (not target or target.missing or target.confidence < self.settings.describe_min_margin) \
                    and (again := self._resolve(phrase, among, self._filtered(plan))) and not again.missing:
                target = again  # ("From Jane Doe's list: ... the 2024 journal paper": among hers, when nothing else is clearly meant)
            if target and not target.missing and not short and not beside_vs:
                # (What is asked outside the compared phrases: not another phrase's words.)
                asks = [w for w in content_words(split_statements(plan.question)[1]) if w not in content_words(body) and not any(w in n for n in named)]
                # (What is asked, only for a description that alone barely tells its paper from the next.)
                thin = target.confidence < self.settings.describe_min_margin
                target = most_decisive(target, [(f"{phrase} {frame}", False)] * bool(frame) + [(" ".join(words + asks), True)] * bool(asks and thin),
                                       lambda text, weighted: self._resolve(text, among, within, weighted=weighted),
                                       lambda pid: self._tells(phrase, self.names.papers[pid]))
            if short and (self._only_user(phrase) or "") in taken:
                continue  # its one telling word is the named paper's ("A, per the paper with musings on X")
            if short and (not target or target.missing or target.confidence < self.settings.describe_min_margin):
                # ... with the words the question asks of the papers, which that paper states.
                asks = [w for w in content_words(split_statements(plan.question)[1]) if w not in words and not any(w in n for n in named)]
                target = self._resolve(" ".join(words + asks), among, within, weighted=True) if asks else None
                # A side of "A vs the FooChip paper" is a paper however many use its word: the one
                # closest to what is asked, with the others it may be (said beside the answer).
                if not target or target.missing or (target.confidence < self.settings.describe_min_margin and not beside_vs):
                    continue
                target.phrase = phrase
                target.rivals = [pid for pid in target.rivals if self._tells(phrase, self.names.papers[pid])]
            if (not target or target.missing) and len(content_words(bare := re.sub(r"\s*\([^()]*\)", " ", phrase))) >= 2 and bare.split() != phrase.split():
                # An aside may say what the work is not ("(groups, not chunks)"): without it, then.
                target = self._resolve(" ".join(bare.split()), among, within)
            if (not target or target.missing or target.confidence < self.settings.describe_min_margin) and not works \
                    and (h := re.search(rf"(?:[\w-]+\s+)?(?:{WORK_NOUNS})s?\s*$", after, re.I)) and not _WORK.search(seg) \
                    and (again := self._resolve(f"{phrase} {h.group()}", among, within)) and not again.missing:
                # "the foo-gated and the bar-tiled FooNet papers": the head after the last one joined is each one's.
                again.phrase, target = phrase, again
            if (not target or target.missing or target.confidence < self.settings.describe_min_margin) and found \
                    and re.search(r"\sone$", phrase) and len(prev := content_words(_RELATIVE.split(found[-1].phrase)[0])) >= 2 \
                    and not set(content_words(phrase)) <= {w for t in [*plan.targets, *found] for w in content_words(t.phrase)}:
                # "the row-cached foo tuner and the bar-pruned one": "one" is the other's noun, with its other
                # modifiers (not "the foo one", an earlier work's words: that work again).
                again = self._resolve(f"{phrase[:-4]} {' '.join(prev[1:])}", among, within)
                if again and not again.missing:
                    again.phrase, target = phrase, again
            # "X vs its sharded successor": the side is the other side's relative, in its words.
            # (So is "X vs its sharded follow-up", a work by its noun.)
            relative, kin = (bare_side or beside_vs) and pro_form and before, False
            headed = bool(re.match(r"\s*(?:the|a|an|one|another)\s", phrase, re.I))
            if target and (bare_side or relative) and (relative or target.confidence < self.settings.describe_min_margin):
                # A side too short to say which paper leans on the words both sides share.
                lean = " ".join([before] * bool(relative) + [frame])
                target = self._resolve(f"{phrase} {lean}", among, within) if lean.strip() else None
                others = [t for t in [*plan.targets, *found] if _names(t.phrase, before)]
                kin = bool(target and relative and self._kin(target, others))
                if relative and target and not kin and (heir := self._heir(f"{phrase} {lean}", among, others)):
                    target, kin = heir, True  # (the candidate whose own name carries the other's: "FooNet-XL")
                if target and relative and not kin and not self._alike(target, others):
                    continue  # a relative is about what the other side is about, or names it
                if target:
                    target.phrase = phrase
            elif (lean := frame or (shared if headed else "")) and not beside_vs \
                    and (not target or target.missing or target.confidence < self.settings.describe_min_margin):
                # A paper listed after a count ("two pruning papers: the X one and the Y one") is
                # one of that kind; so is a work listed after what they share ("Both do X: the
                # one that ...", not a bare phrase inside an item). A bare phrase joined inside an
                # item ("one does X with A and B, the other ...") is that item's, unless it alone
                # clearly finds a paper of the kind.
                again = self._resolve(f"{phrase} {lean}", among, within)
                if again and not again.missing and (headed or again.confidence >= self.settings.describe_min_margin):
                    again.phrase, target = phrase, again
            if target and ((speaker and not works) or (bare_side and not kin) or owned) and target.confidence < self.settings.describe_min_margin:
                continue
            if target and set(target.paper_ids) & named_before:
                continue  # an apposition: the named paper again
            if target and not target.missing and not relative and definite \
                    and self._said_before(phrase, taken, inner, within, plan.question):
                continue  # the named paper again, set off by other words ("FooNet for our group, the system that ...")
            if target and not target.missing:  # an unmatched phrase may be no paper at all
                if subject and target.phrase.startswith(subject) and target.phrase != subject:
                    target.phrase = subject
                taken.update(target.paper_ids)
                found.append(target)
                where.append(i)
        return found + self._coordinated_works(deferred, where, taken, frame, self._filtered(plan) if framed else None, plan.question)
