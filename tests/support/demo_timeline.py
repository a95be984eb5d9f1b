"""A small timeline of every clip kind for canvas, window and Qt-free logic tests (no Qt here)."""

from __future__ import annotations

from editor_app.model import (
    AudioAsset,
    Clip,
    ImageAsset,
    MediaInfo,
    TextAsset,
    Timeline,
    Track,
    Transition,
    VideoAsset,
)


def build_demo_timeline() -> Timeline:
    """Two video tracks and one audio track, each clip kind once, with fades and volumes.

    V1: beach [0, 4 s) (source from 1 s), city [4 s, 8 s) (volume 0.6, fade out)
    V2: logo image [1 s, 3 s), title text [5 s, 7 s)
    A1: music [0, 9 s) (volume 0.8, fade in)
    """
    v1 = Track(id="v1", name="V1", kind="video")
    v2 = Track(id="v2", name="V2", kind="video")
    a1 = Track(id="a1", name="A1", kind="audio")
    timeline = Timeline(
        tracks=[v1, v2, a1],
        media={
            "m-beach": MediaInfo(id="m-beach", kind="video", name="Beach.mp4", length=10_000, has_audio=True),
            "m-city": MediaInfo(id="m-city", kind="video", name="City.mp4", length=8_000, has_audio=True),
            "a-music": MediaInfo(id="a-music", kind="audio", name="Music.mp3", length=20_000),
            "img-logo": MediaInfo(id="img-logo", kind="image", name="Logo.png"),
        },
    )
    timeline.attach(v1, Clip(id="beach", start=0, duration=4000, asset=VideoAsset(id="m-beach", start=1000)))
    timeline.attach(
        v1,
        Clip(
            id="city",
            start=4000,
            duration=4000,
            asset=VideoAsset(id="m-city", volume=0.6),
            transition=Transition(out="fade", duration=800),
        ),
    )
    timeline.attach(v2, Clip(id="logo", start=1000, duration=2000, asset=ImageAsset(id="img-logo")))
    timeline.attach(v2, Clip(id="title", start=5000, duration=2000, asset=TextAsset(text="Hello world")))
    timeline.attach(
        a1,
        Clip(
            id="music",
            start=0,
            duration=9000,
            asset=AudioAsset(id="a-music", volume=0.8),
            transition=Transition(in_="fade", duration=1000),
        ),
    )
    return timeline
