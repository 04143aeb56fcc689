"""The one answering function the CLI, the UI and the eval runner share:
`Assistant.stream()` (events as they come) and `Assistant.ask()` (the final `Answer`).

question (+ history) -> conversation -> standalone question -> planner (once) -> retrieval
-> evidence -> composer (extractive, or LLM when an endpoint is configured) -> `Answer`.
With an endpoint, the model writes only the kinds in `Settings.llm_kinds`, and only when the
extractive reading does not already find the asked thing absent (then its refusal stands).

Out of scope: formatting for a terminal or a page (cli.py, ui.py).
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Iterator

from ..embeddings import one_question
from ..errors import AssistantError
from ..models import CANNOT_ANSWER, Answer, Citation, Delta, Status, Turn, short_name
from ..retrieval import Retriever
from ..settings import Settings
from .conversation import Conversation
from .evidence import EvidenceSelector
from .extractive import ExtractiveComposer
from .llm_composer import stream_answer

MAX_QUESTION_CHARS = 4000


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
    # A list typed on lines of its own ("- A: what ...?\n- B: what ...?") keeps its items apart:
    # after a line that ends a sentence an item starts one, else it is one of a list.
    cleaned = re.sub(r"(?<=[.?!:;])\s*\n\s*(?:[-*•]|\d+[.)])\s+", " ", cleaned)
    cleaned = re.sub(r"\s*\n\s*(?:[-*•]|\d+[.)])\s+", ", ", cleaned)
    return re.sub(r"\s+", " ", cleaned)


class Assistant:
    """Retriever + evidence + composers (+ an LLM client when configured); build once per
    process, or per UI session settings with `with_settings`."""

    def __init__(self, settings: Settings, retriever: Retriever | None = None, evidence: EvidenceSelector | None = None):
        self.settings = settings
        self.retriever = retriever or Retriever(settings)
        self.evidence = evidence or EvidenceSelector(self.retriever.embed_model, settings)
        self._llm = None

    @property
    def mode(self) -> str:
        return f"llm:{self.settings.model}" if self.settings.llm_configured else "extractive"

    @property
    def llm(self):
        if self._llm is None:
            from ..llm import LLMClient

            self._llm = LLMClient(self.settings)
        return self._llm

    def with_settings(self, settings: Settings) -> "Assistant":
        """Same index and evidence cache, other endpoint settings (a UI session's own)."""
        return Assistant(settings, self.retriever, self.evidence)

    def ask(self, question: str, history: list[Turn] | None = None, k: int | None = None) -> Answer:
        answer = None
        for event in self.stream(question, history, k):
            if isinstance(event, Answer):
                answer = event
        return answer

    def stream(self, question: str, history: list[Turn] | None = None, k: int | None = None) -> Iterator[Delta | Answer]:
        # One question's query vectors for all its steps: the rewrite, the planner, the searches
        # and the evidence ask for the same texts. Set around each step, since the UI resumes
        # a stream in whichever worker thread is free.
        vectors: dict = {}
        events = self._stream(question, history, k)
        try:
            while True:
                with one_question(vectors):
                    event = next(events, None)
                if event is None:
                    return
                yield event
        finally:
            events.close()

    def _stream(self, question: str, history: list[Turn] | None, k: int | None) -> Iterator[Delta | Answer]:
        t0 = time.perf_counter()
        question = check_question(question)
        yield Status("searching…")
        conversation = Conversation(self.retriever, lambda: self.llm, self.settings.llm_configured)
        standalone = conversation.standalone(question, history or [])
        t1 = time.perf_counter()
        plan = self.retriever.plan(standalone)
        retrieval = self.retriever.run(standalone, k or self.settings.top_k, plan)
        t2 = time.perf_counter()
        first: list[float] = []
        own = None
        if self.settings.model_writes(plan.kind.value):
            # The pipeline's own reading first (milliseconds; its evidence is the prompt's):
            # when it finds the asked thing absent, that refusal stands and the model, which
            # tends to answer a near-miss with a neighbouring fact, is not asked.
            own = self._extractive(standalone, retrieval)
        if own is not None and not own.refused:
            yield Status(f"reading {len(retrieval.hits)} papers… waiting for the model (first token)…")
            answer = yield from _timed_first(first, stream_answer(
                self.llm, standalone, retrieval, self.mode, self.evidence, self.settings, fallback=lambda: own))
        elif own is not None:
            answer = own
            answer.mode = f"extractive (the papers do not state it; {self.mode} not asked)"
            first.append(time.perf_counter())
            yield Delta(answer.text)
        else:
            answer = self._extractive(standalone, retrieval)
            if self.settings.llm_configured:
                # A list of papers or a record field is data: exact from the tables, instantly.
                answer.mode = f"extractive ({plan.kind.value}: from the paper table, {self.mode} not asked)"
            first.append(time.perf_counter())
            yield Delta(answer.text)
        if not answer.refused and (note := self._unsure(plan, answer)):
            answer.text = f"{answer.text}\n\n{note}"
            yield Delta(f"\n\n{note}")
        t3 = time.perf_counter()
        answer.standalone_question = standalone
        answer.retrieved = [h.paper.title for h in retrieval.hits]
        answer.about = list(dict.fromkeys(h.paper.title for g in retrieval.groups.values() for h in g))
        answer.timings = {"rewrite": t1 - t0, "retrieval": t2 - t1, "generation": t3 - t2, "total": t3 - t0,
                          "first_token": (first[0] if first else t3) - t0}
        yield answer

    def _unsure(self, plan, answer: Answer) -> str:
        """A described paper taken on a thin margin ("the FooChip paper", which several papers
        could be): the paper it was read as, and the others it may mean, so the asker can name one."""
        marks = {c.paper_id: f" [{c.marker}]" for c in answer.citations}
        papers = self.retriever.papers
        lines = [f"“{t.phrase}” is read as **{short_name(papers[t.paper_ids[0]])}**{marks.get(t.paper_ids[0], '')}, the closest match to "
                 f"what is asked; it may also mean {' or '.join(f'*{papers[r].title}*' for r in t.rivals)}. Name the paper to be sure."
                 for t in plan.targets if t.by == "description" and t.paper_ids and t.rivals
                 and t.confidence < self.settings.describe_min_margin]
        return "\n".join(lines)

    def _extractive(self, question: str, retrieval) -> Answer:
        plan = retrieval.plan
        composer = ExtractiveComposer(self.retriever, self.evidence, self.settings)
        missing = plan.missing

        def refusal(text: str) -> Answer:
            return Answer(text=text, citations=[], sources=[], mode=self.mode, standalone_question=question,
                          refused=True, kind=plan.kind.value)

        out = composer.compose(plan, retrieval)
        text = out.text
        if missing and plan.kind.value != "comparative":
            # About something the collection does not have: say so; never pass off
            # neighbouring papers as the answer.
            note = f"{' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} not in the collection."
            note = note[:1].upper() + note[1:]  # ("a paper on X is not ...": a description opens the sentence)
            if plan.kind.value == "factoid" or (not plan.names and not plan.authors):
                return refusal(f"{note} {CANNOT_ANSWER}")
            text = f"{note}\n\n{text}" if text else f"{note} {CANNOT_ANSWER}"
        if not text:
            return refusal(CANNOT_ANSWER)
        cite = out.cite
        citations = [Citation(i, p.id, p.title) for i, p in enumerate(cite.order, 1)]
        return Answer(text=text, citations=citations, sources=cite.sources(), mode=self.mode,
                      standalone_question=question, refused=CANNOT_ANSWER in text,
                      refused_parts=out.refused_parts, kind=plan.kind.value)


def _timed_first(first: list[float], events):
    """Passes `events` through; notes when the first piece of answer text arrived (what a
    reader waits for) in `first`; returns what `events` returns."""
    while True:
        try:
            event = next(events)
        except StopIteration as stop:
            return stop.value
        if not first and isinstance(event, Delta) and event.text.strip():
            first.append(time.perf_counter())
        yield event


def answer(question: str, history: list[Turn] | None = None, settings: Settings | None = None) -> Answer:
    """Convenience: one question, default settings."""
    return Assistant(settings or Settings()).ask(question, history)
