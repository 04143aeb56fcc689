"""The command line, through click's CliRunner, on the session's index of the seeds."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from assistant.cli import cli

from .conftest import SEEDS


@pytest.fixture
def run(seeded, monkeypatch):
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(seeded.data_dir))

    def invoke(*args):
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    return invoke


def test_help_is_the_quick_start():
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0 and "assistant ingest" in result.output


def test_papers_json_lists_every_indexed_paper(run):
    result = run("papers", "--json")
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert len(rows) == 117
    assert set(rows[0]) >= {"id", "title", "authors", "author_count", "date", "venue", "affiliation", "category", "sources", "abstract"}
    zo2 = next(r for r in rows if r["title"].startswith("ZO2:"))
    assert zo2["author_count"] == 7 and zo2["date"] == "2025-03-16" and zo2["sources"] == ["001_99f299ba90e37983.txt"]


def test_papers_from_paths_without_an_index(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "empty"))
    result = CliRunner().invoke(cli, ["papers", "--json", str(SEEDS / "004_a47dc055e8f78ddf.txt")])
    assert result.exit_code == 0 and len(result.output.splitlines()) == 6
    empty = CliRunner().invoke(cli, ["papers"])
    assert empty.exit_code == 1 and "index is empty" in empty.output and "assistant ingest" in empty.output


def test_ingest_reports_nothing_to_do_when_unchanged(run):
    result = run("ingest", "-q", str(SEEDS))
    assert result.exit_code == 0
    assert "0 added, 0 updated, 0 removed, 117 unchanged" in result.output and "nothing to do" in result.output


def test_ingest_missing_path_quotes_it(run):
    result = CliRunner().invoke(cli, ["ingest", "/no/such/dir"])
    assert result.exit_code == 1 and "'/no/such/dir'" in result.output


def test_retrieve_json_shape(run):
    result = run("retrieve", "zeroth-order fine-tuning with limited GPU memory", "-k", "4", "--json")
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["rank"] for r in rows] == [1, 2, 3, 4]
    assert set(rows[0]) == {"rank", "id", "title", "score"}
    assert rows[0]["title"].startswith("ZO2:")
    assert rows[0]["score"] >= rows[1]["score"]


def test_retrieve_empty_question_is_refused(run):
    result = CliRunner().invoke(cli, ["retrieve", "   "])
    assert result.exit_code == 1 and "question is empty" in result.output


def test_ui_refuses_a_public_address_without_auth():
    result = CliRunner().invoke(cli, ["ui", "--host", "0.0.0.0"])
    assert result.exit_code == 1 and "'0.0.0.0'" in result.output and "--auth" in result.output
    bad = CliRunner().invoke(cli, ["ui", "--host", "0.0.0.0", "--auth", "nopassword"])
    assert bad.exit_code == 1 and "user:password" in bad.output
