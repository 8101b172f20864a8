"""The page's guards: a per-run token, CSRF on every POST, an upload limit, strict headers.

Anyone on the machine can reach a loopback port, and any web page the user visits can send
requests to it, so every request must carry the token printed at start (as Jupyter does): in the
URL once, then in an HttpOnly, SameSite=Strict cookie. The Host header must name the loopback
address (a DNS-rebinding page carries its own host name). State-changing requests are POSTs
whose form carries a CSRF value derived from the token.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urlencode

# No inline script can run, whatever an export's text contains; styles and scripts come only
# from /static (served from the package), images may be data: URIs (the report's chart).
PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; "
            "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
# The evidence-pack preview is the self-contained HTML report: inline styles, a data: chart,
# and no script at all.
PREVIEW_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
               "form-action 'none'; frame-ancestors 'self'; base-uri 'none'")
LOOPBACK_HOSTS = ("127.0.0.1", "localhost")

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


def new_token() -> str:
    return secrets.token_urlsafe(24)


def csrf_value(token: str) -> str:
    """The value every form posts back; derived, so the token itself never appears in a page."""
    return hmac.new(token.encode(), b"walletwatch-csrf", hashlib.sha256).hexdigest()


def cookie_name(token: str) -> str:
    # Cookies are not per port: two servers on 127.0.0.1 must not overwrite each other's.
    return "walletwatch_" + hashlib.sha256(token.encode()).hexdigest()[:10]


def csrf_ok(token: str, posted: object) -> bool:
    return isinstance(posted, str) and hmac.compare_digest(posted, csrf_value(token))


class Guard:
    """ASGI middleware: loopback Host, token, body limit and security headers on everything."""

    def __init__(self, app: Callable, token: str, max_body: int,
                 hosts: tuple[str, ...] = LOOPBACK_HOSTS):
        self.app, self.token, self.max_body, self.hosts = app, token, max_body, hosts
        self.cookie = cookie_name(token)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope.get("headers", [])}
        if _host_name(headers.get("host", "")) not in self.hosts:
            await _plain(send, 403, "walletwatch serves only http://127.0.0.1 (wrong Host)")
            return
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        if _same(query.get("token"), self.token):
            await self._drop_token_from_url(scope, query, send)
            return
        if not _same(_cookies(headers).get(self.cookie), self.token):
            await _plain(send, 403, "Forbidden: open the link that `walletwatch serve` printed "
                                    "(it carries the access token). / 禁止访问：请打开 "
                                    "walletwatch serve 打印的链接（含访问令牌）。")
            return
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _too_large(send, self.max_body)
            return
        await self._call_limited(scope, receive, send)

    async def _drop_token_from_url(self, scope: Scope, query: dict[str, str], send: Send) -> None:
        """Set the cookie and redirect to the same URL without the token (kept out of history,
        bookmarks and screenshots)."""
        rest = {k: v for k, v in query.items() if k != "token"}
        location = scope.get("path", "/") + (f"?{urlencode(rest)}" if rest else "")
        cookie = f"{self.cookie}={self.token}; Path=/; HttpOnly; SameSite=Strict"
        await send({"type": "http.response.start", "status": 303,
                    "headers": [(b"location", location.encode()),
                                (b"set-cookie", cookie.encode()), *_header_pairs(PAGE_CSP)]})
        await send({"type": "http.response.body", "body": b""})

    async def _call_limited(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Read the body in memory up to the limit before the app sees any of it, so an upload
        over the limit is refused without a byte of it written anywhere."""
        chunks, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                await _too_large(send, self.max_body)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body, replayed = b"".join(chunks), False

        async def replay() -> dict[str, Any]:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        async def secured_send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in _header_pairs(PAGE_CSP) if k not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        try:
            await self.app(scope, replay, secured_send)
        except Exception as error:  # the page already said it in one line (app's handler)
            _one_line_to_stderr(error)


def _one_line_to_stderr(error: Exception) -> None:
    """A bug shows as one line in the terminal too, as in every other command."""
    import sys

    from walletwatch.errors import internal_message

    print(f"Error: {internal_message(error)}", file=sys.stderr)


def _same(given: str | None, token: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), token.encode())


def _host_name(host: str) -> str:
    """The Host header without its port."""
    return host.split("]")[0] + "]" if host.startswith("[") else host.rsplit(":", 1)[0]


def _cookies(headers: dict[str, str]) -> dict[str, str]:
    jar = SimpleCookie()
    try:
        jar.load(headers.get("cookie", ""))
    except Exception:  # a malformed cookie header from elsewhere: treat as no cookie
        return {}
    return {k: m.value for k, m in jar.items()}


def _header_pairs(csp: str) -> list[tuple[bytes, bytes]]:
    return [(b"content-security-policy", csp.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"),
            (b"cache-control", b"no-store"),
            (b"x-frame-options", b"SAMEORIGIN")]


async def _plain(send: Send, status: int, text: str) -> None:
    body = text.encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()),
                            *_header_pairs(PAGE_CSP)]})
    await send({"type": "http.response.body", "body": body})


async def _too_large(send: Send, limit: int) -> None:
    mb = limit / (1024 * 1024)
    await _plain(send, 413, f"The upload is larger than the limit of {mb:g} MB "
                            f"(walletwatch serve --max-upload-mb). / 上传文件超过 {mb:g} MB 的上限。")
