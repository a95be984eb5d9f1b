"""Small editors the Inspector is built from: number fields, a slider+number pair, a colour button,
and the check that a text field holds only text the model can keep."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent, QValidator
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSlider,
    QWidget,
)

from editor_app.model import EditError


class NumberField(QDoubleSpinBox):
    """A number box that says no: what is typed stays visible until Enter or leaving the field,
    and then anything that is not a number in range ("nan", "inf", "1e308", "99999" where 10 is
    the most) is announced by `refused` and the field goes back to its value. A plain spin box
    drops such keystrokes one by one, so "1e308" silently became 1."""

    refused = Signal(str)

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        state, text, pos = super().validate(text, pos)
        if state == QValidator.State.Invalid:
            state = QValidator.State.Intermediate  # kept as typed; judged when entered
        return state, text, pos

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._judge()
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._judge()
        super().focusOutEvent(event)

    def _judge(self) -> None:
        typed = self.cleanText().strip()
        state = super().validate(self.lineEdit().text(), 0)[0]
        if state != QValidator.State.Acceptable:
            self.refused.emit(f"“{typed}” is not a number from {self.minimum():g} to {self.maximum():g}")


def number_field(
    minimum: float, maximum: float, decimals: int = 3, step: float = 0.1, suffix: str = ""
) -> NumberField:
    spin = NumberField()
    spin.setRange(minimum, maximum)
    spin.setDecimals(decimals)
    spin.setSingleStep(step)
    spin.setSuffix(suffix)
    spin.setKeyboardTracking(False)  # one change per Enter / arrow step, not per keystroke
    spin.setAccelerated(True)
    return spin


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _held_length(field: QLineEdit | QPlainTextEdit) -> int:
    """UTF-16 units the field holds on Qt's side (the text Python gets has lone surrogates dropped)."""
    if isinstance(field, QPlainTextEdit):
        return field.document().characterCount() - 1  # less the closing paragraph mark
    cursor, start, selected = field.cursorPosition(), field.selectionStart(), field.selectionLength()
    field.end(False)
    length = field.cursorPosition()
    if selected and start >= 0 and cursor == start:  # put the selection back, cursor where it was
        field.setSelection(start + selected, -selected)
    elif selected and start >= 0:
        field.setSelection(start, selected)
    else:
        field.setCursorPosition(cursor)
    return length


def field_text(field: QLineEdit | QPlainTextEdit, what: str) -> str:
    """The field's text for the model, or EditError when it holds a lone UTF-16 surrogate
    (U+D800-DFFF: typed between the halves of an emoji, or pasted): such text can be neither
    saved nor sent, and taking it as Python shows it would silently lose characters."""
    text = field.toPlainText() if isinstance(field, QPlainTextEdit) else field.text()
    if _held_length(field) != utf16_length(text) or any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        raise EditError(f"{what}: holds a broken character (a lone UTF-16 surrogate); it was not changed")
    return text


def combo_text(combo: QComboBox, what: str) -> str:
    line = combo.lineEdit()
    return field_text(line, what) if line is not None else combo.currentText()


def field_label(field: QWidget) -> str:
    """The form label of the row a field (or the composite it is part of) sits in."""
    widget: QWidget | None = field
    while widget is not None:
        parent = widget.parentWidget()
        form = parent.layout() if parent is not None else None
        if isinstance(form, QFormLayout):
            label = form.labelForField(widget)
            if isinstance(label, QLabel):
                return str(label.property("plain_text") or label.text())
        widget = parent
    return "Value"


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
