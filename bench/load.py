"""Load and fairness of one `videodb-editor serve` (runs by hand: `.venv/bin/python bench/load.py`).

Two bounded phases against a real server on loopback (`--seconds` each, 30 by default):
- 50 clients, each compiling its own timeline, fetching its playlist and its first segments (so
  many viewers watch at once, the newest one's stream being the "watched" one), while a second
  viewer's player keeps fetching the segments of one stream beside them;
- 200 clients of API GETs (collections, media lists, one media item).
Each client has its own connection (its own `httpx.Client`), as separate players and programs
do: 200 threads sharing one client's pool measured httpcore's pool (its request queue is scanned
per request under one lock), not the server, which sat at 0.1 core while clients waited 4 s.
Measured: 5xx answers and, apart, requests that got no answer (exceptions, by class), the share
of segment fetches answered 503, p95 latency of the GETs and of compiles, the server's RSS and
open-fd growth over the run, and ffmpeg processes of the server still running 20 s after the load
stopped (issue 16). The last line is one JSON object: {"bench": "load", "errors_5xx",
"exceptions", "exception_classes", "segment_503_pct", "get_p95_ms", "get_rps", "get_cpu_ms",
"compile_p95_ms", "rss_growth_mb", "fd_growth", "ffmpeg_left"}; aims 0, 0, {}, <= 1, <= 400, -, -,
<= 1000, <= 20, <= 10, 0 (get_rps and get_cpu_ms, the server's CPU per GET, are for comparisons).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import p95, print_json_line, wait_until
from editor_app.headless.local_backend import LocalBackend
from editor_app.samples import SampleMedia

COMPILE_CLIENTS = 50
GET_CLIENTS = 200
SEGMENTS_PER_VIEW = 2
Connect = Callable[[], httpx.Client]  # each client its own connection, as separate players have


class Tally:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.errors_5xx = 0  # answers with a 5xx status (a segment's 503 is counted apart)
        self.exceptions: Counter[str] = Counter()  # requests that got no answer, by exception class
        self.segments = 0
        self.segments_503 = 0
        self.compile_ms: list[float] = []
        self.get_ms: list[float] = []

    def answer(self, response: httpx.Response, segment: bool = False) -> None:
        with self.lock:
            if response.status_code >= 500 and not (segment and response.status_code == 503):
                self.errors_5xx += 1  # a segment's 503 ("busy, retry") is counted on its own below
            if segment:
                self.segments += 1
                self.segments_503 += response.status_code == 503

    def failed(self, exc: Exception) -> None:
        """A request that got no answer at all (a reset, a timeout): a failure too, kept apart."""
        with self.lock:
            self.exceptions[type(exc).__name__] += 1


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_s(pid: int) -> float:
    """CPU seconds the process used so far (user + system): on a shared machine the cost per
    request says more than a latency that includes waiting for a core."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def fd_count(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


def ffmpeg_children(pid: int) -> int:
    count = 0
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid and fields[0] != "Z" and b"ffmpeg" in (entry / "cmdline").read_bytes():
                count += 1
        except (OSError, ValueError, IndexError):
            continue
    return count


def upload(client: httpx.Client, path: Path) -> str:
    url = client.get("/collection/default/upload_url", params={"name": path.name}).json()["data"][
        "upload_url"
    ]
    with path.open("rb") as handle:
        client.post(url, files={"file": (path.name, handle)}).raise_for_status()
    answer = client.post("/collection/default/upload", json={"url": url, "media_type": "video"})
    answer.raise_for_status()
    return str(answer.json()["data"]["id"])


def timeline(media_id: str, volume: float) -> dict[str, Any]:
    asset = {"type": "video", "id": media_id, "start": 0, "volume": round(volume, 4)}
    clip = {"start": 0, "clip": {"asset": asset, "duration": 4}}
    return {"timeline": {"resolution": "320x180", "tracks": [{"clips": [clip]}]}}


def view(client: httpx.Client, stream_url: str, tally: Tally, stop: threading.Event) -> None:
    stream = httpx.URL(stream_url)
    playlist = client.get(stream)
    tally.answer(playlist)
    if playlist.status_code != 200:
        return
    uris = [line for line in playlist.text.splitlines() if line and not line.startswith("#")]
    for uri in uris[:SEGMENTS_PER_VIEW]:
        if stop.is_set():
            return
        tally.answer(client.get(stream.join(uri)), segment=True)


def compile_client(make: Connect, media_id: str, n: int, tally: Tally, stop: threading.Event) -> None:
    with make() as base:
        compile_loop(base, media_id, n, tally, stop)


def compile_loop(base: httpx.Client, media_id: str, n: int, tally: Tally, stop: threading.Event) -> None:
    i = 0
    while not stop.is_set():
        i += 1
        started = time.monotonic()
        try:
            answer = base.post("/editor", json=timeline(media_id, 0.5 + (n * 1000 + i) / 1e6))
        except httpx.HTTPError as exc:
            tally.failed(exc)
            continue
        with tally.lock:
            tally.compile_ms.append((time.monotonic() - started) * 1000)
        tally.answer(answer)
        if answer.status_code == 200:
            try:
                view(base, answer.json()["data"]["stream_url"], tally, stop)
            except httpx.HTTPError as exc:
                tally.failed(exc)


def second_viewer(make: Connect, stream_url: str, tally: Tally, stop: threading.Event) -> None:
    with make() as base:
        while not stop.is_set():
            try:
                view(base, stream_url, tally, stop)
            except httpx.HTTPError as exc:
                tally.failed(exc)


def get_client(make: Connect, media_id: str, tally: Tally, stop: threading.Event) -> None:
    with make() as base:
        get_loop(base, media_id, tally, stop)


def get_loop(base: httpx.Client, media_id: str, tally: Tally, stop: threading.Event) -> None:
    paths = ["/collection", "/collection/default", "/video?collection_id=default", f"/video/{media_id}"]
    i = 0
    while not stop.is_set():
        started = time.monotonic()
        try:
            answer = base.get(paths[i % len(paths)])
        except httpx.HTTPError as exc:
            tally.failed(exc)
            continue
        with tally.lock:
            tally.get_ms.append((time.monotonic() - started) * 1000)
        tally.answer(answer)
        i += 1


def run_phase(workers: list[threading.Thread], seconds: float, stop: threading.Event) -> None:
    for worker in workers:
        worker.start()
    time.sleep(seconds)
    stop.set()
    for worker in workers:
        worker.join(60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30.0, help="length of each phase")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, LocalBackend(Path(tmp) / "data") as backend:
        pid = backend.process.pid
        headers = {"x-access-token": backend.api_key}

        def make() -> httpx.Client:
            return httpx.Client(base_url=backend.base_url, headers=headers, timeout=60)

        with make() as client:
            media_id = upload(client, SampleMedia(Path(tmp)).flat_video("teal", seconds=4))
            watched = client.post("/editor", json=timeline(media_id, 0.99)).json()["data"]["stream_url"]
            client.get("/collection")  # warm
            rss0, fd0 = rss_mb(pid), fd_count(pid)
            tally = Tally()
            stop = threading.Event()
            workers = [
                threading.Thread(target=compile_client, args=(make, media_id, n, tally, stop))
                for n in range(COMPILE_CLIENTS)
            ]
            workers.append(threading.Thread(target=second_viewer, args=(make, watched, tally, stop)))
            run_phase(workers, args.seconds, stop)
            print(f"phase 1: {len(tally.compile_ms)} compiles, {tally.segments} segment fetches")
            print(f"phase 2 starts beside {ffmpeg_children(pid)} ffmpeg of phase 1 still running")
            cpu0 = cpu_s(pid)
            stop = threading.Event()
            workers = [
                threading.Thread(target=get_client, args=(make, media_id, tally, stop))
                for _ in range(GET_CLIENTS)
            ]
            run_phase(workers, args.seconds, stop)
            get_cpu_ms = (cpu_s(pid) - cpu0) * 1000 / max(1, len(tally.get_ms))
            print(f"phase 2: {len(tally.get_ms)} GETs, {get_cpu_ms:.2f} ms of server CPU each")
        # the bench's own keep-alive connections are closed first: they are not the server's leak
        wait_until(lambda: ffmpeg_children(pid) == 0, 20.0, 0.2)
        wait_until(lambda: fd_count(pid) <= fd0, 5.0, 0.1)
        figures = {
            "errors_5xx": tally.errors_5xx,
            "exceptions": sum(tally.exceptions.values()),
            "exception_classes": dict(tally.exceptions),
            "segment_503_pct": round(100 * tally.segments_503 / max(1, tally.segments), 2),
            "get_p95_ms": round(p95(tally.get_ms), 1) if tally.get_ms else None,
            "get_rps": round(len(tally.get_ms) / args.seconds, 1),
            "get_cpu_ms": round(get_cpu_ms, 3),
            "compile_p95_ms": round(p95(tally.compile_ms), 1) if tally.compile_ms else None,
            "rss_growth_mb": round(rss_mb(pid) - rss0, 1),
            "fd_growth": fd_count(pid) - fd0,
            "ffmpeg_left": ffmpeg_children(pid),
        }
    print_json_line("load", figures)


if __name__ == "__main__":
    main()
