"""Project files: lossless round trips, atomic saves, and clear errors for files we cannot read."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from editor_app.model import (
    AudioAsset,
    Clip,
    MediaInfo,
    ProjectFileError,
    TextAsset,
    Timeline,
    Track,
    Transition,
    VideoAsset,
)
from editor_app.model.interchange.json_locate import locate
from editor_app.model.project.files import (
    FORMAT_MARKER,
    SCHEMA_VERSION,
    ExportJobRecord,
    MediaRef,
    Project,
    load_project,
    project_from_json,
    project_to_json,
    save_project,
)
from tests.support.strategies import timelines


def sample_project() -> Project:
    video = Clip(
        start=0,
        duration=4500,
        asset=VideoAsset(id="m-1", start=1250, volume=0.8),
        transition=Transition(in_="fade", duration=750),
        filter="greyscale",
        fit=None,
    )
    title = Clip(start=1000, duration=2000, asset=TextAsset(text="Hello"), position="top")
    music = Clip(start=500, duration=3000, asset=AudioAsset(id="a-1", volume=1.5))
    timeline = Timeline(
        tracks=[
            Track(name="V1", clips=[video]),
            Track(name="Titles", z_index=1, hidden=True, clips=[title]),
            Track(name="A1", kind="audio", muted=True, locked=True, clips=[music]),
        ],
        media={"m-1": MediaInfo(id="m-1", kind="video", length=60_000, original_path="/footage/a.mp4")},
    )
    return Project(
        name="Demo",
        timeline=timeline,
        backend="cloud",
        base_url="https://api.videodb.io",
        collection_id="c-42",
        media=[
            MediaRef(id="m-1", kind="video", name="a.mp4", original_path="/footage/a.mp4", backend="cloud")
        ],
        exports=[ExportJobRecord(output_path="/out/demo.mp4", backend_job_id="job-1", state="processing")],
        playhead=2500,
        zoom=80.0,
        selection=[video.id],
        in_point=1000,
        out_point=4000,
    )


def test_save_then_load_gives_the_same_project(tmp_path: Path) -> None:
    project = sample_project()
    path = tmp_path / "demo.vdbproj"
    save_project(project, path)
    loaded = load_project(path)
    assert loaded.model_dump() == project.model_dump()
    assert loaded.timeline.to_editor_json() == project.timeline.to_editor_json()
    # the clip index is rebuilt on load, so lookups work at once
    clip_id = project.selection[0]
    assert loaded.timeline.track_of(clip_id).name == "V1"
    on_disk = json.loads(path.read_text())
    assert on_disk["format"] == FORMAT_MARKER
    assert on_disk["schema_version"] == SCHEMA_VERSION


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(timelines(allow_overlap=True))
def test_every_generated_timeline_round_trips_through_a_project_file(timeline: Timeline) -> None:
    project = Project(name="generated", timeline=timeline)
    again = project_from_json(project_to_json(project))
    assert again.model_dump() == project.model_dump()
    assert again.timeline.to_editor_json() == timeline.to_editor_json()


def test_a_failed_save_leaves_the_previous_file_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "demo.vdbproj"
    save_project(sample_project(), path)
    before = path.read_bytes()

    def disk_full(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    changed = sample_project()
    changed.name = "Changed"
    with pytest.raises(ProjectFileError, match="No space left on device") as error:
        save_project(changed, path)
    assert str(path) in str(error.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.vdbproj"]  # no temp file left behind


def test_an_interrupted_rename_leaves_the_previous_file_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "demo.vdbproj"
    save_project(sample_project(), path)
    before = path.read_bytes()

    def killed(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        save_project(Project(name="other"), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["demo.vdbproj"]


def test_saving_keeps_the_file_mode_and_refuses_a_missing_folder(tmp_path: Path) -> None:
    path = tmp_path / "demo.vdbproj"
    save_project(sample_project(), path)
    path.chmod(0o640)
    save_project(sample_project(), path)
    assert path.stat().st_mode & 0o777 == 0o640
    with pytest.raises(ProjectFileError, match="could not save"):
        save_project(sample_project(), tmp_path / "missing" / "demo.vdbproj")


def write(tmp_path: Path, content: str | bytes) -> Path:
    path = tmp_path / "broken.vdbproj"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    return path


def load_error(path: Path) -> str:
    before = path.read_bytes()
    with pytest.raises(ProjectFileError) as error:
        load_project(path)
    assert path.read_bytes() == before  # a failed load never writes
    assert error.value.path == str(path)
    assert str(path) in str(error.value)
    return error.value.problem


def test_corrupt_json_names_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, '{\n "format": "videodb-editor-project",\n "name": oops\n}')
    assert load_error(path).startswith("line 3, column 10: Expecting value")


def test_truncated_file_says_so(tmp_path: Path) -> None:
    text = project_to_json(sample_project())
    path = write(tmp_path, text[: len(text) // 2])
    problem = load_error(path)
    assert "truncated" in problem
    assert problem.startswith("line ")


def test_empty_binary_and_missing_files(tmp_path: Path) -> None:
    assert load_error(write(tmp_path, "")) == "the file is empty"
    assert "not UTF-8" in load_error(write(tmp_path, b"\x89PNG\r\n\x1a\n\xff\xfe"))
    with pytest.raises(ProjectFileError, match="could not read"):
        load_project(tmp_path / "nope.vdbproj")


def test_foreign_json_is_not_taken_for_a_project(tmp_path: Path) -> None:
    assert load_error(write(tmp_path, '{"name": "x"}')).startswith("not a VideoDB editor project")
    assert "holds a list" in load_error(write(tmp_path, "[1, 2]"))
    editor_json = json.dumps(sample_project().timeline.to_editor_json())
    assert "Import Editor JSON" in load_error(write(tmp_path, editor_json))
    otio_json = '{"OTIO_SCHEMA": "Timeline.1", "tracks": {}}'
    assert "OpenTimelineIO" in load_error(write(tmp_path, otio_json))


def test_a_file_from_a_newer_editor_is_refused_not_mangled(tmp_path: Path) -> None:
    data = json.loads(project_to_json(sample_project()))
    data["schema_version"] = 9
    problem = load_error(write(tmp_path, json.dumps(data)))
    assert "newer version" in problem
    assert "schema 9" in problem


def test_schema_errors_name_the_field(tmp_path: Path) -> None:
    data = json.loads(project_to_json(sample_project()))
    data["timeline"]["tracks"][2]["clips"][0]["duration"] = -5
    text = json.dumps(data, indent=1)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if '"duration": -5' in row)
    problem = load_error(write(tmp_path, text))
    assert problem.startswith(f"field timeline.tracks[2].clips[0].duration (line {line}):")
    assert "greater than 0" in problem
    # the asset union's tag is not written in the file, so it is not named
    data["timeline"]["tracks"][2]["clips"][0]["duration"] = 5
    data["timeline"]["tracks"][2]["clips"][0]["asset"]["volume"] = "loud"
    text = json.dumps(data, indent=1)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if '"volume": "loud"' in row)
    problem = load_error(write(tmp_path, text))
    assert problem.startswith(f"field timeline.tracks[2].clips[0].asset.volume (line {line}):")
    data["schema_version"] = "two"
    assert load_error(write(tmp_path, json.dumps(data))).startswith("field schema_version")


def v1_file() -> dict[str, object]:
    """What schema 1 wrote: wire editor JSON in seconds and the playhead in seconds."""
    return {
        "format": FORMAT_MARKER,
        "schema_version": 1,
        "name": "Old",
        "backend": "local",
        "collection_id": "default",
        "timeline_json": {
            "timeline": {
                "background": "#101010",
                "resolution": "1920x1080",
                "tracks": [
                    {
                        "clips": [
                            {
                                "start": 1.5,
                                "clip": {
                                    "asset": {"type": "video", "id": "m-9", "start": 2.25, "volume": 1},
                                    "duration": 3.125,
                                    "fit": "None",
                                },
                            }
                        ],
                        "z_index": 0,
                    },
                    {
                        "clips": [
                            {"start": 0, "clip": {"asset": {"type": "audio", "id": "a-9"}, "duration": 10}}
                        ],
                        "z_index": 1,
                    },
                ],
            }
        },
        "media": [
            {"id": "m-9", "kind": "video", "name": "beach.mp4", "original_path": "/v/beach.mp4"},
            {"id": "a-9", "kind": "audio", "name": "song.mp3"},
        ],
        "exports": [],
        "playhead": 2.5,
        "selection": [0],
    }


def test_schema_1_files_are_upgraded(tmp_path: Path) -> None:
    path = write(tmp_path, json.dumps(v1_file()))
    project = load_project(path)
    assert project.schema_version == SCHEMA_VERSION
    assert project.playhead == 2500
    assert project.selection == []
    video = project.timeline.tracks[0].clips[0]
    assert (video.start, video.duration, video.source_start, video.fit) == (1500, 3125, 2250, None)
    assert project.timeline.tracks[1].kind == "audio"
    assert project.timeline.resolution == "1920x1080"
    assert project.timeline.media["m-9"].original_path == "/v/beach.mp4"
    assert project.timeline.media["a-9"].kind == "audio"
    # the upgraded project saves as the current schema and reads back the same
    save_project(project, path)
    assert json.loads(path.read_text())["schema_version"] == SCHEMA_VERSION
    assert load_project(path).model_dump() == project.model_dump()


def test_a_schema_1_file_with_a_broken_timeline_names_the_field(tmp_path: Path) -> None:
    data = v1_file()
    data["timeline_json"]["timeline"]["tracks"][0]["clips"][0]["clip"]["duration"] = 0  # type: ignore[index]
    problem = load_error(write(tmp_path, json.dumps(data)))
    assert "timeline_json.tracks[0].clips[0].clip.duration" in problem
    assert "upgrading from schema 1" in problem


def test_a_current_file_without_a_marker_is_foreign(tmp_path: Path) -> None:
    data = json.loads(project_to_json(sample_project()))
    del data["format"]
    assert load_error(write(tmp_path, json.dumps(data))).startswith("not a VideoDB editor project")


def test_a_byte_order_mark_is_tolerated(tmp_path: Path) -> None:
    path = write(tmp_path, b"\xef\xbb\xbf" + project_to_json(sample_project()).encode("utf-8"))
    assert load_project(path).name == "Demo"


def test_locate_finds_nested_keys_and_indexes() -> None:
    text = '{"a": {"skip": [1, {"x": "}"}], "b": [10,\n  20, {"c":\n   true}]}}'
    assert locate(text, ["a", "b", 2, "c"]) == (3, 4)
    assert locate(text, ["a", "b", 1]) == (2, 3)
    assert locate(text, ["a", "tag", "b", 0]) == (1, 39)  # parts not in the text are skipped
    assert locate(text, ["a", "b", 9]) == (1, 38)  # the nearest enclosing value
    # broken text never crashes: the deepest value reached, or no position at all
    assert locate('{"a": [1, 2', ["a", 5]) == (1, 7)
    assert locate('{"a": {"b": tru, "c": 1}}', ["a", "c"]) is None


def test_absurd_files_are_refused_without_a_crash(tmp_path: Path) -> None:
    assert "nested too deeply" in load_error(write(tmp_path, "[" * 100_000 + "]" * 100_000))
    data = v1_file()
    data["media"] = "not a list"
    data["timeline_json"] = {"tracks": [{"clips": [{"start": {}, "clip": {"duration": 1}}]}]}
    assert "upgrading from schema 1" in load_error(write(tmp_path, json.dumps(data)))


def test_two_clips_with_one_id_are_refused(tmp_path: Path) -> None:
    data = json.loads(project_to_json(sample_project()))
    tracks = data["timeline"]["tracks"]
    tracks[2]["clips"][0]["id"] = tracks[0]["clips"][0]["id"]
    problem = load_error(write(tmp_path, json.dumps(data)))
    assert problem.startswith("field timeline.tracks[2].clips[0].id: the clip id")
    assert "used twice" in problem
