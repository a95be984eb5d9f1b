"""What a drop from the bin means, without Qt: the payload, the clip it makes, where it lands."""

from __future__ import annotations

import pytest

from editor_app.ui.timeline.logic.drops import (
    STILL_TICKS,
    DroppedMedia,
    clip_for,
    drop_preview,
    drop_target,
    media_mime_data,
    parse_media,
)
from editor_app.ui.timeline.logic.geometry import TimeScale, TrackLayout
from editor_app.ui.timeline.logic.gestures import Context
from tests.support.demo_timeline import build_demo_timeline

PPS = 100.0


def _context() -> Context:
    timeline = build_demo_timeline()
    return Context(timeline, TimeScale(PPS, 0), TrackLayout(timeline), playhead=0, width=1600.0)


def _y(ctx: Context, track_id: str) -> float:
    row = ctx.layout.row_of(track_id)
    assert row is not None
    return row.top + row.height / 2


def test_the_bins_payload_round_trips() -> None:
    media = parse_media(media_mime_data("m-beach", "video", "Beach.mp4", 10.0))
    assert media == DroppedMedia("m-beach", "video", "Beach.mp4", 10_000)
    assert parse_media(media_mime_data("img-logo", "image", "", None)) == DroppedMedia(
        "img-logo", "image", "img-logo", None
    )


def test_bad_bin_payloads_are_named() -> None:
    with pytest.raises(ValueError, match="not JSON"):
        parse_media(b"{nope")
    with pytest.raises(ValueError, match="no 'id'"):
        parse_media(b'{"kind": "video"}')
    with pytest.raises(ValueError, match="unknown kind"):
        parse_media(b'{"id": "x", "kind": "pdf"}')


def test_a_clip_lasts_its_source_or_a_stills_length() -> None:
    assert clip_for(DroppedMedia("a-1", "audio", "a", 3500), 100).duration == 3500
    assert clip_for(DroppedMedia("img-1", "image", "i", 9000), 0).duration == STILL_TICKS
    assert clip_for(DroppedMedia("m-1", "video", "v", None), 0).duration == STILL_TICKS
    assert clip_for(DroppedMedia("m-1", "video", "v", None), 0).kind == "video"


def test_a_drop_lands_on_a_track_that_takes_it_snapped_or_asks_for_a_new_one() -> None:
    ctx = _context()
    video = DroppedMedia("m-beach", "video", "Beach.mp4", 2000)
    track_id, clip = drop_target(ctx, video, 10_500 * PPS / 1000, _y(ctx, "v1"))
    assert (track_id, clip.start, clip.duration) == ("v1", 10_500, 2000)
    track_id, clip = drop_target(ctx, video, 8030 * PPS / 1000, _y(ctx, "v1"))
    assert (track_id, clip.start) == ("v1", 8000)  # 3 px from city's end: snapped to it
    assert drop_target(ctx, video, 500, _y(ctx, "a1"))[0] is None  # a picture on an audio track
    assert drop_target(ctx, video, 500, ctx.layout.bottom + 20)[0] is None  # below every row


def test_the_preview_shows_where_it_lands_and_whether_it_may() -> None:
    ctx = _context()
    video = DroppedMedia("m-beach", "video", "Beach.mp4", 2000)
    free = drop_preview(ctx, video, 10_500 * PPS / 1000, _y(ctx, "v1"))
    assert free.valid and free.ghost and free.label == "Beach.mp4 at 00:00:10:15"
    taken = drop_preview(ctx, video, 5000 * PPS / 1000, _y(ctx, "v1"))
    assert taken.valid and taken.label == "Beach.mp4 at 00:00:05:00 (overwrite)"
    ctx.timeline.track("v1").locked = True
    assert not drop_preview(ctx, video, 5000 * PPS / 1000, _y(ctx, "v1")).valid
    new = drop_preview(ctx, video, 500, ctx.layout.bottom + 20)
    assert new.views == {} and new.label == "Beach.mp4: new video track"
