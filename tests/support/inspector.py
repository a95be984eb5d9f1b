"""An Inspector over a small timeline (a video twice, a title, captions) on its own history, for
the tests of tests/ui/inspector."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from editor_app.model import CaptionAsset, MediaInfo, TextAsset, Timeline, Track, VideoAsset
from editor_app.model.captions import Cue, encode_cues
from editor_app.model.timeline import Clip
from editor_app.model.undo import History
from editor_app.ui.inspector.dock import Inspector


def inspector_timeline() -> Timeline:
    video = Clip(id="v1", start=1000, duration=4000, asset=VideoAsset(id="m-1", start=500))
    after = Clip(id="v2", start=6000, duration=2000, asset=VideoAsset(id="m-1"))
    title = Clip(id="t1", start=0, duration=3000, asset=TextAsset(text="Hello"))
    captions = Clip(
        id="c1", start=0, duration=2000, asset=CaptionAsset(src=encode_cues([Cue(0, 1000, "hi")]))
    )
    return Timeline(
        tracks=[
            Track(id="V1", name="V1", kind="video", clips=[video, after]),
            Track(id="V2", name="V2", kind="video", z_index=1, clips=[title]),
            Track(id="V3", name="V3", kind="video", z_index=2, clips=[captions]),
        ],
        media={"m-1": MediaInfo(id="m-1", kind="video", name="Beach", length=10_000)},
    )


def make_inspector(qtbot: QtBot) -> tuple[Inspector, History]:
    history = History(inspector_timeline())
    inspector = Inspector()
    qtbot.addWidget(inspector)
    inspector.set_history(history)
    history.add_listener(inspector.refresh)
    return inspector, history
