"""The captions part of bench/backend.py (a helper module, not a bench of its own).

A 10 s 720p timeline: a `zoomIn` video clip, a karaoke caption track (five cues of three words)
and a styled two-line centred title. Measured: `captions_segment_s`, a preview segment of it
rendered (compile -> the bytes of segment 3, median); `captions_export_s` against
`captions_ffmpeg_s`, the same picture as one hand-written ffmpeg command with the same filters
(perspective, ass, drawtext per line), alternating in the same run -> `captions_vs_ffmpeg`, and
the same in CPU seconds (`captions_cpu_vs_ffmpeg`, steadier when other processes load the machine).
"""

from __future__ import annotations

import base64
import statistics
import subprocess
import time
from pathlib import Path
from typing import Any

import httpx

from bench.common import (
    children_cpu_idle,
    children_cpu_s,
    export_and_wait,
    own_children_cpu_s,
    segment_bytes,
    wait_for,
)
from editor_app.server.render.encoders import export_args

WORDS = ["one two three", "four five six", "seven eight nine", "ten eleven twelve", "more words here"]
SECONDS = 10


def _srt() -> str:
    return "\n".join(
        f"{i + 1}\n00:00:{i * 2:02d},000 --> 00:00:{i * 2 + 2:02d},000\n{text}\n"
        for i, text in enumerate(WORDS)
    )


def captions_timeline(video_id: str, background: str) -> dict[str, Any]:
    video = {"type": "video", "id": video_id, "start": 2, "volume": 1}
    caption = {
        "type": "caption",
        "src": base64.b64encode(_srt().encode()).decode(),
        "font": {"font_name": "DejaVu Sans", "font_size": 48, "bold": True},
        "animation": "karaoke",
    }
    title = {
        "type": "text",
        "text": "A styled title\non two lines",
        "font": {"family": "DejaVu Sans", "size": 56, "color": "#FFFF00"},
        "border": {"color": "#000000", "width": 3},
        "alignment": {"horizontal": "center", "vertical": "top"},
    }
    tracks = [
        {"clips": [{"start": 0, "clip": {"asset": video, "duration": SECONDS, "effect": "zoomIn"}}]},
        {"clips": [{"start": 0, "clip": {"asset": title, "duration": SECONDS}}]},
        {"clips": [{"start": 0, "clip": {"asset": caption, "duration": SECONDS}}]},
    ]
    return {"timeline": {"background": background, "resolution": "1280x720", "tracks": tracks}}


ASS_HEAD = """[Script Info]
ScriptType: v4.00+
PlayResX: 1280
PlayResY: 720
ScaledBorderAndShadow: yes

[V4+ Styles]
Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, \
Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, \
MarginL, MarginR, MarginV, Encoding
Style: Default,DejaVu Sans,48,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,-1,0,0,0,100,100,0,0,1,1,0,2,\
30,30,30,1

[Events]
Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
"""


def _baseline_ass(path: Path) -> Path:
    lines = []
    for i, text in enumerate(WORDS):
        words = text.split()
        cs = 200 // len(words)
        body = " ".join(f"{{\\kf{cs}}}{w}" for w in words)
        lines.append(f"Dialogue: 0,0:00:{i * 2:02d}.00,0:00:{i * 2 + 2:02d}.00,Default,,0,0,0,,{body}")
    path.write_text(ASS_HEAD + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def baseline_command(video: Path, folder: Path, output: Path, quality: Any) -> list[str]:
    ass = _baseline_ass(folder / "baseline.ass")
    (folder / "l0.txt").write_text("A styled title", encoding="utf-8")
    (folder / "l1.txt").write_text("on two lines", encoding="utf-8")
    p = f"clip(in/25/{SECONDS},0,1)"
    w, h = f"(W/(1+0.2*{p}))", f"(H/(1+0.2*{p}))"
    x, y = f"((W-{w})/2)", f"((H-{h})/2)"
    zoom = (
        f"perspective=x0='{x}':y0='{y}':x1='{x}+{w}':y1='{y}':x2='{x}':y2='{y}+{h}':x3='{x}+{w}':"
        f"y3='{y}+{h}':interpolation=linear:eval=frame"
    )
    text = "expansion=none:font=DejaVu Sans:fontsize=56:fontcolor=0xFFFF00:borderw=3:bordercolor=0x000000"
    draws = [
        f"drawtext=textfile={folder / f'l{i}.txt'}:{text}:x=(w-text_w)/2:y={i * 67 + 53}-max_glyph_a"
        for i in range(2)
    ]
    graph = ",".join(
        ["scale=1280:720", "setsar=1", "fps=25", zoom, *draws, f"ass=filename={ass}", "format=yuv420p"]
    )
    return [
        "ffmpeg", "-v", "error", "-y", "-ss", "2", "-t", str(SECONDS), "-i", str(video),
        "-vf", graph, "-ac", "2", "-t", str(SECONDS), *export_args("mp4", quality, output),
    ]  # fmt: skip


def measure(
    client: httpx.Client,
    base_url: str,
    server_pid: int,
    video_id: str,
    video: Path,
    folder: Path,
    runs: int,
    quality: Any,
) -> dict[str, float]:
    """Before the exports, the server's read-ahead renders are let finish, so they meet no leftovers."""
    segments: list[float] = []
    exports: list[float] = []
    baselines: list[float] = []
    export_cpu: list[float] = []
    baseline_cpu: list[float] = []
    stream_url = ""
    for run in range(runs):
        started = time.monotonic()
        data = client.post("/editor", json=captions_timeline(video_id, f"#1000{run:02d}")).json()["data"]
        segment_bytes(client, data["stream_url"], 3)
        segments.append(time.monotonic() - started)
        stream_url = data["stream_url"]
        wait_for(lambda: children_cpu_idle(server_pid), 60)
    for run in range(runs):
        before, started = children_cpu_s(server_pid), time.monotonic()
        export_and_wait(client, base_url, stream_url, quality)
        exports.append(time.monotonic() - started)
        export_cpu.append(children_cpu_s(server_pid) - before)
        before, started = own_children_cpu_s(), time.monotonic()
        subprocess.run(baseline_command(video, folder, folder / "captions-baseline.mp4", quality), check=True)
        baselines.append(time.monotonic() - started)
        baseline_cpu.append(own_children_cpu_s() - before)
        print(
            f"captions run {run}: export {exports[-1]:.2f} s, hand-written {baselines[-1]:.2f} s", flush=True
        )
    export_s, baseline_s = statistics.median(exports), statistics.median(baselines)
    return {
        "captions_segment_s": round(statistics.median(segments), 3),
        "captions_export_s": round(export_s, 2),
        "captions_ffmpeg_s": round(baseline_s, 2),
        "captions_vs_ffmpeg": round(export_s / baseline_s, 3),
        "captions_cpu_vs_ffmpeg": round(statistics.median(export_cpu) / statistics.median(baseline_cpu), 3),
    }
