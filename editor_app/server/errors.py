"""The server's errors and its envelopes (docs/architecture.md, "The wire contract").

`ok(data)` is the success envelope; every failure answers `{"success": false, "message",
"error_code"}` with a 4xx/5xx status. Every error the server raises on purpose is a
`ServerError`: its class says the HTTP status and the default `error_code`, its message is shown
to the user as is. `install_error_handlers` maps them, and also FastAPI's validation errors (a
400 naming the field instead of a 422), Starlette's HTTP errors and unexpected exceptions (a 500
naming only the type), into the envelope, so no client ever sees a bare traceback.

    ServerError                 500 internal_error
    ├── BadRequest              400 invalid_request (or a more precise code)
    │   ├── RenderInputError    400  the timeline cannot be rendered as asked (render/)
    │   └── ProbeError          400 unsupported_media  not media ffprobe can read (media/probe.py)
    ├── Forbidden               403 forbidden
    ├── NotFound                404 not_found (`not_found(what, id)`)
    │   ├── MissingSourceError  404  a clip names media that does not exist (render/sources.py)
    │   └── TimelineGone        404  no compiled timeline has this id (render/service.py)
    ├── Conflict                409 conflict
    │   └── RenderCancelled     409 cancelled  an export was cancelled (the job records it)
    ├── Gone                    410 gone
    ├── PayloadTooLarge         413 payload_too_large
    ├── SegmentAbandoned        499 client_closed  the asker of a preview segment hung up
    ├── ToolError               500 ffmpeg_failed  ffmpeg/ffprobe could not run, or failed
    │   ├── ToolTimeout         500  it ran longer than its timeout and was killed
    │   └── ShuttingDown        503 unavailable  refused or ended: the server is stopping
    ├── RenderFailed            500 render_failed  ffmpeg failed or wrote something else
    │   └── SegmentFailed       500  a preview segment did not render
    ├── SegmentTimeout          503 not_ready  a preview segment is still rendering
    └── InsufficientStorage     507 storage_failed

`ErrorBody` is that envelope as a model, and `error_responses(...)` documents it in the OpenAPI
description for the statuses a route can answer (`routes/__init__.py` adds them to every route).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any, Literal

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger(__name__)

_DEFAULT_CODES = {
    400: "invalid_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    416: "range_not_satisfiable",
    422: "invalid_request",
    500: "internal_error",
    503: "unavailable",
    507: "insufficient_storage",
}


class ErrorBody(BaseModel):
    """Every refusal and failure: `{"success": false, "message", "error_code"}`."""

    success: Literal[False]
    message: str = Field(description="what went wrong, written for the user")
    error_code: str = Field(description="stable machine-readable reason, e.g. `not_found`")


# what each documented status means here (every one answers ErrorBody)
_STATUS_DOCS = {
    400: "Invalid request: a bad field (named in `message`; validation errors are 400 here, never "
    "422), a timeline that cannot render, unsupported media",
    401: "Missing or wrong API key (`x-access-token`), or a missing, expired or wrong `?token=`",
    403: "Forbidden: a file path outside its folder, or a host name other than loopback's",
    404: "No such media, collection, timeline, stream, job or file",
    409: "Conflict with the current state (an upload URL already used, a job already settled)",
    410: "Gone: an expired upload URL, or a stream that can no longer be rendered",
    413: "Too large: the request body, an upload, a timeline's length, clip count or text",
    416: "The `Range` asked for is outside the file",
    500: "An internal error or an ffmpeg failure (`message` names the reason)",
    503: "Not ready or busy (retry soon: a preview segment still rendering), or shutting down",
    507: "The disk is full: the data could not be stored",
}
COMMON_STATUSES = (400, 401, 403, 404, 409, 413, 500, 503)


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """FastAPI `responses=` documenting ErrorBody for `statuses` (default: COMMON_STATUSES)."""
    return {
        status: {"model": ErrorBody, "description": _STATUS_DOCS[status]}
        for status in statuses or COMMON_STATUSES
    }


class ServerError(Exception):
    """An error with its HTTP status (the class's); the message is shown to the user as is."""

    status: int = 500
    error_code: str = "internal_error"

    def __init__(self, message: str, error_code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if error_code is not None:
            self.error_code = error_code


class BadRequest(ServerError):
    status, error_code = 400, "invalid_request"


class RenderInputError(BadRequest):
    """The timeline cannot be rendered as asked; the message says why."""


class ProbeError(BadRequest):
    """The file is not media ffprobe can read; the message says why."""

    error_code = "unsupported_media"


class Forbidden(ServerError):
    status, error_code = 403, "forbidden"


class NotFound(ServerError):
    status, error_code = 404, "not_found"


class MissingSourceError(NotFound):
    """A clip names media that does not exist."""

    def __init__(self, media_id: str, kind: str = "media") -> None:
        self.media_id = media_id
        super().__init__(f"{kind} {media_id} not found")


class TimelineGone(NotFound):
    """No compiled timeline has this id (never compiled here, or its row is gone)."""


class Conflict(ServerError):
    status, error_code = 409, "conflict"


class RenderCancelled(Conflict):
    """An export's render was cancelled, on request or because its job worker stops."""

    error_code = "cancelled"


class Gone(ServerError):
    status, error_code = 410, "gone"


class PayloadTooLarge(ServerError):
    status, error_code = 413, "payload_too_large"


class SegmentAbandoned(ServerError):
    """The asker of a preview segment hung up before it was ready (nobody reads the answer)."""

    status, error_code = 499, "client_closed"


class ToolError(ServerError):
    """ffmpeg or ffprobe could not be started, or failed; the message says why."""

    error_code = "ffmpeg_failed"


class ToolTimeout(ToolError):
    """The tool ran longer than its timeout and was killed."""


class ShuttingDown(ToolError):
    """The server is stopping: new runs are refused and running ones are ended."""

    status, error_code = 503, "unavailable"


class RenderFailed(ServerError):
    """ffmpeg failed or wrote something other than the whole timeline; the message says why."""

    error_code = "render_failed"


class SegmentFailed(RenderFailed):
    """ffmpeg could not render a preview segment; the message says why."""


class SegmentTimeout(ServerError):
    """A preview segment was not ready in time (still rendering behind other work)."""

    status, error_code = 503, "not_ready"


class InsufficientStorage(ServerError):
    status, error_code = 507, "storage_failed"


def ok(data: Any) -> dict[str, Any]:
    """The success envelope `{"success": true, "data": ...}`."""
    return {"success": True, "data": data}


def not_found(what: str, item_id: str) -> NotFound:
    """`not_found("video", "m-1")` -> 404 "video m-1 not found"."""
    return NotFound(f"{what} {item_id} not found")


def error_response(status: int, message: str, error_code: str | None = None) -> JSONResponse:
    body = {"success": False, "message": message, "error_code": error_code or _DEFAULT_CODES.get(status)}
    return JSONResponse(body, status_code=status)


_NOT_AN_OBJECT = frozenset({"model_attributes_type", "dict_type", "model_type"})


def describe_validation_errors(errors: Sequence[Any]) -> str:
    """Pydantic/FastAPI errors -> one sentence naming each bad field, e.g. "body.timeline.0.1: ..."."""
    parts = []
    for error in list(errors)[:5]:
        if tuple(error.get("loc", ())) == ("body",) and error.get("type") in _NOT_AN_OBJECT:
            return "the request body must be a JSON object"
        location = [str(p) for p in error.get("loc", ()) if p not in ("body", "query", "path")]
        field = ".".join(location) or "body"
        message = str(error.get("msg", "invalid value"))
        if error.get("type") == "json_invalid":
            return f"malformed JSON body: {error.get('ctx', {}).get('error', message)}"
        parts.append(f"{field}: {message}")
    return "invalid field " + "; ".join(parts) if parts else "invalid request"


async def _server_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ServerError)
    return error_response(exc.status, exc.message, exc.error_code)


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return error_response(400, describe_validation_errors(exc.errors()), "invalid_request")


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    response = error_response(exc.status_code, message)
    for name, value in (exc.headers or {}).items():
        response.headers[name] = value
    return response


class CatchUnexpected:
    """Answers an unexpected exception with the 500 envelope and does not re-raise it.

    Starlette's outermost error middleware re-raises after its 500, and uvicorn then drops the
    keep-alive connection without `Connection: close`: the client's next request on it fails.
    Caught here, inside it, the connection stays usable."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            log.exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
            if started:  # half an answer is out: only closing the connection tells the client
                raise
            response = error_response(500, f"internal error: {type(exc).__name__}", "internal_error")
            await response(scope, receive, send)


def _without_validation_422(build: Callable[[], dict[str, Any]]) -> Callable[[], dict[str, Any]]:
    """`build` (FastAPI's `app.openapi`) minus the 422 it adds to every operation with
    parameters: a validation error is answered 400 with ErrorBody (`_validation_error`), which
    `error_responses` documents, so the 422 and its HTTPValidationError schema would be a lie."""

    def openapi() -> dict[str, Any]:
        schema = build()  # FastAPI builds it once and returns the same dict after: edit in place
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                if isinstance(operation, dict):  # not a path-level `parameters` list
                    operation.get("responses", {}).pop("422", None)
        schemas = schema.get("components", {}).get("schemas", {})
        for name in ("HTTPValidationError", "ValidationError"):
            schemas.pop(name, None)
        return schema

    return openapi


def install_error_handlers(app: FastAPI) -> None:
    """The handlers of our errors, and the catch-all (`CatchUnexpected`, added as a middleware,
    so install this before any other middleware: the last added runs first). The OpenAPI
    description is made to say the same: validation errors are 400s there too."""
    app.add_exception_handler(ServerError, _server_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_middleware(CatchUnexpected)
    app.openapi = _without_validation_422(app.openapi)  # type: ignore[method-assign]  # FastAPI's way
