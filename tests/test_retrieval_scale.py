"""The retriever over the side indexes (paper table, lexical index): start-up and questions read
no corpus-wide data, name lookups follow the rules a scan of every record applies, and the
final hits' passages come from Chroma."""

from __future__ import annotations

import pytest

from assistant.index import Store
from assistant.records import Records
from assistant.retrieval import Retriever


@pytest.fixture(scope="module")
def retriever(seeded):
    return Retriever(seeded)


def _title(retriever, pid: str) -> str:
    return retriever.papers[pid].title


def test_start_and_questions_read_no_corpus_wide_data(seeded, monkeypatch):
    def scan(*_a, **_k):
        raise AssertionError("read every paper")

    for cls, name in ((Store, "papers"), (Store, "get_all"), (Records, "iter_papers")):
        monkeypatch.setattr(cls, name, scan)
    r = Retriever(seeded)
    hits = r.retrieve("What speedup does DistZO2 report over ZO2?", 5)
    assert hits[0].paper.title.startswith("DistZO2") and hits[0].passages
    described = r.retrieve("a GPU memory allocator that reduces fragmentation", 3)
    assert described[0].paper.title.startswith("Reducing GPU Memory Fragmentation")
    assert len(r.papers) == 117 and "no-such-paper" not in r.papers


def test_counts_and_oldest_answers_read_no_corpus_wide_data(seeded, monkeypatch):
    from assistant.answer.service import Assistant

    def scan(*_a, **_k):
        raise AssertionError("read every paper")

    every = list(Records.open(seeded).iter_papers())  # what a scan counts, read before scans are refused
    undated = sum(1 for p in every if not (p.date and p.date[:4].isdigit()))
    pages = len({s for p in every for s in p.sources})
    for cls, name in ((Store, "papers"), (Store, "get_all"), (Records, "iter_papers")):
        monkeypatch.setattr(cls, name, scan)
    assistant = Assistant(seeded)
    assert (len(every), pages) == (117, 5) and undated
    assert "**117 papers**, parsed from 5 pages" in assistant.ask("How many papers are in the collection?").text
    oldest = assistant.ask("What is the oldest paper in the collection?").text
    assert "Adding Gradient Noise" in oldest and f"({undated} entries give no year and are left out.)" in oldest


def test_undated_papers_are_counted_in_the_table(make_settings, tmp_path):
    from assistant.corpus import Paper

    records = Records(make_settings())
    papers = [Paper(id="a", title="A", abstract="", date="2021-03-01"), Paper(id="b", title="B", abstract="", date="Jan 29", sources=["x.txt"]),
              Paper(id="c", title="C", abstract="", sources=["x.txt", "y.txt"])]
    records._write([(p, 1) for p in papers], [], generation=1, fresh=True)
    assert records.undated() == 2 and records.undated(["a", "b"]) == 1 and records.undated([]) == 0
    assert records.pages() == 2 and records.by_date() == ["a"]


def test_names_follow_the_scan_rules(retriever):
    names = retriever.names
    zo2 = {_title(retriever, pid).split(":")[0]: v for pid, v in names.lookup("ZO2").items()}
    # The title prefix, and a paper whose abstract uses it (its title has it only inside "DistZO2").
    assert zo2 == {"ZO2": 3, "DistZO2": 1}
    # Used by three papers (one writes "OPT-175B/BLOOM", found through the word's parts): a
    # model name of the field, not one paper's name.
    assert names.lookup("OPT-175B") is None
    # Introduced by an abstract ("we propose P-GAP"); the one-letter part is not indexed.
    [pid] = names.lookup("P-GAP")
    assert _title(retriever, pid).startswith("Towards Fast LLM Fine-tuning through Zeroth-Order")
    parse = next(pid for pid in names.lookup("PARSE"))
    assert names.label(retriever.papers[parse]) == "PARSE"
    assert names.lookup("speedup") is None and names.lookup("the") is None


def test_vocabulary_venues_authors_and_measures(retriever):
    names = retriever.names
    assert names.known("per-GPU".lower()) and names.known("the")
    assert not names.known("wikitext-2")  # the corpus writes only "WikiText-103": a part is no word
    assert "neurips" in names.venues and "conference" not in names.venues
    assert list(names.authors_in("Which papers did Hongwu Peng write?")) == ["Hongwu Peng"]
    limit = retriever.settings.quantity_affinity
    assert names.quantity_affinity["speedup"] >= limit > names.quantity_affinity["kernel"]
    assert names.quantity_affinity["accuraci"] >= limit > names.quantity_affinity["memori"]
    # A word used a handful of times, two of them with a number, is no measure yet ("simulator").
    assert names.quantity_affinity["simul"] < limit <= names.quantity_affinity["perplex"]
    assert 2023 in names.years


def test_a_word_in_too_many_papers_is_vocabulary(seeded):
    r = Retriever(seeded)
    assert r.names._cap >= 117  # a small corpus is judged exactly
    r.names._cap = 1  # two papers use "ZO2": more than this cap
    assert [_title(r, pid).split(":")[0] for pid in r.names.lookup("ZO2")] == ["ZO2"]  # the title still names it


def test_lexical_only_hits_get_their_chunk_text_from_chroma(retriever, monkeypatch):
    calls = []
    retriever.searcher._nodes.clear()  # read now, not remembered from an earlier test
    collection = retriever.store.collection
    real_get = collection.get
    monkeypatch.setattr(type(retriever.searcher), "_dense", lambda *_a: [])
    monkeypatch.setattr(collection, "get", lambda *a, **k: calls.append(k) or real_get(*a, **k), raising=False)
    hits = retriever.search("3-bit quantized EPIM-ResNet50 71.59% top-1", 3)
    assert hits[0].paper.title.startswith("EPIM") and "71.59%" in hits[0].passages[0]
    assert hits[0].dense == 0.0
    assert 1 <= len(calls) <= 2  # the final hits' chunks, in one read per ranking kind


def test_records_sample_spreads_over_the_table(seeded):
    records = Records.open(seeded)
    sample = records.sample(10)
    ids = sorted(records.ids_where())
    assert len({p.id for p in sample}) == 10
    assert sorted(p.id for p in sample) != ids[:10]  # not the first ten
    assert len(records.sample(1000)) == 117
