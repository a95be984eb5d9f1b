"""Preferences (rebinding shortcuts), the Keyboard Shortcuts list and the About box."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from editor_app import __version__
from editor_app.config.key_store import KeyStore
from editor_app.config.settings import (
    CLOUD_BASE_URL,
    EditorSettings,
    SettingsFileError,
    load_settings,
    save_settings,
)
from editor_app.ui.commands.shortcuts import ShortcutMap, format_keys, parse_keys
from editor_app.ui.preferences.general import GeneralPage
from editor_app.ui.preview.preferences_page import PreviewPage
from editor_app.ui.theme import THEMES, apply_theme
from editor_app.ui.timeline.mouse import mouse_hints_html

KEYS_COLUMN = 2


def _cell(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    item = table.item(row, column)
    if item is None:  # every cell is filled when the table is built
        raise LookupError(f"no cell at row {row}, column {column}")
    return item


def _shortcut_table(shortcuts: ShortcutMap, editable: bool, parent: QWidget) -> QTableWidget:
    commands = shortcuts.commands
    table = QTableWidget(len(commands), 3, parent)
    table.setHorizontalHeaderLabels(["Command", "Group", "Keys (separate several with ;)"])
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    table.horizontalHeader().setSectionResizeMode(KEYS_COLUMN, QHeaderView.ResizeMode.Stretch)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    for row, command in enumerate(commands):
        title = QTableWidgetItem(command.title)
        title.setData(Qt.ItemDataRole.UserRole, command.id)
        title.setFlags(title.flags() & ~Qt.ItemFlag.ItemIsEditable)
        group = QTableWidgetItem(command.group)
        group.setFlags(group.flags() & ~Qt.ItemFlag.ItemIsEditable)
        keys = QTableWidgetItem(
            format_keys(shortcuts.keys(command.id)) if editable else shortcuts.text(command.id)
        )
        if not editable:
            keys.setFlags(keys.flags() & ~Qt.ItemFlag.ItemIsEditable)
        table.setItem(row, 0, title)
        table.setItem(row, 1, group)
        table.setItem(row, KEYS_COLUMN, keys)
    if not editable:
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    return table


class PreferencesDialog(QDialog):
    """Edits the key bindings; Apply writes them to QSettings only if every entry is valid."""

    def __init__(self, shortcuts: ShortcutMap, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.resize(640, 560)
        self.shortcuts = shortcuts
        tabs = QTabWidget(self)
        keyboard = QWidget(tabs)
        layout = QVBoxLayout(keyboard)
        self.table = _shortcut_table(shortcuts, editable=True, parent=keyboard)
        self.table.itemChanged.connect(lambda _item: self.validate())
        self.problem = QLabel(keyboard)
        self.problem.setObjectName("ShortcutProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("QLabel { color: #e5534b; }")
        reset = QPushButton("Restore Defaults", keyboard)
        reset.clicked.connect(self.restore_defaults)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problem)
        layout.addWidget(reset, 0, Qt.AlignmentFlag.AlignLeft)
        tabs.addTab(keyboard, "Keyboard")
        self.backend_page = BackendPage(tabs)
        tabs.addTab(self.backend_page, "Backend && Look")
        self.general_page = GeneralPage(shortcuts.settings, tabs)
        tabs.addTab(self.general_page, "General")
        self.preview_page = PreviewPage(shortcuts.settings, tabs)
        tabs.addTab(self.preview_page, "Preview")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addWidget(tabs, 1)
        outer.addWidget(self.buttons)

    def bindings(self) -> dict[str, tuple[str, ...]]:
        """The table's bindings; raises ValueError naming the first bad entry."""
        result: dict[str, tuple[str, ...]] = {}
        for row in range(self.table.rowCount()):
            command_id = str(_cell(self.table, row, 0).data(Qt.ItemDataRole.UserRole))
            text = _cell(self.table, row, KEYS_COLUMN).text()
            try:
                result[command_id] = parse_keys(text)
            except ValueError as exc:
                raise ValueError(f"{_cell(self.table, row, 0).text()}: {exc}") from None
        return result

    def validate(self) -> bool:
        try:
            bindings = self.bindings()
        except ValueError as exc:
            self.problem.setText(str(exc))
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            return False
        owners: dict[str, list[str]] = {}
        for command_id, keys in bindings.items():
            for key in keys:
                owners.setdefault(key, []).append(command_id)
        clashes = [f"{key}: {', '.join(ids)}" for key, ids in owners.items() if len(ids) > 1]
        self.problem.setText(("Bound twice — " + "; ".join(clashes)) if clashes else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not clashes)
        return not clashes

    def restore_defaults(self) -> None:
        for row, command in enumerate(self.shortcuts.commands):
            _cell(self.table, row, KEYS_COLUMN).setText(format_keys(command.keys))

    def accept(self) -> None:
        if not self.validate():
            return
        try:
            self.general_page.validate()
        except ValueError as exc:
            self.problem.setText(f"ffmpeg: {exc}")
            return
        try:
            self.backend_page.save(self.shortcuts.settings)
        except (ValueError, OSError) as exc:
            self.problem.setText(f"Backend settings: {exc}")
            return
        try:
            self.general_page.save(self.shortcuts.settings)
        except (ValueError, OSError) as exc:
            self.problem.setText(f"General settings: {exc}")
            return
        self.preview_page.save(self.shortcuts.settings)
        for command_id, keys in self.bindings().items():
            self.shortcuts.set_keys(command_id, keys)
        super().accept()


class BackendPage(QWidget):
    """Local or VideoDB cloud (URL, collection, API key kept in the keyring), and the theme.

    Backend changes apply at the next start; the theme at once.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.backend = QComboBox(self)
        self.backend.addItem("Embedded local backend (no account needed)", "local")
        self.backend.addItem("VideoDB cloud", "cloud")
        self.base_url = QLineEdit(self)
        self.base_url.setPlaceholderText(CLOUD_BASE_URL)
        self.collection = QLineEdit(self)
        self.api_key = QLineEdit(self)
        self.api_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.theme = QComboBox(self)
        for theme in THEMES:
            self.theme.addItem(theme.title(), theme)
        form.addRow("Backend", self.backend)
        form.addRow("Cloud URL", self.base_url)
        form.addRow("Collection", self.collection)
        form.addRow("Cloud API key", self.api_key)
        form.addRow(QLabel("Backend changes take effect the next time the editor starts.", self))
        form.addRow("Theme", self.theme)
        self._settings_error = ""
        try:
            current = load_settings()
        except SettingsFileError as exc:
            self._settings_error = str(exc)
            current = EditorSettings()
        self.backend.setCurrentIndex(max(self.backend.findData(current.backend), 0))
        self.base_url.setText(current.base_url or "")
        self.collection.setText(current.collection_id)
        self.api_key.setPlaceholderText(
            "stored" if KeyStore().describe() != "none" else "paste the key from the VideoDB console"
        )

    def select_theme(self, theme: str) -> None:
        self.theme.setCurrentIndex(max(self.theme.findData(theme), 0))

    def save(self, qsettings: QSettings) -> None:
        settings = EditorSettings(
            backend=self.backend.currentData(),
            base_url=self.base_url.text().strip() or None,
            collection_id=self.collection.text().strip() or "default",
        )
        if (
            settings.backend == "cloud"
            and not self.api_key.text().strip()
            and KeyStore().describe() == "none"
        ):
            raise ValueError("VideoDB cloud needs an API key")
        save_settings(settings)
        if self.api_key.text().strip():
            KeyStore().save(self.api_key.text().strip())
        theme = str(self.theme.currentData())
        qsettings.setValue("appearance/theme", theme)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, theme)


def show_shortcuts(shortcuts: ShortcutMap, parent: QWidget) -> None:
    dialog = QDialog(parent)
    dialog.setWindowTitle("Keyboard Shortcuts")
    dialog.resize(560, 640)
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel("Change them in Edit ▸ Preferences ▸ Keyboard.", dialog))
    layout.addWidget(_shortcut_table(shortcuts, editable=False, parent=dialog), 1)
    layout.addWidget(QLabel(mouse_hints_html(), dialog))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    dialog.exec()


def show_about(parent: QWidget) -> None:
    QMessageBox.about(
        parent,
        "About VideoDB Timeline Editor",
        f"<b>VideoDB Timeline Editor</b> {__version__}<br>"
        "A desktop timeline editor for the VideoDB editor API, with an embedded local backend "
        "that renders with ffmpeg.",
    )
