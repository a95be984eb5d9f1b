"""Issue 17: no seek may make libvlc open its own "VLC media player" window.

Under a real X server with a window manager, 20 paused seeks in a row (each one replaces the
libvlc player) in both outputs, native window and painted frames; after each, the pane shows
the colour of the new position, and in the end the only top-level window is the editor's.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from editor_app.api.client import VideoDBClient
from tests.support.media import MediaFactory
from tests.support.preview import two_colour_timeline
from tests.support.server_process import LiveServer
from tests.support.xdisplay import top_level_titles, x_display

SCRIPT = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from editor_app.ui.preview.widget import PreviewWidget
from tests.support.preview import dominant
app = QApplication([])
widget = PreviewWidget(output=sys.argv[2])
widget.set_resolution(320, 180)
widget.resize(480, 360)
widget.setWindowTitle("EDITOR")
widget.show()
targets = [3000 if i % 2 == 0 else 500 for i in range(20)]
done = []
shown = []  # every painted frame's colour (frames output)
original = widget.view.set_image
def painted(image):
    if image is not None and widget.output == "frames":
        shown.append(dominant(image.pixel(image.width() // 2, image.height() // 2) & 0xFFFFFF))
    original(image)
widget.view.set_image = painted
def colour():
    if widget.output == "native":
        image = app.primaryScreen().grabWindow(widget.surface.winId()).toImage()
    else:
        image = widget.view.image
    return dominant(image.pixel(image.width() // 2, image.height() // 2) & 0xFFFFFF)
def settle():
    index = len(done)
    if index > 0:
        want = 0x00FF00 if targets[index - 1] == 3000 else 0xFF0000
        deadline = time.monotonic() + 3  # native: VLC's Vout event comes before its first picture
        while colour() != want and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.02)
        print("seek", index, "%06x" % want, "%06x" % colour(), flush=True)
    if index == len(targets):
        print("black", 0 in shown, flush=True)
        print("ready", flush=True)
        sys.stdin.readline()  # the test lists the windows now
        app.quit()
        return
    done.append(index)
    widget.seek(targets[index])
widget.frameShown.connect(lambda: QTimer.singleShot(100, settle))
widget.failed.connect(lambda reason: (print("failed", reason, flush=True), app.quit()))
widget.load(sys.argv[1], 0, autoplay=False)
QTimer.singleShot(150000, app.quit)
app.exec()
widget.shutdown()
"""


@pytest.fixture(scope="module")
def stream_url(live_server: LiveServer, media_factory: MediaFactory) -> str:
    with VideoDBClient(live_server.base_url, live_server.api_key) as client:
        return client.compile(two_colour_timeline(client, media_factory).to_editor_json()).stream_url


@pytest.mark.parametrize("output", ["native", "frames"])
def test_twenty_seeks_open_no_vlc_window(stream_url: str, output: str) -> None:
    with x_display() as env:
        child = subprocess.Popen(
            [sys.executable, "-c", textwrap.dedent(SCRIPT), stream_url, output],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )  # fmt: skip
        assert child.stdout is not None and child.stdin is not None
        lines = []
        for line in child.stdout:
            lines.append(line.strip())
            if line.startswith(("ready", "failed")):
                break
        titles = top_level_titles(env)
        child.stdin.write("\n")
        child.stdin.close()
        try:
            child.wait(30)
        finally:
            child.kill()
        errors = child.stderr.read() if child.stderr else ""
    report = "\n".join(lines) + errors[-1500:]
    assert "ready" in lines, report
    seeks = [line.split() for line in lines if line.startswith("seek")]
    assert len(seeks) == 20, report
    assert all(want == got for _, _, want, got in seeks), report
    assert titles == ["EDITOR"], f"top-level windows: {titles}\n{report}"
    if output == "frames":
        assert "black False" in lines, report  # no black frame between the pictures
