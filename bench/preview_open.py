"""Benchmark of the player's open after an edit (issue 13; runs by hand:
`.venv/bin/python bench/preview_open.py [--media DIR] [--baseline-ref REF]`).

VLC 3.0 reads `seg_00000` on every open of a stream, then seeks to the playhead's segment: so
after an edit the player waits for segment 0 and the playhead's segment, one after the other.
This measures, after each edit (a new opacity of the clip under the playhead -> `POST /editor`
at 360 rows from proxies; the playhead in the first clip, whose edit changes segment 0, and in
a later one, whose edit leaves segment 0 cached by its content key), the time from the
compile's answer to segment 0 served and to the playhead's segment served, fetched as VLC
does (playlist, segment 0, segment N), with the player opening `--open-delay` s after the
answer (the app's recompile, then VLC's start); from proxies, or with `--originals` from the
1080p originals (proxies off, or not made yet: segment 0 then costs what the playhead's does).

The same run measures a baseline: a `serve` of `--baseline-ref` (a git ref of this repository,
default `d93730b`, the last commit before segment 0 was primed), extracted with `git archive` into a
temporary folder; the two servers take turns, edit by edit, on the same camera-like media (one
12 s 1920x1080 30 fps H.264 clip at 12 Mbps with sensor noise and a 2 s GOP, cut into a minute,
and a title). The last line is one JSON object; figures are medians.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx

from bench.common import print_json_line
from bench.preview import AUTO_ROWS, wait_proxy
from editor_app.api.client import VideoDBClient
from editor_app.headless.local_backend import LocalBackend
from editor_app.samples import SampleMedia

REPO = Path(__file__).resolve().parents[1]
RUNS = 7
# the edit changes the clip under the playhead; segment 0's key changes only when that clip
# covers it (in the first clip, 0-12 s), else segment 0 is still cached from before the edit
PLAYHEADS_S = {"first_clip": 5.5, "later_clip": 30.5}


def timeline(media_id: str, opacity: float, playhead_s: float) -> dict[str, Any]:
    clips = []
    for n in range(5):
        asset = {"type": "video", "id": media_id, "start": 0, "volume": 0.5}
        clip: dict[str, Any] = {"asset": asset, "duration": 12}
        if n * 12 <= playhead_s < n * 12 + 12:
            clip["opacity"] = opacity
        clips.append({"start": n * 12, "clip": clip})
    title = {"type": "text", "text": "Camera timeline", "font": {"size": 72, "color": "#FFFFFF"}}
    tracks = [{"clips": clips}, {"clips": [{"start": 2, "clip": {"asset": title, "duration": 6}}]}]
    return {"timeline": {"background": "#000000", "resolution": "1920x1080", "tracks": tracks}}


def open_after_edit(
    client: VideoDBClient, media_id: str, run: int, open_delay: float, playhead_s: float
) -> tuple[float, float]:
    """Seconds from the compile's answer to segment 0 and to the playhead's segment served."""
    compiled = client.compile(timeline(media_id, 0.9 - run / 50, playhead_s), preview_height=AUTO_ROWS)
    answered = time.monotonic()
    base, _, query = compiled.stream_url.partition("index.m3u8")
    time.sleep(open_delay)
    with httpx.Client(timeout=120) as player:
        player.get(compiled.stream_url).raise_for_status()
        player.get(f"{base}seg_00000.ts{query}").raise_for_status()
        first = time.monotonic() - answered
        player.get(f"{base}seg_{int(playhead_s):05d}.ts{query}").raise_for_status()
        return first, time.monotonic() - answered


@contextlib.contextmanager
def baseline_tree(ref: str) -> Iterator[Path]:
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", ref, "editor_app"], capture_output=True, check=True
    )
    with tempfile.TemporaryDirectory() as folder:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(folder, filter="data")
        yield Path(folder)


@contextlib.contextmanager
def backend_from(tree: Path | None, data_dir: Path) -> Iterator[LocalBackend]:
    """A `serve` of this checkout, or of `tree`: started in it (`python -m` imports from its
    working directory first)."""
    here = Path.cwd()
    os.chdir(tree or REPO)
    try:
        backend = LocalBackend(data_dir.resolve())
    finally:
        os.chdir(here)
    with backend:
        yield backend


def run(media_dir: Path, work: Path, ref: str, open_delay: float, proxies: bool) -> dict[str, Any]:
    print("making camera media (reused when there) ...", flush=True)
    camera = SampleMedia(media_dir, timeout_s=1800).camera_video(12)
    times: dict[tuple[str, str, str], list[float]] = {}
    with (
        baseline_tree(ref) as tree,
        backend_from(None, work / "now") as now,
        backend_from(tree, work / "base") as base,
        VideoDBClient(now.base_url, now.api_key) as now_client,
        VideoDBClient(base.base_url, base.api_key) as base_client,
    ):
        clients = {"now": now_client, "base": base_client}
        for backend in (now, base):  # without proxies the previews decode the 1080p originals
            headers = {"x-access-token": backend.api_key}
            settings = {"auto_proxies": proxies}
            httpx.patch(
                f"{backend.base_url}/local/settings", json=settings, headers=headers
            ).raise_for_status()
        ids = {name: client.upload(camera).id for name, client in clients.items()}
        for name, client in clients.items():
            if proxies:
                wait_proxy(client, ids[name])
            open_after_edit(client, ids[name], RUNS, open_delay, 0.5)  # warm: the first reads the proxy
        for scenario, playhead_s in PLAYHEADS_S.items():
            for run_number in range(RUNS):
                for name, client in clients.items():
                    first, later = open_after_edit(client, ids[name], run_number, open_delay, playhead_s)
                    times.setdefault((scenario, name, "seg0"), []).append(first)
                    times.setdefault((scenario, name, "segN"), []).append(later)
                    print(f"  {scenario} {name}: segment 0 at {first:.2f} s, playhead's at {later:.2f} s")
    med = {key: round(statistics.median(values), 3) for key, values in times.items()}
    figures: dict[str, Any] = {}
    for scenario in PLAYHEADS_S:
        figures[f"open_after_edit_s_{scenario}"] = med[(scenario, "now", "segN")]
        figures[f"seg0_after_edit_s_{scenario}"] = med[(scenario, "now", "seg0")]
        figures[f"baseline_open_after_edit_s_{scenario}"] = med[(scenario, "base", "segN")]
        figures[f"baseline_seg0_after_edit_s_{scenario}"] = med[(scenario, "base", "seg0")]
        figures[f"vs_baseline_{scenario}"] = round(
            med[(scenario, "now", "segN")] / med[(scenario, "base", "segN")], 3
        )
    return {
        **figures,
        "proxies": proxies,
        "open_delay_s": open_delay,
        "baseline_ref": ref,
        "load": round(os.getloadavg()[0], 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--media", type=Path, help="folder keeping the generated media between runs")
    parser.add_argument("--baseline-ref", default="d93730b")  # a commit: branches are local
    parser.add_argument(
        "--open-delay", type=float, default=0.3, help="s from the compile's answer to the open"
    )
    parser.add_argument("--originals", action="store_true", help="no proxies: previews from the originals")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder_name:
        work = Path(folder_name)
        figures = run(
            args.media or work / "media", work, args.baseline_ref, args.open_delay, not args.originals
        )
    print_json_line("preview_open", figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
