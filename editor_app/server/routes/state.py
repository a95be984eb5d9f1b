"""What the route modules read from `app.state`, typed (`app.py` says what each entry is)."""

from __future__ import annotations

from fastapi import Request

from editor_app.server.proxies.service import ProxyService
from editor_app.server.render.service import EditorService
from editor_app.server.store import Store
from editor_app.server.tool_runner import ToolRunner


def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def tools_of(request: Request) -> ToolRunner:
    """The app's one runner of ffmpeg/ffprobe."""
    tools: ToolRunner = request.app.state.tools
    return tools


def proxies_of(request: Request) -> ProxyService:
    """The app's preview proxies and local settings."""
    proxies: ProxyService = request.app.state.proxies
    return proxies


def editor_of(request: Request) -> EditorService:
    """The app's renderer (compile, preview segments, export jobs), made when the app starts."""
    editor: EditorService = request.app.state.editor
    return editor
