"""The extractive composer (no LLM): evidence -> Markdown text with a marker after every quote.

* factoid: the best sentences of the paper the question is about, quoted and cited;
* comparison: one table row per asked facet, one column per compared paper, each cell the
  sentence of that paper that best answers that facet (Problem/Approach/Results rows only
  when no aspect was asked);
* list: every paper whose best sentence matches the topic, with that sentence;
* metadata: the record fields asked, from the records.
When the asked thing is absent from a paper, the answer says so first ("The abstract of X
does not report ...") and offers the closest evidence labelled as such.

Out of scope: choosing evidence (evidence.py); record lookups (retrieval/records.py).
"""

from __future__ import annotations

import re

from ..models import CANNOT_ANSWER, Hit, Kind, Plan, RecordQuery, Retrieval, short_name
from ..text import cell, content_words, coverage, quantities, sentences, stem, stems
from .citations import Cites
from .evidence import EvidenceSelector
from .records import record_answer

_PROBLEM = re.compile(r"\b(challeng|bottleneck|limit|suffer|however|difficult|costly|expensive|hinder|struggl|problem|issue|pressure|demand)", re.I)
_APPROACH = re.compile(r"\b(we (propose|present|introduce|develop|design|build|formali[sz]e)|this (paper|work) (presents|proposes|introduces)|in this (paper|work)|dubbed|called|named)\b", re.I)
_EVALUATION = re.compile(r"\b(?:experiment\w*|evaluat\w*|results? (?:show|demonstrate|reveal|indicate)\w*|outperform\w*)\b", re.I)
_RESULT = re.compile(r"(\d+(\.\d+)?\s*(x|×|%|times)|\$\d|\bspeedup\b|\boutperform|\bachiev|\breduc|\bimprov)", re.I)


def list_floor(scores: list[float], background: float, minimum: float, relative: float) -> float:
    """The score a paper must reach to be listed: at least `minimum`, and above the collection's
    typical match (`background`) by a `relative` share of what the best paper stands out by;
    only the papers that state the topic clear it, however verbosely it was asked."""
    top = max(scores, default=0.0)
    return max(minimum, background + relative * (top - background))


class Composition:
    def __init__(self):
        self.cite = Cites()
        self.refused_parts: list[str] = []
        self.text = ""


def _cell_quote(unit: str) -> str:
    """An evidence unit (a sentence, or two that belong together) for a table cell: each
    sentence kept up to 400 characters, so the second's fact is never cut for the first's length."""
    return " ".join(cell(x, 400) for x in sentences(unit)) or cell(unit, 400)


def _quote(sents: list[str], marker: str, locators: list[str] = ()) -> str:
    """Quotes, each cited; a passage from a full text also says its page."""
    locs = list(locators) + [""] * (len(sents) - len(locators))
    return " ".join(f"“{s}” {marker}" + (f" ({loc})" if loc else "") for s, loc in zip(sents, locs))


def _introduction(abstract: str, name: str) -> list[str]:
    """The sentence introducing the work (by its name, if one does), and the next one when it
    goes on about the work ("FooNet uses three ...", "Its key idea is ...")."""
    sents = sentences(abstract)
    introducing = [i for i, x in enumerate(sents) if _APPROACH.search(x)]
    i = next((i for i in introducing if name.lower() in sents[i].lower()), introducing[0] if introducing else 0)
    nxt = sents[i + 1] if i + 1 < len(sents) else ""
    goes_on = nxt and re.match(rf"(?:{re.escape(name)}\b|It\b|Its\b)", nxt, re.I)
    return sents[i: i + 2] if goes_on else sents[i: i + 1]


def _method_span(abstract: str) -> list[str]:
    """The sentences that say how a work works: from the one introducing it up to its
    evaluation (the first sentence after it stating a number or reporting experiments)."""
    sents = sentences(abstract)
    start = next((i for i, x in enumerate(sents) if _APPROACH.search(x)), None)
    if start is None:
        return []
    end = next((i for i in range(start + 1, len(sents)) if quantities(sents[i]) or _EVALUATION.search(sents[i])), len(sents))
    return sents[start:end]


def _naming_more(words: list[str], span: list[str], sents: list[str]) -> list[str]:
    """The sentences after `span` that use a word of `words` no sentence of `span` uses."""
    have = stems(" ".join(span))
    new = {stem(w) for w in words} - have
    after = sents[sents.index(span[-1]) + 1:] if span and span[-1] in sents else []
    return [x for x in after if new & stems(x)]


def _usual_rows(abstract: str, name: str, used: set[str]) -> dict[str, str]:
    """Problem, Approach and Results sentences of an abstract, in the order abstracts tell
    them: the approach is the sentence introducing the work (by its name, if one does); the problem comes before it (the
    opening sentence when no sentence says "challenge", "however" ...); the result is the last
    sentence stating a number after it. None repeats a sentence already quoted."""
    sents = sentences(abstract)
    fresh = [i for i, x in enumerate(sents) if x not in used]
    introducing = [i for i in fresh if _APPROACH.search(sents[i])]
    approach = next((i for i in introducing if name.lower() in sents[i].lower()), introducing[0] if introducing else None)
    cut = approach if approach is not None else len(sents)
    problem = next((i for i in fresh if i < cut and _PROBLEM.search(sents[i])), fresh[0] if fresh and fresh[0] < cut else None)
    after = [i for i in fresh if i > (approach if approach is not None else -1) and i != problem]
    result = next((i for i in reversed(after) if quantities(sents[i])), None)
    if result is None:
        result = next((i for i in reversed(after) if _RESULT.search(sents[i])), None)
    picks = {"Problem": problem, "Approach": approach, "Results": result}
    return {row: sents[i] for row, i in picks.items() if i is not None}


def _heading(h: Hit, marker: str) -> str:
    name = short_name(h.paper)
    return f"**{name}** ({h.paper.title}) {marker}" if name != h.paper.title else f"**{h.paper.title}** {marker}"


class ExtractiveComposer:
    def __init__(self, retriever, evidence: EvidenceSelector, settings):
        self.retriever = retriever
        self.evidence = evidence
        self.settings = settings

    def compose(self, plan: Plan, retrieval: Retrieval) -> Composition:
        out = Composition()
        if plan.kind is Kind.METADATA or plan.record_query in (RecordQuery.OLDEST, RecordQuery.NEWEST, RecordQuery.MULTI_PAGE):
            out.text = record_answer(plan, retrieval, out.cite, self.retriever)
        elif plan.kind is Kind.COMPARATIVE:
            out.text = self._compare(plan, retrieval, out)
        elif plan.kind is Kind.AGGREGATE:
            out.text = self._list(plan, retrieval, out)
        else:
            out.text = self._fact(plan, retrieval, out)
        return out

    def relevance(self, plan: Plan, h: Hit) -> float:
        if h.reason.startswith(("named", "described", "author")):
            return 1.0
        cov = coverage(plan.topic_terms, f"{h.paper.title} {h.paper.abstract}") if plan.topic_terms else 0.0
        return 0.5 * max(h.dense, 0.0) + 0.5 * cov

    def _fact(self, plan: Plan, retrieval: Retrieval, out: Composition) -> str:
        floor = self.settings.relevance_floor
        candidates = retrieval.hits[:5]
        targeted = [h for h in candidates if h.reason.startswith(("named", "described"))]
        ranked = [(1.0, h) for h in targeted] if targeted else \
            [(r, h) for h in candidates if (r := self.relevance(plan, h)) >= floor]
        if not ranked:
            return ""
        parts = []
        absent = 0  # papers whose answer is "does not report": all of them -> the sentinel
        top_rel = ranked[0][0]
        for rel, h in ranked[: 3 if not targeted else len(targeted)]:
            if parts and not targeted and rel < max(floor, 0.8 * top_rel):
                break
            label = next((t.phrase for t in plan.targets if h.paper.id in t.paper_ids and t.by == "name"), "")
            ev = self.evidence.for_question(plan, h, n=self.settings.evidence_sentences if not parts else 1, label=label)
            marker = out.cite(h.paper, " ".join(ev.sentences), next((x for x in ev.locators if x), ""))
            if ev.absent:
                absent += 1
                out.refused_parts.append(f"{h.paper.title}: {ev.absent}")
                parts.append(f"The abstract of {_heading(h, marker)} {ev.absent}. The closest it comes: {_quote(ev.sentences[:1], marker, ev.locators[:1])}")
                continue
            lead = "Also relevant: " if parts else ""
            gaps = "".join(f" It {x}." for x in ev.unanswered)
            out.refused_parts += [f"{h.paper.title}: {x}" for x in ev.unanswered]
            parts.append(f"{lead}{_heading(h, marker)}: {_quote(ev.sentences, marker, ev.locators)}{gaps}")
        text = "\n\n".join(parts)
        if parts and absent == len(parts):
            text = f"{CANNOT_ANSWER}\n\n{text}"
        return text

    def _compare(self, plan: Plan, retrieval: Retrieval, out: Composition) -> str:
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
                            intro = _introduction(h.paper.abstract, short_name(h.paper))
                            for x in intro:
                                out.cite(h.paper, x)
                            used.update(intro)
                            cells.append(" ".join(f"{_cell_quote(x)} {m}" for x in intro))
                            continue
                        # Unlike a factoid, always the best few: a cell's second sentence often holds the asked fact.
                        ev = self.evidence.for_paper(plan, h, facet=facet, n=self.settings.comparison_cell_sentences,
                                                     label=label, close_only=False)
                        if facet in plan.method_facets and not ev.absent and (span := _method_span(h.paper.abstract)):
                            # How each works: the best sentences between its introduction and its results, and later
                            # ones using a word of the part none of those uses ("how does it handle stragglers":
                            # "for the stragglers, we ..."); a sentence with the one going on from it counts as one.
                            scored = self.evidence.score(plan, h.paper, facet, content_words(facet), number=False, method=True)
                            sents = sentences(h.paper.abstract)
                            later = set(_naming_more(content_words(facet), span, sents))
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
                            cells.append(" ".join(f"{_cell_quote(x)} {m}" for x in ev.sentences))
                    lines.append(f"| {cell(facet, 60)} | " + " | ".join(cells) + " |")
            if plan.facets and not plan.facets_inferred:
                lines += self._closest_row(plan, columns, marks, quoted, out)
            if not plan.facets or plan.facets_inferred:  # the aspect was a guess: the usual rows too
                picked = [_usual_rows(h.paper.abstract, short_name(h.paper), used) for (_, h), used in zip(columns, quoted)]
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
                     out: Composition) -> list[str]:
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
            cells.append(" ".join(f"{_cell_quote(x)} {m}" for x, _ in new) or "—")
        return [f"| Closest to the whole question | " + " | ".join(cells) + " |"] if n and any_new else []

    def topic_scores(self, plan: Plan, hits: list[Hit], by_topic: bool = True
                     ) -> tuple[list[tuple[Hit, float | None, str]], float]:
        """Each hit's match to a list's topic with its best sentence (None: not a topic
        candidate), and the collection's typical match to it: the median match of an even,
        fixed-size sample of the collection, so its cost does not grow with the collection.
        A topic put in many common words ("what helps with sorting old letters by their
        handwriting") matches every paper a little; `list_floor` measures against that."""
        weights = self.retriever.term_weights(plan.topic_terms)
        scored = [(h, *self.evidence.list_match(plan, h, weights)) if by_topic and h.reason in ("topic", "author", "venue")
                  else (h, None, "") for h in hits]
        ids = sorted(self.retriever.papers)
        n = min(len(ids), self.settings.list_background_sample)
        sample = [ids[i * len(ids) // n] for i in range(n)]
        typical = sorted(self.evidence.list_match(plan, h, weights)[0]
                         for h in self.retriever.search(" ".join(plan.topic_terms), n, ids=sample)) if by_topic else []
        return scored, typical[len(typical) // 2] if typical else 0.0

    def _list(self, plan: Plan, retrieval: Retrieval, out: Composition) -> str:
        hits = retrieval.hits
        if plan.record_query is RecordQuery.COUNT and not (plan.topic_terms or plan.authors or plan.venues or plan.year):
            records = self.retriever.records
            return f"The collection holds **{records.count()} papers**, parsed from {records.pages()} pages."
        matched: list[tuple[Hit, str]] = []
        # Within an author's or venue's papers, leftover words filter only if some paper has them.
        by_topic = plan.topic_terms and (not (plan.authors or plan.venues) or any(
            coverage(plan.topic_terms, f"{h.paper.title} {h.paper.abstract}") > 0 for h in hits))
        scored, background = self.topic_scores(plan, hits, by_topic)
        floor = list_floor([sc for _, sc, _ in scored if sc is not None], background,
                           self.settings.list_min_score, self.settings.list_relative_score)
        for h, score, sent in scored:
            if score is None or score >= floor:
                matched.append((h, sent))
        matched = matched[: plan.list_n or self.settings.list_max]  # "the two papers on ...": the best two
        what = []
        if plan.authors:
            what.append("by " + " and ".join(plan.authors))
        if plan.venues:
            what.append("from " + " and ".join(plan.venues))
        if plan.topic_terms:
            what.append("on “" + " ".join(plan.topic_terms) + "”")
        if plan.year:
            op, y = plan.year
            what.append({"since": f"from {y} on", "after": f"after {y}", "before": f"before {y}"}.get(op, f"from {y}"))
        if not matched:
            return f"No paper in the collection {' '.join(what)}." if (plan.authors or plan.venues) else ""
        n = len(matched)
        lines = [f"**{n} paper{'s' if n != 1 else ''}** in the collection {' '.join(what) or 'match'}:", ""]
        for i, (h, sent) in enumerate(matched, 1):
            p = h.paper
            marker = out.cite(p, sent or None)
            when = ", ".join(x for x in (p.venue, p.date) if x)
            label = self.retriever.label(p)
            name = f"**{label}**: {p.title}" if label and not p.title.startswith(label) else f"**{p.title}**"
            lines.append(f"{i}. {name}{f' ({when})' if when else ''} {marker}" + (f" — “{cell(sent, 300)}”" if sent else ""))
            for facet in plan.facets:  # "... and what does each save?": asked of every paper
                ev = self.evidence.for_paper(plan, h, facet=facet, n=1)
                said = f"“{_cell_quote(ev.sentences[0])}” {marker}" if ev.sentences and not ev.absent else f"*not reported* ({ev.absent})"
                lines.append(f"   - {cell(facet.rstrip('?'), 80)}: {said}")
        if plan.authors:
            owners = {o for h, _ in matched for o in h.paper.profiles if o.lower() in {a.lower() for a in plan.authors}}
            if owners:
                lines += ["", f"(Papers listed on the profile page of {', '.join(sorted(owners))} count as theirs.)"]
        return "\n".join(lines)
