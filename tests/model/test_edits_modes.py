"""Insert, overwrite, gaps and ranges on the sample timeline
(V1: c1 [0,2) m-1@0, c2 [3,5) m-1@4 | V2: c3 [1,4) image, t1 [6,7) text | A1: c4 [0,3) a-1@1)."""

from __future__ import annotations

import pytest

from editor_app.model import Clip, EditError, VideoAsset
from editor_app.model.edits import CloseAllGaps, CloseGap, ExtractRange, LiftRange, Place, gap_at
from editor_app.model.undo import History
from tests.support.edits import apply, sample, starts


def _new(duration: int = 1000, source: int = 0) -> Clip:
    return Clip(id="new", start=0, duration=duration, asset=VideoAsset(id="m-1", start=source))


def test_overwrite_splits_a_clip_it_covers_in_the_middle() -> None:
    history = History(sample())
    apply(history, Place("overwrite", [("v1", _new(), 500)]))
    clips = history.timeline.track("v1").clips
    assert [(c.id, c.start, c.duration) for c in clips][:3] == [
        ("c1", 0, 500),
        ("new", 500, 1000),
        (clips[2].id, 1500, 500),
    ]
    assert clips[2].source_start == 1500  # the right part shows what it showed before
    assert history.undo_label == "Overwrite"


def test_overwrite_trims_and_removes_what_lies_under_it() -> None:
    history = History(sample())
    apply(history, Place("overwrite", [("v1", _new(3000), 1500)]))
    assert starts(history.timeline, "v1") == [("c1", 0, 1500), ("new", 1500, 3000), ("c2", 4500, 500)]
    assert history.timeline.clip("c2").source_start == 5500


def test_insert_splits_at_the_point_and_pushes_the_rest_right() -> None:
    history = History(sample())
    apply(history, Place("insert", [("v1", _new(), 500)]))
    clips = history.timeline.track("v1").clips
    assert [(c.start, c.duration) for c in clips] == [(0, 500), (500, 1000), (1500, 1500), (4000, 2000)]
    assert starts(history.timeline, "v2") == [("c3", 1000, 3000), ("t1", 6000, 1000)]  # other tracks stay


def test_moves_in_either_mode_and_locked_tracks_refuse() -> None:
    history = History(sample())
    clip = history.timeline.clip("c2")
    apply(history, Place("overwrite", [("v1", clip, 1000)]))
    assert starts(history.timeline, "v1") == [("c1", 0, 1000), ("c2", 1000, 2000)]
    history.undo()
    history.timeline.track("v1").locked = True
    with pytest.raises(EditError, match="locked"):
        history.push(Place("insert", [("v1", _new(), 0)]))


def test_gaps_are_found_and_closed() -> None:
    history = History(sample())
    track = history.timeline.track("v1")
    assert gap_at(track, 2500) == (2000, 3000) and gap_at(track, 1000) is None and gap_at(track, 9000) is None
    apply(history, CloseGap("v1", 2500))
    assert starts(history.timeline, "v1") == [("c1", 0, 2000), ("c2", 2000, 2000)]
    assert gap_at(history.timeline.track("v2"), 500) == (0, 1000)  # before the first clip
    apply(history, CloseAllGaps("v2"))
    assert starts(history.timeline, "v2") == [("c3", 1000, 3000), ("t1", 4000, 1000)]
    with pytest.raises(EditError, match="no gap"):
        history.push(CloseGap("v1", 2500))


def test_lift_and_extract_a_range_on_unlocked_tracks() -> None:
    timeline = sample()
    timeline.track("a1").locked = True
    history = History(timeline)
    apply(history, LiftRange(1000, 3500))
    assert starts(history.timeline, "v1")[0] == ("c1", 0, 1000)
    assert starts(history.timeline, "v1")[1] == ("c2", 3500, 1500)
    assert starts(history.timeline, "a1") == [("c4", 0, 3000)]  # locked: untouched
    history.undo()
    apply(history, ExtractRange(1000, 3500))
    assert starts(history.timeline, "v1") == [("c1", 0, 1000), ("c2", 1000, 1500)]
    assert starts(history.timeline, "v2") == [("c3", 1000, 500), ("t1", 3500, 1000)]


def test_a_range_copy_holds_only_the_range_from_zero() -> None:
    from editor_app.model.edits import range_timeline

    timeline = sample()
    cut = range_timeline(timeline, 1000, 3500)
    assert starts(cut, "v1") == [("c1", 0, 1000), ("c2", 2000, 500)]
    assert cut.clip("c1").source_start == 1000 and cut.clip("c2").source_start == 4000
    assert starts(cut, "v2") == [("c3", 0, 2500)]
    assert starts(timeline, "v1") == [("c1", 0, 2000), ("c2", 3000, 2000)]  # the original is untouched
