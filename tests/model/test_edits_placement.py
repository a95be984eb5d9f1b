"""Placing a new clip: on the track asked for, or on a new track of its kind, as one undo step."""

import pytest

from editor_app.model import AudioAsset, Clip, EditError, TextAsset, VideoAsset
from editor_app.model.edits import PlaceClip, SetTrackState, track_with_room
from editor_app.model.undo import History
from tests.support.edits import apply, sample


def test_a_clip_goes_on_the_track_asked_for() -> None:
    history = History(sample())
    clip = Clip(id="n", start=8000, duration=1000, asset=VideoAsset(id="m-1"))
    command = PlaceClip(clip, "v1")
    apply(history, command)
    assert history.timeline.track_of("n").id == "v1" == command.track_id
    assert command.new_track is None and len(history.timeline.tracks) == 3
    assert history.undo_label == "Add Clip"


@pytest.mark.parametrize(("track_id", "asset"), [(None, VideoAsset(id="m-1")), ("v1", AudioAsset(id="a-1"))])
def test_no_track_or_one_of_the_other_kind_gets_a_new_track_in_the_same_step(
    track_id: str | None, asset: VideoAsset | AudioAsset
) -> None:
    history = History(sample())
    clip = Clip(id="n", start=500, duration=1000, asset=asset)
    command = PlaceClip(clip, track_id)
    apply(history, command)  # undo takes the track away too; redo brings back the same track
    timeline = history.timeline
    track = timeline.tracks[-1]  # appended: a video track tops the stack, an audio track ends the rows
    assert command.new_track is track and command.track_id == track.id and timeline.track_of("n") is track
    assert track.kind == clip.kind and track.name == ("A2" if clip.kind == "audio" else "V3")
    assert history.index == 1 and history.undo_label == "Add Clip"


def test_a_refused_place_changes_nothing() -> None:
    history = History(sample())
    before = history.timeline.model_dump()
    taken = Clip(id="n", start=500, duration=1000, asset=VideoAsset(id="m-1"))
    with pytest.raises(EditError, match="overlap"):
        history.push(PlaceClip(taken, "v1"))
    with pytest.raises(EditError, match="no track"):
        history.push(PlaceClip(taken, "gone"))
    history.push(SetTrackState("v2", locked=True))
    with pytest.raises(EditError, match="locked"):
        history.push(PlaceClip(Clip(id="m", start=9000, duration=500, asset=VideoAsset(id="m-1")), "v2"))
    history.undo()
    assert history.timeline.model_dump() == before and history.index == 0


def test_a_title_finds_the_topmost_free_video_track_or_makes_one() -> None:
    timeline = sample()  # V1 busy in [0, 2) and [3, 5); V2 busy in [1, 4) and [6, 7)
    assert track_with_room(timeline, "video", 4000, 6000).id == "v2"  # type: ignore[union-attr]
    assert track_with_room(timeline, "video", 1500, 2000) is None
    timeline.track("v2").locked = True
    assert track_with_room(timeline, "video", 5000, 5500).id == "v1"  # type: ignore[union-attr]
    history = History(timeline)
    title = Clip(id="t", start=1500, duration=3000, asset=TextAsset(text="Title"))
    apply(history, PlaceClip(title, None, "Add Title"))
    assert history.undo_label == "Add Title" and history.timeline.tracks[-1].clips == [title]
