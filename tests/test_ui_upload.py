"""Adding papers from the browser (Debian's Chromium through Playwright, a real `assistant ui`):
several files at once, progress while they are read and embedded, one line per file with how it
was read or why it was refused, the header's count from the index, the new papers answerable
with their file in the sources panel. Also the page as a person sees it: system fonts only, and
comparison tables whose row labels are not broken letter by letter. Screenshots go to artifacts/."""

from __future__ import annotations

import shutil
import time

import pytest

from assistant.settings import Settings
from assistant.uploads import add_uploads, example_questions

from .conftest import REPO
from .test_readers import DATA, LONGEVAL
from .test_ui import ARTIFACTS, CHROMIUM_ARGS, start_ui

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("upload-ui")
    pages = root / "pages"
    pages.mkdir()
    shutil.copy(REPO / "seeds" / "004_a47dc055e8f78ddf.txt", pages / "pubs.txt")
    proc, url = start_ui({"ASSISTANT_DATA_DIR": str(root / "data"), "ASSISTANT_SEEDS_DIR": str(pages),
                          "ASSISTANT_UPLOAD_MAX_MB": "1"}, root / "ui.log")
    yield url, root
    proc.terminate()
    proc.wait(15)


def test_upload_several_files_then_ask_about_the_pdf(server, browser, tmp_path):
    url, root = server
    junk = tmp_path / "scan.pdf"
    junk.write_bytes(b"\x00\x01" * 4000)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(url)
    page.wait_for_selector("#question textarea")
    assert "the 6 papers in the collection" in page.inner_text("#collection")
    examples = page.inner_text("body")
    assert "FlashOverlap" not in examples and "Papers by Deming Chen" in examples  # from the index, not hard-coded
    page.click("#add-papers button")
    page.set_input_files("#upload input[type=file]", [str(LONGEVAL), str(DATA / "reading-list.md"), str(junk)])
    seen_progress = False
    deadline = time.time() + 180
    while not page.query_selector("#upload-status li") and time.time() < deadline:
        seen_progress |= any(w in page.inner_text("body") for w in ("checking", "embedding"))
        time.sleep(0.05)
    status = page.inner_text("#upload-status")
    assert seen_progress, "no progress was shown while the files were read and embedded"
    assert "✓ longeval-eacl2023.pdf: PDF: 6 pages (1 added)" in status
    assert "✓ reading-list.md: Markdown list: 6 papers (6 added)" in status
    assert "✗ scan.pdf: not a PDF (no %PDF header)" in status
    assert "the 13 papers in the collection" in page.inner_text("#collection")
    assert sorted(p.name for p in (root / "data" / "uploads").iterdir()) == ["longeval-eacl2023.pdf", "reading-list.md"]

    page.fill("#question textarea", "How many papers on long-form summarization did the LongEval survey look at?")
    page.press("#question textarea", "Enter")
    page.wait_for_selector("#sources .source", timeout=60000)
    sources = page.inner_text("#sources")
    assert "LongEval" in sources and "longeval-eacl2023.pdf" in sources
    assert "162 papers" in page.inner_text("#chat")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ui-upload.png"), full_page=True)

    # Another session sees the new papers too.
    other = browser.new_page()
    other.goto(url)
    other.wait_for_selector("#question textarea")
    # The header is filled by the page's load event (the index may reload its tables first).
    other.wait_for_function("() => document.querySelector('#collection').innerText.includes('the 13 papers in the collection')",
                            timeout=60000)
    other.close()
    page.close()


def test_wrong_type_and_too_large_files_are_refused_with_a_message(server, browser, tmp_path):
    url, _ = server
    notes = tmp_path / "notes.docx"
    notes.write_bytes(b"PK\x03\x04 not really a document")
    big = tmp_path / "big.pdf"
    big.write_bytes(LONGEVAL.read_bytes() + b"%" * 700_000)  # over the 1 MB limit of this server
    page = browser.new_page()
    page.goto(url)
    page.wait_for_selector("#question textarea")
    page.click("#add-papers button")
    page.set_input_files("#upload input[type=file]", [str(notes)])
    page.wait_for_selector("text=Invalid file type: notes.docx", timeout=10000)
    page.set_input_files("#upload input[type=file]", [str(big)])
    page.wait_for_selector("text=exceed the maximum allowed size", timeout=10000)
    assert "big.pdf" in page.inner_text("body")
    page.close()


def test_server_side_checks_name_each_refused_file(tmp_path):
    """The same checks without the browser's help (a client posting files directly)."""
    settings = Settings(data_dir=tmp_path / "data", upload_max_mb=0.2, upload_max_files=3)
    notes = tmp_path / "notes.docx"
    notes.write_bytes(b"PK\x03\x04")
    lines, changed = add_uploads([(LONGEVAL, "longeval.pdf"), (notes, "notes.docx"),
                                  (DATA / "reading-group.html", "reading group.html")], settings)
    assert lines[0].startswith("✗ longeval.pdf: 0.4 MB is over the 0.2 MB limit")
    assert lines[1] == "✗ notes.docx: not a supported type (PDF, .bib, .md, .txt, .html)"
    assert lines[2] == "✓ reading-group.html: HTML list: 3 papers (3 added)" and changed == 3
    too_many, _ = add_uploads([(DATA / "reading-list.md", "a.md")] * 4, settings)
    assert too_many == ["4 files at once is over the limit of 3; add them in smaller groups."]


def test_examples_name_papers_of_the_index():
    from assistant.corpus import load_corpus

    papers = load_corpus([f for f in DATA.iterdir() if f.name != "README.md"]).papers
    questions = example_questions(papers)
    assert questions[0] == "What is Atlas and what does it improve?"  # a newest paper with a short name (2023)
    assert "Papers by Kyle Lo" in questions  # the most frequent author
    assert all("FlashOverlap" not in q for q in questions)


def test_fonts_are_system_fonts_and_table_labels_do_not_break(server, browser):
    url, _ = server
    page = browser.new_page(viewport={"width": 520, "height": 900})  # a narrow window: the table has little room
    page.goto(url)
    page.wait_for_selector("#question textarea")
    page.fill("#question textarea", "Compare SSDTrain and AutoDistill")
    page.press("#question textarea", "Enter")
    page.wait_for_selector("#chat table", timeout=60000)
    font = page.evaluate("getComputedStyle(document.querySelector('#chat strong')).fontFamily")
    assert font.startswith("system-ui") and "Source Sans" not in font
    # No word in a table cell is split over two lines ("Appro / ach", "activatio / n"), however narrow the window.
    broken = page.evaluate("""() => {
        const out = [];
        for (const cell of document.querySelectorAll('#chat table th, #chat table td')) {
            const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                for (const m of node.data.matchAll(/[^\\s\\-]{4,}/g)) {
                    const r = document.createRange();
                    r.setStart(node, m.index); r.setEnd(node, m.index + m[0].length);
                    const tops = new Set([...r.getClientRects()].map(x => Math.round(x.top)));
                    if (tops.size > 1) out.push(m[0]);
                }
            }
        }
        return out;
    }""")
    assert page.query_selector_all("#chat table td") and broken == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ui-table-fonts.png"), full_page=True)
    page.close()
