"""The preview's time line before any compile: the timeline's position and length, not zeros."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from editor_app.model.project.files import Project
from editor_app.ui.document import Document
from editor_app.ui.window.main_window import MainWindow
from tests.support.demo_timeline import build_demo_timeline


def test_before_a_compile_the_preview_shows_the_timelines_length(qtbot: QtBot, window: MainWindow) -> None:
    window.session.set_document(Document(Project(name="demo", timeline=build_demo_timeline())))  # 9 s long
    window.transport.seek(2500)
    controls = window.preview.player.controls
    qtbot.waitUntil(lambda: controls.time.text() == "00:00:02.500 / 00:00:09.000", timeout=3000)
    assert controls.seek.maximum() == 9000 and controls.seek.value() == 2500
