"""One row per export in the Exports dock: name, state line, progress bar and its buttons."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QGridLayout, QLabel, QProgressBar, QToolButton, QWidget

from editor_app.ui.export.job import ACTIVE, ExportJob
from editor_app.ui.flow import ElidedLabel, FlowLayout

STATE_TITLES = {
    "queued": "Waiting",
    "compiling": "Compiling",
    "rendering": "Rendering",
    "downloading": "Downloading",
    "done": "Done",
    "failed": "Failed",
    "cancelled": "Cancelled",
}


def human_bytes(count: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if abs(count) < 1024 or unit == "GB":
            return f"{count:.0f} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1024
    return f"{count:.1f} GB"


def human_seconds(seconds: float) -> str:
    seconds = max(0, round(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}" if seconds >= 60 else f"{seconds} s"


def describe(job: ExportJob) -> str:
    """The row's state line: what is happening, with the numbers that matter for it."""
    state = job.state
    title = STATE_TITLES.get(state, state)
    if state == "rendering":
        text = f"{title} {job.fraction * 100:.0f}%"
        return text + (f" · {human_seconds(job.seconds_left)} left" if job.seconds_left is not None else "")
    if state == "downloading":
        text = f"{title} {human_bytes(job.bytes_done)}"
        if job.bytes_total:
            text += f" of {human_bytes(job.bytes_total)}"
        return text + (f" · {human_bytes(job.speed)}/s" if job.speed else "")
    if state == "failed":
        return f"{title}: {job.record.error or 'unknown reason'}"
    if state == "done":
        return f"{title} · {human_bytes(job.record.bytes_done)}" if job.record.bytes_done else title
    return title + ("…" if state in ACTIVE else "")


class ExportRow(QWidget):
    def __init__(self, job: ExportJob, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.job = job
        self.setObjectName("ExportRow")
        layout = QGridLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        # the name elides and the buttons wrap: the dock shares a narrow tab (defect 5 of issue 14)
        self.name = ElidedLabel(job.path.name, self)
        self.name.setToolTip(str(job.path))
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 1000)
        self.bar.setMaximumHeight(14)
        self.cancel_button = self._button("Cancel")
        self.retry_button = self._button("Retry")
        self.open_button = self._button("Open")
        self.folder_button = self._button("Show in Folder")
        layout.addWidget(self.name, 0, 0, 1, 4)
        layout.addWidget(self.status, 1, 0, 1, 4)
        layout.addWidget(self.bar, 2, 0, 1, 4)
        buttons = FlowLayout()
        for button in (self.cancel_button, self.retry_button, self.open_button, self.folder_button):
            buttons.addWidget(button)
        layout.addLayout(buttons, 3, 0, 1, 4)
        self.cancel_button.clicked.connect(job.cancel)
        self.retry_button.clicked.connect(job.retry)
        self.open_button.clicked.connect(self.open_file)
        self.folder_button.clicked.connect(self.show_folder)
        job.changed.connect(self.refresh)
        self.refresh()

    def _button(self, text: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        return button

    def refresh(self) -> None:
        job = self.job
        state = job.state
        self.name.setText(job.path.name)
        self.name.setToolTip(str(job.path))
        self.status.setText(describe(job))
        self.status.setToolTip(self.status.text())
        if state == "done":
            self.bar.setRange(0, 1000)
            self.bar.setValue(1000)
        elif state in ("compiling", "queued") or (state == "downloading" and not job.bytes_total):
            self.bar.setRange(0, 0)  # no measure of progress yet: a busy indicator
        else:
            self.bar.setRange(0, 1000)
            self.bar.setValue(int(1000 * job.fraction))
        self.cancel_button.setEnabled(job.running)
        self.retry_button.setEnabled(state in ("failed", "cancelled") and not job.running)
        self.open_button.setEnabled(state == "done" and job.path.exists())
        self.folder_button.setEnabled(job.path.parent.exists())

    def open_file(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.job.path)))

    def show_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.job.path.parent)))
