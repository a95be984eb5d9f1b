"""Inspector ▸ Text layout edits every title field undoably, and the Text section keeps what it
does not show (the Node SDK's weight, the background's size) when it changes font or box colour."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from editor_app.model import Clip, Font, TextAsset, Timeline, Track
from editor_app.model.assets import TextBackground
from editor_app.model.undo import History
from editor_app.ui.inspector.dock import Inspector


def _inspector(qtbot: QtBot) -> tuple[Inspector, History]:
    title = TextAsset(text="Hi", font=Font(family="DejaVu Sans", weight=300))
    clip = Clip(id="t1", start=0, duration=1000, asset=title)
    history = History(Timeline(tracks=[Track(id="V1", name="V1", kind="video", clips=[clip])]))
    inspector = Inspector()
    qtbot.addWidget(inspector)
    inspector.set_history(history)
    history.add_listener(inspector.refresh)
    inspector.set_selection(["t1"])
    return inspector, history


def _asset(history: History) -> TextAsset:
    asset = history.timeline.clip("t1").asset
    assert isinstance(asset, TextAsset)
    return asset


def test_layout_fields_edit_the_title(qtbot: QtBot) -> None:
    inspector, history = _inspector(qtbot)
    layout = inspector.text_layout
    assert layout.weight.currentData() == 300
    layout.weight.setCurrentIndex(layout.weight.findData(700))
    layout.line_spacing.setValue(8)
    layout.box_width.setValue(400)
    layout.shadow_x.setValue(3)
    layout.background.setChecked(True)
    layout.bg_width.setValue(300)
    layout.bg_align.setCurrentIndex(layout.bg_align.findData("bottom_right"))
    asset = _asset(history)
    assert asset.font.weight == 700 and asset.line_spacing == 8 and asset.width == 400
    assert asset.shadow is not None and asset.shadow.x == 3
    assert asset.background == TextBackground(
        width=300, opacity=0.8, border_width=12, text_alignment="bottom_right"
    )
    inspector.text.font_size.setValue(60)  # the Text section keeps the weight...
    inspector.text.box_color.colorChanged.emit("#FF0000")  # ...and the background's size
    asset = _asset(history)
    assert asset.font.size == 60 and asset.font.weight == 700
    assert asset.background is not None and asset.background.width == 300
    for _ in range(4):  # box colour, size, alignment in the background, its width
        history.undo()
    background = _asset(history).background
    assert background is not None and background.width == 0 and _asset(history).font.weight == 700
