"""The undo history: the History dock and the Undo/Redo commands."""
