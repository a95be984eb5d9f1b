"""Marks on clips: cue boundaries of caption clips (decoded once per `src`, drawn as ticks), and
the badge of a clip using something the local backend does not render (`model.conformance`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontDatabase, QPainter, QPen

from editor_app.model import CaptionAsset, Clip, TextAsset
from editor_app.model.captions import CaptionSourceError, read_cues
from editor_app.model.ticks import TICKS_PER_SECOND

CUE_PEN = QPen(QColor(255, 255, 255, 150), 1)
MAX_KEPT = 256


@dataclass
class CueMarks:
    bounds: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    installed: dict[str, bool] = field(default_factory=dict)  # font family -> known to fontconfig

    def font_missing(self, clip: Clip) -> bool:
        """A text or caption clip whose font is not installed: the renderer falls back to another."""
        asset = clip.asset
        if isinstance(asset, TextAsset):
            family = asset.font.family
        elif isinstance(asset, CaptionAsset):
            family = asset.font.name
        else:
            return False
        known = self.installed.get(family)
        if known is None:
            known = self.installed[family] = family in QFontDatabase.families()
        return not known

    def of(self, src: str) -> list[tuple[int, int]]:
        found = self.bounds.get(src)
        if found is None:
            if len(self.bounds) > MAX_KEPT:
                self.bounds.clear()
            try:
                found = [(c.start, c.end) for c in read_cues(src)]
            except CaptionSourceError:
                found = []  # "auto": its cues live in the backend's transcript
            self.bounds[src] = found
        return found

    def draw(self, painter: QPainter, src: str, clip_x0: float, px_per_second: float, body: QRectF) -> None:
        """A tick where each cue starts and a bar under its span, clipped to the body."""
        painter.setPen(CUE_PEN)
        y = body.bottom() - 3
        for start, end in self.of(src):
            a = clip_x0 + start * px_per_second / TICKS_PER_SECOND
            b = clip_x0 + end * px_per_second / TICKS_PER_SECOND
            a, b = max(a, body.left()), min(b, body.right())
            if b <= a:
                continue
            painter.drawLine(QPointF(a, body.top() + 2), QPointF(a, body.bottom() - 1))
            painter.drawLine(QPointF(a + 1, y), QPointF(max(b - 2, a + 1), y))


ISSUE = QColor("#f0a030")


def draw_issue_mark(painter: QPainter, square: QRectF) -> None:
    """An amber "!" badge in the title bar's right end."""
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(ISSUE)
    painter.drawEllipse(square.adjusted(2, 2, -2, -2))
    painter.setPen(QPen(QColor("#202020"), 2))
    centre = square.center()
    painter.drawLine(QPointF(centre.x(), square.top() + 5), QPointF(centre.x(), centre.y() + 1))
    painter.drawPoint(QPointF(centre.x(), square.bottom() - 5))
