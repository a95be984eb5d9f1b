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
        self.list.setUniformItemSizes(True)  # keeps scrolling to a row cheap in a long history
        self.list.itemClicked.connect(self._row_clicked)
        self.setWidget(self.list)
        self.history: History | None = None
        self._labels: list[str] = []
        self._index = 0
        palette = self.palette()
        self._undone_brush = QBrush(palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        self._done_brush = QBrush(palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Text))

    def set_history(self, history: History) -> None:
        self.history = history
        self.list.clear()
        self._labels, self._index = [], 0
        self.refresh()

    def refresh(self) -> None:
        """Bring the rows up to date: row 0 is the state before any edit, row i is after entry i.

        Incremental, because it runs after every change (each step of a slider drag): only rows
        whose label or undone-ness changed are touched, not all of a 1000-step history.
        """
        history = self.history
        if history is None:
            self.list.clear()
            self._labels = []
            return
        labels = [INITIAL_LABEL, *history.descriptions()]
        old = self._labels
        # (identical lists need nothing: a shift of equal labels looks the same on screen)
        shifted = old != labels and len(old) > 2 and old[2:] == labels[1 : len(old) - 1]
        if shifted:
            self.list.takeItem(1)  # the oldest step fell off the bounded history
            old = [old[0], *old[2:]]
        keep = 0
        while keep < min(len(old), len(labels)) and old[keep] == labels[keep]:
            keep += 1
        while self.list.count() > keep:
            self.list.takeItem(self.list.count() - 1)
        for row in range(keep, len(labels)):
            item = QListWidgetItem(labels[row])
            item.setData(Qt.ItemDataRole.UserRole, row)
            self.list.addItem(item)
        if shifted:  # every row moved up by one
            for row in range(1, keep):
                self.list.item(row).setData(Qt.ItemDataRole.UserRole, row)
        self._labels = labels
        low, high = sorted((self._index, history.index))
        for row in {*range(low, high + 1), *range(keep, len(labels))}:
            if row < self.list.count():
                self._style(self.list.item(row), undone=row > history.index)
        moved = history.index != self._index or keep < len(labels)
        self._index = history.index
        if moved:
            self.list.setCurrentRow(history.index)
            current = self.list.item(history.index)
            if current is not None:
                self.list.scrollToItem(current)

    def _style(self, item: QListWidgetItem, undone: bool) -> None:
        """Undone steps are grey and italic: still reachable by clicking (redo)."""
        item.setForeground(self._undone_brush if undone else self._done_brush)
        font = item.font()
        font.setItalic(undone)
        item.setFont(font)

    def _row_clicked(self, item: QListWidgetItem) -> None:
        if self.history is None:
            return
        row = int(item.data(Qt.ItemDataRole.UserRole))
        if row != self.history.index:
            self.history.goto(row)  # the history's listener refreshes us
