"""Shared fixtures: a settings object per test, pointing at a temporary data directory, and
one session-wide index of the seeds for the tests that only read it."""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import pytest

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
# The developer's own endpoint must not leak into tests that expect extractive mode.
for var in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "ASSISTANT_CHROMA_HOST"):
    os.environ.pop(var, None)

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def make_settings(tmp_path):
    from assistant.settings import Settings

    def make(**kw):
        kw.setdefault("data_dir", tmp_path / "data")
        return Settings(**kw)

    return make


@pytest.fixture
def seeds_copy(tmp_path) -> Path:
    dst = tmp_path / "seeds"
    shutil.copytree(SEEDS, dst)
    return dst


@pytest.fixture(scope="session")
def seeded(tmp_path_factory):
    """Settings whose data dir holds an index of all the seeds (built once per session)."""
    from assistant.index import ingest
    from assistant.settings import Settings

    settings = Settings(data_dir=tmp_path_factory.mktemp("seeded"))
    report = ingest([SEEDS], settings)
    assert len(report.added) == 117
    return settings
