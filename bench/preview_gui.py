"""GUI benchmark of the preview pane on camera footage (issue 13; runs by hand:
`.venv/bin/python bench/preview_gui.py [--media DIR]`; offscreen Qt, real libvlc, a real
`videodb-editor serve`, the camera timeline of bench/preview_media.py from proxies at Auto).

Every figure is timed to the picture the widget paints: each image handed to the pane's
picture (`FrameView.set_image`) is recorded with its time, and afterwards compared by pixels
(mean difference on a 64x36 thumbnail) with the frame route's reference for the same instant;
the first matching picture after the action ends the timing.
- seek_to_frame_p95_s: paused, the playhead is moved to a random instant (a click on the
  ruler) and the exact frame appears; p95 over SEEKS seeks;
- scrub_fps: the playhead dragged over 3 s of pointer motion; distinct correct pictures
  painted per second of motion;
- edit_to_frame_s_60s / _10min: an edit (opacity of the V1 clip under the playhead) with Live
  on -> the recompiled timeline's frame on screen; median of EDITS; the old picture is dimmed
  under 'Recompiling…' meanwhile (counted in stale_unmarked when it is not);
- play_cpu_pct: this process's CPU (libvlc decoding, painting) plus the backend's while
  playing PLAY_S (60) seconds at Auto, from the start, after the playhead rested there for
  REST_S; stalls_60s: times the playhead stood still for over 0.5 s from the moment Play was
  pressed (the wait for the first picture counts); play_start_s: Play to the first move.
The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from bench.common import p95, print_json_line
from bench.preview_media import camera_timeline, make_media
from editor_app.api.client import VideoDBClient
from editor_app.headless.local_backend import LocalBackend
from editor_app.ui.playback.transport import Transport
from editor_app.ui.preview.dock import PreviewDock
from editor_app.ui.workers import TaskRunner

SEEKS = 20
EDITS = 5
PLAY_S = 60
REST_S = 1.0  # the playhead parked before Play, as a user looks before pressing Space
MATCH = 14.0  # mean absolute difference (0-255) under which two pictures are the same frame


def thumb(image: QImage) -> QImage:
    small = image.convertToFormat(QImage.Format.Format_RGB888)
    return small.scaled(
        64, 36, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
    )


def difference(a: QImage, b: QImage) -> float:
    pa, pb = (image if image.width() == 64 else thumb(image) for image in (a, b))
    total = 0
    for y in range(36):
        for x in range(64):
            ca, cb = pa.pixelColor(x, y), pb.pixelColor(x, y)
            total += abs(ca.red() - cb.red()) + abs(ca.green() - cb.green()) + abs(ca.blue() - cb.blue())
    return total / (64 * 36 * 3)


class Painted:
    """Every picture the pane is handed, with its time."""

    def __init__(self, dock: PreviewDock) -> None:
        self.log: list[tuple[float, QImage, str]] = []
        view = dock.player.view
        original = view.set_image

        def record(image: QImage | None) -> None:
            if image is not None:
                self.log.append((time.monotonic(), thumb(image), view.overlay))  # small: no GBs kept
            original(image)

        view.set_image = record  # type: ignore[method-assign]

    def first_match(self, since: float, reference: QImage) -> float | None:
        for at, image, _overlay in self.log:
            if at >= since and difference(image, reference) < MATCH:
                return at - since
        return None


def pump(app: QApplication, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.002)


def pump_until(app: QApplication, condition: Any, limit_s: float) -> bool:
    end = time.monotonic() + limit_s
    while time.monotonic() < end:
        app.processEvents()
        if condition():
            return True
        time.sleep(0.002)
    return False


def reference(client: VideoDBClient, dock: PreviewDock, ms: int) -> QImage:
    assert dock.stills.frame_url is not None
    return QImage.fromData(client.frame(dock.stills.frame_url, ms / 1000, height=dock.stills.height))


def cpu_s(pid: int | None = None) -> float:
    fields = Path(f"/proc/{pid or os.getpid()}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--media", type=Path, default=None)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-preview-gui-"))
    media = make_media(args.media or work / "media")
    app = QApplication([])
    runner = TaskRunner()
    settings = QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)
    figures: dict[str, Any] = {}
    with LocalBackend(work / "data") as backend, VideoDBClient(backend.base_url, backend.api_key) as client:
        ids = {"camera0": client.upload(media.cameras[0]).id, "camera1": client.upload(media.cameras[1]).id}
        ids["phone"] = client.upload(media.phone).id
        ids["music"] = client.upload(media.music, media_type="audio").id
        for key in ("camera0", "camera1", "phone"):
            while (proxy := client.get_media(ids[key]).proxy) is not None and proxy.state not in (
                "ready",
                "failed",
            ):
                time.sleep(0.2)
        for minutes, label in ((1, "60s"), (10, "10min")):
            body = camera_timeline(ids, minutes)
            transport = Transport()
            transport.set_duration(minutes * 60_000)
            transport.set_fps_source(lambda: 30.0)
            dock = PreviewDock(runner=runner, settings=settings, output="frames")
            dock.set_resolution(1920, 1080)
            dock.resize(660, 480)
            dock.show()
            dock.attach(transport, lambda: client, lambda body=body: body)
            painted = Painted(dock)
            dock.live.compile_now()
            pump_until(app, lambda dock=dock: dock.stills.available, 60)
            pump(app, 1.0)
            if label == "60s":
                seeks = []
                for ms in random.Random(13).sample(range(0, 58_000, 33), SEEKS):
                    since = time.monotonic()
                    transport.seek(ms)
                    pump_until(
                        app,
                        lambda ms=ms, dock=dock: dock.stills.wanted == ms and not dock.stills.busy,
                        5,
                    )
                    pump(app, 0.05)
                    seeks.append(painted.first_match(since, reference(client, dock, ms)) or 5.0)
                figures["seek_to_frame_p95_s"] = round(p95(seeks), 3)
                figures["seek_to_frame_median_s"] = round(statistics.median(seeks), 3)
                since = time.monotonic()
                start, shown_before = 20_000, dock.stills.fetched
                while time.monotonic() - since < 3.0:  # the pointer moves 1 s of timeline per s
                    transport.seek(start + int((time.monotonic() - since) * 1000))
                    pump(app, 0.016)
                moved = time.monotonic() - since
                figures["scrub_fps"] = round((dock.stills.fetched - shown_before) / moved, 1)
            edits, unmarked = [], 0
            at = 7_000 if label == "60s" else 545_000
            transport.seek(at)
            pump(app, 1.5)
            clip = next(
                c
                for c in body["timeline"]["tracks"][0]["clips"]
                if c["start"] <= at / 1000 < c["start"] + c["clip"]["duration"]
            )
            for run in range(EDITS):
                clip["clip"]["opacity"] = 0.4 if run % 2 == 0 else 1.0
                since = time.monotonic()
                generation = dock.stills.generation
                dock.live.edited()
                pump_until(
                    app,
                    lambda dock=dock, g=generation, at=at: (
                        dock.stills.generation > g and dock.stills.wanted == at and not dock.stills.busy
                    ),
                    30,
                )
                pump_until(app, lambda dock=dock: not dock.stills.busy, 10)
                pump(app, 0.05)
                found = painted.first_match(since, reference(client, dock, at))
                edits.append(found if found is not None else 30.0)
                unmarked += sum(
                    1
                    for t, _i, overlay in painted.log
                    if t >= since and not overlay and found is not None and t < since + found
                )
                pump(app, 0.5)
            figures[f"edit_to_frame_s_{label}"] = round(statistics.median(edits), 3)
            figures[f"stale_unmarked_{label}"] = unmarked
            if label == "60s":
                transport.seek(0)
                pump(app, REST_S)
                cpu0, backend0, wall0 = cpu_s(), cpu_s(backend.process.pid), time.monotonic()
                transport.play_pause()
                stalls, last, still_since, started = 0, 0, time.monotonic(), None
                while time.monotonic() - wall0 < PLAY_S:
                    pump(app, 0.05)
                    if transport.position != last:
                        last, still_since = transport.position, time.monotonic()
                        started = started or still_since - wall0
                    elif time.monotonic() - still_since > 0.5:
                        stalls, still_since = stalls + 1, time.monotonic()
                transport.play_pause()
                wall = time.monotonic() - wall0
                figures["play_cpu_pct"] = round(
                    100 * (cpu_s() - cpu0 + cpu_s(backend.process.pid) - backend0) / wall, 1
                )
                figures[f"stalls_{PLAY_S}s"] = stalls
                figures["play_start_s"] = round(started, 3) if started is not None else None
                figures["frames_painted_per_s"] = round(dock.player.frames_shown / wall, 1)
            dock.player.shutdown()
            dock.close()
            runner.wait(30_000)
    print(" ".join(f"{k}={v}" for k, v in figures.items()))
    print_json_line("preview_gui", figures)


if __name__ == "__main__":
    main()
