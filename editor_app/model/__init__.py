"""The editor's document model, free of Qt and of the rest of the app: timeline, edits, undo,
project files. `timeline`, `clip`, `track` and `assets` are the document; `edits/` the undoable
commands; `interchange/` editor JSON, timeline_v2, OTIO and SDK code; `project/` the files."""

from editor_app.model.assets import (
    AudioAsset,
    CaptionAsset,
    Crop,
    Font,
    ImageAsset,
    TextAsset,
    VideoAsset,
)
from editor_app.model.clip import Clip, Offset, Transition
from editor_app.model.errors import (
    EditError,
    InvalidTimelineJSON,
    ModelError,
    ProjectFileError,
    TimelineV2Unsupported,
)
from editor_app.model.media import MediaInfo
from editor_app.model.project import MediaRef, Project, load_project, save_project
from editor_app.model.ticks import TICKS_PER_SECOND, format_timecode, to_seconds, to_ticks
from editor_app.model.timeline import Timeline
from editor_app.model.track import Marker, Track

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
    "MediaRef",
    "ModelError",
    "Offset",
    "Project",
    "ProjectFileError",
    "TextAsset",
    "Timeline",
    "TimelineV2Unsupported",
    "Track",
    "Transition",
    "VideoAsset",
    "format_timecode",
    "load_project",
    "save_project",
    "to_seconds",
    "to_ticks",
]
