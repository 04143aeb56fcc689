"""Per-session files of the browser UI: one private folder (0700) per UI process, one
sub-folder per Gradio session, so one user's export can never be another's.

The session folders live inside Gradio's own cache folder (GRADIO_TEMP_DIR is pointed at the
root before gradio is imported), so Gradio serves them in place instead of keeping a copy
elsewhere. A session's folder goes when its tab closes (`Blocks.unload`); the whole root goes
when the UI stops, and a root left behind by a killed UI is swept at the next start.
"""

from __future__ import annotations

import atexit
import os
import re
import secrets
import shutil
import tempfile
import threading
from pathlib import Path

from .errors import AssistantError

PREFIX = "paper-assistant-ui-"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep_stale(parent: Path) -> list[Path]:
    """Remove roots of UI processes that no longer run (killed before they could clean up)."""
    gone = []
    for d in parent.glob(PREFIX + "*"):
        m = re.match(re.escape(PREFIX) + r"(\d+)-", d.name)
        if m and d.is_dir() and d.stat().st_uid == os.getuid() and not _alive(int(m.group(1))):
            shutil.rmtree(d, ignore_errors=True)
            gone.append(d)
    return gone


class SessionFiles:
    def __init__(self, parent: Path | None = None):
        parent = Path(parent or tempfile.gettempdir())
        sweep_stale(parent)
        self.root = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=parent))  # mode 0700
        atexit.register(self.close)  # also when the app was built without launch()
        self._dirs: dict[str, Path] = {}
        self._lock = threading.Lock()

    def folder(self, session_hash: str | None) -> Path:
        """This session's private folder; a request without a session is refused, never pooled."""
        session = re.sub(r"[^A-Za-z0-9_-]", "", session_hash or "")[:64]
        if not session:
            raise AssistantError("this request has no browser session; reload the page and ask again.")
        with self._lock:
            d = self._dirs.get(session)
            if d is None or not d.exists():
                # The random part keeps the path unguessable even to someone who knows the session id.
                d = self.root / "sessions" / f"{session}-{secrets.token_hex(8)}"
                d.mkdir(parents=True, mode=0o700)
                self._dirs[session] = d
            return d

    def drop(self, session_hash: str | None) -> None:
        with self._lock:
            d = self._dirs.pop(re.sub(r"[^A-Za-z0-9_-]", "", session_hash or "")[:64], None)
        if d is not None:
            shutil.rmtree(d, ignore_errors=True)

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
