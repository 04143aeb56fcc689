"""Each reader on a real file of its format (tests/data/README.md says where each comes from),
the registry choosing by content before extension, unreadable files named with a reason,
duplicates merged across files, and chunks that know their page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.corpus import PAGE, PAGE_END, load_corpus, read_file
from assistant.errors import CorpusError

DATA = Path(__file__).resolve().parent / "data"
S2ORC = DATA / "s2orc-acl2020.pdf"
LONGEVAL = DATA / "longeval-eacl2023.pdf"


def one(papers, prefix):
    found = [p for p in papers if p.title.startswith(prefix)]
    assert len(found) == 1, f"{prefix!r}: {[p.title for p in papers]}"
    return found[0]


def page_text(pdf: Path, page: int) -> str:
    import pypdf

    return pypdf.PdfReader(pdf).pages[page - 1].extract_text()


def test_pdf_with_metadata_title_authors_year_venue_abstract_pages():
    read = read_file(S2ORC)
    assert read.how == "PDF: 15 pages"
    (p,) = read.papers
    assert p.title == "S2ORC: The Semantic Scholar Open Research Corpus"
    assert p.authors == ["Kyle Lo", "Lucy Lu Wang", "Mark Neumann", "Rodney Kinney", "Daniel S. Weld"]  # page 1 over metadata
    assert p.year == 2020 and p.venue.startswith("Proceedings of the 58th Annual Meeting of the Association")
    assert p.abstract.startswith("We introduce S2ORC") and p.abstract.endswith("text mining over academic text.")
    assert "1 Introduction" not in p.abstract
    assert p.pages == 15 and len(p.page_starts) == 15 and p.page_starts == sorted(p.page_starts)
    assert "structured full text for 8.1M open access papers" in p.abstract  # "pa-\npers" joined again
    assert "ﬁ" not in p.text  # ligatures folded


def test_pdf_without_metadata_reads_the_first_page():
    # LongEval's PDF has empty Title/Author fields: title and authors come from page 1.
    (p,) = read_file(LONGEVAL).papers
    assert p.title == "LONGEVAL: Guidelines for Human Evaluation of Faithfulness in Long-form Summarization"
    assert p.authors == ["Kalpesh Krishna", "Erin Bransom", "Bailey Kuehl", "Mohit Iyyer", "Pradeep Dasigi",
                         "Arman Cohan", "Kyle Lo"]
    assert p.year == 2023 and "European Chapter" in p.venue
    assert p.abstract.startswith("While human evaluation remains best practice")


def test_body_fact_is_located_on_its_page():
    (p,) = read_file(LONGEVAL).papers
    fact = "101 out of 162 papers (62%) do not perform any human evaluation"
    assert fact not in p.abstract
    at = p.text.index(fact)
    assert p.page_at(at) == 3
    assert "101 out of 162" in page_text(LONGEVAL, 3)  # pypdf itself puts it on page 3


def test_chunks_carry_their_page(make_settings):
    from assistant.index import chunk_papers

    (p,) = read_file(LONGEVAL).papers
    nodes = chunk_papers([p], make_settings())
    assert len(nodes) > 5
    pages = [n.metadata[PAGE] for n in nodes]
    assert pages == sorted(pages) and pages[0] == 1 and max(n.metadata[PAGE_END] for n in nodes) == 6
    hit = [n for n in nodes if "101 out of 162 papers" in n.text]
    assert hit and hit[0].metadata[PAGE] <= 3 <= hit[0].metadata[PAGE_END]
    from llama_index.core.schema import MetadataMode

    assert "page:" not in nodes[3].get_content(metadata_mode=MetadataMode.EMBED)  # a locator, not content


def test_bibtex_zotero_export():
    read = read_file(DATA / "references.bib")
    assert read.how == "BibTeX: 6 entries"
    s2orc = one(read.papers, "S2ORC")
    assert s2orc.authors[:2] == ["Kyle Lo", "Lucy Lu Wang"] and s2orc.author_count == 5
    assert s2orc.year == 2020 and s2orc.date == "2020-07"
    assert s2orc.doi == "10.18653/v1/2020.acl-main.447" and s2orc.url == "https://aclanthology.org/2020.acl-main.447"
    assert s2orc.venue == "Proceedings of the 58th Annual Meeting of the Association for Computational Linguistics"
    assert s2orc.abstract.startswith("We introduce S2ORC, a large corpus")
    cord = one(read.papers, "CORD-19")
    assert cord.venue == "arXiv" and len(cord.authors) == 24 and cord.abstract == ""
    bm25 = one(read.papers, "The Probabilistic Relevance Framework")
    assert bm25.venue.startswith("Foundations and Trends") and bm25.url == "https://doi.org/10.1561/1500000019"


def test_markdown_reading_list():
    read = read_file(DATA / "reading-list.md")
    assert read.how == "Markdown list: 6 papers"
    flash = one(read.papers, "FlashAttention")
    assert flash.authors[0] == "Tri Dao" and len(flash.authors) == 5 and flash.year == 2022 and flash.venue == "NeurIPS 2022"
    assert "3x speedup of GPT-2 training" in flash.abstract and "**" not in flash.abstract
    rag = one(read.papers, "Retrieval-Augmented Generation")
    assert rag.authors_truncated and rag.author_count is None and rag.authors[-1] == "Naman Goyal"
    assert not any(p.title.startswith("Reading list") for p in read.papers)


def test_html_list_page_drops_navigation_and_scripts():
    read = read_file(DATA / "reading-group.html")
    assert read.how == "HTML list: 3 papers"
    realm = one(read.papers, "REALM")
    assert realm.authors[0] == "Kelvin Guu" and realm.year == 2020 and realm.venue == "ICML 2020"
    assert realm.abstract.startswith("Pre-trains a masked language model")
    assert all("dataLayer" not in p.abstract and "RSS" not in p.abstract for p in read.papers)
    assert one(read.papers, "Billion-scale").authors == ["Jeff Johnson", "Matthijs Douze", "Hervé Jégou"]


def test_html_with_citation_tags_is_one_paper(tmp_path):
    page = tmp_path / "abs.html"
    page.write_text(
        '<html><head><meta name="citation_title" content="SciBERT: A Pretrained Language Model for Scientific Text">'
        '<meta name="citation_author" content="Beltagy, Iz"><meta name="citation_author" content="Lo, Kyle">'
        '<meta name="citation_publication_date" content="2019/11"><meta name="citation_doi" content="10.18653/v1/D19-1371">'
        '<meta name="citation_conference_title" content="EMNLP-IJCNLP 2019"></head><body><h1>SciBERT</h1>'
        '<h2>Abstract</h2><p>We release SciBERT, a pretrained language model based on BERT.</p></body></html>')
    read = read_file(page)
    (p,) = read.papers
    assert read.how == "HTML page with citation metadata: 1 paper"
    assert p.authors == ["Iz Beltagy", "Kyle Lo"] and p.year == 2019 and p.doi == "10.18653/v1/D19-1371"
    assert p.venue == "EMNLP-IJCNLP 2019" and p.abstract.startswith("We release SciBERT")


def test_markdown_and_plain_documents(tmp_path):
    md = tmp_path / "notes.md"
    md.write_text("# Sparse attention notes\n\n## Abstract\n\nWe survey block-sparse attention kernels and their "
                  "memory traffic on GPUs.\n\n## Findings\n\n" + "Block size 64 halves the memory traffic. " * 10)
    read = read_file(md)
    (p,) = read.papers
    assert read.how == "Markdown document" and p.title == "Sparse attention notes"
    assert p.abstract == "We survey block-sparse attention kernels and their memory traffic on GPUs."
    assert "Block size 64 halves the memory traffic" in p.text and p.page_starts == []
    txt = tmp_path / "memo.txt"
    txt.write_text("Memo on KV-cache quantization\n\n" + "Int4 keys lose little accuracy in our runs. " * 10)
    read = read_file(txt)
    assert read.how == "plain document" and read.papers[0].title == "Memo on KV-cache quantization"


def test_registry_goes_by_content_before_extension(tmp_path):
    shutil.copy(LONGEVAL, tmp_path / "download.txt")  # a PDF under the wrong name
    assert read_file(tmp_path / "download.txt").how == "PDF: 6 pages"
    shutil.copy(DATA / "references.bib", tmp_path / "export.txt")
    assert read_file(tmp_path / "export.txt").how == "BibTeX: 6 entries"
    shutil.copy(Path(__file__).resolve().parent.parent / "seeds" / "004_a47dc055e8f78ddf.txt", tmp_path / "page.md")
    assert read_file(tmp_path / "page.md").how == "listing page: 6 papers"


def encrypted_copy(src: Path, dst: Path) -> Path:
    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(src))
    writer.encrypt(user_password="s3cret", owner_password="owner", algorithm="RC4-128")
    writer.write(dst)
    return dst


@pytest.mark.parametrize("name, content, reason", [
    ("junk.pdf", bytes(range(256)) * 40, "not a PDF (no %PDF header)"),
    ("junk.bin.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "binary file"),
    ("cut.pdf", None, "not a readable PDF"),
    ("locked.pdf", "encrypt", "encrypted PDF: it needs a password"),
    ("empty.md", b"", "file is empty"),
])
def test_unreadable_files_say_why(tmp_path, name, content, reason):
    path = tmp_path / name
    if content is None:
        path.write_bytes(LONGEVAL.read_bytes()[:5000])  # truncated download
    elif content == "encrypt":
        encrypted_copy(S2ORC, path)
    else:
        path.write_bytes(content)
    with pytest.raises(CorpusError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        read_file(path)


def test_folder_with_every_format_merges_duplicates_and_reports_broken_files(tmp_path):
    for f in DATA.iterdir():
        if f.suffix in {".pdf", ".bib", ".md", ".html"} and f.name != "README.md":
            shutil.copy(f, tmp_path)
    encrypted_copy(S2ORC, tmp_path / "locked.pdf")
    (tmp_path / "junk.pdf").write_bytes(b"\x00\x01garbage" * 100)
    report = load_corpus([tmp_path])
    assert set(report.skipped) == {str(tmp_path / "locked.pdf"), str(tmp_path / "junk.pdf")}
    assert "encrypted" in report.skipped[str(tmp_path / "locked.pdf")]
    assert report.read_as == {
        "longeval-eacl2023.pdf": "PDF: 6 pages", "reading-group.html": "HTML list: 3 papers",
        "reading-list.md": "Markdown list: 6 papers", "references.bib": "BibTeX: 6 entries",
        "s2orc-acl2020.pdf": "PDF: 15 pages",
    }
    assert len(report.papers) == 15  # 17 read, two papers both in the .bib and as a PDF
    s2orc = one(report.papers, "S2ORC")
    assert s2orc.sources == ["references.bib", "s2orc-acl2020.pdf"]
    assert s2orc.doi == "10.18653/v1/2020.acl-main.447" and s2orc.pages == 15 and len(s2orc.text) > 40000
    assert s2orc.abstract.startswith("We introduce S2ORC, a large corpus")  # the curated abstract, no footnote mark
    longeval = one(report.papers, "LongEval")  # the .bib's casing; its missing abstract filled from the PDF
    assert longeval.sources == ["longeval-eacl2023.pdf", "references.bib"]
    assert longeval.abstract.startswith("While human evaluation") and longeval.pages == 6


@pytest.mark.parametrize("lines, title, authors", [
    # ACM layout: one author per line, then e-mail, affiliation and place lines.
    (["CiteSee: Augmenting Citations in Scientific Papers with", "Persistent and Personalized Historical Context",
      "Joseph Chee Chang", "josephc@allenai.org", "Allen Institute for AI", "Seattle, WA, USA", "Amy X. Zhang",
      "axz@cs.uw.edu", "University of Washington", "Kyle Lo", "Doug Downey", "kylel@allenai.org"],
     "CiteSee: Augmenting Citations in Scientific Papers with Persistent and Personalized Historical Context",
     ["Joseph Chee Chang", "Amy X. Zhang", "Kyle Lo", "Doug Downey"]),
    # ACM journal layout: "NAME, Affiliation" in capitals.
    (["Paper Plain: Making Medical Research Papers Approachable", "TAL AUGUST, University of Washington, USA",
      "MARTI A. HEARST, University of California, Berkeley, USA"],
     "Paper Plain: Making Medical Research Papers Approachable", ["Tal August", "Marti A. Hearst"]),
    # NeurIPS layout: marks after names, several names per line, a page header first.
    (["36th Conference on Neural Information Processing Systems (NeurIPS 2022)", "Multi-LexSum: Real-World Summaries",
      "Zejiang Shen† Kyle Lo† Lauren Yu♦ Nathan Dahlberg", "Margo Schlanger♦ Doug Downey†,♣",
      "†Allen Institute for AI ♦University of Michigan"],
     "Multi-LexSum: Real-World Summaries",
     ["Zejiang Shen", "Kyle Lo", "Lauren Yu", "Nathan Dahlberg", "Margo Schlanger", "Doug Downey"]),
])
def test_first_page_layouts(lines, title, authors):
    from assistant.corpus.pdf import _front_matter

    _header, title_lines, names = _front_matter(lines)
    assert " ".join(title_lines) == title and names == authors
