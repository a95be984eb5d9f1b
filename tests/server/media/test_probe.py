"""The one ffprobe parser: what a file is, read through the app's tool runner."""

from __future__ import annotations

import pytest

from editor_app.server.errors import ProbeError, ShuttingDown
from editor_app.server.media.probe import file_extension, probe
from editor_app.server.tool_runner import ToolRunner
from tests.support.media import MediaFactory


def test_a_video_an_audio_and_an_image(tools: ToolRunner, media_factory: MediaFactory) -> None:
    video = probe(tools, media_factory.make_video("red", seconds=2, size="320x180", fps=25))
    assert (video.kind, video.width, video.height, video.fps) == ("video", 320, 180, 25.0)
    assert video.length == pytest.approx(2.0, abs=0.1) and video.has_audio
    assert (video.video_codec, video.audio_codec, file_extension(video)) == ("h264", "aac", "mp4")
    audio = probe(tools, media_factory.make_audio(seconds=1))
    assert (audio.kind, audio.width, audio.fps, audio.video_codec) == ("audio", None, None, None)
    assert audio.length == pytest.approx(1.0, abs=0.05) and audio.has_audio
    image = probe(tools, media_factory.make_image("blue"))
    assert (image.kind, image.length, image.fps, image.has_audio) == ("image", 0.0, None, False)


def test_what_is_not_media_is_a_probe_error(tools: ToolRunner, media_factory: MediaFactory) -> None:
    with pytest.raises(ProbeError, match="not a media file ffmpeg can read"):
        probe(tools, media_factory.make_text())
    assert ProbeError.status == 400 and ProbeError.error_code == "unsupported_media"


def test_a_probe_while_the_app_stops_says_so(media_factory: MediaFactory) -> None:
    tools = ToolRunner()
    tools.shutdown()
    with pytest.raises(ShuttingDown):  # not a verdict about the file
        probe(tools, media_factory.make_audio(seconds=1))
