"""Benchmark the timeline canvas offscreen: paint time of the viewport and of one drag step.

Timelines of 100, 1,000, 10,000 and 100,000 clips over 8 tracks (6 video, 2 audio), painted at
three zoom levels (everything in view, 10 px/s, 100 px/s) into a 1600x600 canvas with a
thumbnail/waveform provider held in memory. Three kinds of frame (see `paint_times`): full
repaints of the static layer (the `paint_p95_ms_*` figures: the worst frame), scrolling frames
and still frames. A drag step is one mouse move on a clip followed by the repaint it asks for.
Beside the wall-clock figures, `full_paint_cpu_*` are the GUI thread's CPU time per full repaint,
which a busy shared machine does not inflate. Ends with one JSON line.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from bench.common import grid_timeline, p95, peak_rss_mb, print_json_line
from editor_app.model import Timeline
from editor_app.model.undo import History
from editor_app.ui.timeline.canvas import TimelineCanvas
from editor_app.ui.timeline.logic.geometry import TimeScale

SIZES = (100, 1_000, 10_000, 100_000)
WIDTH, HEIGHT = 1600, 600
PAINTS = 40


class SolidThumbnails:
    def __init__(self) -> None:
        self.image = QImage(96, 54, QImage.Format.Format_RGB32)
        self.image.fill(QColor("#557799"))
        self.peaks = [random.random() for _ in range(20_000)]

    def thumbnail(self, media_id: str, index: int) -> QImage | None:
        return self.image

    def thumbnail_interval(self, media_id: str) -> float | None:
        return 1.0

    def waveform(self, media_id: str) -> list[float] | None:
        return self.peaks

    def waveform_interval(self, media_id: str) -> float | None:
        return 0.1


def build(count: int, seed: int = 7) -> Timeline:
    return grid_timeline(count, 6, 2, clip_ms=(2000, 5000), gaps_ms=(0, 0, 0, 200, 1000), seed=seed)


CPU_SAMPLES: dict[tuple[str, int], list[float]] = {}  # (kind, clips) -> GUI-thread CPU ms per frame


def _timed(canvas: TimelineCanvas, before: Callable[[int], None], kind: str = "") -> list[float]:
    """Wall-clock ms per frame; the GUI thread's CPU ms go to CPU_SAMPLES (on a shared machine the
    wall clock includes waiting for a core, the CPU time does not)."""
    samples = []
    cpu = CPU_SAMPLES.setdefault((kind, canvas.timeline.clip_count), [])
    for i in range(PAINTS):
        before(i)
        t0, c0 = time.perf_counter(), time.thread_time()
        canvas.repaint()
        samples.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.thread_time() - c0) * 1000)
    return samples


def paint_times(canvas: TimelineCanvas, scale: TimeScale) -> dict[str, list[float]]:
    """Frame times of three kinds at one zoom:
    full: the static layer is painted from scratch (after an edit, a zoom or a jump);
    scroll: the view moves 24 px (a wheel step): the layer shifts and a strip is painted;
    still: nothing but the playhead moves (playback, a drag): the layer is reused."""
    canvas.set_scale(scale)
    for _ in range(3):
        canvas.repaint()  # warm: level-of-detail runs, thumbnail cache
    step = 24 * scale.ticks_per_px()

    def scroll(i: int) -> None:
        canvas.set_scale(TimeScale(scale.px_per_second, scale.origin_ticks + round(i * step)))

    return {
        "full": _timed(canvas, lambda i: canvas.refresh(), "full"),
        "scroll": _timed(canvas, scroll, "scroll"),
        "still": _timed(
            canvas, lambda i: canvas.set_playhead(canvas.scale.origin_ticks + round(i * step)), "still"
        ),
    }


def drag_times(canvas: TimelineCanvas) -> list[float]:
    canvas.set_scale(TimeScale(40.0, 60_000))
    timeline = canvas.timeline
    layout = canvas.layout_rows()
    row = layout.rows[0]
    clip = next(c for c in timeline.tracks[0].clips if c.start > 70_000)
    x = int(canvas.scale.x_of(clip.start + clip.duration // 2))
    y = int(row.top + row.height / 2)
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(x, y))
    samples = []
    for step in range(1, 61):
        t0 = time.perf_counter()
        QTest.mouseMove(canvas, QPoint(x + step * 3, y + (step // 20) * int(row.height)))
        canvas.repaint()
        samples.append((time.perf_counter() - t0) * 1000)
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(x + 180, y))
    return samples[5:]


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    provider = SolidThumbnails()
    result: dict[str, object] = {}
    figures: dict[tuple[str, int], tuple[float, float]] = {}  # (kind, clips) -> (median, p95)
    for count in SIZES:
        t0 = time.perf_counter()
        timeline = build(count)
        built_ms = (time.perf_counter() - t0) * 1000
        canvas = TimelineCanvas(History(timeline))
        canvas.set_thumbnail_provider(provider)
        canvas.resize(WIDTH, HEIGHT)
        canvas.show()
        app.processEvents()
        canvas.zoom_to_fit()
        zooms = {"fit": canvas.scale, "10pps": TimeScale(10.0, 30_000), "100pps": TimeScale(100.0, 30_000)}
        frames: dict[str, list[float]] = {"full": [], "scroll": [], "still": []}
        for name, scale in zooms.items():
            times = paint_times(canvas, scale)
            for kind, samples in times.items():
                frames[kind].extend(samples)
            print(
                f"{count:>7} clips {name:>6}: "
                + "; ".join(
                    f"{kind} median {statistics.median(v):6.2f} p95 {p95(v):6.2f} ms"
                    for kind, v in times.items()
                )
            )
        for kind, samples in frames.items():
            figures[(kind, count)] = (statistics.median(samples), p95(samples))
        print(f"{count:>7} clips: built in {built_ms:.0f} ms")
        if count == 10_000:
            drag = drag_times(canvas)
            result["drag_step_p95_ms_10k"] = round(p95(drag), 2)
            result["drag_step_median_ms_10k"] = round(statistics.median(drag), 2)
            print(f"  10000 clips: drag step median {statistics.median(drag):.2f} ms p95 {p95(drag):.2f} ms")
            result["peak_rss_mb_10k"] = peak_rss_mb()
        canvas.close()
        canvas.deleteLater()
        app.processEvents()
    # the aims' figures are full repaints (the worst frame); scrolling and still frames beside them
    result["paint_p95_ms_10k"] = round(figures[("full", 10_000)][1], 2)
    result["paint_p95_ms_100"] = round(figures[("full", 100)][1], 2)
    result["paint_p95_ms_100k"] = round(figures[("full", 100_000)][1], 2)
    result["paint_ratio_100k_vs_100"] = round(figures[("full", 100_000)][1] / figures[("full", 100)][1], 2)
    for kind in ("full", "scroll", "still"):
        for count, tag in ((10_000, "10k"), (100_000, "100k")):
            median, tail = figures[(kind, count)]
            result[f"{kind}_paint_median_ms_{tag}"] = round(median, 2)
            result[f"{kind}_paint_p95_ms_{tag}"] = round(tail, 2)
    for count, tag in ((100, "100"), (10_000, "10k"), (100_000, "100k")):
        cpu = CPU_SAMPLES[("full", count)]
        result[f"full_paint_cpu_median_ms_{tag}"] = round(statistics.median(cpu), 2)
        result[f"full_paint_cpu_p95_ms_{tag}"] = round(p95(cpu), 2)
    result["load_average_1min"] = round(os.getloadavg()[0], 2)  # the machine is shared: read p95 with it
    result["peak_rss_mb"] = peak_rss_mb()
    print_json_line("canvas", result)


if __name__ == "__main__":
    main()
