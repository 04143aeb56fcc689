"""A researcher's mixed folder through the real command line: two seed listing pages, two PDFs,
a .bib export, a Markdown reading list, an HTML page, a junk file and an encrypted PDF.
`assistant ingest` says per file how it was read, names the broken files, embeds nothing the
second time; `assistant papers` lists every paper with its sources; `assistant ask` answers
from the new papers; chunks of a PDF carry the page their text is on."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from assistant.cli import cli

from .conftest import SEEDS
from .test_readers import DATA, LONGEVAL, S2ORC, encrypted_copy


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("mixed")
    for name in ("000_63b382e736ceb520.txt", "004_a47dc055e8f78ddf.txt"):
        shutil.copy(SEEDS / name, folder)
    for f in DATA.iterdir():
        if f.suffix in {".pdf", ".bib", ".md", ".html"} and f.name != "README.md":
            shutil.copy(f, folder)
    encrypted_copy(S2ORC, folder / "locked.pdf")
    (folder / "scan.pdf").write_bytes(b"\x00\xff" * 3000)
    data_dir = tmp_path_factory.mktemp("mixed-data")
    return folder, data_dir


def run(args, data_dir):
    result = CliRunner().invoke(cli, args, env={"ASSISTANT_DATA_DIR": str(data_dir)}, catch_exceptions=False)
    return result


@pytest.fixture(scope="module")
def ingested(mixed):
    folder, data_dir = mixed
    first = run(["ingest", "-q", str(folder)], data_dir)
    return first, data_dir


def test_ingest_reports_each_file_and_the_broken_ones(ingested, mixed):
    first, _ = ingested
    folder, _ = mixed
    out = first.output
    assert first.exit_code == 0, out
    lines = out.splitlines()
    expected = {
        "000_63b382e736ceb520.txt": "listing page: 8 papers (8 added)",
        "004_a47dc055e8f78ddf.txt": "listing page: 6 papers (6 added)",
        "longeval-eacl2023.pdf": "PDF: 6 pages (1 added)",
        "s2orc-acl2020.pdf": "PDF: 15 pages (1 added)",
        "references.bib": "BibTeX: 6 entries (6 added)",
        "reading-list.md": "Markdown list: 6 papers (6 added)",
        "reading-group.html": "HTML list: 3 papers (3 added)",
    }
    for name, how in expected.items():
        assert any(ln.startswith(name) and ln.endswith(how) for ln in lines), (name, out)
    assert f"skipped {folder / 'locked.pdf'}: encrypted PDF: it needs a password" in out
    assert f"skipped {folder / 'scan.pdf'}: not a PDF (no %PDF header)" in out
    # 31 read, two papers both in the .bib and as PDFs: 29 records; one summary line, no line per paper.
    assert lines[-1].startswith("29 added, 0 updated, 0 removed, 0 unchanged, 2 files skipped;")
    assert not any(ln.startswith("added:") for ln in lines)


def test_second_ingest_embeds_nothing(ingested, mixed):
    folder, data_dir = mixed
    again = run(["ingest", "-q", str(folder)], data_dir)
    assert again.output.splitlines()[-1].startswith("0 added, 0 updated, 0 removed, 29 unchanged, 2 files skipped; 0 chunks embedded")


def test_papers_lists_sources_and_fields(ingested):
    _, data_dir = ingested
    rows = [json.loads(ln) for ln in run(["papers", "--json"], data_dir).output.splitlines()]
    by_title = {r["title"]: r for r in rows}
    s2orc = by_title["S2ORC: The Semantic Scholar Open Research Corpus"]
    assert s2orc["sources"] == ["references.bib", "s2orc-acl2020.pdf"] and s2orc["pages"] == 15
    assert s2orc["doi"] == "10.18653/v1/2020.acl-main.447" and s2orc["year"] == 2020
    qlora = by_title["QLoRA: Efficient Finetuning of Quantized LLMs"]
    assert qlora["authors"][0] == "Tim Dettmers" and qlora["venue"] == "NeurIPS 2023" and qlora["year"] == 2023
    plain = run(["papers"], data_dir).output
    assert "LongEval: Guidelines for Human Evaluation of Faithfulness in Long-form Summarization  [longeval-eacl2023.pdf, references.bib]" in plain


@pytest.mark.parametrize("question, title, fact", [
    ("How much GPU memory does LoRA save?", "LoRA: Low-Rank Adaptation", "GPU memory 3 times"),
    ("What accuracy does Atlas reach on Natural Questions with 64 examples?", "Atlas: Few-shot", "42%"),
    ("How many papers on long-form summarization did the LongEval survey look at?", "LongEval", "162 papers"),
    ("How many academic papers are in S2ORC?", "S2ORC", "81.1M"),
])
def test_ask_answers_from_the_new_papers(ingested, question, title, fact):
    _, data_dir = ingested
    result = run(["ask", question, "--json"], data_dir)
    answer = json.loads(result.output)
    assert answer["citations"] and answer["citations"][0]["title"].startswith(title), answer
    assert fact in answer["answer"]


def test_body_fact_retrieves_the_pdf_and_its_page(ingested):
    from assistant.corpus import PAGE
    from assistant.index import Store
    from assistant.settings import Settings

    _, data_dir = ingested
    q = "How many of the 162 surveyed papers do not perform any human evaluation?"
    top = json.loads(run(["retrieve", q, "-k", "3", "--json"], data_dir).output.splitlines()[0])
    assert top["title"].startswith("LongEval")
    store = Store(Settings(data_dir=data_dir))
    got = store.get_all(include=["documents", "metadatas"], where={"paper_id": top["id"]})
    hits = [m for d, m in zip(got["documents"], got["metadatas"]) if "101 out of 162 papers" in d]
    assert hits and hits[0][PAGE] <= 3 <= hits[0]["page_end"]
    assert all(1 <= m[PAGE] <= 6 for m in got["metadatas"])
