"""Text utilities every stage shares: sentences, content words, stems, names, quantities.

Stop words are NLTK's English list (shipped inside llama-index-core, no download) plus the
words that frame a question *about papers* rather than naming its subject ("paper",
"compare", "list"): a property of the genre, not of any question set. Stemming is Snowball
(PyStemmer).

Out of scope: tokenising for the embedder (embeddings.py) or for BM25 (search).
"""

from __future__ import annotations

import re
from functools import lru_cache

# How people ask about a collection of papers: request verbs, comparison verbs and the
# collection's own nouns. They shape the question; they never say what it is about.
QUESTION_FRAME = frozenset(
    """paper papers work works study studies article articles entry entries publication publications
    collection corpus listed list lists tell show give describe explain summarize summarise please
    compare compared comparing comparison differ differs difference differences versus vs contrast
    propose proposed proposes present presents presented introduce introduces introduced
    one ones also each both either respective respectively way ways use used uses using many much
    main key major fare fares change changed changes report reports reported say says
    distinguish distinguishes distinguishing apart similar similarity similarities agree agrees disagree""".split()
)

_VERSUS_JOINED = re.compile(r"-(?:vs|versus|v\.s)\.?-")
_WORD = re.compile(r"[a-z0-9][a-z0-9\.\-%]*[a-z0-9%]|[a-z0-9]")
# "ZO2", "FlashOverlap", "db-SP", "LLM.int8()", "CIFAR-10": a token as a name is written.
NAME_TOKEN = re.compile(r"(?<![\w$])[A-Za-z][A-Za-z0-9]*(?:[\-\.][A-Za-z0-9]+)*(?:\(\))?")
# "LLM-based", "PIM-aware": descriptions made of a name and a suffix, not names.
_ADJECTIVE = re.compile(r"-(aware|based|tolerant|free|level|like|driven|specific|efficient|friendly|scale|wise|style|only|class|grade|sized|type|oriented|centric)$", re.I)
# Of those, the suffixes that say what kind of thing the word before is ("desktop-class").
_KIND_OF = re.compile(r"-(class|grade|sized|type|like|style|oriented|centric)$", re.I)
# A number with what it counts: "1.25x", "71.59%", "3-bit", "175B", "18GB", "2.5 times";
# not a digit inside a word ("2D parallelism", "3rd"). A scraped abstract's LaTeX may lose the
# space after its math command: "(approx40%)", "sim3x" state numbers.
# The words a result is set against what follows with ("outperforms X", "2x over X", "than X").
AGAINST_WORDS = r"over|than|against|versus|vs\.?|outperform\w*|beat\w*|surpass\w*|compared\s+(?:with|to)|relative\s+to"
SI_UNIT = r"[pnµμumkKMGT]?(?:m|g|W|J|Wh|V|A|Hz|OPS|FLOPS|b)"
QUANTITY = re.compile(
    r"(?:(?<![\w.])|(?<=\bapprox)|(?<=\bsim)|(?<=\bleq)|(?<=\bgeq))\d+(?:[.,]\d+)*(?:\s*(?:\\?%|x\b|×|times\b|\\times|-?bits?\b|[kKMGT]?B\b|[kKMB]\b|billion\b|million\b|"
    r"thousand\b|pp\b|ms\b|s\b|hours?\b|GPUs?\b|tokens?\b|[kMG]?Hz\b|W\b|mW\b|J\b|FLOPS\b|TOPS\b|fps\b|"
    # An SI unit, prefixed, glued or not ("7nm", "64Kb", "3.2mm2", "5 pJ").
    rf"{SI_UNIT}(?:\^?2|²)?\b))?(?![A-Za-z0-9])",
)
_YEARLIKE = re.compile(r"^(19|20)\d\d$")
_MAGNITUDE = re.compile(r"\b(?:tens|hundreds|thousands|millions|billions|trillions|dozens)\s+of\b", re.I)
# Greek letters that name a tunable value in papers ("the smoothing factor beta", "FooNet's
# decay rate lambda"), each with how a text may write it. (Not "pi" or "mu": a constant and a
# unit prefix, and names too, "Raspberry Pi".)
SYMBOLS = {"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "εϵ", "eta": "η", "theta": "θ",
           "kappa": "κ", "lambda": "λ", "rho": "ρ", "sigma": "σ", "tau": "τ", "omega": "ω"}


def writes_symbol(name: str, text: str) -> bool:
    """Does `text` write the symbol `name` ("eta": "eta", "\\eta", "η"), as a word (not "beta", "metadata")?"""
    return bool(re.search(rf"(?<![A-Za-z]){name}(?![A-Za-z])|[{SYMBOLS[name]}]", text, re.I))


MARKER = re.compile(r"\[(\d+(?:\s*[,;]\s*\d+)*)\]")
_ABBREV = re.compile(r"(?:\b(?:e\.g|i\.e|(?i:vs)|(?i:v\.s)|et al|Fig|Figs|Eq|Sec|approx|cf|resp|Inc|Ltd|No|etc)\.|(?<![\w-])[A-Z]\.)$")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    from llama_index.core.utils import globals_helper

    return frozenset(globals_helper.stopwords) | QUESTION_FRAME


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    low = word.lower()
    out = _stemmer().stemWord(low)
    # Snowball keeps an acronym's plural whole ("llms", "cnns": no vowel before the s), so
    # "LLMs" would never match "LLM": the singular's stem.
    if out == low and len(low) > 3 and low.endswith("s") and not re.search(r"[aeiouy]", low[:-1]):
        return low[:-1]
    return out


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def content_words(text: str) -> list[str]:
    """Lower-cased words that carry meaning: no stop words, no question frame, no 1-letter words."""
    stop = stopwords()
    return [w for w in words(text) if w not in stop and len(w) > 1]


# A name written in camel case, its parts capitalised ("FooTrain", "QUXFormer", "BarDB"); not
# one with digits ("FooQX3": its acronym is "QX3", another work's name).
_CAMEL = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]*[a-z][A-Z][A-Za-z]*(?![A-Za-z0-9])|(?<![A-Za-z0-9])[A-Z]{2,}[a-z][A-Za-z]*(?![A-Za-z0-9])")
_CAMEL_PART = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+")


def camel_parts(text: str) -> list[str]:
    """The acronyms inside each camel-case name in `text`, lower case: "the SSDFoo trainer",
    "vLLM" -> ssd, llm. An acronym in a name says what the work is built on, and a question may
    name it alone; a word part says less ("Flash" in a kernel's name is no flash storage).
    (Not an acronym's plural, "GPUs".)"""
    return [x.lower() for m in _CAMEL.finditer(text) if not re.fullmatch(r"[A-Z]+s", m.group())
            for x in _CAMEL_PART.findall(m.group()) if len(x) > 2 and x.isupper()]


@lru_cache(maxsize=16384)
def stems(text: str) -> frozenset[str]:
    # Remembered: evidence scoring asks for the same sentences' stems once per facet and paper.
    return frozenset(stem(w) for w in words(text))


@lru_cache(maxsize=4096)
def _spaced_or_hyphened(term: str) -> str:
    """"in-place-tiling" as written either way, word by word: "In-Place Tiling"."""
    return r"(?<![a-z0-9])" + r"[\s-]+".join(re.escape(x) for x in term.split("-") if x) + r"(?![a-z0-9])"


def coverage(terms: list[str], text: str, weights: dict[str, float] | None = None) -> float:
    """Share of `terms` that occur (stemmed, or as written when longer than 3) in `text`; a
    hyphenated term also as its words ("mixture-of-experts" in "Mixture of Experts", "in-place
    tiling" for "in-place-tiling"), and any
    term whatever its hyphens ("dataflow" in "data-flow", "pre-train" in "pretrain"); with
    `weights`, the share of their weight (a rare word counting more than a common one)."""
    if not terms:
        return 0.0
    have = stems(text)
    low = " " + re.sub(r"\s+", " ", text.lower()) + " "
    joined = low.replace("-", "")
    w = weights or {}
    total = sum(w.get(t, 1.0) for t in terms)
    found = sum(w.get(t, 1.0) for t in terms
                if stem(t) in have or (len(t) > 3 and (t in low or ("-" in t and t.replace("-", " ") in low)
                                                       or (len(t) > 5 and re.search(rf"(?<![a-z0-9]){re.escape(t.replace('-', ''))}", joined))
                                                       or ("-" in t and re.search(_spaced_or_hyphened(t), low))))
                # ("CPU-vs-GPU": two things set against each other, each a word of its own)
                or (len(sides := _VERSUS_JOINED.split(t)) > 1 and all(stem(x) in have for x in sides))
                # ("desktop-class GPUs"): the word a suffix says a kind of
                or ((a := _KIND_OF.search(t)) and len(t[: a.start()]) > 2 and stem(t[: a.start()]) in have))
    return found / total if total else 0.0


def plain_latex(text: str) -> str:
    """'$\\textbf{PARSE}$' -> 'PARSE', so names inside LaTeX markup are found."""
    return glued_superscripts(re.sub(r"\\[a-zA-Z]+\{([^{}]*)\}", r"\1", text).replace("$", ""))


def glued_superscripts(text: str) -> str:
    """'F^2Net', 'F^{2}Net' -> 'F2Net': a superscript inside a word is part of its name (as
    titles are indexed); 'n^2' and 'mm^2' stay."""
    return re.sub(r"(?<=[A-Za-z])\^\{?([A-Za-z0-9]+)\}?(?=[A-Za-z])", r"\1", text)


def as_word(name: str) -> re.Pattern:
    """`name` where it stands as a whole word, any case: "FooNet" not inside "DistFooNet", "FooNet-x" or "FooNet++" (its successor)."""
    return re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w+-])", re.I)


def looks_like_name(tok: str) -> bool:
    """'ZO2', 'FlashOverlap', 'db-SP', 'LLM.int8()': capitals inside, or letters with digits."""
    core = tok.rstrip("()")
    if len(core) < 2 or _ADJECTIVE.search(core):
        return False
    inner_caps = sum(c.isupper() for c in core[1:])
    has_digit = any(c.isdigit() for c in core) and any(c.isalpha() for c in core)
    return inner_caps >= 1 or has_digit


def quantities(text: str) -> list[str]:
    """The numbers a sentence states, years and reference numbers left out."""
    out = []
    for m in QUANTITY.finditer(text):
        q = m.group().strip()
        # "(1)", or "1)" with no parenthesis open, or "1. " opening a line: an item of a list, no quantity.
        enumerator = text[m.end(): m.end() + 1] == ")" and (text[m.start() - 1: m.start()] == "(" or (
            q.isdigit() and text.count("(", 0, m.start()) <= text.count(")", 0, m.start())))
        enumerator = enumerator or (q.isdigit() and re.match(r"\.\s", text[m.end(): m.end() + 2]) is not None
                                    and not text[text.rfind("\n", 0, m.start()) + 1: m.start()].strip())
        in_name = bool(re.search(r"[A-Za-z][\w.\-]*-$", text[max(0, m.start() - 20): m.start()]))  # "Qwen3-4B"
        # A digit glued to letters that are no unit, or raised in markup, is part of a name:
        # "M^2Net", "M^{2}Net", "3D".
        in_name = in_name or text[m.start() - 1: m.start()] in ("^", "{") or bool(re.match(r"[A-Za-z]", text[m.end(): m.end() + 1]))
        if _YEARLIKE.match(q) or not q or enumerator or in_name:
            continue
        out.append(q)
    return out


def magnitudes(text: str) -> list[str]:
    """Amounts said in words, "up to hundreds of layers", "thousands of GPUs": they answer
    "how deep", "how many" as a number would, though a sentence of motivation says them too."""
    return [m.group() for m in _MAGNITUDE.finditer(text)]


def defuse_markers(text: str) -> str:
    """'[3]' inside an abstract is the paper's own reference, not one of our citations."""
    return MARKER.sub(lambda m: f"(ref. {m.group(1)})", text)


def sentences(text: str) -> list[str]:
    """Text -> sentences; abbreviations ("e.g.", "vs.", "et al.") do not end one."""
    text = defuse_markers(text)
    # (Chat leaves sentences in lower case: "... vs B. what does each save?", "... B. by how
    # much do they differ?", "... B. give me each one's gain.", "by how much? compare ...": an
    # interrogative, a question to its question mark, a request, or after a question mark
    # anything but a conjunction going on with it ("... on X? vs B's on Y"), starts one.)
    # (A scraped abstract may lose the space: "... of each layer.We then ...".)
    parts = re.split(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])|(?<=[.!?])\s+(?=[A-Z0-9\"“(\[$]|[a-z]+-?[A-Z]|(?:what|which|how|who|when|where|why)(?:['’](?:s|re|d)|\s)"
                     r"|[a-z][^.?!]*\?|(?:give|tell|show|list|name|compare|contrast|summari[sz]e|explain|describe)\s+(?:me|us|the|each|both|a|an|one|their|its)\b)"
                     r"|(?<=[?!])\s+(?=[a-z])(?!(?:vs|versus|and|or|but|nor|than|while|whereas|compared)\b)", text.strip())
    out: list[str] = []
    for part in parts:
        # ("... by Doe et al. What do they report?": an interrogative after one starts a sentence.)
        if out and _ABBREV.search(out[-1]) and not re.match(r"(?:What|Which|How|Who|When|Where|Why)\b", part):
            out[-1] += " " + part
        else:
            out.append(part)
    return [s.strip() for s in out if len(s.strip()) > 2]


def cell(text: str, limit: int = 260) -> str:
    """Text safe for one Markdown table cell, cut at a word boundary."""
    text = text.replace("|", "\\|").replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"


def spells(acronym: str, text: str) -> bool:
    """Does `text` write out `acronym` ("CNNs" in "convolutional neural networks", "LLM" in
    "large language model", "e2e" in "end-to-end")? Initials of consecutive words, hyphenated
    parts counted apart."""
    if m := re.fullmatch(r"([A-Za-z])([24])([A-Za-z])", acronym):
        # A numeronym: "e2e" is "end-to-end", "p2p" "peer to peer" ("2" says "to", "4" "for").
        link = "to" if m.group(2) == "2" else "for"
        return bool(re.search(rf"\b{m.group(1)}[a-z]*[\s-]+{link}[\s-]+{m.group(3)}[a-z]*\b", text, re.I))
    letters = re.sub(r"s$", "", acronym) if re.fullmatch(r"[A-Z]{3,6}s", acronym) else acronym
    if not re.fullmatch(r"[A-Z]{3,6}", letters):  # two letters match by accident too often
        return False
    stop = stopwords()
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z]+", text) if w.lower() not in stop).upper()
    # A hyphenated compound keeps its small words ("SOTA": "state-of-the-art").
    compounds = "".join(w[0] for t in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", text)
                        for w in t.split("-") if "-" in t or w.lower() not in stop).upper()
    return letters in initials or letters in compounds
