"""Answering: evidence (evidence.py, with what a paper does not report: absence.py) -> composers
(extractive.py, records.py, llm_composer.py) -> checked citations (citations.py), with follow-ups
rewritten first (conversation.py);
`service.Assistant` wires them into the one answering function.

Out of scope: retrieval (assistant/retrieval/), formatting (cli.py, ui.py).
"""

from ..models import CANNOT_ANSWER, CITATION_EXAMPLE, Answer, Citation, Delta, Source, Status, Turn
from ..text import MARKER, sentences
from .citations import normalise_markers
from .service import MAX_QUESTION_CHARS, Assistant, answer, check_question

__all__ = ["CANNOT_ANSWER", "CITATION_EXAMPLE", "MARKER", "MAX_QUESTION_CHARS", "Answer", "Assistant", "Citation",
           "Delta", "Source", "Status", "Turn", "answer", "check_question", "normalise_markers", "sentences"]
