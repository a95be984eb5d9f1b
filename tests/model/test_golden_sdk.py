"""Golden tests: the official `videodb.editor` SDK and our model write the same editor JSON.

Each timeline is built twice, once with the SDK and once with our model, and the JSON is
compared after a trip through `json.dumps` (as it goes on the wire). The SDK writes `Fit.none`
as the string "None" where the API means null: that one field is normalised.
"""

from __future__ import annotations

import json
import warnings
from typing import Any

from videodb import editor as sdk

from editor_app.model import (
    CaptionAsset,
    Clip,
    ImageAsset,
    TextAsset,
    Timeline,
    Track,
    VideoAsset,
)
from editor_app.model.assets import (
    CaptionBorder,
    CaptionPosition,
    TextBackground,
)
from tests.support.golden import our_timeline


def wire(data: dict[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(data))  # type: ignore[no-any-return]


def normalise_fit(data: dict[str, Any]) -> dict[str, Any]:
    for track in data["timeline"]["tracks"]:
        for item in track["clips"]:
            if item["clip"]["fit"] == "None":
                item["clip"]["fit"] = None
    return data


def sdk_timeline() -> dict[str, Any]:
    timeline = sdk.Timeline(object())
    timeline.background = "#202020"
    timeline.resolution = "1920x1080"

    main = sdk.Track(z_index=0)
    main.add_clip(
        0,
        sdk.Clip(
            asset=sdk.VideoAsset(
                id="m-1", start=2.5, volume=0.8, crop=sdk.Crop(top=10, right=0, bottom=10, left=0)
            ),
            duration=6.25,
            transition=sdk.Transition(in_="fade", out="fade", duration=1),
            filter=sdk.Filter.greyscale,
            fit=sdk.Fit.cover,
        ),
    )
    main.add_clip(
        6.25,
        sdk.Clip(
            asset=sdk.VideoAsset(id="m-2"),
            duration=4,
            fit=sdk.Fit.none,
            position=sdk.Position.top_left,
            offset=sdk.Offset(x=0.1, y=-0.2),
            scale=0.5,
            opacity=0.75,
            z_index=3,
        ),
    )
    overlay = sdk.Track(z_index=1)
    overlay.add_clip(
        1,
        sdk.Clip(asset=sdk.ImageAsset(id="img-1"), duration=3, fit=sdk.Fit.contain, filter=sdk.Filter.blur),
    )
    overlay.add_clip(
        5,
        sdk.Clip(
            asset=sdk.TextAsset(
                text="Hello\nworld",
                font=sdk.Font(family="DejaVu Sans", size=64, color="#FF0000", opacity=0.9),
                border=sdk.Border(color="#000000", width=2),
                shadow=sdk.Shadow(color="#333333", x=3, y=4),
                background=sdk.Background(
                    width=400,
                    height=100,
                    color="#FFFFFF",
                    border_width=1,
                    opacity=0.5,
                    text_alignment=sdk.TextAlignment.bottom_right,
                ),
                alignment=sdk.Alignment(
                    horizontal=sdk.HorizontalAlignment.left, vertical=sdk.VerticalAlignment.bottom
                ),
                tabsize=2,
                line_spacing=1.5,
                width=800,
                height=200,
            ),
            duration=2.5,
            transition=sdk.Transition(in_="fade"),
        ),
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # src="auto" warns about indexing
        captions = sdk.CaptionAsset(
            src="auto",
            font=sdk.FontStyling(name="Arial", size=40, bold=True, italic=True, scale_x=90, spacing=1.5),
            primary_color="&H0000FFFF",
            border=sdk.BorderAndShadow(style=sdk.CaptionBorderStyle.opaque_box, outline=2, shadow=1),
            position=sdk.Positioning(alignment=sdk.CaptionAlignment.top_center, margin_v=50),
            animation=sdk.CaptionAnimation.karaoke,
        )
    overlay.add_clip(8, sdk.Clip(asset=captions, duration=2))
    music = sdk.Track(z_index=2)
    music.add_clip(0, sdk.Clip(asset=sdk.AudioAsset(id="a-1", start=1.5, volume=0.4), duration=10.25))
    for track in (main, overlay, music):
        timeline.add_track(track)
    return normalise_fit(wire(timeline.to_json()))


def test_our_editor_json_equals_the_sdks() -> None:
    assert wire(our_timeline().to_editor_json()) == sdk_timeline()


def test_what_the_sdk_writes_reads_back_unchanged() -> None:
    expected = sdk_timeline()
    parsed = Timeline.from_editor_json(expected)
    assert wire(parsed.to_editor_json()) == expected
    assert [t.kind for t in parsed.tracks] == ["video", "video", "audio"]
    assert parsed.tracks[0].clips[1].fit is None  # the SDK's "None" is read as no fit


def test_the_sdks_raw_fit_none_string_is_accepted() -> None:
    timeline = sdk.Timeline(object())
    track = sdk.Track()
    track.add_clip(0, sdk.Clip(asset=sdk.VideoAsset(id="m-1"), duration=1, fit=sdk.Fit.none))
    timeline.add_track(track)
    raw = wire(timeline.to_json())
    assert raw["timeline"]["tracks"][0]["clips"][0]["clip"]["fit"] == "None"  # the trap itself
    parsed = Timeline.from_editor_json(raw)
    assert parsed.tracks[0].clips[0].fit is None
    assert wire(parsed.to_editor_json()) == normalise_fit(raw)


def test_defaults_match_the_sdk_defaults() -> None:
    timeline = sdk.Timeline(object())
    track = sdk.Track()
    track.add_clip(0, sdk.Clip(asset=sdk.VideoAsset(id="m-1"), duration=1))
    track.add_clip(1, sdk.Clip(asset=sdk.TextAsset(text="t"), duration=1))
    timeline.add_track(track)
    ours = Timeline(
        tracks=[
            Track(
                clips=[
                    Clip(start=0, duration=1000, asset=VideoAsset(id="m-1")),
                    Clip(start=1000, duration=1000, asset=TextAsset(text="t")),
                ]
            )
        ]
    )
    assert wire(ours.to_editor_json()) == wire(timeline.to_json())


def test_every_filter_fit_position_and_caption_style_matches() -> None:
    """One clip per enum member the SDK offers, so a renamed or missing value shows up here."""
    sdk_tl = sdk.Timeline(object())
    ours = Timeline()
    sdk_track, our_track = sdk.Track(), Track()
    start = 0
    looks: list[dict[str, Any]] = (
        [{"filter": f} for f in sdk.Filter]
        + [{"fit": f} for f in sdk.Fit]
        + [{"position": p} for p in sdk.Position]
    )
    for look in looks:
        sdk_track.add_clip(start, sdk.Clip(asset=sdk.ImageAsset(id="img-1"), duration=1, **look))
        fields = {key: (None if value is sdk.Fit.none else value.value) for key, value in look.items()}
        our_track.insert(Clip(start=start * 1000, duration=1000, asset=ImageAsset(id="img-1"), **fields))
        start += 1
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for animation in sdk.CaptionAnimation:
            for alignment in sdk.CaptionAlignment:
                for style in sdk.CaptionBorderStyle:
                    caption = sdk.CaptionAsset(
                        animation=animation,
                        border=sdk.BorderAndShadow(style=style),
                        position=sdk.Positioning(alignment=alignment),
                    )
                    sdk_track.add_clip(start, sdk.Clip(asset=caption, duration=1))
                    ours_caption = CaptionAsset(
                        animation=animation.value,
                        border=CaptionBorder(style=style.value),
                        position=CaptionPosition(alignment=alignment.value),
                    )
                    our_track.insert(Clip(start=start * 1000, duration=1000, asset=ours_caption))
                    start += 1
    for where in sdk.TextAlignment:
        text = sdk.TextAsset(text="x", background=sdk.Background(text_alignment=where))
        sdk_track.add_clip(start, sdk.Clip(asset=text, duration=1))
        our_text = TextAsset(text="x", background=TextBackground(text_alignment=where.value))
        our_track.insert(Clip(start=start * 1000, duration=1000, asset=our_text))
        start += 1
    sdk_tl.add_track(sdk_track)
    ours.add_track(our_track)
    expected = normalise_fit(wire(sdk_tl.to_json()))
    assert wire(ours.to_editor_json()) == expected
    assert wire(Timeline.from_editor_json(expected).to_editor_json()) == expected
