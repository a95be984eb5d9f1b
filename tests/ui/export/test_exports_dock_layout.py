"""Defect 5 of issue 14 (second half): at 1024x700 the Exports dock's row buttons are not clipped."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QRect
from pytestqt.qtbot import QtBot

from editor_app.model.project.files import ExportJobRecord, Project
from editor_app.ui.document import Document
from editor_app.ui.window.main_window import MainWindow


def test_at_1024x700_two_finished_exports_show_all_their_buttons(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    records = []
    for name in ("first cut.mp4", "a much longer export file name, final.mp4"):
        path = tmp_path / name
        path.write_bytes(b"\0" * 2048)
        records.append(ExportJobRecord(output_path=str(path), state="done", bytes_done=2048))
    window.session.set_document(Document(Project(name="exports", exports=records)))
    window.resize(1024, 700)
    window.exports.raise_()
    dock = window.exports
    qtbot.waitUntil(lambda: len(dock.rows) == 2 and dock.isVisible() and dock.width() > 0, timeout=3000)
    qtbot.wait(100)
    viewport = dock.scroll_area.viewport()
    seen = QRect(QPoint(0, 0), viewport.size())
    for row in dock.rows:
        for button in (row.cancel_button, row.retry_button, row.open_button, row.folder_button):
            corner = button.mapTo(viewport, QPoint(0, 0))
            box = QRect(corner, button.size())
            assert button.isVisible() and seen.contains(box), (button.text(), box, seen)
            assert button.width() >= button.sizeHint().width(), button.text()  # its text fits
    assert not dock.scroll_area.horizontalScrollBar().isVisible()
