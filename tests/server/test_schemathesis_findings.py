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


def test_a_frame_grab_where_the_picture_has_ended_is_a_4xx_saying_so(
    app_client: TestClient, media_factory: MediaFactory
) -> None:
    """The sound lasts 3 s, the picture 1 s: at 2 s neither attempt finds a frame (was a 500)."""
    short_picture = media_factory.make(
        "video-1s-picture-3s-sound.mp4",
        [
            *("-f", "lavfi", "-i", "color=c=green:s=160x90:r=25:d=1"),
            *("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=3"),
        ],
        ["-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-movflags", "+faststart"],
    )
    video = upload_via_http(app_client, short_picture, media_type="video")
    assert video["length"] > 2.5  # the sound's length: the time is inside the video
    answer = app_client.post(f"/video/{video['id']}/thumbnail", json={"time": 2.0})
    assert answer.status_code == 400, answer.text
    body = answer.json()
    assert body["success"] is False and body["error_code"] == "no_picture"
    assert "no picture at 2" in body["message"]
    before = app_client.post(f"/video/{video['id']}/thumbnail", json={"time": 0.5})
    assert before.status_code == 200, before.text  # where there is a picture, it is grabbed


def test_every_operation_documents_its_refusals_as_the_error_envelope(app_client: TestClient) -> None:
    """SDK users and schemathesis check status codes against the schema: every refusal of ours
    is documented, with the one envelope as its body."""
    spec = app_client.get("/openapi.json").json()
    envelope = spec["components"]["schemas"]["ErrorBody"]
    assert set(envelope["required"]) == {"success", "message", "error_code"}
    operations = [(path, op) for path, ops in spec["paths"].items() for op in ops.values()]
    assert len(operations) >= 40
    for path, operation in operations:
        for status in ("400", "401", "403", "404", "409", "413", "500", "503"):
            documented = operation["responses"].get(status)
            assert documented is not None, f"{path}: {status} undocumented"
            schema = documented["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/ErrorBody"}, f"{path} {status}: {schema}"
    streams = spec["paths"]["/stream/{stream_id}/{segment}"]["get"]["responses"]
    assert "410" in streams  # a stream that can no longer be rendered
    refused = app_client.get("/video/m-nothing")
    assert refused.status_code == 404 and set(refused.json()) == set(envelope["properties"])
