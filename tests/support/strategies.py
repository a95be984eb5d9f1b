"""Hypothesis strategies for whole timelines: every asset kind, track state, markers, media."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from editor_app.model import (
    AudioAsset,
    CaptionAsset,
    Clip,
    Crop,
    Font,
    ImageAsset,
    Marker,
    MediaInfo,
    Offset,
    TextAsset,
    Timeline,
    Track,
    Transition,
    VideoAsset,
)
from editor_app.model.assets import (
    Alignment,
    Border,
    CaptionBorder,
    CaptionFont,
    CaptionPosition,
    Shadow,
    TextBackground,
)
from editor_app.model.captions import Cue, encode_cues

VIDEO_IDS = ["m-1", "m-2", "m-3"]
AUDIO_IDS = ["a-1", "a-2"]
IMAGE_IDS = ["img-1"]

# OTIO cuts strings at NUL (to_otio refuses them, tested on its own); surrogates are not text
text = st.text(alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=20)
unit = st.floats(0, 1, allow_nan=False)
small = st.floats(0, 50, allow_nan=False)
volume = st.floats(0, 2, allow_nan=False)
ticks = st.integers(0, 600_000)
colour = st.sampled_from(["#000000", "#FFFFFF", "#ff8800", "#12ab3C"])
positions = st.sampled_from(
    ["center", "top", "bottom", "left", "right", "top_left", "top_right", "bottom_left", "bottom_right"]
)

crops = st.builds(Crop, top=small, right=small, bottom=small, left=small)
video_assets = st.builds(VideoAsset, id=st.sampled_from(VIDEO_IDS), start=ticks, volume=volume, crop=crops)
audio_assets = st.builds(AudioAsset, id=st.sampled_from(AUDIO_IDS), start=ticks, volume=volume)
image_assets = st.builds(ImageAsset, id=st.sampled_from(IMAGE_IDS), crop=crops)
text_assets = st.builds(
    TextAsset,
    text=text,
    font=st.builds(Font, family=st.sampled_from(["Clear Sans", "DejaVu Sans"]), size=st.integers(1, 200)),
    alignment=st.builds(
        Alignment,
        horizontal=st.sampled_from(["left", "center", "right"]),
        vertical=st.sampled_from(["top", "center", "bottom"]),
    ),
    tabsize=st.integers(1, 8),
    line_spacing=small,
    border=st.none() | st.builds(Border, color=colour, width=small),
    shadow=st.none() | st.builds(Shadow, color=colour, x=small, y=small),
    background=st.none()
    | st.builds(
        TextBackground, width=small, height=small, color=colour, opacity=unit, text_alignment=positions
    ),
    width=st.none() | st.integers(1, 1920),
    height=st.none() | st.integers(1, 1080),
)
caption_assets = st.builds(
    CaptionAsset,
    src=st.sampled_from(
        ["auto", encode_cues([Cue(0, 900, "hello")]), "1\n00:00:00,000 --> 00:00:01,000\nhi\n"]
    ),
    font=st.builds(CaptionFont, name=st.sampled_from(["Clear Sans", "Arial"]), size=st.integers(8, 90)),
    border=st.builds(CaptionBorder, style=st.sampled_from(["outline_and_shadow", "opaque_box"])),
    position=st.builds(CaptionPosition, alignment=st.sampled_from(["bottom_center", "top_left"])),
    animation=st.none() | st.sampled_from(["reveal", "karaoke"]),
)
transitions = st.none() | st.builds(
    Transition,
    in_=st.sampled_from([None, "fade"]),
    out=st.sampled_from([None, "fade"]),
    duration=st.integers(0, 3000),
)


def clip_fields(asset: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {
            "asset": asset,
            "effect": st.none(),
            "filter": st.none() | st.sampled_from(["blur", "greyscale", "negative"]),
            "scale": st.floats(0, 10, allow_nan=False),
            "opacity": unit,
            "fit": st.sampled_from(["crop", "cover", "contain", None]),
            "position": positions,
            "offset": st.builds(Offset, x=st.floats(-1, 1), y=st.floats(-1, 1)),
            "z_index": st.integers(-5, 5),
            "transition": transitions,
        }
    )


@st.composite
def tracks(draw: st.DrawFn, kind: str, allow_overlap: bool = False) -> Track:
    assets = audio_assets if kind == "audio" else (video_assets | image_assets | text_assets | caption_assets)
    count = draw(st.integers(0, 5))
    clips = []
    cursor = 0
    for _ in range(count):
        gap = draw(st.integers(-2000 if allow_overlap else 0, 5000))
        start = max(0, cursor + gap)
        duration = draw(st.integers(1, 20_000))
        clips.append(Clip(start=start, duration=duration, **draw(clip_fields(assets))))
        cursor = start + duration
    return Track(
        name=draw(st.sampled_from(["V1", "V2", "A1", "Titles", ""])),
        kind=kind,
        z_index=draw(st.integers(0, 5)),
        muted=draw(st.booleans()),
        locked=draw(st.booleans()),
        hidden=draw(st.booleans()),
        clips=clips,
    )


@st.composite
def timelines(draw: st.DrawFn, allow_overlap: bool = False) -> Timeline:
    kinds = draw(st.lists(st.sampled_from(["video", "audio"]), max_size=4))
    media = {
        "m-1": MediaInfo(id="m-1", kind="video", name="one.mp4", length=700_000, width=320, height=180),
        "a-1": MediaInfo(
            id="a-1", kind="audio", name="music.wav", length=900_000, original_path="/music.wav"
        ),
        "img-1": MediaInfo(id="img-1", kind="image", name="logo.png", original_path="/tmp/logo.png"),
    }
    markers = draw(st.lists(st.builds(Marker, time=ticks, label=text, color=colour), max_size=3))
    return Timeline(
        background=draw(colour),
        resolution=draw(st.sampled_from(["1280x720", "1920x1080", "320x180"])),
        tracks=[draw(tracks(kind, allow_overlap)) for kind in kinds],
        markers=markers,
        media=draw(st.sampled_from([media, {}])),
    )
