"""The time ruler: tick spacing that adapts to the zoom, timecode labels, markers and playhead cap."""

from __future__ import annotations

import math

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPolygonF, QStaticText

from editor_app.model.ticks import TICKS_PER_SECOND, Ticks
from editor_app.model.timeline import Marker
from editor_app.ui.timeline import style
from editor_app.ui.timeline.geometry import RULER_HEIGHT, TimeScale

# candidate label spacings in ticks: frames-ish up to hours
STEPS: tuple[Ticks, ...] = (
    10, 20, 50, 100, 200, 500,
    1_000, 2_000, 5_000, 10_000, 15_000, 30_000,
    60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000,
    3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000,
)  # fmt: skip
MIN_LABEL_SPACING_PX = 90


def tick_steps(px_per_second: float) -> tuple[Ticks, Ticks]:
    """(major, minor) tick spacing in ticks so that labels stay at least ~90 px apart."""
    for major in STEPS:
        if major * px_per_second / TICKS_PER_SECOND >= MIN_LABEL_SPACING_PX:
            break
    else:
        major = STEPS[-1]
    digits = str(major).rstrip("0")
    minor = major // 5 if digits in ("1", "5") else major // 4 if digits == "2" else major // 3
    if major == 15_000:
        minor = 5_000
    return major, max(minor, 1)


def ruler_label(ticks: Ticks, major: Ticks) -> str:
    """`1:02:03`, `2:05` or `0:04.500`: only as precise as the spacing needs."""
    total_s, ms = divmod(ticks, TICKS_PER_SECOND)
    hours, rest = divmod(total_s, 3600)
    minutes, seconds = divmod(rest, 60)
    text = f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
    if major < TICKS_PER_SECOND:
        decimals = 1 if major % 100 == 0 else 2 if major % 10 == 0 else 3
        text += f".{ms:03d}"[: decimals + 1]
    return text


_LABELS: dict[str, QStaticText] = {}


def _label_text(text: str) -> QStaticText:
    """A ruler label laid out once: the same labels come back on every repaint and scroll."""
    static = _LABELS.get(text)
    if static is None:
        if len(_LABELS) > 2048:
            _LABELS.clear()
        static = _LABELS[text] = QStaticText(text)
        static.setTextFormat(Qt.TextFormat.PlainText)
        static.prepare(font=style.small_font())
    return static


def paint_ruler(painter: QPainter, scale: TimeScale, width: float, markers: list[Marker]) -> None:
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
            painter.drawStaticText(QPointF(scale.x_of(t) + 4, 2), _label_text(ruler_label(t, major)))
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
