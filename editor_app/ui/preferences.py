"""Preferences (rebinding shortcuts), the Keyboard Shortcuts list and the About box."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from editor_app import __version__
from editor_app.ui.shortcuts import DEFAULTS, ShortcutMap, format_keys, parse_keys

KEYS_COLUMN = 2


def _cell(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    item = table.item(row, column)
    if item is None:  # every cell is filled when the table is built
        raise LookupError(f"no cell at row {row}, column {column}")
    return item


def _shortcut_table(shortcuts: ShortcutMap, editable: bool, parent: QWidget) -> QTableWidget:
    table = QTableWidget(len(DEFAULTS), 3, parent)
    table.setHorizontalHeaderLabels(["Command", "Group", "Keys (separate several with ;)"])
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    table.horizontalHeader().setSectionResizeMode(KEYS_COLUMN, QHeaderView.ResizeMode.Stretch)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    for row, command in enumerate(DEFAULTS):
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
        for row, command in enumerate(DEFAULTS):
            _cell(self.table, row, KEYS_COLUMN).setText(format_keys(command.keys))

    def accept(self) -> None:
        if not self.validate():
            return
        for command_id, keys in self.bindings().items():
            self.shortcuts.set_keys(command_id, keys)
        super().accept()


def show_shortcuts(shortcuts: ShortcutMap, parent: QWidget) -> None:
    dialog = QDialog(parent)
    dialog.setWindowTitle("Keyboard Shortcuts")
    dialog.resize(560, 640)
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel("Change them in Edit ▸ Preferences ▸ Keyboard.", dialog))
    layout.addWidget(_shortcut_table(shortcuts, editable=False, parent=dialog), 1)
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
