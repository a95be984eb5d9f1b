"""Benchmark of the preview on camera footage (issue 13; runs by hand:
`.venv/bin/python bench/preview.py [--media DIR]`, DIR keeps the generated media between runs).

Camera-like media made with lavfi (`bench/preview_media.py`): two 1920x1080 30 fps H.264 clips
at 12 Mbps with sensor noise and a 2 s GOP, a 1920x1080 HEVC phone clip, 48 kHz stereo music;
the timeline cuts the camera clips on V1, shows the phone clip as picture-in-picture on V2, a
title on V3 and the music on A1. Against a real `videodb-editor serve`, over HTTP:
- proxy_x_realtime: seconds of a camera clip over the seconds from its upload's answer to
  its proxy being ready (phone_proxy_x_realtime likewise for the HEVC clip);
- segment_render_ratio: seconds a preview segment takes to render (a player waiting for it, so
  nothing else runs) per second of preview, at Auto, taken as 360 rows (the pane's device
  pixels at the default window size), from proxies; median over segments across the minute;
- vs_ffmpeg_originals: that segment at 5 s (camera, picture-in-picture, title and music) over
  the baseline in the same run: one hand-written ffmpeg command rendering that second from
  the originals at 720p;
- seek_to_frame_p95_s: the still-frame route (`frame_url`) at random instants, 360 rows, p95;
- scrub_fps: frames that route serves per second along a drag (one request after another,
  positions 0.1 s apart), each a distinct frame; scrub_fps_2_in_flight with two requests at once;
- edit_to_frame_server_s_60s / _10min: an edit (opacity of the clip under the playhead) ->
  recompile -> the new frame at the playhead from the frame route; median of 5;
- stalls_60s_server: a player reading the 60 s preview in real time (1 s of buffer): segments
  that arrive after the moment they are due;
- peak_rss_mb: the backend's peak resident memory (VmHWM; ffmpeg children not included).
The GUI figures (edit_to_frame_s_*, seek_to_frame_p95_s timed to the widget's pixels, scrub_fps
on screen, stalls_60s of VLC, play_cpu_pct) need the preview widget and are printed as null
here; the server figures beside them bound what the widget can do.
The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import copy
import random
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx

from bench.common import p95, print_json_line
from bench.preview_media import CAMERA_S, PHONE_S, CameraMedia, baseline_command, camera_timeline, make_media
from editor_app.api.client import VideoDBClient
from editor_app.headless.local_backend import LocalBackend

AUTO_ROWS = 360
RUNS = 5
SEEKS = 20


def baseline_s(media: CameraMedia, folder: Path) -> float:
    times = []
    for _ in range(RUNS):
        started = time.monotonic()
        subprocess.run(baseline_command(media, 5.0, folder / "baseline.ts"), check=True)
        times.append(time.monotonic() - started)
    return statistics.median(times)


def wait_proxy(client: VideoDBClient, media_id: str, limit_s: float = 600) -> float:
    started = time.monotonic()
    while time.monotonic() - started < limit_s:
        proxy = client.get_media(media_id).proxy
        if proxy is not None and proxy.state == "ready":
            return time.monotonic() - started
        if proxy is not None and proxy.state == "failed":
            raise RuntimeError(f"proxy of {media_id} failed: {proxy.error}")
        time.sleep(0.1)
    raise RuntimeError(f"no proxy of {media_id} after {limit_s} s")


class Stream:
    """A compiled preview stream's segments over plain HTTP, as a player fetches them."""

    def __init__(self, stream_url: str) -> None:
        self.base, _, self.query = stream_url.partition("index.m3u8")
        self.http = httpx.Client(timeout=120)
        self.http.get(stream_url).raise_for_status()  # the player opens the playlist first

    def fetch_s(self, index: int) -> float:
        started = time.monotonic()
        self.http.get(f"{self.base}seg_{index:05d}.ts{self.query}").raise_for_status()
        return time.monotonic() - started

    def close(self) -> None:
        self.http.close()


def with_opacity(body: dict[str, Any], at_s: float, opacity: float) -> dict[str, Any]:
    edited = copy.deepcopy(body)
    for item in edited["timeline"]["tracks"][0]["clips"]:
        if item["start"] <= at_s < item["start"] + item["clip"]["duration"]:
            item["clip"]["opacity"] = opacity
    return edited


def segment_times(client: VideoDBClient, body: dict[str, Any]) -> dict[int, float]:
    compiled = client.compile(body, preview_height=AUTO_ROWS)
    stream = Stream(compiled.stream_url)
    try:
        return {index: stream.fetch_s(index) for index in (5, 15, 25, 35, 45, 55)}
    finally:
        stream.close()


def seek_times(client: VideoDBClient, body: dict[str, Any]) -> list[float]:
    frame_url = client.compile(body, preview_height=AUTO_ROWS).frame_url
    assert frame_url is not None
    spots = random.Random(13).sample(range(0, 59_000, 33), SEEKS)
    times = []
    for ms in spots:
        started = time.monotonic()
        client.frame(frame_url, ms / 1000, AUTO_ROWS)
        times.append(time.monotonic() - started)
    return times


def scrub_fps(client: VideoDBClient, body: dict[str, Any], in_flight: int, frames: int = 30) -> float:
    """Frames per second along a drag with `in_flight` requests at once (a new opacity each
    time, so nothing is cached)."""
    edited = with_opacity(body, 40, 0.97 - in_flight / 100)
    frame_url = client.compile(edited, preview_height=AUTO_ROWS).frame_url
    assert frame_url is not None
    started = time.monotonic()
    with ThreadPoolExecutor(in_flight) as pool:
        list(pool.map(lambda step: client.frame(frame_url, 40 + step * 0.1, AUTO_ROWS), range(frames)))
    return frames / (time.monotonic() - started)


def edit_to_frame_s(client: VideoDBClient, body: dict[str, Any], playhead_s: float) -> float:
    client.compile(body, preview_height=AUTO_ROWS)
    times = []
    for run in range(RUNS):
        edited = with_opacity(body, playhead_s, 0.9 - run / 20)
        started = time.monotonic()
        frame_url = client.compile(edited, preview_height=AUTO_ROWS).frame_url
        assert frame_url is not None
        client.frame(frame_url, playhead_s, AUTO_ROWS)
        times.append(time.monotonic() - started)
    print("  edit -> new frame: " + ", ".join(f"{t:.2f}" for t in times) + " s")
    return statistics.median(times)


def playback_stalls(client: VideoDBClient, body: dict[str, Any], buffer_s: float = 1.0) -> int:
    """Segments of a fresh 60 s preview arriving after they are due in real-time playback."""
    compiled = client.compile(with_opacity(body, 0, 0.95), preview_height=AUTO_ROWS)
    stream = Stream(compiled.stream_url)
    stalls, started = 0, time.monotonic()
    delay = buffer_s  # playback starts once the buffer is in; a stall pushes it later
    try:
        for index in range(60):
            stream.fetch_s(index)
            due = started + delay + index
            if time.monotonic() > due:
                stalls += 1
                delay += time.monotonic() - due
    finally:
        stream.close()
    return stalls


def backend_peak_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def run(media_dir: Path, work: Path) -> dict[str, Any]:
    print("making camera media (reused when there) ...", flush=True)
    media = make_media(media_dir)
    base = baseline_s(media, work)
    print(f"baseline: ffmpeg renders 1 s of the composition from the originals at 720p in {base:.2f} s")
    with LocalBackend(work / "data") as backend, VideoDBClient(backend.base_url, backend.api_key) as client:
        ids = {"camera0": client.upload(media.cameras[0]).id}
        camera_s = wait_proxy(client, ids["camera0"])
        ids["camera1"] = client.upload(media.cameras[1]).id
        ids["phone"] = client.upload(media.phone).id
        ids["music"] = client.upload(media.music, media_type="audio").id
        wait_proxy(client, ids["camera1"])
        phone_s = wait_proxy(client, ids["phone"])
        print(f"proxies: {CAMERA_S} s camera clip in {camera_s:.1f} s, {PHONE_S} s HEVC in {phone_s:.1f} s")
        short, long = camera_timeline(ids, 1), camera_timeline(ids, 10)
        segments = segment_times(client, short)
        print("preview segments at 360 rows: " + ", ".join(f"{i}: {t:.2f} s" for i, t in segments.items()))
        seeks = seek_times(client, short)
        print(f"still frames: median {statistics.median(seeks):.3f} s, p95 {p95(seeks):.3f} s")
        scrub, scrub_two = scrub_fps(client, short, 1), scrub_fps(client, short, 2)
        print(f"scrubbing: {scrub:.1f} frames/s one request at a time, {scrub_two:.1f} with two")
        edit_60 = edit_to_frame_s(client, short, 30.5)
        edit_600 = edit_to_frame_s(client, long, 300.5)
        stalls = playback_stalls(client, short)
        print(f"real-time playback of 60 s from proxies: {stalls} late segments")
        peak = backend_peak_mb(backend.process.pid)
    ratio = statistics.median(segments.values())
    return {
        "segment_render_ratio": round(ratio, 3),
        "vs_ffmpeg_originals": round(segments[5] / base, 3),
        "edit_to_frame_s_60s": None,
        "edit_to_frame_s_10min": None,
        "seek_to_frame_p95_s": round(p95(seeks), 3),
        "scrub_fps": round(scrub, 1),
        "scrub_fps_2_in_flight": round(scrub_two, 1),
        "stalls_60s": None,
        "proxy_x_realtime": round(CAMERA_S / camera_s, 2),
        "play_cpu_pct": None,
        "peak_rss_mb": peak,
        "phone_proxy_x_realtime": round(PHONE_S / phone_s, 2),
        "edit_to_frame_server_s_60s": round(edit_60, 3),
        "edit_to_frame_server_s_10min": round(edit_600, 3),
        "stalls_60s_server": stalls,
        "baseline_ffmpeg_s": round(base, 3),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--media", type=Path, help="folder keeping the generated media between runs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder_name:
        work = Path(folder_name)
        figures = run(args.media or work / "media", work)
    print_json_line("preview", figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
