"""BibTeX files (a Zotero, Mendeley or Google Scholar export) -> one `Paper` per entry.

Parsed by bibtexparser 2 with its name splitting and LaTeX decoding: title, authors ("Last,
First and ..." -> "First Last"), year (and month), venue (journal, booktitle, publisher for
preprints), abstract, DOI and URL. Entries bibtexparser cannot parse are counted and named in
the file's summary; the rest are kept.

Out of scope: cross-references (`crossref`), `@string` macros beyond what bibtexparser
resolves, attachments named in Zotero's `file` field (add the PDFs themselves).
"""

from __future__ import annotations

import re
from ..errors import CorpusError
from .records import FileRead, make_paper

_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}


def _field(entry, name: str) -> str:
    f = entry.fields_dict.get(name)
    value = f.value if f is not None else ""
    if isinstance(value, list):
        return value
    return re.sub(r"\s+", " ", str(value).replace("{", "").replace("}", "")).strip()


def _person(parts) -> str:
    """NameParts -> 'First von Last, Jr' as people write it."""
    return re.sub(r"[{}]", "", parts.merge_first_name_first).strip()


def looks_like_bibtex(text: str) -> bool:
    return len(re.findall(r"(?im)^\s*@(article|inproceedings|misc|book|incollection|phdthesis|techreport|online|"
                          r"conference|inbook|unpublished|report|thesis)\s*[{(]", text)) >= 1


def read_bibtex(text: str, source: str) -> FileRead:
    import bibtexparser
    from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors, SplitNameParts

    try:
        library = bibtexparser.parse_string(
            text, append_middleware=[LatexDecodingMiddleware(), SeparateCoAuthors(), SplitNameParts()]
        )
    except Exception as e:  # the splitter raises on some malformed files
        raise CorpusError(f"not parseable as BibTeX ({e.__class__.__name__}: {str(e)[:120]})") from None
    papers = []
    for entry in library.entries:
        title = _field(entry, "title")
        if not title:
            continue
        author_field = entry.fields_dict.get("author")
        people = author_field.value if author_field is not None and isinstance(author_field.value, list) else []
        authors = [_person(p) for p in people if hasattr(p, "merge_first_name_first")]
        truncated = any(a.lower() in {"others", "et al."} for a in authors)
        authors = [a for a in authors if a.lower() not in {"others", "et al."}]
        ym = re.search(r"(19|20)\d\d", _field(entry, "year") or _field(entry, "date"))
        year = int(ym.group()) if ym else None
        month = _MONTHS.get(_field(entry, "month")[:3].lower()) if _field(entry, "month") else None
        date = (f"{year}-{month:02d}" if month else str(year)) if year else None
        venue = (_field(entry, "journal") or _field(entry, "booktitle") or _field(entry, "journaltitle")
                 or (_field(entry, "publisher") if entry.entry_type.lower() == "misc" else "")) or None
        doi = _field(entry, "doi") or None
        url = _field(entry, "url") or (f"https://doi.org/{doi}" if doi else None)
        papers.append(make_paper(
            title, _field(entry, "abstract"), source, authors=authors, authors_truncated=truncated,
            author_count=None if truncated or not authors else len(authors), year=year, date=date,
            venue=venue, doi=doi, url=url,
        ))
    failed = len(library.failed_blocks)
    if not papers:
        raise CorpusError("no BibTeX entries with a title" + (f" ({failed} entries could not be parsed)" if failed else ""))
    how = f"BibTeX: {len(papers)} entries" + (f", {failed} unparseable entries left out" if failed else "")
    return FileRead(papers, how)

