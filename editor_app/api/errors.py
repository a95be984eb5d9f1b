"""Every error the API client raises, in one tree (never a bare `Exception`).

```
VideoDBError                      anything that went wrong talking to a VideoDB backend
├── AuthenticationError           401/403: missing or wrong API key
│   └── UrlExpired                403 `url_expired`: a signed URL's lifetime has passed
├── NotFoundError                 404: the collection, media, stream or job does not exist
├── InvalidRequestError           400/409/413/422: the server refused the request (`message`, `field`)
├── RateLimitedError              429 after the retries ran out (`retry_after` seconds or None)
├── ServerError                   5xx after the retries ran out, or an unreadable answer (`status`)
├── RequestTimeout                the server did not answer in time (also `JobTimeout`)
│   └── JobTimeout                an async job did not finish within the overall timeout
├── ConnectionFailed              the server could not be reached (refused, reset, DNS)
├── JobFailed                     an async job ended failed/error/cancelled (`reason`)
├── Cancelled                     the caller cancelled through a `CancelToken`
└── DownloadIncomplete            a download ended short of (or past) its expected size
```

`UrlExpired` is what a caller holding a signed `?token=` URL of the local backend (a stream,
a still frame, a thumbnail, a media file, an export) reacts to: the URL was good and has
expired (a day by default, `serve --url-lifetime`), so compiling again or getting the item
again gives a fresh one. It is an `AuthenticationError`, so code catching that still does.

Messages are written for a person and never contain the API key: `redact()` is applied to
every message built from server text or URLs.
"""

from __future__ import annotations

import re

_SECRET_QUERY = re.compile(r"(?i)([?&](?:token|api_key|access_token|key)=)[^&\s\"']+")


def redact(text: str, secrets: tuple[str, ...] = ()) -> str:
    """Remove known secrets and `?token=` style query values from `text`."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return _SECRET_QUERY.sub(r"\1***", text)


class VideoDBError(Exception):
    """Base of all client errors; `str(err)` is a one-line message for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r})"


class AuthenticationError(VideoDBError):
    pass


class UrlExpired(AuthenticationError):
    """A signed URL was refused as expired (403 `url_expired`): get a fresh URL, do not retry it."""


class NotFoundError(VideoDBError):
    pass


class InvalidRequestError(VideoDBError):
    """`field` is the request field the server named (e.g. `timeline.tracks[0].clips[1].duration`)."""

    def __init__(self, message: str, field: str | None = None, status: int = 400) -> None:
        super().__init__(message)
        self.field = field
        self.status = status


class RateLimitedError(VideoDBError):
    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class ServerError(VideoDBError):
    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class RequestTimeout(VideoDBError):
    pass


class JobTimeout(RequestTimeout):
    pass


class ConnectionFailed(VideoDBError):
    pass


class JobFailed(VideoDBError):
    def __init__(self, reason: str, job_id: str | None = None) -> None:
        super().__init__(f"the job failed: {reason}")
        self.reason = reason
        self.job_id = job_id


class Cancelled(VideoDBError):
    def __init__(self, message: str = "cancelled") -> None:
        super().__init__(message)


class DownloadIncomplete(VideoDBError):
    def __init__(self, message: str, received: int, expected: int | None) -> None:
        super().__init__(message)
        self.received = received
        self.expected = expected
