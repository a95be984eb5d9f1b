"""`videodb-editor --screenshot FILE.png` opens the demo project, waits for pictures, saves, exits."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage


def test_screenshot_of_the_demo_project(tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", VIDEODB_EDITOR_DATA_DIR=str(tmp_path / "data"))
    result = subprocess.run(
        [sys.executable, "-m", "editor_app.cli", "--screenshot", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1600, 1000)
    # the lower half is the timeline: thumbnails, waveforms and clip colours make many colours
    colours = {
        image.pixel(x, y)
        for x in range(0, image.width(), 7)
        for y in range(image.height() // 2, image.height(), 7)
    }
    assert len(colours) > 200, f"only {len(colours)} distinct colours: is the timeline drawn?"
    assert "Traceback" not in result.stderr
    made = sorted(p.name for p in (tmp_path / "data" / "demo-media").iterdir())
    assert made == [
        "demo-bars.mp4",
        "demo-fractal.mp4",
        "demo-logo.png",
        "demo-music.m4a",
        "demo-pattern.mp4",
    ]
