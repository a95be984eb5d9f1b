"""Compile and export on the wire: the compile answer, the seed's `/timeline_v2` family, downloads,
and which export formats and qualities a backend offers for a compiled timeline.

The rule: a `CompileResult` with a `timeline_id` came from a backend that implements the
seed's download contract (the local backend adds the id to every compile answer), so the
export goes to `POST /timeline_v2/download` with `format` and `quality`. Without a
`timeline_id` (the cloud's `/editor` today) the only export is `POST /editor/download` with
the `stream_url`, which produces MP4 at the backend's quality.
"""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import Field

from editor_app.wire.base import WireModel

ExportFormat = Literal["mp4", "webm", "avi"]
CompileFormat = Literal["mp4", "webm", "hls"]
Quality = Literal["low", "medium", "high"]

ALL_FORMATS: tuple[ExportFormat, ...] = ("mp4", "webm", "avi")
SEED_DOWNLOAD = "/timeline_v2/download"
EDITOR_DOWNLOAD = "/editor/download"
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
# a point on the seed's cut list: finite, within the 24 h any timeline time may span
# (docs/architecture.md, "Limits"; the model's MAX_TIMELINE_S, which wire may not import)
MAX_SEED_SECONDS = 24 * 3600.0
SeedSeconds = Annotated[float, Field(ge=0, le=MAX_SEED_SECONDS, allow_inf_nan=False)]


class CompileResult(WireModel):
    """Answer of `POST /editor` and `POST /timeline_v2`.

    `timeline_id` is added by the local backend so the seed's download contract is usable
    (the seed's compile response lists none); `duration`/`format` come from the seed.
    """

    stream_url: str
    player_url: str | None = None
    timeline_id: str | None = None
    duration: float | None = None
    format: str | None = None
    # extension (local backend only): `GET {frame_url}&t=<s>&height=<rows>` -> the composed
    # frame at t as image/jpeg (docs/architecture.md, "Proxies and preview size")
    frame_url: str | None = None
    # extension (local backend only): the stream's frame rate, the grid `frame_url` snaps t to
    fps: float | None = None


class SeedClip(WireModel):
    start: SeedSeconds
    end: SeedSeconds
    volume: float = Field(default=1.0, ge=0, le=10, allow_inf_nan=False)


class SeedEntry(WireModel):
    video_id: str
    clips: list[SeedClip]


class SeedCompileRequest(WireModel):
    request_type: Literal["compile"] = "compile"
    timeline: list[SeedEntry]
    output_format: CompileFormat = "hls"
    quality: Quality = "high"


class SeedDownloadRequest(WireModel):
    timeline_id: str
    format: ExportFormat = "mp4"
    quality: Quality = "high"


class EditorDownloadRequest(WireModel):
    stream_url: str
    # extension: the local backend also honours these; the cloud ignores them.
    format: ExportFormat | None = None
    quality: Quality | None = None


def supports_formats(compiled: CompileResult) -> tuple[ExportFormat, ...]:
    """What the backend that answered this compile exports."""
    return ALL_FORMATS if compiled.timeline_id else ("mp4",)


def formats_offered_by(base_url: str) -> tuple[ExportFormat, ...]:
    """Before any compile: the local backend (on loopback) implements the seed's download
    contract and adds a `timeline_id` to every compile; the cloud does neither."""
    return ALL_FORMATS if urlsplit(base_url).hostname in LOOPBACK_HOSTS else ("mp4",)


def supports_quality(compiled: CompileResult) -> bool:
    return compiled.timeline_id is not None


def export_endpoint(compiled: CompileResult) -> str:
    return SEED_DOWNLOAD if compiled.timeline_id else EDITOR_DOWNLOAD
