"""Painting one clip in full detail: body, title, thumbnails, waveform, volume line, fades, states.

Clips too thin for detail never come here: the track painter draws them as plain bars in one
batched call per colour.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QPolygonF

from editor_app.model.conformance import clip_issues
from editor_app.model.ticks import TICKS_PER_SECOND
from editor_app.model.timeline import Clip, Timeline, Track
from editor_app.ui.timeline import style
from editor_app.ui.timeline.caches import PaintCaches
from editor_app.ui.timeline.cue_marks import draw_issue_mark
from editor_app.ui.timeline.logic.geometry import LABEL_HEIGHT, ClipRect, TimeScale, volume_y
from editor_app.ui.timeline.logic.gestures import ClipView
from editor_app.ui.timeline.thumbnails_cache import ThumbnailProvider, tile_width

EDGE = 12.0  # how far past the viewport a clip's drawn rectangle may reach
THUMBNAIL_MIN_PX = 40.0


def clip_name(timeline: Timeline, clip: Clip) -> str:
    media = timeline.media.get(clip.media_id or "")
    return media.name if media is not None and media.name else clip.label()


@dataclass
class ClipPainter:
    timeline: Timeline
    scale: TimeScale
    width: float
    height: float
    selection: set[str]
    provider: ThumbnailProvider | None
    caches: PaintCaches

    def paint(
        self,
        painter: QPainter,
        track: Track,
        view: ClipView,
        rect: ClipRect,
        dim: bool = False,
        ghost: bool = False,
        invalid: bool = False,
    ) -> None:
        clip = view.clip
        x0, x1 = max(rect.x0, -EDGE), min(rect.x1, self.width + EDGE)
        box = QRectF(x0, rect.top, max(x1 - x0, 1.0), rect.height)
        alpha = 90 if (track.hidden or dim) else 170 if ghost else 255
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(style.clip_colour(clip.kind, track.muted, alpha))
        painter.drawRoundedRect(box, 4.0, 4.0)
        if not dim:
            if track.hidden:
                painter.setOpacity(0.4)  # a hidden track's pictures fade with it
            self._body(painter, view, rect, box)
            painter.setOpacity(1.0)
        painter.fillRect(QRectF(box.x(), box.y(), box.width(), LABEL_HEIGHT), style.TITLE_BAR)
        if not dim and clip.transition is not None:
            self._fade_handles(painter, view, rect)  # under the name, which stays readable
        text_x = max(box.x(), 0.0) + 5
        room = int(min(rect.x1, text_x + 4000) - text_x - 4)  # past the view edge too, for the same reason
        if room > 16:
            painter.setFont(style.label_font())
            label, dy = self.caches.label(clip_name(self.timeline, clip), room)
            backing = QRectF(text_x - 3, box.y() + 1, label.size().width() + 6, LABEL_HEIGHT - 2)
            painter.fillRect(backing, style.clip_colour(clip.kind, track.muted, alpha).darker(130))
            painter.setPen(style.TEXT if not dim else style.TEXT_DIM)
            painter.drawStaticText(QPointF(text_x, box.y() + dy), label)
        if not dim and (clip_issues(clip) or self.caches.cues.font_missing(clip)):  # rendered differently
            draw_issue_mark(painter, QRectF(box.right() - LABEL_HEIGHT, box.y(), LABEL_HEIGHT, LABEL_HEIGHT))
        if track.locked:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(style.HATCH, Qt.BrushStyle.BDiagPattern))
            painter.drawRect(box)
        outline: QColor | None = None
        if ghost:
            outline = style.GHOST_BAD if invalid else style.GHOST_OUTLINE
        elif clip.id in self.selection:
            outline = style.SELECTION_OUTLINE
        if outline is not None:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(outline, 2))
            painter.drawRoundedRect(box.adjusted(1, 1, -1, -1), 4.0, 4.0)

    def _body(self, painter: QPainter, view: ClipView, rect: ClipRect, box: QRectF) -> None:
        clip = view.clip
        body = QRectF(box.x(), rect.top + LABEL_HEIGHT, box.width(), rect.height - LABEL_HEIGHT)
        provider = self.provider
        wide = (
            rect.width >= THUMBNAIL_MIN_PX
        )  # the whole clip, not the part in view: scrolling must not change it
        detailed = wide and (
            (provider is not None and clip.media_id is not None) or clip.kind in ("text", "caption")
        )
        if detailed:  # everything below stays inside `body` by itself: no clip region to set
            if provider is not None and clip.media_id is not None:
                if clip.kind in ("video", "image"):
                    self._thumbnails(painter, provider, view, rect, body)
                elif clip.kind == "audio":
                    self._waveform(painter, provider, view, rect, body)
            if clip.asset.type == "text":
                painter.setPen(style.TEXT_DIM)
                painter.setFont(style.small_font())
                text_rect = body.adjusted(max(-body.x(), 0) + 5, 2, -4, -2)
                painter.drawText(text_rect, Qt.AlignmentFlag.AlignLeft, clip.asset.text)
            elif clip.asset.type == "caption":
                self.caches.cues.draw(painter, clip.asset.src, rect.x0, self.scale.px_per_second, body)
        if clip.transition is not None:
            self._fades(painter, view, rect)
        if view.volume is not None:
            y = volume_y(rect, view.volume)
            painter.setPen(style.VOLUME_PEN)
            painter.drawLine(QPointF(box.left() + 1, y), QPointF(box.right() - 1, y))

    def _thumbnails(
        self, painter: QPainter, provider: ThumbnailProvider, view: ClipView, rect: ClipRect, body: QRectF
    ) -> None:
        media_id = view.clip.media_id or ""
        height = int(body.height())
        if height < 12:
            return
        interval = provider.thumbnail_interval(media_id) if view.clip.kind == "video" else None
        tile = tile_width(height)
        left = round(rect.x0)  # whole pixels: every tile is a plain blit, no resampling
        top = round(body.top())
        first = max(0, (math.floor(max(body.left(), 0.0)) - left) // tile)
        last = math.ceil((min(body.right(), self.width) - left) / tile)
        ticks_per_px = self.scale.ticks_per_px()
        for k in range(first, last):
            index = 0
            if interval:
                source = view.source_start + (k * tile) * ticks_per_px
                index = int(source / (interval * TICKS_PER_SECOND))
            pixmap = self.caches.thumbs.get(provider, media_id, index, height)
            if pixmap is None:
                continue  # still loading: the provider repaints us when it lands
            x = left + k * tile
            width = min(tile, math.ceil(rect.x1) - x)  # the last tile is cut at the clip's end
            painter.drawPixmap(x, top, pixmap, 0, 0, width, height)

    def _waveform(
        self, painter: QPainter, provider: ThumbnailProvider, view: ClipView, rect: ClipRect, body: QRectF
    ) -> None:
        media_id = view.clip.media_id or ""
        peaks = provider.waveform(media_id)
        interval = provider.waveform_interval(media_id)
        if not peaks or not interval:
            return
        pps = self.scale.px_per_second
        source_x = rect.x0 - view.source_start * pps / TICKS_PER_SECOND
        half = int(body.height() / 2 - 2)
        left, right = max(body.left(), 0.0), min(body.right(), self.width)
        painter.setPen(style.WAVEFORM_PEN)
        self.caches.waveforms.draw(
            painter, media_id, peaks, interval, pps, source_x, left, right, body.center().y(), half
        )

    def _fade_length_px(self, view: ClipView, rect: ClipRect) -> float:
        transition = view.clip.transition
        assert transition is not None
        length = view.fade if view.fade is not None else transition.duration
        return min(length * self.scale.px_per_second / TICKS_PER_SECOND, rect.width)

    def _fades(self, painter: QPainter, view: ClipView, rect: ClipRect) -> None:
        transition = view.clip.transition
        assert transition is not None
        px = self._fade_length_px(view, rect)
        top, bottom = rect.top + LABEL_HEIGHT, rect.bottom
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(style.FADE)
        if transition.in_ == "fade":
            painter.drawPolygon(
                QPolygonF([QPointF(rect.x0, top), QPointF(rect.x0 + px, top), QPointF(rect.x0, bottom)])
            )
        if transition.out == "fade":
            painter.drawPolygon(
                QPolygonF([QPointF(rect.x1, top), QPointF(rect.x1 - px, top), QPointF(rect.x1, bottom)])
            )

    def _fade_handles(self, painter: QPainter, view: ClipView, rect: ClipRect) -> None:
        """Round handles in the title bar where each fade ends; drag them to change the length."""
        transition = view.clip.transition
        assert transition is not None
        px = self._fade_length_px(view, rect)
        painter.setPen(style.HANDLE_PEN)
        painter.setBrush(style.HANDLE)
        y = rect.top + LABEL_HEIGHT / 2
        if transition.in_ == "fade":
            painter.drawEllipse(QPointF(rect.x0 + px, y), 4, 4)
        if transition.out == "fade":
            painter.drawEllipse(QPointF(rect.x1 - px, y), 4, 4)
