"""OpenTimelineIO export and import: lossless round trips, and files written by other tools."""

from __future__ import annotations

from pathlib import Path

import opentimelineio as otio
import pytest
from hypothesis import HealthCheck, given, settings

from editor_app.model import (
    AudioAsset,
    Clip,
    Marker,
    MediaInfo,
    ModelError,
    ProjectFileError,
    TextAsset,
    Timeline,
    Track,
    VideoAsset,
)
from editor_app.model.interchange.otio import (
    from_otio,
    otio_from_string,
    otio_to_string,
    read_otio,
    to_otio,
    write_otio,
)
from tests.support.strategies import timelines


def sample() -> Timeline:
    return Timeline(
        resolution="1920x1080",
        tracks=[
            Track(
                name="V1",
                clips=[
                    Clip(start=1000, duration=2000, asset=VideoAsset(id="m-1", start=500, volume=0.5)),
                    Clip(start=5000, duration=1500, asset=VideoAsset(id="m-2"), filter="blur"),
                ],
            ),
            Track(
                name="T1",
                z_index=1,
                hidden=True,
                clips=[Clip(start=0, duration=800, asset=TextAsset(text="Hi"))],
            ),
            Track(
                name="A1",
                kind="audio",
                muted=True,
                clips=[Clip(start=0, duration=9000, asset=AudioAsset(id="a-1", start=250, volume=1.75))],
            ),
        ],
        markers=[Marker(time=4000, label="drop", color="#ff0000")],
        media={
            "m-1": MediaInfo(id="m-1", kind="video", length=10_000, original_path="/footage/one.mp4"),
            "a-1": MediaInfo(id="a-1", kind="audio", length=20_000),
        },
    )


def assert_same(a: Timeline, b: Timeline) -> None:
    assert b.model_dump() == a.model_dump()
    assert b.to_editor_json() == a.to_editor_json()
    assert b.to_editor_json(apply_track_state=False) == a.to_editor_json(apply_track_state=False)


def test_export_uses_otio_tracks_gaps_clips_and_references() -> None:
    result = to_otio(sample(), "demo")
    video, text, audio = result.tracks
    assert video.kind == otio.schema.TrackKind.Video and audio.kind == otio.schema.TrackKind.Audio
    assert [type(item).__name__ for item in video] == ["Gap", "Clip", "Gap", "Clip"]
    assert video[0].duration().to_seconds() == 1.0
    assert video[2].duration().to_seconds() == 2.0  # 3 s .. 5 s
    first = video[1]
    assert first.source_range.start_time.to_seconds() == 0.5
    assert first.source_range.duration.to_seconds() == 2.0
    assert first.media_reference.target_url == "/footage/one.mp4"
    assert first.media_reference.available_range.duration.to_seconds() == 10.0
    assert video[3].media_reference.target_url == "videodb://m-2"
    assert video[3].metadata["videodb"]["filter"] == "blur"
    assert audio[0].metadata["videodb"]["asset"]["volume"] == 1.75
    assert text.enabled is False
    assert text[0].media_reference.generator_kind == "videodb.text"
    assert result.tracks.markers[0].marked_range.start_time.to_seconds() == 4.0
    assert result.tracks.markers[0].color == otio.schema.MarkerColor.RED  # nearest to #ff0000


def test_marker_colours_map_to_otios_palette_and_back() -> None:
    timeline = Timeline(markers=[Marker(time=0, color="#E8B53A"), Marker(time=10, color="#1020F0")])
    result = to_otio(timeline)
    assert [m.color for m in result.tracks.markers] == ["ORANGE", "BLUE"]  # amber is nearer orange
    foreign = otio.schema.Timeline()
    foreign.tracks.markers.append(
        otio.schema.Marker(
            name="cue",
            color=otio.schema.MarkerColor.GREEN,
            marked_range=otio.opentime.TimeRange(otio.opentime.RationalTime(50, 25)),
        )
    )
    (marker,) = from_otio(foreign).markers
    assert (marker.label, marker.time, marker.color) == ("cue", 2000, "#00AA00")


def test_round_trip_through_a_file_gives_the_same_timeline(tmp_path: Path) -> None:
    path = tmp_path / "demo.otio"
    timeline = sample()
    write_otio(timeline, path)
    assert_same(timeline, read_otio(path))
    assert otio.adapters.read_from_file(str(path)).name == "demo"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(timelines(allow_overlap=True))
def test_every_generated_timeline_round_trips_through_otio(timeline: Timeline) -> None:
    assert_same(timeline, from_otio(to_otio(timeline)))
    assert_same(timeline, otio_from_string(otio_to_string(timeline)))


def test_floats_survive_otio_files_exactly(tmp_path: Path) -> None:
    # OTIO's own JSON reader gives 0.18915197663209063 back for this volume
    clip = Clip(start=0, duration=1000, asset=AudioAsset(id="a-1", volume=0.18915197663209066))
    timeline = Timeline(tracks=[Track(kind="audio", clips=[clip])])
    path = tmp_path / "exact.otio"
    write_otio(timeline, path)
    assert read_otio(path).tracks[0].clips[0].volume == 0.18915197663209066


def test_overlapping_clips_travel_in_overflow_tracks() -> None:
    a = Clip(start=0, duration=3000, asset=VideoAsset(id="m-1"))
    b = Clip(start=1000, duration=3000, asset=VideoAsset(id="m-2"))
    timeline = Timeline(tracks=[Track(name="V1", clips=[a, b])])
    result = to_otio(timeline)
    assert len(result.tracks) == 2
    assert result.tracks[1].metadata["videodb"]["overflow_of"] == timeline.tracks[0].id
    again = from_otio(result)
    assert len(again.tracks) == 1
    assert [c.id for c in again.tracks[0].clips] == [a.id, b.id]


def test_a_trim_made_in_another_tool_is_kept() -> None:
    result = to_otio(sample())
    clip = result.tracks[0][1]
    clip.source_range = otio.opentime.TimeRange(
        otio.opentime.RationalTime(1, 1), otio.opentime.RationalTime(1.5, 1)
    )
    again = from_otio(result)
    moved = again.tracks[0].clips[0]
    assert (moved.start, moved.duration, moved.source_start) == (1000, 1500, 1000)
    assert moved.volume == 0.5  # the rest comes from the metadata


def test_a_timeline_from_another_tool_imports_with_its_media() -> None:
    foreign = otio.schema.Timeline(name="from resolve")
    track = otio.schema.Track(name="Video 1")
    rate = 24
    track.append(otio.schema.Gap(duration=otio.opentime.RationalTime(48, rate)))
    track.append(
        otio.schema.Clip(
            name="shot",
            media_reference=otio.schema.ExternalReference(
                target_url="/media/shot.mov",
                available_range=otio.opentime.TimeRange(
                    otio.opentime.RationalTime(0, rate), otio.opentime.RationalTime(240, rate)
                ),
            ),
            source_range=otio.opentime.TimeRange(
                otio.opentime.RationalTime(12, rate), otio.opentime.RationalTime(36, rate)
            ),
        )
    )
    music = otio.schema.Track(name="Audio 1", kind=otio.schema.TrackKind.Audio)
    music.append(
        otio.schema.Clip(
            name="song",
            media_reference=otio.schema.ExternalReference(target_url="videodb://a-7"),
            source_range=otio.opentime.TimeRange(
                otio.opentime.RationalTime(0, rate), otio.opentime.RationalTime(96, rate)
            ),
        )
    )
    music.append(otio.schema.Clip(name="lost", source_range=track[1].source_range))
    music.append(
        otio.schema.Clip(
            name="remote",
            media_reference=otio.schema.ExternalReference(target_url="file:///media/with%20space.wav"),
            source_range=track[1].source_range,
        )
    )
    track.append(
        otio.schema.Clip(
            name="logo",
            media_reference=otio.schema.ExternalReference(target_url="/media/logo.PNG"),
            source_range=otio.opentime.TimeRange(
                otio.opentime.RationalTime(0, rate), otio.opentime.RationalTime(24, rate)
            ),
        )
    )
    foreign.tracks.extend([track, music])
    timeline = from_otio(foreign)
    logo = timeline.tracks[0].clips[1]
    assert (logo.kind, logo.start, logo.duration, timeline.media["/media/logo.PNG"].kind) == (
        "image",
        3500,
        1000,
        "image",
    )
    lost, remote = timeline.tracks[1].clips[1:]
    assert (lost.media_id, timeline.media["offline:lost"].original_path) == ("offline:lost", None)
    assert remote.media_id == timeline.media[remote.media_id].original_path == "/media/with space.wav"
    shot = timeline.tracks[0].clips[0]
    assert (shot.start, shot.duration, shot.source_start) == (2000, 1500, 500)
    assert shot.media_id == "/media/shot.mov"
    info = timeline.media["/media/shot.mov"]
    assert (info.kind, info.length, info.original_path) == ("video", 10_000, "/media/shot.mov")
    song = timeline.tracks[1].clips[0]
    assert (timeline.tracks[1].kind, song.kind, song.media_id, song.duration) == (
        "audio",
        "audio",
        "a-7",
        4000,
    )
    assert timeline.media["a-7"].original_path is None


def test_unreadable_files_give_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.otio"
    broken.write_text('{"OTIO_SCHEMA": "Timeline.1", "tracks": ')
    with pytest.raises(ProjectFileError, match="not a readable OpenTimelineIO file") as error:
        read_otio(broken)
    assert error.value.path == str(broken)
    clip_only = tmp_path / "clip.otio"
    otio.adapters.write_to_file(otio.schema.Clip(name="lonely"), str(clip_only))
    with pytest.raises(ProjectFileError, match="not a timeline"):
        read_otio(clip_only)


def test_bad_videodb_metadata_names_the_clip(tmp_path: Path) -> None:
    result = to_otio(sample())
    result.tracks[0][1].metadata["videodb"]["scale"] = 99
    path = tmp_path / "bad.otio"
    otio.adapters.write_to_file(result, str(path))
    with pytest.raises(ProjectFileError, match=r"tracks\[0\]\.clips\[1\]\.scale"):
        read_otio(path)


def test_text_with_a_nul_character_is_refused_rather_than_cut(tmp_path: Path) -> None:
    clip = Clip(start=2000, duration=1000, asset=TextAsset(text="a\x00b"))
    timeline = Timeline(tracks=[Track(name="Titles", clips=[clip])])
    with pytest.raises(ModelError, match=r"clip at 00:00:02\.000 on Titles holds a NUL"):
        write_otio(timeline, tmp_path / "nul.otio")
    assert not (tmp_path / "nul.otio").exists()


def test_otio_transitions_take_no_time_and_nested_stacks_are_refused(tmp_path: Path) -> None:
    def shot(name: str, seconds: float) -> otio.schema.Clip:
        return otio.schema.Clip(
            name=name,
            media_reference=otio.schema.ExternalReference(target_url=f"videodb://{name}"),
            source_range=otio.opentime.TimeRange(
                otio.opentime.RationalTime(0, 25), otio.opentime.RationalTime(seconds * 25, 25)
            ),
        )

    track = otio.schema.Track(name="V")
    track.extend(
        [shot("m-1", 2), otio.schema.Transition(in_offset=otio.opentime.RationalTime(5, 25)), shot("m-2", 1)]
    )
    foreign = otio.schema.Timeline(tracks=[track])
    clips = from_otio(foreign).tracks[0].clips
    assert [(c.media_id, c.start, c.duration) for c in clips] == [("m-1", 0, 2000), ("m-2", 2000, 1000)]

    foreign.tracks.append(otio.schema.Stack(name="nested"))
    path = tmp_path / "nested.otio"
    otio.adapters.write_to_file(foreign, str(path))
    with pytest.raises(ProjectFileError, match=r"tracks\[1\]: nested stacks are not supported"):
        read_otio(path)


def test_videodb_metadata_of_the_wrong_shape_is_an_error_not_a_crash(tmp_path: Path) -> None:
    result = to_otio(sample())
    result.metadata["videodb"]["media"] = ["not", "a", "table"]
    path = tmp_path / "odd.otio"
    otio.adapters.write_to_file(result, str(path))
    with pytest.raises(ProjectFileError, match="unexpected VideoDB metadata"):
        read_otio(path)
