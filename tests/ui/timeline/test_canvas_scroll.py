"""Scrolling reuses the static layer shifted by whole pixels and repaints only strips: the
result must match a full repaint."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from editor_app.model import Clip, VideoAsset
from editor_app.model.undo import History
from editor_app.ui.timeline.canvas import TimelineCanvas
from editor_app.ui.timeline.logic.geometry import TimeScale
from tests.support.canvas import ColourThumbnails, open_view


def _frame(canvas: TimelineCanvas) -> QImage:
    canvas.repaint()
    return canvas.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def _differing(a: QImage, b: QImage, threshold: int = 60) -> float:
    """The share of pixels whose colour differs by more than `threshold` in some channel.
    (A shifted layer may sit a fraction of a pixel off, moving an edge by one column.)"""
    count = 0
    width, height = a.width(), a.height()
    for y in range(0, height, 2):
        for x in range(0, width, 2):
            p, q = a.pixel(x, y), b.pixel(x, y)
            if p != q and max(abs(((p >> s) & 255) - ((q >> s) & 255)) for s in (0, 8, 16)) > threshold:
                count += 1
    return count / ((width // 2) * (height // 2))


@pytest.mark.parametrize("pps", [50.0, 37.3])
def test_incremental_scroll_matches_a_full_repaint(qtbot: QtBot, history: History, pps: float) -> None:
    v1 = history.timeline.track("v1")
    for i in range(40):  # long clips with names, so names stick to the left edge while scrolling
        history.timeline.attach(
            v1, Clip(id=f"x{i}", start=9000 + i * 3100, duration=3000, asset=VideoAsset(id="m-beach"))
        )
    view = open_view(qtbot, history)
    canvas = view.canvas
    view.set_thumbnail_provider(ColourThumbnails())
    canvas.set_selection(["city"])
    canvas.set_scale(TimeScale(pps, 0))
    _frame(canvas)
    full_repaints = 0
    for step in [17, 17, 40, 3, -25, 90, -60, 17, 17, 200]:
        before = canvas._static
        canvas.scroll_to(canvas.scale.origin_ticks + round(step * canvas.scale.ticks_per_px()))
        incremental = _frame(canvas)
        full_repaints += canvas._static is not before
        canvas._static = None  # force the whole layer to be painted again
        full = _frame(canvas)
        assert _differing(incremental, full) < 0.001, f"after a {step} px scroll"
    assert full_repaints == 0  # every step above was a shift, not a repaint


def test_a_big_jump_or_a_zoom_repaints_everything(qtbot: QtBot, history: History) -> None:
    view = open_view(qtbot, history)
    canvas = view.canvas
    _frame(canvas)
    first = canvas._static
    canvas.scroll_to(canvas.scale.origin_ticks + round(canvas.width() * canvas.scale.ticks_per_px()))
    _frame(canvas)
    second = canvas._static
    assert second is not first
    canvas.zoom_in()
    _frame(canvas)
    assert canvas._static is not second
    canvas.set_playhead(1234)  # the playhead is drawn over the layer: no repaint of it
    _frame(canvas)
    third = canvas._static
    canvas.set_playhead(2345)
    _frame(canvas)
    assert canvas._static is third
