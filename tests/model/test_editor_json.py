"""Reading and writing editor JSON: round trips, leniency where the SDK is loose, named errors."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from editor_app.model import InvalidTimelineJSON, Timeline
from tests.support.strategies import timelines


def body(*clips: dict[str, Any], **timeline: Any) -> dict[str, Any]:
    return {"timeline": {**timeline, "tracks": [{"clips": list(clips), "z_index": 0}]}}


def item(start: Any = 0, **clip: Any) -> dict[str, Any]:
    clip.setdefault("asset", {"type": "video", "id": "m-1"})
    clip.setdefault("duration", 1)
    return {"start": start, "clip": clip}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(timelines(allow_overlap=True))
def test_every_generated_timeline_round_trips_through_editor_json(timeline: Timeline) -> None:
    for apply_state in (False, True):
        sent = json.loads(json.dumps(timeline.to_editor_json(apply_track_state=apply_state)))
        again = Timeline.from_editor_json(sent)
        assert again.to_editor_json() == sent
    assert again.clip_count == sum(len(t.clips) for t in timeline.tracks if not t.hidden)
    full = Timeline.from_editor_json(timeline.to_editor_json(apply_track_state=False))
    assert full.duration == timeline.duration


def test_a_body_without_the_timeline_wrapper_is_read_too() -> None:
    wrapped = body(item(1.5, duration=2))
    bare = wrapped["timeline"]
    assert (
        Timeline.from_editor_json(bare).to_editor_json()
        == Timeline.from_editor_json(wrapped).to_editor_json()
    )


def test_times_become_exact_ticks_and_defaults_fill_in() -> None:
    timeline = Timeline.from_editor_json(
        body(item(0.1, duration="2.5", asset={"type": "video", "id": "m-1", "start": "0.333"}))
    )
    clip = timeline.tracks[0].clips[0]
    assert (clip.start, clip.duration, clip.source_start) == (100, 2500, 333)
    assert (clip.fit, clip.position, clip.scale, clip.volume) == ("crop", "center", 1, 1.0)
    assert (timeline.background, timeline.resolution) == ("#000000", "1280x720")


def test_unknown_fields_from_a_newer_api_are_ignored() -> None:
    data = body(item(0, shiny=True, asset={"type": "video", "id": "m-1", "hdr": "pq"}), extra="x")
    assert Timeline.from_editor_json(data).clip_count == 1


def test_track_kinds_and_names_are_inferred() -> None:
    data = {
        "timeline": {
            "tracks": [
                {"clips": [item(0)]},
                {"clips": [item(0, asset={"type": "audio", "id": "a-1"})]},
                {"clips": []},
                {"clips": [item(0, asset={"type": "text", "text": "hi"})]},
            ]
        }
    }
    tracks = Timeline.from_editor_json(data).tracks
    assert [(t.kind, t.name) for t in tracks] == [
        ("video", "V1"),
        ("audio", "A1"),
        ("video", "V2"),
        ("video", "V3"),
    ]


def test_unsorted_clips_are_kept_in_time_order() -> None:
    timeline = Timeline.from_editor_json(body(item(5), item(0), item(2)))
    assert [c.start for c in timeline.tracks[0].clips] == [0, 2000, 5000]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "timeline: expected a JSON object"),
        ({"timeline": {"tracks": {}}}, "tracks: expected a list"),
        ({"tracks": [1]}, "tracks[0]: expected an object"),
        ({"tracks": [{"clips": 3}]}, "tracks[0].clips: expected a list"),
        ({"tracks": [{"clips": [], "z_index": "top"}]}, "tracks[0].z_index: expected an integer"),
        (body(resolution="big"), "resolution: expected WIDTHxHEIGHT, got 'big'"),
        (body("clip"), "tracks[0].clips[0]: expected an object with 'start' and 'clip'"),
        (
            body({"start": 0, "clip": {"asset": {"type": "video", "id": "m"}}}),
            "clips[0].clip.duration: field required",
        ),
        (body(item(duration="abc")), "clips[0].clip.duration: expected a time in seconds, got 'abc'"),
        (body(item(duration=0)), "clips[0].clip.duration: Input should be greater than 0"),
        (body(item(duration=float("nan"))), "clips[0].clip.duration: expected a time in seconds"),
        (body(item(-1)), "tracks[0].clips[0].start: Input should be greater than or equal to 0"),
        (body(item(asset=None)), "clips[0].clip.asset: expected an object"),
        (body(item(asset={"type": "gif", "id": "x"})), "clips[0].clip.asset: Input tag 'gif'"),
        (body(item(asset={"type": "video"})), "clips[0].clip.asset.id: Field required"),
        (body(item(asset={"type": "video", "id": "m", "start": "x"})), "clip.asset.start: expected a time"),
        (
            body(item(asset={"type": "audio", "id": "a", "volume": -1})),
            "clip.asset.volume: Input should be greater",
        ),
        (body(item(fit="stretch")), "clips[0].clip.fit: Input should be 'crop', 'cover' or 'contain'"),
        (body(item(scale=11)), "clips[0].clip.scale: Input should be less than or equal to 10"),
        (body(item(transition="fade")), "clips[0].clip.transition: expected an object, got 'fade'"),
        (body(item(transition={"in": "wipe"})), "clip.transition.in: Input should be 'fade'"),
        (body(item(filter="sepia")), "clips[0].clip.filter: Input should be 'blur'"),
    ],
)
def test_bad_input_names_the_field(data: Any, message: str) -> None:
    with pytest.raises(InvalidTimelineJSON) as error:
        Timeline.from_editor_json(data)
    assert message in str(error.value)
