"""How to start this program again as a child (e.g. `serve`), from source or from a frozen bundle.

From source the interpreter runs the `editor_app.cli` module; in a PyInstaller bundle
`sys.executable` is the bundle's own binary, which takes the subcommand directly.
"""

from __future__ import annotations

import sys

# `serve` reads its key from here when no --api-key is given: other users can read a command
# line (ps), not another user's environment
SERVE_KEY_ENV = "VIDEODB_EDITOR_SERVE_KEY"


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def self_command(*arguments: str) -> list[str]:
    """The argv that runs `videodb-editor ARGUMENTS...` in a new process."""
    if is_frozen():
        return [sys.executable, *arguments]
    return [sys.executable, "-m", "editor_app.cli", *arguments]
