"""When a request may be repeated, and how long to wait before repeating it.

Which requests are repeated (and why no second job can be created):
- Requests that are safe to repeat (GET, HEAD, job polls, downloads; the caller marks them
  `idempotent=True`) are retried after timeouts, dropped connections, unreadable answers,
  429 and 502/503/504.
- Requests that create something (compile and export POSTs, upload steps, deletions) are
  retried only when the server provably did not act on them: the connection was never
  established (connect error or connect timeout, so no byte of the request was sent), or it
  answered 429 (rate limiting refuses a request before handling it). A read timeout, a reset
  after sending, or a 5xx after a compile/export POST surfaces as an error instead, so a
  retry can never start a second export job. The export handle carries the job's
  `output_url`, which is what a caller resumes from (`wait_job`) rather than posting again.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx

RETRY_STATUSES: frozenset[int] = frozenset({429, 502, 503, 504})


@dataclass(frozen=True)
class RetryPolicy:
    """Capped exponential backoff with jitter: `base * 2**n`, at most `cap`, times 1 +- `jitter`."""

    attempts: int = 4  # total tries, the first one included
    base_delay: float = 0.25
    max_delay: float = 8.0
    jitter: float = 0.25
    max_retry_after: float = 60.0  # a Retry-After beyond this is not waited for
    statuses: frozenset[int] = field(default=RETRY_STATUSES)
    rng: random.Random = field(default_factory=random.Random, compare=False, repr=False)

    def delay(self, retry_number: int, retry_after: float | None = None) -> float:
        """Seconds to wait before retry `retry_number` (1 for the first retry)."""
        if retry_after is not None:
            return min(max(retry_after, 0.0), self.max_retry_after)
        backoff = min(self.max_delay, self.base_delay * (2 ** (retry_number - 1)))
        spread = backoff * self.jitter
        return max(0.0, backoff + self.rng.uniform(-spread, spread))


NO_RETRY = RetryPolicy(attempts=1)


def never_sent(exc: httpx.TransportError) -> bool:
    """True when the request provably never reached the server."""
    return isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)


def retry_after_seconds(response: httpx.Response) -> float | None:
    """`Retry-After` as seconds (delta-seconds or an HTTP date), None when absent or unreadable."""
    value = response.headers.get("retry-after")
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    date_header = response.headers.get("date")
    try:
        now = parsedate_to_datetime(date_header) if date_header else None
    except (TypeError, ValueError):
        now = None
    if now is None:
        now = datetime.now(UTC)
    return max(0.0, (when - now).total_seconds())
