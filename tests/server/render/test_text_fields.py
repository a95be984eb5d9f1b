"""Text with every field, built with the official SDK and measured in pixels: each line of a
multi-line title aligned on its own, a sized background box with the text aligned in it, shadow."""

from __future__ import annotations

from pathlib import Path

import pytest
from videodb import editor as sdk

from editor_app.model import Timeline
from editor_app.server.render.export import FileRender
from editor_app.server.render.graph import build_plan
from editor_app.server.tool_runner import ToolRunner
from tests.support.render_tools import frame_rgb

W, H = 320, 180


def render(asset: sdk.TextAsset, out: Path, tools: ToolRunner, **clip: object) -> bytes:
    timeline = sdk.Timeline(object())
    timeline.background = "#000000"
    timeline.resolution = f"{W}x{H}"
    track = sdk.Track()
    track.add_clip(0, sdk.Clip(asset=asset, duration=1, **clip))  # type: ignore[arg-type]
    timeline.add_track(track)
    ours = Timeline.from_editor_json(timeline.to_json())
    FileRender(build_plan(ours, {}, out.parent / "work"), out, "mp4", "high", tools).run()
    return frame_rgb(out, 0.5)


def lit(frame: bytes, x: int, y: int, channel: int | None = None) -> bool:
    px = frame[(y * W + x) * 3 : (y * W + x) * 3 + 3]
    return px[channel] > 150 and sum(px) - px[channel] < 200 if channel is not None else min(px) > 150


def line_spans(frame: bytes) -> list[tuple[int, int, int, int]]:
    """(top, bottom, left, right) of each band of rows holding white pixels."""
    rows = [[x for x in range(W) if lit(frame, x, y)] for y in range(H)]
    spans: list[tuple[int, int, int, int]] = []
    start: int | None = None
    for y in range(H + 1):
        has = y < H and bool(rows[y])
        if has and start is None:
            start = y
        elif not has and start is not None:
            xs = [x for r in rows[start:y] for x in r]
            spans.append((start, y, min(xs), max(xs) + 1))
            start = None
    return spans


def title(text: str, horizontal: sdk.HorizontalAlignment, **fields: object) -> sdk.TextAsset:
    return sdk.TextAsset(
        text=text,
        font=sdk.Font(family="DejaVu Sans", size=24, color="#FFFFFF"),
        alignment=sdk.Alignment(horizontal=horizontal, vertical=sdk.VerticalAlignment.center),
        **fields,  # type: ignore[arg-type]
    )


def test_a_centred_two_line_title_centres_both_lines(tmp_path: Path, tools: ToolRunner) -> None:
    frame = render(
        title("A MUCH WIDER LINE\nnarrow", sdk.HorizontalAlignment.center), tmp_path / "c.mp4", tools
    )
    first, second = line_spans(frame)
    assert first[3] - first[2] > (second[3] - second[2]) * 1.8  # really different widths
    for _top, _bottom, left, right in (first, second):
        assert (left + right) / 2 == pytest.approx(W / 2, abs=3)
    assert (first[0] + second[1]) / 2 == pytest.approx(H / 2, abs=4)  # the block is centred too


def test_right_aligned_lines_share_their_right_edge_and_spacing_adds_room(
    tmp_path: Path, tools: ToolRunner
) -> None:
    tight = line_spans(
        render(title("WIDE WIDE\nab", sdk.HorizontalAlignment.right), tmp_path / "r.mp4", tools)
    )
    loose = line_spans(
        render(
            title("WIDE WIDE\nab", sdk.HorizontalAlignment.right, line_spacing=20), tmp_path / "s.mp4", tools
        )
    )
    assert abs(tight[0][3] - tight[1][3]) <= 2 and tight[0][3] >= W - 3
    assert (loose[1][0] - loose[0][0]) - (tight[1][0] - tight[0][0]) == pytest.approx(20, abs=2)


def test_a_sized_background_is_a_box_with_the_text_aligned_in_it(tmp_path: Path, tools: ToolRunner) -> None:
    background = sdk.Background(
        width=200, height=100, color="#0000FF", opacity=1.0, text_alignment=sdk.TextAlignment.top_left
    )
    frame = render(
        title("Hi", sdk.HorizontalAlignment.center, background=background), tmp_path / "b.mp4", tools
    )
    blue = [(x, y) for y in range(H) for x in range(W) if lit(frame, x, y, channel=2)]
    xs, ys = [x for x, _ in blue], [y for _, y in blue]
    assert (min(xs), max(xs) + 1) == (60, 260) and (min(ys), max(ys) + 1) == (40, 140)
    ((top, _bottom, left, _right),) = line_spans(frame)
    assert 60 <= left <= 66 and 40 <= top <= 50  # in the box's top left corner
