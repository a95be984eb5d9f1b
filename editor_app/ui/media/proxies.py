"""Preview proxies in the media bin (issue 13, local backend only): each video row says its
proxy's state (making proxy 40 % / proxy ready / proxy failed), the row's context menu and the
Media menu can make or drop one, and rows whose proxy is queued or being made are asked for
again every second or so until it is ready or failed. All backend calls run on the TaskRunner.
Against VideoDB cloud there are no proxies: nothing is shown and nothing is asked.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from editor_app.api.client import VideoDBClient
from editor_app.ui.preview.resolution import is_local_backend
from editor_app.ui.workers import TaskRunner
from editor_app.wire import MediaItem
from editor_app.wire.preview import ProxyInfo

POLL_MS = 1200
BUSY = ("queued", "making")


def proxy_text(proxy: ProxyInfo | None) -> str:
    """The proxy's line in a bin row ('' when there is nothing to say)."""
    if proxy is None or proxy.state == "none":
        return ""
    if proxy.state == "queued":
        return "proxy queued"
    if proxy.state == "making":
        return f"making proxy {round(proxy.progress * 100)} %"
    if proxy.state == "ready":
        return f"proxy ready ({proxy.height}p)" if proxy.height else "proxy ready"
    return f"proxy failed: {proxy.error}" if proxy.error else "proxy failed"


class ProxyTracker(QObject):
    """Keeps the proxy state of the bin's videos current; `changed(item)` when one moved."""

    changed = Signal(object)  # MediaItem
    failed = Signal(str)

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.client_of: Callable[[], VideoDBClient | None] = lambda: None
        self._watched: set[str] = set()
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)

    def local(self) -> bool:
        client = self.client_of()
        return client is not None and is_local_backend(client.base_url)

    def follow(self, item: MediaItem) -> None:
        """Watch `item` while its proxy is on its way."""
        if item.kind == "video" and item.proxy is not None and item.proxy.state in BUSY:
            self._watched.add(item.id)
            self._timer.start()
        else:
            self._watched.discard(item.id)

    def make(self, media_id: str) -> None:
        self._call(media_id, "make proxy", lambda client: client.make_proxy(media_id))

    def drop(self, media_id: str) -> None:
        self._call(media_id, "drop proxy", lambda client: client.drop_proxy(media_id))

    def _call(self, media_id: str, name: str, fn: Callable[[VideoDBClient], MediaItem]) -> None:
        client = self.client_of()
        if client is None or not self.local():
            return
        self.runner.run(
            lambda _report: fn(client),
            on_done=self._updated,
            on_error=functools.partial(self._failed, name),
            name=name,
            owner=self,
        )

    def _poll(self) -> None:
        client = self.client_of()
        if client is None or not self._watched:
            self._timer.stop()
            return
        for media_id in sorted(self._watched):
            self.runner.run(
                functools.partial(lambda media_id, _report: client.get_media(media_id), media_id),
                on_done=self._updated,
                on_error=functools.partial(self._failed, "proxy state"),
                name="proxy state",
                owner=self,
            )

    def _updated(self, item: MediaItem) -> None:
        self.follow(item)
        self.changed.emit(item)

    def _failed(self, what: str, exc: BaseException) -> None:
        self._watched.clear()
        self._timer.stop()
        self.failed.emit(f"Could not {what}: {exc}")
