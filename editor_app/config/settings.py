"""Where the editor renders: the embedded local backend (default) or the VideoDB cloud.

Stored as JSON in the user config folder (platformdirs); `VIDEODB_EDITOR_*` environment
variables override the file (e.g. `VIDEODB_EDITOR_BACKEND=cloud`). The cloud API key is not
here: it lives in the system keyring (`key_store.py`).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, Literal

import platformdirs
from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

APP_NAME = "videodb-editor"
CLOUD_BASE_URL = "https://api.videodb.io"
Backend = Literal["local", "cloud"]


class SettingsFileError(ValueError):
    """The settings file exists but cannot be read; it is left untouched."""


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME))


def default_settings_path() -> Path:
    return config_dir() / "settings.json"


class EditorSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="VIDEODB_EDITOR_", extra="ignore")

    backend: Backend = "local"
    base_url: str | None = Field(default=None, description="cloud URL; None means the official one")
    collection_id: str = "default"
    ffmpeg_path: str | None = Field(default=None, description="ffmpeg to render with; None means PATH's")

    @field_validator("base_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        assert value is not None
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/")

    @field_validator("collection_id")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be empty")
        return value.strip()

    @field_validator("ffmpeg_path")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value.strip() if value and value.strip() else None

    def cloud_url(self) -> str:
        return self.base_url or CLOUD_BASE_URL

    def serve_tool_arguments(self) -> list[str]:
        """`serve` options for the configured ffmpeg; its ffprobe is the one beside it, if any."""
        if self.ffmpeg_path is None:
            return []
        ffmpeg = Path(self.ffmpeg_path).expanduser()
        ffprobe = ffmpeg.with_name(ffmpeg.name.replace("ffmpeg", "ffprobe"))
        arguments = ["--ffmpeg", str(ffmpeg)]
        if ffprobe != ffmpeg and ffprobe.is_file():
            arguments += ["--ffprobe", str(ffprobe)]
        return arguments


def _read_file(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SettingsFileError(f"{path}: not readable settings JSON ({exc})") from None
    if not isinstance(data, dict):
        raise SettingsFileError(f"{path}: expected a JSON object")
    return data


def load_settings(path: Path | None = None) -> EditorSettings:
    """File values, overridden by `VIDEODB_EDITOR_*` variables; a bad value names its field."""
    path = path or default_settings_path()
    from_file = _read_file(path)
    env_names = {
        name for name in EditorSettings.model_fields if f"VIDEODB_EDITOR_{name.upper()}" in os.environ
    }
    init = {k: v for k, v in from_file.items() if k in EditorSettings.model_fields and k not in env_names}
    try:
        return EditorSettings(**init)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise SettingsFileError(f"{path}: {where}: {first['msg']}") from None


def save_settings(settings: EditorSettings, path: Path | None = None) -> Path:
    """Write atomically (a crash leaves the old file or the new one, never half of one)."""
    path = path or default_settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(settings.model_dump(), indent=2) + "\n"
    fd, temp = tempfile.mkstemp(prefix=".settings-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path
