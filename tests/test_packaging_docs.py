"""The documentation stays in step with the code it describes."""

from __future__ import annotations

import re
from pathlib import Path

from editor_app.ui.window.main_window import ALL_COMMANDS

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "user-guide.md"


def _guide_table_keys() -> set[str]:
    """Every key combination written in the guide's shortcut table (markdown-escaped `\\` undone)."""
    section = GUIDE.read_text().split("## Keyboard shortcuts", 1)[1].split("\n## ", 1)[0]
    keys: set[str] = set()
    for line in section.splitlines():
        if not line.startswith("|"):
            continue
        for cell in line.strip("|").split("|")[1::2]:  # the keys columns
            for part in re.split(r" / |, | or ", cell.strip().replace("\\\\", "\\")):
                keys.add(part.strip())
    return keys


def test_the_user_guide_lists_every_default_shortcut() -> None:
    written = _guide_table_keys()
    missing = [
        f"{command.title}: {key}" for command in ALL_COMMANDS for key in command.keys if key not in written
    ]
    assert not missing, f"docs/user-guide.md lacks {missing}"


def test_the_readme_keeps_its_set_up_commands_and_links() -> None:
    readme = (ROOT / "README.md").read_text()
    assert "make run    #" in readme and "make test   #" in readme
    for link in ("docs/user-guide.md", "CONTRIBUTING.md", "docs/screenshot.png"):
        assert f"({link})" in readme and (ROOT / link).exists()


def test_the_guide_covers_the_troubleshooting_cases() -> None:
    guide = GUIDE.read_text()
    for topic in ("libvlc", "ffmpeg missing", "Wayland", "A wrong API key"):
        assert topic in guide
    for module_path in re.findall(r"`(packaging/[\w./-]+)`", guide):
        assert (ROOT / module_path).exists(), module_path
