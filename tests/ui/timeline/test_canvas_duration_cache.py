"""Paint costs: the canvas knows the timeline's length without walking every clip on each scroll or
zoom step, and that length follows every change (edits, merged slider steps, undo and redo); clip
titles are laid out once and reused."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from editor_app.model.edits import SetClipProperty, TrimOut
from editor_app.model.timeline import Timeline
from editor_app.model.undo import History
from tests.support.canvas import open_view


def test_scrolling_and_zooming_do_not_walk_the_clips(
    qtbot: QtBot, history: History, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = open_view(qtbot, history)
    walks: list[int] = []
    length = vars(Timeline)["duration"].fget

    def counted(timeline: Timeline) -> int:
        walks.append(1)
        return length(timeline)

    monkeypatch.setattr(Timeline, "duration", property(counted))
    for step in range(20):
        view.canvas.scroll_to(step * 100)
        view.canvas.zoom_in()
    assert len(walks) <= 1
    assert view.hbar.maximum() > 0


def test_the_known_length_follows_every_change(qtbot: QtBot, history: History) -> None:
    view = open_view(qtbot, history)
    canvas = view.canvas
    assert canvas.timeline_duration() == history.timeline.duration == 9000
    history.push(TrimOut("music", 12_000))  # "music" [0, 9 s) is the last to end
    assert canvas.timeline_duration() == 12_000
    history.undo()
    assert canvas.timeline_duration() == 9000
    history.redo()
    assert canvas.timeline_duration() == 12_000
    history.push(SetClipProperty(["title"], "opacity", 0.5))
    history.push(SetClipProperty(["title"], "opacity", 0.4))  # merged: same index, new revision
    with history.transaction("Lengthen"):
        history.push(TrimOut("music", 15_000))
        assert canvas.timeline_duration() == 15_000  # inside a transaction too
    assert canvas.timeline_duration() == 15_000


def test_clip_titles_are_laid_out_once_and_reused(qtbot: QtBot, history: History) -> None:
    view = open_view(qtbot, history)
    canvas = view.canvas
    canvas.grab()
    labels = canvas._caches.labels
    names = {static.text() for static, _dy in labels.values()}
    assert {"Beach.mp4", "City.mp4", "Music.mp3"} <= names
    known = dict(labels)
    canvas.refresh()
    canvas.grab()  # a full repaint of the static layer lays out no title again
    assert all(labels[key][0] is static for key, (static, _dy) in known.items()) and len(labels) == len(known)


def test_ruler_labels_are_laid_out_once(qtbot: QtBot, history: History) -> None:
    view = open_view(qtbot, history)  # 50 px/s: a label every 2 s
    view.canvas.grab()
    labels = view.canvas._caches.ruler_labels
    known = dict(labels)
    assert {"0:00", "0:02", "0:04"} <= set(known)
    view.canvas.refresh()
    view.canvas.grab()
    assert all(labels[text] is static for text, static in known.items())
