"""Markdown, HTML and plain-text files -> a list of entries, or one document.

A file is a **list** when its sections (Markdown headings, or a title line directly followed
by "Authors:"-style lines) carry metadata lines: "Authors:", "Year:", "Venue:", "Date:",
"DOI:", "URL:" (bold or bulleted forms too, "**Authors:** ..."). Each such section is one
paper: the heading is the title, the metadata lines its fields, the remaining paragraphs its
abstract. Otherwise the file is one **document**: its first heading (or first line) is the
title, the "Abstract" section (or the opening paragraphs) the abstract, the whole text kept
for evidence.

HTML is first reduced to the same Markdown-like lines (headings, paragraphs, list items;
scripts, styles and navigation dropped) with BeautifulSoup. A page with Highwire citation tags
(`citation_title`, `citation_author`, ... as arXiv, the ACL Anthology and most publishers
write them) is one paper with those fields.

Out of scope: Markdown tables and front matter as metadata, fetching linked pages.
"""

from __future__ import annotations

import re

from ..errors import CorpusError
from .records import FileRead, Paper, make_paper

_META = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:\*\*|__)?(?P<key>authors?|author\(s\)|by|year|date|published|venue|published in|journal|"
    r"conference|booktitle|doi|url|link|pdf|arxiv)(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*(?P<value>.*?)\s*$", re.I)
_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.+?)\s*#*\s*$")
_ENTRY_KEYS = {"authors", "author", "author(s)", "by", "year", "venue", "published in", "journal", "conference", "date"}


def _plain(text: str) -> str:
    """Markdown inline syntax -> text: links, emphasis, code marks."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(\*\*|__|\*|`)", "", text)
    return re.sub(r"\s+", " ", text).strip()


def _sections(lines: list[str]) -> list[tuple[str, int, list[str]]]:
    """Lines -> (heading, level, body lines). A bare title line followed by a metadata line
    counts as a heading (plain-text lists, bold titles)."""
    out: list[tuple[str, int, list[str]]] = [("", 0, [])]
    for i, line in enumerate(lines):
        m = _HEADING.match(line)
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        prev = lines[i - 1] if i else ""
        if m:
            out.append((_plain(m.group("text")), len(m.group("hashes")), []))
        elif (line.strip() and not _META.match(line) and _META.match(nxt) and not prev.strip()
              and _META.match(nxt).group("key").lower() in _ENTRY_KEYS and len(line) < 300):
            out.append((_plain(line.strip("#*_ ")), 7, []))
        else:
            out[-1][2].append(line)
    return out


def _split_people(value: str) -> tuple[list[str], bool]:
    truncated = bool(re.search(r"\bet al\.?|\band others\b", value))
    value = re.sub(r",?\s*(\bet al\.?|\band others\b)", "", value)
    return [a.strip() for a in re.split(r",|;|\s+and\s+|\s+&\s+", value) if a.strip()], truncated


def _fields(meta: dict[str, str]) -> dict:
    f: dict = {}
    people = meta.get("authors") or meta.get("author") or meta.get("author(s)") or meta.get("by")
    if people:
        f["authors"], f["authors_truncated"] = _split_people(people)
        f["author_count"] = None if f["authors_truncated"] else len(f["authors"])
    when = meta.get("year") or meta.get("date") or meta.get("published") or ""
    ym = re.search(r"\b(19|20)\d\d\b", when)
    if ym:
        f["year"] = int(ym.group())
        dm = re.search(r"\b(19|20)\d\d-\d\d(-\d\d)?\b", when)
        f["date"] = dm.group() if dm else ym.group()
    venue = meta.get("venue") or meta.get("published in") or meta.get("journal") or meta.get("conference") or meta.get("booktitle")
    if venue:
        f["venue"] = venue
    if meta.get("doi"):
        f["doi"] = re.sub(r"^https?://(dx\.)?doi\.org/", "", meta["doi"])
    link = meta.get("url") or meta.get("link") or meta.get("pdf") or meta.get("arxiv")
    if link:
        f["url"] = link
    return f


def _parse_meta(body: list[str]) -> tuple[dict[str, str], list[str]]:
    meta: dict[str, str] = {}
    rest: list[str] = []
    for line in body:
        m = _META.match(line)
        if m and m.group("value"):
            meta.setdefault(m.group("key").lower(), _plain(m.group("value")))
        else:
            rest.append(line)
    return meta, rest


def _paragraphs(lines: list[str]) -> list[str]:
    text = "\n".join(lines)
    return [_plain(p) for p in re.split(r"\n\s*\n", text) if _plain(p)]


def read_entries_or_document(text: str, source: str, kind: str, min_chars: int) -> FileRead:
    """`kind` names the format in the summary ("Markdown", "HTML", "text")."""
    lines = text.splitlines()
    sections = _sections(lines)
    entries = []
    for title, _level, body in sections:
        meta, rest = _parse_meta(body)
        if title and _ENTRY_KEYS & set(meta):
            entries.append(make_paper(title, " ".join(_paragraphs(rest)), source, **_fields(meta)))
    with_text = [s for s in sections if s[0] and _paragraphs(s[2])]
    if len(entries) >= 2 or (entries and len(entries) * 2 >= len(with_text)):
        label = "plain-text list" if kind == "text" else f"{kind} list"
        return FileRead(entries, f"{label}: {len(entries)} paper{'s' * (len(entries) != 1)}")
    return FileRead([document(text, source, min_chars, kind)], "plain document" if kind == "text" else f"{kind} document")


def document(text: str, source: str, min_chars: int, kind: str = "text") -> Paper:
    lines = text.splitlines()
    sections = _sections(lines)
    body = "\n\n".join(p for _t, _l, b in sections for p in [_plain(h) for h in [_t] if h] + _paragraphs(b))
    if len(body) < min_chars:
        raise CorpusError(f"too short to index as a document ({len(body)} characters; document_min_chars is {min_chars})")
    headed = [s for s in sections if s[0]]
    first_heading = min(headed, key=lambda s: s[1])[0] if headed else ""
    title = first_heading or _plain(next(ln for ln in lines if ln.strip()))[:200]
    meta, _ = _parse_meta([ln for s in sections for ln in s[2]][:40])
    abstract_sec = next((s for s in sections if s[0].lower().strip(" .:") == "abstract"), None)
    if abstract_sec:
        abstract = " ".join(_paragraphs(abstract_sec[2]))
    else:
        paras = [p for p in _paragraphs([ln for s in sections for ln in s[2]]) if not _META.match(p) and p != title]
        abstract = ""
        for p in paras:
            abstract = (abstract + " " + p).strip()
            if len(abstract) >= 600:
                break
    return make_paper(title, abstract[:4000], source, text=body, **_fields(meta))


def html_to_lines(html: str) -> tuple[str, dict[str, list[str]]]:
    """HTML -> (Markdown-like text, Highwire citation_* meta tags)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    cite: dict[str, list[str]] = {}
    for tag in soup.find_all("meta"):
        name = (tag.get("name") or tag.get("property") or "").lower()
        if name.startswith("citation_") and tag.get("content"):
            cite.setdefault(name, []).append(tag["content"].strip())
    for junk in soup(["script", "style", "noscript", "nav", "footer", "form", "template", "svg", "iframe"]):
        junk.decompose()
    blocks = ["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "dt", "dd", "blockquote", "pre", "td", "th", "figcaption"]
    out: list[str] = []
    root = soup.body or soup
    for el in root.find_all(blocks):
        if el.find_parent(blocks):
            continue  # its text is already in the enclosing block
        words = " ".join(el.get_text(" ", strip=True).split())
        if not words:
            continue
        if el.name[0] == "h" and el.name[1:].isdigit():
            out += ["", "#" * int(el.name[1]) + " " + words, ""]
        else:
            out += [words, ""]
    if not out:  # text straight in <body> or <div>s
        out = [ln.strip() for ln in root.get_text("\n").splitlines()]
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    if title and not any(ln.startswith("# ") for ln in out):
        out = [f"# {title}", ""] + out
    return "\n".join(out), cite


def read_html(html: str, source: str, min_chars: int) -> FileRead:
    text, cite = html_to_lines(html)
    if cite.get("citation_title"):
        people = cite.get("citation_author", [])
        authors = [" ".join(reversed([x.strip() for x in a.split(",", 1)])) if "," in a else a for a in people]
        when = (cite.get("citation_publication_date") or cite.get("citation_date") or [""])[0]
        venue = (cite.get("citation_conference_title") or cite.get("citation_journal_title") or [None])[0]
        doc = document(text, source, 0, "HTML")
        abstract = (cite.get("citation_abstract") or [doc.abstract])[0]
        fields = _fields({"year": when, "date": when})
        paper = make_paper(cite["citation_title"][0], abstract, source, authors=authors,
                           author_count=len(authors) or None, venue=venue, text=doc.text,
                           doi=(cite.get("citation_doi") or [None])[0],
                           url=(cite.get("citation_pdf_url") or cite.get("citation_abstract_html_url") or [None])[0], **fields)
        return FileRead([paper], "HTML page with citation metadata: 1 paper")
    return read_entries_or_document(text, source, "HTML", min_chars)
