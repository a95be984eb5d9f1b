"""Painting the track area in two layers.

The static layer (rows, clips, markers, the ruler's ticks) changes only with the model, the
view or the selection; the canvas keeps it in a pixmap. The dynamic layer (gesture ghosts,
snap guide, playhead, rubber band, bubbles) is drawn over it on every paint, so dragging,
scrubbing and playback cost a blit plus a few shapes. In the static layer only what is visible
is painted (rows by their span, clips by binary search through the level-of-detail cache), and
clips too thin for detail are batched into one `drawRects` per colour.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen, QPolygonF

from editor_app.model.ticks import Ticks
from editor_app.model.timeline import Timeline
from editor_app.ui.timeline import style
from editor_app.ui.timeline.caches import PaintCaches
from editor_app.ui.timeline.clip_painter import EDGE, ClipPainter
from editor_app.ui.timeline.logic.geometry import (
    CLIP_MARGIN,
    DETAIL_MIN_PX,
    LABEL_HEIGHT,
    RULER_HEIGHT,
    TimeScale,
    TrackLayout,
    clip_rect,
)
from editor_app.ui.timeline.logic.gestures import ClipView, Preview
from editor_app.ui.timeline.logic.lod import LodCache, Run
from editor_app.ui.timeline.ruler import paint_ruler
from editor_app.ui.timeline.thumbnails_cache import ThumbnailProvider

TITLE_MIN_PX = 12.0  # bars from this wide get a title band


@dataclass
class PaintState:
    timeline: Timeline
    scale: TimeScale
    layout: TrackLayout
    width: float
    height: float
    playhead: Ticks
    selection: set[str] = field(default_factory=set)
    preview: Preview | None = None
    provider: ThumbnailProvider | None = None
    caches: PaintCaches = field(default_factory=PaintCaches)
    lod: LodCache = field(default_factory=LodCache)
    version: int = 0
    band: QRectF | None = None
    notice: str | None = None
    label_at: QPointF | None = None
    gap: tuple[str, Ticks, Ticks] | None = None  # the selected gap: track id, start, end
    io_range: tuple[Ticks | None, Ticks | None] = (None, None)

    def clip_painter(self) -> ClipPainter:
        return ClipPainter(
            self.timeline, self.scale, self.width, self.height, self.selection, self.provider, self.caches
        )

    def static_key(self) -> tuple[object, ...]:
        """Everything the static layer depends on but the horizontal scroll: when it is
        unchanged, the pixmap is reused (shifted, when only the scroll moved)."""
        preview = self.preview
        in_gesture = frozenset(preview.views) if preview is not None else frozenset()
        ghost = preview.ghost if preview is not None else False
        return (
            self.version,
            self.scale.px_per_second,
            self.layout.top,
            self.width,
            self.height,
            frozenset(self.selection),
            in_gesture,
            ghost,
        )


def paint_static(
    painter: QPainter, state: PaintState, x_from: float = 0.0, x_to: float | None = None
) -> None:
    """Ruler, rows and clips between x_from and x_to (the whole width by default); clips under
    an in-place gesture are left out, a ghost move's originals dimmed."""
    x_to = state.width if x_to is None else x_to
    painter.save()
    painter.setClipRect(QRectF(x_from, 0, x_to - x_from, RULER_HEIGHT))
    paint_ruler(painter, state.scale, state.width, state.timeline.markers, state.caches)
    tracks_area = QRectF(x_from, RULER_HEIGHT, x_to - x_from, state.height - RULER_HEIGHT)
    painter.setClipRect(tracks_area)
    painter.fillRect(tracks_area, style.BACKGROUND)
    start = state.scale.ticks_at(x_from - EDGE - 1)
    end = state.scale.ticks_at(x_to + EDGE + 1)
    preview = state.preview
    gesture_ids = set(preview.views) if preview is not None else set()
    ghost = preview is not None and preview.ghost
    clips = state.clip_painter()
    scale, width = state.scale, state.width
    for row in state.layout.visible_rows(RULER_HEIGHT, state.height):
        track = state.timeline.tracks[row.index]
        row_bg = style.ROW_BG if row.position % 2 == 0 else style.ROW_BG_ALT
        painter.fillRect(QRectF(x_from, row.top, x_to - x_from, row.height), row_bg)
        painter.setPen(style.ROW_LINE)
        painter.drawLine(QPointF(x_from, row.bottom - 0.5), QPointF(x_to, row.bottom - 0.5))
        bars: dict[tuple[str, bool, bool], list[QRectF]] = {}
        titles: list[QRectF] = []
        outlines: list[QRectF] = []
        top, height = row.top + CLIP_MARGIN, row.height - 2 * CLIP_MARGIN
        for item in state.lod.visible(track, state.version, scale.px_per_second, start, end):
            x0, x1 = scale.x_of(item.start), scale.x_of(item.end)
            if isinstance(item, Run) or x1 - x0 < DETAIL_MIN_PX:
                item_id = None if isinstance(item, Run) else item.id
                if item_id in gesture_ids and not ghost:
                    continue
                dim = track.hidden or item_id in gesture_ids
                left, right = max(x0, -EDGE), min(x1, width + EDGE)
                bar = QRectF(left, top, max(right - left - 1, 1.0), height)
                bars.setdefault((item.kind, track.muted, dim), []).append(bar)
                if x1 - x0 >= TITLE_MIN_PX:
                    titles.append(QRectF(left, top, bar.width(), LABEL_HEIGHT))
                if item_id in state.selection:
                    outlines.append(bar)
                continue
            if item.id in gesture_ids and not ghost:
                continue  # drawn by the gesture's preview instead
            view = ClipView(item, track.id, item.start, item.end, item.source_start, item.volume)
            rect = clip_rect(scale, row, item.start, item.end)
            clips.paint(painter, track, view, rect, dim=item.id in gesture_ids)
        _paint_bars(painter, bars, titles, outlines, track.locked)
    for marker in state.timeline.markers:
        x = scale.x_of(marker.time)
        if 0 <= x <= width:
            painter.setPen(QPen(QColor(marker.color), 1, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x, RULER_HEIGHT), QPointF(x, state.height))
    painter.restore()


def _paint_bars(
    painter: QPainter,
    bars: dict[tuple[str, bool, bool], list[QRectF]],
    titles: list[QRectF],
    outlines: list[QRectF],
    locked: bool,
) -> None:
    """Clips too narrow for detail, a few calls per row whatever their number."""
    painter.setPen(Qt.PenStyle.NoPen)
    for (kind, muted, dim), rects in bars.items():
        painter.setBrush(style.bar_colour(kind, muted, dim))
        painter.drawRects(rects)
        if locked:
            painter.setBrush(style.HATCH_BRUSH)
            painter.drawRects(rects)
    if titles:
        painter.setBrush(style.TITLE_BAR)
        painter.drawRects(titles)
    if outlines:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(style.SELECTION_OUTLINE, 2))
        painter.drawRects(outlines)


def paint_dynamic(painter: QPainter, state: PaintState) -> None:
    """What moves without the model changing: ghosts, guide, playhead, rubber band, bubbles."""
    painter.save()
    painter.setClipRect(QRectF(0, RULER_HEIGHT, state.width, state.height - RULER_HEIGHT))
    scale, height = state.scale, state.height
    preview = state.preview
    if preview is not None:
        clips = state.clip_painter()
        for view in preview.views.values():
            row = state.layout.row_of(view.track_id)
            if row is not None:
                track = state.timeline.tracks[row.index]
                rect = clip_rect(scale, row, view.start, view.end)
                if rect.x1 >= -EDGE and rect.x0 <= state.width + EDGE:
                    clips.paint(painter, track, view, rect, ghost=preview.ghost, invalid=not preview.valid)
        if preview.guide is not None:
            x = scale.x_of(preview.guide)
            painter.setPen(QPen(style.SNAP_GUIDE, 1.5))
            painter.drawLine(QPointF(x, RULER_HEIGHT), QPointF(x, height))
    _paint_range(painter, state)
    x = scale.x_of(state.playhead)
    if -2 <= x <= state.width + 2:
        painter.setPen(QPen(style.PLAYHEAD, 1.5))
        painter.drawLine(QPointF(x, RULER_HEIGHT), QPointF(x, height))
    if state.gap is not None:
        row = state.layout.row_of(state.gap[0])
        if row is not None:
            gap = QRectF(
                QPointF(scale.x_of(state.gap[1]), row.top + 2),
                QPointF(scale.x_of(state.gap[2]), row.bottom - 2),
            )
            painter.setPen(QPen(style.RUBBER_BAND_LINE, 1, Qt.PenStyle.DashLine))
            painter.setBrush(style.RUBBER_BAND_FILL)
            painter.drawRect(gap)
    if state.band is not None:
        painter.setPen(QPen(style.RUBBER_BAND_LINE, 1))
        painter.setBrush(style.RUBBER_BAND_FILL)
        painter.drawRect(state.band)
    if preview is not None and preview.label and state.label_at is not None:
        _paint_bubble(painter, state.label_at + QPointF(14, -22), preview.label, state.width)
    if state.notice:
        _paint_bubble(painter, QPointF(12, height - 30), state.notice, state.width)
    painter.restore()
    if -8 <= x <= state.width + 8:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(style.PLAYHEAD)
        cap = [QPointF(x - 6, RULER_HEIGHT - 12), QPointF(x + 6, RULER_HEIGHT - 12), QPointF(x, RULER_HEIGHT)]
        painter.drawPolygon(QPolygonF(cap))


def _paint_range(painter: QPainter, state: PaintState) -> None:
    """The I/O range: a band on the ruler with a handle at each point set, faint over the tracks."""
    start, end = state.io_range
    if start is None and end is None:
        return
    x0 = state.scale.x_of(start) if start is not None else 0.0
    x1 = state.scale.x_of(end) if end is not None else state.width
    painter.save()
    painter.setClipping(False)
    painter.setPen(Qt.PenStyle.NoPen)
    if start is not None and end is not None:
        painter.fillRect(QRectF(x0, RULER_HEIGHT, x1 - x0, state.height - RULER_HEIGHT), style.IO_TRACKS)
        painter.fillRect(QRectF(x0, RULER_HEIGHT - 8, x1 - x0, 8), style.IO_RULER)
    painter.setPen(QPen(style.IO_HANDLE, 2))
    for at, x, sign in ((start, x0, 1), (end, x1, -1)):
        if at is not None:
            painter.drawLine(QPointF(x, 2), QPointF(x, RULER_HEIGHT))
            painter.drawLine(QPointF(x, 2), QPointF(x + 6 * sign, 2))
    painter.restore()


def _paint_bubble(painter: QPainter, at: QPointF, text: str, width: float) -> None:
    metrics = QFontMetrics(style.small_font())
    lines = text.splitlines() or [""]
    w = max(metrics.horizontalAdvance(line) for line in lines) + 14
    x = min(max(at.x(), 4.0), width - w - 4)
    h = metrics.lineSpacing() * len(lines) + 6
    box = QRectF(x, max(at.y() - h + 20, RULER_HEIGHT + 2), w, h)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(style.NOTICE_BG)
    painter.drawRoundedRect(box, 4, 4)
    painter.setPen(style.TEXT)
    painter.setFont(style.small_font())
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
