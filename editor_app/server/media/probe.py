"""The server's one ffprobe parser: a file's kind, length, size, frame rate, codecs and sound.

`probe(tools, path)` runs ffprobe through the app's runner and parses its JSON into a
`ProbeResult`; ingest, the verification of exports and the tests' sources all read files
through it. Durations arrive as strings and images have none. The kind is decided from the
streams, since the SDK uploads files under a bare name with no extension and often without a
media type.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from editor_app.server.errors import ProbeError, ShuttingDown, ToolError
from editor_app.server.tool_runner import ToolRunner
from editor_app.wire import MediaKind

IMAGE_CODECS = frozenset({"png", "mjpeg", "jpeg2000", "bmp", "webp", "tiff", "gif", "ppm", "pgm", "qoi"})
# ffprobe's format_name for still-image demuxers (image2, png_pipe, jpeg_pipe, webp_pipe, ...)
IMAGE_FORMAT_HINTS = ("image2", "_pipe")
PROBE_TIMEOUT_S = 30.0


@dataclass(frozen=True)
class ProbeResult:
    kind: MediaKind
    format_name: str
    length: float  # seconds, as ffprobe gives them; 0 for images
    width: int | None
    height: int | None
    fps: float | None
    video_codec: str | None
    audio_codec: str | None
    has_audio: bool


def run_ffprobe(tools: ToolRunner, path: Path) -> dict[str, Any]:
    args = [tools.ffprobe, "-v", "error", "-print_format", "json", "-show_format", "-show_streams", str(path)]
    try:
        done = tools.run(args, PROBE_TIMEOUT_S)
    except ShuttingDown:
        raise  # says nothing about the file
    except ToolError as exc:
        raise ProbeError(str(exc)) from exc
    if done.returncode != 0:
        raise ProbeError("not a media file ffmpeg can read: " + done.last_error_line("unknown format"))
    try:
        data: dict[str, Any] = json.loads(done.stdout or b"{}")
    except json.JSONDecodeError as exc:
        raise ProbeError(f"ffprobe answered something other than JSON ({exc})") from exc
    return data


def _rate(text: str | None) -> float | None:
    if not text or text in ("0/0", "0"):
        return None
    num, _, den = text.partition("/")
    try:
        value = float(num) / float(den or 1)
    except (ValueError, ZeroDivisionError):
        return None
    return round(value, 3) if value > 0 else None


def _float(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number >= 0 else None


def interpret(data: dict[str, Any]) -> ProbeResult:
    """Turn ffprobe's JSON into a ProbeResult; raises ProbeError for files with nothing playable."""
    streams = data.get("streams") or []
    fmt = data.get("format") or {}
    format_name = str(fmt.get("format_name", ""))
    # a cover picture inside an audio file is not video
    pictures = [
        s
        for s in streams
        if s.get("codec_type") == "video" and not s.get("disposition", {}).get("attached_pic")
    ]
    audios = [s for s in streams if s.get("codec_type") == "audio"]
    video = pictures[0] if pictures else None
    audio = audios[0] if audios else None
    if video is None and audio is None:
        raise ProbeError("the file has no video, audio or image stream")
    length = _float(fmt.get("duration")) or 0.0
    if video is not None:
        length = length or _float(video.get("duration")) or 0.0
        still = video.get("codec_name") in IMAGE_CODECS and audio is None
        if still and (
            any(h in format_name for h in IMAGE_FORMAT_HINTS) or int(video.get("nb_frames") or 1) <= 1
        ):
            kind: MediaKind = "image"
            length = 0.0
        else:
            kind = "video"
    else:
        kind = "audio"
        length = length or _float(audio.get("duration") if audio else None) or 0.0
    if kind != "image" and length <= 0:
        raise ProbeError("the file's duration could not be read")
    return ProbeResult(
        kind=kind,
        format_name=format_name,
        length=length,
        width=int(video["width"]) if video and video.get("width") else None,
        height=int(video["height"]) if video and video.get("height") else None,
        fps=None
        if video is None or kind == "image"
        else _rate(video.get("avg_frame_rate") or video.get("r_frame_rate")),
        video_codec=video.get("codec_name") if video else None,
        audio_codec=audio.get("codec_name") if audio else None,
        has_audio=audio is not None,
    )


def probe(tools: ToolRunner, path: Path) -> ProbeResult:
    """What `path` is; ProbeError if it is not media ffprobe can read (or ffprobe cannot run),
    ShuttingDown if the app is stopping."""
    return interpret(run_ffprobe(tools, path))


_EXTENSIONS = {
    "mov,mp4,m4a,3gp,3g2,mj2": {"video": "mp4", "audio": "m4a"},
    "matroska,webm": {"video": "mkv", "audio": "mka"},
    "mp3": {"audio": "mp3"},
    "wav": {"audio": "wav"},
    "flac": {"audio": "flac"},
    "ogg": {"audio": "ogg", "video": "ogv"},
    "avi": {"video": "avi"},
    "mpegts": {"video": "ts", "audio": "ts"},
    "aac": {"audio": "aac"},
    "gif": {"video": "gif", "image": "gif"},
}
_IMAGE_EXTENSIONS = {"png": "png", "mjpeg": "jpg", "webp": "webp", "bmp": "bmp", "tiff": "tiff", "gif": "gif"}


def file_extension(result: ProbeResult) -> str:
    """An extension that tells players (and MIME guessing) what the stored file is."""
    if result.kind == "image":
        return _IMAGE_EXTENSIONS.get(result.video_codec or "", "img")
    by_kind = _EXTENSIONS.get(result.format_name, {})
    if result.format_name.startswith("matroska") and result.video_codec in ("vp8", "vp9", "av1"):
        return "webm"
    return by_kind.get(result.kind, "bin")
