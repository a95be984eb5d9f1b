"""Mixed values in the Inspector: with several clips selected, a field whose value differs
between them says so ("Scale — mixed") instead of showing the first clip's value as if all
shared it. Found by filling the section from each clip and comparing what its fields show."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from editor_app.model import Clip, Timeline
from editor_app.ui.inspector.section import Section

MIXED = " — mixed"
COMPARED = 64  # clips compared at most: the Inspector refreshes after every edit


def _shown(widget: QWidget) -> object:
    """What a field shows, for comparing clips (its children for a composite field)."""
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QAbstractSlider):
        return widget.value()
    if isinstance(widget, QAbstractButton):
        return (widget.isChecked(), widget.text(), widget.toolTip())
    return tuple(_shown(child) for child in widget.findChildren(QWidget))


def _rows(form: QFormLayout) -> list[tuple[QLabel, QWidget]]:
    rows = []
    for row in range(form.rowCount()):
        label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        label_widget = label.widget() if label is not None else None
        field_widget = field.widget() if field is not None else None
        if isinstance(label_widget, QLabel) and field_widget is not None:
            rows.append((label_widget, field_widget))
    return rows


def fill_marking_mixed(section: Section, clips: list[Clip], timeline: Timeline) -> None:
    """Fill `section` for `clips`, marking the rows whose value differs between them."""
    rows = _rows(section.form)
    for label, _field in rows:
        base = label.property("plain_text")
        if base is None:
            label.setProperty("plain_text", label.text())
        else:
            label.setText(str(base))
    if len(clips) > 1:
        seen: list[list[object]] = []
        for clip in clips[:COMPARED]:
            section.fill([clip], timeline)
            seen.append([_shown(field) for _label, field in rows])
        for index, (label, _field) in enumerate(rows):
            if any(values[index] != seen[0][index] for values in seen[1:]):
                label.setText(f"{label.property('plain_text')}{MIXED}")
    section.fill(clips, timeline)
