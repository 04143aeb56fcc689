"""Corpus parsing: scraped paper-listing pages -> `Paper` records.

Three page layouts are recognised, by their first lines:

* **profile**: an author profile page ("Zhenhua Zhu / h-index26 / 8 Papers"). Each entry opens
  with a category glued to a date and badges ("CVNov 28, 2025Code"), then the title, an author
  line ("A, B, C et al. · berkeley") and a one-line abstract.
* **daily**: a "Daily Papers" listing. Each entry is a title, an abstract and a footer
  ("• 9 authors / · / Oct 26, 2022 4", the trailing number being upvotes); an organisation
  line ("deepseek-ai DeepSeek") can stand where the author count would, and an entry may
  have no footer at all. The date under the page header belongs to no paper.
* **publications**: a publications page ("Authored Publications / Sort By"). Each entry is a
  title, one author per line, a venue line ending in "(YEAR)", "Preview abstract", abstract
  lines, "View details". Entries may lack title, authors or venue.

Exact duplicates (same title and abstract) found on several pages merge into one record that
lists every source. Out of scope: PDFs, HTML, fetching pages, and fuzzy de-duplication (two
versions of one paper with different titles and abstracts stay two records).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .errors import CorpusError

MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
_MONTH_NUM = {m: i + 1 for i, m in enumerate(MONTHS.split("|"))}
# "Nov 12, 2023" or "Jan 29" (listing pages omit the current year).
_DATE = rf"(?P<mon>{MONTHS}) (?P<day>\d{{1,2}})(?:, (?P<year>\d{{4}}))?"
_PROFILE_HEAD = re.compile(rf"^(?P<cat>[A-Z]{{2,4}}){_DATE}(?P<badges>(?:[A-Z][a-z]+)*)\s*$")
_DAILY_DATE = re.compile(rf"^{_DATE}(?: (?P<upvotes>\d+))?\s*$")
_AUTHOR_COUNT = re.compile(r"^\s*•\s*(\d+)\s+authors?\s*$")
_VENUE_YEAR = re.compile(r"^(?P<venue>.*?)\s*\((?P<year>(?:19|20)\d\d)\)\s*$")
_VENUE_HINT = re.compile(
    r"\b(Conference|Symposium|Workshop|Transactions|Journal|Proceedings|Letters|ICML|NeurIPS|"
    r"ICLR|ISCA|DAC|MICRO|HPCA|ASPLOS|CVPR|ICCV|ECCV|AAAI|IJCAI|ACL|EMNLP|arXiv)\b"
)
# "A, B, C et al. · berkeley": an author line, never a title.
_AUTHOR_LINE = re.compile(r"\bet al\.|\s·\s|^[^:,]{2,40}(?:, [^:,]{2,40}){2,}$")
# A paragraph this long is prose, never a title, author or footer line.
ABSTRACT_MIN_CHARS = 200


@dataclass
class Paper:
    """One paper as the pages describe it. `title` is always displayable; `title_listed`
    says whether the page gave it or it was made up from the abstract."""

    id: str
    title: str
    abstract: str
    authors: list[str] = field(default_factory=list)
    authors_truncated: bool = False  # the page listed "et al."
    author_count: int | None = None
    date: str | None = None  # ISO "2023-11-12" when the year is known, else as shown ("Jan 29")
    year: int | None = None
    category: str | None = None
    venue: str | None = None
    affiliation: str | None = None
    sources: list[str] = field(default_factory=list)  # file names of the pages listing it
    title_listed: bool = True
    profiles: list[str] = field(default_factory=list)  # owners of the profile pages listing it (authors too)
    has_code: bool = False
    upvotes: int | None = None

    def to_dict(self) -> dict:
        return asdict(self)

    @property
    def content_hash(self) -> str:
        """Hash of everything that is embedded; sources are bookkeeping, not content."""
        d = self.to_dict()
        d.pop("sources")
        d.pop("upvotes")
        return hashlib.sha256(repr(sorted(d.items())).encode()).hexdigest()[:16]


@dataclass
class ParseReport:
    papers: list[Paper]
    per_file: dict[str, int]  # entries found in each file, before merging duplicates
    skipped: dict[str, str]  # file name -> why it was skipped


def plain_title(text: str) -> str:
    """LaTeX-free, lower-case, punctuation-free form of a title, for matching and ids."""
    t = re.sub(r"\\[a-zA-Z]+", " ", text)
    t = re.sub(r"[\$\^\{\}_]", "", t)
    t = unicodedata.normalize("NFKD", t).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", t.lower()).strip()


def _paper_id(title: str, abstract: str) -> str:
    key = plain_title(title) if title else "abstract:" + plain_title(abstract)[:300]
    return "p" + hashlib.sha1(key.encode()).hexdigest()[:10]


def _iso_date(m: re.Match) -> tuple[str, int | None]:
    mon, day, year = m.group("mon"), int(m.group("day")), m.group("year")
    if year:
        return f"{year}-{_MONTH_NUM[mon]:02d}-{day:02d}", int(year)
    return f"{mon} {day}", None


def _split_authors(line: str) -> tuple[list[str], bool, str | None]:
    """'A, B, C et al. · berkeley' -> (['A', 'B', 'C'], True, 'berkeley')."""
    affiliation = None
    if " · " in line:
        line, affiliation = line.rsplit(" · ", 1)
        affiliation = affiliation.strip() or None
    truncated = bool(re.search(r"\bet al\.?\s*$", line))
    line = re.sub(r",?\s*\bet al\.?\s*$", "", line)
    authors = [a.strip() for a in re.split(r",\s*|\s+and\s+", line) if a.strip()]
    return authors, truncated, affiliation


def _name_from_abstract(abstract: str) -> str:
    """A display name for an entry the page gave no title: the method the abstract names
    ("we propose AutoDistill, ...") or else its opening words."""
    m = re.search(
        r"\b(?:we|We)\s+(?:propose|present|introduce|develop|design)\s+(?:a |an |the )?"
        r"([A-Z][A-Za-z0-9\-]*[A-Z0-9][A-Za-z0-9\-]*)",
        abstract,
    )
    if m:
        return f"{m.group(1)} (untitled entry)"
    words = abstract.split()[:8]
    return " ".join(words).rstrip(".,;:") + "… (untitled entry)"


def _paragraphs(text: str) -> list[str]:
    """Non-empty lines, stripped; the pages put one field per line."""
    return [ln.strip() for ln in text.splitlines() if ln.strip()]


def detect_layout(lines: list[str]) -> str:
    head = lines[:12]
    if any(ln == "Daily Papers" for ln in head):
        return "daily"
    if any(ln == "Authored Publications" for ln in head):
        return "publications"
    if any(re.fullmatch(r"\d+ Papers", ln) for ln in head) or any(
        _PROFILE_HEAD.match(ln) for ln in lines[:40]
    ):
        return "profile"
    raise CorpusError("unrecognised page layout (no 'Daily Papers', 'Authored Publications' or 'N Papers' header)")


def _is_abstract(line: str) -> bool:
    return len(line) >= ABSTRACT_MIN_CHARS


def parse_profile(lines: list[str], source: str) -> list[Paper]:
    papers: list[Paper] = []
    heads = [i for i, ln in enumerate(lines) if _PROFILE_HEAD.match(ln)]
    for n, start in enumerate(heads):
        end = heads[n + 1] if n + 1 < len(heads) else len(lines)
        body = lines[start + 1 : end]
        m = _PROFILE_HEAD.match(lines[start])
        date, year = _iso_date(m)
        # Short lines before the first long one are title then author line; either may be missing.
        short = [ln for ln in body if not _is_abstract(ln)]
        long = [ln for ln in body if _is_abstract(ln)]
        if short and _AUTHOR_LINE.search(short[0]):
            short.insert(0, "")  # no title on the page: the first short line is the author line
        title = short[0] if short else ""
        authors, truncated, affiliation = _split_authors(short[1]) if len(short) > 1 else ([], False, None)
        abstract = " ".join(long) or " ".join(short[2:])
        papers.append(
            _make(
                title, abstract, source, authors=authors, authors_truncated=truncated,
                author_count=None if truncated or not authors else len(authors),
                date=date, year=year, category=m.group("cat"), affiliation=affiliation,
                has_code="Code" in m.group("badges"),
            )
        )
    return papers


def _after(lines: list[str], marker: str) -> int:
    """Index of the line after the page-header line `marker` (0 when the page lacks it)."""
    return lines.index(marker) + 1 if marker in lines else 0


def parse_daily(lines: list[str], source: str) -> list[Paper]:
    # Skip the page header, up to and including the listing date that belongs to no paper.
    start = _after(lines, "byAK and the research community")
    if start < len(lines) and _DAILY_DATE.match(lines[start]):
        start += 1
    papers: list[Paper] = []
    i = start
    while i < len(lines):
        # An entry whose title is missing starts straight with its abstract.
        title = "" if _is_abstract(lines[i]) else lines[i]
        i += 0 if not title else 1
        abstract_parts = []
        while i < len(lines) and _is_abstract(lines[i]):
            abstract_parts.append(lines[i])
            i += 1
        fields: dict = {}
        # Footer: "• N authors" or an organisation line, then "·", then the date (+ upvotes).
        if i + 2 < len(lines) and lines[i + 1 : i + 2] == ["·"] and _DAILY_DATE.match(lines[i + 2]):
            who, dm = lines[i], _DAILY_DATE.match(lines[i + 2])
            ac = _AUTHOR_COUNT.match(who)
            if ac:
                fields["author_count"] = int(ac.group(1))
            else:
                # "deepseek-ai DeepSeek": the hub handle, then the organisation's display name.
                parts = who.split(" ", 1)
                fields["affiliation"] = parts[1] if len(parts) > 1 else parts[0]
            fields["date"], fields["year"] = _iso_date(dm)
            if dm.group("upvotes"):
                fields["upvotes"] = int(dm.group("upvotes"))
            i += 3
        if not abstract_parts and not fields:
            continue  # a stray short line, not an entry
        papers.append(_make(title, " ".join(abstract_parts), source, **fields))
    return papers


def parse_publications(lines: list[str], source: str) -> list[Paper]:
    start = _after(lines, "Sort By")
    papers: list[Paper] = []
    block: list[str] = []
    for ln in lines[start:]:
        if ln == "View details":
            if block:
                papers.append(_publication_entry(block, source))
            block = []
        else:
            block.append(ln)
    if any(_is_abstract(b) for b in block):  # a last entry cut off before "View details"
        papers.append(_publication_entry(block, source))
    return papers


def _publication_entry(block: list[str], source: str) -> Paper:
    if "Preview abstract" in block:
        k = block.index("Preview abstract")
        head, abstract = block[:k], " ".join(block[k + 1 :])
    else:
        head = [b for b in block if not _is_abstract(b)]
        abstract = " ".join(b for b in block if _is_abstract(b))
    venue = year = None
    if head and (_VENUE_YEAR.match(head[-1]) or _VENUE_HINT.search(head[-1])):
        vline = head.pop()
        vm = _VENUE_YEAR.match(vline)
        venue = vm.group("venue") if vm else vline
        ym = re.search(r"\b((?:19|20)\d\d)\b", vline)
        year = int(ym.group(1)) if ym else None
    title = head[0] if head else ""
    authors = head[1:]
    return _make(
        title, abstract, source, authors=authors, author_count=len(authors) or None,
        venue=venue, year=year, date=str(year) if year else None,
    )


def _make(title: str, abstract: str, source: str, **fields) -> Paper:
    title = title.strip()
    abstract = re.sub(r"\s+", " ", abstract).strip()
    listed = bool(title)
    if not listed:
        title = _name_from_abstract(abstract) if abstract else "(untitled entry)"
    return Paper(
        id=_paper_id(title if listed else "", abstract), title=title, abstract=abstract,
        sources=[source], title_listed=listed, **fields,
    )


PARSERS = {"profile": parse_profile, "daily": parse_daily, "publications": parse_publications}


def parse_text(text: str, source: str) -> list[Paper]:
    lines = _paragraphs(text)
    if not lines:
        raise CorpusError("file is empty")
    layout = detect_layout(lines)
    papers = PARSERS[layout](lines, source)
    # A profile or publications page belongs to one author, who is an author of every entry
    # even where the page's author line leaves them out.
    owner = None
    if layout == "profile":
        owner = lines[0]
    elif layout == "publications":
        k = lines.index("Authored Publications")
        owner = lines[k - 1] if k else None
    if owner:
        for p in papers:
            p.profiles = [owner]
    return papers


def parse_file(path: Path) -> list[Paper]:
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as e:
        raise CorpusError(f"not UTF-8 text (byte {e.start})") from None
    except OSError as e:
        raise CorpusError(f"cannot read: {e.strerror}") from None
    return parse_text(text, path.name)


def source_files(paths: list[Path]) -> list[Path]:
    """The .txt/.md files under the given files and folders, sorted, each once."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(q for q in sorted(p.rglob("*")) if q.is_file() and q.suffix in {".txt", ".md"})
        else:
            out.append(p)
    seen: set[Path] = set()
    return [p for p in out if not (p.resolve() in seen or seen.add(p.resolve()))]


def merge(papers: list[Paper]) -> list[Paper]:
    """Fold exact duplicates (same id and abstract) into one record listing every source;
    fields one copy lacks are taken from the other."""
    by_key: dict[tuple[str, str], Paper] = {}
    for p in papers:
        key = (p.id, p.abstract)
        if key not in by_key:
            by_key[key] = p
            continue
        kept = by_key[key]
        kept.sources += [s for s in p.sources if s not in kept.sources]
        kept.profiles += [s for s in p.profiles if s not in kept.profiles]
        for name, value in p.to_dict().items():
            if getattr(kept, name) in (None, [], False) and value not in (None, [], False):
                setattr(kept, name, value)
    out = list(by_key.values())
    # Same title, different abstract: distinct records need distinct ids.
    seen: dict[str, int] = {}
    for p in out:
        seen[p.id] = seen.get(p.id, 0) + 1
        if seen[p.id] > 1:
            p.id = f"{p.id}-{seen[p.id]}"
    return out


def load_corpus(paths: list[Path], on_file=None) -> ParseReport:
    """Parse every file under `paths`; a broken file is reported and skipped, not fatal.
    `on_file(i, n, path)` is called before each file, so a slow one shows which it is."""
    per_file: dict[str, int] = {}
    skipped: dict[str, str] = {}
    everything: list[Paper] = []
    files = source_files(paths)
    for i, f in enumerate(files):
        if on_file:
            on_file(i, len(files), f)
        try:
            found = parse_file(f)
        except CorpusError as e:
            skipped[str(f)] = str(e)
            continue
        if not found:
            skipped[str(f)] = "no paper entries found"
            continue
        per_file[f.name] = len(found)
        everything.extend(found)
    return ParseReport(papers=merge(everything), per_file=per_file, skipped=skipped)
