"""The font families the Inspector offers: what fontconfig has installed (through Qt's font
database, which reads fontconfig on Linux), with the SDK's default first."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase

SDK_DEFAULT = "Clear Sans"


def installed_families() -> list[str]:
    families = sorted({f for f in QFontDatabase.families() if not QFontDatabase.isPrivateFamily(f)})
    return [SDK_DEFAULT, *(f for f in families if f != SDK_DEFAULT)]


def is_installed(family: str) -> bool:
    return family in QFontDatabase.families()
