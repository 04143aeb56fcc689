"""Extractive answers (the default, no LLM) on real questions over the seeds: the cited papers
and the key fact in the text, for each kind of question."""

from __future__ import annotations

import pytest

from assistant.answer import CANNOT_ANSWER, Assistant, Turn, check_question, sentences
from assistant.errors import AssistantError


@pytest.fixture(scope="module")
def assistant(seeded):
    return Assistant(seeded)


def cited(answer):
    return [c.title for c in answer.citations]


def test_factoid_quotes_the_fact_and_cites_its_paper(assistant):
    a = assistant.ask("Which paper reports 71.59% top-1 accuracy on ImageNet?")
    assert cited(a)[0].startswith("EPIM:")
    assert "71.59% top-1 accuracy" in a.text and "[1]" in a.text
    assert a.mode == "extractive" and not a.refused
    assert a.sources[0].marker == 1 and "71.59%" in a.sources[0].passage


def test_definition_question_gets_the_introducing_sentence(assistant):
    a = assistant.ask("What is FlashOverlap?")
    assert cited(a) == ["Efficient and Adaptable Overlapping for Computation and Communication via Signaling and Reordering"]
    assert "we propose FlashOverlap" in a.text


def test_number_question_gets_the_number(assistant):
    a = assistant.ask("How much speedup does db-SP achieve?")
    assert cited(a)[0].startswith("db-SP") and "1.25x" in a.text


@pytest.mark.parametrize(
    "question,prefixes,row",
    [
        ("How do ZO2 and DistZO2 differ in how they use GPU memory?", ["ZO2:", "DistZO2:"], "GPU memory"),
        ("Compare AutoReP with RRNet", ["AutoReP:", "RRNet:"], "Approach"),
        ("FastSwitch vs DualMap: how do they schedule LLM serving?", ["FastSwitch:", "DualMap:"], "schedule LLM serving"),
        ("How do ZO2, DistZO2 and KerZOO differ?", ["ZO2:", "DistZO2:", "KerZOO:"], "Approach"),
    ],
)
def test_comparison_puts_every_compared_paper_in_context_and_answer(assistant, question, prefixes, row):
    retrieval = assistant.retriever.run(question, 8)
    in_context = [h.paper.title for h in retrieval.hits]
    for prefix in prefixes:
        assert any(t.startswith(prefix) for t in in_context), (prefix, in_context)
    a = assistant.ask(question)
    for prefix in prefixes:
        assert any(t.startswith(prefix) for t in cited(a)), (prefix, cited(a))
    # Side by side, one row per asked aspect (Problem/Approach/Results when none was asked).
    rows = [line for line in a.text.splitlines() if line.startswith("| ") and not line.startswith("| |")]
    assert any(row in r.split("|")[1] for r in rows), rows


def test_comparison_with_a_paper_not_in_the_collection_says_so(assistant):
    a = assistant.ask("Compare FlashOverlap and GaLore")
    assert "GaLore** is not in the collection" in a.text
    assert cited(a) == ["Efficient and Adaptable Overlapping for Computation and Communication via Signaling and Reordering"]


def test_method_named_only_inside_an_abstract_is_found(assistant):
    a = assistant.ask("What does STWeaver do?")
    assert cited(a)[0].startswith("Reducing GPU Memory Fragmentation")


def test_aggregate_lists_every_matching_paper(assistant):
    a = assistant.ask("Which papers in the collection use zeroth-order optimization?")
    titles = cited(a)
    expected = ("ZO2:", "DistZO2:", "KerZOO:", "Towards Fast LLM Fine-tuning through Zeroth-Order",
                "End-to-End On-Device Quantization-Aware Training")
    # The cut-off is calibrated for F1 on the dev split: nothing else is listed, at most one is missed.
    assert all(t.startswith(expected) for t in titles), titles
    assert len(titles) >= 4, titles


def test_a_topic_list_weighs_the_topic_s_rare_words_over_its_common_ones(assistant):
    # "homomorphic encryption" decides, not "neural network inference", which most papers share:
    # RRNet (two-party computation, no encryption) was listed on the common words alone.
    titles = cited(assistant.ask("Which papers use homomorphic encryption for neural network inference?"))
    assert any(t.startswith("LinGCN") for t in titles) and not any(t.startswith("RRNet") for t in titles), titles
    # Negative: asked about what RRNet does, it is listed.
    titles = cited(assistant.ask("Which papers use two-party computation for private inference?"))
    assert any(t.startswith("RRNet") for t in titles), titles


def test_a_topic_asked_in_many_common_words_lists_only_the_papers_that_stand_out(assistant):
    # Every paper matches "run large deep learning systems quicker and at lower cost" a little;
    # measured against the collection's typical paper, only the papers stating the rare part
    # clear the bar (19 were listed when the bar was a share of the best score alone, training
    # systems among them).
    titles = cited(assistant.ask("Which studies let researchers run their large deep learning systems "
                                 "quicker and at lower cost by means of homomorphic encryption?"))
    assert any(t.startswith("LinGCN") for t in titles), titles
    assert not any(t.startswith(("ZeRO", "SSDTrain")) for t in titles), titles
    # Negative: a topic that many papers do state keeps all of them (the bar is relative).
    titles = cited(assistant.ask("Which papers are about mixture-of-experts architectures?"))
    assert len(titles) >= 4, titles


def test_author_and_topic(assistant):
    a = assistant.ask("papers by Shaoyi Huang on private inference")
    titles = cited(a)
    assert any(t.startswith("AutoReP") for t in titles) and any(t.startswith("RRNet") for t in titles)
    assert any(t.startswith("PolyMPCNet") for t in titles)
    assert not any("Graph Neural" in t for t in titles)


def test_count_by_author_uses_the_profile_page(assistant):
    a = assistant.ask("How many papers did Shaoyi Huang write?")
    assert a.text.startswith("**30 papers**")


def test_venue_question_answers_from_the_records(assistant):
    a = assistant.ask("What did SSDTrain appear in?")
    assert "Design Automation Conference (DAC)" in a.text
    assert len(a.citations) == 2  # two SSDTrain records: one with a venue, one without
    assert "has no venue listed on its page" in a.text


def test_year_question(assistant):
    a = assistant.ask("Which papers were published in 2019?")
    assert sorted(t[:20] for t in cited(a)) == sorted(
        ["Efficient Deep Neura", "FT-ClipAct: Resilien", "Sequential Training ", "ZeRO: Memory Optimiz"]
    )


@pytest.mark.parametrize(
    "question",
    ["What is the capital of France?", "What does the paper say about protein folding?",
     "How does GaLore reduce optimizer memory?", "Who won the 2022 football world cup?"],
)
def test_unanswerable_is_refused(assistant, question):
    a = assistant.ask(question)
    assert a.refused and CANNOT_ANSWER in a.text and a.citations == []


def test_follow_up_carries_the_subject(assistant):
    first = assistant.ask("What is FlashOverlap?")
    follow = assistant.ask("How much speedup does it achieve?", [Turn("What is FlashOverlap?", first)])
    assert "FlashOverlap" in follow.standalone_question
    assert "1.65x" in follow.text and cited(follow) == cited(first)


def test_bad_questions_get_clear_errors():
    for q, msg in [("", "empty"), ("   \n ", "empty"), ("x" * 20000, "20,000 characters"), ("\x00\x01 123 !!", "no words")]:
        with pytest.raises(AssistantError, match=msg):
            check_question(q)


def test_a_list_typed_on_lines_keeps_its_items_apart():
    # Items after a line that ends a sentence start sentences; items of a bare list are listed.
    assert check_question("Two papers: ZO2 and KerZOO.\n- ZO2: which GPU?\n* KerZOO: how much faster?") == \
        "Two papers: ZO2 and KerZOO. ZO2: which GPU? KerZOO: how much faster?"
    assert check_question("Compare these\n- ZO2\n- KerZOO") == "Compare these, ZO2, KerZOO"
    # Negative: a dash inside a line, or a line that is no list item, is left as it is.
    assert check_question("What is 3 - 2 in ZO2?\nAnd 4 - 1?") == "What is 3 - 2 in ZO2? And 4 - 1?"


def test_sentence_splitting_keeps_abbreviations():
    assert sentences("We use e.g. GPUs vs. CPUs. It works (Fig. 1). db-SP is fast.") == [
        "We use e.g. GPUs vs. CPUs.", "It works (Fig. 1).", "db-SP is fast."
    ]
    # "VS." as some abstracts capitalise it: one sentence with its numbers.
    assert sentences("The net reaches 80.1% (VS. 61.2% for the baseline). It is small.") == [
        "The net reaches 80.1% (VS. 61.2% for the baseline).", "It is small."]
    # Negative: a sentence ending in a word that ends in "vs"/"Vs" still ends.
    assert sentences("We train on 64 NVs. Then we stop.") == ["We train on 64 NVs.", "Then we stop."]
    # Chat writes the question sentence in lower case; a lower-case word after an abbreviation
    # goes on the sentence.
    assert sentences("peak memory: FooNet vs BarNet. which is lower?") == ["peak memory: FooNet vs BarNet.", "which is lower?"]
    assert sentences("Tools, e.g. which compilers, differ.") == ["Tools, e.g. which compilers, differ."]
    assert sentences("It is fast. however, it is big.") == ["It is fast. however, it is big."]
    assert sentences("By how much? compare FooNet and BarNet.") == ["By how much?", "compare FooNet and BarNet."]
    assert sentences("How fast is FooNet on X? vs BarNet on Y") == ["How fast is FooNet on X? vs BarNet on Y"]


def conversation(assistant, *questions: str) -> list[Turn]:
    """The turns of asking `questions` one after another, each with the ones before."""
    history: list[Turn] = []
    for q in questions:
        history.append(Turn(q, assistant.ask(q, history)))
    return history


def test_follow_ups_that_refer_to_two_earlier_subjects(assistant):
    history = conversation(assistant, "What is ZO2?", "What is DistZO2?")
    both = assistant.ask("When were both published?", history)
    assert both.standalone_question == "When were ZO2 and DistZO2 published?"
    assert "2025-03-16" in both.text and "2025-07-03" in both.text
    flash = [Turn("What is FlashOverlap?", assistant.ask("What is FlashOverlap?"))]
    mixed = assistant.ask("Compare them with ZO2", flash)
    assert mixed.standalone_question == "Compare FlashOverlap with ZO2" and len(mixed.citations) == 2


def test_a_follow_up_about_a_paper_related_to_the_subject(assistant):
    first = [Turn("What is ZO2?", assistant.ask("What is ZO2?"))]
    follow = assistant.ask("How much faster than it is its distributed follow-up?", first)
    # Every pronoun is the one subject; the paper asked about is the one related to it.
    assert follow.standalone_question == "How much faster than ZO2 is ZO2's distributed follow-up?"
    assert cited(follow)[0].startswith("DistZO2") and "3x" in follow.text
    # Negative: the subject itself, measured against another paper, stays the subject.
    own = assistant.ask("How much faster is it than the naive offloading?", first)
    assert cited(own)[0].startswith("ZO2")


def test_a_follow_up_brought_in_by_a_relative_clause_is_the_related_paper(assistant):
    first = [Turn("What is ZO2?", assistant.ask("What is ZO2?"))]
    follow = assistant.ask("Is there a follow-up that runs it on several GPUs?", first)
    # "that" relates the follow-up, no pronoun to fill; the named paper in its clause is what it follows.
    assert follow.standalone_question == "Is there a follow-up that runs ZO2 on several GPUs?"
    assert cited(follow)[0].startswith("DistZO2")
    # "that one" is the paper the last turn found, as a whole.
    gain = assistant.ask("Then that one's gain over the original, in throughput?", first + [Turn("Is there a follow-up that runs it on several GPUs?", follow)])
    assert gain.standalone_question == "Then DistZO2's gain over the original, in throughput?" and "3x" in gain.text
    # Negative: "that" standing alone is the pronoun, and carries the subject.
    assert assistant.ask("Who wrote that?", first).standalone_question == "Who wrote ZO2?"



def test_a_comparison_cell_keeps_each_quoted_sentence_whole():
    from assistant.answer.comparison import cell_quote
    from assistant.settings import Settings

    limit = Settings().cell_sentence_chars
    # A two-sentence unit longer than a cell's limit keeps its second sentence's fact.
    first = "To address this challenge, we present a statistical analysis tool " + "that is validated on silicon " * 6 + "."
    second = "We show that hardening a small fraction of the blocks meets the standard " + "with care " * 8 + "at an area overhead of only 38%."
    got = cell_quote(f"{first} {second}", 400)
    assert "38%" in got and got.count("…") == 0
    # A long abstract sentence (over 550 characters) keeps the result it ends with.
    long = "We evaluate the design on " + "a wide range of workloads and " * 17 + "it reaches a 4.2x speedup."
    assert 550 < len(long) < limit and "4.2x" in cell_quote(long, limit)
    # Negative: run-on text over the limit is still cut.
    assert cell_quote("word " * 200 + "end.", limit).endswith("…")


def test_a_list_whose_papers_are_each_asked_something_answers_it_for_each(assistant):
    a = assistant.ask("Two papers in the collection make visual autoregressive image models cheaper. "
                      "How much memory does each one save?")
    assert a.text.startswith("**2 papers**")  # the count the question gives
    assert sorted(c.title[:6] for c in a.citations) == ["LiteVA", "Progre"]
    # Each paper's asked fact (VARiant states two memory savings, 40-65% for its larger subnets and 80% for the smallest).
    assert "50% reduction in overall memory" in a.text and ("40-65%" in a.text or "80% memory reduction" in a.text)
    # Negative: a plain list asks nothing of each paper; no per-paper line.
    plain = assistant.ask("Which papers make visual autoregressive image models cheaper?")
    assert "How much memory" not in plain.text and "   - " not in plain.text



def test_a_list_line_keeps_the_second_sentence_of_a_quoted_pair_whole(assistant):
    """A pair of sentences (the first names the measure, the second gives it) is quoted with
    each sentence kept whole, not cut at a length that drops the number."""
    a = assistant.ask("Which two papers train graph neural networks sparsely, and how much training-FLOPs saving does each report?")
    assert "1/7" in a.text



def test_a_named_thing_asked_of_each_paper_is_answered_by_a_sentence_naming_one(assistant):
    """"Which hardware does each run on?": the sentence naming the platform ("CDNA3"), not one
    that only talks about the hardware, answers it."""
    a = assistant.ask("Three works in the collection are built around AMD GPUs. Which AMD hardware does each one run on?")
    assert "CDNA3" in a.text and "MI300X" in a.text


def test_a_qualifier_outside_a_papers_description_must_be_in_that_paper(assistant):
    # The description says which paper (EPIM); "JAX" qualifies what is asked and EPIM never names it.
    a = assistant.ask("What top-1 accuracy on JAX does the 2023 Berkeley paper on processing-in-memory accelerators built from epitomes reach?")
    assert a.refused_parts and "JAX" in a.refused_parts[0] and cited(a)[0].startswith("EPIM:")
    # Negative: the description's own words ("processing-in-memory") are no qualifier, and ImageNet is named.
    a = assistant.ask("What top-1 accuracy on ImageNet does the 2023 Berkeley paper on processing-in-memory accelerators built from epitomes reach?")
    assert not a.refused_parts and "71.59%" in a.text


def test_a_described_paper_taken_on_a_thin_margin_is_said_so_with_what_else_it_may_be(assistant):
    a = assistant.ask("ZO2 vs the FPGA paper: which speedup does each report?")
    assert "is read as" in a.text and "Name the paper to be sure" in a.text, a.text
    # Negative: a description that plainly finds its paper is not second-guessed.
    a = assistant.ask("ZO2 vs the spatio-temporal GPU memory allocator: which memory saving does each report?")
    assert "is read as" not in a.text, a.text


def test_a_follow_up_picks_an_earlier_subject_by_its_place(assistant):
    q = "Tell me about ZO2 and the activation offloading framework that writes to SSDs."
    first = [Turn(q, assistant.ask(q))]
    second = assistant.ask("How much activation peak memory does the second one save?", first)
    assert "SSDTrain" in second.standalone_question and "ZO2" not in second.standalone_question
    assert cited(second)[0].startswith("SSDTrain")
    # ... even when its words alone would describe another paper ("energy reduction").
    energy = assistant.ask("What inference energy reduction does the first one report?", first)
    assert "ZO2" in energy.standalone_question
    former = assistant.ask("What GPU memory does the former need for OPT-175B?", first)
    assert "ZO2" in former.standalone_question and cited(former)[0].startswith("ZO2")
    # Negatives: "the first author" is no paper; an ordinal past the papers brought in refers to none.
    author = assistant.ask("Who is the first author of it?", [Turn("What is ZO2?", assistant.ask("What is ZO2?"))])
    assert author.standalone_question == "Who is the first author of ZO2?"
    third = assistant.ask("What does the third one report?", first)
    assert "the third one" in third.standalone_question


def test_a_topic_lists_papers_lead_its_ranking(assistant):
    # The papers the list names (every one naming GLUE) come before those the search ranked
    # among them for other words but the list leaves out.
    a = assistant.ask("Which papers evaluate their method on GLUE tasks?")
    glue = {p.title for p in assistant.retriever.papers.values() if "GLUE" in p.abstract}
    assert len(glue) >= 3 and set(a.retrieved[: len(glue)]) == glue, a.retrieved[:8]
    # Negative: papers listed by their record (an author's) keep leading the list.
    b = assistant.ask("Which papers did Shaoyi Huang write on zeroth-order optimization?")
    people = [assistant.retriever.papers[c.paper_id] for c in b.citations]
    assert people and all("Shaoyi Huang" in p.authors + p.profiles for p in people), b.text


def test_it_in_a_follow_up_is_the_paper_the_answer_was_about_not_one_it_set_beside(assistant):
    q = "Which work here studies host memory pressure when LLM tuning offloads to SSD?"
    turns = [Turn(q, assistant.ask(q))]
    q2 = "Which shortcomings does it see in ZeRO-Infinity style offloading?"
    turns.append(Turn(q2, assistant.ask(q2, turns)))
    assert "MemAscend" in turns[1].answer.standalone_question, turns[1].answer.standalone_question
    third = assistant.ask("and what average peak-memory cut is reported for it?", turns)
    assert "MemAscend" in third.standalone_question and "ZeRO-Infinity" not in third.standalone_question, third.standalone_question
    assert "55.7%" in third.text
    # Negative: after a comparison of two named papers, "both" still carries both.
    pair = [Turn("Compare ZO2 with SSDTrain", assistant.ask("Compare ZO2 with SSDTrain"))]
    both = assistant.ask("When were both published?", pair)
    assert "ZO2" in both.standalone_question and "SSDTrain" in both.standalone_question, both.standalone_question


def test_an_abbreviation_in_a_quoted_answer_is_spelt_out_as_its_paper_defines_it(assistant, seeded):
    q = ("Kai Zhong, Xuefei Ning, Guohao Dai et al. (2020) built a framework for training CNNs in few bits around a new "
         "tensor format. What is that format called, and what mantissa width suffices on CIFAR-10?")
    # (One sentence a part: the quote names "the MLS tensor format" and never spells it out.)
    a = Assistant(seeded.model_copy(update={"part_evidence_sentences": 1, "evidence_more_sentences": 0})).ask(q)
    assert "the MLS tensor format" in a.text and "(MLS: multi-level scaling)" in a.text, a.text
    # With the part's next sentence quoted too, the paper's own definition is in the quote instead.
    a = assistant.ask(q)
    assert "multi-level scaling (MLS)" in a.text and "(MLS: " not in a.text, a.text
    # Negative: a quote that spells the abbreviation out itself gets no gloss.
    b = assistant.ask("Which new tensor format is the 2020 framework for training CNNs in few bits built around?")
    assert "MLS" in b.text and "(MLS: " not in b.text, b.text


def test_each_of_them_after_one_paper_is_that_paper(assistant):
    # One paper carried through two turns: "each of them" is it and what it set beside, all
    # in its own abstract; "each of FlashOverlap" is no question.
    history = conversation(assistant, "What is FlashOverlap?", "What does it overlap?")
    follow = assistant.ask("and what speedup does each of them reach?", history)
    assert follow.standalone_question == "and what speedup does FlashOverlap reach?"
    # Negative: two papers carried stay two.
    two = conversation(assistant, "What is ZO2?", "What is DistZO2?")
    assert assistant.ask("When was each of them published?", two).standalone_question == "When was each of ZO2 and DistZO2 published?"


def test_the_two_in_a_follow_up_are_the_papers_of_the_last_turns(assistant):
    # "what gap separates the two": a count of the works said before stands for them all.
    two = conversation(assistant, "What is ZO2?", "What is DistZO2?")
    follow = assistant.ask("so how do the memory savings of the two compare?", two)
    assert "ZO2" in follow.standalone_question and "DistZO2" in follow.standalone_question, follow.standalone_question
    assert "the two" not in follow.standalone_question
    # Negative: a count of some other noun ("the two stages") refers back to no paper.
    one = conversation(assistant, "What is ZO2?")
    q = "Name the two stages in DistZO2's pipeline."
    assert assistant.ask(q, one).standalone_question == q


def test_first_and_last_author_of_a_page_listing_only_a_count(assistant):
    a = assistant.ask("SSDTrain, both records: who is listed first and last on each?")
    # The page of one record gives a count and no names: said once, with the count.
    assert a.text.count("has no author names listed on its page (only their count, 8)") == 1, a.text
    assert "as its first listed author" in a.text and "as its last listed author" in a.text, a.text
    assert "has no authors listed on its page; it has no authors" not in a.text


def test_a_turn_going_on_from_the_last_one_carries_its_subject(assistant):
    # "ok. and the speedup over the baselines?": no pronoun, but "and" goes on from the last turn.
    turns = conversation(assistant, "What is FlashOverlap?", "ok. and the overall training speedup and the overlapped kernels?")
    assert "FlashOverlap" in turns[-1].answer.standalone_question, turns[-1].answer.standalone_question
    # Negative: a question of its own, naming its paper, is left as it is.
    turns = conversation(assistant, "What is FlashOverlap?", "and what does KerZOO speed up?")
    assert "FlashOverlap" not in turns[-1].answer.standalone_question


def test_a_comparison_cell_reaches_the_fourth_best_sentence(assistant):
    # "which obstacle does each address": DistZO2's parallel strategies are its fourth-best sentence for the row.
    a = assistant.ask("ZO2 or DistZO2: which obstacle does each address, and what does each achieve with OPT-175B?")
    assert "18GB" in a.text and "3x speedup" in a.text and "Perturbation Parallelism" in a.text, a.text
    # Negative: no cell quotes more than comparison_cell_sentences sentences.
    for row in a.text.splitlines():
        if row.startswith("| ") and not row.startswith("| |"):
            for cell in row.split(" | ")[1:]:
                assert cell.count("[1]") + cell.count("[2]") <= assistant.settings.comparison_cell_sentences, cell


def test_a_question_after_an_acknowledgement_goes_on_about_the_last_subject(assistant):
    turns = conversation(assistant, "What is ZO2?")
    # "ok, ..." acknowledges the answer and asks on about its paper, with no pronoun to say so.
    follow = assistant.ask("ok, what GPU memory do the largest models need?", turns)
    assert "ZO2" in follow.standalone_question, follow.standalone_question
    # Negatives: a topic list after it is a list of its own; a question naming its own paper stays as asked.
    listed = assistant.ask("ok, which papers prune attention heads?", turns)
    assert listed.standalone_question in (None, "ok, which papers prune attention heads?"), listed.standalone_question
    own = assistant.ask("ok. Which board does InTAR use?", turns)
    assert "ZO2" not in (own.standalone_question or ""), own.standalone_question


def test_a_work_not_held_is_said_to_be_missing(assistant):
    a = assistant.ask("Is there a study here about protein folding with diffusion models?")
    assert a.refused and a.text.startswith("A study about protein folding with diffusion models is not in the collection."), a.text
    assert a.citations == []



def test_a_work_asked_for_by_a_name_only_other_abstracts_use_is_missing(assistant):
    # vLLM is only a baseline in another paper's abstract: "the vLLM paper" is not held.
    a = assistant.ask("is the vLLM paper in the collection?")
    assert a.refused and a.text.startswith("The vLLM paper is not in the collection."), a.text
    # Negatives: a paper going by the name asked; a topic that papers' abstracts use.
    b = assistant.ask("Is the FastSwitch paper in here?")
    assert not b.refused and "FastSwitch" in b.text, b.text
    c = assistant.ask("Is there any article on SIMD in the collection?")
    assert "not in the collection" not in c.text, c.text


def test_a_paper_described_before_the_question_is_shown_to_be_the_one_meant(assistant):
    # The question asks a number; the answer also quotes what shows the paper found is the
    # one described ("trains the shifts ... normalization layers").
    a = assistant.ask("I read about a transfer-learning method that learns just normalization shifts and stores a binary "
                      "mask rather than activation maps. By how much does it shrink memory on MobileNetV2?")
    assert "46%" in a.text and "trains the shifts for internal normalization layers" in a.text, a.text
    # Negative: a paper named, not described, gets no such sentence.
    b = assistant.ask("What memory cut does MobileTL give on MobileNetV2?")
    assert "46%" in b.text and "trains the shifts for internal normalization layers" not in b.text, b.text


def test_a_work_the_turn_brings_in_itself_is_its_subject_and_they_are_its_authors(assistant):
    turns = conversation(assistant, "What does DualMap do?")
    # An indefinite "a paper that ..." brings in a paper of its own, which "it" after it refers to.
    q = "There was some study where subnets of a 30-layer visual autoregressive network are trained, so it can drop layers at late scales. Which is it?"
    own = assistant.ask(q, turns)
    assert own.standalone_question in (None, q) and "DualMap" not in own.text, (own.standalone_question, own.text[:300])
    turns.append(Turn(q, own))
    # "what did they get": its authors, not both papers so far.
    follow = assistant.ask("and what memory cut did they see?", turns)
    assert "DualMap" not in follow.standalone_question, follow.standalone_question
    # Negatives: "how do they compare" sets the last two turns' papers side by side; a pronoun
    # before the new work refers back.
    both = assistant.ask("how do they compare on memory?", turns)
    assert "DualMap" in both.standalone_question, both.standalone_question
    back = assistant.ask("is it similar to a study where subnets of a visual autoregressive network are trained?", turns[:1])
    assert "DualMap" in (back.standalone_question or ""), back.standalone_question


def test_there_in_a_follow_up_points_back_at_the_last_subject(assistant):
    turns = conversation(assistant, "which paper trains very deep GNNs on circuit graphs with reversible residual modules?")
    follow = assistant.ask("what peak memory cut is reported there?", turns)
    assert "GSR-GNN" in follow.standalone_question, follow.standalone_question
    # Negative: the "there" of "is there" points nowhere.
    own = assistant.ask("is there a paper on fault tolerance for LLM pretraining?", turns)
    assert "GSR-GNN" not in (own.standalone_question or ""), own.standalone_question


def test_an_amount_in_words_answers_how_deep(assistant):
    a = assistant.ask("How deep can a GSR-GNN model go, and by what share does it cut peak memory?")
    assert "hundreds of layers" in a.text and "87.2" in a.text, a.text
    # Negative: a number asked that the paper gives only in words of motivation is still not stated.
    b = assistant.ask("By what percentage does the in-memory snapshotting framework for LLM pretraining cut its fault-tolerance overhead?")
    assert "thousands of GPU" not in b.text.split("The closest it comes")[0], b.text


def test_a_fronted_against_which_asks_the_rival(assistant):
    a = assistant.ask("what latency cut does EnergonAI give under tensor parallelism, and against which system?")
    assert "37%" in a.text and "FasterTransformer" in a.text, a.text
    # Negative: the latency part alone needs no rival.
    b = assistant.ask("what latency cut does EnergonAI give under tensor parallelism?")
    assert "37%" in b.text, b.text


def test_a_claim_to_confirm_is_corrected_not_refused(assistant):
    # "X does Y on Z. Is that right?" with Z nowhere in the paper: what it lacks is said first,
    # then what it reports; no "cannot answer".
    a = assistant.ask("I saw a post saying ZO2 tunes OPT-175B on a TPU pod. Is that right?")
    assert not a.refused and CANNOT_ANSWER not in a.text, a.text
    assert a.refused_parts and "TPU" in a.refused_parts[0] and "18GB" in a.text, (a.refused_parts, a.text)
    # Negatives: the same thing asked outright is refused whole; a claim the paper holds gets no note.
    a = assistant.ask("Does ZO2 tune OPT-175B on a TPU pod?")
    assert a.refused and "TPU" in a.refused_parts[0], a.text
    a = assistant.ask("I saw a post saying ZO2 tunes OPT-175B on an 18GB GPU. Is that right?")
    assert not a.refused and not a.refused_parts and "18GB" in a.text, (a.refused_parts, a.text)


def test_a_number_asked_in_a_count_unit_needs_that_count(assistant):
    # "in billions of parameters" asks a count of parameters: a paper stating only a memory
    # saving (55.7%) does not say it.
    a = assistant.ask("How big a model can MemAscend fine-tune, in billions of parameters?")
    assert a.refused_parts and "number of parameters" in a.refused_parts[0]
    # Negative: a paper stating a parameter count answers it.
    a = assistant.ask("ZeRO's biggest trained model, measured in trillions of parameters?")
    assert not a.refused_parts and "1 Trillion parameters" in a.text

