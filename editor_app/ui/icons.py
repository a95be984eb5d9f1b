"""Toolbar icons Qt's standard set lacks or draws in one colour only, painted as vectors.

Drawn in the palette's text colour so they read in light and dark looks alike.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

SIZE = 32
Drawing = Callable[[QPainter], None]


def _split(painter: QPainter) -> None:
    painter.drawRoundedRect(QRectF(3, 9, 11, 14), 2, 2)
    painter.drawRoundedRect(QRectF(18, 9, 11, 14), 2, 2)
    painter.drawLine(QPointF(16, 3), QPointF(16, 29))


def _zoom_fit(painter: QPainter) -> None:
    painter.drawLine(QPointF(4, 6), QPointF(4, 26))
    painter.drawLine(QPointF(28, 6), QPointF(28, 26))
    painter.drawLine(QPointF(8, 16), QPointF(24, 16))
    for tip, back in ((8, 13), (24, 19)):
        painter.drawLine(QPointF(tip, 16), QPointF(back, 11))
        painter.drawLine(QPointF(tip, 16), QPointF(back, 21))


def _preview(painter: QPainter) -> None:
    painter.drawRoundedRect(QRectF(3, 6, 26, 20), 3, 3)
    painter.setBrush(painter.pen().color())
    painter.drawPolygon(QPolygonF([QPointF(13, 11), QPointF(21, 16), QPointF(13, 21)]))


def _export(painter: QPainter) -> None:
    path = QPainterPath(QPointF(5, 19))
    path.lineTo(5, 27)
    path.lineTo(27, 27)
    path.lineTo(27, 19)
    painter.drawPath(path)
    painter.drawLine(QPointF(16, 4), QPointF(16, 20))
    painter.drawLine(QPointF(16, 20), QPointF(10, 14))
    painter.drawLine(QPointF(16, 20), QPointF(22, 14))


def _import(painter: QPainter) -> None:
    painter.drawRoundedRect(QRectF(4, 8, 24, 18), 2, 2)
    painter.drawLine(QPointF(4, 12), QPointF(28, 12))
    painter.drawLine(QPointF(16, 15), QPointF(16, 23))
    painter.drawLine(QPointF(12, 19), QPointF(20, 19))


def _insert(painter: QPainter) -> None:
    """A clip dropped between two, the right one pushed on: insert, not overwrite."""
    painter.drawRoundedRect(QRectF(2, 14, 8, 12), 2, 2)
    painter.drawRoundedRect(QRectF(20, 14, 8, 12), 2, 2)
    painter.drawLine(QPointF(15, 3), QPointF(15, 14))
    painter.drawLine(QPointF(15, 14), QPointF(11, 10))
    painter.drawLine(QPointF(15, 14), QPointF(19, 10))
    painter.drawLine(QPointF(24, 8), QPointF(30, 8))
    painter.drawLine(QPointF(30, 8), QPointF(27, 5))
    painter.drawLine(QPointF(30, 8), QPointF(27, 11))


def _play(painter: QPainter) -> None:
    painter.setBrush(painter.pen().color())
    painter.drawPolygon(QPolygonF([QPointF(9, 6), QPointF(25, 16), QPointF(9, 26)]))


def _pause(painter: QPainter) -> None:
    painter.setBrush(painter.pen().color())
    painter.drawRect(QRectF(8, 7, 5, 18))
    painter.drawRect(QRectF(19, 7, 5, 18))


def _stop(painter: QPainter) -> None:
    painter.setBrush(painter.pen().color())
    painter.drawRect(QRectF(9, 9, 14, 14))


def _frame_step(forward: bool) -> Drawing:
    def draw(painter: QPainter) -> None:
        painter.setBrush(painter.pen().color())
        tip, back, bar = (22, 10, 25) if forward else (10, 22, 7)
        painter.drawPolygon(QPolygonF([QPointF(back, 8), QPointF(tip, 16), QPointF(back, 24)]))
        painter.drawLine(QPointF(bar, 8), QPointF(bar, 24))

    return draw


def _volume(painter: QPainter) -> None:
    painter.setBrush(painter.pen().color())
    speaker = [(5, 12), (10, 12), (16, 6), (16, 26), (10, 20), (5, 20)]
    painter.drawPolygon(QPolygonF([QPointF(x, y) for x, y in speaker]))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawArc(QRectF(14, 10, 8, 12), -60 * 16, 120 * 16)
    painter.drawArc(QRectF(14, 5, 14, 22), -60 * 16, 120 * 16)


def _fullscreen(painter: QPainter) -> None:
    for x, y, dx, dy in ((5, 5, 1, 1), (27, 5, -1, 1), (5, 27, 1, -1), (27, 27, -1, -1)):
        painter.drawLine(QPointF(x, y), QPointF(x + 7 * dx, y))
        painter.drawLine(QPointF(x, y), QPointF(x, y + 7 * dy))


def _turn(back: bool) -> Drawing:
    """Undo (back) or redo: a curved arrow."""

    def draw(painter: QPainter) -> None:
        if not back:
            painter.translate(SIZE, 0)
            painter.scale(-1, 1)
        path = QPainterPath(QPointF(25, 25))
        path.cubicTo(QPointF(27, 14), QPointF(20, 10), QPointF(8, 12))
        painter.drawPath(path)
        painter.drawLine(QPointF(8, 12), QPointF(13, 6))
        painter.drawLine(QPointF(8, 12), QPointF(14, 16))

    return draw


DRAWINGS: dict[str, Drawing] = {
    "undo": _turn(back=True),
    "redo": _turn(back=False),
    "play": _play,
    "pause": _pause,
    "stop": _stop,
    "previous_frame": _frame_step(forward=False),
    "next_frame": _frame_step(forward=True),
    "volume": _volume,
    "fullscreen": _fullscreen,
    "split": _split,
    "insert": _insert,
    "zoom_fit": _zoom_fit,
    "preview": _preview,
    "export": _export,
    "import": _import,
}


def painted_icon(name: str, colour: QColor) -> QIcon:
    pixmap = QPixmap(SIZE, SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(colour, 2.2)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    DRAWINGS[name](painter)
    painter.end()
    return QIcon(pixmap)
