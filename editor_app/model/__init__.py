"""The editor's document model, free of Qt: timeline, edits, undo, project files."""

from editor_app.model.assets import (
    AudioAsset,
    CaptionAsset,
    Crop,
    Font,
    ImageAsset,
    TextAsset,
    VideoAsset,
)
from editor_app.model.errors import (
    EditError,
    InvalidTimelineJSON,
    ModelError,
    ProjectFileError,
    TimelineV2Unsupported,
)
from editor_app.model.media import MediaInfo
from editor_app.model.ticks import TICKS_PER_SECOND, format_timecode, to_seconds, to_ticks
from editor_app.model.timeline import Clip, Marker, Offset, Timeline, Track, Transition

__all__ = [
    "TICKS_PER_SECOND",
    "AudioAsset",
    "CaptionAsset",
    "Clip",
    "Crop",
    "EditError",
    "Font",
    "ImageAsset",
    "InvalidTimelineJSON",
    "Marker",
    "MediaInfo",
    "ModelError",
    "Offset",
    "ProjectFileError",
    "TextAsset",
    "Timeline",
    "TimelineV2Unsupported",
    "Track",
    "Transition",
    "VideoAsset",
    "format_timecode",
    "to_seconds",
    "to_ticks",
]
