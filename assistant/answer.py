"""Answering: question (+ conversation) -> retrieval -> `Answer` (text, checked citations,
sources). The one answering function the CLI, the UI and the eval runner share is
`Assistant.stream()` (events as they come) / `Assistant.ask()` (the final `Answer`).

Two modes:
* **LLM** (an OpenAI-compatible endpoint is configured): the retrieved papers go into the
  prompt numbered [1], [2], ...; the model's markers are parsed and checked afterwards.
* **extractive** (no endpoint; the default): the answer is composed from the retrieved
  abstracts: quoted sentences that best answer the question, each cited; comparisons side by
  side; lists for aggregate questions; metadata answers from the paper records.

Both refuse with `CANNOT_ANSWER` when the papers do not hold the answer. Follow-up questions
are rewritten into standalone ones first (by the LLM, or by carrying the previous subject).

Out of scope: formatting for a terminal or a page (cli.py, ui.py do that).
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field

from .corpus import Paper
from .errors import AssistantError, LLMError
from .retrieval import Hit, Plan, Retrieval, Retriever, content_words, coverage
from .settings import Settings

CANNOT_ANSWER = "I cannot answer this from the papers in the collection."
CITATION_EXAMPLE = "[1] or [2][3]"
MAX_QUESTION_CHARS = 4000
MARKER = re.compile(r"\[(\d+(?:\s*[,;]\s*\d+)*)\]")
# Below this the best paper is judged unrelated to the question (see _relevance).
RELEVANCE_FLOOR = 0.3


@dataclass
class Citation:
    marker: int
    paper_id: str
    title: str


@dataclass
class Source:
    marker: int
    paper_id: str
    title: str
    authors: str
    date: str
    venue: str
    passage: str
    pages: list[str] = field(default_factory=list)


@dataclass
class Answer:
    text: str
    citations: list[Citation]
    sources: list[Source]
    mode: str
    standalone_question: str
    refused: bool = False
    incomplete: bool = False
    invalid_markers: list[str] = field(default_factory=list)
    retrieved: list[str] = field(default_factory=list)  # titles, ranked, as in the context
    timings: dict[str, float] = field(default_factory=dict)
    notice: str = ""  # a failure the user should see next to the answer

    def to_json(self) -> dict:
        return {
            "answer": self.text,
            "mode": self.mode,
            "standalone_question": self.standalone_question,
            "citations": [asdict(c) for c in self.citations],
            "sources": [
                {k: v for k, v in asdict(s).items() if k in ("marker", "paper_id", "title", "authors", "date", "venue", "passage", "pages")}
                for s in self.sources
            ],
            "refused": self.refused,
            "incomplete": self.incomplete,
            "invalid_markers": self.invalid_markers,
            "retrieved": self.retrieved,
            "timings": self.timings,
            "notice": self.notice,
        }


@dataclass
class Turn:
    question: str
    answer: Answer | None = None
    error: str = ""  # what went wrong instead of an answer (shown, never used as context)


@dataclass
class Delta:
    """A piece of streamed answer text."""

    text: str


def normalise_markers(text: str) -> str:
    """The ways models write citations -> '[1][2]': '[1-3]', '[ 1 ]', '[1, 2, and 3]',
    '[Source 1]', '[^1]', '【1】'."""
    text = re.sub(r"【\s*(\d+)\s*】", r"[\1]", text)

    def one(m: re.Match) -> str:
        inner = re.sub(r"(?i)\b(sources?|refs?\.?|and)\b|\^", " ", m.group(1))
        nums: list[int] = []
        for part in re.split(r"\s*[,;]\s*|\s+", inner.strip()):
            rng = re.fullmatch(r"(\d+)\s*[-–]\s*(\d+)", part)
            if rng and int(rng.group(2)) - int(rng.group(1)) < 20:
                nums += range(int(rng.group(1)), int(rng.group(2)) + 1)
            elif part.isdigit():
                nums.append(int(part))
            elif part:
                return m.group()
        return "".join(f"[{n}]" for n in nums) if nums else m.group()

    return re.sub(r"\[((?:\s*(?:(?i:sources?|refs?\.?)\s*)?\^?\d+(?:\s*[-–]\s*\d+)?\s*(?:,|;|,?\s*and)?)+\s*)\]", one, text)


def check_question(question: str) -> str:
    if question is None or not question.strip():
        raise AssistantError("the question is empty: type a question about the papers.")
    controls = sum(1 for ch in question if unicodedata.category(ch)[0] == "C" and ch not in "\n\r\t")
    if controls > max(2, len(question) // 10):
        raise AssistantError("the question looks like binary data, not text: type or paste the question itself.")
    cleaned = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", " ", question).strip()
    if len(cleaned) > MAX_QUESTION_CHARS:
        raise AssistantError(
            f"the question is {len(cleaned):,} characters long; the limit is {MAX_QUESTION_CHARS:,}. "
            "Shorten it to the question itself."
        )
    if not re.search(r"[^\W\d_]{2,}", cleaned):
        raise AssistantError("the question has no words in it: type a question about the papers.")
    return re.sub(r"\s+", " ", cleaned)


# ---- sentences ---------------------------------------------------------------------------
_ABBREV = re.compile(r"(?:\b(?:e\.g|i\.e|vs|et al|Fig|Figs|Eq|Sec|approx|cf|resp|Inc|Ltd|No|etc)\.|\b[A-Z]\.)$")


def defuse_markers(text: str) -> str:
    """'[3]' inside an abstract is the paper's own reference, not one of our citations."""
    return MARKER.sub(lambda m: f"(ref. {m.group(1)})", text)


def sentences(text: str) -> list[str]:
    """Abstract -> sentences; abbreviations ("e.g.", "vs.", "et al.") do not end one."""
    text = defuse_markers(text)
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9\"“(\[$]|[a-z]+-?[A-Z])", text.strip())
    out: list[str] = []
    for part in parts:
        if out and _ABBREV.search(out[-1]):
            out[-1] += " " + part
        else:
            out.append(part)
    return [s.strip() for s in out if len(s.strip()) > 2]


_QUANT_Q = re.compile(r"\b(how (much|many|fast|large|big|well)|speed-?up|accuracy|faster|reduc|improv|percent|%|times|memory|energy|latency|throughput|results?|performance)\w*", re.I)
_PROBLEM = re.compile(r"\b(challeng|bottleneck|limit|suffer|however|difficult|costly|expensive|hinder|struggl|problem|issue|pressure|demand)", re.I)
_APPROACH = re.compile(r"\b(we (propose|present|introduce|develop|design|build|formali[sz]e)|this (paper|work) (presents|proposes|introduces)|in this (paper|work)|dubbed|called|named)\b", re.I)
_RESULT = re.compile(r"(\d+(\.\d+)?\s*(x|×|%|times)|\$\d|\bspeedup\b|\boutperform|\bachiev|\breduc|\bimprov)", re.I)
_NUMBER = re.compile(r"\d+(?:\.\d+)?\s*(?:x\b|×|\\?%|times\b|\\times|[GMT]B\b|B\b|billion\b|pp\b)", re.I)


def short_name(p: Paper) -> str:
    if p.title_listed and ":" in p.title:
        prefix = p.title.split(":", 1)[0].strip()
        if len(prefix.split()) <= 3:
            return prefix
    return p.title


def _cell(text: str, limit: int = 260) -> str:
    text = text.replace("|", "\\|").replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"


def _authors_text(p: Paper) -> str:
    if p.authors:
        return ", ".join(p.authors) + (" et al." if p.authors_truncated else "")
    return ""


class _Cites:
    """Assigns markers [1], [2], ... to papers in the order the answer first cites them."""

    def __init__(self):
        self.order: list[Paper] = []
        self.passages: dict[str, list[str]] = {}

    def __call__(self, p: Paper, passage: str | None = None) -> str:
        if p.id not in self.passages:
            self.order.append(p)
            self.passages[p.id] = []
        for sent in sentences(passage or ""):
            if sent not in self.passages[p.id]:
                self.passages[p.id].append(sent)
        return f"[{self.order.index(p) + 1}]"


class Assistant:
    """Retriever + (optional) LLM client; build once per process or UI session settings."""

    def __init__(self, settings: Settings, retriever: Retriever | None = None):
        self.settings = settings
        self.retriever = retriever or Retriever(settings)
        self._llm = None
        self._sentence_vecs: dict[str, list] = {}

    @property
    def mode(self) -> str:
        return f"llm:{self.settings.model}" if self.settings.llm_configured else "extractive"

    @property
    def llm(self):
        if self._llm is None:
            from .llm import LLMClient

            self._llm = LLMClient(self.settings)
        return self._llm

    def with_settings(self, settings: Settings) -> "Assistant":
        """Same index, other endpoint settings (a UI session's own)."""
        other = Assistant.__new__(Assistant)
        other.settings, other.retriever, other._llm, other._sentence_vecs = settings, self.retriever, None, self._sentence_vecs
        return other

    # ---- the answering function -------------------------------------------------------------
    def ask(self, question: str, history: list[Turn] | None = None, k: int | None = None) -> Answer:
        answer = None
        for event in self.stream(question, history, k):
            if isinstance(event, Answer):
                answer = event
        return answer

    def stream(self, question: str, history: list[Turn] | None = None, k: int | None = None) -> Iterator[Delta | Answer]:
        t0 = time.perf_counter()
        question = check_question(question)
        standalone = self.standalone(question, history or [])
        t1 = time.perf_counter()
        retrieval = self.retriever.run(standalone, k or self.settings.top_k)
        t2 = time.perf_counter()
        if self.settings.llm_configured:
            answer = yield from self._llm_answer(standalone, retrieval)
        else:
            answer = self._extractive(standalone, retrieval)
            yield Delta(answer.text)
        t3 = time.perf_counter()
        answer.standalone_question = standalone
        answer.retrieved = [h.paper.title for h in retrieval.hits]
        answer.timings = {"rewrite": t1 - t0, "retrieval": t2 - t1, "generation": t3 - t2, "total": t3 - t0}
        yield answer

    # ---- follow-ups -------------------------------------------------------------------------
    _FOLLOW_STRONG = re.compile(r"\b(it|its|they|them|their|both|the former|the latter)\b", re.I)
    _FOLLOW = re.compile(r"\b(it|its|it's|they|them|their|this|that|these|those|the (paper|method|system|approach|work|model|framework)|both|the former|the latter|the first|the second|he|she)\b", re.I)

    def standalone(self, question: str, history: list[Turn]) -> str:
        previous = [t for t in history if t.answer is not None]
        if not previous:
            return question
        plan = self.retriever.plan(question)
        refers_back = bool(self._FOLLOW_STRONG.search(question))  # "them", "both", "it": earlier subjects
        if (plan.names or plan.authors) and not refers_back:
            return question  # it names its own subject
        if not (self._FOLLOW.search(question) or len(content_words(question)) <= 3):
            return question
        if self.settings.llm_configured:
            try:
                return self._llm_condense(question, previous)
            except LLMError:
                pass  # the answer itself will report the endpoint's failure
        return self._carry_subject(question, previous)

    def _subject(self, turn: Turn) -> list[str]:
        plan = self.retriever.plan(turn.answer.standalone_question or turn.question)
        return list(plan.names) or list(plan.authors)

    def _carry_subject(self, question: str, previous: list[Turn]) -> str:
        last = previous[-1]
        names = self._subject(last)
        # "both", "them": one subject per turn is not enough; gather the last two turns'.
        if re.search(r"\b(both|them|they|their)\b", question, re.I) and len(names) < 2 and len(previous) > 1:
            names = list(dict.fromkeys(self._subject(previous[-2]) + names))
        own = set(self.retriever.plan(question).names)
        names = [n for n in names if n not in own]
        if names:
            subject = " and ".join(names)
        elif last.answer.sources:
            subject = short_name(self.retriever.papers[last.answer.sources[0].paper_id]) if last.answer.sources[0].paper_id in self.retriever.papers else last.answer.sources[0].title
        else:
            return question
        subs = [
            (r"\b(its|their)\b", f"{subject}'s"),
            (r"\bthe (paper|method|system|approach|work|model|framework)s?\b", subject),
            (r"\b(it|they|them|this|that|these|those|both)\b", subject),
        ]
        for pattern, repl in subs:
            new, n = re.subn(pattern, repl, question, count=1, flags=re.I)
            if n:
                return new
        return f"{question.rstrip('?')} ({subject})?"

    def _llm_condense(self, question: str, previous: list[Turn]) -> str:
        from .prompts import render

        lines = []
        for t in previous[-3:]:
            lines.append(f"User: {t.question}")
            lines.append(f"Assistant: {re.sub(MARKER, '', t.answer.text)[:600]}")
        prompt = render("condense", history="\n".join(lines), question=question)
        out = self.llm.complete([{"role": "user", "content": prompt}], max_tokens=120)
        out = out.strip().strip('"').splitlines()[0].strip() if out.strip() else ""
        return out if 3 <= len(out) <= MAX_QUESTION_CHARS else question

    # ---- LLM mode -----------------------------------------------------------------------------
    def _llm_answer(self, question: str, retrieval: Retrieval):
        from .prompts import render

        hits = retrieval.hits
        plan = retrieval.plan
        if not hits:
            yield Delta(CANNOT_ANSWER)
            return self._finish(CANNOT_ANSWER, [], plan, refused=True)
        context = "\n\n".join(self._context_entry(i, h) for i, h in enumerate(hits, 1))
        notes = []
        if plan.kind == "comparative" and retrieval.groups:
            parts = [f"{name} = " + ", ".join(f"[{self._pos(hits, h)}]" for h in group) for name, group in retrieval.groups.items()]
            notes.append("The question compares: " + "; ".join(parts) + ". Cover each of them.")
        if plan.missing:
            notes.append("Not in the collection (say so in the answer): " + ", ".join(plan.missing) + ".")
        system = render("system", cannot_answer=CANNOT_ANSWER, citation_example=CITATION_EXAMPLE)
        user = render("answer", context=context, notes="\n".join(notes), question=question)
        messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]
        from .llm import StreamCut

        pieces: list[str] = []
        incomplete, notice = False, ""
        try:
            for piece in self.llm.stream(messages):
                pieces.append(piece)
                yield Delta(piece)
        except StreamCut as e:
            incomplete, notice = True, str(e)
        text = "".join(pieces).strip()
        return self._finish(text, hits, plan, incomplete=incomplete, notice=notice)

    @staticmethod
    def _pos(hits: list[Hit], hit: Hit) -> int:
        return next(i for i, h in enumerate(hits, 1) if h.paper.id == hit.paper.id)

    @staticmethod
    def _context_entry(n: int, h: Hit) -> str:
        p = h.paper
        meta = [f"Authors: {_authors_text(p) or 'not listed'}" + (f" ({p.author_count} authors)" if p.author_count else "")]
        meta.append(f"Date: {p.date or 'not listed'}")
        if p.venue:
            meta.append(f"Venue: {p.venue}")
        if p.affiliation:
            meta.append(f"Affiliation: {p.affiliation}")
        if p.profiles:
            meta.append("Listed on the profile of: " + ", ".join(p.profiles))
        return f"[{n}] Title: {p.title}\n" + " | ".join(meta) + f"\nAbstract: {defuse_markers(p.abstract)}"

    def _finish(self, text: str, hits: list[Hit], plan: Plan, incomplete=False, notice="") -> Answer:
        """Parse the model's markers; keep those that point at a source, drop the rest."""
        invalid: list[str] = []
        cited: list[int] = []

        def fix(m: re.Match) -> str:
            good = []
            for num in re.split(r"\s*[,;]\s*", m.group(1)):
                n = int(num)
                if 1 <= n <= len(hits):
                    good.append(n)
                    if n not in cited:
                        cited.append(n)
                else:
                    invalid.append(f"[{n}]")
            return "".join(f"[{n}]" for n in good)

        text = MARKER.sub(fix, normalise_markers(text))
        # Anything still shaped like a citation ("[7a]", "[Source x]") points at no source.
        for m in re.finditer(r"\[(?:source\s*)?[^\]\s]{0,12}\d[^\]]{0,12}\]", text, re.I):
            if not MARKER.fullmatch(m.group()):
                invalid.append(m.group())
        text = re.sub(r"\[(?:source\s*)?[^\]\s]{0,12}\d[^\]]{0,12}\]", lambda m: m.group() if MARKER.fullmatch(m.group()) else "", text, flags=re.I)
        text = re.sub(r"[ \t]+([.,;:])", r"\1", text).strip()
        # A refusal is the sentinel alone; a text that also answers keeps its citations.
        bare = re.sub(r"\s+", " ", MARKER.sub("", text)).strip().lower()
        refused = bare == CANNOT_ANSWER.lower() or (CANNOT_ANSWER.lower() in bare and not cited)
        if refused:
            cited = []
        if incomplete:
            text += "\n\n*(answer incomplete: the connection to the model broke off)*"
        citations = [Citation(n, hits[n - 1].paper.id, hits[n - 1].paper.title) for n in cited]
        sources = [self._source(n, hits[n - 1].paper, hits[n - 1].passages[:1] or [hits[n - 1].paper.abstract]) for n in sorted(cited)]
        if invalid and not notice:
            notice = f"removed citation markers that match no source: {', '.join(dict.fromkeys(invalid))}"
        return Answer(text=text or CANNOT_ANSWER, citations=citations, sources=sources, mode=self.mode,
                      standalone_question=plan.question, refused=refused or not text, incomplete=incomplete,
                      invalid_markers=invalid, notice=notice)

    @staticmethod
    def _source(marker: int, p: Paper, passages: list[str]) -> Source:
        return Source(marker=marker, paper_id=p.id, title=p.title, authors=_authors_text(p), date=p.date or "",
                      venue=p.venue or "", passage=" … ".join(passages), pages=list(p.sources))

    # ---- extractive mode ----------------------------------------------------------------------
    def _extractive(self, question: str, retrieval: Retrieval) -> Answer:
        plan, hits = retrieval.plan, retrieval.hits
        cite = _Cites()
        if plan.kind == "metadata":
            text = self._meta_answer(plan, hits, cite)
        elif plan.kind == "comparative":
            text = self._compare_answer(plan, retrieval, cite)
        elif plan.kind == "aggregate" or plan.meta_field == "count":
            text = self._list_answer(plan, retrieval, cite)
        else:
            text = self._fact_answer(plan, hits, cite)
        if plan.missing and plan.kind != "comparative":
            # The question is about something the collection does not have: say so, and
            # do not pass off neighbouring papers as the answer.
            note = f"{' and '.join(plan.missing)} {'is' if len(plan.missing) == 1 else 'are'} not in the collection."
            if plan.kind == "factoid" or (not plan.names and not plan.authors):
                return Answer(text=f"{note} {CANNOT_ANSWER}", citations=[], sources=[], mode=self.mode,
                              standalone_question=question, refused=True)
            text = f"{note}\n\n{text}" if text else f"{note} {CANNOT_ANSWER}"
        if not text:
            return Answer(text=CANNOT_ANSWER, citations=[], sources=[], mode=self.mode,
                          standalone_question=question, refused=True)
        citations = [Citation(i, p.id, p.title) for i, p in enumerate(cite.order, 1)]
        sources = [self._source(i, p, cite.passages[p.id] or [p.abstract[:400]]) for i, p in enumerate(cite.order, 1)]
        return Answer(text=text, citations=citations, sources=sources, mode=self.mode,
                      standalone_question=question, refused=CANNOT_ANSWER in text)

    def _sentence_scores(self, question: str, terms: list[str], p: Paper, plan_names=()) -> list[tuple[float, str]]:
        """Each abstract sentence scored against the question: meaning and shared words."""
        import numpy as np

        sents = sentences(p.abstract) or [p.title]
        vecs = self._sentence_vecs.get(p.id)
        if vecs is None:
            vecs = self._sentence_vecs[p.id] = np.array(self.retriever.embed_model.get_text_embedding_batch(sents))
        q = np.array(self.retriever.embed_model.get_query_embedding(question))
        cos = vecs @ q
        quant = bool(_QUANT_Q.search(question))
        scored = []
        names = [n for n in plan_names if n.lower() in p.title.lower() + " " + p.abstract.lower()]
        defining = bool(re.match(r"\s*(what|which) (is|are)\b", question, re.I)) or not terms
        for s, c in zip(sents, cos):
            lex = coverage(terms, s) if terms else 0.0
            bonus = 0.12 if quant and _NUMBER.search(s) else 0.0
            # "What is X?": the sentence that introduces X is the answer.
            if defining and _APPROACH.search(s) and any(n.lower() in s.lower() for n in names):
                bonus += 0.25
            scored.append((0.6 * float(c) + 0.4 * lex + bonus, s))
        return scored

    def _relevance(self, plan: Plan, h: Hit) -> float:
        """How well a paper matches the question: meaning (dense) and shared words."""
        if h.reason.startswith(("named", "author")):
            return 1.0
        cov = coverage(plan.topic_terms, f"{h.paper.title} {h.paper.abstract}") if plan.topic_terms else 0.0
        return 0.5 * max(h.dense, 0.0) + 0.5 * cov

    def _best(self, question: str, plan: Plan, p: Paper, n: int = 2) -> list[str]:
        scored = self._sentence_scores(question, plan.topic_terms, p, list(plan.names))
        top = sorted(scored, key=lambda x: -x[0])[:n]
        # The best sentence always; a second only if it is nearly as good (scores can be < 0).
        keep = {top[0][1]} | {s for sc, s in top[1:] if sc >= top[0][0] - 0.15 * abs(top[0][0])}
        return [s for _, s in scored if s in keep]  # in the abstract's order

    def _fact_answer(self, plan: Plan, hits: list[Hit], cite: _Cites) -> str:
        # Retrieval order decides (it weighs exact names and numbers); relevance only gates.
        candidates = hits[:5]
        if any(h.reason.startswith("named") for h in candidates):
            # The question names its paper: neighbours are not part of the answer.
            candidates = [h for h in candidates if h.reason.startswith("named")]
        ranked = [(rel, h) for h in candidates if (rel := self._relevance(plan, h)) >= RELEVANCE_FLOOR]
        if not ranked:
            return ""
        top_rel = ranked[0][0]
        parts = []
        for rel, h in ranked[:3]:
            if parts and rel < max(RELEVANCE_FLOOR, 0.8 * top_rel):
                break
            sents = self._best(plan.question, plan, h.paper, 2 if not parts else 1)
            marker = cite(h.paper, " ".join(sents))
            quoted = " ".join(f"“{s}” {marker}" for s in sents)
            lead = "" if not parts else "Also relevant: "
            parts.append(f"{lead}**{short_name(h.paper)}** ({h.paper.title}) {marker}: {quoted}" if short_name(h.paper) != h.paper.title
                         else f"{lead}**{h.paper.title}** {marker}: {quoted}")
        return "\n\n".join(parts)

    def _compare_answer(self, plan: Plan, retrieval: Retrieval, cite: _Cites) -> str:
        columns: list[tuple[str, Paper]] = []
        for name, group in retrieval.groups.items():
            for h in group:
                label = name if len(group) == 1 else f"{short_name(h.paper)} ({h.paper.date or h.paper.sources[0]})"
                if all(p.id != h.paper.id for _, p in columns):
                    columns.append((label, h.paper))
        lines = []
        if columns:
            marks = [cite(p) for _, p in columns]
            head = " and ".join(f"**{label}** {m}" for (label, _), m in zip(columns, marks))
            lines.append(f"Comparing {head}:")
            lines.append("")
            lines.append("| | " + " | ".join(f"{label} {m}" for (label, _), m in zip(columns, marks)) + " |")
            lines.append("|---" * (len(columns) + 1) + "|")
            for row, pattern in (("Problem", _PROBLEM), ("Approach", _APPROACH), ("Results", _RESULT)):
                cells = []
                for (_, p), m in zip(columns, marks):
                    sents = sentences(p.abstract)
                    pick = [s for s in sents if pattern.search(s)]
                    if row == "Results" and pick:
                        pick = sorted(pick, key=lambda s: -len(_NUMBER.findall(s)))
                    chosen = pick[0] if pick else ""
                    if chosen:
                        cite(p, chosen)
                    cells.append(_cell(chosen) if chosen else "—")
                lines.append(f"| {row} | " + " | ".join(cells) + " |")
            lines.append("")
            aspect = plan.topic_terms
            for (label, p), m in zip(columns, marks):
                sents = self._best(plan.question, plan, p, 2 if aspect else 1)
                cite(p, " ".join(sents))
                lines.append(f"**{label}** {m}: " + " ".join(f"“{s}” {m}" for s in sents))
                lines.append("")
        if plan.missing:
            missing = " and ".join(plan.missing)
            lines.append(f"**{missing}** {'is' if len(plan.missing) == 1 else 'are'} not in the collection, so "
                         f"{'it' if len(plan.missing) == 1 else 'they'} cannot be compared from these papers.")
        return "\n".join(lines).strip()

    def _list_answer(self, plan: Plan, retrieval: Retrieval, cite: _Cites) -> str:
        hits = retrieval.hits
        if plan.meta_field == "count" and not plan.topic_terms and not plan.authors and not plan.year:
            n = len(self.retriever.papers)
            pages = sorted({s for p in self.retriever.papers.values() for s in p.sources})
            return f"The collection holds **{n} papers**, parsed from {len(pages)} pages."
        if plan.topic_terms and not (plan.authors or plan.venues):
            hits = [h for h in hits if self._relevance(plan, h) >= RELEVANCE_FLOOR or self.retriever._matches(h, plan)]
        if not hits and (plan.authors or plan.venues):
            topic = f" about “{' '.join(plan.topic_terms)}”" if plan.topic_terms else ""
            who = f" by {' and '.join(plan.authors)}" if plan.authors else ""
            where = f" from {' and '.join(plan.venues)}" if plan.venues else ""
            return f"No paper in the collection{who}{where}{topic}."
        if not hits:
            return ""
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
        lines = [f"**{len(hits)} paper{'s' if len(hits) != 1 else ''}** in the collection {' '.join(what) or 'match'}:", ""]
        for i, h in enumerate(hits, 1):
            p = h.paper
            sent = self._best(plan.question, plan, p, 1)[0] if plan.topic_terms else ""
            marker = cite(p, sent or None)
            when = ", ".join(x for x in (p.venue, p.date) if x)
            when = f" ({when})" if when else ""
            label = self.retriever.label(p)
            name = f"**{label}**: {p.title}" if label and not p.title.startswith(label) else f"**{p.title}**"
            lines.append(f"{i}. {name}{when} {marker}" + (f" — “{_cell(sent, 300)}”" if sent else ""))
        if plan.authors:
            owners = {o for h in hits for o in h.paper.profiles if o.lower() in {a.lower() for a in plan.authors}}
            if owners:
                lines += ["", f"(Papers listed on the profile page of {', '.join(sorted(owners))} count as theirs.)"]
        return "\n".join(lines)

    def _meta_answer(self, plan: Plan, hits: list[Hit], cite: _Cites) -> str:
        """Answers from the paper records: venue, authors, date; oldest, newest, on several pages."""
        if plan.meta_field in ("oldest", "newest", "multi_page"):
            return self._record_answer(plan, hits, cite)
        named = [h for h in hits if h.reason.startswith("named")]
        if not named:
            # The question describes its paper instead of naming it: take the best match.
            named = [h for h in hits[:1] if self._relevance(plan, h) >= RELEVANCE_FLOOR]
        lines = []
        for h in named:
            p = h.paper
            facts, passage = [], []
            for f in plan.meta_fields or ["authors"]:
                fact, line = self._record_fact(p, f)
                facts.append(fact)
                passage.append(line)
            lines.append(f"**{p.title}** {cite(p, '. '.join(passage) + '.')} " + "; it ".join(facts) + ".")
        if "authors" in plan.meta_fields and len(named) >= 2:
            common = set(named[0].paper.authors + named[0].paper.profiles)
            for h in named[1:]:
                common &= set(h.paper.authors + h.paper.profiles)
            if common:
                lines.insert(0, f"Listed on all of them: **{', '.join(sorted(common))}**.")
            else:
                lines.insert(0, "No author is listed on all of them (the pages may truncate author lists).")
        return "\n\n".join(lines)

    @staticmethod
    def _record_fact(p: Paper, field_name: str) -> tuple[str, str]:
        if field_name == "venue":
            if p.venue:
                return f"appeared in **{p.venue}**" + (f" ({p.year})" if p.year else ""), f"Venue: {p.venue}"
            return "is listed without a venue" + (f" (its page gives only a date, {p.date})" if p.date else ""), "Venue: not listed"
        if field_name == "date":
            return (f"is dated **{p.date}**" if p.date else "has no date on its page"), f"Date: {p.date or 'not listed'}"
        if p.authors:
            fact = f"is by {_authors_text(p)}" + (" (the page lists only the first authors)" if p.authors_truncated else "")
        elif p.author_count:
            fact = f"has {p.author_count} authors, whose names the page does not list"
        else:
            fact = "has no authors listed on its page"
        if p.profiles:
            fact += f", and is listed on the profile page of {', '.join(p.profiles)}"
        count = f" ({p.author_count} authors)" if p.author_count else ""
        return fact, f"Authors: {_authors_text(p) or 'not listed'}{count}"

    def _record_answer(self, plan: Plan, hits: list[Hit], cite: _Cites) -> str:
        papers = [h.paper for h in hits if h.reason == "record"]
        if not papers:
            return ""
        if plan.meta_field == "multi_page":
            lines = [f"**{len(papers)} papers** are listed on more than one page:", ""]
            for p in papers:
                lines.append(f"- **{p.title}** {cite(p, 'Pages: ' + ', '.join(p.sources))} — on {', '.join(p.sources)}")
            return "\n".join(lines)
        word = "oldest" if plan.meta_field == "oldest" else "newest"
        first, rest = papers[0], papers[1:]
        undated = sum(1 for p in self.retriever.papers.values() if not (p.date and re.match(r"\d{4}", p.date)))
        scope = f"by {' and '.join(plan.authors)}" if plan.authors else "in the collection"
        lines = [f"The {word} paper {scope} is **{first.title}**, dated {first.date} {cite(first, 'Date: ' + first.date)}."]
        if rest:
            lines.append("Next: " + "; ".join(f"*{p.title}* ({p.date}) {cite(p, 'Date: ' + p.date)}" for p in rest) + ".")
        if undated:
            lines.append(f"({undated} entries give no year and are left out.)")
        return "\n\n".join(lines)


def answer(question: str, history: list[Turn] | None = None, settings: Settings | None = None) -> Answer:
    """Convenience: one question, default settings."""
    return Assistant(settings or Settings()).ask(question, history)
