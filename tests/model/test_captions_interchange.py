"""Captions and Node-SDK font weight lose nothing through every interchange: the project file, OTIO
metadata and the SDK script (run against the official SDK, which must rebuild the same JSON)."""

from __future__ import annotations

import json

import pytest

from editor_app.model import CaptionAsset, Clip, Font, TextAsset, Timeline, Track
from editor_app.model.assets import CaptionBorder, CaptionFont, CaptionPosition
from editor_app.model.captions import Cue, Word, encode_cues
from editor_app.model.interchange.otio import from_otio, to_otio
from editor_app.model.interchange.sdk_code import to_sdk_python
from editor_app.model.project.files import Project, project_from_json, project_to_json
from tests.model.test_sdk_code import posted_timeline, run_script


def captioned() -> Timeline:
    cues = [
        Cue(0, 1200, "Hello there", (Word(0, 500, "Hello"), Word(500, 1200, "there"))),
        Cue(1200, 2000, "x"),
    ]
    caption = CaptionAsset(
        src=encode_cues(cues),
        font=CaptionFont(name="DejaVu Sans", size=42, bold=True, underline=True, scale_x=120, angle=3),
        primary_color="&H0000FFFF",
        secondary_color="&H00FF00FF",
        back_color="&H80000000",
        border=CaptionBorder(style="opaque_box", outline=2, outline_color="&H00101010", shadow=3),
        position=CaptionPosition(alignment="top_right", margin_l=11, margin_r=12, margin_v=13),
        animation="supersize",
    )
    title = TextAsset(text="Title\nTwo", font=Font(family="DejaVu Sans", size=40, weight=300))
    return Timeline(
        tracks=[
            Track(clips=[Clip(start=0, duration=2000, asset=caption)]),
            Track(clips=[Clip(start=500, duration=1000, asset=title, z_index=2)]),
        ]
    )


def wire(timeline: Timeline) -> object:
    return json.loads(json.dumps(timeline.to_editor_json()))


def test_project_file_and_otio_keep_captions_and_weight() -> None:
    timeline = captioned()
    project = project_from_json(project_to_json(Project(name="c", timeline=timeline)))
    assert wire(project.timeline) == wire(timeline)
    assert wire(from_otio(to_otio(timeline))) == wire(timeline)


def test_the_sdk_script_rebuilds_the_captions(monkeypatch: pytest.MonkeyPatch) -> None:
    timeline = Timeline(tracks=[captioned().tracks[0]])
    code = to_sdk_python(timeline)
    assert "WeightedFont" not in code  # no weight used: the script is plain SDK
    connection, _seen = run_script(code, monkeypatch)
    assert posted_timeline(connection) == wire(timeline)


def test_the_sdk_script_keeps_the_node_sdk_font_weight(monkeypatch: pytest.MonkeyPatch) -> None:
    timeline = captioned()
    connection, _seen = run_script(to_sdk_python(timeline), monkeypatch)
    posted = posted_timeline(connection)
    assert posted == wire(timeline)
    title = posted["timeline"]["tracks"][1]["clips"][0]["clip"]["asset"]  # type: ignore[index]
    assert title["font"]["weight"] == 300
    assert wire(Timeline.from_editor_json(posted)) == wire(timeline)  # and back into the model
