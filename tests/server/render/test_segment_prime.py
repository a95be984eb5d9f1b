"""A primed segment 0 (`SegmentCache.prime`): rendered before anybody asks, niced on every
thread of its ffmpeg, and at full priority on every thread once a player waits for it."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from editor_app.server.render.segment_cache import SegmentCache
from editor_app.server.render.segment_jobs import PRIME_NICENESS
from editor_app.server.render.sources import RenderSource
from editor_app.server.tool_runner import ToolRunner
from tests.support.render_tools import layered_stream, repeated_stream, wait_until


def _render_threads(work: Path) -> list[int]:
    """Thread ids of the ffmpeg rendering into `work` (empty when none runs)."""
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            if os.fsencode(str(work)) in (entry / "cmdline").read_bytes():
                return [int(task.name) for task in (entry / "task").iterdir()]
        except OSError:
            continue
    return []


def _nices(threads: list[int]) -> set[int]:
    found = set()
    for tid in threads:
        try:
            found.add(os.getpriority(os.PRIO_PROCESS, tid))
        except OSError:
            continue  # the thread ended
    return found


def test_prime_renders_segment_0_unasked(tmp_path: Path, red: RenderSource, tools: ToolRunner) -> None:
    cache = SegmentCache(tmp_path / "segments", tools, workers=2, read_ahead=0)
    try:
        stream = repeated_stream(red, 2, "primed")
        cache.prime(stream)
        wait_until(lambda: cache.is_cached(stream.segments[0]))
        assert [cache.is_cached(s) for s in stream.segments] == [True] + [False] * 7
        newer = repeated_stream(red, 2, "newer", last_volume=0.5)
        cache.prime(newer)  # the same segment 0 content: nothing to do
        assert cache.fetch(newer, 0, 20) == cache.path(stream.segments[0]) and cache.renders == 1
    finally:
        cache.shutdown()


def test_a_primed_render_is_niced_on_every_thread_until_somebody_waits(
    tmp_path: Path, big: RenderSource, tools: ToolRunner
) -> None:
    """Linux niceness is per thread: renicing ffmpeg's main thread alone left its codec threads
    niced after a player asked for the segment."""
    cache = SegmentCache(tmp_path / "segments", tools, workers=2, read_ahead=0)
    work = tmp_path / "segments" / "work"
    try:
        stream = layered_stream(big, "slow")
        cache.prime(stream)
        wait_until(lambda: len(_render_threads(work)) > 1, limit=20)
        assert _nices(_render_threads(work)) == {PRIME_NICENESS}
        asker = threading.Thread(target=cache.fetch, args=(stream, 0, 60))
        asker.start()
        # lowering niceness back needs privileges (CI runs as root); otherwise it stays
        expected = {0} if os.geteuid() == 0 else {PRIME_NICENESS}
        seen: list[set[int]] = []
        while asker.is_alive() and (threads := _render_threads(work)):
            seen.append(_nices(threads))
            time.sleep(0.02)
        changed = [nices for nices in seen if nices & expected]
        assert len(changed) >= 3, f"the render ended before its threads could be read: {seen}"
        mixed = [nices for nices in changed if nices != expected]  # one between two renices at most
        assert len(mixed) <= 1, f"threads left at another niceness: {changed}"
        asker.join(60)
        assert cache.is_cached(stream.segments[0])
    finally:
        cache.shutdown()
