"""Looking at processes from tests."""

from __future__ import annotations

from pathlib import Path


def is_running(pid: int) -> bool:
    """Alive and not a zombie (an orphan's new parent may be slow to reap it)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


def processes_mentioning(text: str) -> list[int]:
    """Live processes (not `serve` itself) whose command line holds `text`: a data dir's ffmpeg."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
            if text in cmdline and " serve " not in cmdline and is_running(int(entry.name)):
                found.append(int(entry.name))
    return found
