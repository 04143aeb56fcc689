"""Ingestion into a real Chroma: incremental, safe against kill -9 and concurrent runs, and the
same code against a `chroma run` server."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from assistant.errors import IndexBusyError
from assistant.index import Store, ingest, ingest_lock
from assistant.retrieval import Retriever

from .conftest import SEEDS, free_port

PROFILE = "000_63b382e736ceb520.txt"
PUBS = "004_a47dc055e8f78ddf.txt"


class CountingEmbeds:
    """Counts texts sent to the local model, to prove that nothing is re-embedded."""

    def __init__(self, monkeypatch):
        from assistant.embeddings import LocalMiniLM

        self.texts = 0
        original = LocalMiniLM.embed

        def counting(model, texts):
            self.texts += len(texts)
            return original(model, texts)

        monkeypatch.setattr(LocalMiniLM, "embed", counting)


def test_incremental_ingest(tmp_path, make_settings, monkeypatch):
    corpus = tmp_path / "pages"
    corpus.mkdir()
    shutil.copy(SEEDS / PROFILE, corpus)
    shutil.copy(SEEDS / PUBS, corpus)
    settings = make_settings()
    counter = CountingEmbeds(monkeypatch)

    first = ingest([corpus], settings)
    assert len(first.added) == 14 and counter.texts == 14

    again = ingest([corpus], settings)
    assert again.unchanged == 14 and not again.changed and counter.texts == 14  # no embedding work

    page = corpus / PROFILE
    page.write_text(page.read_text().replace("71.59% top-1 accuracy", "72.00% top-1 accuracy"))
    changed = ingest([corpus], settings)
    assert changed.updated == ["EPIM: Efficient Processing-In-Memory Accelerators based on Epitome"]
    assert counter.texts == 15 and changed.unchanged == 13
    store = Store(settings)
    assert store.count() == 14  # the old version's chunk is gone
    epim = next(p for p in store.papers() if p.title.startswith("EPIM"))
    assert "72.00%" in epim.abstract

    (corpus / PUBS).unlink()
    kept = ingest([corpus], settings)  # adding never removes: the vanished page's papers stay
    assert kept.kept == 6 and not kept.removed and Store(settings).count() == 14
    seen = []
    removed = ingest([corpus], settings, prune=True, confirm=lambda titles: seen.append(len(titles)) or True,
                     on_file=lambda i, n, f: seen.append(f.name))
    assert seen == [PROFILE, 6]  # each file announced before it is read; 6 > a handful: asked
    assert len(removed.removed) == 6 and "AutoDistill (untitled entry)" in removed.removed
    assert Store(settings).count() == 8 and counter.texts == 15


def test_broken_file_is_skipped_and_the_rest_indexed(tmp_path, make_settings):
    corpus = tmp_path / "pages"
    corpus.mkdir()
    shutil.copy(SEEDS / PUBS, corpus)
    (corpus / "bad.txt").write_bytes(b"\xff\xfe\x00garbage")
    report = ingest([corpus], make_settings())
    assert len(report.added) == 6
    assert list(report.skipped) == [str(corpus / "bad.txt")]


def test_second_ingest_refuses_while_one_runs(make_settings):
    settings = make_settings()
    with ingest_lock(settings):
        with pytest.raises(IndexBusyError, match="another ingest is running"):
            ingest([SEEDS / PUBS], settings)
    assert len(ingest([SEEDS / PUBS], settings).added) == 6  # lock released


def _assistant(*args, env):
    return subprocess.Popen(
        [sys.executable, "-m", "assistant", *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def test_kill_9_mid_ingest_leaves_a_usable_index(tmp_path, make_settings, seeds_copy):
    settings = make_settings()
    env = os.environ | {"ASSISTANT_DATA_DIR": str(settings.data_dir), "ASSISTANT_EMBED_BATCH_SIZE": "4"}
    assert ingest([seeds_copy], settings).added  # version A of every paper
    # Version B of the 30 papers of one page; kill the ingest after some of them are written.
    page = seeds_copy / "002_f7e258868cfa70bc.txt"
    page.write_text(re.sub(r"(?m)^(.{200,})$", r"\1 Revised.", page.read_text()))
    proc = _assistant("ingest", str(seeds_copy), env=env)
    seen = []

    def read():
        while ch := proc.stderr.read(1):
            seen.append(ch)

    threading.Thread(target=read, daemon=True).start()
    deadline = time.time() + 120
    while time.time() < deadline and not re.search(r"\b(8|1\d)/\d+\b", "".join(seen)):
        time.sleep(0.05)
    assert proc.poll() is None, "ingest finished before it could be killed: " + "".join(seen)
    proc.send_signal(signal.SIGKILL)
    proc.wait()

    store = Store(settings)
    papers = {p.id for p in store.papers()}
    assert len(papers) == 117  # every paper still there, in its old or new version
    hits = Retriever(settings).retrieve("FuseMax extended einsums attention accelerator", 3)
    assert hits[0].paper.title.startswith("FuseMax")

    redo = ingest([seeds_copy], settings)
    assert 0 < redo.chunks_embedded < 30  # what the killed run wrote is kept
    assert len(redo.updated) == 30
    final = Store(settings)
    assert len(final.papers()) == 117
    assert sum(p.abstract.endswith("Revised.") for p in final.papers()) == 30
    assert not ingest([seeds_copy], settings).changed


@pytest.fixture
def chroma_server(tmp_path):
    chroma = shutil.which("chroma", path=str(Path(sys.executable).parent)) or shutil.which("chroma")
    assert chroma, "the chroma CLI comes with the chromadb package"
    port = free_port()
    proc = subprocess.Popen(
        [chroma, "run", "--path", str(tmp_path / "server-data"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    import chromadb

    deadline = time.time() + 60
    while True:
        try:
            chromadb.HttpClient(host="127.0.0.1", port=port).heartbeat()
            break
        except Exception:
            if time.time() > deadline or proc.poll() is not None:
                proc.kill()
                pytest.fail("chroma run did not come up")
            time.sleep(0.3)
    yield port
    proc.terminate()
    proc.wait(10)


def test_same_code_against_a_chroma_server(chroma_server, make_settings):
    settings = make_settings(chroma_host="127.0.0.1", chroma_port=chroma_server)
    report = ingest([SEEDS / PUBS], settings)
    assert len(report.added) == 6
    assert not settings.chroma_path.exists()  # nothing went to the embedded database
    assert not ingest([SEEDS / PUBS], settings).changed
    hits = Retriever(settings).retrieve("offloading activations to SSDs during LLM training", 3)
    assert hits[0].paper.title.startswith("SSDTrain")


def test_unreachable_chroma_server_is_a_clear_error(make_settings):
    from assistant.errors import IndexError_

    settings = make_settings(chroma_host="127.0.0.1", chroma_port=free_port())
    with pytest.raises(IndexError_, match=r"cannot reach the Chroma server at 127\.0\.0\.1"):
        Store(settings)


def test_corrupt_or_missing_model_is_a_clear_error(tmp_path):
    from assistant.embeddings import LocalMiniLM
    from assistant.errors import EmbeddingError

    bad = tmp_path / "model.onnx"
    bad.write_bytes(b"not a model")
    with pytest.raises(EmbeddingError, match="corrupt \\(sha256 mismatch\\)"):
        LocalMiniLM(model_path=str(bad))
    with pytest.raises(EmbeddingError, match="not found"):
        LocalMiniLM(model_path=str(tmp_path / "missing.onnx"))


def test_embeddings_through_an_openai_compatible_endpoint(make_settings):
    from .openai_server import OpenAIServer

    with OpenAIServer(embedding_dim=16) as server:
        settings = make_settings(embed_backend="openai", openai_base_url=server.base_url, embed_model="emb-test")
        report = ingest([SEEDS / PUBS], settings)
        assert len(report.added) == 6
        assert Store(settings).collection.name == "papers-oa-emb-test"  # its own vector space
        calls = [r for r in server.requests if r["path"].endswith("/embeddings")]
        assert calls and calls[0]["json"]["model"] == "emb-test"
        hits = Retriever(settings).retrieve("SSDTrain activation offloading", 2)
        assert hits[0].paper.title.startswith("SSDTrain")  # the exact-name ranking still finds it


def test_bookkeeping_changes_update_without_embedding(tmp_path, make_settings, monkeypatch):
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("a.txt", "b.txt"):  # the same six entries on two pages
        shutil.copy(SEEDS / PUBS, pages / name)
    settings = make_settings()
    counter = CountingEmbeds(monkeypatch)
    ingest([pages], settings)
    assert counter.texts == 6 and all(p.sources == ["a.txt", "b.txt"] for p in Store(settings).papers())
    (pages / "b.txt").unlink()
    report = ingest([pages], settings)
    assert len(report.updated) == 6 and report.chunks_embedded == 0 and counter.texts == 6
    assert all(p.sources == ["a.txt"] for p in Store(settings).papers())
    assert not ingest([pages], settings).changed


def test_a_paper_with_eighty_authors_is_indexed(tmp_path, make_settings):
    authors = "\n".join(f"Author Number{i}" for i in range(80))
    page = tmp_path / "pubs.txt"
    page.write_text(f"X\nAuthored Publications\nSort By\nBigTeam: Many Authors\n{authors}\nSome Conference (2024)\n"
                    f"Preview abstract\n{'We study very large teams of authors and what they build together. ' * 5}\nView details\n")
    report = ingest([page], make_settings())
    assert len(report.added) == 1 and Store(make_settings()).papers()[0].author_count == 80


def _six_papers_ingested(tmp_path, make_settings):
    """A data dir holding one listing page (6 papers), and the folder it came from."""
    pages = tmp_path / "pages"
    pages.mkdir()
    shutil.copy(SEEDS / PUBS, pages)
    settings = make_settings()
    ingest([pages], settings)
    return pages, settings


def test_a_running_retriever_sees_a_new_ingest(tmp_path, make_settings):
    pages, settings = _six_papers_ingested(tmp_path, make_settings)
    retriever = Retriever(settings)
    assert not retriever.refresh() and len(retriever.papers) == 6
    shutil.copy(SEEDS / PROFILE, pages)
    ingest([pages], settings)
    hits = retriever.retrieve("EPIM processing-in-memory epitome", 3)  # no restart
    assert hits[0].paper.title.startswith("EPIM") and len(retriever.papers) == 14


def test_a_running_retriever_reads_the_generation_only_when_the_database_changed(tmp_path, make_settings, monkeypatch):
    pages, settings = _six_papers_ingested(tmp_path, make_settings)
    retriever = Retriever(settings)
    reads = []
    real = Store.generation
    monkeypatch.setattr(Store, "generation", lambda self: reads.append(1) or real(self))
    retriever.refresh()
    reads.clear()
    retriever.retrieve("processing-in-memory", 3)
    retriever.retrieve("compilers for accelerators", 3)
    assert reads == []  # questions alone leave the database file as it was: one stat() each
    shutil.copy(SEEDS / PROFILE, pages)
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(settings.data_dir)}
    subprocess.run([sys.executable, "-m", "assistant", "ingest", "-q", str(pages)], env=env, check=True,
                   capture_output=True, timeout=300)  # another process, as beside a running UI
    hits = retriever.retrieve("EPIM processing-in-memory epitome", 3)
    assert reads and hits[0].paper.title.startswith("EPIM") and len(retriever.papers) == 14


def test_reads_are_paginated(seeded):
    store = Store(seeded)
    assert len(store.get_all(include=["metadatas"], page=10)["ids"]) == 117  # 12 pages
    assert len(store.get_all(include=["metadatas"], where={"chunk": 0}, page=50)["metadatas"]) == 117
