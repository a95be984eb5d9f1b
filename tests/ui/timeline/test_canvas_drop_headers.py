"""Dropping media from the bin and files from the desktop; the track headers' controls.
(What a payload means and where its clip lands: tests/ui_logic/test_drops.py.)"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QUrl
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from editor_app.model.undo import History
from tests.support.canvas import LEFT, NO_MODS, body_y, drop_mime, dump, media_mime, open_view, x_at


def test_drop_media_from_the_bin_onto_a_track_at_the_drop_time(qtbot: QtBot, history: History) -> None:
    view = open_view(qtbot, history)
    canvas = view.canvas
    before = dump(history)
    assert drop_mime(
        canvas, media_mime("m-beach", "video", "Beach.mp4", 10.0), x_at(canvas, 10_500), body_y(canvas, "v1")
    )
    clips = history.timeline.track("v1").clips
    added = clips[-1]
    assert (added.start, added.duration, added.media_id, added.kind) == (10_500, 10_000, "m-beach", "video")
    assert canvas.selected_clip_ids() == [added.id]
    assert history.undo_label == "Add Clip"
    history.undo()
    assert dump(history) == before


def test_drop_below_the_last_track_makes_a_new_track_in_one_step(qtbot: QtBot, history: History) -> None:
    view = open_view(qtbot, history)
    canvas = view.canvas
    before = dump(history)
    bottom = int(canvas.layout_rows().bottom) + 20
    assert drop_mime(canvas, media_mime("a-new", "audio", "Voice.wav", 3.5), x_at(canvas, 2000), bottom)
    timeline = history.timeline
    assert len(timeline.tracks) == 4
    new = timeline.tracks[-1]
    assert new.kind == "audio" and new.name == "A2"
    assert [(c.start, c.duration) for c in new.clips] == [(2000, 3500)]
    assert timeline.media["a-new"].length == 3500  # known now, so trims clamp there
    assert history.index == 1
    history.undo()
    before["media"]["a-new"] = timeline.media["a-new"].model_dump()
    assert dump(history) == before


def test_a_video_dropped_on_an_audio_track_gets_its_own_track(qtbot: QtBot, history: History) -> None:
    view = open_view(qtbot, history)
    canvas = view.canvas
    assert drop_mime(
        canvas, media_mime("img-logo", "image", "Logo.png", None), x_at(canvas, 12_000), body_y(canvas, "a1")
    )
    new = history.timeline.tracks[-1]
    assert new.kind == "video" and [(c.start, c.duration) for c in new.clips] == [(12_000, 5000)]


def test_a_drop_onto_an_occupied_place_overwrites_or_inserts(qtbot: QtBot, history: History) -> None:
    view = open_view(qtbot, history)
    canvas = view.canvas
    before = dump(history)
    city = media_mime("m-city", "video", "City.mp4", 8.0)
    assert drop_mime(canvas, city, x_at(canvas, 2000), body_y(canvas, "v1"))  # 8 s over beach and city
    v1 = history.timeline.track("v1").clips
    assert [(c.start, c.end) for c in v1] == [
        (0, 2000),
        (2000, 10_000),
    ] and history.undo_label == "Overwrite Clip"
    history.undo()
    assert dump(history) == before
    canvas.set_insert_mode(True)
    assert drop_mime(canvas, city, x_at(canvas, 2000), body_y(canvas, "v1"))
    v1 = history.timeline.track("v1").clips
    assert [(c.start, c.end) for c in v1] == [(0, 2000), (2000, 10_000), (10_000, 12_000), (12_000, 16_000)]
    history.undo()
    assert dump(history) == before
    history.timeline.track("v1").locked = True
    locked = dump(history)
    assert not drop_mime(canvas, city, x_at(canvas, 2000), body_y(canvas, "v1"))
    assert dump(history) == locked


def test_files_from_the_desktop_are_handed_over(qtbot: QtBot, history: History, tmp_path: Path) -> None:
    view = open_view(qtbot, history)
    canvas = view.canvas
    seen: list[tuple[list[str], object, int]] = []
    canvas.filesDropped.connect(lambda paths, track, at: seen.append((paths, track, at)))
    mime = QMimeData()
    path = tmp_path / "clip.mp4"
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    assert drop_mime(canvas, mime, x_at(canvas, 3000), body_y(canvas, "v2"))
    assert seen == [([str(path)], "v2", 3000)]
    assert drop_mime(canvas, mime, x_at(canvas, 3000), int(canvas.layout_rows().bottom) + 30)
    assert seen[-1][1] is None
    assert history.index == 0


def test_headers_rename_toggle_add_remove_and_reorder(qtbot: QtBot, history: History) -> None:
    view = open_view(qtbot, history)
    headers = view.headers
    before = dump(history)
    row = headers.rows["v2"]
    row.name.setText("Titles")
    row.name.editingFinished.emit()
    assert history.timeline.track("v2").name == "Titles"
    QTest.mouseClick(row.toggles["muted"], LEFT)
    assert history.timeline.track("v2").muted and history.undo_label == "Mute Track"
    QTest.mouseClick(row.toggles["locked"], LEFT)
    assert history.timeline.track("v2").locked
    QTest.mouseClick(headers.add_audio, LEFT)
    assert [t.kind for t in history.timeline.tracks] == ["video", "video", "audio", "audio"]
    QTest.mouseClick(headers.rows[history.timeline.tracks[-1].id].remove, LEFT)
    assert len(history.timeline.tracks) == 3
    # video tracks stack upward: V2 (drawn over V1) shows above it; drag V1's badge above V2
    v1_row = view.canvas.layout_rows().row_of("v1")
    v2_row = view.canvas.layout_rows().row_of("v2")
    assert v1_row is not None and v2_row is not None and v2_row.top < v1_row.top
    start = QPoint(8, int(v1_row.top + v1_row.height / 2))
    QTest.mousePress(headers, LEFT, NO_MODS, start)
    QTest.mouseMove(headers, QPoint(8, int(v2_row.top + 5)))
    QTest.mouseRelease(headers, LEFT, NO_MODS, QPoint(8, int(v2_row.top + 5)))
    assert [t.id for t in history.timeline.tracks] == ["v2", "v1", "a1"]  # V1 is now drawn on top
    assert headers.rows["v1"].y() < headers.rows["v2"].y()
    assert headers.rows["v1"].badge.text() == "V2"
    while history.can_undo:
        history.undo()
    assert dump(history) == before


def test_a_locked_track_refuses_a_drag_with_a_notice(qtbot: QtBot, history: History) -> None:
    view = open_view(qtbot, history)
    canvas = view.canvas
    history.timeline.track("v1").locked = True
    notices: list[str] = []
    canvas.editRefused.connect(notices.append)
    y = body_y(canvas, "v1")
    QTest.mousePress(canvas, LEFT, NO_MODS, QPoint(x_at(canvas, 1000), y))
    QTest.mouseMove(canvas, QPoint(x_at(canvas, 3000), y))
    QTest.mouseRelease(canvas, LEFT, NO_MODS, QPoint(x_at(canvas, 3000), y))
    assert history.timeline.clip("beach").start == 0 and notices == ["Track V1 is locked"]
