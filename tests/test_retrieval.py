"""Retrieval on plainly worded questions over the seeds: the right paper comes first."""

from __future__ import annotations

import pytest

from assistant.retrieval import Retriever

PLAIN_QUESTIONS = [
    ("zeroth-order fine-tuning of huge language models when GPU memory is small", "ZO2:"),
    ("replacing ReLU activations to speed up private inference", "AutoReP:"),
    ("GPU memory allocator that reduces fragmentation during training", "Reducing GPU Memory Fragmentation"),
    ("running vision transformers on microcontrollers", "MCUFormer:"),
    ("kernels for AMD GPUs", "HipKittens:"),
    ("benchmark for generating kernels on several hardware platforms", "MultiKernelBench:"),
    ("protecting on-device LLMs with a trusted execution environment", "TZ-LLM:"),
    ("cold start latency in serverless computing", "Serverless Cold Starts"),
]


@pytest.fixture(scope="module")
def retriever(seeded):
    return Retriever(seeded)


@pytest.mark.parametrize("question,title", PLAIN_QUESTIONS)
def test_right_paper_first(retriever, question, title):
    hits = retriever.retrieve(question, 5)
    assert hits[0].paper.title.startswith(title), [h.paper.title for h in hits]
    assert hits[0].passages and len(hits) == 5
