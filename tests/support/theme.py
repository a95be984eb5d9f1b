"""Reading what a theme paints, for the theme-switch tests: luminance, how far an icon's strokes
stand from their background, and the application's look put back after a test."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QToolButton


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


def ink_luminance(image: QImage) -> float:
    """The luminance of the icon's most opaque pixel (its strokes)."""
    best = max(
        (image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())),
        key=lambda colour: colour.alpha(),
    )
    return luminance(best)


@contextmanager
def look_restored() -> Iterator[QApplication]:
    """The application, whose style and palette are put back afterwards (the next tests see the
    look they started with)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    style, palette = app.style().name(), app.palette()
    try:
        yield app
    finally:
        app.setStyle(style)
        app.setPalette(palette)
