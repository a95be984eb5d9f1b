"""The NLE tools with real mouse events on the canvas: ripple, roll, slip and slide (by tool key
and by modifier), insert and overwrite moves, gaps and paste; each drag is one undo step that
undo reverts exactly. Demo timeline: V1 beach [0,4 s) src 1 s + city [4,8 s) touching;
V2 logo [1,3 s), title [5,7 s); A1 music [0,9 s). 1 px = 20 ms."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from editor_app.model.undo import History
from editor_app.ui.timeline.canvas import TimelineCanvas
from tests.support.canvas import body_y, click, drag, dump, open_view, x_at

ALT = Qt.KeyboardModifier.AltModifier  # snapping off, so the numbers are the drag's
CTRL = Qt.KeyboardModifier.ControlModifier


def _key(canvas: TimelineCanvas, key: Qt.Key) -> None:
    canvas.setFocus()
    QTest.keyClick(canvas, key)


def _times(history: History, *ids: str) -> list[tuple[int, int, int]]:
    return [(c.start, c.end, c.source_start) for c in (history.timeline.clip(i) for i in ids)]


def test_the_ripple_tool_moves_what_follows(qtbot: QtBot, history: History) -> None:
    canvas = open_view(qtbot, history).canvas
    before = dump(history)
    _key(canvas, Qt.Key.Key_B)
    assert canvas.tool == "ripple"
    y = body_y(canvas, "v1")
    drag(canvas, (x_at(canvas, 4000) - 2, y), (x_at(canvas, 3500) - 2, y), modifiers=ALT)
    assert _times(history, "beach", "city") == [(0, 3500, 1000), (3500, 7500, 0)]
    assert history.undo_label == "Ripple Trim" and history.index == 1
    assert history.descriptions()[-1] == "Ripple Trim 'Beach.mp4'"
    history.undo()
    assert dump(history) == before


def test_ctrl_on_an_edge_ripples_with_the_select_tool(qtbot: QtBot, history: History) -> None:
    canvas = open_view(qtbot, history).canvas
    y = body_y(canvas, "v2")
    drag(canvas, (x_at(canvas, 3000) - 2, y), (x_at(canvas, 2000) - 2, y), modifiers=CTRL | ALT)
    assert _times(history, "logo", "title") == [(1000, 2000, 0), (4000, 6000, 0)]
    assert canvas.selected_clip_ids() == ["logo"]  # the Ctrl press did not take it out


def test_the_roll_tool_moves_the_cut(qtbot: QtBot, history: History) -> None:
    canvas = open_view(qtbot, history).canvas
    _key(canvas, Qt.Key.Key_N)
    y = body_y(canvas, "v1")
    drag(canvas, (x_at(canvas, 4000) - 2, y), (x_at(canvas, 4500) - 2, y), modifiers=ALT)
    assert _times(history, "beach", "city") == [(0, 4500, 1000), (4500, 8000, 500)]
    assert history.undo_label == "Roll Edit"


def test_the_slip_tool_moves_the_source_under_the_clip(qtbot: QtBot, history: History) -> None:
    canvas = open_view(qtbot, history).canvas
    _key(canvas, Qt.Key.Key_Y)
    y = body_y(canvas, "v1")
    drag(canvas, (x_at(canvas, 2000), y), (x_at(canvas, 2500), y), modifiers=ALT)
    assert _times(history, "beach") == [(0, 4000, 500)]  # dragged right: earlier source
    assert history.undo_label == "Slip Clip"


def test_the_slide_tool_trims_the_touching_neighbour(qtbot: QtBot, history: History) -> None:
    canvas = open_view(qtbot, history).canvas
    _key(canvas, Qt.Key.Key_U)
    y = body_y(canvas, "v1")
    drag(canvas, (x_at(canvas, 2000), y), (x_at(canvas, 2500), y), modifiers=ALT)
    assert _times(history, "beach", "city") == [(500, 4500, 1000), (4500, 8000, 500)]
    assert history.undo_label == "Slide Clip"
    _key(canvas, Qt.Key.Key_V)
    assert canvas.tool == "select"


def test_a_move_overwrites_and_ctrl_inserts(qtbot: QtBot, history: History) -> None:
    canvas = open_view(qtbot, history).canvas
    before = dump(history)
    y = body_y(canvas, "v2")
    drag(canvas, (x_at(canvas, 2000), y), (x_at(canvas, 5500), y), modifiers=ALT)  # logo onto title
    assert _times(history, "logo", "title") == [(4500, 6500, 0), (6500, 7000, 0)]
    assert history.undo_label == "Overwrite Move"
    history.undo()
    assert dump(history) == before
    drag(canvas, (x_at(canvas, 2000), y), (x_at(canvas, 6000), y), modifiers=CTRL | ALT)
    assert _times(history, "logo", "title") == [(5000, 7000, 0), (7000, 9000, 0)]  # title pushed right
    assert history.undo_label == "Insert Move"
    history.undo()
    assert dump(history) == before


def test_a_gap_is_selected_by_a_click_and_closed_by_delete(qtbot: QtBot, history: History) -> None:
    canvas = open_view(qtbot, history).canvas
    before = dump(history)
    y = body_y(canvas, "v2")
    click(canvas, x_at(canvas, 4000), y)
    assert canvas.selected_gap == ("v2", 3000, 5000)
    _key(canvas, Qt.Key.Key_Delete)
    assert _times(history, "title") == [(3000, 5000, 0)] and history.undo_label == "Close Gap"
    history.undo()
    assert dump(history) == before


def test_paste_keeps_tracks_and_times_at_the_playhead(qtbot: QtBot, history: History) -> None:
    canvas = open_view(qtbot, history).canvas
    canvas.set_selection(["beach", "logo"])
    canvas.copy()
    canvas.set_selection(["city"])
    canvas.set_playhead(10_000)
    canvas.paste()
    pasted = [history.timeline.find(cid) for cid in canvas.selected_clip_ids()]
    assert sorted((t.id, c.start, c.duration) for t, c in pasted) == [
        ("v1", 10_000, 4000),
        ("v2", 11_000, 2000),
    ]


def test_each_tool_has_its_cursor_over_a_clip(qtbot: QtBot, history: History) -> None:
    canvas = open_view(qtbot, history).canvas
    y = body_y(canvas, "v1")
    for key, shape in (
        (Qt.Key.Key_Y, Qt.CursorShape.SizeAllCursor),
        (Qt.Key.Key_U, Qt.CursorShape.ClosedHandCursor),
    ):
        _key(canvas, key)
        QTest.mouseMove(canvas, canvas.rect().center())
        QTest.mouseMove(canvas, QPoint(x_at(canvas, 2000), y))
        assert canvas.cursor().shape() == shape


def test_drag_a_marker_and_the_in_out_points_on_the_ruler(qtbot: QtBot, history: History) -> None:
    view = open_view(qtbot, history)
    canvas = view.canvas
    canvas.set_playhead(2000)
    canvas.add_marker()
    marker_id = history.timeline.markers[0].id
    y = 12  # on the ruler
    drag(canvas, (x_at(canvas, 2000), y), (x_at(canvas, 6500), y), modifiers=ALT)
    assert history.timeline.markers[0].time == 6500 and history.undo_label == "Edit Marker"
    assert history.timeline.markers[0].id == marker_id
    view.transport.seek(1000)
    view.transport.set_in()
    view.transport.seek(3000)
    view.transport.set_out()
    assert canvas.io_range == (1000, 3000)
    drag(canvas, (x_at(canvas, 3000), y), (x_at(canvas, 5000), y))  # drag Out to 5 s
    assert (view.transport.mark_in, view.transport.mark_out) == (1000, 5000)
    _key(canvas, Qt.Key.Key_Semicolon)  # lift the range on every unlocked track
    assert history.undo_label == "Lift Range"
    assert [(c.start, c.end) for c in history.timeline.track("v1").clips] == [(0, 1000), (5000, 8000)]
    canvas.clear_range()
    assert view.transport.mark_in is None and canvas.io_range == (None, None)


def test_loop_playback_of_the_range_jumps_back_to_in(qtbot: QtBot, history: History) -> None:
    view = open_view(qtbot, history)
    transport = view.transport
    transport.set_range(1000, 1300)
    view.canvas.toggle_loop()
    assert transport.loop
    transport.seek(1000)
    transport.play_pause()
    seen: list[int] = []
    transport.positionChanged.connect(seen.append)
    qtbot.waitUntil(lambda: any(b < a for a, b in itertools.pairwise(seen)), timeout=3000)
    transport.stop()
    assert max(seen) < 1300 + 100 and min(seen) >= 1000
