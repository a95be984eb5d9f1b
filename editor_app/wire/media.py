"""Media on the wire: collections, videos/audios/images, uploads, cut streams, canvas extensions.

The kind of a media item is told by its id's prefix (`m-` video, `a-` audio, `img-` image), as
in the cloud: `kind_of_id` and `ID_PREFIX` are the one place that rule is written.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, field_validator

from editor_app.wire.base import WireModel
from editor_app.wire.preview import ProxyInfo

MediaKind = Literal["video", "audio", "image"]
ID_PREFIX: dict[MediaKind, str] = {"video": "m-", "audio": "a-", "image": "img-"}


def kind_of_id(media_id: str) -> MediaKind:
    """The kind a media id names: `a-…` audio, `img-…` image, anything else (`m-…`) video."""
    if media_id.startswith(ID_PREFIX["image"]):
        return "image"
    if media_id.startswith(ID_PREFIX["audio"]):
        return "audio"
    return "video"


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
    # extension: the preview proxy of a video (local backend only; None elsewhere)
    proxy: ProxyInfo | None = None

    @field_validator("length", mode="before")
    @classmethod
    def _length_as_float(cls, value: Any) -> float:
        if value in (None, ""):
            return 0.0
        return float(value)

    @property
    def kind(self) -> MediaKind:
        return kind_of_id(self.id)


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


class TranscriptUpload(WireModel):
    """`POST /video/{id}/transcript` as JSON (extension): SRT, WebVTT or ASS text."""

    text: str = Field(min_length=1)
    name: str = Field(default="transcript", max_length=500)


class TranscriptInfo(WireModel):
    """A transcript attached to a video or audio (extension): what `src: "auto"` captions show."""

    media_id: str
    name: str
    cues: int
    word_timing: bool = False
    text: str | None = None
