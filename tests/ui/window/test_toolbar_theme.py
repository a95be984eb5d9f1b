"""Defect 6 of issue 14, the toolbar's part: its painted icons follow a theme switched at run time."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from editor_app.ui.theme import apply_theme
from editor_app.ui.window.main_window import MainWindow
from tests.support.theme import ink_luminance, look_restored, luminance


@pytest.fixture
def app_theme() -> Iterator[QApplication]:
    with look_restored() as app:
        yield app


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_after_a_theme_switch_the_toolbar_icons_stand_out(
    qtbot: QtBot, window: MainWindow, app_theme: QApplication, theme: str
) -> None:
    apply_theme(app_theme, "light" if theme == "dark" else "dark")
    qtbot.wait(50)
    apply_theme(app_theme, theme)
    qtbot.wait(50)
    background = luminance(window.menu_actions.toolbar.palette().color(QPalette.ColorRole.Window))
    for command_id in ("edit.split", "transport.play_pause", "edit.undo", "timeline.insert_mode"):
        image = window.menu_actions[command_id].icon().pixmap(32, 32).toImage()
        assert abs(ink_luminance(image) - background) > 0.4, command_id
