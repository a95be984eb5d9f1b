"""The cloud API key: in the system keyring, or a 0600 file (with a warning) where none exists.

The key is never logged; `KeyStore.describe()` says where it is without showing it.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path
from typing import Literal

import keyring
from keyring.errors import KeyringError, NoKeyringError

from editor_app.config.settings import APP_NAME, config_dir

log = logging.getLogger("editor_app.api.keys")

KEYRING_SERVICE = APP_NAME
KEYRING_USER = "videodb-cloud-api-key"
Location = Literal["keyring", "file", "none"]


class KeyStore:
    def __init__(self, fallback_file: Path | None = None) -> None:
        self.fallback_file = fallback_file or config_dir() / "cloud-api-key"

    def __repr__(self) -> str:
        return f"KeyStore(fallback_file={str(self.fallback_file)!r})"

    @staticmethod
    def keyring_usable() -> bool:
        backend = keyring.get_keyring()
        priority = getattr(backend, "priority", 0)
        return not (type(backend).__module__.startswith("keyring.backends.fail") or priority <= 0)

    def save(self, api_key: str) -> Location:
        """Store the key; returns where it went."""
        if not api_key.strip():
            raise ValueError("the API key is empty")
        if self.keyring_usable():
            try:
                keyring.set_password(KEYRING_SERVICE, KEYRING_USER, api_key.strip())
            except (NoKeyringError, KeyringError) as exc:
                log.warning(
                    "the system keyring refused the key (%s); using a private file", type(exc).__name__
                )
            else:
                self.fallback_file.unlink(missing_ok=True)  # one place only
                return "keyring"
        log.warning(
            "no system keyring available: the API key is stored in %s (readable only by you)",
            self.fallback_file,
        )
        self._write_private(api_key.strip())
        return "file"

    def load(self) -> str | None:
        if self.keyring_usable():
            try:
                value = keyring.get_password(KEYRING_SERVICE, KEYRING_USER)
            except (NoKeyringError, KeyringError):
                value = None
            if value:
                return value
        return self._read_private()

    def delete(self) -> None:
        if self.keyring_usable():
            try:
                keyring.delete_password(KEYRING_SERVICE, KEYRING_USER)
            except (NoKeyringError, KeyringError):
                pass
        self.fallback_file.unlink(missing_ok=True)

    def describe(self) -> Location:
        if self.keyring_usable():
            try:
                if keyring.get_password(KEYRING_SERVICE, KEYRING_USER):
                    return "keyring"
            except (NoKeyringError, KeyringError):
                pass
        return "file" if self.fallback_file.exists() else "none"

    # ---- the private file ---------------------------------------------------------------
    def _write_private(self, api_key: str) -> None:
        self.fallback_file.parent.mkdir(parents=True, exist_ok=True)
        temp = self.fallback_file.with_name(self.fallback_file.name + ".new")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.fchmod(fd, 0o600)  # the mode given to open is masked by umask; this is not
            os.write(fd, api_key.encode("utf-8"))
        finally:
            os.close(fd)
        os.replace(temp, self.fallback_file)

    def _read_private(self) -> str | None:
        try:
            mode = self.fallback_file.stat().st_mode
        except FileNotFoundError:
            return None
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            log.warning("%s is readable by others; tightening it to 0600", self.fallback_file)
            os.chmod(self.fallback_file, 0o600)
        value = self.fallback_file.read_text(encoding="utf-8").strip()
        return value or None
