"""Keyboard shortcuts on the canvas, answered from its command table (the editors' defaults, or the
user's bindings), each edit one undo step reverted exactly; its keys drive its transport."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from editor_app.model.ticks import frame_start
from editor_app.model.undo import History
from editor_app.ui.commands.shortcuts import ShortcutMap
from editor_app.ui.history.commands import HISTORY_COMMANDS
from editor_app.ui.playback.commands import TRANSPORT_COMMANDS
from editor_app.ui.timeline.canvas import TimelineCanvas
from editor_app.ui.timeline.commands import TIMELINE_COMMANDS
from editor_app.ui.timeline.view import TimelineView
from editor_app.ui.window.main_window import ALL_COMMANDS
from tests.support.canvas import body_y, click, dump, open_view, x_at

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _key(
    canvas: TimelineCanvas, key: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    canvas.setFocus()
    QTest.keyClick(canvas, key, mods)


def test_s_splits_the_selected_clip_at_the_playhead(qtbot: QtBot, history: History) -> None:
    view = open_view(qtbot, history)
    canvas = view.canvas
    before = dump(history)
    click(canvas, x_at(canvas, 5000), body_y(canvas, "v1"))  # select "city" [4 s, 8 s)
    canvas.set_playhead(6500)
    _key(canvas, Qt.Key.Key_S)
    v1 = history.timeline.track("v1")
    assert [(c.start, c.end) for c in v1.clips] == [(0, 4000), (4000, 6500), (6500, 8000)]
    assert v1.clips[2].source_start == 2500
    assert len(history.timeline.track("a1").clips) == 1  # only the selection was split
    assert history.undo_label == "Split Clip"
    _key(canvas, Qt.Key.Key_Z, CTRL)
    assert dump(history) == before


def test_split_with_nothing_selected_cuts_every_track(qtbot: QtBot, history: History) -> None:
    view = open_view(qtbot, history)
    canvas = view.canvas
    canvas.set_playhead(1500)
    _key(canvas, Qt.Key.Key_B, CTRL)
    timeline = history.timeline
    assert [len(timeline.track(t).clips) for t in ("v1", "v2", "a1")] == [3, 3, 2]
    assert history.index == 1


def test_delete_lifts_and_shift_delete_ripples(qtbot: QtBot, history: History) -> None:
    view = open_view(qtbot, history)
    canvas = view.canvas
    before = dump(history)
    y = body_y(canvas, "v1")
    click(canvas, x_at(canvas, 1000), y)
    _key(canvas, Qt.Key.Key_Delete)
    assert [c.id for c in history.timeline.track("v1").clips] == ["city"]
    assert history.timeline.clip("city").start == 4000  # a gap stays
    assert canvas.selected_clip_ids() == []
    history.undo()
    assert dump(history) == before
    click(canvas, x_at(canvas, 1000), y)
    _key(canvas, Qt.Key.Key_Delete, SHIFT)
    assert history.timeline.clip("city").start == 0  # the gap closed
    assert history.undo_label == "Ripple Delete"
    history.undo()
    assert dump(history) == before


def test_copy_paste_at_the_playhead_and_duplicate(qtbot: QtBot, history: History) -> None:
    view = open_view(qtbot, history)
    canvas = view.canvas
    before = dump(history)
    click(canvas, x_at(canvas, 2000), body_y(canvas, "v2"))  # "logo" [1 s, 3 s)
    _key(canvas, Qt.Key.Key_C, CTRL)
    canvas.set_playhead(8000)
    _key(canvas, Qt.Key.Key_V, CTRL)
    pasted = canvas.selected_clip_ids()
    assert len(pasted) == 1 and pasted[0] != "logo"
    track, clip = history.timeline.find(pasted[0])
    assert (track.id, clip.start, clip.duration, clip.media_id) == ("v2", 8000, 2000, "img-logo")
    assert history.undo_label == "Paste"
    _key(canvas, Qt.Key.Key_D, CTRL)
    duplicate = canvas.selected_clip_ids()
    assert len(duplicate) == 1 and history.timeline.clip(duplicate[0]).start == 10_000
    assert history.index == 2
    history.undo()
    history.undo()
    assert dump(history) == before


def test_duplicate_lands_at_the_playhead_keeping_tracks_and_times(qtbot: QtBot, history: History) -> None:
    view = open_view(qtbot, history)
    canvas = view.canvas
    before = dump(history)
    click(canvas, x_at(canvas, 2000), body_y(canvas, "v1"))  # "beach" [0, 4 s) on V1
    click(canvas, x_at(canvas, 6000), body_y(canvas, "v2"), CTRL)  # and "title" [5 s, 7 s) on V2
    canvas.set_playhead(12_000)
    _key(canvas, Qt.Key.Key_D, CTRL)
    found = map(history.timeline.find, canvas.selected_clip_ids())
    copies = sorted((t.id, c.start, c.duration) for t, c in found)
    assert copies == [("v1", 12_000, 4000), ("v2", 17_000, 2000)]
    assert history.undo_label == "Duplicate"
    history.undo()
    assert dump(history) == before
    click(canvas, x_at(canvas, 2000), body_y(canvas, "v1"))
    canvas.set_playhead(1000)  # on the clip itself: the copy goes right after it, the original stays
    _key(canvas, Qt.Key.Key_D, CTRL)
    first = history.timeline.track("v1").clips[0]
    assert (first.id, first.start) == ("beach", 0)
    (copy,) = [history.timeline.clip(cid) for cid in canvas.selected_clip_ids()]
    assert (copy.start, copy.duration, history.timeline.track_of(copy.id).id) == (4000, 4000, "v1")
    history.undo()
    assert dump(history) == before


def test_markers_add_and_jump(qtbot: QtBot, history: History) -> None:
    view = open_view(qtbot, history)
    canvas = view.canvas
    for at in (2000, 6000):
        canvas.set_playhead(at)
        _key(canvas, Qt.Key.Key_M)
    assert [m.time for m in history.timeline.markers] == [2000, 6000]
    assert history.undo_label == "Add Marker"
    canvas.set_playhead(0)
    _key(canvas, Qt.Key.Key_M, CTRL)
    assert canvas.playhead == 2000
    _key(canvas, Qt.Key.Key_M, CTRL)
    assert canvas.playhead == 6000
    _key(canvas, Qt.Key.Key_M, SHIFT)
    assert canvas.playhead == 2000


def test_zoom_keys_select_all_and_home_end(qtbot: QtBot, history: History) -> None:
    view = open_view(qtbot, history)
    canvas = view.canvas
    pps = canvas.scale.px_per_second
    _key(canvas, Qt.Key.Key_Plus)
    assert canvas.scale.px_per_second > pps
    _key(canvas, Qt.Key.Key_Minus)
    _key(canvas, Qt.Key.Key_Minus)
    assert canvas.scale.px_per_second < pps
    _key(canvas, Qt.Key.Key_Backslash)
    assert canvas.scale.origin_ticks == 0
    end_x = canvas.scale.x_of(history.timeline.duration)
    assert canvas.width() * 0.85 < end_x < canvas.width()
    _key(canvas, Qt.Key.Key_A, CTRL)
    assert set(canvas.selected_clip_ids()) == {"beach", "city", "logo", "title", "music"}
    _key(canvas, Qt.Key.Key_End)
    assert canvas.playhead == 9000
    _key(canvas, Qt.Key.Key_Home)
    assert canvas.playhead == 0
    _key(canvas, Qt.Key.Key_Right)
    assert canvas.playhead > 0


def test_a_refused_key_edit_shows_a_notice_and_changes_nothing(qtbot: QtBot, history: History) -> None:
    view = open_view(qtbot, history)
    canvas = view.canvas
    notices: list[str] = []
    canvas.editRefused.connect(notices.append)
    canvas.set_playhead(20_000)
    _key(canvas, Qt.Key.Key_S)
    assert len(notices) == 1 and notices[0].startswith("No clip spans 00:00:20.000")
    assert history.index == 0


def test_the_view_follows_the_playhead_during_playback(qtbot: QtBot, history: History) -> None:
    view = open_view(qtbot, history)
    _start, end = view.canvas.scale.span(view.canvas.width())
    view.canvas.set_playhead(end + 5000)
    new_start, new_end = view.canvas.scale.span(view.canvas.width())
    assert new_start <= end + 5000 < new_end
    assert view.hbar.value() == view.canvas.scale.origin_ticks


def test_the_canvas_answers_every_key_of_its_table(qtbot: QtBot, history: History) -> None:
    view = open_view(qtbot, history)
    ids = [bound.id for bound in view.commands]
    assert ids == [c.id for c in (*TIMELINE_COMMANDS, *HISTORY_COMMANDS, *TRANSPORT_COMMANDS)]
    keys = view.canvas.keys
    assert keys is not None and keys.table is view.commands
    bindings = keys.bindings()
    for bound in view.commands:
        for key in bound.command.keys:
            assert bindings[QKeySequence(key).toString()] is bound


def test_a_rebinding_reaches_the_canvas_own_keys(qtbot: QtBot, history: History, tmp_path: Path) -> None:
    shortcuts = ShortcutMap(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), ALL_COMMANDS)
    shortcuts.set_keys("edit.split", ("Ctrl+K",))
    view = TimelineView(history, shortcuts=shortcuts)
    qtbot.addWidget(view)
    view.resize(1300, 420)
    view.show()
    canvas = view.canvas
    canvas.set_playhead(1500)
    _key(canvas, Qt.Key.Key_S)
    assert history.index == 0  # S splits no more
    _key(canvas, Qt.Key.Key_K, CTRL)
    assert history.index == 1  # every clip under the playhead, in one step
    assert [len(history.timeline.track(t).clips) for t in ("v1", "v2", "a1")] == [3, 3, 2]


def test_keys_on_the_canvas_drive_its_transport(qtbot: QtBot, history: History) -> None:
    view = open_view(qtbot, history)
    canvas = view.canvas
    _key(canvas, Qt.Key.Key_End)
    assert view.transport.position == canvas.playhead == 9000
    _key(canvas, Qt.Key.Key_Left)  # one frame back on the 30 fps grid: frame 269 of 270
    assert view.transport.position == canvas.playhead == frame_start(269, 30) == 8967
    canvas.set_playhead(3000, emit=True)  # a click on the ruler seeks the transport
    assert view.transport.position == 3000
