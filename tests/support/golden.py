"""The model side of the golden SDK timeline: every asset kind and clip field once."""

from __future__ import annotations

from editor_app.model import (
    AudioAsset,
    CaptionAsset,
    Clip,
    Crop,
    Font,
    ImageAsset,
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


def our_timeline() -> Timeline:
    captions = CaptionAsset(
        src="auto",
        font=CaptionFont(name="Arial", size=40, bold=True, italic=True, scale_x=90, spacing=1.5),
        primary_color="&H0000FFFF",
        border=CaptionBorder(style="opaque_box", outline=2, shadow=1),
        position=CaptionPosition(alignment="top_center", margin_v=50),
        animation="karaoke",
    )
    text = TextAsset(
        text="Hello\nworld",
        font=Font(family="DejaVu Sans", size=64, color="#FF0000", opacity=0.9),
        border=Border(color="#000000", width=2),
        shadow=Shadow(color="#333333", x=3, y=4),
        background=TextBackground(
            width=400, height=100, color="#FFFFFF", border_width=1, opacity=0.5, text_alignment="bottom_right"
        ),
        alignment=Alignment(horizontal="left", vertical="bottom"),
        tabsize=2,
        line_spacing=1.5,
        width=800,
        height=200,
    )
    return Timeline(
        background="#202020",
        resolution="1920x1080",
        tracks=[
            Track(
                z_index=0,
                clips=[
                    Clip(
                        start=0,
                        duration=6250,
                        asset=VideoAsset(id="m-1", start=2500, volume=0.8, crop=Crop(top=10, bottom=10)),
                        transition=Transition(in_="fade", out="fade", duration=1000),
                        filter="greyscale",
                        fit="cover",
                    ),
                    Clip(
                        start=6250,
                        duration=4000,
                        asset=VideoAsset(id="m-2"),
                        fit=None,
                        position="top_left",
                        offset=Offset(x=0.1, y=-0.2),
                        scale=0.5,
                        opacity=0.75,
                        z_index=3,
                    ),
                ],
            ),
            Track(
                z_index=1,
                clips=[
                    Clip(
                        start=1000, duration=3000, asset=ImageAsset(id="img-1"), fit="contain", filter="blur"
                    ),
                    Clip(start=5000, duration=2500, asset=text, transition=Transition(in_="fade")),
                    Clip(start=8000, duration=2000, asset=captions),
                ],
            ),
            Track(
                kind="audio",
                z_index=2,
                clips=[Clip(start=0, duration=10250, asset=AudioAsset(id="a-1", start=1500, volume=0.4))],
            ),
        ],
    )
