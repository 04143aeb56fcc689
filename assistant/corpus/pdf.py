"""PDF files -> one `Paper` each, with the full text and where each page starts.

Text comes from pypdf's `extract_text` page by page (two-column LaTeX papers come out column by
column). Ligatures are folded (NFKC) and words hyphenated across line ends are joined. Title,
authors and year come from the PDF's metadata when it has them, else from the first page: the
lines before the authors (page headers such as "Proceedings of ..." are skipped), the names
on the lines after it. The abstract is the "Abstract" section of the first pages; without
one, the opening of the text stands in.

Out of scope: OCR (a PDF with no text layer is reported), tables and figures as structure,
the bibliography as records, password-protected PDFs (reported by name).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from pathlib import Path

from ..errors import CorpusError
from .records import FileRead, make_paper

_MARKS = "†‡∗*♠♢♡♣♥♦□⋄§¶#★⋆αβγδεζ"
_HEADER = re.compile(
    r"Proceedings|©|\bpages\s+\d|arXiv:|Published as|Preprint|Under review|Conference|Workshop|Vol\.|"
    r"^\d+$|^[A-Z][a-z]+ \d{1,2}\s*[-–]\s*\d{1,2}, (19|20)\d\d", re.I)
_AFFILIATION = re.compile(
    r"Universit|Institut|Laborator|\bLab\b|\bInc\b|Research|College|School|Department|Dept\.|Cent(er|re)|"
    r"Corporation|Google|Microsoft|Meta\b|NVIDIA|@|\{|\bAI2\b|Academy", re.I)
_ABSTRACT_HEAD = re.compile(r"^\s*(Abstract|ABSTRACT|A B S T R A C T)\s*[.:—–-]?\s*(?P<rest>.*)$")
_ABSTRACT_END = re.compile(
    r"^\s*((1|I)\.?\s+(Introduction|INTRODUCTION|Motivation|Background)\b|(Keywords|KEYWORDS|Index Terms|"
    r"CCS CONCEPTS|CCS Concepts)\b|\d+\s+[A-Z][A-Za-z]+(\s+[A-Za-z]+){0,4}\s*$)")
_HEADING = re.compile(r"^(\d+(\.\d+)*\.?|[A-Z]\.)\s+[A-Z][A-Za-z\-]*(\s+[A-Za-z\-]+){0,6}$")
_BAD_TITLE = re.compile(r"untitled|microsoft word|\.(dvi|pdf|docx?|tex)\b|^paper\s*\d*$", re.I)


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("\x00", "")
    return re.sub(r"(?<=[a-z])-\n(?=[a-z])", "", text)  # "cor-\npus" -> "corpus"


def _flow(page: str) -> str:
    """One page's lines -> running prose; section headings keep their own paragraph."""
    out: list[str] = []
    for line in page.splitlines():
        line = line.strip()
        if not line:
            continue
        if _HEADING.match(line) and len(line) < 70:
            out.append(f"\n\n{line}\n\n")
        else:
            out.append(line + " ")
    return re.sub(r"[ \t]+", " ", "".join(out)).strip()


def _names(line: str) -> list[str]:
    """'Kalpesh Krishna♠ ∗ Erin Bransom♢' -> ['Kalpesh Krishna', 'Erin Bransom']."""
    parts = re.split(r"[,;|]|\band\b|\s{2,}|[" + re.escape(_MARKS) + r"]|(?<=[a-z])\d+", line)
    names = []
    for part in parts:
        words = part.strip(" .").split()
        if 2 <= len(words) <= 5 and all(w[0].isupper() for w in words) and not _AFFILIATION.search(part):
            names.append(" ".join(words))
    return names


def _looks_like_authors(line: str) -> bool:
    if any(m in line for m in _MARKS) or re.search(r"[a-z]\d(\s|,|$)", line):
        return bool(_names(line))
    return line.count(",") >= 1 and len(_names(line)) >= 2 and not re.search(r"\b(of|for|in|on|the|with|to)\b", line)


def _bare_name(line: str) -> bool:
    """'Joseph Chee Chang' alone on a line (ACM layout: one author per line)."""
    return bool(re.fullmatch(r"[A-Z][A-Za-z'’\-]*\.?( [A-Z][A-Za-z'’\-]*\.?){1,3}", line)) and not _AFFILIATION.search(line)


def _line_names(line: str) -> list[str]:
    if "@" in line:
        return []
    if _looks_like_authors(line):
        return _names(line)
    if _bare_name(line):
        return [line.title() if line.isupper() else line]
    m = re.match(r"^([A-Z][A-Z'\-. ]+[A-Z]),", line)  # "TAL AUGUST, University of Washington, USA"
    return [m.group(1).title()] if m and _bare_name(m.group(1).title()) else []


def _authors_start(lines: list[str], i: int) -> bool:
    line, nxt = lines[i], lines[i + 1] if i + 1 < len(lines) else ""
    affiliation = _AFFILIATION.search(line) and ("," in line or any(m in line for m in _MARKS) or line[:1].isdigit())
    if _looks_like_authors(line) or affiliation or re.match(r"^[A-Z][A-Z'\-. ]+[A-Z],", line):
        return True
    return _bare_name(line) and ("@" in nxt or bool(_AFFILIATION.search(nxt)) or _bare_name(nxt))


def _front_matter(lines: list[str]) -> tuple[list[str], list[str], list[str]]:
    """First-page lines before 'Abstract' -> (header lines, title lines, author names)."""
    header, title, authors = [], [], []
    i = 0
    while i < len(lines) and _HEADER.search(lines[i]) and not title:
        header.append(lines[i])
        i += 1
    while i < len(lines) and len(title) < 4 and not (title and _authors_start(lines, i)):  # line 1 is title
        title.append(lines[i])
        i += 1
    for line in lines[i:]:
        authors += [n for n in _line_names(line) if n not in authors]
    return header, title, authors


def _abstract(lines: list[str]) -> str:
    for k, line in enumerate(lines):
        m = _ABSTRACT_HEAD.match(line)
        if not m:
            continue
        body = [m.group("rest")] if m.group("rest") else []
        for nxt in lines[k + 1 :]:
            if _ABSTRACT_END.match(nxt) or nxt.lstrip().startswith(("∗", "*")):
                break
            body.append(nxt)
        return re.sub(r"\s+", " ", " ".join(body)).strip()
    return ""


def _meta(reader, key: str) -> str:
    try:
        value = (reader.metadata or {}).get(key)
    except Exception:  # a broken info dictionary is no reason to drop the text
        return ""
    return str(value).strip() if value else ""


def _year(header: list[str], first_page: str, created: str) -> int | None:
    m = re.search(r"(?:©|\(c\)|Copyright)\s*((?:19|20)\d\d)", " ".join(header), re.I) or re.search(
        r"arXiv:\d{4}\.\d{4,5}v\d+\s+\[[^\]]+\]\s+\d{1,2}\s+\w{3}\s+((?:19|20)\d\d)", first_page) or re.search(
        r"\b((?:19|20)\d\d)\b", " ".join(header)) or re.match(r"D:((?:19|20)\d\d)", created)
    return int(m.group(1)) if m else None


def _venue(header: list[str]) -> str | None:
    for line in header:
        m = re.search(r"(Proceedings of .*?)(,\s*pages.*)?$", line) or re.search(r"Published as .*? at (.+)$", line)
        if m:
            return m.group(1).strip(" ,.")
    return None


def read_pdf(path: Path, max_pages: int = 500) -> FileRead:
    import pypdf
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # font warnings are not the user's business
    try:
        reader = pypdf.PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise CorpusError("encrypted PDF: it needs a password (remove the protection and add it again)")
        n_pages = len(reader.pages)
        raw = [_clean(reader.pages[i].extract_text() or "") for i in range(min(n_pages, max_pages))]
    except CorpusError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as e:
        raise CorpusError(f"not a readable PDF ({e.__class__.__name__}: {str(e)[:120]})") from None
    except Exception as e:  # pypdf raises many kinds on damaged files; name it, never crash the ingest
        if "crypt" in f"{e.__class__.__name__} {e}".lower():
            raise CorpusError(f"encrypted PDF that cannot be opened ({str(e)[:120]})") from None
        raise CorpusError(f"not a readable PDF ({e.__class__.__name__}: {str(e)[:120]})") from None
    if not any(p.strip() for p in raw):
        raise CorpusError("PDF has no text layer (a scanned document? OCR is not supported)")

    first_lines = [ln.strip() for ln in raw[0].splitlines() if ln.strip()]
    cut = next((k for k, ln in enumerate(first_lines) if _ABSTRACT_HEAD.match(ln)), min(len(first_lines), 12))
    header, title_lines, authors = _front_matter(first_lines[:cut])
    title = _meta(reader, "/Title")
    if not title or _BAD_TITLE.search(title) or len(title) < 8:
        title = " ".join(title_lines) or path.stem
    meta_authors = [a.strip() for a in re.split(r";|\s+and\s+", _meta(reader, "/Author")) if a.strip()]
    if len(meta_authors) > len(authors) or not authors:
        authors = meta_authors or authors
    front = [ln.strip() for page in raw[:2] for ln in page.splitlines() if ln.strip()]
    pages = [_flow(p) for p in raw]
    text, starts = "", []
    for page in pages:
        starts.append(len(text))
        text += page + "\n\n"
    abstract = _abstract(front) or re.sub(r"\s+", " ", text[:1200]).strip()
    year = _year(header, raw[0], _meta(reader, "/CreationDate"))
    paper = make_paper(
        title, abstract, path.name, authors=authors, author_count=len(authors) or None, year=year,
        date=str(year) if year else None, venue=_venue(header), text=text.rstrip(), page_starts=starts,
    )
    how = f"PDF: {n_pages} pages" if n_pages <= max_pages else f"PDF: {max_pages} of {n_pages} pages read (pdf_max_pages)"
    return FileRead([paper], how)
