"""Reading `ffmpeg -progress pipe:1` output and the reason a render failed."""

from __future__ import annotations

from pathlib import Path

_NOISE_PREFIXES = ("frame=", "size=", "Press [q]", "video:", "[out#")


def progress_fraction(line: str, total_seconds: float) -> float | None:
    """`out_time_us=1500000` over a 3 s render -> 0.5; None for other lines."""
    key, _, value = line.strip().partition("=")
    if key not in ("out_time_us", "out_time_ms") or total_seconds <= 0:
        return None
    try:
        micros = int(value)
    except ValueError:  # "N/A" before the first frame
        return None
    return min(max(micros / (total_seconds * 1_000_000), 0.0), 1.0)


def failure_reason(log_path: Path, returncode: int, lines: int = 4) -> str:
    """The last meaningful stderr lines of a failed ffmpeg, or its exit code."""
    try:
        text = log_path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        text = ""
    meaningful = [
        line.strip()
        for line in text.splitlines()
        if line.strip() and not line.strip().startswith(_NOISE_PREFIXES)
    ]
    if not meaningful:
        return f"ffmpeg exited with code {returncode}"
    return "ffmpeg: " + " | ".join(meaningful[-lines:])
