"""Inspector ▸ Motion: the clip's `effect` (zoom or slide, normal, Slow or Fast). A name this
editor does not know is kept, listed as such, and rendered locally as no effect."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel

from editor_app.model import Clip
from editor_app.model.effects import EFFECT_NAMES, known_effect
from editor_app.ui.inspector.section import ClipEdits, ClipSection


def _title(name: str) -> str:
    for speed in ("Slow", "Fast"):
        if name.endswith(speed):
            return f"{name[: -len(speed)]} ({speed.lower()})"
    return name


class EffectSection(ClipSection):
    def __init__(self, edits: ClipEdits) -> None:
        super().__init__("Motion", edits)
        self.effect = QComboBox()
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("QLabel { color: #e5a33b; }")
        self.form.addRow("Effect", self.effect)
        self.form.addRow(self.warning)
        self._fill_choices(None)
        self.effect.currentIndexChanged.connect(
            lambda _i: edits.edit(lambda: edits.set("effect", self.effect.currentData()))
        )

    def _fill_choices(self, unknown: str | None) -> None:
        self.effect.clear()
        self.effect.addItem("None", None)
        for name in EFFECT_NAMES:
            self.effect.addItem(_title(name), name)
        if unknown:
            self.effect.addItem(f"{unknown} (unknown: not rendered locally)", unknown)

    def shows(self, kinds: set[str]) -> bool:
        return bool(kinds) and kinds <= {"video", "image"}

    def fill_clip(self, clip: Clip) -> None:
        unknown = None if known_effect(clip.effect) else clip.effect
        self._fill_choices(unknown)
        self.effect.setCurrentIndex(max(self.effect.findData(clip.effect), 0))
        self.warning.setText(
            f"“{unknown}” is not an effect the local backend knows: it is kept and sent, and "
            "previews show the clip without it."
            if unknown
            else ""
        )
        self.warning.setVisible(unknown is not None)
