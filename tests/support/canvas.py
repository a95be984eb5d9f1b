"""Helpers for driving the timeline canvas with real mouse events (QTest) in tests, and an in-memory
thumbnail/waveform provider of QImages filled with colour."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QDragEnterEvent, QDragMoveEvent, QDropEvent, QImage, QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from editor_app.model.undo import History
from editor_app.ui.timeline.canvas import TimelineCanvas
from editor_app.ui.timeline.logic.drops import MEDIA_MIME, media_mime_data
from editor_app.ui.timeline.logic.geometry import LABEL_HEIGHT, TimeScale
from editor_app.ui.timeline.view import TimelineView

PPS = 50.0  # 1 s = 50 px, so 1 px = 20 ms
NO_MODS = Qt.KeyboardModifier.NoModifier
LEFT = Qt.MouseButton.LeftButton
COPY = Qt.DropAction.CopyAction


def open_view(qtbot: QtBot, history: History) -> TimelineView:
    view = TimelineView(history)
    qtbot.addWidget(view)
    view.resize(1300, 420)
    view.show()
    qtbot.waitExposed(view)
    view.canvas.set_scale(TimeScale(PPS, 0))
    return view


def x_at(canvas: TimelineCanvas, ticks: int) -> int:
    return round(canvas.scale.x_of(ticks))


def body_y(canvas: TimelineCanvas, track_id: str) -> int:
    """A point inside the clips of a track, below the title bar and clear of the volume line."""
    row = canvas.layout_rows().row_of(track_id)
    assert row is not None
    return int(row.top + LABEL_HEIGHT + 6)


def drag(
    canvas: TimelineCanvas,
    start: tuple[int, int],
    end: tuple[int, int],
    steps: int = 6,
    modifiers: Qt.KeyboardModifier = NO_MODS,
) -> None:
    """Press, move in a few steps, release: a real drag as the canvas sees it."""
    x0, y0 = start
    x1, y1 = end
    QTest.mousePress(canvas, LEFT, modifiers, QPoint(x0, y0))
    for i in range(1, steps + 1):
        move(canvas, x0 + (x1 - x0) * i // steps, y0 + (y1 - y0) * i // steps, modifiers)
    QTest.mouseRelease(canvas, LEFT, modifiers, QPoint(x1, y1))


def move(canvas: QWidget, x: int, y: int, modifiers: Qt.KeyboardModifier = NO_MODS) -> None:
    """A mouse move with the left button held (QTest.mouseMove cannot carry modifiers)."""
    local = QPointF(x, y)
    event = QMouseEvent(
        QEvent.Type.MouseMove,
        local,
        QPointF(canvas.mapToGlobal(local)),
        Qt.MouseButton.NoButton,
        LEFT,
        modifiers,
    )
    QApplication.sendEvent(canvas, event)


def click(canvas: TimelineCanvas, x: int, y: int, modifiers: Qt.KeyboardModifier = NO_MODS) -> None:
    QTest.mouseClick(canvas, LEFT, modifiers, QPoint(x, y))


def dump(history: History) -> dict[str, Any]:
    return history.timeline.model_dump()


def drop_mime(canvas: TimelineCanvas, mime: QMimeData, x: int, y: int) -> bool:
    pos = QPointF(x, y)
    enter = QDragEnterEvent(QPoint(x, y), COPY, mime, LEFT, NO_MODS)
    QApplication.sendEvent(canvas, enter)
    if not enter.isAccepted():
        return False
    QApplication.sendEvent(canvas, QDragMoveEvent(QPoint(x, y), COPY, mime, LEFT, NO_MODS))
    drop = QDropEvent(pos, COPY, mime, LEFT, NO_MODS)
    QApplication.sendEvent(canvas, drop)
    return drop.isAccepted()


def media_mime(media_id: str, kind: str, name: str, seconds: float | None) -> QMimeData:
    mime = QMimeData()
    mime.setData(MEDIA_MIME, media_mime_data(media_id, kind, name, seconds))
    return mime


class ColourThumbnails:
    """A thumbnail provider held in memory: frame i of a source is a solid colour, peaks a ramp."""

    interval = 1.0  # seconds between frames and between peaks

    def thumbnail(self, media_id: str, index: int) -> QImage | None:
        image = QImage(64, 36, QImage.Format.Format_RGB32)
        image.fill(QColor.fromHsv((index * 37 + len(media_id) * 11) % 360, 160, 220))
        return image

    def thumbnail_interval(self, media_id: str) -> float | None:
        return self.interval

    def waveform(self, media_id: str) -> list[float] | None:
        return [abs(((i * 7) % 20) - 10) / 10 for i in range(200)]

    def waveform_interval(self, media_id: str) -> float | None:
        return 0.1
