"""The seed's `/timeline_v2` compile body: simple timelines fit, anything else says why not."""

from __future__ import annotations

import pytest

from editor_app.model import (
    AudioAsset,
    Clip,
    ImageAsset,
    Offset,
    TextAsset,
    Timeline,
    TimelineV2Unsupported,
    Track,
    Transition,
    VideoAsset,
)
from editor_app.wire import SeedCompileRequest


def cut(start: int, duration: int, media: str = "m-1", source: int = 0, volume: float = 1.0) -> Clip:
    return Clip(start=start, duration=duration, asset=VideoAsset(id=media, start=source, volume=volume))


def test_a_simple_sequence_becomes_the_seed_body() -> None:
    timeline = Timeline(
        tracks=[
            Track(
                name="V1",
                clips=[
                    cut(0, 2500, "m-1", source=1000),
                    cut(2500, 1000, "m-1", source=8000, volume=0.5),
                    cut(3500, 4000, "m-2", source=250),
                ],
            ),
            Track(name="V2"),  # an empty track does not count
        ]
    )
    data = timeline.to_timeline_v2(output_format="mp4", quality="medium")
    assert data == {
        "request_type": "compile",
        "timeline": [
            {
                "video_id": "m-1",
                "clips": [{"start": 1, "end": 3.5, "volume": 1.0}, {"start": 8, "end": 9, "volume": 0.5}],
            },
            {"video_id": "m-2", "clips": [{"start": 0.25, "end": 4.25, "volume": 1.0}]},
        ],
        "output_format": "mp4",
        "quality": "medium",
    }
    # the body is what the shared wire model accepts
    assert SeedCompileRequest.model_validate(data).timeline[1].video_id == "m-2"


def test_a_muted_track_compiles_silent_and_a_hidden_one_is_left_out() -> None:
    timeline = Timeline(
        tracks=[
            Track(name="V1", muted=True, clips=[cut(0, 1000)]),
            Track(name="Hidden", hidden=True, clips=[Clip(start=0, duration=500, asset=TextAsset(text="x"))]),
        ]
    )
    body = timeline.to_timeline_v2()
    assert body["timeline"] == [{"video_id": "m-1", "clips": [{"start": 0, "end": 1, "volume": 0.0}]}]
    assert body["output_format"] == "hls"


def test_everything_that_does_not_fit_is_listed() -> None:
    styled = cut(1000, 1000, "m-2")
    styled.filter = "blur"
    styled.transition = Transition(in_="fade")
    styled.offset = Offset(x=0.1)
    styled.scale = 0.5
    timeline = Timeline(
        resolution="1920x1080",
        tracks=[
            Track(name="V1", clips=[styled, Clip(start=2000, duration=500, asset=ImageAsset(id="img-1"))]),
            Track(name="A1", kind="audio", clips=[Clip(start=0, duration=500, asset=AudioAsset(id="a-1"))]),
        ],
    )
    with pytest.raises(TimelineV2Unsupported) as error:
        timeline.to_timeline_v2()
    reasons = error.value.reasons
    expected = [
        "2 tracks hold clips (V1, A1)",
        "custom resolution",
        "sets scale=0.5",
        "blur filter",
        "has a transition",
        "has an offset",
        "a gap at 00:00:00.000",
        "an image clip at 00:00:02.000 (img-1): only video clips fit",
    ]
    for words in expected:
        assert any(words in reason for reason in reasons), (words, reasons)
    assert str(error.value).startswith("timeline does not fit /timeline_v2: ")


def test_overlaps_and_crops_do_not_fit() -> None:
    cropped = cut(500, 1000)
    cropped.asset.crop.top = 10  # type: ignore[union-attr]
    timeline = Timeline(tracks=[Track(clips=[cut(0, 1000), cropped])])
    with pytest.raises(TimelineV2Unsupported) as error:
        timeline.to_timeline_v2()
    assert any("overlap at 00:00:00.500" in r for r in error.value.reasons)
    assert any("is cropped" in r for r in error.value.reasons)
