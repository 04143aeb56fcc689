"""The OpenAI-compatible chat endpoint, through the `openai` package.

Only what every server speaks: `/v1/chat/completions`, plain and streamed (the connection
test is one tiny completion). No `stream_options`, tools or JSON mode, which vLLM, Ollama,
llama.cpp and LM Studio do not all support. Retries with backoff on 429 and 5xx are the
openai client's own (`max_retries`). Every failure becomes an `LLMError` whose message says
what failed and what to change; the API key never appears in it.

Out of scope: prompt building (answer.py), embeddings (embeddings.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from .errors import LLMError
from .settings import Settings


class StreamCut(LLMError):
    """The stream broke after some text arrived; `partial` holds that text."""

    def __init__(self, message: str, partial: str):
        super().__init__(message)
        self.partial = partial


def _where(settings: Settings) -> str:
    return settings.openai_base_url or "(no endpoint)"


def explain(e: Exception, settings: Settings) -> str:
    """One line for the user: what failed, and what to do."""
    import openai

    url, model = _where(settings), settings.model
    if isinstance(e, openai.APITimeoutError):
        return (f"the LLM endpoint {url} did not answer within {settings.llm_timeout:g} s. "
                "Check that the server is up and not overloaded, or raise ASSISTANT_LLM_TIMEOUT.")
    if isinstance(e, openai.APIConnectionError):
        return (f"cannot connect to the LLM endpoint {url}. Check OPENAI_BASE_URL (it usually ends in /v1) "
                "and that the server is running, or unset OPENAI_BASE_URL for extractive answers.")
    if isinstance(e, openai.AuthenticationError):
        return f"the LLM endpoint {url} rejected the API key (401). Set a valid OPENAI_API_KEY."
    if isinstance(e, openai.PermissionDeniedError):
        return f"the API key may not use model {model!r} at {url} (403). Check the key's permissions or ASSISTANT_MODEL."
    if isinstance(e, openai.NotFoundError):
        return (f"model {model!r} was not found at {url} (404). Set ASSISTANT_MODEL to a model the server lists "
                "(GET /v1/models), or check that OPENAI_BASE_URL ends in /v1.")
    if isinstance(e, openai.RateLimitError):
        return (f"the LLM endpoint {url} is rate-limiting requests (429) and still was after "
                f"{settings.llm_max_retries} retries. Wait a moment and ask again.")
    if isinstance(e, openai.BadRequestError):
        return f"the LLM endpoint {url} refused the request (400): {_server_message(e)}"
    if isinstance(e, openai.APIStatusError):
        return f"the LLM endpoint {url} failed with HTTP {e.status_code}: {_server_message(e)}. Try again, or check the server's log."
    if isinstance(e, (json.JSONDecodeError, ValueError)):
        return f"the LLM endpoint {url} sent a malformed streaming response. Check that it speaks the OpenAI protocol."
    return f"the LLM request to {url} failed: {e.__class__.__name__}."


def _server_message(e) -> str:
    try:
        return str(e.body.get("message") or e.body.get("error", {}).get("message"))[:300]
    except Exception:
        return e.__class__.__name__


class LLMClient:
    def __init__(self, settings: Settings):
        import openai

        if not settings.openai_base_url:
            raise LLMError("no LLM endpoint is configured: set OPENAI_BASE_URL (and OPENAI_API_KEY, ASSISTANT_MODEL).")
        self.settings = settings
        key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else "not-needed"
        self.client = openai.OpenAI(
            base_url=settings.openai_base_url, api_key=key,
            timeout=settings.llm_timeout, max_retries=settings.llm_max_retries,
        )

    def stream(self, messages: list[dict], temperature: float | None = None, max_tokens: int | None = None,
               finished: list[str] | None = None) -> Iterator[str]:
        """Yields pieces of the answer. Raises LLMError before any text, StreamCut after some.
        `finished` receives the server's finish reason ("stop", "length") when it sends one."""
        import openai

        got: list[str] = []
        try:
            with self.client.chat.completions.create(
                model=self.settings.model, messages=messages, stream=True,
                temperature=self.settings.llm_temperature if temperature is None else temperature,
                **({"max_tokens": max_tokens} if max_tokens else {}),
            ) as stream:  # closed also when the reader stops early (a UI cancel)
                for chunk in stream:
                    if not chunk.choices:
                        continue
                    if chunk.choices[0].finish_reason and finished is not None:
                        finished.append(chunk.choices[0].finish_reason)
                    piece = chunk.choices[0].delta.content or ""
                    if piece:
                        got.append(piece)
                        yield piece
        except (openai.OpenAIError, json.JSONDecodeError, ValueError) as e:
            message = explain(e, self.settings)
            if got:
                raise StreamCut(f"the answer was cut off: {message}", "".join(got)) from None
            raise LLMError(message) from None

    def complete(self, messages: list[dict], temperature: float = 0.0, max_tokens: int | None = None) -> str:
        import openai

        try:
            resp = self.client.chat.completions.create(
                model=self.settings.model, messages=messages, temperature=temperature,
                **({"max_tokens": max_tokens} if max_tokens else {}),
            )
        except (openai.OpenAIError, json.JSONDecodeError, ValueError) as e:
            raise LLMError(explain(e, self.settings)) from None
        return (resp.choices[0].message.content or "").strip() if resp.choices else ""

    def check(self) -> str:
        """The UI's 'test connection': one tiny completion with the configured model."""
        reply = self.complete([{"role": "user", "content": "Reply with the word: ready"}], max_tokens=5)
        return f"connected to {self.settings.openai_base_url}, model {self.settings.model!r} answered: {reply[:40]!r}"
