"""Benchmark of the local backend's renderer (runs by hand: `.venv/bin/python bench/backend.py`).

A 60 s 720p timeline of two tracks (cuts from three sources at volumes 0.5/1.0/0.8, an image
overlay from 10 s to 50 s) is compiled and exported through a real `videodb-editor serve`.
Measured, median of N runs:
- first_segment_s: `POST /editor` sent -> the bytes of its first HLS segment received (each run
  a new timeline, so nothing comes from the cache; segments render when first asked for);
- seek_segment_s_10min: a 10 min 720p timeline (30 cuts of 20 s, the overlay on top) compiled,
  then its segment at minute 9 asked for -> its bytes received;
- edit_resegment_s: the volume of the cut at minute 9 changed, compiled again, and the same
  segment asked for -> its bytes (the cost of an edit: the few segments it touches);
- export_s: `POST /editor/download` (mp4, `--quality`) -> job done;
- baseline_ffmpeg_s: the same composition as one hand-written ffmpeg command (concat + overlay)
  with the same encoder settings;
- peak_rss_mb: the server plus its ffmpeg children during the exports.
Exports and baseline runs alternate, so both meet the same machine load; as load from other
processes still skews wall times, the CPU seconds of both (the server's reaped children, and
ours) are reported too, with their ratio (`export_cpu_vs_ffmpeg`).
Then the captions timeline of `bench/captions_timeline.py` (karaoke captions, a styled two-line
title, a zoomIn clip): `captions_segment_s` and `captions_vs_ffmpeg`.
The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.captions_timeline import measure as measure_captions
from bench.common import (
    children_cpu_idle,
    children_cpu_s,
    export_and_wait,
    own_children_cpu_s,
    print_json_line,
    segment_bytes,
    wait_for,
)
from editor_app.headless.local_backend import LocalBackend
from editor_app.samples import SampleMedia
from editor_app.server.render.encoders import export_args
from editor_app.server.render.segments import SEGMENT_MS

CUTS = [("a", 2.0, 20.0, 0.5), ("b", 3.0, 20.0, 1.0), ("c", 1.0, 20.0, 0.8)]  # source, in, length, volume
SOURCES = {"a": "testsrc2", "b": "smptehdbars", "c": "rgbtestsrc"}
MINUTE_9 = 540_000 // SEGMENT_MS  # the segment a seek to minute 9 asks for


def make_media(folder: Path) -> dict[str, Path]:
    samples = SampleMedia(folder)
    files: dict[str, Path] = {}
    encode = ["-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-pix_fmt", "yuv420p", "-c:a", "aac"]
    for name, pattern in SOURCES.items():
        lavfi = [
            "-f",
            "lavfi",
            "-i",
            f"{pattern}=s=1280x720:r=25:d=25",
            "-f",
            "lavfi",
            "-i",
            "sine=f=330:d=25",
        ]
        files[name] = samples.make(f"{name}.mp4", lavfi, [*encode, "-shortest"])
    files["logo"] = samples.still("orange", "320x180")
    return files


def upload(client: httpx.Client, path: Path, media_type: str) -> str:
    url = client.get("/collection/default/upload_url", params={"name": path.name}).json()["data"][
        "upload_url"
    ]
    with path.open("rb") as handle:
        client.post(url, files={"file": (path.name, handle)}).raise_for_status()
    answer = client.post(
        "/collection/default/upload", json={"url": url, "name": path.name, "media_type": media_type}
    )
    answer.raise_for_status()
    return str(answer.json()["data"]["id"])


def timeline(ids: dict[str, str], background: str) -> dict[str, Any]:
    main, start = [], 0.0
    for source, in_point, length, volume in CUTS:
        asset = {"type": "video", "id": ids[source], "start": in_point, "volume": volume}
        main.append({"start": start, "clip": {"asset": asset, "duration": length}})
        start += length
    logo = {"type": "image", "id": ids["logo"]}
    overlay = [{"start": 10, "clip": {"asset": logo, "duration": 40, "fit": None, "position": "top_right"}}]
    tracks = [{"clips": main}, {"clips": overlay}]
    return {"timeline": {"background": background, "resolution": "1280x720", "tracks": tracks}}


def long_timeline(ids: dict[str, str], background: str, volume_at_9: float = 1.0) -> dict[str, Any]:
    main = []
    for n in range(30):
        source, in_point, _length, volume = CUTS[n % len(CUTS)]
        asset = {"type": "video", "id": ids[source], "start": in_point / 2, "volume": volume}
        if n == 27:  # [540 s, 560 s)
            asset["volume"] = volume_at_9
        main.append({"start": n * 20, "clip": {"asset": asset, "duration": 20}})
    logo = {"type": "image", "id": ids["logo"]}
    overlay = [{"start": 10, "clip": {"asset": logo, "duration": 580, "fit": None, "position": "top_right"}}]
    tracks = [{"clips": main}, {"clips": overlay}]
    return {"timeline": {"background": background, "resolution": "1280x720", "tracks": tracks}}


def baseline_command(files: dict[str, Path], output: Path, quality: Any) -> list[str]:
    inputs: list[str] = []
    for source, in_point, length, _volume in CUTS:
        inputs += ["-ss", str(in_point), "-t", str(length), "-i", str(files[source])]
    inputs += ["-loop", "1", "-framerate", "25", "-t", "60", "-i", str(files["logo"])]
    parts = [f"[{i}:a]volume={v}[a{i}]" for i, (_s, _in, _l, v) in enumerate(CUTS)]
    parts.append("[0:v][a0][1:v][a1][2:v][a2]concat=n=3:v=1:a=1[base][aout]")
    parts.append("[base][3:v]overlay=x=W-w:y=0:enable='between(t,10,50)'[vout]")
    graph = ";".join(parts)
    return [
        "ffmpeg",
        "-v",
        "error",
        "-y",
        *inputs,
        "-filter_complex",
        graph,
        "-map",
        "[vout]",
        "-map",
        "[aout]",
        "-t",
        "60",
        "-ac",
        "2",  # the renderer always writes stereo; so must the baseline, or it encodes half the audio
        *export_args("mp4", quality, output),
    ]


def tree_rss_kb(root: int) -> int:
    """Resident memory of a process and its direct children, from /proc."""
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            status = Path(f"/proc/{entry}/status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if int(entry) == root or int(fields.get("PPid", "0").strip()) == root:
            total += int(fields.get("VmRSS", "0 kB").split()[0])
    return total


class PeakRss:
    def __init__(self, pid: int) -> None:
        self.pid, self.peak_kb, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, tree_rss_kb(self.pid))
            time.sleep(0.1)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quality", choices=["low", "medium", "high"], default="medium")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-backend-") as tmp:
        folder = Path(tmp)
        files = make_media(folder)
        backend = LocalBackend(folder / "data")
        process, base_url, key = backend.process, backend.base_url, backend.api_key
        try:
            with httpx.Client(base_url=base_url, headers={"x-access-token": key}, timeout=120) as client:
                ids = {
                    name: upload(client, path, "image" if name == "logo" else "video")
                    for name, path in files.items()
                }
                first_segments: list[float] = []
                seeks: list[float] = []
                edits: list[float] = []
                exports: list[float] = []
                export_cpu: list[float] = []
                baselines: list[float] = []
                baseline_cpu: list[float] = []
                stream_url = ""
                for run in range(args.runs):
                    started = time.monotonic()
                    data = client.post("/editor", json=timeline(ids, f"#0000{run:02d}")).json()["data"]
                    segment_bytes(client, data["stream_url"], 0)
                    first_segments.append(time.monotonic() - started)
                    stream_url = data["stream_url"]
                    print(f"run {run}: first segment after {first_segments[-1]:.3f} s", flush=True)
                    started = time.monotonic()
                    body = long_timeline(ids, f"#0001{run:02d}")
                    long_url = client.post("/editor", json=body).json()["data"]["stream_url"]
                    segment_bytes(client, long_url, MINUTE_9)
                    seeks.append(time.monotonic() - started)
                    started = time.monotonic()
                    body = long_timeline(ids, f"#0001{run:02d}", volume_at_9=0.25)
                    long_url = client.post("/editor", json=body).json()["data"]["stream_url"]
                    segment_bytes(client, long_url, MINUTE_9)
                    edits.append(time.monotonic() - started)
                    print(
                        f"run {run}: minute 9 of 10 after {seeks[-1]:.3f} s, edited {edits[-1]:.3f} s",
                        flush=True,
                    )
                    wait_for(lambda: children_cpu_idle(process.pid), 60)  # read-ahead done: not counted below
                with PeakRss(process.pid) as rss:
                    for run in range(args.runs):
                        cpu, started = children_cpu_s(process.pid), time.monotonic()
                        export_and_wait(client, base_url, stream_url, args.quality)
                        exports.append(time.monotonic() - started)
                        export_cpu.append(children_cpu_s(process.pid) - cpu)
                        cpu, started = own_children_cpu_s(), time.monotonic()
                        subprocess.run(
                            baseline_command(files, folder / "baseline.mp4", args.quality), check=True
                        )
                        baselines.append(time.monotonic() - started)
                        baseline_cpu.append(own_children_cpu_s() - cpu)
                        print(
                            f"run {run}: export {exports[-1]:.2f} s ({export_cpu[-1]:.1f} cpu s), "
                            f"hand-written ffmpeg {baselines[-1]:.2f} s ({baseline_cpu[-1]:.1f} cpu s), "
                            f"load {os.getloadavg()[0]:.1f}",
                            flush=True,
                        )
                captions = measure_captions(
                    client, base_url, process.pid, ids["a"], files["a"], folder, args.runs, args.quality
                )
        finally:
            backend.stop(30)
    export_s, baseline_s = statistics.median(exports), statistics.median(baselines)
    result = {
        "first_segment_s": round(statistics.median(first_segments), 3),
        "seek_segment_s_10min": round(statistics.median(seeks), 3),
        "edit_resegment_s": round(statistics.median(edits), 3),
        "export_s": round(export_s, 2),
        "baseline_ffmpeg_s": round(baseline_s, 2),
        "export_vs_ffmpeg": round(export_s / baseline_s, 3),
        "peak_rss_mb": round(rss.peak_kb / 1024, 1),
        "export_cpu_s": round(statistics.median(export_cpu), 2),
        "baseline_cpu_s": round(statistics.median(baseline_cpu), 2),
        "export_cpu_vs_ffmpeg": round(statistics.median(export_cpu) / statistics.median(baseline_cpu), 3),
        **captions,
    }
    print_json_line("backend", result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
