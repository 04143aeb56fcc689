"""All settings in one typed place. Each field reads an environment variable (`ASSISTANT_` +
the field name in capitals, or the name the openai package itself reads for the endpoint),
so the CLI, UI, tests and CI configure the assistant the same way.

Out of scope: config files and per-user profiles; the UI's per-session overrides are copies
of this object (`Settings.model_copy(update=...)`), never written back.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

LOCAL_MODEL_ID = "minilm-l6-int8"
_REPO_SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "paper-assistant"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", extra="ignore", populate_by_name=True)

    data_dir: Path = Field(
        default_factory=_default_data_dir,
        description="Folder holding the embedded Chroma database and the ingest lock.",
    )
    seeds_dir: Path = Field(
        default=_REPO_SEEDS if _REPO_SEEDS.is_dir() else Path("seeds"),
        description="Where `assistant ingest` reads pages when no path is given.",
    )
    chroma_host: str | None = Field(
        default=None, description="Chroma server host; when set, a `chroma run` server is used instead of the embedded database."
    )
    chroma_port: int = Field(default=8000, description="Chroma server port (with chroma_host).")
    collection: str = Field(
        default="papers",
        description="Chroma collection name prefix; the embedding model's id is appended so vectors of different models never mix.",
    )
    embed_backend: str = Field(
        default="local",
        description="'local' (all-MiniLM-L6-v2 int8 ONNX shipped on PyPI, no network) or 'openai' (the endpoint's /v1/embeddings).",
    )
    embed_model: str = Field(
        default="text-embedding-3-small", description="Embedding model name for embed_backend='openai'."
    )
    embed_max_tokens: int = Field(
        default=512, ge=16, le=512, description="Word pieces the local model reads per chunk; the rest of a chunk is cut."
    )
    embed_batch_size: int = Field(default=32, ge=1, description="Texts per embedding call.")
    chunk_size: int = Field(
        default=512, ge=64, description="Chunk size in tokens: a paper whose text fits is one chunk, a longer one is split."
    )
    chunk_overlap: int = Field(default=48, ge=0, description="Tokens shared by consecutive chunks of one paper.")
    top_k: int = Field(default=8, ge=1, le=100, description="Papers retrieved per question.")

    openai_base_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("OPENAI_BASE_URL", "ASSISTANT_OPENAI_BASE_URL"),
        description="OpenAI-compatible endpoint (OpenAI, vLLM, Ollama, llama.cpp, LM Studio). Unset: extractive answers, no LLM.",
    )
    openai_api_key: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("OPENAI_API_KEY", "ASSISTANT_OPENAI_API_KEY"),
        description="API key for the endpoint; never logged, shown or written to disk.",
    )
    model: str = Field(default="gpt-4o-mini", description="Chat model name at the endpoint.")
    llm_timeout: float = Field(default=60.0, gt=0, description="Seconds before a request to the endpoint is abandoned.")
    llm_max_retries: int = Field(default=2, ge=0, description="Retries with backoff on 429 and 5xx answers.")

    # Limits: a mis-aimed or hostile input gets a clear refusal instead of minutes of work.
    max_file_mb: float = Field(default=10.0, gt=0, description="Files larger than this (MB) are skipped at ingest, unread.")
    max_document_chars: int = Field(
        default=500_000, ge=1000,
        description="Longest abstract/document text indexed (characters); longer ones are chunked up to here, beyond it the entry is skipped.",
    )
    max_files_per_ingest: int = Field(default=5000, ge=1, description="Files one ingest may read; more is refused before anything changes.")
    prune_confirm_over: int = Field(
        default=5, ge=0, description="An ingest --prune or remove that would delete more papers than this lists them and asks (or needs --yes)."
    )
    max_upload_mb: float = Field(default=10.0, gt=0, description="Largest file the browser UI accepts as an upload (MB).")
    login_max_failures: int = Field(default=5, ge=1, description="Failed UI logins per client address before it must wait.")
    login_lockout_s: float = Field(default=60.0, gt=0, description="Seconds a client waits after too many failed logins; failures older than this are forgotten.")

    @property
    def chroma_path(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def embed_id(self) -> str:
        """Names the vector space (part of the Chroma collection name), so vectors of two
        embedding models never share a collection."""
        if self.embed_backend == "local":
            return LOCAL_MODEL_ID
        return "oa-" + re.sub(r"[^a-zA-Z0-9]+", "-", self.embed_model).strip("-").lower()

    @property
    def llm_configured(self) -> bool:
        return bool(self.openai_base_url)
