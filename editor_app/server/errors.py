"""Envelopes (DESIGN 3.3): `ok(data)` for success; every failure answers
`{"success": false, "message", "error_code"}`.

Raise `ApiError` (or one of the helpers) anywhere in a route; `install_error_handlers` turns it,
FastAPI's validation errors (400 naming the field instead of 422), Starlette's HTTP errors and
unexpected exceptions into the envelope, so no client ever sees a bare traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

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


class ApiError(Exception):
    """An error with its HTTP status; the message is shown to the user as is."""

    def __init__(self, status: int, message: str, error_code: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.error_code = error_code or _DEFAULT_CODES.get(status, "error")


def ok(data: Any) -> dict[str, Any]:
    """The success envelope `{"success": true, "data": ...}`."""
    return {"success": True, "data": data}


def bad_request(message: str, error_code: str = "invalid_request") -> ApiError:
    return ApiError(400, message, error_code)


def not_found(what: str, item_id: str) -> ApiError:
    """`not_found("video", "m-1")` -> 404 "video m-1 not found"."""
    return ApiError(404, f"{what} {item_id} not found", "not_found")


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


async def _api_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
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


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(500, f"internal error: {type(exc).__name__}", "internal_error")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected_error)
