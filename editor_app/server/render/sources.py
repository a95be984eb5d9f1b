"""What the renderer needs to know about each source, and the checks against it.

The renderer never talks to the media store itself: the service turns store records into
`RenderSource`s (`timelines.source_from_record`), so the filter-graph builder stays a pure
function of its inputs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from editor_app.model import Timeline
from editor_app.model.ticks import Ticks, to_seconds
from editor_app.server.errors import RenderInputError

SourceKind = Literal["video", "audio", "image"]

# Probed lengths wobble by a frame or two against what a caller computed; the cloud's exact
# tolerance is undocumented, so a clip may overshoot its source by at most this much.
LENGTH_TOLERANCE: Ticks = 50
# The docs give 0-2 and the SDK 0-5; beyond 10 (+20 dB) is a typo, not a mix.
MAX_VOLUME = 10.0


@dataclass(frozen=True)
class RenderSource:
    id: str
    kind: SourceKind
    path: Path
    length: Ticks | None  # None for images
    width: int | None
    height: int | None
    fps: float | None
    has_audio: bool
    content_hash: str
    # pixel size of the file at `path` when it is not `width` x `height`: a preview proxy stands
    # in for the original (layout still works in the original's pixels)
    file_size: tuple[int, int] | None = None
    transcript: str | None = None  # attached SRT/VTT/ASS text: what `src: "auto"` captions show
    video_codec: str | None = None  # as ffprobe names it; says whether frames can carry alpha


SourceLookup = Callable[[str], RenderSource]


@dataclass(frozen=True)
class ProxyFile:
    """A preview proxy's file and its pixel size."""

    path: Path
    width: int
    height: int


# (content hash, rows the preview needs) -> the proxy to read instead, if one is ready
ProxyLookup = Callable[[str, int], "ProxyFile | None"]


def with_proxies(
    sources: Mapping[str, RenderSource], rows: int, proxies: ProxyLookup, version: str
) -> dict[str, RenderSource]:
    """`sources` with each video read from its ready proxy where one serves `rows`; the content
    hash names the proxy too, so cached renders of the original and the proxy never mix."""
    chosen: dict[str, RenderSource] = {}
    for media_id, source in sources.items():
        proxy = proxies(source.content_hash, rows) if source.kind == "video" else None
        if proxy is None:
            chosen[media_id] = source
        else:
            chosen[media_id] = replace(
                source,
                path=proxy.path,
                file_size=(proxy.width, proxy.height),
                content_hash=f"{source.content_hash}:{version}:{proxy.height}",
            )
    return chosen


def collect_sources(timeline: Timeline, lookup: SourceLookup) -> dict[str, RenderSource]:
    """Every source the timeline uses, checked: right kind, long enough, present on disk."""
    sources: dict[str, RenderSource] = {}
    for _track, clip in timeline.clips():
        media_id = clip.media_id
        if media_id is None:
            continue
        source = sources.get(media_id) or lookup(media_id)
        if source.kind != clip.kind:
            raise RenderInputError(
                f"a {clip.kind} clip names {media_id}, which is not a {clip.kind} but {source.kind}"
            )
        volume = clip.volume
        if volume is not None and volume > MAX_VOLUME:
            raise RenderInputError(f"volume: {volume} of {media_id} is above the maximum {MAX_VOLUME}")
        if not source.path.is_file():
            raise RenderInputError(f"the file of {media_id} is missing from the media store")
        if source.length is not None:
            available = source.length - clip.source_start
            if clip.duration > available + LENGTH_TOLERANCE:
                raise RenderInputError(
                    f"Clip duration: {_secs(clip.duration)} greater than {source.kind} length: "
                    f"{_secs(max(available, 0))}"
                )
        sources[media_id] = source
    return sources


def _secs(ticks: Ticks) -> str:
    return str(float(to_seconds(ticks)))


def content_key(sources: Mapping[str, RenderSource]) -> list[str]:
    """The media part of a render cache key: ids with the hash of their content."""
    return sorted(f"{s.id}:{s.content_hash}" for s in sources.values())
