"""Split, copy, paste and duplicate: exact durations, new ids that survive redo, refusals."""

import pytest

from editor_app.model import EditError, Transition
from editor_app.model.edits import (
    Duplicate,
    Paste,
    SetClipProperty,
    Split,
    copy_clips,
    duplicate_at,
    split_all,
)
from editor_app.model.undo import History
from tests.support.edits import apply, sample, starts


def test_split_gives_two_clips_whose_durations_add_up_and_whose_sources_continue() -> None:
    history = History(sample())
    apply(history, Split(["c2"], 3333))
    (left_id, left_start, left_len), (right_id, right_start, right_len) = starts(history.timeline, "v1")[1:]
    assert left_id == "c2" and right_id != "c2"
    assert (left_start, left_len, right_start, right_len) == (3000, 333, 3333, 1667)
    assert left_len + right_len == 2000
    right = history.timeline.clip(right_id)
    assert right.source_start == 4000 + 333 and right.volume == 1.0


def test_redo_recreates_the_same_right_half_id() -> None:
    history = History(sample())
    history.push(Split(["c1"], 500))
    ids = [c.id for c in history.timeline.track("v1").clips]
    history.undo()
    history.redo()
    assert [c.id for c in history.timeline.track("v1").clips] == ids


def test_split_keeps_fade_in_left_and_fade_out_right() -> None:
    history = History(sample())
    history.push(SetClipProperty(["c1"], "transition", Transition(in_="fade", out="fade", duration=300)))
    apply(history, Split(["c1"], 1000))
    left, right = history.timeline.track("v1").clips[:2]
    assert left.transition == Transition(in_="fade", out=None, duration=300)
    assert right.transition == Transition(in_=None, out="fade", duration=300)


def test_split_all_cuts_every_unlocked_track_and_refuses_where_nothing_spans() -> None:
    history = History(sample())
    apply(history, split_all(history.timeline, 1500))
    assert len(history.timeline.track("v1").clips) == 3  # c1 split
    assert len(history.timeline.track("v2").clips) == 3  # c3 split
    assert len(history.timeline.track("a1").clips) == 2  # c4 split
    with pytest.raises(EditError, match="No clip spans"):
        split_all(history.timeline, 60_000)
    with pytest.raises(EditError, match="No selected clip spans"):
        history.push(Split(["c2"], 3000))  # an edge is not inside the clip


def test_copy_and_paste_keeps_the_layout_with_new_ids_and_can_paste_twice() -> None:
    history = History(sample())
    clipboard = copy_clips(history.timeline, ["c2", "c1"])
    assert [c.id for c in clipboard] == ["c1", "c2"]
    apply(history, Paste(clipboard, "v1", 10_000))
    pasted = starts(history.timeline, "v1")[2:]
    assert [(s, d) for _i, s, d in pasted] == [(10_000, 2000), (13_000, 2000)]
    assert not {"c1", "c2"} & {i for i, _s, _d in pasted}
    apply(history, Paste(clipboard, "v1", 20_000))
    assert len(history.timeline.track("v1").clips) == 6
    before = history.timeline.model_dump()
    with pytest.raises(EditError, match="would overlap"):
        history.push(Paste(clipboard, "v1", 1000))
    with pytest.raises(EditError, match="needs an audio track"):
        history.push(Paste(copy_clips(history.timeline, ["c4"]), "v1", 40_000))
    assert history.timeline.model_dump() == before
    with pytest.raises(EditError, match="clipboard is empty"):
        Paste([], "v1", 0)


def test_duplicate_places_copies_right_after_the_originals_or_refuses() -> None:
    history = History(sample())
    apply(history, Duplicate(["t1"]))
    assert starts(history.timeline, "v2")[-1][1:] == (7000, 1000)
    history = History(sample())
    apply(history, Duplicate(["c2"]))  # right after c2: 5000..7000 is free
    assert starts(history.timeline, "v1")[-1][1:] == (5000, 2000)
    with pytest.raises(EditError, match="would overlap"):
        history.push(Duplicate(["c1"]))  # 2000..4000 would cover c2


def test_duplicate_at_the_playhead_keeps_tracks_and_relative_times() -> None:
    history = History(sample())
    command = duplicate_at(history.timeline, ["c2", "t1"], 10_000, "overwrite")  # span 3000..7000
    apply(history, command)
    copies = {history.timeline.track_of(clip.id).id: clip for _track, clip, _start in command.items}
    assert (copies["v1"].start, copies["v2"].start) == (10_000, 13_000)
    assert [c.id for c in history.timeline.track("v1").clips][:2] == ["c1", "c2"]  # originals untouched
    assert command.label == "Duplicate"


def test_duplicate_with_the_playhead_on_the_selection_lands_after_its_end() -> None:
    for playhead in (3000, 4500, 6999, 1000):  # inside the span, or where copies would cover it
        history = History(sample())
        apply(history, duplicate_at(history.timeline, ["c2", "t1"], playhead, "overwrite"))
        assert starts(history.timeline, "v1")[:2] == [("c1", 0, 2000), ("c2", 3000, 2000)]
        assert starts(history.timeline, "v2")[1][0] == "t1"
        assert [s for _id, s, _d in starts(history.timeline, "v1")][2:] == [7000]
        assert [s for _id, s, _d in starts(history.timeline, "v2")][2:] == [10_000]


def test_duplicate_in_insert_mode_pushes_what_follows() -> None:
    history = History(sample())
    apply(history, duplicate_at(history.timeline, ["c1"], 2500, "insert"))
    assert starts(history.timeline, "v1")[1:][0][1:] == (2500, 2000)
    assert starts(history.timeline, "v1")[2] == ("c2", 5000, 2000)
    with pytest.raises(EditError, match="Select the clips"):
        duplicate_at(history.timeline, [], 0, "insert")
