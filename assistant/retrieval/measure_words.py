"""Which words are measures, learnt from the corpus: a word whose sentences state a number far
more often than the corpus's average sentence ("speedup", "accuracy") is one; "kernel" is not.
Mixed into the name index (`NameIndex.quantity_affinity`), which the planner asks.

Out of scope: which measure a question asks (measures.py, aspect.py).
"""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property

from ..text import content_words, plain_latex, quantities, sentences, stem


class MeasureWords:
    """Needs `self.records` (with `sample(n)`) and `self.settings`."""

    @cached_property
    def quantity_affinity(self) -> dict[str, float]:
        """For each word stem, how many times more often than the corpus's average sentence
        a sentence using it states a number: "speedup" and "accuracy" are measures, "kernel" is
        not. A ratio, so it holds in a corpus dense with numbers as in a sparse one. Read from a
        sample of papers so it costs the same at any corpus size."""
        used: dict[str, int] = defaultdict(int)
        with_number: dict[str, int] = defaultdict(int)
        total = numbered = 0
        for p in self.records.sample(self.settings.statistics_sample):
            for s in sentences(plain_latex(p.abstract)):
                has = bool(quantities(s))
                total, numbered = total + 1, numbered + has
                for st in {stem(w) for w in content_words(s)}:
                    used[st] += 1
                    with_number[st] += has
        base = numbered / total if numbered else 1.0
        # Few uses say nothing either way; a handful say little: each word's rate starts from
        # `quantity_affinity_prior` sentences at the corpus's average (a word stated twice with
        # a number in five sentences is no measure yet).
        prior = self.settings.quantity_affinity_prior
        return {st: (with_number[st] + prior * base) / (n + prior) / base for st, n in used.items() if n >= 3}
