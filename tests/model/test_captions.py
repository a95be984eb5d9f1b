"""Caption assets as the official SDK writes them: base64 ASS src, every style field, each animation.

Built with `videodb.editor`, read by `Timeline.from_editor_json` and written back unchanged;
bad sources are refused with errors naming the field.
"""

from __future__ import annotations

import base64
import json
import warnings
from typing import Any

import pytest
from videodb import editor as sdk

from editor_app.model import InvalidTimelineJSON, Timeline
from editor_app.model.captions import Cue, Word, cues_to_subtitles, encode_cues, parse_subtitles, read_cues

ASS = """[Script Info]
ScriptType: v4.00+
PlayResX: 1280
PlayResY: 720

[V4+ Styles]
Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, \
Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, \
MarginL, MarginR, MarginV, Encoding
Style: Default,Arial,30,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,1,0,2,30,30,30,1

[Events]
Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
Dialogue: 0,0:00:00.00,0:00:01.00,Default,,0,0,0,,{\\k30}Hello {\\k70}world
Dialogue: 0,0:00:01.00,0:00:02.50,Default,,0,0,0,,second line\\Nand more
"""


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def wire(data: dict[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(data))  # type: ignore[no-any-return]


def sdk_caption_timeline(**asset: Any) -> dict[str, Any]:
    timeline = sdk.Timeline(object())
    track = sdk.Track()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        track.add_clip(0, sdk.Clip(asset=sdk.CaptionAsset(**asset), duration=3))
    timeline.add_track(track)
    return wire(timeline.to_json())


@pytest.mark.parametrize("animation", list(sdk.CaptionAnimation))
def test_each_animation_with_every_style_field_round_trips(animation: sdk.CaptionAnimation) -> None:
    expected = sdk_caption_timeline(
        src=b64(ASS),
        font=sdk.FontStyling(
            name="DejaVu Sans",
            size=44,
            bold=True,
            italic=True,
            underline=True,
            strikeout=True,
            scale_x=90,
            scale_y=110,
            spacing=1.5,
            angle=5,
        ),
        primary_color="&H0000FFFF",
        secondary_color="&H00FF0000",
        back_color="&H80000000",
        border=sdk.BorderAndShadow(
            style=sdk.CaptionBorderStyle.opaque_box, outline=3, outline_color="&H00112233", shadow=2
        ),
        position=sdk.Positioning(
            alignment=sdk.CaptionAlignment.middle_right, margin_l=5, margin_r=7, margin_v=9
        ),
        animation=animation,
    )
    parsed = Timeline.from_editor_json(expected)
    assert wire(parsed.to_editor_json()) == expected
    again = Timeline.from_editor_json(parsed.to_editor_json())
    assert wire(again.to_editor_json()) == expected


def test_karaoke_tags_give_word_timing_and_lines_are_kept() -> None:
    cues = read_cues(b64(ASS))
    assert [c.text for c in cues] == ["Hello world", "second line\nand more"]
    assert cues[0].words == (Word(0, 300, "Hello"), Word(300, 1000, "world"))
    spread = cues[1].timed_words()
    assert [(w.text, w.line) for w in spread] == [("second", 0), ("line", 0), ("and", 1), ("more", 1)]
    assert [w.start for w in spread] == [1000, 1375, 1750, 2125] and spread[-1].end == 2500


def test_srt_and_vtt_text_are_accepted_as_a_local_extension() -> None:
    srt = "1\n00:00:00,500 --> 00:00:01,500\nHi there\n"
    vtt = "WEBVTT\n\n00:00:00.500 --> 00:00:01.500\nHi there\n"
    for text in (srt, vtt, b64(srt)):
        assert read_cues(text) == [Cue(500, 1500, "Hi there")]


def test_cues_encode_to_base64_ass_and_export_as_srt_and_vtt() -> None:
    cues = [Cue(0, 1000, "one\ntwo", (Word(0, 400, "one"), Word(400, 1000, "two", 1))), Cue(1000, 2000, "b")]
    src = encode_cues(cues)
    assert base64.b64decode(src).decode().startswith("[Script Info]")
    assert read_cues(src) == cues
    srt = cues_to_subtitles(cues, "srt")
    assert "00:00:01,000 --> 00:00:02,000" in srt
    assert parse_subtitles(cues_to_subtitles(cues, "vtt"))[0].text == "one\ntwo"


def test_user_text_cannot_add_override_tags() -> None:
    cues = read_cues(encode_cues([Cue(0, 1000, "{\\fs200}big")]))
    assert "\\fs" not in cues[0].text and "fs200" in cues[0].text


def caption_body(**asset: Any) -> dict[str, Any]:
    caption = {"type": "caption", "src": "auto", **asset}
    return {"timeline": {"tracks": [{"clips": [{"start": 0, "clip": {"asset": caption, "duration": 2}}]}]}}


@pytest.mark.parametrize(
    ("asset", "words"),
    [
        ({"src": "not base64!"}, "base64"),
        ({"src": "aGVsbG8gd29ybGQ="}, "not an ASS"),  # "hello world"
        ({"src": b64(ASS.split("[Events]")[0] + "[Events]\nFormat: Layer, Start, End, Text\n")}, "no events"),
        ({"animation": "wiggle"}, "karaoke"),
    ],
)
def test_bad_caption_input_names_the_field(asset: dict[str, Any], words: str) -> None:
    with pytest.raises(InvalidTimelineJSON) as caught:
        Timeline.from_editor_json(caption_body(**asset))
    field = "src" if "src" in asset else "animation"
    assert str(caught.value).startswith(f"tracks[0].clips[0].clip.asset.{field}:")
    assert words in str(caught.value)


def text_body(font: dict[str, Any]) -> dict[str, Any]:
    asset = {"type": "text", "text": "t", "font": font}
    return {"timeline": {"tracks": [{"clips": [{"start": 0, "clip": {"asset": asset, "duration": 1}}]}]}}


def test_node_sdk_font_weight_is_kept_and_range_checked() -> None:
    font = {"family": "DejaVu Sans", "size": 40, "color": "#FFFFFF", "opacity": 1, "weight": 700}
    written = Timeline.from_editor_json(text_body(font)).to_editor_json()
    assert written["timeline"]["tracks"][0]["clips"][0]["clip"]["asset"]["font"] == font
    with pytest.raises(InvalidTimelineJSON, match=r"clip\.asset\.font\.weight:"):
        Timeline.from_editor_json(text_body({**font, "weight": 1000}))
