"""Property tests for the NLE tools: any mix of trims (ripple, roll, slip, slide), insert and
overwrite, gaps and ranges with the older edits, then undo-all, gives the first model exactly and
redo-all the last; insert and overwrite never leave an overlap and never touch a locked track."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor_app.model import Clip, EditError, Timeline
from editor_app.model.edits import (
    CloseAllGaps,
    CloseGap,
    ExtractRange,
    LiftRange,
    Place,
    RippleTrim,
    Roll,
    SetTrackState,
    Slide,
    Slip,
    copy_clips,
)
from editor_app.model.undo import Command, History
from tests.model.test_properties import assert_rules_hold, builders, draw_track, new_clip, times
from tests.support.edits import sample

deltas = st.integers(min_value=-4000, max_value=4000)
edges = st.sampled_from(["in", "out"])


def one_id(data: st.DataObject, timeline: Timeline) -> str:
    ids = [clip.id for _track, clip in timeline.clips()]
    return data.draw(st.sampled_from([*ids, "missing"]))


def tool_builders(data: st.DataObject, timeline: Timeline) -> list[Callable[[], Command]]:
    def place_new() -> Command:
        clip = new_clip(data)
        return Place(
            data.draw(st.sampled_from(["insert", "overwrite"])),
            [(draw_track(data, timeline), clip, clip.start)],
        )

    def place_moved() -> Command:
        cid = one_id(data, timeline)
        if cid == "missing":
            return Place("overwrite", [])
        clip = timeline.clip(cid)
        mode = data.draw(st.sampled_from(["insert", "overwrite"]))
        return Place(mode, [(draw_track(data, timeline), clip, max(clip.start + data.draw(deltas), 0))])

    def place_pasted() -> Command:
        ids = [c.id for _t, c in timeline.clips()][:3]
        copies = [
            c.model_copy(update={"id": f"p{i}-{len(timeline.tracks)}"})
            for i, c in enumerate(copy_clips(timeline, ids))
        ]
        track = draw_track(data, timeline)
        at = data.draw(times)
        first = min((c.start for c in copies), default=0)
        items = [(track, c, max(at + c.start - first, 0)) for c in copies]
        return Place(data.draw(st.sampled_from(["insert", "overwrite"])), items)

    def range_edit() -> Command:
        start = data.draw(times)
        kind = data.draw(st.sampled_from([LiftRange, ExtractRange]))
        return kind(start, start + data.draw(st.integers(-100, 5000)))

    return [
        lambda: RippleTrim(
            one_id(data, timeline), data.draw(edges), data.draw(times), data.draw(st.booleans())
        ),
        lambda: Roll(one_id(data, timeline), data.draw(edges), data.draw(times)),
        lambda: Slip(one_id(data, timeline), data.draw(deltas)),
        lambda: Slide(one_id(data, timeline), data.draw(deltas)),
        place_new,
        place_new,
        place_moved,
        place_pasted,
        lambda: CloseGap(draw_track(data, timeline), data.draw(times)),
        lambda: CloseAllGaps(draw_track(data, timeline)),
        range_edit,
        lambda: SetTrackState(draw_track(data, timeline), locked=data.draw(st.booleans())),
    ]


def locked_state(timeline: Timeline) -> dict[str, list[dict[str, object]]]:
    return {t.id: [c.model_dump() for c in t.clips] for t in timeline.tracks if t.locked}


def run(data: st.DataObject, history: History) -> None:
    timeline = history.timeline
    for _step in range(data.draw(st.integers(min_value=1, max_value=25))):
        action = data.draw(st.sampled_from(["tool"] * 5 + ["old", "undo", "redo"]))
        if action == "undo" and history.can_undo:
            history.undo()
        elif action == "redo" and history.can_redo:
            history.redo()
        else:
            pool = tool_builders if action == "tool" else builders
            before, locked = timeline.model_dump(), locked_state(timeline)
            command: Command | None = None
            try:
                command = data.draw(st.sampled_from(pool(data, timeline)))()
                history.push(command)
            except EditError:
                assert timeline.model_dump() == before  # refused: nothing changed
            if isinstance(command, Place | LiftRange | ExtractRange):
                assert locked_state(timeline) == locked
        assert_rules_hold(timeline)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_new_and_old_edits_undo_all_and_redo_all_exactly(data: st.DataObject) -> None:
    history = History(sample())
    first = history.timeline.model_dump()
    run(data, history)
    history.goto(len(history.entries()))
    last = history.timeline.model_dump()
    history.goto(0)
    assert history.timeline.model_dump() == first
    history.goto(len(history.entries()))
    assert history.timeline.model_dump() == last
    assert_rules_hold(history.timeline)


def test_a_placed_clip_object_is_the_one_on_the_timeline() -> None:
    history = History(sample())
    clip = Clip(id="x", start=0, duration=500, asset=sample().clip("c1").asset)
    history.push(Place("overwrite", [("v1", clip, 100)]))
    assert history.timeline.clip("x") is clip
