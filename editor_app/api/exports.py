"""Which export endpoint a backend offers for a compiled timeline, and the handle of a started export.

The rule: a `CompileResult` with a `timeline_id` came from a backend that implements the
seed's download contract (the local backend adds the id to every compile answer), so the
export goes to `POST /timeline_v2/download` with `format` and `quality`. Without a
`timeline_id` (the cloud's `/editor` today) the only export is `POST /editor/download` with
the `stream_url`, which produces MP4 at the backend's quality: `supports_formats()` then
answers `("mp4",)` and the export dialog shows "mp4 only".
"""

from __future__ import annotations

from pydantic import BaseModel

from editor_app.api.wire import AsyncResponse, CompileResult, ExportFormat, Quality

ALL_FORMATS: tuple[ExportFormat, ...] = ("mp4", "webm", "avi")
SEED_DOWNLOAD = "/timeline_v2/download"
EDITOR_DOWNLOAD = "/editor/download"


def supports_formats(compiled: CompileResult) -> tuple[ExportFormat, ...]:
    return ALL_FORMATS if compiled.timeline_id else ("mp4",)


def supports_quality(compiled: CompileResult) -> bool:
    return compiled.timeline_id is not None


def export_endpoint(compiled: CompileResult) -> str:
    return SEED_DOWNLOAD if compiled.timeline_id else EDITOR_DOWNLOAD


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
