"""The Exports dock: one row per export of the open project, newest first (see `ui/export/`)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from editor_app.ui.export.job import ExportJob
from editor_app.ui.export.manager import ExportManager
from editor_app.ui.export.panel import ExportRow
from editor_app.ui.workers import TaskRunner


class ExportsDock(QDockWidget):
    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__("Exports", parent)
        self.setObjectName("ExportsDock")
        self.manager = ExportManager(runner, self)
        # everything scrolls, so the dock can be as narrow as its tab neighbours
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.rows_widget = QWidget(self.scroll_area)
        self.rows_layout = QVBoxLayout(self.rows_widget)
        self.rows_layout.setContentsMargins(2, 2, 2, 2)
        header = QHBoxLayout()
        self.empty_label = QLabel("No exports yet: File > Export Video…", self.rows_widget)
        self.empty_label.setWordWrap(True)
        self.clear_button = QPushButton("Clear Finished", self.rows_widget)
        self.clear_button.clicked.connect(self.manager.clear_finished)
        header.addWidget(self.empty_label, 1)
        header.addWidget(self.clear_button)
        self.rows_layout.addLayout(header)
        self.rows_layout.addStretch(1)
        self.scroll_area.setWidget(self.rows_widget)
        self.setWidget(self.scroll_area)
        # the status bar's summary of the exports in flight
        self.summary_label = QLabel("", self)
        self.summary_label.setObjectName("ExportsStatus")
        self.rows: list[ExportRow] = []
        self.manager.jobAdded.connect(self._add_row)
        self.manager.jobRemoved.connect(self._remove_row)
        self.manager.summaryChanged.connect(self.summary_label.setText)

    def row_of(self, job: ExportJob) -> ExportRow | None:
        return next((row for row in self.rows if row.job is job), None)

    def _add_row(self, job: ExportJob) -> None:
        row = ExportRow(job, self.rows_widget)
        self.rows.insert(0, row)
        self.rows_layout.insertWidget(1, row)  # under the header, newest first
        self.empty_label.setVisible(False)

    def _remove_row(self, job: ExportJob) -> None:
        row = self.row_of(job)
        if row is not None:
            self.rows.remove(row)
            self.rows_layout.removeWidget(row)
            row.deleteLater()
        self.empty_label.setVisible(not self.rows)
