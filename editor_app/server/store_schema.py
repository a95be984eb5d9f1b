"""SQLite tables of the local backend's core (the renderer adds its own `timelines` and `jobs`)."""

from __future__ import annotations

import sqlite3

SCHEMA = """
CREATE TABLE IF NOT EXISTS collections (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT,
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS media (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('video', 'audio', 'image')),
    collection_id TEXT NOT NULL REFERENCES collections(id),
    name TEXT NOT NULL,
    description TEXT,
    sha256 TEXT NOT NULL,
    ext TEXT NOT NULL,
    size INTEGER NOT NULL,
    length REAL NOT NULL,
    width INTEGER,
    height INTEGER,
    fps REAL,
    has_audio INTEGER NOT NULL,
    video_codec TEXT,
    audio_codec TEXT,
    created_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS media_by_collection ON media (collection_id, kind, created_at);
CREATE INDEX IF NOT EXISTS media_by_sha ON media (sha256);
CREATE TABLE IF NOT EXISTS uploads (
    token TEXT PRIMARY KEY,
    collection_id TEXT NOT NULL,
    name TEXT NOT NULL,
    created_at REAL NOT NULL,
    expires_at REAL NOT NULL,
    received_at REAL,
    size INTEGER,
    sha256 TEXT,
    media_id TEXT
);
CREATE TABLE IF NOT EXISTS proxies (
    sha256 TEXT PRIMARY KEY,
    state TEXT NOT NULL CHECK (state IN ('queued', 'making', 'ready', 'failed')),
    progress REAL NOT NULL DEFAULT 0,
    error TEXT,
    width INTEGER,
    height INTEGER,
    updated_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS local_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

DEFAULT_COLLECTION = ("default", "Default Collection", "Media uploaded to the local backend")


# columns added after the first release of a table: (table, column, declaration)
ADDED_COLUMNS = [("uploads", "sha256", "TEXT")]


def apply_schema(conn: sqlite3.Connection, now: float) -> None:
    conn.executescript(SCHEMA)
    for table, column, declaration in ADDED_COLUMNS:
        present = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        if column not in present:
            conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} {declaration}")
    conn.execute(
        "INSERT OR IGNORE INTO collections (id, name, description, created_at) VALUES (?, ?, ?, ?)",
        (*DEFAULT_COLLECTION, now),
    )
    conn.commit()
