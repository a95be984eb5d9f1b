"""What the canvas shows, read back from its pixels: kind colours, thumbnails arriving late,
waveforms, the selection outline, locked and muted tracks, level of detail at 20,000 clips."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor, QImage, QPainter
from pytestqt.qtbot import QtBot

from editor_app.model import Clip, Timeline, Track, VideoAsset
from editor_app.model.undo import History
from editor_app.ui.timeline.canvas import TimelineCanvas
from editor_app.ui.timeline.clip_painter import ClipPainter
from editor_app.ui.timeline.logic.geometry import LABEL_HEIGHT, TimeScale
from editor_app.ui.timeline.logic.gestures import ClipView
from editor_app.ui.timeline.style import kind_colour
from tests.support.canvas import ColourThumbnails, open_view, x_at


def _grab(canvas: TimelineCanvas, path: Path) -> QImage:
    canvas.repaint()
    image = canvas.grab().toImage()
    image.save(str(path))  # kept in the test's tmp dir for a look when something fails
    return image


def _pixel(image: QImage, x: int, y: int) -> QColor:
    ratio = image.devicePixelRatio()
    return QColor(image.pixel(round(x * ratio), round(y * ratio)))


def _close(a: QColor, b: QColor, tolerance: int = 12) -> bool:
    pairs = ((a.red(), b.red()), (a.green(), b.green()), (a.blue(), b.blue()))
    return all(abs(p - q) <= tolerance for p, q in pairs)


class LateThumbnails(ColourThumbnails):
    """Answers None until `ready`, like a provider still loading in the background."""

    ready = False

    def thumbnail(self, media_id: str, index: int) -> QImage | None:
        return super().thumbnail(media_id, index) if self.ready else None


def test_thumbnails_that_arrive_later_are_painted_after_update(
    qtbot: QtBot, history: History, tmp_path: Path
) -> None:
    view = open_view(qtbot, history)
    canvas = view.canvas
    provider = LateThumbnails()
    view.set_thumbnail_provider(provider)
    row = canvas.layout_rows().row_of("v1")
    assert row is not None
    x, y = x_at(canvas, 500), int(row.top + LABEL_HEIGHT + 10)  # inside beach's first tile
    before = _pixel(_grab(canvas, tmp_path / "loading.png"), x, y)
    assert _close(before, kind_colour("video"))  # no picture yet: the kind colour
    provider.ready = True
    view.update()  # what the main window does when the provider reports a landing
    after = _pixel(_grab(canvas, tmp_path / "loaded.png"), x, y)
    expected = provider.thumbnail("m-beach", 1)  # beach starts 1 s into its source
    assert expected is not None
    assert _close(after, QColor(expected.pixel(10, 10)), 30)
    assert not _close(after, kind_colour("video"))


def test_kinds_selection_lock_mute_and_waveform_show(qtbot: QtBot, history: History, tmp_path: Path) -> None:
    view = open_view(qtbot, history)
    canvas = view.canvas
    view.set_thumbnail_provider(ColourThumbnails())
    timeline = history.timeline
    timeline.track("a1").muted = True
    timeline.track("v2").locked = True
    canvas.set_selection(["city"])
    view.update()
    image = _grab(canvas, tmp_path / "look.png")
    layout = canvas.layout_rows()
    v1, v2, a1 = (layout.row_of(t) for t in ("v1", "v2", "a1"))
    assert v1 is not None and v2 is not None and a1 is not None
    # the selected clip has a bright outline along its top edge
    outline = _pixel(image, x_at(canvas, 6000), int(v1.top) + 3)
    assert outline.lightness() > 200
    # text clips are orange, images purple (hatched because V2 is locked: some pixels darker)
    title = [_pixel(image, x_at(canvas, 6000) + dx, int(v2.top + LABEL_HEIGHT + 20)) for dx in range(12)]
    assert any(_close(p, kind_colour("text"), 20) for p in title)
    assert any(p.lightness() < kind_colour("text").lightness() - 15 for p in title)  # the hatch
    # the muted audio track is desaturated; its waveform draws lighter strokes across the body
    music = [_pixel(image, x_at(canvas, 5000) + dx, int(a1.top + a1.height / 2)) for dx in range(40)]
    assert max(p.hsvSaturation() for p in music) < kind_colour("audio").hsvSaturation()
    assert max(p.lightness() for p in music) > min(p.lightness() for p in music) + 20  # strokes


def test_twenty_thousand_thin_clips_are_drawn_as_bars(qtbot: QtBot, tmp_path: Path) -> None:
    track = Track(id="v", name="V1", kind="video")
    timeline = Timeline(tracks=[track])
    for i in range(20_000):
        timeline.attach(track, Clip(start=i * 1000, duration=900, asset=VideoAsset(id="m")))
    view = open_view(qtbot, History(timeline))
    canvas = view.canvas
    canvas.zoom_to_fit()
    assert canvas.scale.px_per_second < 0.1
    image = _grab(canvas, tmp_path / "dense.png")
    row = canvas.layout_rows().rows[0]
    y = int(row.top + row.height / 2)
    covered = [_pixel(image, x, y) for x in range(5, int(canvas.scale.x_of(19_000_000)), 25)]
    assert all(_close(p, kind_colour("video").darker(112), 16) for p in covered)
    canvas.set_scale(TimeScale(100.0, 0))  # close up the same clips have their own rectangles
    image = _grab(canvas, tmp_path / "close.png")
    gap = _pixel(image, x_at(canvas, 950), y)
    assert not _close(gap, kind_colour("video"), 30)


def test_only_visible_clips_are_painted_however_many_there_are(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    painted: list[str] = []
    original = ClipPainter.paint

    def counting(
        self: ClipPainter, painter: QPainter, track: Track, view: ClipView, *args: Any, **kw: Any
    ) -> None:
        painted.append(view.clip.id)
        original(self, painter, track, view, *args, **kw)

    monkeypatch.setattr(ClipPainter, "paint", counting)
    track = Track(id="v", name="V1", kind="video")
    timeline = Timeline(tracks=[track])
    for i in range(50_000):
        timeline.attach(track, Clip(id=f"c{i}", start=i * 2000, duration=2000, asset=VideoAsset(id="m")))
    view = open_view(qtbot, History(timeline))
    canvas = view.canvas
    canvas.set_scale(TimeScale(50.0, 40_000_000))  # 1 clip = 100 px, deep into the timeline
    painted.clear()
    canvas.refresh()
    canvas.grab()  # renders the canvas, static layer included
    shown = canvas.width() / 100
    assert shown <= len(painted) <= shown + 3
    assert all(
        40_000_000 - 2000 <= timeline.clip(c).start < 40_000_000 + canvas.width() * 20 for c in painted
    )
