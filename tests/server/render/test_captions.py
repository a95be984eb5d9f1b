"""Captions built with the official SDK, rendered by libass through our graph, measured in pixels."""

from __future__ import annotations

import base64
import warnings
from pathlib import Path
from typing import Any

import pytest
from videodb import editor as sdk

from editor_app.model import Timeline
from editor_app.server.render.export import FileRender
from editor_app.server.render.graph import build_plan
from editor_app.server.render.plan import AUDIO_RATE, Window
from editor_app.server.tool_runner import ToolRunner
from tests.support.render_tools import frame_rgb

W, H = 320, 180
WHITE, RED, GREEN = (255, 255, 255), (255, 0, 0), (0, 255, 0)


def srt(*cues: tuple[float, float, str]) -> str:
    def stamp(s: float) -> str:
        return f"00:00:{int(s):02d},{round(s % 1 * 1000):03d}"

    blocks = [f"{i + 1}\n{stamp(a)} --> {stamp(b)}\n{t}\n" for i, (a, b, t) in enumerate(cues)]
    return "\n".join(blocks)


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def caption(src: str, **fields: Any) -> sdk.CaptionAsset:
    fields.setdefault("font", sdk.FontStyling(name="DejaVu Sans", size=28, bold=True))
    fields.setdefault("border", sdk.BorderAndShadow(outline=0))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return sdk.CaptionAsset(src=b64(src), **fields)


def render(
    clips: list[tuple[float, float, sdk.CaptionAsset]],
    out: Path,
    tools: ToolRunner,
    window: Window | None = None,
) -> Path:
    timeline = sdk.Timeline(object())
    timeline.background = "#000000"
    timeline.resolution = f"{W}x{H}"
    track = sdk.Track()
    for start, duration, asset in clips:
        track.add_clip(start, sdk.Clip(asset=asset, duration=duration))
    timeline.add_track(track)
    ours = Timeline.from_editor_json(timeline.to_json())
    FileRender(build_plan(ours, {}, out.parent / "work", window), out, "mp4", "high", tools).run()
    return out


def near(pixel: tuple[int, int, int], colour: tuple[int, int, int], tolerance: int = 70) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=True))


def pixels(frame: bytes, colour: tuple[int, int, int], box: tuple[int, int, int, int] = (0, 0, W, H)) -> int:
    x0, y0, x1, y1 = box
    return sum(
        1
        for y in range(y0, y1)
        for x in range(x0, x1)
        if near((frame[(y * W + x) * 3], frame[(y * W + x) * 3 + 1], frame[(y * W + x) * 3 + 2]), colour)
    )


def bbox(frame: bytes, threshold: int = 100) -> tuple[int, int, int, int]:
    xs, ys = [], []
    for i in range(0, len(frame), 3):
        if max(frame[i], frame[i + 1], frame[i + 2]) > threshold:
            xs.append(i // 3 % W)
            ys.append(i // 3 // W)
    assert xs, "no caption pixels"
    return min(xs), min(ys), max(xs) + 1, max(ys) + 1


def test_each_of_the_nine_alignments_places_the_caption_with_its_margins(
    tmp_path: Path, tools: ToolRunner
) -> None:
    margin = 12
    alignments = list(sdk.CaptionAlignment)
    clips = [
        (i * 0.5, 0.5, caption(srt((0, 0.5, "Hi")), position=sdk.Positioning(a, margin, margin, margin)))
        for i, a in enumerate(alignments)
    ]
    out = render(clips, tmp_path / "align.mp4", tools)
    for i, alignment in enumerate(alignments):
        x0, y0, x1, y1 = bbox(frame_rgb(out, i * 0.5 + 0.25))
        vertical, _, horizontal = alignment.value.partition("_")
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        if horizontal == "left":
            assert margin <= x0 <= margin + 6, (alignment, x0)
        elif horizontal == "right":
            assert W - margin - 6 <= x1 <= W - margin, (alignment, x1)
        else:
            assert abs(cx - W / 2) <= 4, (alignment, cx)
        if vertical == "top":
            assert margin <= y0 <= margin + 10, (alignment, y0)
        elif vertical == "bottom":
            assert H - margin - 10 <= y1 <= H - margin, (alignment, y1)
        else:
            assert abs(cy - H / 2) <= 6, (alignment, cy)


def test_karaoke_fills_word_by_word_over_time(tmp_path: Path, tools: ToolRunner) -> None:
    # no word timing in SRT: the two words share the cue evenly, 1 s each
    asset = caption(
        srt((0, 2, "MMMM WWWW")),
        primary_color="&H00FFFFFF",
        secondary_color="&H000000FF",  # red in &HAABBGGRR
        animation=sdk.CaptionAnimation.karaoke,
        position=sdk.Positioning(sdk.CaptionAlignment.middle_center),
    )
    out = render([(0, 2, asset)], tmp_path / "karaoke.mp4", tools)
    x0, y0, x1, y1 = bbox(frame_rgb(out, 1.0))
    mid = (x0 + x1) // 2
    left, right = (x0, y0, mid, y1), (mid, y0, x1, y1)

    def share(t: float, box: tuple[int, int, int, int]) -> float:
        frame = frame_rgb(out, t)
        white, red = pixels(frame, WHITE, box), pixels(frame, RED, box)
        return white / max(white + red, 1)

    assert share(0.05, left) < 0.15 and share(0.05, right) < 0.05  # nothing spoken yet: all red
    assert share(0.5, left) == pytest.approx(0.5, abs=0.3)  # the first word is filling
    assert share(1.1, left) > 0.9 and share(1.1, right) < 0.3  # first done, second starting
    assert share(1.95, right) > 0.8  # both spoken


def words_clip(animation: sdk.CaptionAnimation) -> sdk.CaptionAsset:
    return caption(
        srt((0, 1.5, "AAA BBB CCC")),
        primary_color="&H00FFFFFF",
        secondary_color="&H0000FF00",  # green
        animation=animation,
        position=sdk.Positioning(sdk.CaptionAlignment.middle_center),
    )


def test_every_animation_follows_the_spoken_word(tmp_path: Path, tools: ToolRunner) -> None:
    order = ["color_highlight", "box_highlight", "reveal", "impact", "supersize"]
    clips = [(i * 1.5, 1.5, words_clip(sdk.CaptionAnimation(name))) for i, name in enumerate(order)]
    plain = caption(
        srt((0, 1.5, "AAA BBB CCC")), position=sdk.Positioning(sdk.CaptionAlignment.middle_center)
    )
    clips.append((len(order) * 1.5, 1.5, plain))
    out = render(clips, tmp_path / "animations.mp4", tools)

    def at(name: str, word: int) -> bytes:
        start = order.index(name) * 1.5 if name in order else len(order) * 1.5
        return frame_rgb(out, start + word * 0.5 + 0.3)

    still = bbox(at("plain", 1))
    thirds = [
        (
            still[0] + (still[2] - still[0]) * k // 3,
            still[1],
            still[0] + (still[2] - still[0]) * (k + 1) // 3,
            still[3],
        )
        for k in range(3)
    ]
    # colour highlight: the spoken word green, the others white
    frame = at("color_highlight", 1)
    assert pixels(frame, GREEN, thirds[1]) > 30 and pixels(frame, GREEN, thirds[0]) == 0
    assert pixels(frame, WHITE, thirds[0]) > 30
    # box highlight: a green box behind the spoken word only, the words still white
    frame = at("box_highlight", 2)
    assert pixels(frame, GREEN, thirds[2]) > 150 and pixels(frame, GREEN, thirds[0]) == 0
    assert pixels(frame, WHITE, thirds[2]) > 30
    # reveal: words appear as they are spoken, in their final places
    early, late = at("reveal", 0), at("reveal", 2)
    assert pixels(early, WHITE, thirds[0]) > 30 and pixels(early, WHITE, thirds[2]) == 0
    assert pixels(late, WHITE, thirds[2]) > 30
    # impact and supersize: the spoken word pops larger than the still text
    still_h = still[3] - still[1]
    impact, supersize = bbox(at("impact", 1)), bbox(at("supersize", 1))
    assert impact[3] - impact[1] > still_h * 1.12
    assert supersize[3] - supersize[1] > impact[3] - impact[1]
    assert pixels(at("impact", 1), GREEN) > 30  # impact also recolours the word


def test_a_preview_segment_draws_the_same_captions_as_the_export(tmp_path: Path, tools: ToolRunner) -> None:
    clips = [(0.5, 2, words_clip(sdk.CaptionAnimation.karaoke))]
    whole = render(clips, tmp_path / "whole.mp4", tools)
    window = Window(1000, 2000, 1000 * AUDIO_RATE // 1000, 2000 * AUDIO_RATE // 1000)
    part = render(clips, tmp_path / "part" / "part.mp4", tools, window)
    for t in (0.1, 0.5, 0.9):
        a, b = frame_rgb(whole, 1 + t), frame_rgb(part, t)
        assert pixels(a, GREEN) == pytest.approx(pixels(b, GREEN), abs=20)
        assert pixels(a, WHITE) == pytest.approx(pixels(b, WHITE), abs=20)
