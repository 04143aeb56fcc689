"""Checks the eval splits (eval/dev.jsonl, eval/test.jsonl) against the parsed seed corpus (no index, no model)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from assistant.corpus import load_corpus, plain_title
from assistant.models import page_date

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SPLITS = [ROOT / "eval" / "dev.jsonl", ROOT / "eval" / "test.jsonl"]

KINDS = {"factoid", "comparative", "aggregate", "metadata", "unanswerable", "multi_turn"}
MIN_PER_KIND = {
    "factoid": 20,
    "comparative": 12,
    "aggregate": 8,
    "metadata": 10,
    "unanswerable": 8,
    "multi_turn": 8,
}
REQUIRED = {"id", "kind", "question", "gold_titles", "must_include", "notes"}


@pytest.fixture(scope="module")
def papers():
    return load_corpus([SEEDS]).papers


@pytest.fixture(scope="module")
def by_title(papers):
    return {p.title: p for p in papers}


@pytest.fixture(scope="module", params=SPLITS, ids=lambda p: p.stem)
def items(request):
    rows = []
    with request.param.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:  # pragma: no cover - reported as failure
                pytest.fail(f"line {n} is not valid JSON: {e}")
    return rows


def _text(paper) -> str:
    parts = [paper.title, paper.abstract, paper.venue or "", paper.affiliation or "", " ".join(paper.authors),
             " ".join(paper.profiles), paper.date or "", " ".join(paper.sources), f"{paper.author_count} authors", page_date(paper),
             f"{paper.venue} ({paper.year})"]
    return "\n".join(parts).lower()


def test_fields_and_types(items):
    for it in items:
        missing = REQUIRED - it.keys()
        assert not missing, f"{it.get('id')}: missing {missing}"
        assert isinstance(it["id"], str) and it["id"]
        assert isinstance(it["question"], str) and it["question"].strip()
        assert isinstance(it["gold_titles"], list) and all(isinstance(t, str) for t in it["gold_titles"])
        assert isinstance(it["must_include"], list) and all(isinstance(s, str) and s.strip() for s in it["must_include"])
        assert isinstance(it["notes"], str) and it["notes"].strip()


def test_ids_unique(items):
    dup = [i for i, c in Counter(it["id"] for it in items).items() if c > 1]
    assert not dup, f"duplicate ids: {dup}"


def test_kinds_valid_and_counts(items):
    assert len(items) >= 60
    counts = Counter(it["kind"] for it in items)
    assert set(counts) <= KINDS, f"unknown kinds: {set(counts) - KINDS}"
    for kind, need in MIN_PER_KIND.items():
        assert counts[kind] >= need, f"{kind}: {counts[kind]} < {need}"


def test_multi_turn_turns(items):
    for it in items:
        if it["kind"] == "multi_turn":
            turns = it.get("turns")
            assert isinstance(turns, list) and len(turns) >= 2, it["id"]
            assert all(isinstance(t, str) and t.strip() for t in turns), it["id"]
            assert turns[-1] == it["question"], it["id"]
        else:
            assert "turns" not in it, f"{it['id']}: only multi_turn items have turns"


def test_gold_titles_exist(items, by_title):
    plain = {plain_title(t): t for t in by_title}
    for it in items:
        for t in it["gold_titles"]:
            hint = plain.get(plain_title(t))
            assert t in by_title, f"{it['id']}: unknown title {t!r}" + (f" (did you mean {hint!r}?)" if hint else "")
        assert len(set(it["gold_titles"])) == len(it["gold_titles"]), f"{it['id']}: repeated gold title"


def test_gold_and_must_include_by_kind(items):
    for it in items:
        if it["kind"] == "unanswerable":
            # A near-miss names the paper whose abstract lacks the asked fact.
            assert it["must_include"] == [] and len(it["gold_titles"]) <= 1, it["id"]
        else:
            assert it["gold_titles"], f"{it['id']}: needs gold titles"
            if it["kind"] != "aggregate":  # a list is judged by the papers it finds
                assert 1 <= len(it["must_include"]) <= 4, f"{it['id']}: 1-4 must_include strings"


def test_must_include_occurs_in_gold(items, by_title):
    for it in items:
        texts = [_text(by_title[t]) for t in it["gold_titles"] if t in by_title]
        for s in it["must_include"]:
            assert any(s.lower() in tx for tx in texts), f"{it['id']}: {s!r} not found in any gold paper"


def test_comparative_mix(items):
    comp = [it for it in items if it["kind"] == "comparative"]
    assert sum(len(it["gold_titles"]) >= 3 for it in comp) >= 3, "need at least 3 triple comparisons"
    if comp and comp[0]["id"][0] != "t":  # the dev split, written with out-of-corpus comparisons
        assert sum(len(it["gold_titles"]) == 1 for it in comp) >= 2, "need 2 comparisons naming an out-of-corpus item"
