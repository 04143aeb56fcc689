"""Which reader reads a file: chosen by its content first, its extension second.

* `%PDF-` at the start -> pdf.py (a `.pdf` without it is reported, not guessed at);
* NUL bytes -> reported as binary;
* BibTeX entries (`@article{`, ...) or a `.bib` name -> bibtex.py;
* `<html`/`<!doctype html` or an `.html`/`.htm` name -> markup.py's HTML path;
* one of the three listing-page layouts of the seeds -> listing.py;
* anything else that is UTF-8 text -> markup.py: a Markdown or plain-text list of entries, or
  one document.

A file no reader can take is reported by path with the reason; the others are read. Out of
scope: archives (.zip), office formats (.docx, .epub), images, and following symlinks out of
the given folders.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import CorpusError
from .bibtex import looks_like_bibtex, read_bibtex
from .listing import _paragraphs, detect_layout, parse_text
from .markup import read_entries_or_document, read_html
from .pdf import read_pdf
from .records import FileRead, Paper, ParseReport, merge

# Extensions picked up when a folder is walked; a file named explicitly is read whatever its name.
SUFFIXES = {".txt", ".md", ".markdown", ".pdf", ".bib", ".html", ".htm"}
FORMATS = "PDF, BibTeX, Markdown, HTML or text"


def _settings(settings):
    if settings is None:
        from ..settings import Settings

        settings = Settings()
    return settings


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise CorpusError(f"not UTF-8 text (byte {e.start})") from None


def read_file(path: Path, settings=None) -> FileRead:
    """One file -> its papers and how it was read; CorpusError (one line) when it cannot be."""
    settings = _settings(settings)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise CorpusError(f"cannot read: {e.strerror}") from None
    suffix = path.suffix.lower()
    if not data.strip():
        raise CorpusError("file is empty")
    if data[:1024].lstrip().startswith(b"%PDF-"):
        return read_pdf(path, settings.pdf_max_pages)
    if suffix == ".pdf":
        raise CorpusError("not a PDF (no %PDF header): damaged or misnamed")
    head = data[:8192]
    if b"\x00" in head:
        raise CorpusError(f"binary file, not a readable format ({FORMATS})")
    looks_html = head.lstrip()[:200].lower().startswith((b"<!doctype html", b"<html"))
    if suffix in {".html", ".htm"} or looks_html:
        try:
            text = _decode(data)
        except CorpusError:
            from bs4 import UnicodeDammit  # an HTML page may declare another charset

            text = UnicodeDammit(data, is_html=True).unicode_markup or ""
        return read_html(text, path.name, settings.document_min_chars)
    text = _decode(data)
    first = next((ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("%")), "")
    if suffix == ".bib" or (suffix not in {".md", ".markdown"} and first.startswith("@") and looks_like_bibtex(text[:20000])):
        return read_bibtex(text, path.name)
    lines = _paragraphs(text)
    try:
        detect_layout(lines)
    except CorpusError:
        kind = "Markdown" if suffix in {".md", ".markdown"} or any(ln.startswith("#") for ln in lines[:50]) else "text"
        return read_entries_or_document(text, path.name, kind, settings.document_min_chars)
    papers = parse_text(text, path.name)
    return FileRead(papers, f"listing page: {len(papers)} papers")


def parse_file(path: Path, settings=None) -> list[Paper]:
    return read_file(path, settings).papers


def source_files(paths: list[Path]) -> list[Path]:
    """The readable files under the given files and folders, sorted, each once."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(q for q in sorted(p.rglob("*"))
                       if q.is_file() and q.suffix.lower() in SUFFIXES and not q.name.startswith("."))
        else:
            out.append(p)
    seen: set[Path] = set()
    return [p for p in out if not (p.resolve() in seen or seen.add(p.resolve()))]


def load_corpus(paths: list[Path], settings=None, on_file=None) -> ParseReport:
    """Read every file under `paths`; a broken file is reported and skipped, not fatal.
    `on_file(i, n, path)` is called before each file, so a slow one shows which it is."""
    settings = _settings(settings)
    per_file: dict[str, int] = {}
    read_as: dict[str, str] = {}
    skipped: dict[str, str] = {}
    everything: list[Paper] = []
    files = source_files(paths)
    for i, f in enumerate(files):
        if on_file:
            on_file(i, len(files), f)
        try:
            found = read_file(f, settings)
        except CorpusError as e:
            skipped[str(f)] = str(e)
            continue
        if not found.papers:
            skipped[str(f)] = "no paper entries found"
            continue
        per_file[f.name] = len(found.papers)
        read_as[f.name] = found.how
        everything.extend(found.papers)
    return ParseReport(papers=merge(everything, settings.duplicate_min_similarity), per_file=per_file,
                       skipped=skipped, read_as=read_as)


__all__ = ["FileRead", "load_corpus", "parse_file", "read_file", "source_files"]
