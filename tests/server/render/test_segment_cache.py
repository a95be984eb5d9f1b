"""The segment cache: render on request, read ahead, re-render only what an edit touched,
failure reasons, what runs first, and telling exports to yield (its processes:
`test_segment_processes.py`)."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from editor_app.server.errors import SegmentAbandoned, SegmentFailed, SegmentTimeout
from editor_app.server.render import segment_cache
from editor_app.server.render.segment_cache import SegmentCache
from editor_app.server.render.segments import SEGMENT_MS, SegmentedTimeline
from editor_app.server.render.sources import RenderSource
from editor_app.server.tool_runner import ToolRunner
from tests.support.render_tools import layered_stream, rendering, repeated_stream, wait_until


@pytest.fixture
def cache(tmp_path: Path, tools: ToolRunner) -> Iterator[SegmentCache]:
    made = SegmentCache(tmp_path / "segments", tools, workers=1, read_ahead=2)
    yield made
    made.shutdown()


def test_a_request_renders_its_segment_and_reads_ahead(cache: SegmentCache, red: RenderSource) -> None:
    seen = repeated_stream(red, 3, "a")  # 6 segments
    path = cache.fetch(seen, 0, 20)
    assert path.is_file() and path.read_bytes()[:1] == b"\x47"
    wait_until(lambda: all(cache.is_cached(s) for s in seen.segments[1:3]))
    time.sleep(0.3)
    assert not cache.is_cached(seen.segments[3])  # only `read_ahead` segments ahead
    assert cache.renders == 3
    assert cache.fetch(seen, 1, 20) == cache.path(seen.segments[1])


def test_an_edit_rerenders_only_the_segments_it_touches(cache: SegmentCache, red: RenderSource) -> None:
    cache.read_ahead = 0
    before = repeated_stream(red, 3, "before")
    for index in range(len(before.segments)):
        cache.fetch(before, index, 20)
    assert cache.renders == 12_000 // SEGMENT_MS
    after = repeated_stream(red, 3, "after", last_volume=0.5)  # the last clip, [8 s, 12 s), is quieter
    for index in range(len(after.segments)):
        cache.fetch(after, index, 20)
    # its segments, and the one before whose last sound frame reaches past 8 s
    assert cache.renders == 12_000 // SEGMENT_MS + 4000 // SEGMENT_MS + 1


def test_a_failure_gives_ffmpegs_reason_and_is_tried_again(cache: SegmentCache, red: RenderSource) -> None:
    cache.read_ahead = 0
    gone = RenderSource(**{**red.__dict__, "path": red.path.with_name("missing.mp4")})
    broken = repeated_stream(gone, 1, "broken")
    with pytest.raises(SegmentFailed, match="No such file"):
        cache.fetch(broken, 0, 20)
    with pytest.raises(SegmentFailed):
        cache.fetch(broken, 0, 20)
    assert cache.renders == 2 and not cache.is_cached(broken.segments[0])


def test_busy_is_reported_around_renders(tmp_path: Path, red: RenderSource, tools: ToolRunner) -> None:
    busy: list[bool] = []
    cache = SegmentCache(tmp_path, tools, workers=1, read_ahead=1, on_busy=busy.append)
    try:
        cache.fetch(repeated_stream(red, 1, "one"), 0, 20)
        wait_until(lambda: busy[-1:] == [False] and cache.renders == 2)
        assert busy[0] is True and busy[-1] is False
    finally:
        cache.shutdown()


def test_a_newer_stream_goes_first_and_the_old_read_ahead_is_dropped(
    cache: SegmentCache, red: RenderSource
) -> None:
    old, new = repeated_stream(red, 5, "old"), repeated_stream(red, 5, "new", last_volume=0.5)
    cache.watch(old)
    cache.fetch(old, 0, 20)  # queues old 1 and 2 behind it
    answered: list[float] = []
    started = time.monotonic()
    cache.watch(new)  # the player opened the new compile's playlist
    # on a loaded machine read-ahead 1 may have finished before the switch; none may finish after it
    at_switch = [cache.is_cached(s) for s in old.segments[1:3]]
    asker = threading.Thread(target=lambda: answered.append(cache.fetch(new, 8, 20) and time.monotonic()))
    asker.start()
    asker.join(30)
    assert answered, "the newer stream's segment never came"
    wait_until(lambda: cache.is_cached(new.segments[9]))
    time.sleep(0.5)
    # the old read-ahead under way was killed, the queued one dropped: nothing more of it exists
    assert [cache.is_cached(s) for s in old.segments[1:3]] == at_switch
    assert answered[0] - started < 10


def test_an_urgent_segment_takes_the_worker_of_a_stream_nobody_watches(
    tmp_path: Path, red: RenderSource, monkeypatch: pytest.MonkeyPatch, tools: ToolRunner
) -> None:
    """Another player still waits for the old stream; the new stream's segment must not queue
    behind it: the old render is killed, and rendered again afterwards for its waiter."""
    cache = SegmentCache(tmp_path, tools, workers=1, read_ahead=0)
    try:
        old, new = repeated_stream(red, 5, "old"), repeated_stream(red, 5, "new", last_volume=0.5)
        cache.watch(old)
        old_answer: list[Path] = []
        old_asker = threading.Thread(target=lambda: old_answer.append(cache.fetch(old, 3, 30)))
        old_asker.start()
        wait_until(lambda: any(rendering(j) for j in list(cache._running)), 10)
        cache.watch(new)
        assert cache.fetch(new, 9, 30).is_file()
        assert cache.preemptions == 1
        assert not cache.is_cached(old.segments[3])  # killed, not finished first
        old_asker.join(30)
        assert old_answer and old_answer[0].is_file()  # and still answered
    finally:
        cache.shutdown()


def test_least_recently_used_segments_are_evicted_beyond_the_limit(
    cache: SegmentCache, red: RenderSource
) -> None:
    cache.read_ahead = 0
    seen = repeated_stream(red, 2, "lru")
    paths = [cache.fetch(seen, index, 20) for index in range(3)]
    sizes = [p.stat().st_size for p in paths]
    for age, path in enumerate(paths):
        os.utime(path, (1000 + age, 1000 + age))
    cache.fetch(seen, 0, 20)  # a cache hit counts as a use
    cache.max_bytes = sizes[0] + sizes[2]
    cache.evict()
    assert [p.is_file() for p in paths] == [True, False, True]


def test_a_stream_nobody_watches_is_served_after_the_watched_streams_work(
    tmp_path: Path, red: RenderSource, big: RenderSource, tools: ToolRunner
) -> None:
    """Another viewer (an SDK user's player beside the app) waits for a segment while the watched
    stream keeps the workers busy: it is served, later, never cut off with a 503 (issue 16)."""
    cache = SegmentCache(tmp_path, tools, workers=1, read_ahead=20)
    try:
        old, watched = repeated_stream(red, 5, "old"), repeated_stream(big, 11, "watched")
        cache.watch(watched)
        cache.fetch(watched, 0, 30)  # then reads 1-20 ahead: several seconds of work
        assert cache.fetch(old, 3, 60).is_file()
    finally:
        cache.shutdown()


def test_a_flood_of_waits_for_streams_nobody_watches_is_refused_at_once(
    tmp_path: Path, big: RenderSource, monkeypatch: pytest.MonkeyPatch, tools: ToolRunner
) -> None:
    """The queue is bounded: beyond MAX_WAITED_FOR waited-for segments, another stream's fetch
    answers "busy, retry" at once; the watched stream is still served."""
    monkeypatch.setattr(segment_cache, "MAX_WAITED_FOR", 2)
    cache = SegmentCache(tmp_path, tools, workers=1, read_ahead=0)
    try:
        other = repeated_stream(big, 5, "other", last_volume=0.5)  # the older compile
        watched = repeated_stream(big, 5, "watched")
        cache.watch(watched)
        askers = [threading.Thread(target=cache.fetch, args=(watched, i, 60)) for i in (0, 1)]
        for asker in askers:
            asker.start()
        wait_until(lambda: sum(j.waiters for j in list(cache._jobs.values())) >= 2, 10)
        asked = time.monotonic()
        with pytest.raises(SegmentTimeout, match="busy"):
            cache.fetch(other, 9, 60)
        assert time.monotonic() - asked < 1
        assert cache.fetch(watched, 2, 60).is_file()
        for asker in askers:
            asker.join(60)
    finally:
        cache.shutdown()


def test_read_ahead_follows_the_player(tmp_path: Path, red: RenderSource, tools: ToolRunner) -> None:
    """VLC reads segment 0 first and then jumps to the playhead: the read-ahead queued behind
    segment 0 must give way to the read-ahead behind the playhead."""
    cache = SegmentCache(tmp_path, tools, workers=1, read_ahead=2)
    try:
        seen = repeated_stream(red, 5, "seen")
        cache.watch(seen)
        cache.fetch(seen, 0, 20)  # queues 1 and 2
        cache.fetch(seen, 6, 20)  # queues 7 and 8 instead
        wait_until(lambda: all(cache.is_cached(s) for s in seen.segments[7:9]))
        time.sleep(0.5)
        assert not cache.is_cached(seen.segments[2])
    finally:
        cache.shutdown()


def test_a_segment_whose_asker_hung_up_is_not_rendered_for_nobody(
    tmp_path: Path, red: RenderSource, tools: ToolRunner
) -> None:
    cache = SegmentCache(tmp_path, tools, workers=1, read_ahead=0)
    try:
        old, new = repeated_stream(red, 5, "old"), repeated_stream(red, 5, "new", last_volume=0.5)
        cache.watch(new)
        cache.fetch(new, 8, 20)
        gone = threading.Event()
        outcome: list[BaseException] = []

        def ask() -> None:
            try:
                cache.fetch(old, 3, 20, gone)
            except SegmentAbandoned as exc:
                outcome.append(exc)

        asker = threading.Thread(target=ask)
        asker.start()
        wait_until(lambda: any(rendering(j) for j in list(cache._running)), 10)
        gone.set()
        asker.join(10)
        assert outcome, "the wait did not end when the asker left"
        time.sleep(0.5)
        assert not cache.is_cached(old.segments[3])
        # somebody asking again gets it rendered
        assert cache.fetch(old, 3, 20).is_file()
    finally:
        cache.shutdown()


def test_the_newest_request_of_the_watched_stream_goes_first(
    tmp_path: Path, big: RenderSource, tools: ToolRunner
) -> None:
    """A scrub reopens the player at each place it rests, and the players it left behind still
    wait for theirs: the segment asked for last is where the user looks."""
    cache = SegmentCache(tmp_path, tools, workers=1, read_ahead=0)
    try:
        seen = layered_stream(big, "seen")
        cache.watch(seen)
        answered: list[int] = []

        def ask(index: int) -> None:
            cache.fetch(seen, index, 60)
            answered.append(index)

        askers = [threading.Thread(target=ask, args=(index,)) for index in (2, 5, 8)]
        askers[0].start()
        wait_until(lambda: any(rendering(j) for j in list(cache._running)), 10)  # 2 renders
        for asker in askers[1:]:  # asked while it renders: 5, then 8
            asker.start()
            time.sleep(0.1)
        for asker in askers:
            asker.join(60)
        assert answered == [2, 8, 5]
    finally:
        cache.shutdown()


def test_a_segment_an_edit_left_alone_is_the_watched_streams_even_if_an_old_one_asked_first(
    tmp_path: Path, big: RenderSource, tools: ToolRunner
) -> None:
    """The retired player asked for segment 3 before the edit; the edit did not touch it, so the
    new player asks for the same content. It must be served as the watched stream's, not cut off
    behind the old stream's work."""
    cache = SegmentCache(tmp_path, tools, workers=1, read_ahead=0)
    try:
        old, new = layered_stream(big, "old"), layered_stream(big, "new")  # same content, same keys
        cache.watch(old)
        answers: dict[str, object] = {}

        def ask(seen: SegmentedTimeline, index: int) -> None:
            try:
                answers[f"{seen.stream_id} {index}"] = cache.fetch(seen, index, 60)
            except SegmentTimeout as exc:
                answers[f"{seen.stream_id} {index}"] = exc

        askers = [threading.Thread(target=ask, args=(old, index)) for index in (1, 2, 3)]
        for asker in askers:
            asker.start()
            time.sleep(0.05)
        cache.watch(new)  # the old stream's three requests now wait behind the new stream's
        asker = threading.Thread(target=ask, args=(new, 3))
        asker.start()
        for thread in [*askers, asker]:
            thread.join(60)
        assert isinstance(answers["new 3"], Path) and answers["new 3"].is_file()
    finally:
        cache.shutdown()


def test_a_newer_compile_fetched_without_its_playlist_is_watched(
    cache: SegmentCache, red: RenderSource
) -> None:
    """A client may skip the playlist (the benchmark does); a newer compile it fetches from is the
    one being looked at, while an older stream's fetch (a retired player) never takes it back."""
    cache.read_ahead = 0
    old = repeated_stream(red, 2, "old")
    cache.watch(old)
    new = repeated_stream(red, 2, "new", last_volume=0.5)
    cache.fetch(new, 3, 20)
    assert cache._watched == "new"
    cache.fetch(old, 0, 20)
    assert cache._watched == "new"
