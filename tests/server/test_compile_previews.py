"""The preview renderer: cache markers, failure reasons, eviction, and telling exports to yield."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from editor_app.model import Timeline
from editor_app.server.render.graph import RenderPlan, build_plan
from editor_app.server.render.hls import DONE_MARKER, PreviewFailed, PreviewRenderer
from editor_app.server.render.sources import RenderSource
from tests.server.render_tools import make_video, source_for


@pytest.fixture(scope="module")
def red(tmp_path_factory: pytest.TempPathFactory) -> RenderSource:
    folder = tmp_path_factory.mktemp("preview-media")
    return source_for(make_video(folder / "red.mp4", "red", seconds=4), "m-red")


def planner(source: RenderSource, copies: int) -> Callable[[Path], RenderPlan]:
    asset = {"type": "video", "id": source.id, "start": 0, "volume": 1}
    clips = [{"start": i * 4, "clip": {"asset": asset, "duration": 4}} for i in range(copies)]
    timeline = Timeline.from_editor_json(
        {"timeline": {"resolution": "320x180", "tracks": [{"clips": clips}]}}
    )

    def make_plan(work_dir: Path) -> RenderPlan:
        return build_plan(timeline, {source.id: source}, work_dir)

    return make_plan


def wait_until(predicate: Callable[[], bool], limit: float = 30) -> None:
    deadline = time.monotonic() + limit
    while not predicate():
        assert time.monotonic() < deadline
        time.sleep(0.05)


def test_a_finished_preview_is_marked_and_busy_is_reported(red: RenderSource, tmp_path: Path) -> None:
    busy: list[bool] = []
    previews = PreviewRenderer(tmp_path, on_busy=busy.append)
    previews.ensure("one", planner(red, 1))
    assert previews.playlist_when_ready("one", 10) is not None
    wait_until(lambda: previews.is_cached("one"))
    assert (tmp_path / "one" / DONE_MARKER).is_file() and not (tmp_path / "one" / "work").exists()
    assert busy == [True, False]
    previews.ensure("one", planner(red, 1))
    assert not previews.is_running("one")  # cached: nothing starts


def test_a_failed_preview_keeps_ffmpegs_reason(red: RenderSource, tmp_path: Path) -> None:
    gone = RenderSource(**{**red.__dict__, "path": tmp_path / "missing.mp4"})
    previews = PreviewRenderer(tmp_path / "streams")
    previews.ensure("bad", planner(gone, 1))
    with pytest.raises(PreviewFailed, match="No such file"):
        previews.playlist_when_ready("bad", 10)


def test_an_older_preview_pauses_for_a_newer_one_and_goes_on_after(red: RenderSource, tmp_path: Path) -> None:
    busy: list[bool] = []
    previews = PreviewRenderer(tmp_path, max_active=1, on_busy=busy.append)
    try:
        previews.ensure("old", planner(red, 30))
        assert previews.playlist_when_ready("old", 10) is not None
        first_segment = (tmp_path / "old" / "seg_00000.ts").stat()
        previews.ensure("new", planner(red, 1))
        assert previews.is_paused("old") and previews.is_running("new")
        wait_until(lambda: previews.is_cached("new"))
        wait_until(lambda: previews.is_running("old"), 5)  # resumed once the slot was free
        wait_until(lambda: previews.is_cached("old"), 120)
        # resumed, not restarted: the segment written before the pause is the same file
        assert (tmp_path / "old" / "seg_00000.ts").stat().st_ino == first_segment.st_ino
        assert busy == [True, False]
    finally:
        previews.shutdown()


def test_asking_again_resumes_and_too_many_paused_are_dropped(red: RenderSource, tmp_path: Path) -> None:
    previews = PreviewRenderer(tmp_path, max_active=1, max_live=2)
    try:
        previews.ensure("a", planner(red, 60))
        previews.ensure("b", planner(red, 60))
        assert previews.is_paused("a") and previews.is_running("b")
        previews.ensure("a", planner(red, 60))  # a player asks for "a" again: the two swap
        assert previews.is_running("a") and previews.is_paused("b")
        previews.ensure("c", planner(red, 60))  # a third: "a" pauses, "b" (oldest paused) is dropped
        assert previews.is_running("c") and previews.is_paused("a") and not previews.is_paused("b")
        assert not previews.is_running("b")
        previews.ensure("b", planner(red, 60))  # dropped work renders again from scratch
        assert previews.is_running("b") and previews.playlist_when_ready("b", 10) is not None
    finally:
        previews.shutdown()
    assert not any(previews.is_running(s) or previews.is_paused(s) for s in "abc")


def test_a_failure_is_forgotten_only_on_request(red: RenderSource, tmp_path: Path) -> None:
    gone = RenderSource(**{**red.__dict__, "path": tmp_path / "missing.mp4"})
    previews = PreviewRenderer(tmp_path / "streams")
    previews.ensure("flaky", planner(gone, 1))
    with pytest.raises(PreviewFailed):
        previews.playlist_when_ready("flaky", 10)
    previews.ensure("flaky", planner(red, 1))  # a failure stays until forgotten
    with pytest.raises(PreviewFailed):
        previews.playlist_when_ready("flaky", 1)
    assert previews.forget_failure("flaky") and not previews.forget_failure("flaky")
    previews.ensure("flaky", planner(red, 1))
    assert previews.playlist_when_ready("flaky", 10) is not None
