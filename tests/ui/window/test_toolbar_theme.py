"""Defect 6 of issue 14, the toolbar's part: its painted icons follow a theme switched at run time."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from editor_app.ui.theme import apply_theme
from editor_app.ui.window.main_window import MainWindow


def luminance(colour: QColor) -> float:
    return 0.2126 * colour.redF() + 0.7152 * colour.greenF() + 0.0722 * colour.blueF()


def ink_luminance(image: QImage) -> float:
    """The luminance of the icon's most opaque pixel (its strokes)."""
    best = max(
        (image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())),
        key=lambda colour: colour.alpha(),
    )
    return luminance(best)


@pytest.fixture
def app_theme() -> Iterator[QApplication]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    style, palette = app.style().name(), app.palette()
    yield app
    app.setStyle(style)  # the next tests see the look they started with
    app.setPalette(palette)


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
