"""Output formats and what low/medium/high mean for each (documented choices).

| format | video / audio             | low                  | medium               | high                 |
|--------|---------------------------|----------------------|----------------------|----------------------|
| mp4    | H.264 yuv420p / AAC       | crf 28 veryfast 96k  | crf 23 veryfast 128k | crf 20 fast 192k     |
| webm   | VP9 (crf, b:v 0) / Opus   | crf 40 cpu-used 8 64k| crf 33 cpu-used 6 96k| crf 28 cpu-used 5 128k|
| avi    | MPEG-4 part 2 XVID / MP3  | q:v 8 128k           | q:v 5 192k           | q:v 3 256k           |

MP4 gets `+faststart` (players and VLC start before the whole file is read).
AVI carries MPEG-4 part 2 with MP3 because that pair plays in every AVI player (H.264 in
AVI is off-spec). Preview segments have their own settings (see `segments.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from editor_app.server.render.plan import AUDIO_RATE, Output
from editor_app.wire import ExportFormat, Quality


@dataclass(frozen=True)
class Encoding:
    muxer: str
    extension: str
    video: tuple[str, ...]
    audio: tuple[str, ...]
    extra: tuple[str, ...] = ()


_X264 = ("-c:v", "libx264", "-pix_fmt", "yuv420p")
_VP9 = ("-c:v", "libvpx-vp9", "-pix_fmt", "yuv420p", "-b:v", "0", "-row-mt", "1", "-deadline", "good")
_MPEG4 = ("-c:v", "mpeg4", "-vtag", "XVID", "-pix_fmt", "yuv420p")

ENCODINGS: dict[tuple[ExportFormat, Quality], Encoding] = {
    ("mp4", "low"): Encoding(
        "mp4", "mp4", (*_X264, "-preset", "veryfast", "-crf", "28"), ("-c:a", "aac", "-b:a", "96k")
    ),
    ("mp4", "medium"): Encoding(
        "mp4", "mp4", (*_X264, "-preset", "veryfast", "-crf", "23"), ("-c:a", "aac", "-b:a", "128k")
    ),
    ("mp4", "high"): Encoding(
        "mp4", "mp4", (*_X264, "-preset", "fast", "-crf", "20"), ("-c:a", "aac", "-b:a", "192k")
    ),
    ("webm", "low"): Encoding(
        "webm", "webm", (*_VP9, "-crf", "40", "-cpu-used", "8"), ("-c:a", "libopus", "-b:a", "64k")
    ),
    ("webm", "medium"): Encoding(
        "webm", "webm", (*_VP9, "-crf", "33", "-cpu-used", "6"), ("-c:a", "libopus", "-b:a", "96k")
    ),
    ("webm", "high"): Encoding(
        "webm", "webm", (*_VP9, "-crf", "28", "-cpu-used", "5"), ("-c:a", "libopus", "-b:a", "128k")
    ),
    ("avi", "low"): Encoding("avi", "avi", (*_MPEG4, "-q:v", "8"), ("-c:a", "libmp3lame", "-b:a", "128k")),
    ("avi", "medium"): Encoding("avi", "avi", (*_MPEG4, "-q:v", "5"), ("-c:a", "libmp3lame", "-b:a", "192k")),
    ("avi", "high"): Encoding("avi", "avi", (*_MPEG4, "-q:v", "3"), ("-c:a", "libmp3lame", "-b:a", "256k")),
}


def export_output(fmt: ExportFormat, quality: Quality, path: Path) -> Output:
    """What an export in `fmt` at `quality` writes to `path` (whatever its suffix, e.g. `.part`)."""
    enc = ENCODINGS[(fmt, quality)]
    faststart = ("-movflags", "+faststart") if enc.muxer == "mp4" else ()
    return Output(path, enc.muxer, enc.video, (*enc.audio, "-ar", str(AUDIO_RATE)), faststart)


def export_args(fmt: ExportFormat, quality: Quality, output: Path) -> list[str]:
    """The encoder, muxer and file arguments of `export_output` (for a hand-written command)."""
    return export_output(fmt, quality, output).args()


def extension(fmt: ExportFormat) -> str:
    return ENCODINGS[(fmt, "high")].extension
