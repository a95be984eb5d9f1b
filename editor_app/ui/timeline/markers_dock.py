"""The Markers dock: every marker with its timecode, name and colour; double-click jumps to it.

Names are edited in place and a marker is deleted with the button, each an undoable command
(`EditMarker`, `RemoveMarker`); the list follows the history after every change.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor_app.model.edits import EditMarker, RemoveMarker
from editor_app.model.errors import EditError
from editor_app.model.ticks import Ticks, format_timecode
from editor_app.model.undo import History

ID_ROLE = Qt.ItemDataRole.UserRole


class MarkersDock(QDockWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Markers", parent)
        self.setObjectName("MarkersDock")
        self.history: History | None = None
        self.jump: Callable[[Ticks], None] = lambda _t: None  # the window seeks the transport
        self.refused: Callable[[str], None] = lambda _m: None
        body = QWidget(self)
        self.table = QTableWidget(0, 2, body)
        self.table.setHorizontalHeaderLabels(["Time", "Name"])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.delete_button = QPushButton("Delete Marker", body)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.setWidget(body)
        self._filling = False
        self.table.cellDoubleClicked.connect(self._jump_to)
        self.table.itemChanged.connect(self._renamed)
        self.delete_button.clicked.connect(self._delete)

    def set_history(self, history: History) -> None:
        self.history = history
        self.refresh()

    def refresh(self) -> None:
        history = self.history
        markers = history.timeline.markers if history is not None else []
        fps = history.timeline.fps if history is not None else None
        self._filling = True
        try:
            self.table.setRowCount(len(markers))
            for row, marker in enumerate(sorted(markers, key=lambda m: m.time)):
                time = QTableWidgetItem(format_timecode(marker.time, fps))
                time.setFlags(time.flags() & ~Qt.ItemFlag.ItemIsEditable)
                time.setData(ID_ROLE, marker.id)
                time.setForeground(QColor(marker.color))
                name = QTableWidgetItem(marker.label)
                name.setData(ID_ROLE, marker.id)
                self.table.setItem(row, 0, time)
                self.table.setItem(row, 1, name)
        finally:
            self._filling = False
        self.delete_button.setEnabled(bool(markers))

    def _marker_time(self, marker_id: str) -> Ticks | None:
        if self.history is None:
            return None
        return next((m.time for m in self.history.timeline.markers if m.id == marker_id), None)

    def _jump_to(self, row: int, _column: int) -> None:
        item = self.table.item(row, 0)
        time = self._marker_time(str(item.data(ID_ROLE))) if item is not None else None
        if time is not None:
            self.jump(time)

    def _renamed(self, item: QTableWidgetItem) -> None:
        if self._filling or self.history is None or item.column() != 1:
            return
        self._push(EditMarker(str(item.data(ID_ROLE)), label=item.text()))

    def _delete(self) -> None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        if item is not None:
            self._push(RemoveMarker(str(item.data(ID_ROLE))))

    def _push(self, command: EditMarker | RemoveMarker) -> None:
        assert self.history is not None
        try:
            self.history.push(command)
        except EditError as exc:
            self.refused(str(exc))
            self.refresh()
