"""Telling apart the papers a phrase may mean: candidates of a description nearly as fit as each
other (a compound's part one of them alone uses), and the papers a shared name goes by (the rest
of the question, or of the phrase, fits one of them better).

Out of scope: finding the candidates (descriptions.py), the names themselves (names.py).
"""

from __future__ import annotations

import re

from ..models import Kind, Plan, Target, title_prefix

from ..text import as_word, content_words, coverage, looks_like_name, stopwords
from .phrasing import _COUNTS, _SAID_COUNT, _STRONG_SPLIT, _WEAK_NAME, set_aside


def told_apart(words: list[str], ranked: list, fit: dict[str, float], margin: float) -> list:
    """Candidates nearly as fit as the first ("the noise-damping tuner": two tuners, neither
    writing "noise-damping"): the one alone using a part of the compound the others lack goes
    first, and is as fit as the first was plus `margin`."""
    if len(ranked) < 2:
        return ranked
    close = [h for h in ranked if fit[ranked[0].paper.id] - fit[h.paper.id] < margin]
    texts = {h.paper.id: f"{h.paper.title} {h.paper.abstract}" for h in close}
    parts = [x for w in words if "-" in w and not any(coverage([w], t) for t in texts.values())
             for x in w.split("-") if len(x) > 2 and x not in stopwords()]
    told = {pid: sum(coverage([x], t) for x in parts) for pid, t in texts.items()}
    best = max(told.values(), default=0)
    if len(close) < 2 or not best or sum(v == best for v in told.values()) > 1:
        return ranked
    first = next(h for h in close if told[h.paper.id] == best)
    fit[first.paper.id] = fit[ranked[0].paper.id] + margin
    return [first] + [h for h in ranked if h is not first]


def _fit(words: list[str], pids: list[str], papers, venue: bool = False, years: list[str] = ()) -> list[tuple[float, str]]:
    """`pids` by how much of `words` each paper's title and abstract (and venue) use, best first;
    a record of one of `years` counts one more."""
    return sorted(((coverage(words, f"{p.title} {p.abstract}" + (f" {p.venue or ''}" if venue else ""))
                    + (p.year is not None and str(p.year) in years), pid) for pid in pids if (p := papers[pid])), reverse=True)


def narrow_by_phrase(q: str, t: Target, papers) -> None:
    """A name several papers use, inside a longer phrase ("the BazLib CNN pruning
    whitepaper"): the paper the phrase's other words fit best, if one fits best."""
    prefixes = {(title_prefix(papers[pid]) or "").lower() for pid in t.paper_ids}
    if len(t.paper_ids) >= 2 and (m := re.search(rf"(?<![\w-]){re.escape(t.phrase)}\s*\(([^()]+)\)", q)):
        # "FooNet (the 2023 one on BarBench)": an aside right after a name versions share says
        # which version, by its words and its year.
        aside = [w for w in content_words(m.group(1)) if w != t.phrase.lower()]
        years = re.findall(r"\b(?:19|20)\d\d\b", m.group(1))
        fit = _fit(aside, t.paper_ids, papers, venue=True, years=years)
        if fit[0][0] > fit[1][0]:
            t.paper_ids = [fit[0][1]]
            return
    if len(t.paper_ids) < 2 or (t.confidence > _WEAK_NAME and (len(prefixes) == 1 and "" not in prefixes
                                                                or len(as_word(t.phrase).findall(q)) > 1)):
        # A title's name shared by versions: all of them (not a word two titles use, "SoC", said
        # once; said in several places, it may be each paper's).
        return
    phrase = next((seg for seg in _STRONG_SPLIT.split(q) if t.phrase.lower() in seg.lower()), "")
    rest = [w for w in content_words(phrase) if w != t.phrase.lower()]
    fit = _fit(rest, t.paper_ids, papers)
    if rest and len(fit) > 1 and fit[0][0] > fit[1][0]:
        t.paper_ids = [fit[0][1]]


def narrow(q: str, plan: Plan, papers) -> None:
    """A name two papers share ("FooTrain") in a question about one ("the version that
    evaluates on BarBench"): keep the paper the rest of the question fits, if it stands out."""
    # ... unless the question counts them: "the two FooNet papers" are both asked about.
    said = {_COUNTS[m.group(1).lower()] for m in _SAID_COUNT.finditer(q)}
    for t in plan.targets:
        if len(t.paper_ids) < 2 or len(t.paper_ids) in said:
            continue
        rest = [w for w in plan.topic_terms if w not in t.phrase.lower()]
        fit = _fit(rest, t.paper_ids, papers, venue=True)
        if rest and fit[0][0] > fit[1][0]:  # the rest of the question fits one of them better
            t.paper_ids, t.confidence = [fit[0][1]], round(fit[0][0] - fit[1][0], 3)


def most_decisive(target: Target, readings: list[tuple[str, bool]], resolve, tells) -> Target:
    """`target` read again from each of `readings` ((words, weighted): the phrase with the kind a
    count names, with what the question asks of the papers): the reading that tells its paper
    from the next one by the widest margin stands, if its paper uses a word of the phrase
    (`tells`). A description that says little alone ("the FooBar one") is then the paper
    that also states what is asked, or is of the kind counted."""
    for words, weighted in readings:
        again = resolve(words, weighted)
        if again and not again.missing and again.confidence > target.confidence and tells(again.paper_ids[0]):
            again.phrase, target = target.phrase, again
    return target


def narrow_versions(q: str, plan: Plan, papers) -> None:
    """A name versions of one work share, qualified by a year, a venue or a name in its own part
    of the question ("the FooConf 2025 FooTrain (the one run on BarLM) vs BazNet", "the FooConf
    version of FooTrain"): the version those fit better. Only such words tell versions
    apart; the ordinary words of what is asked fit either. Named again with words that fit
    another version ("the 2025 FooTrain and the 2024 FooTrain write-up"), it is each of them."""
    for t in plan.targets:
        prefixes = {(title_prefix(papers[pid]) or "").lower() for pid in t.paper_ids}
        others = [u for u in plan.targets if u is not t and u.paper_ids and not set(u.paper_ids) & set(t.paper_ids)]
        # (A comparison with no other paper compares the versions themselves; so does a question
        # about this work alone that speaks of several: "two FooTrain papers", "what does each say".)
        if len(t.paper_ids) < 2 or t.baseline or len(prefixes) != 1 or "" in prefixes \
                or (not others and (plan.kind is Kind.COMPARATIVE or re.search(r"\b(?:both|each|two|either|they)\b", q, re.I))):
            continue
        picks = set()
        for seg in _STRONG_SPLIT.split(q):
            if not seg or not (at := as_word(t.phrase).search(seg)) or any(as_word(u.phrase).search(seg) for u in others) \
                    or set_aside(seg[: at.end()], t.phrase):
                continue  # (nor a mention set aside: "not the older FooTrain")
            # (Proper nouns too, "Quxnet": capitalised inside a sentence.)
            telling = {m.group() for m in re.finditer(r"[\w.+-]+", seg) if m.group().lower() != t.phrase.lower()
                       and (looks_like_name(m.group()) or re.fullmatch(r"(?:19|20)\d\d", m.group())
                            or (m.group()[:1].isupper() and re.search(r"[\w,;(]\s*$", seg[: m.start()])))}
            fit = sorted(((sum(as_word(w).search(f"{p.title} {p.abstract} {p.venue or ''} {p.date or ''}") is not None for w in telling), pid)
                          for pid in t.paper_ids if (p := papers[pid])), reverse=True)
            # (Asked of this work alone, only words none of which fit the other version pick one:
            # "the 2024 FooTrain and its FooConf 2025 version" speaks of both.)
            if telling and fit[0][0] > fit[1][0] and (others or not fit[1][0]):
                picks.add(fit[0][1])
        if len(picks) == 1:
            t.paper_ids = list(picks)
