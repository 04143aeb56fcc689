"""The `assistant` command line: thin over corpus, index and retrieval; formats only."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .errors import AssistantError


def _settings():
    from .settings import Settings

    try:
        return Settings()
    except Exception as e:  # pydantic's ValidationError: show which variable is wrong
        raise click.ClickException(f"invalid setting: {e}") from None


class _Group(click.Group):
    """Turns every AssistantError into one clear line and a non-zero exit, never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except AssistantError as e:
            raise click.ClickException(str(e)) from None
        except KeyboardInterrupt:
            click.echo("interrupted; the index is as it was before the last completed batch.", err=True)
            sys.exit(130)


@click.group(cls=_Group)
@click.version_option(package_name="paper-assistant")
def cli():
    """Chat with a corpus of research papers, with citations. Works offline.

    Quick start:

        assistant ingest                 # index the pages in seeds/

        assistant retrieve "zeroth-order fine-tuning" -k 5

        assistant papers --json          # every parsed paper record

    Settings come from environment variables: ASSISTANT_DATA_DIR (where the index lives),
    ASSISTANT_CHROMA_HOST/PORT (use a Chroma server), OPENAI_BASE_URL, OPENAI_API_KEY and
    ASSISTANT_MODEL (an OpenAI-compatible LLM).
    """


def _confirm(yes: bool):
    """Asks before a removal of many papers; a script (no terminal) must say --yes."""

    def ask(titles: list[str]) -> bool:
        if yes:
            return True
        if not sys.stdin.isatty():
            return False
        click.echo(f"This removes {len(titles)} papers from the index:", err=True)
        for t in titles[:20]:
            click.echo(f"  - {t}", err=True)
        if len(titles) > 20:
            click.echo(f"  ... and {len(titles) - 20} more", err=True)
        return click.confirm("Remove them?", default=False, err=True)

    return ask


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--prune", "--sync", "prune", is_flag=True,
              help="Also remove indexed papers not found under PATHS (the index mirrors PATHS).")
@click.option("--yes", "-y", is_flag=True, help="Do not ask before a --prune removes many papers (for scripts).")
@click.option("--rebuild", is_flag=True,
              help="Start afresh: move the current (e.g. corrupt) database aside, kept not deleted, and index PATHS.")
def ingest(paths, quiet, prune, yes, rebuild):
    """Add and update the paper pages under PATHS (default: seeds/).

    New papers are embedded, changed ones replaced, unchanged ones cost nothing. Papers indexed
    from elsewhere are kept unless --prune is given (then a removal of many asks first).
    """
    from .index import ingest as run_ingest

    settings = _settings()
    paths = list(paths) or [settings.seeds_dir]
    for p in paths:
        if not p.exists():
            raise click.ClickException(f"path not found: {str(p)!r}")
    if rebuild:
        from .index import ingest_lock
        from .store_health import rebuild as move_aside

        with ingest_lock(settings):
            aside = move_aside(settings)
        if aside:
            click.echo(f"moved the old index to {aside} (delete it once the new one works)", err=True)
    bar = files_bar = None

    def on_file(i, n, path):
        nonlocal files_bar
        if quiet:
            return
        if files_bar is None:
            from tqdm import tqdm

            files_bar = tqdm(total=n, desc="reading", unit="file", file=sys.stderr)
        files_bar.set_postfix_str(path.name[-40:])
        files_bar.update(i - files_bar.n)

    def progress(done, total):
        nonlocal bar
        if quiet:
            return
        if bar is None:
            from tqdm import tqdm

            bar = tqdm(total=total, desc="embedding", unit="chunk", file=sys.stderr)
        bar.update(done - bar.n)

    try:
        report = run_ingest(paths, settings, progress=progress, prune=prune, confirm=_confirm(yes), on_file=on_file)
    finally:
        for b in (files_bar, bar):
            if b:
                b.close()
    for line in file_summaries(report):
        click.echo(line)
    for f, reason in report.skipped.items():
        click.echo(f"skipped {f}: {reason}", err=True)
    if report.removed:
        shown = report.removed[:10]
        click.echo("removed: " + "; ".join(shown) + (f"; and {len(report.removed) - 10} more" if len(report.removed) > 10 else ""))
    click.echo(
        f"{len(report.added)} added, {len(report.updated)} updated, {len(report.removed)} removed, "
        f"{report.unchanged} unchanged, {len(report.skipped)} files skipped; {report.chunks_embedded} chunks embedded"
        + ("" if report.changed else " (nothing to do)")
    )
    if report.kept:
        click.echo(f"{report.kept} indexed papers not under {', '.join(map(str, paths))} were kept (--prune removes them).")


@cli.command()
@click.argument("targets", nargs=-1, required=True)
@click.option("--yes", "-y", is_flag=True, help="Do not ask before removing many papers (for scripts).")
def remove(targets, yes):
    """Remove papers from the index by paper id or by the page (file or folder) that listed them.

    A paper also listed by another page stays. See `assistant papers` for the ids.
    """
    from .removal import remove as run_remove

    report = run_remove(list(targets), _settings(), confirm=_confirm(yes))
    for t in report.removed:
        click.echo(f"removed: {t}")
    for t, others in report.kept.items():
        click.echo(f"kept: {t} (also listed in {', '.join(others)})")
    click.echo(f"{len(report.removed)} removed, {len(report.kept)} kept")


def file_summaries(report) -> list[str]:
    """One line per file read: how it was read, then what changed among its papers."""
    width = max((len(f) for f in report.read_as), default=0)
    lines = []
    for f, how in report.read_as.items():
        counts = report.changes_by_file.get(f, {})
        change = ", ".join(f"{n} {what}" for what in ("added", "updated", "unchanged") if (n := counts.get(what)))
        lines.append(f"{f:<{width}}  {how}" + (f" ({change})" if change else ""))
    return lines


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def papers(paths, as_json):
    """List the indexed papers, or the papers parsed from PATHS if given."""
    if paths:
        from .corpus import load_corpus

        report = load_corpus(list(paths))
        for f, reason in report.skipped.items():
            click.echo(f"skipped {f}: {reason}", err=True)
        found = report.papers
    else:
        from .index import Store

        found = Store(_settings()).papers()
        if not found:
            raise click.ClickException("the index is empty: run `assistant ingest` first.")
        found.sort(key=lambda p: (p.sources[0], p.title))
    keys = ["id", "title", "authors", "author_count", "date", "venue", "affiliation", "category", "sources", "abstract"]
    for p in found:
        d = p.to_dict()
        if as_json:
            click.echo(json.dumps({k: d[k] for k in keys} | {"authors_truncated": p.authors_truncated, "year": p.year,
                                                             "doi": p.doi, "url": p.url, "pages": p.pages or None}))
        else:
            click.echo(f"{p.id}  {p.date or '----':10}  {p.title}  [{', '.join(p.sources)}]")


@cli.command()
@click.argument("question")
@click.option("-k", "k", type=click.IntRange(1, 100), default=None, help="How many papers (default: ASSISTANT_TOP_K).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def retrieve(question, k, as_json):
    """Show the papers retrieved for QUESTION, best first (the answer's context)."""
    from .answer import check_question
    from .retrieval import Retriever

    question = check_question(question)
    hits = Retriever(_settings()).retrieve(question, k)
    for rank, h in enumerate(hits, 1):
        if as_json:
            click.echo(json.dumps({"rank": rank, "id": h.paper.id, "title": h.paper.title, "score": round(h.score, 4)}))
        else:
            click.echo(f"{rank:2}. {h.score:.3f}  {h.paper.title}")


def format_answer(answer) -> str:
    """Plain-text rendering: the answer, then its numbered references."""
    lines = [answer.text]
    if answer.notice:
        lines += ["", f"Note: {answer.notice}"]
    for claim in getattr(answer, "unsupported", []):
        lines.append(f"Unsupported by the cited papers: “{claim}”")
    if answer.sources:
        lines += ["", "References:"]
        for s in answer.sources:
            meta = ", ".join(x for x in (s.authors, s.date, s.venue) if x)
            lines.append(f"  [{s.marker}] {s.title}" + (f", {s.locator}" if s.locator else "") + (f" — {meta}" if meta else ""))
    return "\n".join(lines)


@cli.command()
@click.argument("question")
@click.option("-k", "k", type=click.IntRange(1, 100), default=None, help="Papers to retrieve (default: ASSISTANT_TOP_K).")
@click.option("--json", "as_json", is_flag=True, help="Print the answer as one JSON object.")
def ask(question, k, as_json):
    """Answer QUESTION from the papers, with numbered references.

    Extractive (quotes from the abstracts) unless OPENAI_BASE_URL is set.
    """
    from .answer import Answer, Assistant, Status

    assistant = Assistant(_settings())
    answer = None
    for event in assistant.stream(question, k=k):
        if isinstance(event, Status) and assistant.settings.llm_configured and not as_json and sys.stderr.isatty():
            click.echo(event.text, err=True)  # a small local model can take a minute to its first token
        elif isinstance(event, Answer):
            answer = event
    if as_json:
        click.echo(json.dumps(answer.to_json(), ensure_ascii=False))
    else:
        click.echo(format_answer(answer))
    if answer.incomplete:
        sys.exit(1)


@cli.command()
@click.option("-k", "k", type=click.IntRange(1, 100), default=None, help="Papers to retrieve per question.")
def chat(k):
    """A conversation in the terminal; follow-up questions may refer to earlier answers.

    Empty line or Ctrl-D to quit.
    """
    from .answer import Answer, Assistant, Delta, Turn

    assistant = Assistant(_settings())
    click.echo(f"Chatting about {len(assistant.retriever.papers)} papers ({assistant.mode}). Empty line to quit.")
    history: list[Turn] = []
    while True:
        try:
            question = click.prompt("you", default="", show_default=False, prompt_suffix="> ")
        except (EOFError, click.Abort):
            break
        if not question.strip():
            break
        try:
            answer = None
            streamed = False
            for event in assistant.stream(question, history, k):
                if isinstance(event, Delta) and assistant.settings.llm_configured:
                    if not streamed:
                        click.echo("assistant> ", nl=False)
                    streamed = True
                    click.echo(event.text, nl=False)
                elif isinstance(event, Answer):
                    answer = event
        except AssistantError as e:
            click.echo(f"\nerror: {e}", err=True)
            continue
        if answer.standalone_question != " ".join(question.split()):
            click.echo(f"(searched for: {answer.standalone_question})")
        if streamed:
            click.echo("")
            click.echo(format_answer(answer).split(answer.text, 1)[-1].strip("\n") or "")
        else:
            click.echo("assistant> " + format_answer(answer))
        history.append(Turn(question, answer))


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind; anything but loopback needs --auth.")
@click.option("--port", default=7860, show_default=True, type=click.IntRange(1, 65535))
@click.option("--auth", "auth", envvar="ASSISTANT_UI_AUTH", default=None, metavar="USER:PASSWORD",
              help="Require this login (or set ASSISTANT_UI_AUTH). On the command line the password shows in `ps`: prefer --auth-file.")
@click.option("--auth-file", "auth_file", envvar="ASSISTANT_UI_AUTH_FILE", default=None,
              type=click.Path(path_type=Path), metavar="FILE",
              help="Read the login from FILE's first line, 'user:password' (or set ASSISTANT_UI_AUTH_FILE).")
@click.option("--no-auth", is_flag=True, help="Allow a non-loopback address without a login (you accept the risk).")
def ui(host, port, auth, auth_file, no_auth):
    """Serve the chat in a browser (indexes seeds/ first if the index is empty)."""
    import os

    from click.core import ParameterSource

    from .ui_security import auth_file_warning, read_auth

    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    credentials = read_auth(auth, auth_file)
    warning = auth_file_warning(auth_file)
    if auth and not auth_file and click.get_current_context().get_parameter_source("auth") == ParameterSource.COMMANDLINE:
        warning = "warning: a password given with --auth is visible to other users in `ps`; use --auth-file FILE or ASSISTANT_UI_AUTH."
    if warning:
        click.echo(warning, err=True)
    if credentials is None and host not in ("127.0.0.1", "localhost", "::1") and not no_auth:
        raise click.ClickException(
            f"binding to {host!r} exposes the assistant to the network: set --auth-file FILE (or ASSISTANT_UI_AUTH), "
            "or pass --no-auth to accept that."
        )
    from .answer import Assistant
    from .index import Store

    settings = _settings()
    store = Store(settings)
    if store.count() == 0:
        click.echo(f"The index is empty: indexing {settings.seeds_dir} first.", err=True)
        ctx = click.get_current_context()
        ctx.invoke(ingest, paths=(settings.seeds_dir,), quiet=False)
    from .ui import launch

    assistant = Assistant(settings, None)
    click.echo(f"Serving {len(assistant.retriever.papers)} papers ({assistant.mode}) on http://{host}:{port}", err=True)
    launch(assistant, host, port, credentials)


@cli.command("eval")
@click.option("--questions", type=click.Path(path_type=Path), default=None,
              help="Your own question-answer checks, JSONL (default: the dev and test splits in eval/).")
@click.option("--split", type=click.Choice(["dev", "test", "all"]), default="all", show_default=True,
              help="Which of the project's splits to run (ignored with --questions).")
@click.option("--k", "k", type=click.IntRange(1, 100), default=8, show_default=True, help="Papers retrieved per question.")
@click.option("--out", type=click.Path(path_type=Path), default=Path("eval-report"), show_default=True,
              help="Folder for report.md, results.jsonl, metrics.json, metrics.png (one subfolder per split).")
@click.option("--gate/--no-gate", default=False, help="Exit 1 when a metric is below the floors in floors.json beside the questions.")
@click.option("--every", type=click.IntRange(1, 1000), default=1, show_default=True,
              help="Run only every N-th item (items 0, N, 2N, ... of each file): a subset fixed in advance, for slow real-model runs.")
def evaluate_cmd(questions, split, k, out, gate, every):
    """Run the question-answer checks through the same answering function as the UI."""
    from tqdm import tqdm

    from . import evaluation
    from .answer import Assistant

    if questions:
        runs = {questions.stem: questions}
    else:
        runs = {name: path for name, path in evaluation.SPLITS.items() if split in (name, "all")}
    for path in runs.values():
        if not path.exists():
            raise click.ClickException(f"questions file not found: {str(path)!r}")
    assistant = Assistant(_settings())
    failed = []
    for name, path in runs.items():
        items = evaluation.load_items(path)[::every]
        bar = tqdm(total=len(items), desc=f"evaluating {name}", unit="item", file=sys.stderr)
        rows, metrics = evaluation.evaluate(assistant, items, k, progress=lambda i, n: bar.update(1))
        bar.close()
        floors = evaluation.floors_for(path) if gate else None
        if gate and not floors:
            raise click.ClickException(f"--gate needs floors.json beside {str(path)!r}; none was found.")
        where = out / name if len(runs) > 1 else out
        failed += [f"{name}: {f}" for f in evaluation.write_report(rows, metrics, where, floors)]
        click.echo(f"## {name} ({path.name})\n" + evaluation.table(metrics) + f"\n\nreport: {where / 'report.md'}\n")
    if failed:
        raise click.ClickException("below the floors: " + "; ".join(failed))


def main():
    cli()
