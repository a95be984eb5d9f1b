"""Live preview: an edit marks the preview out of date; after a short quiet period it compiles
again (a newer compile cancels the one in flight) and the player resumes where it was.

Auto-compiling starts once the user has compiled once (Compile / Ctrl+Enter) and while the
Live box is ticked, so opening a project never starts renders nobody asked for.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from editor_app.api.cancel import CancelToken
from editor_app.api.client import VideoDBClient
from editor_app.api.url_expiry import renewal_delay_s
from editor_app.ui.workers import TaskRunner
from editor_app.wire import CompileResult

log = logging.getLogger(__name__)
QUIET_MS = 250  # long enough to merge a burst of edits (a drag, typing), short next to a render
MAX_TIMER_S = 20 * 86400  # QTimer intervals are 32-bit milliseconds

STALE, COMPILING, READY, FAILED = "stale", "compiling", "ready", "failed"


class LiveCompiler(QObject):
    stateChanged = Signal(str, str)  # state, text for the pane
    compiled = Signal(object)  # CompileResult of the newest compile

    def __init__(self, runner: TaskRunner, quiet_ms: int = QUIET_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.client_of: Callable[[], VideoDBClient | None] = lambda: None
        self.body_of: Callable[[], dict[str, Any] | None] = lambda: None
        # rows of the preview stream (local backend only; None: full size, as the SDKs get)
        self.height_of: Callable[[VideoDBClient], int | None] = lambda _client: None
        self.enabled = True
        self.armed = False  # the user compiled once: edits recompile from now on
        self.state = ""
        self.compiles = 0  # started (tests, benchmark)
        self._generation = 0
        self._token: CancelToken | None = None
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.setInterval(quiet_ms)
        self._quiet.timeout.connect(self.compile_now)
        # the local backend's signed stream URLs expire (issue 16): compile again before then
        self._renew = QTimer(self)
        self._renew.setSingleShot(True)
        self._renew.timeout.connect(lambda: self.compile_now() if self.state == READY else None)

    def configure(
        self,
        client_of: Callable[[], VideoDBClient | None],
        body_of: Callable[[], dict[str, Any] | None],
    ) -> None:
        self.client_of, self.body_of = client_of, body_of

    def set_enabled(self, enabled: bool) -> None:
        self.enabled = enabled
        if enabled and self.state == STALE and self.armed:
            self._quiet.start()

    def edited(self) -> None:
        """The timeline changed: out of date, and a compile after the quiet period."""
        if not self.armed:
            return
        self._set_state(STALE, "Out of date: recompiling shortly" if self.enabled else "Out of date")
        if self.enabled:
            self._quiet.start()  # restarts: a burst of edits compiles once

    def compile_now(self, text: str = "Compiling…") -> None:
        self._quiet.stop()
        client, body = self.client_of(), self.body_of()
        if client is None:
            self._set_state(FAILED, "Cannot compile: the backend is not connected yet")
            return
        if body is None:
            self._set_state(STALE, "Nothing to compile: the timeline is empty")
            return
        self.armed = True
        if self._token is not None:
            self._token.cancel()  # superseded
        token = self._token = CancelToken()
        self._generation += 1
        self.compiles += 1
        generation = self._generation
        self._set_state(COMPILING, text)
        height = self.height_of(client)
        self.runner.run(
            lambda _report: client.compile(body, cancel=token, preview_height=height),
            on_done=functools.partial(self._done, generation),
            on_error=functools.partial(self._failed, generation),
            name="compile preview",
            owner=self,
        )

    def show_ready(self) -> None:
        """A stream compiled elsewhere (the window's own compile) is playing: up to date."""
        if self._token is None and self.state != READY:
            self._quiet.stop()
            self._set_state(READY, "Ready")

    def cancel(self) -> None:
        self._quiet.stop()
        if self._token is not None:
            self._token.cancel()
        self._generation += 1

    def _done(self, generation: int, result: CompileResult) -> None:
        if generation != self._generation:
            return  # an older compile finished after a newer one started
        self._token = None
        self._set_state(READY, "Ready")
        delay = renewal_delay_s(result.stream_url, time.time())
        if delay is not None:
            self._renew.start(int(min(delay, MAX_TIMER_S) * 1000))
        self.compiled.emit(result)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._token = None
        self._set_state(FAILED, f"Could not compile the timeline: {exc}")

    def _set_state(self, state: str, text: str) -> None:
        self.state = state
        self.stateChanged.emit(state, text)
