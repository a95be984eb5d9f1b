"""The Inspector dock: every editable property of the selected clips, or of the timeline.

It is a column of sections (timing, audio, picture, transition, text, timeline), each of which
builds, fills and edits its own fields; the dock shows the ones that apply to the selection.
Each change is an undoable command pushed on the history; a refused one shows its reason
in place and the fields snap back to the model. Slider drags merge into one undo step
(`SetClipProperty`/`SetVolume` merging) and `history.break_merge()` ends the step on release.
With several clips selected, a field whose value differs between them is marked mixed
(`mixed.py`); the fields show the first one's value and a change applies to all.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel, QScrollArea, QVBoxLayout, QWidget

from editor_app.model import Clip
from editor_app.model.edits import History
from editor_app.ui.inspector.audio import AudioSection
from editor_app.ui.inspector.caption import CaptionSection
from editor_app.ui.inspector.crop import CropSection
from editor_app.ui.inspector.effect import EffectSection
from editor_app.ui.inspector.mixed import fill_marking_mixed
from editor_app.ui.inspector.picture import PictureSection
from editor_app.ui.inspector.section import ClipEdits, Section
from editor_app.ui.inspector.text import TextSection
from editor_app.ui.inspector.text_layout import TextLayoutSection
from editor_app.ui.inspector.timeline_settings import TimelineSection
from editor_app.ui.inspector.timing import TimingSection
from editor_app.ui.inspector.transition import TransitionSection
from editor_app.ui.inspector.widgets import NumberField, field_label


class Inspector(QDockWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Inspector", parent)
        self.setObjectName("InspectorDock")
        self.edits = ClipEdits(refused=self._refused, accepted=lambda: self.error.setVisible(False))
        body = QWidget()
        layout = QVBoxLayout(body)
        self.title = QLabel("Timeline", body)
        self.title.setObjectName("InspectorTitle")
        self.title.setStyleSheet("QLabel { font-weight: bold; font-size: 13px; }")
        self.error = QLabel(body)
        self.error.setObjectName("InspectorError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("QLabel { color: #e5534b; }")
        self.error.setVisible(False)
        layout.addWidget(self.title)
        layout.addWidget(self.error)
        self.timing = TimingSection(self.edits)
        self.audio = AudioSection(self.edits)
        self.picture = PictureSection(self.edits)
        self.crop = CropSection(self.edits)
        self.transition = TransitionSection(self.edits)
        self.motion = EffectSection(self.edits)
        self.text = TextSection(self.edits)
        self.text_layout = TextLayoutSection(self.edits)
        self.captions = CaptionSection(self.edits)
        self.timeline_settings = TimelineSection(self.edits)
        self.sections: list[Section] = [
            self.timing,
            self.audio,
            self.picture,
            self.crop,
            self.transition,
            self.motion,
            self.text,
            self.text_layout,
            self.captions,
            self.timeline_settings,
        ]
        for section in self.sections:
            layout.addWidget(section)
        layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.setWidget(scroll)
        for field in body.findChildren(QWidget):
            field.installEventFilter(self)
        for number in body.findChildren(NumberField):
            number.refused.connect(lambda message, f=number: self._number_refused(f, message))
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+Z and Ctrl+Shift+Z in a field undo the edit history, not the field's typing:
        a value is an edit once entered, and the window's Undo must reach it (defect 2)."""
        history_key = isinstance(event, QKeyEvent) and (
            event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)
        )
        if event.type() == QEvent.Type.ShortcutOverride and history_key:
            event.ignore()  # not claimed by the field: the shortcut goes to the window's action
            return True
        return super().eventFilter(watched, event)

    @property
    def history(self) -> History | None:
        return self.edits.history

    @property
    def clip_ids(self) -> list[str]:
        return self.edits.clip_ids

    def set_history(self, history: History) -> None:
        self.edits.history = history
        self.edits.clip_ids = []
        self.refresh()

    def set_selection(self, clip_ids: list[str]) -> None:
        self.edits.clip_ids = list(clip_ids)
        self.error.setVisible(False)
        self.refresh()

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(True)

    def _number_refused(self, field: NumberField, message: str) -> None:
        self.edits.refuse(f"{field_label(field)}: {message}; it was not changed")

    def _refused(self, message: str) -> None:
        self.show_error(message)
        self.refresh(keep_error=True)

    def refresh(self, keep_error: bool = False) -> None:
        """Show the sections that apply to the selection, filled from the model."""
        if not keep_error:
            self.error.setVisible(self.error.isVisible() and bool(self.edits.clip_ids))
        self.edits.loading = True
        try:
            self._fill()
        finally:
            self.edits.loading = False

    def _fill(self) -> None:
        history = self.edits.history
        timeline = history.timeline if history is not None else None
        clips: list[Clip] = []
        if timeline is not None:
            for clip_id in self.edits.clip_ids:
                try:
                    clips.append(timeline.clip(clip_id))
                except KeyError:
                    continue  # deleted since it was selected
        self.edits.clip_ids = [c.id for c in clips]
        for section in self.sections:
            shown = timeline is not None and section.applies_to(clips, timeline)
            section.setVisible(shown)
            if shown and timeline is not None:
                fill_marking_mixed(section, clips, timeline)
        if not clips:  # the section below is titled "Timeline": say why it shows
            self.title.setText("No clip selected" if timeline is not None else "No project")
            return
        first = clips[0]
        name = first.label()
        if timeline is not None and first.media_id and first.media_id in timeline.media:
            name = timeline.media[first.media_id].name or name
        self.title.setText(f"{name} ({first.kind})" if len(clips) == 1 else f"{len(clips)} clips selected")
