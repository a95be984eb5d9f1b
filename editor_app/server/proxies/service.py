"""Proxies of the media store's videos: when to make them, their state on the wire, and the
file a preview reads in place of an original (docs/architecture.md, "Proxies and preview size").

Automatic proxies (the `auto_proxies` setting, on by default) cover every ingested video that
is taller than a proxy or costly to decode (4K, HEVC phone clips); a user may make or drop one
for any video. Exports never read proxies: only preview renders ask `ready_file`.
"""

from __future__ import annotations

from editor_app.server.proxies.maker import PROXY_HEIGHT, ProxyJob, ProxyMaker, wants_proxy
from editor_app.server.proxies.store import ProxyStore
from editor_app.server.render.sources import ProxyFile
from editor_app.server.store import MediaRecord, Store
from editor_app.server.tool_runner import ToolRunner
from editor_app.wire import LocalSettings, ProxyInfo

# a proxy stands in for its original in previews up to this many times its rows: a preview
# at Half of 1080p (540 rows) from a 360-row proxy is a little soft, but from the original it
# cannot keep up on 2 cores (docs/architecture.md, "Proxies and preview size"); Full reads originals
PROXY_REACH = 2.0


def _job(record: MediaRecord) -> ProxyJob:
    return ProxyJob(
        record.sha256, record.path, record.length, record.width, record.height, record.audio_codec
    )


class ProxyService:
    def __init__(self, store: Store, tools: ToolRunner) -> None:
        self.media = store
        self.rows = ProxyStore(store.db, store.data_dir)
        self.maker = ProxyMaker(self.rows, tools)

    def start(self) -> None:
        resume: list[ProxyJob] = []
        for row in self.rows.rows():
            record = self._record_of(row.sha256)
            if record is None:
                self.rows.delete(row.sha256)
            elif row.state in ("queued", "making") or (
                row.state == "ready" and not self.rows.path(row.sha256).is_file()
            ):
                resume.append(_job(record))
        self.maker.start(resume)

    def shutdown(self) -> None:
        self.maker.shutdown()

    def _record_of(self, sha256: str) -> MediaRecord | None:
        with self.media.db() as conn:
            row = conn.execute(
                "SELECT id FROM media WHERE sha256 = ? AND kind = 'video' LIMIT 1", (sha256,)
            ).fetchone()
        return None if row is None else self.media.get_media(row[0])

    # ---- per video ------------------------------------------------------------------------
    def info(self, record: MediaRecord) -> ProxyInfo | None:
        if record.kind != "video":
            return None
        row = self.rows.get(record.sha256)
        return ProxyInfo() if row is None else row.info()

    def make(self, record: MediaRecord) -> None:
        row = self.rows.get(record.sha256)
        if row is not None and row.state == "ready" and self.rows.path(record.sha256).is_file():
            return
        self.maker.submit(_job(record))

    def drop(self, record: MediaRecord) -> None:
        self.maker.drop(record.sha256)

    def media_added(self, record: MediaRecord) -> None:
        """After an ingest: queue a proxy if automatic proxies cover this video."""
        covered = record.kind == "video" and wants_proxy(record.height, record.video_codec)
        if covered and self.settings().auto_proxies:
            self.make(record)

    def media_deleted(self, record: MediaRecord, unreferenced: bool) -> None:
        if unreferenced and record.kind == "video":
            self.maker.drop(record.sha256)

    def ready_file(self, sha256: str, rows_needed: int) -> ProxyFile | None:
        """The proxy to read for a preview `rows_needed` high, if one is ready and sharp enough;
        a ready proxy whose file went missing is queued to be made again."""
        if rows_needed > PROXY_HEIGHT * PROXY_REACH:
            return None
        row = self.rows.get(sha256)
        if row is None or row.state != "ready" or not row.width or not row.height:
            return None
        path = self.rows.path(sha256)
        if not path.is_file():
            record = self._record_of(sha256)
            if record is not None:
                self.maker.submit(_job(record))
            return None
        return ProxyFile(path, row.width, row.height)

    # ---- settings -------------------------------------------------------------------------
    def settings(self) -> LocalSettings:
        return self.rows.settings()

    def update_settings(self, auto_proxies: bool | None) -> LocalSettings:
        settings = self.settings()
        if auto_proxies is not None:
            settings = settings.model_copy(update={"auto_proxies": auto_proxies})
        self.rows.save_settings(settings)
        return settings
