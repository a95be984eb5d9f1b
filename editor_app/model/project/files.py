"""`.vdbproj` project files: the timeline, editor state, media references and export jobs.

A project file is JSON with a `format` marker and a `schema_version`. Loading never crashes
and never writes: corrupt, truncated, foreign or future files raise ProjectFileError naming
the file and the problem (line and column for JSON errors, the field for schema errors).
Saving is atomic (`atomic_file.py`), so a failed save leaves the previous file intact.
"""

from __future__ import annotations

import contextlib
import glob
import json
import re
import time
import uuid
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import PydanticSerializationError

from editor_app.model.bulk import gc_paused
from editor_app.model.errors import InvalidTimelineJSON, ProjectFileError
from editor_app.model.interchange.json_locate import locate
from editor_app.model.interchange.wire_checks import check_wire_values
from editor_app.model.media import MediaKind
from editor_app.model.project.atomic_file import atomic_write_bytes
from editor_app.model.project.migrations import MigrationError, migrate
from editor_app.model.ticks import Ticks
from editor_app.model.timeline import Timeline

SCHEMA_VERSION = 4  # 3: the frame rate, solo, row heights; 4: crop in source pixels
FORMAT_MARKER = "videodb-editor-project"
PROJECT_SUFFIX = ".vdbproj"
_ASSET_TAGS = frozenset({"video", "audio", "image", "text", "caption"})


class MediaRef(BaseModel):
    """Where a source lives: which backend and collection, and the file it came from."""

    model_config = ConfigDict(extra="ignore")

    id: str
    kind: MediaKind
    name: str = ""
    original_path: str | None = None
    backend: str = "local"
    collection_id: str = "default"


class ExportJobRecord(BaseModel):
    """An export the editor started, kept so a restart can resume tracking it."""

    model_config = ConfigDict(extra="ignore")

    id: str = Field(default_factory=lambda: uuid.uuid4().hex)
    output_path: str
    format: str = "mp4"
    quality: str = "high"
    backend_job_id: str | None = None
    output_url: str | None = None
    download_url: str | None = None
    state: str = "queued"
    bytes_done: int = Field(default=0, ge=0)
    created_at: float = Field(default_factory=time.time)
    # why the job failed (the server's reason), shown again after reopening
    error: str | None = None
    # the file's size and duration as the backend reported them, for checking the download
    expected_size: int | None = Field(default=None, ge=0)
    expected_duration: float | None = Field(default=None, ge=0)


class Project(BaseModel):
    """Everything a `.vdbproj` holds. Editor-only state never reaches the wire."""

    model_config = ConfigDict(extra="ignore", validate_assignment=False)

    format: str = FORMAT_MARKER
    schema_version: int = SCHEMA_VERSION
    name: str = "Untitled"
    timeline: Timeline = Field(default_factory=Timeline)
    backend: str = "local"
    base_url: str | None = None
    collection_id: str = "default"
    media: list[MediaRef] = Field(default_factory=list)
    exports: list[ExportJobRecord] = Field(default_factory=list)
    # editor state
    playhead: Ticks = Field(default=0, ge=0)
    zoom: float | None = Field(default=None, gt=0)  # pixels per second; None = fit
    scroll: Ticks = Field(default=0, ge=0)  # time at the left edge of the canvas
    selection: list[str] = Field(default_factory=list)
    in_point: Ticks | None = Field(default=None, ge=0)
    out_point: Ticks | None = Field(default=None, ge=0)
    # set on recovery copies: the file they stand in for (None for untitled projects)
    autosaved_from: str | None = None

    def media_ref(self, media_id: str) -> MediaRef | None:
        for ref in self.media:
            if ref.id == media_id:
                return ref
        return None


# ---- writing ----------------------------------------------------------------------------------
STALE_TMP_S = 600.0  # a save's temporary file this old belongs to a save that was killed


def project_to_json(project: Project, path: str = "<memory>") -> str:
    """The file's text; ProjectFileError naming the field when a value cannot be written (NaN,
    Infinity, a lone surrogate), so nothing is saved that would not open again."""
    try:
        text = project.model_dump_json(indent=1)
    except PydanticSerializationError:
        _refuse_unsaveable(project, path)
        raise ProjectFileError(path, "could not save: a value cannot be written as JSON") from None
    if "NaN" in text or "Infinity" in text:  # the words may also be in a text; then all is well
        _refuse_unsaveable(project, path)
    return text


def _refuse_unsaveable(project: Project, path: str, doing: str = "could not save") -> None:
    try:
        check_wire_values(project.model_dump(), limits=False)
    except InvalidTimelineJSON as exc:
        raise ProjectFileError(path, f"{doing}: field {exc}") from None


def save_project(project: Project, path: Path) -> None:
    """Write atomically; ProjectFileError (and the old file untouched) when that fails."""
    path = Path(path)
    data = project_to_json(project, str(path)).encode("utf-8")
    try:
        remove_stale_temporaries(path)
        atomic_write_bytes(path, data)
    except OSError as exc:
        raise ProjectFileError(str(path), f"could not save: {exc.strerror or exc}") from exc


def remove_stale_temporaries(path: Path, now: float | None = None) -> int:
    """Remove the hidden `.NAME.*.tmp` files that killed saves left beside `path` (how many)."""
    now = time.time() if now is None else now
    removed = 0
    for tmp in Path(path).parent.glob(f".{glob.escape(Path(path).name)}.*.tmp"):
        with contextlib.suppress(OSError):
            if now - tmp.stat().st_mtime > STALE_TMP_S:
                tmp.unlink()
                removed += 1
    return removed


# ---- reading ----------------------------------------------------------------------------------
def load_project(path: Path) -> Project:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ProjectFileError(str(path), f"could not read: {exc.strerror or exc}") from exc
    try:
        text = raw.decode("utf-8-sig")  # a BOM from a Windows editor is no reason to refuse
    except UnicodeDecodeError as exc:
        raise ProjectFileError(
            str(path), f"not a VideoDB editor project (not UTF-8 text; byte {exc.start} is invalid)"
        ) from None
    return project_from_json(text, str(path))


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def project_from_json(text: str, path: str = "<memory>") -> Project:
    project = _check_clip_ids(_parse(text, path), path)
    if _SURROGATE_ESCAPE.search(text):  # escaped halves: a valid pair, or a lone one no save can write
        _refuse_unsaveable(project, path, "could not open")
    return project


def _check_clip_ids(project: Project, path: str) -> Project:
    """Clip ids key the timeline's index and the undo history: two clips may not share one."""
    timeline = project.timeline
    if timeline.clip_count != sum(len(track.clips) for track in timeline.tracks):
        seen: set[str] = set()
        for track_index, track in enumerate(timeline.tracks):
            for clip_index, clip in enumerate(track.clips):
                if clip.id in seen:
                    where = f"timeline.tracks[{track_index}].clips[{clip_index}].id"
                    raise ProjectFileError(path, f"field {where}: the clip id {clip.id!r} is used twice")
                seen.add(clip.id)
    return project


def _parse(text: str, path: str) -> Project:
    fast = _load_current(text)
    if fast is not None:
        return fast
    # Anything else (old, foreign, future or broken) goes the slow way, which explains itself.
    if not text.strip():
        raise ProjectFileError(path, "the file is empty")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        # a string still open at the end of the text is a cut-off file as well
        cut_off = exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string")
        truncated = " (the file looks truncated)" if cut_off else ""
        raise ProjectFileError(path, f"line {exc.lineno}, column {exc.colno}: {exc.msg}{truncated}") from None
    except RecursionError:
        raise ProjectFileError(path, "not a VideoDB editor project (the JSON is nested too deeply)") from None
    version = data.get("schema_version") if isinstance(data, dict) else None
    data = _upgrade(data, path)
    try:
        return Project.model_validate(data)
    except ValidationError as exc:
        # after an upgrade the field paths describe the new layout, not the file's lines
        source = text if version == SCHEMA_VERSION else None
        raise ProjectFileError(path, _field_problem(exc, source)) from None


def _load_current(text: str) -> Project | None:
    """A current-schema file straight from JSON to models in Rust, or None to take the slow path.

    The cyclic garbage collector is paused meanwhile: building tens of thousands of small
    objects otherwise triggers full collections that take longer than the parsing itself.
    """
    try:
        with gc_paused():
            project = Project.model_validate_json(text)
    except ValidationError:
        return None
    # fields left at their defaults mean the file did not say what it is
    declared = {"format", "schema_version"} <= project.model_fields_set
    if declared and project.format == FORMAT_MARKER and project.schema_version == SCHEMA_VERSION:
        return project
    return None


def _upgrade(data: Any, path: str) -> dict[str, Any]:
    if not isinstance(data, dict) or data.get("format") != FORMAT_MARKER:
        raise ProjectFileError(path, "not a VideoDB editor project" + _foreign_hint(data))
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ProjectFileError(path, f"field schema_version: expected a positive integer, got {version!r}")
    if version > SCHEMA_VERSION:
        raise ProjectFileError(
            path,
            f"written by a newer version of the editor (schema {version}; "
            f"this version reads up to {SCHEMA_VERSION}). Update the editor to open it.",
        )
    try:
        return migrate(data, version, SCHEMA_VERSION)
    except MigrationError as exc:
        raise ProjectFileError(path, f"field {exc} (while upgrading from schema {version})") from None
    except (TypeError, ValueError, KeyError, AttributeError) as exc:  # a shape no step expected
        raise ProjectFileError(path, f"could not upgrade from schema {version}: {exc!r}") from None


def _foreign_hint(data: Any) -> str:
    if isinstance(data, dict):
        if data.get("OTIO_SCHEMA"):
            return " (this is an OpenTimelineIO file: use File > Import OpenTimelineIO)"
        body = data.get("timeline", data)
        if isinstance(body, dict) and "tracks" in body:
            return " (this looks like editor timeline JSON: use File > Import Editor JSON)"
        return " (no 'format' marker)"
    return f" (the JSON holds a {type(data).__name__}, not an object)"


def _field_problem(error: ValidationError, text: str | None) -> str:
    """`field timeline.tracks[0].clips[3].duration (line 40): Input should be greater than 0`."""
    first = error.errors()[0]
    where = ""
    previous: object = None
    for part in first["loc"]:
        if previous == "asset" and part in _ASSET_TAGS:
            previous = part
            continue  # the union's tag, not something written in the file
        where += f"[{part}]" if isinstance(part, int) else (f".{part}" if where else str(part))
        previous = part
    position = locate(text, first["loc"]) if text is not None else None
    line = f" (line {position[0]})" if position else ""
    more = error.error_count() - 1
    suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    return f"field {where or 'project'}{line}: {first['msg']}{suffix}"
