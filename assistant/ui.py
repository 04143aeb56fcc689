"""The browser chat: a Gradio app over `Assistant.stream()`; it formats answers, nothing else.

Each browser session keeps its own conversation (a `gr.State`) and its own endpoint settings
(the settings fields are inputs of every request, so they never outlive the page, and the API
key is neither stored, logged, written to disk nor sent back to the page). Everything shown
that comes from the corpus or a model is HTML-escaped before Markdown renders it.

Papers can be added from the page (uploads.py checks and ingests them into the same index);
the header's paper count and the example questions come from the index. Per-session files (the
export) live in a private folder per session (ui_sessions.py); the server's defences (headers,
login throttle) are in ui_security.py. No `from __future__ import annotations` here: Gradio
must see `gr.Request` as a class, or it silently passes None.

Out of scope: user accounts, persistent chat history, removing papers from the browser.
"""

import html
import os
import re
import signal
from pathlib import Path

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

from .answer import Answer, Assistant, Delta, Status, Turn  # noqa: E402
from .errors import AssistantError  # noqa: E402
from .settings import Settings  # noqa: E402
from .uploads import UPLOAD_TYPES, add_uploads, collection_line, example_questions  # noqa: E402
from .ui_sessions import SessionFiles  # noqa: E402

MAX_SHOWN = 2000  # characters of a (rejected, huge) question kept for display

# Clicking a citation marker scrolls its source into view and highlights it.
HEAD = """
<script>
document.addEventListener("click", (event) => {
  const link = event.target.closest && event.target.closest('a[href^="#src-"]');
  if (!link) return;
  event.preventDefault();
  event.stopPropagation();
  const target = document.getElementById(link.getAttribute("href").slice(1));
  if (!target) return;
  target.scrollIntoView({behavior: "smooth", block: "center"});
  document.querySelectorAll(".source.active").forEach((el) => el.classList.remove("active"));
  target.classList.add("active");
}, true);
</script>
"""
CSS = """
.source { border-left: 3px solid #d0d7de; padding: 4px 10px; margin: 8px 0; }
.source.active { border-left-color: #e36209; background: rgba(227, 98, 9, 0.08); }
.source .meta { color: #57606a; font-size: 0.9em; }
.source blockquote { margin: 6px 0; font-size: 0.92em; }
#chat table td:first-child { white-space: nowrap; font-weight: 600; }
#chat table th:first-child, #chat table td:first-child { min-width: 7.5em; }
/* Words stay whole in comparison tables ("activatio / n"); a table too wide for the bubble scrolls. */
#chat table { display: block; overflow-x: auto; max-width: 100%; }
#chat table th, #chat table td { word-break: normal; overflow-wrap: normal; hyphens: manual; }
#upload-status ul { margin: 4px 0; padding-left: 1.2em; }
"""
# System fonts only: the theme's web fonts cannot load offline, and Chromium's fallback for
# them drew bold capitals as small caps ("Full-Stack ᴀMD").
FONTS = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "Liberation Sans",
         "DejaVu Sans", "Noto Sans", "sans-serif"]
MONO_FONTS = ["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "Liberation Mono", "DejaVu Sans Mono", "monospace"]
_EXAMPLE_SAMPLE = 2000  # records the example questions are drawn from: all of a small index, in ingest order


def theme():
    import gradio as gr

    return gr.themes.Default(font=FONTS, font_mono=MONO_FONTS)


def session_settings(base: Settings, url: str, model: str, key: str, top_k: float) -> Settings:
    from pydantic import SecretStr

    update: dict = {"top_k": int(top_k or base.top_k)}
    url = (url or "").strip()
    update["openai_base_url"] = url or None
    if model and model.strip():
        update["model"] = model.strip()
    if key and key.strip():
        update["openai_api_key"] = SecretStr(key.strip())
    elif url != (base.openai_base_url or ""):
        update["openai_api_key"] = None  # another endpoint must not get the server's key
    return base.model_copy(update=update)


def mode_text(s: Settings) -> str:
    if s.llm_configured:
        return f"**Mode:** LLM `{html.escape(s.model)}` at `{html.escape(s.openai_base_url)}`"
    return "**Mode:** extractive, no LLM configured (answers quote the abstracts)"


def render_answer(text: str, turn: int, markers: set[int] | None = None) -> str:
    """Escape HTML and Markdown link syntax (the text is data: no `<script>`, no `![](remote)`),
    then make each cited [n] a link to source n of this turn."""
    safe = html.escape(text, quote=False).replace("[", "\\[").replace("]", "\\]")

    def link(m: re.Match) -> str:
        n = int(m.group(1))
        return m.group() if markers is not None and n not in markers else f"[\\[{n}\\]](#src-{turn}-{n})"

    return re.sub(r"\\\[(\d+)\\\]", link, safe)


def render_message(answer: Answer, turn: int) -> str:
    parts = [render_answer(answer.text, turn, {c.marker for c in answer.citations})]
    if answer.notice:
        parts.append(f"\n\n*Note: {html.escape(answer.notice, quote=False)}*")
    for claim in answer.unsupported:  # the pipeline found no cited paper stating this
        parts.append(f"\n\n⚠️ *Unsupported by the cited papers:* “{render_answer(claim, turn, set())}”")
    return "".join(parts)


def render_sources(turns: list[Turn]) -> str:
    blocks = []
    for t_index in range(len(turns) - 1, -1, -1):
        t = turns[t_index]
        if not t.answer or not t.answer.sources:
            continue
        e = html.escape
        items = []
        for s in t.answer.sources:
            meta = " · ".join(x for x in (s.authors, s.date, s.venue, "listed in: " + ", ".join(s.pages) if s.pages else "") if x)
            items.append(
                f'<div class="source" id="src-{t_index + 1}-{s.marker}"><b>[{s.marker}] {e(s.title)}{", " + e(s.locator) if s.locator else ""}</b>'
                f'<div class="meta">{e(meta)}</div><blockquote>{e(s.passage[:1500])}</blockquote></div>'
            )
        blocks.append(f"<h4>Sources for: {e(t.question[:200])}</h4>" + "".join(items))
    return "".join(blocks) or "<p><i>Sources of each answer appear here.</i></p>"


def export_markdown(turns: list[Turn]) -> str:
    out = ["# Conversation with the paper assistant", ""]
    refs: dict[str, int] = {}
    for t in turns:
        if not t.answer:
            continue
        out += [f"**Q:** {t.question}", ""]
        text = t.answer.text
        # Renumber per conversation: one reference list for the whole export.
        mapping = {}
        for s in t.answer.sources:
            refs.setdefault(s.paper_id, len(refs) + 1)
            mapping[s.marker] = refs[s.paper_id]
        text = re.sub(r"\[(\d+)\]", lambda m: f"[{mapping.get(int(m.group(1)), m.group(1))}]", text)
        out += [f"**A:** {text}", ""]
    if refs:
        out += ["## References", ""]
        papers = {s.paper_id: s for t in turns if t.answer for s in t.answer.sources}
        for pid, n in sorted(refs.items(), key=lambda x: x[1]):
            s = papers[pid]
            meta = ", ".join(x for x in (s.authors, s.date, s.venue) if x)
            out.append(f"{n}. {s.title}" + (f", {s.locator}" if s.locator else "") + (f". {meta}" if meta else ""))
    return "\n".join(out) + "\n"


def build_app(assistant: Assistant, files: SessionFiles | None = None):
    import gradio as gr

    base = assistant.settings
    files = files or SessionFiles()

    def respond(question, turns, url, model, key, top_k, request: gr.Request):
        turns = list(turns or [])
        history = [m for i, t in enumerate(turns, 1) for m in _messages(t, i)]
        question = (question or "")
        session = session_settings(base, url, model, key, top_k)
        shown_q = question if len(question) <= 300 else question[:300] + "…"
        chat = history + [{"role": "user", "content": html.escape(shown_q, quote=False)}]
        try:
            worker = assistant.with_settings(session)
            partial = ""
            final = None
            for event in worker.stream(question, turns, session.top_k):
                if isinstance(event, Status) and session.llm_configured and not partial:
                    # A small local model can take a minute to its first token: say what is happening.
                    yield chat + [{"role": "assistant", "content": f"*{html.escape(event.text, quote=False)}*"}], turns, gr.skip(), gr.skip(), "", gr.skip()
                elif isinstance(event, Delta) and session.llm_configured:
                    partial += event.text
                    yield chat + [{"role": "assistant", "content": render_answer(partial, len(turns) + 1)}], turns, gr.skip(), gr.skip(), "", gr.skip()
                elif isinstance(event, Answer):
                    final = event
        except AssistantError as e:
            turns.append(Turn(question.strip()[:MAX_SHOWN], None, error=str(e)))
            # The question goes back into the box: a long paste must survive a failed answer.
            yield history + _messages(turns[-1], len(turns)), turns, gr.skip(), "", question, gr.skip()
            return
        turns.append(Turn(question.strip(), final))
        searched = ""
        if final.standalone_question and final.standalone_question != " ".join(question.split()):
            searched = f"*Searched for:* {html.escape(final.standalone_question, quote=False)}"
        path = files.folder(request.session_hash) / "conversation.md"
        path.write_text(export_markdown(turns), encoding="utf-8")
        path.chmod(0o600)
        yield (history + _messages(turns[-1], len(turns)), turns, render_sources(turns), searched, "",
               gr.update(value=str(path), interactive=True))

    def test_connection(url, model, key, top_k):
        session = session_settings(base, url, model, key, top_k)
        if not session.llm_configured:
            return "No endpoint set: answers are extractive. Enter an endpoint URL to use an LLM."
        from .llm import LLMClient

        try:
            return "✅ " + html.escape(LLMClient(session).check(), quote=False)
        except AssistantError as e:
            return "❌ " + html.escape(str(e), quote=False)

    def new_conversation(request: gr.Request):
        files.drop(request.session_hash)  # the old transcript goes with the conversation
        return [], [], render_sources([]), "", gr.update(value=None, interactive=False)

    def header_text() -> str:
        assistant.retriever.refresh()  # another session or `assistant ingest` may have added papers
        return f"## Paper assistant\n{collection_line(len(assistant.retriever.papers))}"

    def add_papers(files, progress=gr.Progress()):
        if not files:
            return gr.skip(), gr.skip(), gr.skip()
        pairs = [(Path(f), Path(f).name) for f in files]  # Gradio keeps the uploaded name
        try:
            lines, _ = add_uploads(pairs, base, progress=lambda frac, desc: progress(frac, desc=desc))
        except AssistantError as e:
            lines = [f"✗ {e}"]
        items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
        return f"<ul>{items}</ul>", header_text(), gr.update(value=None)

    with gr.Blocks(title="Paper assistant") as app:
        turns_state = gr.State([])
        header = gr.Markdown(header_text(), elem_id="collection")
        mode = gr.Markdown(mode_text(base), elem_id="mode")
        with gr.Row():
            with gr.Column(scale=3):
                chatbot = gr.Chatbot(label="Conversation", height=560, elem_id="chat", latex_delimiters=[],
                                     buttons=["copy", "copy_all"], feedback_options=None)
                question = gr.Textbox(placeholder="Ask a question about the papers…", show_label=False,
                                      elem_id="question", submit_btn=True, max_lines=6)
                searched = gr.Markdown(elem_id="searched")
                gr.Examples(example_questions(assistant.retriever.records.sample(_EXAMPLE_SAMPLE)), inputs=question,
                            label="Examples")
                with gr.Row():
                    clear = gr.Button("New conversation", size="sm")
                    download = gr.DownloadButton("Download as Markdown", size="sm", interactive=False, elem_id="download")
            with gr.Column(scale=2):
                sources = gr.HTML(render_sources([]), elem_id="sources", label="Sources")
                with gr.Accordion("Add papers (PDF, .bib, .md, .txt, .html)", open=False, elem_id="add-papers"):
                    upload = gr.File(label=f"Files (several at once; up to {base.upload_max_mb:g} MB each)",
                                     file_count="multiple", file_types=UPLOAD_TYPES, elem_id="upload")
                    upload_status = gr.HTML(elem_id="upload-status")
                with gr.Accordion("Settings (this browser session only)", open=False, elem_id="settings"):
                    url = gr.Textbox(label="Endpoint URL (OpenAI-compatible, ends in /v1; empty = extractive)",
                                     value=base.openai_base_url or "", elem_id="endpoint")
                    model = gr.Textbox(label="Model", value=base.model, elem_id="model")
                    key = gr.Textbox(label="API key (kept in this page only)", type="password", value="", elem_id="apikey")
                    top_k = gr.Slider(1, 30, value=base.top_k, step=1, label="Papers to retrieve", elem_id="topk")
                    test = gr.Button("Test connection", size="sm", elem_id="test")
                    status = gr.Markdown(elem_id="status")
        inputs = [question, turns_state, url, model, key, top_k]
        outputs = [chatbot, turns_state, sources, searched, question, download]
        # Undocumented, not private: gradio_client must reach it to test session separation.
        question.submit(respond, inputs, outputs, api_name="chat", api_visibility="undocumented")
        test.click(test_connection, [url, model, key, top_k], status, api_visibility="private")
        # One queue slot for these cheap updates: replies in the order of the edits, so the last
        # edit's text is the one shown (two in flight could otherwise land in reverse order).
        gr.on([url.change, model.change], lambda u, m, k, t: mode_text(session_settings(base, u, m, k, t)),
              [url, model, key, top_k], mode, api_visibility="private", concurrency_limit=1, trigger_mode="always_last")
        upload.upload(add_papers, upload, [upload_status, header, upload], api_visibility="private")
        app.load(header_text, None, header, api_visibility="private")
        clear.click(new_conversation, None, [chatbot, turns_state, sources, searched, download], api_visibility="private")

        def ask(question: str, k: int = 0) -> dict:
            """Answer a question with the server's settings; returns the Answer as JSON."""
            try:
                return assistant.ask(question, k=max(1, min(int(k), 100)) if k else None).to_json()
            except AssistantError as e:
                return {"error": str(e)}

        gr.api(ask, api_name="ask")

        def end_session(request: gr.Request):
            files.drop(request.session_hash)

        app.unload(end_session)
    return app


def _messages(turn: Turn, index: int) -> list[dict]:
    shown_q = turn.question if len(turn.question) <= 300 else turn.question[:300] + "…"
    out = [{"role": "user", "content": html.escape(shown_q, quote=False)}]
    if turn.answer:
        out.append({"role": "assistant", "content": render_message(turn.answer, index)})
    elif turn.error:
        out.append({"role": "assistant", "content": f"⚠️ {html.escape(turn.error, quote=False)}"})
    return out


def launch(assistant: Assistant, host: str, port: int, auth: tuple[str, str] | None):
    from starlette.middleware import Middleware

    from .ui_security import SecurityMiddleware

    s = assistant.settings
    files = SessionFiles()
    # Before gradio is imported: its cache (uploads, served files) lives in the private root too.
    os.environ["GRADIO_TEMP_DIR"] = str(files.root)

    def stop(signum, frame):
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second TERM must not interrupt the clean-up
        raise KeyboardInterrupt  # Gradio's main loop closes the server on it, then we clean up

    signal.signal(signal.SIGTERM, stop)
    try:
        app = build_app(assistant, files)
        # Not a handful: eight LLM sessions streaming from an endpoint must not wait for each other.
        app.queue(default_concurrency_limit=s.ui_concurrency, max_size=max(64, 4 * s.ui_concurrency))
        middleware = [Middleware(SecurityMiddleware, max_failures=s.login_max_failures, lockout_s=s.login_lockout_s)]
        app.launch(server_name=host, server_port=port, auth=auth, inbrowser=False, ssr_mode=False,
                   show_error=False, quiet=False, head=HEAD, css=CSS, theme=theme(), app_kwargs={"middleware": middleware},
                   max_file_size=int(s.upload_max_mb * 1024 * 1024))
    finally:
        files.close()
