"""A title wider than its box wraps to it, through the local backend's /editor compile and export:
measured with the font fontconfig picks, each wrapped line aligned on its own, none wider than the
box; a preview breaks at the same words as the export."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from fastapi.testclient import TestClient
from videodb import editor as sdk

from editor_app.model import Clip, TextAsset, Timeline
from editor_app.server.render.text import text_layer
from tests.support.render_tools import frame_rgb

W, H, BOX = 960, 540, 600
SENTENCE = "The quick brown fox jumps over the lazy dog while the band plays on and on"


def sentence_timeline(text: str = SENTENCE) -> dict[str, Any]:
    timeline = sdk.Timeline(object())
    timeline.background = "#000000"
    timeline.resolution = f"{W}x{H}"
    asset = sdk.TextAsset(
        text=text,
        font=sdk.Font(family="DejaVu Sans", size=36, color="#FFFFFF"),
        alignment=sdk.Alignment(horizontal=sdk.HorizontalAlignment.center),
        width=BOX,
        height=300,
    )
    track = sdk.Track()
    track.add_clip(0, sdk.Clip(asset=asset, duration=1))
    timeline.add_track(track)
    body: dict[str, Any] = timeline.to_json()
    return body


def local(url: str) -> str:
    parts = urlparse(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def exported(client: TestClient, body: dict[str, Any], out: Path) -> Path:
    compiled = client.post("/editor", json=body)
    assert compiled.status_code == 200, compiled.text
    job = client.post("/editor/download", json={"stream_url": compiled.json()["data"]["stream_url"]}).json()
    deadline = time.monotonic() + 60
    while (answer := client.get(local(job["data"]["output_url"])).json())["status"] == "processing":
        assert time.monotonic() < deadline, "the export never settled"
        time.sleep(0.1)
    assert answer["status"] == "done", answer
    out.write_bytes(TestClient(client.app).get(local(answer["data"]["download_url"])).content)
    return out


def line_spans(frame: bytes) -> list[tuple[int, int, int, int]]:
    """(top, bottom, left, right) of each band of rows holding white pixels."""

    def white(x: int, y: int) -> bool:
        return min(frame[(y * W + x) * 3 : (y * W + x) * 3 + 3]) > 150

    rows = [[x for x in range(W) if white(x, y)] for y in range(H)]
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


def test_a_long_centred_sentence_wraps_to_its_box_each_line_centred(
    app_client: TestClient, tmp_path: Path
) -> None:
    frame = frame_rgb(exported(app_client, sentence_timeline(), tmp_path / "wrap.mp4"), 0.5)
    spans = line_spans(frame)
    assert len(spans) >= 3, spans  # one line of it is ~1400 px of DejaVu Sans at 36 px
    for _top, _bottom, left, right in spans:
        assert right - left <= BOX
        assert (left + right) / 2 == pytest.approx(W / 2, abs=3)
    assert max(right - left for *_, left, right in spans) > BOX * 0.7  # filled, not one word a line


def drawn_lines(timeline: Timeline, frame: tuple[int, int], k: float, work: Path) -> list[str]:
    clip = timeline.tracks[0].clips[0]
    assert isinstance(clip, Clip) and isinstance(clip.asset, TextAsset)
    layer = text_layer(clip, clip.asset, frame, work / "t.txt", k)
    return [layer.files[path] for path in sorted(layer.files)]


def test_a_preview_breaks_at_the_exports_words_and_long_words_break(tmp_path: Path) -> None:
    timeline = Timeline.from_editor_json(sentence_timeline(SENTENCE + "\nkept\n" + "W" * 40))
    full = drawn_lines(timeline, (W, H), 1.0, tmp_path)
    assert drawn_lines(timeline, (W // 3, H // 3), 1 / 3, tmp_path) == full
    assert "kept" in full and all(line.strip() for line in full)
    assert sum(1 for line in full if line.startswith("W")) >= 2  # the over-long word broke
    assert " ".join(full[: full.index("kept")]) == SENTENCE
