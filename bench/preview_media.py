"""Camera-like media and the camera timeline of `bench/preview.py` (issue 13's Benchmark).

Media, made with lavfi through `SampleMedia` (DESIGN.md section 5 recipe): two 12 s 1920x1080
30 fps H.264 camera clips at 12 Mbps with temporal sensor noise and a 2 s GOP, one 1920x1080
HEVC phone clip, and a 48 kHz stereo music track. The timeline (1920x1080): the camera clips
cut one after another on V1, the HEVC clip as picture-in-picture on V2 (top right, a third of
the frame), a title on V3 and the music on A1; `minutes` long, its pattern repeating.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from editor_app.samples import SampleMedia

# short sources (making noisy 1080p costs minutes on a busy 2-core box); a minute cuts them often
CAMERA_S = 12
PHONE_S = 6
PATTERN_S = 60  # V1 cuts repeat every minute
# V1 in one minute: (camera, source in-point s, length s)
CUTS = ((0, 0, 12), (1, 0, 12), (0, 1, 10), (1, 1, 10), (0, 0, 12), (1, 2, 4))
PIP_AT = (4, 34)  # the phone clip starts at these seconds of every minute
PIP_S = 5
TITLE_AT, TITLE_S = 2, 6
MUSIC = "0.3*sin(2*PI*(220+40*sin(2*PI*0.25*t))*t)|0.3*sin(2*PI*(330+30*sin(2*PI*0.2*t))*t)"


@dataclass(frozen=True)
class CameraMedia:
    cameras: tuple[Path, Path]
    phone: Path
    music: Path


def make_media(folder: Path) -> CameraMedia:
    samples = SampleMedia(folder, timeout_s=1800)
    cameras = (samples.camera_video(CAMERA_S, seed=0), samples.camera_video(CAMERA_S, seed=1, tone_hz=330))
    phone = samples.camera_video(PHONE_S, codec="hevc", bitrate="8M", seed=2, tone_hz=440)
    inputs = ["-f", "lavfi", "-i", f"aevalsrc={MUSIC}:s=48000:c=stereo", "-t", str(PATTERN_S)]
    music = samples.make("music-48k.m4a", inputs, ["-c:a", "aac", "-b:a", "128k"])
    return CameraMedia(cameras, phone, music)


def _clip(start: float, asset: dict[str, Any], duration: float, **extra: Any) -> dict[str, Any]:
    return {"start": start, "clip": {"asset": asset, "duration": duration, **extra}}


def camera_timeline(ids: dict[str, str], minutes: float) -> dict[str, Any]:
    """Editor JSON of the camera timeline; `ids`: camera0, camera1, phone, music -> media ids."""
    total = round(minutes * 60)
    v1: list[dict[str, Any]] = []
    v2: list[dict[str, Any]] = []
    a1: list[dict[str, Any]] = []
    for minute in range(0, total, PATTERN_S):
        at = minute
        for camera, source, length in CUTS:
            asset = {"type": "video", "id": ids[f"camera{camera}"], "start": source, "volume": 0.5}
            v1.append(_clip(at, asset, length))
            at += length
        for start in PIP_AT:
            asset = {"type": "video", "id": ids["phone"], "start": 0.5, "volume": 0.0}
            v2.append(_clip(minute + start, asset, PIP_S, scale=0.33, position="top_right", fit="contain"))
        a1.append(_clip(minute, {"type": "audio", "id": ids["music"], "start": 0, "volume": 0.8}, PATTERN_S))
    title = {
        "type": "text",
        "text": "Camera timeline",
        "font": {"family": "DejaVu Sans", "size": 72, "color": "#FFFFFF"},
        "alignment": {"horizontal": "center", "vertical": "bottom"},
    }
    v3 = [_clip(TITLE_AT, title, TITLE_S)]
    tracks = [{"clips": v1, "z_index": 0}, {"clips": v2, "z_index": 1}, {"clips": v3, "z_index": 2}]
    tracks.append({"clips": a1, "z_index": 3})
    return {"timeline": {"background": "#000000", "resolution": "1920x1080", "tracks": tracks}}


def baseline_command(media: CameraMedia, at_s: float, output: Path) -> list[str]:
    """A hand-written ffmpeg command rendering 1 s of the timeline at `at_s` (inside the first
    cut, the picture-in-picture and the title) from the originals at 720p, as an editor would."""
    pip_in = 0.5 + at_s - PIP_AT[0]
    graph = (
        "[0:v]scale=1280:720,setsar=1[base];[1:v]scale=422:238,setsar=1[pip];"
        "[base][pip]overlay=x=W-w:y=0[two];"
        "[two]drawtext=text='Camera timeline':font=DejaVu Sans:fontsize=48:fontcolor=white:"
        "x=(w-text_w)/2:y=h-text_h-12[vout];"
        "[0:a]volume=0.5[a0];[2:a]volume=0.8[a2];[a0][a2]amix=inputs=2:normalize=0[aout]"
    )
    return [
        *("ffmpeg", "-v", "error", "-y"),
        *("-ss", f"{at_s}", "-t", "1", "-i", str(media.cameras[0])),
        *("-ss", f"{pip_in}", "-t", "1", "-i", str(media.phone)),
        *("-ss", f"{at_s}", "-t", "1", "-i", str(media.music)),
        *("-filter_complex", graph, "-map", "[vout]", "-map", "[aout]"),
        *("-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-f", "mpegts", str(output)),
    ]
