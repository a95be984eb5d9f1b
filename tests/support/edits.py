"""A small timeline for edit tests, and a check that undo and redo restore exactly."""

from editor_app.model import Clip, ImageAsset, MediaInfo, Timeline, Track, VideoAsset
from editor_app.model.assets import AudioAsset, TextAsset
from editor_app.model.undo import Command, History


def sample() -> Timeline:
    """V1: c1 [0,2) m-1@0, c2 [3,5) m-1@4 | V2: c3 [1,4) image, t1 [6,7) text | A1: c4 [0,3) a-1@1."""
    return Timeline(
        tracks=[
            Track(
                id="v1",
                name="V1",
                clips=[
                    Clip(id="c1", start=0, duration=2000, asset=VideoAsset(id="m-1")),
                    Clip(id="c2", start=3000, duration=2000, asset=VideoAsset(id="m-1", start=4000)),
                ],
            ),
            Track(
                id="v2",
                name="V2",
                clips=[
                    Clip(id="c3", start=1000, duration=3000, asset=ImageAsset(id="img-1")),
                    Clip(id="t1", start=6000, duration=1000, asset=TextAsset(text="Hello")),
                ],
            ),
            Track(
                id="a1",
                name="A1",
                kind="audio",
                clips=[Clip(id="c4", start=0, duration=3000, asset=AudioAsset(id="a-1", start=1000))],
            ),
        ],
        media={
            "m-1": MediaInfo(id="m-1", kind="video", length=10_000),
            "a-1": MediaInfo(id="a-1", kind="audio", length=8_000),
            "img-1": MediaInfo(id="img-1", kind="image"),
        },
    )


def starts(timeline: Timeline, track_id: str) -> list[tuple[str, int, int]]:
    return [(c.id, c.start, c.duration) for c in timeline.track(track_id).clips]


def apply(history: History, command: Command) -> None:
    """Push, then prove undo restores the model exactly and redo repeats the result exactly."""
    before = history.timeline.model_dump()
    history.push(command)
    after = history.timeline.model_dump()
    history.undo()
    assert history.timeline.model_dump() == before
    history.redo()
    assert history.timeline.model_dump() == after
    assert_index_consistent(history.timeline)


def assert_index_consistent(timeline: Timeline) -> None:
    ids = [c.id for _t, c in timeline.clips()]
    assert len(ids) == len(set(ids)) == timeline.clip_count
    for track, clip in timeline.clips():
        assert timeline.track_of(clip.id) is track
    for track in timeline.tracks:
        assert [c.start for c in track.clips] == sorted(c.start for c in track.clips)
