"""The canvas badge of a missing font: its tooltip names the font and the fallback drawn in its
place; VideoDB's default font (rendered by the cloud) is not marked though it is not installed."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QFontDatabase, QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from editor_app.model import Clip, Font, TextAsset, Timeline, Track
from editor_app.model.undo import History
from editor_app.ui.timeline.logic.geometry import LABEL_HEIGHT
from tests.support.canvas import open_view, x_at

MISSING = "No Such Family Anywhere"


def test_the_badge_tooltip_names_the_missing_font_and_the_default_is_not_marked(qtbot: QtBot) -> None:
    assert MISSING not in QFontDatabase.families()
    odd = Clip(id="odd", start=0, duration=4000, asset=TextAsset(text="a", font=Font(family=MISSING)))
    default = Clip(id="default", start=5000, duration=4000, asset=TextAsset(text="b"))
    history = History(Timeline(tracks=[Track(id="V1", name="V1", kind="video", clips=[odd, default])]))
    canvas = open_view(qtbot, history).canvas
    cues = canvas._caches.cues
    assert cues.issues(default) == []  # "Clear Sans", VideoDB's default
    row = canvas.layout_rows().row_of("V1")
    assert row is not None

    def tooltip_at(ticks: int) -> str:
        local = QPoint(x_at(canvas, ticks) - int(LABEL_HEIGHT) // 2, int(row.top + LABEL_HEIGHT / 2))
        QApplication.sendEvent(canvas, QHelpEvent(QEvent.Type.ToolTip, local, canvas.mapToGlobal(local)))
        return QToolTip.text() if QToolTip.isVisible() else ""

    (issue,) = cues.issues(odd)
    fallback = cues.missing_font(odd)
    assert fallback is not None and fallback[0] == MISSING and fallback[1] in QFontDatabase.families()
    assert MISSING in issue and fallback[1] in issue
    assert tooltip_at(9000) == ""  # no tip over a clip without a badge
    assert tooltip_at(4000) == issue
