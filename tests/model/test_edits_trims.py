"""The trim tools on the sample timeline (V1: c1 [0,2) m-1@0, c2 [3,5) m-1@4; m-1 is 10 s long):
each changes what it says, clamps to the source, and undoes and redoes exactly."""

from __future__ import annotations

import pytest

from editor_app.model import Clip, EditError, VideoAsset
from editor_app.model.edits import RippleTrim, Roll, Slide, Slip
from editor_app.model.undo import History
from tests.support.edits import apply, sample, starts


def _touching() -> History:
    """c1 [0,2) m-1@0, c2 [2,4) m-1@4, c5 [4,6) m-1@2 on V1, so every clip has neighbours."""
    timeline = sample()
    timeline.clip("c2").start = 2000
    timeline.attach(
        timeline.track("v1"), Clip(id="c5", start=4000, duration=2000, asset=VideoAsset(id="m-1", start=2000))
    )
    return History(timeline)


def test_ripple_trim_out_moves_what_follows_on_the_track_only() -> None:
    history = History(sample())
    apply(history, RippleTrim("c1", "out", 1500))
    assert starts(history.timeline, "v1") == [("c1", 0, 1500), ("c2", 2500, 2000)]
    assert starts(history.timeline, "v2")[0] == ("c3", 1000, 3000)  # other tracks stay
    assert history.undo_label == "Ripple Trim"


def test_ripple_trim_in_keeps_the_start_and_moves_the_source() -> None:
    history = History(sample())
    apply(history, RippleTrim("c2", "in", 3500))
    c2 = history.timeline.clip("c2")
    assert (c2.start, c2.duration, c2.source_start) == (3000, 1500, 4500)
    apply(history, RippleTrim("c2", "in", -9000))  # clamped: the source starts 4.5 s earlier only
    assert (c2.start, c2.duration, c2.source_start) == (3000, 6000, 0)


def test_ripple_on_all_tracks_moves_every_unlocked_track_and_refuses_an_overlap() -> None:
    history = History(sample())
    apply(history, RippleTrim("c1", "out", 2500, all_tracks=True))
    assert starts(history.timeline, "v2")[1] == ("t1", 6500, 1000)  # starts after 2 s: moved
    assert starts(history.timeline, "v2")[0] == ("c3", 1000, 3000)  # starts before: stays
    timeline = sample()
    timeline.clip("t1").start = 4500
    with pytest.raises(EditError, match="overlap"):
        History(timeline).push(RippleTrim("c1", "out", 1000, all_tracks=True))  # t1 would run into c3


def test_roll_moves_the_cut_between_touching_clips() -> None:
    history = _touching()
    apply(history, Roll("c1", "out", 1200))
    assert starts(history.timeline, "v1")[:2] == [("c1", 0, 1200), ("c2", 1200, 2800)]
    assert history.timeline.clip("c2").source_start == 3200
    apply(history, Roll("c2", "in", -5000))  # clamped at c1's first tick
    assert starts(history.timeline, "v1")[:2] == [("c1", 0, 1), ("c2", 1, 3999)]
    with pytest.raises(EditError, match="no clip touches"):
        History(sample()).push(Roll("c1", "out", 2500))


def test_slip_moves_only_the_source_and_clamps_to_it() -> None:
    history = History(sample())
    apply(history, Slip("c2", 3000))
    c2 = history.timeline.clip("c2")
    assert (c2.start, c2.duration, c2.source_start) == (3000, 2000, 7000)
    apply(history, Slip("c2", 9000))
    assert c2.source_start == 8000  # the source is 10 s long
    with pytest.raises(EditError, match="no source"):
        history.push(Slip("c3", 100))


def test_slide_trims_the_touching_neighbours() -> None:
    history = _touching()
    apply(history, Slide("c2", 500))
    assert starts(history.timeline, "v1") == [("c1", 0, 2500), ("c2", 2500, 2000), ("c5", 4500, 1500)]
    assert history.timeline.clip("c5").source_start == 2500
    apply(history, Slide("c2", -99_000))  # c1 keeps one tick
    assert starts(history.timeline, "v1")[0] == ("c1", 0, 1)


def test_slide_uses_up_a_gap_and_stops_at_the_neighbour() -> None:
    history = History(sample())
    apply(history, Slide("c2", -5000))
    assert starts(history.timeline, "v1") == [("c1", 0, 2000), ("c2", 2000, 2000)]


def test_locked_tracks_refuse_the_tools() -> None:
    timeline = sample()
    timeline.track("v1").locked = True
    history = History(timeline)
    for command in (RippleTrim("c1", "out", 1000), Slip("c1", 10), Slide("c2", -10)):
        with pytest.raises(EditError, match="locked"):
            history.push(command)


def test_refusals_and_history_entries_name_clips_by_their_media_names() -> None:
    """Defect 12: "'Beach.mp4' would overlap 'City.mp4'", not the clips' internal ids."""
    from editor_app.model.edits import MoveClips
    from tests.support.demo_timeline import build_demo_timeline

    history = History(build_demo_timeline())
    with pytest.raises(EditError, match=r"'Beach\.mp4' would overlap 'City\.mp4' on V1"):
        history.push(MoveClips({"beach": (2000, "v1")}))
    history.push(MoveClips({"beach": (9000, "v1")}))
    assert history.descriptions() == ["Move Clip 'Beach.mp4'"]
