"""The HTTP routes of the local backend, one module per resource; `ROUTERS` in the order
`create_app` includes them (the order of the OpenAPI description's paths), each route with its
error answers documented (`errors.error_responses`: the common ones, and a few routers' own)."""

from __future__ import annotations

from fastapi import APIRouter

from editor_app.server.errors import COMMON_STATUSES, error_responses
from editor_app.server.routes import compile as compile_routes
from editor_app.server.routes import (
    files,
    jobs,
    media,
    media_actions,
    preview,
    streams,
    transcripts,
    uploads,
)


def _documented(router: APIRouter, *extra: int) -> APIRouter:
    """`router`'s routes with ErrorBody documented for the common statuses and `extra`."""
    parent = APIRouter(responses=error_responses(*COMMON_STATUSES, *extra))
    parent.include_router(router)
    return parent


ROUTERS: tuple[APIRouter, ...] = (
    _documented(media.router),
    _documented(media_actions.router),
    _documented(transcripts.router),
    _documented(uploads.router, 410, 507),
    _documented(files.router, 416),
    _documented(compile_routes.router),
    _documented(preview.router),  # before streams: `/stream/{id}/frame` is not a segment
    _documented(streams.router, 410),
    _documented(jobs.router),
)
