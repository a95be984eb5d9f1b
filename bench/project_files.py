"""Benchmark project files, editor JSON and OTIO on a large timeline.

Run by hand: `.venv/bin/python bench/project_files.py`.

A timeline of 10,000 clips (three video tracks of 2,500 cuts from 50 sources, one audio track
of 2,500) is saved and loaded as a `.vdbproj`, turned into editor JSON and back, and written
and read as `.otio`. Each figure is the best of N runs (the machine is shared; the best run is
the one least disturbed). The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from editor_app.model import AudioAsset, Clip, MediaInfo, Timeline, Track, VideoAsset
from editor_app.model.interchange.otio import read_otio, write_otio
from editor_app.model.project.files import Project, load_project, save_project


def big_timeline(clips_per_track: int) -> Timeline:
    tracks = []
    for t in range(4):
        audio = t == 3
        clips = [
            Clip(
                start=i * 1000,
                duration=900,
                asset=AudioAsset(id=f"a-{i % 50}", start=i)
                if audio
                else VideoAsset(id=f"m-{i % 50}", start=i * 3),
            )
            for i in range(clips_per_track)
        ]
        tracks.append(
            Track(name=f"A{t}" if audio else f"V{t + 1}", kind="audio" if audio else "video", clips=clips)
        )
    media = {f"m-{i}": MediaInfo(id=f"m-{i}", kind="video", length=3_600_000) for i in range(50)}
    media.update({f"a-{i}": MediaInfo(id=f"a-{i}", kind="audio", length=3_600_000) for i in range(50)})
    return Timeline(tracks=tracks, media=media)


def best_ms(action: Callable[[], object], runs: int) -> float:
    """Best wall-clock time of `runs` runs, in milliseconds."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return round(best * 1000, 1)


def cpu_ms(action: Callable[[], object]) -> float:
    """CPU time of one run: on a busy shared machine closer to the real cost than wall time."""
    start = time.process_time()
    action()
    return round((time.process_time() - start) * 1000, 1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clips-per-track", type=int, default=2500)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    timeline = big_timeline(args.clips_per_track)
    project = Project(name="bench", timeline=timeline)
    folder = Path(tempfile.mkdtemp(prefix="vdb-bench-"))
    path = folder / "big.vdbproj"
    otio_path = folder / "big.otio"
    wire = timeline.to_editor_json()
    figures = {
        "clips": timeline.clip_count,
        "save_ms": best_ms(lambda: save_project(project, path), args.runs),
        "load_ms": best_ms(lambda: load_project(path), args.runs),
        "file_mb": round(path.stat().st_size / 1e6, 2),
        "editor_json_out_ms": best_ms(timeline.to_editor_json, args.runs),
        "editor_json_in_ms": best_ms(lambda: Timeline.from_editor_json(wire), args.runs),
        "otio_write_ms": best_ms(lambda: write_otio(timeline, otio_path), max(1, args.runs // 3)),
        "otio_read_ms": best_ms(lambda: read_otio(otio_path), max(1, args.runs // 3)),
    }
    figures["load_cpu_ms"] = cpu_ms(lambda: load_project(path))
    figures["save_cpu_ms"] = cpu_ms(lambda: save_project(project, path))
    figures["otio_write_cpu_ms"] = cpu_ms(lambda: write_otio(timeline, otio_path))
    figures["otio_read_cpu_ms"] = cpu_ms(lambda: read_otio(otio_path))
    figures["otio_mb"] = round(otio_path.stat().st_size / 1e6, 2)
    assert load_project(path).timeline.clip_count == timeline.clip_count
    for name, value in figures.items():
        print(f"{name:>20}: {value}")
    print(json.dumps({"bench": "project_files", **figures}))


if __name__ == "__main__":
    main()
