"""How the parts of a window ask and tell the user: status-bar lines, error boxes, file dialogs,
and the few questions (unsaved changes, recovery, export settings).

One object per window, handed to every part through the `Session`; tests replace its methods
to answer the questions without modal dialogs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMainWindow, QMessageBox

Answer = QMessageBox.StandardButton


class Dialog(Protocol):
    def exec(self) -> int: ...


class Prompts:
    def __init__(self, window: QMainWindow) -> None:
        self.window = window

    def status(self, text: str, ms: int = 0) -> None:
        """A line in the status bar (for `ms` milliseconds, or until the next one)."""
        self.window.statusBar().showMessage(text, ms)

    def report_error(self, title: str, message: str) -> None:
        self.status(f"{title}: {message}", 10000)
        QMessageBox.warning(self.window, title, message)

    def alert(self, text: str) -> None:
        """Something finished in the background (an export): say so and ask for attention."""
        self.status(text, 10000)
        QApplication.alert(self.window)

    def ask_path(self, title: str, filters: str, save: bool) -> Path | None:
        if save:
            path, _ = QFileDialog.getSaveFileName(self.window, title, "", filters)
        else:
            path, _ = QFileDialog.getOpenFileName(self.window, title, "", filters)
        return Path(path) if path else None

    def ask_unsaved(self, name: str, doing: str) -> Answer:
        return QMessageBox.question(
            self.window,
            "Unsaved changes",
            f"Save the changes to “{name}” before {doing}?",
            Answer.Save | Answer.Discard | Answer.Cancel,
            Answer.Save,
        )

    def offer_recovery(self, name: str) -> bool:
        answer = QMessageBox.question(
            self.window,
            "Recover unsaved changes?",
            f"An autosaved copy of “{name}” is newer than the file (the editor did not close cleanly). "
            "Open the autosaved copy?",
        )
        return answer == Answer.Yes

    def ask_export(self, dialog: Dialog) -> bool:
        """Show the Export dialog; True when the user pressed Start."""
        return dialog.exec() == QDialog.DialogCode.Accepted
