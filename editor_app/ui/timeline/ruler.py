"""Painting the time ruler: ticks at the spacing `logic/ruler.py` picks for the zoom, timecode labels,
markers (the playhead's cap is drawn with the moving layer)."""

from __future__ import annotations

import math

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPolygonF

from editor_app.model.timeline import Marker
from editor_app.ui.timeline import style
from editor_app.ui.timeline.caches import PaintCaches
from editor_app.ui.timeline.logic.geometry import RULER_HEIGHT, TimeScale
from editor_app.ui.timeline.logic.ruler import ruler_label, tick_steps


def paint_ruler(
    painter: QPainter, scale: TimeScale, width: float, markers: list[Marker], caches: PaintCaches
) -> None:
    """Ticks, labels and markers (the playhead's cap is drawn with the moving layer)."""
    painter.fillRect(QRectF(0, 0, width, RULER_HEIGHT), style.RULER_BG)
    major, minor = tick_steps(scale.px_per_second)
    start, end = scale.span(width)
    painter.setPen(style.RULER_TICK)
    first = math.floor(start / minor) * minor
    count = int((end - first) // minor) + 1
    ticks = []
    for i in range(count):
        t = first + i * minor
        x = round(scale.x_of(t)) + 0.5
        tall = t % major == 0
        ticks.append(QLineF(x, RULER_HEIGHT - (12 if tall else 5), x, RULER_HEIGHT))
    painter.drawLines(ticks)  # one call, not one per tick
    painter.setFont(style.small_font())
    painter.setPen(style.RULER_TEXT)
    first_major = math.floor(start / major) * major
    t = first_major
    while t < end:
        if t >= 0:
            painter.drawStaticText(QPointF(scale.x_of(t) + 4, 2), caches.ruler_label(ruler_label(t, major)))
        t += major
    for marker in markers:
        x = scale.x_of(marker.time)
        if -8 <= x <= width + 8:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(marker.color))
            painter.drawPolygon(
                QPolygonF(
                    [
                        QPointF(x - 5, 17),
                        QPointF(x + 5, 17),
                        QPointF(x + 5, 23),
                        QPointF(x, 28),
                        QPointF(x - 5, 23),
                    ]
                )
            )
    painter.setPen(style.RULER_LINE)
    painter.drawLine(QPointF(0, RULER_HEIGHT - 0.5), QPointF(width, RULER_HEIGHT - 0.5))
