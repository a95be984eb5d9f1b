"""Native embedding: under a real X server (Xvfb) VLC draws into the widget's own X window."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from tests.support.media import MediaFactory
from tests.support.preview import dominant

SCRIPT = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from editor_app.ui.preview.native import chosen_output
from editor_app.ui.preview.widget import PreviewWidget
app = QApplication([])
from PySide6.QtCore import QSettings
settings = QSettings(sys.argv[2], QSettings.Format.IniFormat)
settings.setValue("preview/video_output", "native")
widget = PreviewWidget(settings)
print("output", widget.output, chosen_output(None), flush=True)
widget.resize(480, 360)
widget.show()
widget.load(sys.argv[1])
def report():
    shown = widget.surface is not None and widget.stack.currentWidget() is widget.surface
    print("picture", shown, flush=True)
    if shown:  # what the X server shows in VLC's window: the video's colour
        image = app.primaryScreen().grabWindow(widget.surface.winId()).toImage()
        print("centre %06x" % (image.pixel(image.width() // 2, image.height() // 2) & 0xFFFFFF), flush=True)
    app.quit()
widget.frameShown.connect(lambda: QTimer.singleShot(300, report))
widget.failed.connect(lambda reason: (print("failed", reason, flush=True), app.quit()))
QTimer.singleShot(20000, app.quit)
app.exec()
"""


def _free_display() -> int:
    for number in range(150, 200):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            return number
    raise RuntimeError("no free X display number")


def test_vlc_draws_into_a_native_window_under_x(media_factory: MediaFactory, tmp_path: Path) -> None:
    assert shutil.which("Xvfb"), "Xvfb is part of the dev setup (packaging/debian-packages.txt)"
    video = media_factory.make_video(color="yellow", seconds=2, tone_hz=None)
    display = _free_display()
    server = subprocess.Popen(
        ["Xvfb", f":{display}", "-screen", "0", "800x600x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{display}").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        env = {**os.environ, "DISPLAY": f":{display}", "QT_QPA_PLATFORM": "xcb"}
        done = subprocess.run(
            [sys.executable, "-c", textwrap.dedent(SCRIPT), video.as_uri(), str(tmp_path / "settings.ini")],
            capture_output=True, text=True, timeout=60, env=env,
        )  # fmt: skip
    finally:
        server.terminate()
        server.wait(10)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "output native frames" in done.stdout  # chosen in Preferences; automatic paints frames
    assert "picture True" in done.stdout, done.stdout + done.stderr[-2000:]
    centre = int(done.stdout.split("centre ")[1].split()[0], 16)
    assert dominant(centre) == 0xFFFF00, done.stdout  # yellow
