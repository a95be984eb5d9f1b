"""The picture area: a black frame in the timeline's aspect showing the latest video frame, or a
poster (a still of the timeline) when nothing plays, with a message band over it. While the
picture is out of date (an edit is recompiling) it is dimmed under a small overlay label, so
the old picture is never taken for the new timeline."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QWidget


class FrameView(QWidget):
    doubleClicked = Signal()
    resized = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PreviewPicture")
        self.setMinimumSize(320, 180)
        self.image: QImage | None = None
        self.message = ""
        self.overlay = ""
        self.aspect = 16 / 9

    def set_image(self, image: QImage | None) -> None:
        self.image = image
        self.update()

    def set_message(self, text: str) -> None:
        self.message = text
        self.update()

    def set_overlay(self, text: str) -> None:
        if text != self.overlay:
            self.overlay = text
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
        if self.overlay:
            painter.fillRect(frame, QColor(0, 0, 0, 120))
            metrics = painter.fontMetrics()
            label = QRectF(
                frame.left() + 8, frame.top() + 8, metrics.horizontalAdvance(self.overlay) + 16, 24
            )
            painter.fillRect(label, QColor(20, 40, 70, 220))
            painter.setPen(QColor("#dfe6ee"))
            painter.drawText(label, Qt.AlignmentFlag.AlignCenter, self.overlay)
        if self.message:
            painter.setPen(QColor("#c9ccd1"))
            lines = self.message.count("\n") + 1
            band = QRectF(frame.left(), frame.bottom() - 12 - 18 * lines, frame.width(), 8 + 18 * lines)
            painter.fillRect(band, QColor(0, 0, 0, 160))
            painter.drawText(band, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.message)
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resized.emit()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.doubleClicked.emit()
