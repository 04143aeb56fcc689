"""Resolving one description to its paper: the candidates its search finds (meaning and
words together), the one closest in meaning that also uses its words, with the margin over the
next as the confidence; or "not in the collection" when only meaning matched. A year or an
organisation in it narrows the candidates by the records; a quoted title, a word only one paper
uses, or an abbreviation the paper spells out says which paper outright.

Out of scope: finding the phrases that describe papers in a question (descriptions.py,
compared_descriptions.py); searching (search.py).
"""

from __future__ import annotations

import re

from ..models import Target, title_prefix
from ..text import as_word, content_words, coverage, looks_like_name, stem
from .quoted import QUOTE, by_title
from .tell_apart import told_apart
from .phrasing import DISTRIBUTIVE, _POSSESSOR, _uses_all, _WORK

# Words that place a paper, not describe it ("the first study", "the other work").
_ORDINAL = re.compile(r"first|second|third|last|former|latter|other|same|new|original|earlier|later", re.I)
# ... anywhere in a phrase ("the other tiling paper", "another one").
_PLACING = re.compile(rf"\b(?:{_ORDINAL.pattern}|another)\b", re.I)
# A question asking of several papers alike ("what does each ...", "A vs the X one").
_SEVERAL = re.compile(rf"\b(?:{DISTRIBUTIVE}|between|across|vs\.?|versus)\b", re.I)


def _capitalised(word: str) -> bool:
    """"Zephyr", not "zephyr", "ZEPHYR" or "ZePhyr": how a proper noun is written."""
    return word[:1].isupper() and word[1:].islower()


class DescriptionResolver:
    """Mixed into the Planner (through Descriptions): needs `names`, `abbreviations`, `search`, `settings`."""

    def _resolve(self, phrase: str, taken: set[str], ids: list[str] | None = None, weighted: bool = False,
                 marks: tuple[str, ...] = ()) -> Target | None:
        """`weighted`: a long text (a question's part) whose rare words say more than its common ones;
        `marks`: names the question sets the paper beside ("over FooLib"), which the one meant likelier mentions."""
        if QUOTE.search(phrase) and (quoted := by_title(phrase, [h.paper for h in self.search(phrase, self.settings.describe_candidates, ids=ids)
                                                                 if h.paper.id not in taken])):
            return quoted  # (searched only for a quote: most descriptions have none)
        target = self._resolve_words(phrase, taken, ids, weighted, marks)
        if (not target or target.missing) and (based := re.sub(r"\b(\w+)-based\b", r"\1", phrase)) != phrase \
                and (again := self._resolve_words(based, taken, ids, weighted)) and not again.missing:
            # "the FooNet-based design" for a paper that writes "FooNet" alone: what it is based on tells.
            again.phrase, target = phrase, again
        if (not target or target.missing) and (owner := _POSSESSOR.match(phrase)):
            # "Doe's row-wise gating", "Acme 2022's sparse engine": the owner's name is no word of the paper's text.
            if (again := self._resolve_words(phrase[owner.end():], taken, ids, weighted)) and not again.missing:
                again.phrase = phrase
                return again
        if not target or target.missing or target.confidence < self.settings.describe_min_margin:
            # "the BaTE-on-phone work" for a paper that writes "bar tile engines" only.
            target = self.abbreviations.resolved(phrase, target, lambda text: self._resolve_words(text, taken, ids, weighted))
        return target

    def _said_before(self, phrase: str, taken: set[str], inner: set[str], ids: list[str] | None, question: str) -> bool:
        """Is `phrase`, resolved with the papers already `taken` among its candidates (its own
        `inner` names' always are), one of those again? "the FooNet paper for our group, the
        system that ...": a description the named paper fits best is that paper, not a second
        one found once it is set aside. (Not in a `question` asking of several, "what does each
        ...": papers compared are often alike; nor "the other tiling paper", placing a second.)"""
        if _SEVERAL.search(question) or _PLACING.search(phrase) or not taken - inner:
            return False
        again = self._resolve(phrase, inner, ids)
        return bool(again and not again.missing and set(again.paper_ids) & (taken - inner))

    def _only_user(self, phrase: str) -> str | None:
        """"the Quxboard work", "the Zephyr paper": a description with one telling word, which
        one paper alone uses as written, is that paper. (Capitalised mid-phrase, a
        proper noun: its capitalised spelling is counted, "Zephyr" the machine, not "zephyr".)"""
        telling = [m.group() for m in re.finditer(r"[\w.+-]+", phrase) if content_words(m.group()) and not _WORK.fullmatch(m.group())
                   and m.group().lower() not in ("the", "a", "an", "one")]
        if len(telling) != 1 or _ORDINAL.fullmatch(telling[0]):
            return None
        form = telling[0]
        stats = self.names._word(form.lower())
        proper = _capitalised(form)
        # ("the bar-noise paper" for a paper writing "Bar Noise": a compound's parts in a row, spaced or not.)
        spaced = "-" in form and not proper and not stats.df
        if not spaced and not (0 < (stats.exact.get(form, 0) if proper else stats.df) <= self.names.max_df):
            return None
        written = re.sub(r"\\-", r"[\\s-]", re.escape(form)) if spaced else re.escape(form)
        pattern = re.compile(rf"(?<![\w-]){written}(?![\w-])", 0 if proper else re.I)
        users = [p.id for p in self.names.records.get_many(sorted(self.names._papers_using(form.lower()) or ())).values()
                 if pattern.search(f"{p.title} {p.abstract}")]
        return users[0] if len(users) == 1 else None

    @staticmethod
    def _tells(phrase: str, paper) -> bool:
        """Does `paper` use a word of `phrase` besides the kind of work it names? A description
        says which paper by such words ("the real trick", "a benchmark" say none)."""
        # (A compound's parts each: "activation-bounding" tells by "activation".)
        telling = [x for w in content_words(phrase) if not _WORK.fullmatch(w) and w != "one" for x in {w, *w.split("-")} if x]
        return bool(coverage(telling, f"{paper.title} {paper.abstract}"))

    def _record_words(self, phrase: str) -> tuple[set[str], list[set[str]]]:
        """The years a description says ("the 2018 pruning paper"), and for each venue word in
        it ("the FooConf version") the papers of that venue."""
        years = set(re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", phrase))
        # (A capitalised word after the phrase's first, "the Acme pruning paper", is a proper
        # noun: an organisation's, as much as "AcmeAI" is.)
        toks = re.findall(r"[\w-]+", phrase)
        venues = [set(self.names.venues[w.lower()]) for i, w in enumerate(toks)
                  if (looks_like_name(w) or (i and len(w) > 2 and _capitalised(w))) and w.lower() in self.names.venues]
        return years, venues

    def _resolve_words(self, phrase: str, taken: set[str], ids: list[str] | None = None, weighted: bool = False,
                       marks: tuple[str, ...] = ()) -> Target | None:
        if ids is not None and len([i for i in ids if i not in taken]) == 1:  # the people and year say which
            return Target(phrase, [i for i in ids if i not in taken], by="description", confidence=1.0)
        # One telling word one paper alone uses says which paper (_only_user), or, taken, the
        # paper named beside it ("A, per the paper with musings on X").
        if ids is None and (only := self._only_user(phrase)):
            return Target(phrase, [] if only in taken else [only], by="description", confidence=0.0 if only in taken else 1.0)
        # "the 2018 pruning paper and its 2020 follow-up": a year in the description picks
        # among siblings, when a candidate's record is of that year (a listing may lack dates).
        # (Then the description is in the collection when any candidate is like it: the year says which.)
        # The year narrows the candidates, so it is looked for among twice as many.
        # (So does a venue, "the FooConf version": record evidence, as people are, so a paper
        # of that venue using the description's words is the one, however far its meaning.)
        years, venues = self._record_words(phrase)
        k = self.settings.describe_candidates
        pool = [h for h in self.search(phrase, k * (2 if years or venues else 1) + len(taken), ids=ids) if h.paper.id not in taken]
        words = content_words(phrase)
        # A paper using every word of the description is a candidate however low the fused
        # ranking puts it (an exact "FDB" is in a sibling's name only): looked for among twice as many.
        extra = []
        if len(words) >= 2 and not years:
            seen = {h.paper.id for h in pool[:k]} | taken
            extra = [h for h in self.search(phrase, k * 2 + len(taken), ids=ids) if h.paper.id not in seen
                     and coverage(words, f"{h.paper.title} {h.paper.abstract}") >= 1.0]
        # The paper the description's meaning and words rank first is a candidate, however the
        # literal terms rank the rest ("DSPs", "FPGAs" in a description are words: a search by them
        # ranks every paper using them above the one described), when it uses more of the
        # description's words than any the fused ranking found (not as many: "the robust SIMD
        # kernel paper" is the one using "SIMD", however close in meaning one lacking it is).
        if ids is None and pool:
            seen = {h.paper.id for h in pool[:k] + extra} | taken
            first = next((h for h in self.search(phrase, 1 + len(taken), exact=False) if h.paper.id not in taken), None)
            if first is not None and first.paper.id not in seen and coverage(words, f"{first.paper.title} {first.paper.abstract}") \
                    > max(coverage(words, f"{h.paper.title} {h.paper.abstract}") for h in pool[:k]):
                extra.append(first)
        # A candidate the words found but the meaning search did not rank has no similarity yet:
        # measured now, else a sibling the description names word for word loses to a look-alike.
        dense = {h.paper.id: h.dense for h in pool + extra}
        if unscored := [pid for pid, d in dense.items() if not d]:
            dense.update({h.paper.id: h.dense for h in self.search(phrase, len(unscored), ids=unscored)})
        near = max(dense.values(), default=-1.0)
        dated = [h for h in pool if (not years or (h.paper.date or "")[:4] in years) and all(h.paper.id in v for v in venues)] if years or venues else []
        hits = dated or pool[:k] + extra
        if not hits:
            return None
        # Among the fused ranking's candidates (it weighs exact names and numbers, "71.59%"),
        # the one meant is closest in meaning *and* uses the description's words: fused scores
        # of near neighbours are nearly flat, and a small embedder alone confuses siblings.
        s = self.settings
        weights = self.names.lexical.idf(words) if weighted else None
        # (What the question sets the paper beside, "faster than FooLib", a paper meant mentions, as evidence counts a qualifier.)
        mentions = {h.paper.id: sum(bool(as_word(m).search(h.paper.abstract)) for m in marks) for h in hits}
        fit = {h.paper.id: s.evidence_dense_weight * dense[h.paper.id]
               + s.evidence_lexical_weight * coverage(words, f"{h.paper.title} {h.paper.abstract}", weights)
               + s.evidence_number_bonus * mentions[h.paper.id] / max(1, len(marks)) for h in hits}
        ranked = sorted(hits, key=lambda h: -fit[h.paper.id])  # stable: fused order breaks ties
        ranked = told_apart(words, ranked, fit, s.describe_min_margin)
        top = ranked[0]
        # Another record of the same name (a preprint and its conference version) is no rival:
        # the work is settled; which version, the year or "each version" decides (versions.py).
        name = (title_prefix(top.paper) or "").lower()
        rivals = [h for h in ranked[1:] if not name or (title_prefix(h.paper) or "").lower() != name]
        margin = fit[top.paper.id] - (fit[rivals[0].paper.id] if rivals else 0.0)
        # A short description the paper itself uses word for word ("tiled decoding") needs no
        # similarity: its words in a row occur in that paper only.
        said = " ".join(words)
        verbatim = [h for h in hits if len(words) >= 2 and said in " ".join(content_words(f"{h.paper.title} {h.paper.abstract}"))]
        # A description of three or more words all of which one candidate alone uses
        # ("row-wise weight gating for tiled arrays") says which paper, however short
        # it is for the embedder.
        # (A compound counts its parts, "the tile-cache bar-gating work"; a paper already taken
        # that uses them all, "A and block-level tiling" beside the tiling paper, makes it no one's alone.)
        # (A clipped word the collection never uses, "qlg" of "the sharded qlg replay work",
        # says nothing either way: the others are what one candidate must use.)
        heard = [w for w in words if self.names.known(w) or self.names.known(stem(w))]
        used = heard if len(words) - len(heard) == 1 else words
        parts = sum(len([x for x in w.split("-") if x]) for w in used)
        full = [h for h in hits if (len(used) >= 3 or parts >= 3) and _uses_all(used, f"{h.paper.title} {h.paper.abstract}")]
        if len(words) < 3 and any(_uses_all(words, f"{p.title} {p.abstract}") for pid in taken if (p := self.names.papers.get(pid))):
            full = []
        # So does a description with two words or more that few papers use ("the system mixing
        # left-handed and right-handed shards"), all of which one candidate alone uses;
        # or whose one telling word few papers use ("the Quxboard work").
        rare = [w for w in words if 0 < self.names._word(w).df <= self.names.max_df]
        one = len([w for w in words if not _WORK.fullmatch(w)]) == 1
        full += [h for h in hits if (len(rare) >= 2 or (rare and one)) and h not in full
                 and all(as_word(w).search(f"{h.paper.title} {h.paper.abstract}") for w in rare)]  # (as written: what was counted)
        # Only meaning matched, no word of the description: no paper it says (_tells).
        # Among the named people's papers the description only has to pick one.
        if ids is None and not dated and not self._tells(phrase, top.paper):
            return Target(phrase, [], by="description", confidence=0.0)
        # (A paper using the description's words and mentioning what the question sets it beside is here, however short the description.)
        # (Versions of one work, a preprint and its conference paper, are one candidate here.)
        def alone(hs: list) -> bool:
            return top in hs and len({(title_prefix(h.paper) or h.paper.title).lower() for h in hs}) == 1
        if (near if dated else dense[top.paper.id]) < s.describe_min_similarity and not alone(verbatim) and not mentions[top.paper.id] \
                and not alone(full) and ids is None and not (venues and dated and self._tells(phrase, top.paper)):
            return Target(phrase, [], by="description", confidence=0.0)
        return Target(phrase, [top.paper.id], by="description", confidence=round(margin, 3),
                      rivals=[h.paper.id for h in rivals[:2] if self._tells(phrase, h.paper)])
