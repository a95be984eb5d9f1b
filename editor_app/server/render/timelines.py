"""Compiled timelines: their cache key, their SQLite rows, and their sources from the store.

A timeline's key is the sha256 of its canonical editor JSON (re-serialised by the model, keys
sorted) together with the content hashes of the media it uses and the renderer version; the
same timeline compiled twice gets the same id, and so the same cached stream.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from editor_app.model import Timeline
from editor_app.model.ticks import to_ticks
from editor_app.server.render.sources import RenderSource, SourceKind, content_key

RENDERER_VERSION = "2"  # 2: captions by libass
TIMELINE_ID_PREFIX = "tl-"  # compiled timelines (media ids have theirs in editor_app.wire)

SCHEMA = """
CREATE TABLE IF NOT EXISTS timelines (
    id TEXT PRIMARY KEY,
    editor_json TEXT NOT NULL,
    duration REAL NOT NULL,
    created_at REAL NOT NULL
);
"""

Connect = Callable[[], AbstractContextManager[sqlite3.Connection]]


def canonical_json(timeline: Timeline) -> str:
    return json.dumps(timeline.to_editor_json(), sort_keys=True, separators=(",", ":"))


def timeline_id(timeline: Timeline, sources: dict[str, RenderSource]) -> str:
    digest = hashlib.sha256()
    digest.update(RENDERER_VERSION.encode())
    digest.update(canonical_json(timeline).encode())
    for part in content_key(sources):
        digest.update(part.encode())
    return TIMELINE_ID_PREFIX + digest.hexdigest()[:32]


def stream_folder_name(tid: str, preview_height: int | None = None) -> str:
    """The id of a compiled timeline's stream in its URLs: `tl-<hex>` -> `<hex>`, and
    `<hex>-p<rows>` for its preview stream `preview_height` rows high."""
    hexid = tid.removeprefix(TIMELINE_ID_PREFIX)
    return hexid if preview_height is None else f"{hexid}-p{preview_height}"


def timeline_of_stream(stream_id: str) -> str:
    """The compiled timeline a stream id in a URL names: `<hex>[-p<rows>]` -> `tl-<hex>`."""
    return TIMELINE_ID_PREFIX + stream_id.partition("-p")[0]


def preview_height_of_stream(stream_id: str) -> int | None:
    """The rows of a preview stream id (`<hex>-p<rows>`), None for a full-size one."""
    _hex, marker, rows = stream_id.partition("-p")
    return int(rows) if marker and rows.isdigit() else None


@dataclass(frozen=True)
class StoredTimeline:
    id: str
    editor_json: dict[str, Any]
    duration: float

    def timeline(self) -> Timeline:
        return Timeline.from_editor_json(self.editor_json)


class TimelineStore:
    def __init__(self, connect: Connect) -> None:
        self.connect = connect
        with connect() as conn:
            conn.executescript(SCHEMA)

    def save(self, tid: str, timeline: Timeline) -> None:
        with self.connect() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO timelines (id, editor_json, duration, created_at) VALUES (?, ?, ?, ?)",
                (tid, canonical_json(timeline), timeline.duration / 1000, time.time()),
            )

    def get(self, tid: str) -> StoredTimeline | None:
        with self.connect() as conn:
            row = conn.execute(
                "SELECT id, editor_json, duration FROM timelines WHERE id = ?", (tid,)
            ).fetchone()
        if row is None:
            return None
        return StoredTimeline(row[0], json.loads(row[1]), float(row[2]))


def source_from_record(record: Any, transcript: Any = None) -> RenderSource:
    """A RenderSource from the media store's record (duck-typed: the store's MediaRecord) and its
    attached transcript if any (a `media.transcripts.Transcript`): its hash joins the content's,
    so attaching one changes the key of everything the media renders into."""
    kind: SourceKind = record.kind
    content = record.sha256 if transcript is None else f"{record.sha256}+{transcript.sha256[:16]}"
    return RenderSource(
        id=record.id,
        kind=kind,
        path=record.path,
        length=None if kind == "image" else to_ticks(record.length),
        width=record.width,
        height=record.height,
        fps=record.fps,
        has_audio=bool(record.has_audio),
        content_hash=content,
        transcript=None if transcript is None else transcript.text,
        video_codec=getattr(record, "video_codec", None),
    )
