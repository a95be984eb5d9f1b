"""What the benchmarks share: timing, percentiles, memory, waiting, big timelines, the JSON line.

The machines are shared 2-core boxes: wall-clock times include waiting for a core, so beside
them the benches record this process's CPU time (`Timings`) and compare against a baseline run
in the same process (a hand-written ffmpeg command, curl).
"""

from __future__ import annotations

import json
import math
import random
import resource
import statistics
import time
from collections.abc import Callable
from typing import Any

from editor_app.model import AudioAsset, Clip, MediaInfo, Timeline, Track, VideoAsset

HOUR_MS = 3_600_000


def p95(values: list[float]) -> float:
    """The nearest-rank 95th percentile."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, math.ceil(len(ordered) * 0.95) - 1))]


def median(values: list[float]) -> float:
    return statistics.median(values)


class Timings:
    """Wall-clock and CPU milliseconds of repeated actions, kept per name."""

    def __init__(self) -> None:
        self.wall: dict[str, list[float]] = {}
        self.cpu: dict[str, list[float]] = {}

    def time(self, name: str, action: Callable[[], object]) -> float:
        cpu, start = time.process_time_ns(), time.perf_counter_ns()
        action()
        wall = (time.perf_counter_ns() - start) / 1e6
        self.wall.setdefault(name, []).append(wall)
        self.cpu.setdefault(name, []).append((time.process_time_ns() - cpu) / 1e6)
        return wall

    def median_cpu(self, name: str) -> float:
        return round(statistics.median(self.cpu[name]), 2)


def timed_ms(action: Callable[[], object]) -> float:
    start = time.perf_counter_ns()
    action()
    return (time.perf_counter_ns() - start) / 1e6


def best_ms(action: Callable[[], object], runs: int) -> float:
    """The best of `runs` wall-clock times: the run the shared machine disturbed least."""
    return round(min(timed_ms(action) for _ in range(runs)), 1)


def cpu_ms(action: Callable[[], object]) -> float:
    """CPU time of one run: on a busy shared machine closer to the real cost than wall time."""
    start = time.process_time()
    action()
    return round((time.process_time() - start) * 1000, 1)


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def wait_until(condition: Callable[[], bool], timeout_s: float, step_s: float = 0.005) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step_s)
    return condition()


def grid_timeline(
    clips: int,
    video_tracks: int,
    audio_tracks: int,
    *,
    clip_ms: tuple[int, int] = (2000, 2000),
    gaps_ms: tuple[int, ...] = (500,),
    sources: int = 1,
    seed: int = 7,
) -> Timeline:
    """`clips` clips dealt round-robin over the tracks (video first), each `clip_ms` long (a
    random length in that range), after a gap drawn from `gaps_ms`; sources from hour-long media
    `m-0…`/`a-0…`. Clip ids are `t{track}c{n}` so benches can pick clips by id."""
    rng = random.Random(seed)
    kinds = ["video"] * video_tracks + ["audio"] * audio_tracks
    tracks = [
        Track(id=f"t{i}", name=f"{'A' if kind == 'audio' else 'V'}{i + 1}", kind=kind)
        for i, kind in enumerate(kinds)
    ]
    ends = [0] * len(tracks)
    for n in range(clips):
        index = n % len(tracks)
        start = ends[index] + rng.choice(gaps_ms)
        duration = rng.randint(*clip_ms)
        source = (n // len(tracks)) % sources
        audio = tracks[index].kind == "audio"
        asset = (
            AudioAsset(id=f"a-{source}", start=1000) if audio else VideoAsset(id=f"m-{source}", start=1000)
        )
        tracks[index].clips.append(
            Clip(id=f"t{index}c{n // len(tracks)}", start=start, duration=duration, asset=asset)
        )
        ends[index] = start + duration
    media = {
        f"m-{i}": MediaInfo(id=f"m-{i}", kind="video", name=f"Footage {i}.mp4", length=3_600_000)
        for i in range(sources)
    }
    media.update(
        {
            f"a-{i}": MediaInfo(id=f"a-{i}", kind="audio", name=f"Score {i}.wav", length=3_600_000)
            for i in range(sources)
        }
    )
    return Timeline(tracks=tracks, media=media)


def print_json_line(bench: str, figures: dict[str, Any]) -> None:
    """The last line of every bench: one JSON object, comparable across commits."""
    print(json.dumps({"bench": bench, **figures}))
