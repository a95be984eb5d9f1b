"""Issue 14 in the Inspector: mixed values with several clips selected (defect 3), Ctrl+Z from a
field undoes the history (defect 2), the frame rate field, and no "Timeline" twice (defect 8)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from editor_app.model.edits import SetClipProperty
from editor_app.ui.window.main_window import MainWindow
from tests.support.demo_timeline import build_demo_timeline
from tests.support.export_window import show_timeline
from tests.support.inspector import make_inspector


def test_several_clips_show_which_values_differ(qtbot: QtBot) -> None:
    inspector, history = make_inspector(qtbot)
    inspector.show()
    history.push(SetClipProperty(["v2"], "scale", 2.0))
    inspector.set_selection(["v1", "v2"])
    labels = {
        inspector.picture.form.labelForField(w).text()
        for w in (inspector.picture.scale, inspector.picture.opacity)
    }  # type: ignore[union-attr]
    assert labels == {"Scale — mixed", "Opacity"}
    inspector.set_selection(["v2"])
    assert inspector.picture.form.labelForField(inspector.picture.scale).text() == "Scale"  # type: ignore[union-attr]


def test_the_empty_inspector_names_the_timeline_once_and_sets_the_frame_rate(qtbot: QtBot) -> None:
    inspector, history = make_inspector(qtbot)
    inspector.show()
    assert inspector.title.text() == "No clip selected"
    fps = inspector.timeline_settings.fps
    assert fps.currentData() == 30.0
    fps.setCurrentIndex(fps.findData(25.0))
    fps.activated.emit(fps.currentIndex())
    assert history.timeline.fps == 25.0 and history.undo_label == "Set Frame Rate"


def test_ctrl_z_in_an_inspector_field_undoes_the_edit(qtbot: QtBot, window: MainWindow) -> None:
    show_timeline(window, build_demo_timeline())
    window.timeline_view.canvas.set_selection(["beach"])
    history = window.session.document.history
    field = window.inspector.picture.opacity.spin
    field.setFocus()
    field.selectAll()
    QTest.keyClicks(field, "0.5")
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert history.timeline.clip("beach").opacity == 0.5
    QTest.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert history.timeline.clip("beach").opacity == 1.0
    QTest.keyClick(
        field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert history.timeline.clip("beach").opacity == 0.5
