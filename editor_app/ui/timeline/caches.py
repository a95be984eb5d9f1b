"""The canvas' paint caches: scaled thumbnails, waveform lines, elided and laid-out clip titles,
and ruler labels. One set per canvas (a new thumbnail provider starts a new set)."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QStaticText

from editor_app.ui.timeline import style
from editor_app.ui.timeline.cue_marks import CueMarks
from editor_app.ui.timeline.logic.geometry import LABEL_HEIGHT
from editor_app.ui.timeline.thumbnails_cache import ScaledThumbnails
from editor_app.ui.timeline.waveforms import WaveformCache


@dataclass
class PaintCaches:
    """What the canvas' painters keep between paints, so a repaint lays out and scales nothing twice."""

    thumbs: ScaledThumbnails = field(default_factory=ScaledThumbnails)
    waveforms: WaveformCache = field(default_factory=WaveformCache)
    elided: dict[tuple[str, int], str] = field(default_factory=dict)
    labels: dict[tuple[str, int], tuple[QStaticText, float]] = field(default_factory=dict)
    ruler_labels: dict[str, QStaticText] = field(default_factory=dict)
    cues: CueMarks = field(default_factory=CueMarks)

    def elide(self, text: str, width: int) -> str:
        key = (text, width // 4 * 4)
        value = self.elided.get(key)
        if value is None:
            if len(self.elided) > 4096:
                self.elided.clear()
            metrics = QFontMetrics(style.label_font())
            value = self.elided[key] = metrics.elidedText(text, Qt.TextElideMode.ElideRight, key[1])
        return value

    def label(self, text: str, width: int) -> tuple[QStaticText, float]:
        """The clip title elided to `width`, laid out once (drawText lays the glyphs out on every
        call, about 2.5x the cost), and its offset from the top to sit centred in the title bar."""
        key = (text, width // 4 * 4)
        value = self.labels.get(key)
        if value is None:
            if len(self.labels) > 4096:
                self.labels.clear()
            static = QStaticText(self.elide(text, width))
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.prepare(font=style.label_font())
            value = self.labels[key] = (static, (LABEL_HEIGHT - static.size().height()) / 2)
        return value

    def ruler_label(self, text: str) -> QStaticText:
        """A ruler label laid out once: the same labels come back on every repaint and scroll."""
        static = self.ruler_labels.get(text)
        if static is None:
            if len(self.ruler_labels) > 2048:
                self.ruler_labels.clear()
            static = self.ruler_labels[text] = QStaticText(text)
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.prepare(font=style.small_font())
        return static
