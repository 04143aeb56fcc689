"""The records every reader produces: `Paper`, the per-file outcome `FileRead`, the corpus-wide
`ParseReport`, and the merging of exact duplicates across files.

A `Paper` from a listing page or a BibTeX entry has an abstract and no `text`; one from a PDF or
a whole Markdown/HTML/plain document also carries its full `text`, and a PDF's `page_starts`
(the offset in `text` where each page begins), so every chunk can name its page.

Out of scope: fuzzy de-duplication of different versions of a paper (other title, other
abstract): those stay two records.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field

# Fields added for full documents; left out of the stored record when empty, so records (and
# their hashes) of listing entries read before these fields existed stay the same.
_OPTIONAL = ("text", "page_starts", "doi", "url")


@dataclass
class Paper:
    """One paper as a file describes it. `title` is always displayable; `title_listed`
    says whether the file gave it or it was made up from the abstract."""

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
    sources: list[str] = field(default_factory=list)  # names of the files holding it
    title_listed: bool = True
    profiles: list[str] = field(default_factory=list)  # owners of the profile pages listing it (authors too)
    has_code: bool = False
    upvotes: int | None = None
    text: str = ""  # full text of a PDF or a whole document (empty for listing and BibTeX entries)
    page_starts: list[int] = field(default_factory=list)  # offset in `text` where page 1, 2, ... begins
    doi: str | None = None
    url: str | None = None

    def to_dict(self) -> dict:
        d = asdict(self)
        for k in _OPTIONAL:
            if not d[k]:
                d.pop(k)
        return d

    @property
    def content_hash(self) -> str:
        """Hash of everything that is embedded; sources are bookkeeping, not content."""
        d = self.to_dict()
        d.pop("sources")
        d.pop("upvotes")
        return hashlib.sha256(repr(sorted(d.items())).encode()).hexdigest()[:16]

    @property
    def pages(self) -> int:
        return len(self.page_starts)

    def page_at(self, offset: int) -> int | None:
        """The page (1-based) holding character `offset` of `text`; None without pages."""
        if not self.page_starts:
            return None
        import bisect

        return max(1, bisect.bisect_right(self.page_starts, offset))


@dataclass
class FileRead:
    """What one file gave: its papers and how it was read ("PDF: 14 pages")."""

    papers: list[Paper]
    how: str


@dataclass
class ParseReport:
    papers: list[Paper]
    per_file: dict[str, int]  # entries found in each file, before merging duplicates
    skipped: dict[str, str]  # file path -> why it was skipped
    read_as: dict[str, str] = field(default_factory=dict)  # file name -> how it was read


def plain_title(text: str) -> str:
    """LaTeX-free, lower-case, punctuation-free form of a title, for matching and ids."""
    t = re.sub(r"\\[a-zA-Z]+", " ", text)
    t = re.sub(r"[\$\^\{\}_]", "", t)
    t = unicodedata.normalize("NFKD", t).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", t.lower()).strip()


def title_head(title: str) -> str | None:
    """The words before a title's colon ("ZO2" of "ZO2: Scalable ..."), None without one. A colon
    inside a token ("N:M sparsity", "2:4") is no title separator."""
    head = re.split(r":(?=\s|$)", title, maxsplit=1)
    return head[0].strip() if len(head) == 2 else None


def paper_id(title: str, abstract: str) -> str:
    key = plain_title(title) if title else "abstract:" + plain_title(abstract)[:300]
    return "p" + hashlib.sha1(key.encode()).hexdigest()[:10]


def name_from_abstract(abstract: str) -> str:
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


def make_paper(title: str, abstract: str, source: str, **fields) -> Paper:
    title = re.sub(r"\s+", " ", title).strip()
    abstract = re.sub(r"\s+", " ", abstract).strip()
    listed = bool(title)
    if not listed:
        title = name_from_abstract(abstract) if abstract else "(untitled entry)"
    return Paper(
        id=paper_id(title if listed else "", abstract), title=title, abstract=abstract,
        sources=[source], title_listed=listed, **fields,
    )


def _same_paper(a: Paper, b: Paper, min_similarity: float) -> bool:
    """Exact duplicates: one id (title), and abstracts equal up to extraction noise (hyphens,
    ligatures, footnote marks), or one record has no abstract, or one abstract lies in the
    other's full text."""
    if not (a.abstract and b.abstract):
        return a.title_listed and b.title_listed
    x, y = plain_title(a.abstract), plain_title(b.abstract)
    if x == y:
        return True
    for p, q in ((a, x), (b, y)):
        other = y if p is a else x
        if p.text and other and other[:300] in plain_title(p.text[:20000]):
            return True
    if a.text or b.text:  # a PDF's abstract against a listing's: allow extraction noise
        return difflib.SequenceMatcher(None, x.split(), y.split(), autojunk=False).ratio() >= min_similarity
    return False


def _fold(kept: Paper, other: Paper) -> None:
    kept.sources += [s for s in other.sources if s not in kept.sources]
    kept.profiles += [s for s in other.profiles if s not in kept.profiles]
    if other.text and not kept.text:  # full text wins for evidence
        kept.text, kept.page_starts = other.text, other.page_starts
    for name, value in other.to_dict().items():
        if getattr(kept, name) in (None, [], False, "") and value not in (None, [], False, ""):
            setattr(kept, name, value)


def merge(papers: list[Paper], min_similarity: float = 0.9) -> list[Paper]:
    """Fold exact duplicates into one record listing every source; fields one copy lacks are
    taken from the other, and a full text (PDF) is kept whichever copy has it. The metadata
    of a curated record (listing page, BibTeX, Markdown list) is preferred over what was
    guessed from a PDF's first page."""
    groups: dict[str, list[Paper]] = {}
    for p in papers:
        bucket = groups.setdefault(p.id, [])
        for kept in bucket:
            if _same_paper(kept, p, min_similarity):
                if kept.text and not p.text:  # the curated record leads, the PDF fills in
                    merged = p
                    _fold(merged, kept)
                    merged.sources = kept.sources + [s for s in p.sources if s not in kept.sources]
                    bucket[bucket.index(kept)] = merged
                else:
                    _fold(kept, p)
                break
        else:
            bucket.append(p)
    out = [p for bucket in groups.values() for p in bucket]
    # Same title, different abstract: distinct records need distinct ids.
    seen: dict[str, int] = {}
    for p in out:
        seen[p.id] = seen.get(p.id, 0) + 1
        if seen[p.id] > 1:
            p.id = f"{p.id}-{seen[p.id]}"
    return out
