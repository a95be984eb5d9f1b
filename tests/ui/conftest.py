"""UI fixtures: the demo timeline and its undo history, colour thumbnails, a plain main window."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from editor_app.api.client import VideoDBClient
from editor_app.model import Timeline
from editor_app.model.undo import History
from editor_app.ui.window.main_window import MainWindow
from tests.support.canvas import ColourThumbnails
from tests.support.demo_timeline import build_demo_timeline
from tests.support.export_window import connected_window, make_window
from tests.support.server_process import LiveServer


@pytest.fixture
def demo_timeline() -> Timeline:
    return build_demo_timeline()


@pytest.fixture
def history(demo_timeline: Timeline) -> History:
    return History(demo_timeline)


@pytest.fixture
def colour_thumbnails() -> ColourThumbnails:
    return ColourThumbnails()


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    """A shown main window over a throw-away data folder, config folder (the key file) and
    settings file, asking nothing modal.

    Test files that need a backend or a timeline define their own `window`, which overrides this one.
    """
    monkeypatch.setenv("VIDEODB_EDITOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    win = make_window(qtbot, tmp_path)
    win.show()
    yield win
    win.runner.wait(10000)


@pytest.fixture
def backend_window(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, live_server: LiveServer
) -> tuple[MainWindow, VideoDBClient]:
    """A window (`make_window`, not shown) on the live local backend, its client set, over a
    throw-away data folder: what a file's own backend-using `window` fixture builds on."""
    monkeypatch.setenv("VIDEODB_EDITOR_DATA_DIR", str(tmp_path / "data"))
    return connected_window(qtbot, tmp_path, live_server)
