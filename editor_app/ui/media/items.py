"""What the Media Bin shows and drags: kinds, metadata, icons, and the list widget itself.

Items drag out as `application/x-videodb-media` JSON `{"id","kind","name","length"}` (length in
seconds, the canvas' own format via `media_mime_data`); files dropped from the desktop come in
as `filesDropped`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QIcon, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from editor_app.model import MediaInfo, to_ticks
from editor_app.ui.timeline.logic.drops import MEDIA_MIME, media_mime_data
from editor_app.wire import MediaItem, MediaKind

KIND_COLORS = {"video": "#3d7bd9", "audio": "#3a9d5d", "image": "#8a5cc7"}
ICON_SIZE = QSize(96, 54)
AUDIO_SUFFIXES = {".mp3", ".wav", ".m4a", ".aac", ".flac", ".ogg", ".opus"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".bmp", ".gif"}


def media_kind_of(path: Path) -> MediaKind:
    suffix = path.suffix.lower()
    if suffix in AUDIO_SUFFIXES:
        return "audio"
    if suffix in IMAGE_SUFFIXES:
        return "image"
    return "video"


def media_info_from_item(item: MediaItem, original_path: str | None = None) -> MediaInfo:
    kind = item.kind
    return MediaInfo(
        id=item.id,
        kind=kind,
        name=item.name,
        length=None if kind == "image" else to_ticks(item.length),
        width=item.width,
        height=item.height,
        fps=item.fps,
        has_audio=bool(item.has_audio),
        original_path=original_path,
    )


def placeholder_icon(kind: str) -> QIcon:
    pixmap = QPixmap(ICON_SIZE)
    pixmap.fill(QColor(KIND_COLORS.get(kind, "#666666")).darker(160))
    painter = QPainter(pixmap)
    painter.setPen(QColor("#e6e6e6"))
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, kind.upper())
    painter.end()
    return QIcon(pixmap)


def waveform_icon(peaks: Sequence[float]) -> QImage:
    """Peaks drawn as mirrored bars on the audio colour, the size of a thumbnail."""
    image = QImage(ICON_SIZE, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(KIND_COLORS["audio"]).darker(170))
    painter = QPainter(image)
    painter.setPen(QColor("#b8f0c8"))
    width, middle = image.width(), image.height() / 2
    for x in range(width):
        if peaks:
            start = x * len(peaks) // width
            end = max(start + 1, (x + 1) * len(peaks) // width)
            level = max(peaks[start:end])
            half = max(1.0, min(level, 1.0) * (middle - 3))
            painter.drawLine(x, round(middle - half), x, round(middle + half))
    painter.end()
    return image


class MediaList(QListWidget):
    """The list itself: drags items out as MEDIA_MIME, accepts files dropped from the desktop."""

    filesDropped = Signal(list)  # list[str] of local paths

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MediaList")
        self.setIconSize(ICON_SIZE)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDragDropMode(QListWidget.DragDropMode.DragDrop)
        self.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.setUniformItemSizes(True)
        self.setSpacing(2)

    def mimeTypes(self) -> list[str]:
        return [MEDIA_MIME, "text/uri-list"]

    def mimeData(self, items: Sequence[QListWidgetItem]) -> QMimeData:
        data = QMimeData()
        payloads = [item.data(Qt.ItemDataRole.UserRole) for item in items]
        payloads = [p for p in payloads if isinstance(p, dict)]
        if payloads:
            # one item is the documented shape; several travel as a list
            if len(payloads) == 1:
                p = payloads[0]
                body = media_mime_data(p["id"], p["kind"], p["name"], p["length"])
            else:
                body = json.dumps(payloads).encode()
            data.setData(MEDIA_MIME, body)
            data.setText(", ".join(str(p["name"]) for p in payloads))
        return data

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragEnterEvent) -> None:  # type: ignore[override]
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            event.ignore()  # our own items are not reordered

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.filesDropped.emit(paths)
        else:
            event.ignore()
