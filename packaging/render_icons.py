"""Render resources/videodb-editor.svg to the PNG sizes desktops ask for (and a Windows .ico).

Run from the repository root: `.venv/bin/python packaging/render_icons.py`. Uses Qt's own SVG
renderer (QtSvg ships with PySide6-Essentials), so no extra tool is needed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
SOURCE = RESOURCES / "videodb-editor.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    QGuiApplication.instance() or QGuiApplication(["render_icons", "-platform", "offscreen"])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"render_icons: cannot read {SOURCE}", file=sys.stderr)
        return 1
    folder = RESOURCES / "icons"
    folder.mkdir(exist_ok=True)
    for size in SIZES:
        target = folder / f"videodb-editor-{size}.png"
        if not render(renderer, size).save(str(target)):
            print(f"render_icons: cannot write {target}", file=sys.stderr)
            return 1
    render(renderer, 256).save(str(RESOURCES / "videodb-editor.png"))
    print(f"render_icons: {len(SIZES)} sizes in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
