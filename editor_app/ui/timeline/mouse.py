"""What the canvas' mouse does with modifiers: snapping held off while dragging, and the hints
Help ▸ Keyboard Shortcuts lists (these are not rebindable)."""

from __future__ import annotations

from PySide6.QtCore import Qt

# held while dragging: Shift as in Kdenlive (many Linux window managers take Alt+drag), Alt still works
SNAP_OFF_MODIFIERS = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.AltModifier
# with the select tool on an edge: ripple; while moving a clip: the other of insert/overwrite
MODE_MODIFIER = Qt.KeyboardModifier.ControlModifier
# what the mouse does with modifiers, for Help > Keyboard Shortcuts (these are not rebindable)
MOUSE_HINTS = (
    ("Shift+click, Ctrl+click", "Add a clip to the selection or remove it"),
    ("Hold Shift (or Alt) while dragging", "Suspend snapping"),
    ("Ctrl+wheel", "Zoom about the mouse"),
    ("Shift+wheel", "Scroll the timeline sideways"),
    ("Drag on empty space", "Select the clips in a rectangle"),
    ("Ctrl+drag a clip edge", "Ripple trim (what follows moves with the edge)"),
    ("Ctrl+drag a clip", "Move in the other mode (insert instead of overwrite, or back)"),
    ("Click a gap", "Select it; Delete closes it"),
)


def mouse_hints_html() -> str:
    rows = "".join(
        f"<tr><td><b>{keys}</b>&nbsp;&nbsp;</td><td>{does}</td></tr>" for keys, does in MOUSE_HINTS
    )
    return f"<p><b>Mouse</b></p><table>{rows}</table>"
