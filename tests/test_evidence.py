"""Evidence and the extractive composer on the seeds: the asked fact is chosen, and a near-miss
(the paper is there, the asked fact is not) says so instead of quoting the nearest sentence.
Each near-miss shape has an answerable twin beside it."""

from __future__ import annotations

import pytest

from assistant.answer import CANNOT_ANSWER, Assistant


@pytest.fixture(scope="module")
def assistant(seeded):
    return Assistant(seeded)


@pytest.mark.parametrize("question,absent,twin,fact", [
    # A qualifier the abstract never mentions (another dataset).
    ("What accuracy does EPIM reach on CIFAR-100?", "CIFAR-100",
     "What accuracy does EPIM reach on ImageNet?", "71.59%"),
    # A number of something else ("8.3B total parameters" for "how many tokens").
    ("How many training tokens was ZAYA1 pretrained on?", "number of tokens",
     "How many bugs did NeuRI find?", "100 new bugs"),
    # A count written as the number's unit ("3-bit quantized") counts bits.
    ("How many GPUs does EPIM use?", "GPUs",
     "How many bits does EPIM quantize ResNet50 to?", "3-bit"),
    # A number of another measure (a speedup for "how much energy").
    ("How much energy does FastSwitch save?", "energy",
     "How much energy does CBNet save?", "79%"),
    # The measure named in one sentence, the numbers (speedups) in the next: no number for it.
    ("How much GPU memory does Accel-GCN save?", "memory",
     "How much faster than cuSPARSE is Accel-GCN?", "1.17 times"),
    # An amount asked by its two-word name that the paper never uses a word of (its numbers are
    # of other things); the twin's name has a word the paper uses.
    ("What clock frequency does EPIM run at?", "clock frequency",
     "EPIM: which top-1 accuracy is reported on ImageNet?", "71.59%"),
    # The best of a kind the paper names none of ("which of the tested LLMs won"), and the winner's rate.
    ("In MultiKernelBench, which of the tested LLMs won, and what is its pass rate on TPUs?", "LLMs",
     "MultiKernelBench supports which hardware platforms?", "Huawei NPUs"),
    # An amount whose name the paper uses ("achieves a high clock frequency") in sentences that
    # state no number; the twin's amount is stated in its units ("within 30 seconds").
    ("What clock frequency does InTAR reach?", "clock frequency",
     "What time budget does nn-JIT.web tune its kernels within?", "30 seconds"),
    # ... and a size given as a parameter count ("up to 175B parameters") states a model size.
    ("For FastSwitch, which block size of the KV cache is chosen?", "block size",
     "What model size does LLM.int8() reach without degradation?", "175B"),
    # A process node, asked of a paper naming none; the twin's is stated ("the same 7nm process node"),
    # as it is inside a foundry's name ("the BAR-16nm process", test_a_node_is_stated_in_nanometres).
    ("What technology node is the EPIM crossbar built in?", "technology node",
     "Which process node does RSN's comparison with the A100 hold fixed?", "7nm"),
    # An amount named with slashed alternatives, none of which the paper uses.
    ("For MultiKernelBench, what is the compile/pass rate on NPUs?", "compile/pass rate",
     "EPIM: which top-1 accuracy/score is reported on ImageNet?", "71.59%"),
])
def test_near_miss_is_refused_and_its_twin_answered(assistant, question, absent, twin, fact):
    a = assistant.ask(question)
    assert a.refused and CANNOT_ANSWER in a.text and absent in a.text, a.text
    assert a.refused_parts and absent in a.refused_parts[0]
    assert "closest it comes" in a.text  # the nearest evidence is offered, labelled as such
    b = assistant.ask(twin)
    assert not b.refused and not b.refused_parts and fact in b.text, b.text


def test_an_amount_is_asked_by_a_two_word_name_of_an_amount():
    from assistant.retrieval.measures import named_amounts
    assert named_amounts("What clock frequency does the FooChip prototype run at?") == [["clock", "frequency"]]
    assert named_amounts("which learning rate and warmup length were set for BarNet?") == [["learning", "rate"], ["warmup", "length"]]
    assert named_amounts("Which micro-batch sizes (per GPU) were used?") == [["micro-batch", "sizes"]]
    # ... the second of two asked together, and "what is the X of".
    assert named_amounts("which kernel family and tile clock frequency were chosen?") == [["clock", "frequency"]]
    assert named_amounts("What is the learning rate of FooNet?") == [["learning", "rate"]]
    assert named_amounts("then what is its pass rate on BarTPU?") == [["pass", "rate"]]
    # Slashed alternatives are one word of the name ("build/run rate": either will do).
    assert named_amounts("then what is the build/run rate on BarTPU?") == [["build/run", "rate"]]
    # Two asked together are two amounts, each of which the paper must name.
    assert named_amounts("which noise scale (sigma) and step rate does FooNet pick?") == [["noise", "scale"], ["step", "rate"]]
    # Negatives: a noun naming a thing; one word; no asking verb after it; "what is the idea of".
    assert named_amounts("What collective library does FooNet call?") == []
    assert named_amounts("What latency does FooNet reach?") == []
    assert named_amounts("FooNet's clock frequency, what about it?") == []
    assert named_amounts("What is the main idea of FooNet?") == []
    assert named_amounts("what speedup on A100 does it get?") == []
    assert named_amounts("and what does FooNet cost in accuracy?") == []  # ("cost" is its verb)


def test_a_number_question_quotes_a_sentence_with_the_number(assistant):
    # The description matches the method sentences best; the asked number is elsewhere.
    a = assistant.ask("What speedup does the system that overlaps computation and communication through signaling achieve?")
    assert "1.65x" in a.text and a.citations[0].title.startswith("Efficient and Adaptable Overlapping")


def test_comparison_rows_follow_the_asked_aspects(assistant):
    a = assistant.ask("How does DistZO2 differ from ZO2, and how much faster is it?")
    rows = [r.split("|")[1].strip() for r in a.text.splitlines() if r.startswith("| ") and not r.startswith("| |")]
    assert rows[0] == "approach" and any("faster" in r for r in rows)
    faster = next(r for r in a.text.splitlines() if r.startswith("| how much faster"))
    assert "3x speedup over ZO2" in faster.split("|")[2] and not a.refused


def test_a_row_asked_of_one_paper_fills_that_papers_cell_only(assistant):
    a = assistant.ask("ZO2 and DistZO2: how much GPU memory does the first need for OPT-175B, and what speedup does the latter report?")
    rows = {r.split("|")[1].strip(): [c.strip() for c in r.split("|")[2:4]] for r in a.text.splitlines()
            if r.startswith("| ") and not r.startswith("| |")}
    memory = next(v for k, v in rows.items() if "memory" in k)
    speedup = next(v for k, v in rows.items() if "speedup" in k)
    assert "18GB" in memory[0] and memory[1] == "—"
    assert speedup[0] == "—" and "3x" in speedup[1] and not a.refused_parts
    # Negative: a row asked of each fills every cell.
    a = assistant.ask("ZO2 and DistZO2: how much GPU memory does each need for OPT-175B?")
    row = next(r for r in a.text.splitlines() if r.startswith("| ") and "memory" in r.split("|")[1])
    assert "—" not in row


def test_qualifiers_pick_the_sentence_about_that_setting(assistant):
    a = assistant.ask("What does ZO2 achieve on OPT-175B?")
    assert "OPT-175B" in a.text and "18GB" in a.text


def test_each_part_of_a_question_gets_its_own_sentence(assistant):
    a = assistant.ask("What is the low-bit training framework for convolutional neural networks built around, "
                      "and what does it reduce?")
    assert "multi-level scaling" in a.text and "energy consumption" in a.text and not a.refused
    # Negative: one part asks a number the abstract lacks; the other part is still answered.
    b = assistant.ask("What is the low-bit training framework for convolutional neural networks built around, "
                      "and how many GPUs does it train on?")
    assert "multi-level scaling" in b.text and not b.refused and b.refused_parts, b.text


def test_a_comparison_against_a_baseline_quotes_the_measured_results(assistant):
    a = assistant.ask("How do MaxK-GNN and Accel-GCN fare against GNNAdvisor?")
    row = next(r for r in a.text.splitlines() if r.startswith("| ") and "GNNAdvisor" in r.split("|")[1])
    assert "4.24" in row and "1.86" in row, a.text


def test_a_qualifier_written_as_an_acronym_matches_its_words(assistant):
    # The abstract says "convolutional neural networks", never "CNN".
    a = assistant.ask("What bit-width does the MLS tensor format use for CNN training?")
    assert not a.refused and "MLS" in a.text, a.text
    # Negative: an acronym the abstract neither uses nor spells out is still a missing qualifier.
    b = assistant.ask("What bit-width does the MLS tensor format use for RNN training?")
    assert b.refused and "RNN" in b.refused_parts[0], b.text


def test_the_usual_comparison_rows_follow_the_abstracts_order():
    from assistant.answer.roles import usual_rows

    abstract = ("Training large models is costly. However, GPU memory is a bottleneck. "
                "In this work, we identify three causes of the overhead. We propose FooNet, which pages tensors. "
                "FooNet is evaluated on 4 GPUs. FooNet reaches a 2.1x speedup over the baseline. Code is public.")
    rows = usual_rows(abstract, "FooNet", set())
    assert rows["Approach"].startswith("We propose FooNet")  # the sentence naming the work
    assert rows["Problem"] == "Training large models is costly."  # before the approach
    assert rows["Results"].startswith("FooNet reaches")  # the last one stating a number
    # Negative: a sentence another row of the table quoted is not quoted again.
    rows = usual_rows(abstract, "FooNet", {"FooNet reaches a 2.1x speedup over the baseline."})
    assert rows["Results"] == "FooNet is evaluated on 4 GPUs."
    rows = usual_rows("We propose BarNet. It is 3x faster. The results generalise.", "BarNet", set())
    assert "Problem" not in rows and rows["Results"] == "It is 3x faster."


def test_a_comparison_says_what_each_work_is_in_its_own_introducing_sentences():
    from assistant.answer.roles import introduction

    abstract = ("Paging is slow. In this work, we study paging. We propose FooNet, a pager. "
                "FooNet uses three queues. Our evaluation shows a 2x speedup.")
    assert introduction(abstract, "FooNet") == ["We propose FooNet, a pager.", "FooNet uses three queues."]
    # Negative: the next sentence reports results, not the work: it is not part of the introduction.
    assert introduction("We propose BarNet, a pager. Our evaluation shows a 2x speedup.", "BarNet") == ["We propose BarNet, a pager."]


def test_how_each_works_is_quoted_from_between_introduction_and_results():
    from assistant.answer.roles import method_span

    abstract = ("GPUs are scarce. We propose FooNet, a pager. We achieve this by replacing pages with tiles. "
                "Experiments show FooNet is fast. FooNet reaches 2x speedup.")
    assert method_span(abstract) == ["We propose FooNet, a pager.", "We achieve this by replacing pages with tiles."]
    # Negative: an abstract that never introduces its work has no span to quote from.
    assert method_span("GPUs are scarce. Results show 2x speedup.") == []


def test_a_result_against_a_phrase_the_paper_never_mentions_is_refused(assistant):
    a = assistant.ask("How much TTFT does DualMap save compared with chunked pipelining?")
    assert a.refused and "chunked pipelining" in a.text, a.text
    # Negative: against what the paper does mention, the result is answered.
    b = assistant.ask("How much effective request capacity does DualMap gain compared with SOTA work?")
    assert not b.refused and "2.25" in b.text, b.text


def test_a_compared_paper_not_in_the_collection_is_a_refused_part(assistant):
    a = assistant.ask("How do FastSwitch, DualMap and QuuxServe compare on tail TTFT?")
    assert any("QuuxServe" in x for x in a.refused_parts) and "FastSwitch" in a.text


def test_a_plural_qualifier_matches_the_singular_the_paper_writes(assistant):
    a = assistant.ask("What throughput does ZeRO-Infinity sustain on 512 V100s?")
    assert not a.refused and "25 petaflops" in a.text, a.text
    # Negative: a plural of a setting the paper never names is still refused.
    b = assistant.ask("What throughput does ZeRO-Infinity sustain on 512 A100s?")
    assert b.refused and "A100s" in b.text


def test_a_phrase_describing_the_named_paper_is_no_qualifier(assistant):
    a = assistant.ask("Which microcontroller was the ViT-on-MCU work (MCUFormer) evaluated on?")
    assert not a.refused and "STM32F746" in a.text, a.text
    # Negative: a setting asked outside the describing phrase still binds.
    b = assistant.ask("Which microcontroller was MCUFormer evaluated on, and what accuracy does it reach on CIFAR-100?")
    assert b.refused_parts and "CIFAR-100" in b.refused_parts[0]


def test_how_it_works_may_be_told_after_the_first_result():
    from assistant.answer.roles import naming_more
    span = ["We propose FooNet, a two-part quantizer.", "It first scales each row."]
    sents = span + ["FooNet halves memory on 8 GPUs.", "For the rare outliers, we add a 16-bit path."]
    assert naming_more(["outliers", "handle"], span, sents) == ["For the rare outliers, we add a 16-bit path."]
    # Negative: a word the span already uses brings no later sentence.
    assert naming_more(["scales", "row"], span, sents) == []


def test_a_later_sentence_naming_the_asked_thing_answers_how(assistant):
    a = assistant.ask("How does LLM.int8() handle the emergent outliers, and what does ZO2 offload?")
    assert "mixed-precision decomposition" in a.text, a.text


def test_a_measure_stated_only_by_its_unit_is_answered(assistant):
    # "18GB" answers "how much memory" though the sentence never says "memory".
    a = assistant.ask("How much GPU memory does ZO2 need for OPT-175B?")
    assert not a.refused and "18GB" in a.text, a.text
    # Negative: a ratio of another measure does not ("1.4-11.2x" is no energy figure).
    b = assistant.ask("By how much does FastSwitch cut energy use?")
    assert b.refused and "energy" in b.text, b.text


def test_what_each_is_measured_against_quotes_the_sentence_naming_it(assistant):
    a = assistant.ask("What does each of nn-JIT.web and EnergonAI compare against?")
    row = next(r for r in a.text.splitlines() if r.startswith("| compared against"))
    assert "TVM" in row and "FasterTransformer" in row, a.text


def test_how_a_paper_deals_with_a_problem_quotes_the_sentence_going_on_from_it(assistant):
    # "... zero-weight values ... are neither useful ... Therefore, we propose a zero-free shifting
    # mechanism ...": the problem's sentence names the asked words, the next one what is done.
    a = assistant.ask("What does DenseShift do about weights equal to zero, and how much faster is EPIM?")
    row = next(r for r in a.text.splitlines() if r.startswith("| What does do about"))
    assert "zero-free shifting" in row.split("|")[2], a.text


def test_a_hyphenated_qualifier_is_there_when_its_parts_are(assistant):
    # "GPU-hour": KerZOO writes "GPU training hours".
    a = assistant.ask("How much GPU-hour reduction does KerZOO report?")
    assert "74%" in a.text and not a.refused, a.text
    # Negative: a part the abstract never uses ("TPU").
    b = assistant.ask("How much TPU-hour reduction does KerZOO report?")
    assert b.refused or b.refused_parts, b.text


def test_the_sentence_answering_what_is_asked_beats_the_one_describing_the_paper(assistant):
    a = assistant.ask("Which simulator does the cryogenic high-clock core-and-cache study use to model its in-order and out-of-order cores?")
    assert "gem5" in a.text and not a.refused, a.text
    # Negative: a latency the abstract never states is refused, however the paper is described.
    a = assistant.ask("How much does the epitome-based PIM accelerator reduce inference latency compared with pruning methods?")
    assert a.refused and "inference latency" in a.text, a.text
    b = assistant.ask("By how much does the epitome-based PIM accelerator shrink crossbar area?")
    assert not b.refused and "30.65" in b.text, b.text


def test_a_number_of_the_asked_word_beats_a_sentence_sharing_more_words(assistant):
    # "subnets ranging from 16 to 2 layers" shares the row's words; "3.5 times speedup" is the asked number.
    a = assistant.ask("LiteVAR and VARiant: how much overall memory does the former save, and what speedup does the latter get with a 2-layer subnet?")
    row = next(r for r in a.text.splitlines() if r.startswith("| what speedup"))
    assert "3.5 times speedup" in row.split("|")[3], a.text
    # Negative: a number next to a word of the question's setting ("2 layers") is no answer to "how many layers".
    a = assistant.ask("How many layers does VARiant's smallest subnet keep?")
    assert "2 layers" in a.text, a.text


def test_a_qualifier_saying_what_the_answer_is_not_is_met_by_the_contrast(assistant):
    # "non-NVIDIA hardware": the abstract lists Nvidia GPUs beside the others; the contrast is there.
    a = assistant.ask("Which non-NVIDIA hardware does MultiKernelBench cover?")
    assert not a.refused_parts and "Huawei NPUs" in a.text, a.text
    # Negative: a "non-" qualifier whose other side the paper never mentions is still missing.
    a = assistant.ask("Which non-TPU hardware does HipKittens validate on?")
    assert a.refused_parts and "non-TPU" in a.refused_parts[0], a.text


def test_the_words_of_the_papers_own_title_say_less_than_the_asked_ones(assistant):
    # The title's words (liquid state machine, resistive memory) are in many of its sentences;
    # "in-memory computing macro" is asked.
    a = assistant.ask("What capacity in-memory computing macro was the resistive-memory liquid state machine implemented on?")
    assert "256Kb" in a.text, a.text
    # Negative: a question in the title's words only is still answered from them.
    a = assistant.ask("What generates the random weights of the resistive memory-based liquid state machine?")
    assert "stochasticity of resistive switching" in a.text, a.text


def test_a_sentence_saying_how_the_one_before_is_achieved_goes_with_it(assistant):
    # "... a technique which squashes faulty activations. We achieve this by replacing ... with
    # their clipped versions.": how the technique works is the second sentence.
    a = assistant.ask("Which mitigation technique does FT-ClipAct propose?")
    assert "clipped versions" in a.text, a.text
    # Negative: a sentence that goes on with something else is not pulled in ("We show that ...").
    from assistant.answer.candidates import _GOES_ON
    assert _GOES_ON.match("We achieve this by pruning rows.") and _GOES_ON.match("This is done by caching keys.")
    assert not _GOES_ON.match("We achieve a 2x speedup.") and not _GOES_ON.match("We show that caching helps.")


def test_a_hyphenated_qualifier_is_there_when_the_text_hyphenates_its_parts_too(assistant):
    # "reverse-engineering": DeepPeep writes "to reverse-engineer the architecture".
    a = assistant.ask("Which GPUs did DeepPeep show its reverse-engineering attack on?")
    assert "P100" in a.text and not a.refused_parts, a.text
    # Negative: a compound whose part the abstract never writes is still missing.
    b = assistant.ask("Which GPUs did DeepPeep show its reverse-compilation attack on?")
    assert b.refused or b.refused_parts, b.text


def test_an_absolute_level_asked_is_not_answered_by_a_change(assistant):
    """"What absolute X" asks a level: a paper stating only a ratio or a gain is refused, with
    what it does state as the closest; a paper stating the level answers."""
    a = assistant.ask("What absolute training throughput does FlashOverlap reach?")
    assert a.refused and "relative" in a.text and "1.65x" in a.text
    level = assistant.ask("What absolute top-1 accuracy does the 3-bit EPIM-ResNet50 reach on ImageNet?")
    assert not level.refused and "71.59%" in level.text
    # Negative: the same question without "absolute" takes the speedup as its number.
    assert not assistant.ask("How much faster does FlashOverlap train?").refused


def test_a_number_stated_as_a_change_is_told_from_a_level():
    from assistant.answer.number_context import changes_only

    assert changes_only("FooNet gets 2.3x higher throughput than BarNet.")
    assert changes_only("It lifts recall by 4.1% over the baseline.")
    assert changes_only("FooNet attains a 0.7% mAP improvement on QuxSet-5K.")  # (the name's digits are no number)
    # Negatives: a level, a level beside a change, no number at all.
    assert not changes_only("FooNet reaches 81.2% mAP on QuxSet.")
    assert not changes_only("FooNet reaches 81.2% mAP, 2 points higher than BarNet.")
    assert not changes_only("FooNet is faster than BarNet.")


def test_a_described_papers_question_is_answered_from_what_is_asked_beyond_the_description(assistant):
    """The words that say which paper ("the attack that reverse-engineers compact DNN blocks")
    match its introducing sentence best; the answer is the sentence for what is asked ("which GPUs")."""
    a = assistant.ask("Which GPUs was the attack that reverse-engineers the blocks of compact DNNs shown on?")
    assert "P100" in a.text and a.citations[0].title.startswith("DeepPeep")
    # Negative: asked what it is, the introducing sentence answers.
    a = assistant.ask("What is the attack that reverse-engineers the blocks of compact DNNs?")
    assert "two-stage attack" in a.text


def test_how_deep_asks_a_number():
    from assistant.retrieval.facets import NUMBER_Q

    assert NUMBER_Q.search("and how deep is the FooNet stack?") and NUMBER_Q.search("how accurate is it on QuxSet")
    assert not NUMBER_Q.search("how does FooNet go deeper into the stack?")


def test_a_thing_of_a_named_kind_asked_is_refused_when_the_paper_names_none(assistant):
    """"Which GPU ...?": GPUs go by product names ("H800"); a paper that names none beyond the
    question's and its title's words does not say which."""
    a = assistant.ask("Which GPU was Accel-GCN benchmarked on?")
    assert a.refused and "does not name the GPU" in a.text
    # Negative: a paper that names its GPU answers.
    a = assistant.ask("Which GPU was DeepSeek-V3 trained on?")
    assert not a.refused and "H800" in a.text


def test_where_the_code_is_answers_only_a_question_about_the_code(assistant):
    a = assistant.ask("How does FlashOverlap work?")
    assert "github" not in a.text and "signal" in a.text
    # Negative: asked where the code is, the sentence with the address answers.
    assert "github.com" in assistant.ask("Where is FlashOverlap's code available?").text


def test_what_a_thing_is_called_is_answered_by_the_sentence_naming_it(assistant):
    a = assistant.ask("What is the training rule called in the backpropagation-free deep physical neural network paper?")
    assert "model-free forward-forward training" in a.text
    # Negative: "called" inside a description asks nothing of the kind.
    from assistant.retrieval.aspect import _CALLED_Q
    assert not _CALLED_Q.search("How much memory does the so-called forward pass need?")


# ---- round 37 -------------------------------------------------------------------------------

def test_a_count_written_in_words_counts():
    from assistant.answer.absence import counts_of
    assert counts_of("datasets").search("for five individual and a combined test dataset")
    assert counts_of("GPUs").search("trained on 16 A100 GPUs")
    # Negatives: no count, or "one" (an article as often as a count).
    assert not counts_of("datasets").search("on a combined test dataset")
    assert not counts_of("datasets").search("on one large dataset")


@pytest.mark.parametrize("question,fact", [
    # A count in words answers "how many" (the sentence has no digit).
    ("How many individual test datasets was LLM4DistReconfig evaluated on?", "five individual"),
    # A number glued to a lost LaTeX command ("(approx60%)").
    ("By how much does the secure MobileNet-V1 from DeepPeep cut inference latency?", "60%"),
    # An acronym the abstract writes out ("SOTA": "state-of-the-art").
    ("What speedup range does AutoAI2C report over SOTA accelerators?", "2.12"),
])
def test_a_fact_in_another_form_is_found(assistant, question, fact):
    a = assistant.ask(question)
    assert fact in a.text and not a.refused, a.text


@pytest.mark.parametrize("question,absent", [
    ("How many GPUs was LLM4DistReconfig trained on?", "GPUs"),
    ("What speedup does AutoAI2C report over TPU-v4?", "TPU-v4"),
])
def test_their_near_misses_are_still_refused(assistant, question, absent):
    a = assistant.ask(question)
    assert a.refused and absent in a.text, a.text


def test_the_title_words_of_a_compound_weigh_less(assistant):
    # "SSD-Offloaded" is in MemAscend's title: "SSD" and "offloading" are all over its abstract and
    # say nothing of what is asked.
    a = assistant.ask("MemAscend vs SSDTrain: which inefficiencies of SSD offloading does MemAscend name as left unaddressed, "
                      "and how much faster does SSDTrain train?")
    row = next(r for r in a.text.splitlines() if r.startswith("| which inefficiencies"))
    assert "pinned buffer" in row, a.text


def test_a_count_the_question_repeats_marks_the_listing_sentence(assistant):
    from assistant.embeddings import one_question
    with one_question():
        plan = assistant.retriever.plan("EnergonAI builds three techniques on its novel architecture. Name them.")
        hit = next(h for hits in assistant.retriever.run(plan.question, 8, plan).groups.values() for h in hits)
        ev = assistant.evidence.for_question(plan, hit)
    assert "peer memory pooling" in ev.sentences[0]


@pytest.mark.parametrize("question,refusal,twins", [
    # A rival asked by its kind: "outperforms the leading competitors" names none of them; a
    # paper naming the libraries it beats ("oneMKL, TVM, and LIBXSMM") answers.
    ("Which competitors does Sparse Progressive Distillation outperform?", "does not name what it is compared against",
     [("Which baselines does the sparse inference software accelerator for transformer models on CPUs outperform?", None)]),
    # "What GPU hardware": the GPU is asked; MaxK-GNN's abstract names none. A paper naming its
    # GPUs answers; a GPU speedup is a number, not a GPU.
    ("What GPU hardware does MaxK-GNN report its speedups on?", "does not name the GPU",
     [("What GPU hardware did DeepPeep run its attack on?", "P100"), ("What GPU speedup does FastSwitch get?", "11.2x")]),
    # "on an Arduino Uno": a device the MCUFormer abstract never mentions. A setting it reports
    # answers; title-cased words of the whole field qualify nothing.
    ("What accuracy does MCUFormer reach on an Arduino Uno?", "Arduino Uno",
     [("What accuracy does MCUFormer reach on ImageNet?", "73.62"), ("How does FastSwitch do on Large Language Models?", None)]),
    # "fine-tuning" is in MemAscend's title and all over its abstract: a memory number beside it
    # is no accuracy figure; the measure it states answers.
    ("By how much does MemAscend improve fine-tuning accuracy?", "accuracy",
     [("By how much does MemAscend cut fine-tuning memory?", "55.7%")]),
    # "What percentage of the optimizer states": a share of them, which no number of SSDTrain's
    # is; the share of memory it states answers.
    ("What percentage of the optimizer states does SSDTrain offload?", "optimizer states",
     [("What share of its peak memory usage does SSDTrain remove?", "peak memory usage")]),
])
def test_a_thing_the_paper_lacks_is_refused_and_its_twins_answered(assistant, question, refusal, twins):
    a = assistant.ask(question)
    assert a.refused and refusal in a.text, a.text
    for twin, fact in twins:  # (None: answered with nothing refused in part)
        b = assistant.ask(twin)
        assert not b.refused and (fact in b.text if fact else not b.refused_parts), b.text


def _table(text: str) -> dict[str, list[str]]:
    return {r.split("|")[1].strip(): [c.strip() for c in r.split("|")[2:-1]] for r in text.splitlines()
            if r.startswith("| ") and not r.startswith("| |")}


def test_a_misread_row_still_leaves_each_papers_closest_sentence_beside_the_others(assistant):
    # The rows come out as "serving side" only: the speedups asked first are in no row, so each
    # paper's sentence closest to the whole question is.
    a = assistant.ask("FlashOverlap and SPAgent apparently report the same top speedup, which figures are those? "
                      "Also, how does SPAgent rein in speculation on the serving side?")
    rows = _table(a.text)
    closest = rows["Closest to the whole question"]
    assert "1.65x" in closest[0] and "1.65" in closest[1], a.text
    for i in range(2):  # nothing a row above quotes is quoted again
        above = " ".join(v[i] for k, v in rows.items() if k != "Closest to the whole question")
        assert all(s.strip() not in above for s in closest[i].split(f"[{i + 1}]") if len(s.strip()) > 20)
    # Negative: with no asked aspect the usual rows stand alone.
    b = assistant.ask("Compare ZO2 and DistZO2.")
    assert "Closest to the whole question" not in b.text and "Approach" in _table(b.text), b.text


def test_a_numbered_list_is_quoted_whole_with_the_sentence_announcing_it(assistant):
    # The abstract sets the items out as sentences of their own: "... three main challenges ... 1) ... 2) ... 3) ...".
    a = assistant.ask("Name the three challenges FastSwitch identifies.")
    assert "three main challenges" in a.text and "GPU idleness" in a.text and "multi-turn" in a.text, a.text
    # Items whose first is in the announcing sentence ("three key elements: (1) ... (2) ... (3) ...").
    b = assistant.ask("Which three key elements is LinGCN structured around?")
    assert "(1) A differentiable" in b.text and "(3) an enhanced HE solution" in b.text, b.text
    # Negative: a question the list does not answer does not quote it.
    c = assistant.ask("Which speedups over vLLM does FastSwitch report?")
    assert "1.4-11.2x" in c.text and "GPU idleness" not in c.text, c.text


def test_the_count_the_question_repeats_finds_the_sentence_announcing_the_things(assistant):
    # "three challenges" is written "three main challenges": a word between is still the echo.
    a = assistant.ask("Behind the overhead FastSwitch tackles, what are the three challenges?")
    assert "GPU idleness" in a.text and "multi-turn" in a.text, a.text


def test_a_rival_asked_by_its_kind_is_answered_by_the_sentence_naming_it(assistant):
    # "which system is X compared against": only a sentence naming what it is set against answers.
    a = assistant.ask("EnergonAI: what latency cut does tensor-parallel inference give, and which serving engine is it benchmarked against?")
    assert "37%" in a.text and "FasterTransformer" in a.text, a.text
    # Negative: a rival the question names itself is a qualifier, not what is asked.
    from assistant.answer.absence import asks_rival
    from assistant.models import Plan
    assert not asks_rival(Plan(question="What speedup does FastSwitch get over vLLM?"), None)
    assert asks_rival(Plan(question="Which systems does FastSwitch outperform?"), None)


def test_each_part_gets_its_own_sentence_when_two_parts_share_a_best_one(assistant):
    # The suites' sentence is the best for both parts; the simulator is named in another.
    a = assistant.ask("The cryogenic cores and caches study: which simulator, and which benchmark suites?")
    assert "gem5" in a.text and "SPEC CPU2006" in a.text, a.text
    # Negative: one sentence answering both parts is quoted once, first (what follows is the next best, after it).
    b = assistant.ask("How much latency does EnergonAI save with tensor parallelism, and by how much does pipelining improve scalability?")
    first = b.text.split("“")[1].split("”")[0]
    assert "37%" in first and "10% scalability" in first and b.text.count("37%") == 1, b.text


def test_a_count_written_as_variables_is_a_count(assistant):
    # "T times J neurons": the count is a product of two variables.
    a = assistant.ask("How many hidden neurons does the gradient-boosting paper's merged network end with?")
    assert not a.refused and "T times J neurons" in a.text, a.text
    # Negatives: a count the paper never states, and "a few" is no count.
    b = assistant.ask("How many GPUs does the gradient-boosting training paper use?")
    assert b.refused, b.text
    from assistant.answer.absence import counts_of
    assert not counts_of("neurons").search("A neurons and a few neurons") and counts_of("experts").search("with K experts")


def test_two_number_parts_sharing_a_best_sentence_each_keep_their_own():
    from assistant.answer.evidence import EvidenceSelector
    from assistant.corpus import Paper
    from assistant.models import Hit, Kind, Plan
    from assistant.settings import Settings

    speed = "FooNet decodes 2.1x faster on long prompts."
    pair = "FooNet targets long prompts. " + speed
    memory = "Its cache is 38% smaller."
    ranked = {  # each part's sentences, best first, as the scorer would give them
        "how much faster": [(speed, 1.0), (memory, 0.3)],
        "how much smaller": [(speed, 0.74), (memory, 0.73)],  # the speedup's sentence, by a hair
        "how much cheaper": [(pair, 0.8), (memory, 0.7)],  # a pair holding it: quoted in its place
    }
    paper = Paper(id="pfoo", title="FooNet", abstract=f"{pair} {memory}")

    class Scripted(EvidenceSelector):
        def for_paper(self, plan, hit, facet=None, n=None, label="", close_only=True, more=0):
            from assistant.models import PaperEvidence
            top = ranked[facet][: n or 1]
            return PaperEvidence(paper=hit.paper, sentences=[s for s, _ in top], scores=[x for _, x in top], locators=[""] * len(top))

    sel = Scripted(None, Settings())
    for second, first in (("how much smaller", speed), ("how much cheaper", pair)):
        plan = Plan(question="q", kind=Kind.FACTOID, facets=["how much faster", second], numeric_facets=["how much faster", second])
        ev = sel.for_question(plan, Hit(paper=paper, score=1.0))
        assert ev.sentences == [first, memory], (second, ev.sentences)
    # Negative: a part whose own best sentence is another one quotes that one only.
    ranked["how much smaller"] = [(memory, 0.9), (speed, 0.2)]
    plan = Plan(question="q", kind=Kind.FACTOID, facets=["how much faster", "how much smaller"], numeric_facets=["how much faster", "how much smaller"])
    assert sel.for_question(plan, Hit(paper=paper, score=1.0)).sentences == [speed, memory]


def test_a_sentence_setting_out_instances_of_the_asked_kind_names_them(assistant):
    from assistant.corpus import Paper
    from assistant.models import Hit, Kind, Plan

    paper = Paper(id="pfoo", title="FooNet", abstract=(
        "FooNet is a compiler for tiny models. On every board we tried, FooNet runs kernels 2x faster than hand-written code. "
        "It targets several boards, including Nucleo and Arty. The code is public."))

    def best(facet: str, named: bool = True) -> str:
        plan = Plan(question=f"FooNet and BarNet: {facet}?", kind=Kind.COMPARATIVE, facets=[facet], named_facets=[facet] if named else [])
        return assistant.evidence.for_paper(plan, Hit(paper=paper, score=1.0), facet=facet).sentences[0]

    assert best("which boards does each run on").startswith("It targets several boards, including")
    # Negatives: no named thing asked, or another kind asked: the sentence sharing the words wins.
    assert best("which boards does each run on", named=False).startswith("On every board")
    assert best("which kernels does each run").startswith("On every board")


def test_how_a_work_works_is_told_by_the_sentences_between_its_introduction_and_results(assistant):
    from assistant.corpus import Paper
    from assistant.models import Hit

    paper = Paper(id="pfooserve", title="FooServe: Serving Chat Sessions from Host Memory", abstract=(
        "Serving many chat sessions wastes GPU memory. Existing schedulers evict whole sessions and recompute them, "
        "which makes FooServe-like serving of long sessions slow. We propose FooServe, a session scheduler. "
        "FooServe keeps each session's cache in pinned host memory and prefetches it one step ahead of its turn. "
        "Experiments show FooServe serves 3.1x more sessions than vLLM while keeping latency low."))
    hit = Hit(paper=paper, score=1.0, reason="named")

    def quoted(question: str) -> list[str]:
        return assistant.evidence.for_question(assistant.retriever.plan(question), hit, n=2).sentences

    told = quoted("How does FooServe work?")
    assert sorted(told) == ["FooServe keeps each session's cache in pinned host memory and prefetches it one step ahead of its turn.",
                            "We propose FooServe, a session scheduler."], told
    # Negatives: a number asked is still the result's; the problem asked is still the problem's.
    assert "3.1x more sessions" in quoted("How many more sessions does FooServe serve than vLLM?")[0]
    assert quoted("What problem with existing schedulers does FooServe address?")[0].startswith("Existing schedulers evict")


def test_a_number_asked_in_a_unit_is_answered_only_by_one_of_its_kind(assistant):
    # A power asked "in milliwatts": EPIM states an accuracy and an area ratio, no power.
    a = assistant.ask("What power in milliwatts does EPIM draw?")
    assert a.refused and "milliwatts" in a.text, a.text
    # Negative: a unit of the kind the paper states ("in KB": its "320KB") is answered.
    b = assistant.ask("MCUFormer fits vision transformers in how many KB of memory?")
    assert not b.refused and "320KB" in b.text, b.text


def test_a_part_naming_its_unit_asks_a_number_in_it():
    from assistant.answer.absence import absent
    from assistant.corpus import Paper
    from assistant.models import Kind, PaperEvidence, Plan

    # "..., like in percent, and ...": a part naming the unit asks a number in it, though the
    # planner read it as no number question (a part naming its paper, "FooNet so ...").
    part = "FooNet on BarSet so what accuracy was kept, like in percent"
    plan = Plan(question=f"{part} and what depth was that", kind=Kind.FACTOID, unit="percent",
                facets=[part, "what depth was that"])
    said = ["FooNet keeps a much better accuracy at less than 1/7 of the FLOPs on BarSet."]
    paper = Paper(id="pfoopct", title="FooNet", abstract=said[0])
    assert "in percent" in absent(plan, paper, [], PaperEvidence(paper=paper, sentences=said), part)
    # Negatives: a paper stating a percentage answers it; the other part names no unit.
    given = ["FooNet keeps 91.5% accuracy at less than 1/7 of the FLOPs on BarSet."]
    other = Paper(id="pfoopct2", title="FooNet", abstract=given[0])
    assert "percent" not in absent(plan, other, [], PaperEvidence(paper=other, sentences=given), part)
    assert "percent" not in absent(plan, paper, [], PaperEvidence(paper=paper, sentences=said), "what depth was that")


def test_a_node_is_stated_in_nanometres(assistant):
    from assistant.units import amounts_in, states_dimension

    said = "FooChip is built in RTL with the BAR-16nm process and runs at 1 GHz."
    assert states_dimension(said, "node") and states_dimension("a 5 nanometer node", "node")
    assert _absent(assistant, "What technology node is FooChip built in?", said, "pfoonode") == ""
    # Negatives: no node is stated by another length's absence; a node in a question is no
    # setting the answer must repeat (a part's name, "a 7nm chip", may differ).
    assert not states_dimension("FooChip runs at 1 GHz with 16 MB of cache.", "node")
    assert "technology node" in _absent(assistant, "What technology node is FooChip built in?", "FooChip runs at 1 GHz.", "pfoonode2")
    assert [m.group() for m in amounts_in("on a 7nm chip at 2 GHz")] == ["2 GHz"]


def test_a_unit_asked_asks_a_number_and_money_is_a_unit(assistant):
    from assistant.units import asked_unit, dimension, states_dimension

    assert dimension(asked_unit("What did the cluster cost in US dollars?")) == dimension("USD") == "money"
    assert all(states_dimension(x, "money") for x in ["Training cost $5.6M.", "It costs 2 million US dollars.", "US$2,000 per run", "5M USD"])
    # Negatives: LaTeX math is no money; a time is none.
    assert not any(states_dimension(x, "money") for x in ["within $1\\%$ loss", "up to $1.65\\times$ faster", "a 3.2 ms delay"])
    # The DeepSeek-V3 insights paper names its H800 GPUs and calls training "cost-efficient", no sum.
    a = assistant.ask("What did the GPU cluster behind DeepSeek-V3 cost in US dollars?")
    assert (a.refused or a.refused_parts) and "US dollars" in a.text, a.text
    # Negative: a unit the paper states a number in is answered (the twin below, "in how many KB").


def test_what_a_unit_measures_is_read_from_the_question_and_the_sentence():
    from assistant.units import asked_unit, dimension, states_dimension

    assert asked_unit("What decode latency in milliseconds does FooNet get?") == "milliseconds"
    assert asked_unit("and its raw throughput in tokens/s?") == "tokens/s"
    assert asked_unit("How many GB of DRAM does BarNet need?") == "GB"
    assert dimension("milliseconds") == dimension("ms") == dimension("hours") == "time"
    assert states_dimension("Each image takes 3.2 ms.", "time") and states_dimension("It fits in 18GB.", "size")
    # Negatives: a paper, a measure or a place after "in" names no unit; a ratio or a size is no time.
    assert asked_unit("In FooNet, what memory saving is reported?") == ""
    assert asked_unit("What is the cost in memory and in hardware?") == ""
    assert not states_dimension("It is 2.5x faster at 73.6% accuracy with 320KB.", "time")


def test_a_gain_over_a_rival_asks_the_gain_not_which_rival():
    from assistant.answer.absence import asks_rival
    from assistant.models import Kind, Plan

    def rival(q: str) -> bool:
        return asks_rival(Plan(question=q, kind=Kind.FACTOID), None)

    # The rival after "over" qualifies the asked gain: a paper beating "prior methods" unnamed answers it.
    assert not rival("what accuracy gain over prior methods does FooNet claim?")
    assert not rival("What speedup relative to prior systems does FooNet report?")
    # Negatives: the rival itself asked for by its kind.
    assert rival("Which prior works does FooNet beat?") and rival("what two strong baselines does FooNet use?")


def test_a_row_read_from_the_question_keeps_the_kind_it_asks(assistant):
    from assistant.corpus import Paper
    from assistant.models import Hit, Kind, Plan

    paper = Paper(id="pfooboards", title="FooNet", abstract=(
        "FooNet is a compiler for tiny models. FooNet targets the boards' slowest kernels and runs them 2x faster than hand-written code. "
        "It runs on several boards, including Nucleo and Arty. The code is public."))

    def best(question: str, facet: str) -> str:
        plan = Plan(question=question, kind=Kind.COMPARATIVE, facets=[facet], named_facets=[facet], facets_inferred=True)
        return assistant.evidence.for_paper(plan, Hit(paper=paper, score=1.0), facet=facet).sentences[0]

    # "What boards do the two target?" gives the row "boards target": still a kind of board asked.
    assert best("FooNet and BarNet: what boards do the two tools target?", "boards target").startswith("It runs on several boards")
    # Negative: a row without the question's asked word asks no such kind.
    assert best("FooNet and BarNet: what boards do the two tools target?", "kernels run").startswith("FooNet targets")


def test_each_part_of_a_question_may_quote_its_next_best_sentence():
    from assistant.answer.evidence import EvidenceSelector
    from assistant.corpus import Paper
    from assistant.models import Hit, Kind, PaperEvidence, Plan
    from assistant.settings import Settings

    prunes = "FooNet prunes whole attention heads."
    how = "It ranks each head by its gradient norm."
    smaller = "The pruned model is 41% smaller."
    ranked = {"what does FooNet prune": [(prunes, 0.8), (how, 0.7)], "how much smaller is it": [(smaller, 0.9)]}
    paper = Paper(id="pfooparts", title="FooNet", abstract=f"{prunes} {how} {smaller}")

    class Scripted(EvidenceSelector):  # each part's sentences as the scorer would rank them (close ones only)
        def for_paper(self, plan, hit, facet=None, n=None, label="", close_only=True, more=0):
            top = ranked[facet][: n or 1]
            return PaperEvidence(paper=hit.paper, sentences=[s for s, _ in top], scores=[x for _, x in top], locators=[""] * len(top))

    plan = Plan(question="q", kind=Kind.FACTOID, facets=list(ranked), numeric_facets=["how much smaller is it"])
    # A part's next-best sentence, nearly as good, says how: it is quoted with the part's best.
    assert Scripted(None, Settings()).for_question(plan, Hit(paper=paper, score=1.0)).sentences == [prunes, how, smaller]
    # Negative: with one sentence a part, only each part's best.
    one = Scripted(None, Settings(part_evidence_sentences=1))
    assert one.for_question(plan, Hit(paper=paper, score=1.0)).sentences == [prunes, smaller]


def test_a_unit_in_brackets_or_a_rate_in_words_is_the_asked_unit():
    from assistant.units import asked_unit, dimension

    # As a table header writes it ("latency per image (ms)"), or a rate spelt out anywhere.
    assert asked_unit("What is FooNet's latency per image (ms) on a Nucleo board?") == "ms"
    assert asked_unit("What energy (in mJ) does each inference take?") == "mJ"
    assert dimension(u := asked_unit("What tokens-per-second gain does FooNet deliver?")) == "throughput", u
    # Negatives: a plural marker, an example in brackets, a bracketed name.
    assert asked_unit("Which paper(s) report latency?") == ""
    assert asked_unit("What tail latency (e.g. p99) does FooNet hit?") == ""
    assert asked_unit("What does the tiler (FooTile) speed up?") == ""
    # A power written with a caret, in words or in brackets: "in mm^2", "(mm^2)".
    assert dimension(asked_unit("How much silicon area in mm^2 does the FooChip take?")) == "area"
    assert dimension(asked_unit("What chip footprint (mm^2) does the FooChip have?")) == "area"
    assert asked_unit("What is x^2 in that table?") == ""


def _absent(assistant, question: str, abstract: str, pid: str, **plan) -> str:
    from assistant.corpus import Paper
    from assistant.models import Aspect, Hit, Kind, Plan

    title = plan.pop("title", "FooNet")
    p = Plan(question=question, kind=Kind.FACTOID, aspect=plan.pop("aspect", Aspect.NUMBER), **plan)
    return assistant.evidence.for_paper(p, Hit(paper=Paper(id=pid, title=title, abstract=abstract), score=1.0)).absent


def test_a_title_word_in_the_numbers_own_phrase_is_the_measure(assistant):
    from assistant.answer.number_context import number_neighbours

    # "Cache" is all over a cache paper's abstract, but "a 61% peak cache reduction" is a number of it.
    title = "FooNet: Cache-Thrifty Decoding on Many Nodes"
    said = "FooNet shards a decoder over many nodes. It reaches a 61% peak cache reduction and a 3x speedup on one node."
    assert _absent(assistant, "How much host-side cache does FooNet save?", said, "pfootitle1", title=title,
                   measured=["host-side", "cache"]) == ""
    assert number_neighbours("It reaches a 61% peak cache reduction.", reach=2) == {"reach", "peak", "cach"}
    # Negatives: the title word away from the number, in another sentence or beyond the number's
    # phrase, says nothing of it; the default reach is the nearest word only.
    apart = "FooNet keeps its cache on the host. It reaches a 3x speedup on one node."
    assert "host-side" in _absent(assistant, "How much host-side cache does FooNet save?", apart, "pfootitle2", title=title,
                                  measured=["host-side", "cache"])
    beyond = "FooNet shards a decoder over many nodes. It gives a 61% cut of the decoder's own cache."
    assert "host-side" in _absent(assistant, "How much host-side cache does FooNet save?", beyond, "pfootitle3", title=title,
                                  measured=["host-side", "cache"])
    assert number_neighbours("It reaches a 61% peak cache reduction.") == {"reach", "peak"}


def test_a_number_in_a_unit_of_another_dimension_is_not_the_measure_unnamed(assistant):
    from assistant.units import measured_in

    # "How much accuracy" is not stated by "on a phone with 8GB": a size is no accuracy.
    said = "FooNet tunes a 13B model on a phone with 8GB. It keeps accuracy close to full precision."
    assert "accuracy" in _absent(assistant, "How much accuracy does FooNet keep on the phone?", said, "pfoodim1", measured=["accuracy"])
    assert measured_in("latency") == "time" and measured_in("memory") == "size" and measured_in("accuracy") == "share"
    # Negatives: a number in the measure's own units states it unnamed ("within 40 ms" is a
    # latency), and a measure whose name says no dimension may be any absolute figure.
    timed = "FooNet answers within 40 ms on a phone with 8GB."
    assert _absent(assistant, "How much latency is added by FooNet on the phone?", timed, "pfoodim2", measured=["latency"]) == ""
    assert _absent(assistant, "How much traffic does FooNet move on the phone?", timed, "pfoodim3", measured=["traffic"]) == ""
    assert measured_in("traffic") == ""


def test_a_change_of_a_named_measure_needs_a_number_of_that_measure(assistant):
    from assistant.retrieval.measures import asked_measure
    from assistant.models import Kind, Plan

    def measured(q: str) -> list[str]:
        return asked_measure(q, Plan(question=q, kind=Kind.FACTOID))

    # "Which throughput gain": the gain is of throughput; "what energy saving": of energy.
    assert measured("Which throughput gain against BarLib does FooNet claim?") == ["throughput"]
    assert measured("and what total energy saving do both get?") == ["total", "energy"]
    abstract = "FooNet cuts energy use by 55.7% compared with BarLib. It runs on one GPU."
    assert "throughput" in _absent(assistant, "Which throughput gain against BarLib does FooNet claim?", abstract, "pfoogain",
                                   measured=["throughput"])
    assert _absent(assistant, "What energy saving does FooNet claim?", abstract, "pfoogain", measured=["energy"]) == ""
    # Negatives: a speedup is its own measure, any ratio answers it; no change noun, no measure.
    assert measured("What inference speedup does FooNet report?") == []
    assert measured("What throughput does FooNet reach?") == []


def test_words_of_the_telling_name_no_measure():
    from assistant.retrieval.measures import asked_measure
    from assistant.models import Kind, Plan

    def measured(q: str) -> list[str]:
        return asked_measure(q, Plan(question=q, kind=Kind.FACTOID))

    # "The exact cuts", "which claimed bandwidth increase": the number as the paper gives it.
    assert measured("Someone said FooNet halves the bill. What are the exact cuts for each board?") == []
    assert measured("Which claimed bandwidth increase does FooNet get?") == ["bandwidth"]
    assert measured("Which real power drop does FooNet see?") == ["power"]
    # Negatives: a measure's own adjective stays ("peak"), as does the measure beside it.
    assert measured("Which peak cache reduction did FooNet see?") == ["peak", "cache"]
    assert measured("Which energy savings does FooNet report?") == ["energy"]


def test_a_degree_or_an_interval_is_an_amount_asked_by_name(assistant):
    from assistant.models import Aspect
    from assistant.retrieval.measures import named_amounts

    # "What polynomial degree": an amount, stated only by a number in a sentence using its name.
    assert named_amounts("What polynomial degree does FooNet fit?") == [["polynomial", "degree"]]
    assert named_amounts("What sync interval does FooNet pick?") == [["sync", "interval"]]
    vague = "FooNet swaps each ReLU for a polynomial fit. It keeps 75% accuracy on CIFAR-10."
    assert "polynomial degree" in _absent(assistant, "What polynomial degree does FooNet fit?", vague, "pfoodeg1", aspect=Aspect.GENERAL)
    # Negatives: a number in a sentence using the name states it; a name with no amount noun asks none.
    stated = "FooNet swaps each ReLU for a polynomial fit of degree 3. It keeps 75% accuracy on CIFAR-10."
    assert _absent(assistant, "What polynomial degree does FooNet fit?", stated, "pfoodeg2", aspect=Aspect.GENERAL) == ""
    assert named_amounts("What polynomial family does FooNet fit?") == []


def test_a_statistic_alone_or_a_coordinated_change_names_no_measure():
    from assistant.retrieval.measures import asked_measure
    from assistant.models import Kind, Plan

    def measured(q: str) -> list[str]:
        return asked_measure(q, Plan(question=q, kind=Kind.FACTOID))

    # "What mean reduction": how a change is summed up, not what changed. "What layout and mean
    # reduction": a thing and a change, or one change of two measures: no measure is read.
    assert measured("QuxNet: what mean reduction is reached?") == []
    assert measured("QuxNet: what layout and mean reduction is reached?") == []
    assert measured("QuxNet: which energy or latency reduction is reached?") == []
    # Negatives: a statistic beside a measure keeps both; one measure before the change is read.
    assert measured("QuxNet: what mean latency reduction is reached?") == ["mean", "latency"]
    assert measured("QuxNet: what latency reduction is reached?") == ["latency"]


def test_a_change_asked_of_a_paper_stating_only_absolute_figures_is_refused(assistant):
    from assistant.retrieval.measures import asks_change

    # "What speedup" asks how far something moved; a paper stating only where it runs ("at 4 K",
    # "on 512 MB") does not say.
    assert asks_change("Someone told me it is quick. What speedup does FooNet get?")
    assert asks_change("FooNet shortens each run: by how much?")
    assert asks_change("how much did FooNet's queueing policy lower waiting times")
    levels = "FooNet runs cores at 4 K and 20 GHz. Its caches hold 512 MB. It is fast."
    assert "speedup or change" in _absent(assistant, "What speedup does FooNet get?", levels, "pfoochg1", change=True)
    # Negatives: any relative figure answers (a ratio, "by", a share, "from ... to"), and a
    # question asking no change is not held to one.
    for said in ["FooNet runs at 4 K. It is 3.5x faster than BarNet.", "FooNet cuts run time by 40 s at 4 K.",
                 "FooNet needs 38% of the energy at 4 K.", "FooNet takes run time from 9 h to 2 h at 4 K.",
                 "FooNet is 7.5 $\\times$ quicker at 4 K."]:
        assert _absent(assistant, "What speedup does FooNet get?", said, "pfoochg2", change=True) == "", said
    assert not asks_change("What cuts FooNet's energy, and at what clock does it run?")
    assert not asks_change("What temperature does FooNet run its cores at?")
    assert not asks_change("How much data did FooNet train on to improve it?")
    assert _absent(assistant, "What temperature does FooNet run its cores at?", levels, "pfoochg3") == ""


def test_a_qualifier_matches_its_number_however_grouped_and_one_alternative_will_do(assistant):
    abstract = "FooNet verifies a 1,024 bits multiplier with 99.96% accuracy. It reaches 15 petaflops in aggregate."
    # "1024-bit" is "1,024 bits".
    assert _absent(assistant, "What accuracy does FooNet reach on the 1024-bit multiplier?", abstract, "pfooqual", specifics=["1024-bit"]) == ""
    assert "2048-bit" in _absent(assistant, "What accuracy does FooNet reach on the 2048-bit multiplier?", abstract, "pfooqual", specifics=["2048-bit"])
    # "aggregate or per-GPU": the asker takes either figure; of two named alternatives one will do.
    assert _absent(assistant, "What aggregate or per-GPU throughput does FooNet report?", abstract, "pfooqual", specifics=["per-GPU"]) == ""
    assert "per-GPU" in _absent(assistant, "What sustained or per-GPU throughput does FooNet report?", abstract, "pfooqual", specifics=["per-GPU"])
    assert _absent(assistant, "What accuracy on the 1024-bit or 2048-bit multiplier?", abstract, "pfooqual",
                   specifics=["1024-bit", "2048-bit"]) == ""
    # Negatives: neither alternative in the paper; a qualifier with no alternative.
    assert "SVHN" in _absent(assistant, "And its top-1 on SVHN or MNIST?", abstract, "pfooqual", specifics=["SVHN", "MNIST"])
    assert "per-GPU" in _absent(assistant, "What per-GPU throughput does FooNet report?", abstract, "pfooqual", specifics=["per-GPU"])
    # Slashed ("over plain BarOpt/FooOpt"): alternatives too, one found in any way (an acronym spelt out) will do.
    spelt = "FooNet trains with zeroth-order (ZO) steps and cuts memory by 4x over plain stochastic gradient descent."
    assert _absent(assistant, "Against plain ZO/BazZO, what is new in FooNet?", spelt, "pfooslash", specifics=["ZO", "BazZO"]) == ""
    assert _absent(assistant, "Against plain BazZO/SGD, what is new in FooNet?", spelt, "pfooslash", specifics=["BazZO", "SGD"]) == ""
    # Negatives: neither slashed word there; two names of one work ("the X / Y paper") are both asked.
    assert "BazZO" in _absent(assistant, "Against plain QuxZO/BazZO, what is new in FooNet?", spelt, "pfooslash", specifics=["QuxZO", "BazZO"])
    assert "BazAttention" in _absent(assistant, "In the FooNet / BazAttention paper, how much memory is saved?", abstract, "pfooqual",
                                     specifics=["BazAttention"])


def test_instances_set_out_in_brackets_name_the_asked_kind(assistant):
    from assistant.corpus import Paper
    from assistant.models import Hit, Kind, Plan

    paper = Paper(id="pfoofaults", title="FooGuard", abstract=(
        "FooGuard is a resilience analysis of networks subjected to hardware faults (e.g., permanent faults) in the weight memory. "
        "Inherently, networks are considered to be highly error-tolerant. FooGuard clips activations to bound the effect of faults."))
    facet = "faults kind consider"
    plan = Plan(question="FooGuard and BarGuard: what kind of faults does each one consider?", kind=Kind.COMPARATIVE,
                facets=[facet], named_facets=[facet], facets_inferred=True)
    best = assistant.evidence.for_paper(plan, Hit(paper=paper, score=1.0), facet=facet).sentences[0]
    assert best.startswith("FooGuard is a resilience analysis"), best
    # Negative: a bracket holding no instances ("faults (FooGuard's focus)") sets none out.
    paper.id, paper.abstract = "pfoofaults2", paper.abstract.replace("(e.g., permanent faults)", "(the focus here)")
    assert assistant.evidence.for_paper(plan, Hit(paper=paper, score=1.0), facet=facet).sentences[0].startswith("FooGuard clips"), paper.abstract


def test_a_baseline_described_in_plain_words_is_there_when_its_head_is(assistant):
    # "greedy schedulers": DualMap never says "greedy", but it is about schedulers; a
    # description in plain words is not a name the paper must repeat.
    a = assistant.ask("How much does DualMap raise effective request capacity compared with greedy schedulers?")
    assert not a.refused and not a.refused_parts and "2.25" in a.text, a.text
    a = assistant.ask("By how much does EPIM shrink crossbar area compared with the unquantized network?")
    assert not a.refused and not a.refused_parts and "30.65" in a.text, a.text
    # Negatives: a phrase whose head the paper lacks, and a capitalised name, must still be there.
    b = assistant.ask("How much does DualMap raise effective request capacity compared with speculative batching?")
    assert b.refused and "speculative batching" in b.text, b.text
    c = assistant.ask("How much does DualMap raise effective request capacity compared with Llumnix?")
    assert c.refused and "Llumnix" in c.text, c.text
    # The rule's reach: words only, spaced, no capital or digit.
    from assistant.answer.absence import _head_there
    have = {"schedul", "network"}
    assert _head_there("the greedy schedulers", have) and _head_there("plain network", have)
    assert not _head_there("greedy-schedulers", have)  # one compound word: all its parts, as before
    assert not _head_there("the Greedy schedulers", have) and not _head_there("8-bit network", have)
    assert not _head_there("the greedy batching", have)
    # A phrase hyphenated into one word, told by a function word among its parts, is a phrase too.
    from assistant.text import stems
    have = stems("the pool holds unusable memory; an all-gather step")
    assert _head_there("reserved-but-unusable", have) and _head_there("hard-to-reclaim-memory", have)
    assert not _head_there("reserved-but-unreachable", have)  # its head is not there
    assert not _head_there("all-reduce", have) and not _head_there("reserved-unusable", have)  # no function word: a term
    assert not _head_there("int8-to-unusable", have)  # a digit: a setting's name


def test_a_comparison_cell_holds_a_fact_stated_in_a_papers_third_best_sentence(assistant):
    # The MLIR cost model's predictor (it reads the MLIR "as a text input") is stated a few
    # sentences into its abstract; the cell quotes enough of the row's best to hold it.
    a = assistant.ask("For wa-hls4ml and the MLIR hardware cost model paper, which kind of model serves as the predictor in each?")
    assert "transformer-based surrogate" in a.text and "text input" in a.text, a.text
    # Negative: more sentences per cell fill no cell whose asked thing the paper lacks.
    b = assistant.ask("For wa-hls4ml and the MLIR hardware cost model paper, what ImageNet top-1 accuracy does each predictor reach?")
    assert len(b.refused_parts) == 2 and b.text.count("*not reported*") >= 2, b.text


def test_how_a_work_works_quotes_the_sentence_after_the_one_introducing_it(assistant):
    """The sentence introducing a survey ("This paper surveys ...") leads the evidence for how it
    goes about its review; the next one says what it covers, however few words it shares."""
    from assistant.answer.roles import method_span
    r = assistant.retriever
    q = "How do the authors of the transformer inference optimization survey organise their review?"
    plan = r.plan(q)
    hit = next(h for h in r.retrieve(q, plan=plan) if h.paper.title.startswith("A Survey of Techniques for Optimizing Transformer"))
    span = method_span(hit.paper.abstract)
    ev = assistant.evidence.for_question(plan, hit)
    assert ev.sentences[0].startswith(span[0]) and any(x.startswith(span[1]) for x in ev.sentences[:2]), ev.sentences
    assert "knowledge distillation" in assistant.ask(q).text
    # Negative: asked what it finds, not how it works, the evidence is ranked as before (no sentence added).
    plan = r.plan("What does the survey on optimizing transformer inference find about hardware?")
    ev = assistant.evidence.for_question(plan, hit)
    assert len(ev.sentences) - ev.added <= assistant.settings.evidence_sentences


def test_a_kind_asked_by_acronym_that_the_paper_states_a_number_of_is_a_measure(assistant):
    # AIO-P improves "SRCC by 1% to 0.5": SRCC is a measure it reports, not a product to name.
    a = assistant.ask("What SRCC is reported for AIO-P?")
    assert not a.refused and "does not name" not in a.text and "SRCC" in a.text, a.text
    # Negative: a product kind it names no model of, and one it never mentions, stay refused.
    b = assistant.ask("Which FPGA does AIO-P run on?")
    assert b.refused, b.text
    # An item's number in a list ("2) GPU idleness") is no quantity of the word after it.
    from assistant.answer.number_context import number_neighbours
    assert number_neighbours("Two causes: 1) CPU stalls and 2) GPU idleness.") == frozenset()
    assert number_neighbours("It cuts memory by 40% (2) and runs 3x faster.") == {"memori", "run", "faster"}


def test_a_qualifier_written_as_one_word_is_there_when_its_content_words_are():
    # The parts a paper may write apart: split at hyphens and at dots between letters (a code
    # path), without function words; a single word or a number has no parts.
    from assistant.answer.absence import _parts
    assert _parts("TPU-day") == ["tpu", "day"] and _parts("in-place") == ["place"]
    assert _parts("torch.nn.Linear") == ["torch", "nn", "linear"]
    assert _parts("3.5x") == [] and _parts("v1.2") == [] and _parts("pruning") == []


def test_a_hyphenated_qualifier_s_parts_are_matched_against_the_text_s_parts_unstemmed_together(assistant):
    from assistant.models import Aspect
    # "backprop-free": the text's "backpropagation-free" has both parts ("free" stems alone to "free").
    abstract = "We present a backpropagation-free training scheme for optical networks. It reaches 90% accuracy."
    assert _absent(assistant, "What accuracy does the backprop-free FooNet reach?", abstract, "pfreehy",
                   specifics=["backprop-free"], aspect=Aspect.GENERAL) == ""
    # Negative: a part the text never writes is still missing.
    assert "mention" in _absent(assistant, "What accuracy does the backprop-heavy FooNet reach?", abstract, "pfreehy",
                                specifics=["backprop-heavy"], aspect=Aspect.GENERAL)


def test_a_sentence_counting_the_asked_kind_names_it(assistant):
    from assistant.corpus import Paper
    from assistant.models import Hit, Kind, Plan

    paper = Paper(id="pfoographs", title="FooPart", abstract=(
        "FooPart partitions graphs of circuits with a learned model. Its graph datasets come from placement flows, where quality "
        "matters. We evaluate FooPart on 18 benchmark graphs. FooPart runs 3x faster on 8 cores."))

    def best(facet: str) -> str:
        plan = Plan(question=f"FooPart and BarPart: {facet}?", kind=Kind.COMPARATIVE, facets=[facet], named_facets=[facet])
        return assistant.evidence.for_paper(plan, Hit(paper=paper, score=1.0), facet=facet).sentences[0]

    # "what graphs/datasets": a count of either says which ("on 18 benchmark graphs").
    assert best("what graphs/datasets does each one test on").startswith("We evaluate FooPart on 18"), best("what graphs/datasets does each one test on")
    # Negative: a count of something else names no partition method.
    assert not best("what partition methods does each one use").startswith("We evaluate FooPart on 18")


def test_a_paper_stating_none_of_the_askers_guesses_does_not_say_which(assistant):
    from assistant.models import Aspect
    abstract = "FooNet fine-tunes a 7B model on one GPU. It trains with the AdamW optimizer and reaches 71% accuracy."
    # "(Lion? SGD?)": the asker guesses the value; the paper states neither.
    assert "Lion" in _absent(assistant, "Which optimizer does FooNet train with (Lion? SGD?)", abstract, "pguess", aspect=Aspect.GENERAL)
    # Negatives: a guess the paper states ("AdamW or SGD?"), and a parenthesis that guesses nothing.
    assert _absent(assistant, "Which optimizer does FooNet train with (AdamW or SGD?)", abstract, "pguess", aspect=Aspect.GENERAL) == ""
    assert _absent(assistant, "Which optimizer does FooNet (the 7B one) train with?", abstract, "pguess", aspect=Aspect.GENERAL) == ""


def test_a_second_thing_asked_in_one_clause_brings_the_sentence_holding_it():
    from assistant.answer.cover import covering

    scored = [(0.9, "FooNet pages tensors to host memory over PCIe.", ""),
              (0.7, "FooNet pages tensors in 2 MB blocks.", ""),
              (0.3, "A scheduler overlaps the copies with compute on each stream.", ""),
              (0.2, "The code is public.", "")]
    # "what does FooNet page and how does it overlap the copies": the best sentence holds the first thing only.
    got = covering(scored, scored[:1], ["page", "tensors", "overlap", "copies"], 2)
    assert [x[1] for x in got] == ["A scheduler overlaps the copies with compute on each stream."]
    # Negative: every asked word is held by a quoted sentence: nothing more is quoted.
    assert covering(scored, scored[:1], ["page", "tensors", "memory"], 2) == []
    # Negative: a word no sentence holds brings none; a number ("2") is no asked thing.
    assert covering(scored, scored[:1], ["page", "latency", "2"], 2) == []
    # Negative: none when no more may be quoted.
    assert covering(scored, scored[:1], ["overlap"], 0) == []


def test_a_thing_asked_beside_a_number_in_one_clause_is_quoted(assistant):
    # The number asked and, in the same clause, something that is no number: both are quoted.
    a = assistant.ask("What speedup over vLLM does FastSwitch report and the challenges behind the overhead?")
    assert "1.4-11.2x" in a.text
    assert "three main challenges" in a.text
    # Negative: asked the number alone, the challenges are not quoted.
    assert "three main challenges" not in assistant.ask("What speedup over vLLM does FastSwitch report?").text


def test_the_answering_paper_quotes_its_next_best_sentence_after_the_verdict(assistant):
    # The best sentence is a bare list item; the next best, far below it, says what is done about it.
    q = "How does FastSwitch handle GPU idleness?"
    a = assistant.ask(q)
    assert "GPU idleness" in a.text and "mitigates context switching overhead" in a.text
    plan = assistant.retriever.plan(q)
    hit = assistant.retriever.run(q, 8, plan).hits[0]
    # Negative: a paper only "also relevant" (one sentence asked) gets no more.
    assert len(assistant.evidence.for_question(plan, hit, n=1).sentences) == 1
    # Negative: a near-miss's verdict is given on the best sentences, and nothing is added to its closest one.
    q = "How many epochs does EPIM train ResNet50 for?"
    plan = assistant.retriever.plan(q)
    ev = assistant.evidence.for_question(plan, assistant.retriever.run(q, 8, plan).hits[0])
    assert ev.absent and ev.added == 0
    assert assistant.ask(q).text.startswith(CANNOT_ANSWER)


def test_a_measure_the_asker_spells_out_is_answered_by_any_of_what_it_spells(assistant):
    # "hardware savings" is a category; "namely the X and the Y" says which numbers are meant.
    a = assistant.ask("What hardware savings does EPIM claim, namely the crossbar area cut and the accuracy kept?")
    assert not a.text.startswith(CANNOT_ANSWER) and "30.65 times" in a.text, a.text
    # Negative: spelt out, a measure the paper states no number of is still refused.
    b = assistant.ask("How much energy does FastSwitch save, specifically the joules per request?")
    assert b.text.startswith(CANNOT_ANSWER), b.text
    # Negative: a plain list after a comma spells nothing out ("..., and the accuracy?" is another part).
    from assistant.retrieval.measures import _NAMELY
    assert not _NAMELY.search("What hardware savings does EPIM claim, and the accuracy?")


def test_a_count_the_asker_sets_must_be_the_papers(assistant):
    abstract = "FooNet trains a 20B model on 400 GPUs at 15 petaflops. Eight nodes suffice for the 1B model."
    # "with 1,024 GPUs": the paper states its runs on 400, so the asked setting is not reported.
    assert "1,024 GPUs" in _absent(assistant, "What throughput does FooNet get with 1,024 GPUs?", abstract, "pfoocount", specifics=["1,024 GPUs"])
    # Negatives: the count stated, in digits or in words.
    assert _absent(assistant, "What throughput does FooNet get with 400 GPUs?", abstract, "pfoocount", specifics=["400 GPUs"]) == ""
    assert _absent(assistant, "How fast is FooNet with 8 nodes?", abstract, "pfoocount", specifics=["8 nodes"]) == ""


def test_the_planner_reads_a_bare_count_as_a_setting(assistant):
    plan = assistant.retriever.plan
    assert "2,048 nodes" in plan("How much memory does ZeRO save when run across 2,048 nodes?").specifics
    # Negatives: a ratio, a year, a count in an example, and the asker's own setting before the question.
    assert not any(x[0].isdigit() for x in plan("Did ZeRO get 3 times more throughput in 2020?").specifics)
    assert "8 GPUs" not in plan("I have 8 GPUs. How much memory does ZeRO save?").specifics
    assert "8 GPUs" not in plan("How much memory does ZeRO save on small clusters (e.g. 8 GPUs)?").specifics


def test_a_maker_or_a_spaced_model_names_the_kind_asked(assistant):
    from assistant.models import Aspect
    ask = dict(aspect=Aspect.GENERAL, named_kind="FPGAs")
    # "What FPGAs ...?" is answered by a maker's name before the kind; "RTX 4090" is a model, written apart.
    assert _absent(assistant, "What FPGAs does FooNet target?", "FooNet maps networks onto Xilinx FPGAs with HLS.", "pfookind1", **ask) == ""
    assert _absent(assistant, "Which GPU does FooNet use?", "FooNet trains on one RTX 4090 in a workstation.", "pfookind2",
                   aspect=Aspect.GENERAL, named_kind="GPU") == ""
    # Negatives: "which exact part" asks the model, not the maker; a kind named by no maker or model.
    assert "FPGA" in _absent(assistant, "Which exact FPGA part does FooNet target?", "FooNet maps networks onto Xilinx FPGAs with HLS.",
                             "pfookind1", aspect=Aspect.GENERAL, named_kind="FPGA")
    assert "FPGAs" in _absent(assistant, "What FPGAs does FooNet target?", "Modern FPGAs are fast. FooNet maps networks onto FPGAs.", "pfookind3", **ask)


def test_a_part_asking_what_an_abbreviation_is_short_for_quotes_its_spelling_out(assistant, seeded):
    one = Assistant(seeded.model_copy(update={"part_evidence_sentences": 1, "evidence_more_sentences": 0}))
    # The abbreviation is named in a statement; the part asks "that acronym" with none of its words.
    a = one.ask("MaxK-GNN introduces a sparse format, CBSR. What is that acronym short for, and what speedup over DGL does it reach on Reddit?")
    assert "Compressed Balanced Sparse Row" in a.text, a.text
    a = one.ask("TZ-LLM talks about the REE. Full form of that, please, and by what factor does decoding speed up?")
    assert "Rich Execution Environment" in a.text, a.text
    # Negative: a sentence using the abbreviation without spelling it out.
    from assistant.answer.evidence import spells_out
    assert spells_out("We present CBSR (Compressed Balanced Sparse Row), a format.", {"CBSR"})
    assert spells_out("a Compressed Balanced Sparse Row (CBSR) format", {"CBSR"})
    assert not spells_out("CBSR is 3x faster (on Reddit).", {"CBSR"})


def test_a_number_given_only_for_a_sibling_in_a_series_is_not_the_asked_members(assistant):
    from assistant.series import members, sibling_only

    abstract = ("QuxNet trains only the top layers of a network. It cuts activation memory by 41% and 47% for BarNetV1 and V4 "
                "backbones, respectively. For BarNetV4, QuxNet uses 29% fewer multiply-accumulates when tuning 3 layers.")
    # The multiply-accumulate number is BarNetV4's; BarNetV1 is named, but only beside the memory numbers.
    assert "BarNetV4" in _absent(assistant, "How many fewer multiply-accumulates does QuxNet use on BarNetV1 when tuning 3 layers?",
                                 abstract, "pseries", specifics=["BarNetV1"], aspect_terms=["fewer", "multiply-accumulates", "tuning"])
    # Negatives: the member asked is the one the number is given for; a bare number after a member
    # ("BarNetV1 and V4") names that series' member; no member asked.
    assert _absent(assistant, "How many fewer multiply-accumulates does QuxNet use on BarNetV4?", abstract, "pseries",
                   specifics=["BarNetV4"], aspect_terms=["fewer", "multiply-accumulates"]) == ""
    assert _absent(assistant, "What activation-memory cut does QuxNet get for BarNetV4 backbones?", abstract, "pseries",
                   specifics=["BarNetV4"], aspect_terms=["activation", "memory", "cut"]) == ""
    assert ("barnet", (4,)) in members("by 41% and 47% for BarNetV1 and V4 backbones")
    # A series needs a name of two letters or more and its number joined to it ("A100" and "Foo 7" are none).
    assert sibling_only("on the A100", ["runs 2x faster on an H100"]) == ""
    assert sibling_only("on Foo 7", ["Foo 13 reaches 70%"]) == ""
    assert sibling_only("on BazBench-10", ["81% on BazBench-100"]) == "BazBench-100"
    assert sibling_only("on BazBench-10", ["81% on BazBench-100 and 95% on BazBench-10"]) == ""


def test_an_amount_asked_by_one_word_the_paper_uses_only_without_numbers_is_not_stated(assistant):
    from assistant.retrieval.measures import named_amounts

    assert named_amounts("What threshold does QuxNet use?", single=True) == [["threshold"]]
    # (An auxiliary after the name is no word of it: "what learning rate is used".)
    assert named_amounts("what learning rate is used, and what die size?") == [["learning", "rate"]]
    abstract = "QuxNet projects its updates into a low-dimensional subspace before each step. It improves accuracy by 6% on BarSet."
    assert "dimensionality" in _absent(assistant, "What dimensionality does QuxNet choose for its space?", abstract, "pdim")
    # A two-word amount with no word in the paper: "what cut-off threshold".
    assert "threshold" in _absent(assistant, "What cut-off threshold is used by QuxNet?", abstract, "pdim")
    # Negatives: the word with a number; a noun naming a thing, not an amount; an amount absent
    # in one word ("what accuracy" is answered by "76% top-1", whatever its words).
    assert _absent(assistant, "What dimensionality does QuxNet choose?", "QuxNet projects onto a 64-dimensional space.", "pdim2") == ""
    assert named_amounts("What dataset does QuxNet use?", single=True) == []
    assert _absent(assistant, "What accuracy does QuxNet reach?", "QuxNet reaches 76% top-1 on BarSet.", "pdim3") == ""


def test_a_later_introduction_opens_more_of_how_a_work_works():
    from assistant.answer.roles import method_span

    # A result between two introductions ("With it, ... fits 175B") ends the first span only.
    abstract = ("Serving is costly. We propose FooQuant, an 8-bit scheme. With it, a 175B model fits on one server. "
                "To handle outliers, we develop a two-part procedure. It first splits rows by scale. Results show 2x savings.")
    assert method_span(abstract) == ["We propose FooQuant, an 8-bit scheme.", "To handle outliers, we develop a two-part procedure.",
                                     "It first splits rows by scale."]
    # Negative: with no second introduction, the span ends at the result.
    assert method_span("Serving is costly. We propose FooQuant, an 8-bit scheme. With it, a 175B model fits on one server. "
                       "It is open source.") == ["We propose FooQuant, an 8-bit scheme."]


def test_a_share_asked_as_a_percentage_is_answered_by_a_percentage_only(assistant):
    from assistant.units import amounts_in, asked_unit, dimension, states_dimension

    # "what %", "what percentage", "in %": a share, which only a number in percent states.
    assert dimension(asked_unit("FooNet compiles how often, and what %?")) == "share"
    assert dimension(asked_unit("What percentage of kernels does BarNet fuse?")) == "share"
    assert states_dimension("more than 99.9% of values", "share") and states_dimension("a 41\\% cut", "share")
    # Negatives: a time asked after "what" stays a time; a count or a ratio is no share; a share
    # is no amount a setting is given in.
    assert asked_unit("what speedup in ms does FooNet give?") == "ms"
    assert not states_dimension("It spans 285 tasks and runs 2.5x faster.", "share")
    assert [m.group() for m in amounts_in("at 40% load with 4GB")] == ["4GB"]
    # MultiKernelBench states counts of tasks and categories, no percentage.
    a = assistant.ask("Which of the LLMs scores best on MultiKernelBench's NPU platform, and what %?")
    assert a.refused or a.refused_parts, a.text


def test_a_value_asked_by_its_symbols_name_needs_the_symbol_written(assistant):
    from assistant.text import writes_symbol

    # "eta" is written "eta", "\eta" or "η", as a word: not inside "beta" or "metadata".
    assert writes_symbol("eta", "a step size $\\eta$ of 0.1") and writes_symbol("eta", "with η = 0.3")
    assert not writes_symbol("eta", "beta tests of the metadata store")
    # The gradient-noise paper names no symbol of its noise schedule: the values are not reported.
    a = assistant.ask("For the gradient-noise training paper, which values of the gamma and eta parameters were chosen?")
    assert (a.refused or a.refused_parts) and "gamma" in a.text, a.text
    # Negatives: a setting named with a Greek-letter word that is a name ("Raspberry Pi") is no
    # symbol; nor is a symbol inside an example list.
    plan = assistant.retriever.plan
    assert "pi" not in plan("Did CBNet's tests use a raspberry pi board?").specifics
    assert "alpha" not in plan("Which hyperparameters, such as alpha, does EPIM tune?").specifics


def test_what_a_paper_does_after_stating_a_problem_answers_what_it_uses(assistant):
    # "X is of no use. Therefore, we use Y.": Y goes on from the sentence about X.
    a = assistant.ask("DenseShift: what do they put in place of zero-valued weights in its shift network?")
    assert "zero-free shifting" in a.text, a.text
    # Negative: a number asked still quotes the sentence that states it.
    a = assistant.ask("How many sparsity ratios are tested for the CPU sparse inference accelerator's SpMM kernel?")
    assert "5 representative sparsity ratios" in a.text, a.text


def test_a_question_naming_no_paper_is_answered_from_every_retrieved_hit(assistant):
    from assistant.answer.extractive import ExtractiveComposer
    from assistant.corpus import Paper
    from assistant.models import Hit, Retrieval
    from assistant.settings import Settings

    plan = assistant.retriever.plan("Is there any thesis on quxbar tiling?")
    filler = [Hit(paper=Paper(id=f"f{i}", title=f"Web cache study {i}", abstract="We study caching of web pages in browsers."),
                  score=1.0, reason="search") for i in range(6)]
    thesis = Hit(paper=Paper(id="t1", title="Tiling kernels", abstract="This thesis studies quxbar tiling on small boards."),
                 score=0.5, reason="search")
    # The paper using the asked words is found wherever the ranking put it among the hits.
    composer = ExtractiveComposer(assistant.retriever, assistant.evidence, assistant.settings)
    text = composer.compose(plan, Retrieval(plan=plan, hits=filler + [thesis])).text
    assert "quxbar tiling on small boards" in text, text
    # Negatives: past the hits it is told to read, or among no hit using the words, it is not.
    cut = ExtractiveComposer(assistant.retriever, assistant.evidence, Settings(fact_candidates=6))
    assert "quxbar" not in cut.compose(plan, Retrieval(plan=plan, hits=filler + [thesis])).text
    assert "quxbar" not in composer.compose(plan, Retrieval(plan=plan, hits=filler)).text


def test_the_measure_asked_is_the_words_before_what_it_is_per():
    from assistant.retrieval.measures import asked_measure
    from assistant.models import Kind, Plan

    # The measure before what it is per ("energy per frame") is the measure asked.
    def measured(q: str) -> list[str]:
        return asked_measure(q, Plan(question=q, kind=Kind.FACTOID))

    assert measured("How much extra power per decoded frame did they see on the FooBoard?") == ["extra", "power"]
    assert measured("How much power does FooNet draw per frame?") == ["power"]
    # Negative: what a "per" phrase is of, after the verb, stays out.
    assert measured("How much cache does FooNet keep per node?") == ["cache"]


def test_a_number_stated_only_for_another_model_size_is_not_the_asked_sizes(assistant):
    from assistant.series import size_only
    from assistant.units import asked_unit

    abstract = ("QuxTrain offloads optimizer state to flash. It can train a 70B model on one workstation, where other "
                "systems run out of memory; and for a 7B model it sustains 88 TFLOPS on one board.")
    # The TFLOPS figure is the 7B model's; 70B is named only in the finding that states no TFLOPS.
    assert asked_unit("what TFLOPS does QuxTrain sustain?") == "TFLOPS"
    assert _absent(assistant, "What TFLOPS does QuxTrain sustain on the 70B model?", abstract, "psizes", specifics=["70B"],
                   unit="TFLOPS", aspect_terms=["tflops", "sustain", "70b"]) == "gives that number for “7B”, not for “70B”"
    # Negatives: the size the number is given for; a finding with no size leaves it open; another unit.
    assert _absent(assistant, "What TFLOPS does QuxTrain sustain on the 7B model?", abstract, "psizes",
                   specifics=["7B"], unit="TFLOPS", aspect_terms=["tflops", "sustain", "7b"]) == ""
    assert size_only("70B", ["It sustains 88 TFLOPS on one board."], lambda x: "TFLOPS" in x) == ""
    assert size_only("70B", ["For a 7B model, 88 TFLOPS; for the 70B one, 61 TFLOPS."], lambda x: "TFLOPS" in x) == ""
    # A count of other things ("300B tokens") is no size; a hyphenated "70B-parameter" is one.
    assert size_only("70B", ["Trained on 300B tokens, it sustains 88 TFLOPS."], lambda x: "TFLOPS" in x) == ""
    assert size_only("70B", ["Our 70B-parameter run sustains 61 TFLOPS, 1.4x the 7B one."], lambda x: "TFLOPS" in x) == ""
    assert asked_unit("what W does it draw?") == "" and asked_unit("what hardware does it use?") == ""
    assert asked_unit("What KB does the retriever read from?") == ""  # (a knowledge base as often as kilobytes)
    # (A unit the table cannot measure, "MFLOPS", is none asked: no dimension would state it.)
    assert asked_unit("what MFLOPS does it reach?") == "" and asked_unit("what GHz does it run at?") == "GHz"
    # (A unit modifying a change asked, "what GB-per-node saving", asks the change, not a number in it.)
    assert asked_unit("what GB-per-node saving does QuxTrain get?") == asked_unit("what TFLOPS boost came of it?") == ""

