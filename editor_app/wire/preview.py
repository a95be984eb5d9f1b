"""Wire models of the local backend's preview extensions (docs/architecture.md, "Proxies and
preview size"): proxy state of a video, and the backend's own settings.

None of these exist in the VideoDB cloud; the official SDKs never send or read them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from editor_app.wire.base import WireModel

ProxyState = Literal["none", "queued", "making", "ready", "failed"]


class ProxyInfo(WireModel):
    """Extension: the preview proxy of a video (`MediaItem.proxy`)."""

    state: ProxyState = "none"
    progress: float = Field(default=0.0, ge=0.0, le=1.0)
    error: str | None = None
    height: int | None = None


class LocalSettings(WireModel):
    """Extension `GET/PATCH /local/settings`: settings of the local backend itself."""

    auto_proxies: bool = True


class LocalSettingsPatch(WireModel):
    auto_proxies: bool | None = None
