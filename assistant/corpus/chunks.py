"""Page locators for chunks: after llama-index's `SentenceSplitter` cuts a paper's full text,
each chunk learns the page it starts on and the page it ends on.

The keys are `PAGE` ("page", 1-based, the PDF page as a viewer numbers it) and `PAGE_END`;
chunks of papers without pages (listing entries, BibTeX entries, Markdown documents) carry
neither. Out of scope: section names as locators, page labels printed on the page.
"""

from __future__ import annotations

PAGE = "page"
PAGE_END = "page_end"


def add_pages(paper, nodes) -> None:
    """Set `page`/`page_end` on each node of `paper` (in order) from where its text lies."""
    if not paper.page_starts:
        return
    text = paper.text
    cursor = 0
    for node in nodes:
        body = node.text
        probe = body[:80]
        start = text.find(probe, cursor)
        if start < 0:
            start = text.find(probe)
        if start < 0:  # the splitter normalised whitespace: fall back to its own offsets
            start = node.start_char_idx if node.start_char_idx is not None else cursor
        end = max(start, start + len(body) - 1)
        node.metadata[PAGE] = paper.page_at(start)
        node.metadata[PAGE_END] = paper.page_at(end)
        cursor = max(cursor, start + 1)
