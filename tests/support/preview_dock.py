"""A PreviewDock on its own (no main window), shown and attached to a transport and a client."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pytestqt.qtbot import QtBot

from editor_app.api.client import VideoDBClient
from editor_app.ui.playback.transport import Transport
from editor_app.ui.preview.dock import PreviewDock
from editor_app.ui.workers import TaskRunner


def make_preview_dock(
    qtbot: QtBot,
    client: VideoDBClient,
    body_of: Callable[[], dict[str, Any] | None],
    *,
    resolution: tuple[int, int] = (320, 180),
    size: tuple[int, int] = (480, 360),
    fps: float | None = None,
) -> tuple[PreviewDock, Transport, TaskRunner]:
    """A 4 s transport (at `fps` if given), a frames-output dock of `size` for a timeline of
    `resolution`, compiling what `body_of` gives through `client`."""
    runner, transport = TaskRunner(), Transport()
    transport.set_duration(4000)
    if fps is not None:
        transport.set_fps_source(lambda: fps)
    dock = PreviewDock(runner=runner, output="frames")
    qtbot.addWidget(dock)
    dock.set_resolution(*resolution)
    dock.resize(*size)
    dock.show()
    dock.attach(transport, lambda: client, body_of)
    return dock, transport, runner
