"""The data that flows between stages: the question's `Plan`, retrieved `Hit`s, per-paper
`Evidence`, and the `Answer` every edge (CLI, UI, eval) formats.

Out of scope: behaviour. These are plain records; the stages that fill them live in
retrieval/ and answer/.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum

from .corpus import Paper, title_head

# The sentinel of a whole refusal and the citation format: constants the tests import.
CANNOT_ANSWER = "I cannot answer this from the papers in the collection."
CITATION_EXAMPLE = "[1] or [2][3]"


class Kind(str, Enum):
    FACTOID = "factoid"  # a fact about one paper (named, described, or found by search)
    COMPARATIVE = "comparative"  # the same asked fact for two or more papers, side by side
    AGGREGATE = "aggregate"  # which papers match a topic, an author, a venue or a year
    METADATA = "metadata"  # a field of the paper records (authors, date, venue, ...)


class Aspect(str, Enum):
    """What kind of answer is wanted."""

    NUMBER = "number"  # a quantity with its unit or metric
    METHOD = "method"  # how it works: a technique or mechanism
    PROBLEM = "problem"  # what it addresses
    DEFINITION = "definition"  # what it is
    YES_NO = "yes_no"
    LIST = "list"  # which papers
    RECORD = "record"  # one or more record fields (see Plan.fields)
    GENERAL = "general"


class RecordField(str, Enum):
    AUTHORS = "authors"
    FIRST_AUTHOR = "first_author"
    LAST_AUTHOR = "last_author"
    AUTHOR_COUNT = "author_count"
    DATE = "date"
    VENUE = "venue"
    ORGANISATION = "organisation"
    PAGE = "page"


class RecordQuery(str, Enum):
    """Questions about the collection as a whole, answered from the records."""

    COUNT = "count"
    OLDEST = "oldest"
    NEWEST = "newest"
    MULTI_PAGE = "multi_page"
    ALL = "all"


@dataclass
class Target:
    """A paper the question refers to, by name ("ZO2") or by description ("the allocator that
    plans offline"); `paper_ids` empty means it is not in the collection."""

    phrase: str
    paper_ids: list[str]
    by: str = "name"  # name | description
    confidence: float = 1.0  # 1.0 for a name; a description's margin over the next paper
    baseline: bool = False  # named as what another paper is measured against ("over vLLM")
    # A description's next candidates, best first: what it may mean instead when its margin is thin.
    rivals: list[str] = field(default_factory=list)

    @property
    def missing(self) -> bool:
        return not self.paper_ids


@dataclass
class Plan:
    """Computed once per question by the planner and passed along every later stage."""

    question: str
    kind: Kind = Kind.FACTOID
    aspect: Aspect = Aspect.GENERAL
    targets: list[Target] = field(default_factory=list)
    facets: list[str] = field(default_factory=list)  # the asked aspect, one phrase per table row
    numeric_facets: list[str] = field(default_factory=list)  # the facets that ask for a number
    method_facets: list[str] = field(default_factory=list)  # the facets that ask how each works
    # The facets that ask for a named thing ("which GPU", "what dataset"); "" for the whole
    # question when it asks one thing.
    named_facets: list[str] = field(default_factory=list)
    # The facets that ask what each is measured against ("what does each compare against",
    # "which baselines does it beat"): a sentence naming what it beats answers them.
    baseline_facets: list[str] = field(default_factory=list)
    facets_inferred: bool = False  # no cue named the aspect: the facets are the question's leftover words
    # A row asked of some compared papers only, by their place ("how many shards the third keeps"):
    # facet -> those papers' ids (rows.py). Rows not in it are asked of every paper.
    facet_papers: dict[str, list[str]] = field(default_factory=dict)
    # The compared papers' ids in the order the statements brought them in ("one paper ...,
    # another ...", "Index work: A; B; C"), when the question refers to them by place.
    places: list[list[str]] = field(default_factory=list)
    aspect_terms: list[str] = field(default_factory=list)  # content words of the asked aspect
    specifics: list[str] = field(default_factory=list)  # name-like or numeric qualifiers ("CIFAR-10", "4-bit")
    measure: str = ""  # the thing a "how many" question counts ("tokens"): the answer's number must count it
    bound: dict[str, list[str]] = field(default_factory=dict)  # a qualifier written with one compared paper -> that paper's ids
    measured: list[str] = field(default_factory=list)  # words of the measure a number question asks ("energy use"): a sentence stating the number uses them
    named_kind: str = ""  # "which SoC does X run on": the kind of thing asked, when it is one that goes by product names (an acronym)
    unit: str = ""  # the unit a number question names ("in microseconds"): the number must be in one measuring the same (any time)
    level: bool = False  # "what absolute latency": a level is asked, which a change ("3 ms lower") does not answer
    change: bool = False  # "what speedup", "how much faster": a change is asked, which only a relative figure ("2x", "by 3%") answers
    fields: list[RecordField] = field(default_factory=list)
    record_query: RecordQuery | None = None
    record_n: int = 3  # how many papers a superlative asks for ("the oldest paper": 1)
    list_n: int = 0  # how many papers a list is said to hold ("the two papers on pruning"); 0: not said
    authors: dict[str, list[str]] = field(default_factory=dict)  # author -> paper ids
    venues: dict[str, list[str]] = field(default_factory=dict)  # venue/organisation -> paper ids
    year: tuple[str, int] | None = None  # ("in"|"since"|"after"|"before", year)
    topic_terms: list[str] = field(default_factory=list)  # content words minus names, authors, years
    generation: int = -1  # the index generation whose tables resolved the targets

    @property
    def names(self) -> dict[str, list[str]]:
        return {t.phrase: t.paper_ids for t in self.targets if not t.missing}

    @property
    def missing(self) -> list[str]:
        return [t.phrase for t in self.targets if t.missing]

    def asks(self, facet: str | None, paper_id: str) -> bool:
        """Is the row `facet` asked of this paper (not of another one only, "the second's speedup")?"""
        return paper_id in self.facet_papers.get(facet, [paper_id])


@dataclass
class Hit:
    paper: Paper
    score: float  # fused rank score; comparable within one retrieval only
    passages: list[str] = field(default_factory=list)
    dense: float = 0.0  # cosine similarity of the best chunk, -1..1
    reason: str = ""  # why it is in the context: "named: ZO2", "described: ...", "author", "topic", "search"
    locators: dict[str, str] = field(default_factory=dict)  # passage -> "p. 7" (full texts with pages)


@dataclass
class Retrieval:
    plan: Plan
    hits: list[Hit]
    groups: dict[str, list[Hit]] = field(default_factory=dict)  # target phrase -> its hits


@dataclass
class PaperEvidence:
    """The sentences of one paper that answer the asked aspect, best first; `absent` says
    what the paper does not report when the asked thing is not there."""

    paper: Paper
    sentences: list[str]
    scores: list[float] = field(default_factory=list)
    absent: str = ""  # e.g. "does not mention CIFAR-10"
    unanswered: list[str] = field(default_factory=list)  # parts of a several-part question it does not answer
    locators: list[str] = field(default_factory=list)  # per sentence: "p. 7", or "" (abstract)
    label: str = ""  # the name the question used
    added: int = 0  # the last ones, quoted for an asked word the best ones lack (answer/cover.py)


@dataclass
class Citation:
    marker: int
    paper_id: str
    title: str


@dataclass
class Source:
    marker: int
    paper_id: str
    title: str
    authors: str
    date: str
    venue: str
    passage: str
    pages: list[str] = field(default_factory=list)  # the files listing the paper
    locator: str = ""  # where in a full text the quoted passage is: "p. 7", "pp. 7–8"


@dataclass
class Answer:
    text: str
    citations: list[Citation]
    sources: list[Source]
    mode: str
    standalone_question: str
    refused: bool = False
    incomplete: bool = False
    invalid_markers: list[str] = field(default_factory=list)
    retrieved: list[str] = field(default_factory=list)  # titles, ranked, as in the context
    about: list[str] = field(default_factory=list)  # titles of the papers the question named or described
    timings: dict[str, float] = field(default_factory=dict)
    notice: str = ""  # a failure the user should see next to the answer
    refused_parts: list[str] = field(default_factory=list)  # "X: does not report ..." per absent fact
    unsupported: list[str] = field(default_factory=list)  # LLM claims no source supports (or with numbers none states)
    kind: str = ""

    def to_json(self) -> dict:
        return {
            "answer": self.text,
            "mode": self.mode,
            "kind": self.kind,
            "standalone_question": self.standalone_question,
            "citations": [asdict(c) for c in self.citations],
            "sources": [asdict(s) for s in self.sources],
            "refused": self.refused,
            "refused_parts": self.refused_parts,
            "unsupported": self.unsupported,
            "incomplete": self.incomplete,
            "invalid_markers": self.invalid_markers,
            "retrieved": self.retrieved,
            "about": self.about,
            "timings": self.timings,
            "notice": self.notice,
        }


@dataclass
class Turn:
    question: str
    answer: Answer | None = None
    error: str = ""  # what went wrong instead of an answer (shown, never used as context)


@dataclass
class Delta:
    """A piece of streamed answer text."""

    text: str


@dataclass
class Status:
    """What the pipeline is doing before the first token ("searching…", "waiting for the model…")."""

    text: str


def authors_text(p: Paper) -> str:
    if p.authors:
        return ", ".join(p.authors) + (" et al." if p.authors_truncated else "")
    return ""


def page_date(p: Paper) -> str:
    """The date as listing pages write it ("Nov 27, 2024"), beside the ISO form we keep."""
    import datetime as dt

    try:
        d = dt.date.fromisoformat(p.date or "")
    except ValueError:
        return p.date or ""
    return f"{d:%b} {d.day}, {d.year}"


def title_prefix(p: Paper) -> str | None:
    """The title's prefix before ":" when it is a short name ("ZO2"), else None."""
    prefix = title_head(p.title) if p.title_listed else None
    return prefix if prefix and len(prefix.split()) <= 3 else None


def short_name(p: Paper) -> str:
    """The title's short-name prefix ("ZO2"), else the whole title."""
    return title_prefix(p) or p.title
