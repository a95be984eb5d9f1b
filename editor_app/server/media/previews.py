"""Pictures and sound shapes the timeline canvas draws: thumbnail strips and waveform peaks.

Both are made once per file content and cached under the data dir. Strip frames far apart are taken
with input seeking (one input per frame, in batches), so a strip of an hour-long video costs a
few dozen seeks rather than decoding the hour; close frames come from one decode pass.
Waveforms decode the audio to 8 kHz mono s16 and keep the peak of each 1/50 s.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from array import array
from pathlib import Path

from editor_app.server.errors import ToolError
from editor_app.server.store import MediaRecord
from editor_app.server.tool_runner import ToolRunner

STRIP_HEIGHT = 90
STRIP_BATCH = 20
# frames further apart than this are grabbed by seeking; closer ones in one decode pass
# (a seek decodes from the previous keyframe, and keyframes are often 2-10 s apart)
SEEK_FROM_INTERVAL_S = 8.0
MAX_STRIP_COUNT = 100
WAVEFORM_RATE = 8000
PEAKS_PER_SECOND = 50
FFMPEG_TIMEOUT_S = 300.0


def _run(tools: ToolRunner, args: list[str], what: str) -> bytes:
    try:
        done = tools.run(args, FFMPEG_TIMEOUT_S)
    except ToolError as exc:
        raise ToolError(f"could not make the {what}: {exc}") from exc
    if done.returncode != 0:
        raise ToolError(f"could not make the {what}: {done.last_error_line()}")
    return done.stdout


def strip_times(length: float, count: int) -> list[float]:
    """The middle of each of `count` equal slices of the video."""
    interval = length / count
    return [round(interval * (i + 0.5), 3) for i in range(count)]


def strip_dir(record: MediaRecord, count: int) -> Path:
    return record.data_dir / "thumbs" / record.sha256 / f"strip-{count}"


def thumbnail_strip(tools: ToolRunner, record: MediaRecord, count: int) -> list[Path]:
    """`count` JPEG frames evenly spread over the video, made on first request and then reused;
    concurrent first requests share one making."""
    target = strip_dir(record, count)
    names = [f"{i:03d}.jpg" for i in range(count)]
    if not target.is_dir():
        tools.shared.run(("strip", str(target)), lambda: _make_strip(tools, record, count, names))
    return [target / name for name in names]


def _make_strip(tools: ToolRunner, record: MediaRecord, count: int, names: list[str]) -> None:
    target = strip_dir(record, count)
    if target.is_dir():  # made by a run that ended between our check and our turn
        return
    work = Path(tempfile.mkdtemp(prefix="strip-", dir=target.parent.parent))
    try:
        if record.length / count < SEEK_FROM_INTERVAL_S:
            _strip_in_one_pass(tools, record, count, work)
        else:
            _strip_by_seeking(tools, record, count, work, names)
        _fill_missing(work, names)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.rename(work, target)
        except OSError:  # another request finished the same strip first: use theirs
            if not target.is_dir():
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _strip_by_seeking(
    tools: ToolRunner, record: MediaRecord, count: int, work: Path, names: list[str]
) -> None:
    """Far-apart frames: one input `-ss` per frame (batched), decoding only from each frame's keyframe."""
    times = strip_times(record.length, count)
    for first in range(0, count, STRIP_BATCH):
        batch = list(enumerate(times))[first : first + STRIP_BATCH]
        args = [tools.ffmpeg, "-v", "error", "-y"]
        for _, at in batch:
            args += ["-ss", f"{at:.3f}", "-i", str(record.path)]
        for position, (index, _) in enumerate(batch):
            args += ["-map", f"{position}:v:0", "-frames:v", "1", "-vf", f"scale=-2:{STRIP_HEIGHT}"]
            args += ["-q:v", "5", str(work / names[index])]
        _run(tools, args, "thumbnail strip")


def _strip_in_one_pass(tools: ToolRunner, record: MediaRecord, count: int, work: Path) -> None:
    """Close frames: one decode pass picking a frame per interval is cheaper than a seek per frame."""
    interval = record.length / count
    args = [
        tools.ffmpeg,
        "-v",
        "error",
        "-y",
        "-ss",
        f"{interval / 2:.3f}",
        "-i",
        str(record.path),
        "-map",
        "0:v:0",
    ]
    args += ["-vf", f"fps=1/{interval:.6f}:round=near,scale=-2:{STRIP_HEIGHT}", "-frames:v", str(count)]
    args += ["-q:v", "5", "-start_number", "0", str(work / "%03d.jpg")]
    _run(tools, args, "thumbnail strip")


def _fill_missing(folder: Path, names: list[str]) -> None:
    """A seek past the last frame yields nothing; reuse the nearest earlier frame so the strip is whole."""
    previous: Path | None = None
    for name in names:
        path = folder / name
        if path.is_file() and path.stat().st_size > 0:
            previous = path
        elif previous is not None:
            shutil.copyfile(previous, path)
    if previous is None:
        raise ToolError("could not make the thumbnail strip: no frame could be decoded")
    first = next(folder / n for n in names if (folder / n).is_file())
    for name in names:  # slices before the first decodable frame
        if not (folder / name).is_file():
            shutil.copyfile(first, folder / name)


def image_size(path: Path) -> tuple[int, int]:
    """Width and height of a JPEG, read from its SOF marker (no image library needed)."""
    data = path.read_bytes()
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            i += 1
            continue
        marker = data[i + 1]
        if marker in (0xC0, 0xC1, 0xC2):
            return int.from_bytes(data[i + 7 : i + 9], "big"), int.from_bytes(data[i + 5 : i + 7], "big")
        i += 2 + int.from_bytes(data[i + 2 : i + 4], "big")
    raise ValueError(f"no JPEG frame header in {path.name}")


def waveform_path(record: MediaRecord) -> Path:
    return record.data_dir / "cache" / f"waveform-{record.sha256}-{PEAKS_PER_SECOND}.json"


def waveform_peaks(tools: ToolRunner, record: MediaRecord) -> list[float]:
    """Peak amplitude (0..1) of every 1/50 s of the first audio stream; empty if there is no audio.
    Concurrent first requests share one decode."""
    if not record.has_audio:
        return []
    cache = waveform_path(record)
    if cache.is_file():
        peaks: list[float] = json.loads(cache.read_text())
        return peaks
    return tools.shared.run(("waveform", str(cache)), lambda: _make_waveform(tools, record))


def _make_waveform(tools: ToolRunner, record: MediaRecord) -> list[float]:
    cache = waveform_path(record)
    if cache.is_file():
        peaks: list[float] = json.loads(cache.read_text())
        return peaks
    args = [tools.ffmpeg, "-v", "error", "-i", str(record.path), "-map", "0:a:0", "-ac", "1"]
    args += ["-ar", str(WAVEFORM_RATE), "-f", "s16le", "-acodec", "pcm_s16le", "pipe:1"]
    samples = array("h")
    samples.frombytes(_trim_odd(_run(tools, args, "waveform")))
    if sys.byteorder == "big":  # ffmpeg wrote little-endian
        samples.byteswap()
    step = WAVEFORM_RATE // PEAKS_PER_SECOND
    peaks = []
    for start in range(0, len(samples), step):
        window = samples[start : start + step]
        peaks.append(round(max(max(window), -min(window)) / 32768, 4))
    partial = cache.with_suffix(".part")
    partial.write_text(json.dumps(peaks))
    os.replace(partial, cache)
    return peaks


def _trim_odd(raw: bytes) -> bytes:
    return raw[: len(raw) - (len(raw) % 2)]
