"""The undo history: steps, labels, transactions that roll back, merging, clean state, depth."""

import pytest

from editor_app.model import Clip, EditError, Timeline, Track, VideoAsset
from editor_app.model.edits import AddClip, MoveClips, SetClipProperty, SetTimelineProperty, SetVolume
from editor_app.model.undo import Command, History


def make() -> tuple[History, Clip]:
    clip = Clip(id="c1", start=0, duration=1000, asset=VideoAsset(id="m-1"))
    timeline = Timeline(tracks=[Track(id="v1", name="V1", clips=[clip])])
    return History(timeline), clip


def test_push_undo_redo_with_labels_and_listener() -> None:
    history, clip = make()
    calls: list[int] = []
    history.add_listener(lambda: calls.append(history.index))
    assert not history.can_undo and history.undo_label is None
    history.push(MoveClips({"c1": (5000, "v1")}))
    assert clip.start == 5000
    assert history.undo_label == "Move Clip" and history.can_undo and not history.can_redo
    history.undo()
    assert clip.start == 0 and history.redo_label == "Move Clip"
    history.redo()
    assert clip.start == 5000
    assert calls == [1, 0, 1]
    assert history.entries() == ["Move Clip"]


def test_a_refused_push_records_nothing_and_changes_nothing() -> None:
    history, _clip = make()
    before = history.timeline.model_dump()
    with pytest.raises(EditError, match="before"):
        history.push(MoveClips({"c1": (-5, "v1")}))
    assert history.timeline.model_dump() == before and history.index == 0


def test_new_push_after_undo_drops_the_redo_branch() -> None:
    history, _clip = make()
    history.push(MoveClips({"c1": (1000, "v1")}))
    history.push(MoveClips({"c1": (2000, "v1")}))
    history.undo()
    history.push(SetTimelineProperty("background", "#112233"))
    assert history.entries() == ["Move Clip", "Set Background"] and not history.can_redo


def test_transaction_is_one_step_and_rolls_back_on_failure() -> None:
    history, clip = make()
    before = history.timeline.model_dump()
    with history.transaction("Add Clips"):
        history.push(AddClip("v1", Clip(id="c2", start=2000, duration=500, asset=VideoAsset(id="m-1"))))
        history.push(AddClip("v1", Clip(id="c3", start=3000, duration=500, asset=VideoAsset(id="m-1"))))
    assert history.entries() == ["Add Clips"] and history.timeline.clip_count == 3
    history.undo()
    assert history.timeline.model_dump() == before
    history.redo()
    assert history.timeline.clip_count == 3
    after = history.timeline.model_dump()
    with pytest.raises(EditError, match="would overlap"), history.transaction("Drag"):
        history.push(MoveClips({"c1": (9000, "v1")}))
        history.push(MoveClips({"c2": (3200, "v1")}))  # onto c3: refused, so the first move is undone
    assert history.timeline.model_dump() == after and history.entries() == ["Add Clips"]
    assert clip.start == 0


def test_nested_transaction_failure_undoes_only_the_inner_part() -> None:
    history, clip = make()
    with history.transaction("Outer"):
        history.push(MoveClips({"c1": (1000, "v1")}))
        with pytest.raises(RuntimeError), history.transaction("Inner"):
            history.push(MoveClips({"c1": (2000, "v1")}))
            raise RuntimeError("user code failed")
        assert clip.start == 1000
    assert history.entries() == ["Outer"]
    history.undo()
    assert clip.start == 0


def test_an_empty_transaction_records_nothing_and_undo_is_refused_inside() -> None:
    history, _clip = make()
    with history.transaction("Nothing"), pytest.raises(EditError, match="in progress"):
        history.undo()
    assert history.entries() == []


def test_slider_drag_merges_until_break_merge() -> None:
    history, clip = make()
    for value in (0.9, 0.7, 0.5):
        history.push(SetVolume(["c1"], value))
    assert history.entries() == ["Set Volume"] and clip.volume == 0.5
    history.break_merge()
    history.push(SetVolume(["c1"], 0.2))
    history.push(SetClipProperty(["c1"], "opacity", 0.3))  # another property: a new step
    assert history.entries() == ["Set Volume", "Set Volume", "Set Opacity"]
    history.goto(1)
    assert clip.volume == 0.5 and clip.opacity == 1
    history.goto(0)
    assert clip.volume == 1.0
    history.goto(3)
    assert clip.volume == 0.2 and clip.opacity == 0.3


def test_merge_never_changes_the_saved_state_unnoticed() -> None:
    history, clip = make()
    history.push(SetVolume(["c1"], 0.9))
    history.mark_clean()
    history.push(SetVolume(["c1"], 0.8))
    assert history.entries() == ["Set Volume", "Set Volume"]
    assert not history.is_clean
    history.undo()
    assert history.is_clean and clip.volume == 0.9


def test_clean_checkpoint_follows_undo_redo_and_is_lost_with_the_redo_branch() -> None:
    history, _clip = make()
    assert history.is_clean
    history.push(MoveClips({"c1": (1000, "v1")}))
    assert not history.is_clean
    history.mark_clean()
    history.undo()
    assert not history.is_clean
    history.redo()
    assert history.is_clean
    history.undo()
    history.push(MoveClips({"c1": (3000, "v1")}))
    history.undo()
    assert not history.is_clean  # the saved state was on the dropped branch


def test_bounded_depth_drops_the_oldest_and_the_checkpoint_with_it() -> None:
    history, clip = make()
    history = History(history.timeline, max_depth=3)
    for start in range(1, 6):
        history.break_merge()
        history.push(MoveClips({"c1": (start * 1000, "v1")}))
    assert len(history.entries()) == 3 and history.index == 3
    history.goto(0)
    assert clip.start == 2000  # the two oldest moves can no longer be undone
    assert not history.is_clean  # the start state was saved, and it is gone
    with pytest.raises(EditError, match="No history entry"):
        history.goto(4)


def test_clear_keeps_a_clean_state_clean() -> None:
    history, _clip = make()
    history.push(MoveClips({"c1": (1000, "v1")}))
    history.mark_clean()
    history.clear()
    assert history.entries() == [] and history.is_clean and not history.can_undo
    with pytest.raises(EditError, match="Nothing to undo"):
        history.undo()


def test_custom_command_defaults() -> None:
    class Rename(Command):
        label = "Rename"

        def do(self, timeline: Timeline) -> None:
            timeline.tracks[0].name = "X"

        def undo(self, timeline: Timeline) -> None:
            timeline.tracks[0].name = "V1"

    history, _clip = make()
    history.push(Rename())
    history.push(Rename())
    assert history.entries() == ["Rename", "Rename"]
    with pytest.raises(ValueError):
        History(history.timeline, max_depth=0)


def test_revision_counts_every_change_including_merges() -> None:
    history, _clip = make()
    seen = [history.revision]
    history.push(SetVolume(["c1"], 0.5))
    seen.append(history.revision)
    history.push(SetVolume(["c1"], 0.4))  # merged: same index, new content
    seen.append(history.revision)
    assert history.index == 1
    history.undo()
    seen.append(history.revision)
    history.mark_clean()  # saving changes nothing in the timeline
    seen.append(history.revision)
    assert seen == sorted(seen) and len(set(seen)) == 4
