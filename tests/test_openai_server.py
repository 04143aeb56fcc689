"""The fake OpenAI server, driven through the real `openai` client, so that other tests can
trust it to behave like a real endpoint (including the ways real endpoints fail)."""

from __future__ import annotations

import json
import time

import openai
import pytest

from tests.openai_server import CutStream, Error, Hang, Malformed, OpenAIServer, Reply

MESSAGES = [{"role": "user", "content": "What does paper 1 say?"}]


@pytest.fixture
def server():
    with OpenAIServer() as srv:
        yield srv


@pytest.fixture
def client():
    """`client(srv, **kw)` makes an openai.OpenAI for `srv`; all are closed after the test."""
    made: list[openai.OpenAI] = []

    def make(srv: OpenAIServer, *, api_key="sk-test", max_retries=0, timeout=5.0) -> openai.OpenAI:
        made.append(openai.OpenAI(
            base_url=srv.base_url, api_key=api_key, max_retries=max_retries, timeout=timeout
        ))
        return made[-1]

    yield make
    for cli in made:
        cli.close()


def chat(cli, **kw):
    kw.setdefault("model", "test-model")
    kw.setdefault("messages", MESSAGES)
    return cli.chat.completions.create(**kw)


def collect(stream, pieces: list[str] | None = None) -> list[str]:
    """The content pieces of a stream; pass `pieces` to keep them when iteration raises."""
    pieces = [] if pieces is None else pieces
    for chunk in stream:
        if chunk.choices and chunk.choices[0].delta.content:
            pieces.append(chunk.choices[0].delta.content)
    return pieces


def test_plain_reply_then_default(server, client):
    server.script(Reply("Transformers use attention [1]."))
    cli = client(server)
    first = chat(cli)
    assert first.choices[0].message.content == "Transformers use attention [1]."
    assert first.choices[0].finish_reason == "stop"
    assert chat(cli).choices[0].message.content == "OK [1]"


def test_streamed_reply_arrives_in_pieces(server, client):
    text = "Attention is all you need, says [1]; see also [2]."
    server.script(Reply(text, chunk_size=5))
    pieces = collect(chat(client(server), stream=True))
    assert "".join(pieces) == text
    assert len(pieces) > 1


def test_stream_usage_chunk_and_headers(server, client):
    cli = client(server)
    raw = cli.chat.completions.with_raw_response.create(
        model="test-model", messages=MESSAGES, stream=True, stream_options={"include_usage": True}
    )
    assert raw.headers["content-type"].startswith("text/event-stream")
    chunks = list(raw.parse())
    assert chunks[-1].usage is not None and chunks[-1].choices == []
    assert any(c.choices and c.choices[0].finish_reason == "stop" for c in chunks)


def test_requests_are_recorded(server, client):
    chat(client(server), temperature=0.2)
    (req,) = server.requests
    assert req["method"] == "POST" and req["path"] == "/v1/chat/completions"
    assert req["headers"]["authorization"] == "Bearer sk-test"
    assert req["json"]["model"] == "test-model"
    assert req["json"]["messages"][0]["content"] == "What does paper 1 say?"
    assert req["json"]["temperature"] == 0.2


def test_callable_step_answers_from_the_prompt(server, client):
    server.script(lambda body: Reply("echo: " + body["messages"][-1]["content"]))
    assert chat(client(server)).choices[0].message.content == "echo: What does paper 1 say?"


def test_wrong_key_is_401(client):
    with OpenAIServer(require_key="sk-test") as srv:
        with pytest.raises(openai.AuthenticationError) as exc:
            chat(client(srv, api_key="sk-wrong"))
        assert exc.value.status_code == 401
        assert chat(client(srv)).choices[0].message.content == "OK [1]"


def test_unknown_model_is_404(client):
    with OpenAIServer(models=["test-model"]) as srv:
        with pytest.raises(openai.NotFoundError) as exc:
            chat(client(srv), model="gpt-nope")
        assert exc.value.code == "model_not_found"
        assert [m.id for m in client(srv).models.list()] == ["test-model"]


def test_429_is_retried_by_the_client(server, client):
    server.script(Error(429, "Rate limit reached", code="rate_limit_exceeded",
                        headers={"retry-after": "0.1"}), Reply("after retry"))
    answer = chat(client(server, max_retries=1))
    assert answer.choices[0].message.content == "after retry"
    assert len(server.requests) == 2


def test_500_without_retries(server, client):
    server.script(Error(500, "The server had an error"))
    with pytest.raises(openai.InternalServerError) as exc:
        chat(client(server))
    assert exc.value.status_code == 500
    assert len(server.requests) == 1


def test_hang_times_out_and_server_survives(server, client):
    server.script(Hang(3))
    started = time.monotonic()
    with pytest.raises(openai.APITimeoutError):
        chat(client(server, timeout=0.5))
    assert time.monotonic() - started < 2.5
    assert chat(client(server)).choices[0].message.content == "OK [1]"


def test_cut_stream_raises_connection_error_after_the_prefix(server, client):
    # The body is chunked, so httpx notices the missing end and the client raises
    # APIConnectionError (cause: RemoteProtocolError "incomplete chunked read").
    text = "The first half arrives, the second half never does."
    server.script(CutStream(text, after_chars=20))
    pieces: list[str] = []
    with pytest.raises(openai.APIConnectionError):
        collect(chat(client(server), stream=True), pieces)
    received = "".join(pieces)
    assert received == text[:20] and len(received) < len(text)
    assert chat(client(server)).choices[0].message.content == "OK [1]"


def test_malformed_sse_raises_json_error(server, client):
    # The client does not wrap SSE payload decoding: a bad `data:` line surfaces as
    # json.JSONDecodeError, which is not an openai.APIError.
    server.script(Malformed(["data: {not json"]))
    with pytest.raises(json.JSONDecodeError):
        collect(chat(client(server), stream=True))


def test_embeddings_are_deterministic_and_ordered(client):
    with OpenAIServer(embedding_dim=16) as srv:
        cli = client(srv)
        texts = ["alpha", "beta", "gamma"]
        batch = cli.embeddings.create(model="embed", input=texts)
        assert [d.index for d in batch.data] == [0, 1, 2]
        assert all(len(d.embedding) == 16 for d in batch.data)
        # The client asks for base64 by default; explicit floats must agree with it.
        floats = cli.embeddings.create(model="embed", input=texts, encoding_format="float")
        for b, f in zip(batch.data, floats.data):
            assert b.embedding == pytest.approx(f.embedding, abs=1e-6)
        single = cli.embeddings.create(model="embed", input="beta", encoding_format="float")
        assert single.data[0].embedding == floats.data[1].embedding
        assert batch.data[0].embedding != batch.data[1].embedding


def test_stream_options_rejected_when_unsupported(client):
    with OpenAIServer(supports_stream_options=False) as srv:
        srv.script(Reply("kept for the next request"))
        with pytest.raises(openai.BadRequestError):
            chat(client(srv), stream=True, stream_options={"include_usage": True})
        # The rejected request did not consume the scripted step.
        assert "".join(collect(chat(client(srv), stream=True))) == "kept for the next request"
