"""Shared by the preview tests: a compiled two-colour timeline and tiny loopback HTTP servers."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from editor_app.api.client import VideoDBClient
from editor_app.model import Clip, Timeline, Track, VideoAsset
from editor_app.ui.media.items import media_info_from_item
from tests.support.media import MediaFactory

RED, GREEN = 0xFF0000, 0x00FF00


def two_colour_timeline(client: VideoDBClient, media: MediaFactory, seconds: float = 2) -> Timeline:
    """V1: red for `seconds`, then lime for `seconds` (silent), 320x180."""
    ms = int(seconds * 1000)
    red = client.upload(media.make_video(color="red", seconds=seconds, tone_hz=None), name="red")
    green = client.upload(media.make_video(color="lime", seconds=seconds, tone_hz=None), name="lime")
    track = Track(name="V1", kind="video")
    timeline = Timeline(
        resolution="320x180",
        tracks=[track],
        media={item.id: media_info_from_item(item) for item in (red, green)},
    )
    timeline.attach(track, Clip(start=0, duration=ms, asset=VideoAsset(id=red.id)))
    timeline.attach(track, Clip(start=ms, duration=ms, asset=VideoAsset(id=green.id)))
    return timeline


def dominant(rgb: int) -> int:
    """The colour snapped to pure red/green/blue/black (video codecs shift values a little)."""
    channels = [(rgb >> shift) & 0xFF for shift in (16, 8, 0)]
    return sum((0xFF if c > 128 else 0) << shift for c, shift in zip(channels, (16, 8, 0), strict=True))


class _Handler(BaseHTTPRequestHandler):
    routes: dict[str, tuple[str, bytes]] = {}

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        if path not in self.routes:
            self.send_error(404)
            return
        content_type, body = self.routes[path]
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return None


@contextmanager
def static_server(
    routes: dict[str, tuple[str, bytes]], stall_s: dict[str, float] | None = None
) -> Iterator[str]:
    """Serves fixed bodies on loopback; yields the base URL."""
    handler = type("Handler", (_Handler,), {"routes": routes, "stall_s": stall_s or {}})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
