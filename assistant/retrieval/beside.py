"""Papers set beside a question's one subject: a work after "than" with a claim of its own
("Does A cut latency more than tiled decoding does?"), a paper a described subject is set against
that its abstract never mentions, and the papers a counted set stands for ("Compare the two
FooNet pruning papers: what does each keep?"). Mixed into the planner.

Out of scope: resolving a description (descriptions.py); finding the phrases
(compared_descriptions.py, counted.py).
"""

from __future__ import annotations

from ..models import Kind, Plan, Target, short_name
from ..text import content_words
from .compared import claimant, side_by_side, with_rivals
from .counted import counted_set
from .one_of import _firm


class Beside:
    """Mixed into the Planner: needs `self._resolve`, `self._aspect`, `self.names` and `self.settings`."""

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
