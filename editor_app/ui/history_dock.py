"""The History dock: the undo list. Clicking a row goes back (or forward) to that state."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import QDockWidget, QListWidget, QListWidgetItem, QWidget

from editor_app.model.undo import History

INITIAL_LABEL = "Open Project"


class HistoryDock(QDockWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("History", parent)
        self.setObjectName("HistoryDock")
        self.list = QListWidget(self)
        self.list.setObjectName("HistoryList")
        self.list.itemClicked.connect(self._row_clicked)
        self.setWidget(self.list)
        self.history: History | None = None

    def set_history(self, history: History) -> None:
        self.history = history
        self.refresh()

    def refresh(self) -> None:
        """Rebuild the rows: row 0 is the state before any edit, row i is after entry i."""
        history = self.history
        self.list.clear()
        if history is None:
            return
        undone = QBrush(self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        labels = [INITIAL_LABEL, *history.entries()]
        for row, label in enumerate(labels):
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, row)
            if row > history.index:
                item.setForeground(undone)  # redo-able: still reachable by clicking
                font = item.font()
                font.setItalic(True)
                item.setFont(font)
            self.list.addItem(item)
        self.list.setCurrentRow(history.index)
        current = self.list.item(history.index)
        if current is not None:
            self.list.scrollToItem(current)

    def _row_clicked(self, item: QListWidgetItem) -> None:
        if self.history is None:
            return
        row = int(item.data(Qt.ItemDataRole.UserRole))
        if row != self.history.index:
            self.history.goto(row)  # the history's listener refreshes us
