"""Wire models of the VideoDB HTTP API, shared by the client (`editor_app.api`) and the embedded
local backend (`editor_app.server`), so both sides agree by construction. Only pydantic and the
standard library are imported here.

Timeline bodies are not here: the editor timeline JSON is `editor_app.model.Timeline`'s
(`to_editor_json` / `from_editor_json`). These models cover envelopes (`base`), media and
uploads (`media`), jobs (`jobs`), and compile/export with the seed's `/timeline_v2` family
(`exports`).
"""

from editor_app.wire.base import Envelope, ErrorBody, WireModel
from editor_app.wire.exports import (
    ALL_FORMATS,
    EDITOR_DOWNLOAD,
    LOOPBACK_HOSTS,
    SEED_DOWNLOAD,
    CompileFormat,
    CompileResult,
    EditorDownloadRequest,
    ExportFormat,
    Quality,
    SeedClip,
    SeedCompileRequest,
    SeedDownloadRequest,
    SeedEntry,
    export_endpoint,
    formats_offered_by,
    supports_formats,
    supports_quality,
)
from editor_app.wire.jobs import DONE_STATUSES, FAILED_STATUSES, AsyncResponse, JobData, JobStatus
from editor_app.wire.media import (
    ID_PREFIX,
    Collection,
    MediaItem,
    MediaKind,
    StreamRequest,
    StreamResult,
    ThumbnailStrip,
    TranscriptInfo,
    TranscriptUpload,
    UploadRequest,
    UploadUrl,
    Waveform,
    kind_of_id,
)
from editor_app.wire.preview import LocalSettings, LocalSettingsPatch, ProxyInfo, ProxyState

__all__ = [
    "ALL_FORMATS",
    "DONE_STATUSES",
    "EDITOR_DOWNLOAD",
    "FAILED_STATUSES",
    "ID_PREFIX",
    "LOOPBACK_HOSTS",
    "SEED_DOWNLOAD",
    "AsyncResponse",
    "Collection",
    "CompileFormat",
    "CompileResult",
    "EditorDownloadRequest",
    "Envelope",
    "ErrorBody",
    "ExportFormat",
    "JobData",
    "JobStatus",
    "LocalSettings",
    "LocalSettingsPatch",
    "MediaItem",
    "MediaKind",
    "ProxyInfo",
    "ProxyState",
    "Quality",
    "SeedClip",
    "SeedCompileRequest",
    "SeedDownloadRequest",
    "SeedEntry",
    "StreamRequest",
    "StreamResult",
    "ThumbnailStrip",
    "TranscriptInfo",
    "TranscriptUpload",
    "UploadRequest",
    "UploadUrl",
    "Waveform",
    "WireModel",
    "export_endpoint",
    "formats_offered_by",
    "kind_of_id",
    "supports_formats",
    "supports_quality",
]
