"""The extractive composer (no LLM): evidence -> Markdown text with a marker after every quote.

* factoid: the best sentences of the paper the question is about, quoted and cited;
* comparison: a table, one row per asked facet and one column per compared paper
  (comparison.py);
* list: every paper whose best sentence matches the topic, with that sentence;
* metadata: the record fields asked, from the records.
When the asked thing is absent from a paper, the answer says so first ("The abstract of X
does not report ...") and offers the closest evidence labelled as such.

Out of scope: choosing evidence (evidence.py); record lookups (retrieval/records.py); the
comparison table's rows (comparison.py).
"""

from __future__ import annotations

from ..models import CANNOT_ANSWER, Hit, Kind, Plan, RecordQuery, Retrieval, short_name
from ..retrieval.abbreviations import glossary
from ..retrieval.statements import confirms_claim, split_statements
from ..text import cell, coverage, plain_latex
from .citations import Cites
from .comparison import ComparisonTable
from .cover import overlaps
from .evidence import EvidenceSelector
from .records import record_answer

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


def _quote(sents: list[str], marker: str, locators: list[str] = ()) -> str:
    """Quotes, each cited; a passage from a full text also says its page."""
    locs = list(locators) + [""] * (len(sents) - len(locators))
    return " ".join(f"“{s}” {marker}" + (f" ({loc})" if loc else "") for s, loc in zip(sents, locs))


def _heading(h: Hit, marker: str) -> str:
    name = short_name(h.paper)
    return f"**{name}** ({h.paper.title}) {marker}" if name != h.paper.title else f"**{h.paper.title}** {marker}"


class ExtractiveComposer(ComparisonTable):
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
        candidates = retrieval.hits[: self.settings.fact_candidates]
        targeted = [h for h in candidates if h.reason.startswith(("named", "described"))]
        ranked = [(1.0, h) for h in targeted] if targeted else \
            [(r, h) for h in candidates if (r := self.relevance(plan, h)) >= floor]
        if not ranked:
            return ""
        parts = []
        absent = 0  # papers whose answer is "does not report": all of them -> the sentinel
        top_rel = ranked[0][0]
        # The papers described in the statements before the question ("I read of a tool that
        # tiles X. What speedup ...?"): each answer also quotes the sentence showing it is the one meant.
        said = split_statements(plan.question)[0]
        described = {pid for t in plan.targets if said and t.by == "description"
                     and (t.phrase.lower() in said.lower() or said.lower() in t.phrase.lower()) for pid in t.paper_ids}
        for rel, h in ranked[: 3 if not targeted else len(targeted)]:
            if parts and not targeted and rel < max(floor, 0.8 * top_rel):
                break
            label = next((t.phrase for t in plan.targets if h.paper.id in t.paper_ids and t.by == "name"), "")
            ev = self.evidence.for_question(plan, h, n=1 if parts else None, label=label)
            marker = out.cite(h.paper, " ".join(ev.sentences), next((x for x in ev.locators if x), ""))
            if ev.absent:
                absent += 1
                out.refused_parts.append(f"{h.paper.title}: {ev.absent}")
                parts.append(f"The abstract of {_heading(h, marker)} {ev.absent}. The closest it comes: {_quote(ev.sentences[:1], marker, ev.locators[:1])}")
                continue
            if h.paper.id in described and (sent := self.evidence.identifying(plan, h, said)) and not overlaps(sent, ev.sentences):
                ev.sentences.append(sent)
                ev.locators.append("")
            lead = "Also relevant: " if parts else ""
            gaps = "".join(f" It {x}." for x in ev.unanswered)
            out.refused_parts += [f"{h.paper.title}: {x}" for x in ev.unanswered]
            # (An abbreviation the quote uses, spelt out as the paper defines it elsewhere.)
            gloss = "; ".join(f"{a}: {b}" for a, b in glossary(ev.sentences, plain_latex(h.paper.abstract)))
            parts.append(f"{lead}{_heading(h, marker)}: {_quote(ev.sentences, marker, ev.locators)}{f' ({gloss})' if gloss else ''}{gaps}")
        text = "\n\n".join(parts)
        # (A claim to confirm is answered by what the paper reports, whatever the claim misstates:
        # "does not mention X" corrects it, and the closest evidence is the answer.)
        if parts and absent == len(parts) and not confirms_claim(plan.question):
            text = f"{CANNOT_ANSWER}\n\n{text}"
        return text

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
        # The papers listed lead the ranking, in the answer's order: what ranks below the floor is not listed.
        listed = [h for h, _ in matched]
        retrieval.hits[:] = listed + [h for h in retrieval.hits if h not in listed]
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
                said = f"“{self._cell_quote(ev.sentences[0])}” {marker}" if ev.sentences and not ev.absent else f"*not reported* ({ev.absent})"
                lines.append(f"   - {cell(facet.rstrip('?'), 80)}: {said}")
        if plan.authors:
            owners = {o for h, _ in matched for o in h.paper.profiles if o.lower() in {a.lower() for a in plan.authors}}
            if owners:
                lines += ["", f"(Papers listed on the profile page of {', '.join(sorted(owners))} count as theirs.)"]
        return "\n".join(lines)
