"""Projects from before crops were source pixels (schema 2, fractions) open with their crops as
pixels: the fraction times the source's size, or the timeline's when the media size is unknown."""

from __future__ import annotations

import json

from editor_app.model import Clip, Crop, ImageAsset, MediaInfo, Timeline, Track, VideoAsset
from editor_app.model.project.files import SCHEMA_VERSION, Project, project_from_json, project_to_json
from editor_app.model.project.migrations import CROP_IN_PIXELS


def test_fractions_become_source_pixels() -> None:
    timeline = Timeline(
        resolution="1280x720",
        tracks=[
            Track(
                clips=[
                    Clip(start=0, duration=1000, asset=VideoAsset(id="m-1", crop=Crop(top=0.25, left=0.5))),
                    Clip(start=1000, duration=1000, asset=ImageAsset(id="img-9", crop=Crop(bottom=0.5))),
                ]
            )
        ],
        media={"m-1": MediaInfo(id="m-1", kind="video", width=640, height=360)},
    )
    old = json.loads(project_to_json(Project(name="old", timeline=timeline)))
    old["schema_version"] = CROP_IN_PIXELS - 1
    project = project_from_json(json.dumps(old))
    assert SCHEMA_VERSION >= CROP_IN_PIXELS and project.schema_version == SCHEMA_VERSION
    video, image = project.timeline.tracks[0].clips
    assert video.asset.crop == Crop(top=90, left=320)  # type: ignore[union-attr]
    assert image.asset.crop == Crop(bottom=360)  # type: ignore[union-attr]  # the timeline's 720 rows


def test_editor_json_crops_are_pixels_even_when_they_look_like_fractions() -> None:
    """Editor JSON has no version to tell our old fraction exports from an SDK script's pixels
    (docs/conformance.md, "Crop"): the values are read and written back as they are."""
    asset = {"type": "video", "id": "m-1", "crop": {"top": 0.25, "right": 0, "bottom": 100, "left": 0.5}}
    body = {"timeline": {"tracks": [{"clips": [{"start": 0, "clip": {"asset": asset, "duration": 1}}]}]}}
    timeline = Timeline.from_editor_json(body)
    assert timeline.tracks[0].clips[0].asset.crop == Crop(top=0.25, bottom=100, left=0.5)  # type: ignore[union-attr]
    written = timeline.to_editor_json()["timeline"]["tracks"][0]["clips"][0]["clip"]["asset"]["crop"]
    assert written == {"top": 0.25, "right": 0, "bottom": 100, "left": 0.5}
