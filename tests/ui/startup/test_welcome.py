"""The welcome dialog: local by default; a cloud key is checked with one real request before it is kept."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from editor_app.config.key_store import KeyStore
from editor_app.ui.startup.welcome import (
    FIRST_RUN_KEY,
    WelcomeDialog,
    check_api_key,
    is_first_run,
    resources_dir,
)
from editor_app.ui.workers import TaskRunner
from tests.support.keyring import DictKeyring
from tests.support.server_process import LiveServer


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    for name in ("BACKEND", "BASE_URL", "COLLECTION_ID", "FFMPEG_PATH"):
        monkeypatch.delenv(f"VIDEODB_EDITOR_{name}", raising=False)
    return tmp_path / "config" / "videodb-editor" / "settings.json"


@pytest.fixture
def memory_keyring() -> Iterator[DictKeyring]:
    previous = keyring.get_keyring()
    backend = DictKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def dialog(qtbot: QtBot, tmp_path: Path) -> WelcomeDialog:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    welcome = WelcomeDialog(settings, TaskRunner())
    qtbot.addWidget(welcome)
    return welcome


def _closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def test_local_is_the_default_and_is_remembered(dialog: WelcomeDialog, config: Path, qtbot: QtBot) -> None:
    assert is_first_run(dialog.settings)
    assert dialog.local.isChecked() and not dialog.cloud_fields.isEnabled()
    with qtbot.waitSignal(dialog.chosen) as chosen:
        dialog.confirm()
    assert chosen.args == ["local"]
    assert dialog.result() == WelcomeDialog.DialogCode.Accepted
    assert json.loads(config.read_text())["backend"] == "local"
    assert not is_first_run(dialog.settings)
    assert QSettings(dialog.settings.fileName(), QSettings.Format.IniFormat).value(FIRST_RUN_KEY) == "true"


def test_a_good_key_is_checked_then_kept_in_the_keyring(
    dialog: WelcomeDialog, config: Path, memory_keyring: DictKeyring, live_server: LiveServer, qtbot: QtBot
) -> None:
    dialog.api_key.setText(live_server.api_key)
    dialog.api_key.textEdited.emit(live_server.api_key)  # typing a key selects the cloud
    assert dialog.cloud.isChecked()
    dialog.base_url.setText(live_server.base_url)
    with qtbot.waitSignal(dialog.chosen, timeout=20000) as chosen:
        dialog.confirm()
        assert dialog.checking and "Checking" in dialog.status.text()
    assert chosen.args == ["cloud"]
    assert "Key accepted" in dialog.status.text()
    assert KeyStore().load() == live_server.api_key and KeyStore().describe() == "keyring"
    saved = json.loads(config.read_text())
    assert saved["backend"] == "cloud" and saved["base_url"] == live_server.base_url
    assert not is_first_run(dialog.settings)


@pytest.mark.parametrize("problem", ["wrong key", "no network"])
def test_a_wrong_key_or_no_network_says_so_and_keeps_nothing(
    problem: str,
    dialog: WelcomeDialog,
    config: Path,
    memory_keyring: DictKeyring,
    live_server: LiveServer,
    qtbot: QtBot,
) -> None:
    dialog.cloud.setChecked(True)
    dialog.api_key.setText("not-the-key")
    dialog.base_url.setText(live_server.base_url if problem == "wrong key" else _closed_port_url())
    dialog.confirm()
    qtbot.waitUntil(lambda: not dialog.checking, timeout=20000)
    expected = "did not accept this API key" if problem == "wrong key" else "Could not reach"
    assert expected in dialog.status.text()
    assert dialog.isEnabled() and dialog.cloud_fields.isEnabled()  # ready for another try
    assert dialog.result() != WelcomeDialog.DialogCode.Accepted
    assert not config.exists() and memory_keyring.items == {}
    assert is_first_run(dialog.settings)


def test_cloud_needs_a_key_and_a_web_address(dialog: WelcomeDialog, config: Path) -> None:
    dialog.cloud.setChecked(True)
    dialog.confirm()
    assert "Paste your VideoDB API key" in dialog.status.text() and not dialog.checking
    dialog.api_key.setText("some-key")
    dialog.base_url.setText("ftp://example")
    dialog.confirm()
    assert "http:// or https://" in dialog.status.text() and not dialog.checking
    assert not config.exists()


def test_check_api_key_counts_the_collections(live_server: LiveServer) -> None:
    assert check_api_key(live_server.base_url, live_server.api_key) >= 1


def test_the_logo_is_found() -> None:
    assert (resources_dir() / "icons" / "videodb-editor-64.png").is_file()


def test_an_earlier_backend_choice_is_not_asked_again(dialog: WelcomeDialog, config: Path) -> None:
    """Someone who chose the cloud in Preferences before the welcome existed keeps that choice."""
    config.parent.mkdir(parents=True)
    config.write_text(json.dumps({"backend": "cloud"}))
    assert not is_first_run(dialog.settings)
