"""Evidence: for each paper an answer needs, the sentences that answer the *asked aspect*,
best first; what the paper does not report is absence.py's.

A sentence's score mixes its meaning (cosine to the aspect, with the paper's own name in the
query) and the aspect's words it contains, plus a bonus when a number is asked and it states
one, when it names the thing asked, or holds the question's qualifiers.
Both modes use this evidence: the extractive composer quotes it, the LLM composer gets it as
context.

Out of scope: which papers are needed (retrieval/), which texts of a paper are candidates
(candidates.py) and the wording of answers (composers).
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict

import numpy as np

from ..corpus import Paper
from ..models import Aspect, Hit, Kind, PaperEvidence, Plan
from ..settings import Settings
from ..text import NAME_TOKEN, content_words, coverage, magnitudes, quantities, sentences, stem
from ..retrieval.record_shape import asked_head
from .naming import MODEL_NAME
from .absence import SPELLED_COUNT, absent, asks_rival, counts_of, known_names, names_rival, norm, part_stems
from ..units import dimension, states_dimension
from .number_context import number_neighbours
from .candidates import candidates
from .cover import covering, overlaps
from .roles import method_span, naming_more

# "we propose X", "this paper presents": the sentence that says what a paper is.
_INTRODUCES = re.compile(r"\b(we (propose|present|introduce|develop|design|build)|this (paper|work) (presents|proposes|introduces)|in this (paper|work)|dubbed|(?<!so-)called|named|termed|coined|referred to as|known as)\b", re.I)


# "What is FooSAM short for?", "its full form": the words an abbreviation is short for are asked.
_SPELLED_OUT = re.compile(r"\bstands?\s+for\b|\bshort\s+for\b|\bfull\s+(?:name|form)\b|\bspell(?:ed|s)?\s+out\b|\bexpansion\b", re.I)


def spells_out(sent: str, acronyms: set[str]) -> bool:
    """Does `sent` give the words one of `acronyms` is short for ("FooSAM (Fast Optimal ...)",
    "Fast Optimal ... (FooSAM)")?"""
    return any(re.search(rf"(?<![\w-]){re.escape(a)}\s*\(\s*[A-Za-z][^()]{{3,}}\)|[a-z][^()]{{3,}}\(\s*{re.escape(a)}\s*\)", sent) for a in acronyms)


# "Our code is at https://...": where to get the code, which answers only a question about it.
_AVAILABILITY = re.compile(r"https?://|\bgithub\.com\b|\b(?:code|implementation|source)\s+(?:is|are|has\s+been|have\s+been|will\s+be)\s+"
                           r"(?:publicly\s+|made\s+|freely\s+)?(?:available|released|open-sourced)", re.I)
_ASKS_CODE = re.compile(r"\b(?:code|github|repo\w*|url|link|open-?source\w*|available|download\w*|release\w*)\b", re.I)

# A tool's name written in lower case with its version ("foosim3"), as a capitalised one ("FX9000") is.
_LOWER_NAME = re.compile(r"^[a-z]{3,}\d+$")


class EvidenceSelector:
    def __init__(self, embed_model, settings: Settings, cache_size: int = 4096):
        self.embed = embed_model
        self.settings = settings
        self._cache: OrderedDict[str, tuple[list[str], np.ndarray]] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()

    def _sentences(self, p: Paper, passages: list[str], locators: dict[str, str] | None = None
                   ) -> tuple[list[str], np.ndarray, list[str], tuple[int, int, int]]:
        """The paper's sentences (abstract first, then passages of its full text) with their
        vectors and pages, cached per paper (bounded, least recently used out first); then the
        pairs a number completes, then the pairs a going-on sentence completes, then the lists
        of numbered items with the sentence announcing them (their starts in `spans`)."""
        key = p.id + str(hash(tuple(passages)))
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        sents, where, spans = candidates(p, passages, locators)
        # (A pair a number completes may go on from its first sentence too: each text embedded once.)
        unique = list(dict.fromkeys(sents))
        vec_of = dict(zip(unique, self.embed.get_text_embedding_batch(unique)))
        vecs = np.array([vec_of[x] for x in sents])
        with self._lock:
            self._cache[key] = (sents, vecs, where, spans)
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return sents, vecs, where, spans

    def score(self, plan: Plan, p: Paper, query: str, terms: list[str], passages: list[str] = (),
              qualifiers: bool = True, locators: dict[str, str] | None = None,
              number: bool | None = None, weights: dict[str, float] | None = None, named: bool = False,
              against: bool = False, method: bool = False, kind: str = "") -> list[tuple[float, str, str]]:
        """Every sentence of `p` scored against `query` (the aspect, with the paper's name),
        with the page it is on ("" for the abstract). `named`: a named thing is asked ("which
        GPU"), so a sentence naming one the question and the title do not is likelier to answer;
        `against`: what it is measured against is asked, so a sentence naming a rival answers;
        `kind`: the phrase of the named thing asked ("which boards"): a sentence setting out
        instances of its noun ("on several boards, including A and B"), or counting any of its
        words ("on 18 boards"), names them."""
        sents, vecs, where, (singles, numbered, listed) = self._sentences(p, list(passages), locators)
        s = self.settings
        number = plan.aspect is Aspect.NUMBER if number is None else number
        # (Nor when the asked kind is unsaid, "which thing replaces X": a proposal after its problem goes on from it too.)
        general = not (method or number or named or against) and plan.kind is not Kind.AGGREGATE
        keep = list(range(singles)) + [*range(singles, numbered)] * number + [*range(numbered, listed)] * ((method or general) and not number) \
            + list(range(listed, len(sents)))
        n_lists = len(sents) - listed
        sents, vecs, where = [sents[i] for i in keep], vecs[keep], [where[i] for i in keep]
        q = np.array(self.embed.query_vector(query))
        cos = vecs @ q
        names = [t.phrase.lower() for t in plan.targets if t.by == "name"]
        specifics = [norm(x) for x in plan.specifics] if qualifiers else []
        # "How many papers": a number followed, within a few words, by what is counted.
        counted = counts_of(plan.measure) if plan.measure else None
        known = known_names(plan, p) if named else set()
        own = {t.lower() for t in NAME_TOKEN.findall(p.title)}
        # The asked words a number may be of (not a setting's, "8-bit", nor a qualifier's).
        asked = frozenset(stem(t) for t in terms if not re.search(r"\d", t) and t not in {x.lower() for x in plan.specifics}) if number else frozenset()
        unit = dimension(plan.unit) if number else ""
        asks_code = bool(_ASKS_CODE.search(plan.question))
        # (The abbreviation may be named before the part that asks it: "X names FooSAM. What is
        # that short for?")
        short = set(re.findall(r"(?<![\w-])[A-Z][A-Z0-9]{1,}[a-z]?(?![\w-])", plan.question)) \
            if _SPELLED_OUT.search(query) or (not plan.facets and _SPELLED_OUT.search(plan.question)) else set()
        # "X adds two tricks: name them": the sentence with the count the question repeats ("we
        # add two tricks, A and B") lists them.
        # ("three main tricks" echoes "three tricks": a word or two may come between.)
        echoes = [re.compile(rf"\b{re.escape(m.group(1))}\s+(?:[\w-]+\s+){{0,2}}?{re.escape(m.group(2))}", re.I)
                  for m in re.finditer(rf"({SPELLED_COUNT})\s+([\w-]+)", plan.question, re.I)]
        # ("... on three boards: A, B and C", "boards such as A and B".)
        # ("boards (e.g., Nucleo boards)" too.)
        noun = re.split(r"[\s/]+", kind)[-1] if kind else ""
        instances = re.compile(rf"\b{re.escape(stem(noun))}\w*\s*[,(]?\s*(?:including|such\s+as|e\.g\.|like|namely|i\.e\.|:)[\s,]", re.I) if kind else None
        # ("which benchmarks": "on 18 benchmark graphs" says which, by their count.)
        kinds = [counts_of(w) for w in content_words(kind.replace("/", " "))] if kind else []  # ("boards/kits": either)
        # How it works is asked: the sentences telling it (from the work's introduction up to its
        # evaluation, and later ones naming an asked word those do not) outrank its problem and results.
        telling = set()
        if method and not number and (span := method_span(p.abstract)):
            telling = set(span) | set(naming_more(terms, span, sentences(p.abstract)))
        out = []
        for sent, c, loc in zip(sents, cos, where):
            score = s.evidence_dense_weight * float(c) + s.evidence_lexical_weight * coverage(terms, sent, weights)
            if number and quantities(sent):
                # (... more when the number is of an asked word.)
                score += s.evidence_number_bonus + s.evidence_measure_bonus * bool(asked & number_neighbours(sent))
                # (... and when it is in a unit of the asked one's kind: "in ms" asks a time.)
                score += s.evidence_measure_bonus * bool(unit and states_dimension(sent, unit))
            if counted and counted.search(sent):
                score += s.evidence_number_bonus
            if named and any((MODEL_NAME.match(t) or _LOWER_NAME.match(t)) and t.lower() not in known for t in NAME_TOKEN.findall(sent)):
                score += s.evidence_number_bonus
            if against and names_rival(sent, own):
                score += s.evidence_number_bonus
            if short and spells_out(sent, short):
                score += 2 * s.evidence_number_bonus
            if not asks_code and _AVAILABILITY.search(sent):
                score -= 2 * s.evidence_number_bonus
            # A sentence announcing as many of the asked things as the question counts ("which
            # three tricks": "we add three simple tricks"), or setting out instances of the asked
            # kind, is the answer's head, as a qualifier matched twice is.
            if any(e.search(sent) for e in echoes) or (instances and instances.search(sent)) or any(c.search(sent) for c in kinds):
                score += 2 * s.evidence_number_bonus
            # The qualifiers the question insists on ("on OPT-175B", "over vLLM") mark the answer.
            flat = norm(sent)
            score += s.evidence_number_bonus * min(2, sum(1 for x in specifics if x and x in flat))
            if plan.aspect is Aspect.DEFINITION and _INTRODUCES.search(sent) and (
                    not names or any(n in sent.lower() for n in names)):
                score += s.evidence_number_bonus
            if telling and any(sent == x or sent.startswith(x + " ") for x in telling):
                score += s.evidence_method_bonus
            out.append((score, sent, loc))
        # What a sentence is followed by ("Therefore, we propose ..."; its list's items) answers
        # with it: the whole goes before the sentence alone.
        alone = {sent: sc for sc, sent, _ in out[:singles]}
        start = singles if (method or general) and not number else len(out) - n_lists
        return out[:start] + [(max(sc, max((v for a, v in alone.items() if sent.startswith(a + " ")), default=sc) + 1e-6), sent, loc)
                              for sc, sent, loc in out[start:]]

    def for_paper(self, plan: Plan, hit: Hit, facet: str | None = None, n: int | None = None, label: str = "",
                  close_only: bool = True, more: int = 0) -> PaperEvidence:
        """The best sentences of one paper for the asked aspect (or one facet of it); `more`:
        the next best after them, however far below, once the verdict on them is given."""
        p = hit.paper
        terms = content_words(facet) if facet else plan.aspect_terms
        name = label or p.title
        # A facet is asked of every compared paper alike: the paper's name would only favour
        # the sentences that repeat it.
        query = facet if facet else f"{name}: {' '.join(plan.aspect_terms) or plan.question}"
        passages = [x for x in hit.passages if x not in p.abstract]
        number = plan.aspect is Aspect.NUMBER if facet is None else facet in plan.numeric_facets
        named = (facet or "") in plan.named_facets and not number
        # (What it is measured against is asked by the whole question, too: "which baselines does X beat".)
        rival = asks_rival(plan, facet)
        against = facet in plan.baseline_facets or rival
        method = facet in plan.method_facets if facet else plan.aspect is Aspect.METHOD
        # A word of the paper's title is all over its abstract: the question's other words tell its answer.
        # ("Foo-Accelerated" in a title: "Foo" and "accelerated" are all over its abstract too.)
        titled = part_stems(content_words(p.title))
        weights = {t: self.settings.evidence_title_word_weight for t in terms if stem(t) in titled}
        # (A row read from the question, "boards target", has lost its "what": the question's
        # head is the row's when the row holds it.)
        head = asked_head(facet or plan.question) if named else None
        if named and not head and facet and (h := asked_head(plan.question)) and h[-1] in facet.split():
            head = h
        scored = self.score(plan, p, query, terms, passages, locators=hit.locators, number=number, named=named,
                            against=against, method=method, weights=weights if len(weights) < len(terms) else None,
                            kind=" ".join(head) if head else "")
        # (How it works takes more telling than a fact: what is done, then how.)
        n = n or (self.settings.method_evidence_sentences if not facet and plan.aspect is Aspect.METHOD else self.settings.evidence_sentences)
        every = scored  # (a second thing asked beside the number need not be one: `covering`)
        if number and any(quantities(x[1]) for x in scored):
            # A number is asked: a sentence without one cannot be the answer (a count may be in words).
            counts = counts_of(plan.measure) if plan.measure else None
            scored = [x for x in scored if quantities(x[1]) or magnitudes(x[1]) or (counts and counts.search(x[1]))]
        if rival:
            # A rival is asked: a sentence naming none cannot be the answer.
            own = {t.lower() for t in NAME_TOKEN.findall(p.title)}
            scored = [x for x in scored if names_rival(x[1], own)] or scored
        top: list[tuple[float, str, str]] = []
        ranked = sorted(scored, key=lambda x: -x[0])
        for x in ranked:
            if len(top) < n and not overlaps(x[1], [y[1] for y in top]):
                top.append(x)
        # The best sentence always; more only if nearly as good (scores can be < 0).
        keep = [top[0]] + [x for x in top[1:] if not close_only or x[0] >= top[0][0] - self.settings.evidence_close_share * abs(top[0][0])]
        if method and not number and not facet and len(span := method_span(p.abstract)) > 1 \
                and keep[0][1].startswith(span[0]) and not any(span[1] in x[1] for x in keep) \
                and (then := next((x for x in scored if x[1].startswith(span[1])), None)):
            # How it works, led by the sentence introducing the work: the next tells how, whatever it scores.
            keep.insert(1, then)
        ev = PaperEvidence(paper=p, sentences=[x[1] for x in keep], scores=[x[0] for x in keep], label=label,
                           locators=[x[2] for x in keep])
        ev.absent = absent(plan, p, passages, ev, facet)
        if not ev.absent:  # (added after the verdict: a sentence quoted for one word does not answer the rest)
            after = [x for x in ranked if not overlaps(x[1], [y[1] for y in keep])][:more]
            for x in after + covering(every, keep + after, [t for t in terms if stem(t) not in titled], self.settings.evidence_cover_sentences):
                ev.sentences.append(x[1])
                ev.scores.append(x[0])
                ev.locators.append(x[2])
                ev.added += 1
        return ev

    def for_question(self, plan: Plan, hit: Hit, n: int | None = None, label: str = "") -> PaperEvidence:
        """One paper's evidence for the whole question. A question asking several things
        ("what does X prune, and how much smaller is the model?") gets the best sentence of each
        part, and each part is checked for absence on its own."""
        # (The paper answering, not one "also relevant": its next best sentence too.)
        more = self.settings.evidence_more_sentences if n is None else 0
        if plan.kind is not Kind.FACTOID or len(plan.facets) < 2:
            return self.for_paper(plan, hit, n=n, label=label, more=more)
        per_part = [(f, self.for_paper(plan, hit, facet=f, n=self.settings.part_evidence_sentences, label=label, more=more))
                    for f in plan.facets]
        answered = [(f, ev) for f, ev in per_part if not ev.absent]
        if not answered:  # nothing asked is there: the first part's verdict, with its closest sentence
            return per_part[0][1]
        out = PaperEvidence(paper=hit.paper, sentences=[], label=label)
        chosen = []
        for f, ev in answered:
            if ev.sentences and overlaps(ev.sentences[0], [x for e in chosen for x in e.sentences]):
                # Two parts whose best sentence is one: the later part's next best, if nearly as
                # good, may be its own answer ("which board, and which compiler": two sentences;
                # "how much faster, and what memory saving": a speedup's sentence, then a size's).
                ev = self.for_paper(plan, hit, facet=f, n=2, label=label, more=more)
            chosen.append(ev)
        # Each part's best sentences first, then those quoted for a word they lack: a tight
        # context budget keeps every part's answer.
        rows = [list(zip(ev.sentences, ev.scores, ev.locators)) for ev in chosen]
        best = [x for ev, r in zip(chosen, rows) for x in r[: len(r) - ev.added]]
        for sent, score, loc in best + [x for ev, r in zip(chosen, rows) for x in r[len(r) - ev.added:]]:
            held = [i for i, x in enumerate(out.sentences) if x in sent]
            if held:  # a pair holding quoted sentences says more: it takes their place
                out.sentences[held[0]] = sent
                for i in reversed(held[1:]):
                    del out.sentences[i], out.scores[i], out.locators[i]
            elif not overlaps(sent, out.sentences):
                out.sentences.append(sent)
                out.scores.append(score)
                out.locators.append(loc)
        out.unanswered = [f"{ev.absent} (asked: “{f}”)" for f, ev in per_part if ev.absent]
        return out

    def identifying(self, plan: Plan, hit: Hit, description: str) -> str:
        """The sentence of the paper's abstract that best matches how the question described it
        ("I read of a tool that tiles X"): what shows the paper found is the one meant."""
        terms = content_words(description)
        scored = self.score(plan, hit.paper, description, terms, qualifiers=False, number=False)
        best = max(scored, key=lambda x: x[0], default=None)
        return best[1] if best and coverage(terms, best[1]) > 0 else ""

    def list_match(self, plan: Plan, hit: Hit, weights: dict[str, float] | None = None) -> tuple[float, str]:
        """How well a paper matches a list's topic: its best sentence's score, and the sentence.
        `weights` (Retriever.term_weights) make the topic's rare words count more than its
        common ones: "systolic" says more about a paper than "memory"."""
        topic = " ".join(plan.topic_terms)
        scored = self.score(plan, hit.paper, topic, plan.topic_terms, [x for x in hit.passages if x not in hit.paper.abstract],
                            qualifiers=False, locators=hit.locators, weights=weights)
        title = self.settings.evidence_lexical_weight * coverage(plan.topic_terms, hit.paper.title, weights)
        best = max(scored, key=lambda x: x[0])
        return max(best[0], title + self.settings.evidence_dense_weight * max(hit.dense, 0.0)), best[1]
