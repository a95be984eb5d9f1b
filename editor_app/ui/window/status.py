"""The status bar's permanent fields: exports in flight, background jobs, backend, playhead."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow

from editor_app.model import format_timecode
from editor_app.model.ticks import DEFAULT_FPS, Ticks

FAILED_STYLE = "QLabel { color: #e5534b; font-weight: bold; }"


class StatusLine:
    def __init__(self, window: QMainWindow, exports_summary: QLabel) -> None:
        bar = window.statusBar()
        self.backend_label = QLabel("Backend: starting…", window)
        self.backend_label.setObjectName("BackendStatus")
        self.jobs_label = QLabel("", window)
        self.jobs_label.setObjectName("JobsStatus")
        self.position_label = QLabel(format_timecode(0, DEFAULT_FPS), window)
        for label in (exports_summary, self.jobs_label, self.backend_label, self.position_label):
            bar.addPermanentWidget(label)

    def set_backend_status(self, text: str, ok: bool = True) -> None:
        self.backend_label.setText(f"Backend: {text}")
        self.backend_label.setStyleSheet("" if ok else FAILED_STYLE)

    def show_jobs(self, uploads: int, tasks: int) -> None:
        parts = []
        if uploads:
            parts.append(f"{uploads} upload{'s' if uploads != 1 else ''}")
        if tasks:
            parts.append(f"{tasks} background job{'s' if tasks != 1 else ''}")
        self.jobs_label.setText(" · ".join(parts))

    def show_position(self, ticks: Ticks, fps: float | None = None) -> None:
        """The playhead as HH:MM:SS:FF on the project's frame rate (HH:MM:SS.mmm without one)."""
        self.position_label.setText(format_timecode(ticks, fps))
