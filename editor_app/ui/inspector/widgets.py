"""Small editors the Inspector is built from: number fields, a slider+number pair, a colour button."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QPushButton,
    QSlider,
    QWidget,
)


def number_field(
    minimum: float, maximum: float, decimals: int = 3, step: float = 0.1, suffix: str = ""
) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(minimum, maximum)
    spin.setDecimals(decimals)
    spin.setSingleStep(step)
    spin.setSuffix(suffix)
    spin.setKeyboardTracking(False)  # one change per Enter / arrow step, not per keystroke
    spin.setAccelerated(True)
    return spin


def choice_field(values: list[tuple[str, object]]) -> QComboBox:
    combo = QComboBox()
    for text, value in values:
        combo.addItem(text, value)
    return combo


def set_choice(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(max(index, 0))


class SliderSpin(QWidget):
    """A slider over [0, slider_max] beside a number that may go further; one value, two views.

    `valueChanged` fires for every slider step (a drag is merged into one undo step by the
    history) and `dragFinished` when the slider is let go, so the next drag starts a new step.
    """

    valueChanged = Signal(float)
    dragFinished = Signal()

    def __init__(
        self, slider_max: float, maximum: float, decimals: int = 2, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._scale = 10**decimals
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setRange(0, round(slider_max * self._scale))
        self.slider.setPageStep(round(slider_max * self._scale / 10))
        self.spin = number_field(0, maximum, decimals, step=1 / self._scale * 5)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.spin)
        self.slider.valueChanged.connect(self._slider_moved)
        self.slider.sliderReleased.connect(self.dragFinished.emit)
        self.spin.valueChanged.connect(self._spin_changed)
        self._syncing = False

    def value(self) -> float:
        return float(self.spin.value())

    def set_value(self, value: float) -> None:
        self._syncing = True
        try:
            self.spin.setValue(value)
            self.slider.setValue(round(min(value, self.slider.maximum() / self._scale) * self._scale))
        finally:
            self._syncing = False

    def _slider_moved(self, raw: int) -> None:
        if self._syncing:
            return
        value = raw / self._scale
        self._syncing = True
        try:
            self.spin.setValue(value)
        finally:
            self._syncing = False
        self.valueChanged.emit(value)

    def _spin_changed(self, value: float) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            self.slider.setValue(round(min(value, self.slider.maximum() / self._scale) * self._scale))
        finally:
            self._syncing = False
        self.valueChanged.emit(value)
        self.dragFinished.emit()  # a typed number is a finished change of its own


class ColorButton(QPushButton):
    """Shows a colour and picks a new one; `colorChanged` carries `#RRGGBB`."""

    colorChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._color = "#000000"
        self.clicked.connect(self._pick)
        self.setMinimumWidth(90)

    def color(self) -> str:
        return self._color

    def set_color(self, color: str) -> None:
        self._color = color.upper()
        text = "#000000" if QColor(color).lightness() > 128 else "#FFFFFF"
        self.setText(self._color)
        self.setStyleSheet(f"QPushButton {{ background: {self._color}; color: {text}; }}")

    def _pick(self) -> None:
        chosen = QColorDialog.getColor(QColor(self._color), self, "Choose a colour")
        if chosen.isValid():
            self.set_color(chosen.name())
            self.colorChanged.emit(self._color)
