"""What the route modules read from `app.state`, typed (`app.py` says what each entry is)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from fastapi import Request
from fastapi.concurrency import run_in_threadpool

from editor_app.server.proxies.service import ProxyService
from editor_app.server.render.service import EditorService
from editor_app.server.store import Store
from editor_app.server.store_pool import PoolBusy
from editor_app.server.tool_runner import ToolRunner

T = TypeVar("T")


async def quick_read(request: Request, read: Callable[[], T]) -> T:
    """Run a read of one or two rows on the event loop: the hop to a worker thread cost a GET
    about a quarter of its CPU (waking the thread, anyio's bookkeeping), far more than the read,
    and 200 clients of such GETs saturated the server (issue 16). Only when no connection is
    free at once does it go to a thread, so the loop never waits; `read` must have no effects
    (it may be cut short by PoolBusy and run again)."""
    try:
        with store_of(request).no_wait():
            return read()
    except PoolBusy:
        return await run_in_threadpool(read)


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
