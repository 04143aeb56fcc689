"""The corpus stage: files -> `Paper` records, one reader per format family.

* `listing` — the three scraped listing-page layouts of the seeds;
* `pdf` — PDFs: full text with page offsets, title/authors/year/abstract;
* `bibtex` — `.bib` exports, one record per entry;
* `markup` — Markdown, HTML and plain text: a list of entries or one document;
* `registry` — picks the reader by content and extension, walks folders, merges duplicates;
* `records` — `Paper`, `FileRead`, `ParseReport`, `plain_title`, `title_head`, `merge`;
* `chunks` — the page each chunk of a long document comes from.

Out of scope: fetching from the web, OCR, archives and office formats.
"""

from .chunks import PAGE, PAGE_END, add_pages
from .listing import ABSTRACT_MIN_CHARS, detect_layout, parse_text
from .records import FileRead, Paper, ParseReport, make_paper, merge, paper_id, plain_title, title_head
from .registry import SUFFIXES, load_corpus, parse_file, read_file, source_files

__all__ = [
    "ABSTRACT_MIN_CHARS", "PAGE", "PAGE_END", "SUFFIXES", "FileRead", "Paper", "ParseReport", "add_pages",
    "detect_layout", "load_corpus", "make_paper", "merge", "paper_id", "parse_file", "parse_text",
    "plain_title", "read_file", "source_files", "title_head",
]
