"""What one question costs: each distinct text is embedded at most once per question (counted
on the real embedding model), never remembered across questions, and scopes in concurrent
threads stay apart."""

from __future__ import annotations

import threading
from collections import Counter

import pytest

from assistant.answer.service import Assistant
from assistant.embeddings import LocalMiniLM, one_question
from assistant.models import Turn

# Questions whose planner, searches and evidence asked for the same texts several times
# (descriptions resolved by a search of the phrase the neighbour search repeats, facets scored
# per compared paper, a list's topic scored per listed paper).
QUESTIONS = [
    "Compare ZeRO-Infinity, Fuyou and MemAscend as ways to fine-tune very large models using CPU memory and SSDs.",
    "How does DistZO2 differ from ZO2, and how much faster is it?",
    "For the TrustZone-based on-device LLM protection system, how much is TTFT reduced and decoding sped up versus a strawman TEE baseline?",
    "Which papers are about quantization?",
]


@pytest.fixture(scope="module")
def assistant(seeded):
    return Assistant(seeded)


@pytest.fixture
def embedded(monkeypatch):
    """Every text the real model embeds, in order."""
    texts: list[str] = []
    real = LocalMiniLM.embed

    def counting(self, batch):
        texts.extend(batch)
        return real(self, batch)

    monkeypatch.setattr(LocalMiniLM, "embed", counting)
    return texts


@pytest.mark.parametrize("question", QUESTIONS)
def test_one_question_embeds_each_text_once(assistant, embedded, question):
    answer = assistant.ask(question)
    assert answer.citations
    repeated = {t: n for t, n in Counter(embedded).items() if n > 1}
    assert embedded and not repeated


def test_a_follow_up_embeds_each_text_once(assistant, embedded):
    first = assistant.ask("What does ZO2 do?")
    embedded.clear()
    assistant.ask("How much memory does it save?", history=[Turn("What does ZO2 do?", first)])
    assert embedded and not {t: n for t, n in Counter(embedded).items() if n > 1}


def test_retrieval_alone_embeds_each_text_once(assistant, embedded):
    assistant.retriever.run(QUESTIONS[0], 8)
    assert embedded and max(Counter(embedded).values()) == 1


def test_vectors_are_not_kept_across_questions(assistant, embedded):
    question = "What does the HipKittens paper provide?"
    assistant.ask(question)
    assistant.ask(question)
    assert embedded.count(question) == 2  # the second asking pays again: no cross-question cache


def test_scopes_nest_and_stay_apart_across_threads():
    model = LocalMiniLM()
    outside = []

    def question(text: str, out: list) -> None:
        with one_question() as vectors:
            model.get_query_embedding(text)
            with one_question() as inner:  # a nested stage shares its question's vectors
                assert inner is vectors
            out.append(dict(vectors))

    results: list[list] = [[], []]
    threads = [threading.Thread(target=question, args=(t, out)) for t, out in zip(("alpha", "beta"), results)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [list(r[0]) for r in results] == [["alpha"], ["beta"]]
    with one_question() as vectors:
        outside.append(vectors)
    assert outside == [{}]  # a new question starts empty


def test_a_named_paper_of_one_chunk_needs_no_dense_search(assistant, embedded):
    retriever = assistant.retriever
    pid = retriever.plan("What speedup does DistZO2 report over ZO2?").targets[0].paper_ids[0]
    assert retriever.records.n_chunks(pid) == 1  # a listing entry: its abstract is one chunk
    embedded.clear()
    quick = retriever.search("DistZO2 speedup", 1, ids=[pid], similarity=False)
    assert not embedded  # its one chunk is its dense ranking: nothing to embed or search
    full = retriever.search("DistZO2 speedup", 1, ids=[pid])
    assert embedded == ["DistZO2 speedup"]
    assert [(h.paper.id, h.passages, h.score, h.locators) for h in quick] == [(h.paper.id, h.passages, h.score, h.locators) for h in full]
    assert quick[0].dense == 0.0 < full[0].dense  # how close it is was not asked
