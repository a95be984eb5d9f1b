"""Tiny media for tests, made with ffmpeg's lavfi sources through the app's own `SampleMedia`,
once per distinct recipe per session (`media_factory`)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from editor_app.samples import SampleMedia


class MediaFactory(SampleMedia):
    """The sample recipes under the names the tests use; files live for the whole session."""

    make_video = SampleMedia.flat_video
    make_audio = SampleMedia.tone
    make_image = SampleMedia.still

    def make_text(self, text: str = "not media at all\n") -> Path:
        target = self.folder / f"text-{hashlib.sha1(text.encode()).hexdigest()[:12]}.txt"
        target.write_text(text)
        return target


@pytest.fixture(scope="session")
def media_factory(tmp_path_factory: pytest.TempPathFactory) -> MediaFactory:
    return MediaFactory(tmp_path_factory.mktemp("media"))
