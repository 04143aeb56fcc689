"""The persisted lexical index (assistant/lexical.py): tokens kept whole, BM25 ranking with
filters applied inside the search, exact-term lookup, incremental updates from ingest (delta
segment, then a merge), recovery from a missing, corrupt or interrupted index, lock-free reads."""

from __future__ import annotations

import json
import logging
import shutil
import threading

import pytest

from assistant import sync
from assistant.index import Store, ingest
from assistant.lexical import LexicalIndex
from assistant.records import Records
from assistant.tokens import tokenize

from .conftest import SEEDS

PROFILE = "000_63b382e736ceb520.txt"
PUBS = "004_a47dc055e8f78ddf.txt"


def title_of(settings, pid):
    return Records.open(settings).get(pid).title


def test_tokens_stay_whole_and_also_split():
    toks = tokenize("LLM.int8() reaches 71.59% with ZO2-based db-SP at int8; models.")
    for tok in ("llm.int8", "llm", "int8", "71.59%", "71.59", "zo2-based", "zo2", "db-sp", "db", "sp", "model"):
        assert tok in toks, tok
    assert "71" not in toks and "59" not in toks  # decimals are never split
    assert "with" not in toks and "at" not in toks  # stopwords
    assert tokenize("the of and") == []


def test_a_camel_case_name_also_yields_its_acronyms():
    # "NVMQux" is built on NVM: a query may say "NVM" alone.
    toks = tokenize("The NVMQux offloader and the vBLAZE kernel")
    for tok in ("nvmqux", "nvm", "vblaze", "blaze"):
        assert tok in toks, tok
    # Negatives: a word part says less ("Flash" in a name is no flash storage); an acronym's
    # plural, a capitalised word and an all-capital one have no parts.
    assert "flash" not in tokenize("FlashQux kernels") and "qux" not in tokenize("FlashQux kernels")
    assert tokenize("GPUs and Kernels on TPUS") == ["gpus", "kernel", "tpus"]


@pytest.fixture(scope="module")
def lex(seeded):
    return LexicalIndex.open(seeded, Store(seeded))


def test_search_finds_exact_names_and_numbers(lex, seeded):
    assert len(lex) == 117 and not lex.rebuilt  # ingest built it; opening reads it
    for query, start in (("71.59% top-1 accuracy", "EPIM"), ("db-SP speedup", "db-SP"), ("ZO2 GPU memory", "ZO2")):
        hits = lex.search(query, 5)
        assert title_of(seeded, hits[0][1]).startswith(start), (query, hits)
        assert [h[2] for h in hits] == sorted((h[2] for h in hits), reverse=True) and hits[-1][2] > 0
    assert lex.search("the of", 5) == [] and lex.search("zzzunknownword", 5) == []


def test_docs_with_term_is_token_exact(lex, seeded):
    epim = lex.docs_with_term("71.59%")
    assert len(epim) == 1 and title_of(seeded, next(iter(epim))).startswith("EPIM")
    assert lex.docs_with_term("71.59") == epim  # the number without its unit
    zo2 = {title_of(seeded, p).split(":")[0] for p in lex.docs_with_term("ZO2")}
    assert zo2 == {"ZO2", "DistZO2"} or "ZO2" in zo2
    assert lex.docs_with_term("71.5") == frozenset() and lex.docs_with_term("the") == frozenset()
    assert lex.chunk_frequency("71.59%") == 1


@pytest.mark.parametrize("n_allowed", [2, 100])  # few: posting-list lookups; many: bm25s weight_mask
def test_filter_is_applied_inside_the_search(lex, seeded, n_allowed):
    everything = lex.search("memory accelerator speedup", 117)
    allowed = {h[1] for h in everything[1:1 + n_allowed]}
    got = lex.search("memory accelerator speedup", 117, allowed_paper_ids=allowed)
    assert {h[1] for h in got} == allowed
    expected = {h[0]: h[2] for h in everything if h[1] in allowed}
    assert {h[0]: pytest.approx(h[2], rel=1e-5) for h in got} == expected  # same scores as unfiltered
    assert lex.search("memory", 5, allowed_paper_ids=[]) == []
    assert lex.search("memory", 5, allowed_paper_ids=["no-such-paper"]) == []


def test_searches_never_wait_for_the_writer_lock(lex):
    """The query path takes no lock: with the writer lock held, eight threads still search."""
    results, errors = [], []

    def ask():
        try:
            results.append(lex.search("71.59% top-1 accuracy", 3))
        except Exception as e:  # noqa: BLE001
            errors.append(e)

    with lex._lock:
        threads = [threading.Thread(target=ask) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=20)
    assert not errors and len(results) == 8 and all(r == results[0] for r in results)


@pytest.fixture
def small(tmp_path, make_settings):
    corpus = tmp_path / "pages"
    corpus.mkdir()
    shutil.copy(SEEDS / PROFILE, corpus)
    shutil.copy(SEEDS / PUBS, corpus)
    settings = make_settings()
    ingest([corpus], settings)
    return settings, corpus


def test_ingest_updates_incrementally_then_merges(small, caplog):
    settings, corpus = small
    store = Store(settings)
    reader = LexicalIndex.open(settings, store)
    main = reader._snap.main.path.name
    epim = reader.docs_with_term("71.59%")
    assert len(reader) == 14 and len(epim) == 1

    page = corpus / PROFILE
    page.write_text(page.read_text().replace("71.59% top-1 accuracy", "72.00% top-1 accuracy"))
    with caplog.at_level(logging.WARNING):
        ingest([corpus], settings)
    assert not caplog.records  # an ordinary update says nothing
    assert reader.refresh() and not reader.refresh()  # sees the ingest once, then nothing to do
    assert reader._snap.main.path.name == main  # no rebuild: a tombstone and a delta chunk
    assert len(reader._snap.delta) == 1 and len(reader._snap.dead) == 1 and len(reader) == 14
    assert reader.docs_with_term("71.59%") == frozenset() and reader.docs_with_term("72.00%") == epim
    assert reader.search("72.00% top-1 accuracy", 1)[0][1] == next(iter(epim))  # delta ranks with main
    assert reader.search("72.00% top-1 accuracy", 3, allowed_paper_ids=epim)[0][1] in epim
    assert LexicalIndex.open(settings, store).docs_with_term("72.00%") == epim  # persisted

    (corpus / PUBS).unlink()
    merging = settings.model_copy(update={"lexical_merge_min": 1, "lexical_merge_fraction": 0.01})
    ingest([corpus], merging, prune=True, confirm=lambda titles: True)  # the page's papers go too
    after = LexicalIndex.open(merging, store)
    assert after._snap.main.path.name != main and not after._snap.delta and not after._snap.dead
    assert len(after) == 8 and after.docs_with_term("72.00%") == epim
    assert not (after.path / main).exists()  # the old segment is gone


def test_missing_corrupt_or_interrupted_index_is_rebuilt_with_one_line(small, caplog):
    settings, _ = small
    store = Store(settings)
    path = LexicalIndex.open(settings, store).path
    for damage, words in ((lambda: (path / "state.json").write_text("{not json"), "unreadable"),
                          (lambda: shutil.rmtree(path), "missing"),
                          (lambda: sync.begin(settings), "ingest stopped"),
                          # (Built by an older tokenizer: its stored token ids mean other tokens.)
                          (lambda: (path / "state.json").write_text(json.dumps(
                              {k: v for k, v in json.loads((path / "state.json").read_text()).items() if k != "tokens"})), "tokenizer version")):
        damage()
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="assistant"):
            lex = LexicalIndex.open(settings, store)
            Records.open(settings, store)  # the marker covers both side indexes
            sync.marker(settings).unlink(missing_ok=True)
        lines = [r.getMessage() for r in caplog.records if r.name == "assistant.lexical"]
        assert len(lines) == 1 and words in lines[0] and "rebuilding it from Chroma" in lines[0], lines
        assert lex.rebuilt and len(lex) == 14 and len(lex.docs_with_term("71.59%")) == 1
    state = json.loads((path / "state.json").read_text())
    assert state["generation"] == store.generation()


def test_without_chroma_a_broken_index_is_a_clear_error(small):
    from assistant.errors import IndexError_

    settings, _ = small
    shutil.rmtree(LexicalIndex.open(settings).path)
    with pytest.raises(IndexError_, match="assistant ingest"):
        LexicalIndex.open(settings)


def test_a_crash_between_chroma_and_the_side_indexes_is_caught(small, monkeypatch, caplog):
    settings, corpus = small

    def die(*a, **k):
        raise KeyboardInterrupt  # the process stops after Chroma's writes, before the generation bump

    monkeypatch.setattr(sync, "finish", die)
    (corpus / PUBS).unlink()
    with pytest.raises(KeyboardInterrupt):
        ingest([corpus], settings, prune=True, confirm=lambda titles: True)
    monkeypatch.undo()
    store = Store(settings)
    assert sync.marker(settings).exists() and len(LexicalIndex.open(settings)) == 14  # stale, same generation
    assert not ingest([corpus], settings, prune=True, confirm=lambda titles: True).changed  # Chroma has nothing left to do...
    with caplog.at_level(logging.WARNING, logger="assistant"):
        lex = LexicalIndex.open(settings, store)  # ...but the marker says the side indexes lag
        records = Records.open(settings, store)
    assert lex.rebuilt and len(lex) == 8 and records.rebuilt and records.count() == 8
    assert any("ingest stopped" in r.getMessage() for r in caplog.records)
    assert not LexicalIndex.open(settings, store).rebuilt and not Records.open(settings, store).rebuilt  # once


def test_segment_scores_equal_bm25s_own_index(tmp_path):
    """The vectorised segment builder computes exactly what bm25s's `index()` computes."""
    import bm25s
    import numpy as np

    from assistant.lexical_segment import Builder, Main

    texts = ["LLM.int8() keeps 71.59% accuracy", "db-SP speeds up sparse attention by 1.25x",
             "sparse attention sparse kernels", "ZO2 fine-tunes with limited GPU memory memory", "int8 int8 int8"]
    toks = [tokenize(t) for t in texts]
    builder = Builder()
    for i, t in enumerate(toks):
        builder.add(f"c{i}", f"p{i}", t)
    builder.write(tmp_path / "seg", 1.5, 0.75)
    mine = Main(tmp_path / "seg")
    ref = bm25s.BM25(k1=1.5, b=0.75, method="lucene")
    ref.index(toks, show_progress=False)
    for query in ("sparse attention", "int8 memory", "71.59% db-sp"):
        q = tokenize(query)
        got = mine.bm25.get_scores_from_ids([mine.vocab[t] for t in q if t in mine.vocab])
        want = ref.get_scores([t for t in q if t in ref.vocab_dict])
        assert np.allclose(got, want, rtol=1e-5) and got.max() > 0, query


def test_a_chroma_failure_during_a_rebuild_is_one_clear_error(small, monkeypatch):
    from assistant.errors import IndexError_

    settings, _ = small
    store = Store(settings)
    shutil.rmtree(LexicalIndex.open(settings).path)

    def broken(*a, **k):
        raise RuntimeError("disk I/O error")

    monkeypatch.setattr(store.collection, "get", broken)
    with pytest.raises(IndexError_, match="could not rebuild the lexical index from Chroma .RuntimeError: disk I/O error"):
        LexicalIndex.open(settings, store)


def test_a_prepared_filter_gives_the_same_results_and_follows_updates(small):
    from assistant.lexical import PaperFilter

    settings, corpus = small
    lex = LexicalIndex.open(settings, Store(settings))
    every = {h[1] for h in lex.search("memory accelerator model", 50)}
    allowed = sorted(every)[: len(every) // 2 + 1]
    prepared = PaperFilter(allowed)
    for query in ("memory accelerator", "71.59% top-1 accuracy", "sparse attention"):
        assert lex.search(query, 10, allowed_paper_ids=prepared) == lex.search(query, 10, allowed_paper_ids=allowed)
    epim = next(iter(lex.docs_with_term("71.59%")))
    page = corpus / PROFILE
    page.write_text(page.read_text().replace("71.59% top-1 accuracy", "72.00% top-1 accuracy"))
    ingest([corpus], settings)
    lex.refresh()
    only = PaperFilter([epim])
    assert only.rows(lex._snap.main, lex._snap.dead).size == 0  # its old row is a tombstone now
    assert [h[1] for h in lex.search("72.00% top-1 accuracy", 3, allowed_paper_ids=only)] == [epim]  # from the delta


def test_rows_for_few_and_many_papers_agree(tmp_path):
    import numpy as np

    from assistant.lexical_segment import Builder, Main

    builder = Builder()
    for i in range(300):  # 150 papers of two chunks each
        builder.add(f"c{i}", f"p{i // 2}", ["word", f"t{i}"])
    builder.write(tmp_path / "seg", 1.5, 0.75)
    m = Main(tmp_path / "seg")
    dead = frozenset({4, 7})
    few = m.rows_for(["p2", "p3", "nope"], dead)  # 3 * 64 < 300: dictionary lookups
    assert few.tolist() == [5, 6]
    many_ids = [f"p{i}" for i in range(0, 150, 2)] + ["nope"]  # vectorised mask
    many = m.rows_for(many_ids, dead)
    expect = [r for r in range(300) if (r // 2) % 2 == 0 and r not in dead]
    assert many.tolist() == expect and many.dtype.kind == "i"
    assert m.rows_for([], dead).size == 0 and isinstance(few, np.ndarray)


def _exact_reference(lex, query_terms, allowed, keep, limit):
    """The exact-term ranking computed paper by paper (what lexical_exact vectorises)."""
    import math
    from collections import defaultdict

    n = max(1, len(lex))
    weight = defaultdict(float)
    for t in dict.fromkeys(query_terms):
        df = lex.chunk_frequency(t)
        for pid in lex.docs_with_term(t) if df else ():
            if allowed is None or pid in allowed:
                weight[pid] += (math.log(1 + n / df) / math.log(1 + n)) ** 2
    ranked = sorted(weight, key=lambda p: (-round(weight[p], 9), p))
    out, alone = [], 0
    for rank, pid in enumerate(ranked, 1):
        if pid in keep or alone < limit:
            alone += pid not in keep
            out.append((pid, round(weight[pid], 9), rank))
    return out


def test_exact_ranking_equals_the_per_paper_reference_across_delta_and_tombstones(small):
    settings, corpus = small
    page = corpus / PROFILE
    page.write_text(page.read_text().replace("71.59% top-1 accuracy", "72.00% top-1 accuracy"))
    shutil.copy(SEEDS / "002_f7e258868cfa70bc.txt", corpus)  # new papers: delta only
    ingest([corpus], settings)
    lex = LexicalIndex.open(settings, Store(settings))
    assert lex._snap.delta and lex._snap.dead and lex._snap.main
    some = sorted({pid for _, pid, _ in lex.search("memory accuracy GPU training", 40)})
    for terms in (["GPU"], ["72.00%", "ImageNet", "GPU"], ["71.59%"], ["LLM", "FPGA", "DNN", "8-bit"], ["nonexistentterm"]):
        for allowed in (None, set(some[::2])):
            for keep, limit in ((set(), 3), (set(some[:5]), 2), (set(some), 0)):
                got = lex.exact_ranking(terms, allowed, keep, limit)
                want = _exact_reference(lex, terms, allowed, keep, limit)
                assert [(p, r) for p, _, r in got] == [(p, r) for p, _, r in want], (terms, allowed, keep, limit)
                assert all(abs(a[1] - b[1]) < 1e-9 for a, b in zip(got, want))
    assert any(lex.exact_ranking(["GPU"], None, set(), 50))  # the comparison above ranked something


def test_an_acronym_is_searched_in_both_numbers(lex, seeded):
    from assistant.tokens import other_number, query_tokens
    # Snowball leaves "HGNNs" whole: a query in the singular still finds the paper that
    # writes only the plural.
    hits = lex.search("HGNN training", 3)
    assert title_of(seeded, hits[0][1]).startswith("DR-CircuitGNN"), hits
    assert other_number("GPUs and an LLM") == ["GPU", "LLMs"]
    # Negative: names, lower-case words and long capitals are no acronyms of a number.
    assert other_number("ZO2 runs on gpus with PyTorch and SPARSEFORMER") == []
    assert query_tokens("HGNN", known=lambda t: False) == ["hgnn", "hgnns"]
    # Negative: an acronym the index has is not counted twice; names are no acronyms.
    assert query_tokens("GNN", known=lambda t: True) == ["gnn"]
    assert query_tokens("ZO2 fine-tuning", known=lambda t: False) == tokenize("ZO2 fine-tuning")
