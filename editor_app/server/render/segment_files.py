"""Preview segment files on disk: `<root>/<key>.ts`, renamed into place whole from a render's
own work folder under `<root>/work/`, so a file that exists is complete. The least recently used
(by mtime, which a fetch refreshes) are evicted beyond a size, and renders a dead server left
running in the work folder are ended.
"""

from __future__ import annotations

import contextlib
import os
import signal
from pathlib import Path


def evict_least_recent(root: Path, max_bytes: int) -> None:
    """Remove the least recently used segment files of `root` beyond `max_bytes`."""
    files = []
    for path in root.glob("*.ts"):
        try:
            info = path.stat()
        except OSError:
            continue  # removed meanwhile
        files.append((info.st_mtime, info.st_size, path))
    total = sum(size for _mtime, size, _path in files)
    for _mtime, size, path in sorted(files):
        if total <= max_bytes:
            break
        path.unlink(missing_ok=True)
        total -= size


def touch(path: Path) -> None:
    """Mark a segment as used now (eviction goes by mtime)."""
    # evicted meanwhile: the caller's read fails and the player asks again
    with contextlib.suppress(OSError):
        os.utime(path)


def end_orphaned_renders(work: Path) -> int:
    """Kill renders a previous server left behind (how many): one killed outright kept its
    ffmpeg children, and a paused (SIGSTOP) read-ahead would then wait for a SIGCONT forever.
    They are found by their output under `work` and a parent that is no `serve` (a live
    server on the same folder keeps its own); Linux only (elsewhere there is no /proc)."""
    marker = os.fsencode(str(work) + os.sep)
    killed = 0
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            if marker not in (entry / "cmdline").read_bytes():
                continue
            parent = (entry / "stat").read_text().rsplit(")", 1)[1].split()[1]
            if b"serve" in Path(f"/proc/{parent}/cmdline").read_bytes().split(b"\0"):
                continue
            os.kill(int(entry.name), signal.SIGKILL)
            killed += 1
        except (OSError, ValueError, IndexError):
            continue  # gone meanwhile, or not ours to kill
    return killed
