

def test_spells_matches_an_acronym_to_its_words_only():
    from assistant.text import spells
    assert spells("CNNs", "deep convolutional neural networks") and spells("LLM", "large language models")
    assert not spells("GLUE", "we evaluate on SQuAD")
    assert not spells("MX", "mixed x")  # two letters match by accident too often: never
    assert not spells("cnn", "convolutional neural networks")  # lower case is a word, not an acronym
