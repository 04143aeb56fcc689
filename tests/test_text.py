

def test_spells_matches_an_acronym_to_its_words_only():
    from assistant.text import spells
    assert spells("CNNs", "deep convolutional neural networks") and spells("LLM", "large language models")
    assert not spells("GLUE", "we evaluate on SQuAD")
    assert not spells("MX", "mixed x")  # two letters match by accident too often: never
    assert not spells("cnn", "convolutional neural networks")  # lower case is a word, not an acronym


def test_a_hyphenated_term_covers_its_words():
    from assistant.text import coverage

    assert coverage(["mixture-of-experts"], "We study Mixture of Experts (MoE) models.") == 1.0
    # Negative: the words apart, or some missing, are not the term.
    assert coverage(["mixture-of-experts"], "A mixture of methods for experts.") == 0.0


def test_weighted_coverage_counts_a_rare_word_more_than_a_common_one():
    from assistant.text import coverage
    weights = {"crossbar": 4.0, "memory": 0.5}
    # A text with only the common word covers little of the topic's weight ...
    assert coverage(["crossbar", "memory"], "GPU memory is scarce", weights) < 0.15
    # ... one with the rare word most of it.
    assert coverage(["crossbar", "memory"], "a crossbar array computes in place", weights) > 0.85
    # Negative: without weights every word counts the same.
    assert coverage(["crossbar", "memory"], "GPU memory is scarce") == 0.5


def test_a_digit_inside_a_name_is_no_quantity():
    from assistant.text import quantities
    assert quantities("M^3ViT cuts 88% of FLOPs; M^{3}ViT runs on one FPGA") == ["88%"]
    # Negative: numbers with their units, and bare counts, stay.
    assert quantities("3x faster on 8 GPUs with 18GB and 4-bit weights, 2.5 times less") == ["3x", "8 GPUs", "18GB", "4-bit", "2.5 times"]


def test_a_number_glued_to_an_si_unit_is_a_quantity():
    from assistant.text import quantities
    assert quantities("taped out as a 28nm 512Kb SRAM macro at 5 pJ per op in 3.2mm2") == ["28nm", "512Kb", "5 pJ", "3.2mm2"]
    # Negative: letters that are no unit keep a digit in a name ("3D", "2nd", "5G", "Qwen3-4B").
    assert quantities("a 3D model, the 2nd run, 5G links and Qwen3-4B on A100s") == []


def test_list_item_numbers_are_no_quantities():
    from assistant.text import quantities
    assert quantities("It has three parts: 1) pruning, 2) duplication and (3) voting") == []
    assert quantities("1. A reports up to 1.65x.\n2. B reports 40%.") == ["1.65x", "40%"]  # a model's numbered list
    # Negative: a count inside parentheses, and a number with its unit before ")", stay.
    assert quantities("trained on 8 GPUs (A100 x 8) for a speedup (up to 3.5x)") == ["8 GPUs", "8", "3.5x"]
    assert quantities("The speedup reaches 3. It uses 8 GPUs.") == ["3", "8 GPUs"]  # mid-line: a number


def test_an_acronym_s_plural_stems_to_its_singular():
    from assistant.text import stem
    # Snowball keeps "llms" whole (no vowel before the s): "LLMs" must match "LLM".
    assert stem("LLMs") == stem("LLM") and stem("CNNs") == stem("cnn")
    # Negatives: a word with a vowel keeps Snowball's stem; a short one is left alone.
    assert stem("this") == "this" and stem("methods") == "method" and stem("NNs") == "nns"


def test_an_abbreviation_is_defined_by_the_words_its_letters_begin():
    from assistant.retrieval.abbreviations import definitions, looks_abbreviated
    assert definitions("ViT", "We put experts into a vision transformer (ViT) for tasks.") == ["vision transformer"]
    assert definitions("GNN", "Training Graph Neural Networks (GNNs) is costly.") == ["graph neural network"]
    assert definitions("PIM", "Processing-In-Memory (PIM) accelerators") == ["processing-in-memory"]
    # Negative: a parenthesis that is no abbreviation of the words before it.
    assert definitions("CPU", "It runs on a large cluster (CPU only).") == []
    assert definitions("SQL", "a text-to-SQL benchmark (SQL) of queries") == []  # the letters inside one word only
    assert not looks_abbreviated("Spider") and not looks_abbreviated("x86") and looks_abbreviated("ViT")


def test_a_word_is_found_whatever_its_hyphens():
    from assistant.text import coverage

    assert coverage(["codesign"], "a model-accelerator co-design for FPGAs") == 1.0
    assert coverage(["pre-training"], "we study pretraining at scale") == 1.0
    # Negative: its letters across two words are not the word.
    assert coverage(["codesign"], "we design code generators") == 0.0


def test_a_sentence_that_lost_its_space_still_ends():
    from assistant.text import sentences

    assert sentences("FooNet halves memory on QuxSet.We release the code.") == ["FooNet halves memory on QuxSet.", "We release the code."]
    # Negatives: a name or address with a dot inside, an abbreviation.
    assert sentences("We ship nn-Foo.web and github.com/Bar today.") == ["We ship nn-Foo.web and github.com/Bar today."]
    assert sentences("It runs on LLM.int8 layers.") == ["It runs on LLM.int8 layers."]


def test_a_number_glued_to_a_latex_command_is_a_number():
    from assistant.text import quantities
    # A scraped abstract's "\approx 35\%" loses its space: "(approx35%)".
    assert quantities("a cut in latency (approx35%) and sim4x less memory") == ["35%", "4x"]
    # Negative: a digit inside a word is part of a name.
    assert quantities("the Qwen3 and v2 models, foo2x") == []


def test_a_hyphenated_compound_spells_its_acronym_with_its_small_words():
    from assistant.text import spells
    assert spells("SOTA", "faster than state-of-the-art kernels")
    # Negatives: unhyphenated, its small words are dropped; the order of initials matters.
    assert not spells("SOTA", "the state of the art")
    assert not spells("TOSA", "state-of-the-art")


def test_a_contracted_interrogative_in_lower_case_starts_a_sentence():
    from assistant.text import sentences
    # Chat in lower case: "what's" and "who'd" start the question as "what" and "who" do.
    assert sentences("one kernel signals its peers early. what's its best-case gain?") == ["one kernel signals its peers early.", "what's its best-case gain?"]
    assert len(sentences("a tool for schedules. who'd cite it?")) == 2
    # Negatives: mid-sentence, or run together without its apostrophe.
    assert len(sentences("it is not clear what's meant. whats the gain")) == 1
    assert len(sentences("the gain is 2x. so what's new")) == 1


def test_v_dot_s_dot_ends_no_sentence():
    from assistant.text import sentences
    assert len(sentences("What does the INT v.s. FP study find? And the other one?")) == 2
    # Negative: a sentence ending in "vs." before a new one still ends at its question mark.
    assert len(sentences("Compare FooNet v.s. BarNet. Then the next one.")) == 2


def test_a_letter_after_a_hyphen_is_no_initial():
    from assistant.text import sentences
    # "Level-B." ends its sentence; only a letter standing alone is an initial ("J. Doe").
    assert sentences("Both target Level-B. what does each of them cost?") == ["Both target Level-B.", "what does each of them cost?"]
    # Negatives: an initial and a figure number end no sentence.
    assert len(sentences("The tool by J. Doe is fast.")) == 1
    assert len(sentences("As in Fig. 3 it is fast.")) == 1


def test_a_superscript_glued_inside_a_word_joins_it():
    from assistant.text import glued_superscripts, plain_latex
    assert glued_superscripts("M^3ViT and M^{3}ViT") == "M3ViT and M3ViT"
    assert plain_latex("M$^3$ViT") == "M3ViT"
    # Negatives: a power after a number or a unit, or ending a word, stays.
    assert glued_superscripts("O(n^2) in 3.2 mm^2") == "O(n^2) in 3.2 mm^2"


def test_a_quote_s_abbreviation_is_spelt_out_from_where_its_paper_defines_it():
    from assistant.retrieval.abbreviations import glossary
    paper = "We train with a sparse mixture of experts (SMoE). Our SMoE layer halves the cost. It runs on TPUs."
    assert glossary(["Our SMoE layer halves the cost."], paper) == [("SMoE", "sparse mixture of experts")]
    # Negatives: a quote defining it itself needs no gloss; an abbreviation the paper never defines gets none.
    assert glossary(["We train with a sparse mixture of experts (SMoE)."], paper) == []
    assert glossary(["It runs on TPUs."], paper) == []


def test_a_lower_case_question_or_request_after_a_statement_starts_a_sentence():
    from assistant.text import sentences

    # Chat drops capitals: a question to its question mark, or a request, starts a sentence.
    assert len(sentences("there are two QuxNet write-ups. do they report the same speedup?")) == 2
    assert len(sentences("a friend said QuxNet beats BarLib. by what margin does it win, and where?")) == 2
    assert len(sentences("three tools: FooA, FooB and FooC. give me each one's best figure.")) == 2
    # Negatives: an abbreviation before the lower case, a statement going on, a comparison after "vs.".
    assert len(sentences("QuxNet uses tricks, e.g. how it tiles the cache?")) == 1
    assert len(sentences("QuxNet is fast. it runs on phones.")) == 1
    assert len(sentences("How does QuxNet do vs. the BarLib baseline?")) == 1


def test_a_word_a_suffix_makes_a_kind_of_covers_the_term():
    from assistant.text import coverage

    # "microcontroller-class devices" are microcontrollers; "GPU-like" parts are GPUs.
    assert coverage(["microcontroller-class"], "QuxNet runs on microcontrollers with 256KB of memory.") == 1.0
    assert coverage(["accelerator-like"], "QuxNet builds an accelerator for sparse layers.") == 1.0
    # Negatives: "backprop-free" says the word is absent; "forward-only" restricts it; a short stem.
    assert coverage(["backprop-free"], "QuxNet trains with backprop.") == 0.0
    assert coverage(["forward-only"], "QuxNet uses forward passes.") == 0.0
    assert coverage(["ai-class"], "QuxNet is an AI chip.") == 0.0


def test_an_amount_in_words_is_a_magnitude_not_a_quantity():
    from assistant.text import magnitudes, quantities

    # "hundreds of layers" answers "how deep"; it is no number for the checks of stated figures.
    assert magnitudes("It trains GNNs with up to hundreds of layers.") == ["hundreds of"]
    assert quantities("It trains GNNs with up to hundreds of layers.") == []
    # Negatives: a plain plural, and a number.
    assert magnitudes("It trains on hundreds.") == [] and magnitudes("It trains 12 layers.") == []


def test_a_numeronym_is_spelt_out_by_its_linking_word():
    from assistant.text import spells
    # "2" says "to" and "4" says "for", between the words the letters begin.
    assert spells("e2e", "gives a 2x End-to-End gain") and spells("P2P", "via peer to peer links")
    assert spells("b4b", "a bench for baselines")
    # Negatives: the letters alone, another linking word, or no link at all.
    assert not spells("e2e", "at the end of each epoch")
    assert not spells("e2e", "end-for-end")
    assert not spells("p2p", "peer links")


def test_a_hyphenated_term_covers_its_words_however_they_are_joined():
    from assistant.text import coverage
    # "in-place-tiling" is written "In-Place Tiling" too: hyphens and spaces mixed.
    assert coverage(["blaze", "in-place-tiling"], "Enabling In-Place Tiling (IPT) for Blaze kernels") == 1.0
    # Negative: the words apart, or in another order, are not the term.
    assert coverage(["blaze", "in-place-tiling"], "Blaze kernels tile in-place with loop tiling") == 0.5
    assert coverage(["in-place-tiling"], "tiling in-place") == 0.0
