"""Wire models of the VideoDB HTTP API, shared by the client (`editor_app.api`) and the
embedded local backend (`editor_app.server`), so both sides agree by construction.

Timeline bodies are not here: the editor timeline JSON is `editor_app.model.Timeline`'s
(`to_editor_json` / `from_editor_json`). These models cover envelopes, media, jobs and the
seed's `/timeline_v2` family (DESIGN 3.2-3.4). Unknown fields are ignored everywhere, as
the cloud adds fields over time.
"""

from __future__ import annotations

from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

T = TypeVar("T")

MediaKind = Literal["video", "audio", "image"]
ExportFormat = Literal["mp4", "webm", "avi"]
CompileFormat = Literal["mp4", "webm", "hls"]
Quality = Literal["low", "medium", "high"]
JobStatus = Literal["processing", "done", "complete", "failed", "error", "cancelled"]

DONE_STATUSES: frozenset[str] = frozenset({"done", "complete"})
FAILED_STATUSES: frozenset[str] = frozenset({"failed", "error", "cancelled"})


class WireModel(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)


class Envelope(WireModel, Generic[T]):
    """`{"success": bool, "data": {...}, "message"?: str}` around every response."""

    success: bool = True
    data: T | None = None
    message: str | None = None
    error_code: str | None = None


class ErrorBody(WireModel):
    success: Literal[False] = False
    message: str
    error_code: str | None = None


class Collection(WireModel):
    id: str
    name: str = ""
    description: str | None = None
    is_public: bool = False


class MediaItem(WireModel):
    """A video, audio or image as listed by `/video`, `/audio`, `/image`.

    `length` arrives as a string from the cloud for some media; it is always a float here
    (seconds, 0 for images). Fields marked "extension" are the local backend's own.
    """

    id: str
    collection_id: str = "default"
    name: str = ""
    description: str | None = None
    length: float = 0.0
    size: int | None = None
    stream_url: str | None = None
    player_url: str | None = None
    thumbnail_url: str | None = None
    url: str | None = None
    # extension: probed metadata the timeline needs for clamping and drawing
    width: int | None = None
    height: int | None = None
    fps: float | None = None
    has_audio: bool | None = None
    video_codec: str | None = None
    audio_codec: str | None = None

    @field_validator("length", mode="before")
    @classmethod
    def _length_as_float(cls, value: Any) -> float:
        if value in (None, ""):
            return 0.0
        return float(value)

    @property
    def kind(self) -> MediaKind:
        if self.id.startswith("a-"):
            return "audio"
        if self.id.startswith("img-"):
            return "image"
        return "video"


class UploadUrl(WireModel):
    upload_url: str


class UploadRequest(WireModel):
    """`media_type` None (the SDK's default) lets the server tell the kind from the file."""

    url: str
    name: str | None = None
    media_type: MediaKind | None = None
    description: str | None = None


class StreamRequest(WireModel):
    """`POST /video/{id}/stream`: segments `[[start, end], ...]` in seconds."""

    timeline: list[tuple[float, float]] = Field(default_factory=list)

    @field_validator("timeline", mode="before")
    @classmethod
    def _none_is_whole_video(cls, value: Any) -> Any:
        # the SDK sends `"timeline": null` to ask for the whole video
        return [] if value is None else value


class StreamResult(WireModel):
    stream_url: str
    player_url: str | None = None


class CompileResult(WireModel):
    """Answer of `POST /editor` and `POST /timeline_v2`.

    `timeline_id` is added by the local backend so the seed's download contract is usable
    (the seed's compile response lists none, DESIGN 3.2); `duration`/`format` come from the seed.
    """

    stream_url: str
    player_url: str | None = None
    timeline_id: str | None = None
    duration: float | None = None
    format: str | None = None


class SeedClip(WireModel):
    start: float
    end: float
    volume: float = 1.0


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


class JobData(WireModel):
    """`data` of an async response; `progress` (0..1) and `error` are extensions.

    `percentage` (0..100) is what the official SDK reads for its progress bar.
    """

    id: str | None = None
    output_url: str | None = None
    download_url: str | None = None
    stream_url: str | None = None
    progress: float | None = None
    percentage: float | None = None
    size: int | None = None
    duration: float | None = None
    format: str | None = None
    error: str | None = None


class AsyncResponse(WireModel):
    """`{"success", "status", "data": {"id", "output_url", ...}}` (seed AsyncResponse)."""

    success: bool = True
    status: JobStatus = "processing"
    data: JobData = Field(default_factory=JobData)
    message: str | None = None

    @property
    def finished(self) -> bool:
        return self.status in DONE_STATUSES

    @property
    def failed(self) -> bool:
        return self.status in FAILED_STATUSES


class ThumbnailStrip(WireModel):
    """Extension `GET /video/{id}/thumbnails`: evenly spaced frames for the timeline canvas."""

    interval: float
    width: int
    height: int
    urls: list[str]


class Waveform(WireModel):
    """Extension `GET /{video|audio}/{id}/waveform`: peak amplitude (0..1) per `interval` s."""

    interval: float
    peaks: list[float]
