"""Issue 16, item 15, the app's side: a live preview compiles again before its signed stream URL
expires (the local backend's URLs carry an expiry), and the fresh compile plays the same stream."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from pytestqt.qtbot import QtBot

from editor_app.api import VideoDBClient
from editor_app.api.url_expiry import RENEW_BEFORE_S, expires_at
from editor_app.ui.preview.live import READY, LiveCompiler
from editor_app.ui.workers import TaskRunner
from editor_app.wire import CompileResult
from tests.support.media import MediaFactory
from tests.support.server_process import LiveServer


def test_a_compiled_stream_is_recompiled_before_its_url_expires(
    qtbot: QtBot,
    live_server: LiveServer,
    uploaded: Callable[..., dict[str, Any]],
    media_factory: MediaFactory,
) -> None:
    item = uploaded(media_factory.make_video("teal", seconds=1))
    clip = {"start": 0, "clip": {"asset": {"type": "video", "id": item["id"], "start": 0}, "duration": 1}}
    body = {"timeline": {"resolution": "320x180", "tracks": [{"clips": [clip]}]}}
    with VideoDBClient(live_server.base_url, live_server.api_key) as client:
        live = LiveCompiler(TaskRunner())
        live.configure(lambda: client, lambda: body)
        results: list[CompileResult] = []
        live.compiled.connect(results.append)
        live.compile_now()
        qtbot.waitUntil(lambda: len(results) == 1, timeout=30000)
        expiry = expires_at(results[0].stream_url)
        assert expiry is not None and live.state == READY
        renew = live._renew
        assert renew.isActive()
        due = time.time() + renew.remainingTime() / 1000
        assert abs(due - (expiry - RENEW_BEFORE_S)) < 5
        renew.timeout.emit()  # as if 23 hours had passed
        qtbot.waitUntil(lambda: len(results) == 2, timeout=30000)
        assert live.compiles == 2
        assert results[1].stream_url.split("?")[0] == results[0].stream_url.split("?")[0]
        live.cancel()
