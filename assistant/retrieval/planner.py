"""Question understanding: a question -> a typed `Plan`, computed once and passed along.

The plan says what kind of question it is, which papers it refers to (by name, or by a
description resolved to its paper by its own search, with a confidence, or "not in the
collection"), the asked aspect (a number, a mechanism, a record field, a list ...), the
qualifiers the answer must match ("on CIFAR-10", "4-bit"), and the filters (authors,
venues, years).

The rules are English question grammar (interrogatives, the nouns that denote a collection,
record-field nouns), not phrasings of any question set. Numbers that must scale (how rare a
name is, how sure a description's match) come from `Settings`.

Out of scope: searching for evidence (retrieval/__init__.py) and answering (answer/).
"""

from __future__ import annotations

import re

from ..models import Aspect, Kind, Plan, RecordField, RecordQuery, Target, title_prefix
from ..settings import Settings
from ..text import NAME_TOKEN, content_words, coverage, looks_like_name, sentences, stem, stopwords
from .facets import ASPECT_CUE as _ASPECT_CUE, NUMBER_Q as _NUMBER_Q, comparison_facets, parts
from .names import NameIndex

# Nouns that denote members of the collection: "which papers", "how many works".
_UNIT = r"(?:papers?|works?|studies|study|articles?|entries|entry|publications?|preprints?|ones)"
_UNITS = r"(?:papers|works|studies|articles|entries|publications|preprints|ones)"  # a set of them
_COLLECTION_Q = re.compile(
    rf"\b(?:which|what|list|show|name|find|any|all|every|are there)\s+(?:of\s+the\s+|the\s+)?(?:other\s+)?(?:\w+[\s-]+){{0,3}}?{_UNITS}\b"
    rf"|\b{_UNITS}\s+(?:that|which|about|on|in|using|by|from|with|related|dealing|tackling|addressing)\b"
    rf"|\bhow many\s+(?:\w+\s+){{0,2}}{_UNIT}\b", re.I)
_COUNT = re.compile(rf"\b(?:how many|number of|count)\s+(?:\w+\s+){{0,2}}{_UNIT}\b", re.I)
_SUPERLATIVE = re.compile(
    rf"\b(oldest|earliest|first|newest|latest|most recent|last)\s+(?:\w+\s+){{0,2}}{_UNIT}\b"
    rf"|\b{_UNIT}\s+(?:is|was|are|were)\s+(?:the\s+)?(oldest|earliest|newest|latest|most recent)\b", re.I)
_MULTI_PAGE = re.compile(r"\b(?:more than one|several|multiple|two|both)\s+(?:of\s+the\s+)?(?:[\w-]+\s+){0,3}(?:pages|listings|lists)\b|\bduplicates?\b", re.I)
_ALL = re.compile(rf"\b(?:list|show|name)\s+(?:all|every)\s+(?:of\s+)?(?:the\s+)?{_UNIT}\b|\ball (?:the )?{_UNIT} in the collection\b", re.I)
# "compared with/to" and "over", "than" introduce a baseline of one paper's result, not a
# second subject; these say the subjects themselves are set side by side.
_COMPARE = re.compile(r"\b(compare(?!d\s+(?:with|to))\w*|differ\w*|vs\.?|versus|contrast\w*|similar\w*|side by side|both|each|respective(?:ly)?|trade-?offs?)\b", re.I)
_BASELINE_BEFORE = re.compile(r"\b(?:over|than|against|beyond|outperform\w*|beat\w*|compared\s+(?:with|to)|relative\s+to)\s+(?:the\s+|a\s+)?(?:\S+\s+){0,2}$", re.I)
# "a naive baseline", "existing allocators", "the standard approach": no particular paper, so
# nothing to resolve. ("a system that overlaps ..." can be a particular paper: an article alone says nothing.)
_UNSPECIFIC = re.compile(r"^\s*(?:(?:a|an|the|any|some)\s+)?(?:existing|prior|previous|standard|naive|vanilla|conventional|traditional|typical|baseline|state-of-the-art)\b|\bbaselines?\s*$", re.I)
_DEFINITE = re.compile(r"\bthe\s+(?:(?!\b(?:is|are|was|were|does|do|did|has|have|had|can|could|will|would|than|over|against|versus|vs)\b)[^,;?])+", re.I)
_FIELD_HEAD = re.compile(r"^\s*(?:who|whose|whom|when|where|(?:which|what)\s+(?:authors?|people|year|date|venue|conference|journal|organi[sz]ation|page|profile|lab|institution)|how many (?:authors|people|researchers))\b", re.I)
# Record fields, by the words that ask for them.
_FIELDS = [
    (RecordField.AUTHOR_COUNT, re.compile(r"\bhow many (?:\w+\s+)?(?:authors|people|researchers|co-?authors|names)\b", re.I)),
    (RecordField.FIRST_AUTHOR, re.compile(r"\b(?:first|lead|leading|primary)[\s-]+(?:listed\s+)?(?:author|name|writer)\b", re.I)),
    (RecordField.LAST_AUTHOR, re.compile(r"\b(?:last|final|senior)[\s-]+(?:listed\s+)?(?:author|name|writer)\b", re.I)),
    (RecordField.AUTHORS, re.compile(r"^\s*(?:who|whom|whose)\b|\b(?:authors?|co-?authors?|authored|wrote|written by|writers?)\b|\b(?:people|researchers|team)\s+(?:behind|who|that)\b", re.I)),
    (RecordField.DATE, re.compile(r"^\s*when\b|\bwhen\s+(?:was|were|did|is|are|has|had)\b|\b(?:what|which)\s+(?:year|date|month|day)\b|\bdated?\b|\bposted\b|\bhow (?:old|recent)\b", re.I)),
    (RecordField.VENUE, re.compile(r"\b(?:venue|conference|journal|proceedings|workshop|symposium)\b|\bwhere\b.{0,80}?\b(?:publish\w*|appear\w*|present\w*|accept\w*|submitt?\w*)"
                                   r"|\b(?:appear\w*|published|presented|accepted)\s+(?:in|at|to)\b(?!\s+(?:19|20)\d\d)", re.I)),
    (RecordField.ORGANISATION, re.compile(r"\b(?:organi[sz]ation|affiliat\w*|institut\w*|universit\w*|lab|laboratory|compan\w*|group)\b", re.I)),
    (RecordField.PAGE, re.compile(r"\b(?:which|what)\s+(?:\w+\s+)?(?:page|profile|listing)\b|\blisted (?:on|under|in)\b", re.I)),
]
_RECORD_VERBS = re.compile(r"\b(?:published|appeared|posted|released|uploaded|submitted|listed|shown|dated)\b", re.I)
# "How many training tokens was X trained on?": the counted noun is the word before the verb.
_HOW_MANY = re.compile(r"\bhow many\s+(?:[\w-]+\s+){0,3}?([\w-]+)\s+(?:does|do|did|is|are|was|were|has|have|had|can|could|will|would)\b", re.I)
# Units name no counted thing ("how many percentage points", "how many times").
_UNIT_WORDS = {"times", "points", "percent", "percentage", "fold", "x", "orders", "factors"}
_METHOD_Q = re.compile(r"\bhow (?:does|do|did|is|are|can)\b|\b(?:technique|mechanism|method|approach|strategy|algorithm|idea|trick|design)s?\b|\bby what means\b", re.I)
_PROBLEM_Q = re.compile(r"\b(?:problem|challenge|bottleneck|issue|limitation|motivation)s?\b|\b(?:address|tackle|solve|target|overcome|mitigate)\w*\b", re.I)
_DEFINE_Q = re.compile(r"^\s*(?:what|who)\s+(?:is|are|was|were)\s+(?:the\s+)?(.+?)\??\s*$", re.I)
_YES_NO = re.compile(r"^\s*(?:is|are|does|do|did|can|could|was|were|has|have|will|would)\b", re.I)
_YEAR = re.compile(r"\b(since|after|before|from|in|during)?\s*((?:19|20)\d\d)\b", re.I)
_FRAME_START = re.compile(r"^\s*(?:how\s+(?:do|does|did)|what\s+(?:is|are)\s+the\s+differences?\s+between|compare|contrast|differences?\s+between|in what ways? (?:do|does))\s+", re.I)
_STRONG_SPLIT = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|vs\.?|versus)\s+", re.I)
# A target's confidence is its lookup strength / 3: a title prefix 1.0, a name an abstract
# introduces 0.67, a rare word an abstract merely uses 0.33.
_WEAK_NAME = 0.34
_SPLIT = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|vs\.?|versus|with|against|to|or)\s+", re.I)


def _ends(m: re.Match) -> list[tuple[int, int]]:
    """The first and last word of a match: "where ... published" asks the venue, the words
    between still describe the paper."""
    words = list(re.finditer(r"\S+", m.group()))
    if not words:
        return []
    return [(m.start() + words[0].start(), m.start() + words[0].end()), (m.start() + words[-1].start(), m.start() + words[-1].end())]


class Planner:
    def __init__(self, names: NameIndex, search, settings: Settings):
        self.names = names
        self.search = search  # search(query, k, ids=None) -> hits; resolves descriptions
        self.settings = settings

    def plan(self, question: str) -> Plan:
        q = re.sub(r"\s+", " ", question.strip())
        plan = Plan(question=q)
        plan.authors = self.names.authors_in(q)
        author_words = {w for a in plan.authors for w in a.lower().split()}
        unknown: list[str] = []
        seen: set[str] = set()
        for m in NAME_TOKEN.finditer(q):
            tok, key = m.group(), m.group().lower()
            if key in seen or key in author_words:
                continue
            seen.add(key)
            cands = self.names.lookup(tok)
            if plus := re.match(r"\++", q[m.end():]):
                # "ZeRO++" is a successor of ZeRO, not ZeRO (lookups drop the "+"): a paper's
                # name only when its title goes by it as written, else a qualifier.
                tok += plus.group()
                cands = {pid: v for pid, v in (cands or {}).items()
                         if (title_prefix(self.names.papers[pid]) or "").lower() == tok.lower()}
                if not cands:
                    plan.specifics.append(tok)
                    continue
            if cands:
                best = max(cands.values())
                ids = sorted((pid for pid, v in cands.items() if v == best), key=lambda i: self.names.papers[i].title)
                target = Target(tok, ids, confidence=best / 3)  # a title prefix 1.0, a word an abstract uses 0.33
                target.baseline = bool(_BASELINE_BEFORE.search(q[: m.start()]))
                plan.targets.append(target)
            elif key in self.names.venues:  # a filter only if the question turns out to be a list
                plan.venues[tok] = sorted(self.names.venues[key])
            elif looks_like_name(tok) and not self.names.known(key):
                unknown.append(tok)
            elif looks_like_name(tok) or re.search(r"\d", tok):
                plan.specifics.append(tok)
        for phrase, ids in self.names.multiword_names(q).items():
            if phrase not in {t.phrase.lower() for t in plan.targets}:
                plan.targets.append(Target(phrase, ids))
        plan.specifics += [m.group() for m in re.finditer(r"(?<![\w.])\d+(?:\.\d+)?(?:[-\s]?(?:bit|%|x|B|GB|K))\b", q)
                           if m.group() not in plan.specifics]
        spans = self._year(q, plan) + self._record_shape(q, plan)
        self._kind(q, plan, unknown)
        named = {w for t in plan.targets for w in t.phrase.lower().split()} | author_words | {v.lower() for v in plan.venues}
        # The topic is what is left once names, people, years and the record words are out.
        blanked = q
        for a, b in sorted(spans, reverse=True):
            blanked = blanked[:a] + " " * (b - a) + blanked[b:]
        plan.topic_terms = [w for w in content_words(blanked) if w not in named and not re.fullmatch(r"(19|20)\d\d", w)]
        self._aspect(q, plan)
        if plan.aspect is Aspect.NUMBER and (m := _HOW_MANY.search(q)) and m.group(1).lower() not in _UNIT_WORDS:
            plan.measure = m.group(1)
        if plan.kind in (Kind.FACTOID, Kind.METADATA) and plan.record_query is None:
            subjects = [t for t in plan.targets if not t.baseline]
            if not subjects:
                self._describe_single(q, plan)
            # A word some abstracts use ("NAS"), which no paper goes by in its title or
            # introduces as its name, names no paper firmly: the description around it decides.
            elif not (all(t.confidence <= _WEAK_NAME for t in subjects) and self._describe_single(q, plan, weak=subjects)):
                self._narrow(q, plan)
        return plan

    # ---- parts ------------------------------------------------------------------------------
    def _year(self, q: str, plan: Plan) -> list[tuple[int, int]]:
        for ym in _YEAR.finditer(q):
            # "2048 tokens" is a length: a year is one the corpus has, or one after a preposition.
            year = int(ym.group(2))
            if year in self.names.years or (ym.group(1) and not re.match(r"\s*[-A-Za-z%]", q[ym.end():])):
                plan.year = ((ym.group(1) or "in").lower(), year)
                return [ym.span()]
        return []

    def _record_shape(self, q: str, plan: Plan) -> list[tuple[int, int]]:
        spans = []
        for f, pattern in _FIELDS:
            m = pattern.search(q)
            if m and not (f is RecordField.AUTHORS and {RecordField.FIRST_AUTHOR, RecordField.LAST_AUTHOR,
                                                          RecordField.AUTHOR_COUNT} & set(plan.fields)):
                plan.fields.append(f)
                spans += _ends(m)
        if _NUMBER_Q.search(q) and RecordField.AUTHOR_COUNT not in plan.fields:
            # "How much faster ... when running X" asks a number, not a date.
            plan.fields = [f for f in plan.fields if f is not RecordField.DATE or _FIELD_HEAD.match(q)]
        # Verbs of the record ("published in 2019", "posted"): never the topic.
        spans += [m.span() for m in _RECORD_VERBS.finditer(q)]
        for pattern, query in ((_COUNT, RecordQuery.COUNT), (_SUPERLATIVE, None), (_MULTI_PAGE, RecordQuery.MULTI_PAGE),
                               (_ALL, RecordQuery.ALL)):
            m = pattern.search(q)
            if not m:
                continue
            if query is None:
                word = (m.group(1) or m.group(2)).lower()
                query = RecordQuery.OLDEST if word in ("oldest", "earliest", "first") else RecordQuery.NEWEST
                plan.record_n = 3 if re.search(_UNITS, m.group(), re.I) else 1
            plan.record_query = query
            spans += _ends(m)
            break
        return spans

    def _kind(self, q: str, plan: Plan, unknown: list[str]) -> None:
        collection = bool(_COLLECTION_Q.search(q)) or plan.record_query in (RecordQuery.COUNT, RecordQuery.ALL)
        if plan.record_query is RecordQuery.COUNT and any(not t.baseline for t in plan.targets):
            plan.record_query, collection = None, False  # "how many papers does S2ORC contain": a number in it
        compare = bool(_COMPARE.search(q))
        if unknown:
            # An unknown name-like word is a missing paper when the question is about papers
            # as such; beside a known paper it is a qualifier its abstract may lack ("on CIFAR-100").
            if compare or not plan.targets:
                plan.targets += [Target(u, []) for u in unknown]
            else:
                plan.specifics += unknown
        subjects = [t for t in plan.targets if not getattr(t, "baseline", False)] or plan.targets[:1]
        papers = {pid for t in subjects for pid in t.paper_ids} | {t.phrase for t in subjects if t.missing}
        field_head = bool(plan.fields and _FIELD_HEAD.match(q))
        if plan.record_query in (RecordQuery.OLDEST, RecordQuery.NEWEST, RecordQuery.MULTI_PAGE):
            plan.kind = Kind.METADATA
        elif len(papers) >= 2 and not field_head and (compare or self._coordinated(q, subjects)) \
                and not (plan.fields and not compare):
            plan.kind = Kind.COMPARATIVE
            plan.specifics += [t.phrase for t in plan.targets if t not in subjects]  # "over FP16": a qualifier
            plan.targets = subjects
        elif compare and not collection and len(papers) < 2 and not field_head and self._describe_compared(q, plan):
            plan.kind = Kind.COMPARATIVE
        elif collection or (plan.authors and not plan.targets) or (plan.venues and not plan.targets) \
                or (plan.year and not plan.targets and not plan.fields):
            plan.kind = Kind.AGGREGATE
        elif plan.fields and (field_head or not _NUMBER_Q.search(q)):
            plan.kind = Kind.METADATA
        if plan.kind is Kind.FACTOID and len(plan.targets) > 1:
            # One subject; the other names qualify it ("over vLLM", "in PyTorch").
            subject = max(subjects, key=lambda t: t.confidence)  # first among equals
            plan.specifics += [t.phrase for t in plan.targets if t is not subject and not t.missing
                               and (t.baseline or t.paper_ids != subject.paper_ids)]  # another name of the same paper is no qualifier
            plan.targets = [subject] + [t for t in plan.targets if t.missing and t is not subject]
        plan.venues = plan.venues if plan.kind is Kind.AGGREGATE else {}

    @staticmethod
    def _coordinated(q: str, subjects: list[Target]) -> bool:
        """'X and Y', 'X, Y and Z', 'between X and Y', 'from X to Y': the subjects are joined."""
        low = q.lower()
        pos = sorted((low.find(t.phrase.lower()), t.phrase) for t in subjects if low.find(t.phrase.lower()) >= 0)
        for (a, pa), (b, _) in zip(pos, pos[1:]):
            between = low[a + len(pa): b]
            joined = re.search(r"(?:^|\W)(?:and|or|vs\.?|versus|to|with)(?:\W|$)|,", between)
            if not joined or content_words(between):  # only a conjunction and frame words between
                return False
        return len(pos) >= 2

    def _aspect(self, q: str, plan: Plan) -> None:
        if plan.kind is Kind.AGGREGATE:
            plan.aspect = Aspect.LIST
        elif plan.kind is Kind.METADATA:
            plan.aspect = Aspect.RECORD
        elif _NUMBER_Q.search(q):
            plan.aspect = Aspect.NUMBER
        elif (m := _DEFINE_Q.match(q)) and len(content_words(m.group(1))) <= 2 + len(plan.targets):
            plan.aspect = Aspect.DEFINITION
        elif _PROBLEM_Q.search(q):
            plan.aspect = Aspect.PROBLEM
        elif _METHOD_Q.search(q):
            plan.aspect = Aspect.METHOD
        elif _YES_NO.match(q):
            plan.aspect = Aspect.YES_NO
        if plan.aspect is Aspect.GENERAL and self._quantity_noun(plan.topic_terms):
            plan.aspect = Aspect.NUMBER
        described = {w for t in plan.targets if t.by == "description" for w in content_words(t.phrase)}
        plan.aspect_terms = [w for w in plan.topic_terms if w not in described]
        baselines = [x for x in plan.specifics if looks_like_name(x) and _BASELINE_BEFORE.search(q[: max(q.find(x), 0)])]
        if plan.kind is Kind.COMPARATIVE:
            plan.facets = comparison_facets(q, plan, baselines)
        elif plan.kind is Kind.FACTOID:
            plan.facets = parts(q)
        # Measured against a baseline, or asking "how much": the row's answer is a number.
        plan.numeric_facets = [f for f in plan.facets if _NUMBER_Q.search(f) or self._quantity_noun(content_words(f))
                               or any(b in f for b in baselines)]

    def _quantity_noun(self, terms: list[str]) -> bool:
        """Does the question ask for a measure ("accuracy", "speedup")? Words that the corpus
        states with a number most of the time are measures."""
        affinity = self.names.quantity_affinity
        return any(affinity.get(stem(t), 0.0) >= self.settings.quantity_affinity for t in terms[:6])

    # ---- descriptions -------------------------------------------------------------------------
    def _resolve(self, phrase: str, taken: set[str]) -> Target | None:
        hits = [h for h in self.search(phrase, 5 + len(taken)) if h.paper.id not in taken]
        if not hits:
            return None
        # Among the fused ranking's candidates (it weighs exact names and numbers, "71.59%"),
        # the one meant is closest in meaning *and* uses the description's words: fused scores
        # of near neighbours are nearly flat, and a small embedder alone confuses siblings.
        s = self.settings
        words = content_words(phrase)
        fit = {h.paper.id: s.evidence_dense_weight * h.dense
               + s.evidence_lexical_weight * coverage(words, f"{h.paper.title} {h.paper.abstract}") for h in hits}
        ranked = sorted(hits, key=lambda h: -fit[h.paper.id])  # stable: fused order breaks ties
        top = ranked[0]
        margin = fit[top.paper.id] - (fit[ranked[1].paper.id] if len(ranked) > 1 else 0.0)
        if top.dense < s.describe_min_similarity:
            return Target(phrase, [], by="description", confidence=0.0)
        return Target(phrase, [top.paper.id], by="description", confidence=round(margin, 3))

    def _describe_compared(self, q: str, plan: Plan) -> bool:
        """'Compare the allocator that plans offline with the in-browser kernel system': each
        compared phrase that names no paper is a description, resolved by its own search."""
        said = sentences(q)
        if len(said) > 1:
            # "Three works: A, B and C. What does each report?": the statements name the papers,
            # the question sentence asks; a short lead-in before a colon only counts them.
            body = " ".join(said[:-1]).rstrip(". ")
            head, colon, rest = body.partition(":")
            if colon and len(content_words(head)) < 2:
                body = rest
        else:
            body = _FRAME_START.sub("", q.rstrip("?. "))
            cue = _ASPECT_CUE.search(body)
            if cue:
                body = body[: cue.start()]
        named = {t.phrase.lower() for t in plan.targets}
        taken = {pid for t in plan.targets for pid in t.paper_ids}
        found = []
        segments = _STRONG_SPLIT.split(body)
        if len(segments) < 2:  # "compare X with Y": the weaker joints only when no "and"/","
            segments = _SPLIT.split(body)
        for seg in segments:
            words = content_words(seg)
            if len(words) < 2 or any(n in seg.lower() for n in named) or _UNSPECIFIC.search(seg):
                continue
            target = self._resolve(seg.strip(), taken)
            if target and not target.missing:  # an unmatched phrase may be no paper at all
                taken.update(target.paper_ids)
                found.append(target)
        if len(plan.targets) + len(found) >= 2 and found:
            plan.targets += found
            return True
        return False

    def _describe_single(self, q: str, plan: Plan, weak: list[Target] = ()) -> bool:
        """A factoid or record question about one paper it describes ("who wrote the allocator
        that plans offline?"): the paper is the one the description finds, if it stands out."""
        # Only baselines named ("... faster than ZO2"): the subject is the paper the rest describes.
        baselines = [t for t in plan.targets if t.baseline]
        rest = q
        for t in baselines:
            rest = re.sub(re.escape(t.phrase), " ", rest, flags=re.I)
        words = [w for w in content_words(rest) if w not in stopwords() and w not in {t.phrase.lower() for t in weak}]
        if len(words) < 2:
            return False
        # The description is the definite noun phrase ("the framework for distributed
        # fine-tuning"), not the asked aspect around it ("how much faster ... than").
        # A statement before the question ("There is a method that ... . What speedup does it
        # report?") is the description, and the question sentence holds the asked aspect.
        said = sentences(rest)
        context = " ".join(said[:-1]) if len(said) > 1 and len(content_words(" ".join(said[:-1]))) >= 2 else ""
        phrases = [m.group() for m in _DEFINITE.finditer(rest) if len(content_words(m.group())) >= 2]
        if weak and not (context or phrases):
            return False  # nothing but the weak name says which paper: it stands
        phrase = context or max(phrases, key=lambda x: len(content_words(x)), default=rest)
        target = self._resolve(phrase, {pid for t in baselines for pid in t.paper_ids})
        if target and not target.missing and target.confidence >= self.settings.describe_min_margin:
            target.phrase = " ".join(rest.split())
            plan.specifics += [t.phrase for t in baselines if t.phrase not in plan.specifics]
            plan.specifics += [t.phrase for t in weak if t.phrase not in plan.specifics]
            plan.targets = [target]
            if context:
                plan.aspect_terms = [w for w in content_words(said[-1]) if w in plan.topic_terms]
                if plan.aspect is Aspect.GENERAL and self._quantity_noun(plan.aspect_terms):
                    plan.aspect = Aspect.NUMBER
            return True
        return False

    def _narrow(self, q: str, plan: Plan) -> None:
        """A name two papers share ("SSDTrain") in a question about one ("the version that
        evaluates on Llama"): keep the paper the rest of the question fits, if it stands out."""
        for t in plan.targets:
            if len(t.paper_ids) < 2:
                continue
            rest = [w for w in plan.topic_terms if w not in t.phrase.lower()]
            fit = sorted(((coverage(rest, f"{p.title} {p.abstract} {p.venue or ''}"), pid)
                          for pid in t.paper_ids if (p := self.names.papers[pid])), reverse=True)
            if rest and fit[0][0] > fit[1][0]:  # the rest of the question fits one of them better
                t.paper_ids, t.confidence = [fit[0][1]], round(fit[0][0] - fit[1][0], 3)
