"""The evaluation suite: metric arithmetic, the runner on a user's own file, and the gate that
holds the assistant's quality in CI (extractive mode, both splits: eval/dev.jsonl and the held-out
eval/test.jsonl, each against its floors in eval/floors.json)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from assistant import evaluation
from assistant.answer import Assistant
from assistant.cli import cli

from .conftest import REPO


def test_retrieval_metrics():
    s = evaluation.retrieval_scores(["A", "x", "B"], ["A", "B"], k=3)
    assert s["recall@k"] == 1.0 and s["mrr"] == 1.0 and s["all_gold@k"] == 1.0
    # DCG = 1 + 1/log2(4) = 1.5; ideal = 1 + 1/log2(3)
    assert s["ndcg@k"] == pytest.approx(1.5 / (1 + 1 / 1.584962500721156))
    perfect = evaluation.retrieval_scores(["A", "B", "x"], ["A", "B"], k=3)
    assert perfect["ndcg@k"] == pytest.approx(1.0)
    # More gold than k: the ideal has only k hits, so k gold hits in k slots is perfect.
    assert evaluation.retrieval_scores(["A", "B"], ["A", "B", "C"], k=2)["ndcg@k"] == pytest.approx(1.0)
    miss = evaluation.retrieval_scores(["x", "y", "B"], ["A", "B"], k=2)
    assert miss == {"recall@k": 0.0, "mrr": 0.0, "ndcg@k": 0.0, "all_gold@k": 0.0}
    assert evaluation.retrieval_scores(["M^3ViT"], ["M$^3$ViT"], k=1)["recall@k"] == 1.0  # normalised titles


def test_answer_metrics():
    item = evaluation.Item("x", "factoid", "q?", ["Paper A"], ["1.65x"])
    ans = {"answer": "It reaches 1.65X [1] [2].", "refused": False, "invalid_markers": ["[9]"],
           "citations": [{"title": "Paper A"}, {"title": "Paper B"}]}
    s = evaluation.answer_scores(item, ans)
    assert s == {"must_include": 1.0, "cite_recall": 1.0, "cite_precision": 0.5,
                 "invalid_cite_rate": pytest.approx(1 / 3), "refusal_acc": 1.0}
    unanswerable = evaluation.Item("u", "unanswerable", "q?", [], [])
    assert evaluation.answer_scores(unanswerable, ans)["refusal_acc"] == 0.0


def test_percentiles():
    assert evaluation.percentile([1, 2, 3, 4], 0.5) == 2.5
    assert evaluation.percentile([5], 0.95) == 5


def test_bad_questions_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "q.jsonl"
    bad.write_text('{"id": "1", "kind": "factoid"}\n')
    with pytest.raises(evaluation.ConfigError, match=r"q.jsonl:1: not a valid question item"):
        evaluation.load_items(bad)
    bad.write_text('{"id": "1", "kind": "trivia", "question": "?"}\n')
    with pytest.raises(evaluation.ConfigError, match="kind 'trivia' is not one of"):
        evaluation.load_items(bad)


def test_eval_command_on_a_users_own_checks(seeded, tmp_path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(seeded.data_dir))
    mine = tmp_path / "mine.jsonl"
    mine.write_text("\n".join(json.dumps(d) for d in [
        {"id": "1", "kind": "factoid", "question": "What speedup does FlashOverlap reach?",
         "gold_titles": ["Efficient and Adaptable Overlapping for Computation and Communication via Signaling and Reordering"],
         "must_include": ["1.65x"]},
        {"id": "2", "kind": "unanswerable", "question": "What is the capital of France?", "gold_titles": [], "must_include": []},
    ]) + "\n")
    out = tmp_path / "report"
    result = CliRunner().invoke(cli, ["eval", "--questions", str(mine), "--k", "5", "--out", str(out)])
    assert result.exit_code == 0, result.output
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["overall"]["n"] == 2 and metrics["k"] == 5
    assert metrics["overall"]["must_include"] == 1.0 and metrics["overall"]["refusal_acc"] == 1.0
    rows = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert set(rows[0]) >= {"id", "kind", "question", "answer", "citations", "sources", "retrieved", "mode", "scores"}
    assert (out / "metrics.png").stat().st_size > 10_000 and "| **overall** |" in (out / "report.md").read_text()


@pytest.mark.parametrize("split", ["dev", "test"])
def test_quality_gate_extractive(seeded, split):
    """Each split in extractive mode must stay at or above its floors in eval/floors.json."""
    questions = evaluation.SPLITS[split]
    items = evaluation.load_items(questions)
    rows, metrics = evaluation.evaluate(Assistant(seeded), items, k=8)
    floors = evaluation.floors_for(questions)
    assert floors, f"no floors for {split}"
    failures = evaluation.write_report(rows, metrics, REPO / "artifacts" / "eval" / split, floors)
    print("\n" + evaluation.table(metrics))
    assert not failures, failures


def test_near_miss_counts_as_refused_only_for_unanswerable_items():
    answer = {"answer": "The abstract of X [1] does not mention CIFAR-10.", "refused": False,
              "refused_parts": ["X: does not mention CIFAR-10"], "invalid_markers": [], "citations": [{"title": "X"}]}
    near = evaluation.Item("u", "unanswerable", "q?", ["X"], [])
    assert evaluation.answer_scores(near, answer)["refusal_acc"] == 1.0
    # A partial refusal inside an answer to an answerable question is still an answer.
    asked = evaluation.Item("f", "factoid", "q?", ["X"], ["CIFAR-10"])
    assert evaluation.answer_scores(asked, answer)["refusal_acc"] == 1.0


def test_ungrounded_numbers_counts_only_numbers_no_cited_source_holds():
    item = evaluation.Item("x", "factoid", "q?", ["Paper A"], [])
    ans = {"answer": "A reaches 1.65x [1] on 8 GPUs, 2.5x at best.", "refused": False, "invalid_markers": [],
           "citations": [{"title": "Paper A"}],
           "sources": [{"title": "Paper A", "passage": "up to 1.65x speedup on 8 GPUs", "date": "2025-11-28"}],
           "unsupported": []}
    assert evaluation.answer_scores(item, ans)["ungrounded_numbers"] == 1.0  # 2.5x
    assert evaluation.answer_scores(item, ans | {"unsupported": ["2.5x at best"]})["ungrounded_numbers"] == 0.0
    assert "ungrounded_numbers" not in evaluation.answer_scores(item, ans | {"refused": True})


def test_targets_right_compares_the_understood_papers_with_the_gold_ones():
    item = evaluation.Item("c", "comparative", "q?", ["Paper A", "Paper B"], [])
    ans = {"answer": "A [1], B [2]", "refused": False, "invalid_markers": [], "citations": [],
           "about": ["Paper B", "Paper A"]}
    assert evaluation.answer_scores(item, ans)["targets_right"] == 1.0
    # A third paper taken for a compared one, or one missed, is wrong.
    assert evaluation.answer_scores(item, ans | {"about": ["Paper A", "Paper B", "Paper C"]})["targets_right"] == 0.0
    assert evaluation.answer_scores(item, ans | {"about": ["Paper A"]})["targets_right"] == 0.0
    # Only comparisons are scored on it.
    assert "targets_right" not in evaluation.answer_scores(evaluation.Item("f", "factoid", "q?", ["Paper A"], []), ans)
