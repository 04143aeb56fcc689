"""Shared helpers of the benchmark: timing, percentiles, process memory, child environments,
starting and stopping `assistant ui`, the repository's paths.

Out of scope: any measurement (one module per section).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))  # tests.openai_server, and the package when not installed

SEEDS = REPO / "seeds"
QUESTIONS = next((p for p in (REPO / "eval" / "questions.jsonl", REPO / "eval" / "dev.jsonl") if p.exists()),
                 REPO / "eval" / "questions.jsonl")  # renamed dev.jsonl on main (eval splits)
BIN = Path(sys.executable).parent
ASSISTANT = str(BIN / "assistant") if (BIN / "assistant").exists() else shutil.which("assistant") or "assistant"
SIZES_FULL = [1, 10, 100, 1000]
SIZES_QUICK = [1, 10]
NOISE_NORM = 0.3  # synthesized vector = seed vector + gaussian noise of about this norm, renormalised
BUILD_BATCH = 2000  # synthetic papers chunked and written per Chroma call

# Configuration of the developer's own setup must not leak into the measurements.
for _var in list(os.environ):
    if _var.startswith("ASSISTANT_") or _var in ("OPENAI_BASE_URL", "OPENAI_API_KEY"):
        os.environ.pop(_var)
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")



def now() -> float:
    return time.perf_counter()


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def pct(values: list[float], q: float) -> float:
    from assistant.evaluation import percentile

    return percentile(values, q)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def proc_status(pid: int | str = "self") -> dict[str, float]:
    """VmHWM (peak RSS) and VmRSS of a process, in MB, from /proc/<pid>/status."""
    out = {}
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return out
    for key in ("VmHWM", "VmRSS"):
        m = re.search(rf"^{key}:\s+(\d+) kB", text, re.M)
        if m:
            out[key] = int(m.group(1)) / 1024
    return out


def du_mb(path: Path) -> float:
    """Disk usage like `du -s`: allocated blocks of every file under path, in MB."""
    total = 0
    for root, _dirs, files in os.walk(path):
        for f in files:
            try:
                total += os.lstat(os.path.join(root, f)).st_blocks * 512
            except OSError:
                pass
    return total / 2**20


def child_env(data_dir: Path | None = None, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    if data_dir is not None:
        env["ASSISTANT_DATA_DIR"] = str(data_dir)
    env.update(extra)
    return env


def load_questions():
    from assistant.evaluation import load_items

    return load_items(QUESTIONS)


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def run_timed(cmd: list[str], env: dict, timeout: float = 600) -> tuple[float, subprocess.CompletedProcess]:
    """Run a command to its end; wall time, and its output with `.peak_rss_mb` (the child's
    own ru_maxrss, from wait4) added."""
    import threading

    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        t0 = now()
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=err, text=True, cwd=REPO)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            _pid, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        elapsed = now() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        cp = subprocess.CompletedProcess(cmd, proc.returncode, out.read(), err.read())
    cp.peak_rss_mb = usage.ru_maxrss / 1024
    if cp.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:3])} exited {cp.returncode}:\n{cp.stderr[-2000:]}")
    return elapsed, cp



def wait_http(url: str, proc: subprocess.Popen, timeout: float) -> bool:
    deadline = now() + timeout
    while now() < deadline:
        if proc.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return True
        except Exception:
            pass
        time.sleep(0.05)
    return False


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


def start_ui(data_dir: Path, log_path: Path, timeout: float = 180, **env: str) -> tuple[subprocess.Popen, str, float]:
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    with log_path.open("w") as out:
        t0 = now()
        proc = subprocess.Popen([ASSISTANT, "ui", "--port", str(port)], env=child_env(data_dir, **env),
                                stdout=out, stderr=subprocess.STDOUT, cwd=REPO)
    ok = wait_http(url, proc, timeout)
    elapsed = now() - t0
    if not ok:
        stop(proc)
        raise RuntimeError("assistant ui did not come up:\n" + log_path.read_text()[-2000:])
    return proc, url, elapsed


def memory_guard(min_available_mb: float = 2048) -> None:
    """Abort this worker (not the machine) when the machine runs short of memory."""
    import threading

    def watch():
        while True:
            text = Path("/proc/meminfo").read_text()
            m = re.search(r"^MemAvailable:\s+(\d+) kB", text, re.M)
            if m and int(m.group(1)) / 1024 < min_available_mb:
                print(f"aborted: less than {min_available_mb:.0f} MB of memory left on the machine "
                      f"(this process: {proc_status().get('VmRSS', 0):.0f} MB)", file=sys.stderr, flush=True)
                os._exit(3)
            time.sleep(0.5)

    threading.Thread(target=watch, daemon=True).start()
