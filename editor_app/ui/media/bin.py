"""The Media Bin dock: the backend's videos, audios and images, imports, and drags onto the canvas.

All network work (listing, thumbnails, uploads) runs on the window's TaskRunner; the bin only
shows results. Errors stay in place as a banner above the list. The list, its icons and its
drag format are in `items.py`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from editor_app.api.cancel import CancelToken
from editor_app.api.client import VideoDBClient
from editor_app.model import MediaInfo, format_timecode, to_ticks
from editor_app.ui.media.items import (
    ICON_SIZE,
    MediaList,
    media_info_from_item,
    media_kind_of,
    placeholder_icon,
    waveform_icon,
)
from editor_app.ui.media.upload_panel import UploadPanel, UploadRow
from editor_app.ui.workers import Report, TaskRunner
from editor_app.wire import MediaItem

log = logging.getLogger(__name__)

MEDIA_FILTER = (
    "Media (*.mp4 *.mov *.mkv *.webm *.avi *.m4v *.mp3 *.wav *.m4a *.aac *.flac *.ogg *.opus "
    "*.png *.jpg *.jpeg *.webp *.bmp *.gif);;All files (*)"
)


class MediaBin(QDockWidget):
    mediaListed = Signal(list)  # list[MediaInfo]: everything the backend has, after a refresh
    mediaUploaded = Signal(object)  # MediaInfo of a finished upload
    addTitleRequested = Signal()
    uploadsChanged = Signal(int)  # uploads in flight

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__("Media Bin", parent)
        self.setObjectName("MediaBinDock")
        self.runner = runner
        self.client: VideoDBClient | None = None
        self.items: dict[str, MediaItem] = {}
        self.refreshing = False
        self.thumbnails_pending = 0
        self._uploads: dict[UploadRow, CancelToken] = {}
        self._generation = 0  # results of a refresh started before the latest are dropped

        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        bar = QHBoxLayout()
        self.import_button = self._tool_button("Import…", "Import local media files", self.choose_files)
        self.refresh_button = self._tool_button("Refresh", "List the backend's media again", self.refresh)
        self.title_button = self._tool_button(
            "+ Title", "Add a text (title) clip at the playhead", self.addTitleRequested.emit
        )
        self.filter_edit = QLineEdit(body)
        self.filter_edit.setPlaceholderText("Filter…")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._apply_filter)
        for widget in (self.import_button, self.refresh_button, self.title_button):
            bar.addWidget(widget)
        bar.addWidget(self.filter_edit, 1)
        layout.addLayout(bar)
        self.error_label = QLabel(body)
        self.error_label.setObjectName("MediaBinError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(
            "QLabel { background: #5c1f1f; color: #ffd9d9; padding: 4px; border-radius: 3px; }"
        )
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.setVisible(False)
        layout.addWidget(self.error_label)
        self.status_label = QLabel("Not connected", body)
        self.status_label.setObjectName("MediaBinStatus")
        layout.addWidget(self.status_label)
        self.list = MediaList(body)
        self.list.filesDropped.connect(self.upload_files)
        layout.addWidget(self.list, 1)
        self.uploads = UploadPanel(body)
        layout.addWidget(self.uploads)
        self.setWidget(body)
        self.setAcceptDrops(True)

    def _tool_button(self, text: str, tip: str, slot: object) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    # ---- connection and listing -----------------------------------------------------------
    def set_client(self, client: VideoDBClient | None) -> None:
        self.client = client
        self.status_label.setText("Connected" if client is not None else "Not connected")
        if client is not None:
            self.refresh()

    def refresh(self) -> None:
        client = self.client
        if client is None:
            self.show_error("No backend connected yet.")
            return
        self._generation += 1
        generation = self._generation
        self.refreshing = True
        self.status_label.setText("Loading media…")

        def work(_report: Report) -> list[MediaItem]:
            items: list[MediaItem] = []
            for kind in ("video", "audio", "image"):
                items.extend(client.list_media(kind))
            return items

        self.runner.run(
            work,
            on_done=lambda items: self._listed(generation, items),
            on_error=lambda exc: self._list_failed(generation, exc),
            name="list media",
            owner=self,
        )

    def _listed(self, generation: int, items: list[MediaItem]) -> None:
        if generation != self._generation:
            return
        self.refreshing = False
        self.clear_error()
        self.items = {item.id: item for item in items}
        self.list.clear()
        for item in sorted(items, key=lambda i: (i.kind, i.name.lower())):
            self._add_row(item)
        self._apply_filter(self.filter_edit.text())
        self.mediaListed.emit([media_info_from_item(i) for i in items])

    def _list_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self.refreshing = False
        self.status_label.setText("Could not list media")
        self.show_error(f"Could not list the backend's media: {exc}")

    def _add_row(self, media: MediaItem) -> QListWidgetItem:
        length = "" if media.kind == "image" else f"\n{format_timecode(to_ticks(media.length))}"
        row = QListWidgetItem(placeholder_icon(media.kind), f"{media.name or media.id}{length}")
        row.setToolTip(f"{media.kind} {media.id}\n{media.width or '?'} x {media.height or '?'}")
        row.setData(
            Qt.ItemDataRole.UserRole,
            {"id": media.id, "kind": media.kind, "name": media.name or media.id, "length": media.length},
        )
        self.list.addItem(row)
        thumb_url = media.thumbnail_url or (media.url if media.kind == "image" else None)
        if thumb_url:
            self._load_thumbnail(media.id, thumb_url)
        elif media.kind == "audio":
            self._load_waveform_icon(media.id)
        return row

    def _load_waveform_icon(self, media_id: str) -> None:
        client = self.client
        if client is not None:
            # QImage painting is thread-safe: the icon is drawn on the worker
            self._load_icon(media_id, "waveform", lambda: waveform_icon(client.waveform(media_id).peaks))

    def _load_thumbnail(self, media_id: str, url: str) -> None:
        client = self.client
        if client is None:
            return

        def load() -> QImage:
            image = QImage()
            if not image.loadFromData(client.fetch_bytes(url)):
                raise ValueError(f"thumbnail of {media_id} is not an image")
            return image.scaled(
                ICON_SIZE, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )

        self._load_icon(media_id, "thumbnail", load)

    def _load_icon(self, media_id: str, what: str, load: Callable[[], QImage]) -> None:
        """Make a row's icon on a worker; `thumbnails_pending` counts the ones on their way."""
        self.thumbnails_pending += 1

        def done(image: QImage) -> None:
            self.thumbnails_pending -= 1
            row = self.row_for(media_id)
            if row is not None:
                row.setIcon(QIcon(QPixmap.fromImage(image)))

        def failed(exc: BaseException) -> None:
            self.thumbnails_pending -= 1
            log.info("no %s for %s: %s", what, media_id, exc)

        self.runner.run(
            lambda _r: load(), on_done=done, on_error=failed, name=f"{what} {media_id}", owner=self
        )

    def row_for(self, media_id: str) -> QListWidgetItem | None:
        for index in range(self.list.count()):
            row = self.list.item(index)
            data = row.data(Qt.ItemDataRole.UserRole)
            if isinstance(data, dict) and data.get("id") == media_id:
                return row
        return None

    def _apply_filter(self, text: str) -> None:
        """Hide the rows the filter leaves out and say how many there are (and how many show)."""
        needle = text.strip().lower()
        shown = 0
        for index in range(self.list.count()):
            row = self.list.item(index)
            hidden = bool(needle) and needle not in row.text().lower()
            row.setHidden(hidden)
            shown += not hidden
        total = self.list.count()
        count = f"{total} media item{'s' if total != 1 else ''}"
        self.status_label.setText(f"{shown} of {count}" if needle else count)

    # ---- errors ---------------------------------------------------------------------------
    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(True)

    def clear_error(self) -> None:
        self.error_label.clear()
        self.error_label.setVisible(False)

    # ---- uploads --------------------------------------------------------------------------
    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Import Media", "", MEDIA_FILTER)
        if paths:
            self.upload_files(paths)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.upload_files(paths)

    def upload_files(
        self, paths: Sequence[str], on_uploaded: Callable[[MediaInfo], None] | None = None
    ) -> None:
        """Upload each file; `on_uploaded` is called with each one's MediaInfo once it is in."""
        client = self.client
        if client is None:
            self.show_error("Cannot import yet: no backend connected.")
            return
        for raw in paths:
            path = Path(raw)
            if not path.is_file():
                self.show_error(f"Not a file: {path}")
                continue
            self._start_upload(client, path, on_uploaded)

    def _start_upload(
        self, client: VideoDBClient, path: Path, on_uploaded: Callable[[MediaInfo], None] | None
    ) -> None:
        token = CancelToken()
        row = self.uploads.add(path.name, token.cancel)
        self._uploads[row] = token
        self.uploadsChanged.emit(len(self._uploads))
        kind = media_kind_of(path)

        def work(report: Report) -> MediaItem:
            return client.upload(
                path,
                media_type=kind,
                name=path.stem,
                progress=lambda done, total: report((done, total)),
                cancel=token,
            )

        def progressed(value: tuple[int, int]) -> None:
            done, total = value
            if total and done >= total:
                row.set_processing()
            else:
                row.set_progress(done, total)

        self.runner.run(
            work,
            on_done=lambda item: self._uploaded(row, path, item, on_uploaded),
            on_error=lambda exc: self._upload_failed(row, path, exc),
            on_progress=progressed,
            name=f"upload {path.name}",
            owner=self,
        )

    def _finish_upload(self, row: UploadRow) -> None:
        self._uploads.pop(row, None)
        self.uploads.remove(row)
        self.uploadsChanged.emit(len(self._uploads))

    def _uploaded(
        self, row: UploadRow, path: Path, item: MediaItem, on_uploaded: Callable[[MediaInfo], None] | None
    ) -> None:
        self._finish_upload(row)
        self.items[item.id] = item
        if self.row_for(item.id) is None:
            self._add_row(item)
        self._apply_filter(self.filter_edit.text())  # a new item under a filter hides like the rest
        info = media_info_from_item(item, original_path=str(path))
        self.mediaUploaded.emit(info)
        if on_uploaded is not None:
            on_uploaded(info)

    def _upload_failed(self, row: UploadRow, path: Path, exc: BaseException) -> None:
        cancelled = self._uploads.get(row)
        self._finish_upload(row)
        if cancelled is not None and cancelled.cancelled:
            self.status_label.setText(f"Upload of {path.name} cancelled")
        else:
            self.show_error(f"Could not import {path.name}: {exc}")

    def cancel_uploads(self) -> None:
        for token in self._uploads.values():
            token.cancel()

    @property
    def uploads_in_flight(self) -> int:
        return len(self._uploads)
