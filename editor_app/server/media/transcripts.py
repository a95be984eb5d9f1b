"""Transcripts attached to media: the local stand-in for VideoDB's spoken-word index.

A caption with `src: "auto"` shows the spoken words of the video under it; in VideoDB they come
from `index_spoken_words`, here from an SRT, WebVTT or ASS file the user attaches to the media
item (`POST /video/{id}/transcript`, a local extension). One transcript per media id, checked
when attached (it must read as subtitles with at least one event), stored in SQLite.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from editor_app.model.captions import CaptionSourceError, Cue, parse_subtitles
from editor_app.server.errors import BadRequest
from editor_app.server.render.timelines import Connect

MAX_TRANSCRIPT_BYTES = 8 * 1024 * 1024

SCHEMA = """
CREATE TABLE IF NOT EXISTS transcripts (
    media_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    text TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    created_at REAL NOT NULL
);
"""


@dataclass(frozen=True)
class Transcript:
    media_id: str
    name: str
    text: str
    sha256: str

    def cues(self) -> list[Cue]:
        return parse_subtitles(self.text)


def checked_cues(text: str) -> list[Cue]:
    """The cues of a transcript about to be attached; BadRequest naming the field if unreadable."""
    if len(text.encode("utf-8")) > MAX_TRANSCRIPT_BYTES:
        raise BadRequest(f"transcript: larger than {MAX_TRANSCRIPT_BYTES // (1024 * 1024)} MiB")
    try:
        return parse_subtitles(text)
    except CaptionSourceError as exc:
        raise BadRequest(f"transcript: {exc}") from None


class TranscriptStore:
    def __init__(self, connect: Connect) -> None:
        self.connect = connect
        with connect() as conn:
            conn.executescript(SCHEMA)

    def put(self, media_id: str, name: str, text: str) -> Transcript:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        with self.connect() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO transcripts (media_id, name, text, sha256, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (media_id, name, text, digest, time.time()),
            )
        return Transcript(media_id, name, text, digest)

    def get(self, media_id: str) -> Transcript | None:
        with self.connect() as conn:
            row = conn.execute(
                "SELECT media_id, name, text, sha256 FROM transcripts WHERE media_id = ?", (media_id,)
            ).fetchone()
        return None if row is None else Transcript(row[0], row[1], row[2], row[3])

    def delete(self, media_id: str) -> bool:
        with self.connect() as conn:
            return conn.execute("DELETE FROM transcripts WHERE media_id = ?", (media_id,)).rowcount > 0
