"""Prompt templates: Markdown files in the top-level `prompts/` folder with named
`{placeholders}`, so they can be read and changed without touching code. Out of scope:
templating logic (loops, conditions); the code fills every placeholder with plain text."""

from __future__ import annotations

import string
from functools import lru_cache
from pathlib import Path

from .errors import ConfigError

PROMPTS_DIR = Path(__file__).resolve().parent.parent / "prompts"


@lru_cache(maxsize=None)
def load(name: str, folder: Path = PROMPTS_DIR) -> str:
    path = folder / f"{name}.md"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        raise ConfigError(f"prompt template {str(path)!r} is missing; restore it from the repository.") from None


def placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


def render(name: str, **values: str) -> str:
    template = load(name)
    wanted = placeholders(template)
    if wanted - set(values):
        raise ConfigError(f"prompt {name!r} needs {sorted(wanted - set(values))} which the code does not supply.")
    # Values may contain braces (LaTeX in abstracts): substitute once, never re-format them.
    return template.format_map({k: v for k, v in values.items() if k in wanted})
