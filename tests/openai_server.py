"""A real, scriptable OpenAI-compatible HTTP server for tests.

Tests that exercise the assistant's LLM client should go through the real
``openai`` client and a real socket, so that timeouts, retries, SSE parsing and
connection handling behave as they do against a production endpoint. This module
starts a stdlib ``ThreadingHTTPServer`` on 127.0.0.1 (free port, daemon thread)
that answers:

* ``POST /v1/chat/completions`` -- JSON, or SSE when ``"stream": true``
  (chunked transfer encoding, one ``chat.completion.chunk`` per piece, a final
  ``finish_reason: "stop"`` chunk, or ``"length"`` when the text was cut at the request's
  ``max_tokens`` whitespace words, an optional usage chunk, then ``[DONE]``);
* ``GET /v1/models`` -- the configured model names;
* ``POST /v1/embeddings`` -- deterministic hash-derived unit vectors
  (``float`` or ``base64`` encoding, as the client asks).

Each chat request consumes one scripted step (``server.script(...)``); with an
empty script the answer is ``server.default_reply``. Steps: ``Reply``, ``Error``,
``Hang``, ``CutStream``, ``Malformed``, a plain ``str`` (same as ``Reply``), or a
callable ``fn(request_json) -> step``. Requests rejected by the server-wide checks
(``require_key``, ``models``, ``supports_stream_options``) do not consume a step.
Every request, rejected or not, is appended to ``server.requests``.

Out of scope: tools / function calling, JSON mode and structured outputs,
logprobs, ``n > 1``, the Responses / Assistants / legacy completions APIs, and
any authentication beyond a single bearer-token check.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import struct
import sys
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Union

DEFAULT_MODEL = "test-model"


@dataclass
class Reply:
    """Answer with ``text``; streamed in ``chunk_size``-character pieces if asked."""

    text: str
    chunk_size: int = 8
    delay: float = 0.0  # seconds between streamed pieces, to watch a stream arrive


@dataclass
class Error:
    """Answer with HTTP ``status`` and an OpenAI-shaped error body."""

    status: int
    message: str
    type: str | None = None
    code: str | None = None
    headers: dict[str, str] | None = None


@dataclass
class Hang:
    """Sleep ``seconds`` before answering with ``then`` (default: the default reply)."""

    seconds: float
    then: Step | None = None


@dataclass
class CutStream:
    """Send the first ``after_chars`` characters of ``text``, then drop the connection.

    Streaming: proper chunks, no finish chunk, no ``[DONE]``, no end of the
    chunked body. Non-streaming: the first half of the JSON body, shorter than
    its ``Content-Length``.
    """

    text: str
    after_chars: int
    chunk_size: int = 8


@dataclass
class Malformed:
    """Send ``raw_lines`` verbatim as the SSE body (or as the JSON body if not streaming)."""

    raw_lines: list[str]


Step = Union[Reply, Error, Hang, CutStream, Malformed, str, Callable[[dict], Any]]


class OpenAIServer:
    def __init__(
        self,
        *,
        models: list[str] | None = None,
        require_key: str | None = None,
        supports_stream_options: bool = True,
        embedding_dim: int = 8,
        default_reply: str = "OK [1]",
    ) -> None:
        self.models = models
        self.require_key = require_key
        self.supports_stream_options = supports_stream_options
        self.embedding_dim = embedding_dim
        self.default_reply = default_reply
        self.requests: list[dict] = []
        self._steps: deque = deque()
        self._lock = threading.Lock()
        # Lets stop() wake handlers sleeping in a Hang step.
        self._stopping = threading.Event()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.base_url = ""

    # -- lifecycle ---------------------------------------------------------

    def start(self) -> OpenAIServer:
        handler = type("Handler", (_Handler,), {"owner": self})
        self._stopping.clear()
        self._httpd = _QuietServer(("127.0.0.1", 0), handler)
        self.base_url = f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is None:
            return
        self._stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)
        self._httpd = self._thread = None

    def __enter__(self) -> OpenAIServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- scripting ---------------------------------------------------------

    def script(self, *steps: Step) -> None:
        with self._lock:
            self._steps.extend(steps)

    def _next_step(self) -> Step:
        with self._lock:
            return self._steps.popleft() if self._steps else self.default_reply

    def _record(self, entry: dict) -> None:
        with self._lock:
            self.requests.append(entry)


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        # Clients hanging up mid-answer (timeouts, closed streams) are expected; bugs are not.
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


def _resolve(step: Step, body: dict) -> Step:
    while callable(step):
        step = step(body)
    return Reply(step) if isinstance(step, str) else step


def _embedding(text: str, dim: int) -> list[float]:
    raw = b""
    counter = 0
    while len(raw) < 4 * dim:
        raw += hashlib.sha256(f"{counter}:{text}".encode()).digest()
        counter += 1
    values = [v / 2**31 - 1.0 for v in struct.unpack(f"<{dim}I", raw[: 4 * dim])]
    norm = math.sqrt(sum(v * v for v in values)) or 1.0
    return [v / norm for v in values]


class _Handler(BaseHTTPRequestHandler):
    owner: OpenAIServer
    protocol_version = "HTTP/1.1"  # keep-alive, as httpx expects

    def log_message(self, format: str, *args: Any) -> None:
        pass

    # -- plumbing ----------------------------------------------------------

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def _dispatch(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        path = self.path.split("?", 1)[0]
        self.owner._record(
            {
                "method": self.command,
                "path": path,
                "headers": {k.lower(): v for k, v in self.headers.items()},
                "json": body,
            }
        )
        owner = self.owner
        if owner.require_key and self.headers.get("Authorization") != f"Bearer {owner.require_key}":
            return self._error(Error(401, "Incorrect API key provided.", code="invalid_api_key"))
        route = (self.command, path)
        if route == ("POST", "/v1/chat/completions"):
            self._chat(body or {})
        elif route == ("GET", "/v1/models"):
            names = owner.models or [DEFAULT_MODEL]
            self._json(200, {"object": "list", "data": [
                {"id": n, "object": "model", "created": 0, "owned_by": "test"} for n in names
            ]})
        elif route == ("POST", "/v1/embeddings"):
            self._embeddings(body or {})
        else:
            self._error(Error(404, f"Unknown route {self.command} {path}", code="unknown_url"))

    def _send_head(self, status: int, content_type: str, headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for k, v in (headers or {}).items():
            self.send_header(k, v)

    def _json(self, status: int, payload: Any, headers: dict | None = None) -> None:
        data = json.dumps(payload).encode()
        self._send_head(status, "application/json", headers)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _error(self, err: Error) -> None:
        etype = err.type or ("server_error" if err.status >= 500 else "invalid_request_error")
        body = {"error": {"message": err.message, "type": etype, "param": None, "code": err.code}}
        self._json(err.status, body, err.headers)

    def _start_sse(self) -> None:
        self._send_head(200, "text/event-stream", {"Cache-Control": "no-cache", "Connection": "close"})
        # Chunked framing lets the client tell a finished stream from a dropped one.
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self.close_connection = True

    def _chunk(self, data: bytes) -> None:
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))

    def _event(self, payload: Any) -> None:
        self._chunk(b"data: " + json.dumps(payload).encode() + b"\n\n")

    def _end_sse(self) -> None:
        self._chunk(b"data: [DONE]\n\n")
        self.wfile.write(b"0\r\n\r\n")

    # -- chat --------------------------------------------------------------

    def _chat(self, body: dict) -> None:
        owner = self.owner
        model = body.get("model", DEFAULT_MODEL)
        if owner.models is not None and model not in owner.models:
            return self._error(Error(
                404, f"The model `{model}` does not exist or you do not have access to it.",
                code="model_not_found",
            ))
        if "stream_options" in body and not owner.supports_stream_options:
            return self._error(Error(400, "Unrecognized request argument supplied: stream_options"))

        step = _resolve(owner._next_step(), body)
        if isinstance(step, Hang):
            if owner._stopping.wait(step.seconds):
                self.close_connection = True
                return
            step = _resolve(step.then if step.then is not None else owner.default_reply, body)

        stream = bool(body.get("stream"))
        if isinstance(step, Error):
            self._error(step)
        elif isinstance(step, Reply) and stream:
            self._stream(body, step.text, step.chunk_size, step.delay)
        elif isinstance(step, Reply):
            self._json(200, self._complete_payload(body, step.text))
        elif isinstance(step, CutStream):
            self._cut(body, step, stream)
        elif isinstance(step, Malformed):
            raw = "".join(line + "\n" for line in step.raw_lines).encode()
            if stream:
                self._start_sse()
                self._chunk(raw + b"\n")
                self.wfile.write(b"0\r\n\r\n")
            else:
                self._send_head(200, "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)
        else:
            raise TypeError(f"unknown step {step!r}")

    def _meta(self, body: dict, obj: str) -> dict:
        return {
            "id": "chatcmpl-" + uuid.uuid4().hex[:12],
            "object": obj,
            "created": int(time.time()),
            "model": body.get("model", DEFAULT_MODEL),
        }

    @staticmethod
    def _usage(body: dict, text: str) -> dict:
        prompt = sum(len(str(m.get("content", "")).split()) for m in body.get("messages", []))
        completion = len(text.split())
        return {"prompt_tokens": prompt, "completion_tokens": completion,
                "total_tokens": prompt + completion}

    def _complete_payload(self, body: dict, text: str) -> dict:
        return {
            **self._meta(body, "chat.completion"),
            "choices": [{
                "index": 0,
                "message": {"role": "assistant", "content": text},
                "finish_reason": "stop",
                "logprobs": None,
            }],
            "usage": self._usage(body, text),
        }

    def _stream_pieces(self, body: dict, text: str, chunk_size: int, delay: float = 0.0) -> dict:
        meta = self._meta(body, "chat.completion.chunk")
        pieces = [text[i:i + chunk_size] for i in range(0, len(text), max(1, chunk_size))]
        for i, piece in enumerate(pieces):
            if delay and i:
                time.sleep(delay)
            delta = {"role": "assistant", "content": piece} if i == 0 else {"content": piece}
            self._event({**meta, "choices": [
                {"index": 0, "delta": delta, "finish_reason": None, "logprobs": None}
            ]})
        return meta

    def _stream(self, body: dict, text: str, chunk_size: int, delay: float = 0.0) -> None:
        # max_tokens honoured as real servers do, a whitespace word standing for a token:
        # the text stops there and the finish reason says "length".
        finish, limit = "stop", body.get("max_tokens")
        if limit and len(text.split(" ")) > limit:
            text, finish = " ".join(text.split(" ")[:limit]), "length"
        self._start_sse()
        meta = self._stream_pieces(body, text, chunk_size, delay)
        self._event({**meta, "choices": [
            {"index": 0, "delta": {}, "finish_reason": finish, "logprobs": None}
        ]})
        if (body.get("stream_options") or {}).get("include_usage"):
            self._event({**meta, "choices": [], "usage": self._usage(body, text)})
        self._end_sse()

    def _cut(self, body: dict, step: CutStream, stream: bool) -> None:
        if stream:
            self._start_sse()
            self._stream_pieces(body, step.text[: step.after_chars], step.chunk_size)
        else:
            data = json.dumps(self._complete_payload(body, step.text)).encode()
            self._send_head(200, "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data[: len(data) // 2])
        self.close_connection = True

    # -- embeddings --------------------------------------------------------

    def _embeddings(self, body: dict) -> None:
        inp = body.get("input", "")
        # A string, a token-id list, or a list of either.
        if isinstance(inp, str) or (inp and isinstance(inp[0], int)):
            inp = [inp]
        dim = body.get("dimensions") or self.owner.embedding_dim
        data = []
        for i, item in enumerate(inp):
            vec = _embedding(item if isinstance(item, str) else json.dumps(item), dim)
            if body.get("encoding_format") == "base64":
                vec = base64.b64encode(struct.pack(f"<{dim}f", *vec)).decode()
            data.append({"object": "embedding", "index": i, "embedding": vec})
        tokens = sum(len(x.split()) if isinstance(x, str) else len(x) for x in inp)
        self._json(200, {
            "object": "list",
            "data": data,
            "model": body.get("model", DEFAULT_MODEL),
            "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
        })
