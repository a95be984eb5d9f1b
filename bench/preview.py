"""Benchmark of the preview pane (runs by hand: `.venv/bin/python bench/preview.py`).

Through the real window pieces (PreviewDock, its live compiler, the transport) against a real
`videodb-editor serve`, offscreen, with libvlc painting frames:
- edit_to_frame_s_60s / _10min: an undoable edit of the clip under the playhead (its opacity) ->
  the first picture of the recompiled stream on screen, paused at the playhead in the middle
  of the timeline; includes the live preview's quiet period. Median of 5 edits.
- play_cpu_pct: CPU of this process (GUI + libvlc decoding 720p into frames) while playing,
  as a share of one core; peak_rss_mb: this process's peak resident memory.
Baseline in the same run: a hand-written ffmpeg command rendering one preview segment's length
of the same 720p with the same opacity (what an edit must re-render at least), so drift of the
machine shows.
The last line is one JSON object.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

from editor_app.api.client import VideoDBClient
from editor_app.headless.local_backend import LocalBackend
from editor_app.model import Clip, Timeline, Track, VideoAsset
from editor_app.model.edits.props import SetClipProperty
from editor_app.model.undo import History
from editor_app.samples import SampleMedia
from editor_app.server.render.segments import SEGMENT_MS
from editor_app.ui.media.items import media_info_from_item
from editor_app.ui.playback.transport import Transport
from editor_app.ui.preview.dock import PreviewDock
from editor_app.ui.workers import TaskRunner

SOURCE_S = 30
RUNS = 5


def wait_until(condition: Callable[[], bool], timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            return False
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
        time.sleep(0.002)
    return True


def make_source(folder: Path) -> Path:
    args = ["-f", "lavfi", "-i", f"testsrc2=s=1280x720:r=25:d={SOURCE_S}"]
    args += ["-f", "lavfi", "-i", f"sine=f=330:d={SOURCE_S}"]
    encode = ["-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-pix_fmt", "yuv420p", "-c:a", "aac"]
    return SampleMedia(folder).make("source.mp4", args, [*encode, "-shortest"])


def baseline_render_s(source: Path, folder: Path) -> float:
    """Median time of ffmpeg rendering a segment's length of `source` at 50% opacity, 720p TS."""
    seconds = SEGMENT_MS / 1000
    graph = (
        f"color=c=black:s=1280x720:r=25:d={seconds}[bg];[0:v]format=yuva420p,lut=a=val*0.5[v];[bg][v]overlay"
    )
    args = ["ffmpeg", "-v", "error", "-y", "-ss", "15", "-t", str(seconds), "-i", str(source)]
    args += ["-filter_complex", graph, "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac"]
    args += ["-f", "mpegts", str(folder / "base.ts")]
    times = []
    for _ in range(RUNS):
        started = time.monotonic()
        subprocess.run(args, check=True)
        times.append(time.monotonic() - started)
    return statistics.median(times)


class Rig:
    """The preview's window pieces around one timeline."""

    def __init__(self, client: VideoDBClient, timeline: Timeline) -> None:
        self.window = QMainWindow()
        self.history = History(timeline)
        self.transport = Transport(self.window)
        self.transport.set_duration_source(lambda: timeline.duration)
        self.dock = PreviewDock(self.window, runner=TaskRunner(parent=self.window), output="frames")
        self.dock.attach(self.transport, lambda: client, lambda: timeline.to_editor_json())
        self.history.add_listener(self.dock.live.edited)
        self.window.setCentralWidget(self.dock)
        self.window.resize(1280, 800)
        self.window.show()
        self.timeline = timeline
        self.edits = 0
        self.compiled_at = 0.0
        self.dock.live.compiled.connect(lambda _result: setattr(self, "compiled_at", time.monotonic()))

    def compile_at(self, position: int) -> None:
        self.transport.seek(position)
        self.dock.compile_and_play()
        assert wait_until(lambda: self.dock.player.has_picture, 120), self.dock.player.failure
        self.transport.play_pause()  # pause: edits then reopen paused at the playhead
        wait_until(lambda: not self.dock.player.playing, 5)

    def edit_to_frame(self) -> float:
        position = self.transport.position
        clip = next(c for _t, c in self.timeline.clips() if c.start <= position < c.end)
        url = self.dock.stream_url
        self.edits += 1  # a new opacity each time: never a stream the backend has cached
        started = time.monotonic()
        self.history.push(SetClipProperty([clip.id], "opacity", 1.0 - self.edits / 20))
        ok = wait_until(lambda: self.dock.stream_url != url and self.dock.player.has_picture, 120)
        elapsed = time.monotonic() - started
        if not ok:
            raise RuntimeError(f"no picture after an edit: {self.dock.player.failure}")
        print(f"  edit -> compiled {self.compiled_at - started:.2f} s, -> picture {elapsed:.2f} s")
        return elapsed

    def close(self) -> float:
        """Seconds the preview took to shut down (players retired by the edits included)."""
        started = time.monotonic()
        self.dock.player.shutdown()
        elapsed = time.monotonic() - started
        self.window.close()
        return elapsed


def build_timeline(client: VideoDBClient, media_id: str, seconds: int) -> Timeline:
    track = Track(name="V1", kind="video")
    timeline = Timeline(resolution="1280x720", tracks=[track])
    timeline.media[media_id] = media_info_from_item(client.get_media(media_id))
    for index in range(seconds // SOURCE_S):
        asset = VideoAsset(id=media_id, start=0)
        timeline.attach(track, Clip(start=index * SOURCE_S * 1000, duration=SOURCE_S * 1000, asset=asset))
    return timeline


def measure_edits(client: VideoDBClient, media_id: str, seconds: int) -> float:
    rig = Rig(client, build_timeline(client, media_id, seconds))
    try:
        rig.compile_at(seconds * 1000 // 2 + 250)
        times = [rig.edit_to_frame() for _ in range(RUNS)]
    finally:
        print(f"  the preview shut down in {rig.close():.2f} s")
    print(f"edit -> frame, {seconds} s timeline: " + ", ".join(f"{t:.2f}" for t in times) + " s")
    return statistics.median(times)


def measure_playback(client: VideoDBClient, media_id: str) -> tuple[float, float]:
    rig = Rig(client, build_timeline(client, media_id, 60))
    try:
        rig.compile_at(0)
        rig.transport.play_pause()
        wait_until(lambda: rig.transport.position > 2000, 30)  # past start-up
        usage = resource.getrusage(resource.RUSAGE_SELF)
        cpu0, wall0, frames0 = usage.ru_utime + usage.ru_stime, time.monotonic(), rig.dock.player.frames_shown
        wait_until(lambda: False, 8)
        usage = resource.getrusage(resource.RUSAGE_SELF)
        cpu = usage.ru_utime + usage.ru_stime - cpu0
        wall = time.monotonic() - wall0
        frames = rig.dock.player.frames_shown - frames0
        print(f"playing 720p: {frames / wall:.1f} pictures/s painted, {100 * cpu / wall:.0f}% of a core")
    finally:
        rig.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return 100 * cpu / wall, peak_mb


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        backend = LocalBackend(folder / "data")
        with backend, VideoDBClient(backend.base_url, backend.api_key) as client:
            source = make_source(folder)
            took = baseline_render_s(source, folder)
            print(f"baseline: ffmpeg renders one {SEGMENT_MS} ms segment of 720p by hand in {took:.2f} s")
            media_id = client.upload(source, name="source").id
            short = measure_edits(client, media_id, 60)
            long = measure_edits(client, media_id, 600)
            cpu, peak = measure_playback(client, media_id)
    QTimer.singleShot(0, app.quit)
    result = {
        "bench": "preview",
        "edit_to_frame_s_60s": round(short, 3),
        "edit_to_frame_s_10min": round(long, 3),
        "play_cpu_pct": round(cpu, 1),
        "peak_rss_mb": round(peak, 1),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
