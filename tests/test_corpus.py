"""Parsing the three page layouts into paper records. The expected numbers were counted by
reading the seed files by hand (see the README's corpus section)."""

from __future__ import annotations

import pytest

from assistant.corpus import load_corpus, parse_file, parse_text, plain_title
from assistant.errors import CorpusError

from .conftest import SEEDS

# Entries per page, counted by hand; three papers appear on both Daily Papers pages.
EXPECTED_PER_FILE = {
    "000_63b382e736ceb520.txt": 8,  # profile of Zhenhua Zhu ("8 Papers")
    "001_99f299ba90e37983.txt": 26,  # Daily Papers
    "002_f7e258868cfa70bc.txt": 30,  # profile of Shaoyi Huang ("30 Papers")
    "003_3dd6cb56acdc61b4.txt": 50,  # Daily Papers
    "004_a47dc055e8f78ddf.txt": 6,  # publications of Xiaofan Zhang, the last entry untitled
}
EXPECTED_UNIQUE = 117


@pytest.fixture(scope="module")
def corpus():
    return load_corpus([SEEDS])


def by_title(corpus, prefix):
    found = [p for p in corpus.papers if p.title.startswith(prefix)]
    assert len(found) == 1, f"{prefix!r}: {len(found)} matches"
    return found[0]


def test_counts_per_page_and_after_merging(corpus):
    assert corpus.per_file == EXPECTED_PER_FILE
    assert corpus.skipped == {}
    assert len(corpus.papers) == EXPECTED_UNIQUE
    assert len({p.id for p in corpus.papers}) == EXPECTED_UNIQUE


def test_exact_duplicates_merge_and_remember_both_pages(corpus):
    both = sorted(p.title for p in corpus.papers if len(p.sources) == 2)
    assert both == [
        "DenseShift: Towards Accurate and Transferable Low-Bit Shift Network",
        "Reducing Inference Energy Consumption Using Dual Complementary CNNs",
        "ZeRO: Memory Optimizations Toward Training Trillion Parameter Models",
    ]
    zero = by_title(corpus, "ZeRO: Memory")
    assert zero.sources == ["001_99f299ba90e37983.txt", "003_3dd6cb56acdc61b4.txt"]


def test_two_versions_of_one_paper_stay_two_records(corpus):
    # Same system, different title and abstract on two pages: not an exact duplicate.
    assert len([p for p in corpus.papers if p.title.startswith("SSDTrain")]) == 2


def test_profile_layout_fields(corpus):
    epim = by_title(corpus, "EPIM:")
    assert epim.category == "AR" and epim.date == "2023-11-12" and epim.year == 2023
    assert epim.authors == ["Chenyu Wang", "Zhen Dong", "Daquan Zhou"]
    assert epim.authors_truncated and epim.author_count is None
    assert epim.affiliation == "berkeley"
    assert "71.59% top-1 accuracy" in epim.abstract
    dbsp = by_title(corpus, "db-SP:")
    assert dbsp.category == "CV" and dbsp.date == "2025-11-28" and dbsp.has_code  # "CVNov 28, 2025Code"
    late = by_title(corpus, "Late Breaking Results")
    assert late.date == "Jan 29" and late.year is None and late.has_code  # "LGJan 29Code"
    assert epim.profiles == ["Zhenhua Zhu"]
    two = by_title(corpus, "Enhanced Computationally Efficient Long LoRA")
    assert two.authors == ["Kaleel Mahmood", "Shaoyi Huang"] and not two.authors_truncated and two.author_count == 2


def test_daily_layout_fields(corpus):
    m3 = by_title(corpus, "M$^3$ViT")
    assert m3.author_count == 9 and m3.date == "2022-10-26" and m3.authors == []
    s0 = by_title(corpus, "S0 Tuning")
    assert s0.date == "Apr 1" and s0.upvotes == 3  # "Apr 1 3": date, then upvotes
    nvme = by_title(corpus, "Adding NVMe SSDs")
    assert nvme.date == "2024-03-11" and nvme.upvotes == 4
    deepseek = by_title(corpus, "Insights into DeepSeek-V3")
    assert deepseek.affiliation == "DeepSeek" and deepseek.author_count is None and deepseek.upvotes == 5
    mobiletl = by_title(corpus, "MobileTL")  # no footer at all on the page
    assert mobiletl.date is None and mobiletl.author_count is None and len(mobiletl.abstract) > 1000
    last = by_title(corpus, "Supervised Compression for Resource-Constrained")  # file ends without newline
    assert last.date == "2021-08-21" and last.author_count == 4
    # The page-header date ("Apr 17", "Jan 20") is not a paper.
    assert not any(p.title in {"Apr 17", "Jan 20"} for p in corpus.papers)


def test_publications_layout_fields(corpus):
    ssd = by_title(corpus, "SSDTrain: Faster")
    assert ssd.venue == "Design Automation Conference (DAC)" and ssd.year == 2025
    assert ssd.authors[:2] == ["Kun Wu", "Jeongmin Brian Park"] and ssd.author_count == 7
    assert "Mert Hidayetoğlu" in ssd.authors
    auto = by_title(corpus, "AutoAI2C")
    # The abstract runs over two lines on the page; both are kept.
    assert auto.abstract.endswith("validating the effectiveness and advantages of AutoAI2C")
    assert "resource consumption using a customized graph-based" in auto.abstract
    assert ssd.profiles == ["Xiaofan Zhang"]
    ehd = by_title(corpus, "EH-DNAS")
    assert ehd.venue.startswith("ICML 2023 Workshop") and ehd.year == 2023


def test_untitled_entry_gets_a_display_name(corpus):
    untitled = [p for p in corpus.papers if not p.title_listed]
    assert len(untitled) == 1
    assert untitled[0].title == "AutoDistill (untitled entry)"
    assert untitled[0].authors == [] and untitled[0].venue is None


def test_latex_titles_have_a_plain_form():
    assert plain_title("M$^3$ViT: Mixture-of-Experts") == "m3vit mixture of experts"
    assert plain_title("Mert Hidayetoğlu") == "mert hidayetoglu"


def test_broken_files_are_reported_not_fatal(tmp_path):
    (tmp_path / "good.txt").write_bytes((SEEDS / "000_63b382e736ceb520.txt").read_bytes())
    (tmp_path / "latin1.txt").write_bytes("Daily Papers\n\nCaf\xe9 na\xefve\n".encode("latin-1"))
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "random.txt").write_text("just some notes\nnothing like a listing\n")
    report = load_corpus([tmp_path])
    assert report.per_file == {"good.txt": 8}
    assert set(map(lambda s: s.rsplit("/", 1)[-1], report.skipped)) == {"latin1.txt", "empty.txt", "random.txt"}
    assert "UTF-8" in next(v for k, v in report.skipped.items() if k.endswith("latin1.txt"))


def test_truncated_file_keeps_complete_entries(tmp_path):
    text = (SEEDS / "002_f7e258868cfa70bc.txt").read_text()
    cut = text[: text.index("Zero-Space Cost Fault Tolerance") + 200]  # mid-way through entry 17
    f = tmp_path / "cut.txt"
    f.write_text(cut)
    papers = parse_file(f)
    assert len(papers) == 17
    assert papers[-1].title.startswith("Zero-Space Cost Fault Tolerance")


def test_unknown_layout_raises():
    with pytest.raises(CorpusError, match="unrecognised page layout"):
        parse_text("hello\nworld\n", "x.txt")


def test_a_title_head_ends_at_a_colon_before_a_space_not_inside_a_token():
    from assistant.corpus import title_head
    assert title_head("ZO2: Scalable Zeroth-Order Fine-Tuning") == "ZO2"
    assert title_head("M$^3$ViT: Mixture-of-Experts Vision Transformer") == "M$^3$ViT"
    # "N:M sparsity", "2:4": a ratio's colon is no title separator.
    assert title_head("Efficient N:M Sparse DNN Training Using Algorithm, Architecture, and Dataflow Co-Design") is None
    assert title_head("Accelerating 2:4 Sparse Training: A Study") == "Accelerating 2:4 Sparse Training"
    assert title_head("A title without one") is None
