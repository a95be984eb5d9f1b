"""The frame grid: a project frame rate (30 by default) saved in schema 3 project files, frame
timecodes, durations with units, and solo/heights that stay editor-only."""

from __future__ import annotations

import json
from pathlib import Path

from editor_app.model import AudioAsset, Clip, Timeline, Track, VideoAsset
from editor_app.model.project import Project, load_project, save_project
from editor_app.model.project.files import SCHEMA_VERSION
from editor_app.model.ticks import format_duration, format_timecode, frame_of, on_frame
from editor_app.model.track import TrackKind


def test_times_land_on_frames_and_timecodes_count_them() -> None:
    assert [on_frame(t, 30) for t in (0, 16, 17, 6534, 1000)] == [0, 0, 33, 6533, 1000]
    assert on_frame(6534, None) == 6534
    assert frame_of(6533, 30) == 196
    assert format_timecode(6533, 30) == "00:00:06:16"
    assert format_timecode(3_599_967, 30) == "00:59:59:29"
    assert format_timecode(1001, 25) == "00:00:01:00"
    assert format_duration(3466) == "3.466 s"
    assert format_duration(3467, 30) == "3.467 s (104 f)"
    assert format_duration(-100, 30) == "-0.100 s (-3 f)"


def test_the_frame_rate_is_saved_and_old_files_get_30(tmp_path: Path) -> None:
    timeline = Timeline(fps=25)
    assert Timeline().fps == 30 and timeline.on_frame(1010) == 1000
    path = tmp_path / "p.vdbproj"
    save_project(Project(timeline=timeline), path)
    data = json.loads(path.read_text())
    assert data["schema_version"] == SCHEMA_VERSION >= 3 and data["timeline"]["fps"] == 25
    del data["timeline"]["fps"]
    data["schema_version"] = 2
    path.write_text(json.dumps(data))
    assert load_project(path).timeline.fps == 30
    assert "fps" not in json.dumps(timeline.to_editor_json())  # editor-only, never on the wire


def _track(track_id: str, kind: TrackKind, **state: object) -> Track:
    asset = AudioAsset(id="x") if kind == "audio" else VideoAsset(id="m")
    return Track(id=track_id, kind=kind, clips=[Clip(start=0, duration=1000, asset=asset)], **state)


def test_a_soloed_audio_track_silences_the_others_on_the_wire() -> None:
    tracks = [_track("v1", "video"), _track("a1", "audio", solo=True), _track("a2", "audio", height=80)]
    wire = Timeline(tracks=tracks).to_editor_json()["timeline"]["tracks"]
    volumes = [t["clips"][0]["clip"]["asset"]["volume"] for t in wire]
    assert volumes == [1, 1, 0]  # the video's own sound stays; the unsoloed audio track is silent
