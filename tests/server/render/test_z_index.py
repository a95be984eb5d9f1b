"""A clip's z_index adds to its track's: it lifts the clip over overlapping clips of higher tracks."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor_app.model import Clip, ImageAsset, Timeline, Track
from editor_app.server.render.export import FileRender
from editor_app.server.render.graph import build_plan
from editor_app.server.tool_runner import ToolRunner
from tests.support.render_tools import close, make_image, pixel_at, source_for


@pytest.mark.parametrize(("lift", "seen"), [(0, (0, 0, 255)), (2, (255, 0, 0))])
def test_clip_z_index_lifts_a_clip_over_a_higher_track(
    lift: int, seen: tuple[int, int, int], tmp_path: Path, tools: ToolRunner
) -> None:
    red = source_for(make_image(tmp_path / "red.png", "red"), "img-red")
    blue = source_for(make_image(tmp_path / "blue.png", "blue"), "img-blue")
    timeline = Timeline(
        resolution="64x64",
        tracks=[
            Track(z_index=0, clips=[Clip(start=0, duration=1000, asset=ImageAsset(id=red.id), z_index=lift)]),
            Track(z_index=1, clips=[Clip(start=0, duration=1000, asset=ImageAsset(id=blue.id))]),
        ],
    )
    out = tmp_path / "z.mp4"
    plan = build_plan(timeline, {red.id: red, blue.id: blue}, tmp_path / "work")
    FileRender(plan, out, "mp4", "high", tools).run()
    assert close(pixel_at(out, 0.5, 32, 32), seen)
