"""Clip placement edits: add, lift, ripple delete, move, trim; refusals leave everything as it was."""

import pytest

from editor_app.model import Clip, EditError, VideoAsset
from editor_app.model.assets import AudioAsset
from editor_app.model.edits import (
    AddClip,
    AddClips,
    Lift,
    MoveClips,
    RippleDelete,
    SetTrackState,
    TrimIn,
    TrimOut,
)
from editor_app.model.undo import Command, History
from tests.support.edits import apply, sample, starts


def refused(history: History, command: Command, match: str) -> None:
    before = history.timeline.model_dump()
    with pytest.raises(EditError, match=match):
        history.push(command)
    assert history.timeline.model_dump() == before
    assert history.index == 0


def test_add_clip_in_a_gap_and_refuse_an_overlap_with_the_reason() -> None:
    history = History(sample())
    apply(history, AddClip("v1", Clip(id="n", start=2000, duration=1000, asset=VideoAsset(id="m-1"))))
    assert starts(history.timeline, "v1") == [("c1", 0, 2000), ("n", 2000, 1000), ("c2", 3000, 2000)]
    history = History(sample())
    refused(
        history,
        AddClip("v1", Clip(start=4000, duration=2000, asset=VideoAsset(id="m-1"))),
        r"Add Clip: 'm-1' would overlap 'm-1' on V1 at 00:00:04\.000",
    )


def test_add_refuses_wrong_track_kind_locked_tracks_long_clips_and_clashing_batches() -> None:
    history = History(sample())
    refused(history, AddClip("a1", Clip(start=5000, duration=500, asset=VideoAsset(id="m-1"))), "video track")
    refused(history, AddClip("v1", Clip(start=6000, duration=500, asset=AudioAsset(id="a-1"))), "audio track")
    refused(
        history, AddClip("v1", Clip(start=6000, duration=10_001, asset=VideoAsset(id="m-1"))), "past the end"
    )
    refused(
        history, AddClip("nope", Clip(start=0, duration=1, asset=VideoAsset(id="m-1"))), "no track 'nope'"
    )
    pair = [
        ("v1", Clip(start=6000, duration=1000, asset=VideoAsset(id="m-1"))),
        ("v1", Clip(start=6500, duration=1000, asset=VideoAsset(id="m-1"))),
    ]
    refused(history, AddClips(pair), "would overlap")
    history.push(SetTrackState("v1", locked=True))
    before = history.timeline.model_dump()
    with pytest.raises(EditError, match="Track V1 is locked"):
        history.push(AddClip("v1", Clip(start=6000, duration=500, asset=VideoAsset(id="m-1"))))
    assert history.timeline.model_dump() == before


def test_lift_leaves_a_gap_and_undo_restores_exact_places() -> None:
    history = History(sample())
    apply(history, Lift(["c1", "c3", "c2"]))
    assert starts(history.timeline, "v1") == [] and [c.id for c in history.timeline.track("v2").clips] == [
        "t1"
    ]
    history = History(sample())
    refused(history, Lift(["c1", "missing"]), "no clip 'missing'")
    refused(history, Lift([]), "Select the clips")


def test_ripple_delete_closes_the_gap_on_that_track_only() -> None:
    history = History(sample())
    apply(history, RippleDelete(["c1"]))
    assert starts(history.timeline, "v1") == [("c2", 1000, 2000)]
    assert starts(history.timeline, "v2")[0] == ("c3", 1000, 3000)  # other tracks stay
    history = History(sample())
    apply(history, RippleDelete(["c3", "c1"]))
    assert starts(history.timeline, "v1") == [("c2", 1000, 2000)]
    assert starts(history.timeline, "v2") == [("t1", 3000, 1000)]


def test_ripple_delete_of_several_clips_keeps_the_gaps_between_survivors() -> None:
    timeline = sample()
    history = History(timeline)
    history.push(AddClip("v1", Clip(id="c5", start=7000, duration=1000, asset=VideoAsset(id="m-1"))))
    apply(history, RippleDelete(["c1", "c2"]))
    # c5 moves left by both deleted durations; the 1 s and 2 s gaps remain (1 s + 2 s = 3 s)
    assert starts(timeline, "v1") == [("c5", 3000, 1000)]


def test_move_clips_in_time_and_across_tracks_all_or_nothing() -> None:
    history = History(sample())
    # swap c1 and c2 on V1: legal only because both leave their places first
    apply(history, MoveClips({"c1": (3000, "v1"), "c2": (0, "v1")}))
    assert starts(history.timeline, "v1") == [("c2", 0, 2000), ("c1", 3000, 2000)]
    history = History(sample())
    apply(history, MoveClips({"c1": (8000, "v2")}))
    assert history.timeline.track_of("c1").id == "v2"
    history = History(sample())
    refused(history, MoveClips({"c1": (9000, "v1"), "c2": (500, "v2")}), r"would overlap 'img-1' on V2")
    refused(history, MoveClips({"c1": (8000, "v1"), "c2": (8500, "v1")}), "would overlap")
    refused(history, MoveClips({"c4": (0, "v1")}), "needs an audio track")
    refused(history, MoveClips({"c1": (-1, "v1")}), "before")


def test_trim_in_moves_the_source_start_and_clamps_at_zero_and_the_neighbour_refuses() -> None:
    history = History(sample())
    apply(history, TrimIn("c2", 3500))
    clip = history.timeline.clip("c2")
    assert (clip.start, clip.duration, clip.source_start, clip.end) == (3500, 1500, 4500, 5000)
    history.undo()
    apply(history, TrimIn("c2", 2500))  # extend left into the gap: source start 3500
    assert (clip.start, clip.source_start) == (2500, 3500)
    refused(History(history.timeline), TrimIn("c2", 1000), "would overlap 'm-1' on V1")
    history = History(sample())
    apply(history, TrimIn("c4", -5000))  # the audio source starts 1 s in: clamps at source 0
    audio = history.timeline.clip("c4")
    assert (audio.start, audio.source_start, audio.duration) == (0, 1000, 3000)
    history.push(MoveClips({"c4": (4000, "a1")}))
    history.push(TrimIn("c4", 0))
    assert (audio.start, audio.source_start, audio.duration) == (3000, 0, 4000)
    history.push(TrimIn("c4", 99_999))  # at least one tick remains
    assert audio.duration == 1 and audio.end == 7000


def test_trim_out_clamps_at_the_source_end_and_refuses_the_neighbour() -> None:
    history = History(sample())
    apply(history, TrimOut("c2", 60_000))  # source m-1 is 10 s, c2 starts 4 s into it
    clip = history.timeline.clip("c2")
    assert (clip.duration, clip.source_start + clip.duration) == (6000, 10_000)
    apply(history, TrimOut("c2", 0))
    assert clip.duration == 1
    refused(History(sample()), TrimOut("c1", 3500), "would overlap")
    history = History(sample())
    apply(history, TrimOut("t1", 20_000))  # text has no source: no clamp
    assert history.timeline.clip("t1").duration == 14_000


def test_lookups_stay_right_on_one_long_track_and_after_direct_list_changes() -> None:
    from editor_app.model import Timeline, Track

    clips = [Clip(id=f"k{i}", start=i * 100, duration=100, asset=VideoAsset(id="m-1")) for i in range(10_000)]
    timeline = Timeline(tracks=[Track(id="v", name="V", clips=clips)])
    history = History(timeline)
    history.push(MoveClips({"k5000": (5_000_000, "v")}))
    history.push(TrimOut("k9999", 999_950))
    assert timeline.clip("k5000").start == 5_000_000 and timeline.clip("k9999").duration == 50
    # code that replaces a list entry behind the index's back still gets the right clip
    replacement = clips[10].model_copy()
    timeline.tracks[0].clips[10] = replacement
    assert timeline.clip("k10") is replacement


def test_ripple_delete_refuses_when_imported_overlaps_would_collide() -> None:
    from editor_app.model import Timeline, Track

    # the cloud allows overlaps on one track; an imported timeline may hold them
    keep = Clip(id="keep", start=0, duration=1000, asset=VideoAsset(id="m-1"))
    gone = Clip(id="gone", start=500, duration=2500, asset=VideoAsset(id="m-1"))
    late = Clip(id="late", start=3000, duration=1000, asset=VideoAsset(id="m-1"))
    history = History(Timeline(tracks=[Track(id="v", name="V1", clips=[keep, gone, late])]))
    # closing the 2.5 s gap would pull 'late' to 0.5 s, into 'keep' (which ends at 1 s)
    refused(
        history, RippleDelete(["gone"]), r"Ripple Delete: 'm-1' would overlap 'm-1' on V1 at 00:00:00\.500"
    )
    refused(history, RippleDelete(["keep"]), r"'m-1' would overlap 'm-1' on V1 at 00:00:02\.000")
    apply(history, RippleDelete(["keep", "gone"]))  # the removed time is their union, 0-3 s
    assert starts(history.timeline, "v") == [("late", 0, 1000)]


def test_times_must_be_whole_ticks() -> None:
    with pytest.raises(EditError, match="whole number of milliseconds"):
        MoveClips({"c1": (1000.5, "v1")})  # type: ignore[dict-item]
    with pytest.raises(EditError, match="whole number"):
        TrimOut("c1", float("nan"))  # type: ignore[arg-type]
    history = History(sample())
    history.push(MoveClips({"c1": (6000.0, "v1")}))  # type: ignore[dict-item]
    start = history.timeline.clip("c1").start
    assert start == 6000 and type(start) is int
