"""The record side of a question: which record fields it asks (authors, date, venue ...),
whether it asks about the collection as such (how many papers, the oldest, all of them, papers
on several pages, a list whose papers are each asked something), and its year. English
question grammar only: interrogatives, the nouns that denote a collection, record-field nouns.

Out of scope: everything about the papers' content (planner.py, facets.py).
"""

from __future__ import annotations

import re

from ..models import Plan, RecordField, RecordQuery
from ..text import content_words
from .phrasing import _COUNTS, _SAID_COUNT, WORK_NOUNS
from .facets import NUMBER_Q as _NUMBER_Q, parts, split_statements

# "(how many papers) does the FooBench survey cover": a work counts them, not the collection.
_BY_WORK = rf"\s+(?:does|do|did|has|have)\s+(?:the|this|that|its|their)\s+(?:[\w-]+\s+){{0,6}}?(?:{WORK_NOUNS}|dissertation|thesis)\b"
_COUNTED_BY_WORK = re.compile(_BY_WORK, re.I)
# Nouns that denote members of the collection: "which papers", "how many works".
_UNIT = r"(?:papers?|works?|studies|study|articles?|entries|entry|publications?|preprints?|ones)"
_UNITS = r"(?:papers|works|studies|articles|entries|publications|preprints|ones)"  # a set of them
# ("cheap ones with a cache": "ones" counts papers only after "which"/"what"; "one of the works
# here that ..." is one paper.)
COLLECTION_Q = re.compile(
    rf"\b(?:which|what|list|show|name|find|any|all|every|are there)\s+(?:of\s+the\s+|the\s+)?(?:other\s+)?(?:\w+[\s-]+){{0,3}}?{_UNITS}\b"
    # ("papers in here": where they are, no topic.)
    rf"|(?<!\bone of the )(?<!\bone of )\b{_UNITS.replace('|ones', '')}\s+(?:that|which|about|on|in(?!\s+(?:here|there)\b)|using|by|from|with|related|dealing|tackling|addressing)\b"
    rf"|\bhow many\s+(?:\w+\s+){{0,2}}{_UNIT}\b(?!{_BY_WORK})"
    # A bare plural opening the question and a participle: "Works benchmarking X?"
    rf"|^\W*(?:(?:any|all|other)\s+)?{_UNITS.replace('|ones', '')}\s+[a-z]+ing\b"
    # The mass nouns after a request or "is there": "find me the research on X", "is there
    # some literature about Y" ("what does the work on X propose" is one paper, so not after "what").
    rf"|\b(?:list|show|find|give|name)\s+(?:me\s+|us\s+)?(?:all\s+)?(?:(?:the|any)\s+)?(?:[\w-]+\s+){{0,2}}?(?:work|research|literature)\b"
    rf"|\b(?:is|are)\s+there\s+(?:any|some)\s+(?:[\w-]+\s+){{0,2}}?(?:work|research|literature)\b"
    # "Anything about X?", "give me everything using ...": whatever there is.
    # (... opening any later sentence: "We tag bird songs by hand. Anything in here for it?")
    rf"|(?:^|[.?!]\s+)\W*(?:is\s+there\s+)?(?:anything|everything)\s+(?:(?:in\s+)?here\s+)?(?:on|about|in|that|which|using|related|regarding|with|for)\b"
    rf"|\b(?:list|show|find|give)\s+(?:me\s+|us\s+)?(?:everything|anything)\b"
    # "list every paper that ...": one of each, every one.
    rf"|\b(?:list|show|name|find|give)\s+(?:me\s+|us\s+)?(?:every|each)\s+(?:[\w-]+\s+){{0,2}}?{_UNIT}\b", re.I)
_COUNT = re.compile(rf"\b(?:how many|number of|count)\s+(?:\w+\s+){{0,2}}{_UNIT}\b", re.I)
_SUPERLATIVE = re.compile(
    rf"\b(oldest|earliest|first|newest|latest|most recent|last)\s+(?:\w+\s+){{0,2}}{_UNIT}\b"
    rf"|\b{_UNIT}\s+(?:is|was|are|were)\s+(?:the\s+)?(oldest|earliest|newest|latest|most recent)\b", re.I)
_MULTI_PAGE = re.compile(r"\b(?:more than one|several|multiple|two|both)\s+(?:of\s+the\s+)?(?:[\w-]+\s+){0,3}(?:pages|listings|lists)\b"
                         # (The noun, "which entries are duplicates"; not the verb, "they duplicate the sensitive blocks".)
                         r"|\bduplicates\b(?!\s+(?:the|a|an|its|their|each|every)\b)|\bduplicate\s+(?:entries|records|papers|listings|items)\b", re.I)
_ALL = re.compile(rf"\b(?:list|show|name)\s+(?:all|every)\s+(?:of\s+)?(?:the\s+)?{_UNIT}\b|\ball (?:the )?{_UNIT} in the collection\b", re.I)
# "the two papers on ...", "three works": how many papers a list is said to hold.
_EACH = re.compile(r"\b(?:each|both)\b", re.I)
# "When" asks a time only before a verb it inverts or alone ("When was it posted?", "when?",
# "when and where is it from?"; at the end, "what group and when");
# "When FooNet runs on a phone, what ...?" opens a condition, and "When Foo Bars Outperform
# Bazes" a title.
_WHEN = r"when(?=\s*(?:\?|$)|\s+(?:(?:and|&)\s+where\s+)?(?:was|were|did|is|are|has|had)\b)"
# The nouns for a body people work for: written anywhere ("their lab"), or, when they have other
# senses too ("data centers", "school of thought"), as what a "which"/"what" asks ("which school").
_ORGANISATIONS = r"organi[sz]ation|affiliat\w*|institut\w*|universit\w*|lab|laboratory|compan\w*|group"
_ASKED_ORGANISATIONS = (r"orgs?|schools?|colleges?|departments?|facult(?:y|ies)|firms?|corporations?|start-?ups?|cent(?:er|re)s?|"
                        r"employers?|academ(?:y|ies)")
FIELD_HEAD = re.compile(rf"^\s*(?:who|whose|whom|{_WHEN}|where|(?:which|what)\s+(?:authors?|people|year|date|venue|conference|journal|page|profile|{_ORGANISATIONS}|{_ASKED_ORGANISATIONS})|how many (?:authors|people|researchers))\b", re.I)
# "who is", "who's", "who comes": a person asked by place.
_IS = r"(?:\s+(?:is|was|comes)|['’]s)"
_AND_PLACE = r"(?:and|&|or|/)\s+(?:the\s+)?"
# Record fields, by the words that ask for them.
_FIELDS = [
    # ("how many folks wrote X": whoever is counted, the verb asks for the people.)
    # ("How long is the author list": its length is the count.)
    (RecordField.AUTHOR_COUNT, re.compile(r"\bhow many (?:\w+\s+)?(?:authors|people|researchers|co-?authors|names)\b"
                                          r"|\bhow many\s+(?:[\w-]+\s+){1,2}?(?:wrote|authored|co-?authored)\b"
                                          r"|\bhow (?:long|big|large) (?:is|was) (?:the|its|their) (?:author|byline) list\b"
                                          r"|\b(?:length|size) of (?:the|its|their) (?:author|byline) list\b|\bauthor[\s-]list (?:length|size)\b"
                                          # (Terse: "num authors", "number of co-authors", "author count", "# of authors".)
                                          r"|(?:\b(?:number|num|no\.?)|#)\s*(?:of\s+)?(?:co-?)?authors\b|\b(?:author|co-?author)\s+count\b", re.I)),
    # ("who is the lead one", "who comes final": a person asked by place.)
    # ("Who's first", "the first and last authors": both places asked, the noun written once.)
    (RecordField.FIRST_AUTHOR, re.compile(rf"\b(?:first|lead|leading|primary)[\s-]+(?:listed\s+)?(?:author|name|writer)\b"
                                          rf"|\b(?:first|lead|leading|primary)[\s-]+{_AND_PLACE}(?:last|final|senior)[\s-]+(?:listed\s+)?(?:author|name|writer)s?\b"
                                          rf"|\bwho{_IS}\s+(?:listed\s+)?(?:the\s+)?(?:[\w-]+/)?(?:first|lead|leading|primary)\b", re.I)),
    (RecordField.LAST_AUTHOR, re.compile(rf"\b(?:first|lead|leading|primary)[\s-]+{_AND_PLACE}(?=(?:last|final|senior)[\s-]+(?:listed\s+)?(?:author|name|writer)s?\b)"
                                         rf"|\bwho{_IS}\s+(?:listed\s+)?(?:the\s+)?(?:first|lead|leading|primary)\s+{_AND_PLACE}(?:last|final|senior)\b"
                                         rf"|\b(?:last|final|senior)[\s-]+(?:listed\s+)?(?:author|name|writer)\b"
                                         rf"|\bwho{_IS}\s+(?:listed\s+)?(?:the\s+)?(?:[\w-]+/)?(?:last|final|senior)\b", re.I)),
    # ("Who reports the higher X, A or B?" asks which paper: a claim by degree.)
    # ("Where did FooNet appear, and who is behind it?": a later clause's "who" asks too.)
    # ("and whose chips does it ship with", "whose library APIs does it call": the owner of a thing,
    # by the noun before the verb, a vendor; "whose paper is it": its authors.)
    (RecordField.AUTHORS, re.compile(rf"(?:^|[,;]|\band\b)\s*(?:who|whom|whose(?!\s+(?:[\w-]+\s+)?(?!(?:{WORK_NOUNS})\b)[\w-]+\s+(?:does|do|did|is|are|was|were)\b))\b(?!\s+(?:reports?|gets?|achieves?|claims?|has|have|shows?|sees?|wins?|reaches|needs?|uses?|is|are|was|were)"
                                     r"\s+(?:the\s+|a\s+)?(?:\w+er|more|less|fewer|most|least|best|worst)\b)|\b(?:authors?|co-?authors?|authored|wrote|written by|writers?)\b|\b(?:people|researchers|team)\s+(?:behind|who|that)\b", re.I)),
    (RecordField.DATE, re.compile(rf"\b{_WHEN}|\b(?:what|which)\s+(?:[\w-]+\s*/\s*)?(?:year|date|month|day)\b|\bdated?\b|\bposted\b|\bhow (?:old|recent)\b", re.I)),
    (RecordField.VENUE, re.compile(r"\b(?:venue|conference|journal|proceedings|workshop|symposium)\b|\bwhere\b.{0,80}?\b(?:publish\w*|appear\w*|present\w*|accept\w*|submitt?\w*)"
                                   # (A question opening "Where was/did ..." asks it to its verb, however long the subject between.)
                                   # (... its people listed in the subject: "by Doe, Roe and Poe".)
                                   # (... or after a lead-in's colon or dash: "Quick check: where ...", "Q2 - where ...".)
                                   r"|(?:^|[.?!:]\s+|\s[-–—]\s+)where(?:\s+and\s+[^?!,]*?)?\s+(?:was|were|is|are|has|have|had|did|does|do)\b(?:[^?!,;]|,\s+(?-i:[A-Z]))*?"
                                   r"\b(?:publish|appear|present|accept)(?:ed)?\b"
                                   r"|\b(?:appear\w*|published|presented|accepted)\s+(?:in|at|to)\b(?!\s+(?:19|20)\d\d)"
                                   # ("Was FooNet a FOOC 2024 paper?": a capitalised name with a year heading a work is its venue's edition.)
                                   rf"|\b(?:a|an)\s+(?-i:[A-Z][A-Za-z]*[A-Z][A-Za-z]*)\s*['’]?(?:(?:19|20)\d\d|\d\d)\s+(?:{WORK_NOUNS})\b", re.I)),
    # (Not inside a compound: "layer-group scheduling" names no organisation.)
    (RecordField.ORGANISATION, re.compile(rf"(?<![\w-])(?:{_ORGANISATIONS})(?![\w-])"
                                          rf"|\b(?:which|what)\s+(?:[\w-]+\s+)?(?:{_ASKED_ORGANISATIONS})(?![\w-])", re.I)),
    # ("Which seed file / page": the page, however many words name it.)
    (RecordField.PAGE, re.compile(r"\b(?:which|what)\s+(?:[\w-]+\s+){0,2}(?:/\s*)?(?:page|profile|listing)\b|\blisted (?:on|under|in)\b", re.I)),
]
_ASKERS = re.compile(r"\b(?:our|my|your)\s+(?:[\w-]+\s+)?$", re.I)
# What may follow a field word that modifies a work's noun ("workshop paper", "lab system").
_MODIFIES_WORK = re.compile(rf"\s+(?:(?!(?:of|in|on|for|at|by|from|to|with|and|or|the|a|an|its|their|this|that)\b)[\w.-]+\s+){{0,2}}?(?:{WORK_NOUNS})\b", re.I)
_THIS_COLLECTION = re.compile(r"\b(?:on|in|from|of)\s+(?:this|these|the|my|our)\s+(?:pages?|listings?|lists?|collection|corpus|library)\b", re.I)
# What opens a topic after "all papers" ("... that prune heads", "... on pruning").
_TOPIC_FOLLOWS = re.compile(r"\s*(?:(?:here|there|you\s+have|we\s+have)\s+)?(?:that|which|whose|where|on|about|using|related\s+to|regarding|concerning|dealing|tackling|addressing|proposing|in\s+which)\b", re.I)
_RECORD_VERBS = re.compile(r"\b(?:published|appeared|posted|released|uploaded|submitted|listed|shown|dated)\b", re.I)
_YEAR = re.compile(r"\b(since|after|before|from|in|during)?\s*((?:19|20)\d\d)\b", re.I)


# A record field by its bare noun, as one joined to an asked field names it.
_FIELD_NOUNS = [(RecordField.AUTHORS, r"(?:co-?)?authors?|authorship"), (RecordField.DATE, r"year|date|month"),
                (RecordField.VENUE, r"venue|conference|journal|workshop"), (RecordField.ORGANISATION, rf"{_ORGANISATIONS}|orgs?"),
                (RecordField.PAGE, r"page|listing")]
_JOINED_NOUN = "(" + "|".join(n for _, n in _FIELD_NOUNS) + ")"
_JOINED_AFTER = re.compile(rf"\s*(?:,|&|/|\+|\band\b|,\s*and\b)\s*(?:(?:the|its|their)\s+)?(?:publication\s+)?{_JOINED_NOUN}(?![\w-])", re.I)
_JOINED_BEFORE = re.compile(rf"(?<![\w-])(?:publication\s+)?{_JOINED_NOUN}\s*(?:,|&|/|\+|\band\b)\s*(?:(?:the|its|their)\s+)?$", re.I)


def _ends(m: re.Match) -> list[tuple[int, int]]:
    """The first and last word of a match: "where ... published" asks the venue, the words
    between still describe the paper."""
    words = list(re.finditer(r"\S+", m.group()))
    if not words:
        return []
    return [(m.start() + words[0].start(), m.start() + words[0].end()), (m.start() + words[-1].start(), m.start() + words[-1].end())]


def find_year(q: str, plan: Plan, years) -> list[tuple[int, int]]:
    """Sets `plan.year` from the first year the corpus has (or one after a preposition); its span."""
    for ym in _YEAR.finditer(q):
        # "2048 tokens" is a length: a year is one the corpus has, or one after a preposition.
        year = int(ym.group(2))
        if year in years or (ym.group(1) and not re.match(r"\s*[-A-Za-z%]", q[ym.end():])):
            plan.year = ((ym.group(1) or "in").lower(), year)
            return [ym.span()]
    return []

# "which ratio do its authors propose", "according to its authors", "the authors claim": the
# authors as the paper's voice, saying what is asked; not asked for themselves.
_AUTHORS_SAY = re.compile(r"\baccording\s+to\s+(?:the\s+|its\s+|their\s+)?authors\b"
                          r"|\b(?:do|does|did)\s+(?:the|its|their)\s+authors(?:\s+of\s+\S+)?\s+(?!(?:of|include|list|come|work|belong)\b)(?-i:[a-z]+)"
                          r"|\b(?:the|its|their)\s+authors\s+(?:say|claim|propose|show|argue|report|find|define|introduce|use|describe|"
                          r"formali[sz]e|observe|note|conclude|suggest|present|measure|call)s?\b", re.I)


def _authors_speak(q: str, m: re.Match, field: RecordField) -> bool:
    """Is the author word `m` the paper's voice ("which ratio do its authors propose")?"""
    return field is RecordField.AUTHORS and any(a.start() <= m.start() < a.end() for a in _AUTHORS_SAY.finditer(q))


def _describes_work(q: str, m: re.Match, field: RecordField) -> bool:
    """Is the venue or organisation word `m` a modifier inside a described work ("the ICML
    2023 workshop paper", "an Acme lab system", "Doe's FooConf workshop paper")? Then it says which paper and asks nothing;
    "whose paper", "which workshop paper" and "the venue of the paper" still ask."""
    return field in (RecordField.VENUE, RecordField.ORGANISATION) and bool(_MODIFIES_WORK.match(q, m.end())) \
        and bool(re.search(r"(?:\b(?:the|a|an)|[\w.-]['’]s)\s+(?:[\w.-]+\s+){0,3}$", q[: m.start()], re.I))


# The words of a record field, as the noun a "what"/"which" asks for ("which lab", "what year").
_FIELD_NOUN = re.compile(r"(?:(?:co-?)?author|researcher|team|writer|name|year|date|month|day|venue|conference|journal|workshop|"
                         r"page|profile|listing)s?|people|proceedings|" + _ORGANISATIONS + "|" + _ASKED_ORGANISATIONS, re.I)
# What ends the noun phrase a "what"/"which" opens: a verb it inverts, a preposition, a determiner.
_HEAD_END = re.compile(r"(?:do|does|did|is|are|was|were|has|have|had|can|could|will|would|of|in|on|for|by|at|from|with|to|over|"
                       r"against|under|the|a|an|its|their|this|that|it|they)$", re.I)


def asked_head(clause: str) -> list[str] | None:
    """The noun phrase a clause's "what"/"which" asks for ("what peak power did ..." ->
    ["peak", "power"]); None when the clause has no such phrase."""
    m = re.search(r"\b(?:what|which)\s+(?:(?:is|are|was|were)\s+)?(?:(?:the|its|their)\s+)?(?:(?:kind|type|sort|range|set|list|number|count)\s+of\s+)?", clause, re.I)
    if not m:
        return None
    head = []
    for w in re.findall(r"[\w'’/-]+", clause[m.end():])[:4]:
        if _HEAD_END.match(w):
            break
        head.append(re.sub(r"['’]s$", "", w))
    return head or None


def _asked_elsewhere(q: str, m: re.Match) -> bool:
    """Is the field word `m` in a clause whose "what"/"which" asks something else ("what latency
    did the FooNet authors measure", "what key does its cache group by")? Then the word
    describes what is asked. (Not when papers are asked: "which papers have authors from X".)"""
    starts = [0] + [c.end() for c in re.finditer(r"[,;:?]|\band\b", q[: m.start()])]
    clause = q[starts[-1]:]
    head = asked_head(clause[: m.start() - starts[-1]])
    # ("what is the upload date": the field word ends the asked noun phrase it continues.)
    if head and (whole := asked_head(clause[: m.end() - starts[-1]])) and len(whole) > len(head):
        head = whole
    if not re.search(r"\b(?:what|which)\b", clause[: m.start() - starts[-1]], re.I):
        # ("FooNet sorts each group's keys by what measure": the "what" after the word asks.)
        end = re.search(r"[,;:?]|\band\b", q[m.end():])
        head = asked_head(q[m.end(): m.end() + end.start() if end else len(q)])
    # ("which month/venue": two field nouns slashed together are both asked.)
    return bool(head) and not any(_FIELD_NOUN.fullmatch(x) for w in head for x in w.split("/")) \
        and not re.fullmatch(rf"{_UNITS}|{WORK_NOUNS}", head[-1], re.I)


def _own_who(q: str, m: re.Match, people: list[re.Match]) -> bool:
    """Beside a count of the authors or one by place ("how many people wrote X"), is the
    author word `m` a "who" asking for them all in a clause of its own ("..., and who are
    they?"), not the same ask again ("who is the first author")?"""
    if not (who := re.match(r"(\W*(?:and\s+)?)(?:who|whom|whose)\b", m.group(), re.I)):
        return False
    start = m.start() + len(who.group(1))
    end = re.search(r"[,;?]|\band\b", q[start:])
    stop = start + end.start() if end else len(q)
    return not any(start <= x.start() < stop or x.start() <= start < x.end() for x in people)


def record_shape(q: str, plan: Plan) -> list[tuple[int, int]]:
    """Sets the record fields and record query a question asks; the spans of their words (no topic)."""
    spans = []
    people: list[re.Match] = []  # the matches asking for a count of the authors or one by place
    asked: list[re.Match] = []
    for f, pattern in _FIELDS:
        # "our institute", "my research group": the asker's own, no field of a paper's record.
        m = next((m for m in pattern.finditer(q) if not _ASKERS.search(q[: m.start()]) and not _describes_work(q, m, f)
                  and not _authors_speak(q, m, f) and not _asked_elsewhere(q, m)
                  and not (f is RecordField.AUTHORS and people and not _own_who(q, m, people))), None)
        if m:
            plan.fields.append(f)
            spans += _ends(m)
            if f in (RecordField.FIRST_AUTHOR, RecordField.LAST_AUTHOR, RecordField.AUTHOR_COUNT):
                people.append(m)
            asked.append(m)
    # "lead author and date for FooNet?", "venue/year": a field's bare noun joined to an asked
    # field is asked too.
    for m in asked:
        for x in (_JOINED_AFTER.match(q, m.end()), _JOINED_BEFORE.search(q[: m.start()])):
            if x and (f := next(f for f, noun in _FIELD_NOUNS if re.fullmatch(noun, x.group(1), re.I))) not in plan.fields:
                plan.fields.append(f)
                spans.append(x.span(1))
    if _NUMBER_Q.search(q) and RecordField.AUTHOR_COUNT not in plan.fields:
        # "How much faster ... when running X" asks a number, not a date.
        plan.fields = [f for f in plan.fields if f is not RecordField.DATE or FIELD_HEAD.match(q)]
    # Verbs of the record ("published in 2019", "posted") and the collection itself ("on
    # this page"): never the topic.
    spans += [m.span() for m in _RECORD_VERBS.finditer(q)] + [m.span() for m in _THIS_COLLECTION.finditer(q)]
    for pattern, query in ((_COUNT, RecordQuery.COUNT), (_SUPERLATIVE, None), (_MULTI_PAGE, RecordQuery.MULTI_PAGE),
                           (_ALL, RecordQuery.ALL)):
        m = pattern.search(q)
        if not m:
            continue
        if query is RecordQuery.COUNT and _COUNTED_BY_WORK.match(q, m.end()):
            continue  # "how many works does the FooNet survey cite": a number the survey states
        rest = _THIS_COLLECTION.sub(" ", q[m.end():])
        if query is RecordQuery.ALL and _TOPIC_FOLLOWS.match(rest) and content_words(rest):
            # "Show every study that tiles kernels": a topic follows, so a topic list.
            spans.append(m.span())
            continue
        if query is None:
            word = (m.group(1) or m.group(2)).lower()
            query = RecordQuery.OLDEST if word in ("oldest", "earliest", "first") else RecordQuery.NEWEST
            plan.record_n = 3 if re.search(_UNITS, m.group(), re.I) else 1
        plan.record_query = query
        spans += _ends(m)
        break
    return spans


def without_fields(q: str) -> str:
    """`q` without the words asking record fields: "sharded log replay work: first author and
    venue?" -> "sharded log replay work:". (What describes the paper, not what is
    asked of its record.)"""
    for a, b in sorted(record_shape(q, Plan(question=q)), reverse=True):
        q = q[:a] + " " * (b - a) + q[b:]
    return " ".join(q.split())


def number_beyond_fields(q: str) -> bool:
    """A number asked that is not a record field ("how many authors" is one)."""
    counted = _FIELDS[0][1]
    return any(not counted.match(q, m.start()) for m in _NUMBER_Q.finditer(q))


def asked_of_each(q: str, plan: Plan) -> None:
    """"Which papers prune attention heads, and what speedup does each report?" or "Two papers
    make diffusion models cheaper. How much memory does each save?": a list whose papers are each
    asked something; that part is a facet, and its words are no topic."""
    statements, asked = split_statements(q)
    pieces = parts(asked or q) or [asked or q]
    each = [p for p in pieces if _EACH.search(p)]
    rest = " ".join([statements] + [p for p in pieces if p not in each])
    if not each or not content_words(rest):
        return
    plan.facets = each
    # "just two papers on ...": the count says how many to list, and is no topic word.
    if m := _SAID_COUNT.search(rest):
        plan.list_n = _COUNTS[m.group(1).lower()]
        rest = rest[: m.start()] + " " + rest[m.end():]
    keep = set(content_words(rest))
    plan.topic_terms = [w for w in plan.topic_terms if w in keep]
