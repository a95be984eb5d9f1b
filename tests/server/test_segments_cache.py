"""The segment cache: render on request, read ahead, re-render only what an edit touched,
failure reasons, what runs first, and telling exports to yield."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from editor_app.model import Timeline
from editor_app.server.render.segment_cache import SegmentCache
from editor_app.server.render.segments import SegmentedTimeline, SegmentFailed
from editor_app.server.render.sources import RenderSource
from tests.server.render_tools import make_video, source_for


@pytest.fixture(scope="module")
def red(tmp_path_factory: pytest.TempPathFactory) -> RenderSource:
    folder = tmp_path_factory.mktemp("cache-media")
    return source_for(make_video(folder / "red.mp4", "red", seconds=4, size="160x90"), "m-red")


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[SegmentCache]:
    made = SegmentCache(tmp_path / "segments", workers=1, read_ahead=2)
    yield made
    made.shutdown()


def stream(source: RenderSource, copies: int, name: str, last_volume: float = 1.0) -> SegmentedTimeline:
    clips: list[dict[str, Any]] = []
    for i in range(copies):
        volume = last_volume if i == copies - 1 else 1.0
        asset = {"type": "video", "id": source.id, "start": 0, "volume": volume}
        clips.append({"start": i * 4, "clip": {"asset": asset, "duration": 4}})
    body = {"timeline": {"resolution": "160x90", "tracks": [{"clips": clips}]}}
    return SegmentedTimeline(name, Timeline.from_editor_json(body), {source.id: source})


def wait_until(predicate: Callable[[], bool], limit: float = 30) -> None:
    deadline = time.monotonic() + limit
    while not predicate():
        assert time.monotonic() < deadline
        time.sleep(0.05)


def test_a_request_renders_its_segment_and_reads_ahead(cache: SegmentCache, red: RenderSource) -> None:
    seen = stream(red, 3, "a")  # 6 segments
    path = cache.fetch(seen, 0, 20)
    assert path.is_file() and path.read_bytes()[:1] == b"\x47"
    wait_until(lambda: all(cache.is_cached(s) for s in seen.segments[1:3]))
    time.sleep(0.3)
    assert not cache.is_cached(seen.segments[3])  # only `read_ahead` segments ahead
    assert cache.renders == 3
    assert cache.fetch(seen, 1, 20) == cache.path(seen.segments[1])


def test_an_edit_rerenders_only_the_segments_it_touches(cache: SegmentCache, red: RenderSource) -> None:
    cache.read_ahead = 0
    before = stream(red, 3, "before")
    for index in range(len(before.segments)):
        cache.fetch(before, index, 20)
    assert cache.renders == 6
    after = stream(red, 3, "after", last_volume=0.5)  # the last clip, [8 s, 12 s), is quieter
    for index in range(len(after.segments)):
        cache.fetch(after, index, 20)
    # its two segments, and the one before whose last sound frame reaches past 8 s
    assert cache.renders == 9


def test_a_failure_gives_ffmpegs_reason_and_is_tried_again(cache: SegmentCache, red: RenderSource) -> None:
    cache.read_ahead = 0
    gone = RenderSource(**{**red.__dict__, "path": red.path.with_name("missing.mp4")})
    broken = stream(gone, 1, "broken")
    with pytest.raises(SegmentFailed, match="No such file"):
        cache.fetch(broken, 0, 20)
    with pytest.raises(SegmentFailed):
        cache.fetch(broken, 0, 20)
    assert cache.renders == 2 and not cache.is_cached(broken.segments[0])


def test_busy_is_reported_around_renders(tmp_path: Path, red: RenderSource) -> None:
    busy: list[bool] = []
    cache = SegmentCache(tmp_path, workers=1, read_ahead=1, on_busy=busy.append)
    try:
        cache.fetch(stream(red, 1, "one"), 0, 20)
        wait_until(lambda: busy[-1:] == [False] and cache.renders == 2)
        assert busy[0] is True and busy[-1] is False
    finally:
        cache.shutdown()


def test_a_newer_stream_goes_first_and_the_old_read_ahead_is_dropped(
    cache: SegmentCache, red: RenderSource
) -> None:
    old, new = stream(red, 5, "old"), stream(red, 5, "new", last_volume=0.5)
    cache.fetch(old, 0, 20)  # queues old 1 and 2 behind it
    answered: list[float] = []
    started = time.monotonic()
    asker = threading.Thread(target=lambda: answered.append(cache.fetch(new, 8, 20) and time.monotonic()))
    asker.start()
    asker.join(30)
    assert answered, "the newer stream's segment never came"
    # at most the old segment already under way rendered before it, never both read-aheads
    wait_until(lambda: cache.is_cached(new.segments[9]))
    time.sleep(0.5)
    rendered_old = [cache.is_cached(s) for s in old.segments[1:3]]
    assert rendered_old.count(True) <= 1, rendered_old
    assert answered[0] - started < 10


class RecordingCache(SegmentCache):
    """Records each pause/resume of read-ahead with how many live read-ahead ffmpegs it reached."""

    signals: list[tuple[str, int]]

    def _signal_read_ahead(self, which: signal.Signals) -> None:
        live = sum(1 for job in self._reading_ahead if job.process is not None and job.process.poll() is None)
        self.signals.append((which.name, live))
        super()._signal_read_ahead(which)


def test_read_ahead_pauses_while_a_waited_for_segment_renders(tmp_path: Path, red: RenderSource) -> None:
    cache = RecordingCache(tmp_path, workers=2, read_ahead=4)
    cache.signals = []
    try:
        old = stream(red, 5, "old")
        cache.fetch(old, 0, 20)  # reads 1-4 ahead, one at a time on the second worker
        wait_until(lambda: any(j.process is not None for j in list(cache._reading_ahead)), 10)
        cache.fetch(stream(red, 1, "new", last_volume=0.5), 0, 20)
        assert ("SIGSTOP", 1) in cache.signals
        stop = cache.signals.index(("SIGSTOP", 1))
        assert any(name == "SIGCONT" for name, _live in cache.signals[stop:])
    finally:
        cache.shutdown()


def test_least_recently_used_segments_are_evicted_beyond_the_limit(
    cache: SegmentCache, red: RenderSource
) -> None:
    cache.read_ahead = 0
    seen = stream(red, 2, "lru")
    paths = [cache.fetch(seen, index, 20) for index in range(3)]
    sizes = [p.stat().st_size for p in paths]
    for age, path in enumerate(paths):
        os.utime(path, (1000 + age, 1000 + age))
    cache.fetch(seen, 0, 20)  # a cache hit counts as a use
    cache.max_bytes = sizes[0] + sizes[2]
    cache.evict()
    assert [p.is_file() for p in paths] == [True, False, True]
