"""The planner on the seeds: question -> typed Plan. Each misfire found by people who did not
write the code is here with a negative case beside it (the same words in a question that
must be read the other way)."""

from __future__ import annotations

import pytest

from assistant.models import Aspect, Kind, RecordField, RecordQuery
from assistant.retrieval import Retriever


@pytest.fixture(scope="module")
def planner(seeded):
    r = Retriever(seeded)
    return r, r.plan


def titles(r, target):
    return [r.papers[i].title for i in target.paper_ids]


def compared(r, plan):
    """The plan's targets by their first paper's title before its colon ("DualMap")."""
    return [titles(r, t)[0].split(":")[0] for t in plan.targets]


def test_how_many_counts_papers_only_when_it_asks_for_papers(planner):
    _, plan = planner
    assert plan("How many papers are in the collection?").record_query is RecordQuery.COUNT
    assert plan("How many papers did Shaoyi Huang write?").record_query is RecordQuery.COUNT
    p = plan("How many papers does the survey in ZO2 cover?")  # a number a named paper states
    assert p.record_query is None and p.kind is Kind.FACTOID
    p = plan("How many GPUs was DeepSeek-V3 trained on?")
    assert p.record_query is None and p.kind is Kind.FACTOID and p.aspect is Aspect.NUMBER
    assert [t.phrase for t in p.targets] == ["DeepSeek-V3"]


def test_latest_orders_by_date_only_when_it_qualifies_papers(planner):
    _, plan = planner
    assert plan("What is the latest paper in the collection?").record_query is RecordQuery.NEWEST
    assert plan("What is the latest paper in the collection?").record_n == 1
    assert plan("Which are the three oldest papers?").record_query is RecordQuery.OLDEST
    p = plan("Which GPU generation is the latest one that FlashOverlap was tested on?")
    assert p.record_query is None and p.kind is Kind.FACTOID


def test_when_as_a_conjunction_is_not_a_date_question(planner):
    _, plan = planner
    p = plan("How much faster is db-SP when running diffusion transformers?")
    assert p.kind is Kind.FACTOID and p.aspect is Aspect.NUMBER and RecordField.DATE not in p.fields
    p = plan("When was db-SP posted?")
    assert p.kind is Kind.METADATA and p.fields == [RecordField.DATE]


def test_a_when_clause_before_the_question_is_its_condition(planner):
    _, plan = planner
    p = plan("When db-SP runs on eight GPUs, what speedup do its authors measure?")
    assert p.kind is Kind.FACTOID and RecordField.DATE not in p.fields, p
    # Negatives: "when" before the verb it inverts, or alone, asks the date.
    for q in ["When did KerZOO appear?", "KerZOO: when?"]:
        p = plan(q)
        assert p.kind is Kind.METADATA and p.fields == [RecordField.DATE], (q, p)


def test_when_alone_at_the_end_asks_the_date(planner):
    _, plan = planner
    # Terse asks: "KerZOO - what group and when".
    p = plan("KerZOO - what group and when")
    assert p.kind is Kind.METADATA and RecordField.DATE in p.fields, p
    # Negative: "when" opening a clause that goes on is a condition.
    p = plan("db-SP beats Ulysses by what factor when the sequence grows")
    assert RecordField.DATE not in p.fields, p


def test_a_field_word_inside_what_is_asked_describes_it(planner):
    _, plan = planner
    # "what accuracy ... the authors get", "what ... does it group by": the interrogative asks
    # the accuracy and the bit-width; the field words only describe them. So does a "what"
    # after the field word ("each group's weights ... to what kind of numbers").
    for q in ["What top-1 accuracy did the EPIM authors get on ImageNet?",
              "What unit of data does ZO2 group by layer when it offloads?",
              "KerZOO rounds each group's weights to what kind of numbers?"]:
        p = plan(q)
        assert p.kind is Kind.FACTOID and not p.fields, (q, p)
    # Negatives: the interrogative asks the field itself, before the field word or after it.
    for q, field in [("Which lab is DeepSeek-V3 from?", RecordField.ORGANISATION),
                     ("What is the venue of SSDTrain?", RecordField.VENUE),
                     ("What year was it that the KerZOO authors posted it?", RecordField.DATE),
                     ("The KerZOO group is from which university?", RecordField.ORGANISATION),
                     ("Which lab is behind KerZOO?", RecordField.ORGANISATION)]:
        p = plan(q)
        assert p.kind is Kind.METADATA and field in p.fields, (q, p)


def test_a_baseline_is_not_a_second_subject(planner):
    _, plan = planner
    p = plan("What speedups does FastSwitch achieve over vLLM?")
    assert p.kind is Kind.FACTOID and [t.phrase for t in p.targets] == ["FastSwitch"] and "vLLM" in p.specifics
    p = plan("Compare FastSwitch and DualMap")
    assert p.kind is Kind.COMPARATIVE and [t.phrase for t in p.targets] == ["FastSwitch", "DualMap"]
    p = plan("How did the throughput claims change from the original ZeRO paper to ZeRO-Infinity?")
    assert p.kind is Kind.COMPARATIVE


def test_record_fields_in_other_words(planner):
    _, plan = planner
    for q, field in [("Who wrote ZO2?", RecordField.AUTHORS), ("Who are the people behind KerZOO?", RecordField.AUTHORS),
                     ("Which organisation is DeepSeek-V3 associated with?", RecordField.ORGANISATION),
                     ("Who is the first author of KerZOO?", RecordField.FIRST_AUTHOR),
                     ("How many authors does ZO2 have?", RecordField.AUTHOR_COUNT),
                     ("Which conference did SSDTrain appear at?", RecordField.VENUE)]:
        p = plan(q)
        assert p.kind is Kind.METADATA and field in p.fields, (q, p)
    # The same words as ordinary vocabulary: not record questions.
    assert plan("How does ZO2 reduce the memory people need for fine-tuning?").kind is Kind.FACTOID
    # A question opening "Where was/did ..." asks the venue at its verb, however long the subject.
    for q in ("Where and in which year did the work that partitions ZeRO three ways on the Frontier machine get published?",
              "where did the work squeezing a 175B model's zeroth-order tuning into a single GPU's memory appear?",
              # (... after a lead-in's colon or dash.)
              "Reading group: where and when was the work that partitions ZeRO three ways on the Frontier machine published?",
              "Item 4 - where did the work squeezing a 175B model's zeroth-order tuning into a single GPU's memory appear?"):
        p = plan(q)
        assert p.kind is Kind.METADATA and RecordField.VENUE in p.fields, q
    # Negatives: "where" asking a place in the work; the verb in a clause of its own.
    for q in ("Where does the speedup of the work that partitions ZeRO three ways on the Frontier machine come from, as presented?",
              "Where in the pipeline does ZO2 overlap its transfers with the computation it has to do?",
              "Reading group: where in the pipeline does ZO2 overlap its transfers with the computation it has to do?"):
        assert RecordField.VENUE not in plan(q).fields, q


def test_a_singular_paper_is_a_factoid_a_plural_is_a_list(planner):
    _, plan = planner
    assert plan("Which paper reports 71.59% top-1 accuracy?").kind is Kind.FACTOID
    assert plan("Which papers use zeroth-order optimization?").kind is Kind.AGGREGATE


def test_every_paper_followed_by_a_topic_is_a_topic_list(planner):
    _, plan = planner
    p = plan("List every paper that offloads optimizer states to SSDs.")
    assert p.kind is Kind.AGGREGATE and p.record_query is None and "every" not in p.topic_terms, p
    assert {"offloads", "ssds"} <= set(p.topic_terms), p.topic_terms
    # Negatives: with nothing after it but the collection, it is the whole collection.
    for q in ["List every paper.", "Show all the papers on this page."]:
        p = plan(q)
        assert p.kind is Kind.AGGREGATE and p.record_query is RecordQuery.ALL, (q, p)


def test_requests_for_whatever_work_there_is_are_lists(planner):
    """"The work" after a request, "is there any research", "anything on", a bare plural with a
    participle: the collection's papers on a topic, however many."""
    _, plan = planner
    for q in ["List the work on sparse training of convolutional networks.",
              "Show me the research on memory allocators for GPUs.",
              "Is there any work using homomorphic encryption for inference?",
              "Anything on running transformers on microcontrollers?",
              "Show me everything that reports results on ImageNet.",
              "Papers proposing new number formats for training?"]:
        assert plan(q).kind is Kind.AGGREGATE, q
    # Negatives: one work asked about, or a paper's own words.
    assert plan("What does the work on sparse attention propose?").kind is not Kind.AGGREGATE
    assert plan("Which work reports the highest accuracy on ImageNet?").kind is not Kind.AGGREGATE
    assert plan("Is there anything ZO2 does not offload?").kind is not Kind.AGGREGATE
    assert plan("How does ZO2 work on a single GPU?").kind is not Kind.AGGREGATE


def test_an_unknown_qualifier_beside_a_known_paper_is_a_specific(planner):
    _, plan = planner
    p = plan("What accuracy does EPIM reach on CIFAR-100?")
    assert [t.phrase for t in p.targets] == ["EPIM"] and "CIFAR-100" in p.specifics and not p.missing
    p = plan("Compare FlashOverlap and GaLore")
    assert p.missing == ["GaLore"] and p.kind is Kind.COMPARATIVE
    # A device named after a maker every paper uses: the setting runs from its first rare word.
    # ("Jetson": a word few papers use, not none, so no unknown name either.)
    p = plan("How fast is EPIM with the Nvidia Jetson Nano board?")
    assert "Jetson Nano" in p.specifics and not any("Nvidia" in x for x in p.specifics), p.specifics
    # Negative: capitalised words all common in the corpus name no setting.
    p = plan("What speedup does EPIM get on a Google Cloud instance?")
    assert not any("Google" in x or "Cloud" in x for x in p.specifics), p.specifics


def test_described_papers_are_resolved_by_their_own_search(planner):
    r, plan = planner
    p = plan("Compare the GPU memory allocator that plans with spatio-temporal planning and the zeroth-order "
             "offloading framework that fine-tunes on limited GPU memory")
    assert p.kind is Kind.COMPARATIVE and [t.by for t in p.targets] == ["description", "description"]
    assert titles(r, p.targets[0])[0].startswith("Reducing GPU Memory Fragmentation")
    assert titles(r, p.targets[1])[0].startswith("ZO2:")
    p = plan("Who is the first author of the allocator that reduces GPU memory fragmentation by spatio-temporal planning?")
    assert p.kind is Kind.METADATA and titles(r, p.targets[0])[0].startswith("Reducing GPU Memory Fragmentation")


def test_a_shared_name_is_narrowed_by_the_rest_of_the_question(planner):
    r, plan = planner
    p = plan("Where was the SSDTrain version that evaluates on Llama published?")
    assert len(p.targets) == 1 and titles(r, p.targets[0]) == [
        "SSDTrain: Faster Large Language Model Training Using SSD-Based Activation Offloading"]
    both = plan("What did SSDTrain appear in?")
    assert len(both.targets[0].paper_ids) == 2  # nothing in the question tells them apart


def test_organisation_words_filter_lists_only(planner):
    _, plan = planner
    assert plan("Which papers are from berkeley?").venues
    p = plan("What does EPIM do at Berkeley?")
    assert p.kind is Kind.FACTOID and not p.venues


def test_comparison_facets_come_from_the_question(planner):
    _, plan = planner
    p = plan("How do ZO2 and DistZO2 differ in memory use and throughput?")
    assert p.facets == ["memory use", "throughput"]
    p = plan("How does DistZO2 differ from ZO2, and how much faster is it?")
    assert p.facets[0] == "approach" and any("faster" in f for f in p.facets)
    assert plan("Compare AutoReP with RRNet").facets == []  # nothing asked: the default rows


def test_a_question_asking_several_things_has_one_part_each(planner):
    _, plan = planner
    p = plan("How much does S0 tuning gain over LoRA on HumanEval, and how many training solutions does it use?")
    assert p.kind is Kind.FACTOID and len(p.facets) == 2 and "training solutions" in p.facets[1]
    # Negative: "and" inside one asked thing is no new question.
    assert plan("What speedup and memory reduction does DistZO2 report?").facets == []
    assert plan("How much faster is ZO2 on OPT-175B and OPT-13B?").facets == []


def test_only_a_baseline_named_means_the_subject_is_described(planner):
    r, plan = planner
    p = plan("How much faster is the framework for distributed zeroth-order fine-tuning than ZO2?")
    assert [t.by for t in p.targets] == ["description"] and titles(r, p.targets[0])[0].startswith("DistZO2")
    assert "ZO2" in p.specifics
    # Negative: the subject named beside the baseline stays the subject.
    p = plan("How much faster is DistZO2 than ZO2?")
    assert [t.phrase for t in p.targets] == ["DistZO2"] and p.targets[0].by == "name"


def test_a_baseline_phrase_names_no_paper(planner):
    _, plan = planner
    p = plan("Compare the memory allocator that plans with tensor lifespans and a naive PyTorch allocator")
    assert p.kind is not Kind.COMPARATIVE and all(not t.phrase.lower().startswith("a naive") for t in p.targets)
    # Negative: descriptions of particular papers, with either article, are two papers.
    p = plan("Compare the memory allocator that plans with tensor lifespans and the in-browser kernel system")
    assert p.kind is Kind.COMPARATIVE and len(p.targets) == 2
    p = plan("Compare a memory allocator that plans with tensor lifespans and a kernel system that runs in the browser")
    assert p.kind is Kind.COMPARATIVE and len(p.targets) == 2


def test_a_statement_before_the_question_is_the_description(planner):
    r, plan = planner
    p = plan("There is an allocator that exploits the spatial and temporal regularity of training workloads. "
             "How much does it reduce fragmentation?")
    assert titles(r, p.targets[0])[0].startswith("Reducing GPU Memory Fragmentation")
    assert "fragmentation" in p.aspect_terms and "regularity" not in p.aspect_terms


def test_a_comparison_without_a_cue_keeps_the_asked_words(planner):
    _, plan = planner
    p = plan("How do MaxK-GNN and Accel-GCN fare against GNNAdvisor?")
    assert p.facets and "GNNAdvisor" in p.facets[0] and p.facets == p.numeric_facets
    p = plan("How did the memory claims change from ZeRO to ZeRO-Infinity?")
    assert p.facets == ["memory claims"]
    # Negative: nothing asked but the comparison itself: the generic rows.
    assert plan("How do MaxK-GNN and Accel-GCN compare?").facets == []


def test_a_record_question_may_follow_its_subject(planner):
    r, plan = planner
    p = plan("The zeroth-order fine-tuning framework that offloads to the CPU: who wrote it, and when?")
    assert p.kind is Kind.METADATA and RecordField.AUTHORS in p.fields and RecordField.DATE in p.fields
    assert titles(r, p.targets[0])[0].startswith("ZO2")
    p = plan("ZO2: how many authors does it have?")
    assert p.kind is Kind.METADATA and p.fields == [RecordField.AUTHOR_COUNT]
    # Negative: a number the paper states, beside a record word, is no record question.
    p = plan("ZO2: how much GPU memory does it need, and when does it offload?")
    assert p.kind is Kind.FACTOID


def test_agreeing_is_comparing(planner):
    _, plan = planner
    p = plan("Do ZO2 and DistZO2 agree about offloading parameters to the CPU?")
    assert p.kind is Kind.COMPARATIVE and p.facets and "offloading" in p.facets[0]
    # Negative: one paper agreeing with unnamed prior work is about one paper.
    assert plan("Does ZO2 agree with prior work about offloading?").kind is not Kind.COMPARATIVE


def test_slashed_variants_name_no_paper(planner):
    _, plan = planner
    p = plan("How do ZO2 and DistZO2 compare on the QuuxBench/ZorpBench suites?")
    assert sorted(t.phrase for t in p.targets) == ["DistZO2", "ZO2"] and not p.missing
    assert {"QuuxBench", "ZorpBench"} <= set(p.specifics)
    # Negative: an unknown name coordinated with a known one is a paper the collection lacks.
    assert plan("How do ZO2 and QuuxNet compare?").missing == ["QuuxNet"]


def test_a_measure_against_a_missing_system_qualifies_the_found_paper(planner):
    _, plan = planner
    p = plan("How does DistZO2's throughput compare with FooServe?")
    assert p.kind is Kind.FACTOID and p.aspect is Aspect.NUMBER
    assert p.targets[0].phrase == "DistZO2" and "FooServe" in p.specifics
    # Negative: a comparison asking no number describes the found paper and names the missing one.
    p = plan("How does DistZO2 compare with FooServe?")
    assert p.kind is Kind.COMPARATIVE and p.missing == ["FooServe"]


def test_a_name_with_punctuation_is_not_a_topic_word(planner):
    _, plan = planner
    p = plan("What does LLM.int8() do with outlier features?")
    assert [t.phrase for t in p.targets] == ["LLM.int8()"]
    assert "llm.int8" not in p.topic_terms and "outlier" in p.topic_terms


def test_the_collection_itself_is_no_topic(planner):
    _, plan = planner
    p = plan("Which papers on this page are about zeroth-order optimization?")
    assert p.kind is Kind.AGGREGATE and "page" not in p.topic_terms and "zeroth-order" in p.topic_terms
    # Negative: the same word as a topic stays.
    assert "paged" in plan("Which papers use paged attention?").topic_terms


def test_a_paper_described_by_its_relation_to_a_named_one(planner):
    r, plan = planner
    p = plan("How much faster than ZO2 is ZO2's distributed follow-up?")
    assert [t.by for t in p.targets] == ["description"] and titles(r, p.targets[0])[0].startswith("DistZO2")
    # Negative: named once, as the subject, it is the subject.
    p = plan("How much faster is ZO2 than the naive offloading?")
    assert [t.phrase for t in p.targets] == ["ZO2"]


def test_distinguishing_two_papers_compares_them(planner):
    _, plan = planner
    p = plan("What distinguishes FlashOverlap from ZO2?")
    assert p.kind is Kind.COMPARATIVE and p.facets == []  # the verb is no aspect: the usual rows
    # Negative: one paper's distinguishing feature is a question about that paper.
    assert plan("What distinguishes FlashOverlap's signaling mechanism?").kind is Kind.FACTOID


def test_a_name_the_compared_paper_only_uses_is_its_baseline(planner):
    _, plan = planner
    p = plan("Compare MaxK-GNN with DGL.")  # DGL: a library MaxK-GNN's abstract measures against
    assert p.kind is Kind.FACTOID and [t.phrase for t in p.targets] == ["MaxK-GNN"] and "DGL" in p.specifics
    # Negative: names the collection's papers introduce are compared, papers and all.
    p = plan("Compare MaxK-GNN with FlashOverlap.")
    assert p.kind is Kind.COMPARATIVE and not p.missing and len(p.targets) == 2


def test_work_phrases_joined_by_and_are_compared(planner):
    r, plan = planner
    p = plan("How do the Ethos-U55 soft-error study and the zero-space-cost ReRAM fault tolerance paper protect against faults?")
    assert p.kind is Kind.COMPARATIVE and len(p.targets) == 2
    assert p.facets and "soft-error" not in p.facets[0] and "protect" in p.facets[0]  # the subjects are no aspect
    p = plan("How much memory do the TensorFlow CNN quantization whitepaper and LLM.int8() save?")
    assert p.kind is Kind.COMPARATIVE and titles(r, p.targets[0])[0].startswith("Quantizing deep convolutional")
    # Negative: a name the subject's abstract uses, joined by "and" after a verb, qualifies it.
    p = plan("How many bugs did NeuRI find in PyTorch and TensorFlow?")
    assert p.kind is Kind.FACTOID and [t.phrase for t in p.targets] == ["NeuRI"]
    # Negative: a described paper measured against a named one is one paper's question.
    p = plan("How much faster is the framework for distributed zeroth-order fine-tuning than ZO2?")
    assert p.kind is Kind.FACTOID and [t.by for t in p.targets] == ["description"]


def test_a_name_spelt_like_a_common_word_is_found_where_introduced(planner):
    r, plan = planner
    p = plan("LiteVAR or VARiant: which cuts memory more?")
    assert p.kind is Kind.COMPARATIVE and any(titles(r, t)[0].startswith("Progressive Supernet") for t in p.targets)
    # Negative: a dataset name no paper introduces stays a qualifier.
    p = plan("What accuracy does EPIM reach on ImageNet?")
    assert [t.phrase for t in p.targets] == ["EPIM"] and "ImageNet" in p.specifics


def test_a_statement_before_the_question_sets_no_qualifier(planner):
    _, plan = planner
    p = plan("RSN and InTAR are both FPGA-side designs. What speedups does each report, and on which platform?")
    assert "FPGA-side" not in p.specifics and len(p.facets) == 2  # every part a row
    # Negative: the same word in the question sentence is a qualifier.
    assert "FPGA-side" in plan("What speedups do RSN and InTAR report for FPGA-side designs?").specifics


def test_the_question_sentence_asks_even_before_an_imperative(planner):
    r, plan = planner
    p = plan("Is layered prefill or TZ-LLM the one with the bigger TTFT reduction? Give both numbers.")
    assert p.kind is Kind.COMPARATIVE and any(titles(r, t)[0].startswith("From Tokens to Layers") for t in p.targets)
    assert p.facets and "ttft" in p.facets[0].lower()  # the aspect is the question's, not "numbers"
    # Negative: a short phrase no paper uses word for word is no description.
    assert plan("Is quantum annealing or TZ-LLM faster? Give both numbers.").missing or \
        all(t.by == "name" for t in plan("Is quantum annealing or TZ-LLM faster? Give both numbers.").targets)


def test_words_of_a_compared_phrase_qualify_nothing(planner):
    _, plan = planner
    p = plan("How much memory do the TensorFlow CNN quantization whitepaper and LLM.int8() save with 8-bit weights?")
    assert "CNN" not in p.specifics and "8-bit" in p.specifics
    # Negative: a qualifier outside the subjects' phrases stays.
    assert "CNN" in plan("How do ZO2 and DistZO2 compare on CNN workloads?").specifics


def test_people_with_one_work_described_is_about_that_work(planner):
    r, plan = planner
    p = plan("Hongwu Peng has a 2023 paper on automatic ReLU replacement. What accuracy does it reach on ImageNet?")
    assert p.kind is Kind.FACTOID and titles(r, p.targets[0])[0].startswith("AutoReP")
    # Negative: their papers, plural, are a list.
    assert plan("Which papers did Hongwu Peng write in 2023?").kind is Kind.AGGREGATE
    assert plan("What did Hongwu Peng publish on private inference?").kind is Kind.AGGREGATE


def test_a_named_peoples_work_is_theirs(planner):
    r, plan = planner
    p = plan("Shaoyi Huang's 2022 automatic BERT pruning paper ran on an FPGA: which board?")
    assert titles(r, p.targets[0])[0].startswith("An Automatic and Efficient BERT Pruning")
    assert [t.by for t in p.targets] == ["description"]  # "BERT", no paper of theirs, describes it
    p = plan("Which FPGA board did Shaoyi Huang's 2022 BERT pruning paper run on?")
    assert "BERT" in p.specifics and [t.by for t in p.targets] == ["description"]  # asked in the question: a qualifier
    p = plan("Daniel Stein, Shaoyi Huang et al. turn neural networks into logic flows. On what CPU?")
    assert p.kind is Kind.FACTOID and titles(r, p.targets[0])[0].startswith("Late Breaking Results")
    # Negative: a named paper of theirs stays the subject, and an unknown model name qualifies it.
    p = plan("What accuracy does Hongwu Peng's AutoReP reach with EfficientNet-B2?")
    assert [t.phrase for t in p.targets] == ["AutoReP"]


def test_a_name_called_the_baseline_is_the_baseline(planner):
    _, plan = planner
    p = plan("How much does TZ-LLM cut TTFT versus a strawman TEE baseline?")
    assert [t.phrase for t in p.targets] == ["TZ-LLM"] and p.kind is Kind.FACTOID


def test_another_version_of_a_held_work_is_a_paper_not_held(planner):
    r, plan = planner
    # Only QEIL v2 is held; its v1 is another paper, and no description of v2 (whose abstract
    # cites v1) stands in for it, even beside a word its abstract uses.
    p = plan("qeil v1 - on which boards was it run, and how was its IPW measured?")
    assert [(t.phrase, t.paper_ids) for t in p.targets if t.missing] == [("qeil v1", [])]
    assert not [t for t in p.targets if t.by == "description"]
    p = plan("What does QEIL v3 add?")
    assert [(t.phrase, t.paper_ids) for t in p.targets] == [("QEIL v3", [])]
    # Negatives: the held version, written as its name has it or spelt out, and the bare name.
    for q in ("qeil v2 - on which boards was it run?", "What does QEIL V2.0 add?", "What does QEIL add?"):
        p = plan(q)
        assert [titles(r, t)[0].split(":")[0] for t in p.targets] == ["QEIL v2"], q


def test_versions_are_compared_as_numbers():
    from assistant.retrieval.versions import of_version
    label = {"a": "QuxNet v2", "b": "QuxNet", "c": "QuxNet v1.5"}.get
    assert of_version(" v2", {"a": 3, "b": 3, "c": 3}, label) == {"a": 3}
    assert of_version(" v1.0", {"a": 3, "b": 3, "c": 3}, label) == {"b": 3}  # the first goes by the bare name
    assert of_version(" V1.5", {"a": 3, "b": 3, "c": 3}, label) == {"c": 3}
    assert of_version(" v3", {"a": 3, "b": 3}, label) == {}


def test_a_name_with_plus_signs_is_a_successor_not_the_paper(planner):
    r, plan = planner
    # "ZeRO++" is not ZeRO: the description around it finds the paper that builds on ZeRO++.
    p = plan("When was the paper scaling ZeRO++ partitioning to the Frontier supercomputer posted?")
    assert [t.by for t in p.targets] == ["description"] and titles(r, p.targets[0])[0].startswith("Scaling Large Language Model Training on Frontier")
    assert "ZeRO++" in p.specifics
    # The successor as the subject asked about ("what does FooNet++ report") is a paper not in the collection.
    p = plan("What throughput does FastSwitch++ report on long chats?")
    assert [(t.phrase, t.paper_ids) for t in p.targets] == [("FastSwitch++", [])] and "FastSwitch++" not in p.specifics
    # Negative: the successor after "than", not the subject, qualifies what the named paper is asked.
    p = plan("How much faster than FastSwitch++ is FastSwitch on long chats?")
    assert [titles(r, t)[0].split(":")[0] for t in p.targets] == ["FastSwitch"] and "FastSwitch++" in p.specifics
    # Negative: the name as written is the paper.
    p = plan("When was ZeRO posted?")
    assert [t.phrase for t in p.targets] == ["ZeRO"] and titles(r, p.targets[0])[0].startswith("ZeRO: Memory Optimizations")


def test_a_word_abstracts_merely_use_gives_way_to_the_description_around_it(planner):
    r, plan = planner
    # "NAS" is a word two abstracts use, the name of neither: the definite description decides.
    p = plan("What fault models does the NAS approach for fault-tolerant convolutional networks consider?")
    assert [t.by for t in p.targets] == ["description"] and titles(r, p.targets[0])[0].startswith("FTT-NAS")
    # Negative: with nothing describing the paper, the word still picks among the papers using it.
    p = plan("Which accelerator platforms has NAS been applied to?")
    assert [t.by for t in p.targets] == ["name"] and p.targets[0].phrase == "NAS"


def test_each_asked_part_of_a_comparison_is_a_row(planner):
    _, plan = planner
    p = plan("ZO2 and DistZO2 both fine-tune large models. What hardware did each use and what throughput did each report?")
    assert p.kind is Kind.COMPARATIVE and len(p.facets) == 2
    assert "hardware" in p.facets[0] and "throughput" in p.facets[1]
    # Negative: one asked thing is one row.
    assert len(plan("ZO2 and DistZO2 both fine-tune large models. What hardware did each use?").facets) == 1


def test_a_colon_inside_a_word_is_no_aspect_cue(planner):
    r, plan = planner
    # "N:M" is one word: the description after it is a second compared paper.
    p = plan("Compare ZO2 and the N:M sparse DNN training co-design")
    assert p.kind is Kind.COMPARATIVE and len(p.targets) == 2
    assert titles(r, p.targets[1])[0].startswith("Efficient N:M Sparse DNN Training")
    # Negative: a colon between words still introduces the asked aspect.
    assert plan("ZO2 vs DistZO2: memory use?").facets == ["memory use"]


def test_a_relative_clause_belongs_to_its_description(planner):
    r, plan = planner
    # "with"/"and" inside "the method that ..." join its own words, not two papers.
    p = plan("How does CBNet compare with the method that pairs two small complementary CNNs with a memory of past predictions?")
    assert p.kind is Kind.COMPARATIVE and len(p.targets) == 2
    assert titles(r, p.targets[1])[0].startswith("Reducing Inference Energy") and "CNNs" not in p.specifics
    # Unknown names inside it ("MobileNet") are words of the description, not missing papers.
    p = plan("How does TZ-LLM compare with the paper that reverse-engineers compact DNNs on GPUs and then proposes a hardened MobileNet?")
    assert p.kind is Kind.COMPARATIVE and not p.missing and titles(r, p.targets[1])[0].startswith("DeepPeep")
    # Negative: a named paper after the clause's "and" is a paper of its own.
    p = plan("Compare the method that pairs two small complementary CNNs and DistZO2.")
    assert {t.phrase for t in p.targets if t.by == "name"} == {"DistZO2"} and len(p.targets) == 2


def test_an_aspect_set_off_by_commas_is_no_paper(planner):
    r, plan = planner
    p = plan("How does LiteVAR compare, in memory savings, with the paper that trains weight-sharing subnets of a VAR model?")
    assert p.kind is Kind.COMPARATIVE and [t.phrase for t in p.targets][0] == "LiteVAR" and len(p.targets) == 2
    assert titles(r, p.targets[1])[0].startswith("Progressive Supernet")  # "VAR" in the clause is its word, no paper
    assert p.facets == ["memory savings"]
    # Negative: without the commas the phrase is the ordinary aspect cue.
    assert plan("How do LiteVAR and ZO2 compare in memory savings?").facets == ["memory savings"]


def test_a_clause_boundary_ends_a_baseline(planner):
    _, plan = planner
    p = plan("FuseMax is benchmarked against FLAT, while InTAR is compared with DFX. What speedup does each paper report?")
    assert p.kind is Kind.COMPARATIVE and {t.phrase for t in p.targets} == {"FuseMax", "InTAR"}
    # Negative: baselines joined by "and" stay baselines.
    p = plan("How much faster than FLAT and InTAR is FuseMax?")
    assert p.kind is Kind.FACTOID and [t.phrase for t in p.targets] == ["FuseMax"]


def test_a_lead_in_before_a_listing_colon_only_counts_the_papers(planner):
    r, plan = planner
    p = plan("Two titles begin with 'Reducing': the GPU memory fragmentation one and the LLM search agent one. What does each reduce?")
    assert p.kind is Kind.COMPARATIVE and [t.phrase for t in p.targets] == ["the GPU memory fragmentation one", "the LLM search agent one"]


def test_a_number_noun_heading_the_asked_phrase_asks_a_number(planner):
    _, plan = planner
    p = plan("For ZO2 and DistZO2, what problem does each address, and what is its headline number?")
    assert p.numeric_facets == [f for f in p.facets if "number" in f] and p.numeric_facets
    # Negative: the other part asks no number.
    assert any("problem" in f for f in p.facets if f not in p.numeric_facets)


def test_baselines_named_only_in_a_statement_qualify_nothing(planner):
    _, plan = planner
    p = plan("FuseMax is measured against FLAT, while InTAR is measured against DFX. What speedup does each report?")
    assert p.kind is Kind.COMPARATIVE and "FLAT" not in p.specifics and "DFX" not in p.specifics
    # Negative: named in the question sentence, the baseline qualifies.
    assert "FLAT" in plan("What speedups over FLAT do FuseMax and InTAR report?").specifics


def test_examples_in_parentheses_are_one_aspect_and_no_qualifier(planner):
    _, plan = planner
    p = plan("Compare EPIM and MCUFormer: under what constraint (bit-width, memory budget, or ReLU count) does each run?")
    assert "ReLU" not in p.specifics and len([f for f in p.facets if "constraint" in f]) == 1
    assert not any(f.strip().startswith("memory budget") for f in p.facets)
    # Negative: the same name outside parentheses qualifies.
    assert "ReLU" in plan("Compare EPIM and MCUFormer: what ReLU count does each need?").specifics


def test_a_name_given_in_apposition_is_introduced(planner):
    r, plan = planner
    # "presents the first in-browser inference system, nn-JIT.web, which ...": its name, though lower-case first.
    assert r.names.lookup("nn-JIT.web") == {next(iter(r.names.lookup("nn-JIT.web"))): 2}
    # Negative: a framework the abstract only uses ("ONNX") stays a weak word.
    assert set((r.names.lookup("ONNX") or {0: 1}).values()) == {1}


def test_a_word_inside_a_title_s_compound_does_not_name_the_paper(planner):
    r, plan = planner
    # MemAscend's title says "SSD-Offloaded": the paper is about SSDs, it is not called "SSD";
    # "the SSD activation offloader ..." is a description (of SSDTrain), resolved as one.
    assert set(r.names.lookup("SSD").values()) == {1}
    p = plan("the SSD activation offloader (the version tested on T5) vs the on-device transfer learning "
             "method for inverted residual blocks: how much memory does each save?")
    assert p.kind is Kind.COMPARATIVE and [x.split(":")[0] for x in (titles(r, t)[0] for t in p.targets)] == ["SSDTrain", "MobileTL"]
    # Negative: a name standing as a word of a title ("FP8 versus INT8 ...") names that paper.
    assert list(r.names.lookup("FP8").values()).count(2) == 1


def test_a_colon_ends_the_compared_list(planner):
    r, plan = planner
    p = plan("Compare HipKittens, the ZeRO++ partitioning work on the Frontier supercomputer, and the study that pretrains "
             "a mixture-of-experts model entirely on AMD hardware: what does each report?")
    assert p.kind is Kind.COMPARATIVE and len(p.targets) == 3 and not any("Frontier" in f for f in p.facets)
    # Negative: without a colon the first cue word still starts the aspect.
    assert plan("How do ZO2 and DistZO2 differ in memory use?").facets == ["memory use"]


def test_frameworks_given_as_examples_are_neither_papers_nor_qualifiers(planner):
    r, plan = planner
    p = plan("Against baselines such as ONNX Runtime, PyTorch and TVM, what speedups do the Intel sparse CPU inference "
             "stack for Transformer language models and nn-JIT.web report?")
    assert p.kind is Kind.COMPARATIVE and len(p.targets) == 2 and not {"ONNX", "PyTorch", "TVM"} & set(p.specifics)
    assert any(titles(r, t)[0].startswith("An Efficient Sparse Inference") for t in p.targets)
    # Negative: named outside the examples, a framework qualifies.
    assert "PyTorch" in plan("What speedup over PyTorch does nn-JIT.web report?").specifics


def test_parts_with_their_own_papers_set_them_side_by_side(planner):
    _, plan = planner
    p = plan("What does ZO2 offload to the CPU, and how much faster is DistZO2 than ZO2?")
    assert p.kind is Kind.COMPARATIVE and [t.phrase for t in p.targets] == ["ZO2", "DistZO2"] and len(p.facets) == 2
    assert not any(t.baseline for t in p.targets)
    # Negative: a second part about the same paper keeps one subject, the baseline a qualifier.
    p = plan("What speedup does DistZO2 report over ZO2, and on which model?")
    assert p.kind is Kind.FACTOID and [t.phrase for t in p.targets] == ["DistZO2"] and "ZO2" in p.specifics


def test_a_lead_in_that_asks_nothing_describes_the_paper(planner):
    r, plan = planner
    p = plan("For the system that protects on-device LLMs using Arm's trusted execution environment: what technique hides "
             "parameter loading latency, and how much does it cut TTFT versus a strawman TEE baseline?")
    assert titles(r, p.targets[0])[0].startswith("TZ-LLM")  # a weak word as the baseline excludes no paper
    assert p.facets[0] == "what technique hides parameter loading latency"  # the lead-in is no part
    assert p.facets[0] not in p.numeric_facets  # a technique is asked, whatever measure it names
    # Negative: a lead-in that asks ("What does X do: ...") stays the question.
    from assistant.retrieval.facets import split_statements
    assert split_statements("Which of them is faster: ZO2 or DistZO2?")[0] == ""


def test_one_and_the_other_described_are_compared_not_listed(planner):
    r, plan = planner
    p = plan("Two edge-inference papers avoid running one big CNN on every input: one pairs two small complementary CNNs "
             "with a memory component, the other converts hard images into easy ones with an autoencoder. "
             "On which device does each measure?")
    assert p.kind is Kind.COMPARATIVE and len(p.targets) == 2
    # Negative: "which ones" still asks for a list.
    assert plan("Which ones use an autoencoder?").kind is Kind.AGGREGATE


def test_a_measure_asked_in_the_question_sentence_makes_it_a_number_question(planner):
    _, plan = planner
    p = plan("The 2020 paper that co-explores neural architectures and heterogeneous ASIC accelerators for multiple "
             "tasks: what latency and energy reductions does it report?")
    assert p.aspect is Aspect.NUMBER
    # Negative: measures only in the description, the question asks no number.
    p = plan("The paper that reports latency and energy reductions for ASIC accelerators: who wrote it?")
    assert p.aspect is not Aspect.NUMBER


def test_named_people_filter_only_the_phrase_that_names_them(planner):
    r, plan = planner
    p = plan("On fault-resilient DNNs: the 2019 clipped-activation resilience analysis, the 2024 progressive-training "
             "follow-up that uses a hybrid clipped activation, and Xuefei Ning et al.'s fault-tolerant NAS. What does each highlight?")
    got = sorted(titles(r, t)[0].split(":")[0] for t in p.targets)
    assert p.kind is Kind.COMPARATIVE and got == ["FT-ClipAct", "FTT-NAS", "ProAct"]
    # Negative: a word some abstracts use ("NAS") is no compared paper beside the descriptions.
    assert not any(t.by == "name" for t in p.targets)


def test_the_first_and_the_second_described_after_people(planner):
    r, plan = planner
    p = plan("Hongwu Peng led two 2023 papers: the gradient-based automatic ReLU replacement one and the ReLU-reduced "
             "network for two-party computation. What does the first report, and what does the second build?")
    assert p.kind is Kind.COMPARATIVE and any(titles(r, t)[0].startswith("AutoReP") for t in p.targets)
    # An interrogative after "et al." starts the question sentence.
    from assistant.text import sentences
    assert len(sentences("The ReRAM scheme by Li, Yuan et al. What space cost does it claim?")) == 2
    # Negative: "et al." inside a sentence does not end it.
    assert len(sentences("The scheme by Li et al. reaches zero space cost.")) == 1


def test_a_question_frame_is_no_description(planner):
    r, plan = planner
    p = plan("What hardware platform does each of RSN and AutoAI2C target, and what speedup does each report over prior designs?")
    assert p.kind is Kind.COMPARATIVE and {t.phrase for t in p.targets} == {"RSN", "AutoAI2C"}
    # ... but the subject after the frame is one: "which results do the <description>".
    p = plan("Which FPGA results do the length-adaptive Transformer co-design with sparse attention and AE-BERT report?")
    assert p.kind is Kind.COMPARATIVE and any(t.by == "description" and t.phrase.startswith("the length-adaptive") for t in p.targets)


def test_a_comparison_needs_two_subjects_after_descriptions_absorb_names(planner):
    _, plan = planner
    # The only other name sits inside the description: one paper, a record question.
    p = plan("Which institution is behind the paper that compares DistZO2 with its predecessor?")
    assert p.kind is Kind.METADATA and len(p.targets) == 1
    # Negative: a description beside a name outside it is compared with it.
    p = plan("How does the paper that pairs two small complementary CNNs with a memory compare with DistZO2?")
    assert p.kind is Kind.COMPARATIVE and len(p.targets) == 2


def test_and_the_one_that_starts_a_second_description(planner):
    r, plan = planner
    p = plan("How do the paper that converts neural networks into logic flows and the one that turns hard images "
             "into easy ones with an autoencoder differ in latency?")
    assert p.kind is Kind.COMPARATIVE and len(p.targets) == 2
    # Negative: "and" inside one relative clause joins its own objects, not a second paper.
    p = plan("What latency does the paper that converts neural networks into logic flows and runs them on CPUs report?")
    assert p.kind is Kind.FACTOID and len(p.targets) == 1


def test_a_quantifier_after_the_joined_subjects_starts_the_predicate(planner):
    from assistant.retrieval.phrasing import _subjects_only

    assert _subjects_only("the kernel-informed optimizer and the one using aligned perturbations both aim to "
                          "speed up fine-tuning") == "the kernel-informed optimizer and the one using aligned perturbations"
    # Negative: "all" inside the first subject, before the joint, cuts nothing.
    body = "the method that fuses all layers and the one that prunes heads"
    assert _subjects_only(body) == body
    r, plan = planner
    p = plan("The kernel-function-informed zeroth-order optimizer and the one that uses projected gradient-aligned "
             "perturbations all try to beat MeZO. How much faster does each converge?")
    assert p.kind is Kind.COMPARATIVE and len(p.targets) == 2


def test_descriptions_with_unlisted_people_and_hyphenated_compounds(planner):
    r, plan = planner
    # People the records do not list are no words of the paper; a hyphenated compound is words.
    p = plan("What power savings do Fang et al.'s layer-wise weight selection for systolic arrays and the "
             "Inception-meets-ConvNeXt paper each report?")
    got = sorted(titles(r, t)[0][:13] for t in p.targets)
    assert p.kind is Kind.COMPARATIVE and got == ["InceptionNeXt", "Layer-wise We"]
    from assistant.retrieval.phrasing import _uses_all
    assert _uses_all(["two-point-cell", "networks"], "Two-point cells in a network")
    assert not _uses_all(["two-point-cell", "networks", "multisensory"], "Two-point cells in a network")
    # "the ... one for ...": "one" stands for the work noun.
    p = plan("Two circuit-graph GNN papers: the grouped sparse reversible one and the Dynamic-ReLU GPU kernel one for "
             "heterogeneous graphs. Which trains faster?")
    assert sorted(titles(r, t)[0][:6] for t in p.targets) == ["DR-Cir", "GSR-GN"]
    # Negative: "one" counting something ("on one GPU") stands for no paper.
    p = plan("What does ZO2 fine-tune on one GPU and with how much memory?")
    assert p.kind is Kind.FACTOID and [t.phrase for t in p.targets] == ["ZO2"]


def test_a_definite_description_listed_beside_named_papers_is_compared(planner):
    r, plan = planner
    p = plan("Compare ZeRO, ZeRO-Infinity and the system that fine-tunes 100B models on a single low-end GPU with "
             "NVMe SSDs: what throughput does each reach?")
    assert p.kind is Kind.COMPARATIVE and len(p.targets) == 3
    assert any(titles(r, t)[0].startswith("Adding NVMe SSDs") for t in p.targets)
    # People's work is as definite as "the": "Ning et al.'s ...".
    p = plan("FT-ClipAct, ProAct and Ning et al. 2020's fault-tolerant architecture search: what does each change?")
    assert sorted(titles(r, t)[0].split(":")[0] for t in p.targets) == ["FT-ClipAct", "FTT-NAS", "ProAct"]
    # Negative: a gloss of the list ("two zeroth-order approaches ...") is no third paper.
    p = plan("Compare KerZOO and P-GAP, two zeroth-order approaches to LLM fine-tuning: what does each save?")
    assert len(p.targets) == 2


def test_which_asked_rows_want_a_number(planner):
    _, plan = planner
    # "the second" is a paper, not a unit of time.
    p = plan("The epitome-based PIM accelerator and the resistive-memory liquid state machine are both in-memory "
             "works. What accuracy does the first reach, and what chip was the second built on?")
    assert p.kind is Kind.COMPARATIVE and len(p.numeric_facets) == 1 and "accuracy" in p.numeric_facets[0]
    # One row asked with a number cue before it: the row asks a number ("figure" is one).
    p = plan("How do ZO2 and DistZO2 compare: what memory figure does each report?")
    assert p.numeric_facets == p.facets and p.facets
    # Negative: a technique asked is no number.
    p = plan("How do ZO2 and DistZO2 compare: what technique does each use?")
    assert p.facets and p.numeric_facets == []
    from assistant.retrieval.phrasing import _subjects_only
    assert _subjects_only("the PIM accelerator and the liquid state machine are both in-memory works") == \
        "the PIM accelerator and the liquid state machine"


def test_names_typed_in_lower_case_as_chat_shorthand(planner):
    r, plan = planner
    p = plan("kerzoo vs p-gap: gpu hours saved?")
    assert p.kind is Kind.COMPARATIVE and sorted(titles(r, t)[0][:6] for t in p.targets) == ["KerZOO", "Toward"]
    # Negative: a word the papers write as a word ("MicroControllers" in a title is no acronym).
    p = plan("Which accuracy does the paper deploying vision transformers on microcontrollers reach?")
    assert not any(t.by == "name" for t in p.targets)


def test_a_measure_owned_by_each_name_is_compared_not_a_baseline(planner):
    _, plan = planner
    p = plan("Is STWeaver's average fragmentation reduction bigger than MemAscend's peak-memory reduction?")
    assert p.kind is Kind.COMPARATIVE and {t.phrase for t in p.targets} == {"STWeaver", "MemAscend"}
    # The question sentence decides, not a statement before it.
    p = plan("Fuyou is pitched against ZeRO-Infinity. How does Fuyou's throughput compare with ZeRO-Infinity's own figure?")
    assert p.kind is Kind.COMPARATIVE and len(p.targets) == 2
    # Negatives: measured against a name, it is the baseline.
    p = plan("Fuyou is pitched against ZeRO-Infinity. What throughput does Fuyou reach?")
    assert p.kind is Kind.FACTOID and [t.phrase for t in p.targets] == ["Fuyou"]
    r, _ = planner
    p = plan("How much faster than ZO2 is DistZO2?")
    assert p.kind is Kind.FACTOID and [titles(r, t)[0][:8] for t in p.targets] == ["DistZO2:"]


def test_a_paper_set_compared_with_is_compared_when_each_is_asked(planner):
    r, plan = planner
    # "A ... compared with B, and what does each ...": B is asked of too, a compared paper.
    p = plan("How does Fuyou keep optimizer state off the GPU compared to ZeRO-Infinity, and what model size does each fine-tune?")
    assert p.kind is Kind.COMPARATIVE and [t.phrase for t in p.targets] == ["Fuyou", "ZeRO-Infinity"]
    # Negatives: nothing asked of each; a word some abstracts use names no paper to compare.
    p = plan("How does Fuyou keep optimizer state off the GPU compared to ZeRO-Infinity?")
    assert p.kind is Kind.FACTOID and [t.phrase for t in p.targets] == ["Fuyou"]
    p = plan("How much does FlashOverlap speed things up compared to vLLM, and what memory does each need?")
    assert [t.phrase for t in p.targets] == ["FlashOverlap"] and "vLLM" in p.specifics


def test_a_bare_last_item_of_a_list_of_names_is_a_described_paper(planner):
    r, plan = planner
    # Chat drops the article: "A, B and gradient-aligned perturbation projection" lists a third work.
    p = plan("Compare ZO2, KerZOO and gradient-aligned perturbation projection: how does each cut memory?")
    assert p.kind is Kind.COMPARATIVE and [titles(r, t)[0].split(":")[0] for t in p.targets][:2] == ["ZO2", "KerZOO"]
    assert len(p.targets) == 3 and titles(r, p.targets[2])[0].startswith("Towards Fast LLM Fine-tuning through Zeroth-Order")
    # Negatives: a measure; a verb phrase with a function word; a lead-in before the names.
    for q in ("Compare ZO2, KerZOO and peak memory use",
              "How does ZO2 schedule its transfers compared with how KerZOO builds and tunes its kernels?",
              "For memory-frugal tuning, ZO2 and KerZOO both skip backpropagation: what does each estimate instead?"):
        p = plan(q)
        assert [t.phrase for t in p.targets] == ["ZO2", "KerZOO"], q


def test_a_list_asked_something_of_each_paper(planner):
    _, plan = planner
    p = plan("Which papers apply graph neural networks to circuit graphs, and what speedup does each of them report?")
    assert p.kind is Kind.AGGREGATE and p.facets == ["what speedup does each of them report"]
    assert "speedup" not in p.topic_terms and "circuit" in p.topic_terms and p.list_n == 0
    p = plan("Three works in the collection target AMD GPUs. Which accelerator does each run on?")
    assert p.list_n == 3 and "three" not in p.topic_terms
    # Negative: "both" inside the list's own condition asks nothing of each paper.
    p = plan("Which papers report results on both CPUs and GPUs?")
    assert p.kind is Kind.AGGREGATE and p.facets == [] and "cpus" in p.topic_terms


def test_each_statement_sentence_may_introduce_its_own_paper(planner):
    r, plan = planner
    p = plan("I'm reading the paper that pairs two small complementary CNNs with a memory of past classifications. "
             "My advisor prefers the one that turns hard images into easy ones with an autoencoder. "
             "How much energy does the former save, and how much faster is the latter?")
    assert p.kind is Kind.COMPARATIVE and len(p.targets) == 2 and len({t.paper_ids[0] for t in p.targets}) == 2
    # Negative: "each" inside a relative clause quantifies its object, not the subjects.
    from assistant.retrieval.phrasing import _subjects_only
    body = "the allocator that plans offline, and the one that sends each request to one of two instances"
    assert _subjects_only(body) == body


def test_a_description_right_after_a_name_may_be_its_apposition(planner):
    r, plan = planner
    p = plan("How do FuseMax, the attention accelerator built on Einsum cascades, and InTAR differ in speedup?")
    assert p.kind is Kind.COMPARATIVE and sorted(t.phrase for t in p.targets) == ["FuseMax", "InTAR"]
    # Negative: a description after a name that finds another paper is a third compared paper.
    p = plan("Compare FuseMax, the paper that converts neural networks into logic flows, and InTAR.")
    assert len(p.targets) == 3 and any(titles(r, t)[0].startswith("Late Breaking") for t in p.targets)
    # A report, an extension or a write-up is a work as much as a paper is.
    p = plan("Which AMD GPUs do HipKittens and the ZAYA1 mixture-of-experts pretraining report use?")
    assert p.kind is Kind.COMPARATIVE and any(titles(r, t)[0].startswith("Training Foundation Models") for t in p.targets)


def test_questions_in_a_row_all_ask_and_a_verb_ends_a_baseline(planner):
    _, plan = planner
    # "than plain NCCL is FlashOverlap": the verb makes FlashOverlap the subject, not the baseline,
    # and the second question sentence asks too.
    p = plan("How much lower than plain NCCL is FlashOverlap's communication overhead? And what speedup does DualMap claim?")
    assert p.kind is Kind.COMPARATIVE and [t.phrase for t in p.targets] == ["FlashOverlap", "DualMap"]
    assert len(p.facets) == 2
    # Negative: right after "than", a name is what the subject is measured against.
    p = plan("How much faster is FlashOverlap than DualMap?")
    assert p.kind is Kind.FACTOID and [t.phrase for t in p.targets] == ["FlashOverlap"] and "DualMap" in p.specifics


def test_a_measure_reported_by_the_other_paper_is_compared(planner):
    _, plan = planner
    p = plan("Is ZO2's memory saving larger than the saving reported by KerZOO?")
    assert p.kind is Kind.COMPARATIVE and [t.phrase for t in p.targets] == ["ZO2", "KerZOO"]
    # Negative: the other name right after "than" is a baseline of ZO2's own result.
    p = plan("Is ZO2's memory saving larger than KerZOO on OPT-175B?")
    assert p.kind is Kind.FACTOID and [t.phrase for t in p.targets] == ["ZO2"]


def test_each_part_may_ask_its_own_paper_named_or_described(planner):
    r, plan = planner
    p = plan("FastSwitch reports what speedup over vLLM, while the grouped-sparse-reversible GNN for circuit graphs reports what memory reduction?")
    assert p.kind is Kind.COMPARATIVE and len(p.targets) == 2
    assert titles(r, p.targets[0])[0].startswith("FastSwitch") and titles(r, p.targets[1])[0].startswith("GSR-GNN")
    p = plan("db-SP speedup over ring attention, and litevar memory reduction")
    assert p.kind is Kind.COMPARATIVE and [t.phrase for t in p.targets] == ["db-SP", "litevar"]
    assert p.facets == ["speedup over ring attention", "memory reduction"]
    # Negative: a second part about the same paper ("its") or a bare measure ("the peak memory") adds no paper.
    p = plan("What speedup does FastSwitch report over vLLM, and what is its peak memory?")
    assert p.kind is Kind.FACTOID and [t.phrase for t in p.targets] == ["FastSwitch"]
    p = plan("What speedup does FastSwitch report over vLLM, and what is the peak memory?")
    assert p.kind is Kind.FACTOID and [t.phrase for t in p.targets] == ["FastSwitch"]


def test_alternatives_after_a_which_question_are_compared(planner):
    r, plan = planner
    p = plan("Which reports a bigger speedup, the context-switching serving system or DualMap?")
    assert p.kind is Kind.COMPARATIVE and len(p.targets) == 2
    assert titles(r, p.targets[0])[0].startswith("FastSwitch") and p.targets[1].phrase == "DualMap"
    # Negative: a "which" question whose comma sets off no alternatives asks for one paper.
    p = plan("Which paper, in the serving track, reports a bigger speedup than vLLM?")
    assert p.kind is not Kind.COMPARATIVE


def test_the_asked_noun_heads_each_row_listed_after_a_colon(planner):
    _, plan = planner
    p = plan("What accuracy does each report: AutoReP on CIFAR-100, and LinGCN on NTU-XVIEW?")
    assert p.facets == ["accuracy on CIFAR-100", "accuracy on NTU-XVIEW"]
    # Negative: rows that name their own aspect keep it alone.
    assert plan("Compare AutoReP and LinGCN: accuracy, latency").facets == ["accuracy", "latency"]


def test_the_phrase_that_describes_a_parts_paper():
    from assistant.retrieval.parts import subject_phrase
    assert subject_phrase("what speedup does the 2019 whitepaper by Jane Doe need on ImageNet") == "the 2019 whitepaper by Jane Doe"
    assert subject_phrase("while the grouped-query BarNet for long inputs reports what latency") == "the grouped-query BarNet"
    assert subject_phrase("and in the 2021 survey on pruning") == "the 2021 survey on pruning"
    # Negative: a pronoun, a bare measure, or no determiner describes no paper.
    assert subject_phrase("and what does it report") is None
    assert subject_phrase("and what is the peak memory") is None
    assert subject_phrase("how much memory") is None


def test_a_lead_in_describing_one_work_is_the_paper_beside_the_named_one(planner):
    r, plan = planner
    p = plan("Kai Zhong et al. 2020 (training CNNs with a low-bit multi-level scaling format): which tensor format "
             "does it propose? And in EPIM, what bit-width is ResNet50 quantized to?")
    assert p.kind is Kind.COMPARATIVE and len(p.targets) == 2
    assert titles(r, p.targets[0])[0].startswith("Exploring the Potential of Low-bit") and p.targets[1].phrase == "EPIM"
    # Negative: a lead-in that names the asked papers again adds none.
    p = plan("DistZO2 builds on the earlier ZO2 framework. What memory does ZO2 need, and how much faster is DistZO2?")
    assert sorted(t.phrase for t in p.targets) == ["DistZO2", "ZO2"]


def test_a_measure_of_a_described_work_after_than_is_compared(planner):
    r, plan = planner
    p = plan("Is FastSwitch's speedup larger than the improvement of the serving system that balances cache affinity and load?")
    assert p.kind is Kind.COMPARATIVE and p.targets[0].phrase == "FastSwitch"
    assert titles(r, p.targets[1])[0].startswith("DualMap")
    # Negative: the subject's own measure after "than" is no second paper.
    p = plan("Is FastSwitch's speedup larger than the improvement it reports over vLLM?")
    assert p.kind is Kind.FACTOID and [t.phrase for t in p.targets] == ["FastSwitch"]


def test_a_comparison_of_degree_asks_amounts(planner):
    _, plan = planner
    p = plan("Does ZO2 or KerZOO use more GPUs?")
    assert p.kind is Kind.COMPARATIVE and p.numeric_facets == p.facets == ["GPUs"]
    p = plan("Which cuts time-to-first-token more, FastSwitch or DualMap?")
    assert p.numeric_facets == p.facets and len(p.facets) == 1
    # Negative: a comparison of kind, not degree, asks no number.
    p = plan("Which of FastSwitch and DualMap is better at serving?")
    assert p.kind is Kind.COMPARATIVE and p.numeric_facets == []


def test_rows_labelled_by_paper_and_split_at_semicolons(planner):
    _, plan = planner
    p = plan("AutoReP: accuracy at its smallest ReLU budget; LinGCN: latency speedup over CryptoGCN")
    assert p.kind is Kind.COMPARATIVE and p.facets == ["accuracy at smallest ReLU budget", "latency speedup over CryptoGCN"]
    # Negative: a semicolon-free row list stays one row per comma.
    assert plan("Compare AutoReP and LinGCN: accuracy, latency").facets == ["accuracy", "latency"]


def test_which_noun_asks_for_a_thing_not_a_method(planner):
    _, plan = planner
    p = plan("Which FPGA board was M3ViT's co-design implemented on, and which GPU did FlashOverlap use?")
    assert p.facets and not p.method_facets
    # Negative: "what technique" asks how each works.
    p = plan("What technique do FlashOverlap and DualMap each use?")
    assert p.method_facets == p.facets and p.facets


def test_a_list_after_a_colon_gives_each_item_its_own_part():
    from assistant.retrieval.facets import pieces
    assert pieces("two serving papers: FooNet's speedup over BarLib, and BazNet's memory saving") == [
        "two serving papers", "FooNet's speedup over BarLib", "BazNet's memory saving"]
    # Negative: commas inside parentheses, or with no colon before them, split nothing.
    assert pieces("what speedup (over BarLib, BazLib) does FooNet report") == ["what speedup (over BarLib, BazLib) does FooNet report"]
    assert pieces("what speedup, memory and accuracy does FooNet report") == ["what speedup, memory and accuracy does FooNet report"]


def test_the_measure_a_number_question_names(planner):
    _, plan = planner
    assert plan("How much energy does FastSwitch save?").measured == ["energy"]
    assert plan("By how much does CBNet cut its energy usage on a Raspberry Pi?").measured == ["energy", "usage"]
    # Negatives: a degree ("how much faster"), a thing ("what dataset"), things ("what baselines").
    assert plan("How much faster is FastSwitch than vLLM?").measured == []
    assert plan("What dataset does EPIM use?").measured == []
    assert plan("What baselines does D-Rank outperform?").measured == []


def test_a_name_with_a_participle_suffix_names_its_paper(planner):
    r, plan = planner
    p = plan("What speedup do AutoAI2C-generated designs reach?")
    assert [t.phrase for t in p.targets] == ["AutoAI2C"]
    # Negative: a suffix on a word that names no paper stays a qualifier.
    p = plan("What speedup do FPGA-accelerated designs reach in RSN-XNN?")
    assert [t.phrase for t in p.targets] == ["RSN-XNN"] and "FPGA-accelerated" in p.specifics


def test_a_paper_compared_with_one_its_abstract_never_mentions_is_set_beside_it(planner):
    r, plan = planner
    p = plan("What top-1 accuracy does EPIM reach compared with MCUFormer?")
    assert p.kind is Kind.COMPARATIVE and [t.phrase for t in p.targets] == ["EPIM", "MCUFormer"]
    # Negatives: "than"/"relative to" B, or a B the paper itself measures against, is A's baseline.
    p = plan("How much faster is MaxK-GNN than Accel-GCN?")
    assert p.kind is Kind.FACTOID and "Accel-GCN" in p.specifics
    p = plan("What speedups does FastSwitch achieve compared with vLLM?")
    assert p.kind is Kind.FACTOID and "vLLM" in p.specifics


def test_a_qualifier_written_with_one_compared_paper_binds_that_paper(planner):
    r, plan = planner
    p = plan("What top-1 accuracy does EPIM's 3-bit ResNet50 reach compared with MCUFormer on an STM32 board?")
    epim, mcu = (t.paper_ids for t in p.targets)
    assert p.bound["3-bit"] == epim and p.bound["STM32"] == mcu
    p = plan("How do LiteVAR and VARiant (the d16 and d8 subnets) compare on memory?")
    assert p.bound.get("d16") == p.targets[1].paper_ids
    # Negative: after papers joined by "and", the setting is both papers'.
    p = plan("How do EPIM and MCUFormer compare on ImageNet?")
    assert "ImageNet" in p.specifics and not p.bound
    # Papers listed first, then asked one by one: the setting is the paper named last before it.
    p = plan("Three papers: EPIM, MCUFormer and MobileTL. EPIM: accuracy of the 3-bit model? MCUFormer: memory on an STM32 board? MobileTL: memory saved?")
    assert p.bound.get("STM32") == p.targets[1].paper_ids and p.bound.get("3-bit") == p.targets[0].paper_ids


def test_the_sides_of_vs_are_the_compared_papers(planner):
    r, plan = planner
    p = plan("peak throughput: FastSwitch vs the serving system that balances cache affinity and load")
    assert p.kind is Kind.COMPARATIVE and titles(r, p.targets[1])[0].startswith("DualMap")
    p = plan("zero vs dualmap: memory per GPU")  # a whole side is a name in any case
    assert compared(r, p) == ["ZeRO", "DualMap"]
    # Negatives: a side that is no work ("the prior state of the art"), a word outside "vs".
    p = plan("What latency reduction vs the prior state of the art does RSN-XNN report?")
    assert p.kind is Kind.FACTOID and [t.phrase for t in p.targets] == ["RSN-XNN"]
    p = plan("What zero-shot accuracy does D-Rank reach?")
    assert [t.phrase for t in p.targets] == ["D-Rank"]


def test_the_asked_measure_is_read_after_a_describing_lead_in(planner):
    _, plan = planner
    # The measure follows the interrogative; a compound ("energy-efficiency") by its parts.
    p = plan("For the accelerator that trains with N:M sparsity on FPGAs, what energy-efficiency gain does it report?")
    assert p.aspect is Aspect.NUMBER
    # Negative: a thing asked after the same lead-in is no number.
    p = plan("For the accelerator that trains with N:M sparsity on FPGAs, what dataflow does it use?")
    assert p.aspect is not Aspect.NUMBER


def test_alternatives_before_the_question_are_compared(planner):
    r, plan = planner
    p = plan("FastSwitch or the serving system that balances cache affinity and load, which one cuts TTFT more?")
    assert p.kind is Kind.COMPARATIVE and titles(r, p.targets[1])[0].startswith("DualMap")
    # Negative: no alternatives, one paper asked.
    p = plan("FastSwitch, which of its mechanisms cuts TTFT?")
    assert p.kind is Kind.FACTOID and [t.phrase for t in p.targets] == ["FastSwitch"]


def test_the_work_owning_a_measure_is_the_compared_paper(planner):
    r, plan = planner
    # "the TTFT gain of the X paper": X is the paper; an aside saying what it is not is dropped if need be.
    p = plan("How does the TTFT gain of the layered prefill paper (layer groups, not chunks) compare with FastSwitch's speedups?")
    assert p.kind is Kind.COMPARATIVE and titles(r, p.targets[0])[0].startswith("From Tokens to Layers")
    assert "FastSwitch" in [t.phrase for t in p.targets]
    # Negative: with one paper only, it stays one paper's question.
    p = plan("How does the TTFT gain of FastSwitch compare across workloads?")
    assert [t.phrase for t in p.targets] == ["FastSwitch"]


def test_comparison_rows_from_a_label_a_listed_question_or_an_alternative(planner):
    _, plan = planner
    # A list of the papers after the colon: the question before it is the row.
    p = plan("Which dataset does each of these report on: EPIM, the progressive supernet paper (VARiant), and LiteVAR?")
    assert p.facets == ["dataset"]
    # A label before the colon is the row; "which is larger" asks no row of its own.
    p = plan("memory saving: LiteVAR vs VARiant. which is larger?")
    assert p.facets == ["memory saving"]
    p = plan("memory saving: LiteVAR vs VARiant. which one saves more on ImageNet?")
    assert p.facets[0] == "memory saving" and any("ImageNet" in f and not f.startswith(".") for f in p.facets[1:])
    # An alternative in parentheses is asked too; the asked noun stays even when name-like.
    p = plan("Which GPU (or how many GPUs) does each of ZeRO-Infinity and Fuyou use?")
    assert p.facets == ["GPU", "how many GPUs"]
    # Negative: with no label, no list and no alternative, one row.
    assert plan("Which GPU does each of ZeRO-Infinity and Fuyou use?").facets == ["GPU"]


def test_a_work_repeated_with_its_preposition_is_another_compared_paper(planner):
    r, plan = planner
    p = plan("Compare the speedup claimed by the cache-affinity LLM serving paper and by the fairness-aware context-switching serving paper.")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["DualMap", "FastSwitch"]
    # Negative: an adverbial that repeats no preposition of a work is no paper.
    p = plan("Compare the speedup of the cache-affinity LLM serving paper and by contrast its load balance.")
    assert p.kind is Kind.FACTOID and len(p.targets) == 1
    # No comparison verb, an interrogative opening the question (no relative clause), and a
    # first phrase whose head ("codesign") is no work noun: the repeated "by the" joins them.
    p = plan("Which datasets were evaluated by the ReLU-reducing private inference codesign and by the graph convolution encryption method?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["RRNet", "LinGCN"]
    # Negative: one "by the" phrase and a second subject that is no preposition's is one paper's question.
    p = plan("Which datasets were evaluated by the ReLU-reducing private inference codesign and how fast is it?")
    assert p.kind is not Kind.COMPARATIVE


def test_a_qualifier_in_one_papers_stretch_between_commas_is_that_papers(planner):
    _, plan = planner
    p = plan("Which saves more memory: the 3-bit quantized ResNet50 from epitomes (EPIM), or the vision transformer MCUFormer fits on a microcontroller?")
    epim = p.targets[0].paper_ids
    assert p.bound == {"3-bit": epim, "ResNet50": epim}
    assert p.facets == ["saves memory"]  # the papers listed after the colon are no rows


def test_a_compound_with_a_word_the_collection_never_uses_is_a_setting(planner):
    _, plan = planner
    assert "ogbn-arxiv" in plan("What speedup does MaxK-GNN get on ogbn-arxiv?").specifics
    # Negative: a prefix on a word the collection uses is an ordinary word.
    assert "co-search" not in plan("What does SimQ-NAS co-search with the architecture?").specifics


def test_two_papers_each_owning_a_measure_are_compared(planner):
    r, plan = planner
    p = plan("Does DistZO2's throughput gain beat FastSwitch's speedup?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["DistZO2", "FastSwitch"]
    # "bigger than the X system's": a work's measure set against the other's, not a baseline.
    p = plan("Is the cache-affinity serving paper's capacity gain larger than the fairness-aware context-switching system's?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["DualMap", "FastSwitch"]
    # Negative: a paper beaten, or a baseline's number, is no second paper.
    p = plan("Does DistZO2 beat ZO2 on throughput?")
    assert p.kind is Kind.FACTOID and [t.phrase for t in p.targets] == ["DistZO2"] and "ZO2" in p.specifics
    assert plan("Is DualMap's capacity gain larger than the baseline's?").kind is Kind.FACTOID


def test_a_name_typed_in_chat_case_or_hyphenated(planner):
    r, plan = planner
    # Written only capitalised in the papers, mid-sentence too: a proper name in any case.
    assert [titles(r, t) for t in plan("what does fuyou swap to the SSD?").targets] == [titles(r, plan("What does Fuyou swap?").targets[0])]
    # "flash-overlap": the papers write FlashOverlap as one word.
    assert titles(r, plan("how fast is flash-overlap?").targets[0])[0].startswith("Efficient and Adaptable Overlapping")
    # Negative: a hyphenated compound of plain words is no name, however a title capitalises it.
    assert r.names.lookup("co-design") is None and r.names.lookup("low-rank") is None


def test_the_askers_background_is_no_paper(planner):
    r, plan = planner
    q = ("I run a mobile vision pipeline, and now I must also serve a large language model, so I'm revisiting integer "
         "quantization. The 2018 quantization whitepaper and LLM.int8() both use INT8: what speedup or memory saving does each report?")
    p = plan(q)
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == [
        "Quantizing deep convolutional networks for efficient inference", "LLM.int8()"]
    # Negative: statements that name the papers still do, when the question sentence does not.
    p = plan("Two serving papers: the cache-affinity one and the fairness-aware context-switching one. How do they compare on speedup?")
    assert compared(r, p) == ["DualMap", "FastSwitch"]


def test_alternatives_after_a_colon_and_a_comparison_idiom(planner):
    r, plan = planner
    p = plan("which saves more energy: the converting autoencoder paper or the layer-wise weight selection paper?")
    assert p.kind is Kind.COMPARATIVE and len(p.targets) == 2
    assert titles(r, p.targets[0])[0].startswith("A Converting Autoencoder") and titles(r, p.targets[1])[0].startswith("Layer-wise Weight Selection")
    p = plan("How does DualMap stack up against the fairness-aware context-switching paper?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["DualMap", "FastSwitch"]
    # Negative: one paper's own question.
    assert plan("How does DualMap's routing work?").kind is Kind.FACTOID


def test_papers_named_only_in_the_background_are_not_compared(planner):
    r, plan = planner
    p = plan("FastSwitch keeps coming up in my reading. Between DualMap and KerZOO, which reports the larger gain?")
    assert p.kind is Kind.COMPARATIVE and [t.phrase for t in p.targets] == ["DualMap", "KerZOO"]
    # ... nor a paper named only in a relative clause on another ("A, which builds on B").
    p = plan("I've read about DistZO2, which builds on ZO2 with several GPUs, and KerZOO. What speedup or GPU-hour saving does each report?")
    assert [t.phrase for t in p.targets] == ["DistZO2", "KerZOO"]
    # Negative: statements naming the papers when the question sentence names none.
    p = plan("Both FastSwitch and DualMap target serving. Which of them reports the larger capacity gain?")
    assert [t.phrase for t in p.targets] == ["FastSwitch", "DualMap"]


def test_a_work_owned_by_a_surname_or_organisation(planner):
    r, plan = planner
    p = plan("What energy saving does Fang 2023's layer-wise weight selection report, and which board does M3ViT use?")
    assert p.kind is Kind.COMPARATIVE and titles(r, p.targets[0])[0].startswith("Layer-wise Weight Selection")
    # Negative: a paper's own name with a possessive stays that paper.
    p = plan("What energy saving does CBNet's converting autoencoder report?")
    assert [t.phrase for t in p.targets] == ["CBNet"]


def test_alternatives_listed_with_commas_and_a_successor_named_with_plus(planner):
    r, plan = planner
    q = ("Which of these reports more throughput: the original ZeRO paper, ZeRO-Infinity's offload engine, or the "
         "hierarchical-partitioning extension of ZeRO++ for the Frontier supercomputer? I am planning a big run.")
    p = plan(q)
    assert compared(r, p) == [
        "ZeRO", "ZeRO-Infinity", "Scaling Large Language Model Training on Frontier with Low-Bandwidth Partitioning"]
    # Negative: the successor's name alone is no description of it.
    assert [t.phrase for t in plan("How does ZeRO compare with ZeRO++?").targets] == ["ZeRO"]


def test_a_description_resolved_among_siblings_by_its_year_and_by_every_candidates_similarity(planner):
    r, plan = planner
    resolve = r.planner._resolve

    def title(phrase):
        t = resolve(phrase, set())
        return r.papers[t.paper_ids[0]].title if t and t.paper_ids else None
    # The year picks the sibling whose record is of that year.
    assert title("the 2019 redundancy-eliminating optimizer-state sharding paper").startswith("ZeRO: Memory Optimizations")
    # A candidate the words found but the meaning search did not rank is measured too.
    assert title("the heterogeneous-GNN Dynamic-ReLU training kernels paper").startswith("DR-CircuitGNN")
    # Negative: a year does not make a paper of that year the one meant when nothing is like the description.
    assert title("the 2019 protein folding paper") is None and title("the 2019 weather radar dataset paper") is None


def test_a_definite_owner_of_a_measure_is_a_work(planner):
    r, plan = planner
    p = plan("Is the degree-sorting SpMM kernel's speedup larger than the top-k sparse GNN training system's?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["Accel-GCN", "MaxK-GNN"]
    # Negative: a baseline's measure names no second paper.
    assert plan("Is the degree-sorting SpMM kernel's speedup larger than its baseline's?").kind is Kind.FACTOID


def test_bare_sides_of_vs_describe_papers_unless_headed_by_a_measure(planner):
    r, plan = planner
    p = plan("layer-wise dynamic-rank SVD compression vs prompt-aware rank selection for compressed LLMs: what accuracy gain does each report?")
    assert p.kind is Kind.COMPARATIVE and [titles(r, t)[0][:24] for t in p.targets] == ["Layer-wise dynamic rank ", "Different Prompts, Diffe"]
    # Negative: sides that are measures compare no papers.
    p = plan("accuracy on ImageNet with 4-bit weights vs energy per inference on mobile phones: which matters more?")
    assert p.kind is not Kind.COMPARATIVE and not p.targets


def test_the_askers_own_lab_is_no_record_field(planner):
    _, plan = planner
    p = plan("Our lab runs zeroth-order fine-tuning. Which cuts GPU hours more, KerZOO or DistZO2?")
    assert p.kind is Kind.COMPARATIVE and not p.fields
    # ... nor a compound ending in "group".
    assert not plan("How much does the cache-affinity serving paper cut TTFT compared with the layer-group prefill scheduling one?").fields
    # Negative: a paper's lab asked about is.
    p = plan("Which lab wrote DualMap?")
    assert p.kind is Kind.METADATA and RecordField.ORGANISATION in p.fields


def test_x_differs_from_y_compares_two_described_papers(planner):
    """"from" joins the compared papers after "differ", "different", "distinct", "apart"."""
    r, plan = planner
    p = plan("How does the block-sparse attention kernel for video diffusion differ from the attention "
             "accelerator built on FPGAs?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["db-SP", "FuseMax"]
    # Negative: "from" inside one description ("the paper from ...") joins nothing.
    p = plan("How does the paper from Doe et al. on sparse attention differ?")
    assert p.kind is not Kind.COMPARATIVE


def test_a_collection_in_the_askers_background_does_not_make_a_comparison_a_list(planner):
    """"We keep a list of works on X." is context; the question sentence compares two papers."""
    r, plan = planner
    p = plan("Our group keeps a list of works on sparse attention. How does the block-sparse attention "
             "system for video diffusion differ from the attention accelerator built on FPGAs?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["db-SP", "FuseMax"]
    # Negatives: the question sentence refers to the set ("which of them"), or asks for a list.
    assert plan("Our group keeps a list of works on sparse attention. Which of them run on FPGAs?").kind is Kind.AGGREGATE
    assert plan("Several papers in the collection study sparse training of graph networks. What does each "
                "of them save?").kind is Kind.AGGREGATE


def test_the_first_and_the_second_refer_back_to_compared_papers(planner):
    """A request after the question ("Give the X the first reports and the Y the second
    reports") asks about the papers the question compared; it describes none."""
    from assistant.retrieval.phrasing import _BACK_REFERENCE

    r, plan = planner
    p = plan("How does the zeroth-order offloading framework compare with the activation offloading framework "
             "that writes to SSDs? Give the GPU memory the first needs and the peak memory saving the second reports.")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["ZO2", "SSDTrain"]
    assert _BACK_REFERENCE.search("the activation memory saving the second reports")
    assert _BACK_REFERENCE.search("how much faster is it than the former")
    # Negatives: an ordinal before a work describes one ("the first paper to ...").
    assert not _BACK_REFERENCE.search("the first paper to fine-tune a 175B model on one GPU")
    assert not _BACK_REFERENCE.search("the second SSDTrain version")


STATED_FIRST_SECOND = "Two edge-inference papers caught my eye. The first invokes a second small CNN only when the first one is unsure and caches earlier classifications; the second uses a 'converting' autoencoder to turn hard images into easy ones for a lightweight DNN. What energy reduction does each claim, and on which board was the first one measured?"


def test_a_measure_of_a_described_work_compared_with_that_of_another(planner):
    """"Is the X of A bigger than that of B?": A and B own the measure; "that of", "the one
    from" stand for it."""
    r, plan = planner
    for q in ["Is the energy saving of the two cooperating small CNNs bigger than that of the converting autoencoder?",
              "Is the energy saving from the two cooperating small CNNs bigger than the one from the converting autoencoder?"]:
        p = plan(q)
        assert p.kind is Kind.COMPARATIVE, q
        assert [titles(r, t)[0].split()[0] for t in p.targets] == ["Reducing", "A"], q
    # Negatives: a measure of one described work is one paper's question; statements may say
    # "the first ... the second" of the papers they describe.
    assert plan("Is the energy saving of the converting autoencoder bigger than expected?").kind is not Kind.COMPARATIVE
    p = plan(STATED_FIRST_SECOND)  # a probe item (comparative4 qe06) this rule once broke
    assert p.kind is Kind.COMPARATIVE and len(p.targets) == 2


def test_a_short_side_of_vs_leans_on_the_frame_both_sides_share(planner):
    """"Two ways to do X: A vs B": a side too generic to say which paper alone ("leaner
    attention ...") is read with what both sides are ways of."""
    r, plan = planner
    p = plan("Two routes to cheaper next-scale image generators: leaner attention combined with low-bit weights "
             "vs a depth-elastic weight-shared supernet. which is faster?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["LiteVAR", "Progressive Supernet Training for Efficient Visual Autoregressive Modeling"]
    # Negatives: without the frame the side stays unresolved; a frame does not make measures papers.
    assert plan("leaner attention combined with low-bit weights vs a depth-elastic weight-shared supernet: which is faster?").kind is not Kind.COMPARATIVE
    p = plan("Two routes to cheaper next-scale image generators: accuracy on ImageNet with 4-bit weights vs energy per inference on mobile phones. which matters more?")
    assert p.kind is not Kind.COMPARATIVE and not p.targets


def test_its_side_of_vs_is_the_other_sides_relative(planner):
    """"A vs its multi-node version": the side is found with the other side's words, and must
    be about what the other side is about."""
    r, plan = planner
    for q in ["offloaded zeroth-order fine-tuner on one GPU vs its distributed multi-node version: throughput?",
              "ZO2 vs its distributed multi-node version: throughput?"]:
        p = plan(q)
        assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["ZO2", "DistZO2"], q
    # Negative: a paper with no such relative in the collection gets none (the nearest
    # "distributed" paper is about something else).
    p = plan("LiteVAR vs its distributed multi-node version: latency?")
    assert p.kind is not Kind.COMPARATIVE and [t.phrase for t in p.targets] == ["LiteVAR"]


def test_the_one_from_says_the_other_sides_head_is_the_measure(planner):
    """"the lift from A ... than the one from B": "one" stands for "lift", so A owns a measure
    however rarely the corpus states numbers of that word."""
    r, plan = planner
    p = plan("Is the lift from the two cooperating small CNNs larger than the one from the autoencoder that turns hard inputs into easy ones?")
    assert p.kind is Kind.COMPARATIVE and [titles(r, t)[0].split()[0] for t in p.targets] == ["Reducing", "A"]
    # Negative: with no "the one from", a rare head word is no measure of a second paper.
    assert plan("Is the lift from the converting autoencoder larger than expected?").kind is not Kind.COMPARATIVE


def test_a_label_a_sentence_before_the_question_is_the_row(planner):
    _, plan = planner
    for q in ["peak memory: LiteVAR vs VARiant. Which is larger?", "peak memory: LiteVAR vs VARiant. which is larger?"]:
        assert plan(q).facets == ["peak memory"], q
    # Negatives: the asker's own lead-in is no row, nor a lead-in counting the papers.
    assert plan("I work on image generators: LiteVAR vs VARiant. Which is faster?").facets == ["faster"]
    assert plan("Three generator designs: LiteVAR, VARiant and EPIM. Which is faster?").facets == ["faster"]


def test_how_far_asks_a_number(planner):
    _, plan = planner
    assert plan("How far does ZeRO-Infinity scale?").aspect is Aspect.NUMBER
    assert plan("How far do ZeRO-Infinity and Fuyou scale?").numeric_facets
    # Negative: "how" alone asks the way.
    assert plan("How does ZeRO-Infinity scale?").aspect is not Aspect.NUMBER
    assert not plan("How do ZeRO-Infinity and Fuyou scale?").numeric_facets


def test_a_shared_name_counted_in_the_question_keeps_all_its_papers(planner):
    """"the two SSDTrain write-ups": the question is about every paper of that name, whatever
    the rest of it fits better."""
    r, plan = planner
    p = plan("There are two SSDTrain papers, one on NVMe SSDs. Do they cut activation memory by the same amount?")
    assert len(p.targets) == 1 and len(p.targets[0].paper_ids) == 2
    # Negative: a question about one of them keeps the one the rest fits.
    p = plan("Which SSDTrain paper is about NVMe SSDs?")
    assert len(p.targets) == 1 and len(p.targets[0].paper_ids) == 1


def test_a_year_in_a_description_is_looked_for_beyond_the_first_candidates(planner):
    """The year narrows the candidates, so a dated sibling that the words rank low is still
    found: "the 2021 BERT pruning paper" is the 2021 one, not the better-worded 2022 one."""
    r, plan = planner
    p = plan("Who wrote the 2021 distillation-based BERT pruning paper?")
    assert [titles(r, t)[0].split(":")[0] for t in p.targets] == ["Sparse Progressive Distillation"]
    # Negative: the other year finds the other paper.
    p = plan("Who wrote the BERT pruning paper from 2022?")
    assert titles(r, p.targets[0])[0].startswith("An Automatic and Efficient BERT Pruning")


def test_a_thing_asked_by_its_kind_is_a_named_facet(planner):
    """"Which GPU does each use?" asks for a named thing: a sentence naming one answers it."""
    _, plan = planner
    assert plan("Which GPU does each of ZeRO-Infinity and Fuyou use?").named_facets == ["GPU"]
    assert plan("Which GPU does ZeRO-Infinity use?").named_facets == [""]
    # Negatives: a measure or a method asked by its kind is no named thing.
    assert plan("What speedup does each of ZeRO-Infinity and Fuyou report?").named_facets == []
    assert plan("Which technique does each of ZeRO-Infinity and Fuyou use?").named_facets == []


def test_phrases_listed_after_a_count_of_papers_are_papers_of_that_kind(planner):
    """"three zeroth-order tuning papers — the X one, the Y one and the Z one": each listed
    phrase is a paper (no work noun needed), found with the kind the count names."""
    r, plan = planner
    p = plan("three zeroth-order tuning papers — the CPU-offloading single-GPU one, the perturbation-parallel "
             "distributed one and the kernel-informed bias one. How much faster is each?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["ZO2", "DistZO2", "KerZOO"]
    # Negative: a count of other things lists no papers.
    p = plan("Two worries: the latency and the memory. How do ZO2 and DistZO2 compare?")
    assert compared(r, p) == ["ZO2", "DistZO2"]


def test_a_phrase_set_off_before_each_question_is_its_paper(planner):
    """"The X: what ...? the Y: how ...?": each part's paper is the phrase before its colon or
    dash, the first one even when the question splitter takes it for a lead-in."""
    r, plan = planner
    p = plan("Offloading trainers. The single-GPU zeroth-order tuner: what GPU memory does it need for OPT-175B? "
             "the perturbation-parallel distributed one: how much faster is it?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["ZO2", "DistZO2"]
    # Negative: one set-off phrase and one question is one paper's question.
    p = plan("The zeroth-order CPU-offloading tuner — how much GPU memory does it need for OPT-175B?")
    assert p.kind is Kind.FACTOID and len(p.targets) == 1


def test_which_picks_a_thing_whatever_its_noun(planner):
    """"Which dataset does X use" asks for a dataset's name, even though papers state numbers of
    datasets; "what speedup" asks a number."""
    _, plan = planner
    p = plan("Which dataset does EPIM evaluate on, and how much faster is it?")
    assert p.numeric_facets == ["how much faster is it"] and p.named_facets == ["Which dataset does EPIM evaluate on"]
    # Negative: "what" with a measure asks the number.
    p = plan("What speedup does EPIM report, and which dataset does it use?")
    assert p.numeric_facets == ["What speedup does EPIM report"]


def test_papers_of_one_kind_told_apart_by_what_each_part_asks(planner):
    """"Two X papers: what does the A one ..., and the other ...?": no paper named; each part's
    paper is found with the part's words and the kind's (a blind probe's comparisons of this
    shape were mostly read as one-paper questions)."""
    r, plan = planner
    p = plan("Among the zeroth-order tuning papers, how little GPU memory does the single-device one need, "
             "and how does the distributed one split its forward passes?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["ZO2", "DistZO2"]
    p = plan("Two LLM serving papers - what does one do about context switching overhead, and how does the other schedule MoE layers?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["FastSwitch", "From Tokens to Layers"]
    # The first part may leave its paper unsaid when the second says "the other".
    p = plan("Between the autoregressive image-generation papers, what FID cost comes with the compression, and what "
             "memory saving does the other one get from supernet training?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["LiteVAR", "Progressive Supernet Training for Efficient Visual Autoregressive Modeling"]
    # What a part alone measures against is named by its paper ("the other's speedup over CryptoGCN").
    p = plan("Among the papers on encrypted inference, what does one do to ReLUs, and how much faster than CryptoGCN is the other?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p)[1] == "LinGCN"
    # Negatives: "one" as a numeral, "which one" among named papers, a single part, a plural kind.
    p = plan("What does ZO2 report on one GPU?")
    assert p.kind is Kind.FACTOID and [t.phrase for t in p.targets] == ["ZO2"]
    p = plan("Which one is faster, ZO2 or DistZO2?")
    assert p.kind is Kind.COMPARATIVE and [t.phrase for t in p.targets] == ["ZO2", "DistZO2"]
    assert plan("What speedup does the multi-GPU one report?").kind is Kind.FACTOID
    p = plan("How does DistZO2 compare with the other zeroth-order papers?")
    assert [t.phrase for t in p.targets] == ["DistZO2"]


def test_referred_parts_frame_and_parts():
    from assistant.retrieval.one_of import referred_parts

    frame, parts = referred_parts("Pruning papers: what does the structured one keep on ImageNet, and how fast is the other on a phone?")
    assert frame == "Pruning papers" and [(ref, pro) for ref, _, pro in parts] == [("the structured one", True), ("the other", True)]
    # A lead-in that describes the first paper is its part, not the frame.
    frame, parts = referred_parts("Cache papers: the one that evicts by frequency, what hit rate does it get? and the other one, what latency?")
    assert frame == "Cache papers" and parts[0][0] == "the one" and "hit rate" in parts[0][1] and parts[1][0] == "the other one"
    # A part without a subject of its own goes on with the one before it.
    _, parts = referred_parts("What does the sparse one report, and how much energy? And the dense one?")
    assert len(parts) == 2 and "energy" in parts[0][1]
    # "one of them ..., the other ...": the first part's paper, when a later part says "the other"
    # (chat going on in lower case after a full stop).
    frame, parts = referred_parts("Two caching papers. one of them pins hot keys: what hit rate? and the other evicts by age: what latency?")
    assert frame == "Two caching papers." and [ref for ref, _, _ in parts] == ["one of them", "the other"]
    assert referred_parts("Two caching papers. one of them pins hot keys: what hit rate?")[1] == []
    # Kinds in the plural are no paper; "one of" picks among named ones.
    assert referred_parts("Which of the pruning papers report ImageNet accuracy, and which one of them is newest?")[1] == []


def test_a_parts_short_description_is_read_with_what_the_part_asks(planner):
    """"... and what fault rate does the activation-bounding paper test VGG-16 at?": alone the
    description fits two clipped-activation papers about equally (margin under
    describe_min_margin); the part's own words (a fault rate, VGG-16) say which."""
    r, plan = planner
    p = plan("What does DistZO2 report for throughput, and what fault rate does the activation-bounding paper test VGG-16 at?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["DistZO2", "FT-ClipAct"]
    # Negative: the named part keeps its name, whatever the other part asks.
    p = plan("What fault rate does FT-ClipAct test VGG-16 at, and what does DistZO2 report for throughput?")
    assert compared(r, p) == ["FT-ClipAct", "DistZO2"]


def test_papers_counted_and_listed_inside_the_question_sentence(planner):
    """"... for three caching papers: A, B and the X work?": the listed description is one of the
    three, though a colon usually sets off the asked aspect."""
    r, plan = planner
    p = plan("Could you set side by side three zeroth-order papers: ZO2, DistZO2, and the kernel-function-informed optimizer work?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["ZO2", "DistZO2", "KerZOO"]
    # Negative: a colon after no count sets off the aspect ("ZO2 and DistZO2: memory?").
    p = plan("ZO2 and DistZO2: how much GPU memory does each need?")
    assert compared(r, p) == ["ZO2", "DistZO2"] and p.facets


def test_a_how_question_s_single_part_asks_how_each_works(planner):
    _, plan = planner
    # "How do A and B differ in the sort of X they rely on": the one part names no method word,
    # but the question asks how; the table's cells come from what each paper does.
    p = plan("How do FlashOverlap and DualMap differ in the sort of scheduling they rely on?")
    assert p.aspect is Aspect.METHOD and p.method_facets == p.facets and p.facets
    # Negatives: a measure asked the same way is a number; two parts are each read on their own.
    p = plan("How do FlashOverlap and DualMap differ in speedup?")
    assert p.numeric_facets == p.facets and not p.method_facets
    p = plan("How do FlashOverlap and DualMap differ in the hardware they run on and the speedup they report?")
    assert len(p.facets) == 2 and not set(p.method_facets) & set(p.numeric_facets)


def test_a_method_noun_heading_a_part_asks_a_method_whatever_measure_follows(planner):
    _, plan = planner
    # The part lost its "what" ("mechanism yields gain"): its head is still a method word, so
    # the measure after it ("speedup") does not make it a number.
    p = plan("FlashOverlap and SPAgent report similar gains. What mechanism yields the speedup in each?")
    assert p.kind is Kind.COMPARATIVE and p.method_facets == p.facets and not p.numeric_facets
    # Negative: a measure heading the part is a number.
    p = plan("FlashOverlap and SPAgent report similar gains. What speedup does each mechanism yield?")
    assert p.numeric_facets == p.facets and not p.method_facets


def test_a_word_abstracts_merely_use_is_no_third_paper_beside_two_named_ones(planner):
    r, plan = planner
    # "NAS" is a word some abstracts use (it names no paper firmly); beside two papers named
    # by their titles it is the question's word, not a third compared paper, wherever it stands.
    for q in ("Two NAS-based designs, EH-DNAS and PEL-NAS: what latency gain does each give?",
              "What latency gain do EH-DNAS and PEL-NAS give on NAS benchmarks?"):
        p = plan(q)
        assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["EH-DNAS", "PEL-NAS"], (q, compared(r, p))
    # Negatives: beside one named paper, such a word may still be the other side; and in an item
    # of the list of named papers it is a third one.
    p = plan("How does EH-DNAS compare with NAS in latency?")
    assert p.kind is Kind.COMPARATIVE and len(p.targets) == 2
    p = plan("Compare COSMA, InTAR and the RSN streaming machine: what gain does each claim?")
    assert compared(r, p) == ["Combined Scheduling, Memory Allocation and Tensor Replacement for Minimizing Off-Chip "
                              "Data Accesses of DNN Accelerators", "InTAR", "Reconfigurable Stream Network Architecture"]


def test_a_phrase_joined_to_a_described_work_is_a_work_whatever_its_head(planner):
    r, plan = planner
    # "the ... router" has no work noun, but it is joined by "and" to "the ... engine", a described
    # work: joined phrases are alike, so both are compared papers (it was a one-paper question).
    p = plan("What throughput gains do the hash-based cache-affinity router and the fairness-aware "
             "context-switching engine bring?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["DualMap", "FastSwitch"]
    p = plan("How much memory do the inverted-residual transfer learner and the activation offloading framework for SSDs save?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p)[0] == "MobileTL" and compared(r, p)[1].startswith("SSDTrain")
    # Negatives: a measure joined to a work is what is asked, not a paper; nor is an object inside
    # a clause ("shrink the data moved between CPU and GPU"), though an "and" follows it.
    p = plan("What do the memory saving and the peak throughput of DualMap look like?")
    assert p.kind is Kind.FACTOID and compared(r, p) == ["DualMap"]
    p = plan("What speedup does DistZO2 claim over the single-GPU zeroth-order framework it builds on, and what "
             "trick does that framework use to shrink the data moved between CPU and GPU?")
    assert compared(r, p) == ["DistZO2", "ZO2"]


def test_works_referred_to_by_their_people_are_compared(planner):
    r, plan = planner
    # Each part names its work by year, topic and people: the people say which paper, and their
    # list's commas and "and" join no asked things.
    p = plan("What does the 2021 transformer hardware co-design paper by Panjie Qi, Edwin Hsing-Mean Sha and Qingfeng Zhuge "
             "accelerate, and what speedup does the 2023 two-party computation work by Hongwu Peng, Shanglin Zhou and Yukui Luo report?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["Accelerating Framework of Transformer by Hardware Design and Model Compression Co-Optimization", "RRNet"]
    assert not any(name in f for f in p.facets for name in ("Zhuge", "Shanglin", "Yukui"))
    # ... a lead-in joined to the question by a comma is its first part's work.
    p = plan("In the 2025 paper by Zhendong Mi, Qitao Tan and Xiaodong Yu, what is estimated, and what speedup does the "
             "circuit GNN paper by Yuebo Luo, Shiyang Li and Junran Tao claim?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["KerZOO", "DR-CircuitGNN"]
    # ... two works joined in one part, each with its people (an "and" inside a list of people splits nothing).
    p = plan("How much do the 2021 distillation paper by Shaoyi Huang, Dongkuan Xu and Ian E. H. Yen and the 2025 "
             "overlapping work by Ke Hong, Xiuhong Li and Minxu Liu improve?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["Sparse Progressive Distillation", "Efficient and Adaptable Overlapping for Computation and Communication via Signaling and Reordering"]
    # Negatives: people with no work described list their papers; one work's people make one paper.
    assert plan("Which papers did Shaoyi Huang and Dongkuan Xu write together?").kind is Kind.AGGREGATE
    p = plan("What speedup does the 2023 two-party computation work by Hongwu Peng, Shanglin Zhou and Yukui Luo report?")
    assert p.kind is Kind.FACTOID and compared(r, p) == ["RRNet"]


def test_a_people_list_ends_at_a_word_that_is_no_full_name():
    from assistant.retrieval.phrasing import _WORK_PHRASE
    assert _WORK_PHRASE.search("compare the paper by Jane Doe and FooNet").group() == "the paper by Jane Doe"
    assert _WORK_PHRASE.search("the survey by Jane Doe, Ann Poe and Bo Li et al. on pruning").group() == "the survey by Jane Doe, Ann Poe and Bo Li et al."


def test_a_record_word_modifying_a_work_asks_no_field(planner):
    _, plan = planner
    # "the 2024 journal paper", "the workshop paper": which paper, not its venue.
    assert RecordField.VENUE not in plan("What speedup does the 2023 workshop paper by Hongwu Peng, Shanglin Zhou and Yukui Luo report?").fields
    # Negatives: the venue asked, with a work noun after it too.
    assert plan("Which workshop was the RRNet paper presented at?").fields == [RecordField.VENUE]
    assert RecordField.VENUE in plan("What is the venue of the RRNet paper?").fields
    assert plan("Whose paper is RRNet?").fields == [RecordField.AUTHORS]


def test_how_a_work_does_something_asks_its_method_whatever_measure_it_names(planner):
    r, plan = planner
    p = plan("What speedup does RRNet report, and how does KerZOO cut the memory without extra passes?")
    assert p.kind is Kind.COMPARATIVE
    assert [f for f in p.facets if f.lower().startswith("how")] == p.method_facets
    # Negative: "how does its X compare" asks the measure.
    p = plan("How does the speedup of RRNet compare with KerZOO's?")
    assert p.method_facets == []


def test_a_part_may_ask_its_question_of_papers_joined(planner):
    r, plan = planner
    p = plan("How does ZO2 offload parameters, and what speedups do FastSwitch and DualMap report?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["ZO2", "FastSwitch", "DualMap"]
    # Negative: one paper measured against another in a part is no pair of subjects.
    p = plan("What speedup does FastSwitch report over vLLM?")
    assert p.kind is Kind.FACTOID and compared(r, p) == ["FastSwitch"]


def test_a_lead_in_naming_a_work_is_its_part_s_subject(planner):
    r, plan = planner
    p = plan("For the zeroth-order fine-tuning framework that offloads to the CPU, how much memory does it save, and for "
             "the kernel-informed zeroth-order optimizer, how fast does it converge?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["ZO2", "KerZOO"]
    # Negative: after such a lead-in, the parts ask about its work; their settings ("a 175B
    # model", "the optimizer") are no papers.
    p = plan("In the zeroth-order fine-tuning framework that offloads to the CPU, what speedup does a 175B model get, "
             "and how much memory does the optimizer use?")
    assert p.kind is Kind.FACTOID and compared(r, p) == ["ZO2"]


def test_options_counted_and_listed_before_the_question_are_its_papers(planner):
    r, plan = planner
    listed = ("I'm weighing two options: a framework that fine-tunes with zeroth-order optimization by offloading "
              "parameters to the CPU, and a serving system that makes context switching fair. ")
    p = plan(listed + "How much memory did the offloading framework need, and what speedup did the serving system claim?")
    assert p.kind is Kind.COMPARATIVE and sorted(compared(r, p)) == ["FastSwitch", "ZO2"]
    # ... and "the X one" picks among them by its own part's words.
    p = plan(listed + "How much memory did the offloading one need, and what speedup did the serving one claim?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["ZO2", "FastSwitch"]
    # Negative: things counted that are no works ("two concerns: memory and speed").
    p = plan("Two concerns keep coming up: memory and speed. How much memory does ZO2 need?")
    assert p.kind is Kind.FACTOID and compared(r, p) == ["ZO2"]


def test_a_short_description_refers_back_to_the_statement_s_fuller_one(planner):
    from assistant.retrieval.phrasing import antecedent
    said = "FooNet and the earlier multiplication-free CNN design aimed at shift-based inference both drop multiplies"
    assert antecedent("the CNN work deal with zeros", said) == "the earlier multiplication-free CNN design aimed at shift-based inference"
    # Negatives: two fuller phrases hold its words; none does.
    assert antecedent("the CNN work", "the sparse CNN design and the dense CNN accelerator both ...") is None
    assert antecedent("the GPU work", said) is None
    # ... nor does a description with its own relative clause, which says enough alone.
    assert antecedent("the framework that optimizes system memory", "the allocator that plans offline vs. the framework "
                      "that optimizes system memory for offloaded tuning") is None
    r, plan = planner
    p = plan("DistZO2 and the earlier zeroth-order framework that offloads parameters to CPU memory both avoid "
             "backpropagation. How does DistZO2 scale out, and how does the zeroth-order framework overlap transfers?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["DistZO2", "ZO2"]


def test_versions_of_one_work_are_compared_when_the_question_says_so(planner):
    r, plan = planner
    p = plan("SSDTrain shows up twice in the listings. How much activation memory does each version save?")
    assert p.kind is Kind.COMPARATIVE and len(p.targets) == 2
    assert {r.papers[t.paper_ids[0]].year for t in p.targets} == {2024, 2025}
    assert all(t.phrase.startswith("SSDTrain (20") for t in p.targets)  # told apart by year
    # The words telling the records apart qualify no answer; the question sentence's do.
    p = plan("There are two SSDTrain write-ups, the DAC one and the ArXiv one. What does each version save on CIFAR-100?")
    assert p.kind is Kind.COMPARATIVE and len(p.targets) == 2 and "ArXiv" not in p.specifics and "DAC" not in p.specifics
    assert "CIFAR-100" in p.specifics
    # Plural record nouns after the count: "two SSDTrain entries", "both records".
    for q in ("Two SSDTrain entries show up in my list; which models were they tried on?", "Do both SSDTrain records save the same memory?"):
        p = plan(q)
        assert p.kind is Kind.COMPARATIVE and len(p.targets) == 2, q
    # Negatives: no versions asked; a work with one record.
    p = plan("How much activation memory does SSDTrain save?")
    assert p.kind is Kind.FACTOID and len(p.targets) == 1
    p = plan("What GPU memory does each version of ZO2 need?")
    assert p.kind is not Kind.COMPARATIVE and compared(r, p) == ["ZO2"]
    p = plan("Which two records in the listings cite ZO2 entries?")
    assert p.kind is not Kind.COMPARATIVE


def test_the_asker_s_worry_and_a_list_of_surnames_describe_no_paper(planner):
    r, plan = planner
    # A clause with the asker as its object ("... worries us") is their situation, no paper;
    # the clause that compares is split at its "with".
    p = plan("Faulty weight memory on long fine-tuning runs worries us, so I'm comparing the zeroth-order framework "
             "that offloads parameters to CPU memory with DistZO2. What GPU memory does each need?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["ZO2", "DistZO2"]
    p = plan("Soft errors and faulty weight memory worry us for a satellite payload, so I'm comparing FT-ClipAct with "
             "the fault-tolerant architecture search by Ning, Ge, Li et al. What accuracy does each reach?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["FT-ClipAct", "FTT-NAS"]
    # "from Mi, Tan, Yu et al. uses ...": surnames joined by commas are one work's people; the
    # clause after them says what the named work does, no other paper.
    p = plan("Memory is the bottleneck for us. KerZOO from Mi, Tan, Yu et al. uses kernel functions plus low-bit tricks, "
             "while the distributed zeroth-order framework parallelizes perturbations. What speedup does each report?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["KerZOO", "DistZO2"]
    # Negative: "with" inside a description of one work ("the co-design with sparse attention") splits nothing.
    from assistant.retrieval.segments import compared_in
    assert compared_in("comparing the co-design with sparse attention", {"foonet"}) == [
        "comparing the co-design with sparse attention"]
    assert len(compared_in("so I'm comparing the framework that offloads with FooNet", {"foonet"})) == 2
    # Negative: without the asker, the same clause before "with" still names its work.
    p = plan("I'm comparing the zeroth-order framework that offloads parameters to CPU memory with DistZO2. What GPU memory does each need?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["ZO2", "DistZO2"]


def test_a_named_baseline_beside_a_described_paper_is_no_column(planner):
    r, plan = planner
    p = plan("The serving system that makes context switching fair reports a speedup over vLLM, and DistZO2 reports "
             "a speedup over ZO2. Which of the two numbers is bigger?")
    assert p.kind is Kind.COMPARATIVE and sorted(compared(r, p)) == ["DistZO2", "FastSwitch"]
    assert "ZO2" in p.specifics
    # Negative: named as a compared paper, it stays one.
    p = plan("The serving system that makes context switching fair and ZO2: which reports the bigger speedup?")
    assert p.kind is Kind.COMPARATIVE and sorted(compared(r, p)) == ["FastSwitch", "ZO2"]


def test_a_two_letter_word_of_a_title_does_not_name_the_paper(planner):
    r, plan = planner
    # "FP" is a word of the title "INT v.s. FP: ...", and of the question's topic ("FP formats").
    p = plan("There are two quantization whitepapers here. What CPU speedup does the CNN one report, and how much "
             "less efficient are FP formats in the other one?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["Quantizing deep convolutional networks for efficient inference", "FP8 versus INT8 for efficient deep learning inference"]
    # Negative: the title's name as written still names it.
    assert compared(r, plan("Which FP format does the INT v.s. FP study favour?")) == ["INT v.s. FP"]


def test_the_first_and_the_second_are_the_works_the_statements_brought_in(planner):
    r, plan = planner
    # Ordinals refer back to the works introduced in turn, however each is worded.
    p = plan("Two directions for fine-tuning on small GPUs. One paper offloads zeroth-order fine-tuning parameters to CPU "
             "memory; another spreads the perturbations of zeroth-order training across many GPUs. What memory does the "
             "first need, and what speedup does the second report?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["ZO2", "DistZO2"]
    # "each" refers to all of them when the statements counted that many.
    p = plan("There are two zeroth-order papers I mix up: one offloads parameters to CPU memory, the other spreads "
             "perturbations across many GPUs. How much GPU memory does each need?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["ZO2", "DistZO2"]
    # Negative: an ordinal that is no reference back ("the first layers"), or beyond what was brought in.
    p = plan("One paper offloads zeroth-order fine-tuning parameters to CPU memory. What does the second report?")
    assert p.kind is not Kind.COMPARATIVE
    p = plan("What does ZO2 keep on the GPU for the first layers?")
    assert p.kind is Kind.FACTOID and compared(r, p) == ["ZO2"]


def test_how_many_papers_each_counted_work_reviews_is_a_number_of_each(planner):
    r, plan = planner
    p = plan("My reading list has two surveys: the one from 2022 on quantizing image classifiers, and the one from "
             "2023 on faster transformer inference. How many papers does each cover?")
    assert p.kind is Kind.COMPARATIVE and p.record_query is None and len(p.targets) == 2
    # Negative: papers of the collection counted.
    assert plan("How many papers on model quantization are there?").record_query is RecordQuery.COUNT


def test_a_short_description_refers_back_to_a_plural_in_the_statement():
    from assistant.retrieval.phrasing import antecedent
    said = "BarNet and the 2021 paper that schedules sparse kernels across many GPUs both cut tail latency."
    assert antecedent("the GPU method", said) == "the 2021 paper that schedules sparse kernels across many GPUs"
    # Negative: a word the statement's work phrase lacks.
    assert antecedent("the TPU method", said) is None


def test_what_is_set_aside_and_a_list_s_lead_in(planner):
    r, plan = planner
    # "Apart from perplexity" sets a thing aside, no paper; the lead-in before the colon says what
    # both listed works are, read with a phrase too short alone ("the one driven by prompts").
    p = plan("These two shrink LLMs by SVD with ranks that vary: the one driven by prompts, "
             "and the one with layer-wise ranks. Apart from perplexity, what does each report?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["Different Prompts, Different Ranks", "Layer-wise dynamic rank for compressing large language models"]
    assert not [t for t in p.targets if "besides" in t.phrase.lower()]


def test_where_who_and_a_preposed_which_ask_no_number(planner):
    _, plan = planner
    p = plan("Where does FT-ClipAct place its clipped activation functions, and how many faults does FTT-NAS tolerate?")
    assert p.kind is Kind.COMPARATIVE and len(p.facets) == 2
    assert [f for f in p.facets if f.lower().startswith("where")] and not [f for f in p.numeric_facets if f.lower().startswith("where")]
    p = plan("On what hardware was FT-ClipAct evaluated, and by how much does EPIM reduce its crossbars?")
    assert len(p.facets) == 2 and p.numeric_facets == [p.facets[1]]
    # "what does X do about Y" asks what it does; negative: "how much" beside it asks a number.
    p = plan("What does DenseShift do with its shift weights, and how much faster is EPIM?")
    assert p.facets[0] in p.method_facets and p.facets[0] not in p.numeric_facets and p.facets[1] in p.numeric_facets



def test_a_lower_case_name_that_other_papers_cite_is_still_a_name(planner):
    r, plan = planner
    # "ssdtrain": both SSDTrain records go by it, and a third paper cites it, so more papers use
    # the word than a name's limit; every one of them writes it as a name ("SSDTrain").
    p = plan("ssdtrain's two versions: how much activation memory does each save?")
    ids = [i for t in p.targets for i in t.paper_ids]
    assert len(set(ids)) == 2 and {r.papers[i].title[:9] for i in ids} == {"SSDTrain:"}, p.targets
    # Negative: a word the papers also write as a plain word is no name in lower case.
    p = plan("Which accuracy does the paper deploying vision transformers on microcontrollers reach?")
    assert not any(t.by == "name" for t in p.targets)


def test_a_description_must_use_a_word_of_its_paper(planner):
    r, plan = planner
    # "the real trick used to make DNNs survive faults" is what the second part asks of FT-ClipAct,
    # not a third paper: "real" is a word of no paper the search finds.
    p = plan("For ZO2, how much GPU memory does it need? And for FT-ClipAct, what is the real trick that "
             "lets a DNN ride out faults in weight memory?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["ZO2", "FT-ClipAct"]
    # Negative: a short description whose own word its paper uses ("activation") is a paper.
    p = plan("What does DistZO2 report for throughput, and what fault rate does the activation-bounding paper test VGG-16 at?")
    assert compared(r, p) == ["DistZO2", "FT-ClipAct"]


def test_a_qualifier_on_one_side_of_vs_is_that_side_s_paper(planner):
    r, plan = planner
    p = plan("What speedup does ZO2 get vs the OPT-175B speedup in DistZO2?")
    dist = next(t for t in p.targets if t.phrase == "DistZO2")
    assert p.bound.get("OPT-175B") == dist.paper_ids
    # Negative: said of both, it binds neither.
    p = plan("How fast are ZO2 and DistZO2 on OPT-175B?")
    assert "OPT-175B" in p.specifics and "OPT-175B" not in p.bound


def test_the_asker_s_own_setting_qualifies_nothing_asked(planner):
    _, plan = planner
    # A statement about the asker's machine ("an RTX 4090") says nothing the answer must mention.
    p = plan("My desktop has an RTX 4090. What throughput does Fuyou give, and separately, what "
             "does ZeRO-Infinity claim for throughput on a cluster?")
    assert p.kind is Kind.COMPARATIVE and "RTX" not in p.specifics
    # Negative: written in the question sentence, it qualifies.
    p = plan("What throughput does Fuyou give on an RTX 4090, and what does ZeRO-Infinity claim on a cluster?")
    assert "RTX" in p.specifics


def test_what_each_is_measured_against_is_one_row(planner):
    from assistant.retrieval.facets import BASELINE_FACET
    _, plan = planner
    for q in ("Which prior systems do FastSwitch and DualMap beat?", "What do ZO2 and DistZO2 each compare themselves against?",
              "What baselines do MaxK-GNN and Accel-GCN use, and how much faster are they?"):
        p = plan(q)
        assert BASELINE_FACET in p.facets and p.baseline_facets == [BASELINE_FACET], q
        assert BASELINE_FACET not in p.numeric_facets + p.method_facets + p.named_facets
    # Negatives: a number measured against a baseline, and how two papers differ.
    p = plan("What speedup over the baseline do ZO2 and DistZO2 get?")
    assert not p.baseline_facets and p.numeric_facets
    p = plan("How does ZO2 compare with DistZO2, and how much memory does each need?")
    assert not p.baseline_facets and "approach" in p.facets


def test_a_work_described_in_the_question_sentence_is_its_subject_not_the_statement_s(planner):
    r, plan = planner
    p = plan("The offloading paper for zeroth-order fine-tuning fits OPT-175B on an 18GB GPU. What snapshot speedup does the framework for "
             "in-memory fault tolerance in LLM pretraining report over checkpointing?")
    assert p.kind is Kind.FACTOID and titles(r, p.targets[0])[0].startswith("Reliable and Efficient In-Memory")
    # Negative: a question sentence referring back by pronoun takes the statement's paper.
    p = plan("There is a method that offloads parameters to CPU memory for zeroth-order fine-tuning. How much GPU memory does it need?")
    assert titles(r, p.targets[0])[0].startswith("ZO2")


def test_a_lead_in_naming_a_paper_is_its_part_s_subject(planner):
    r, plan = planner
    p = plan("For ZO2, how much GPU memory does it need? For FT-ClipAct, what trick is used to survive faults?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["ZO2", "FT-ClipAct"] and len(p.facets) == 2
    # Negative: one paper's lead-in before all the parts asks them all of it.
    p = plan("For ZO2, how much GPU memory does it need, and how fast is it?")
    assert p.kind is Kind.FACTOID and compared(r, p) == ["ZO2"]


def test_there_is_leads_no_described_paper(planner):
    r, plan = planner
    p = plan("There's a 2025 paper that schedules prefill by transformer layer groups, and there's DualMap. "
             "What does each compare itself against?")
    assert compared(r, p)[-1] == "DualMap" and not any(t.phrase.lower().startswith("there") for t in p.targets)


def test_a_description_by_words_few_papers_use_finds_its_paper(planner):
    r, plan = planner
    # "single-controller" and "multi-controller" are words of one abstract only: that paper,
    # however far the small embedder puts the phrase from it.
    p = plan("How does FastSwitch compare with the serving system that blends single-controller and multi-controller execution?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["FastSwitch", "EnergonAI"]
    # Negative: common words alone, none of them rare, find no paper.
    p = plan("How does FastSwitch compare with the system that mixes old and new styles?")
    assert compared(r, p) == ["FastSwitch"]


def test_a_work_named_as_the_agent_of_a_measure_is_compared(planner):
    r, plan = planner
    # "the gain claimed, against X, by the Y system": Y's gain, and X its baseline.
    p = plan("How does FastSwitch's speedup over vLLM compare with the latency cut claimed, against FasterTransformer, "
             "by the serving system that blends single-controller and multi-controller execution?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["FastSwitch", "EnergonAI"]
    energon = p.targets[1].paper_ids
    assert p.bound.get("FasterTransformer") == energon and p.bound.get("vLLM") == p.targets[0].paper_ids
    # Negative: "by" before a setting is no paper.
    p = plan("How much does ZO2 save by offloading to the CPU?")
    assert compared(r, p) == ["ZO2"]


def test_a_described_paper_ends_before_measure_itself_against(planner):
    r, plan = planner
    p = plan("What baseline does each of ZO2 and the distributed zeroth-order fine-tuning framework measure itself against?")
    assert compared(r, p) == ["ZO2", "DistZO2"] and not p.targets[1].phrase.endswith("against")


def test_the_asker_s_own_work_is_no_described_paper(planner):
    r, plan = planner
    # The described-papers stage on a statement of the asker's situation ("my group tunes X on
    # Y"): no paper, however near some abstract the words are.
    p = plan("How does FlashOverlap compare with db-SP?")
    said = r.planner._described_in("My team runs multi-GPU inference of video diffusion transformers", p, False, [], set(), asked=False)
    assert said == []
    # Negative: what the asker weighs, described as a work, is a paper.
    said = r.planner._described_in("I'm comparing a method that trains clipping thresholds progressively layer by layer", p, False, [], set(), asked=False)
    assert [titles(r, t)[0][:7] for t in said] == ["ProAct:"]


def test_what_is_compared_between_comes_after_between(planner):
    r, plan = planner
    p = plan("How do the memory savings and the latency gains compare between the training-free compressor for VAR "
             "models and the VAR approach with weight-shared subnets?")
    assert p.kind is Kind.COMPARATIVE and len(p.targets) == 2
    assert [titles(r, t)[0][:8] for t in p.targets] == ["LiteVAR:", "Progress"]
    # Negative: without "between", the measure before the verb is still no paper.
    p = plan("How do the memory savings of LiteVAR compare with those of SSDTrain?")
    assert not any(t.by == "description" for t in p.targets)


def test_a_question_sentence_ends_a_described_phrase(planner):
    r, plan = planner
    # "... was it tested? And what does the approach that ... report": the second sentence's work
    # is a paper, though the first began with "on which ...".
    p = plan("CBNet saves energy: how much, and on which devices was it tested? And what energy reduction does the "
             "approach that pairs two small complementary CNNs and adds a memory component report?")
    assert p.kind is Kind.COMPARATIVE and titles(r, p.targets[1])[0].startswith("Reducing Inference Energy")


def test_statements_listing_more_of_the_papers_the_question_refers_back_to(planner):
    r, plan = planner
    p = plan("Across ZeRO-Infinity, the low-end-GPU framework for SSD fine-tuning that critiques it, and the optimizer "
             "of system memory for SSD offloads: what throughput does the low-end-GPU framework reach?")
    assert [titles(r, t)[0][:8] for t in p.targets] == ["ZeRO-Inf", "Adding N", "MemAscen"]
    # Negative: statements listing other papers than the question's two do not replace them.
    p = plan("Across the system-memory optimizer for SSD offloading and the activation offloader to SSDs: what throughput "
             "does the SSD fine-tuning framework for low-end GPUs reach versus ZeRO-Infinity?")
    assert [titles(r, t)[0][:8] for t in p.targets] == ["Adding N", "ZeRO-Inf"]


def test_its_follow_up_is_found_with_the_words_of_the_paper_before(planner):
    r, plan = planner
    p = plan("How little GPU memory does the zeroth-order framework that offloads to CPU memory need, and what speedup "
             "over it does its multi-GPU follow-up claim?")
    assert p.kind is Kind.COMPARATIVE and [titles(r, t)[0][:7] for t in p.targets] == ["ZO2: Sc", "DistZO2"]
    # Negative: "it" alone is the paper before, no second one.
    p = plan("How little GPU memory does the zeroth-order framework that offloads to CPU memory need, and how fast is it?")
    assert [titles(r, t)[0][:7] for t in p.targets] == ["ZO2: Sc"]


def test_a_paper_set_aside_is_neither_compared_nor_a_qualifier(planner):
    r, plan = planner
    p = plan("In the original ZO2 (not the distributed DistZO2), how is CPU-GPU traffic made cheaper?")
    assert compared(r, p) == ["ZO2"] and "DistZO2" not in p.specifics
    # Negative: compared with it, it is a paper.
    p = plan("How does the original ZO2 differ from the distributed DistZO2 in CPU-GPU traffic?")
    assert compared(r, p) == ["ZO2", "DistZO2"]


def test_a_successor_s_name_is_no_mention_of_its_predecessor(planner):
    r, plan = planner
    # "ZeRO++" is another system: "over ZeRO++" does not make ZeRO a baseline.
    p = plan("The 2019 ZeRO paper (not ZeRO-Infinity): what throughput did it reach? And how much over ZeRO++ does the "
             "hierarchical partitioning work on Frontier gain?")
    assert p.kind is Kind.COMPARATIVE and [titles(r, t)[0][:5] for t in p.targets] == ["ZeRO:", "Scali"]
    # Negative: ZeRO itself after "over" is the baseline.
    p = plan("What gain over ZeRO does ZeRO-Infinity report?")
    assert compared(r, p) == ["ZeRO-Infinity"]


def test_phrases_listed_beside_a_name_are_papers_in_a_chain(planner):
    r, plan = planner
    # "X, Y and DualMap": Y is joined to the name, X to Y; neither has a work noun.
    p = plan("TTFT in three works: the prefill scheduler working on layer groups for MoE models, the TrustZone-based "
             "guard for on-device LLMs, and DualMap. What does each report?")
    assert [titles(r, t)[0][:6] for t in p.targets] == ["From T", "TZ-LLM", "DualMa"]
    # Negative: a measure in the list is no paper.
    p = plan("TTFT across the memory savings and DualMap: what does DualMap report?")
    assert compared(r, p) == ["DualMap"]


def test_what_each_positions_itself_against_is_the_baseline_row(planner):
    from assistant.retrieval.facets import BASELINE_FACET
    _, plan = planner
    p = plan("Which systems do FastSwitch and DualMap position themselves against?")
    assert p.facets == [BASELINE_FACET]
    # Negative: positioned somewhere is no baseline asked.
    p = plan("Where do FastSwitch and DualMap position the KV cache?")
    assert not p.baseline_facets



def test_a_description_by_one_word_one_paper_uses(planner):
    r, plan = planner
    # "the ReRAM one", "the Frontier paper": one telling word, which one paper alone uses (the
    # capitalised "Frontier" is the machine, not "the research frontier").
    p = plan("HipKittens vs the ReRAM one: what do they each evaluate on?")
    assert p.kind is Kind.COMPARATIVE and [titles(r, t)[0][:9] for t in p.targets] == ["HipKitten", "Zero-Spac"]
    p = plan("ZeRO-Infinity or the Frontier paper: which sustains more throughput?")
    assert [titles(r, t)[0][:7] for t in p.targets] == ["ZeRO-In", "Scaling"]
    # Negatives: a word many papers use says no paper alone; a word only the named paper uses
    # describes that paper again; an ordinal places, it does not describe.
    p = plan("DeepSeek-V3: how many GPUs, per the paper with reflections on hardware?")
    assert compared(r, p) == ["Insights into DeepSeek-V3"]
    p = plan("Two ReLU papers: AutoReP and RRNet. What ImageNet result does the first report?")
    assert sorted(compared(r, p)) == ["AutoReP", "RRNet"]


def test_a_subject_ends_at_its_work_noun_before_the_verb(planner):
    r, plan = planner
    p = plan("How much power does the Jetson work cut, and how much does CBNet cut?")
    assert p.kind is Kind.COMPARATIVE and p.targets[0].phrase == "the Jetson work"
    from assistant.retrieval.phrasing import _SUBJECT_THEN_VERB
    assert _SUBJECT_THEN_VERB.match("the MoE paper actually deploy on").group(1) == "the MoE paper"
    # Negatives: a noun after the work noun, or a clause after it, is part of the phrase.
    assert not _SUBJECT_THEN_VERB.match("the accelerator design") and not _SUBJECT_THEN_VERB.match("the paper trained on CIFAR")


def test_a_word_two_titles_use_is_narrowed_by_its_phrase(planner):
    r, plan = planner
    # "ASIC" is a word of two titles (not two versions of one work): "the NAS+ASIC co-exploration
    # paper" is the one its other words fit.
    p = plan("EH-DNAS's hardware gain, PEL-NAS's latency cut, and the latency cut from the NAS+ASIC co-design paper?")
    assert [titles(r, t)[0][:6] for t in p.targets][-1] == "Co-Exp" and len(p.targets) == 3
    # Negative: a name two versions share stays both ("SSDTrain").
    p = plan("How does SSDTrain compare with ZO2?")
    assert len(next(t for t in p.targets if t.phrase == "SSDTrain").paper_ids) == 2


def test_semicolons_and_dashes_set_parts_apart(planner):
    r, plan = planner
    p = plan("One option is Intel's sparse software accelerator for Transformer inference on Xeon; another is nn-JIT.web. "
             "What speedup does each report?")
    assert [titles(r, t)[0][:8] for t in p.targets] == ["An Effic", "Accelera"] and not p.targets[0].phrase.startswith("One")
    p = plan("DistZO2 vs the smartphone paper -- how big a model can each train and on how much GPU memory?")
    assert [titles(r, t)[0][:6] for t in p.targets] == ["DistZO", "End-to"]
    assert p.facets == ["how big a model can train", "on how much GPU memory"]
    # Negative: "vs" inside a description in the question sentence starts no comparison of the statements before it.
    from assistant.retrieval.phrasing import _VS_STRETCH
    assert _VS_STRETCH.search("We use A. What does the INT vs FP study conclude?").group().startswith(" What")


def test_a_claim_set_against_another_works_own_claim_compares_them(planner):
    r, plan = planner
    from assistant.retrieval.phrasing import owns_claim
    q = "Does LiteVAR save more memory than what ZO2 reports?"
    assert owns_claim(q, q.index("ZO2"), q.index("ZO2") + 3)
    p = plan(q)
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["LiteVAR", "ZO2"]
    # A described rival after "beat what": its own claim, set beside FlashOverlap's.
    p = plan("Does FlashOverlap's speedup beat what the spatio-temporal GPU memory planner reports?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["Efficient and Adaptable Overlapping for Computation and Communication via Signaling and Reordering",
                                                             "Reducing GPU Memory Fragmentation via Spatio-Temporal Planning for Efficient Large-Scale Model Training"]
    # ... and after "than": a work FlashOverlap's abstract never names is no baseline of it.
    p = plan("Is FlashOverlap faster than the ZO2 framework?")
    assert p.kind is Kind.COMPARATIVE and len(p.targets) == 2
    # Negatives: what the subject was measured against (its abstract names it) stays a baseline.
    for q in ("How much faster than ZO2 is DistZO2?", "Is DistZO2 faster than the ZO2 framework?", "Is DistZO2 faster than ZO2?"):
        p = plan(q)
        assert p.kind is Kind.FACTOID and [t.phrase for t in p.targets] == ["DistZO2"], q
    q = "How much faster than ZO2 does DistZO2 run?"  # the question's own auxiliary, not ZO2's claim
    assert not owns_claim(q, q.index("ZO2"), q.index("ZO2") + 3)


def test_parts_naming_no_paper_ask_about_the_statements_paper(planner):
    r, plan = planner
    p = plan("ZO2 is what we run today. What memory does it need, and what throughput gain does its multi-GPU successor report?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["ZO2", "DistZO2"]
    # Negative: one part about the statement's paper is a question about that paper alone.
    p = plan("ZO2 is what we run today. What memory does it need for OPT-175B?")
    assert p.kind is Kind.FACTOID and compared(r, p) == ["ZO2"]


def test_a_named_paper_and_a_description_joined_by_and_are_two_papers(planner):
    r, plan = planner
    p = plan("KerZOO and the ZO method with projected gradient-aligned perturbations both speed up fine-tuning; how much GPU time does each save?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["KerZOO", "Towards Fast LLM Fine-tuning through Zeroth-Order Optimization with Projected Gradient-Aligned Perturbations"]
    from assistant.retrieval.phrasing import _SUBJECT_THEN_VERB
    assert _SUBJECT_THEN_VERB.match("the sparse ZO method both claim faster convergence on big models").group(1) == "the sparse ZO method"
    assert not _SUBJECT_THEN_VERB.match("the sparse ZO method for faster convergence on big models")
    # Negative: set off by a comma, the phrase after the name describes that paper (an apposition).
    p = plan("KerZOO, the kernel-function zeroth-order method, saves how much GPU time?")
    assert p.kind is Kind.FACTOID and compared(r, p) == ["KerZOO"]


def test_how_about_asks_the_same_of_another_paper(planner):
    r, plan = planner
    p = plan("What speedup does FlashOverlap claim, and what does MaxK-GNN claim? And how about the spatio-temporal GPU memory planner one?")
    assert compared(r, p) == ["Efficient and Adaptable Overlapping for Computation and Communication via Signaling and Reordering", "MaxK-GNN",
                              "Reducing GPU Memory Fragmentation via Spatio-Temporal Planning for Efficient Large-Scale Model Training"]
    # Negative: "how about" with no paper after it adds none.
    p = plan("What speedup does FlashOverlap claim, and what does MaxK-GNN claim? And how about memory?")
    assert len(p.targets) == 2


def test_a_measure_of_a_described_work_is_asked_not_part_of_its_name(planner):
    r, plan = planner
    p = plan("Is the speedup of the supernet paper on visual autoregressive models larger than what LiteVAR reports?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["Progressive Supernet Training for Efficient Visual Autoregressive Modeling", "LiteVAR"]
    assert p.targets[0].phrase.startswith("the supernet paper") and "speedup" in p.facets[0]


def test_a_pro_form_an_earlier_works_words_cover_refers_back_to_it(planner):
    r, plan = planner
    p = plan("What speedup does MaxK-GNN report, and how does that compare with the latency the reversible circuit GNN work cuts? "
             "Which graphs is the GNN one tested on?")
    assert p.kind is Kind.COMPARATIVE and [titles(r, t)[0][:8] for t in p.targets] == ["MaxK-GNN", "GSR-GNN:"]
    # ... its owner ("the latency the X work cuts") is the work, not the measure.
    assert p.targets[1].phrase == "the reversible circuit GNN work"
    # Negative: "one ... the other" of a kind no earlier work is still two papers of that kind.
    p = plan("Of the two zeroth-order fine-tuning papers, what does the kernel-function one save, and what does the other save?")
    assert len(p.targets) == 2 and all(t.paper_ids for t in p.targets)


def test_who_with_a_claim_by_degree_asks_which_paper(planner):
    r, plan = planner
    p = plan("Who gets the higher speedup, FlashOverlap or MaxK-GNN?")
    assert p.kind is Kind.COMPARATIVE and not p.fields and compared(r, p)[1] == "MaxK-GNN" and len(p.targets) == 2
    # Negatives: who wrote them, or who reports a thing at all, asks the people.
    assert RecordField.AUTHORS in plan("Who wrote DistZO2 and ZO2?").fields
    assert RecordField.AUTHORS in plan("Who reports on zeroth-order fine-tuning?").fields


def test_a_result_against_a_lead_in_baseline_is_a_number(planner):
    r, plan = planner
    p = plan("Relative to ZeRO-Infinity, what does Fuyou claim, and what does MemAscend claim?")
    assert p.kind is Kind.COMPARATIVE and p.facets == ["what does claim"] and p.numeric_facets == p.facets
    # Negative: with no baseline the same words ask for no number.
    p = plan("What does Fuyou claim, and what does MemAscend claim?")
    assert p.facets and not p.numeric_facets


def test_papers_counted_then_listed_after_a_comma(planner):
    r, plan = planner
    p = plan("Zhendong Mi's group has two zeroth-order fine-tuning papers, one built on kernel functions and one with projected perturbations. "
             "What does each save?")
    assert p.kind is Kind.COMPARATIVE and [titles(r, t)[0][:6] for t in p.targets] == ["KerZOO", "Toward"]
    from assistant.retrieval.phrasing import counted_lead
    assert counted_lead("Doe et al. have two pruning papers, one on X and one on Y") == "pruning"
    # Negative: a comma not followed by the listed "one" lists nothing.
    assert counted_lead("Doe et al. have two pruning papers, and both are on X") == ""


def test_that_one_refers_to_the_work_the_statements_bring_in(planner):
    r, plan = planner
    p = plan("A colleague mentioned a paper where the GEMM kernel signals as tiles finish so communication overlaps compute. "
             "Does that one get a bigger speedup than MaxK-GNN's?")
    assert p.kind is Kind.COMPARATIVE and [titles(r, t)[0][:8] for t in p.targets] == ["Efficien", "MaxK-GNN"]
    # Negative: no "that one" in the question, no paper brought in from the statements.
    p = plan("A colleague mentioned a paper where the GEMM kernel signals as tiles finish so communication overlaps compute. "
             "What speedup does MaxK-GNN get?")
    assert p.kind is Kind.FACTOID and compared(r, p) == ["MaxK-GNN"]


def test_a_question_asking_nothing_of_its_own_asks_what_the_statements_do(planner):
    r, plan = planner
    p = plan("The DAC SSDTrain paper and the QuuxPrint preprint of SSDTrain give different figures for how much activation memory they save. "
             "What does each one report?")
    assert p.kind is Kind.COMPARATIVE and any("activation memory" in f for f in p.facets)
    # Negative: a question asking its own thing is asked; the statements only describe.
    p = plan("ZO2 and DistZO2 give different figures for how much GPU memory they need. How much throughput does each get?")
    assert p.facets and not any("memory" in f for f in p.facets)
    # Negative: a paper missing from the collection named in the question sentence is what the number is against.
    p = plan("How much activation memory does the DAC SSDTrain paper save compared with QuuxPrint?")
    assert p.kind is Kind.FACTOID and "QuuxPrint" in p.specifics


def test_a_quoted_title_is_one_phrase(planner):
    from assistant.retrieval.phrasing import _STRONG_SPLIT
    from assistant.retrieval.segments import _segments
    assert len(_segments("the 2023 'FooNet versus BarNet' whitepaper and the Quux study", _STRONG_SPLIT, set())) == 2
    assert len(_segments("the 2023 FooNet versus BarNet whitepaper and the Quux study", _STRONG_SPLIT, set())) == 3


def test_how_many_counts_the_head_before_its_preposition(planner):
    r, plan = planner
    assert plan("How many milliseconds per image does MCUFormer take on its board?").measure == "milliseconds"
    # Negatives: with no preposition the last word is counted; a unit counts nothing.
    assert plan("How many GPUs does DistZO2 use?").measure == "GPUs"
    assert plan("How many times does DistZO2 beat ZO2 in throughput?").measure == ""


def test_a_part_asking_how_many_says_what_is_counted(planner):
    r, plan = planner
    # "how many X and what Y ...": the part counting ends at the conjunction, and counts X.
    p = plan("In ZO2, how many warmup steps and what learning rate did they use for the 175B run?")
    assert p.facets[0] == "how many warmup steps" and p.measure == "steps"
    # Negatives: the counted noun is never past "and which ...", nor "ones", which stands for a noun said before.
    assert plan("how many graphs and which baselines is Accel-GCN evaluated against?").measure == "graphs"
    assert plan("how many new bugs and how many high-priority ones did NeuRI find?").measure == "bugs"


def test_a_count_asked_beside_another_part_is_refused_when_the_paper_counts_none(seeded):
    from assistant.answer import Assistant
    a = Assistant(seeded).ask("In ZO2, how many warmup steps and what learning rate did they use for the 175B run?")
    assert any("does not state the number of steps" in x for x in a.refused_parts), a.refused_parts
    # Negative: a count the paper states is answered, with no part refused.
    b = Assistant(seeded).ask("How many new bugs did NeuRI find, and in how many months?")
    assert "100 new bugs" in b.text and not b.refused_parts


def test_a_name_the_collection_lacks_beside_a_description_qualifies_it(planner):
    r, plan = planner
    p = plan("What top-1 accuracy does the 3-bit QuuxNet-50 reach in the 2023 Berkeley paper on processing-in-memory accelerators built from epitomes?")
    assert p.kind is Kind.FACTOID and compared(r, p) == ["EPIM"] and "QuuxNet-50" in p.specifics
    # Negative: with no description beside it, the missing name is the paper asked about.
    p = plan("What top-1 accuracy does QuuxNet-50 reach on ImageNet?")
    assert [t.phrase for t in p.targets] == ["QuuxNet-50"] and p.targets[0].missing


def test_the_owner_of_a_claim_reported_for_a_work_is_that_work(planner):
    r, plan = planner
    p = plan("How does FastSwitch's speedup compare with the time-to-first-token reduction claimed for layer-wise prefill scheduling?")
    assert p.kind is Kind.COMPARATIVE and p.targets[1].phrase == "layer-wise prefill scheduling"
    assert any("time-to-first-token" in f for f in p.facets)
    # Negative: a setting after "claimed for" that no paper is stays no paper.
    p = plan("How does FastSwitch's speedup compare with the latency reduction claimed for long prompts?")
    assert p.kind is Kind.FACTOID and compared(r, p) == ["FastSwitch"]


def test_chat_parts_set_off_their_bare_subjects(planner):
    r, plan = planner
    p = plan("CPU-side zeroth-order offloading - how much GPU memory for OPT-175B? and multi-GPU zeroth-order offloading, what speedup?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["ZO2", "DistZO2"]
    p = plan("pruning for LLaMA - how much pruning time is saved? and the framework for SSD-offloaded fine-tuning, how much peak memory does it reclaim?")
    assert p.kind is Kind.COMPARATIVE and [titles(r, t)[0][:4] for t in p.targets] == ["ACE:", "MemA"]
    from assistant.retrieval.parts import subject_phrase
    assert subject_phrase("heterogeneous FooNet training gets what speedup over BarNet") == "heterogeneous FooNet training"
    # Negatives: a measure set off before the question is what it asks, no paper; so is an interrogative part.
    p = plan("End-to-end latency, what does FlashOverlap get?")
    assert p.kind is Kind.FACTOID and len(p.targets) == 1
    assert subject_phrase("what speedup does it get") is None


def test_it_in_a_part_is_the_paper_the_statement_describes(planner):
    r, plan = planner
    p = plan("There's a paper that fine-tunes 100B models on a commodity server by adding SSD-CPU communication. "
             "How many TFLOPS does it reach, and how much peak system memory does the pinned-buffer fixing one reclaim?")
    assert p.kind is Kind.COMPARATIVE and [titles(r, t)[0][:6] for t in p.targets] == ["Adding", "MemAsc"]
    # Negative: one part about it alone is that paper's question.
    p = plan("There's a paper that fine-tunes 100B models on a commodity server by adding SSD-CPU communication. How many TFLOPS does it reach?")
    assert p.kind is Kind.FACTOID and len(p.targets) == 1


def test_a_paper_using_every_word_of_a_description_is_a_candidate_however_low_it_ranks(planner):
    r, plan = planner
    # The sibling's name has "GNN" exactly and ranks first; the paper meant spells it out in
    # its title, ranks below the candidates, and is the only one using every word.
    p = plan("What speedup does the heterogeneous circuit GNN training work report for the backward pass?")
    assert compared(r, p) == ["DR-CircuitGNN"]
    p = plan("How fast is GNN training for heterogeneous circuits?")
    assert compared(r, p) == ["DR-CircuitGNN"]
    # Negative: the sibling the words fit stays the one meant.
    p = plan("What peak memory reduction does the deep circuit GNN training work report?")
    assert compared(r, p) == ["GSR-GNN"]


def test_a_row_asked_of_one_paper_by_its_place_is_that_papers_alone(planner):
    r, plan = planner
    p = plan("ZO2 and DistZO2: how much GPU memory does the first need for OPT-175B, and what speedup does the latter report?")
    owners = {f: r.papers[ids[0]].title.split(":")[0] for f, ids in p.facet_papers.items()}
    assert sorted(owners.values()) == ["DistZO2", "ZO2"] and len(p.facets) == 2
    assert owners[next(f for f in p.facets if "memory" in f)] == "ZO2"
    # A bare vs side headed by a work noun is a described paper, and "the former/latter" its place.
    p = plan("zeroth-order offloading paper vs the kernel-function ZO one: how much memory for the former, and what speedup for the latter?")
    assert compared(r, p) == ["ZO2", "KerZOO"] and len(p.facet_papers) == 2
    # Negatives: "the first token" is no paper's place; nor is a place in a question with one row.
    p = plan("FastSwitch vs DualMap: what speedup does each report, and how does each change the first token's latency?")
    assert p.kind is Kind.COMPARATIVE and not p.facet_papers
    p = plan("ZO2 and DistZO2: how does the latter's speedup compare?")
    assert not p.facet_papers


def test_a_list_after_a_request_colon_asks_its_first_item_too(planner):
    _, plan = planner
    p = plan("ZO2, DistZO2 and KerZOO. I need: the GPU memory of the first, which model the second scales to, and how many GPUs the third has.")
    assert p.facets[0] == "GPU memory of first" and len(p.facets) == 3 and p.measure == "GPUs"
    from assistant.retrieval.facets import split_statements
    # Negatives: after a label or a count of papers, a lead-in before the comma still describes the paper.
    assert split_statements("Quick one: in the ZO2 paper, which GPU is used?")[1] == "which GPU is used?"
    assert split_statements("Two works: ZO2 and DistZO2. For ZO2, what memory is needed?")[1] == "what memory is needed?"


def test_a_count_of_papers_caps_the_list_of_their_descriptions(planner):
    r, plan = planner
    p = plan("Two zeroth-order fine-tuning papers: the one with CPU offloading and dynamic scheduling, and the distributed one. "
             "What speedup does each report?")
    assert compared(r, p) == ["ZO2", "DistZO2"]
    # Negative: three counted, three listed.
    p = plan("Three zeroth-order fine-tuning papers: the one with CPU offloading, the kernel-function one, and the distributed one. "
             "What speedup does each report?")
    assert sorted(compared(r, p)) == ["DistZO2", "KerZOO", "ZO2"]


def test_the_askers_frame_is_cut_from_the_start_of_their_sentence_only(planner):
    r, plan = planner
    p = plan("I'm comparing a method that decides which ReLUs to swap for polynomials, and a framework that "
             "linearizes GCNs for encrypted inference. What does the first save, and how fast is the second?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["AutoReP", "LinGCN"]
    assert not any("ReLswap" in t.phrase for t in p.targets)


def test_works_a_statement_lists_are_compared_by_the_places_the_question_names(planner):
    r, plan = planner
    q = "Zeroth-order fine-tuning — CPU offloading on one GPU; the distributed follow-up across many GPUs. "
    p = plan(q + "How much GPU memory does the first need for OPT-175B, and what speedup does the second report?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["ZO2", "DistZO2"]
    assert [r.papers[ids[0]].title.split(":")[0] for ids in p.facet_papers.values()] == ["ZO2", "DistZO2"]
    # "In that order": the i-th row is the i-th paper's.
    p = plan(q + "In that order: GPU memory for OPT-175B, speedup over the single-GPU version.")
    assert compared(r, p) == ["ZO2", "DistZO2"] and len(p.facet_papers) == 2 and "In that order" not in p.facets
    # "a third" brings in a work too; a name inside a listed work's words ("epitome") blocks nothing.
    p = plan("One paper offloads zeroth-order fine-tuning to the CPU, another distributes it across GPUs, and a third uses "
             "kernel functions to reduce its bias. What memory does the first need, what speedup does the second get, "
             "and what GPU hours does the third save?")
    assert compared(r, p) == ["ZO2", "DistZO2", "KerZOO"] and len(p.facet_papers) == 3
    p = plan("Two in-memory designs: epitome operators for processing-in-memory accelerators, and fault protection for "
             "transformers on ReRAM at zero space cost. What crossbar area does the first save, and which benchmark does the second use?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p)[0] == "EPIM" and len(p.targets) == 2
    # "A vs B. For the former: ...? For the latter: ...?": the places are named after the list, in lead-ins.
    p = plan("zeroth-order offloading on one GPU vs distributed zeroth-order tuning across GPUs. For the former: how much "
             "GPU memory does OPT-175B need? For the latter: what speedup over ZO2?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["ZO2", "DistZO2"]


def test_introduced_works_and_the_places_asked():
    from assistant.retrieval.places import introduced_works, places_asked
    assert len(introduced_works("FPGA work — the length-adaptive attention design; the hierarchical pruning framework; "
                                "the BERT pruning one.")) == 3
    assert len(introduced_works("Two papers: one offloading to the CPU, and one distributing the perturbations.")) == 2
    assert len(introduced_works("zeroth-order offloading vs kernel-function zeroth-order tuning.")) == 2
    assert len(introduced_works("One paper prunes heads, another caches keys, and a third clips activations.")) == 3
    assert places_asked("", "GPU memory, speedup and GPU hours, in that order", 3) == [0, 1, 2]
    # (A lead-in after the list: "A vs B. For the former".)
    assert len(introduced_works("zeroth-order offloading vs distributed zeroth-order tuning. For the former")) == 2
    # Negatives: one thing after a colon lists nothing; no place and no order asks none; a place beyond them, none.
    assert introduced_works("I work on FPGAs: our board is small.") == []
    assert places_asked("", "GPU memory, speedup and GPU hours", 3) == []
    assert places_asked("", "what does the latter report", 0) == []


def test_an_abbreviation_another_paper_defines_finds_the_paper_that_writes_it_out(planner):
    r, plan = planner
    # MCUFormer writes "vision transformers" only; another paper defines "vision transformer (ViT)".
    p = plan("Which is higher in ImageNet top-1: the study that puts ViTs on microcontrollers or the epitome PIM work?")
    assert p.kind is Kind.COMPARATIVE and sorted(compared(r, p)) == ["EPIM", "MCUFormer"], p.targets
    abbreviations = r.planner.abbreviations
    assert abbreviations.long_form("ViT") == "vision transformer"
    # Negative: every paper writing "central processing unit" also writes "CPU": it stays as
    # written; an abbreviation no paper defines is left alone.
    assert abbreviations.long_form("CPU") is None and abbreviations.long_form("QZX") is None
    assert abbreviations.expand("the GPU-CPU-NVMe engine") == "the GPU-CPU-NVMe engine"


def test_a_bare_vs_side_counts_the_words_of_a_long_compound(planner):
    r, plan = planner
    p = plan("ViT-on-microcontroller search vs inverted-residual-block transfer learning: which saves more memory?")
    assert sorted(compared(r, p)) == ["MCUFormer", "MobileTL"], p.targets
    # Negative: a two-part compound is one word ("floating-point implementations" is no work).
    p = plan("What CPU speedup does the CNN quantization whitepaper report for quantized vs floating-point implementations?")
    assert not any(t.phrase == "floating-point implementations" for t in p.targets), p.targets


def test_two_words_set_against_a_bare_name_describe_the_other_paper(planner):
    r, plan = planner
    p = plan("block-sparse attention vs MCUFormer: what does each reduce?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["db-SP", "MCUFormer"], p.targets
    # Negative: two measures beside a name compare no papers (two words against words:
    # test_a_bare_vs_side_counts_the_words_of_a_long_compound); nor does a question after names.
    p = plan("How does MCUFormer trade accuracy vs latency?")
    assert p.kind is not Kind.COMPARATIVE and compared(r, p) == ["MCUFormer"]
    p = plan("epim vs mcuformer, which accelerator board each?")
    assert len(p.targets) == 2, p.targets


def test_a_model_size_after_a_name_is_the_paper_reporting_it(planner):
    r, plan = planner
    p = plan("What does InceptionNeXt-T report?")
    assert [(t.by, t.confidence) for t in p.targets] == [("name", 1.0)] and compared(r, p) == ["InceptionNeXt"]
    p = plan("How does the InceptionNeXt-T model compare with MCUFormer in accuracy?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["InceptionNeXt", "MCUFormer"], p.targets
    # Negative: a size the paper does not report, and a word after the name, are no name of it.
    assert not plan("What does InceptionNeXt-XL report?").targets
    assert not plan("How is an InceptionNeXt-style block built?").targets


def test_which_thing_a_described_paper_uses_is_no_number(planner):
    r, plan = planner
    p = plan("Which simulator does the cryogenic high-clock core-and-cache study use to model its in-order and out-of-order cores?")
    assert p.aspect is not Aspect.NUMBER and titles(r, p.targets[0])[0].startswith("Potential and Limitation")
    # What is asked, not the words describing the paper, ranks its sentences.
    assert "cores" in p.aspect_terms and "cryogenic" not in p.aspect_terms and "study" not in p.aspect_terms
    # Negative: a measure asked of the same paper is a number.
    p = plan("What speedup does the cryogenic high-clock core-and-cache study report?")
    assert p.aspect is Aspect.NUMBER


def test_how_much_a_described_paper_cuts_names_the_measure_after_its_verb(planner):
    _, plan = planner
    p = plan("How much does the epitome-based PIM accelerator reduce inference latency compared with pruning methods?")
    assert p.measured == ["inference", "latency"]
    # Negative: "how much faster" asks a degree, no measure.
    assert plan("How much faster is the epitome-based PIM accelerator than pruning methods?").measured == []


def test_a_row_whose_sentence_names_one_compared_paper_is_that_papers(planner):
    r, plan = planner
    p = plan("Which layer does ProAct clip neuron-wise? And which two networks does the permanent-fault clipped-activation study evaluate on CIFAR-10?")
    owned = {f: [r.papers[i].title.split(":")[0] for i in ids] for f, ids in p.facet_papers.items()}
    assert sorted(map(tuple, owned.values())) == [("FT-ClipAct",), ("ProAct",)], (p.facets, owned)
    # The described paper's phrase ends at its work noun: what it is asked keeps "on CIFAR-10".
    assert p.targets[1].phrase == "the permanent-fault clipped-activation study" and any("CIFAR-10" in f for f in p.facets)
    # Negative: "And DistZO2?" asks the same again; a sentence naming both is asked of both.
    assert plan("What speedup does ZO2 report? And DistZO2?").facet_papers == {}
    assert plan("How much GPU memory does ZO2 need for OPT-175B? How much faster than ZO2 is DistZO2?").facet_papers == {}


def test_what_a_compound_is_based_on_is_its_telling_word(planner):
    r, plan = planner
    # M3ViT writes "MoE" and "Mixture-of-Experts", never "MoE-based".
    p = plan("Which boards do the MoE-based MTL vision-transformer co-design and the N:M sparse-training accelerator run on?")
    assert p.kind is Kind.COMPARATIVE and [titles(r, t)[0].split(":")[0][:9] for t in p.targets] == ["M$^3$ViT", "Efficient"], p.targets
    # The phrase is kept as written (it labels the column).
    assert p.targets[0].phrase == "the MoE-based MTL vision-transformer co-design"


def test_a_measure_claimed_by_a_described_paper_is_asked_not_describing(planner):
    r, plan = planner
    # "the mean X drop claimed by the Y paper": Y describes the paper, the drop is what is asked.
    p = plan("What is the mean fragmentation-ratio drop claimed by the spatio-temporal GPU allocator paper?")
    assert [titles(r, t)[0][:27] for t in p.targets] == ["Reducing GPU Memory Fragmen"], p.targets
    assert {"fragmentation-ratio", "drop"} <= set(p.aspect_terms), p.aspect_terms
    # Negative: a description with no measure before its owner keeps its words as the paper's.
    p = plan("Which allocator does the paper on spatio-temporal GPU memory planning build into PyTorch?")
    assert [titles(r, t)[0][:27] for t in p.targets] == ["Reducing GPU Memory Fragmen"], p.targets
    assert "spatio-temporal" not in p.aspect_terms, p.aspect_terms


def test_a_clause_asking_one_compared_paper_alone_is_its_row(planner):
    r, plan = planner
    p = plan("Which normalization parameters does MobileTL train, and what speedup over dataflow accelerators does InTAR show?")
    owned = {f: [r.papers[i].title.split(":")[0] for i in ids] for f, ids in p.facet_papers.items()}
    assert sorted(map(tuple, owned.values())) == [("InTAR",), ("MobileTL",)], (p.facets, owned)
    # Negative: a clause naming both is asked of both, and the other rows stay everyone's.
    p = plan("Which normalization parameters does MobileTL train, and what speedup do MobileTL and InTAR show?")
    assert p.facet_papers == {}, p.facet_papers


def test_its_follow_up_is_found_with_the_words_of_the_work_before(planner):
    r, plan = planner
    # "multi-GPU follow-up" alone finds a multi-GPU overlap scheme; its words say whose follow-up.
    p = plan("single-GPU zeroth-order offloading framework vs its multi-GPU follow-up — how small a GPU does the first need for OPT-175B, and how much faster is the second?")
    assert compared(r, p) == ["ZO2", "DistZO2"], p.targets
    # Negative: a side without "its" is found by its own words.
    p = plan("single-GPU zeroth-order offloading framework vs the multi-GPU overlap scheme — how small a GPU does the first need, and how much faster is the second?")
    assert compared(r, p)[1] != "DistZO2", p.targets


def test_what_a_named_paper_does_is_a_thing_not_an_amount(planner):
    _, plan = planner
    # "what does X <verb>": the object of the verb is asked, whatever measure the rest names.
    assert plan("What does STWeaver plan offline to cut memory fragmentation?").aspect is not Aspect.NUMBER
    assert plan("Which benchmarks/workloads does FuseMax evaluate on?").aspect is not Aspect.NUMBER
    # Negative: what a work claims or achieves is its result.
    assert plan("What does DistZO2 achieve on OPT-175B?").aspect is Aspect.NUMBER


def test_a_lead_in_may_hold_a_part_of_its_own(planner):
    r, plan = planner
    p = plan("DistZO2's speedup on OPT-175B, and for MemAscend, which offloading setup?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["DistZO2", "MemAscend"], p.targets
    # Negative: a lead-in naming one paper asks about that paper only.
    p = plan("For MemAscend, which offloading setup is used?")
    assert p.kind is Kind.FACTOID and compared(r, p) == ["MemAscend"], p.targets


def test_a_thing_named_by_a_rarely_used_word_is_no_measure(planner):
    _, plan = planner
    # "simulator" is stated with a number in two of its five sentences: too few to make it a measure.
    p = plan("The cryogenic CPU modeling paper vs the SFQ neuromorphic one: in what simulator does the first model its cores, and which network does the second study?")
    assert p.numeric_facets == [], (p.facets, p.numeric_facets)
    # Negative: a measure the corpus states with numbers throughout stays one.
    assert plan("In what perplexity does the layer-wise rank allocator end up on LLaMA?").aspect is Aspect.NUMBER


def test_a_venue_in_a_description_picks_the_version_of_that_venue(planner):
    r, plan = planner
    # Two SSDTrain records; only the later one lists its venue (DAC).
    p = plan("How much activation memory does the DAC activation-offloading paper save?")
    assert [titles(r, t)[0] for t in p.targets] == ["SSDTrain: Faster Large Language Model Training Using SSD-Based Activation Offloading"], p.targets
    # Negative: a venue none of the described papers has finds none of them.
    p = plan("How much activation memory does the NeurIPS activation-offloading paper save?")
    assert not any(titles(r, t)[0].startswith("SSDTrain") for t in p.targets), p.targets


def test_items_set_apart_by_semicolons_open_with_their_paper(planner):
    r, plan = planner
    p = plan("Three zeroth-order papers: the kernel-function bias one, GPU-hour saving; the projected-perturbation one, iteration cut; and the on-device QAT one, smallest device?")
    assert [titles(r, t)[0][:10] for t in p.targets] == ["KerZOO: Ke", "Towards Fa", "End-to-End"], p.targets
    # Negative: without semicolons each comma-separated phrase is an item.
    p = plan("What GPU-hour savings do two zeroth-order papers report: the kernel-function bias one, the on-device QAT one?")
    assert [titles(r, t)[0][:10] for t in p.targets] == ["KerZOO: Ke", "End-to-End"], p.targets


def test_siblings_told_apart_by_a_compounds_part_and_one_standing_for_the_others_noun(planner):
    r, plan = planner
    # Neither zeroth-order fine-tuner writes "bias-mitigating"; one of them alone writes "bias".
    # "the variance-cutting one" is a zeroth-order LLM fine-tuner too.
    p = plan("Compare the bias-mitigating zeroth-order LLM fine-tuner and the variance-cutting one: how many GPU hours does each save?")
    assert [titles(r, t)[0][:10] for t in p.targets] == ["KerZOO: Ke", "Towards Fa"], p.targets
    # Negative: a compound part both candidates use tells nothing ("zeroth" in both): the variance one stays itself.
    p = plan("Which GPU-hour saving does the variance-reducing zeroth-order LLM fine-tuner report?")
    assert [titles(r, t)[0][:10] for t in p.targets] == ["Towards Fa"], p.targets


def test_a_baseline_stretch_ends_at_a_colon(planner):
    _, plan = planner
    # "beyond FooLib: which AMD ..." — AMD opens the question, it is no baseline, so the row asks a thing.
    p = plan("Kernels beyond CUDA: which AMD platforms does HipKittens validate on, and which hardware does MultiKernelBench cover?")
    assert p.numeric_facets == [], (p.facets, p.numeric_facets)
    # Negative: a name right after "beyond" is still what a result is measured against.
    p = plan("What speedup beyond cuBLAS does HipKittens report, and which hardware does MultiKernelBench cover?")
    assert any("speedup" in f for f in p.numeric_facets), (p.facets, p.numeric_facets)


def test_a_successor_carries_its_predecessor_s_name(planner):
    r, plan = planner
    # "X versus its ... successor": the candidate whose own name carries X's is X's successor,
    # however far its topic is from X's title (a rival that only measures against X is not).
    p = plan("ZeRO versus its CPU-and-NVMe successor: which throughput does each sustain?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["ZeRO", "ZeRO-Infinity"], compared(r, p)
    p = plan("ZO2 vs its multi-GPU follow-up: speedups?")
    assert compared(r, p) == ["ZO2", "DistZO2"], compared(r, p)
    # Negative: words that describe no successor find none.
    p = plan("FlashOverlap vs its successor: speedups?")
    assert p.kind is Kind.FACTOID and len(p.targets) == 1, [t.phrase for t in p.targets]


def test_a_whole_title_written_out_names_its_paper(planner):
    r, plan = planner
    p = plan("what does make deep networks shallow again propose")
    assert [(t.by, titles(r, t)) for t in p.targets] == [("name", ["Make Deep Networks Shallow Again"])]
    # A word of the title that names another paper ("Reconfigurable") is the title's word.
    p = plan("The proof-of-concept of Reconfigurable Stream Network Architecture runs on which platform, "
             "whereas InTAR's speedup over sequential accelerators is how much?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["Reconfigurable Stream Network Architecture", "InTAR"], compared(r, p)
    # Negative: the title's words not written as the title are a description.
    p = plan("Which paper makes deep networks shallow?")
    assert all(t.by == "description" for t in p.targets), [(t.phrase, t.by) for t in p.targets]


def test_marked_items_each_ask_of_their_own_paper(planner):
    r, plan = planner
    p = plan("For offloading: (a) ZO2 - GPU memory for OPT-175B? (b) the SSD activation offloading framework - activation memory cut?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p)[0] == "ZO2" and compared(r, p)[1].startswith("SSDTrain"), compared(r, p)
    assert {f: titles(r, type("T", (), {"paper_ids": v}))[0].split(":")[0] for f, v in p.facet_papers.items()} == {
        "GPU memory for OPT-175B": "ZO2", "activation memory cut": "SSDTrain"}, (p.facets, p.facet_papers)
    # Negative: a mark that starts no list is the question's word.
    p = plan("What does ZO2 report in (b) of its figure?")
    assert p.kind is Kind.FACTOID and compared(r, p) == ["ZO2"]


def test_a_thing_described_is_a_work(planner):
    r, plan = planner
    p = plan("energy numbers: the dual-CNN-with-memory thing, and the converting autoencoder one?")
    assert p.kind is Kind.COMPARATIVE and len(p.targets) == 2, [t.phrase for t in p.targets]
    assert {titles(r, t)[0] for t in p.targets} == {"Reducing Inference Energy Consumption Using Dual Complementary CNNs",
                                                    "A Converting Autoencoder Toward Low-latency and Energy-efficient DNN Inference at the Edge"}
    # Negative: "the first thing" describes no work.
    p = plan("the first thing I'd like: what does ZO2 save?")
    assert p.kind is Kind.FACTOID and compared(r, p) == ["ZO2"]


def test_a_contrasting_clause_and_marked_items_are_parts():
    from assistant.retrieval.facets import marked, parts

    assert parts("How much memory does ZO2 need, whereas DistZO2 reports what speedup?") == [
        "How much memory does ZO2 need", "DistZO2 reports what speedup"]
    assert len(marked("(a) ZO2: memory? (b) DistZO2: speedup?")) == 2
    assert parts("(a) ZO2: memory? (b) DistZO2: speedup?") == ["ZO2: memory", "DistZO2: speedup"]
    # Negative: a participle after "while" is the same clause; a lone or unordered mark lists nothing.
    assert parts("How much memory does ZO2 save, while keeping accuracy?") == []
    assert marked("What does ZO2 report in (b) of its figure?") == [] and marked("(b) ZO2, (a) DistZO2") == []
    # ... nor marks inside one question, in a statement before it, or in asides.
    assert marked("What do (i) ZO2 and (ii) DistZO2 report?") == []
    assert marked("Both study (a) pruning and (b) quantization. Which reports the larger speedup?") == []
    assert marked("Compare ZO2 (see Fig 1) and DistZO2 (Table 2)") == []


def test_an_aside_after_a_name_is_that_paper_s(planner):
    r, plan = planner
    p = plan("LiteVAR vs VARiant (the supernet-trained one with d16 subnets): what memory saving does each claim?")
    assert compared(r, p) == ["LiteVAR", "Progressive Supernet Training for Efficient Visual Autoregressive Modeling"], compared(r, p)
    # Negative: an aside after one name does not stop the other side's description.
    p = plan("LiteVAR (the attention-compressing one) vs the progressive supernet VAR paper with d16 subnets: what memory saving does each claim?")
    assert compared(r, p) == ["LiteVAR", "Progressive Supernet Training for Efficient Visual Autoregressive Modeling"], compared(r, p)



def test_a_numbered_label_is_a_qualifier(planner):
    _, plan = planner
    # "in Region 3": the answer must be about Region 3, not the nearest region the abstract names.
    p = plan("How long do cold starts take in Region 3 of the serverless trace study?")
    assert "Region 3" in p.specifics, p.specifics
    # Negative: a function word before a count labels nothing.
    p = plan("For 8 GPUs, what throughput does ZeRO reach?")
    assert not any(x.startswith("For") for x in p.specifics), p.specifics


def test_questions_in_a_row_each_set_off_by_its_paper(planner):
    from assistant.retrieval.places import headed

    r, plan = planner
    p = plan("ZO2: memory for OPT-175B? DistZO2: speedup over ZO2?")
    assert p.facets == ["memory for OPT-175B", "speedup over ZO2"], p.facets
    assert {f: r.papers[v[0]].title.split(":")[0] for f, v in p.facet_papers.items()} == {
        "memory for OPT-175B": "ZO2", "speedup over ZO2": "DistZO2"}, p.facet_papers
    p = plan("the SSD activation offloading framework: activation memory cut? the NVMe fine-tuning one for a single GPU: TFLOPS on the 4090?")
    assert p.facets == ["activation memory cut", "TFLOPS on the 4090"] and len(p.facet_papers) == 2, (p.facets, p.facet_papers)
    # Negative: labels of what is asked ("Speedup:") are no subjects; one question is no row.
    assert headed("Speedup: what does ZO2 report? Memory: what does DistZO2 save?") == []
    assert headed("ZO2: memory for OPT-175B?") == []


def test_a_short_side_of_vs_is_the_paper_closest_to_what_is_asked(planner):
    r, plan = planner
    # "the FPGA paper": many papers use the word; the side is still a paper, the one whose
    # abstract answers what is asked, with the others it may be kept beside it.
    p = plan("ZO2 vs the FPGA paper: which speedup does each report?")
    assert p.kind is Kind.COMPARATIVE and len(p.targets) == 2, (p.kind, [t.phrase for t in p.targets])
    side = p.targets[1]
    assert side.by == "description" and "FPGA" in r.papers[side.paper_ids[0]].abstract and side.rivals, side
    assert all("FPGA" in r.papers[i].title + r.papers[i].abstract for i in side.rivals)
    # Negatives: a word no paper uses is no paper; an unspecific side is a baseline.
    p = plan("ZO2 vs the quokka paper: which speedup does each report?")
    assert not any(t.paper_ids and t.by == "description" for t in p.targets), [(t.phrase, t.paper_ids) for t in p.targets]
    p = plan("ZO2 vs the baseline: which speedup?")
    assert p.kind is Kind.FACTOID and [t.phrase for t in p.targets] == ["ZO2"]


def test_a_work_after_than_with_a_claim_of_its_own_is_compared(planner):
    r, plan = planner
    p = plan("Does TZ-LLM lower time-to-first-token more than layered prefill does?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p)[1].startswith("From Tokens to Layers"), (p.kind, compared(r, p))
    # Negatives: a baseline with no claim of its own, or an unspecific one, is what the subject is measured against.
    p = plan("Does layered prefill lower time-to-first-token more than chunked prefill?")
    assert p.kind is Kind.FACTOID and len(p.targets) == 1, (p.kind, [t.phrase for t in p.targets])
    p = plan("Does TZ-LLM lower time-to-first-token more than the baseline does?")
    assert p.kind is Kind.FACTOID and [t.phrase for t in p.targets] == ["TZ-LLM"]


def test_a_described_subject_set_against_a_paper_it_never_mentions_is_compared_with_it(planner):
    r, plan = planner
    p = plan("How big a perplexity drop does the calibration-efficient LLM pruning paper report compared with D-Rank?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["ACE", "Layer-wise dynamic rank for compressing large language models"], compared(r, p)
    assert len(p.targets[0].phrase.split()) <= 8  # a column's heading, not the whole question
    # Negative: a described paper whose abstract names the other was measured against it.
    p = plan("What speedup does the distributed zeroth-order fine-tuning framework report compared with ZO2?")
    assert p.kind is Kind.FACTOID and compared(r, p) == ["DistZO2"] and "ZO2" in p.specifics, (p.kind, compared(r, p), p.specifics)


def test_a_side_of_vs_followed_by_an_aside_is_a_name_and_the_aside_no_row(planner):
    r, plan = planner
    # A lower-case name typed as a whole side, an aside after it: the paper, and the aside says which.
    p = plan("litevar vs variant (the supernet one): memory savings")
    assert p.kind is Kind.COMPARATIVE and compared(r, p)[1].startswith("Progressive Supernet"), (p.kind, compared(r, p))
    assert p.facets == ["memory savings"], p.facets
    p = plan("fastswitch vs dualmap (the cache-affinity one) speedups")
    assert p.facets == ["speedups"], p.facets
    # Negative: an alternative in parentheses is asked too.
    p = plan("fastswitch vs dualmap speedups (or throughput)")
    assert p.facets == ["speedups", "throughput"], p.facets
    # ... or before "vs": "zero (the older one) vs zero-infinity" is ZeRO, a lower-case name.
    p = plan("for my notes: zero (the older one) vs zero-infinity, which model sizes did each reach?")
    assert compared(r, p) == ["ZeRO", "ZeRO-Infinity"], compared(r, p)
    # Negative: a plain word before an aside and something other than "vs" is no side.
    p = plan("for my notes: zero (not one) copies vs zero-infinity, which model sizes did it reach?")
    assert compared(r, p) == ["ZeRO-Infinity"], compared(r, p)


def test_a_description_leans_on_what_the_question_sets_its_paper_beside(planner):
    r, plan = planner
    # "over GNNAdvisor": of the papers like "the top-k nonlinearity training system", the one
    # measured against GNNAdvisor is meant.
    p = plan("How much faster than GNNAdvisor is the top-k nonlinearity training system?")
    assert compared(r, p) == ["MaxK-GNN"], compared(r, p)
    p = plan("Accel-GCN vs the top-k nonlinearity training system: speedup over GNNAdvisor?")
    assert compared(r, p) == ["Accel-GCN", "MaxK-GNN"], compared(r, p)
    # Negative: a clear description of a paper that never mentions it still finds that paper.
    p = plan("How much faster than GNNAdvisor is the zeroth-order fine-tuning framework with CPU offloading?")
    assert compared(r, p) == ["ZO2"], compared(r, p)


def test_the_thing_a_described_work_is_asked_about_is_not_its_description(planner):
    r, plan = planner
    # "the smallest hardware the X framework fine-tunes on": X is the work, the hardware is asked.
    p = plan("How does ZO2 make CPU-GPU exchange cheaper, and what's the smallest hardware the zeroth-order QAT framework fine-tunes on?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["ZO2", "End-to-End On-Device Quantization-Aware Training for LLMs at Inference Cost"], compared(r, p)
    assert p.targets[1].phrase == "the zeroth-order QAT framework", p.targets[1].phrase
    # Negative: a work before the clause is itself the description ("the 2025 paper the ... group wrote").
    assert owner_of(r, "the 2025 paper the zeroth-order QAT group wrote") is None


def owner_of(r, phrase):
    """The owner the planner reads in "the <thing> the <work> ..." (None: no owner)."""
    return r._tables[3]._owner_of_measure(phrase)


def test_a_paper_named_only_in_a_counted_lead_in_is_not_one_more_compared(planner):
    r, plan = planner
    # "Two papers build on X: A and B": the count and the list say which two are compared.
    p = plan("Two papers build on ZeRO-Infinity: ZO2 and DistZO2. What does each report?")
    assert compared(r, p) == ["ZO2", "DistZO2"], compared(r, p)
    p = plan("Two offloading papers extend ZeRO: ZO2 and the SSD activation offloading framework. How much memory does each save?")
    assert len(p.targets) == 2 and compared(r, p)[0] == "ZO2" and compared(r, p)[1].startswith("SSDTrain"), compared(r, p)
    # Negatives: a count the list does not fill keeps the lead's paper; so does a paper the list names too.
    p = plan("Three papers build on ZeRO-Infinity: ZO2 and DistZO2. What does each report?")
    assert compared(r, p) == ["ZeRO-Infinity", "ZO2", "DistZO2"], compared(r, p)
    p = plan("Two papers build on ZeRO-Infinity: ZeRO-Infinity itself and ZO2. What does each report?")
    assert compared(r, p) == ["ZeRO-Infinity", "ZO2"], compared(r, p)


def test_two_papers_said_leave_out_the_least_sure_third(planner):
    r, plan = planner
    # "the first ... the second": two compared; "INT" (a word of a title, no name of its own) is the third.
    p = plan("the zeroth-order offloading framework vs the number-format inference whitepaper: how much GPU memory does "
             "the first need, and how much less efficient does the second say FP formats are vs INT?")
    assert len(p.targets) == 2 and compared(r, p)[0] == "ZO2" and compared(r, p)[1].startswith("FP8 versus INT8"), compared(r, p)
    # Negatives: a third said keeps three; papers named firmly are never dropped.
    p = plan("ZO2, DistZO2 and ZeroQAT: how much memory does the first need, the second save, and the third use?")
    assert compared(r, p)[:2] == ["ZO2", "DistZO2"] and compared(r, p)[2].startswith("End-to-End On-Device"), compared(r, p)
    p = plan("ZO2 vs DistZO2 vs ZeroQAT: what does the first save, and what does the second add?")
    assert compared(r, p)[:2] == ["ZO2", "DistZO2"] and compared(r, p)[2].startswith("End-to-End On-Device"), compared(r, p)
    # ... and "two" inside a compound, or "both" before a verb, says no count.
    from assistant.retrieval.compared import _TWO
    assert _TWO.search("the two papers") and _TWO.search("both papers") and _TWO.search("the latter")
    assert not _TWO.search("the two-hash router") and not _TWO.search("both automate accelerator design")


def test_people_set_off_before_the_colon_frame_every_described_work(planner):
    r, plan = planner
    p = plan("From Xiaofan Zhang's publication list: compare the ISCA 2025 paper with the IEEE TCAD 2024 paper. "
             "What platform and latency gain does the ISCA one report, and what speedup range do the TCAD paper's generated accelerators reach?")
    assert compared(r, p) == ["Reconfigurable Stream Network Architecture", "AutoAI2C"], compared(r, p)
    assert not p.missing, p.missing  # "TCAD" is a word of its description, no missing paper
    # Negative: a name the collection lacks, outside any description, is still missing.
    p = plan("ZO2 vs QuuxTrainer: how much memory does each save?")
    assert p.missing == ["QuuxTrainer"], p.missing


def test_a_work_and_the_successor_it_got_are_the_original_and_the_successor(planner):
    from assistant.retrieval.places import introduced_works

    r, plan = planner
    p = plan("The CPU-offloading zeroth-order fine-tuning framework later got a distributed successor. "
             "How much GPU memory did the original need for OPT-175B, and how much faster is the successor?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["ZO2", "DistZO2"], (p.kind, compared(r, p))
    assert {f: r.papers[v[0]].title.split(":")[0] for f, v in p.facet_papers.items()} == {
        "How much GPU memory did original need for OPT-175B": "ZO2", "how much faster is successor": "DistZO2"}, p.facet_papers
    # Negatives: a result got is no successor; "the original X" with no works brought in is X.
    assert introduced_works("ZO2 later got a 3x speedup from its kernels.") == []
    p = plan("How much memory does the original ZO2 need?")
    assert p.kind is Kind.FACTOID and compared(r, p) == ["ZO2"]


def test_a_count_with_a_clause_before_its_list_still_counts_and_frames_it(planner):
    from assistant.retrieval.phrasing import counted_lead, list_count

    r, plan = planner
    # "Two <kind> papers that I keep mixing up: one ..., the other ...": each is of that kind.
    p = plan("Two zeroth-order fine-tuning papers that I always confuse with each other: one offloading parameters to CPU and "
             "a dynamic scheduler overlapping the transfers with compute on one GPU, the other spreading the perturbations across "
             "many GPUs with a pipeline of its own design: what throughput gain does each claim and against which baseline?")
    assert compared(r, p) == ["ZO2", "DistZO2"], compared(r, p)
    p = plan("Three SSD offloading works: the activation one, the system memory one, and the 100B one. What does each save?")
    assert [c[:8] for c in compared(r, p)] == ["SSDTrain", "MemAscen", "Adding N"], compared(r, p)
    assert counted_lead("Two papers on sparse attention that I keep mixing up: A, B") == "on sparse attention"
    assert list_count("Two pruning papers that I keep mixing up: A, B") == 2
    # Negatives: the asker's clause says nothing of the works; "and" ends the count's phrase; a
    # number before a singular "paper" counts no papers ("... the 4 bit paper - what ...").
    assert counted_lead("Two pruning papers that I keep mixing up: A, B") == "pruning"
    assert list_count("I read two papers and now wonder: which is faster?") == 0
    assert list_count("FooNet and the 4 bit inference paper - what does each save?") == 0


def test_a_description_in_compound_words_or_of_a_work_with_versions_is_found(planner):
    r, plan = planner
    # "kernel-function" is two of the title's words; a preprint and its conference version are one candidate.
    p = plan("How much GPU time do the kernel-function zeroth-order paper and the gradient-aligned perturbation one each save?")
    assert compared(r, p) == ["KerZOO", "Towards Fast LLM Fine-tuning through Zeroth-Order Optimization with Projected Gradient-Aligned Perturbations"], compared(r, p)
    p = plan("Help me compare: activation offloading to SSDs and 100B model fine-tuning on a single GPU - which GPU does each use?")
    assert [c[:8] for c in compared(r, p)] == ["SSDTrain", "Adding N"], compared(r, p)
    # Negative: a compound word of no paper still finds nothing.
    assert r.planner._resolve("the quux-frobnication zeroth-order paper", set()).missing


def test_joined_descriptions_share_the_head_after_the_last(planner):
    r, plan = planner
    p = plan("the kernel-function and the gradient-aligned perturbation zeroth-order paper: what GPU-hour savings does each report?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p)[0] == "KerZOO" and compared(r, p)[1].startswith("Towards Fast LLM"), compared(r, p)
    p = plan("the kernel-function and gradient-aligned zeroth-order papers - what GPU-hour savings does each report?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p)[0] == "KerZOO", compared(r, p)
    # Negative: a single description with "and" inside it stays one paper.
    p = plan("What does the paper on zeroth-order fine-tuning with CPU offloading and dynamic scheduling report for memory?")
    assert p.kind is Kind.FACTOID and compared(r, p) == ["ZO2"], compared(r, p)


def test_a_lead_in_labels_the_rows_only_in_words_the_compared_papers_use(planner):
    _, plan = planner
    p = plan("Settle a debate: SSD activation offloading and 100B fine-tuning on one GPU paper - what memory saving does each claim?")
    assert p.kind is Kind.COMPARATIVE and "Settle a debate" not in p.facets and len(p.facets) == 1, p.facets
    # Negative: a label the papers speak of is the asked aspect.
    assert plan("peak memory: ZO2 vs DistZO2, which is lower?").facets == ["peak memory"]


def test_a_counted_set_of_described_papers_is_compared(planner):
    r, plan = planner
    for q in ("Compare the two SSD-based activation offloading papers - how much activation memory does each save?",
              "Compare two SSD-based activation offloading papers - how much activation memory does each save?"):
        p = plan(q)
        assert p.kind is Kind.COMPARATIVE and [x[:8] for t in p.targets for x in titles(r, t)] == ["SSDTrain", "SSDTrain"], (q, compared(r, p))
        assert p.facets == ["how much activation memory does save"], p.facets
    # Negatives: a count asking nothing of each, and a count its list follows.
    assert plan("How many GPUs did the two papers use?").kind is not Kind.COMPARATIVE
    assert compared(r, plan("Two papers: ZO2 and DistZO2. What does each save?")) == ["ZO2", "DistZO2"]


def test_a_colon_not_followed_by_the_question_opens_the_compared_list(planner):
    from assistant.retrieval.facets import split_statements

    r, plan = planner
    for q in ("Compare these please: activation offloading to SSDs and the NVMe 100B fine-tuning paper - how much memory does each save?",
              "Quick one here: the CPU-offloaded zeroth-order and the distributed zeroth-order fine-tuning paper - throughput of each?"):
        p = plan(q)
        assert p.kind is Kind.COMPARATIVE and len(p.targets) == 2, (q, compared(r, p))
    # Negatives: a colon the question follows closes the list; a lead that asks stays asked.
    assert compared(r, plan("Compare ZO2 and DistZO2: which needs less memory?")) == ["ZO2", "DistZO2"]
    assert split_statements("How much does ZO2 save, what does DistZO2 add?")[0] == ""
    assert split_statements("Compare these please: ZO2 and DistZO2 - which needs less memory?")[0] == ""


def test_a_thin_description_is_the_paper_that_also_states_what_is_asked(planner):
    r, plan = planner
    # "the zeroth-order fine-tuning paper" fits several; the one stating GPU memory for OPT-175B is meant.
    p = plan("The zeroth-order fine-tuning paper: how much GPU memory does it need for OPT-175B, and how does it compare with DistZO2?")
    assert compared(r, p) == ["ZO2", "DistZO2"], compared(r, p)
    # Negative: what is asked does not pull in a paper that uses none of the description's words.
    p = plan("The SSD offloading paper: what top-1 accuracy does it get on ImageNet with EfficientNet, and how does that compare with ZO2?")
    assert "SSD" in titles(r, p.targets[0])[0], compared(r, p)


def test_a_name_in_parentheses_after_a_description_is_that_paper(planner):
    r, plan = planner
    p = plan("LiteVAR vs the progressive supernet one (VARiant): what latency does each cut?")
    assert compared(r, p) == ["LiteVAR", "Progressive Supernet Training for Efficient Visual Autoregressive Modeling"], compared(r, p)
    # Negative: an aside naming nothing leaves the description to its own search.
    p = plan("LiteVAR vs the progressive supernet one (8-bit): what latency does each cut?")
    assert len(p.targets) == 2 and compared(r, p)[1].startswith("Progressive Supernet"), compared(r, p)


def test_papers_set_aside_in_a_list_of_alternatives_are_not_compared(planner):
    r, plan = planner
    p = plan("InceptionNeXt (not the Inception-v4 / Inception-ResNet one) vs SimpleNet: what accuracy does each reach?")
    assert compared(r, p) == ["InceptionNeXt", "Lets keep it simple, Using simple architectures to outperform deeper and more complex architectures"], compared(r, p)
    # Negative: named without "not", they are compared.
    p = plan("InceptionNeXt vs Inception-v4 / Inception-ResNet: what accuracy does each reach?")
    assert compared(r, p)[0] == "InceptionNeXt" and any(c.startswith("Inception-v4") for c in compared(r, p)), compared(r, p)


def test_a_version_is_told_apart_by_the_names_said_of_it_in_a_comparison(planner):
    r, plan = planner
    p = plan("SSDTrain (tested on Llama) vs MemAscend: memory saved?")
    assert titles(r, p.targets[0]) == ["SSDTrain: Faster Large Language Model Training Using SSD-Based Activation Offloading"], titles(r, p.targets[0])
    # Negative: nothing said of it alone tells the versions apart; both stay.
    p = plan("SSDTrain vs MemAscend: How much memory does each save?")
    assert len(p.targets[0].paper_ids) == 2, titles(r, p.targets[0])


def test_the_alternatives_of_a_yes_no_question_are_compared(planner):
    r, plan = planner
    p = plan("Does the kernel-function zeroth-order method or the one aligning perturbations with a projected gradient give the bigger cut in GPU hours?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p)[0] == "KerZOO" and compared(r, p)[1].startswith("Towards Fast LLM"), compared(r, p)
    # Negative: alternatives that are no works ("a single GPU or a cluster") compare nothing.
    p = plan("Does ZO2 run on a single GPU or a cluster?")
    assert p.kind is Kind.FACTOID and compared(r, p) == ["ZO2"]


def test_a_count_its_list_follows_is_no_list_to_find(planner):
    r, plan = planner
    p = plan("How do the two GPU papers on speeding up GNNs, one sorting nodes by degree with block-level partitioning, the other "
             "built on a top-k nonlinearity with a compressed sparse row format, compare on speedup over GNNAdvisor?")
    assert p.kind is Kind.COMPARATIVE and [c[:8] for c in compared(r, p)] == ["Accel-GC", "MaxK-GNN"], compared(r, p)
    # Negative: a count with no list after it asks for a list.
    assert plan("Which two papers speed up GNN training on GPUs?").kind is Kind.AGGREGATE


def test_a_row_asked_after_a_paper_s_possessive_is_that_paper_s(planner):
    r, plan = planner
    p = plan("What are ZO2's GPU memory footprint for OPT-175B and DistZO2's speedup over ZO2?")
    assert compared(r, p) == ["ZO2", "DistZO2"], compared(r, p)  # "X's memory": X is asked, not only a baseline
    assert {f: r.papers[v[0]].title.split(":")[0] for f, v in p.facet_papers.items()} == {
        "GPU memory footprint for OPT-175B": "ZO2", "speedup over ZO2": "DistZO2"}, p.facet_papers
    # Negatives: a possessive of a relative ("X's successor ... over X") leaves X the baseline;
    # one possessive alone makes no rows of its own.
    p = plan("What speedup does ZO2's distributed successor get over ZO2?")
    assert not any(t.phrase == "ZO2" and not t.baseline for t in p.targets), [(t.phrase, t.baseline) for t in p.targets]
    from assistant.retrieval.rows import possessive_rows
    p = plan("How do ZO2 and DistZO2 compare in memory, and what is DistZO2's speedup?")
    assert possessive_rows(p.question, p) == []


def test_versions_named_again_are_told_apart_by_each_mention(planner):
    r, plan = planner
    # The qualified mention picks the version; the later bare mention says nothing against it.
    p = plan("Fuyou vs SSDTrain (the DAC 2025 version, not the arXiv one): what TFLOPS does Fuyou reach, and how much "
             "activation peak memory does SSDTrain save?")
    assert titles(r, p.targets[1]) == ["SSDTrain: Faster Large Language Model Training Using SSD-Based Activation Offloading"], titles(r, p.targets[1])
    # ... and after "A vs B:", a part naming one of them is that one's row.
    assert {f: r.papers[v[0]].title[:8] for f, v in p.facet_papers.items()} == {
        "what TFLOPS does reach": "Adding N", "how much activation peak memory does save": "SSDTrain"}, p.facet_papers
    # Negative: mentions that fit different versions keep both.
    p = plan("Kun Wu et al.'s DAC 2025 SSDTrain paper and the 2024 write-up of the SSDTrain framework quote different "
             "activation memory savings: how much does each save?")
    assert sorted(x for t in p.targets for x in titles(r, t) if x.startswith("SSDTrain"))[:2] == [
        "SSDTrain: An Activation Offloading Framework to SSDs for Faster Large Language Model Training",
        "SSDTrain: Faster Large Language Model Training Using SSD-Based Activation Offloading"], compared(r, p)


def test_what_the_question_sets_aside_qualifies_nothing_and_picks_no_version(planner):
    r, plan = planner
    p = plan("Fuyou vs SSDTrain (the DAC 2025 version, not the 2024 arXiv one): how much memory does each save?")
    assert "arXiv" not in p.specifics, p.specifics
    p = plan("Two papers: the DAC 2025 SSDTrain (the version run on Llama - not the earlier arXiv SSDTrain on GPT) and STWeaver. "
             "How much does each save?")
    assert titles(r, p.targets[0]) == ["SSDTrain: Faster Large Language Model Training Using SSD-Based Activation Offloading"], titles(r, p.targets[0])
    # Negative: a qualifier asked, not set aside, stays.
    assert "CIFAR-100" in plan("ZO2 vs DistZO2: what accuracy does each reach on CIFAR-100?").specifics


def test_an_absolute_level_is_asked(planner):
    r, plan = planner
    assert plan("What absolute top-1 accuracy does FlashOverlap reach?").level
    assert plan("what's ZO2's absolute throughput on OPT-175B?").level
    # Negatives: "absolute error" is a measure of its own; no "absolute", no level asked.
    assert not plan("What mean absolute error does ZO2 report?").level
    assert not plan("What top-1 accuracy does FlashOverlap reach?").level


def test_a_work_that_compares_two_things_is_one_description(planner):
    """"the study comparing A with B" describes one work; "I'm comparing A with B" compares two."""
    from assistant.retrieval.segments import compared_in

    r, plan = planner
    p = plan("How do the study comparing FP8 with INT8 for efficient inference and ZO2 differ in the hardware they target?")
    assert compared(r, p) == ["FP8 versus INT8 for efficient deep learning inference", "ZO2"]
    assert compared_in("the whitepaper comparing FooNet against BarNet", {"foonet", "barnet"}) == ["the whitepaper comparing FooNet against BarNet"]
    # Negatives: the asker compares; a segment comparing nothing named stays whole either way.
    assert compared_in("so I'm comparing FooNet with BarNet", {"foonet", "barnet"}) == ["so I'm comparing FooNet", "BarNet"]
    assert compared(r, plan("I'm comparing ZO2 with DistZO2: which is faster?")) == ["ZO2", "DistZO2"]


def test_a_lone_name_no_paper_goes_by_is_no_description(planner):
    """"compare with FooServe-Inference": a name the collection lacks is a system it lacks, a
    qualifier of the named paper, even when its words come near some abstract's."""
    r, plan = planner
    p = plan("How does ZO2's throughput compare with DeepSpeed-Inference?")
    assert compared(r, p) == ["ZO2"] and "DeepSpeed-Inference" in p.specifics
    # Negative: a description of a work in the same words is resolved.
    p = plan("How does FuseMax's energy compare with the sparse inference software accelerator?")
    assert compared(r, p) == ["FuseMax", "An Efficient Sparse Inference Software Accelerator for Transformer-based Language Models on CPUs"]


def test_and_inside_a_relative_clause_joins_its_objects_unless_a_name_opens_the_next(planner):
    """"the paper that builds X and high-performance FooLang code pairs": the clause goes on past
    "and", whatever name sits inside its next words; a name right after "and" is another paper."""
    r, plan = planner
    p = plan("ZO2 vs the paper that builds a transpilation dataset and high-performance CUDA code pairs for other platforms - what does each report?")
    assert compared(r, p) == ["ZO2", "HPCTransCompile"] and p.targets[1].by == "description"
    # Negative: "... and ZO2" is the second compared paper.
    p = plan("the method that offloads activations to SSDs and ZO2: which needs less memory?")
    assert "ZO2" in compared(r, p) and len(p.targets) == 2


def test_the_kind_of_thing_asked_when_it_goes_by_product_names(planner):
    r, plan = planner
    assert plan("Which base LLM did ZO2 fine-tune?").named_kind == "LLM"
    assert plan("what GPUs was FlashOverlap run on?").named_kind == "GPUs"
    # Negatives: an acronym qualifying the asked noun, a number asked, a kind in plain words.
    assert plan("What GLUE score does AutoDistill reach?").named_kind == ""
    assert plan("What TFLOPS does Fuyou reach?").named_kind == ""
    assert plan("Which dataset did ZO2 use?").named_kind == ""
    # "Among the five LLMs it tests, which one ...": "one" is of the kind named beside it.
    assert plan("Among the five LLMs ZO2 tests, which one does best?").named_kind == "LLMs"
    assert plan("Which one of the GPUs does ZO2 use?").named_kind == "GPUs"
    # ... not "which one" of two papers, nor of a kind in plain words.
    assert plan("Which one is faster, ZO2 or DistZO2?").named_kind == ""
    assert plan("Which one of its tricks matters most in ZO2?").named_kind == ""
    # ... nor the object of a preposition in a number asked ("what speedup over GPU does X report").
    assert plan("What speedup over GPU does FlashOverlap report?").named_kind == ""
    # "Which of the tested LLMs won", "which LLM ranked first": a part picking one of a kind asks a
    # name, beside a part asking a number and however the pick is judged ("scored", "won").
    for q in ("In MultiKernelBench, which of the tested LLMs won, and how often did its kernels pass?",
              "For ZO2, which LLM ranked first, and what GPU footprint came with it?"):
        p = plan(q)
        assert p.named_kind in ("LLM", "LLMs") and p.facets[0] not in p.numeric_facets, (q, p.numeric_facets)
    # Negative: "what" before an acronym measure ("what FID is reported") asks a number.
    p = plan("VARiant at two layers: which speedup results, and what FID is reported?")
    assert p.named_kind == "" and any("FID" in f for f in p.numeric_facets), p.numeric_facets


def test_how_many_of_anyone_wrote_a_paper_asks_its_author_count(planner):
    _, plan = planner
    assert RecordField.AUTHOR_COUNT in plan("how many folks authored ZO2?").fields
    # Negative: "how many GPUs" counts no people.
    assert RecordField.AUTHOR_COUNT not in plan("how many GPUs did ZO2 need?").fields


def test_a_phrase_a_result_is_set_against_ends_at_its_verb(planner):
    _, plan = planner
    p = plan("FlashOverlap: how much faster than the ring kernel is it on A800s?")
    assert "ring kernel" in p.specifics and not any(" is" in x for x in p.specifics), p.specifics


def test_clauses_inside_a_described_work_keep_their_joints(planner):
    """A participle or "where" clause after a work noun runs on past "and"; "in A and in the B
    runtime" sets two works side by side."""
    r, plan = planner
    p = plan("ZO2 vs the study comparing integer and floating-point fine-grained low-bit formats: what does each recommend?")
    assert compared(r, p) == ["ZO2", "INT v.s. FP"]
    p = plan("InceptionNeXt vs the paper where ViTs beat ResNets without pretraining: what does each gain?")
    assert compared(r, p)[0] == "InceptionNeXt" and compared(r, p)[1].startswith("When Vision Transformers Outperform ResNets")
    p = plan("Which CPUs serve as the reference in AE-BERT and in the sparse inference runtime for Transformer LMs?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p)[1].startswith("An Efficient Sparse Inference Software Accelerator")
    # Negatives: "where does" asks; "in ZO2 and in practice" names one work; "than that of the
    # X" or "and by the Y paper" sets another work beside the clause's.
    assert compared(r, plan("ZO2 vs DistZO2: where does each offload?")) == ["ZO2", "DistZO2"]
    p = plan("Is the speedup of the work where the GEMM kernel signals finished tiles higher than that of the speculation-based co-design for LLM search agents?")
    assert len(p.targets) == 2 and compared(r, p)[1].startswith("Reducing Latency of LLM Search Agent")
    p = plan("which microcontroller platforms were used by the vit-on-mcu paper that does memory-budgeted NAS plus operator "
             "library scheduling and by the fp16 simd on-device training paper for risc-v mcus, respectively?")
    assert len(p.targets) == 2 and compared(r, p)[0].startswith("MCUFormer")
    assert plan("What speedup is reported in ZO2 and in practice?").kind is Kind.FACTOID


def test_a_system_said_to_be_the_baseline_is_no_compared_paper_nor_a_row(planner):
    r, plan = planner
    p = plan("DistZO2 vs KerZOO: what speedup does each report? ZO2 is just the baseline here.")
    assert compared(r, p) == ["DistZO2", "KerZOO"] and not any("baseline" in f for f in p.facets)
    # Negative: compared when nothing says it is the baseline.
    assert len(plan("DistZO2 vs KerZOO vs ZO2: what speedup does each report?").targets) == 3


def test_what_the_named_papers_are_said_to_be_adds_no_paper(planner):
    r, plan = planner
    p = plan("HPCTransCompile vs MultiKernelBench: what does each cover? one is about CUDA, the other a kernel generation benchmark")
    assert compared(r, p) == ["HPCTransCompile", "MultiKernelBench"]
    # Negative: a described paper listed beside a named one is compared.
    assert len(plan("HPCTransCompile and the benchmark for kernel generation on several platforms: what does each cover?").targets) == 2


def test_a_word_abstracts_use_is_compared_when_it_is_a_whole_item_of_the_list(planner):
    r, plan = planner
    p = plan("Compare three papers: ZO2, RSN (stream network), and the framework that offloads activations to SSDs. What does each report?")
    assert [t.phrase for t in p.targets][:2] == ["ZO2", "RSN"] and len(p.targets) == 3
    # Negative: inside an example list it stays a word of the question.
    p = plan("Compare ZO2 with frameworks such as RSN, and the framework that offloads activations to SSDs")
    assert "RSN" not in [t.phrase for t in p.targets]


# ---- round 37: rows asked of one paper, things asked in place, subjects set off -------------

def test_an_informal_clause_without_its_auxiliary_asks_its_own_paper(planner):
    r, plan = planner
    p = plan("DualMap and FastSwitch both schedule LLM requests. What fairness gain FastSwitch is claiming, "
             "and on which kind of cache DualMap keys its routing?")
    owners = {f: r.papers[ids[0]].title.split(":")[0] for f, ids in p.facet_papers.items()}
    assert sorted(owners.values()) == ["DualMap", "FastSwitch"]
    cache_row = next(f for f in p.facets if "cache" in f)
    assert cache_row in p.named_facets and cache_row not in p.numeric_facets
    # Negative: a row asked of both ("on which cache do both rely") belongs to neither alone.
    p = plan("DualMap and FastSwitch both schedule LLM requests. What fairness gain does FastSwitch claim, "
             "and on which kind of cache do both rely?")
    assert not any("cache" in f for f in p.facet_papers)


def test_rows_asked_by_place_and_by_their_own_clause_both_have_owners(planner):
    r, plan = planner
    p = plan("FastSwitch vs DualMap: what overhead does the former cut, and how does DualMap's ring handle scaling?")
    got = {f: r.papers[ids[0]].title.split(":")[0] for f, ids in p.facet_papers.items()}
    assert sorted(got.values()) == ["DualMap", "FastSwitch"]
    # Negative: with no row asked by place, one clause naming one paper gives no owners.
    p = plan("FastSwitch vs DualMap: what overhead does each cut, and how does DualMap's ring handle scaling?")
    assert p.facet_papers == {}


def test_a_problem_asked_by_its_kind_is_no_named_thing(planner):
    _, plan = planner
    p = plan("SSDTrain vs ZO2: which speedup does SSDTrain report, and what limitations does ZO2 say earlier offloading has?")
    assert not any("limitations" in f for f in p.named_facets)
    # Negative: a GPU asked by its kind is one.
    p = plan("SSDTrain vs ZO2: which speedup does SSDTrain report, and which GPU does ZO2 fine-tune on?")
    assert any("GPU" in f for f in p.named_facets)


def test_a_work_that_says_something_ends_at_its_noun(planner):
    r, plan = planner
    p = plan("Serving notes: the layered prefill paper says MoE models waste what share of memory traffic? "
             "and the dual-mapping scheduler paper — how much better is its cache hit rate?")
    assert p.kind is Kind.COMPARATIVE and sorted(compared(r, p)) == ["DualMap", "From Tokens to Layers"]
    assert [t.phrase for t in p.targets][0] == "the layered prefill paper"
    # The label before two questions asked apart is no row; the rows keep the question's order.
    assert "Serving notes" not in p.facets and "memory traffic" in p.facets[0]
    # Negative: a label before one thing asked is that row.
    p = plan("peak memory: ZO2 vs DistZO2, which is lower?")
    assert p.facets[0] == "peak memory"


def test_a_relative_clause_holding_a_list_is_one_phrase(planner):
    from assistant.retrieval.phrasing import _DEFINITE, _STRONG_SPLIT
    from assistant.retrieval.segments import _segments
    body = "the allocator that plans offline, allocates online and defragments on demand, and the study of cold starts"
    assert _segments(body, _STRONG_SPLIT, set()) == [
        "the allocator that plans offline, allocates online and defragments on demand", "the study of cold starts"]
    assert _DEFINITE.match("the study of server overheads (decoding, resizing) in vision serving").group().endswith("serving")
    # Negatives: a comma before a question or a new sentence's subject ends it.
    assert _DEFINITE.match("the study of cold starts, which platform does it use").group() == "the study of cold starts"
    assert _segments("the paper that pairs two CNNs, My advisor prefers the one that converts images", _STRONG_SPLIT, set()) == [
        "the paper that pairs two CNNs", "My advisor prefers the one that converts images"]


def test_a_kind_of_thing_asked_is_no_amount(planner):
    _, plan = planner
    p = plan("Three offloading papers: ZO2, MemAscend and SSDTrain. What kind of workloads does each one demonstrate on?")
    assert p.kind is Kind.COMPARATIVE and p.numeric_facets == []
    p = plan("How do ZO2 and DistZO2 differ: which family of optimizers does each build on, and how much memory does each save?")
    assert [f for f in p.numeric_facets if "family" in f] == []
    # Negative: an amount asked is one.
    p = plan("ZO2 and DistZO2 and MemAscend: how much memory does each one save?")
    assert p.numeric_facets


def test_a_title_pasted_in_part_names_its_paper(planner):
    r, plan = planner
    p = plan("Reducing Inference Energy Consumption Using dual CNNs vs CBNet: how much energy does each save?")
    assert any(t.by == "name" and titles(r, t)[0].startswith("Reducing Inference Energy") for t in p.targets)
    p = plan("When Vision Transformers Outperform ResNets: which optimizer makes it work?")
    assert p.kind is not Kind.METADATA and titles(r, p.targets[0])[0].startswith("When Vision")
    # Negatives: three words of a title are no name; "When" asking a time still asks one.
    p = plan("Reducing Inference Energy: which papers do it?")
    assert not any(t.by == "name" and "Dual Complementary" in titles(r, t)[0] for t in p.targets)
    assert plan("When FastSwitch appeared, who wrote it?").fields


def test_a_thing_asked_in_place_at_the_end(planner):
    _, plan = planner
    p = plan("MultiKernelBench measures the correctness of generated kernels on which platforms?")
    assert p.aspect is not Aspect.NUMBER and p.named_facets == [""]
    p = plan("The benchmark for multi-platform kernel generation evaluates LLMs on which hardware platforms?")
    assert p.targets and "platforms" in p.aspect_terms and "benchmark" not in p.aspect_terms
    # Negative: an amount asked in place is one.
    p = plan("MultiKernelBench improves kernel speed by how much?")
    assert p.aspect is Aspect.NUMBER


def test_questions_each_set_off_by_their_work_compare_them(planner):
    r, plan = planner
    p = plan("offloading stuff: the framework that moves activations to NVMe drives — how much faster is training? "
             "and the memory optimizer for SSD-offloaded fine-tuning, which bottlenecks does it remove?")
    assert p.kind is Kind.COMPARATIVE and sorted(compared(r, p))[0].startswith("MemAscend")
    assert len(p.facet_papers) == 2
    # A preposition may lead the work and the question; "what" may be the question's subject.
    p = plan("Memory notes: in the paper on GPU memory fragmentation, at what granularity does it plan allocations? "
             "and in the NVMe offloading paper for 100B fine-tuning, what limits a single GPU?")
    assert p.facets == ["at what granularity does it plan allocations", "what limits a single GPU"] and len(p.facet_papers) == 2
    # Negative: one question set off by one work is one paper's.
    p = plan("offloading stuff: the framework that moves activations to NVMe drives — how much faster is training?")
    assert p.kind is Kind.FACTOID


def test_the_words_heading_a_works_phrase_qualify_nothing(planner):
    _, plan = planner
    p = plan("How do the NN-to-logic-flow paper (late breaking results) and DualMap differ in what they optimize?")
    assert "NN-to-logic-flow" not in p.specifics and p.named_facets == []
    # Negative: a setting asked of the papers still qualifies.
    p = plan("How do FastSwitch and DualMap differ in their results on Llama-70B?")
    assert "Llama-70B" in p.specifics


def test_a_short_definite_phrase_refers_back_to_its_compared_paper(planner):
    r, plan = planner
    p = plan("Compare the comprehensive quantization survey for image classification and the INT v.s. FP study. "
             "Which training tricks does the survey review, and what does the INT v.s. FP study introduce for gradient bias?")
    got = {f: r.papers[ids[0]].title.split(":")[0] for f, ids in p.facet_papers.items()}
    assert len(got) == 2 and len(set(got.values())) == 2
    # Negative: a short phrase whose words are in neither paper's phrase refers to neither.
    p = plan("Compare the comprehensive quantization survey for image classification and the INT v.s. FP study. "
             "Which training tricks does the accelerator review, and what does the INT v.s. FP study introduce for gradient bias?")
    assert p.facet_papers == {}


def test_a_lead_in_before_a_preposition_describes_the_paper(planner):
    r, plan = planner
    p = plan("zeroth-order fine-tuning with kernel functions: on which models does it report gains?")
    assert p.targets and titles(r, p.targets[0])[0].startswith("KerZOO") and "models" in p.aspect_terms
    assert "kernel" not in p.aspect_terms and p.aspect is not Aspect.NUMBER
    # Negative: no lead-in, the whole question describes.
    p = plan("On which models does zeroth-order fine-tuning with kernel functions report gains?")
    assert p.aspect is not Aspect.NUMBER


def test_a_listed_work_keeps_the_commas_of_its_clause_and_aside():
    from assistant.retrieval.places import introduced_works
    assert introduced_works("Two papers on data reuse: the tool that plans loop order, buffer sizes and tile shapes for GPUs, "
                            "and the study of host overheads (decoding, resizing) in vision serving.") == [
        "the tool that plans loop order, buffer sizes and tile shapes for GPUs",
        "the study of host overheads (decoding, resizing) in vision serving"]
    # A bare name is an item too.
    assert introduced_works("Three papers on caching: the FooNet cache design, the BarNet store, and BazLib.")[-1] == "BazLib"
    # Negative: a plain list's commas still part its items.
    assert introduced_works("Three papers on caching: the FooNet cache design, the BarNet store, and the BazNet index.") == [
        "the FooNet cache design", "the BarNet store", "the BazNet index"]


def test_the_authors_as_the_papers_voice_ask_no_record(planner):
    _, plan = planner
    for q in ("What do the authors of DualMap call their routing scheme?",
              "According to the authors, why does FastSwitch preempt requests?",
              "In ZO2, which ratio do the authors define to measure offloading overhead?"):
        p = plan(q)
        assert p.kind is not Kind.METADATA and RecordField.AUTHORS not in p.fields, q
    # Negatives: the authors asked for themselves.
    for q in ("Who are the authors of DualMap?", "Do the authors of ZO2 include Liangyu Wang?",
              "How many authors does FastSwitch have?", "Where do the authors of ZO2 work?"):
        assert plan(q).kind is Kind.METADATA, q


def test_a_plainly_written_subject_no_paper_goes_by_is_missing(planner):
    _, plan = planner
    p = plan("What speedup does Quokkaformer report over Transformers of the same size?")
    assert [t.phrase for t in p.targets if t.missing] == ["Quokkaformer"]
    # Negatives: a paper's name, and a name a paper introduces, written the same way.
    assert [t.phrase for t in plan("What does Maestro use to build low-rank layers?").targets] == ["Maestro"]
    p = plan("What throughput does Fuyou achieve on a consumer GPU?")
    assert p.targets and not any(t.missing for t in p.targets)


@pytest.mark.parametrize("question", [
    "EPIM / MaxK-GNN (two accelerator papers): which bit-width does EPIM quantize to, and in MaxK-GNN's kernel what nonlinearity is used?",
    "ZO2 + FlashOverlap: what memory footprint does ZO2 report, and on which GPUs was FlashOverlap tested?",
])
def test_a_slash_or_plus_between_two_names_joins_them(planner, question):
    r, plan = planner
    p = plan(question)
    assert p.kind is Kind.COMPARATIVE and len(p.targets) == 2, (p.kind, compared(r, p))


def test_a_plus_beside_one_name_joins_no_second_paper(planner):
    r, plan = planner
    p = plan("What accuracy does EPIM get using 3-bit weights + pruning?")
    assert p.kind is Kind.FACTOID and compared(r, p) == ["EPIM"]


def test_a_name_the_collection_only_beats_is_no_paper_of_it(planner):
    r, plan = planner
    # vLLM is in one abstract only as the system FastSwitch outperforms.
    p = plan("What does the vLLM paper say about paging the KV cache?")
    assert [t.phrase for t in p.targets] == ["vLLM"] and p.targets[0].missing
    # Negatives: beside the paper that beats it, it is that paper's baseline; a model a paper
    # presents as its own (ZAYA1) names that paper.
    p = plan("By what factor does FastSwitch beat vLLM?")
    assert compared(r, p) == ["FastSwitch"]
    p = plan("What is ZAYA1's total parameter count?")
    assert compared(r, p) == ["Training Foundation Models on a Full-Stack AMD Platform"]


@pytest.mark.parametrize("written", ["M^3ViT", "M^{3}ViT", "M3ViT"])
def test_a_superscript_inside_a_name_is_part_of_it(planner, written):
    r, plan = planner
    p = plan(f"Which FPGA board does {written} run on?")
    assert compared(r, p) == ["M$^3$ViT"], (written, p)


def test_a_person_asked_by_place_and_a_name_in_an_aside(planner):
    r, plan = planner
    # "who is the senior/last one" asks the last author; "NAS" in the aside after PEL-NAS
    # describes PEL-NAS and is no second paper.
    p = plan("How many people wrote PEL-NAS (the partitioned NAS search with an LLM), and who is the senior/last one?")
    assert p.kind is Kind.METADATA and p.fields == [RecordField.AUTHOR_COUNT, RecordField.LAST_AUTHOR], p
    assert [t.phrase for t in p.targets if not t.baseline] == ["PEL-NAS"], p.targets
    # Negatives: "who is" with a comparative asks which paper; the aside's name alone is a paper.
    p = plan("Who is faster, ZO2 or DistZO2?")
    assert p.kind is Kind.COMPARATIVE and not p.fields, p
    assert plan("Who comes first on the author list of KerZOO?").fields == [RecordField.FIRST_AUTHOR]


def test_parts_after_a_setting_or_a_lead_ask_their_own_question(planner):
    _, plan = planner
    # ", and up to what ...", ", and in some runs by how much ...": a new part, after a setting.
    p = plan("Where does the traffic forecasting work get its road data, and up to what level of sparsity does it train?")
    assert len(p.facets) == 2 and p.facets[1].startswith("up to what"), p.facets
    p = plan("Which GPUs did DeepPeep attack, and in its secure variant by how much does latency drop?")
    assert len(p.facets) == 2 and "by how much" in p.facets[1], p.facets
    # A lead before the colon says which paper, and is no part of what the first part asks.
    p = plan("In the paper that signals as soon as a tile is done: which library does it call, and what speedup comes out of it?")
    assert p.facets[0].startswith("which library"), p.facets
    # Negatives: "up to" inside a part, and a part that sets no new question, split nothing.
    assert plan("How much faster is ZO2, up to 175B parameters?").facets == []
    # A terse part asking a thing by its kind ("which simulator,") still asks a named thing.
    p = plan("The cryogenic cores and caches study: which simulator, and which benchmark suites?")
    assert p.named_facets == p.facets and len(p.facets) == 2, p


def test_a_count_of_papers_a_work_states_is_a_number_of_that_work(planner):
    r, plan = planner
    p = plan("How many papers does the transformer-inference survey cover?")
    assert p.kind is Kind.FACTOID and p.record_query is None and p.aspect is Aspect.NUMBER, p
    # Negatives: the collection's papers, or a person's, are counted from the records.
    for q in ["How many papers on pruning are there in the collection?", "How many papers did Shaoyi Huang write?"]:
        assert plan(q).record_query is RecordQuery.COUNT, q


def test_a_lead_in_naming_the_paper_does_not_set_the_asked_aspect(planner):
    _, plan = planner
    # "techniques" describes the dissertation; "what speedup" is asked.
    p = plan("In the thesis about GPU data-efficiency techniques, what speedup does Hector bring?")
    assert p.aspect is Aspect.NUMBER, p
    # Negative: the same words after the interrogative ask a method.
    p = plan("Which runtime techniques does the GPU data-efficiency dissertation propose?")
    assert p.aspect is not Aspect.NUMBER, p


def test_a_hyphenated_description_finds_the_paper_writing_it_spaced(planner):
    r, plan = planner
    p = plan("In the gradient-boosting approach to training a network's last layers, how many hidden neurons result, "
             "and in the gradient-noise paper, what depth of network trains?")
    assert p.kind is Kind.COMPARATIVE and {titles(r, t)[0].split()[0] for t in p.targets} == {"Adding", "Sequential"}, compared(r, p)


def test_a_dataset_after_on_is_a_setting_not_a_paper(planner):
    r, plan = planner
    p = plan("How sparse do models get in the exploration-exploitation sparse training work, and on the brain "
             "node-classification dataset, what share of FLOPs does the GNN sparsification paper need?")
    assert p.kind is Kind.COMPARATIVE and len(p.targets) == 2, compared(r, p)
    assert {titles(r, t)[0].split()[0] for t in p.targets} == {"Dynamic", "Towards"}, compared(r, p)
    # Negative: a work after "with" is still the part's paper.
    p = plan("How sparse do models get in the exploration-exploitation sparse training work, and with the GNN "
             "sparsification work, what share of FLOPs is needed?")
    assert {titles(r, t)[0].split()[0] for t in p.targets} == {"Dynamic", "Towards"}, compared(r, p)


def test_a_quoted_work_is_its_title_misremembered(planner):
    r, plan = planner
    # "ViTs" and "ResNets" are words of the quoted title, no papers or qualifiers of their own.
    p = plan("EPIM and the 'ViTs beat ResNets with no pre-training' paper: what accuracy is reported by each?")
    assert p.kind is Kind.COMPARATIVE and {titles(r, t)[0].split()[0] for t in p.targets} == {"EPIM:", "When"}, compared(r, p)
    assert not {"ViTs", "ResNets"} & set(p.specifics), p.specifics
    # Negative: a quote with no work's noun beside it is words asked about, not a work.
    p = plan("Does ZO2 mention 'offloading parameters to the CPU' anywhere?")
    assert compared(r, p) == ["ZO2"], compared(r, p)


def test_a_capitalised_subject_right_after_do_is_the_paper_not_the_asked_noun(planner):
    r, plan = planner
    # "what sort of chip do NASAIC and ..." : "NASAIC" (no determiner before it) is the subject.
    p = plan("what sort of chip do NASAIC and EH-DNAS each tailor the searched network to?")
    assert [t.phrase for t in p.targets] == ["NASAIC", "EH-DNAS"], p.targets
    assert compared(r, p)[0].startswith("Co-Exploration") and compared(r, p)[1] == "EH-DNAS", compared(r, p)
    # Negative: the asked noun ("sort of chip") is never part of the subject's phrase.
    p = plan("what sort of chip do hardware-aware searches like EH-DNAS tailor networks to?")
    assert not any(t.phrase.lower().startswith("hardware-aware") and "chip" in t.phrase for t in p.targets)


def test_a_title_quoted_in_its_own_common_words_is_that_paper(planner):
    r, plan = planner
    # Two of the three quoted words are common ones; the title holds the three in a row.
    p = plan("what did the 'when inception meets' paper do to its big depthwise kernels?")
    assert [(t.phrase, titles(r, t)[0].split(":")[0]) for t in p.targets] == [("when inception meets", "InceptionNeXt")], p.targets
    # Negative: words many titles hold in a row say no one paper.
    p = plan("What does the 'large language model' paper on serving fairness report?")
    assert not any(t.phrase == "large language model" and t.confidence == 1.0 for t in p.targets)


def test_a_measure_asked_before_a_method_word_in_the_subject_asks_a_number(planner):
    _, plan = planner
    # "approach" is the subject's word; the asked phrase ("what latency gains") is a measure.
    assert plan("For FlashOverlap, what latency gains did the approach get?").aspect is Aspect.NUMBER
    # Negative: the method is what is asked.
    assert plan("For FlashOverlap, what approach cuts the latency?").aspect is Aspect.METHOD
    assert plan("What approach does FlashOverlap take to cut latency?").aspect is Aspect.METHOD


def test_what_a_list_excludes_is_no_topic_word(planner):
    _, plan = planner
    p = plan("Which papers review a field as a survey, rather than presenting a new accelerator?")
    assert p.kind is Kind.AGGREGATE and "accelerator" not in p.topic_terms and "survey" in p.topic_terms, p.topic_terms
    # Negative: in a one-paper question the replaced thing is what the answer is about.
    p = plan("What does ShiftAddLLM use instead of multiplications?")
    assert "multiplications" in p.aspect_terms, p.aspect_terms


def test_a_label_set_off_by_a_colon_before_a_generic_question_is_the_row(planner):
    _, plan = planner
    p = plan("throughput gains over INT8: what does SimQ-NAS report versus what the CNN quantization whitepaper reports?")
    assert p.kind is Kind.COMPARATIVE and p.facets and p.facets[0] == "throughput gains over INT8", p.facets
    # Negative: the asker's own lead-in is no row.
    p = plan("I'm choosing between them: what does SimQ-NAS report versus what the CNN quantization whitepaper reports?")
    assert not any("choosing" in f for f in p.facets), p.facets


def test_after_a_lead_naming_the_paper_only_the_rest_says_what_is_asked(planner):
    _, plan = planner
    p = plan("the zeroth-order tuner moving its parameters out to host memory (ZO2, I believe) — its GPU memory need for the 175B model?")
    assert "moving" not in p.aspect_terms and "tuner" not in p.aspect_terms and "gpu" in p.aspect_terms, p.aspect_terms
    # Negative: a lead naming no paper is no subject; a colon after the name keeps what follows.
    p = plan("ZO2: which hardware does it offload parameters to?")
    assert "offload" in p.aspect_terms and "hardware" in p.aspect_terms, p.aspect_terms


def test_the_name_of_a_part_asked_after_the_paper_is_no_second_paper(planner):
    r, plan = planner
    p = plan("In that N:M sparse co-design for DNN training, what is the algorithm-level pruning method called, and which FPGA card was the training scheme run on?")
    assert p.kind is Kind.FACTOID, (p.kind, p.targets)
    # Negatives: a name asked first, of a described paper beside another; a comparison verb with a description.
    p = plan("What is the in-browser JIT kernel system called, and the GPU allocator that plans offline, what is it called?")
    assert p.kind is Kind.COMPARATIVE and len(p.targets) == 2, p.targets
    assert plan("How does ACE stack up against the dataflow co-design paper that trains with N:M sparsity?").kind is Kind.COMPARATIVE


def test_a_part_asking_what_a_thing_is_called_asks_no_number(planner):
    _, plan = planner
    # "what do they call the scheme that splits its layers over many GPUs": a name is asked,
    # whatever quantity word the description of the scheme holds.
    p = plan("How much faster is ZO2 on OPT-30B, and what do they call the scheme that splits its layers over many GPUs?")
    called = [f for f in p.facets if "call" in f]
    assert called and not set(called) & set(p.numeric_facets), p
    # Negative: the part asking how much stays a number.
    assert [f for f in p.facets if "how much" in f.lower()] == p.numeric_facets, p


def test_a_later_clause_asking_who_asks_the_authors(planner):
    _, plan = planner
    p = plan("Where did KerZOO appear, and who's on it?")
    assert p.kind is Kind.METADATA and {RecordField.VENUE, RecordField.AUTHORS} <= set(p.fields), p
    # Negative: without the clause, only the venue.
    assert plan("Where did KerZOO appear?").fields == [RecordField.VENUE]


def test_a_capitalised_word_no_paper_uses_is_a_name_the_collection_lacks(planner):
    _, plan = planner
    # "a paper putting Quxa heads on ...": no paper uses the word at all, so whatever paper is
    # meant must mention it.
    p = plan("Which speedup did the paper putting Quxa heads on a decoder report?")
    assert "Quxa" in p.specifics, p
    # Negatives: a capitalised word papers use, and the question's own first word.
    assert not plan("Which speedup did the paper putting Transformer heads on a decoder report?").specifics
    assert "Quxa" not in plan("Quxa heads on a decoder: which speedup did they report?").specifics


def test_the_measure_of_a_degree_or_a_share_is_named_after_it(planner):
    _, plan = planner
    # "how much lower is X's <measure>", "what share of <measure> does X ...": the measure follows.
    assert plan("How much lower is CBNet's energy usage on a Raspberry Pi?").measured == ["energy", "usage"]
    assert plan("How much higher is the decode throughput of FastSwitch?").measured == ["decode", "throughput"]
    assert plan("What fraction of the weight bits does EPIM keep?").measured == ["weight", "bits"]
    # Negatives: the degree of the paper itself, and a share asked of nothing.
    assert plan("How much slower is vLLM than FastSwitch?").measured == []
    assert plan("How much faster is FastSwitch?").measured == []


def test_an_unknown_name_in_the_question_sentences_lead_in_describes_the_paper(planner):
    _, plan = planner
    # "ZorbPipe's tiling pass — what speedup ... on VGG-16?": the lead-in says which work is
    # asked about; a paper found by "VGG-16" must also mention ZorbPipe.
    assert "ZorbPipe" in plan("ZorbPipe's tiling pass — what speedup came out of it on VGG-16?").specifics
    assert "ZorbPipe" in plan("For ZorbPipe, what speedup came out of it on VGG-16?").specifics
    # Negatives: beside a paper named firmly, the lead-in is the asker's context; so is the asker's
    # own setting, in the lead-in or a sentence before.
    assert "ZorbPipe" not in plan("ZorbPipe's tiling pass — what speedup came out of ZO2?").specifics
    assert "ZorbPipe" not in plan("We run ZorbPipe here — how much does FT-ClipAct lift VGG-16 accuracy?").specifics
    assert "ZorbPipe" not in plan("Our lab uses ZorbPipe. How much does FT-ClipAct lift VGG-16 accuracy?").specifics


def test_a_paper_named_by_its_relation_to_another_is_the_one_naming_it_later(planner):
    r, plan = planner
    p = plan("How fast is the sharded follow-up to ZO2 compared with the original?")
    assert [t.phrase for t in p.targets] == ["the sharded follow-up to ZO2"], p.targets
    assert [r.papers[i].title.split(":")[0] for i in p.targets[0].paper_ids] == ["DistZO2"]
    # ZO2 is what the follow-up is measured against; the relation's words and "the original" qualify nothing.
    assert p.specifics == ["ZO2"], p.specifics
    assert [r.papers[i].title.split(":")[0] for i in plan("What does ZO2's successor add?").targets[0].paper_ids] == ["DistZO2"]
    # Negatives: a relation no paper fits is a paper not in the collection; the named paper itself stays itself.
    assert plan("How fast is the sequel to LinGCN?").targets[0].missing
    p = plan("Is DistZO2 an extension of ZO2?")  # (what DistZO2 is: no third paper meant)
    assert [t.phrase for t in p.targets] == ["DistZO2"] and p.specifics == ["ZO2"], p
    assert [r.papers[i].title.split(":")[0] for i in plan("How fast is ZO2 compared with the original?").targets[0].paper_ids] == ["ZO2"]


def test_a_word_abstracts_use_is_a_lists_topic_not_a_paper(planner):
    _, plan = planner
    # "SSD" names no paper firmly (several abstracts use it): in a list it is what the papers are about.
    p = plan("list every paper that offloads model states to SSD storage")
    assert p.kind is Kind.AGGREGATE and "ssd" in p.topic_terms, p
    # Negative: a paper named firmly is the list's paper, no word of its topic ("papers building on ZO2").
    p = plan("Which papers in the collection build on ZO2?")
    assert [t.phrase for t in p.targets] == ["ZO2"] and "zo2" not in p.topic_terms, p


def test_the_means_a_work_uses_and_what_it_proposes_are_its_method(planner):
    _, plan = planner
    # "what did each rely on to <do something>": the means to an end.
    p = plan("ZO2 and DistZO2: what did each rely on to cut memory traffic?")
    assert p.kind is Kind.COMPARATIVE and p.method_facets == p.facets != [], p
    # "what <noun> does X propose": what a work proposes is its method, whatever the noun.
    assert plan("What remedy does ZO2 propose?").aspect is Aspect.METHOD
    assert plan("ZO2 and DistZO2: what remedy does each propose?").method_facets
    # Negatives: a thing picked by its kind, a thing the means is named after, a target of the work.
    assert plan("Which remedy does ZO2 propose?").aspect is not Aspect.METHOD
    assert not plan("ZO2 and DistZO2: what GPU does each use to train?").method_facets
    assert not plan("ZO2 and DistZO2: which chip was each offloader tailored for?").method_facets


def test_a_part_asked_of_it_is_no_second_paper(planner):
    r, plan = planner
    # "What's the largest X it reports": the part's subject is the paper already described, not
    # a paper "What's the largest model it fine-tunes" describes ("What's" is no owner's "'s").
    p = plan("There's a paper on zeroth-order fine-tuning of huge models with little GPU memory. "
             "What's the largest model it fine-tunes, and which GPU does it use?")
    assert p.kind is Kind.FACTOID and len(p.targets) == 1, p
    # ... nor is what a copula asks ("what is the peak-memory cut"), whatever its words.
    p = plan("How large a model does ZO2 fine-tune, and what's the peak-memory cut on a single-GPU run?")
    assert [t.phrase for t in p.targets] == ["ZO2"], p
    # Negative: a part naming its own paper is still that paper's.
    p = plan("What's the largest model ZO2 fine-tunes, and what does DistZO2 add?")
    assert p.kind is Kind.COMPARATIVE and [t.phrase for t in p.targets] == ["ZO2", "DistZO2"], p


def test_works_joined_each_after_a_preposition_are_both_compared(planner):
    _, plan = planner
    # "in the A paper and in the B paper": both works, whether or not a lead-in sets them off.
    for q in ["in the zeroth-order fine-tuning paper and in the SSD activation offloading paper, what model sizes are trained?",
              "model sizes: in the zeroth-order fine-tuning paper and in the SSD activation offloading paper, how large do they go?"]:
        p = plan(q)
        assert p.kind is Kind.COMPARATIVE and len(p.targets) == 2, (q, p)
    # Negative: a setting after the preposition is no work.
    p = plan("in the zeroth-order fine-tuning paper and in the CIFAR-10 setting, what model sizes are trained?")
    assert p.kind is Kind.FACTOID and len(p.targets) == 1, p


def test_the_paper_the_verb_is_asked_of_is_the_subject(planner):
    _, plan = planner
    # "what limit of A does B remove": B is asked about, A qualifies it.
    p = plan("What limit of ZO2 does DistZO2 remove?")
    assert [t.phrase for t in p.targets] == ["DistZO2"] and p.specifics == ["ZO2"], p
    p = plan("What limitation of ZO2 is DistZO2 trying to fix?")
    assert [t.phrase for t in p.targets] == ["DistZO2"], p
    # Negatives: the other way round; a comparison's first paper before "than".
    assert [t.phrase for t in plan("Which limit of DistZO2 does ZO2 share?").targets] == ["ZO2"]
    assert [t.phrase for t in plan("How much faster is ZO2 than DistZO2?").targets] == ["ZO2"]


def test_works_set_against_each_other_in_one_word_are_two_words(planner):
    r, plan = planner
    from assistant.text import coverage

    # "FP8-vs-INT8": two formats set against each other, each a word a title may use.
    assert coverage(["fp8-vs-int8"], "FP8 versus INT8 for inference") == 1.0
    assert coverage(["float-vs-integer"], "float formats set against integer ones") == 1.0
    p = plan("which is the INT8-versus-FP8 inference whitepaper?")
    assert [r.papers[i].title.split(" for ")[0] for i in p.targets[0].paper_ids] == ["FP8 versus INT8"], p
    # Negatives: one side missing; a compound is still matched whole only.
    assert coverage(["fp8-vs-int4"], "FP8 versus INT8 for inference") == 0.0
    assert coverage(["mixture-of-experts"], "experts in a mixture") == 0.0


def test_a_paper_on_a_topic_is_described_by_the_whole_topic(planner):
    r, plan = planner
    # "a paper on <doing> the X of Y": the work phrase, with the definite phrase inside it, is the description.
    p = plan("is there a paper on reverse-engineering the architecture of compact DNNs running on GPUs?")
    assert [r.papers[i].title.split(":")[0] for t in p.targets for i in t.paper_ids] == ["DeepPeep"], p
    # Negative: a phrase whose own head is the work noun ("the experiments of the X framework")
    # keeps its asked words apart from the description.
    p = plan("Which models were used in the experiments of the zeroth-order fine-tuning framework for huge models on one GPU?")
    assert "experiments" in p.aspect_terms, p


def test_record_fields_asked_in_other_words(planner):
    _, plan = planner
    F = RecordField
    # Both places on the author list, the noun written once or not at all.
    assert plan("KerZOO: who is its first author, and who's last?").fields == [F.FIRST_AUTHOR, F.LAST_AUTHOR]
    assert plan("Name the first and last authors of ZO2.").fields == [F.FIRST_AUTHOR, F.LAST_AUTHOR]
    assert plan("On DistZO2, who is listed first and last?").fields == [F.FIRST_AUTHOR, F.LAST_AUTHOR]
    # A count of the people and, in a clause of its own, who they are.
    assert plan("How many people wrote DistZO2, and who are they?").fields == [F.AUTHOR_COUNT, F.AUTHORS]
    # The author list's length is its count; a time asked beside it stays a date.
    p = plan("How long is the author list of the ZO2 paper, and when was it posted?")
    assert p.kind is Kind.METADATA and p.fields == [F.AUTHOR_COUNT, F.DATE], p
    # Any noun for a body people work for, when a "which" asks it; a page named in two words.
    assert plan("Which school is KerZOO from?").fields == [F.ORGANISATION]
    assert plan("Which seed file / page was DistZO2 scraped from?").fields == [F.PAGE]
    # Negatives: the one ask is not asked again as all the authors; "first listed authors" are
    # the authors a page shows; "data centers" and "at the center of" name no organisation.
    assert plan("Who is the first author of ZO2?").fields == [F.FIRST_AUTHOR]
    assert plan("Who are the first listed authors of ZO2?").fields == [F.AUTHORS]
    assert F.ORGANISATION not in plan("What cold-start delay did the serverless trace study see across its data centers?").fields
    assert F.ORGANISATION not in plan("Which paper puts an LLM at the center of architecture search?").fields


def test_a_described_paper_listed_between_named_ones_is_compared_with_them(planner):
    r, plan = planner
    for q, title in [("Which hardware did ZO2, the serverless cold start study, and KerZOO measure?", "Serverless Cold Starts"),
                     ("Which numbers were reported by ZO2, by the sparse DNN training accelerator paper, and by KerZOO?",
                      "Efficient N:M Sparse DNN Training")]:
        p = plan(q)
        assert p.kind is Kind.COMPARATIVE and len(p.targets) == 3, (q, p.targets)
        assert titles(r, p.targets[1])[0].startswith(title), p.targets
    # Negatives: a relative clause between two names is no third paper; and for whose qualifier
    # a phrase is, commas between descriptions still part them (coordinated's default).
    p = plan("ZO2, which runs on one GPU, and KerZOO: which optimizer does each use?")
    assert [t.phrase for t in p.targets] == ["ZO2", "KerZOO"], p.targets
    from assistant.models import Target
    from assistant.retrieval.compared import coordinated
    q = "by FooNet, by the sparse accelerator paper, and by BarNet"
    ab = [Target("FooNet", ["a"]), Target("BarNet", ["b"])]
    assert coordinated(q, ab, listed=True) and not coordinated(q, ab)


def test_a_ratio_in_a_title_is_no_short_name(planner):
    r, _ = planner
    # "Efficient N:M Sparse DNN Training ...": the paper goes by no "Efficient N".
    p = next(p for p in r.papers.values() if p.title.startswith("Efficient N:M Sparse"))
    assert r.names.label(p) != "Efficient N"
    assert not r.records.labelled(["efficient n"]).get("efficient n")
    # Negative: a real title head still names its paper.
    z = next(p for p in r.papers.values() if p.title.startswith("ZO2:"))
    assert r.names.label(z) == "ZO2"


def test_papers_named_in_the_statements_are_compared_when_the_question_asks_of_them_all(planner):
    _, plan = planner
    p = plan("ZO2 claims a memory saving. KerZOO claims a speedup. What are the headline numbers?")
    assert p.kind is Kind.COMPARATIVE and [t.phrase for t in p.targets] == ["ZO2", "KerZOO"], p
    # Negatives: a question picking one ("its"), a lead-in inside the question sentence, and a
    # question naming its own paper are no comparison of the statements' papers.
    assert plan("ZO2 claims a memory saving. KerZOO claims a speedup. What is its speedup?").kind is Kind.FACTOID
    assert plan("For FP16 training on a SIMD microcontroller, what energy per step is reported?").kind is Kind.FACTOID
    p = plan("ZO2 claims a memory saving. KerZOO claims a speedup. How much memory does DistZO2 need?")
    assert [t.phrase for t in p.targets if not t.baseline] == ["DistZO2"], p.targets


def test_a_how_many_clause_inside_another_question_asks_no_number(planner):
    _, plan = planner
    # "use to choose how many ...": the clause is what the rule decides, not a number asked.
    p = plan("Which rule do ZO2 and KerZOO rely on to choose how many layers to offload?")
    assert p.kind is Kind.COMPARATIVE and p.facets and not p.numeric_facets, p
    assert not any(f.lower().startswith("how many") for f in p.facets), p.facets
    assert plan("How does ZO2 pick how much state to keep on the CPU?").aspect is not Aspect.NUMBER
    # (... with the subjects listed with commas before it.)
    p = plan("For sparse models, how do ZO2, KerZOO and DistZO2 each choose how many layers to keep resident?")
    assert p.kind is Kind.COMPARATIVE and p.facets and not p.numeric_facets, p
    # Negatives: a "how many" opening its own clause, joined by "and" or a comma, still asks a number.
    p = plan("What does ZO2 offload, and how many devices does it need?")
    assert any(f.startswith("how many") for f in p.numeric_facets), p
    assert plan("ZO2 is faster than MeZO by how much?").aspect is Aspect.NUMBER
    p = plan("Compare ZO2 and KerZOO: how much memory do they each free?")
    assert p.numeric_facets == p.facets and p.facets, p


def test_a_versioned_name_typed_as_two_words_is_one_name(planner):
    r, plan = planner
    # "deepseek v3" for DeepSeek-V3: the words joined name the paper, "v3" alone names another.
    p = plan("for the deepseek v3 work, which ideas are put forward?")
    assert [t.phrase for t in p.targets] == ["deepseek v3"], p.targets
    assert titles(r, p.targets[0])[0].startswith("Insights into DeepSeek-V3"), titles(r, p.targets[0])
    # Negatives: a name followed by a plain word, and a number after a vocabulary word, join nothing.
    assert [t.phrase for t in plan("How many GPUs does ZO2 use?").targets] == ["ZO2"]
    assert not plan("What does ZO2 report for GPU 2?").targets[0].phrase.startswith("GPU")


def test_an_aside_after_a_name_two_records_share_says_which_record(planner):
    _, plan = planner
    # SSDTrain is two records; "(the arXiv one)" picks one and qualifies nothing asked.
    p = plan("SSDTrain (the preprint on arXiv) and SSDTrain (the conference version): how much does throughput rise in each?")
    assert p.kind is Kind.COMPARATIVE and not p.specifics, p.specifics
    # Negative: after a name of one record, an unknown name in the aside qualifies that paper.
    assert "QX-9000" in plan("How does ZO2 (on the QX-9000 board) compare with KerZOO in memory?").specifics


def test_a_lead_in_naming_the_paper_asks_nothing_but_statements_may(planner):
    _, plan = planner
    # "For the ZO2 framework and its runs, which ...": the lead-in says which paper.
    p = plan("For the ZO2 framework and its OPT-175B runs, which memory does the largest run need?")
    assert "framework" not in p.aspect_terms and "memory" in p.aspect_terms, p.aspect_terms
    # Negative: a full statement before a terse question tells what is asked.
    p = plan("ZO2 keeps only some parameters on the GPU. What's the reason?")
    assert "parameters" in p.aspect_terms, p.aspect_terms


def test_words_of_a_statement_that_describes_the_paper_qualify_nothing(planner):
    r, plan = planner
    p = plan("I remember a study tuning LLaMA and OPT-175B without gradients on a single GPU. What does it offload?")
    assert titles(r, p.targets[0])[0].startswith("ZO2") and not p.specifics, (p.targets, p.specifics)
    # Negative: a name in the question sentence still qualifies what is asked.
    p = plan("There is a zeroth-order framework that fine-tunes OPT-175B on one GPU by offloading. What does it keep in CPU memory?")
    assert "CPU" in p.specifics, p.specifics


def test_what_a_contrast_sets_aside_is_no_qualifier(planner):
    _, plan = planner
    p = plan("Which regulariser does the study that blames sparsity, rather than underfitting, for the accuracy loss adopt?")
    assert "underfitting" not in p.specifics, p.specifics
    p = plan("Which GPU does ZO2 use rather than a TPU-v9?")
    assert "TPU-v9" not in p.specifics and "GPU" in p.specifics, p.specifics
    # Negative: a name the question asks about, not set aside, still qualifies.
    assert "TPU-v9" in plan("Which GPU does ZO2 use beside a TPU-v9?").specifics


def test_the_object_of_a_stranded_preposition_is_a_thing_not_a_number(planner):
    _, plan = planner
    # "which corpus is each tested on?": a corpus is asked, whatever numbers its sentences hold.
    p = plan("what corpus / dataset are ZO2 and KerZOO each tested on?")
    assert p.kind is Kind.COMPARATIVE and p.facets and not p.numeric_facets, p
    assert plan("what dataset is ZO2 tested on?").aspect is not Aspect.NUMBER
    # Negatives: a measure asked, with a setting after it or none, is still a number.
    assert plan("What accuracy does ZO2 reach on OPT?").aspect is Aspect.NUMBER
    assert plan("what speedup do ZO2 and KerZOO report?").numeric_facets


def test_a_paper_said_to_report_something_is_compared_though_named_as_a_baseline_too(planner):
    _, plan = planner
    q = "Where does DistZO2's throughput stand against what the ZO2 paper reports? I want the gain over MeZO and the speedup over ZO2."
    p = plan(q)
    assert p.kind is Kind.COMPARATIVE and [t.phrase for t in p.targets] == ["DistZO2", "ZO2"], p.targets
    # Negative: named only as what the other is measured against, it is a qualifier.
    p = plan("How much faster is DistZO2 than ZO2?")
    assert [t.phrase for t in p.targets] == ["DistZO2"] and "ZO2" in p.specifics, p


def test_a_side_of_vs_asked_of_each_is_compared_though_a_baseline_later(planner):
    _, plan = planner
    p = plan("ZO2 vs DistZO2 — give me the main claim of each? I want how much memory ZO2 saves, plus how much quicker DistZO2 is than ZO2.")
    assert p.kind is Kind.COMPARATIVE and {t.phrase for t in p.targets} == {"ZO2", "DistZO2"}, p.targets
    # Negative: without "each", the side a gain is measured against stays the baseline.
    p = plan("ZO2 vs DistZO2 — give me the main claim? I want how much memory ZO2 saves, plus how much quicker DistZO2 is than ZO2.")
    assert [t.phrase for t in p.targets] == ["DistZO2"], p.targets


def test_a_reported_figure_compared_is_a_number(planner):
    _, plan = planner
    p = plan("Both ZO2 and KerZOO cut the cost of tuning LLMs. How do their reported hardware budgets compare?")
    assert p.kind is Kind.COMPARATIVE and p.numeric_facets == p.facets and p.facets, p
    # Negative: how they work is no number.
    p = plan("Both ZO2 and KerZOO cut the cost of tuning LLMs. How do their offloading schemes compare?")
    assert p.facets and not p.numeric_facets, p


def test_whose_thing_asks_its_owner_not_the_authors(planner):
    _, plan = planner
    p = plan("ZO2 — what's the memory saving they get from offloading, and whose GPUs does the fine-tuning job run on?")
    assert p.kind is not Kind.METADATA and RecordField.AUTHORS not in p.fields, p
    # Negative: whose work it is asks its authors.
    p = plan("and whose work is ZO2?")
    assert p.kind is Kind.METADATA and RecordField.AUTHORS in p.fields, p


def test_two_record_fields_slashed_together_are_both_asked(planner):
    _, plan = planner
    # "year/venue", "venue / year": each field noun of the pair is asked, whichever comes first.
    for q in ("ZO2: who is the first author and what year/venue was it published in?", "ZO2: what venue / year?"):
        p = plan(q)
        assert RecordField.DATE in p.fields and RecordField.VENUE in p.fields, (q, p.fields)
    # Negative: a slashed pair that names no field asks no record ("what latency/throughput").
    assert plan("What latency/throughput does ZO2 report?").fields == []


def test_a_venue_or_year_said_of_a_shared_name_picks_that_version(planner):
    r, plan = planner
    # Two records go by "SSDTrain"; only one appeared at DAC, in 2025.
    for q in ("Which venue was the DAC SSDTrain paper published in?", "What speedup does the 2025 SSDTrain paper report?"):
        p = plan(q)
        assert [titles(r, t) for t in p.targets] == [["SSDTrain: Faster Large Language Model Training Using SSD-Based Activation Offloading"]], q
    # Negatives: nothing said that fits one version only keeps both; so does a question speaking of both.
    assert len(plan("Who wrote SSDTrain?").targets[0].paper_ids) == 2
    p = plan("The DAC SSDTrain paper and the 2024 SSDTrain preprint: what does each say about activation memory?")
    assert sorted(pid for t in p.targets for pid in t.paper_ids) == sorted(plan("Who wrote SSDTrain?").targets[0].paper_ids)


def test_a_paper_improved_upon_is_a_subject_when_a_part_asks_of_it(planner):
    r, plan = planner
    # "A improves on B" sets B as A's baseline; a later part asking B's own fact makes it a subject.
    p = plan("How does FastSwitch improve upon DualMap? Also tell me what hit rate DualMap reaches and what latency FastSwitch cuts.")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["FastSwitch", "DualMap"], p
    # Negatives: asked of the improver alone, the other is its baseline.
    for q in ("How does FastSwitch improve upon DualMap?", "How much does FastSwitch improve on DualMap in latency?"):
        p = plan(q)
        assert p.kind is Kind.FACTOID and compared(r, p) == ["FastSwitch"] and "DualMap" in p.specifics, (q, p)


def test_a_name_said_as_a_thing_of_a_kind_is_no_missing_paper(planner):
    r, plan = planner
    # "for a large LM": an article before it says a kind of thing, not a paper's name.
    p = plan("FastSwitch vs DualMap: how does each one route requests for a large LM, and how do they keep latency low?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["FastSwitch", "DualMap"] and not any(t.missing for t in p.targets), p
    p = plan("How does FastSwitch handle requests on a big XQ-9 cluster?")  # a setting the answer must match
    assert compared(r, p) == ["FastSwitch"] and "XQ-9" in p.specifics
    # Negatives: said bare, it is a paper the collection lacks; in the asker's own statement, nothing asked.
    p = plan("FastSwitch vs XQ-9: how does each one route requests?")
    assert any(t.phrase == "XQ-9" and t.missing for t in p.targets), p
    p = plan("I run an XQ-9 box. How does FastSwitch handle requests?")
    assert "XQ-9" not in p.specifics and not any(t.missing for t in p.targets)


def test_what_is_asked_of_the_papers_already_meant_is_no_described_paper(planner):
    r, plan = planner
    # "the best X they report", "what X / Y does each use": asked of the named papers, no third one.
    for q in ("DualMap — what mechanism does it use to place requests, and what's the biggest speedup on accelerators they report?",
              "FastSwitch — what does it do on preemption, and what's the peak energy saving on FPGAs they report?"):
        p = plan(q)
        assert [t.by for t in p.targets] == ["name"] and p.kind is Kind.FACTOID, (q, p)
    p = plan("FastSwitch and DualMap are both LLM serving designs — what bigger model / hardware platform does each use as its showcase?")
    assert compared(r, p) == ["FastSwitch", "DualMap"] and [t.by for t in p.targets] == ["name", "name"], p
    # Negatives: a described work ("the paper where they ..."), and a work noun before "they", stay papers.
    p = plan("How does DualMap compare with the paper where they preempt requests in multi-turn serving?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["DualMap", "FastSwitch"], p


def test_its_variant_is_a_part_of_the_paper_meant_its_follow_up_another_work(planner):
    r, plan = planner
    q = ("the request-routing work that maps each prompt to two candidate GPU instances — what do they call the scheduler, "
         "and what latency cut does its 4-GPU variant get?")
    p = plan(q)
    assert p.kind is Kind.FACTOID and compared(r, p) == ["DualMap"], p
    # Negative: "its ... follow-up" is another work, related to the one before.
    p = plan(q.replace("what latency cut does its 4-GPU variant get", "what speedup does its multi-node follow-up claim"))
    assert p.kind is Kind.COMPARATIVE and len(p.targets) == 2, p


def test_a_lead_in_naming_a_paper_scopes_the_works_after_it(planner):
    r, plan = planner
    # "In X, what does the 8-instance variant reach": X's variant, no second paper.
    p = plan("In DualMap, what hit rate does the 8-instance cluster variant reach, and by how much does it cut latency?")
    assert p.kind is Kind.FACTOID and compared(r, p) == ["DualMap"], p
    # Negative: a second lead-in brings in a work of its own.
    p = plan("In DualMap, what hit rate does it reach, and for the preemption-aware serving system, what speedup?")
    assert p.kind is Kind.COMPARATIVE and len(p.targets) == 2, p


def test_a_quoted_title_with_a_question_mark_stays_in_the_lead_in(planner):
    _, plan = planner
    # The lead-in before the colon says which paper: no words of what is asked.
    p = plan("the 'is it worth it?' KV-cache routing study: how much does hit rate rise, and what latency does it cut?")
    assert p.facets == ["how much does hit rate rise", "what latency does it cut"], p.facets
    p = plan("DualMap's cache-affinity idea: how much does hit rate rise, and what latency does it cut?")  # (an apostrophe, no quote)
    assert p.facets == ["how much does hit rate rise", "what latency does it cut"], p.facets
    # Negative: past an unquoted question mark the colon ends no lead-in of this part: nothing stripped.
    p = plan("Is DualMap fast? I ask: how much does hit rate rise, and what latency does it cut?")
    assert p.facets[0].startswith("Is DualMap fast?"), p.facets


def test_a_part_picking_a_product_names_its_kind_beside_a_number_asked(planner):
    _, plan = planner
    # "which GPU model" beside a part asking a number: the kind is still asked, for that part.
    p = plan("What step time does ZO2 report, and which GPU model ran it?")
    assert p.aspect is Aspect.NUMBER and p.named_kind == "GPU", p
    assert plan("ZO2 ran on which GPU model?").named_kind == "GPU"
    # Negatives: a unit is a measure, no kind ("what TFLOPS"); a kind inside the numeric part names none.
    assert plan("What TFLOPS does Fuyou reach, and what memory does MemAscend save?").named_kind == ""
    assert plan("ZO2 needs how much GPU memory, and how quick is it?").named_kind == ""


def test_a_makers_name_before_a_hardware_kind_is_a_setting(planner):
    _, plan = planner
    # "aimed at Quxel/Bazco FPGAs": the asker sets the maker; the answer must be about that maker's parts.
    p = plan("How fast is InTAR for designs aimed at Quxel/Bazco FPGAs rather than others?")
    assert {"Quxel", "Bazco"} <= set(p.specifics), p.specifics
    assert "Intel" in plan("does InTAR also support Intel FPGA targets?").specifics
    # Negatives: the maker in what the asker tells after the question; an opening word; a paper's own name.
    p = plan("Which board did InTAR use for its prototype? We mostly use Quxel FPGAs.")
    assert "Quxel" not in p.specifics, p.specifics
    assert "Recent" not in plan("Recent FPGAs: what board did InTAR run on?").specifics
    assert "Fuyou" not in plan("what throughput does the Fuyou GPU setup reach?").specifics


def test_a_dash_ends_what_a_result_is_measured_against(planner):
    r, plan = planner
    # "measured against MeZO — ZO2 and DistZO2": the dash closes the baseline; the list after it is compared.
    p = plan("Both offloading works are measured against MeZO — ZO2 and DistZO2. What memory saving does each report?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["ZO2", "DistZO2"], p
    # Negative: a paper right after "than" is still what the other is measured against.
    p = plan("By what factor is DistZO2 faster than ZO2?")
    assert p.kind is Kind.FACTOID and [t.phrase for t in p.targets] == ["DistZO2"] and "ZO2" in p.specifics, p


def test_a_bare_version_tag_names_no_paper(planner):
    _, plan = planner
    # "the V1 and V3 figures": versions of what is described, no papers of their own.
    p = plan("For the integer-quantization whitepaper, what do the V1 and V3 figures show?")
    assert p.kind is Kind.FACTOID and not any(t.phrase in ("V1", "V3") for t in p.targets), p
    # Negative: a work's name with its version is that work's name.
    assert [t.phrase for t in plan("What does QEIL v2 optimize?").targets] == ["QEIL v2"]


def test_both_joining_plain_words_compares_nothing(planner):
    _, plan = planner
    # "with both gradients and activations quantized": two things of one work, not two works.
    p = plan("Some method trains low-bit models forward-only, keeping both gradients and activations quantized. Which handset did they use?")
    assert p.kind is Kind.FACTOID and len(p.targets) == 1, p
    # Negative: "both" before the papers' names compares them.
    p = plan("How do both ZO2 and DistZO2 offload?")
    assert p.kind is Kind.COMPARATIVE and len(p.targets) == 2, p


def test_differentiable_is_no_comparison_word(planner):
    _, plan = planner
    # "differentiable" is not "differ"; and the name in parentheses is the paper the words before it describe.
    p = plan("who wrote the differentiable, hardware-aware NAS (EH-DNAS) work?")
    assert p.kind is Kind.METADATA and [t.phrase for t in p.targets] == ["EH-DNAS"], p
    # Negative: "differ" still compares.
    assert plan("How do ZO2 and DistZO2 differ in memory?").kind is Kind.COMPARATIVE


def test_a_field_noun_joined_to_an_asked_field_is_asked_too(planner):
    _, plan = planner
    assert plan("lead author and year for EH-DNAS?").fields == [RecordField.FIRST_AUTHOR, RecordField.DATE]
    assert set(plan("year and lead author for EH-DNAS?").fields) == {RecordField.FIRST_AUTHOR, RecordField.DATE}
    assert set(plan("authors and venue of ZO2?").fields) == {RecordField.AUTHORS, RecordField.VENUE}
    # Negative: a part joined by "and" that asks something else adds no field.
    assert plan("Who is the lead author of EH-DNAS, and by what factor does it speed things up?").fields == [RecordField.FIRST_AUTHOR]


def test_an_amount_in_any_unit_is_a_setting(planner):
    _, plan = planner
    assert "2.5 GHz" in plan("What speedup does ZO2 report at 2.5 GHz?").specifics
    assert "24GB" in plan("What speedup does ZO2 report with 24GB of memory?").specifics
    # Negative: the asker's own setting, told before the question, qualifies nothing.
    assert not any("GHz" in x for x in plan("I run at 2.5 GHz. What speedup does ZO2 report?").specifics)


def test_a_term_with_a_digit_after_than_is_what_the_result_is_set_against(planner):
    _, plan = planner
    assert "3D parallelism" in plan("Is ZeRO-Infinity quicker than 3D parallelism, and by how much?").specifics
    # Negative: an amount after "than" is no phrase to find.
    assert plan("How much faster is ZO2 than 1.5?").specifics == []


def test_which_kind_and_which_another_both_pick_things(planner):
    _, plan = planner
    assert plan("Which FPGA part and which dataset did AutoAI2C use?").named_kind == "FPGA"
    # Negative: two measures' acronyms joined ("which MAE and SRCC values") ask numbers, the first no kind of thing.
    assert plan("Which MAE and SRCC values does AIO-P report for detection?").named_kind != "MAE"


def test_what_one_work_has_is_no_counted_set_of_works(planner):
    _, plan = planner
    # "the two methods it combines": things of the work described, not two works to compare.
    p = plan("About the offloading framework for 100B fine-tuning on one GPU with SSDs: what are the two methods it combines, and how fast are they?")
    assert p.kind is Kind.FACTOID and len(p.targets) == 1, p
    # Negative: a counted set of works is still one.
    from assistant.retrieval.counted import _COUNTED_SET
    assert _COUNTED_SET.search("Compare the two pruning papers - what does each keep?")
    assert not _COUNTED_SET.search("what are the two methods it combines?")


def test_a_description_is_found_by_its_meaning_beside_common_acronyms(planner):
    r, plan = planner
    # "CPUs", "CMOS" are words many abstracts use: the paper the description means ranks first by
    # its meaning and words, though the literal terms rank others first.
    p = plan("For the work modeling CPUs made with superconductor electronics or cold CMOS, what simulator did they use?")
    assert [titles(r, t)[0].split(":")[0] for t in p.targets] == ["Potential and Limitation of High-Frequency Cores and Caches"], p
    # Negative: a paper closer in meaning that lacks a word the others use ("NAS") is not taken.
    p = plan("FT-ClipAct and the fault-tolerant NAS paper: what accuracy under faults does each report?")
    assert titles(r, p.targets[1])[0].startswith("FTT-NAS"), p


def test_the_work_phrase_in_a_framing_statement_describes_the_paper(planner):
    r, plan = planner
    # The asker's framing ("I keep reading about NVMe SSD offloading, but ...") says nothing of
    # the paper meant; the work phrase in the statement does.
    p = plan("I keep reading about NVMe SSD offloading for huge models, but right now I am reading about the work "
             "that tunes kernels just in time inside web browsers. How large a gain is claimed?")
    assert [titles(r, t)[0][:30] for t in p.targets] == ["Accelerating In-Browser Deep L"], p


def test_a_work_asked_for_by_what_it_does_is_the_description(planner):
    r, plan = planner
    # "which system converts X ...? its name and the cheapest device it ran on": the work is
    # described by what it does, not by the phrase of what is asked of it.
    p = plan("which system converts hard inputs into easier ones with an autoencoder ahead of a small DNN on edge boxes? "
             "give its name and the cheapest device it ran on")
    assert [titles(r, t)[0][:30] for t in p.targets] == ["A Converting Autoencoder Towar"], p
    # Negatives: "which method does X use" asks a thing of a named paper; a plural noun before
    # an auxiliary is no verb ("which accelerator platforms has NAS ...").
    assert [t.phrase for t in plan("Which method does ZO2 use to offload?").targets] == ["ZO2"]
    assert [t.by for t in plan("Which accelerator platforms has NAS been applied to?").targets] == ["name"]


def test_as_opposed_to_sets_two_works_side_by_side(planner):
    r, plan = planner
    p = plan("What memory does the CPU-offloading zeroth-order framework need, as opposed to the kernel-function zeroth-order optimizer?")
    assert p.kind is Kind.COMPARATIVE and [titles(r, t)[0].split(":")[0] for t in p.targets] == ["ZO2", "KerZOO"], p
    assert not p.targets[1].phrase.startswith("as opposed"), p.targets[1].phrase
    # Negative: in a topic list it sets a topic aside, no work.
    assert plan("Which papers use pruning, as opposed to quantization?").kind is Kind.AGGREGATE


def test_an_aside_or_a_slashed_noun_after_a_kind_keeps_it_the_kind_asked(planner):
    _, plan = planner
    assert plan("For PolyMPCNet, which FPGA board/part was targeted?").named_kind == "FPGA"
    assert plan("which specific LLM (name and size) did TZ-LLM run?").named_kind == "LLM"
    # Negative: a noun after the aside makes the acronym a modifier of what is asked.
    assert plan("Which LLM (the 7B one) results does TZ-LLM report?").named_kind == ""


def test_a_prefix_on_a_word_whose_stem_the_papers_use_is_no_setting(planner):
    _, plan = planner
    # "co-searching": no abstract writes "searching", but they write "search": a verb of the question.
    assert plan("ZO2 or DistZO2 - which device are they co-searching for?").specifics == []
    # Negative: a compound with a word no paper uses in any form is a setting's name.
    assert "quxbench-tasks" in plan("What accuracy does ZO2 get on quxbench-tasks?").specifics


def test_a_work_asked_after_that_no_paper_fits_is_not_held(planner):
    _, plan = planner
    # "Is there a study here about X?" with no paper on X: X's paper is missing, not the nearest one.
    p = plan("Is there a study here about protein folding with diffusion models?")
    assert [(t.phrase, t.missing) for t in p.targets] == [("a study about protein folding with diffusion models", True)], p
    p = plan("Does the collection include a study of reinforcement learning for robot grasping?")
    assert p.targets and all(t.missing for t in p.targets), p
    # Negative: a work the collection holds is found.
    p = plan("Is there a study here about offloading zeroth-order fine-tuning to CPU memory?")
    assert p.targets and not p.targets[0].missing, p
    # "one of the papers here that ..." is one paper, not a list.
    p = plan("One of the papers here offloads zeroth-order fine-tuning to CPU memory. What GPU memory does it need?")
    assert p.kind is Kind.FACTOID, p
    assert plan("Which papers here prune attention heads?").kind is Kind.AGGREGATE


def test_parallel_one_that_clauses_are_separate_works():
    from assistant.retrieval.phrasing import _STRONG_SPLIT
    from assistant.retrieval.segments import _segments

    # "one that X, one that Y, and one that Z": three works, whatever commas each clause holds.
    assert len(_segments("one that cuts swap cost, one that mixes reads and writes, and one that shards every call", _STRONG_SPLIT, set())) == 3
    # Negative: one "one that" clause listing what it does is one work.
    assert len(_segments("one that plans layers for phones, tiles kernels and fuses ops", _STRONG_SPLIT, set())) == 1


def test_when_and_where_ask_the_date_and_the_venue(planner):
    from assistant.models import RecordField

    r, plan = planner
    both = {RecordField.DATE, RecordField.VENUE}
    assert set(plan("When and where did ZeRO-Infinity appear?").fields) == both
    # The people listed in the subject do not cut "where ... published" off.
    assert set(plan("Where did the ZeRO-Infinity paper by Rajbhandari, Ruwase and He appear, and when?").fields) >= both
    # Negatives: "when and which" asks no record field; "where" alone asks only the venue.
    assert plan("When and which GPUs did ZeRO-Infinity use?").kind is not Kind.METADATA
    assert set(plan("Where did ZeRO-Infinity appear?").fields) == {RecordField.VENUE}


def test_a_terse_request_lists_its_asked_parts():
    from assistant.retrieval.facets import parts

    # No question word: the noun phrases after the commas are the things asked.
    assert len(parts("QuxNet - name of the solver it uses, and the speedup over BarLib?")) == 2
    # Negatives: a question word joins the parts in its own way; joined objects of one phrase are one part.
    assert parts("Which gain against the BarLib and the BazLib baselines does QuxNet claim?") == []
    assert parts("QuxNet speedup over BarLib and the BazLib baseline?") == []


def test_a_list_after_a_question_closed_by_a_colon_holds_the_compared_papers():
    from assistant.retrieval.bodies import compared_bodies

    bodies, _ = compared_bodies("Which board does each one of these run on: the accelerator for sparse training, the FooNet prototype, and the BarViT co-design?", False)
    assert any(b.text.startswith("the accelerator for sparse training") for b in bodies), bodies
    # Negatives: what follows the colon asks; a single item follows it.
    bodies, _ = compared_bodies("How do FooNet and BarNet compare: which is faster on phones?", False)
    assert not any(b.text.startswith("which") for b in bodies)
    bodies, _ = compared_bodies("Which board does each use: the FooNet prototype?", False)
    assert not any(b.text.startswith("the FooNet prototype") for b in bodies)


def test_a_work_the_result_is_set_against_is_no_description_of_the_subject(planner):
    r, plan = planner
    # "over the strongest earlier model" is what the gain is measured against; the statements describe the paper.
    p = plan("people quote ~95% scores for deep vulnerability detectors in code. did some study check them under real-world "
             "conditions? what recall improvement did its redesign show over the strongest earlier model?")
    assert any("Vulnerability Detection" in x for t in p.targets for x in titles(r, t)), [(t.phrase, titles(r, t)) for t in p.targets]


def test_works_named_before_an_existence_question_are_the_askers_background(planner):
    r, plan = planner
    # The paper asked for is the one the question describes; ZeRO-Infinity only says what the asker does.
    p = plan("We offload fine-tuning state onto an SSD, much like ZeRO-Infinity, and one machine keeps running short of host DRAM. "
             "is there work on that system-memory problem?")
    assert [titles(r, t)[0].split(":")[0] for t in p.targets] == ["MemAscend"], [(t.phrase, titles(r, t)) for t in p.targets]
    # Negative: a work named in the existence question itself is what it asks about.
    p = plan("We move fine-tuning state onto an SSD. is there work in ZeRO-Infinity on host memory?")
    assert any(t.phrase == "ZeRO-Infinity" for t in p.targets), [t.phrase for t in p.targets]


def test_a_work_noun_inside_a_compound_describes_no_work():
    from assistant.retrieval.descriptions import _WORK_ALONE

    assert not _WORK_ALONE.search("the system-wide memory budget")
    assert not _WORK_ALONE.search("a work-stealing queue")
    # Negatives: the noun standing alone, after a compound.
    assert _WORK_ALONE.search("the host-side caching system")
    assert _WORK_ALONE.search("the 2021 work on tiling")


def test_a_plus_joining_two_words_makes_no_successor_name(planner):
    r, plan = planner
    # "weights+activations" joins two words; it names no "weights+".
    p = plan("Which method quantizes weights+activations of LLMs on a phone, and what accuracy does ZeroQAT keep?")
    assert not any(x.endswith("+") for x in p.specifics), p.specifics
    # Negative: a "+" after a name and before a space makes a successor's name, a qualifier.
    p = plan("What speedup does ZO2+ report over ZO2?")
    assert any(x.endswith("+") for x in p.specifics + [t.phrase for t in p.targets]), (p.specifics, [t.phrase for t in p.targets])


def test_a_preposition_fronted_with_a_question_word_starts_a_part(planner):
    _, plan = planner
    # "..., and against which system?": a second thing asked, however it opens.
    p = plan("What latency cut does EnergonAI give under tensor parallelism, and against which system?")
    assert len(p.facets) == 2 and p.facets[1].startswith("against which"), p.facets
    p = plan("How much does MemAscend save, and from which component?")
    assert len(p.facets) == 2, p.facets
    # Negatives: a preposition inside one asked thing, or with no question word after it.
    assert plan("What latency cut does EnergonAI give against FasterTransformer?").facets == []
    assert plan("How much does MemAscend save against standard offloading and on which models?").facets != []


def test_a_pronoun_subject_after_how_many_is_no_counted_noun():
    from assistant.retrieval.measures import counted

    # Chat drops the auxiliary: "how many kernels it covers" counts kernels, not "it".
    assert counted("how many kernels it covers and on which chips") == "kernels"
    assert counted("how many GPUs they needed") == "GPUs"
    # ... nor is an aside before the verb: "how many boards (and which kind) did X use".
    assert counted("how many boards (and which kind) did QuxNet use to reach its speedup?") == "boards"
    # Negatives: the usual auxiliary form; no noun counted at all.
    assert counted("How many GPUs did they use?") == "GPUs"
    assert counted("how many does it have") == ""
    assert counted("how many are there") == ""


def test_a_dash_or_slash_ends_the_counted_part():
    from assistant.retrieval.measures import counted

    # A part set off by dashes ("how many kernels - and which chips") or one of two asked in a row
    # ("how many probes / how long") counts its noun; a dash is never the noun counted.
    assert counted("how large is QuxBench - how many kernels - and which chips does it cover") == "kernels"
    assert counted("how many probes / how long does the attack need") == "probes"
    # Negatives: a lone dash is counted as nothing; a hyphen inside a word ends no part.
    assert counted("so how many - roughly?") == ""
    assert counted("how many low-bit kernels does QuxBench hold?") == "kernels"


def test_the_person_a_message_is_addressed_to_qualifies_nothing(planner):
    from assistant.retrieval.qualifiers import addressed

    _, plan = planner
    # "Dear Quxa,", "One thing, Quxa:", "..., Quxa?": the one the message is written to, not a
    # setting db-SP's abstract must name.
    for q in ["Dear Quxa, which attention gain did db-SP get?", "One more thing, Quxa: which attention gain did db-SP get?",
              "Quxa, which attention gain did db-SP get?", "which attention gain did db-SP get, Quxa?"]:
        assert "Quxa" not in plan(q).specifics, q
    # Negatives: the same unknown word as a setting stays one.
    assert "Quxa" in plan("Which attention gain did db-SP get with Quxa, the new runtime?").specifics
    assert "Quxa" in plan("Which attention gain did db-SP get on the Quxa board?").specifics
    q = "In short, Quxa boards: which attention gain did db-SP get?"
    assert not addressed(q, q.index("Quxa"), q.index("Quxa") + 4)


def test_a_greeting_and_a_sign_off_ask_nothing(planner):
    from assistant.retrieval.courtesy import plain_request

    _, plan = planner
    # "Dear Quxa, ...", "... Many thanks. Best, Q.": the message's courtesy, no asked part.
    assert plain_request("Dear Quxa, which board does M3ViT use? Many thanks. Best, Q.") == "which board does M3ViT use?"
    assert plain_request("Hi there. Which board does M3ViT use? Thanks in advance.") == "Which board does M3ViT use?"
    p = plan("Hello! Which board does M3ViT use? Warmest thanks.")
    assert p.facets == [] and "Warmest" not in " ".join(p.specifics), p
    # Negatives: a request after the question is kept, as is a name that starts like a greeting,
    # and a message that is all courtesy.
    for q in ["Which board does M3ViT use? Please also give its speedup.", "Hi-Fi GAN: which board does it use?", "Thanks!",
              "Which boards do M3ViT and AE-BERT use? Please compare them.", "Which papers use FPGAs? Please list all."]:
        assert plain_request(q) == q
    assert plain_request("Which board does M3ViT use? Please let me know.") == "Which board does M3ViT use?"


def test_an_inferred_part_naming_a_thing_is_answered_by_a_name(planner):
    _, plan = planner
    # "Which board did each of them use?" after papers described by their methods: the part
    # is a board, answered by a sentence naming one, not by how each works.
    p = plan("Three designs come to mind: the ViT co-design M3ViT and AE-BERT. Which board did each of them use?")
    assert p.named_facets == ["board"] and p.method_facets == [], p
    # Negative: a part asking how stays a method part.
    p = plan("Three designs come to mind: the ViT co-design M3ViT and AE-BERT. In what way does each one prune?")
    assert p.named_facets == [] and p.method_facets == ["prune"], p


def test_what_the_asker_says_after_the_question_qualifies_nothing(planner):
    _, plan = planner
    # "... ? We can talk it over on Quxday.": the asker's own plans, after the question's end.
    p = plan("Which attention gain did db-SP get? We can talk it over on Quxday.")
    assert "Quxday" not in p.specifics, p.specifics
    # Negative: the same setting inside the question sentence binds it.
    assert "Quxday" in plan("Which attention gain did db-SP get on Quxday hardware?").specifics


def test_a_thing_the_asker_calls_their_own_is_no_qualifier(planner):
    _, plan = planner
    # "my WebGPU runtime" is the asker's, not a setting nn-JIT.web's abstract must mention.
    p = plan("Which compiler does nn-JIT.web time its kernel generation against? I will set it beside my WebGPU runtime.")
    assert "WebGPU" not in p.specifics, p.specifics
    # Negative: the same word asked of the paper is a qualifier.
    p = plan("Does nn-JIT.web run on WebGPU, and which compiler does it time its kernel generation against?")
    assert "WebGPU" in p.specifics, p.specifics


def test_the_asked_words_break_a_tie_between_a_descriptions_close_papers(planner):
    r, plan = planner
    # "an attention-based image classifier" paraphrases "vision transformers": two papers are
    # close in meaning; "ImageNet accuracy" asked of it says which.
    p = plan("what ImageNet accuracy does the work that fits an attention-based image classifier onto a Cortex-M class microcontroller board reach?")
    assert [titles(r, t)[0].split(":")[0] for t in p.targets] == ["MCUFormer"], [(t.phrase, titles(r, t)) for t in p.targets]
    # Negative: the asked words pick no paper the description does not find: a missing work stays missing.
    p = plan("Is the original Mamba selective state-space model paper here? What inference throughput advantage over Transformers does it claim?")
    assert all(not t.paper_ids for t in p.targets), [(t.phrase, titles(r, t)) for t in p.targets]


def test_a_description_found_weakly_is_no_qualifier(planner):
    _, plan = planner
    # A described paper's phrase is no setting its abstract must repeat word for word.
    # (Set beside "my WebGPU engine", it was first a compared phrase found weakly.)
    q = "Which compiler does the system that builds tuned CPU/GPU kernels on the fly inside web pages time its kernel generation against, and what is its best speedup? Comparing it to my WebGPU engine."
    p = plan(q)
    assert not any("builds" in x for x in p.specifics) and "WebGPU" not in p.specifics, p.specifics
    # Negative: a name asked of the paper stays a qualifier.
    p = plan("Which compiler does nn-JIT.web time its kernel generation against on WebGPU?")
    assert "WebGPU" in p.specifics, p.specifics


def test_a_comparison_a_title_makes_names_its_paper(planner):
    r, plan = planner
    # "FP8 versus INT8 for ..." and "INT v.s. FP: ..." are titles: their comparisons, however
    # the question writes the "vs", name those papers, not FP8, INT8, INT and FP as works.
    p = plan("for a survey: the FP8-vs-INT8 note from 2023 and the later INT versus FP block-format study, what does each recommend?")
    assert sorted(titles(r, t)[0][:8] for t in p.targets) == ["FP8 vers", "INT v.s."], [(t.phrase, titles(r, t)) for t in p.targets]
    assert p.kind is Kind.COMPARATIVE
    # Negatives: a comparison no title makes keeps its sides; a title's comparison said once is one paper.
    p = plan("ZO2 versus DistZO2 on the 175B OPT model?")
    assert sorted(t.phrase for t in p.targets) == ["DistZO2", "ZO2"]
    p = plan("When was the INT vs FP study posted?")
    assert [titles(r, t)[0][:8] for t in p.targets] == ["INT v.s."], [(t.phrase, titles(r, t)) for t in p.targets]


def test_titled_comparisons_reads_every_spelling_of_versus():
    from assistant.retrieval.quoted import titled_comparisons

    titles = {"fooa versus foob", "bar v s baz"}
    titled = lambda words: ["p1"] if any(words in t for t in titles) else []  # noqa: E731
    assert titled_comparisons("the FooA-vs-FooB paper", titled) == {"FooA-vs-FooB": ["p1"]}
    assert titled_comparisons("the Bar vs. Baz study", titled) == {"Bar vs. Baz": ["p1"]}
    # Negatives: sides no title sets against each other; no "vs" at all.
    assert titled_comparisons("FooA vs Baz", titled) == {}
    assert titled_comparisons("FooA and FooB", titled) == {}


def test_the_noun_before_the_verb_says_whose_thing_is_asked(planner):
    _, plan = planner
    # "whose library APIs does it call": the owner of the APIs, a vendor, however a work noun ("library") modifies them.
    p = plan("What is FlashOverlap's best-case speedup, and whose library APIs does it call to move the data?")
    assert p.kind is Kind.FACTOID and RecordField.AUTHORS not in p.fields, (p.kind, p.fields)
    # Negative: "whose paper is it" asks its authors.
    assert RecordField.AUTHORS in plan("Whose paper is FlashOverlap?").fields


def test_a_possessive_before_a_venue_word_describes_the_work(planner):
    _, plan = planner
    # "Xiaofan Zhang's ICML 2023 workshop paper": which paper, not its venue asked.
    p = plan("Xiaofan Zhang's ICML 2023 workshop paper on hardware-aware NAS: what benchmarking tool does it build?")
    assert RecordField.VENUE not in p.fields and p.kind is not Kind.METADATA, (p.kind, p.fields)
    # Negative: a venue asked of the paper.
    assert RecordField.VENUE in plan("Which workshop did EH-DNAS appear at?").fields


def test_duplicate_as_a_verb_asks_no_papers_listed_twice(planner):
    _, plan = planner
    # "they duplicate the sensitive blocks" is what a design does, no question about the listings.
    p = plan("For the Ethos-U55 study: once they selectively duplicate the sensitive blocks, what area overhead do they pay?")
    assert p.record_query is None and p.kind is Kind.FACTOID, (p.kind, p.record_query)
    # Negatives: the noun asks for papers listed more than once.
    assert plan("Which papers are duplicates?").record_query is RecordQuery.MULTI_PAGE
    assert plan("Are there duplicate entries in the collection?").record_query is RecordQuery.MULTI_PAGE


def test_a_colon_ends_the_description_before_what_is_asked():
    from assistant.retrieval.phrasing import _DEFINITE

    # "for the paper showing X: what batch size ...": the description stops at its colon; the
    # words after it are what is asked.
    q = "for the paper showing QuxNets beat BarNets with a smoother optimizer: what batch size did they pick?"
    assert [m.group() for m in _DEFINITE.finditer(q)] == ["the paper showing QuxNets beat BarNets with a smoother optimizer"]
    # Negative: a colon with no space after it ("FooNet:v2") does not end it.
    assert [m.group() for m in _DEFINITE.finditer("the FooNet:v2 paper")] == ["the FooNet:v2 paper"]


def test_marks_on_the_papers_a_question_asks_of_only_set_them_out(planner):
    r, plan = planner
    # "used by (a) A, (b) B and (c) C": the marks list the compared papers; every one is compared,
    # and no row is "used by (a)".
    p = plan("Which FPGA boards did (a) the MoE vision transformer multi-task co-design, (b) the N:M sparse training accelerator, "
             "and (c) the two-point-cell audio-visual network run on?")
    assert len(p.targets) == 3 and not any("(a)" in f or "(c)" in f for f in p.facets), ([t.phrase for t in p.targets], p.facets)
    # Negative: marks on questions keep each question a row of its own.
    from assistant.retrieval.places import unmarked
    q = "(a) Which board does M3ViT use? (b) How much faster is RSN-XNN?"
    assert unmarked(q) == q


def test_which_paper_is_that_asks_for_the_work_the_statements_bring_in(planner):
    r, plan = planner
    # "One paper says ZeRO-Infinity leaves X unsolved": ZeRO-Infinity is what that paper speaks of.
    p = plan("I use ZeRO-Infinity to offload to SSD. One paper says ZeRO-Infinity leaves the host-memory side unsolved. Which paper is that?")
    assert [titles(r, t)[0].split(":")[0] for t in p.targets if not t.baseline] == ["MemAscend"], [(t.phrase, titles(r, t)) for t in p.targets]
    # Negatives: a named work the statements say is "a framework that ..." is the one asked for;
    # with no work brought in, the named one stands.
    p = plan("ZO2 is a framework that offloads parameters to the CPU. Which paper is that?")
    assert [t.phrase for t in p.targets] == ["ZO2"], [t.phrase for t in p.targets]
    p = plan("I fine-tune with ZO2 on one GPU. Which paper is that?")
    assert [t.phrase for t in p.targets] == ["ZO2"], [t.phrase for t in p.targets]


def test_a_description_cut_short_is_read_whole_and_its_words_qualify_nothing(planner):
    r, plan = planner
    # The phrase up to the comma finds no paper; the whole question does. "GEMM" says which
    # paper in the asker's words (the abstract says "computation kernel"): no qualifier.
    p = plan("what is the name of the system where the GEMM kernel signals once part of its output is done, "
             "so the multi-GPU collective for that part can start while the rest still computes? and its best speedup?")
    assert [titles(r, t)[0][:23] for t in p.targets] == ["Efficient and Adaptable"], [(t.phrase, titles(r, t)) for t in p.targets]
    assert "GEMM" not in p.specifics, p.specifics
    # Negative: a setting asked of a named paper stays a qualifier.
    assert "GEMM" in plan("What speedup does FlashOverlap get on GEMM kernels?").specifics


def test_a_lower_case_word_the_collection_writes_as_a_name_is_a_setting(planner):
    _, plan = planner
    # Chat drops the capitals: "imagenet" is a setting as "ImageNet" is, since every paper using it
    # writes it as a name.
    low, cased = plan("EPIM: which top-1 score is reported for imagenet?"), plan("EPIM: which top-1 score is reported for ImageNet?")
    assert "imagenet" in low.specifics and "ImageNet" in cased.specifics
    # Negatives: a word the collection writes title-cased only ("Memory-Saving"), or only as an
    # acronym of plain words ("SOTA"), is no setting when typed in lower case.
    assert not any("memory" in x.lower() for x in plan("how much memory-saving does GSR-GNN get?").specifics)
    assert "sota" not in plan("how much does KerZOO beat sota methods?").specifics


def test_a_median_or_percentile_asked_is_a_setting(planner):
    _, plan = planner
    # A point of a distribution: a paper stating another ("up to 3 s") does not report it.
    assert "median" in plan("What median latency does FastSwitch report?").specifics
    assert "95th percentile" in plan("What is FastSwitch's 95th percentile TTFT?").specifics
    # Negatives: an average is said loosely; a statistic in the asker's own aside is not asked.
    assert not any("average" in x.lower() for x in plan("What average speedup does FastSwitch report?").specifics)
    assert "median" not in plan("(Our median is 2 s.) What TTFT gain does FastSwitch report?").specifics


def test_a_clause_naming_one_paper_after_a_dash_lead_in_is_its_row(planner):
    r, plan = planner
    # "A vs B — how much ... A ..., and whats ... B ...": the lead-in sets both side by side; each
    # clause after it is its named paper's (chat writes "whats").
    p = plan("ZO2 vs DistZO2 — GPU memory ZO2 requires with OPT-175B, and whats the throughput gain DistZO2 claims?")
    owners = {f: r.papers[ids[0]].title.split(":")[0] for f, ids in p.facet_papers.items()}
    assert sorted(owners.values()) == ["DistZO2", "ZO2"], p.facets
    assert owners[next(f for f in p.facets if "memory" in f)] == "ZO2"
    # Negative: a clause naming both papers is everyone's.
    p = plan("ZO2 vs DistZO2 — GPU memory ZO2 and DistZO2 require, and whats the throughput gain each claims?")
    assert not p.facet_papers


def test_a_bare_phrase_joined_inside_a_counted_item_is_that_items(planner):
    r, plan = planner
    # "Two X papers: one does A with B and C, the other ...": "C" is the first item's, not a third
    # paper found only with the count's words (which took the second item's paper).
    p = plan("Two FPGA papers on transformer acceleration: one handles variable sequence lengths using a sparse attention "
             "scheme and dynamic pipelining, the other picks a device meeting constraints on latency and accuracy through "
             "hierarchical pruning. Compare their CPU and GPU speedups.")
    assert [titles(r, t)[0][:22] for t in p.targets] == ["A Length Adaptive Algo", "Accelerating Framework"], p.targets
    # Negatives: items without such a phrase, and another field's pair, resolve as before.
    p = plan("Two circuit GNN papers: one accelerates heterogeneous circuit graphs with dynamic ReLU and parallel "
             "scheduling, the other trains deep GNNs with reversible residual modules. Which speedup is reported by each?")
    assert compared(r, p) == ["DR-CircuitGNN", "GSR-GNN"]


def test_a_count_made_an_adjective_in_the_asked_setting_is_a_setting(planner):
    _, plan = planner
    # "on the 12-node test bed": the paper must state that setting to answer in it.
    assert "12-node" in plan("How large a gain is seen for DistZO2 on the 12-node test bed?").specifics
    # Negatives: the paper's own thing ("its 12-layer variant"), or a count outside a setting.
    assert not any("12-layer" in x for x in plan("What accuracy does its 12-layer variant give in EPIM?").specifics)
    assert not any("2-stage" in x for x in plan("Is EPIM a 2-stage design?").specifics)


def test_a_comma_before_what_is_asked_ends_the_stretch_around_vs(planner):
    r, plan = planner
    # "A vs a described work, what does each ...": the description ends at the comma.
    p = plan("DualMap vs fairness-aware preemptive serving, which TTFT gains does each claim?")
    assert compared(r, p) == ["DualMap", "FastSwitch"], p.targets
    p = plan("fastswitch vs dual-hash request routing, what does each claim for TTFT?")
    assert compared(r, p) == ["FastSwitch", "DualMap"], p.targets
    # Negative: a comma inside a side that asks nothing does not end it.
    p = plan("DualMap vs FastSwitch, which is fairness-aware, on TTFT?")
    assert compared(r, p) == ["DualMap", "FastSwitch"], p.targets


def test_which_ones_after_a_counted_plural_asks_those_things_not_papers(planner):
    _, plan = planner
    # "ones" stands for the plural counted before it: the named paper's techniques.
    p = plan("EnergonAI adds three techniques to its architecture. Which ones?")
    assert p.kind is Kind.FACTOID and [t.phrase for t in p.targets] == ["EnergonAI"]
    # Negatives: counted papers, or no plural before it, are a list of papers.
    assert plan("Three works in my collection spill activations to SSDs. Which ones?").kind is Kind.AGGREGATE
    assert plan("Which ones spill activations to SSDs?").kind is Kind.AGGREGATE


def test_a_part_asking_what_they_are_stands_for_the_clause_before_it(planner):
    _, plan = planner
    # "X names three causes - what are they, and ...": the part is about the causes.
    p = plan("FastSwitch traces its switching overhead to three causes - what are they, and which baseline system is it tested against?")
    assert any("three causes" in f for f in p.facets), p.facets
    # Negative: a part with words of its own keeps them alone.
    p = plan("FastSwitch traces its switching overhead to three causes - what speedup does it give, and which baseline system is it tested against?")
    assert not any("three causes" in f for f in p.facets), p.facets


def test_how_a_work_deals_with_a_problem_asks_its_method(planner):
    _, plan = planner
    # The problem is named ("the weight freezing problem"), but how it is handled is asked.
    assert plan("How does DenseShift get around the weight freezing problem of shift networks?").aspect is Aspect.METHOD
    assert plan("how did GSR-GNN deal with the memory bottleneck of deep GNNs?").aspect is Aspect.METHOD
    # ... and so is a method's noun asked ("Which three steps do they take against the cache
    # stalls?": the steps, not the stalls).
    assert plan("For ZO2, what two techniques do they add to fix the memory problems of fine-tuning?").aspect is Aspect.METHOD
    assert plan("What strategy does DistZO2 use to overcome the bandwidth bottleneck?").aspect is Aspect.METHOD
    # Negatives: which problem it addresses asks the problem, however a method is named around
    # it; how much it cuts asks a number.
    assert plan("Which problem does DenseShift address?").aspect is Aspect.PROBLEM
    assert plan("What problems do the techniques of ZO2 fix?").aspect is Aspect.PROBLEM
    assert plan("Which bottleneck does the DistZO2 strategy overcome?").aspect is Aspect.PROBLEM
    assert plan("How much does GSR-GNN reduce the memory bottleneck?").aspect is Aspect.NUMBER


def test_a_work_phrase_that_finds_no_paper_is_a_thing_of_the_one_the_lead_in_describes(planner):
    r, plan = planner
    # "For the X that ..., what is the name of its Y variant?": the variant is part of the paper the
    # lead-in describes; alone it finds none.
    p = plan("For the framework that reparameterizes multiplications into bitwise shifts and lookup tables, "
             "what is the name of its fine-tuning variant?")
    assert [titles(r, t)[0][:11] for t in p.targets] == ["ShiftAddLLM"], p.targets
    # Negative: a work phrase of the question sentence that finds its own paper is the one asked of.
    p = plan("In the post-training method that reparameterizes LLM weight multiplications as shifts and adds, "
             "which accuracy is reached by the zeroth-order quantization-aware training framework?")
    assert [titles(r, t)[0][:10] for t in p.targets] == ["End-to-End"], p.targets


def test_what_a_lead_in_says_the_listed_works_do_reads_with_each(planner):
    r, plan = planner
    # "Two papers make X cheaper: one through A, the other by B": each item is read with what the
    # lead-in says both do (its verb right after the counted noun).
    p = plan("Two works make next-scale image autoregression less costly: one by sparse attention along with "
             "low-bit weights, the other by running later scales on shallower weight-sharing subnetworks. "
             "How large a memory reduction is claimed by each?")
    assert [titles(r, t)[0][:20] for t in p.targets] == ["LiteVAR: Compressing", "Progressive Supernet"], p.targets
    # Negative: items that say which paper alone resolve as before.
    p = plan("Two papers make GNN training cheaper: one through reversible residual modules, the other with dynamic "
             "ReLU and parallel scheduling on circuit graphs. What speedup does each claim?")
    assert compared(r, p) == ["GSR-GNN", "DR-CircuitGNN"]


def test_a_lead_in_before_there_is_one_that_says_what_the_works_are(planner):
    r, plan = planner
    # "For X, there's one that A and one that B": X is what both are, no paper of its own.
    p = plan("For low-rank compression of LLMs, there's one that learns a router picking ranks for each prompt and "
             "one that sets per-layer ranks from effective rank. What accuracy gain does each report?")
    assert [titles(r, t)[0][:20] for t in p.targets] == ["Different Prompts, D", "Layer-wise dynamic r"], p.targets
    # ... and with one work brought in, the question is about that one.
    p = plan("For LLM low-rank compression, there is a study training a router that picks ranks per prompt. "
             "Which accuracy gain is reported?")
    assert p.kind is Kind.FACTOID and [titles(r, t)[0][:20] for t in p.targets] == ["Different Prompts, D"], p.targets


def test_a_field_word_ending_the_asked_noun_phrase_is_asked(planner):
    _, plan = planner
    # "what is the posting date": "date" heads the phrase the "what" asks.
    assert plan("what is the posting date of EPIM?").fields == [RecordField.DATE]
    assert plan("For EPIM, who is the lead author and what is the posting date?").fields == [RecordField.FIRST_AUTHOR, RecordField.DATE]
    # Negative: a field word after the asked phrase's verb describes what is asked.
    assert not plan("what latency did the EPIM authors measure?").fields


def test_a_verb_before_a_fronted_question_word_opens_a_part():
    from assistant.retrieval.facets import parts
    # "..., and compare with which system": a second request, its question word after a preposition.
    assert parts("by how much is latency lowered by EnergonAI and compare with which system") == [
        "by how much is latency lowered by EnergonAI", "compare with which system"]
    # Negatives: names joined by "and" before the question word, or one request.
    assert parts("how fast are ZO2 and DistZO2 with which batch size") == []
    assert parts("by how much is latency lowered by EnergonAI in tensor parallelism") == []


def test_a_work_noun_spelt_verb_after_its_subject_is_no_work_phrase(planner):
    from assistant.retrieval.descriptions import _WORK_ALONE
    r, plan = planner
    # "the saving they report": "report" is the verb; the statement before describes the paper.
    p = plan("One compression work for systolic arrays builds a MAC energy model from partial-sum switching. "
             "What is the highest energy saving they report, and at which accuracy cost?")
    assert [titles(r, t)[0][:20] for t in p.targets] == ["Layer-wise Weight Se"], p.targets
    # Negatives: the noun itself heads a work phrase.
    assert _WORK_ALONE.search("the quantization report from Acme") and _WORK_ALONE.search("the study we liked")
    assert not _WORK_ALONE.search("the gain we study")


def test_a_name_measured_against_the_baselines_is_the_subject(planner):
    r, plan = planner
    # "How much quicker is X than the baselines": X is measured, not one of them.
    p = plan("How much quicker is nn-JIT.web than the baselines, for transformer inference in a browser?")
    assert [titles(r, t)[0][:22] for t in p.targets] == ["Accelerating In-Browse"] and not p.targets[0].baseline
    # Negative: "a plain X baseline" is the baseline.
    p = plan("How much quicker is DistZO2 than a plain ZO2 baseline?")
    assert compared(r, p) == ["DistZO2"]


def test_what_joined_subjects_all_do_reads_with_each_description(planner):
    from assistant.retrieval.phrasing import shared_predicate
    r, plan = planner
    # "A and the X paper both target Y.": the predicate says what the described paper is too.
    p = plan("MCUFormer and the FP16 on-device learning paper both target microcontrollers. Which hardware does each use?")
    assert [titles(r, t)[0][:20] for t in p.targets] == ["MCUFormer: Deploying", "Reduced Precision Fl"], p.targets
    # Negatives: no quantifier floats after the subjects, or it is inside a relative clause.
    assert shared_predicate("FooNet and the one with B both try to shard X") == "both try to shard X"
    assert shared_predicate("FooNet and the one that caches each reply") == ""


def test_a_short_prefix_on_a_word_the_collection_uses_is_no_setting(planner):
    _, plan = planner
    # "non-uniformly": a short prefix on a word the collection uses is no name of a setting.
    assert "non-uniformly" not in plan("How does DistZO2 split its parameter blocks non-uniformly across GPUs?").specifics
    assert "pre-tuned" not in plan("Which pre-tuned settings does ZO2 use?").specifics
    # Negatives: a compound whose other part the collection never uses, or a short part it
    # never writes before another word.
    assert "kvm-zorblat" in plan("Does ZO2 run in kvm-zorblat mode?").specifics
    assert "qux-offloading" in plan("Does ZO2 beat qux-offloading on OPT-175B?").specifics


def test_papers_in_here_are_where_they_are_no_topic(planner):
    _, plan = planner
    # "papers in here": where the papers are, no topic; the question is about the two it names.
    p = plan("We hold 2 SSDTrain papers in here, a preprint and a DAC paper: is their activation memory saving identical?")
    assert p.kind is not Kind.AGGREGATE, p.kind
    # Negative: papers on a topic "in" something are a list.
    assert plan("Which papers in transformer serving cut TTFT?").kind is Kind.AGGREGATE


def test_a_named_paper_s_possessive_is_an_item_a_described_one_is_joined_to(planner):
    r, plan = planner
    # "A's <thing> vs the <description>": the possessive item is A's, so the phrase joined
    # to it is a second paper, however many words say what A's thing is.
    p = plan("Battery budget on a small board: CBNet's early-exit converting autoencoder vs the dual complementary CNNs. Which one saves more?")
    assert p.kind is Kind.COMPARATIVE and [titles(r, t)[0][:24] for t in p.targets] == [
        "A Converting Autoencoder", "Reducing Inference Energ"], p.targets
    # Negative: a possessive measure set against a measure names one paper.
    assert len(plan("CBNet's energy saving vs the memory cut: which is larger?").targets) == 1



def test_an_organisation_s_plain_capitalised_name_in_a_description_is_a_record_word(planner):
    r, plan = planner
    # "the Zyphra pretraining paper": a capitalised word inside the phrase is a proper noun,
    # here the organisation on a paper's record (a word of no abstract).
    p = plan("Which accelerators did HipKittens and the Zyphra pretraining paper each use?")
    assert [titles(r, t)[0][:24] for t in p.targets] == ["HipKittens: Fast and Fur", "Training Foundation Mode"], p.targets
    # Negative: an organisation no record names finds no paper by it.
    assert len(plan("Which accelerators did HipKittens and the Acme pretraining paper each use?").targets) == 1


def test_a_work_set_aside_is_not_the_one_meant_nor_compared(planner):
    r, plan = planner
    # "the X, not the Y": Y is set aside, so the paper meant is X's and nothing is compared.
    p = plan("Report the accelerator of the zeroth-order offloading framework, not the multi-GPU distributed ZO system.")
    assert p.kind is Kind.FACTOID and [titles(r, t)[0][:4] for t in p.targets] == ["ZO2:"], p.targets
    assert not any(r.papers[i].title.startswith("DistZO2") for t in p.targets for i in t.rivals), p.targets
    p = plan("Report the accelerator of the multi-GPU distributed ZO system, not the single-card offloading one.")
    assert p.kind is Kind.FACTOID and [titles(r, t)[0][:8] for t in p.targets] == ["DistZO2:"], p.targets
    # Negative: a work joined by "and" is compared.
    p = plan("Which GPU do ZO2 and the distributed zeroth-order system use?")
    assert p.kind is Kind.COMPARATIVE and len(p.targets) == 2, p.targets



def test_anything_asked_after_as_it_is_one_work_not_a_list(planner):
    r, plan = planner
    # "Anything that ...? How much ... it ...?": the asker wants the one work and its facts.
    p = plan("Anything that tunes huge models with SSD offloading? Which memory saving does it report?")
    assert p.kind is Kind.FACTOID and p.targets and p.targets[0].paper_ids, (p.kind, p.targets)
    # Negatives: asked after as many ("they"), or not asked after at all, it is a list.
    assert plan("Anything that tunes huge models with SSD offloading? Which GPUs do they use?").kind is Kind.AGGREGATE
    assert plan("Anything that tunes huge models with SSD offloading?").kind is Kind.AGGREGATE
    assert plan("Which papers tune huge models with SSD offloading? Which memory saving does it report?").kind is Kind.AGGREGATE


def test_a_question_only_confirming_a_claim_asks_the_claim(planner):
    from assistant.retrieval.facets import split_statements

    _, plan = planner
    # "X does Y. Is that right?": the claim is what is asked, its words are the aspect's.
    for q in ("Somebody told me ZO2 tunes OPT-175B with one GPU. Is that right?",
              "A blog says ZO2 tunes OPT-175B with one GPU. Can you confirm?"):
        assert split_statements(q)[0] == "", split_statements(q)
        assert "tunes" in plan(q).aspect_terms, plan(q).aspect_terms
    # Negatives: a question asking something of its own keeps the statement as context.
    q = "ZO2 tunes OPT-175B with one GPU. Is that the largest model it tries?"
    assert split_statements(q)[0] == "ZO2 tunes OPT-175B with one GPU."
    assert split_statements("ZO2 offloads to the CPU. Which GPU does it use?")[0] == "ZO2 offloads to the CPU."
    assert split_statements("ZO2 offloads to the CPU. Is it slower?")[0] == "ZO2 offloads to the CPU."


def test_a_request_to_check_the_figures_told_asks_them(planner):
    from assistant.retrieval.facets import split_statements

    # "ZO2 ... with one GPU and 18GB. Could you verify both figures?": the figures told before.
    q = "I recall ZO2 tunes OPT-175B with one GPU and 18GB. Could you verify both figures?"
    assert split_statements(q)[0] == "", split_statements(q)
    # Negative: a request asking a thing of its own keeps the statement as context.
    q = "I recall ZO2 tunes OPT-175B with one GPU. Could you verify which GPU?"
    assert split_statements(q)[0] == "I recall ZO2 tunes OPT-175B with one GPU."


def test_an_aside_after_a_name_versions_share_says_which_version(planner):
    r, plan = planner

    def years(q):
        return [sorted(r.papers[i].year for i in t.paper_ids) for t in plan(q).targets]

    # Two SSDTrain papers: "(the 2025 DAC one)" and "(the 2024 preprint)" each pick theirs.
    assert years("How do MemAscend and SSDTrain (the 2025 DAC one) compare in memory saved?")[1] == [2025]
    assert years("How do MemAscend and SSDTrain (the 2024 preprint) compare in memory saved?")[1] == [2024]
    # Negatives: no aside, or one fitting both versions alike, keeps both.
    assert years("How do MemAscend and SSDTrain compare in memory saved?")[1] == [2024, 2025]
    assert years("How do MemAscend and SSDTrain (both offload to SSDs) compare in memory saved?")[1] == [2024, 2025]


def test_a_venue_edition_heading_a_work_asks_the_venue(planner):
    _, plan = planner
    # "Was X a FOOC 2024 paper?": the venue (and its year) is what the asker checks.
    assert RecordField.VENUE in plan("Was ShiftAddLLM a CVPR 2023 paper? And its last author?").fields
    assert RecordField.VENUE in plan("DistZO2 is an MLSys '25 paper, right?").fields
    # Negatives: a topic's acronym before the work noun, or a year alone, asks no venue.
    assert RecordField.VENUE not in plan("Was ZO2 an LLM paper? And its last author?").fields
    assert RecordField.VENUE not in plan("Was ShiftAddLLM a 2024 paper? And its last author?").fields


def test_alternatives_before_a_trailing_ask_are_the_compared_papers(planner):
    r, plan = planner
    # "Which is X, A or B, and what gap separates them?": what is asked follows the alternatives.
    p = plan("Which serves requests sooner, FastSwitch or layered prefill, and what gap separates them?")
    assert p.kind is Kind.COMPARATIVE and [t.paper_ids != [] for t in p.targets] == [True, True], compared(r, p)
    assert compared(r, p)[0] == "FastSwitch" and compared(r, p)[1] != "FastSwitch", compared(r, p)
    # Negative: one choice only is no comparison.
    assert plan("Which serves requests sooner, FastSwitch, and what gap separates them?").kind is not Kind.COMPARATIVE


def test_anything_here_as_a_later_sentence_asks_for_papers(planner):
    _, plan = planner
    # "We do X. Anything here for that?": a request for whatever the collection has, after the asker's need.
    assert plan("We ship a model on phones and fear it gets copied. Anything here for that?").kind is Kind.AGGREGATE
    assert plan("Anything here on SSD offloading?").kind is Kind.AGGREGATE
    # Negatives: "anything" inside a question about a paper, and one work asked after by "it".
    assert plan("Did ZO2 change anything for the GPU memory?").kind is not Kind.AGGREGATE
    assert plan("We ship a model on phones. Anything for that? Which memory does it need?").kind is Kind.FACTOID


def test_works_as_a_verb_before_a_comparative_is_no_list(planner):
    r, plan = planner
    # "Which works better, A or B?": "works" is the verb, A and B the compared papers.
    p = plan("Which works better for tuning, ZO2 or the distributed zeroth-order one?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["ZO2", "DistZO2"], compared(r, p)
    # Negatives: "works" as the papers, and the best works for a topic, are lists.
    assert plan("Which works study pruning?").kind is Kind.AGGREGATE
    assert plan("Which works best for SSD offloading?").kind is Kind.AGGREGATE


def test_a_name_typed_apart_is_the_name(planner):
    r, plan = planner
    # Speech to text and people who heard a name type it apart: letters one by one, digits as words.
    p = plan("so fast switch versus dual map: c p u memory of each?")
    assert compared(r, p) == ["FastSwitch", "DualMap"], compared(r, p)
    assert "CPU memory" in p.question
    assert compared(r, plan("shift add llm um where did that one appear")) == ["ShiftAddLLM"]
    assert compared(r, plan("e h d n a s, its kernels: what changes")) == ["EH-DNAS"]  # (the title's "EH-DNAS")
    assert "GPT-2" in plan("does anything here fine-tune gpt two, and how fast").question
    # ... a letter and a word a paper writes hyphened, plain words a paper runs together as a
    # name, a superscript said aloud.
    assert "P-GAP" in plan("and p gap, what does it project the gradient onto").question
    assert "DeepSpeed" in plan("is anything here built on deep speed").question
    assert compared(r, plan("the m cubed vit one: which board")) == ["M$^3$ViT"]
    # Negatives: words that only sit beside a single letter or a digit's word stay as typed.
    for q in ["any paper on a i chips here", "we need over one GPU for a b tests of two of them",
              "a data set and a frame work for the two of them", "what is a fair price for it",
              "KerZOO two ways: what does it cut"]:  # (function words; a work's name beside a digit's word)
        assert plan(q).question == q, plan(q).question


def test_a_description_the_named_paper_fits_best_is_that_paper_again(planner):
    r, plan = planner
    # Set off from the name by other words ("at our reading group"), the description is still
    # the named paper's: set aside, it would have found a second one.
    p = plan("I'm presenting FastSwitch at our reading group, the serving system that makes preemption cheaper "
             "by swapping KV cache more efficiently. What granularity does it swap at?")
    assert p.kind is Kind.FACTOID and [t.phrase for t in p.targets] == ["FastSwitch"]
    p = plan("D-Rank, the layer-wise rank allocation for SVD compression, says it raises throughput. By how much?")
    assert p.kind is Kind.FACTOID and len(p.targets) == 1 and titles(r, p.targets[0])[0].startswith("Layer-wise")
    # Negative: asked of each, a description of another paper is a second one, however alike.
    p = plan("What does each of FastSwitch and the serving system that maps requests with two hash functions report?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["FastSwitch", "DualMap"]


def test_a_clause_about_the_named_paper_describes_no_other(planner):
    r, plan = planner
    p = plan("DualMap sends each request to the better of two candidate instances, and they report a large "
             "capacity gain over other schedulers. Which traces were used?")
    assert p.kind is Kind.FACTOID and compared(r, p) == ["DualMap"]
    # Negative: a work described beside it is still compared.
    p = plan("DualMap vs the serving system that makes preemption cheaper by swapping KV cache: which is better?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["DualMap", "FastSwitch"]


def test_one_word_some_abstracts_use_compares_no_papers(planner):
    _, plan = planner
    # "exploration-versus-exploitation" is no comparison; "ResNet-50" (used by several abstracts)
    # is a setting of the one work asked about, not papers set side by side.
    q = ("Your sparse training method frames pruning and regrowth as an exploration-versus-exploitation "
         "trade-off. Training ResNet-50 that way, what time did {} save against dense runs?")
    p = plan(q.format("it"))
    assert p.kind is Kind.FACTOID and p.targets[0].by == "description"
    # Negative: asked of each, the papers using the word are compared.
    assert plan(q.format("each")).kind is Kind.COMPARATIVE


def test_a_capitalised_word_after_another_name_is_a_qualifier(planner):
    _, plan = planner
    assert "Quxon" in plan("On AWS Quxon machines, how fast is the Intel CPU sparse accelerator?").specifics
    # Negative: at a sentence's start a capital says nothing.
    p = plan("We like the Intel CPU sparse accelerator. Quxon boxes are ours. How fast is it?")
    assert not any("Quxon" in x for x in p.specifics)


def test_terse_record_fields(planner):
    _, plan = planner
    for q in ["num authors + date for the microcontroller vision transformer deployment paper",
              "author count and year for the kernel fn zo finetuning work", "FastSwitch: number of co-authors?"]:
        assert RecordField.AUTHOR_COUNT in plan(q).fields, q
    assert RecordField.ORGANISATION in plan("FastSwitch - org + first author?").fields
    # Negative: a number of other things is no count of authors, and "+" joins fields only.
    assert RecordField.AUTHOR_COUNT not in plan("what number of layers does FastSwitch use?").fields
    assert plan("first author + speedup of FastSwitch?").fields == [RecordField.FIRST_AUTHOR]


def test_a_record_question_describes_its_paper_without_the_fields_asked(planner):
    r, plan = planner
    # "first author" is no word of the paper; "ckpt" (a clipped word the collection never uses)
    # says nothing: the rest, all used by one paper, finds it.
    p = plan("erasure coded ckpt llm pretraining: first author?")
    assert p.kind is Kind.METADATA and len(p.targets) == 1 and titles(r, p.targets[0])[0].startswith("Reliable and Efficient In-Memory")
    # Negative: a word the collection never uses beside too few others finds no paper.
    assert not plan("quxbench sparse pruning llm paper: authors?").targets


def test_works_as_a_verb_asks_for_no_papers(planner):
    _, plan = planner
    p = plan("People say interpretability only works on small models. Your group scaled logit lens to "
             "multi-GPU LLMs: what activation memory saving did you get?")
    assert p.kind is Kind.FACTOID and len(p.targets) == 1
    # Negative: "works on" after a question word or a request lists papers.
    assert plan("Which works on logit lens are there?").kind is Kind.AGGREGATE
    assert plan("List works on logit lens.").kind is Kind.AGGREGATE


def test_an_aside_after_a_name_does_not_break_its_list(planner):
    _, plan = planner
    p = plan("What speedup do MaxK-GNN (on Reddit) and Accel-GCN report?")
    assert p.kind is Kind.COMPARATIVE and [t.phrase for t in p.targets] == ["MaxK-GNN", "Accel-GCN"]
    # Negative: a name inside another paper's aside is that paper's qualifier.
    p = plan("What speedup does MaxK-GNN (faster than Accel-GCN) report?")
    assert p.kind is Kind.FACTOID and [t.phrase for t in p.targets] == ["MaxK-GNN"]
    # ... nor does a comma before a question word join a name to what the question asks of it.
    p = plan("For MaxK-GNN, how is CPU-GPU traffic made cheaper?")
    assert p.kind is Kind.FACTOID and [t.phrase for t in p.targets] == ["MaxK-GNN"]


def test_a_request_for_a_reply_asks_nothing():
    from assistant.retrieval.courtesy import plain_request
    for tail in ["Please let me know when you find it.", "Let me know what you find.", "Please send me a short note. Best."]:
        assert plain_request(f"Which board does M3ViT use? {tail}") == "Which board does M3ViT use?", tail
    # Negative: a request that asks something, or for the answer itself, stays.
    assert plain_request("Which board does M3ViT use? Let me know which one is faster.").endswith("faster.")
    assert plain_request("Send me the list of boards M3ViT used.") == "Send me the list of boards M3ViT used."


def test_a_listed_item_that_is_a_name_is_that_paper(planner):
    r, plan = planner
    # The statements list the works; an item that is a bare name is its paper, not a description
    # to search (searched, "KerZOO" with the lead's words found other zeroth-order papers).
    p = plan("Two ZO LLM tuning papers claim to spare GPU time: P-GAP, and the kernel-based one, KerZOO. "
             "What saving does each give?")
    assert p.kind is Kind.COMPARATIVE and [x.split()[0] for x in compared(r, p)] == ["Towards", "KerZOO"]
    assert [t.by for t in p.targets] == ["name", "name"]
    # Negatives: a name the places leave out is kept (all three compared, a place picks a row) ...
    p = plan("ZO2 vs DistZO2 vs ZeroQAT: memory of the first, speed of the second?")
    assert len(p.targets) == 3
    # ... and an item that only carries the name as a word ("KerZOO-style kernels") is still described.
    p = plan("Two zeroth-order papers each claim big savings: KerZOO-style kernels, and the method offloading "
             "parameters to the CPU. What does each save?")
    assert p.kind is Kind.COMPARATIVE and [t.by for t in p.targets] == ["description", "description"]

def test_a_family_member_named_by_its_suffix(planner):
    r, plan = planner
    # "Infinity" names no paper alone; joined to ZeRO it is ZeRO-Infinity's name.
    p = plan("How do ZeRO and its Infinity sibling differ in memory use?")
    assert p.kind is Kind.COMPARATIVE and compared(r, p) == ["ZeRO", "ZeRO-Infinity"]
    # Negatives: a word no joined name carries, the plain lower-case word, a word of a longer name
    # and a capital opening a sentence are no paper.
    assert plan("How do ZeRO and Quxon differ in memory use?").kind is Kind.FACTOID
    p = plan("Does ZeRO scale to infinity and beyond?")
    assert p.kind is Kind.FACTOID and compared(r, p) == ["ZeRO"]
    assert "ZeRO-Infinity" not in compared(r, plan("Did the Frontier paper's ZeRO stage use Infinity Fabric links?"))
    assert plan("Does ZeRO save memory? Infinity is my cluster's name.").kind is Kind.FACTOID


def test_a_proper_nouns_possessive_work_is_a_definite_description(planner):
    r, plan = planner
    p = plan("Zyphra's MoE pretraining study vs the DeepSeek-V3 co-design paper: which interconnect did each use?")
    assert p.kind is Kind.COMPARATIVE and [x.split()[-1] for x in compared(r, p)] == ["Platform", "DeepSeek-V3"]
    # Negatives: the asker's own work is no paper, nor is a vague owner's work that finds none
    # clearly; a named paper's possessive is that paper.
    assert plan("our lab's MoE pretraining study vs the DeepSeek-V3 co-design paper: which interconnect did each use?").kind is Kind.FACTOID
    assert plan("Someone's pruning method vs the DeepSeek-V3 co-design paper: which interconnect did each use?").kind is Kind.FACTOID
    p = plan("FastSwitch's scheduling framework vs the DeepSeek-V3 co-design paper: which interconnect did each use?")
    assert [x.split()[-1] for x in compared(r, p)] == ["FastSwitch", "DeepSeek-V3"]


def test_a_guess_put_as_a_question_is_a_setting_to_check(planner):
    _, plan = planner
    p = plan("What energy did the weight-selection systolic paper save on CNNs, e.g. was it ResNet-18 on ImageNet?")
    assert {"ResNet-18", "ImageNet"} <= set(p.specifics)
    # Negatives: examples given as examples qualify nothing, nor do names a question offers as
    # members of a list ("for example, did they include A and B?").
    p = plan("What energy did the weight-selection systolic paper save on CNNs, e.g. ResNet-18 on ImageNet?")
    assert not {"ResNet-18", "ImageNet"} & set(p.specifics)
    p = plan("Which rivals did FastSwitch beat, for example did they include vLLM and Llumnix?")
    assert "Llumnix" not in p.specifics
