"""The preview's HLS playlist: complete (VOD) at once, listing every segment of the timeline.

Segments are rendered when a player first asks for them (see `segment_cache.py`), so the
playlist never waits for ffmpeg: a player can start, or seek to minute 9, straight away.
"""

from __future__ import annotations

import math

from editor_app.server.render.segments import SEGMENT_MS, Segment


def vod_playlist(segments: list[Segment], query: str = "") -> str:
    """The playlist text; `query` (e.g. `?token=...`) is appended to every segment URI."""
    longest = max((s.seconds for s in segments), default=SEGMENT_MS / 1000)
    lines = [
        "#EXTM3U",
        "#EXT-X-VERSION:3",
        f"#EXT-X-TARGETDURATION:{math.ceil(longest)}",
        "#EXT-X-MEDIA-SEQUENCE:0",
        "#EXT-X-PLAYLIST-TYPE:VOD",
        "#EXT-X-INDEPENDENT-SEGMENTS",
    ]
    for segment in segments:
        lines += [f"#EXTINF:{segment.seconds:.3f},", segment.name + query]
    lines.append("#EXT-X-ENDLIST")
    return "\n".join(lines) + "\n"
