"""Colours, pens and fonts of the timeline: a dark neutral look that also reads in a light theme."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPen

BACKGROUND = QColor("#1e1f22")
ROW_BG = QColor("#25272b")
ROW_BG_ALT = QColor("#222428")
ROW_LINE = QColor("#34373d")
RULER_BG = QColor("#2b2d31")
RULER_TICK = QColor("#6c717a")
RULER_TEXT = QColor("#b9bec7")
RULER_LINE = QColor("#45484f")
PLAYHEAD = QColor("#ff5a4e")
SNAP_GUIDE = QColor("#ffd54a")
IO_RULER = QColor(90, 200, 255, 110)  # the In/Out range on the ruler
IO_TRACKS = QColor(90, 200, 255, 22)  # and, fainter, across the tracks
IO_HANDLE = QColor("#5ac8ff")
SELECTION_OUTLINE = QColor("#fff3b0")
RUBBER_BAND_FILL = QColor(120, 170, 255, 50)
RUBBER_BAND_LINE = QColor(150, 190, 255, 200)
GHOST_OK = QColor(255, 255, 255, 70)
GHOST_BAD = QColor(255, 80, 70, 110)
TEXT = QColor("#f2f4f7")
TEXT_DIM = QColor("#d0d4da")
VOLUME_LINE = QColor("#ffe08a")
WAVEFORM = QColor(255, 255, 255, 120)
FADE = QColor(0, 0, 0, 110)
NOTICE_BG = QColor(30, 30, 30, 225)
HATCH = QColor(0, 0, 0, 90)
TITLE_BAR = QColor(0, 0, 0, 60)
HATCH_BRUSH = QBrush(HATCH, Qt.BrushStyle.BDiagPattern)
GHOST_OUTLINE = QColor(255, 255, 255, 200)
HANDLE = QColor("#ffffff")
HANDLE_PEN = QPen(QColor(0, 0, 0, 160), 1)
VOLUME_PEN = QPen(VOLUME_LINE, 1.5)
WAVEFORM_PEN = QPen(WAVEFORM, 1.5)

KIND_COLOURS = {
    "video": QColor("#3d6fb8"),
    "audio": QColor("#3a9a5b"),
    "image": QColor("#8a5cc7"),
    "text": QColor("#d8822a"),
    "caption": QColor("#2a9d99"),
}


def kind_colour(kind: str) -> QColor:
    return KIND_COLOURS.get(kind, QColor("#777c85"))


@cache
def muted_colour(kind: str) -> QColor:
    """A desaturated, darker version of the kind colour for clips on muted tracks."""
    colour = kind_colour(kind).toHsv()
    return QColor.fromHsv(colour.hue(), int(colour.saturation() * 0.25), int(colour.value() * 0.7))


@cache
def clip_colour(kind: str, muted: bool, alpha: int = 255) -> QColor:
    colour = QColor(muted_colour(kind) if muted else kind_colour(kind))
    colour.setAlpha(alpha)
    return colour


@cache
def bar_colour(kind: str, muted: bool, dim: bool = False) -> QColor:
    """Clips too thin for detail, drawn as plain bars: a touch darker so neighbours separate."""
    colour = clip_colour(kind, muted).darker(112)
    if dim:
        colour.setAlpha(90)
    return colour


@cache
def small_font() -> QFont:
    font = QFont()
    font.setPixelSize(11)
    return font


@cache
def label_font() -> QFont:
    font = QFont()
    font.setPixelSize(11)
    font.setBold(True)
    return font
