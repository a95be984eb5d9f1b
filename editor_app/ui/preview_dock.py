"""The Preview dock as the window lays it out.

The preview player (VLC) fills the Preview dock in its own issue; until it plays, the dock
shows a poster frame (the backend's thumbnail of the top video under the playhead, in the
timeline's aspect), the program timecode and the last compiled stream.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QDockWidget, QLabel, QVBoxLayout, QWidget

from editor_app.model import format_timecode
from editor_app.model.ticks import Ticks


class PosterView(QWidget):
    """Black frame in the timeline's aspect with the poster image and a message over it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PreviewPicture")
        self.setMinimumSize(320, 180)
        self.image: QImage | None = None
        self.message = ""
        self.aspect = 16 / 9

    def set_image(self, image: QImage | None) -> None:
        self.image = image
        self.update()

    def set_message(self, text: str) -> None:
        self.message = text
        self.update()

    def frame_rect(self) -> QRectF:
        width, height = float(self.width()), float(self.height())
        if width / max(height, 1.0) > self.aspect:
            frame_w, frame_h = height * self.aspect, height
        else:
            frame_w, frame_h = width, width / self.aspect
        return QRectF((width - frame_w) / 2, (height - frame_h) / 2, frame_w, frame_h)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#111214"))
        frame = self.frame_rect()
        painter.fillRect(frame, QColor("#000000"))
        if self.image is not None and not self.image.isNull():
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(frame, self.image)
        if self.message:
            painter.setPen(QColor("#c9ccd1"))
            band = QRectF(frame.left(), frame.bottom() - 34, frame.width(), 30)
            painter.fillRect(band, QColor(0, 0, 0, 150))
            painter.drawText(band, Qt.AlignmentFlag.AlignCenter, self.message)
        painter.end()


class PreviewDock(QDockWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Preview", parent)
        self.setObjectName("PreviewDock")
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.picture = PosterView(body)
        self.picture.set_message("Ctrl+Enter compiles a preview of the timeline")
        self.timecode = QLabel(format_timecode(0), body)
        self.timecode.setObjectName("PreviewTimecode")
        self.timecode.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.timecode.setStyleSheet("QLabel { font-family: monospace; font-size: 15px; padding: 4px; }")
        layout.addWidget(self.picture, 1)
        layout.addWidget(self.timecode)
        self.setWidget(body)
        self.stream_url: str | None = None

    def set_position(self, ticks: Ticks) -> None:
        self.timecode.setText(format_timecode(ticks))

    def set_stream(self, stream_url: str) -> None:
        self.stream_url = stream_url
        self.picture.set_message("Compiled: the preview stream is ready")
        self.picture.setToolTip(stream_url)

    def set_message(self, text: str) -> None:
        self.picture.set_message(text)

    def set_poster(self, image: QImage | None) -> None:
        self.picture.set_image(image)

    def set_resolution(self, width: int, height: int) -> None:
        self.picture.aspect = width / max(height, 1)
        self.picture.update()
