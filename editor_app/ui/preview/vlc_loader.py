"""Load python-vlc/libvlc once, and choose the pinned outputs VLC is started with.

python-vlc raises OSError (or worse) at import when libvlc is missing; the editor must still
run then, so the module is imported here once and the failure kept as a message for the pane.
Outputs are always pinned: left to itself on a headless machine VLC picked a text-art video
output and segfaulted (measured with libvlc 3.0).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import ModuleType

INSTALL_HINT = (
    "The preview needs VLC's library (libvlc). On Debian/Ubuntu: "
    "sudo apt install libvlc5 vlc-plugin-base vlc-plugin-video-output; "
    "on Windows and macOS install VLC from videolan.org (same 64-bit build as Python)."
)


def _load() -> tuple[ModuleType | None, str]:
    try:
        import vlc

        if vlc.Instance is None or not vlc.libvlc_get_version():
            return None, "libvlc did not load"
        return vlc, ""
    except (ImportError, OSError, AttributeError, NameError) as exc:
        return None, f"libvlc is not available ({exc})"


vlc, LOAD_PROBLEM = _load()


def missing_reason() -> str | None:
    """None when libvlc can play; otherwise what is wrong and how to install it."""
    return None if vlc is not None else f"{LOAD_PROBLEM}. {INSTALL_HINT}"


def audio_output() -> str:
    """A real sound output where one exists, else VLC's dummy (never left to VLC's guess)."""
    if os.environ.get("VIDEODB_EDITOR_AUDIO") == "none" or os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        return "adummy"
    if sys.platform.startswith("linux"):
        runtime = os.environ.get("XDG_RUNTIME_DIR", "")
        if os.environ.get("PULSE_SERVER") or (runtime and Path(runtime, "pulse", "native").exists()):
            return "pulse"
        return "alsa" if Path("/dev/snd").is_dir() else "adummy"
    return "directsound" if sys.platform == "win32" else "auhal"


def instance_args(vout: str | None) -> list[str]:
    """libvlc arguments: pinned outputs, no on-screen text, and short start-up buffers.

    `vout` None leaves the video output to the platform (Windows, macOS: no text-art outputs).
    """
    args = [
        f"--aout={audio_output()}",
        *([f"--vout={vout}"] if vout else []),
        "--no-video-title-show",
        "--no-osd",
        "--no-snapshot-preview",
        "--no-stats",
        "--no-lua",
        "--quiet",
        "--no-xlib",
        # the stream is on loopback: a long network buffer only delays the first frame
        "--network-caching=150",
        "--live-caching=150",
        "--file-caching=150",
        "--adaptive-logic=highest",
        # read ahead 2 segments, not 30 s: each segment the backend renders on request, and
        # a paused or soon-replaced stream should not keep its CPU busy (edit -> frame)
        "--adaptive-maxbuffer=4000",
    ]
    return args
