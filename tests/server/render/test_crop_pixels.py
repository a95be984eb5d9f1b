"""Crop in source pixels, as the Python SDK documents it: an SDK script's `Crop(top=100)` cuts
exactly 100 source rows."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from videodb import editor as sdk

from editor_app.model import Timeline
from editor_app.server.render.export import FileRender
from editor_app.server.render.graph import build_plan
from editor_app.server.render.sources import RenderSource
from editor_app.server.tool_runner import ToolRunner
from tests.support.render_tools import _make, source_for


@pytest.fixture(scope="module")
def striped(tmp_path_factory: pytest.TempPathFactory) -> RenderSource:
    """160x300: rows 0-99 red, rows 100-299 blue."""
    path = tmp_path_factory.mktemp("crop") / "striped.png"
    inputs = ["-f", "lavfi", "-i", "color=red:s=160x100", "-f", "lavfi", "-i", "color=blue:s=160x200"]
    return source_for(_make(path, inputs, ["-filter_complex", "vstack", "-frames:v", "1"]), "img-striped")


def test_crop_top_100_cuts_exactly_100_source_rows(
    striped: RenderSource, tmp_path: Path, tools: ToolRunner
) -> None:
    timeline = sdk.Timeline(object())
    timeline.resolution = "320x320"
    timeline.background = "#000000"
    track = sdk.Track()
    asset = sdk.ImageAsset(id=striped.id, crop=sdk.Crop(top=100))
    track.add_clip(0, sdk.Clip(asset=asset, duration=1, fit=sdk.Fit.none))
    timeline.add_track(track)
    ours = Timeline.from_editor_json(timeline.to_json())
    out = tmp_path / "crop.mp4"
    FileRender(build_plan(ours, {striped.id: striped}, tmp_path / "work"), out, "mp4", "high", tools).run()
    raw = subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-i",
            str(out),
            "-frames:v",
            "1",
            "-vf",
            "format=rgb24",
            "-f",
            "rawvideo",
            "-",
        ],
        check=True,
        capture_output=True,
    ).stdout
    column = [raw[(y * 320 + 160) * 3 : (y * 320 + 160) * 3 + 3] for y in range(320)]
    blue = [y for y, px in enumerate(column) if px[2] > 150 and px[0] < 80]
    red = [y for y, px in enumerate(column) if px[0] > 150 and px[2] < 80]
    assert not red  # the red rows are gone
    assert max(blue) - min(blue) + 1 == pytest.approx(200, abs=1)  # the 200 blue rows, unscaled
