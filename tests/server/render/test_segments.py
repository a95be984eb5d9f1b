"""Preview segments rendered on their own: keys, pixels, seamless sound at the joins, speed."""

from __future__ import annotations

import array
import itertools
import json
import math
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from editor_app.model import Timeline
from editor_app.server.render.hls import vod_playlist
from editor_app.server.render.segments import SEGMENT_MS, Segment, SegmentedTimeline, render_segment
from editor_app.server.render.sources import RenderSource
from editor_app.server.tool_runner import ToolRunner
from tests.support.render_tools import close, make_video, source_for

RATE = 48000
SEG_S = SEGMENT_MS / 1000  # the tests follow the segment length rather than assume one


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> dict[str, RenderSource]:
    folder = tmp_path_factory.mktemp("segment-media")
    return {
        "m-red": source_for(make_video(folder / "red.mp4", "red", seconds=4, size="160x90"), "m-red"),
        "m-blue": source_for(make_video(folder / "blue.mp4", "blue", seconds=4, size="160x90"), "m-blue"),
        "m-tone": source_for(
            make_video(folder / "tone.mp4", "gray", seconds=7, size="160x90", tone_hz=1000), "m-tone"
        ),
    }


FROM_START = ["ffmpeg", "-v", "error", "-i"]


def crop_pixel(x: int, y: int) -> list[str]:
    return ["-vf", f"format=rgb24,crop=1:1:{x}:{y}"]


def pixel_at(path: Path, seconds: float, x: int, y: int) -> tuple[int, int, int]:
    """Decoded from the segment's start (its only keyframe), then `seconds` in."""
    raw = subprocess.run(
        [
            *FROM_START,
            str(path),
            "-ss",
            f"{seconds}",
            "-frames:v",
            "1",
            *crop_pixel(x, y),
            "-f",
            "rawvideo",
            "-",
        ],
        check=True,
        capture_output=True,
    ).stdout
    assert len(raw) == 3, f"no frame at {seconds}s in {path}"
    return raw[0], raw[1], raw[2]


def clip(media_id: str, start: float, duration: float, **extra: Any) -> dict[str, Any]:
    asset = {"type": "video", "id": media_id, "start": extra.pop("src", 0), "volume": extra.pop("volume", 1)}
    return {"start": start, "clip": {"asset": asset, "duration": duration, **extra}}


def segmented(
    clips: list[dict[str, Any]], media: dict[str, RenderSource], name: str = "s"
) -> SegmentedTimeline:
    timeline = Timeline.from_editor_json({"timeline": {"resolution": "160x90", "tracks": [{"clips": clips}]}})
    used = {c["clip"]["asset"]["id"] for c in clips}
    return SegmentedTimeline(name, timeline, {k: v for k, v in media.items() if k in used}, generation=0)


def render_all(stream: SegmentedTimeline, folder: Path, tools: ToolRunner) -> list[Path]:
    paths = []
    for segment in stream.segments:
        path = folder / segment.name
        render_segment(stream, segment, path, folder / "work", tools)
        paths.append(path)
    return paths


def probe(path: Path, entries: str) -> list[dict[str, Any]]:
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", entries, "-of", "json", str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return list(json.loads(out).get("packets") or json.loads(out).get("streams") or [])


def test_segments_cover_the_timeline_with_a_short_last_one(media: dict[str, RenderSource]) -> None:
    stream = segmented([clip("m-red", 0, 4), clip("m-blue", 4, 2.5)], media)  # 6.5 s
    full = 6000 // SEGMENT_MS
    expected = [(i * SEGMENT_MS, (i + 1) * SEGMENT_MS) for i in range(full)] + [(6000, 6500)]
    assert [(s.start, s.end) for s in stream.segments] == expected
    text = vod_playlist(stream.segments, "?token=t")
    assert "#EXT-X-PLAYLIST-TYPE:VOD" in text and text.rstrip().endswith("#EXT-X-ENDLIST")
    assert f"#EXT-X-TARGETDURATION:{math.ceil(SEG_S)}" in text
    assert text.count(f"#EXTINF:{SEG_S:.3f},") == full
    assert f"#EXTINF:0.500,\nseg_{full:05d}.ts?token=t" in text


def test_an_edit_changes_only_the_keys_of_the_segments_it_touches(media: dict[str, RenderSource]) -> None:
    clips = [clip("m-red", 0, 4), clip("m-blue", 4, 4), clip("m-red", 8, 4)]
    before = segmented(clips, media)
    clips[2] = clip("m-red", 8, 4, volume=0.5)
    after = segmented(clips, media)
    changed = [a.index for a, b in zip(before.segments, after.segments, strict=True) if a.key != b.key]
    # the segments of [8 s, 12 s), and the one before: it carries the first AAC frame reaching past 8 s
    assert changed == list(range(8000 // SEGMENT_MS - 1, 12000 // SEGMENT_MS))
    moved = segmented([clip("m-red", 0, 4), clip("m-blue", 4, 4), clip("m-red", 8, 4)], media, "other")
    assert [s.key for s in moved.segments] == [s.key for s in before.segments]  # same content, same keys


def test_segment_pixels_and_continuous_timestamps(
    media: dict[str, RenderSource], tmp_path: Path, tools: ToolRunner
) -> None:
    stream = segmented([clip("m-red", 0, 2.5), clip("m-blue", 2.5, 3.5, src=0.5)], media)
    paths = render_all(stream, tmp_path, tools)
    cut = 2500 // SEGMENT_MS  # the segment with the cut at 2.5 s: red until it, then blue
    into = (2500 - cut * SEGMENT_MS) / 1000
    assert close(pixel_at(paths[cut], into / 2, 80, 45), (255, 0, 0))
    assert close(pixel_at(paths[cut], (into + SEG_S) / 2, 80, 45), (0, 0, 255))
    assert close(pixel_at(paths[cut + 1], SEG_S / 2, 80, 45), (0, 0, 255))
    starts = []
    for path in paths:
        video = [p for p in probe(path, "packet=stream_index,pts_time,flags") if p["stream_index"] == 0]
        assert video[0]["flags"].startswith("K"), f"{path.name} does not start on a keyframe"
        starts.append(float(video[0]["pts_time"]))
        assert len(video) == round(25 * SEG_S)  # 25 fps
    assert {round(b - a, 3) for a, b in itertools.pairwise(starts)} == {SEG_S}


def decoded_mono(paths: list[Path], folder: Path) -> array.array[float]:
    joined = folder / "joined.ts"
    joined.write_bytes(b"".join(p.read_bytes() for p in paths))
    pcm = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(joined), "-vn", "-ac", "1", "-ar", str(RATE), "-f", "f32le", "-"],
        check=True,
        capture_output=True,
    ).stdout
    return array.array("f", pcm)


def rms(samples: array.array[float], start: int, count: int) -> float:
    return math.sqrt(sum(s * s for s in samples[start : start + count]) / count)


def test_sound_is_seamless_across_segment_joins(
    media: dict[str, RenderSource], tmp_path: Path, tools: ToolRunner
) -> None:
    stream = segmented([clip("m-tone", 0, 6.5)], media)
    sound = decoded_mono(render_all(stream, tmp_path, tools), tmp_path)
    assert abs(len(sound) - 6.5 * RATE) < 1024  # no frame doubled or lost at three joins
    step = [abs(sound[i + 1] - sound[i]) for i in range(len(sound) - 1)]
    steady = max(step[RATE // 10 : RATE])  # a 1 kHz tone's largest sample-to-sample step
    level = rms(sound, RATE // 2, RATE // 2)
    assert level > 0.05
    for join in (2 * RATE, 4 * RATE, 6 * RATE):
        near = max(step[join - 480 : join + 480])  # 10 ms either side of the join
        assert near < steady * 1.25, f"a step of {near:.4f} at {join / RATE:.0f} s (tone: {steady:.4f})"
        quietest = min(rms(sound, start, 48) for start in range(join - 480, join + 480, 24))
        assert quietest > level * 0.7, (
            f"a 1 ms dip to {quietest:.4f} at {join / RATE:.0f} s (tone: {level:.4f})"
        )


def test_a_segment_deep_in_a_ten_minute_timeline_renders_at_once(
    media: dict[str, RenderSource], tmp_path: Path, tools: ToolRunner
) -> None:
    clips = [clip("m-red" if i % 2 else "m-blue", i * 4, 4) for i in range(150)]
    started = time.monotonic()
    stream = segmented(clips, media)
    cut = time.monotonic() - started
    assert len(stream.segments) == 600_000 // SEGMENT_MS and cut < 1.0
    started = time.monotonic()
    render_segment(stream, stream.segments[0], tmp_path / "first.ts", tmp_path / "work", tools)
    at_start = time.monotonic() - started
    segment: Segment = stream.segments[542_000 // SEGMENT_MS]  # from 542 s: the clip at 540 s (136th) is red
    started = time.monotonic()
    render_segment(stream, segment, tmp_path / segment.name, tmp_path / "work", tools)
    took = time.monotonic() - started
    print(f"segment at minute 9 of 10: {took:.3f} s, at 0: {at_start:.3f} s, cutting {cut:.3f} s")
    # as quick as the first segment (nothing before it is decoded), and quick outright; the
    # bound is loose because the test machine's cores are shared
    assert took < at_start * 2 + 0.5 and took < 3.0
    assert close(pixel_at(tmp_path / segment.name, SEG_S / 2, 80, 45), (255, 0, 0))
