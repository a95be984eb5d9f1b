"""Context menus (clip, gap, ruler, marker, track header) come from the command table and act on
what was right-clicked; a header's bottom edge resizes its row (saved, undoable); solo on audio."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from editor_app.model.undo import History
from editor_app.ui.timeline.view import TimelineView
from tests.support.canvas import body_y, dump, open_view, x_at


def _titles(view: TimelineView, x: int, y: int) -> list[str]:
    menu = view.canvas.context_menu(x, y)
    assert menu is not None
    return [a.objectName() for a in menu.actions() if not a.isSeparator()]


def _run(view: TimelineView, x: int, y: int, command_id: str) -> None:
    menu = view.canvas.context_menu(x, y)
    assert menu is not None
    action = next(a for a in menu.actions() if a.objectName() == command_id)
    assert action.isEnabled()
    action.trigger()


def test_each_place_has_its_menu(qtbot: QtBot, history: History) -> None:
    view = open_view(qtbot, history)
    canvas = view.canvas
    assert "edit.ripple_delete" in _titles(view, x_at(canvas, 2000), body_y(canvas, "v1"))
    assert canvas.selected_clip_ids() == ["beach"]
    assert _titles(view, x_at(canvas, 4000), body_y(canvas, "v2"))[:2] == [
        "timeline.close_gap",
        "timeline.close_all_gaps",
    ]
    assert "timeline.lift_range" in _titles(view, x_at(canvas, 3000), 12)
    canvas.set_playhead(3000)
    canvas.add_marker()
    assert _titles(view, x_at(canvas, 3000), 12) == ["marker.rename", "marker.colour", "marker.delete"]


def test_menu_entries_edit_what_was_clicked(qtbot: QtBot, history: History) -> None:
    view = open_view(qtbot, history)
    canvas = view.canvas
    before = dump(history)
    _run(view, x_at(canvas, 4000), body_y(canvas, "v2"), "timeline.close_gap")
    assert history.timeline.clip("title").start == 3000
    canvas.set_playhead(6000)
    canvas.add_marker()
    colour = history.timeline.markers[0].color
    _run(view, x_at(canvas, 6000), 12, "marker.colour")
    assert history.timeline.markers[0].color != colour
    _run(view, x_at(canvas, 6000), 12, "marker.delete")
    assert history.timeline.markers == []
    for _ in range(4):
        history.undo()
    assert dump(history) == before


def test_drag_a_header_edge_to_resize_and_solo_an_audio_track(qtbot: QtBot, history: History) -> None:
    view = open_view(qtbot, history)
    row = view.headers.rows["a1"]
    assert "solo" in row.toggles and "solo" not in view.headers.rows["v1"].toggles
    bottom = row.height() - 2
    QTest.mousePress(row, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(20, bottom))
    QTest.mouseMove(row, QPoint(20, bottom + 30))
    QTest.mouseRelease(
        row, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(20, bottom + 30)
    )
    assert history.timeline.track("a1").height == 52 + 30 and history.undo_label == "Resize Track"
    assert view.canvas.layout_rows().row_of("a1").height == 82  # type: ignore[union-attr]
    view.canvas.menu_track = "a1"
    view.canvas.toggle_track_solo()
    assert history.timeline.track("a1").solo and history.undo_label == "Solo Track"
    view.canvas.reset_track_height()
    assert history.timeline.track("a1").height is None


def test_the_markers_dock_lists_renames_jumps_and_deletes(qtbot: QtBot, history: History) -> None:
    from editor_app.model.edits import AddMarker
    from editor_app.ui.timeline.markers_dock import MarkersDock

    dock = MarkersDock()
    qtbot.addWidget(dock)
    dock.set_history(history)
    history.add_listener(dock.refresh)
    history.push(AddMarker(4000, "Intro"))
    history.push(AddMarker(1000, "Cold open"))
    assert [dock.table.item(r, 1).text() for r in range(2)] == ["Cold open", "Intro"]  # type: ignore[union-attr]
    assert dock.table.item(1, 0).text() == "00:00:04:00"  # type: ignore[union-attr]
    jumped: list[int] = []
    dock.jump = jumped.append
    dock.table.cellDoubleClicked.emit(1, 0)
    assert jumped == [4000]
    dock.table.item(1, 1).setText("Chapter 1")  # type: ignore[union-attr]
    assert [m.label for m in history.timeline.markers if m.time == 4000] == ["Chapter 1"]
    dock.table.setCurrentCell(0, 0)
    dock.delete_button.click()
    assert [m.label for m in history.timeline.markers] == ["Chapter 1"]
    assert history.undo_label == "Remove Marker"
