"""Terminal progress for headless commands: a redrawn bar on a TTY, plain lines otherwise."""

from __future__ import annotations

import sys
import time
from typing import TextIO

BAR_WIDTH = 30
PLAIN_STEP = 0.1  # a plain line every 10 %


def human_bytes(count: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if count < 1024 or unit == "GB":
            return f"{count:.0f} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1024
    return f"{count:.1f} GB"


class ProgressDisplay:
    def __init__(self, stream: TextIO | None = None, tty: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self._stage = ""
        self._last_fraction = -1.0
        self._last_draw = 0.0

    def stage(self, text: str) -> None:
        self._end_bar()
        self._stage = text
        self._last_fraction = -1.0
        self._write(f"{text}\n")

    def update(self, fraction: float | None, detail: str = "") -> None:
        """Show `fraction` (0..1, None when unknown) of the current stage."""
        now = time.monotonic()
        if self.tty:
            if fraction is not None and fraction < 1 and now - self._last_draw < 0.1:
                return
            self._last_draw = now
            filled = int(BAR_WIDTH * (fraction or 0))
            percent = f"{fraction * 100:5.1f}%" if fraction is not None else "  ?  "
            self._write(f"\r  [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {percent} {detail}\033[K")
            self._last_fraction = fraction if fraction is not None else 0.0
            return
        if fraction is None:
            return
        step = int(fraction / PLAIN_STEP + 1e-9)  # which tenth we are in, robust to float error
        if step <= int(self._last_fraction / PLAIN_STEP + 1e-9) and self._last_fraction >= 0:
            return
        self._last_fraction = fraction
        self._write(f"  {self._stage} {fraction * 100:.0f}% {detail}".rstrip() + "\n")

    def _end_bar(self) -> None:
        if self.tty and self._last_fraction >= 0:
            self._write("\n")

    def finish(self, text: str) -> None:
        self._end_bar()
        self._last_fraction = -1.0
        self._write(f"{text}\n")

    def _write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()
