"""Benchmark of the API client against the local backend (run by hand: `python bench/client.py`).

Measures 200 sequential small requests (median latency), 20 concurrent workers (requests per
second), and the download of a 200 MB file compared with `curl` on the same URL in the same
run (ROUNDS alternating pairs; `download_vs_curl` compares the medians, `..._pair_median` is the
median of each pair's ratio, steadier on a machine whose load changes; `download_cpu_vs_curl` is
the client's CPU seconds over curl's, the figure that decides the speed on a busy machine). The
downloads land on disk beside the work files, as an export does (`--ram`: in /dev/shm, to see
the transfer alone). Ends with one JSON line.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import print_json_line, timed_ms
from editor_app.api import VideoDBClient
from editor_app.headless.local_backend import LocalBackend
from editor_app.samples import SampleMedia

SEQUENTIAL = 200
WORKERS = 20
PER_WORKER = 10
DOWNLOAD_MB = 200
ROUNDS = 9  # alternating who goes first: load varies
RAM_FOLDER = Path("/dev/shm")


def make_big_wav(path: Path, megabytes: int) -> Path:
    """PCM at 192 kHz stereo s32 (1.5 MB/s): `megabytes` of real, probe-able media, fast to make."""
    seconds = megabytes * 1024 * 1024 / (192_000 * 2 * 4)
    tone = ["-f", "lavfi", "-i", f"sine=frequency=440:sample_rate=192000:duration={seconds:.2f}"]
    return SampleMedia(path.parent).make(path.name, tone, ["-ac", "2", "-c:a", "pcm_s32le"])


def sequential(client: VideoDBClient) -> float:
    latencies = []
    for _ in range(SEQUENTIAL):
        started = time.perf_counter()
        client.get_collection()
        latencies.append(time.perf_counter() - started)
    return statistics.median(latencies) * 1000


def concurrent(client: VideoDBClient) -> float:
    def worker(_: int) -> None:
        for _ in range(PER_WORKER):
            client.get_collection()

    started = time.perf_counter()
    with ThreadPoolExecutor(WORKERS) as pool:
        list(pool.map(worker, range(WORKERS)))
    return WORKERS * PER_WORKER / (time.perf_counter() - started)


def cpu_s(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def timed(action: Callable[[], object], who: int) -> tuple[float, float]:
    """(wall, CPU) seconds of `action`; `who` says whose CPU: ours or the finished children's."""
    before = cpu_s(who)
    wall = timed_ms(action) / 1000
    return wall, cpu_s(who) - before


def ours_once(client: VideoDBClient, url: str, work: Path, number: int, size: int) -> tuple[float, float]:
    dest = work / f"ours-{number}.wav"
    seconds = timed(lambda: client.download(url, dest, expected_size=size), resource.RUSAGE_SELF)
    assert dest.stat().st_size == size
    dest.unlink()
    return seconds


def curl_once(url: str, work: Path, number: int, size: int) -> tuple[float, float]:
    target = work / f"curl-{number}.wav"
    command = ["curl", "-sS", "--fail", "-o", str(target), url]
    seconds = timed(lambda: subprocess.run(command, check=True), resource.RUSAGE_CHILDREN)
    assert target.stat().st_size == size
    target.unlink()
    return seconds


def landing_folder(work: Path) -> Path:
    if "--ram" not in sys.argv[1:] or not RAM_FOLDER.is_dir():
        return work
    return Path(tempfile.mkdtemp(prefix="bench-client-", dir=RAM_FOLDER))


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="bench-client-") as folder:
        work = Path(folder)
        with (
            LocalBackend(work / "data") as backend,
            VideoDBClient(backend.base_url, backend.api_key) as client,
        ):
            client.get_collection()  # warm up
            seq_ms = sequential(client)
            print(f"sequential: {SEQUENTIAL} requests, median {seq_ms:.2f} ms")
            rps = concurrent(client)
            print(f"concurrent: {WORKERS} workers x {PER_WORKER}, {rps:.0f} requests/s")

            big = make_big_wav(work / "big.wav", DOWNLOAD_MB)
            item = client.upload(big, media_type="audio")
            url = item.stream_url
            assert url is not None
            size = big.stat().st_size
            landing = landing_folder(work)
            ours: list[tuple[float, float]] = []
            curls: list[tuple[float, float]] = []
            try:
                for n in range(ROUNDS):
                    if n % 2:
                        curls.append(curl_once(url, landing, n, size))
                    ours.append(ours_once(client, url, landing, n, size))
                    if not n % 2:
                        curls.append(curl_once(url, landing, n, size))
            finally:
                if landing != work:
                    landing.rmdir()
            print(f"landing folder: {landing}")
            ours_cpu = statistics.median(cpu for _, cpu in ours)
            curl_cpu = statistics.median(cpu for _, cpu in curls)
            print(f"CPU per download: client {ours_cpu:.3f} s, curl {curl_cpu:.3f} s")
            mb = size / 1e6
            ours_mb_s = mb / statistics.median(wall for wall, _ in ours)
            curl_mb_s = mb / statistics.median(wall for wall, _ in curls)
            # each pair ran back to back, under about the same load from the rest of the machine
            pairs = [curl[0] / our[0] for our, curl in zip(ours, curls, strict=True)]
            print(f"download {mb:.0f} MB: client {ours_mb_s:.0f} MB/s, curl {curl_mb_s:.0f} MB/s")
            print("client/curl speed per pair: " + ", ".join(f"{r:.2f}" for r in pairs))
    result = {
        "seq_median_ms": round(seq_ms, 2),
        "concurrent_rps": round(rps, 1),
        "download_mb_s": round(ours_mb_s, 1),
        "curl_mb_s": round(curl_mb_s, 1),
        "download_vs_curl": round(ours_mb_s / curl_mb_s, 3),
        "download_vs_curl_pair_median": round(statistics.median(pairs), 3),
        "download_cpu_vs_curl": round(ours_cpu / curl_cpu, 3),
    }
    print_json_line("client", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
