"""`videodb-editor --screenshot FILE.png`: wait until the window is fully drawn, save it, quit.

"Fully drawn" = a project with clips is shown, the media bin has listed the backend's media
and loaded its thumbnails, and the canvas' thumbnail/waveform loads have gone quiet for a
few polls in a row (the canvas requests more while it paints, so one quiet poll is not enough).
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from editor_app.ui.window.main_window import MainWindow

log = logging.getLogger(__name__)
POLL_MS = 200
QUIET_POLLS = 5
TIMEOUT_S = 120.0


class ScreenshotTaker(QObject):
    def __init__(self, window: MainWindow, path: Path, timeout_s: float = TIMEOUT_S) -> None:
        super().__init__(window)
        self.window = window
        self.path = path
        self.deadline = time.monotonic() + timeout_s
        self.quiet = 0
        self.exit_code: int | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)

    def start(self) -> None:
        self._timer.start()

    def ready(self) -> bool:
        window = self.window
        document = window.session.document
        if window.session.client is None or not document.timeline.clip_count:
            return False
        bin_ = window.media_bin
        if bin_.refreshing or bin_.thumbnails_pending or not bin_.items:
            return False
        return window.thumbnails.pending == 0 and window.runner.active == 0

    def _poll(self) -> None:
        if self.ready():
            self.quiet += 1
            if self.quiet == 1:
                self.window.commands["view.zoom_fit"].trigger()  # the final layout is in place by now
            self.window.timeline_view.update()  # let it ask for whatever it still lacks
            self.window.update_poster()
        else:
            self.quiet = 0
        timed_out = time.monotonic() > self.deadline
        if self.quiet >= QUIET_POLLS or timed_out:
            self._timer.stop()
            self._save(complete=not timed_out)

    def _save(self, complete: bool) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        saved = self.window.grab().save(str(self.path))
        if not saved:
            print(f"videodb-editor: could not write {self.path}", file=sys.stderr)
            self.exit_code = 1
        elif not complete:
            print(f"videodb-editor: saved {self.path}, but timed out waiting for thumbnails", file=sys.stderr)
            self.exit_code = 1
        else:
            print(f"videodb-editor: saved {self.path}")
            self.exit_code = 0
        self.window.setWindowModified(False)
        self.window.session.document.history.mark_clean()
        self.window.session.document.recovered = False
        QApplication.instance().exit(self.exit_code)  # type: ignore[union-attr]
