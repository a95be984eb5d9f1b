"""Keeps the document's media metadata in step with the backend's media, and relinks.

What the bin lists or uploads becomes known to the timeline (lengths for clamping; not an
undoable edit). A source the backend lacks is uploaded again from its original file while the
document has no undo history (older steps may hold clips of the old ids); see `relink.py`.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from editor_app.model import MediaInfo
from editor_app.ui.media.bin import MediaBin
from editor_app.ui.media.relink import apply_relink, missing_media, upload_missing
from editor_app.ui.session import Session
from editor_app.wire import MediaItem


class MediaSync(QObject):
    mediaChanged = Signal()  # the timeline's media metadata changed: the canvas repaints

    def __init__(self, session: Session, media_bin: MediaBin, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.media_bin = media_bin
        self._relinking: set[str] = set()
        media_bin.mediaListed.connect(self.media_known)
        media_bin.mediaListed.connect(self.relink_missing)
        media_bin.mediaUploaded.connect(lambda info: self.media_known([info]))

    def media_known(self, infos: list[MediaInfo]) -> None:
        media = self.session.document.timeline.media
        for info in infos:
            previous = media.get(info.id)
            if previous is not None and previous.original_path and not info.original_path:
                info = info.model_copy(update={"original_path": previous.original_path})
            media[info.id] = info
        self.mediaChanged.emit()

    def relink_missing(self, listed: list[MediaInfo]) -> None:
        """Re-upload sources this backend lacks from their original files."""
        session = self.session
        document, client = session.document, session.client
        if client is None or document.history.entries():
            return
        known = {m.id for m in listed}
        missing = [m for m in missing_media(document.timeline, known) if m.id not in self._relinking]
        if not missing:
            return
        self._relinking.update(m.id for m in missing)

        def done(mapping: dict[str, MediaItem]) -> None:
            self._relinking.difference_update(mapping)
            if document is not session.document or document.history.entries():
                return
            changed = apply_relink(document.timeline, mapping)
            document.recovered = True  # ids changed outside the history: unsaved
            session.touch()
            self.media_bin.refresh()
            session.prompts.status(f"Re-uploaded {len(mapping)} missing media ({changed} clips)", 8000)

        def failed(exc: BaseException) -> None:
            self._relinking.difference_update(m.id for m in missing)
            self.media_bin.show_error(f"Could not re-upload missing media: {exc}")

        session.runner.run(
            lambda report: upload_missing(client, missing, progress=report),
            on_done=done,
            on_error=failed,
            on_progress=lambda text: session.prompts.status(f"Relinking: {text}…"),
            name="relink media",
        )
