"""Model benchmark: a 10,000-clip timeline over 8 tracks; edits, undo, redo, serialise, save, load.

The NLE tools (ripple, roll, slip, slide, insert and overwrite drops) are timed on the same size:
roll and slide on a copy whose clips touch (they need neighbours), the others on the main one.

Each edit is pushed, undone, redone and undone again on the same base state, so every sample
sees the full-size timeline. Prints the figures and ends with one JSON line.
Run: `.venv/bin/python bench/model.py`
"""

from __future__ import annotations

import gc
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import Timings, grid_timeline, p95, peak_rss_mb, print_json_line, timed_ms
from editor_app.model import Clip, Timeline, VideoAsset
from editor_app.model.edits import MoveClips, Place, RippleTrim, Roll, Slide, Slip, Split, TrimIn, TrimOut
from editor_app.model.project import Project, load_project, save_project
from editor_app.model.undo import Command, History

CLIPS = 10_000
TRACKS = 8
AUDIO_TRACKS = 2
CLIP_TICKS = 2_000
GAP_TICKS = 500
SAMPLES = 300
AIMS_MS = {"edit": 1.0, "tool": 2.0, "serialize": 100.0, "load": 300.0}
TOOLS = ("ripple", "roll", "slip", "slide", "insert", "overwrite")


def build(track_count: int = TRACKS, audio_tracks: int = AUDIO_TRACKS) -> Timeline:
    video = track_count - audio_tracks
    return grid_timeline(CLIPS, video, audio_tracks, clip_ms=(CLIP_TICKS, CLIP_TICKS), gaps_ms=(GAP_TICKS,))


TIMINGS = Timings()


def timed(fn: Callable[[], object], cpu_key: str | None = None) -> float:
    """Wall-clock milliseconds; with `cpu_key`, this process's CPU time is kept under that name."""
    return TIMINGS.time(cpu_key, fn) if cpu_key is not None else timed_ms(fn)


def measure_edits(
    history: History, make: Callable[[Clip], Command], ids: list[str] | None = None
) -> tuple[list[float], list[float], list[float]]:
    rng = random.Random(7)
    timeline = history.timeline
    ids = ids or [clip.id for _track, clip in timeline.clips()]
    edits, undos, redos = [], [], []
    for _ in range(SAMPLES):
        clip = timeline.clip(rng.choice(ids))
        command = make(clip)
        edits.append(timed(lambda command=command: history.push(command)))  # type: ignore[misc]
        undos.append(timed(history.undo))
        redos.append(timed(history.redo))
        history.undo()
    return edits, undos, redos


def main() -> None:
    started = time.perf_counter()
    timeline = build()
    build_s = time.perf_counter() - started
    assert timeline.clip_count == CLIPS
    history = History(timeline)
    shift = GAP_TICKS // 2

    def move(clip: Clip) -> Command:
        return MoveClips({clip.id: (clip.start + shift, timeline.track_of(clip.id).id)})

    def trim(clip: Clip) -> Command:
        if clip.start % 2:
            return TrimIn(clip.id, clip.start + 300)
        return TrimOut(clip.id, clip.end - 300)

    def split(clip: Clip) -> Command:
        return Split([clip.id], clip.start + clip.duration // 2)

    results: dict[str, list[float]] = {"undo": [], "redo": []}
    for name, make in (("move", move), ("trim", trim), ("split", split)):
        edits, undos, redos = measure_edits(history, make)
        results[name] = edits
        results["undo"] += undos
        results["redo"] += redos

    tools = measure_tools(history)

    # the same edits on one track holding all 10,000 clips: cost must not follow the track's length
    one_track = History(build(1, 0))
    one_track_move, _u, _r = measure_edits(one_track, lambda c: MoveClips({c.id: (c.start + shift, "t0")}))
    one_track_split, _u, _r = measure_edits(one_track, split)
    del one_track

    before = timeline.model_dump()
    history.goto(0)
    assert timeline.model_dump() == before, "undo-all changed the base timeline"

    serialize = [timed(timeline.to_editor_json, "serialize") for _ in range(5)]
    # the cyclic GC walking the long-lived timeline is much of the cost and its variance;
    # gc.freeze() after loading a project takes those objects out of its reach
    gc.freeze()
    frozen = [timed(timeline.to_editor_json, "serialize_frozen") for _ in range(5)]
    gc.unfreeze()
    save_label, save_times, load_times = measure_files(timeline)
    peak_mb = peak_rss_mb()

    print(
        f"model bench: {CLIPS} clips on {TRACKS} tracks, built in {build_s:.2f} s, {SAMPLES} samples per edit"
    )
    summary: dict[str, object] = {"clips": CLIPS, "tracks": TRACKS}
    for name in ("move", "trim", "split", "undo", "redo"):
        values = results[name]
        median, high = statistics.median(values), p95(values)
        flag = "ok" if median < AIMS_MS["edit"] else "OVER AIM"
        print(
            f"  {name:<6} median {median:.3f} ms   p95 {high:.3f} ms   ({flag}, aim < {AIMS_MS['edit']} ms)"
        )
        summary[f"{name}_ms_median"] = round(median, 4)
        summary[f"{name}_ms_p95"] = round(high, 4)
    for name, values in (("one_track_move", one_track_move), ("one_track_split", one_track_split)):
        median = statistics.median(values)
        print(f"  {name} (10,000 clips on one track) median {median:.3f} ms   p95 {p95(values):.3f} ms")
        summary[f"{name}_ms_median"] = round(median, 4)
        summary[f"{name}_ms_p95"] = round(p95(values), 4)
    for name in TOOLS:
        values = tools[name]
        median, high = statistics.median(values), p95(values)
        flag = "ok" if median <= AIMS_MS["tool"] else "OVER AIM"
        aim = AIMS_MS["tool"]
        print(f"  {name:<9} median {median:.3f} ms   p95 {high:.3f} ms   ({flag}, aim <= {aim} ms)")
        summary[f"{name}_ms_median"] = round(median, 4)
        summary[f"{name}_ms_p95"] = round(high, 4)
    serialize_ms = statistics.median(serialize)
    save_ms, load_ms = statistics.median(save_times), statistics.median(load_times)
    cpu = {key: TIMINGS.median_cpu(key) for key in TIMINGS.cpu}
    aim = AIMS_MS["serialize"]
    print(f"  to_editor_json {serialize_ms:.1f} ms, CPU {cpu['serialize']:.1f} ms (aim < {aim:.0f} ms)")
    frozen_ms = statistics.median(frozen)
    print(f"  to_editor_json after gc.freeze(): {frozen_ms:.1f} ms, CPU {cpu['serialize_frozen']:.1f} ms")
    print(f"  save {save_ms:.1f} ms (CPU {cpu['save']:.1f}), load {load_ms:.1f} ms (CPU {cpu['load']:.1f})")
    print(f"    (load aim < {AIMS_MS['load']:.0f} ms) via {save_label}")
    print(f"  load average while running: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"  peak RSS {peak_mb:.1f} MB")
    summary.update(
        serialize_ms=round(serialize_ms, 2),
        save_ms=round(save_ms, 2),
        load_ms=round(load_ms, 2),
        serialize_cpu_ms=cpu["serialize"],
        serialize_gc_frozen_ms=round(frozen_ms, 2),
        save_cpu_ms=cpu["save"],
        load_cpu_ms=cpu["load"],
        save_load_via=save_label,
        load_average=round(os.getloadavg()[0], 1),
        peak_rss_mb=round(peak_mb, 1),
    )
    print_json_line("model", summary)


def measure_tools(history: History) -> dict[str, list[float]]:
    """Each tool pushed on random clips of the 10,000 (undone after each sample, like the edits)."""
    timeline = history.timeline

    def dropped(clip: Clip) -> tuple[str, Clip, int]:
        new = Clip(start=0, duration=1500, asset=VideoAsset(id="m-0", start=1000))
        return timeline.track_of(clip.id).id, new, clip.start + clip.duration // 2

    video = [c.id for t, c in timeline.clips() if t.kind == "video"]
    results = {
        "ripple": measure_edits(history, lambda c: RippleTrim(c.id, "out", c.end - 300, all_tracks=True))[0],
        "slip": measure_edits(history, lambda c: Slip(c.id, 200))[0],
        "insert": measure_edits(history, lambda c: Place("insert", [dropped(c)]), video)[0],
        "overwrite": measure_edits(history, lambda c: Place("overwrite", [dropped(c)]), video)[0],
    }
    touching = History(grid_timeline(CLIPS, TRACKS - AUDIO_TRACKS, AUDIO_TRACKS, gaps_ms=(0,)))
    inner = [c.id for t, c in touching.timeline.clips() if c is not t.clips[-1] and c is not t.clips[0]]
    results["roll"] = measure_edits(touching, lambda c: Roll(c.id, "out", c.end - 300), inner)[0]
    results["slide"] = measure_edits(touching, lambda c: Slide(c.id, 250), inner)[0]
    return results


def measure_files(timeline: Timeline) -> tuple[str, list[float], list[float]]:
    saves, loads = [], []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.vdbproj"
        project = Project(timeline=timeline)
        for _ in range(5):
            saves.append(timed(lambda: save_project(project, path), "save"))
            loads.append(timed(lambda: load_project(path), "load"))
        loaded = load_project(path)
        assert loaded.timeline.model_dump() == timeline.model_dump(), "project round trip lost something"
        return "editor_app.model.project.save_project/load_project", saves, loads


if __name__ == "__main__":
    main()
