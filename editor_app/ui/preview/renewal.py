"""Renewing an expired stream URL (issue 16, item 15). The live compiler renews ahead of the
expiry on a timer, but a timer is not enough: after a laptop suspend, a clock jump, or with a
backend started with a short `serve --url-lifetime`, the preview finds its URL already expired
(by its token, or VLC's error or end while the token's time has passed; see `PlayerEvents.
_renewing`). It then holds where it is and compiles again once; the fresh stream opens at the
same position and play state (`PreviewDock.set_stream`). Never a loop: each URL is renewed
once, and a renewed stream that expires again before it showed a picture is a clear error
(Retry renews again).
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from editor_app.ui.preview.live import FAILED, STALE, LiveCompiler
from editor_app.ui.preview.widget import PreviewWidget
from editor_app.wire import CompileResult

RENEWING_TEXT = "The preview's link had expired: renewing it…"
GAVE_UP_TEXT = (
    "The preview's link expired again before it showed a picture: the backend's links live too "
    "short (serve --url-lifetime) or the computer's clock jumped. Retry renews it."
)


class UrlRenewal(QObject):
    """Create it before anything else listens to `live.compiled` (it must know first)."""

    def __init__(self, live: LiveCompiler, widget: PreviewWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.live, self.widget = live, widget
        self.renewals = 0  # started (tests)
        self._renewed: set[str] = set()  # URLs a renewal was started for: never twice
        self._pending = False  # a renewal's compile is on its way
        self._unproven = False  # the newest renewal's stream has shown no picture yet
        widget.on_expired = self.expired
        widget.frameShown.connect(self._proven)
        widget.stillShown.connect(lambda _ms: self._proven())
        live.compiled.connect(self._compiled)
        live.stateChanged.connect(self._state)

    def expired(self, url: str) -> str | None:
        """The preview found `url` expired: None while a fresh one is on its way, else why not."""
        if url in self._renewed or (self._unproven and not self._pending):
            self.widget.retry_action = self.retry
            return GAVE_UP_TEXT
        if not self._pending:
            self._renewed.add(url)
            self._start()
        return None

    def retry(self) -> None:
        self._renewed.clear()
        self._unproven = False
        self._start()

    def _start(self) -> None:
        self._pending = True
        self.renewals += 1
        self.live.compile_now(RENEWING_TEXT)

    def _compiled(self, _result: CompileResult) -> None:
        if self._pending:
            self._pending, self._unproven = False, True

    def _state(self, state: str, _text: str) -> None:
        if state in (FAILED, STALE):  # no compile came of it: its failure is on screen
            self._pending = False

    def _proven(self) -> None:
        self._unproven = False
