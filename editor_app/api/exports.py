"""The handle of a started export (the rules of which export a backend offers are `wire.exports`)."""

from __future__ import annotations

from pydantic import BaseModel

from editor_app.wire import AsyncResponse, ExportFormat, Quality


class ExportHandle(BaseModel):
    """A started export. Keep it (the project file does) to resume waiting after a restart.

    `answer` is the backend's first answer; when it was already `done`, `output_url` may be
    empty and `answer.data.download_url` holds the file.
    """

    id: str | None
    output_url: str
    format: ExportFormat
    quality: Quality
    endpoint: str
    answer: AsyncResponse | None = None
