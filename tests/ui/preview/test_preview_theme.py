"""Defect 6 of issue 14: the preview's buttons and timecode follow a theme switched at run time."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QToolButton
from pytestqt.qtbot import QtBot

from editor_app.ui.theme import apply_theme
from editor_app.ui.window.main_window import MainWindow


def luminance(colour: QColor) -> float:
    return 0.2126 * colour.redF() + 0.7152 * colour.greenF() + 0.0722 * colour.blueF()


def icon_contrast(button: QToolButton) -> float:
    """The largest luminance distance of an icon pixel from the button's own background."""
    image = button.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    background = luminance(image.pixelColor(1, 1))
    return max(
        abs(luminance(image.pixelColor(x, y)) - background)
        for x in range(image.width())
        for y in range(image.height())
    )


@pytest.fixture
def app_theme() -> Iterator[QApplication]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    style, palette = app.style().name(), app.palette()
    yield app
    app.setStyle(style)  # the next tests see the look they started with
    app.setPalette(palette)


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
