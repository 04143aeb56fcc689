

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
