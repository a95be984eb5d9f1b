"""Snapping is suspended while Shift (or Alt) is held during a drag; Shift on the press still adds to
the selection; Help > Keyboard Shortcuts lists both."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from editor_app.model.undo import History
from editor_app.ui.commands.shortcuts import ShortcutMap
from editor_app.ui.preferences.dialog import show_shortcuts
from editor_app.ui.window.main_window import ALL_COMMANDS
from tests.support.canvas import LEFT, NO_MODS, body_y, click, move, open_view, x_at

SHIFT = Qt.KeyboardModifier.ShiftModifier


def _drag_holding(
    canvas: QWidget, x0: int, x1: int, y: int, press: Qt.KeyboardModifier, held: Qt.KeyboardModifier
) -> None:
    QTest.mousePress(canvas, LEFT, press, QPoint(x0, y))
    for i in range(1, 7):
        move(canvas, x0 + (x1 - x0) * i // 6, y, held)
    QTest.mouseRelease(canvas, LEFT, held, QPoint(x1, y))


def test_shift_held_during_a_drag_suspends_snapping(qtbot: QtBot, history: History) -> None:
    view = open_view(qtbot, history)
    canvas = view.canvas
    y = body_y(canvas, "v2")
    # "logo" [1 s, 3 s) moved by +0.9 s ends 100 ms before "beach"'s end (4 s): it snaps there...
    _drag_holding(canvas, x_at(canvas, 2000), x_at(canvas, 2900), y, NO_MODS, NO_MODS)
    assert history.timeline.clip("logo").start == 2000
    history.undo()
    # ...unless Shift is pressed once the drag is under way
    canvas.set_selection([])
    _drag_holding(canvas, x_at(canvas, 2000), x_at(canvas, 2900), y, NO_MODS, SHIFT)
    assert history.timeline.clip("logo").start == 1900
    history.undo()
    _drag_holding(canvas, x_at(canvas, 2000), x_at(canvas, 2900), y, NO_MODS, Qt.KeyboardModifier.AltModifier)
    assert history.timeline.clip("logo").start == 1900


def test_shift_on_the_press_still_adds_to_the_selection(qtbot: QtBot, history: History) -> None:
    view = open_view(qtbot, history)
    canvas = view.canvas
    click(canvas, x_at(canvas, 2000), body_y(canvas, "v1"))
    click(canvas, x_at(canvas, 2000), body_y(canvas, "v2"), SHIFT)
    assert canvas.selected_clip_ids() == ["beach", "logo"]
    # a Shift-press that turns into a drag moves the whole selection, without snapping
    _drag_holding(canvas, x_at(canvas, 6000), x_at(canvas, 6000 + 900), body_y(canvas, "v1"), SHIFT, SHIFT)
    assert canvas.selected_clip_ids() == ["beach", "logo", "city"]
    # snapping would pull "beach"'s end (4.9 s) onto the title's start (5 s); Shift keeps +0.9 s exactly
    starts = [history.timeline.clip(c).start for c in ("beach", "logo", "city")]
    assert starts == [900, 1900, 4900]


def test_keyboard_shortcuts_dialog_lists_the_snap_modifiers(qtbot: QtBot, tmp_path: Path) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[str] = []

    def read_and_close() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible())
        seen.extend(label.text() for label in dialog.findChildren(QLabel))
        dialog.reject()

    QTimer.singleShot(0, read_and_close)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    show_shortcuts(ShortcutMap(settings, ALL_COMMANDS), parent)
    text = " ".join(seen)
    assert "Hold Shift (or Alt) while dragging" in text and "Suspend snapping" in text
