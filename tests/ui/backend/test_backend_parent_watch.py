"""The editor's backend child ends itself when the editor is killed outright (SIGKILL)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.support.processes import is_running

EDITOR_SCRIPT = r"""
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from editor_app.ui.backend.process import BackendProcess

app = QCoreApplication([])
backend = BackendProcess(Path(sys.argv[1]))
backend.ready.connect(lambda *_: print(backend.pid, flush=True))
backend.start()
app.exec()
"""


def test_backend_child_exits_when_the_editor_is_killed(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    editor = subprocess.Popen(
        [sys.executable, "-c", EDITOR_SCRIPT, str(tmp_path / "backend")], stdout=subprocess.PIPE, env=env
    )
    assert editor.stdout is not None
    child = int(editor.stdout.readline())
    try:
        assert is_running(child)
        editor.send_signal(signal.SIGKILL)
        editor.wait(5)
        deadline = time.monotonic() + 5
        while is_running(child) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not is_running(child)
    finally:
        editor.kill()
        editor.wait(5)
        if is_running(child):
            os.kill(child, signal.SIGTERM)
