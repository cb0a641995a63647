"""A polite, honest HTTP client for the national portal.

One request at a time, about `delay` seconds apart with random jitter; the public landing page
first (the firewall hands out its cookies there); timeouts on every request; a bounded retry with
backoff on network errors and 5xx answers only. A refusal (HTTP 403, 406, 429, or the firewall's
"Request Rejected" page) stops the fetch at once: it is never retried, and nothing here tries to
look like anyone else (no rotating addresses, no borrowed identities).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

from chiso766 import __version__
from chiso766.fetch.endpoints import LANDING, Request
from chiso766.messages import msg

BLOCKING_STATUSES = frozenset({403, 406, 429})
FIREWALL_MARKERS = (b"Request Rejected", b"Support ID")
USER_AGENT = f"chiso766/{__version__} (766 index reports of a provincial office)"  # who asks

# Exit codes of `chiso766 fetch` (README, "Tự động lấy số liệu từ Cổng"):
EXIT_OK = 0
EXIT_BAD_ANSWER = 1  # the portal answered, but not with usable data (empty, malformed, partial)
EXIT_USAGE = 2  # a period or setting the command cannot use
EXIT_BLOCKED = 4  # the portal refused the connection: do not retry today from this network
EXIT_NETWORK = 5  # the portal could not be reached (after the retries)


class FetchError(Exception):
    """Why a fetch stopped: a message key and its fields, and the command's exit code."""

    def __init__(self, code: str, exit_code: int, /, **fields: object) -> None:
        self.code = code
        self.exit_code = exit_code
        self.fields = fields
        super().__init__(code)

    def __str__(self) -> str:
        return msg(self.code, **self.fields)


@dataclass
class Answer:
    """A response as received: its status and its bytes, untouched."""

    request: Request
    url: str
    status: int
    content: bytes
    received_at: float  # time.time()


@dataclass
class PortalClient:
    base_url: str
    delay: float = 1.0  # seconds between two requests
    jitter: float = 0.5  # plus up to this many seconds, at random
    timeout: float = 30.0
    attempts: int = 3  # tries of one request on a network error or a 5xx answer
    backoff: float = 5.0  # seconds before the first retry, doubled for each next one
    say: Callable[[str], None] = print
    sleep: Callable[[float], None] = time.sleep
    _http: httpx.Client | None = field(default=None, init=False, repr=False)
    _last: float | None = field(default=None, init=False, repr=False)
    _count: int = field(default=0, init=False, repr=False)

    def __enter__(self) -> PortalClient:
        self._http = httpx.Client(
            base_url=self.base_url,
            timeout=httpx.Timeout(self.timeout),
            headers={"User-Agent": USER_AGENT, "Accept-Language": "vi,en;q=0.5"},
            follow_redirects=True,
        )
        return self

    def __exit__(self, *exc: object) -> None:
        if self._http is not None:
            self._http.close()

    def open(self) -> None:
        """Visit the public landing page once, as a browser would, for the firewall's cookies."""
        landing = Request(
            api="-", file="", label=msg("fetch.what.landing"), path=LANDING, method="GET"
        )
        try:
            answer = self._send(landing)
        except FetchError as exc:  # a mirror without the page: its cookies are not needed
            if exc.code != "fetch.status":
                raise
            status = exc.fields["status"]
        else:
            status = answer.status
        self.say(msg("fetch.landing", url=self.base_url + LANDING, status=status))

    def send(self, request: Request) -> Answer:
        """One request, paced; the answer when the portal gave one it meant as data."""
        answer = self._send(request)
        self._count += 1
        self.say(
            msg(
                "fetch.progress",
                number=self._count,
                what=request.what,
                status=answer.status,
                size=len(answer.content),
                seconds=f"{time.monotonic() - self._started:.1f}".replace(".", ","),
            )
        )
        return answer

    def _send(self, request: Request) -> Answer:
        assert self._http is not None, "use PortalClient as a context manager"
        reason = ""
        for attempt in range(1, self.attempts + 1):
            self._pace()
            self._started = time.monotonic()
            try:
                response = self._http.request(
                    request.method,
                    request.path,
                    data=request.form,
                    json=request.json,
                    headers=self._headers(request),
                )
                content = response.content  # the whole body: a cut-off body raises here
            except httpx.TransportError as exc:  # reset, refused, timeout, truncated body
                reason = type(exc).__name__
            else:
                _refuse_if_blocked(request, response.status_code, content)
                if response.status_code < 500:
                    if response.status_code not in request.ok_statuses:
                        raise FetchError(
                            "fetch.status",
                            EXIT_BAD_ANSWER,
                            status=response.status_code,
                            what=request.what,
                        )
                    return Answer(
                        request, str(response.url), response.status_code, content, time.time()
                    )
                reason = f"HTTP {response.status_code}"
            if attempt < self.attempts:
                wait = self.backoff * 2 ** (attempt - 1) + random.uniform(0, self.jitter)
                self.say(
                    msg(
                        "fetch.retry",
                        reason=reason,
                        attempt=attempt + 1,
                        attempts=self.attempts,
                        wait=f"{wait:.0f}",
                    )
                )
                self.sleep(wait)
        code = "fetch.server" if reason.startswith("HTTP") else "fetch.network"
        raise FetchError(
            code,
            EXIT_NETWORK,
            what=request.what,
            attempts=self.attempts,
            reason=reason,
            status=reason.removeprefix("HTTP "),
        )

    def _headers(self, request: Request) -> dict:
        """The API's headers; the old API's pages are asked from the landing page, as its own
        page asks them."""
        if request.api == "old":
            return request.headers | {"Referer": self.base_url.rstrip("/") + LANDING}
        return request.headers

    def _pace(self) -> None:
        """Wait until `delay` (plus jitter) has passed since the previous request."""
        if self._last is not None:
            due = self._last + self.delay + random.uniform(0, self.jitter)
            if (wait := due - time.monotonic()) > 0:
                self.sleep(wait)
        self._last = time.monotonic()


def _refuse_if_blocked(request: Request, status: int, content: bytes) -> None:
    """Stop at once on a refusal: 403/406/429, or the firewall's HTML page whatever its status."""
    head = content[:4096]
    if status in BLOCKING_STATUSES:
        reason = msg("fetch.blocked.status", status=status)
    elif head.lstrip()[:1] == b"<" and any(m in content for m in FIREWALL_MARKERS):
        detail = next(m for m in FIREWALL_MARKERS if m in content).decode()
        reason = msg("fetch.blocked.firewall", detail=detail)
    else:
        return
    raise FetchError("fetch.blocked", EXIT_BLOCKED, reason=reason, what=request.what)
