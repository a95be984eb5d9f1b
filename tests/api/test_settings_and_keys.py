"""Settings file + environment, and the API key in a keyring or a private 0600 file."""

from __future__ import annotations

import logging
import stat
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from editor_app.config.key_store import KeyStore
from editor_app.config.settings import (
    CLOUD_BASE_URL,
    EditorSettings,
    SettingsFileError,
    load_settings,
    save_settings,
)
from tests.support.keyring import DictKeyring


@pytest.fixture
def no_keyring() -> object:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def dict_keyring() -> object:
    previous = keyring.get_keyring()
    backend = DictKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_settings_default_to_the_local_backend(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "settings.json")
    assert settings.backend == "local" and settings.collection_id == "default"
    assert settings.cloud_url() == CLOUD_BASE_URL


def test_settings_round_trip_and_env_overrides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "cfg" / "settings.json"
    save_settings(
        EditorSettings(backend="cloud", base_url="https://eu.example.test/", collection_id="c-1"), path
    )
    loaded = load_settings(path)
    assert (loaded.backend, loaded.base_url, loaded.collection_id) == (
        "cloud",
        "https://eu.example.test",
        "c-1",
    )
    monkeypatch.setenv("VIDEODB_EDITOR_BACKEND", "local")
    assert load_settings(path).backend == "local" and load_settings(path).collection_id == "c-1"


def test_a_bad_settings_file_is_a_clear_error_and_stays(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"backend": "mars"}')
    with pytest.raises(SettingsFileError, match="backend"):
        load_settings(path)
    path.write_text("{not json")
    with pytest.raises(SettingsFileError, match="not readable"):
        load_settings(path)
    assert path.read_text() == "{not json"


def test_without_a_keyring_the_key_goes_to_a_0600_file_with_a_warning(
    tmp_path: Path, no_keyring: object, caplog: pytest.LogCaptureFixture
) -> None:
    store = KeyStore(tmp_path / "cfg" / "cloud-api-key")
    secret = "sk-live-ABCDEF-123"
    with caplog.at_level(logging.WARNING, logger="editor_app.api.keys"):
        assert store.save(secret) == "file"
    assert "no system keyring" in caplog.text and secret not in caplog.text
    assert stat.S_IMODE(store.fallback_file.stat().st_mode) == 0o600
    assert store.load() == secret and store.describe() == "file"
    assert secret not in repr(store)
    store.fallback_file.chmod(0o644)
    assert store.load() == secret and stat.S_IMODE(store.fallback_file.stat().st_mode) == 0o600
    store.delete()
    assert store.load() is None and store.describe() == "none"


def test_with_a_keyring_the_key_lives_only_there(tmp_path: Path, dict_keyring: DictKeyring) -> None:
    store = KeyStore(tmp_path / "cloud-api-key")
    store.fallback_file.write_text("old")
    assert store.save("sk-123") == "keyring"
    assert not store.fallback_file.exists()
    assert store.load() == "sk-123" and list(dict_keyring.items.values()) == ["sk-123"]
    with pytest.raises(ValueError):
        store.save("   ")
