"""Track and marker edits: add, remove, reorder, rename, mute, lock, hide; markers with colours."""

import pytest

from editor_app.model import Clip, EditError, Track, VideoAsset
from editor_app.model.edits import (
    AddMarker,
    AddTrack,
    EditMarker,
    MoveClips,
    MoveTrack,
    RemoveMarker,
    RemoveTrack,
    SetTrackState,
    TrimOut,
    next_marker,
    previous_marker,
)
from editor_app.model.undo import History
from tests.support.edits import apply, sample


def test_add_remove_and_move_tracks_restore_exactly() -> None:
    history = History(sample())
    track = Track(
        id="v3", name="V3", clips=[Clip(id="n1", start=0, duration=500, asset=VideoAsset(id="m-1"))]
    )
    apply(history, AddTrack(track, 1))
    assert [t.id for t in history.timeline.tracks] == ["v1", "v3", "v2", "a1"]
    assert history.timeline.track_of("n1") is track
    apply(history, RemoveTrack("v2"))
    assert [t.id for t in history.timeline.tracks] == ["v1", "v3", "a1"]
    apply(history, MoveTrack("v1", 2))
    assert [t.id for t in history.timeline.tracks] == ["v3", "a1", "v1"]
    with pytest.raises(EditError, match="already exists"):
        history.push(AddTrack(track))
    with pytest.raises(EditError, match="already on the timeline"):
        history.push(AddTrack(Track(clips=[Clip(id="c1", start=0, duration=1, asset=VideoAsset(id="m-1"))])))
    with pytest.raises(EditError, match="outside"):
        history.push(MoveTrack("v1", 7))


def test_track_state_labels_and_locking() -> None:
    history = History(sample())
    apply(history, SetTrackState("v1", muted=True))
    assert history.undo_label == "Mute Track" and history.timeline.track("v1").muted
    apply(history, SetTrackState("v1", name="  Interview "))
    assert history.undo_label == "Rename Track" and history.timeline.track("v1").name == "Interview"
    apply(history, SetTrackState("v2", hidden=True))
    assert history.undo_label == "Hide Track"
    apply(history, SetTrackState("v1", locked=True))
    assert history.undo_label == "Lock Track"
    for command in (MoveClips({"c1": (9000, "v1")}), TrimOut("c1", 1000), RemoveTrack("v1")):
        with pytest.raises(EditError, match="Track Interview is locked"):
            history.push(command)
    with pytest.raises(EditError, match="locked"):
        history.push(MoveClips({"c3": (8000, "v1")}))  # onto a locked track
    apply(history, SetTrackState("v1", muted=False, locked=False))
    assert history.undo_label == "Change Track"
    with pytest.raises(EditError, match="needs a name"):
        history.push(SetTrackState("v1", name="   "))


def test_markers_stay_sorted_and_are_found_before_and_after_a_time() -> None:
    history = History(sample())
    apply(history, AddMarker(5000, "Chorus", "#FF0000"))
    apply(history, AddMarker(1000, "Intro"))
    markers = history.timeline.markers
    assert [(m.time, m.label) for m in markers] == [(1000, "Intro"), (5000, "Chorus")]
    chorus = markers[1]
    apply(history, EditMarker(chorus.id, time=500, color="#00FF00"))
    assert [(m.time, m.label, m.color) for m in history.timeline.markers] == [
        (500, "Chorus", "#00FF00"),
        (1000, "Intro", "#E8B53A"),
    ]
    after = next_marker(history.timeline, 500)
    assert after is not None and after.label == "Intro"
    before = previous_marker(history.timeline, 1000)
    assert before is not None and before.label == "Chorus"
    assert previous_marker(history.timeline, 500) is None
    apply(history, RemoveMarker(chorus.id))
    assert [m.label for m in history.timeline.markers] == ["Intro"]
    for command, match in [
        (AddMarker(-1), "before"),
        (AddMarker(0, color="red"), "colour"),
        (RemoveMarker("gone"), "no marker"),
    ]:
        with pytest.raises(EditError, match=match):
            history.push(command)
