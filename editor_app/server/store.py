"""The local backend's state: SQLite (WAL) for rows, a content-addressed folder for media files.

Layout under the data dir:
    backend.sqlite3        collections, media, uploads (+ the renderer's timelines and jobs)
    media/{sha256}.{ext}   uploaded media, one file per distinct content
    uploads/{token}        files received on an upload URL and not yet ingested
    thumbs/{sha256}/...    thumbnails and thumbnail strips
    cache/...              waveforms and other derived data

FastAPI runs sync routes on a thread pool; `db()` wraps one transaction on a connection borrowed
from a small pool (`store_pool.py`), so descriptors stay bounded however many threads come and go.
"""

from __future__ import annotations

import secrets
import sqlite3
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from editor_app.server.errors import BadRequest, Conflict, not_found
from editor_app.server.store_pool import ConnectionPool
from editor_app.server.store_schema import apply_schema
from editor_app.wire import ID_PREFIX, MediaKind, kind_of_id

UPLOAD_TTL_S = 3600.0
STALE_PART_S = 3600.0  # an upload body untouched this long belongs to a dead upload
STALE_UPLOAD_S = 86400.0  # a day after expiry an upload URL's file and row are dropped
NOT_OURS = "only files uploaded to this server can be ingested"


def new_media_id(kind: MediaKind) -> str:
    return ID_PREFIX[kind] + secrets.token_hex(8)


@dataclass(frozen=True)
class MediaRecord:
    id: str
    kind: MediaKind
    collection_id: str
    name: str
    description: str | None
    sha256: str
    ext: str
    size: int
    length: float
    width: int | None
    height: int | None
    fps: float | None
    has_audio: bool
    video_codec: str | None
    audio_codec: str | None
    created_at: float
    data_dir: Path

    @property
    def file_name(self) -> str:
        return f"{self.sha256}.{self.ext}"

    @property
    def path(self) -> Path:
        return self.data_dir / "media" / self.file_name


@dataclass(frozen=True)
class UploadSlot:
    token: str
    collection_id: str
    name: str
    expires_at: float
    received_at: float | None
    size: int | None
    sha256: str | None
    media_id: str | None
    path: Path


_MEDIA_COLUMNS = (
    "id, kind, collection_id, name, description, sha256, ext, size, length, width, height, fps,"
    " has_audio, video_codec, audio_codec, created_at"
)


class Store:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir).resolve()
        for folder in ("media", "uploads", "thumbs", "cache"):
            (self.data_dir / folder).mkdir(parents=True, exist_ok=True)
        self.data_dir.chmod(0o700)  # also a dir made before this rule: other users cannot look in
        self.db_path = self.data_dir / "backend.sqlite3"
        self._pool = ConnectionPool(self.db_path)
        with self._pool.borrow() as conn:
            apply_schema(conn, time.time())
        self.purge_stale_uploads(time.time())
        self.reconcile_media()

    # ---- connections ---------------------------------------------------------------------
    @contextmanager
    def db(self) -> Iterator[sqlite3.Connection]:
        """One transaction on a borrowed connection: committed on success, rolled back on error
        (a nested `db()` on the same thread joins the outer one's connection)."""
        with self._pool.borrow() as conn, conn:
            yield conn

    def no_wait(self) -> AbstractContextManager[None]:
        """Reads within it raise PoolBusy instead of waiting for a connection (see routes/state.py)."""
        return self._pool.no_wait()

    def close(self) -> None:
        self._pool.close()

    # ---- collections ---------------------------------------------------------------------
    def list_collections(self) -> list[sqlite3.Row]:
        with self.db() as conn:
            return list(conn.execute("SELECT * FROM collections ORDER BY created_at, id"))

    def get_collection(self, collection_id: str) -> sqlite3.Row:
        with self.db() as conn:
            row = conn.execute("SELECT * FROM collections WHERE id = ?", (collection_id,)).fetchone()
        if row is None:
            raise not_found("collection", collection_id)
        return row

    # ---- media ---------------------------------------------------------------------------
    def _record(self, row: sqlite3.Row) -> MediaRecord:
        values = dict(row)
        values["has_audio"] = bool(values["has_audio"])
        return MediaRecord(**values, data_dir=self.data_dir)

    def get_media(self, media_id: str) -> MediaRecord:
        """The media with this id, or a 404 NotFound naming it ("video m-xxx not found")."""
        with self.db() as conn:
            row = conn.execute(f"SELECT {_MEDIA_COLUMNS} FROM media WHERE id = ?", (media_id,)).fetchone()
        if row is None:
            raise not_found(kind_of_id(media_id), media_id)
        return self._record(row)

    def list_media(self, kind: MediaKind, collection_id: str) -> list[MediaRecord]:
        self.get_collection(collection_id)
        with self.db() as conn:
            rows = conn.execute(
                f"SELECT {_MEDIA_COLUMNS} FROM media WHERE kind = ? AND collection_id = ?"
                " ORDER BY created_at, id",
                (kind, collection_id),
            ).fetchall()
        return [self._record(row) for row in rows]

    def add_media(self, record: MediaRecord, upload_token: str | None = None) -> None:
        """Record media; with `upload_token`, mark that upload ingested in the same transaction."""
        with self.db() as conn:
            if upload_token is not None:
                conn.execute("UPDATE uploads SET media_id = ? WHERE token = ?", (record.id, upload_token))
            conn.execute(
                f"INSERT INTO media ({_MEDIA_COLUMNS}) VALUES ({', '.join('?' * 16)})",
                (
                    record.id,
                    record.kind,
                    record.collection_id,
                    record.name,
                    record.description,
                    record.sha256,
                    record.ext,
                    record.size,
                    record.length,
                    record.width,
                    record.height,
                    record.fps,
                    int(record.has_audio),
                    record.video_codec,
                    record.audio_codec,
                    record.created_at,
                ),
            )

    def rename_media(self, media_id: str, name: str) -> MediaRecord:
        self.get_media(media_id)
        with self.db() as conn:
            conn.execute("UPDATE media SET name = ? WHERE id = ?", (name, media_id))
        return self.get_media(media_id)

    def delete_media(self, media_id: str) -> tuple[MediaRecord, bool]:
        """Remove the row; returns it and whether its file is now unreferenced (safe to delete)."""
        record = self.get_media(media_id)
        with self.db() as conn:
            conn.execute("DELETE FROM media WHERE id = ?", (media_id,))
            others = conn.execute("SELECT COUNT(*) FROM media WHERE sha256 = ?", (record.sha256,)).fetchone()
        return record, others[0] == 0

    # ---- upload URLs ---------------------------------------------------------------------
    def new_upload(self, collection_id: str, name: str) -> str:
        self.get_collection(collection_id)
        token = secrets.token_urlsafe(24)
        now = time.time()
        with self.db() as conn:
            conn.execute(
                "INSERT INTO uploads (token, collection_id, name, created_at, expires_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (token, collection_id, name, now, now + UPLOAD_TTL_S),
            )
        return token

    def upload_slot(self, token: str) -> UploadSlot | None:
        with self.db() as conn:
            row = conn.execute("SELECT * FROM uploads WHERE token = ?", (token,)).fetchone()
        if row is None:
            return None
        return UploadSlot(
            token=row["token"],
            collection_id=row["collection_id"],
            name=row["name"],
            expires_at=row["expires_at"],
            received_at=row["received_at"],
            size=row["size"],
            sha256=row["sha256"],
            media_id=row["media_id"],
            path=self.data_dir / "uploads" / row["token"],
        )

    def claim_received(self, token: str, size: int, sha256: str) -> bool:
        """Record the file as received unless another request got there first (False then)."""
        with self.db() as conn:
            claimed = conn.execute(
                "UPDATE uploads SET received_at = ?, size = ?, sha256 = ?"
                " WHERE token = ? AND received_at IS NULL",
                (time.time(), size, sha256, token),
            )
            return claimed.rowcount == 1

    def mark_ingested(self, token: str, media_id: str) -> None:
        with self.db() as conn:
            conn.execute("UPDATE uploads SET media_id = ? WHERE token = ?", (media_id, token))

    def purge_stale_uploads(self, now: float) -> int:
        """Forget upload URLs that expired over a day ago, with any file never ingested; returns how many."""
        with self.db() as conn:
            tokens = [
                r[0]
                for r in conn.execute(
                    "SELECT token FROM uploads WHERE expires_at < ?", (now - STALE_UPLOAD_S,)
                )
            ]
            conn.executemany("DELETE FROM uploads WHERE token = ?", [(t,) for t in tokens])
        for token in tokens:
            (self.data_dir / "uploads" / token).unlink(missing_ok=True)
        self.remove_dead_partials(now)
        return len(tokens)

    def remove_dead_partials(self, now: float) -> int:
        """Remove upload bodies nobody has written to for STALE_PART_S (a crash or a client that
        went away; a live upload writes all the time); how many."""
        removed = 0
        for partial in (self.data_dir / "uploads").glob("*.part"):
            try:
                if partial.stat().st_mtime < now - STALE_PART_S:
                    partial.unlink()
                    removed += 1
            except FileNotFoundError:
                pass  # finished or removed meanwhile
        return removed

    def reconcile_media(self) -> int:
        """After a crash mid-ingest: remove stored media files no record refers to, half-copied
        ones, and received files of uploads already ingested (how many). Run at start only."""
        with self.db() as conn:
            known = {f"{sha}.{ext}" for sha, ext in conn.execute("SELECT DISTINCT sha256, ext FROM media")}
            done = [r[0] for r in conn.execute("SELECT token FROM uploads WHERE media_id IS NOT NULL")]
        removed = 0
        for path in (self.data_dir / "media").iterdir():
            stem = path.name.partition(".")[0]
            ours = path.name.startswith(".") and path.name.endswith(".part")
            ours = ours or (len(stem) == 64 and all(c in "0123456789abcdef" for c in stem))
            if ours and path.is_file() and path.name not in known:
                path.unlink(missing_ok=True)
                removed += 1
        for token in done:
            received = self.data_dir / "uploads" / token
            if received.is_file():
                received.unlink()
                removed += 1
        return removed

    def slot_for_url(self, url: str) -> UploadSlot:
        """The received upload slot an upload URL names; a 400 for anything else (no network fetches)."""
        parts = urlparse(url)
        segments = parts.path.strip("/").split("/")
        if parts.scheme not in ("http", "https") or len(segments) != 2 or segments[0] != "upload":
            raise BadRequest(NOT_OURS, "unsupported_url")
        slot = self.upload_slot(segments[1])
        if slot is None:
            raise BadRequest(NOT_OURS, "unsupported_url")
        if slot.received_at is None:
            if slot.expires_at < time.time():
                raise BadRequest("the upload URL has expired; ask for a new one", "upload_expired")
            raise BadRequest("nothing has been uploaded to this upload URL yet", "upload_missing")
        return slot

    def resolve_upload_url(self, url: str) -> Path:
        """The file received on one of our upload URLs (e.g. a timeline JSON the SDK uploaded)."""
        slot = self.slot_for_url(url)
        if not slot.path.is_file():
            raise Conflict("the file uploaded to this URL was already ingested as media", "upload_consumed")
        return slot.path
