"""The exception hierarchy. Every error a user can cause or meet derives from `AssistantError`
and carries a message that says what failed and what to do; the CLI and UI show that message
as it is, never a traceback.

    AssistantError
    ├── ConfigError        a setting is missing or invalid
    ├── CorpusError        a source file cannot be parsed (reported and skipped at ingest)
    ├── EmbeddingError     the embedding model is missing, corrupt or unreachable
    ├── IndexError_        the vector store is unreachable, locked or empty
    │   ├── IndexBusyError another ingest holds the lock
    │   ├── StoreCorruptError the database is unreadable (0 bytes, truncated, garbled): rebuild it
    │   └── ConfirmationNeeded a prune/remove would delete many papers and nobody said --yes
    └── LLMError           the OpenAI-compatible endpoint failed (connection, auth, model, timeout)
"""


class AssistantError(Exception):
    """Base class: the message is meant for the user."""


class ConfigError(AssistantError):
    pass


class CorpusError(AssistantError):
    pass


class EmbeddingError(AssistantError):
    pass


class IndexError_(AssistantError):  # trailing underscore: the builtin IndexError is unrelated
    pass


class IndexBusyError(IndexError_):
    pass


class StoreCorruptError(IndexError_):
    pass


class ConfirmationNeeded(IndexError_):
    pass


class LLMError(AssistantError):
    pass
