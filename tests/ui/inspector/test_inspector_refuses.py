"""Issue 16, #4: the Inspector refuses values the model cannot keep where they are typed: every
number field says no to NaN, infinities and numbers out of its range (a plain spin box dropped
such keystrokes one by one, so "1e308" silently became 1), and every text field refuses a lone
UTF-16 surrogate, each with a message in place, the model unchanged and the field back to it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from editor_app.ui.inspector.dock import Inspector
from editor_app.ui.inspector.widgets import NumberField, field_label
from tests.support.inspector import make_inspector

HOSTILE_NUMBERS = ["nan", "inf", "-inf", "1e308", "-1e308", "99999999999"]
EMOJI = "\U0001f600"  # two UTF-16 units: typing between them leaves two lone surrogates


def shown_numbers(inspector: Inspector) -> list[NumberField]:
    return [f for f in inspector.findChildren(NumberField) if f.isVisibleTo(inspector) and f.isEnabled()]


def type_and_enter(field: QWidget, text: str) -> None:
    field.setFocus()
    if isinstance(field, NumberField):
        field.selectAll()
    QTest.keyClicks(field, text)
    QTest.keyClick(field, Qt.Key.Key_Return)


@pytest.mark.parametrize(
    "selection", [["v1"], ["t1"], ["c1"], []], ids=["video", "title", "captions", "timeline"]
)
def test_every_number_field_refuses_what_is_not_a_number_in_range(qtbot: QtBot, selection: list[str]) -> None:
    inspector, history = make_inspector(qtbot)
    inspector.show()
    inspector.set_selection(selection)
    before = history.timeline.model_dump()
    fields = shown_numbers(inspector)
    assert len(fields) >= (0 if not selection else 3)
    for field in fields:
        label = field_label(field)
        shown = field.value()
        for typed in HOSTILE_NUMBERS:
            type_and_enter(field, typed)
            message = inspector.error.text()
            assert inspector.error.isVisible(), (label, typed)
            assert message.startswith(f"{label}: “{typed}” is not a number from"), message
            assert message.endswith("it was not changed"), message
            assert field.value() == shown and field.hasAcceptableInput(), (label, typed, field.text())
    assert history.timeline.model_dump() == before
    assert history.index == 0


def test_a_number_typed_in_range_still_edits_and_clears_the_refusal(qtbot: QtBot) -> None:
    inspector, history = make_inspector(qtbot)
    inspector.show()
    inspector.set_selection(["v1"])
    field = inspector.picture.offset_x
    type_and_enter(field, "1e308")
    assert inspector.error.isVisible() and history.timeline.clip("v1").offset.x == 0
    type_and_enter(field, "0.25")
    assert history.timeline.clip("v1").offset.x == 0.25
    assert not inspector.error.isVisible()


def test_leaving_a_field_with_a_refused_number_says_so_too(qtbot: QtBot) -> None:
    inspector, history = make_inspector(qtbot)
    inspector.show()
    inspector.set_selection(["v1"])
    inspector.activateWindow()
    qtbot.waitUntil(inspector.isActiveWindow)
    field = inspector.picture.offset_y
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    field.selectAll()
    QTest.keyClicks(field, "inf")
    assert field.text() == "inf"  # shown as typed until it is judged
    QTest.keyClick(field, Qt.Key.Key_Tab)
    assert not field.hasFocus()
    assert inspector.error.text().startswith("Offset Y: “inf” is not a number")
    assert field.value() == 0 and history.timeline.clip("v1").offset.y == 0


def text_fields(inspector: Inspector) -> dict[str, tuple[list[str], QLineEdit | QPlainTextEdit]]:
    """Every free-text field of the Inspector: the selection it shows for and the line typed in."""
    line = {
        "Font": (["t1"], inspector.text.font_family.lineEdit()),
        "Caption font": (["c1"], inspector.captions.font_name.lineEdit()),
        "Resolution": ([], inspector.timeline_settings.resolution.lineEdit()),
    }
    fields: dict[str, tuple[list[str], QLineEdit | QPlainTextEdit]] = {
        "Text": (["t1"], inspector.text.text_edit)
    }
    for name, (selection, edit) in line.items():
        assert edit is not None
        fields[name] = (selection, edit)
    return fields


def put_cursor(field: QLineEdit | QPlainTextEdit, position: int) -> None:
    if isinstance(field, QLineEdit):
        field.setCursorPosition(position)
    else:
        cursor = field.textCursor()
        cursor.setPosition(position)
        field.setTextCursor(cursor)


def select_all_of(inspector: Inspector, selection: list[str], field: QLineEdit | QPlainTextEdit) -> None:
    inspector.set_selection(selection)
    field.setFocus()
    field.selectAll()


def enter(field: QLineEdit | QPlainTextEdit) -> None:
    """Line fields take their value on Enter; the text box takes it as it is typed."""
    if isinstance(field, QLineEdit):
        QTest.keyClick(field, Qt.Key.Key_Return)


def shown_text(field: QLineEdit | QPlainTextEdit) -> str:
    return field.text() if isinstance(field, QLineEdit) else field.toPlainText()


def test_text_fields_refuse_a_lone_surrogate(qtbot: QtBot) -> None:
    """Typing between the two halves of an emoji (an input method can put the cursor there)
    leaves two lone surrogates in the field; Python sees the text with both dropped, so taking
    it would silently lose the emoji. It is refused instead, and the field shows the model."""
    inspector, history = make_inspector(qtbot)
    inspector.show()
    for name, (selection, field) in text_fields(inspector).items():
        select_all_of(inspector, selection, field)
        field.insert(f"A{EMOJI}b") if isinstance(field, QLineEdit) else field.insertPlainText(f"A{EMOJI}b")
        kept = history.timeline.model_dump()
        index = history.index
        put_cursor(field, 2)  # between the halves
        QTest.keyClicks(field, "x")
        enter(field)
        assert inspector.error.isVisible(), name
        assert (
            "lone UTF-16 surrogate" in inspector.error.text() and "not changed" in inspector.error.text()
        ), name
        assert history.timeline.model_dump() == kept and history.index == index, name
        assert shown_text(field) == ("1280x720" if name == "Resolution" else f"A{EMOJI}b"), (
            name
        )  # the model's
        inspector.error.setVisible(False)


def test_a_lone_surrogate_in_a_key_event_never_reaches_the_model(qtbot: QtBot) -> None:
    """A key event carrying U+D800 (as a broken input method sends) types nothing of it: the text
    around it is kept, the model stays valid Unicode, and nothing raises."""
    inspector, history = make_inspector(qtbot)
    inspector.show()
    for name, (selection, field) in text_fields(inspector).items():
        select_all_of(inspector, selection, field)
        before, after = ("64", "0x480") if name == "Resolution" else ("a", "b")  # a valid value around it
        for text in (before, "\ud800", "\udfff", after):
            QApplication.sendEvent(
                field, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, text)
            )
        enter(field)
        assert shown_text(field) == before + after, name
        assert not inspector.error.isVisible(), (name, inspector.error.text())
        dumped = history.timeline.model_dump_json()  # raises on a lone surrogate
        assert "\\ud800" not in dumped and "\\udfff" not in dumped, name
    timeline = history.timeline
    assert timeline.resolution == "640x480" and timeline.clip("t1").asset.text == "ab"  # type: ignore[union-attr]


@pytest.mark.parametrize("typed", ["nan", "inf", "1e308", "-1", "soon"])
def test_the_cue_table_refuses_a_time_that_is_not_one(qtbot: QtBot, typed: str) -> None:
    """The Captions group's cue times are typed into a table cell: "inf" and "1e308" raised
    OverflowError out of the cell's signal (nothing shown), "nan" showed Python's own words."""
    inspector, history = make_inspector(qtbot)
    inspector.show()
    inspector.set_selection(["c1"])
    table = inspector.captions.cue_table.table
    before = history.timeline.model_dump()
    for column in (0, 1):
        inspector.error.setVisible(False)
        inspector.error.setText("")
        table.setCurrentCell(0, column)
        QTest.keyClick(table, Qt.Key.Key_F2)  # edit the cell
        # the open one: the last cell's editor may still wait for its deferred delete
        [editor] = [e for e in table.viewport().findChildren(QLineEdit) if e.isVisible()]
        editor.selectAll()
        QTest.keyClicks(editor, typed)
        QTest.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits in a queued call
        qtbot.waitUntil(inspector.error.isVisible, timeout=2000)
        message = inspector.error.text()
        assert inspector.error.isVisible() and (typed in message or "before its clip" in message), message
        assert history.timeline.model_dump() == before
        assert table.item(0, column).text() == ("0.000", "1.000")[column]  # the model's again
