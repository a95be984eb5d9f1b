"""What the editor knows about a source: enough to keep clips inside it and to draw it."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from editor_app.model.ticks import Ticks

MediaKind = Literal["video", "audio", "image"]


class MediaInfo(BaseModel):
    """A source in the bin. `length` is in ticks; None for images (they last as long as asked)."""

    model_config = ConfigDict(extra="ignore")

    id: str
    kind: MediaKind
    name: str = ""
    length: Ticks | None = Field(default=None, ge=0)
    width: int | None = None
    height: int | None = None
    fps: float | None = None
    has_audio: bool = False
    # where it came from, so a project can re-upload it to another backend
    original_path: str | None = None
