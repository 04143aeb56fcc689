"""Whether a paper names the product a question asks for by its kind: "which SoC does X run
on" is answered only by a model's name ("Kappa3", "FX9000"). (Kinds that do not go by product
names, "which codec", are not judged: a check that the paper's sentences on the kind name
something new refused answerable questions whose names sit in another sentence, or are
written in lower case; it was tried and dropped.)

Out of scope: what the question asks (retrieval/aspect.py); the other reasons a paper does not
answer (absence.py).
"""

from __future__ import annotations

import re

from ..corpus import Paper
from ..models import Plan
from ..text import NAME_TOKEN, sentences, stem
from .number_context import number_neighbours

# A product's or model's name ("FX9000", "Kappa3", "QPU-2"): a capital and a digit after a
# letter. (Not an acronym of the field, "ASICs", "HBM", nor a quantity, "70B", "4-bit".)
MODEL_NAME = re.compile(r"^(?=[A-Za-z])(?=.*\d)(?=.*[A-Z])[\w.+-]+$")


def unnamed_product(plan: Plan, p: Paper, passages: list[str], raw: str, facet: str | None, known: set[str]) -> str:
    """"Which SoC does X run on?" (a kind written as an acronym, `plan.named_kind`): a paper
    naming no model ("Kappa3", "FX9000") beyond the question's and its title's does not say
    which. (A kind the paper states a number of, "a FooScore of 0.5", is a measure it
    reports, not a product to be named. Nor is a model's version, "FooLM-2", set apart from
    a product's name: "which language models" asks for it; so "BarOpt-3" passes for a GPU's
    name. Tried and dropped.)"""
    kind = plan.named_kind
    # ("What FPGAs ...?" is answered by "Xilinx FPGAs": a maker's name before the kind, mid-sentence;
    # "which exact FPGA part" is not.)
    maker = not re.search(r"\b(?:models?|exact|specific|parts?|SKUs?)\b", facet or plan.question, re.I) and any(
        m.group(1).lower() not in known for x in [p.abstract, *passages]
        for m in re.finditer(rf"(?<=[a-z,] )((?-i:[A-Z])[\w-]+)\s+{re.escape(re.sub(r's$', '', kind))}", x, re.I))
    # (A model may be written apart from its series: "RTX 4090".)
    spaced = any(m.group().lower() not in known for m in re.finditer(r"(?<![\w-])(?-i:[A-Z]{2,})\s+\d{3,}\b", raw))
    if not maker and not spaced and not any(MODEL_NAME.match(t) and t.lower() not in known for t in NAME_TOKEN.findall(raw)) \
            and not any(stem(kind) in number_neighbours(x) for x in sentences(raw)):
        return f"does not name the {kind} asked for"
    return ""
