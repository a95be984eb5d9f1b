"""Track and marker edits: add, remove, reorder, rename, mute, lock, hide; markers with colours."""

import pytest

from editor_app.model import Clip, EditError, Timeline, Track, VideoAsset
from editor_app.model.edits import (
    AddMarker,
    AddTrack,
    EditMarker,
    MoveClips,
    MoveTrack,
    RemoveMarker,
    RemoveTrack,
    RestackTrack,
    SetTrackState,
    TrimOut,
    display_order,
    new_track,
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


def _timeline(*kinds: str) -> Timeline:
    return Timeline(
        tracks=[Track(id=f"t{i}", kind="audio" if k == "a" else "video") for i, k in enumerate(kinds)]
    )


def test_rows_show_video_tracks_by_stacking_above_the_audio_tracks() -> None:
    # an interleaved list still shows every video track above every audio track
    mixed = _timeline("v", "a", "v", "a")
    assert display_order(mixed) == [2, 0, 1, 3]
    mixed.tracks[0].z_index = 9  # drawn over t2 by the renderer: so it is the top row
    assert display_order(mixed) == [0, 2, 1, 3]


def test_a_new_track_is_named_after_its_kind_and_drawn_over_every_other() -> None:
    timeline = _timeline("v", "a", "v")
    timeline.tracks[1].z_index = 4
    video, audio = new_track(timeline, "video"), new_track(timeline, "audio")
    assert (video.name, video.kind, video.z_index) == ("V3", "video", 5)
    assert (audio.name, audio.kind) == ("A2", "audio")
    assert new_track(Timeline(), "video").z_index == 0


def _restack(timeline: Timeline, track_id: str, row: int) -> list[str]:
    RestackTrack(track_id, row).do(timeline)
    return [timeline.tracks[i].id for i in display_order(timeline)]


def test_reordering_by_rows_keeps_each_kind_in_its_rows() -> None:
    timeline = _timeline("v", "v", "v", "a", "a")  # rows from the top: t2 t1 t0 | t3 t4
    assert [timeline.tracks[i].id for i in display_order(timeline)] == ["t2", "t1", "t0", "t3", "t4"]
    assert _restack(timeline, "t0", 0) == ["t0", "t2", "t1", "t3", "t4"]  # bottom video to the top
    assert [t.id for t in timeline.tracks] == ["t1", "t2", "t0", "t3", "t4"]  # last in the list = on top
    assert _restack(timeline, "t0", 2) == ["t2", "t0", "t1", "t3", "t4"]
    assert _restack(timeline, "t2", 5) == ["t0", "t1", "t2", "t3", "t4"]  # into the audio rows: bottom video
    assert _restack(timeline, "t4", 0) == ["t0", "t1", "t2", "t4", "t3"]  # into the video rows: first audio
    unchanged = RestackTrack("t1", 1)
    assert not unchanged.changes(timeline)


def test_a_restack_makes_the_picture_follow_the_rows_and_undoes_exactly() -> None:
    timeline = _timeline("v", "v", "a")
    for z, track in zip((5, 1, 0), timeline.tracks, strict=True):
        track.z_index = z  # t0 has the highest z_index: the renderer draws it on top despite its place
    assert [timeline.tracks[i].id for i in display_order(timeline)] == ["t0", "t1", "t2"]
    before = [(t.id, t.z_index) for t in timeline.tracks]
    command = RestackTrack("t1", 0)  # t1 to the top row
    command.do(timeline)
    assert [timeline.tracks[i].id for i in display_order(timeline)] == ["t1", "t0", "t2"]
    stacking = sorted(
        (t for t in timeline.tracks if t.kind == "video"), key=lambda t: (t.z_index, timeline.tracks.index(t))
    )
    assert stacking[-1].id == "t1"  # what the renderer draws last (on top) is the top row
    command.undo(timeline)
    assert [(t.id, t.z_index) for t in timeline.tracks] == before


def test_restacking_an_unknown_track_is_refused() -> None:
    with pytest.raises(EditError, match="no track"):
        RestackTrack("nope", 0).do(_timeline("v"))
