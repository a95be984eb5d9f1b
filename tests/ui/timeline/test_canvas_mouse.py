"""Real mouse gestures on the canvas: each makes one undo step, named, that undo reverts exactly."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from editor_app.model.undo import History
from editor_app.ui.timeline.logic.geometry import clip_rect, volume_y
from tests.support.canvas import LEFT, NO_MODS, body_y, click, drag, dump, move, open_view, x_at


def test_drag_a_clip_to_another_time_and_track(qtbot: QtBot, history: History) -> None:
    view = open_view(qtbot, history)
    canvas = view.canvas
    before = dump(history)
    start = (x_at(canvas, 2000), body_y(canvas, "v1"))  # inside "beach" [0, 4 s)
    end = (x_at(canvas, 2000 + 9500), body_y(canvas, "v2"))
    drag(canvas, start, end)
    track, clip = history.timeline.find("beach")
    assert (track.id, clip.start, clip.duration) == ("v2", 9500, 4000)
    assert history.undo_label == "Move Clip"
    assert history.index == 1  # one drag, one step
    history.undo()
    assert dump(history) == before


def test_move_snaps_to_a_clip_edge_unless_alt_is_held(qtbot: QtBot, history: History) -> None:
    view = open_view(qtbot, history)
    canvas = view.canvas
    y = body_y(canvas, "v2")
    # "logo" [1 s, 3 s): moving it by +0.9 s puts its end 100 ms before "beach"'s end (4 s): snaps
    drag(canvas, (x_at(canvas, 2000), y), (x_at(canvas, 2900), y))
    assert history.timeline.clip("logo").start == 2000
    history.undo()
    drag(canvas, (x_at(canvas, 2000), y), (x_at(canvas, 2900), y), modifiers=Qt.KeyboardModifier.AltModifier)
    assert history.timeline.clip("logo").start == 1900


def test_a_move_onto_a_locked_track_is_refused_and_changes_nothing(qtbot: QtBot, history: History) -> None:
    view = open_view(qtbot, history)
    canvas = view.canvas
    history.timeline.track("v2").locked = True
    before = dump(history)
    drag(canvas, (x_at(canvas, 2000), body_y(canvas, "v1")), (x_at(canvas, 12_000), body_y(canvas, "v2")))
    assert dump(history) == before
    assert history.index == 0


def test_a_trim_grabbed_inside_the_edge_and_dragged_back_changes_nothing(
    qtbot: QtBot, history: History
) -> None:
    """Defect 1: the edge used to jump to the pointer (0.12 s at this zoom when grabbed 6 px in)."""
    view = open_view(qtbot, history)
    canvas = view.canvas
    y = body_y(canvas, "v1")
    x0 = x_at(canvas, 8000) - 6  # city's out edge, 6 px inside
    QTest.mousePress(canvas, LEFT, NO_MODS, QPoint(x0, y))
    for x in (x0 + 20, x0 + 60, x0 + 20, x0):
        move(canvas, x, y, Qt.KeyboardModifier.AltModifier)
    QTest.mouseRelease(canvas, LEFT, Qt.KeyboardModifier.AltModifier, QPoint(x0, y))
    assert history.timeline.clip("city").end == 8000 and history.index == 0
    drag(canvas, (x0, y), (x0 - 37, y), modifiers=Qt.KeyboardModifier.AltModifier)  # 0.74 s in
    assert history.timeline.clip("city").end == 7267  # 8 s less the drag's distance, on a frame (218)


def test_an_audio_clip_cannot_be_dragged_onto_a_video_track(qtbot: QtBot, history: History) -> None:
    view = open_view(qtbot, history)
    canvas = view.canvas
    start = (x_at(canvas, 8500), body_y(canvas, "a1"))
    drag(
        canvas, start, (x_at(canvas, 12_000), body_y(canvas, "v2")), modifiers=Qt.KeyboardModifier.AltModifier
    )
    track, clip = history.timeline.find("music")
    assert (track.id, clip.start) == ("a1", 3500)


def test_trim_each_edge_with_clamping_and_a_live_duration(qtbot: QtBot, history: History) -> None:
    view = open_view(qtbot, history)
    canvas = view.canvas
    before = dump(history)
    y = body_y(canvas, "v1")
    # trim in: "city" starts at 4 s; drag its left edge to 5.3 s
    x0 = x_at(canvas, 4000) + 2  # grabbed 2 px inside the edge: the edge moves by the drag
    QTest.mousePress(canvas, LEFT, NO_MODS, QPoint(x0, y))
    for x in range(x0, x_at(canvas, 5300) + 3, 13):
        QTest.mouseMove(canvas, QPoint(x, y))
    QTest.mouseMove(canvas, QPoint(x_at(canvas, 5300) + 2, y))
    assert canvas._gesture is not None and canvas._gesture.preview.label is not None
    label = canvas._gesture.preview.label
    assert "Duration 2.700 s (81 f)" in label and "In 00:00:05:09" in label and "Δ 1.300 s" in label
    QTest.mouseRelease(canvas, LEFT, NO_MODS, QPoint(x_at(canvas, 5300) + 2, y))
    city = history.timeline.clip("city")
    assert (city.start, city.duration, city.source_start) == (5300, 2700, 1300)
    assert history.undo_label == "Trim Clip"
    # trim out past the source's end: "city" comes from an 8 s source starting at 1.3 s -> clamps
    drag(canvas, (x_at(canvas, 8000) - 2, y), (x_at(canvas, 15_000), y))
    city = history.timeline.clip("city")
    assert city.end == 5300 + (8000 - 1300)
    assert history.index == 2
    history.undo()
    history.undo()
    assert dump(history) == before


def test_trim_in_clamps_at_the_source_start(qtbot: QtBot, history: History) -> None:
    view = open_view(qtbot, history)
    canvas = view.canvas
    y = body_y(canvas, "v2")
    # "title" [5 s, 7 s) is text: no source bound, but "logo" ends at 3 s, so it stops there
    drag(
        canvas,
        (x_at(canvas, 5000) + 2, y),
        (x_at(canvas, 1000), y),
        modifiers=Qt.KeyboardModifier.AltModifier,
    )
    assert history.timeline.clip("title").start == 3000


def test_rubber_band_selects_and_the_group_moves_together(qtbot: QtBot, history: History) -> None:
    view = open_view(qtbot, history)
    canvas = view.canvas
    before = dump(history)
    v1 = canvas.layout_rows().row_of("v1")  # the row right above the audio rows
    a1 = canvas.layout_rows().row_of("a1")
    assert v1 is not None and a1 is not None
    selections: list[list[str]] = []
    canvas.selectionChanged.connect(selections.append)
    # from the empty place after "city" back to 1 s
    drag(canvas, (x_at(canvas, 8500), int(v1.top) + 5), (x_at(canvas, 1000), int(a1.top + a1.height / 2)))
    assert set(canvas.selected_clip_ids()) == {"beach", "city", "music"}
    assert selections[-1] == canvas.selected_clip_ids()
    y = body_y(canvas, "v1")
    drag(canvas, (x_at(canvas, 2000), y), (x_at(canvas, 3000), y))
    timeline = history.timeline
    assert [timeline.clip(c).start for c in ("beach", "city", "music")] == [1000, 5000, 1000]
    assert history.undo_label == "Move Clips" and history.index == 1
    history.undo()
    assert dump(history) == before


def test_click_and_modifier_clicks_select(qtbot: QtBot, history: History) -> None:
    view = open_view(qtbot, history)
    canvas = view.canvas
    y = body_y(canvas, "v1")
    click(canvas, x_at(canvas, 1000), y)
    assert canvas.selected_clip_ids() == ["beach"]
    click(canvas, x_at(canvas, 6000), y, Qt.KeyboardModifier.ShiftModifier)
    assert canvas.selected_clip_ids() == ["beach", "city"]
    click(canvas, x_at(canvas, 1000), y, Qt.KeyboardModifier.ControlModifier)
    assert canvas.selected_clip_ids() == ["city"]
    click(canvas, x_at(canvas, 12_000), y)
    assert canvas.selected_clip_ids() == []


def test_drag_the_volume_line(qtbot: QtBot, history: History) -> None:
    view = open_view(qtbot, history)
    canvas = view.canvas
    before = dump(history)
    row = canvas.layout_rows().row_of("v1")
    assert row is not None
    rect = clip_rect(canvas.scale, row, 4000, 8000)
    x = x_at(canvas, 6000)
    drag(canvas, (x, round(volume_y(rect, 0.6))), (x, round(volume_y(rect, 1.5))))
    assert abs(history.timeline.clip("city").volume - 1.5) <= 0.05  # type: ignore[operator]
    assert history.undo_label == "Set Volume"
    drag(canvas, (x, round(volume_y(rect, 1.5))), (x, round(volume_y(rect, 0.3))))
    assert history.index == 2  # two drags, two steps (no merging across gestures)
    history.undo()
    history.undo()
    assert dump(history) == before


def test_drag_a_fade_handle_sets_the_transition_length(qtbot: QtBot, history: History) -> None:
    view = open_view(qtbot, history)
    canvas = view.canvas
    before = dump(history)
    a1 = canvas.layout_rows().row_of("a1")
    assert a1 is not None
    y = int(a1.top + 8)
    drag(canvas, (x_at(canvas, 1000), y), (x_at(canvas, 2500), y), modifiers=Qt.KeyboardModifier.AltModifier)
    transition = history.timeline.clip("music").transition
    assert transition is not None and transition.duration == 2500 and transition.in_ == "fade"
    assert history.undo_label == "Set Transition"
    history.undo()
    assert dump(history) == before


def test_ruler_click_moves_and_drag_scrubs_the_playhead(qtbot: QtBot, history: History) -> None:
    view = open_view(qtbot, history)
    canvas = view.canvas
    moved: list[int] = []
    view.playheadMoved.connect(moved.append)
    click(canvas, x_at(canvas, 3000), 10)
    assert canvas.playhead == 3000 and moved == [3000]
    drag(canvas, (x_at(canvas, 3000), 10), (x_at(canvas, 7000), 10), steps=4)
    assert canvas.playhead == 7000 and moved[-1] == 7000 and len(moved) >= 4
    assert history.index == 0


def test_ctrl_wheel_zooms_about_the_mouse_and_wheel_scrolls(qtbot: QtBot, history: History) -> None:
    view = open_view(qtbot, history)
    canvas = view.canvas
    x = x_at(canvas, 6000)
    y = body_y(canvas, "v1")
    zooms: list[float] = []
    canvas.zoomChanged.connect(zooms.append)
    QTest.mouseMove(canvas, QPoint(x, y))
    qtbot.wait(1)
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    def wheel(dy: int, mods: Qt.KeyboardModifier) -> None:
        event = QWheelEvent(
            QPointF(x, y), QPointF(canvas.mapToGlobal(QPoint(x, y))), QPoint(0, 0), QPoint(0, dy),
            Qt.MouseButton.NoButton, mods, Qt.ScrollPhase.NoScrollPhase, False,
        )  # fmt: skip
        QApplication.sendEvent(canvas, event)

    wheel(120, Qt.KeyboardModifier.ControlModifier)
    assert zooms and canvas.scale.px_per_second > 50
    assert abs(canvas.scale.ticks_at(x) - 6000) <= 20  # the time under the mouse stayed
    origin = canvas.scale.origin_ticks
    wheel(-120, Qt.KeyboardModifier.ShiftModifier)
    assert canvas.scale.origin_ticks > origin


def test_a_drag_held_at_the_right_side_scrolls_and_carries_the_clip(qtbot: QtBot, history: History) -> None:
    view = open_view(qtbot, history)
    canvas = view.canvas
    y = body_y(canvas, "v2")
    QTest.mousePress(canvas, LEFT, NO_MODS, QPoint(x_at(canvas, 6000), y))  # "title" [5 s, 7 s)
    move(canvas, x_at(canvas, 6000) + 30, y)
    move(canvas, canvas.width() - 4, y)
    qtbot.waitUntil(lambda: canvas.scale.origin_ticks > 5000, timeout=5000)
    QTest.mouseRelease(canvas, LEFT, NO_MODS, QPoint(canvas.width() - 4, y))
    title = history.timeline.clip("title")
    # it went where the view went: into the right half of what is now on screen
    assert canvas.scale.ticks_at(canvas.width() / 2) < title.start < canvas.scale.ticks_at(canvas.width())
    assert history.index == 1
