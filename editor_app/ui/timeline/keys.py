"""Keys the canvas answers itself when no window action claims them (a canvas on its own, tests).

The bindings are the editors' defaults from `ui.shortcuts`, so both paths agree.
"""

from __future__ import annotations

from PySide6.QtCore import QKeyCombination, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence

from editor_app.ui.commands.shortcuts import BY_ID

MODIFIER_KEYS = {Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta}
# held while dragging: Shift as in Kdenlive (many Linux window managers take Alt+drag), Alt still works
SNAP_OFF_MODIFIERS = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.AltModifier
# what the mouse does with modifiers, for Help > Keyboard Shortcuts (these are not rebindable)
MOUSE_HINTS = (
    ("Shift+click, Ctrl+click", "Add a clip to the selection or remove it"),
    ("Hold Shift (or Alt) while dragging", "Suspend snapping"),
    ("Ctrl+wheel", "Zoom about the mouse"),
    ("Shift+wheel", "Scroll the timeline sideways"),
    ("Drag on empty space", "Select the clips in a rectangle"),
)


def mouse_hints_html() -> str:
    rows = "".join(
        f"<tr><td><b>{keys}</b>&nbsp;&nbsp;</td><td>{does}</td></tr>" for keys, does in MOUSE_HINTS
    )
    return f"<p><b>Mouse</b></p><table>{rows}</table>"


def key_text(event: QKeyEvent) -> str:
    """`Ctrl+B`, `Shift+Delete`, `+`: the portable text of the pressed combination."""
    key = Qt.Key(event.key())
    if key in MODIFIER_KEYS:
        return ""
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    text = event.text()
    if text and not text.isalnum() and not text.isspace() and key < Qt.Key.Key_Escape:
        # "+" arrives as Shift+= on many layouts; the character is what the binding names
        mods &= ~Qt.KeyboardModifier.ShiftModifier
    return QKeySequence(QKeyCombination(mods, key)).toString()


def bindings(command_ids: list[str]) -> dict[str, str]:
    """Key text -> command id for the given commands' default keys."""
    table: dict[str, str] = {}
    for command_id in command_ids:
        for keys in BY_ID[command_id].keys:
            table[QKeySequence(keys).toString()] = command_id
    return table
