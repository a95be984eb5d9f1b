"""Property tests: any sequence of edits (refused ones included, with undos in between) is undone
exactly by undo-all and repeated exactly by redo-all, and the timeline's rules always hold."""

from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor_app.model import Clip, EditError, ImageAsset, TextAsset, Timeline, Track, VideoAsset
from editor_app.model.assets import AudioAsset
from editor_app.model.edits import (
    AddClip,
    AddMarker,
    AddTrack,
    Duplicate,
    EditMarker,
    Lift,
    MoveClips,
    MoveTrack,
    Paste,
    RemoveMarker,
    RemoveTrack,
    RippleDelete,
    SetClipProperty,
    SetTimelineProperty,
    SetTrackState,
    SetVolume,
    Split,
    TrimIn,
    TrimOut,
    copy_clips,
    duplicate_at,
    split_all,
)
from editor_app.model.undo import Command, History
from tests.support.edits import assert_index_consistent, sample

times = st.integers(min_value=-500, max_value=20_000)


def draw_ids(data: st.DataObject, timeline: Timeline) -> list[str]:
    ids = [clip.id for _track, clip in timeline.clips()]
    chosen = data.draw(st.lists(st.sampled_from(ids), max_size=3)) if ids else []
    return chosen + data.draw(st.sampled_from([[]] * 9 + [["missing"]]))  # now and then a stale id


def draw_track(data: st.DataObject, timeline: Timeline) -> str:
    return data.draw(st.sampled_from([t.id for t in timeline.tracks] * 3 + ["missing"]))


def new_clip(data: st.DataObject) -> Clip:
    kind = data.draw(st.sampled_from(["video", "audio", "image", "text"]))
    duration = data.draw(st.integers(min_value=1, max_value=6000))
    start = data.draw(st.integers(min_value=0, max_value=20_000))
    source = data.draw(st.integers(min_value=0, max_value=9000))
    asset = {
        "video": lambda: VideoAsset(id="m-1", start=source),
        "audio": lambda: AudioAsset(id="a-1", start=source),
        "image": lambda: ImageAsset(id="img-1"),
        "text": lambda: TextAsset(text="T"),
    }[kind]()
    return Clip(start=start, duration=duration, asset=asset)


PROPERTIES = [
    ("scale", st.floats(min_value=-1, max_value=12)),
    ("opacity", st.floats(min_value=0, max_value=1)),
    ("fit", st.sampled_from(["crop", "cover", "contain", None, "bad"])),
    ("offset", st.fixed_dictionaries({"x": st.floats(-1, 1), "y": st.floats(-1, 1)})),
    ("transition", st.sampled_from([None, {"in": "fade"}, {"out": "fade", "duration": 300}])),
    ("crop", st.fixed_dictionaries({"top": st.floats(0, 0.5)})),
    ("text", st.text(max_size=5)),
]


def builders(data: st.DataObject, timeline: Timeline) -> list[Callable[[], Command]]:
    def move() -> Command:
        return MoveClips(
            {cid: (data.draw(times), draw_track(data, timeline)) for cid in draw_ids(data, timeline)}
        )

    def nudge() -> Command:
        # small moves on the clip's own track, like a drag: most of them fit
        moves = {}
        for cid in draw_ids(data, timeline):
            if cid != "missing":
                track, clip = timeline.find(cid)
                moves[cid] = (clip.start + data.draw(st.integers(-1500, 1500)), track.id)
        return MoveClips(moves)

    def paste() -> Command:
        ids = draw_ids(data, timeline)
        clipboard = copy_clips(timeline, ids)
        # mostly onto the first clip's own track, after the end, where there is room
        track_id = (
            timeline.track_of(ids[0]).id
            if clipboard and data.draw(st.booleans())
            else draw_track(data, timeline)
        )
        return Paste(clipboard, track_id, data.draw(st.one_of(times, st.just(timeline.duration))))

    def prop() -> Command:
        name, values = data.draw(st.sampled_from(PROPERTIES))
        return SetClipProperty(draw_ids(data, timeline), name, data.draw(values))

    def marker_edit() -> Command:
        ids = [m.id for m in timeline.markers] or ["missing"]
        marker_id = data.draw(st.sampled_from(ids))
        if data.draw(st.booleans()):
            return RemoveMarker(marker_id)
        return EditMarker(marker_id, time=data.draw(times), label=data.draw(st.text(max_size=3)))

    return [
        lambda: AddClip(draw_track(data, timeline), new_clip(data)),
        lambda: Lift(draw_ids(data, timeline)),
        lambda: RippleDelete(draw_ids(data, timeline)),
        move,
        nudge,
        nudge,
        lambda: TrimIn(data.draw(st.sampled_from(draw_ids(data, timeline) or ["missing"])), data.draw(times)),
        lambda: TrimOut(
            data.draw(st.sampled_from(draw_ids(data, timeline) or ["missing"])), data.draw(times)
        ),
        lambda: Split(draw_ids(data, timeline), data.draw(times)),
        lambda: split_all(timeline, data.draw(times)),
        lambda: SetVolume(draw_ids(data, timeline), data.draw(st.floats(min_value=-1, max_value=11))),
        prop,
        paste,
        paste,
        lambda: Duplicate(draw_ids(data, timeline)),
        lambda: duplicate_at(
            timeline,
            draw_ids(data, timeline),
            data.draw(times),
            data.draw(st.sampled_from(["insert", "overwrite"])),
        ),
        lambda: AddTrack(Track(kind=data.draw(st.sampled_from(["video", "audio"]))), None),
        lambda: RemoveTrack(draw_track(data, timeline)),
        lambda: MoveTrack(draw_track(data, timeline), data.draw(st.integers(0, 4))),
        lambda: SetTrackState(draw_track(data, timeline), locked=data.draw(st.booleans())),
        lambda: SetTrackState(draw_track(data, timeline), muted=data.draw(st.booleans()), name="T"),
        lambda: AddMarker(data.draw(times), "M"),
        marker_edit,
        lambda: SetTimelineProperty(
            "resolution", data.draw(st.sampled_from(["1920x1080", "641x480", "640x360"]))
        ),
    ]


def assert_rules_hold(timeline: Timeline) -> None:
    assert_index_consistent(timeline)
    for track in timeline.tracks:
        for before, after in zip(track.clips, track.clips[1:], strict=False):
            assert before.end <= after.start, f"overlap on {track.id}: {before.id} and {after.id}"
        for clip in track.clips:
            assert track.accepts(clip) and clip.start >= 0 and clip.duration >= 1
            length = timeline.source_length(clip)
            if length is not None:
                assert clip.source_start >= 0 and clip.source_start + clip.duration <= length


def run_random_edits(data: st.DataObject, history: History) -> None:
    timeline = history.timeline
    for _step in range(data.draw(st.integers(min_value=1, max_value=30))):
        action = data.draw(st.sampled_from(["edit"] * 6 + ["undo", "redo", "transaction"]))
        if action == "undo" and history.can_undo:
            history.undo()
        elif action == "redo" and history.can_redo:
            history.redo()
        else:
            count = 3 if action == "transaction" else 1
            before = timeline.model_dump()
            try:
                with history.transaction("Group"):
                    for _ in range(count):
                        history.push(data.draw(st.sampled_from(builders(data, timeline)))())
            except EditError:
                assert timeline.model_dump() == before  # refused: nothing changed
        assert_rules_hold(timeline)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_undo_all_gives_the_first_model_and_redo_all_the_last(data: st.DataObject) -> None:
    history = History(sample())
    first = history.timeline.model_dump()
    run_random_edits(data, history)
    history.goto(len(history.entries()))
    last = history.timeline.model_dump()
    history.goto(0)
    assert history.timeline.model_dump() == first
    assert_rules_hold(history.timeline)
    history.goto(len(history.entries()))
    assert history.timeline.model_dump() == last
    assert_rules_hold(history.timeline)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_single_steps_undo_exactly(data: st.DataObject) -> None:
    history = History(sample())
    timeline = history.timeline
    for _step in range(data.draw(st.integers(min_value=1, max_value=12))):
        before = timeline.model_dump()
        try:
            history.push(data.draw(st.sampled_from(builders(data, timeline)))())
        except EditError:
            assert timeline.model_dump() == before
            continue
        after = timeline.model_dump()
        history.undo()
        assert timeline.model_dump() == before
        history.redo()
        assert timeline.model_dump() == after
