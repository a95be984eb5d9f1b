"""What the benchmarks share: timing, percentiles, memory, waiting, big timelines, the JSON line,
and for the benches of a running `videodb-editor serve`: a segment fetched, an export waited for,
the CPU seconds of the server's ffmpeg children and of ours.

The machines are shared 2-core boxes: wall-clock times include waiting for a core, so beside
them the benches record this process's CPU time (`Timings`) and compare against a baseline run
in the same process (a hand-written ffmpeg command, curl).
"""

from __future__ import annotations

import json
import math
import os
import random
import resource
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

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


def wait_for(predicate: Callable[[], bool], limit: float) -> None:
    if not wait_until(predicate, limit, step_s=0.01):
        raise TimeoutError("benchmark step took too long")


def segment_bytes(client: httpx.Client, stream_url: str, index: int) -> int:
    """GET one segment of a compiled stream (as a player does, with the token): its size."""
    path, _, query = stream_url.partition("?")
    folder = path.rsplit("/", 1)[0]
    answer = client.get(f"{folder}/seg_{index:05d}.ts?{query}")
    answer.raise_for_status()
    return len(answer.content)


def export_and_wait(client: httpx.Client, base_url: str, stream_url: str, quality: str) -> None:
    """`POST /editor/download` (mp4) for a compiled stream, then poll its job until done."""
    body = {"stream_url": stream_url, "format": "mp4", "quality": quality}
    job = client.post("/editor/download", json=body).json()
    output_url = job["data"]["output_url"].replace(base_url, "")
    while (answer := client.get(output_url).json())["status"] == "processing":
        time.sleep(0.05)
    assert answer["status"] == "done", answer


def children_cpu_s(pid: int) -> float:
    """CPU seconds of a process's finished (reaped) children: cutime + cstime in /proc/pid/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[13]) + int(fields[14])) / os.sysconf("SC_CLK_TCK")


def own_children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def children_cpu_idle(pid: int) -> bool:
    """No ffmpeg child of the server is running (read-ahead finished)."""
    children: list[str] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):  # ffmpeg is started from worker threads
        try:
            children += (task / "children").read_text().split()
        except OSError:
            continue
    return not children


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
