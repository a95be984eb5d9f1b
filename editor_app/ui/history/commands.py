"""Undo and Redo, named after the step they undo or redo ("Undo Trim Clip")."""

from __future__ import annotations

from editor_app.model.edits import History
from editor_app.ui.commands.table import Command, MenuPlace, ToolbarPlace

MENU = MenuPlace("&Edit", 0)


def undo(history: History) -> None:
    if history.can_undo:
        history.undo()


def redo(history: History) -> None:
    if history.can_redo:
        history.redo()


def has_undo(history: History) -> bool:
    return history.undo_label is not None


def has_redo(history: History) -> bool:
    return history.redo_label is not None


def undo_title(history: History) -> str:
    return f"Undo {history.undo_label}" if history.undo_label else "Undo"


def redo_title(history: History) -> str:
    return f"Redo {history.redo_label}" if history.redo_label else "Redo"


HISTORY_COMMANDS: tuple[Command[History], ...] = (
    Command("edit.undo", "Undo", "Edit", undo, ("Ctrl+Z",), MENU,
            toolbar=ToolbarPlace(1, "undo"), enabled=has_undo, live_title=undo_title),
    Command("edit.redo", "Redo", "Edit", redo, ("Ctrl+Shift+Z", "Ctrl+Y"), MENU,
            toolbar=ToolbarPlace(1, "redo"), enabled=has_redo, live_title=redo_title),
)  # fmt: skip
