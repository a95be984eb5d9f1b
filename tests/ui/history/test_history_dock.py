"""The History dock mirrors the undo history, incrementally, and clicking a row goes there."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from editor_app.model import TextAsset, Timeline, Track
from editor_app.model.edits import SetClipProperty, SetTimelineProperty
from editor_app.model.timeline import Clip
from editor_app.model.undo import History
from editor_app.ui.history.dock import INITIAL_LABEL, HistoryDock


def _history(max_depth: int = 1000) -> History:
    clip = Clip(id="c", start=0, duration=1000, asset=TextAsset(text="x"))
    return History(Timeline(tracks=[Track(id="v", kind="video", clips=[clip])]), max_depth=max_depth)


def _rows(dock: HistoryDock) -> list[tuple[str, int, bool]]:
    out = []
    for row in range(dock.list.count()):
        item = dock.list.item(row)
        out.append((item.text(), int(item.data(Qt.ItemDataRole.UserRole)), item.font().italic()))
    return out


def _expected(history: History) -> list[tuple[str, int, bool]]:
    labels = [INITIAL_LABEL, *history.entries()]
    return [(label, row, row > history.index) for row, label in enumerate(labels)]


def test_rows_follow_every_kind_of_change(qtbot: QtBot) -> None:
    history = _history(max_depth=4)
    dock = HistoryDock()
    qtbot.addWidget(dock)
    dock.set_history(history)
    history.add_listener(dock.refresh)
    steps = [
        lambda: history.push(SetClipProperty(["c"], "opacity", 0.5)),
        lambda: history.push(SetTimelineProperty("resolution", "640x360")),
        history.undo,
        lambda: history.push(SetClipProperty(["c"], "scale", 2)),  # drops the redo entry
        lambda: history.push(SetClipProperty(["c"], "scale", 3)),  # merges into the last row
        history.break_merge,
        lambda: history.push(SetTimelineProperty("background", "#112233")),
        lambda: history.push(SetTimelineProperty("resolution", "320x180")),
        lambda: history.push(SetClipProperty(["c"], "opacity", 0.2)),  # past max_depth: oldest goes
        lambda: history.goto(1),
        lambda: history.goto(4),
    ]
    for step in steps:
        step()
        dock.refresh()
        assert _rows(dock) == _expected(history)
        assert dock.list.currentRow() == history.index


def test_clicking_a_row_goes_to_that_state(qtbot: QtBot) -> None:
    history = _history()
    dock = HistoryDock()
    qtbot.addWidget(dock)
    dock.set_history(history)
    history.add_listener(dock.refresh)
    history.push(SetClipProperty(["c"], "opacity", 0.5))
    history.push(SetTimelineProperty("resolution", "640x360"))
    dock.list.itemClicked.emit(dock.list.item(0))
    assert history.index == 0 and history.timeline.resolution == "1280x720"
    dock.list.itemClicked.emit(dock.list.item(2))
    assert history.index == 2 and history.timeline.resolution == "640x360"


def test_a_step_in_a_long_history_costs_little(qtbot: QtBot) -> None:
    history = _history()
    dock = HistoryDock()
    qtbot.addWidget(dock)
    dock.set_history(history)
    for i in range(1000):
        history.push(SetClipProperty(["c"], "opacity", (i % 10) / 10))
        history.break_merge()
    dock.refresh()
    started = time.perf_counter()
    for i in range(50):
        history.push(SetClipProperty(["c"], "scale", 1 + i / 100))  # a slider drag: merged steps
        dock.refresh()
    per_step_ms = (time.perf_counter() - started) * 1000 / 50
    assert per_step_ms < 5, f"{per_step_ms:.1f} ms per step"
    assert _rows(dock) == _expected(history)
