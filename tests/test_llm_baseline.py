"""The CitationQueryEngine baseline (eval/citation_baseline.py) and the README's table script
(eval/llm_table.py) against the scripted OpenAI server: the documented real-model commands
work without a real model."""

from __future__ import annotations

import json

from .openai_server import OpenAIServer, Reply


def test_baseline_answers_cites_and_scores_through_the_endpoint(seeded, tmp_path, monkeypatch, capsys):
    from eval import citation_baseline, llm_table

    questions = tmp_path / "q.jsonl"
    questions.write_text(json.dumps({"id": "x1", "kind": "factoid", "question": "What top-1 accuracy does EPIM reach?",
                                     "gold_titles": ["EPIM: Efficient Processing-In-Memory Accelerators based on Epitome"],
                                     "must_include": ["71.59%"]}) + "\n")
    with OpenAIServer(models=["m"]) as server:
        monkeypatch.setenv("ASSISTANT_MODEL", "m")
        server.script(Reply("EPIM attains 71.59% top-1 accuracy [1]. It also reaches 99% [9]."))
        monkeypatch.setenv("ASSISTANT_DATA_DIR", str(seeded.data_dir))
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", "x")
        assert citation_baseline.main(["--questions", str(questions), "--out", str(tmp_path / "cqe")]) == 0
        prompt = [r for r in server.requests if r["path"].endswith("/chat/completions")][-1]["json"]
    assert prompt["stream"] is True and prompt["max_tokens"] == 200
    assert "Source 1:" in prompt["messages"][0]["content"]  # llama-index's own citation prompt
    row = json.loads((tmp_path / "cqe" / "results.jsonl").read_text())
    assert row["invalid_markers"] == ["[9]"] and len(row["citations"]) == 1 and row["timings"]["first_token"] > 0
    assert row["scores"]["must_include"] == 1.0 and row["scores"]["ungrounded_numbers"] >= 1.0  # 99% is in no source
    capsys.readouterr()
    llm_table.main([f"cqe={tmp_path / 'cqe'}"])
    assert "| cqe | 1 | 1.00 |" in capsys.readouterr().out
