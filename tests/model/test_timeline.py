"""The timeline's own invariants: sorted tracks, the clip index, lookups by binary search."""

import pytest

from editor_app.model import Clip, Timeline, Track, VideoAsset, format_timecode, to_seconds, to_ticks
from editor_app.model.assets import AudioAsset, TextAsset


def video(start: int, duration: int, media: str = "m-1") -> Clip:
    return Clip(start=start, duration=duration, asset=VideoAsset(id=media))


def test_track_keeps_clips_sorted_by_start() -> None:
    track = Track(clips=[video(5000, 1000), video(0, 1000), video(2000, 1000)])
    assert [c.start for c in track.clips] == [0, 2000, 5000]
    track.insert(video(3500, 500))
    assert [c.start for c in track.clips] == [0, 2000, 3500, 5000]


def test_index_follows_attach_and_detach() -> None:
    timeline = Timeline(tracks=[Track(name="V1"), Track(name="V2")])
    clip = video(1000, 2000)
    timeline.attach(timeline.tracks[1], clip)
    assert timeline.track_of(clip.id) is timeline.tracks[1]
    assert timeline.clip(clip.id) is clip
    assert timeline.clip_count == 1
    timeline.detach(clip)
    assert timeline.clip_count == 0
    with pytest.raises(KeyError):
        timeline.track_of(clip.id)


def test_overlapping_finds_neighbours_and_ignores_moving_clips() -> None:
    a, b = video(0, 2000), video(4000, 2000)
    track = Track(clips=[a, b])
    assert track.overlapping(2000, 4000) is None  # the gap fits exactly
    assert track.overlapping(1999, 2500) is a
    assert track.overlapping(3000, 4001) is b
    assert track.overlapping(1000, 5000, ignore=frozenset({a.id, b.id})) is None


def test_visible_returns_only_clips_in_the_window() -> None:
    clips = [video(i * 1000, 1000) for i in range(100)]
    track = Track(clips=clips)
    assert [c.start for c in track.visible(10_500, 12_000)] == [10_000, 11_000]
    assert list(track.visible(200_000, 300_000)) == []


def test_duration_source_length_and_size() -> None:
    timeline = Timeline(resolution="1920x1080", tracks=[Track(clips=[video(0, 1500), video(4000, 250)])])
    assert timeline.duration == 4250
    assert timeline.size == (1920, 1080)
    assert timeline.source_length(timeline.tracks[0].clips[0]) is None


def test_hidden_tracks_are_left_out_and_muted_tracks_are_silent_on_the_wire() -> None:
    loud = Track(
        name="A1", kind="audio", muted=True, clips=[Clip(start=0, duration=1000, asset=AudioAsset(id="a-1"))]
    )
    hidden = Track(name="V1", hidden=True, clips=[video(0, 1000)])
    timeline = Timeline(tracks=[loud, hidden])
    wire = timeline.to_editor_json()["timeline"]["tracks"]
    assert len(wire) == 1
    assert wire[0]["clips"][0]["clip"]["asset"]["volume"] == 0
    assert len(timeline.to_editor_json(apply_track_state=False)["timeline"]["tracks"]) == 2


def test_clip_labels() -> None:
    assert Clip(start=0, duration=1, asset=TextAsset(text="Title\nsub")).label() == "Title"
    assert video(0, 1, "m-7").label() == "m-7"


def test_ticks_round_trip_exactly() -> None:
    for ticks in (0, 1, 999, 1000, 33_367, 3_600_000_001):
        assert to_ticks(to_seconds(ticks)) == ticks
    assert to_seconds(2000) == 2 and isinstance(to_seconds(2000), int)
    assert format_timecode(3_723_045) == "01:02:03.045"
    assert format_timecode(1_500, fps=30) == "00:00:01:15"
    with pytest.raises(ValueError):
        to_ticks(float("nan"))
