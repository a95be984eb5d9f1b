"""HTTP client for the VideoDB API (cloud or the embedded local backend). No Qt here."""

from editor_app.api.cancel import CancelToken
from editor_app.api.client import VideoDBClient
from editor_app.api.errors import (
    AuthenticationError,
    Cancelled,
    ConnectionFailed,
    DownloadIncomplete,
    InvalidRequestError,
    JobFailed,
    JobTimeout,
    NotFoundError,
    RateLimitedError,
    RequestTimeout,
    ServerError,
    UrlExpired,
    VideoDBError,
)
from editor_app.api.exports import ExportHandle
from editor_app.api.retry import RetryPolicy
from editor_app.wire import supports_formats, supports_quality

__all__ = [
    "AuthenticationError",
    "CancelToken",
    "Cancelled",
    "ConnectionFailed",
    "DownloadIncomplete",
    "ExportHandle",
    "InvalidRequestError",
    "JobFailed",
    "JobTimeout",
    "NotFoundError",
    "RateLimitedError",
    "RequestTimeout",
    "RetryPolicy",
    "ServerError",
    "UrlExpired",
    "VideoDBClient",
    "VideoDBError",
    "supports_formats",
    "supports_quality",
]
