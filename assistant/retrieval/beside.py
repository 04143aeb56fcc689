"""Papers set beside a question's one subject: a work after "than" with a claim of its own
("Does A cut latency more than tiled decoding does?"), a paper a described subject is set against
that its abstract never mentions, the papers a counted set stands for ("Compare the two
FooNet pruning papers: what does each keep?"), and a work's relatives ("X vs its sharded
successor": alike in meaning, or carrying X's name). Mixed into the planner.

Out of scope: resolving a description (descriptions.py); finding the phrases
(compared_descriptions.py, counted.py).
"""

from __future__ import annotations

import re

from ..models import Kind, Plan, Target, short_name, title_prefix
from ..text import content_words, looks_like_name
from .compared import claimant, side_by_side, with_rivals
from .counted import counted_set
from .one_of import _firm


class Beside:
    """Mixed into the Planner: needs `self._resolve`, `self._aspect`, `self.search`, `self.names` and `self.settings`."""

    def _with_claimant(self, q: str, plan: Plan, subject: Target) -> None:
        """"Does A cut latency more than tiled decoding does?": the work after "than", with a
        claim of its own, is set beside A when its words find a paper clearly."""
        if (phrase := claimant(q, plan)) and (t := self._resolve(phrase, set(subject.paper_ids))) \
                and not t.missing and t.confidence >= self.settings.describe_min_margin:
            plan.specifics = [x for x in plan.specifics if not set(content_words(x)) & set(content_words(phrase))]
            side_by_side(plan, [subject, t])

    def _with_rivals_of_described(self, q: str, plan: Plan, said: str, baselines: list[Target]) -> None:
        """The one described paper (`said`, its description) is the subject; a paper it was set
        against that its abstract never mentions is compared with it (`with_rivals`)."""
        plan.targets += [t for t in baselines if t.paper_ids]
        if not with_rivals(plan.targets[0], plan, self.names.papers):
            plan.targets = plan.targets[:1]
            return
        # (Its column is headed by the description, or, when that is the whole question, the paper's name.)
        plan.targets[0].phrase = said if len(said.split()) <= 8 and said[-1:].isalnum() else short_name(self.names.papers[plan.targets[0].paper_ids[0]])
        self._aspect(q, plan)

    def _counted(self, q: str, plan: Plan) -> bool:
        """"Compare the two FooNet pruning papers: what does each keep?": a factoid that names
        no paper firmly and counts the papers it describes compares them; True when it did."""
        if plan.kind is not Kind.FACTOID or _firm(plan) or not (own := counted_set(q, lambda words, taken: self._resolve(words, taken, weighted=True))):
            return False
        side_by_side(plan, [own])
        return True

    def _alike(self, target: Target, others: list[Target]) -> bool:
        """Is the paper `target` found like one of `others`' papers (its title's meaning)?"""
        pids = [pid for t in others for pid in t.paper_ids]
        return bool(target.paper_ids) and any(
            h.dense >= self.settings.describe_min_similarity
            for pid in pids for h in self.search(self.names.papers[pid].title, 1, ids=target.paper_ids[:1]))

    def _kin(self, target: Target, others: list[Target]) -> bool:
        """Does the paper `target` found carry one of `others`' names in its own title, as a
        compound's part ("FooNet-XL", "DistFooNet"), as a successor's name carries what it
        extends, however far apart their topics? (Not its text: a rival names it too.)"""
        p = self.names.papers[target.paper_ids[0]] if target.paper_ids else None
        return bool(p) and any(
            looks_like_name(t.phrase) and target.paper_ids[0] not in t.paper_ids
            and re.search(rf"(?<![\w-]){re.escape(t.phrase)}(?=[\w+-])|(?<=\w){re.escape(t.phrase)}(?![\w-])", (title_prefix(p) or p.title).split()[0])
            for t in others)

    def _heir(self, phrase: str, taken: set[str], others: list[Target]) -> Target | None:
        """Among the papers `phrase` finds, the first whose name carries one of `others`' (_kin)."""
        return next((t for h in self.search(phrase, self.settings.describe_candidates + len(taken)) if h.paper.id not in taken
                     and self._kin(t := Target(phrase, [h.paper.id], by="description", confidence=self.settings.describe_min_margin), others)), None)
