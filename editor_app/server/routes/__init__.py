"""The HTTP routes of the local backend, one module per resource; `ROUTERS` in the order
`create_app` includes them (the order of the OpenAPI description's paths)."""

from __future__ import annotations

from fastapi import APIRouter

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

ROUTERS: tuple[APIRouter, ...] = (
    media.router,
    media_actions.router,
    transcripts.router,
    uploads.router,
    files.router,
    compile_routes.router,
    preview.router,  # before streams: `/stream/{id}/frame` is not a segment
    streams.router,
    jobs.router,
)
