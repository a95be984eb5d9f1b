"""Defect 6 of issue 14: the preview's buttons and timecode follow a theme switched at run time."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from editor_app.ui.theme import apply_theme
from editor_app.ui.window.main_window import MainWindow
from tests.support.theme import icon_contrast, look_restored


@pytest.fixture
def app_theme() -> Iterator[QApplication]:
    with look_restored() as app:
        yield app


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_after_a_theme_switch_the_preview_buttons_and_timecode_read(
    qtbot: QtBot, window: MainWindow, app_theme: QApplication, theme: str
) -> None:
    apply_theme(app_theme, "light" if theme == "dark" else "dark")
    qtbot.wait(50)
    apply_theme(app_theme, theme)
    qtbot.wait(50)
    controls = window.preview.player.controls
    for button in (controls.play, controls.stop, controls.back_frame, controls.next_frame, controls.mute):
        assert icon_contrast(button) > 0.4, button.objectName()
    ink = app_theme.palette().color(QPalette.ColorRole.WindowText)
    assert controls.time.palette().color(QPalette.ColorRole.WindowText) == ink
