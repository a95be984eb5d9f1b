"""Sources the segment tests render from: tiny red video, and 720p red video whose segments
take long enough to act on while they render."""

from __future__ import annotations

import pytest

from editor_app.server.render.sources import RenderSource
from tests.support.render_tools import make_video, source_for


@pytest.fixture(scope="module")
def red(tmp_path_factory: pytest.TempPathFactory) -> RenderSource:
    folder = tmp_path_factory.mktemp("cache-media")
    return source_for(make_video(folder / "red.mp4", "red", seconds=4, size="160x90"), "m-red")


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> RenderSource:
    """720p: a segment renders long enough to act while it does."""
    folder = tmp_path_factory.mktemp("cache-media-big")
    return source_for(make_video(folder / "big.mp4", "red", seconds=4, size="1280x720"), "m-big")
