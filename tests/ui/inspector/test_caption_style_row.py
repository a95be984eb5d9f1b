"""Inspector ▸ Captions at a narrow width: the Bold/Italic/Underline/Strikeout boxes all show in
full (two a row) and the inspector needs no horizontal scrolling."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from editor_app.model import CaptionAsset, Clip, Timeline, Track
from editor_app.model.captions import Cue, encode_cues
from editor_app.model.undo import History
from editor_app.ui.inspector.caption import CaptionSection
from editor_app.ui.inspector.dock import Inspector


def test_the_style_boxes_fit_a_400_px_inspector(qtbot: QtBot) -> None:
    clip = Clip(id="c1", start=0, duration=2000, asset=CaptionAsset(src=encode_cues([Cue(0, 1000, "hi")])))
    inspector = Inspector()
    qtbot.addWidget(inspector)
    inspector.set_history(History(Timeline(tracks=[Track(id="V1", name="V1", kind="video", clips=[clip])])))
    inspector.set_selection(["c1"])
    inspector.resize(400, 1400)
    inspector.show()
    qtbot.waitExposed(inspector)
    section = inspector.findChild(CaptionSection)
    assert section is not None
    for name, box in section.flags.items():
        assert box.width() >= box.sizeHint().width(), name
        assert box.visibleRegion().boundingRect().width() == box.width(), name  # not clipped
    scroll = inspector.widget()
    assert scroll.horizontalScrollBar().maximum() == 0  # type: ignore[attr-defined]  # nothing to scroll to
