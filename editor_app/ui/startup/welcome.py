"""The welcome dialog of the first start: the embedded local backend (the default) or VideoDB cloud.

A cloud API key is checked with one request before it is kept (in the system keyring); a wrong
key or no network gets a sentence saying which, and the dialog stays open with nothing saved.
The dialog is not modal for the application: the local backend starts behind it meanwhile.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from editor_app.api.client import VideoDBClient
from editor_app.api.errors import AuthenticationError, ConnectionFailed, RequestTimeout, VideoDBError
from editor_app.api.retry import RetryPolicy
from editor_app.config.key_store import KeyStore
from editor_app.config.settings import (
    CLOUD_BASE_URL,
    EditorSettings,
    SettingsFileError,
    default_settings_path,
    load_settings,
    save_settings,
)
from editor_app.ui.workers import Report, TaskRunner

FIRST_RUN_KEY = "first_run/done"
CHECK_TIMEOUT_S = 15.0
ERROR_STYLE = "QLabel { color: #e5534b; }"


class KeyCheckFailed(Exception):
    """Why a key could not be confirmed, in words for the person who typed it."""


def resources_dir() -> Path:
    """`resources/` beside the source tree, or inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    return Path(bundle) / "resources" if bundle else Path(__file__).resolve().parents[3] / "resources"


def is_first_run(settings: QSettings) -> bool:
    """Neither the welcome nor Preferences has saved a backend choice yet (so none is overwritten)."""
    if str(settings.value(FIRST_RUN_KEY, "false")).lower() == "true":
        return False
    return not default_settings_path().exists()


def check_api_key(base_url: str, api_key: str, timeout: float = CHECK_TIMEOUT_S) -> int:
    """One request (list the collections) with this key; returns how many there are."""
    client = VideoDBClient(base_url, api_key, timeout=timeout, retry=RetryPolicy(attempts=1))
    try:
        return len(client.list_collections())
    except AuthenticationError:
        raise KeyCheckFailed(
            "VideoDB did not accept this API key. Copy it again from the VideoDB console."
        ) from None
    except (ConnectionFailed, RequestTimeout):
        raise KeyCheckFailed(
            f"Could not reach {base_url}: is this computer online? "
            "You can start with the local backend and switch later in Preferences."
        ) from None
    except VideoDBError as exc:
        raise KeyCheckFailed(f"{base_url} answered unexpectedly: {exc}") from None
    finally:
        client.close()


class WelcomeDialog(QDialog):
    """Emits `chosen("local"|"cloud")` once the choice is saved; closing it means local, this time."""

    chosen = Signal(str)

    def __init__(self, settings: QSettings, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.runner = runner
        self.checking = False
        self.setWindowTitle("Welcome to VideoDB Timeline Editor")
        self.setMinimumWidth(560)
        logo = QLabel(self)
        logo.setPixmap(QPixmap(str(resources_dir() / "icons" / "videodb-editor-64.png")))
        title = QLabel("<h2>Welcome</h2>Where should your timelines be rendered?", self)
        header = QHBoxLayout()
        header.addWidget(logo)
        header.addWidget(title, 1)
        self.local = QRadioButton("Embedded local backend (recommended)", self)
        self.local.setChecked(True)
        local_note = QLabel("Renders on this computer with ffmpeg. No account and no network needed.", self)
        self.cloud = QRadioButton("VideoDB cloud", self)
        cloud_note = QLabel(
            "Renders on VideoDB's servers and keeps your media there. Needs an API key.", self
        )
        for note in (local_note, cloud_note):
            note.setWordWrap(True)
            note.setIndent(24)
        group = QButtonGroup(self)
        group.addButton(self.local)
        group.addButton(self.cloud)
        self.api_key = QLineEdit(self)
        self.api_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.api_key.setPlaceholderText("paste the key from the VideoDB console")
        self.base_url = QLineEdit(self)
        self.base_url.setPlaceholderText(CLOUD_BASE_URL)
        self.cloud_fields = QWidget(self)
        form = QFormLayout(self.cloud_fields)
        form.setContentsMargins(24, 0, 0, 0)
        form.addRow("API key", self.api_key)
        form.addRow("Server", self.base_url)
        self.status = QLabel(self)
        self.status.setObjectName("WelcomeStatus")
        self.status.setWordWrap(True)
        demo_note = QLabel("A demo project made on the spot will open so the timeline is not empty.", self)
        demo_note.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Start Editing")
        self.buttons.accepted.connect(self.confirm)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        for widget in (
            self.local,
            local_note,
            self.cloud,
            cloud_note,
            self.cloud_fields,
            self.status,
            demo_note,
        ):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.cloud.toggled.connect(self._cloud_toggled)
        self.api_key.textEdited.connect(lambda _text: self.cloud.setChecked(True))
        self._cloud_toggled(False)

    def _cloud_toggled(self, on: bool) -> None:
        self.cloud_fields.setEnabled(on)
        self.status.clear()

    def cloud_url(self) -> str:
        return self.base_url.text().strip().rstrip("/") or CLOUD_BASE_URL

    def confirm(self) -> None:
        if self.checking:
            return
        if self.local.isChecked():
            self._save("local")
            return
        key = self.api_key.text().strip()
        if not key:
            self._show_problem("Paste your VideoDB API key, or choose the local backend.")
            return
        try:
            EditorSettings(backend="cloud", base_url=self.cloud_url())
        except ValueError:
            self._show_problem("The server must be an http:// or https:// address.")
            return
        self._set_checking(True)
        url = self.cloud_url()

        def work(_report: Report) -> int:
            return check_api_key(url, key)

        self.runner.run(
            work, on_done=self._key_ok, on_error=self._key_failed, name="check API key", owner=self
        )

    def _key_ok(self, collections: int) -> None:
        self._set_checking(False)
        try:
            KeyStore().save(self.api_key.text().strip())
        except (ValueError, OSError) as exc:
            self._show_problem(f"The key works but could not be stored: {exc}")
            return
        self.status.setStyleSheet("")
        self.status.setText(f"Key accepted ({collections} collection{'s' if collections != 1 else ''}).")
        self._save("cloud")

    def _key_failed(self, exc: BaseException) -> None:
        self._set_checking(False)
        self._show_problem(str(exc) if isinstance(exc, KeyCheckFailed) else f"Could not check the key: {exc}")

    def _set_checking(self, checking: bool) -> None:
        self.checking = checking
        for widget in (self.local, self.cloud, self.cloud_fields, self.buttons):
            widget.setEnabled(not checking)
        if checking:
            self.status.setStyleSheet("")
            self.status.setText("Checking the key with VideoDB…")
        else:
            self.cloud_fields.setEnabled(self.cloud.isChecked())

    def _show_problem(self, text: str) -> None:
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText(text)

    def _save(self, backend: str) -> None:
        try:
            current = load_settings()
        except SettingsFileError:
            current = EditorSettings()
        update: dict[str, object] = {"backend": backend}
        if backend == "cloud":
            update["base_url"] = None if self.cloud_url() == CLOUD_BASE_URL else self.cloud_url()
        try:
            save_settings(current.model_copy(update=update))
        except OSError as exc:
            self._show_problem(f"Could not save the settings: {exc}")
            return
        self.settings.setValue(FIRST_RUN_KEY, "true")
        self.settings.sync()
        self.chosen.emit(backend)  # before `finished`: the backend switches before the demo is built
        self.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.checking:
            return  # the answer is on its way: closing now would leave the choice half-made
        super().keyPressEvent(event)
