"""Where an export's bytes live until they are whole and checked, and the check itself.

The download goes to `NAME.incomplete` (its partial bytes in `NAME.incomplete.part`, which
the client resumes with HTTP Range); only after the size and, where ffprobe exists, the
duration and streams are checked is it renamed to NAME in one step. So the final path
either does not exist or holds a complete, checked file.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from editor_app.api.download import part_path

DURATION_TOLERANCE_S = 0.5
PROBE_TIMEOUT_S = 30


class ExportCheckFailed(Exception):
    """The downloaded file is not the export we asked for (size, duration or streams)."""


def staging_path(final: Path) -> Path:
    return final.with_name(final.name + ".incomplete")


def partial_bytes(final: Path) -> int:
    part = part_path(staging_path(final))
    return part.stat().st_size if part.exists() else 0


def remove_partials(final: Path) -> None:
    staging = staging_path(final)
    for path in (staging, part_path(staging)):
        path.unlink(missing_ok=True)


def probe(path: Path) -> dict[str, object] | None:
    """ffprobe's JSON for `path`, or None when ffprobe is not installed."""
    ffprobe = shutil.which("ffprobe")
    if ffprobe is None:
        return None
    run = subprocess.run(
        [ffprobe, "-v", "error", "-print_format", "json", "-show_format", "-show_streams", str(path)],
        capture_output=True,
        text=True,
        timeout=PROBE_TIMEOUT_S,
        check=False,
    )
    if run.returncode != 0:
        raise ExportCheckFailed(f"ffprobe cannot read the file: {run.stderr.strip() or 'unknown error'}")
    data: dict[str, object] = json.loads(run.stdout)
    return data


def check_file(path: Path, expected_size: int | None, expected_duration: float | None) -> None:
    size = path.stat().st_size
    if expected_size is not None and size != expected_size:
        raise ExportCheckFailed(f"the file has {size} bytes but the backend made {expected_size}")
    if size == 0:
        raise ExportCheckFailed("the file is empty")
    info = probe(path)
    if info is None:
        return
    streams = info.get("streams")
    kinds = (
        {s.get("codec_type") for s in streams if isinstance(s, dict)} if isinstance(streams, list) else set()
    )
    if "video" not in kinds:
        raise ExportCheckFailed("the file has no video stream")
    fmt = info.get("format")
    duration = float(fmt.get("duration") or 0) if isinstance(fmt, dict) else 0.0
    if expected_duration and abs(duration - expected_duration) > DURATION_TOLERANCE_S:
        raise ExportCheckFailed(
            f"the file lasts {duration:.2f} s but the timeline lasts {expected_duration:.2f} s"
        )


def free_path(final: Path) -> Path:
    """`NAME (2).EXT`, `NAME (3).EXT`, ...: the first name next to `final` that is not taken."""
    number = 2
    while True:
        candidate = final.with_name(f"{final.stem} ({number}){final.suffix}")
        if not candidate.exists():
            return candidate
        number += 1


def land(final: Path, expected_size: int | None, expected_duration: float | None, started_at: float) -> Path:
    """Check the staged download and move it into place in one step; returns where it landed.

    A file already at `final` when the export started was replaced with the user's consent
    (the dialog asked). One that appeared there later was not agreed to: it is kept, and the
    export lands beside it under a free name.
    """
    staging = staging_path(final)
    try:
        check_file(staging, expected_size, expected_duration)
    except ExportCheckFailed:
        staging.unlink(missing_ok=True)  # a bad file is no use to resume from
        raise
    target = final
    if final.exists() and final.stat().st_mtime > started_at:
        target = free_path(final)
    os.replace(staging, target)
    return target
