"""Preferences rebind shortcuts on the live actions; clashes and bad keys block OK; Help lists them."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialogButtonBox

from editor_app.ui.preferences.dialog import KEYS_COLUMN, PreferencesDialog
from editor_app.ui.window.main_window import MainWindow


def _row(window: MainWindow, command_id: str) -> int:
    return [c.id for c in window.shortcuts.commands].index(command_id)


def test_a_rebinding_reaches_the_action_and_the_settings(window: MainWindow, tmp_path: Path) -> None:
    dialog = PreferencesDialog(window.shortcuts, window)
    item = dialog.table.item(_row(window, "edit.split"), KEYS_COLUMN)
    assert item is not None and item.text() == "S; Ctrl+B"
    item.setText("Ctrl+K")
    dialog.accept()
    window.menu_actions.apply_shortcuts()
    assert window.menu_actions["edit.split"].shortcuts() == [QKeySequence("Ctrl+K")]
    assert "Ctrl+K" in window.menu_actions["edit.split"].toolTip()
    window.settings.sync()
    assert "Ctrl+K" in (tmp_path / "settings.ini").read_text()
    saved = json.loads((tmp_path / "config" / "videodb-editor" / "settings.json").read_text())
    assert saved["backend"] == "local"


def test_clashes_and_bad_keys_block_ok(window: MainWindow) -> None:
    dialog = PreferencesDialog(window.shortcuts, window)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    item = dialog.table.item(_row(window, "edit.duplicate"), KEYS_COLUMN)
    assert item is not None
    item.setText("Ctrl+C")
    assert not ok.isEnabled() and "Ctrl+C" in dialog.problem.text()
    item.setText("Ctrl+Nonsense")
    assert not ok.isEnabled() and "Duplicate" in dialog.problem.text()
    dialog.restore_defaults()
    assert ok.isEnabled() and dialog.problem.text() == ""


def test_cloud_without_a_key_is_refused(window: MainWindow) -> None:
    dialog = PreferencesDialog(window.shortcuts, window)
    page = dialog.backend_page
    page.backend.setCurrentIndex(page.backend.findData("cloud"))
    page.api_key.clear()
    assert page.api_key.placeholderText() != "stored"  # the config folder is the test's own
    dialog.accept()
    assert dialog.result() == 0 and "needs an API key" in dialog.problem.text()


def test_menus_carry_the_issue_commands(window: MainWindow) -> None:
    titles = {a.text().replace("&", "") for a in window.menuBar().actions()}
    assert titles == {"File", "Edit", "View", "Timeline", "Help"}
    file_menu = window.menuBar().actions()[0].menu()
    assert file_menu is not None
    texts = [a.text().replace("&", "") for a in file_menu.actions()]
    for expected in ("New Project", "Open Project…", "Open Recent", "Save", "Save As…", "Import Media…",
                     "Import OpenTimelineIO…", "Export OpenTimelineIO…", "Import Editor JSON…",
                     "Export Editor JSON…", "Copy as Python SDK Code", "Export Video…", "Quit"):  # fmt: skip
        assert expected in texts
    assert window.menu_actions["transport.play_pause"].shortcut() == QKeySequence(Qt.Key.Key_Space)
