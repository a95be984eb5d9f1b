"""Dropping media from the bin (or files from the desktop) onto the canvas: the Qt side.

What a drop means (payload, clip, target, preview) is `logic/drops.py`. A bin item becomes one
undo step (`PlaceClip`: the clip, or a new track plus the clip; onto occupied time, `Place` in
the insert/overwrite mode of the toolbar toggle, Ctrl for the other). Files from the desktop are
handed on (`filesDropped`) to whoever can upload them first.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QDropEvent

from editor_app.model import EditError, MediaInfo
from editor_app.model.edits import Mode, Place, PlaceClip
from editor_app.model.undo import Command
from editor_app.ui.timeline.base import CanvasBase
from editor_app.ui.timeline.logic.drops import (
    MEDIA_MIME,
    DroppedMedia,
    drop_preview,
    drop_target,
    parse_media,
)


class CanvasDropping(CanvasBase):
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if mime.hasFormat(MEDIA_MIME) or mime.hasUrls():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        mime = event.mimeData()
        pos = event.position()
        self._mouse = pos
        self.drop_preview = None
        if mime.hasFormat(MEDIA_MIME):
            try:
                media = parse_media(bytes(mime.data(MEDIA_MIME).data()))
            except ValueError:
                event.ignore()
                return
            self.drop_preview = drop_preview(self.context(), media, pos.x(), pos.y(), self._drop_mode(event))
        event.acceptProposedAction()
        self.update()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self.drop_preview = None
        self.update()

    def dropEvent(self, event: QDropEvent) -> None:
        self.drop_preview = None
        mime = event.mimeData()
        pos = event.position()
        if mime.hasFormat(MEDIA_MIME):
            try:
                media = parse_media(bytes(mime.data(MEDIA_MIME).data()))
            except ValueError as exc:
                self.notify(str(exc))
                event.ignore()
                return
            if self.drop_media(media, pos.x(), pos.y(), self._drop_mode(event)):
                event.acceptProposedAction()
        elif mime.hasUrls():
            paths = [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
            if paths:
                row = self.layout_rows().row_at(pos.y())
                track_id = self.timeline.tracks[row.index].id if row is not None else None
                self.filesDropped.emit(paths, track_id, max(self.scale.ticks_at(pos.x()), 0))
                event.acceptProposedAction()
        self.update()

    def _drop_mode(self, event: QDragMoveEvent | QDropEvent) -> Mode:
        other = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        return "insert" if self.insert_mode != other else "overwrite"

    def drop_media(self, media: DroppedMedia, x: float, y: float, mode: Mode = "overwrite") -> bool:
        """Add a clip of `media` where (x, y) points, as one undo step; False when refused."""
        if media.id not in self.timeline.media:
            # metadata, not an edit: lets trims clamp at the source's end
            self.timeline.media[media.id] = MediaInfo(
                id=media.id,
                kind=media.kind,
                name=media.name,
                length=media.length,
            )
        track_id, clip = drop_target(self.context(), media, x, y)
        track = self.timeline.track(track_id) if track_id is not None else None
        command: Command = PlaceClip(clip, track_id)
        if track is not None and (mode == "insert" or track.overlapping(clip.start, clip.end) is not None):
            command = Place(
                mode, [(track.id, clip, clip.start)], "Insert Clip" if mode == "insert" else "Overwrite Clip"
            )
        try:
            self.history.push(command)
        except EditError as exc:
            self.notify(str(exc))
            return False
        self.set_selection([clip.id])
        self.mediaDropped.emit(media.id, self.timeline.track_of(clip.id).id, clip.start)
        return True
