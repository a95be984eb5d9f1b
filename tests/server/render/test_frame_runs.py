"""Still frames rendered a neighbourhood per ffmpeg run (issue 13, seek and scrub): every frame
a run writes for later requests is exactly the frame on the fps grid under its t, requests for a
frame a run is writing wait for it instead of starting ffmpeg, and runs nobody waits for end."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from editor_app.model import Clip, Timeline, Track, VideoAsset
from editor_app.server.render.frame_runs import FrameRenderer, jpeg_end
from editor_app.server.render.sources import RenderSource
from editor_app.server.tool_runner import ToolRunner
from tests.support.frames import decode_jpeg
from tests.support.media_checks import RAMP_PERIOD, grey_ramp_video, ramp_step
from tests.support.render_tools import source_for

FPS = 25.0


@pytest.fixture(scope="module")
def ramp(tmp_path_factory: pytest.TempPathFactory) -> RenderSource:
    return source_for(grey_ramp_video(tmp_path_factory.mktemp("ramp") / "ramp.mp4"), "m-ramp")


def _timeline(ramp: RenderSource, resolution: str = "320x180") -> Timeline:
    clip = Clip(start=0, duration=4000, asset=VideoAsset(id=ramp.id))
    return Timeline(resolution=resolution, tracks=[Track(name="V1", clips=[clip])])


def _step(renderer: FrameRenderer, ramp: RenderSource, t: float, height: int = 90) -> int:
    resolution = "320x180" if height <= 180 else f"{height * 16 // 9}x{height}"
    jpeg = renderer.frame("s", _timeline(ramp, resolution), {ramp.id: ramp}, t, FPS, height)
    return ramp_step(decode_jpeg(jpeg).mean())


def _expected(t: float) -> int:
    return int(t * FPS + 1e-6) % RAMP_PERIOD


def test_one_run_serves_the_frames_after_the_asked_one_exactly(
    tools: ToolRunner, tmp_path: Path, ramp: RenderSource
) -> None:
    renderer = FrameRenderer(tools, tmp_path)
    assert _step(renderer, ramp, 1.0) == _expected(1.0)
    # a drag forward: frames 0.04 s .. 0.56 s later, including instants between grid frames
    for t in (1.04, 1.1, 1.17, 1.2, 1.3, 1.33, 1.49, 1.56):
        assert _step(renderer, ramp, t) == _expected(t), t
    assert renderer.runs_started == 1


def test_a_drag_backwards_renders_the_frames_before(
    tools: ToolRunner, tmp_path: Path, ramp: RenderSource
) -> None:
    renderer = FrameRenderer(tools, tmp_path)
    assert _step(renderer, ramp, 3.0) == _expected(3.0)
    assert _step(renderer, ramp, 2.9) == _expected(2.9)  # a little back: frames up to 2.9 s
    assert renderer.runs_started == 2
    for t in (2.88, 2.8, 2.7, 2.5, 2.44):
        assert _step(renderer, ramp, t) == _expected(t), t
    assert renderer.runs_started == 2


def test_requests_for_frames_being_rendered_wait_for_that_run(
    tools: ToolRunner, tmp_path: Path, ramp: RenderSource
) -> None:
    renderer = FrameRenderer(tools, tmp_path)
    spots = [0.5 + n * 0.04 for n in range(12)]
    with ThreadPoolExecutor(6) as pool:
        # the first request starts the run; the others come while it renders (submitted together,
        # a later spot could win the lock first and start a backwards run of its own)
        first = pool.submit(_step, renderer, ramp, spots[0])
        deadline = time.monotonic() + 30
        while renderer.runs_started == 0 and time.monotonic() < deadline:
            time.sleep(0.005)
        steps = [first.result(), *pool.map(lambda t: _step(renderer, ramp, t), spots[1:])]
    assert steps == [_expected(t) for t in spots]
    assert renderer.runs_started == 1  # the first request's run wrote them all


def test_a_jump_ends_the_run_nobody_waits_for_and_its_frames_render_again(
    tools: ToolRunner, tmp_path: Path, ramp: RenderSource
) -> None:
    # 3 s of 1080p frames per run: long enough to jump away while one runs; decoded afterwards
    renderer = FrameRenderer(tools, tmp_path, neighbourhood_s=3.0)
    timeline, sources = _timeline(ramp, "1920x1080"), {ramp.id: ramp}
    spots = (0.0, 3.2, 0.8)  # jumps, each a new run while the one before still writes frames
    jpegs = [renderer.frame("s", timeline, sources, t, FPS, 1080) for t in spots]
    assert renderer.runs_abandoned >= 1
    assert [ramp_step(decode_jpeg(j).mean()) for j in jpegs] == [_expected(t) for t in spots]
    for t in (0.52, 2.0, 2.96, 3.24):  # what an ended run did not write renders again, exactly
        assert _step(renderer, ramp, t, 1080) == _expected(t), t


def test_the_last_frames_of_the_timeline(tools: ToolRunner, tmp_path: Path, ramp: RenderSource) -> None:
    renderer = FrameRenderer(tools, tmp_path)
    for t in (3.9, 3.96, 99.0):
        assert _step(renderer, ramp, t) == _expected(min(t, 3.96)), t


def test_jpeg_end_finds_each_whole_picture_in_a_stream(
    tools: ToolRunner, tmp_path: Path, ramp: RenderSource
) -> None:
    jpeg = FrameRenderer(tools, tmp_path).frame("s", _timeline(ramp), {ramp.id: ramp}, 0.0, FPS, 90)
    assert jpeg_end(jpeg) == len(jpeg)
    stream = jpeg + jpeg[:100]
    assert jpeg_end(stream) == len(jpeg)
    assert jpeg_end(jpeg[: len(jpeg) - 1]) is None and jpeg_end(jpeg[:3]) is None
