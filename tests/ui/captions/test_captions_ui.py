"""Captions in the UI: the cue table and style fields edit the model undoably, and the canvas
draws each cue's start on the caption clip."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from editor_app.model import CaptionAsset, Clip, Timeline, Track
from editor_app.model.captions import Cue, encode_cues, read_cues
from editor_app.model.undo import History
from editor_app.ui.inspector.dock import Inspector
from editor_app.ui.timeline.logic.geometry import LABEL_HEIGHT
from tests.support.canvas import open_view, x_at

CUES = [Cue(0, 1000, "first"), Cue(1000, 2500, "second"), Cue(2500, 4000, "third")]


def _history() -> History:
    clip = Clip(id="c1", start=1000, duration=4000, asset=CaptionAsset(src=encode_cues(CUES)))
    return History(Timeline(tracks=[Track(id="V1", name="V1", kind="video", clips=[clip])]))


def _inspector(qtbot: QtBot) -> tuple[Inspector, History]:
    history = _history()
    inspector = Inspector()
    qtbot.addWidget(inspector)
    inspector.set_history(history)
    history.add_listener(inspector.refresh)
    inspector.set_selection(["c1"])
    return inspector, history


def _cues(history: History) -> list[Cue]:
    asset = history.timeline.clip("c1").asset
    assert isinstance(asset, CaptionAsset)
    return read_cues(asset.src)


def test_cue_table_edits_text_and_times_as_undoable_steps(qtbot: QtBot) -> None:
    inspector, history = _inspector(qtbot)
    inspector.show()
    section = inspector.captions
    assert section.isVisible() and not inspector.text.isVisible()
    table = section.cue_table.table
    assert table.rowCount() == 3 and table.item(1, 2).text() == "second"
    table.item(1, 2).setText("changed")
    assert [c.text for c in _cues(history)] == ["first", "changed", "third"]
    table.item(2, 1).setText("3.75")
    assert _cues(history)[2].end == 3750
    assert history.index == 2
    history.undo()
    assert _cues(history)[2].end == 4000 and table.item(2, 1).text() == "4.000"
    table.item(0, 1).setText("-1")  # refused in place, the model untouched
    assert inspector.error.isVisible() and _cues(history)[0].end == 1000
    section.cue_table.add_button.click()
    assert len(_cues(history)) == 4 and _cues(history)[3].start == 4000


def test_style_and_animation_fields_edit_the_asset(qtbot: QtBot) -> None:
    inspector, history = _inspector(qtbot)
    section = inspector.captions
    section.animation.setCurrentIndex(section.animation.findData("karaoke"))
    section.placement.setCurrentIndex(section.placement.findData("top_right"))
    section.flags["bold"].setChecked(True)
    section.colours["secondary_color"].set_color("#00FF00")
    section.colours["secondary_color"].colorChanged.emit("#00FF00")
    asset = history.timeline.clip("c1").asset
    assert isinstance(asset, CaptionAsset)
    assert asset.animation == "karaoke" and asset.position.alignment == "top_right" and asset.font.bold
    assert asset.secondary_color == "&H0000FF00"
    for _ in range(4):
        history.undo()
    asset = history.timeline.clip("c1").asset
    assert isinstance(asset, CaptionAsset) and asset.animation is None and not asset.font.bold


def test_the_canvas_marks_where_each_cue_starts(qtbot: QtBot, tmp_path: Path) -> None:
    history = _history()
    view = open_view(qtbot, history)
    canvas = view.canvas
    canvas.repaint()
    image = canvas.grab().toImage()
    image.save(str(tmp_path / "cues.png"))
    row = canvas.layout_rows().row_of("V1")
    assert row is not None
    y = int(row.top + LABEL_HEIGHT + (row.height - LABEL_HEIGHT) / 2)
    ratio = image.devicePixelRatio()

    def light(ticks: int) -> int:
        xs = (round((x_at(canvas, ticks) + dx) * ratio) for dx in (-1, 0, 1))
        return max(QColor(image.pixel(x, round(y * ratio))).lightness() for x in xs)

    body = QColor(image.pixel(round(x_at(canvas, 1500) * ratio), round(y * ratio))).lightness()
    for start in (2000, 3500):  # cue starts on the timeline: 1 s + 1 s, 1 s + 2.5 s
        assert light(start) > body + 30


def test_a_clip_the_local_backend_cannot_render_wears_a_badge(qtbot: QtBot, tmp_path: Path) -> None:
    from editor_app.model import ImageAsset
    from editor_app.ui.timeline.cue_marks import ISSUE

    odd = Clip(id="odd", start=0, duration=4000, asset=ImageAsset(id="img-1"), effect="kenBurns")
    fine = Clip(id="fine", start=5000, duration=4000, asset=ImageAsset(id="img-1"), effect="zoomIn")
    history = History(Timeline(tracks=[Track(id="V1", name="V1", kind="video", clips=[odd, fine])]))
    view = open_view(qtbot, history)
    canvas = view.canvas
    canvas.repaint()
    image = canvas.grab().toImage()
    image.save(str(tmp_path / "badge.png"))
    row = canvas.layout_rows().row_of("V1")
    assert row is not None
    ratio = image.devicePixelRatio()

    def amber_near(end_ticks: int) -> bool:
        x0 = x_at(canvas, end_ticks) - int(LABEL_HEIGHT)
        pixels = [
            QColor(image.pixel(round(x * ratio), round(y * ratio)))
            for x in range(x0, x0 + int(LABEL_HEIGHT))
            for y in range(int(row.top), int(row.top + LABEL_HEIGHT))
        ]
        return any(abs(p.red() - ISSUE.red()) < 20 and abs(p.green() - ISSUE.green()) < 20 for p in pixels)

    assert amber_near(4000) and not amber_near(9000)
