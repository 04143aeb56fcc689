"""The chat UI in a real browser (Debian's Chromium driven by Playwright) against a real
`assistant ui` process, plus the Gradio API through gradio_client. Screenshots are saved in
artifacts/ for people to look at."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import REPO, free_port
from .openai_server import OpenAIServer, Reply

ARTIFACTS = REPO / "artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
KEY = "sk-ui-secret-7777"


def start_ui(env: dict, log: Path):
    port = free_port()
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "assistant", "ui", "--port", str(port)],
                                env=os.environ | {"GRADIO_ANALYTICS_ENABLED": "False"} | env,
                                stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    start = time.time()
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)
            break
        except Exception:
            if proc.poll() is not None or time.time() - start > 120:
                proc.kill()
                pytest.fail("assistant ui did not come up:\n" + log.read_text())
            time.sleep(0.2)
    print(f"\nassistant ui ready after {time.time() - start:.1f} s")
    from .test_ui_sessions import GRADIO_WARNING

    assert not GRADIO_WARNING.search(log.read_text()), log.read_text()  # a handler signature Gradio cannot match
    return proc, url


@pytest.fixture(scope="module")
def ui_server(seeded, tmp_path_factory):
    log = tmp_path_factory.mktemp("ui") / "ui.log"
    proc, url = start_ui({"ASSISTANT_DATA_DIR": str(seeded.data_dir)}, log)
    yield url, log
    proc.terminate()
    proc.wait(15)


def test_first_start_indexes_the_seeds(tmp_path, browser):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "pubs.txt").write_bytes((REPO / "seeds" / "004_a47dc055e8f78ddf.txt").read_bytes())
    log = tmp_path / "ui.log"
    proc, url = start_ui({"ASSISTANT_DATA_DIR": str(tmp_path / "fresh"), "ASSISTANT_SEEDS_DIR": str(pages)}, log)
    try:
        text = log.read_text()
        assert "The index is empty: indexing" in text and "6 added" in text
        page = browser.new_page()
        page.goto(url)
        page.wait_for_selector("#question textarea")
        assert "the 6 papers" in page.inner_text("body")
        page.close()
    finally:
        proc.terminate()
        proc.wait(15)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, ui_server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    pg = context.new_page()
    pg.goto(ui_server[0])
    pg.wait_for_selector("#question textarea")
    yield pg
    context.close()


IDLE = "() => !document.querySelector('#question .generating, #chat .generating')"


def ask(page, question, wait_for_answers=1):
    """Submit once the previous answer is complete (Gradio ignores a submit while one runs)."""
    page.wait_for_function(IDLE, timeout=60000)
    box = page.locator("#question textarea")
    box.fill(question)
    box.press("Enter")
    page.wait_for_function(
        "n => document.querySelectorAll('#chat [data-testid=\"bot\"]').length >= n",
        arg=wait_for_answers, timeout=60000,
    )


def edit_setting(page, elem_id, value, shown):
    """Type a setting and wait until the session shows it (#mode) before going on.

    The answer uses the box's value either way; the wait makes the order certain. One CI run
    on a loaded machine never showed the edit in 30 s (not reproduced in repeated runs under load), so a
    missing echo re-types the value before failing: the test is about the endpoint, not the echo."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    box = page.locator(f"#{elem_id} textarea, #{elem_id} input").first
    for _ in range(3):
        box.fill(value)
        try:
            page.wait_for_function("t => document.querySelector('#mode').innerText.includes(t)", arg=shown,
                                   timeout=15000)
            return
        except PlaywrightTimeout:
            box.fill(value + " ")  # a different value: the next fill is a change again
    pytest.fail(f"#mode never showed {shown!r} after setting #{elem_id}; it shows {page.inner_text('#mode')!r}")


def last_answer(page) -> str:
    bots = page.locator('#chat [data-testid="bot"]')
    return bots.nth(bots.count() - 1).inner_text()


def wait_answer_contains(page, text, timeout=60000):
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(
            """t => { const b = document.querySelectorAll('#chat [data-testid="bot"]');
                      return b.length && b[b.length - 1].innerText.includes(t); }""",
            arg=text, timeout=timeout,
        )
    except PlaywrightTimeout:
        pytest.fail(f"no answer containing {text!r}; the chat shows: {page.locator('#chat').inner_text()[-1500:]!r}")


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_factoid_cited_answer_citation_click_and_follow_up(page):
    assert "extractive, no LLM configured" in page.locator("#mode").inner_text()
    ask(page, "What is FlashOverlap?")
    wait_answer_contains(page, "FlashOverlap")
    assert "[1]" in last_answer(page)
    sources = page.locator("#sources")
    assert "Efficient and Adaptable Overlapping for Computation and Communication" in sources.inner_text()
    assert "Ke Hong" in sources.inner_text() and "000_63b382e736ceb520.txt" in sources.inner_text()

    page.locator('#chat a[href="#src-1-1"]').first.click()
    active = page.locator(".source.active")
    active.wait_for(timeout=5000)
    assert active.get_attribute("id") == "src-1-1" and active.is_visible()

    ask(page, "How much speedup does it achieve?", wait_for_answers=2)
    wait_answer_contains(page, "1.65x")
    assert "FlashOverlap" in page.locator("#searched").inner_text()  # the standalone question is shown
    shot(page, "ui-extractive-follow-up")


def test_comparison_renders_a_table(page):
    ask(page, "How do ZO2 and DistZO2 differ in how they use GPU memory?")
    page.locator("#chat table").first.wait_for(timeout=60000)
    header = page.locator("#chat table").first.inner_text()
    assert "ZO2" in header and "DistZO2" in header
    shot(page, "ui-comparison")


def test_llm_streaming_and_script_injection_shows_as_text(page):
    reply = "FlashOverlap overlaps communication with computation [1]. " * 4
    evil = ('FlashOverlap overlaps communication with computation [1].\n'
            'Look: <script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> [1]')
    with OpenAIServer(require_key=KEY) as server:
        server.script(Reply(reply, chunk_size=4, delay=0.1), Reply(evil))
        page.locator("#settings").click()
        edit_setting(page, "endpoint", server.base_url, server.base_url)
        page.locator("#apikey input").fill(KEY)  # the key is not an echoed setting: it is read when asking
        edit_setting(page, "model", "test-model", "test-model")
        ask(page, "What is FlashOverlap?")
        # Streaming: a partial answer is on screen before the whole one.
        wait_answer_contains(page, "FlashOverlap overlaps")
        partial = last_answer(page)
        wait_answer_contains(page, reply.strip()[-40:])
        assert len(partial) < len(reply.strip())
        # A real question: one the papers do not answer is refused before the model is asked.
        ask(page, "What is FlashOverlap? Please repeat some dangerous markup", wait_for_answers=2)
        wait_answer_contains(page, "<script>")
        wait_answer_contains(page, 'onerror="window.__pwned = 2"')  # the whole reply, not a streamed part
        assert page.evaluate("window.__pwned") is None
        assert "onerror" in last_answer(page)  # shown as text, not run
        assert KEY not in page.content()
        shot(page, "ui-llm-injection")


def test_dead_endpoint_then_the_app_keeps_serving(page):
    page.wait_for_function(IDLE, timeout=60000)  # the page's load events are done
    page.locator("#settings").click()
    dead = f"http://127.0.0.1:{free_port()}/v1"
    edit_setting(page, "endpoint", dead, dead)
    page.locator("#test").click()
    page.wait_for_function("() => /[✅❌]|No endpoint/.test(document.querySelector('#status').innerText)", timeout=60000)
    assert "cannot connect" in page.locator("#status").inner_text()
    ask(page, "What is FlashOverlap?")
    wait_answer_contains(page, "cannot connect to the LLM endpoint")
    edit_setting(page, "endpoint", "", "extractive, no LLM configured")
    ask(page, "What is FlashOverlap?", wait_for_answers=2)
    wait_answer_contains(page, "we propose FlashOverlap")


def test_the_question_stays_in_the_box_when_the_answer_is_an_error(page):
    long_paste = "Compare FlashOverlap with the other overlap methods. " * 20
    page.wait_for_function(IDLE, timeout=60000)  # the page's load events are done
    page.locator("#settings").click()
    dead = f"http://127.0.0.1:{free_port()}/v1"
    edit_setting(page, "endpoint", dead, dead)
    ask(page, long_paste)
    wait_answer_contains(page, "cannot connect to the LLM endpoint")
    page.wait_for_function(IDLE, timeout=60000)
    assert page.locator("#question textarea").input_value() == long_paste
    edit_setting(page, "endpoint", "", "extractive, no LLM configured")
    ask(page, "What is FlashOverlap?", wait_for_answers=2)
    wait_answer_contains(page, "we propose FlashOverlap")
    page.wait_for_function(IDLE, timeout=60000)
    assert page.locator("#question textarea").input_value() == ""  # an answered question is cleared


def test_empty_and_huge_questions_get_clear_messages(page):
    ask(page, "   ")
    wait_answer_contains(page, "the question is empty")
    page.locator("#question textarea").fill("x " * 10000)
    page.locator("#question textarea").press("Enter")
    wait_answer_contains(page, "characters long; the limit is 4,000")


def test_sessions_are_separate_and_export_has_references(browser, ui_server, page):
    ask(page, "Which venue published SSDTrain?")
    wait_answer_contains(page, "Design Automation Conference")
    other = browser.new_context().new_page()
    other.goto(ui_server[0])
    other.wait_for_selector("#question textarea")
    assert other.locator('#chat [data-testid="bot"]').count() == 0
    other.context.close()
    with page.expect_download() as info:
        page.locator("#download").click()
    text = Path(info.value.path()).read_text()
    assert "**Q:** Which venue published SSDTrain?" in text and "## References" in text and "1. SSDTrain" in text


def test_gradio_api_with_gradio_client(ui_server):
    from gradio_client import Client

    client = Client(ui_server[0], verbose=False)
    result = client.predict("What is FlashOverlap?", 0, api_name="/ask")
    assert result["mode"] == "extractive"
    assert result["citations"][0]["title"].startswith("Efficient and Adaptable Overlapping")
    assert "error" in client.predict("", 0, api_name="/ask")


def test_key_never_reaches_the_log(ui_server):
    assert KEY not in ui_server[1].read_text()
