"""The main window: the window core plus its file, edit and render commands, dialogs and closing."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QWidget

from editor_app.ui.preferences.dialog import PreferencesDialog, show_about, show_shortcuts
from editor_app.ui.preferences.general import apply_autosave_interval, autosave_interval
from editor_app.ui.theme import chosen_theme
from editor_app.ui.window.edit_commands import EditCommands
from editor_app.ui.window.file_commands import FileCommands
from editor_app.ui.window.render_commands import RenderCommands


class MainWindow(FileCommands, EditCommands, RenderCommands):
    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(settings, parent)
        self.media_bin.addTitleRequested.connect(self.add_title)
        self.init_file_commands()
        apply_autosave_interval(self.autosaver, autosave_interval(settings))

    # ---- dialogs --------------------------------------------------------------------------------
    def show_preferences(self) -> None:
        dialog = PreferencesDialog(self.shortcuts, self)
        dialog.backend_page.select_theme(chosen_theme(self.settings))
        if dialog.exec():
            self.menu_actions.apply_shortcuts()
            apply_autosave_interval(self.autosaver, autosave_interval(self.settings))

    def show_shortcuts(self) -> None:
        show_shortcuts(self.shortcuts, self)

    def show_about(self) -> None:
        show_about(self)

    # ---- closing ------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.confirm_discard("closing"):
            event.ignore()
            return
        self.save_layout()
        self.media_bin.cancel_uploads()
        self.runner.cancel_all()
        self.discard_recovery()
        event.accept()
