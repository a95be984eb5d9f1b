"""What `schemathesis run` found against our OpenAPI (issue 16, #6), each pinned as a test that
answered 500 before its fix: `/timeline_v2` cut points that overflowed or rounded to nothing, and
a frame grab inside a video's last frame."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.support.media import MediaFactory
from tests.support.server import upload_via_http


def seed_compile(client: TestClient, clip: dict[str, Any], video_id: str = "m-missing") -> Any:
    body = {"timeline": [{"video_id": video_id, "clips": [clip]}]}
    # raw JSON: NaN and Infinity as a careless client writes them
    return client.post("/timeline_v2", content=json.dumps(body), headers={"content-type": "application/json"})


@pytest.mark.parametrize(
    ("clip", "field"),
    [
        ({"start": 0, "end": 1.7976931348623155e308}, "timeline.0.clips.0.end"),  # was OverflowError
        ({"start": 0, "end": float("inf")}, "timeline.0.clips.0.end"),
        ({"start": float("nan"), "end": 1}, "timeline.0.clips.0.start"),
        ({"start": 0, "end": 1, "volume": float("inf")}, "timeline.0.clips.0.volume"),
        ({"start": 90_000, "end": 90_001}, "timeline.0.clips.0.start"),  # past the 24 h limit
    ],
)
def test_seed_cut_points_out_of_range_are_a_400_naming_the_field(
    app_client: TestClient, clip: dict[str, Any], field: str
) -> None:
    answer = seed_compile(app_client, clip)
    assert answer.status_code == 400, answer.text
    assert answer.json()["success"] is False and field in answer.json()["message"]


def test_a_seed_cut_shorter_than_a_millisecond_is_a_400(app_client: TestClient) -> None:
    """0.0001-0.0004 s is start < end but one 1 ms tick: the clip had no length (a 500 from the model)."""
    answer = seed_compile(app_client, {"start": 0.0001, "end": 0.0004})
    assert answer.status_code == 400, answer.text
    assert "less than 1 ms" in answer.json()["message"]


def test_a_frame_grab_inside_the_last_frame_gives_that_frame(
    app_client: TestClient, media_factory: MediaFactory
) -> None:
    """ffmpeg's -ss after the last frame's start found no frame: a 500 "could not decode"."""
    video = upload_via_http(
        app_client, media_factory.make_video(seconds=1, size="160x90"), media_type="video"
    )
    last_frame_at = video["length"] - 0.5 / video["fps"]
    answer = app_client.post(f"/video/{video['id']}/thumbnail", json={"time": last_frame_at})
    assert answer.status_code == 200, answer.text
    image = answer.json()["data"]
    assert image["id"].startswith("img-") and (image["width"], image["height"]) == (160, 90)
