"""The context every part of a window works in: the open document, the backend client, the task
runner and the prompts that ask and tell the user.

Parts receive the `Session` in their constructor instead of finding the window's attributes, and
follow it through its signals: `documentChanged` when another document is shown,
`clientChanged` when the backend (re)connects, `changed` when the document changed (an edit,
undo or redo, or its saved state: title, modified mark and live preview follow it).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from editor_app.api.client import VideoDBClient
from editor_app.ui.document import Document
from editor_app.ui.prompts import Prompts
from editor_app.ui.workers import TaskRunner


class Session(QObject):
    documentChanged = Signal(object)  # Document
    clientChanged = Signal(object)  # VideoDBClient | None
    changed = Signal()  # the current document changed, its content or its saved state

    def __init__(
        self, document: Document, runner: TaskRunner, prompts: Prompts, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.prompts = prompts
        self.client: VideoDBClient | None = None
        self.document = document
        self._listener: Callable[[], None] = functools.partial(self._history_changed, document)
        document.history.add_listener(self._listener)

    def set_document(self, document: Document) -> None:
        """Show `document` instead of the current one (whose history is no longer followed)."""
        self.document.history.remove_listener(self._listener)
        self.document = document
        self._listener = functools.partial(self._history_changed, document)
        document.history.add_listener(self._listener)
        self.documentChanged.emit(document)
        self.changed.emit()

    def set_client(self, client: VideoDBClient | None) -> None:
        self.client = client
        self.clientChanged.emit(client)

    def touch(self) -> None:
        """The document changed outside its history (saved, recovered, relinked): say so."""
        self.changed.emit()

    def timeline_body(self) -> dict[str, Any] | None:
        """The timeline as editor JSON, or None while it holds no clip (nothing to compile)."""
        timeline = self.document.timeline
        if not timeline.clip_count:
            return None
        body: dict[str, Any] = timeline.to_editor_json()
        return body

    def _history_changed(self, document: Document) -> None:
        if document is self.document:  # not a listener of a document already closed
            self.changed.emit()
