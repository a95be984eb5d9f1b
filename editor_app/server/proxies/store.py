"""Proxy rows and local settings in the backend's SQLite (tables in `store_schema.py`).

A proxy belongs to content (`sha256`), not to a media id: identical uploads share one media
file and so one proxy. Its file is `<data dir>/proxies/<sha256>.mp4`; a row `ready` whose file
is gone is made again.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

from editor_app.wire import LocalSettings, ProxyInfo, ProxyState

Connect = Callable[[], AbstractContextManager[sqlite3.Connection]]


@dataclass(frozen=True)
class ProxyRow:
    sha256: str
    state: ProxyState
    progress: float
    error: str | None
    width: int | None
    height: int | None

    def info(self) -> ProxyInfo:
        return ProxyInfo(
            state=self.state, progress=round(self.progress, 3), error=self.error, height=self.height
        )


class ProxyStore:
    def __init__(self, connect: Connect, data_dir: Path) -> None:
        self.connect = connect
        self.folder = data_dir / "proxies"
        self.folder.mkdir(parents=True, exist_ok=True)

    def path(self, sha256: str) -> Path:
        return self.folder / f"{sha256}.mp4"

    def get(self, sha256: str) -> ProxyRow | None:
        with self.connect() as conn:
            row = conn.execute(
                "SELECT sha256, state, progress, error, width, height FROM proxies WHERE sha256 = ?",
                (sha256,),
            ).fetchone()
        return None if row is None else ProxyRow(*tuple(row))

    def rows(self) -> list[ProxyRow]:
        with self.connect() as conn:
            found = conn.execute("SELECT sha256, state, progress, error, width, height FROM proxies")
            return [ProxyRow(*tuple(r)) for r in found]

    def set(
        self,
        sha256: str,
        state: ProxyState,
        *,
        progress: float = 0.0,
        error: str | None = None,
        size: tuple[int, int] | None = None,
    ) -> None:
        width, height = size if size is not None else (None, None)
        with self.connect() as conn:
            conn.execute(
                "INSERT INTO proxies (sha256, state, progress, error, width, height, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(sha256) DO UPDATE SET state = excluded.state,"
                " progress = excluded.progress, error = excluded.error, width = excluded.width,"
                " height = excluded.height, updated_at = excluded.updated_at",
                (sha256, state, progress, error, width, height, time.time()),
            )

    def set_progress(self, sha256: str, progress: float) -> None:
        with self.connect() as conn:
            conn.execute(
                "UPDATE proxies SET progress = ?, updated_at = ? WHERE sha256 = ? AND state = 'making'",
                (progress, time.time(), sha256),
            )

    def delete(self, sha256: str) -> None:
        with self.connect() as conn:
            conn.execute("DELETE FROM proxies WHERE sha256 = ?", (sha256,))
        self.path(sha256).unlink(missing_ok=True)

    # ---- settings ---------------------------------------------------------------------------
    def settings(self) -> LocalSettings:
        with self.connect() as conn:
            rows = conn.execute("SELECT key, value FROM local_settings").fetchall()
        return LocalSettings.model_validate({key: json.loads(value) for key, value in rows})

    def save_settings(self, settings: LocalSettings) -> None:
        with self.connect() as conn:
            conn.executemany(
                "INSERT INTO local_settings (key, value) VALUES (?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [(key, json.dumps(value)) for key, value in settings.model_dump().items()],
            )
