"""Sessions that cannot leak and the exposed UI's defences, against real `assistant ui`
processes: gradio_client sessions with distinct session hashes, two real Chromium contexts,
the login throttle, --auth-file, security headers on every response, the upload limit."""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from .conftest import free_port
from .test_ui import CHROMIUM_ARGS, IDLE

# What Gradio prints when a handler's signature does not match its inputs (the cause of the
# cross-session leak: an unresolved gr.Request annotation turns into a missing argument).
GRADIO_WARNING = re.compile(r"UserWarning|Expected (at least |maximum )?\d+ arguments")
QUESTIONS = ["What is FlashOverlap?", "Which venue published SSDTrain?", "What is ZO2?", "What is KerZOO?"]
SECURITY_HEADERS = {"content-security-policy": "frame-ancestors 'none'", "x-frame-options": "DENY",
                    "x-content-type-options": "nosniff", "referrer-policy": "no-referrer"}


def start(env: dict, log: Path, *args: str):
    port = free_port()
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "assistant", "ui", "--port", str(port), *args],
                                env=os.environ | {"GRADIO_ANALYTICS_ENABLED": "False"} | env,
                                stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.time() + 120
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)
            break
        except urllib.error.HTTPError:
            break  # up and answering
        except Exception:
            if proc.poll() is not None or time.time() > deadline:
                proc.kill()
                pytest.fail("assistant ui did not come up:\n" + log.read_text())
            time.sleep(0.2)
    assert not GRADIO_WARNING.search(log.read_text()), log.read_text()
    return proc, url


def stop(proc, log: Path):
    proc.terminate()
    proc.wait(30)
    assert not GRADIO_WARNING.search(log.read_text()), log.read_text()


def test_building_the_app_raises_no_handler_signature_warning(seeded, tmp_path):
    import gradio  # noqa: F401 - imported first: its own import-time warnings are not ours

    from assistant.answer import Assistant
    from assistant.ui import build_app
    from assistant.ui_sessions import SessionFiles

    files = SessionFiles(tmp_path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        build_app(Assistant(seeded), files)
    assert not [str(w.message) for w in caught if issubclass(w.category, UserWarning)]
    files.close()
    assert not files.root.exists()


def _questions(q: str) -> list[str]:
    return re.findall(r"^\*\*Q:\*\* (.*)$", q, re.M)


# The "20 runs in a row" check: ASSISTANT_TEST_SESSION_RUNS=20 repeats this test in one pytest
# session (each run with its own UI process, clients and browser; only the index is shared).
RUNS = int(os.environ.get("ASSISTANT_TEST_SESSION_RUNS", "1"))


@pytest.mark.parametrize("run", range(RUNS))
def test_concurrent_sessions_each_download_only_their_own_turns(seeded, tmp_path, run):
    from gradio_client import Client
    from playwright.sync_api import sync_playwright

    tmp = tmp_path / "tmp"
    tmp.mkdir()
    log = tmp_path / "ui.log"
    proc, url = start({"ASSISTANT_DATA_DIR": str(seeded.data_dir), "TMPDIR": str(tmp)}, log)
    try:
        def session(i):
            client = Client(url, verbose=False, download_files=str(tmp_path / "dl" / str(i)))
            asked = [f"{QUESTIONS[(i + j) % 4]} (session {i}, turn {j})" for j in range(2)]
            for q in asked:
                out = client.predict(q, "", "gpt-4o-mini", "", 8, api_name="/chat")
            return client.session_hash, asked, Path(out[-1]["value"]).read_text()

        with ThreadPoolExecutor(8) as pool:  # 16 sessions, 8 at a time
            results = list(pool.map(session, range(16)))
        assert len({r[0] for r in results}) == 16
        for _, asked, text in results:
            assert _questions(text) == asked, text
        root = next(tmp.glob("paper-assistant-ui-*"))

        def exports() -> dict[Path, str]:
            out = {}
            for d in (root / "sessions").iterdir():
                try:
                    out[d] = (d / "conversation.md").read_text()
                except FileNotFoundError:  # that session just ended
                    pass
            return out

        def folders_with(text: str) -> list[Path]:
            return [d for d, t in exports().items() if text in t]

        # Server side too: a folder that still exists holds one session's turns only (the
        # clients' folders may already be gone: a client that disconnects ends its session).
        for d, text in exports().items():
            assert len(set(re.findall(r"\(session (\d+), turn", text))) == 1, d

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            pages = [browser.new_context(accept_downloads=True).new_page() for _ in range(2)]
            asked = [f"{QUESTIONS[k + 2]} (browser {k})" for k in range(2)]
            for page in pages:
                page.goto(url)
                page.wait_for_selector("#question textarea")
            for page, q in zip(pages, asked):  # both in flight at once
                page.locator("#question textarea").fill(q)
                page.locator("#question textarea").press("Enter")
            for page, q in zip(pages, asked):
                page.wait_for_function("() => document.querySelectorAll('#chat [data-testid=\"bot\"]').length >= 1",
                                       timeout=60000)
                page.wait_for_function(IDLE, timeout=60000)
                with page.expect_download() as info:
                    page.locator("#download").click()
                assert _questions(Path(info.value.path()).read_text()) == [q]
            mine = [folders_with(f"(browser {k})") for k in range(2)]
            assert [len(m) for m in mine] == [1, 1]
            for page in pages:
                page.context.close()
            # Closing a tab ends its session: its folder goes (Gradio notices within a heartbeat).
            deadline = time.time() + 60
            while any(m[0].exists() for m in mine) and time.time() < deadline:
                time.sleep(0.5)
            assert not any(m[0].exists() for m in mine)
            browser.close()
    finally:
        stop(proc, log)
    leftovers = [str(f) for f in tmp.rglob("*") if "paper-assistant-ui" in str(f) or f.suffix == ".md"]
    assert not leftovers, leftovers  # no transcript outlives the UI


def _post_login(opener, url: str, user: str, password: str):
    data = urllib.parse.urlencode({"username": user, "password": password}).encode()
    try:
        r = opener.open(urllib.request.Request(url + "login", data=data), timeout=10)
        return r.status, dict(r.headers), r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read().decode()


def _has_security_headers(headers: dict) -> bool:
    lower = {k.lower(): v for k, v in headers.items()}
    return all(lower.get(k) == v for k, v in SECURITY_HEADERS.items())


def test_login_throttle_auth_file_headers_and_upload_limit(seeded, tmp_path):
    password = "s3cret-pass-9"
    auth = tmp_path / "login"
    auth.write_text(f"ada:{password}\n")
    auth.chmod(0o600)
    log = tmp_path / "ui.log"
    proc, url = start({"ASSISTANT_DATA_DIR": str(seeded.data_dir), "ASSISTANT_LOGIN_MAX_FAILURES": "3",
                       "ASSISTANT_LOGIN_LOCKOUT_S": "4", "ASSISTANT_UPLOAD_MAX_MB": "0.01"},
                      log, "--auth-file", str(auth))
    try:
        assert password not in Path(f"/proc/{proc.pid}/cmdline").read_bytes().decode(errors="replace")
        plain = urllib.request.build_opener()
        codes = [_post_login(plain, url, "ada", "wrong")[0] for _ in range(3)]
        assert codes == [400, 400, 400]
        status, headers, body = _post_login(plain, url, "ada", "wrong")
        assert status == 429 and "Too many failed logins from this address; wait" in json.loads(body)["detail"]
        assert int(headers["retry-after"]) >= 1 and _has_security_headers(headers)
        assert _post_login(plain, url, "ada", password)[0] == 429  # locked even with the right password
        time.sleep(4.5)
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        status, headers, _ = _post_login(opener, url, "ada", password)
        assert status == 200 and _has_security_headers(headers)
        # A parallel burst of guesses is throttled too: each attempt counts from its start.
        with ThreadPoolExecutor(10) as pool:
            burst = list(pool.map(lambda _: _post_login(plain, url, "ada", "guess")[0], range(10)))
        assert burst.count(400) <= 3 and burst.count(429) >= 7, burst

        for path in ("", "config", "gradio_api/info", "no-such-page"):
            try:
                r = opener.open(url + path, timeout=10)
                headers = dict(r.headers)
            except urllib.error.HTTPError as e:
                headers = dict(e.headers)
            assert _has_security_headers(headers), (path, headers)

        boundary = "----trust"
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"big.txt\"\r\n"
                f"Content-Type: text/plain\r\n\r\n{'x' * 20_000}\r\n--{boundary}--\r\n").encode()
        request = urllib.request.Request(url + "gradio_api/upload", data=body,
                                         headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
        with pytest.raises(urllib.error.HTTPError) as e:
            opener.open(request, timeout=10)
        assert e.value.code == 413 and "maximum allowed size" in e.value.read().decode()
    finally:
        stop(proc, log)
    assert password not in log.read_text()


def test_auth_file_problems_are_one_line(tmp_path):
    from click.testing import CliRunner

    from assistant.cli import cli

    missing = CliRunner().invoke(cli, ["ui", "--auth-file", str(tmp_path / "nope")])
    assert missing.exit_code == 1 and f"cannot read the auth file '{tmp_path / 'nope'}'" in missing.output
    bad = tmp_path / "bad"
    bad.write_text("no-colon-here\n")
    malformed = CliRunner().invoke(cli, ["ui", "--auth-file", str(bad)])
    assert malformed.exit_code == 1 and "must look like 'user:password'" in malformed.output


def test_a_killed_uis_folder_is_swept_at_the_next_start(tmp_path):
    from assistant.ui_sessions import SessionFiles

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f"paper-assistant-ui-{dead.stdout.strip()}-abc"
    (stale / "sessions" / "s1").mkdir(parents=True)
    (stale / "sessions" / "s1" / "conversation.md").write_text("**Q:** private\n")
    live = tmp_path / f"paper-assistant-ui-{os.getpid()}-xyz"  # a running UI's folder is left alone
    live.mkdir()
    files = SessionFiles(tmp_path)
    assert not stale.exists() and live.exists() and oct(files.root.stat().st_mode & 0o777) == "0o700"
    files.close()
