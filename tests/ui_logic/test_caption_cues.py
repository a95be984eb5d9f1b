"""Caption helpers without Qt: cue edits, timeline-wide SRT/VTT export, ASS colour conversion."""

from __future__ import annotations

import pytest

from editor_app.model import CaptionAsset, Clip, Timeline, Track
from editor_app.model.captions import Cue, Word, encode_cues, parse_subtitles
from editor_app.ui.captions.cues import ass_to_hex, hex_to_ass, timeline_subtitles, with_cue


def test_a_cue_edit_keeps_order_and_drops_stale_word_timing() -> None:
    cues = [Cue(0, 1000, "a b", (Word(0, 500, "a"), Word(500, 1000, "b"))), Cue(1000, 2000, "c")]
    edited = with_cue(cues, 0, start=1500, end=2500)
    assert [c.text for c in edited] == ["c", "a b"] and edited[1].words == ()
    with pytest.raises(ValueError, match="end after"):
        with_cue(cues, 1, end=500)


def test_the_timelines_captions_export_on_its_own_clock() -> None:
    first = Clip(
        start=2000,
        duration=1500,
        asset=CaptionAsset(src=encode_cues([Cue(0, 1000, "one"), Cue(1000, 3000, "two")])),
    )
    hidden = Track(
        hidden=True,
        clips=[Clip(start=0, duration=1000, asset=CaptionAsset(src=encode_cues([Cue(0, 500, "x")])))],
    )
    timeline = Timeline(tracks=[Track(clips=[first]), hidden])
    cues = parse_subtitles(timeline_subtitles(timeline, "srt"))
    assert [(c.start, c.end, c.text) for c in cues] == [(2000, 3000, "one"), (3000, 3500, "two")]
    assert timeline_subtitles(timeline, "vtt").startswith("WEBVTT")


def test_ass_colours_convert_keeping_alpha() -> None:
    assert ass_to_hex("&H000000FF") == "#FF0000"
    assert hex_to_ass("#00FF80", like="&H80000000") == "&H8080FF00"
