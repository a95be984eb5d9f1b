"""One error base, mapped to HTTP in one place: each kind of ServerError answers its status and
error code in the envelope, a more precise code wins, and anything else is a 500 naming only its type."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from editor_app.server import errors
from editor_app.server.errors import ServerError, install_error_handlers


@pytest.mark.parametrize(
    ("error", "status", "code"),
    [
        (errors.BadRequest("no"), 400, "invalid_request"),
        (errors.RenderInputError("resolution: bad"), 400, "invalid_request"),
        (errors.ProbeError("not media"), 400, "unsupported_media"),
        (errors.Forbidden("outside", "forbidden_path"), 403, "forbidden_path"),
        (errors.not_found("video", "m-1"), 404, "not_found"),
        (errors.MissingSourceError("m-1", "video"), 404, "not_found"),
        (errors.TimelineGone("timeline tl-1 not found"), 404, "not_found"),
        (errors.Conflict("already"), 409, "conflict"),
        (errors.RenderCancelled("cancelled"), 409, "cancelled"),
        (errors.Gone("expired", "upload_expired"), 410, "upload_expired"),
        (errors.PayloadTooLarge("big"), 413, "payload_too_large"),
        (errors.SegmentAbandoned("the client closed the request"), 499, "client_closed"),
        (errors.ToolError("ffmpeg failed"), 500, "ffmpeg_failed"),
        (errors.ToolTimeout("ffmpeg took longer than 1 s"), 500, "ffmpeg_failed"),
        (errors.ShuttingDown("the server is shutting down"), 503, "unavailable"),
        (errors.RenderFailed("ffmpeg: broken"), 500, "render_failed"),
        (errors.SegmentFailed("rendering the stream failed: x"), 500, "render_failed"),
        (errors.SegmentTimeout("not ready; retry in a moment"), 503, "not_ready"),
        (errors.InsufficientStorage("disk full"), 507, "storage_failed"),
        (ServerError("plain"), 500, "internal_error"),
    ],
)
def test_every_server_error_answers_its_status_and_code(error: ServerError, status: int, code: str) -> None:
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/fail")
    def fail() -> None:
        raise error

    answer = TestClient(app).get("/fail")
    assert answer.status_code == status
    assert answer.json() == {"success": False, "message": str(error), "error_code": code}


def test_an_unexpected_exception_is_a_500_naming_only_its_type() -> None:
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/crash")
    def crash() -> None:
        raise KeyError("secret detail")

    answer = TestClient(app, raise_server_exceptions=False).get("/crash")
    assert answer.status_code == 500
    assert answer.json() == {
        "success": False,
        "message": "internal error: KeyError",
        "error_code": "internal_error",
    }
