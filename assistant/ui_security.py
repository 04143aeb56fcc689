"""The exposed UI's defences, below Gradio: security headers on every response and login
attempts throttled per client address, as one plain ASGI middleware (it passes streamed
responses through untouched, which Starlette's BaseHTTPMiddleware does not guarantee).
Also reads the login from a file or the environment so the password stays out of `ps`.

Behind a reverse proxy every client shares the proxy's address, so the throttle then counts
everyone together: acceptable for a small team's server, and the safe direction to fail.
"""

from __future__ import annotations

import json
import stat
import time
from collections import deque
from pathlib import Path

from .errors import ConfigError

# frame-ancestors/X-Frame-Options: no clickjacking through an iframe. A CSP restricting
# scripts would break Gradio's own inline scripts, so only framing is restricted here.
HEADERS = {
    b"content-security-policy": b"frame-ancestors 'none'",
    b"x-frame-options": b"DENY",
    b"x-content-type-options": b"nosniff",
    b"referrer-policy": b"no-referrer",
}


def read_auth(auth: str | None, auth_file: Path | None) -> tuple[str, str] | None:
    """'user:password' from --auth-file (first line) or --auth / ASSISTANT_UI_AUTH."""
    source = "--auth / ASSISTANT_UI_AUTH"
    if auth_file is not None:
        source = f"the auth file {str(auth_file)!r}"
        try:
            lines = auth_file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as e:
            raise ConfigError(f"cannot read {source} ({getattr(e, 'strerror', None) or e.__class__.__name__}): "
                              "give a readable file whose first line is 'user:password'.") from None
        auth = lines[0].strip() if lines else ""
    if auth is None:
        return None
    user, sep, password = auth.partition(":")
    if not sep or not user.strip() or not password:
        raise ConfigError(f"{source} must look like 'user:password'.")
    return user.strip(), password


def auth_file_warning(auth_file: Path | None) -> str | None:
    if auth_file is None:
        return None
    mode = auth_file.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        return f"warning: {auth_file} is readable by other users (mode {stat.S_IMODE(mode):o}); run: chmod 600 {auth_file}"
    return None


class Throttle:
    """Failed logins per client address within a sliding window. An attempt counts as a failure
    from the moment it starts, so a burst of parallel guesses is throttled too."""

    def __init__(self, max_failures: int, window_s: float):
        self.max_failures = max_failures
        self.window_s = window_s
        self.failures: dict[str, deque[float]] = {}

    def wait_s(self, client: str, now: float) -> float:
        q = self.failures.get(client)
        while q and now - q[0] > self.window_s:
            q.popleft()
        if not q or len(q) < self.max_failures:
            return 0.0
        return self.window_s - (now - q[0])

    def start(self, client: str, now: float) -> None:
        if len(self.failures) > 10_000:  # many addresses: forget the idle ones
            self.failures = {k: v for k, v in self.failures.items() if v and now - v[-1] <= self.window_s}
        self.failures.setdefault(client, deque()).append(now)

    def succeeded(self, client: str) -> None:
        self.failures.pop(client, None)


class SecurityMiddleware:
    def __init__(self, app, max_failures: int = 5, lockout_s: float = 60.0):
        self.app = app
        self.throttle = Throttle(max_failures, lockout_s)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in HEADERS]
                message = {**message, "headers": kept + list(HEADERS.items())}
            await send(message)

        is_login = scope["method"] == "POST" and scope["path"].rstrip("/").endswith("/login")
        if not is_login:
            return await self.app(scope, receive, send_with_headers)
        client = (scope.get("client") or ("?", 0))[0]
        now = time.monotonic()
        wait = self.throttle.wait_s(client, now)
        if wait > 0:
            return await self._refuse(send_with_headers, wait)
        self.throttle.start(client, now)
        status = {}

        async def watch(message):
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send_with_headers(message)

        await self.app(scope, receive, watch)
        if status.get("code") == 200:
            self.throttle.succeeded(client)

    async def _refuse(self, send, wait: float):
        seconds = max(1, round(wait))
        body = json.dumps({"detail": f"Too many failed logins from this address; wait {seconds} s and try again."}).encode()
        await send({"type": "http.response.start", "status": 429, "headers": [
            (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
            (b"retry-after", str(seconds).encode())]})
        await send({"type": "http.response.body", "body": body})

