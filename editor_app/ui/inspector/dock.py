"""The Inspector dock: every editable property of the selected clips, or of the timeline.

Each change is an undoable command pushed on the history; a refused one shows its reason
in place and the fields snap back to the model. Slider drags merge into one undo step
(`SetClipProperty`/`SetVolume` merging) and `history.break_merge()` ends the step on release.
With several clips selected, the fields show the first one and a change applies to all.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QDockWidget,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from editor_app.model import Crop, EditError, Font, Offset, Transition, to_ticks
from editor_app.model.assets import Alignment, Border, TextBackground
from editor_app.model.edits import MoveClips, SetClipProperty, SetTimelineProperty, SetVolume, TrimIn, TrimOut
from editor_app.model.timeline import Clip, Timeline
from editor_app.model.undo import Command, History
from editor_app.ui.inspector.fill import fill_inspector
from editor_app.ui.inspector.widgets import ColorButton, SliderSpin, choice_field, number_field

FITS = [("Crop", "crop"), ("Cover", "cover"), ("Contain", "contain"), ("None", None)]
NINE = ("center", "top", "bottom", "left", "right", "top_left", "top_right", "bottom_left", "bottom_right")
POSITIONS = [(p.replace("_", " ").title(), p) for p in NINE]
FILTERS = [("None", None)] + [(f.title(), f) for f in
           ("blur", "boost", "contrast", "darken", "greyscale", "lighten", "muted", "negative")]  # fmt: skip
H_ALIGN = [("Left", "left"), ("Center", "center"), ("Right", "right")]
V_ALIGN = [("Top", "top"), ("Center", "center"), ("Bottom", "bottom")]
RESOLUTIONS = ["1920x1080", "1280x720", "3840x2160", "1080x1920", "720x1280", "1080x1080"]
MAX_SECONDS = 24 * 3600.0


class Inspector(QDockWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Inspector", parent)
        self.setObjectName("InspectorDock")
        self.history: History | None = None
        self.clip_ids: list[str] = []
        self._loading = False
        body = QWidget()
        self._layout = QVBoxLayout(body)
        self.title = QLabel("Timeline", body)
        self.title.setObjectName("InspectorTitle")
        self.title.setStyleSheet("QLabel { font-weight: bold; font-size: 13px; }")
        self.error = QLabel(body)
        self.error.setObjectName("InspectorError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("QLabel { color: #e5534b; }")
        self.error.setVisible(False)
        self._layout.addWidget(self.title)
        self._layout.addWidget(self.error)
        self._build_timing()
        self._build_audio()
        self._build_picture()
        self._build_transition()
        self._build_text()
        self._build_timeline()
        self._layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.setWidget(scroll)
        self.refresh()

    # ---- building -------------------------------------------------------------------------------
    def _group(self, title: str) -> tuple[QGroupBox, QFormLayout]:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._layout.addWidget(box)
        return box, form

    def _build_timing(self) -> None:
        self.timing_box, form = self._group("Timing")
        self.start = number_field(0, MAX_SECONDS, suffix=" s")
        self.duration = number_field(0.001, MAX_SECONDS, suffix=" s")
        self.asset_start = number_field(0, MAX_SECONDS, suffix=" s")
        form.addRow("Start", self.start)
        form.addRow("Duration", self.duration)
        form.addRow("Source in", self.asset_start)
        self.start.valueChanged.connect(lambda v: self._edit(self._move_to(to_ticks(v))))
        self.duration.valueChanged.connect(lambda v: self._edit(self._trim_out(to_ticks(v)), "Trim Clip"))
        self.asset_start.valueChanged.connect(lambda v: self._edit(self._source_in(to_ticks(v)), "Slip Clip"))

    def _build_audio(self) -> None:
        self.audio_box, form = self._group("Audio")
        self.volume = SliderSpin(slider_max=2.0, maximum=10.0)
        form.addRow("Volume", self.volume)
        self.volume.valueChanged.connect(
            lambda v: self._edit(lambda: SetVolume(self.clip_ids, v), merge=True)
        )
        self.volume.dragFinished.connect(self._break_merge)

    def _build_picture(self) -> None:
        self.picture_box, form = self._group("Picture")
        self.fit = choice_field(FITS)  # type: ignore[arg-type]
        self.position = choice_field(POSITIONS)  # type: ignore[arg-type]
        self.offset_x = number_field(-1, 1, step=0.01)
        self.offset_y = number_field(-1, 1, step=0.01)
        self.scale = SliderSpin(slider_max=3.0, maximum=10.0)
        self.opacity = SliderSpin(slider_max=1.0, maximum=1.0)
        self.filter = choice_field(FILTERS)  # type: ignore[arg-type]
        self.crop = {side: number_field(0, 1, step=0.01) for side in ("top", "right", "bottom", "left")}
        for label, widget in (("Fit", self.fit), ("Position", self.position), ("Offset X", self.offset_x),
                              ("Offset Y", self.offset_y), ("Scale", self.scale), ("Opacity", self.opacity),
                              ("Filter", self.filter)):  # fmt: skip
            form.addRow(label, widget)
        for side, spin in self.crop.items():
            form.addRow(f"Crop {side}", spin)
            spin.valueChanged.connect(lambda _v: self._edit(lambda: self._set("crop", self._crop_value())))
        self.fit.currentIndexChanged.connect(
            lambda _i: self._edit(lambda: self._set("fit", self.fit.currentData()))
        )
        self.position.currentIndexChanged.connect(
            lambda _i: self._edit(lambda: self._set("position", self.position.currentData()))
        )
        for spin in (self.offset_x, self.offset_y):
            spin.valueChanged.connect(
                lambda _v: self._edit(
                    lambda: self._set("offset", Offset(x=self.offset_x.value(), y=self.offset_y.value()))
                )
            )
        self.scale.valueChanged.connect(lambda v: self._edit(lambda: self._set("scale", v), merge=True))
        self.opacity.valueChanged.connect(lambda v: self._edit(lambda: self._set("opacity", v), merge=True))
        for slider in (self.scale, self.opacity):
            slider.dragFinished.connect(self._break_merge)
        self.filter.currentIndexChanged.connect(
            lambda _i: self._edit(lambda: self._set("filter", self.filter.currentData()))
        )

    def _build_transition(self) -> None:
        self.transition_box, form = self._group("Transition")
        self.fade_in = QCheckBox("Fade in")
        self.fade_out = QCheckBox("Fade out")
        self.fade_duration = number_field(0, 60, suffix=" s")
        form.addRow(self.fade_in)
        form.addRow(self.fade_out)
        form.addRow("Fade duration", self.fade_duration)
        for widget in (self.fade_in, self.fade_out):
            widget.toggled.connect(
                lambda _c: self._edit(lambda: self._set("transition", self._transition_value()))
            )
        self.fade_duration.valueChanged.connect(
            lambda _v: self._edit(lambda: self._set("transition", self._transition_value()))
        )

    def _build_text(self) -> None:
        self.text_box, form = self._group("Text")
        self.text = QPlainTextEdit()
        self.text.setMaximumHeight(70)
        self.font_family = choice_field(
            [(f, f) for f in ("Clear Sans", "DejaVu Sans", "DejaVu Serif", "DejaVu Sans Mono")]
        )
        self.font_family.setEditable(True)
        self.font_size = number_field(1, 500, decimals=0, step=1)
        self.font_color = ColorButton()
        self.font_opacity = number_field(0, 1, step=0.05)
        self.h_align = choice_field(H_ALIGN)  # type: ignore[arg-type]
        self.v_align = choice_field(V_ALIGN)  # type: ignore[arg-type]
        for label, widget in (("Text", self.text), ("Font", self.font_family), ("Size", self.font_size),
                              ("Colour", self.font_color), ("Text opacity", self.font_opacity),
                              ("Horizontal", self.h_align), ("Vertical", self.v_align)):  # fmt: skip
            form.addRow(label, widget)
        self.text.textChanged.connect(
            lambda: self._edit(lambda: self._set("text", self.text.toPlainText()), merge=True)
        )  # typing is one "Edit Text" step until another property changes

        def font_changed(*_args: object) -> None:
            self._edit(lambda: self._set("font", self._font_value()))

        # typing a family name is one step (merged per keystroke, ended when the field is left)
        self.font_family.currentTextChanged.connect(
            lambda _t: self._edit(lambda: self._set("font", self._font_value()), merge=True)
        )
        family_edit = self.font_family.lineEdit()
        if family_edit is not None:
            family_edit.editingFinished.connect(self._break_merge)
        self.font_size.valueChanged.connect(font_changed)
        self.font_color.colorChanged.connect(font_changed)
        self.font_opacity.valueChanged.connect(font_changed)
        for combo in (self.h_align, self.v_align):
            combo.currentIndexChanged.connect(
                lambda _i: self._edit(lambda: self._set("alignment", self._alignment_value()))
            )
        # outline and box: width 0 / unchecked means none (the wire leaves them out)
        self.outline_width = number_field(0, 64, decimals=1, step=1)
        self.outline_color = ColorButton()
        self.box = QCheckBox("Box behind the text")
        self.box_color = ColorButton()
        form.addRow("Outline", self.outline_width)
        form.addRow("Outline colour", self.outline_color)
        form.addRow(self.box)
        form.addRow("Box colour", self.box_color)

        def outline_changed(*_args: object) -> None:
            self._edit(lambda: self._set("border", self._border_value()))

        def box_changed(*_args: object) -> None:
            self._edit(lambda: self._set("background", self._box_value()))

        self.outline_width.valueChanged.connect(outline_changed)
        self.outline_color.colorChanged.connect(outline_changed)
        self.box.toggled.connect(box_changed)
        self.box_color.colorChanged.connect(box_changed)

    def _build_timeline(self) -> None:
        self.timeline_box, form = self._group("Timeline")
        self.resolution = choice_field([(r, r) for r in RESOLUTIONS])
        self.resolution.setEditable(True)
        self.background = ColorButton()
        form.addRow("Resolution", self.resolution)
        form.addRow("Background", self.background)
        resolution_edit = self.resolution.lineEdit()
        assert resolution_edit is not None  # the combo is editable
        resolution_edit.editingFinished.connect(self._resolution_entered)
        self.resolution.activated.connect(lambda _i: self._resolution_entered())
        self.background.colorChanged.connect(
            lambda c: self._edit(lambda: SetTimelineProperty("background", c), needs_clips=False)
        )

    def _resolution_entered(self) -> None:
        text = self.resolution.currentText().strip()
        if self.history is not None and text != self.history.timeline.resolution:
            self._edit(lambda: SetTimelineProperty("resolution", text), needs_clips=False)

    # ---- values built from the fields -----------------------------------------------------------
    def _crop_value(self) -> Crop:
        return Crop(**{side: spin.value() for side, spin in self.crop.items()})

    def _transition_value(self) -> Transition | None:
        if not (self.fade_in.isChecked() or self.fade_out.isChecked()):
            return None
        return Transition(
            in_="fade" if self.fade_in.isChecked() else None,
            out="fade" if self.fade_out.isChecked() else None,
            duration=to_ticks(self.fade_duration.value()),
        )

    def _font_value(self) -> Font:
        return Font(
            family=self.font_family.currentText().strip() or "Clear Sans",
            size=int(self.font_size.value()),
            color=self.font_color.color(),
            opacity=self.font_opacity.value(),
        )

    def _border_value(self) -> Border | None:
        width = self.outline_width.value()
        return Border(color=self.outline_color.color(), width=width) if width > 0 else None

    def _box_value(self) -> TextBackground | None:
        if not self.box.isChecked():
            return None
        return TextBackground(color=self.box_color.color(), border_width=12, opacity=0.8)

    def _alignment_value(self) -> Alignment:
        return Alignment(horizontal=self.h_align.currentData(), vertical=self.v_align.currentData())

    # ---- commands -----------------------------------------------------------------------------
    def _set(self, name: str, value: object) -> Command:
        return SetClipProperty(self.clip_ids, name, value)

    def _move_to(self, start: int) -> Callable[[], Command]:
        """Move the selection so the first clip starts at `start` (the others keep their spacing)."""

        def build() -> Command:
            timeline = self._timeline()
            delta = start - timeline.clip(self.clip_ids[0]).start
            moves = {}
            for clip_id in self.clip_ids:
                track, clip = timeline.find(clip_id)
                moves[clip_id] = (max(0, clip.start + delta), track.id)
            return MoveClips(moves)

        return build

    def _trim_out(self, duration: int) -> Callable[[], list[Command]]:
        return lambda: [TrimOut(cid, self._clip(cid).start + duration) for cid in self.clip_ids]

    def _source_in(self, source_start: int) -> Callable[[], list[Command]]:
        """A slip: new in-point, same place and length (trim in, move back, trim out again)."""

        def build() -> list[Command]:
            commands: list[Command] = []
            for clip_id in self.clip_ids:
                track, clip = self._timeline().find(clip_id)
                delta = source_start - clip.source_start
                commands.append(TrimIn(clip_id, clip.start + delta))
                commands.append(MoveClips({clip_id: (clip.start, track.id)}))
                commands.append(TrimOut(clip_id, clip.end))
            return commands

        return build

    def _edit(
        self,
        build: Callable[[], Command | list[Command]],
        label: str = "",
        needs_clips: bool = True,
        merge: bool = False,
    ) -> None:
        """Push what `build` makes; `merge` lets it join the previous step (slider drags, typing)."""
        history = self.history
        if self._loading or history is None or (needs_clips and not self.clip_ids):
            return
        try:
            built = build()
            if isinstance(built, list):
                with history.transaction(label or "Edit Clips"):
                    for command in built:
                        history.push(command)
            else:
                history.push(built)
        except (EditError, ValueError, KeyError) as exc:
            self.show_error(str(exc))
            self.refresh(keep_error=True)
            return
        if not merge:
            history.break_merge()
        self.error.setVisible(False)

    def _break_merge(self) -> None:
        if self.history is not None:
            self.history.break_merge()

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(True)

    # ---- reading the model -------------------------------------------------------------------------
    def set_history(self, history: History) -> None:
        self.history = history
        self.clip_ids = []
        self.refresh()

    def set_selection(self, clip_ids: list[str]) -> None:
        self.clip_ids = list(clip_ids)
        self.error.setVisible(False)
        self.refresh()

    def _timeline(self) -> Timeline:
        if self.history is None:
            raise EditError("no project is open")
        return self.history.timeline

    def _clip(self, clip_id: str) -> Clip:
        clip: Clip = self._timeline().clip(clip_id)
        return clip

    def refresh(self, keep_error: bool = False) -> None:
        if not keep_error:
            self.error.setVisible(self.error.isVisible() and bool(self.clip_ids))
        self._loading = True
        try:
            fill_inspector(self)
        finally:
            self._loading = False
