"""The comparison table of the extractive composer: one row per asked facet, one column per
compared paper, each cell the sentences of that paper that best answer that facet; a last
row with each paper's sentences closest to the whole question that no row quoted; the usual
Problem/Approach/Results rows only when no aspect was asked.

Out of scope: choosing evidence (evidence.py), factoids and lists (extractive.py).
"""

from __future__ import annotations

from ..models import Hit, Plan, Retrieval, short_name
from ..text import cell, content_words, sentences
from .roles import introduction, method_span, naming_more, usual_rows


def cell_quote(unit: str, limit: int) -> str:
    """An evidence unit (a sentence, or two that belong together) for a table cell: each
    sentence kept up to `limit` characters, so the second's fact is never cut for the first's length."""
    return " ".join(cell(x, limit) for x in sentences(unit)) or cell(unit, limit)


class ComparisonTable:
    """Mixed into the extractive composer: needs `self.evidence` and `self.settings`."""

    def _cell_quote(self, unit: str) -> str:
        return cell_quote(unit, self.settings.cell_sentence_chars)

    def _compare(self, plan: Plan, retrieval: Retrieval, out) -> str:
        """`out`: the Composition whose citations and refused parts the table adds to."""
        columns: list[tuple[str, Hit]] = []
        for name, group in retrieval.groups.items():
            for h in group:
                label = name if len(group) == 1 else f"{short_name(h.paper)} ({h.paper.date or h.paper.sources[0]})"
                if all(c.paper.id != h.paper.id for _, c in columns):
                    columns.append((label, h))
        lines: list[str] = []
        if columns:
            marks = [out.cite(h.paper) for _, h in columns]
            lines += ["Comparing " + " and ".join(f"**{label}** {m}" for (label, _), m in zip(columns, marks)) + ":", ""]
            lines.append("| | " + " | ".join(f"{label} {m}" for (label, _), m in zip(columns, marks)) + " |")
            lines.append("|---" * (len(columns) + 1) + "|")
            quoted: list[set[str]] = [set() for _ in columns]  # a sentence is quoted once per column
            if plan.facets:
                for facet in plan.facets:
                    cells = []
                    for (label, h), m, used in zip(columns, marks, quoted):
                        if not plan.asks(facet, h.paper.id):  # asked of another ("the second's")
                            cells.append("—")
                            continue
                        if facet == "approach":  # what each one is: the sentences introducing it
                            intro = introduction(h.paper.abstract, short_name(h.paper))
                            for x in intro:
                                out.cite(h.paper, x)
                            used.update(intro)
                            cells.append(" ".join(f"{self._cell_quote(x)} {m}" for x in intro))
                            continue
                        # Unlike a factoid, always the best few: a cell's second sentence often holds the asked fact.
                        ev = self.evidence.for_paper(plan, h, facet=facet, n=self.settings.comparison_cell_sentences,
                                                     label=label, close_only=False)
                        if facet in plan.method_facets and not ev.absent and (span := method_span(h.paper.abstract)):
                            # How each works: the best sentences between its introduction and its results, and later
                            # ones using a word of the part none of those uses ("how does it handle stragglers":
                            # "for the stragglers, we ..."); a sentence with the one going on from it counts as one.
                            scored = self.evidence.score(plan, h.paper, facet, content_words(facet), number=False, method=True)
                            sents = sentences(h.paper.abstract)
                            later = set(naming_more(content_words(facet), span, sents))
                            allowed = set(span) | later
                            best = sorted((x for x in scored if x[1] in allowed or any(x[1].startswith(a + " ") for a in allowed)),
                                          key=lambda x: -x[0])
                            picked: list[str] = []
                            for _, text, _ in best:
                                if len(picked) < self.settings.comparison_cell_sentences and not any(text in y or y in text for y in picked):
                                    picked.append(text)
                            ev.sentences = [x for x in sents if any(x == y or y.startswith(x + " ") or y.endswith(" " + x) for y in picked)]
                            ev.locators = [""] * len(ev.sentences)
                        if ev.absent:
                            out.refused_parts.append(f"{h.paper.title}: {ev.absent}")
                            cells.append(f"*not reported* ({ev.absent})")
                        else:
                            for sent, loc in zip(ev.sentences, ev.locators):
                                out.cite(h.paper, sent, loc)
                            used.update(ev.sentences)
                            cells.append(" ".join(f"{self._cell_quote(x)} {m}" for x in ev.sentences))
                    lines.append(f"| {cell(facet, 60)} | " + " | ".join(cells) + " |")
            if plan.facets and not plan.facets_inferred:
                lines += self._closest_row(plan, columns, marks, quoted, out)
            if not plan.facets or plan.facets_inferred:  # the aspect was a guess: the usual rows too
                picked = [usual_rows(h.paper.abstract, short_name(h.paper), used) for (_, h), used in zip(columns, quoted)]
                for row in ("Problem", "Approach", "Results"):
                    cells = []
                    for (label, h), m, rows in zip(columns, marks, picked):
                        if rows.get(row):
                            out.cite(h.paper, rows[row])
                        cells.append(f"{cell(rows[row])} {m}" if rows.get(row) else "—")
                    lines.append(f"| {row} | " + " | ".join(cells) + " |")
            lines.append("")
        if plan.missing:
            out.refused_parts += [f"{name}: not in the collection" for name in plan.missing]
            missing = " and ".join(plan.missing)
            one = len(plan.missing) == 1
            lines.append(f"**{missing}** {'is' if one else 'are'} not in the collection, so {'it' if one else 'they'} cannot be compared from these papers.")
        return "\n".join(lines).strip()

    def _closest_row(self, plan: Plan, columns: list[tuple[str, Hit]], marks: list[str], quoted: list[set[str]],
                     out) -> list[str]:
        """Each paper's sentences closest to the whole question that no row quoted: the rows are
        read from the question's wording, and when that reading is wrong, the asked fact is here."""
        n = self.settings.comparison_question_sentences
        cells, any_new = [], False
        for (label, h), m, used in zip(columns, marks, quoted):
            ev = self.evidence.for_paper(plan, h, n=n + len(used), label=label, close_only=False)
            new = [(x, loc) for x, loc in zip(ev.sentences, ev.locators) if not any(x in y or y in x for y in used)][:n]
            for sent, loc in new:
                out.cite(h.paper, sent, loc)
            any_new |= bool(new)
            cells.append(" ".join(f"{self._cell_quote(x)} {m}" for x, _ in new) or "—")
        return ["| Closest to the whole question | " + " | ".join(cells) + " |"] if n and any_new else []

