"""Still frames and preview sizes: the frame on the fps grid under t, composed as the export
is, at a smaller size with the same composition; and the text placement defect (issue 13)."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor_app.model import Clip, Offset, TextAsset, Timeline, Track, VideoAsset
from editor_app.model.assets import Alignment, Font
from editor_app.server.render.frames import frame_key, frame_start, render_frame
from editor_app.server.render.sources import RenderSource
from editor_app.server.tool_runner import ToolRunner
from tests.support.frames import Picture, decode_jpeg
from tests.support.media_checks import is_bluish, is_reddish
from tests.support.render_tools import make_video, source_for


@pytest.fixture(scope="module")
def blue(tmp_path_factory: pytest.TempPathFactory) -> RenderSource:
    folder = tmp_path_factory.mktemp("frames-media")
    return source_for(make_video(folder / "blue.mp4", "blue", seconds=4, size="320x180"), "m-blue")


def _frame(tools: ToolRunner, tmp_path: Path, timeline: Timeline, sources: dict[str, RenderSource],
           t: float, height: int) -> Picture:  # fmt: skip
    _index, at = frame_start(t, 25.0, timeline.duration)
    return decode_jpeg(render_frame(timeline, sources, at, 25.0, height, tools, tmp_path / "work"))


def _pip(red: RenderSource, blue: RenderSource) -> Timeline:
    """Red full frame; blue at half size in the top-right corner, nudged left by a tenth."""
    v1 = Track(name="V1", clips=[Clip(start=0, duration=2000, asset=VideoAsset(id=red.id))])
    pip = Clip(
        start=0, duration=2000, asset=VideoAsset(id=blue.id), scale=0.5, position="top_right",
        offset=Offset(x=-0.1, y=0), fit="contain",
    )  # fmt: skip
    return Timeline(resolution="640x360", tracks=[v1, Track(name="V2", clips=[pip])])


def test_frame_index_is_the_grid_frame_under_t() -> None:
    assert frame_start(0.0, 25.0, 2000) == (0, 0)
    assert frame_start(1.0399, 25.0, 2000) == (25, 1000)
    assert frame_start(1.04, 25.0, 2000) == (26, 1040)
    assert frame_start(99.0, 30.0, 2000) == (59, 1966)  # the last frame, not past the end


@pytest.mark.parametrize("height", [360, 180, 90])
def test_a_smaller_frame_keeps_the_composition(
    tools: ToolRunner, tmp_path: Path, red: RenderSource, blue: RenderSource, height: int
) -> None:
    timeline = _pip(red, blue)
    picture = _frame(tools, tmp_path, timeline, {red.id: red, blue.id: blue}, 0.5, height)
    assert (picture.width, picture.height) == (height * 16 // 9, height)
    w, h = picture.width, picture.height
    # the blue picture covers [0.4w, 0.9w) x [0, 0.5h) at every size; red around it
    assert is_bluish(picture.mean(int(0.45 * w), int(0.05 * h), int(0.85 * w), int(0.45 * h)))
    assert is_reddish(picture.mean(int(0.92 * w), int(0.05 * h), w, int(0.45 * h)))  # right of it
    assert is_reddish(picture.mean(0, int(0.55 * h), w, h))
    # nothing from another picture at the right edge
    assert is_reddish(picture.mean(w - max(2, w // 64), int(0.6 * h), w, h))


def test_frame_keys_follow_what_is_on_screen(red: RenderSource, blue: RenderSource) -> None:
    timeline = _pip(red, blue)
    sources = {red.id: red, blue.id: blue}
    assert frame_key(timeline, sources, 40, 25.0, 180) == frame_key(timeline, sources, 40, 25.0, 180)
    assert frame_key(timeline, sources, 40, 25.0, 180) != frame_key(timeline, sources, 40, 25.0, 90)
    moved = _pip(red, blue)
    moved.tracks[1].clips[0].scale = 0.4
    assert frame_key(timeline, sources, 40, 25.0, 180) != frame_key(moved, sources, 40, 25.0, 180)


def _title(text: str, vertical: str) -> Timeline:
    asset = TextAsset(
        text=text,
        font=Font(family="DejaVu Sans", size=40, color="#FFFFFF"),
        alignment=Alignment(horizontal="center", vertical=vertical),
    )
    return Timeline(
        resolution="640x360", tracks=[Track(name="T", clips=[Clip(start=0, duration=1000, asset=asset)])]
    )


def _text_rows(picture: Picture) -> list[int]:
    return [
        y for y in range(picture.height) if any(picture.pixel(x, y)[0] > 128 for x in range(picture.width))
    ]


@pytest.mark.parametrize(("text", "gap"), [("VideoDB Timeline Editor", 6), ("Editing by day", 1)])
def test_a_bottom_title_sits_whole_inside_the_frame(
    tools: ToolRunner, tmp_path: Path, text: str, gap: int
) -> None:
    """The demo's title touched the frame's last row (drawtext measures only the glyphs drawn),
    which read as cut off; its last baseline now sits a descent above the bottom."""
    bottom = _text_rows(_frame(tools, tmp_path, _title(text, "bottom"), {}, 0.2, 360))
    centre = _text_rows(_frame(tools, tmp_path, _title(text, "center"), {}, 0.2, 360))
    assert len(bottom) == len(centre)  # the same rows of text: nothing cut
    # free rows under it: a descent under the baseline, of which descenders take most
    assert bottom[-1] <= 360 - 1 - gap, f"the text reaches row {bottom[-1]} of 360"
    assert bottom[-1] >= 360 - 1 - 12  # still at the bottom, not floating up


def test_a_preview_title_is_the_full_size_title_scaled(tools: ToolRunner, tmp_path: Path) -> None:
    full = _text_rows(_frame(tools, tmp_path, _title("Editing by day", "bottom"), {}, 0.2, 360))
    half = _text_rows(_frame(tools, tmp_path, _title("Editing by day", "bottom"), {}, 0.2, 180))
    assert abs(len(half) - len(full) / 2) <= 2
    assert abs(half[-1] - full[-1] / 2) <= 2
