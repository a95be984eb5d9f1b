"""Benchmark project files, editor JSON and OTIO on a large timeline.

Run by hand: `.venv/bin/python bench/project_files.py`.

A timeline of 10,000 clips (three video tracks of 2,500 cuts from 50 sources, one audio track
of 2,500) is saved and loaded as a `.vdbproj`, turned into editor JSON and back, and written
and read as `.otio`. Each figure is the best of N runs (the machine is shared; the best run is
the one least disturbed). The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import best_ms, cpu_ms, grid_timeline, print_json_line
from editor_app.model import Project, Timeline, load_project, save_project
from editor_app.model.interchange.otio import read_otio, write_otio


def big_timeline(clips_per_track: int) -> Timeline:
    """Three video tracks and one audio track of 0.9 s cuts every second, from 50 sources."""
    return grid_timeline(4 * clips_per_track, 3, 1, clip_ms=(900, 900), gaps_ms=(100,), sources=50)


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
    print_json_line("project_files", figures)


if __name__ == "__main__":
    main()
