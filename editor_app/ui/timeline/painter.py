"""Painting the track area: rows, clips (thumbnails, waveform, volume line, fades), ghosts, guides.

Only what is visible is painted: rows by their vertical span, clips by binary search inside each
track (through the level-of-detail cache, which merges clips too thin to see into runs).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QPainter, QPen, QPolygonF

from editor_app.model.ticks import TICKS_PER_SECOND, Ticks
from editor_app.model.timeline import Clip, Timeline, Track
from editor_app.ui.timeline import style
from editor_app.ui.timeline.geometry import (
    LABEL_HEIGHT,
    RULER_HEIGHT,
    ClipRect,
    Row,
    TimeScale,
    TrackLayout,
    clip_rect,
    volume_y,
)
from editor_app.ui.timeline.interactions import ClipView, Preview
from editor_app.ui.timeline.lod import LodCache, Run
from editor_app.ui.timeline.thumbnails_cache import ScaledThumbnails, ThumbnailProvider

EDGE = 12.0  # how far past the viewport a clip's drawn rectangle may reach


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
    thumbs: ScaledThumbnails = field(default_factory=ScaledThumbnails)
    lod: LodCache = field(default_factory=LodCache)
    version: int = 0
    band: QRectF | None = None
    notice: str | None = None
    label_at: QPointF | None = None


def paint_tracks(painter: QPainter, state: PaintState) -> None:
    painter.fillRect(QRectF(0, RULER_HEIGHT, state.width, state.height - RULER_HEIGHT), style.BACKGROUND)
    painter.setClipRect(QRectF(0, RULER_HEIGHT, state.width, state.height - RULER_HEIGHT))
    start, end = state.scale.span(state.width)
    preview = state.preview
    in_place = set(preview.views) if preview is not None and not preview.ghost else set()
    dimmed = set(preview.views) if preview is not None and preview.ghost else set()
    for row in state.layout.visible_rows(RULER_HEIGHT, state.height):
        track = state.timeline.tracks[row.index]
        painter.fillRect(
            QRectF(0, row.top, state.width, row.height),
            style.ROW_BG if row.index % 2 == 0 else style.ROW_BG_ALT,
        )
        painter.setPen(style.ROW_LINE)
        painter.drawLine(QPointF(0, row.bottom - 0.5), QPointF(state.width, row.bottom - 0.5))
        for item in state.lod.visible(track, state.version, state.scale.px_per_second, start, end):
            if isinstance(item, Run):
                _paint_run(painter, state, row, track, item)
            elif item.id not in in_place:
                view = ClipView(item, track.id, item.start, item.end, item.source_start, item.volume)
                _paint_clip(painter, state, row, track, view, dim=item.id in dimmed)
    if preview is not None:
        _paint_preview(painter, state, preview)
    _paint_overlays(painter, state)
    painter.setClipping(False)


def _paint_run(painter: QPainter, state: PaintState, row: Row, track: Track, run: Run) -> None:
    rect = clip_rect(state.scale, row, run.start, run.end)
    x0, x1 = max(rect.x0, -EDGE), min(max(rect.x1, rect.x0 + 1), state.width + EDGE)
    colour = style.muted_colour(run.kind) if track.muted else style.kind_colour(run.kind)
    painter.fillRect(QRectF(x0, rect.top, x1 - x0, rect.height), colour.darker(115))


def _paint_preview(painter: QPainter, state: PaintState, preview: Preview) -> None:
    for view in preview.views.values():
        row = state.layout.row_of(view.track_id)
        if row is None:
            continue
        track = state.timeline.tracks[row.index]
        _paint_clip(painter, state, row, track, view, ghost=preview.ghost, invalid=not preview.valid)


def clip_name(timeline: Timeline, clip: Clip) -> str:
    media = timeline.media.get(clip.media_id or "")
    return media.name if media is not None and media.name else clip.label()


def _paint_clip(
    painter: QPainter,
    state: PaintState,
    row: Row,
    track: Track,
    view: ClipView,
    dim: bool = False,
    ghost: bool = False,
    invalid: bool = False,
) -> None:
    clip = view.clip
    rect = clip_rect(state.scale, row, view.start, view.end)
    if rect.x1 < -EDGE or rect.x0 > state.width + EDGE:
        return
    x0, x1 = max(rect.x0, -EDGE), min(rect.x1, state.width + EDGE)
    box = QRectF(x0, rect.top, max(x1 - x0, 1.0), rect.height)
    colour = style.muted_colour(clip.kind) if track.muted else QColor(style.kind_colour(clip.kind))
    if track.hidden or dim:
        colour.setAlpha(90)
    if ghost:
        colour.setAlpha(170)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    radius = 4.0 if box.width() > 10 else 0.0
    painter.drawRoundedRect(box, radius, radius)
    if box.width() >= 6 and not dim:
        _paint_body(painter, state, track, view, rect, box)
    title = QRectF(box.x(), box.y(), box.width(), LABEL_HEIGHT)
    painter.fillRect(title, QColor(0, 0, 0, 60))
    if box.width() > 24:
        painter.setFont(style.label_font())
        painter.setPen(style.TEXT if not dim else style.TEXT_DIM)
        text_x = max(box.x(), 0.0) + 5
        room = box.right() - text_x - 4
        name = QFontMetrics(style.label_font()).elidedText(
            clip_name(state.timeline, clip), Qt.TextElideMode.ElideRight, int(room)
        )
        painter.drawText(QRectF(text_x, box.y(), room, LABEL_HEIGHT), Qt.AlignmentFlag.AlignVCenter, name)
    if track.locked:
        painter.setBrush(QBrush(style.HATCH, Qt.BrushStyle.BDiagPattern))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRect(box)
    outline: QColor | None = None
    if ghost:
        outline = style.GHOST_BAD if invalid else QColor(255, 255, 255, 200)
    elif clip.id in state.selection:
        outline = style.SELECTION_OUTLINE
    if outline is not None:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(outline, 2))
        painter.drawRoundedRect(box.adjusted(1, 1, -1, -1), radius, radius)


def _paint_body(
    painter: QPainter, state: PaintState, track: Track, view: ClipView, rect: ClipRect, box: QRectF
) -> None:
    clip = view.clip
    body = QRectF(box.x(), rect.top + LABEL_HEIGHT, box.width(), rect.height - LABEL_HEIGHT)
    painter.save()
    painter.setClipRect(body.intersected(QRectF(0, RULER_HEIGHT, state.width, state.height)))
    provider = state.provider
    if provider is not None and clip.media_id is not None:
        if clip.kind in ("video", "image"):
            _paint_thumbnails(painter, state, provider, view, rect, body)
        elif clip.kind == "audio":
            _paint_waveform(painter, state, provider, view, rect, body)
    if clip.kind in ("text", "caption") and body.width() > 30:
        painter.setPen(style.TEXT_DIM)
        painter.setFont(style.small_font())
        text = clip.asset.text if clip.asset.type == "text" else "Captions"
        painter.drawText(body.adjusted(max(-body.x(), 0) + 5, 2, -4, -2), Qt.AlignmentFlag.AlignLeft, text)
    _paint_fades(painter, state, view, rect)
    if view.volume is not None:
        y = volume_y(rect, view.volume)
        painter.setPen(QPen(style.VOLUME_LINE, 1.5))
        painter.drawLine(QPointF(box.left() + 1, y), QPointF(box.right() - 1, y))
    painter.restore()


def _paint_thumbnails(
    painter: QPainter,
    state: PaintState,
    provider: ThumbnailProvider,
    view: ClipView,
    rect: ClipRect,
    body: QRectF,
) -> None:
    media_id = view.clip.media_id or ""
    height = int(body.height())
    if height < 12:
        return
    interval = provider.thumbnail_interval(media_id) if view.clip.kind == "video" else None
    tile = height * 16 / 9
    first = max(0, math.floor((max(body.left(), 0) - rect.x0) / tile))
    last = math.ceil((min(body.right(), state.width) - rect.x0) / tile)
    ticks_per_px = state.scale.ticks_per_px()
    for k in range(first, last):
        x = rect.x0 + k * tile
        index = 0
        if interval:
            source = view.source_start + (k * tile) * ticks_per_px
            index = int(source / (interval * TICKS_PER_SECOND))
        pixmap = state.thumbs.get(provider, media_id, index, height)
        if pixmap is None:
            if k == first:
                continue
            break
        painter.setOpacity(0.85)
        painter.drawPixmap(QPointF(x, body.top()), pixmap)
        painter.setOpacity(1.0)


def _paint_waveform(
    painter: QPainter,
    state: PaintState,
    provider: ThumbnailProvider,
    view: ClipView,
    rect: ClipRect,
    body: QRectF,
) -> None:
    media_id = view.clip.media_id or ""
    peaks = provider.waveform(media_id)
    interval = provider.waveform_interval(media_id)
    if not peaks or not interval:
        return
    mid = body.center().y()
    half = body.height() / 2 - 2
    per_px = state.scale.ticks_per_px() / (interval * TICKS_PER_SECOND)  # peaks per pixel
    gain = view.volume if view.volume is not None else 1.0
    left, right = max(body.left(), 0.0), min(body.right(), state.width)
    lines: list[QLineF] = []
    x = math.floor(left)
    while x < right:
        at = (view.source_start + (x - rect.x0) * state.scale.ticks_per_px()) / (interval * TICKS_PER_SECOND)
        lo, hi = int(at), max(int(at + per_px * 2), int(at) + 1)
        chunk = peaks[max(lo, 0) : min(hi, len(peaks))]
        if chunk:
            h = min(max(chunk) * gain, 1.0) * half
            lines.append(QLineF(x + 0.5, mid - h, x + 0.5, mid + h))
        x += 2
    painter.setPen(QPen(style.WAVEFORM, 1.5))
    painter.drawLines(lines)


def _paint_fades(painter: QPainter, state: PaintState, view: ClipView, rect: ClipRect) -> None:
    transition = view.clip.transition
    if transition is None:
        return
    length = view.fade if view.fade is not None else transition.duration
    px = min(length * state.scale.px_per_second / TICKS_PER_SECOND, rect.width)
    top, bottom = rect.top + LABEL_HEIGHT, rect.bottom
    painter.setPen(Qt.PenStyle.NoPen)
    for side, on in (("in", transition.in_ == "fade"), ("out", transition.out == "fade")):
        if not on:
            continue
        x_edge, x_handle = (rect.x0, rect.x0 + px) if side == "in" else (rect.x1, rect.x1 - px)
        painter.setBrush(style.FADE)
        painter.drawPolygon(
            QPolygonF([QPointF(x_edge, top), QPointF(x_handle, top), QPointF(x_edge, bottom)])
        )
        painter.setBrush(QColor("#ffffff"))
        painter.drawEllipse(QPointF(x_handle, rect.top + LABEL_HEIGHT / 2), 4, 4)


def _paint_overlays(painter: QPainter, state: PaintState) -> None:
    scale, height = state.scale, state.height
    for marker in state.timeline.markers:
        x = scale.x_of(marker.time)
        if 0 <= x <= state.width:
            painter.setPen(QPen(QColor(marker.color), 1, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x, RULER_HEIGHT), QPointF(x, height))
    preview = state.preview
    if preview is not None and preview.guide is not None:
        x = scale.x_of(preview.guide)
        painter.setPen(QPen(style.SNAP_GUIDE, 1.5))
        painter.drawLine(QPointF(x, RULER_HEIGHT), QPointF(x, height))
    x = scale.x_of(state.playhead)
    if -2 <= x <= state.width + 2:
        painter.setPen(QPen(style.PLAYHEAD, 1.5))
        painter.drawLine(QPointF(x, RULER_HEIGHT), QPointF(x, height))
    if state.band is not None:
        painter.setPen(QPen(style.RUBBER_BAND_LINE, 1))
        painter.setBrush(style.RUBBER_BAND_FILL)
        painter.drawRect(state.band)
    if preview is not None and preview.label and state.label_at is not None:
        _paint_bubble(painter, state.label_at + QPointF(14, -22), preview.label, state.width)
    if state.notice:
        _paint_bubble(painter, QPointF(12, height - 30), state.notice, state.width)


def _paint_bubble(painter: QPainter, at: QPointF, text: str, width: float) -> None:
    metrics = QFontMetrics(style.small_font())
    w = metrics.horizontalAdvance(text) + 14
    x = min(max(at.x(), 4.0), width - w - 4)
    box = QRectF(x, max(at.y(), RULER_HEIGHT + 2), w, 20)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(style.NOTICE_BG)
    painter.drawRoundedRect(box, 4, 4)
    painter.setPen(style.TEXT)
    painter.setFont(style.small_font())
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
