"""LLM mode against a real HTTP server speaking the OpenAI protocol (tests/openai_server.py):
what the prompt holds, how citations are checked, and every way the endpoint can fail."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from pydantic import SecretStr

from assistant.answer import CANNOT_ANSWER, Assistant, Delta, Turn
from assistant.cli import cli
from assistant.errors import LLMError

from .conftest import free_port
from .openai_server import CutStream, Error, Hang, Malformed, OpenAIServer, Reply

KEY = "sk-test-secret-4242"


@pytest.fixture(scope="module")
def base(seeded):
    return Assistant(seeded)  # shares one retriever across the tests below


@pytest.fixture
def server():
    with OpenAIServer(require_key=KEY, models=["test-model"], supports_stream_options=False) as s:
        yield s


def llm_mode(base, server, **kw):
    settings = base.settings.model_copy(update={
        "openai_base_url": server.base_url, "openai_api_key": SecretStr(KEY), "model": "test-model",
        "llm_timeout": 3.0, "llm_max_retries": 0, **kw,
    })
    return base.with_settings(settings)


def chat_requests(server):
    return [r for r in server.requests if r["path"].endswith("/chat/completions")]


def test_prompt_numbers_the_compared_papers_and_citations_map_back(base, server):
    server.script(Reply("ZO2 offloads parameters to CPU memory [1]. DistZO2 scales zeroth-order fine-tuning to multi-GPU systems [2]."))
    a = llm_mode(base, server).ask("How do ZO2 and DistZO2 differ?")
    req = chat_requests(server)[-1]["json"]
    assert req["stream"] is True and "stream_options" not in req
    system, user = req["messages"][0]["content"], req["messages"][1]["content"]
    assert CANNOT_ANSWER in system
    assert "[1] Title: ZO2: Scalable Zeroth-Order" in user and "[2] Title: DistZO2:" in user
    assert "The question compares: ZO2 = [1]; DistZO2 = [2]" in user
    assert [(c.marker, c.title.split(":")[0]) for c in a.citations] == [(1, "ZO2"), (2, "DistZO2")]
    assert [s.marker for s in a.sources] == [1, 2] and a.sources[0].passage
    assert a.mode == "llm:test-model" and not a.refused


def test_the_answer_is_sampled_at_the_configured_temperature(base, server):
    server.script(Reply("FlashOverlap overlaps computation and communication [1]."), Reply("FlashOverlap [1]."))
    llm_mode(base, server).ask("What is FlashOverlap?")
    assert chat_requests(server)[-1]["json"]["temperature"] == 0.0  # by default: same evidence, same answer
    llm_mode(base, server, llm_temperature=0.7).ask("What is FlashOverlap?")
    assert chat_requests(server)[-1]["json"]["temperature"] == 0.7


def test_answer_streams_in_pieces(base, server):
    server.script(Reply("FlashOverlap overlaps computation and communication [1].", chunk_size=5))
    events = list(llm_mode(base, server).stream("What is FlashOverlap?"))
    deltas = [e.text for e in events if isinstance(e, Delta)]
    assert len(deltas) > 5 and "".join(deltas) == events[-1].text


def test_markers_that_point_to_no_source_are_removed_and_flagged(base, server):
    server.script(Reply("EPIM reaches 71.59% [1]. It also cures cancer [12]. See [1, 99]."))
    a = llm_mode(base, server).ask("Which paper reports 71.59% top-1 accuracy?")
    assert "[12]" not in a.text and "[99]" not in a.text and "[1]" in a.text
    assert a.invalid_markers == ["[12]", "[99]"]
    assert [c.marker for c in a.citations] == [1] and "[12]" in a.notice


def test_refusal_sentinel_means_no_citations(base, server):
    server.script(Reply(CANNOT_ANSWER))
    a = llm_mode(base, server).ask("What is the capital of France?")
    assert a.refused and a.citations == [] and a.sources == []


def test_429_then_success_is_retried(base, server):
    server.script(Error(429, "slow down", headers={"retry-after": "0"}), Reply("Fine [1]."))
    a = llm_mode(base, server, llm_max_retries=2).ask("What is FlashOverlap?")
    assert a.text == "Fine [1]." and len(chat_requests(server)) == 2


@pytest.mark.parametrize(
    "step,kw,message",
    [
        (Error(500, "boom"), {}, "failed with HTTP 500"),
        (Hang(6), {"llm_timeout": 1.0}, "did not answer within 1 s"),
        (Malformed(["data: {not json"]), {}, "malformed streaming response"),
    ],
)
def test_endpoint_failures_are_one_clear_error(base, server, step, kw, message):
    server.script(step)
    with pytest.raises(LLMError, match=message) as e:
        llm_mode(base, server, **kw).ask("What is FlashOverlap?")
    assert KEY not in str(e.value)


def test_wrong_key_and_wrong_model(base, server):
    with pytest.raises(LLMError, match=r"rejected the API key \(401\)") as e:
        llm_mode(base, server).with_settings(
            llm_mode(base, server).settings.model_copy(update={"openai_api_key": SecretStr("sk-wrong")})
        ).ask("What is FlashOverlap?")
    assert "sk-wrong" not in str(e.value)
    with pytest.raises(LLMError, match=r"model 'nope' was not found"):
        llm_mode(base, server, model="nope").ask("What is FlashOverlap?")


def test_cut_stream_falls_back_to_the_extractive_answer_labelled(base, server):
    server.script(CutStream("FlashOverlap uses a signaling mechanism [1] to overlap work.", after_chars=24))
    events = list(llm_mode(base, server).stream("What is FlashOverlap?"))
    streamed = "".join(e.text for e in events if isinstance(e, Delta))
    a = events[-1]
    assert streamed.startswith("FlashOverlap uses a sign")  # the user saw the partial text arrive
    assert a.mode == "extractive (fallback from llm:test-model)" and "cut off" in a.text and "cut off" in a.notice
    assert "we propose FlashOverlap" in a.text and a.citations[0].title.startswith("Efficient and Adaptable")


@pytest.mark.parametrize("reply,why", [("[1] [3]", "only citation markers"), ("", "returned nothing"),
                                       (CANNOT_ANSWER, "refused although the evidence answers")])
def test_degenerate_answers_fall_back_to_extractive(base, server, reply, why):
    server.script(Reply(reply) if reply else Reply(" "))
    a = llm_mode(base, server).ask("How much speedup does db-SP achieve?")
    assert a.mode.startswith("extractive (fallback") and why in a.text, a.text
    assert "1.25x" in a.text and not a.refused


def test_pipeline_attributes_uncited_claims_and_flags_numbers_no_source_states(base, server):
    server.script(Reply("db-SP delivers an end-to-end speedup of 1.25x over sequence parallel methods. "
                        "It also reaches a 9.9x speedup on 4-bit models [1]."))
    a = llm_mode(base, server).ask("How much speedup does db-SP achieve?")
    assert a.text.startswith("db-SP delivers an end-to-end speedup of 1.25x over sequence parallel methods [1].")
    assert len(a.unsupported) == 1 and "9.9x" in a.unsupported[0] and "not supported" in a.notice
    assert "9.9x" not in a.text  # taken out of the answer, shown apart: it must not look cited
    assert a.mode == "llm:test-model"


def test_an_answer_with_no_supported_statement_falls_back_to_extractive(base, server):
    # A small model copying a made-up example instead of reading the sources.
    server.script(Reply("- AlphaKV: it reduces decoding latency by 2.1x over vLLM [1].\n"
                        "- BetaServe: it improves throughput by 35% compared with Orca [2]."))
    a = llm_mode(base, server).ask("How much speedup does db-SP achieve?")
    assert a.mode.startswith("extractive (fallback") and "no statement of the model's answer is supported" in a.text
    assert "1.25x" in a.text and "AlphaKV" not in a.text
    # What the model said is kept apart, marked unsupported, for the reader (and for debugging).
    assert len(a.unsupported) == 2 and "AlphaKV" in a.unsupported[0]


def test_an_answer_stopped_at_max_tokens_keeps_its_whole_sentences(base, server):
    server.script(Reply("db-SP delivers an end-to-end speedup of 1.25x over sequence parallel methods [1]. "
                        "Its attention-specific speedup is 1.40x on average and it also"))
    a = llm_mode(base, server, llm_max_tokens=20).ask("How much speedup does db-SP achieve?")
    req = chat_requests(server)[-1]["json"]
    assert req["max_tokens"] == 20
    assert a.text.endswith("methods [1].") and "it also" not in a.text and "shortened" in a.notice


def test_a_number_given_for_another_quantity_is_taken_out(base, server):
    server.script(Reply("db-SP reaches an attention-specific speedup of 1.25x [1]. "
                        "It delivers an end-to-end speedup of 1.25x over sequence parallel methods [1]."))
    a = llm_mode(base, server).ask("How much speedup does db-SP achieve?")
    assert a.unsupported == ["db-SP reaches an attention-specific speedup of 1.25x."]
    assert a.text == "It delivers an end-to-end speedup of 1.25x over sequence parallel methods [1]."


def test_lists_and_record_fields_are_answered_from_the_tables_without_the_model(base, server):
    a = llm_mode(base, server).ask("Who are the authors of db-SP?")
    assert chat_requests(server) == [] and "not asked" in a.mode and "Siqi Chen" in a.text
    a = llm_mode(base, server, llm_kinds="factoid,comparative,metadata").ask("Who are the authors of db-SP?")
    assert len(chat_requests(server)) == 1 and a.mode == "llm:test-model"


def test_context_holds_at_most_llm_context_papers(base, server):
    server.script(Reply("ZO2 [1] and DistZO2 [2]."))
    llm_mode(base, server, llm_context_papers=2, llm_kinds="aggregate").ask("Which papers are about sparse attention?")
    assert chat_requests(server)[-1]["json"]["messages"][1]["content"].count("Title:") == 2
    # a question naming its papers gets those alone, whatever the cap
    llm_mode(base, server, llm_context_papers=6).ask("How do ZO2 and DistZO2 differ in throughput?")
    assert chat_requests(server)[-1]["json"]["messages"][1]["content"].count("Title:") == 2


def test_context_is_the_evidence_within_the_token_budget(base, server):
    from assistant.answer.context import count_tokens

    server.script(Reply("ZO2 [1] and DistZO2 [2]."))
    llm_mode(base, server).ask("How do ZO2 and DistZO2 differ in throughput?")
    user = chat_requests(server)[-1]["json"]["messages"][1]["content"]
    context = user.split("[1] Title:", 1)[1]
    assert count_tokens(context) <= 1100 + 50  # the budget, plus the prompt's own lines around it
    assert "3x speedup over ZO2" in context  # the asked fact reaches the prompt
    assert "[2] Title: DistZO2" in context and "[3]" not in context and "Abstract:" not in context


def test_a_question_asking_two_things_gets_evidence_for_both_within_a_tight_budget(base, server):
    server.script(Reply("ZO2 fits OPT-175B on 18GB [1]."), Reply("ZO2 fits OPT-175B on 18GB [1]."))
    two = "How much GPU memory does ZO2 need for OPT-175B, and what does it offload to the CPU?"
    llm_mode(base, server, llm_context_tokens=160).ask(two)
    user = chat_requests(server)[-1]["json"]["messages"][1]["content"]
    assert "18GB GPU" in user  # the first part's answer
    assert "shifts model parameters between the CPU and GPU" in user  # and the second's
    # Negative: asked one thing, the budget goes to that thing alone.
    llm_mode(base, server, llm_context_tokens=160).ask("How much GPU memory does ZO2 need for OPT-175B?")
    user = chat_requests(server)[-1]["json"]["messages"][1]["content"]
    assert "18GB GPU" in user and "shifts model parameters" not in user


def test_the_prompt_names_every_part_of_a_question_asking_several_things(base, server):
    server.script(Reply("ZO2 [1]."), Reply("ZO2 [1]."))
    llm_mode(base, server).ask("How much GPU memory does ZO2 need for OPT-175B, and what does it offload to the CPU?")
    user = chat_requests(server)[-1]["json"]["messages"][1]["content"]
    assert "The question asks 2 things; answer each: (1) How much GPU memory" in user and "(2) what does it offload" in user
    # Negative: one thing asked, no such line.
    llm_mode(base, server).ask("How much GPU memory does ZO2 need for OPT-175B?")
    assert "things; answer each" not in chat_requests(server)[-1]["json"]["messages"][1]["content"]


def test_the_prompt_says_which_paper_a_part_asked_by_its_place_is_of(base, server):
    server.script(Reply("ZO2 [1]."), Reply("ZO2 [1]."))
    llm_mode(base, server).ask("ZO2 and DistZO2: how much GPU memory does the first need for OPT-175B, and what speedup does the latter report?")
    user = chat_requests(server)[-1]["json"]["messages"][1]["content"]
    notes = next(x for x in user.splitlines() if "things; answer each" in x)
    sources = {t: n for n, t in re.findall(r"\[(\d+)\][^\n]*?(ZO2|DistZO2):", user)}
    assert f"memory does first need for OPT-175B, of [{sources['ZO2']}]" in notes
    assert f"speedup does latter report, of [{sources['DistZO2']}]" in notes
    # Negative: a part asked of each names no paper.
    llm_mode(base, server).ask("ZO2 and DistZO2: how much GPU memory does each need, and what speedup does each report?")
    notes = next(x for x in chat_requests(server)[-1]["json"]["messages"][1]["content"].splitlines() if "things; answer each" in x)
    assert ", of [" not in notes


def test_an_asked_number_the_model_leaves_out_is_quoted_from_the_paper(base, server):
    from assistant.answer.gaps import LABEL

    two = "What does ZO2 offload to the CPU, and how much GPU memory does it need for OPT-175B?"
    server.script(Reply("ZO2 offloads model parameters to the CPU [1]."))
    a = llm_mode(base, server).ask(two)
    assert a.text.startswith("ZO2 offloads model parameters to the CPU [1].")  # the model's answer first
    assert LABEL in a.text and "18GB" in a.text.split(LABEL)[1]  # then the number it left out, quoted
    assert [c.marker for c in a.citations] == [1] and "left out" in a.notice
    # Negative: the model gave the number; nothing is added.
    server.script(Reply("ZO2 offloads model parameters to the CPU [1] and fine-tunes OPT-175B with 18GB of GPU memory [1]."))
    a = llm_mode(base, server).ask(two)
    assert LABEL not in a.text and "18GB" in a.text
    # Negative: a number the question itself gives does not count as the answer's.
    given = "What does ZO2 offload to the CPU, and how much GPU memory does it need for 175 billion parameters?"
    server.script(Reply("ZO2 fine-tunes models with more than 175 billion parameters by offloading them to the CPU [1]."))
    assert LABEL in llm_mode(base, server).ask(given).text
    # Negative: a question stating the number asks for a paper, not for a number.
    server.script(Reply("That is EPIM [1]."))
    assert LABEL not in llm_mode(base, server).ask("Which paper reports 71.59% top-1 accuracy?").text


def test_an_answer_giving_the_sentences_other_number_has_not_answered(base, server):
    """The paper's sentence states two quantities; the model gives the one not asked."""
    from assistant.answer.gaps import LABEL

    q = "What scaling efficiency did the 3-level hierarchical partitioning reach for a 20B GPT model?"
    server.script(Reply("It improved TFLOPS per GPU by 1.71x over ZeRO++ [1]."))
    a = llm_mode(base, server).ask(q)
    assert LABEL in a.text and "0.94" in a.text.split(LABEL)[1]
    q = "What inference accuracy does LinGCN keep?"
    server.script(Reply("LinGCN achieves a 14.2x latency speedup relative to CryptoGCN [1]."))
    a = llm_mode(base, server).ask(q)
    assert LABEL in a.text and "75%" in a.text.split(LABEL)[1]
    # Negatives: the asked number given (a setting the question states, "20B", is no answer).
    server.script(Reply("It reached a scaling efficiency of 0.94 for up to 384 GCDs [1]."))
    assert LABEL not in llm_mode(base, server).ask(
        "What scaling efficiency did the 3-level hierarchical partitioning reach for a 20B GPT model?").text
    server.script(Reply("LinGCN preserves an inference accuracy of 75% [1]."))
    assert LABEL not in llm_mode(base, server).ask(q).text


def test_a_quote_from_outside_the_budgeted_context_is_shown_in_its_source(base, server):
    """The gap filler reads the whole abstract; the source shown beside the answer is the
    budgeted context. A quoted number must be in the source the answer cites for it."""
    from assistant.answer.gaps import LABEL
    from assistant.evaluation import ungrounded_numbers

    two = "What does ZO2 offload to the CPU, and how much GPU memory does it need for OPT-175B?"
    server.script(Reply("ZO2 offloads model parameters to the CPU [1]."))
    a = llm_mode(base, server, llm_context_tokens=120).ask(two)
    assert "18GB" not in chat_requests(server)[-1]["json"]["messages"][1]["content"]  # outside the context
    assert "18GB" in a.text.split(LABEL)[1] and "18GB" in a.sources[0].passage
    assert ungrounded_numbers(a.to_json()) == set()
    # Negative: nothing quoted (no number asked), the source is the context passage alone.
    server.script(Reply("ZO2 offloads model parameters to the CPU [1]."))
    a = llm_mode(base, server, llm_context_tokens=120).ask("What does ZO2 offload to the CPU?")
    assert LABEL not in a.text and "18GB" not in a.sources[0].passage


def test_a_comparison_shows_the_papers_side_by_side_under_the_models_answer(base, server):
    """A small model answers one compared paper, or one asked part, and stops; the pipeline's
    own table (one row per asked part, one column per paper) follows its prose, labelled, its
    markers those of the sources the model was given."""
    from assistant.answer.gaps import LABEL, TABLE_LABEL
    from assistant.evaluation import ungrounded_numbers

    q = "How do ZO2 and DistZO2 differ in how they use GPU memory?"
    server.script(Reply("ZO2 offloads model parameters to CPU memory [1]."))
    a = llm_mode(base, server).ask(q)
    own, table = a.text.split(TABLE_LABEL)
    assert own.startswith("ZO2 offloads model parameters to CPU memory [1].") and "[2]" not in own
    assert "| ZO2 [1] | DistZO2 [2] |" in table and table.count("[2]") >= 2  # the skipped paper, cited
    assert [c.title.split(":")[0] for c in a.citations] == ["ZO2", "DistZO2"]
    row = next(x for x in table.splitlines() if x.startswith("| ") and not x.startswith("| |"))
    distzo2 = row.split(" | ")[2].rsplit("[2]", 1)[0]
    source = next(s.passage for s in a.sources if s.title.startswith("DistZO2"))
    assert distzo2.strip(" “”.") and distzo2.strip(" “”.")[:60] in source  # what the table quotes, its source shows
    assert ungrounded_numbers(a.to_json()) == set() and LABEL not in a.text
    # The markers follow the model's sources whatever order the extractive answer cited them in.
    server.script(Reply("DistZO2 shards parameters across GPUs [2]. ZO2 offloads them to the CPU [1]."))
    a = llm_mode(base, server).ask(q)
    assert "| ZO2 [1] | DistZO2 [2] |" in a.text.split(TABLE_LABEL)[1]
    assert a.refused_parts == []
    # A setting neither paper reports: the table says so, and the Answer data lists it.
    server.script(Reply("ZO2 needs 18GB of GPU memory [1]."))
    a = llm_mode(base, server).ask("How much GPU memory do ZO2 and DistZO2 need on a TPU?")
    assert "*not reported*" in a.text.split(TABLE_LABEL)[1] and len(a.refused_parts) == 2, a.refused_parts
    # Negative: a question about one paper gets no table.
    server.script(Reply("ZO2 offloads model parameters to CPU memory [1]."))
    assert TABLE_LABEL not in llm_mode(base, server).ask("How does ZO2 use GPU memory?").text


def test_a_qualifier_stated_in_another_sentence_of_the_context_does_not_unsupport_a_claim(base, server):
    """The context's sentences are checked one by one: joined, one sentence's numbers ran into the
    next one's words, and a right number read as given for another quantity."""
    q = ("On Frontier, how much did the 3-level hierarchical partitioning improve per-GPU TFLOPS over ZeRO++ "
         "for a 20B GPT model, and what scaling efficiency did it reach?")
    server.script(Reply("The 3-level hierarchical partitioning improved per-GPU TFLOPS over ZeRO++ by 1.71x for a "
                        "20B GPT model on Frontier [1]. The scaling efficiency reached was 0.94 [1]."))
    a = llm_mode(base, server).ask(q)
    assert a.unsupported == [] and "1.71x" in a.text and "0.94" in a.text
    user = chat_requests(server)[-1]["json"]["messages"][1]["content"]
    evidence = user.split("Evidence:", 1)[1].split("\n")[0]
    assert evidence.count("we observe a 1.71x increase") == 1  # each sentence once in the context

def test_progress_before_the_first_token(base, server):
    from assistant.answer import Status

    server.script(Reply("FlashOverlap overlaps [1]."))
    events = list(llm_mode(base, server).stream("What is FlashOverlap?"))
    first_delta = next(i for i, e in enumerate(events) if isinstance(e, Delta))
    statuses = [e.text for e in events[:first_delta] if isinstance(e, Status)]
    assert statuses[0] == "searching…" and "waiting for the model" in statuses[-1]


def test_follow_up_is_rewritten_by_the_llm(base, server):
    # After a topic list there is no paper to carry: the model rewrites the follow-up.
    first = llm_mode(base, server).ask("Which papers are about overlapping computation with communication?")
    server.script(Reply("How much speedup does FlashOverlap achieve?"), Reply("Up to 1.65x [1]."))
    a = llm_mode(base, server).ask("How much speedup does the first one get?", [Turn(first.standalone_question, first)])
    condense = chat_requests(server)[-2]["json"]
    assert "overlapping computation" in condense["messages"][0]["content"] and not condense.get("stream")
    assert a.standalone_question == "How much speedup does FlashOverlap achieve?"
    assert a.citations[0].title.startswith("Efficient and Adaptable Overlapping")
    # ... a rewrite that still says "it" is not standalone: the rules rewrite the follow-up instead.
    server.script(Reply("How much speedup does it get over its predecessor?"), Reply("Up to 1.65x [1]."))
    a = llm_mode(base, server).ask("How much speedup does it get?", [Turn(first.standalone_question, first)])
    assert "How much speedup does it" not in a.standalone_question


def test_a_follow_up_about_a_resolved_paper_is_rewritten_by_the_rules_not_the_model(base, server):
    first = llm_mode(base, server).ask("What is FlashOverlap?")
    n = len(chat_requests(server))
    server.script(Reply("Up to 1.65x [1]."))
    a = llm_mode(base, server).ask("How much speedup does it get?", [Turn("What is FlashOverlap?", first)])
    assert a.standalone_question == "How much speedup does FlashOverlap get?"
    assert len(chat_requests(server)) == n + 1  # the answer only; no rewriting call


def test_cli_ask_json_in_llm_mode(seeded, server, monkeypatch):
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(seeded.data_dir))
    monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setenv("ASSISTANT_MODEL", "test-model")
    server.script(Reply("It overlaps communication with computation [1]."))
    result = CliRunner().invoke(cli, ["ask", "What is FlashOverlap?", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) >= {"answer", "mode", "standalone_question", "citations", "sources"}
    assert data["citations"][0]["marker"] == 1 and data["citations"][0]["paper_id"]
    assert set(data["sources"][0]) >= {"paper_id", "title", "authors", "date", "venue", "passage"}


def test_cli_dead_endpoint_is_one_line_and_nonzero(seeded, monkeypatch):
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(seeded.data_dir))
    monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{free_port()}/v1")
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setenv("ASSISTANT_LLM_MAX_RETRIES", "0")
    result = CliRunner().invoke(cli, ["ask", "What is FlashOverlap?"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: cannot connect to the LLM endpoint http://127.0.0.1:")
    assert "Traceback" not in result.output and KEY not in result.output


def test_a_near_miss_the_pipeline_finds_unstated_is_refused_without_the_model(base, server):
    # The model would answer with the neighbouring fact; the evidence says the setting is absent.
    server.script(Reply("db-SP delivers an end-to-end speedup of 1.25x on H100 GPUs [1]."))
    a = llm_mode(base, server).ask("What speedup does db-SP reach on NVIDIA H100 GPUs?")
    assert a.refused and chat_requests(server) == [] and "not asked" in a.mode


def test_context_tokens_are_counted_offline_in_a_fresh_process(tmp_path):
    """cl100k_base comes from the copy llama-index ships: tiktoken alone would download it,
    and nothing else in the answering path need have loaded llama-index's tokenizer first."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "TIKTOKEN_CACHE_DIR"}
    env.update(HOME=str(tmp_path), XDG_CACHE_HOME=str(tmp_path), TMPDIR=str(tmp_path),  # no earlier download to find
               HTTPS_PROXY="http://127.0.0.1:9", HTTP_PROXY="http://127.0.0.1:9")  # and none possible
    code = "from assistant.answer.context import count_tokens; print(count_tokens('Hello, world'))"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == "3", out.stderr[-1000:]


def test_an_asked_thing_the_model_leaves_out_is_quoted_from_the_paper(base, server):
    """A part asking for a thing, not a number ("which board"): the paper's sentence names it
    ("ZCU104"); an answer naming none of its names leaves the part out."""
    from assistant.answer.gaps import LABEL

    q = "Which FPGA board is M3ViT implemented on?"
    server.script(Reply("M3ViT is implemented on an FPGA [1]."))
    a = llm_mode(base, server).ask(q)
    assert LABEL in a.text and "ZCU104" in a.text.split(LABEL)[1]
    # Negative: the model named the board; nothing is added.
    server.script(Reply("M3ViT is implemented on a Xilinx ZCU104 FPGA [1]."))
    a = llm_mode(base, server).ask(q)
    assert LABEL not in a.text and "ZCU104" in a.text
