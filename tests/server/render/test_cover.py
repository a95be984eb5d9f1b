"""An opaque video filling the frame is the base of the picture instead of an overlay on the
background colour (render/cover.py): the same frames, byte for byte, and the background still
shows wherever a picture leaves part of the frame or part of the time uncovered."""

from __future__ import annotations

import dataclasses
import subprocess
from pathlib import Path
from typing import Any

import pytest

from editor_app.model import Timeline
from editor_app.samples import SampleMedia
from editor_app.server.render.export import FileRender
from editor_app.server.render.graph import build_plan
from editor_app.server.render.plan import RenderPlan
from editor_app.server.render.segments import segment_window
from editor_app.server.render.sources import RenderSource
from editor_app.server.tool_runner import ToolRunner
from tests.support.render_tools import close, pixel_at, source_for

GREEN = (0, 255, 0)


def _moving(folder: Path, name: str, size: str, fps: int, seconds: float) -> Path:
    """A moving test pattern with a tone: every frame differs, so a frame picked wrongly shows."""
    lavfi = ["-f", "lavfi", "-i", f"testsrc2=s={size}:r={fps}:d={seconds}"]
    lavfi += ["-f", "lavfi", "-i", f"sine=f=440:d={seconds}"]
    encode = ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest"]
    return SampleMedia(folder).make(name, lavfi, encode)


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> dict[str, RenderSource]:
    folder = tmp_path_factory.mktemp("cover-media")
    found = {
        "m-wide": source_for(_moving(folder, "wide.mp4", "320x180", 25, 3), "m-wide"),
        "m-fast": source_for(_moving(folder, "fast.mp4", "96x54", 30, 3), "m-fast"),
        "m-square": source_for(_moving(folder, "square.mp4", "240x180", 25, 3), "m-square"),
    }
    assert {source.video_codec for source in found.values()} == {"h264"}  # as ingest records it
    return found


def _timeline(base: dict[str, Any], *more: dict[str, Any]) -> Timeline:
    tracks = [{"clips": [{"start": base.pop("at", 0), "clip": base}]}]
    tracks += [{"clips": [{"start": 0, "clip": clip}]} for clip in more]
    body = {"timeline": {"background": "#00FF00", "resolution": "320x180", "tracks": tracks}}
    return Timeline.from_editor_json(body)


def _video(media_id: str, duration: float = 2, **fields: Any) -> dict[str, Any]:
    asset = {"type": "video", "id": media_id, "start": 0.5, "volume": 1}
    return {"asset": asset, "duration": duration, **fields}


TITLE = {"asset": {"type": "text", "text": "Over it"}, "duration": 2}
SMALL_FAST = {**_video("m-fast"), "fit": None, "position": "top_right"}


def _hashes(plan: RenderPlan) -> list[str]:
    """framemd5 of the plan's picture and sound, decoded frame by frame."""
    maps = ["-map", "[vout]", "-map", "[aout]"]
    command = ["ffmpeg", "-v", "error", *plan.input_args, *plan.graph_args(), *maps, "-f", "framemd5", "-"]
    out = subprocess.run(command, check=True, capture_output=True, text=True, timeout=120).stdout
    return [line for line in out.splitlines() if not line.startswith("#")]


def _opaque_unknown(media: dict[str, RenderSource]) -> dict[str, RenderSource]:
    """The same sources with no codec known: the renderer must assume alpha and keep the background."""
    return {key: dataclasses.replace(value, video_codec=None) for key, value in media.items()}


CASES = {
    "export with a title on top": (lambda: _timeline(_video("m-wide"), TITLE), None, None),
    "preview segment, smaller": (lambda: _timeline(_video("m-wide"), TITLE), segment_window(1000, 2000), 90),
    # the 30 fps layer sets the output rate: the 25 fps base must pick frames as overlay did
    "another frame rate on top": (lambda: _timeline(_video("m-wide"), SMALL_FAST), None, None),
    # 3 s of source from 0.5 s: the picture runs out 0.5 s before the clip ends
    "source runs out": (lambda: _timeline(_video("m-wide", duration=3)), None, None),
    "effect and a look": (lambda: _timeline(_video("m-wide", effect="zoomIn", filter="boost")), None, None),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_covering_video_is_the_base_and_the_frames_are_the_same(
    case: str, media: dict[str, RenderSource], tmp_path: Path
) -> None:
    make, window, height = CASES[case]
    timeline = make()
    fast = build_plan(timeline, media, tmp_path / "fast", window, height=height)
    slow = build_plan(timeline, _opaque_unknown(media), tmp_path / "slow", window, height=height)
    assert "[bg]" not in fast.graph and "[bg]" in slow.graph
    fast.write_files()
    slow.write_files()
    ours, before = _hashes(fast), _hashes(slow)
    assert len(ours) > 20
    assert ours == before


UNCOVERED = {  # (clip, (seconds, x, y) where only the background shows)
    # a 4:3 source fitted into 16:9 leaves bars at the sides
    "contain leaves bars": (_video("m-square", fit="contain"), (0.5, 5, 90)),
    "offset to the right": (_video("m-wide", offset={"x": 0.25, "y": 0}), (0.5, 10, 90)),
    "smaller than the frame": (_video("m-wide", scale=0.5), (0.5, 10, 10)),
    "starts later": ({**_video("m-wide", duration=1.5), "at": 0.5}, (0.1, 160, 90)),
    "fades in": (_video("m-wide", transition={"in": "fade", "duration": 1}), (0.0, 160, 90)),
    "half transparent": (_video("m-wide", opacity=0.5), None),
}


@pytest.mark.parametrize("case", list(UNCOVERED))
def test_a_picture_leaving_the_frame_uncovered_shows_the_background(
    case: str, media: dict[str, RenderSource], tmp_path: Path, tools: ToolRunner
) -> None:
    clip, point = UNCOVERED[case]
    plan = build_plan(_timeline(dict(clip)), media, tmp_path / "work")
    assert "[bg][v0]overlay" in plan.graph
    if point is None:
        return
    out = tmp_path / "out.mp4"
    FileRender(plan, out, "mp4", "high", tools).run()
    assert close(pixel_at(out, *point), GREEN), case


@pytest.mark.parametrize("codec", [None, "prores", "png", "qtrle", "hevc"])
def test_a_video_that_may_carry_alpha_keeps_the_background(
    codec: str | None, media: dict[str, RenderSource], tmp_path: Path
) -> None:
    sources = {key: dataclasses.replace(value, video_codec=codec) for key, value in media.items()}
    assert "[bg]" in build_plan(_timeline(_video("m-wide")), sources, tmp_path).graph
