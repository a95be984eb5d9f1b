"""Motion effects built with the official SDK (`Clip(effect=...)`), rendered and measured frame
by frame: zooms magnify the centre steadily with no backward step and no whole-pixel jumps, slides
move the way their names say, and an unknown name renders as no effect."""

from __future__ import annotations

import itertools
import subprocess
from pathlib import Path

import pytest
from videodb import editor as sdk

from editor_app.model import Timeline
from editor_app.server.render.effects import EFFECT_NAMES, known_effect
from editor_app.server.render.export import FileRender
from editor_app.server.render.graph import build_plan
from editor_app.server.render.sources import RenderSource
from editor_app.server.tool_runner import ToolRunner
from tests.support.render_tools import _make, source_for

W, H, FPS = 320, 180, 25


@pytest.fixture(scope="module")
def square(tmp_path_factory: pytest.TempPathFactory) -> RenderSource:
    """A white 40x40 square in the middle of a black 320x180 picture."""
    path = tmp_path_factory.mktemp("effects") / "square.png"
    box = "color=black:s=320x180,drawbox=x=140:y=70:w=40:h=40:color=white:t=fill"
    return source_for(_make(path, ["-f", "lavfi", "-i", box], ["-frames:v", "1"]), "img-square")


def render(effects: list[str | None], square: RenderSource, out: Path, tools: ToolRunner) -> Path:
    timeline = sdk.Timeline(object())
    timeline.resolution = f"{W}x{H}"
    track = sdk.Track()
    for i, effect in enumerate(effects):
        track.add_clip(i * 2, sdk.Clip(asset=sdk.ImageAsset(id=square.id), duration=2, effect=effect))
    timeline.add_track(track)
    ours = Timeline.from_editor_json(timeline.to_json())
    FileRender(build_plan(ours, {square.id: square}, out.parent / "work"), out, "mp4", "high", tools).run()
    return out


def frames(path: Path) -> list[bytes]:
    raw = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(path), "-vf", "format=gray", "-f", "rawvideo", "-"],
        check=True,
        capture_output=True,
    ).stdout
    return [raw[i : i + W * H] for i in range(0, len(raw), W * H)]


def width_and_centre(frame: bytes, row: int | None = None, column: int | None = None) -> tuple[float, float]:
    """The square's extent (sub-pixel: summed brightness) and centre along a row or a column."""
    line = frame[row * W : (row + 1) * W] if row is not None else frame[column::W]
    weights = [v / 255 for v in line]
    total = sum(weights)
    return total, sum(i * w for i, w in enumerate(weights)) / max(total, 1e-9)


def test_every_effect_name_is_known_and_others_are_not() -> None:
    assert len(EFFECT_NAMES) == 18 and all(known_effect(n) for n in EFFECT_NAMES)
    assert known_effect(None) and not known_effect("kenBurns") and not known_effect("zoomInSlowly")


def test_zooms_magnify_the_centre_steadily_and_slides_move_their_way(
    square: RenderSource, tmp_path: Path, tools: ToolRunner
) -> None:
    names = ["zoomIn", "zoomOut", "slideLeft", "slideRight", "slideUp", "slideDown", "kenBurns"]
    video = frames(render(names, square, tmp_path / "fx.mp4", tools))
    per_clip = 2 * FPS
    for index, name in enumerate(names):
        clip = video[index * per_clip + 1 : (index + 1) * per_clip - 1]
        widths = [width_and_centre(f, row=H // 2)[0] for f in clip]
        xs = [width_and_centre(f, row=H // 2)[1] for f in clip]
        ys = [width_and_centre(f, column=W // 2)[1] for f in clip]
        steps = [b - a for a, b in itertools.pairwise(widths)]
        if name == "zoomIn":
            assert widths[0] == pytest.approx(40, abs=1.5) and widths[-1] == pytest.approx(48, abs=1.5)
            assert min(steps) > -0.05, "a backward step"
            assert max(steps) < 0.5, "a whole-pixel jump"
            assert all(abs(x - (W - 1) / 2) < 0.6 for x in xs)  # about the centre (pixel 159.5)
        elif name == "zoomOut":
            assert widths[0] > widths[-1] + 6 and max(steps) < 0.05
        elif name == "kenBurns":  # unknown: kept, drawn still
            assert max(widths) - min(widths) < 0.3 and max(xs) - min(xs) < 0.3
        else:
            moves = {"slideLeft": xs, "slideRight": xs, "slideUp": ys, "slideDown": ys}[name]
            sign = -1 if name in ("slideLeft", "slideUp") else 1
            deltas = [sign * (b - a) for a, b in itertools.pairwise(moves)]
            assert min(deltas) > -0.05 and sum(deltas) > 10, name
