"""The cue table: a caption clip's cues (start, end, text) edited in place.

Each edit hands the whole new cue list to `cuesEdited`; the Inspector turns it into one undoable
`src` change. A clip with `src: "auto"` has no cues of its own: the table says where they come from.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor_app.model.captions import Cue
from editor_app.ui.captions.cues import with_cue

COLUMNS = ("Start (s)", "End (s)", "Text")
NEW_CUE_TICKS = 2000
MAX_CUE_SECONDS = 24 * 3600.0  # the longest a timeline may be (docs/architecture.md, "Limits")


def _seconds(text: str) -> int:
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        raise ValueError(f"{text!r} is not a time in seconds") from None
    if not math.isfinite(value) or value > MAX_CUE_SECONDS:  # round() raised OverflowError on inf
        raise ValueError(f"{text!r} is not a time in seconds from 0 to {MAX_CUE_SECONDS:g}")
    if value < 0:
        raise ValueError("a cue cannot start before its clip")
    return round(value * 1000)


class CueTable(QWidget):
    cuesEdited = Signal(object)  # list[Cue]
    refused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cues: list[Cue] = []
        self._loading = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("CueTable")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setMinimumHeight(140)
        self.table.itemChanged.connect(self._edited)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("Add Cue", self)
        self.remove_button = QPushButton("Remove Cue", self)
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        layout.addWidget(self.note)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def set_cues(self, cues: list[Cue], auto: bool) -> None:
        self.cues = list(cues)
        self._loading = True
        try:
            self.table.setRowCount(len(cues))
            for row, cue in enumerate(cues):
                for column, value in enumerate(
                    (f"{cue.start / 1000:.3f}", f"{cue.end / 1000:.3f}", cue.text)
                ):
                    self.table.setItem(row, column, QTableWidgetItem(value))
        finally:
            self._loading = False
        self.note.setText(
            'Source "auto": the words of the transcript attached to the media under the clip '
            "(Timeline ▸ Attach Transcript to Media…)."
            if auto
            else ""
        )
        self.note.setVisible(auto)
        for widget in (self.table, self.add_button, self.remove_button):
            widget.setEnabled(not auto)

    def _edited(self, item: QTableWidgetItem) -> None:
        if self._loading or not 0 <= item.row() < len(self.cues):
            return
        row, column, text = item.row(), item.column(), item.text()
        try:
            if column == 0:
                cues = with_cue(self.cues, row, start=_seconds(text))
            elif column == 1:
                cues = with_cue(self.cues, row, end=_seconds(text))
            else:
                if not text.strip():
                    raise ValueError("a cue needs text (remove it instead)")
                cues = with_cue(self.cues, row, text=text.replace("\\n", "\n"))
        except ValueError as exc:
            self.refused.emit(str(exc))
            self.set_cues(self.cues, auto=False)
            return
        self.cuesEdited.emit(cues)

    def _add(self) -> None:
        start = max((c.end for c in self.cues), default=0)
        self.cuesEdited.emit([*self.cues, Cue(start, start + NEW_CUE_TICKS, "New caption")])

    def _remove(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.cues) and len(self.cues) > 1:
            self.cuesEdited.emit([c for i, c in enumerate(self.cues) if i != row])
        elif len(self.cues) <= 1:
            self.refused.emit("a caption clip keeps at least one cue (delete the clip instead)")
