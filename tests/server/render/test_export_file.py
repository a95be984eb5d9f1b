"""Rendering real timelines with ffmpeg and measuring the picture and the sound."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from editor_app.model import Timeline
from editor_app.server.errors import RenderCancelled, RenderFailed
from editor_app.server.render.export import FileRender
from editor_app.server.render.graph import build_plan
from editor_app.server.render.sources import RenderSource
from editor_app.server.tool_runner import ToolRunner
from tests.support.render_tools import (
    close,
    codec_names,
    count_close,
    duration_of,
    frame_rgb,
    make_image,
    make_split_image,
    make_tone,
    make_video,
    mean_volume,
    pixel_at,
    source_for,
)

RED, BLUE, LIME, BG = (255, 0, 0), (0, 0, 255), (0, 255, 0), (32, 32, 32)


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> dict[str, RenderSource]:
    folder = tmp_path_factory.mktemp("render-media")
    return {
        "m-red": source_for(make_video(folder / "red.mp4", "red", seconds=4, tone_hz=440), "m-red"),
        "m-blue": source_for(make_video(folder / "blue.mp4", "blue", seconds=4, tone_hz=880), "m-blue"),
        "img-lime": source_for(make_image(folder / "lime.png", "lime"), "img-lime"),
        "a-tone": source_for(make_tone(folder / "tone.wav", seconds=3), "a-tone"),
        "img-split": source_for(make_split_image(folder / "split.png"), "img-split"),
    }


def timeline(*tracks: list[dict[str, Any]]) -> Timeline:
    body = {"background": "#202020", "resolution": "320x180", "tracks": [{"clips": c} for c in tracks]}
    return Timeline.from_editor_json({"timeline": body})


def clip(start: float, asset: dict[str, Any], duration: float, **extra: Any) -> dict[str, Any]:
    return {"start": start, "clip": {"asset": asset, "duration": duration, **extra}}


def video(media_id: str, start: float = 0, volume: float = 1.0) -> dict[str, Any]:
    return {"type": "video", "id": media_id, "start": start, "volume": volume}


IMAGE = {"type": "image", "id": "img-lime"}


def render(
    tools: ToolRunner,
    tl: Timeline,
    media: dict[str, RenderSource],
    out: Path,
    fmt: Any = "mp4",
    quality: Any = "low",
    **kw: Any,
) -> Path:
    plan = build_plan(tl, media, out.parent / "work")
    FileRender(plan, out, fmt, quality, tools, **kw).run()
    return out


def test_layers_gaps_fades_and_volumes(
    media: dict[str, RenderSource], tmp_path: Path, tools: ToolRunner
) -> None:
    tl = timeline(
        [
            clip(0, video("m-red", volume=0.5), 2),
            clip(3, video("m-red", start=1), 2),
            clip(5, video("m-blue"), 2, transition={"in": "fade", "out": None, "duration": 1}),
        ],
        [clip(0.5, IMAGE, 1, fit=None, position="top_left", opacity=0.5)],
    )
    out = render(tools, tl, media, tmp_path / "out.mp4")
    assert duration_of(out) == pytest.approx(7.0, abs=0.1)
    assert close(pixel_at(out, 0.2, 160, 90), RED)
    assert close(pixel_at(out, 1.0, 10, 10), (128, 128, 0))  # lime at half opacity over red
    assert close(pixel_at(out, 1.0, 200, 150), RED)
    assert close(pixel_at(out, 2.5, 160, 90), BG)  # the gap shows the background
    assert close(pixel_at(out, 4.0, 160, 90), RED)
    assert close(pixel_at(out, 5.5, 160, 90), (16, 16, 144), tolerance=40)  # halfway through the fade
    assert close(pixel_at(out, 6.5, 160, 90), BLUE)
    half, full, gap = mean_volume(out, 0.3, 1.4), mean_volume(out, 3.3, 1.4), mean_volume(out, 2.2, 0.6)
    assert full - half == pytest.approx(6.0, abs=1.0)  # volume 0.5 is -6 dB
    assert gap < -80  # silence where nothing plays


def test_fit_contain_and_offset_up(media: dict[str, RenderSource], tmp_path: Path, tools: ToolRunner) -> None:
    tl = timeline(
        [clip(0, IMAGE, 1, fit="contain")],
        [clip(1, IMAGE, 1, fit=None, offset={"x": 0, "y": 0.25})],
    )
    out = render(tools, tl, media, tmp_path / "fit.mp4")
    # contain: a square picture in a 16:9 frame is 180x180, centred, with background beside it
    assert close(pixel_at(out, 0.5, 160, 90), LIME) and close(pixel_at(out, 0.5, 30, 90), BG)
    # no fit: 64x64 centred, then moved up by a quarter of the frame (45 px)
    assert close(pixel_at(out, 1.5, 160, 45), LIME) and close(pixel_at(out, 1.5, 160, 100), BG)


def test_filters_change_the_picture(
    media: dict[str, RenderSource], tmp_path: Path, tools: ToolRunner
) -> None:
    looks = ["negative", "greyscale", "darken", "lighten", "muted", "boost", "contrast", "blur", None]
    split = {"type": "image", "id": "img-split", "crop": {"top": 0, "right": 0, "bottom": 0, "left": 0}}
    clips = [clip(i * 0.5, video("m-red"), 0.5, filter=name) for i, name in enumerate(looks[:7])]
    clips += [clip(3.5, split, 0.5, fit="cover", filter="blur"), clip(4, split, 0.5, fit="cover")]
    out = render(tools, timeline(clips), media, tmp_path / "looks.mp4")

    def at(index: int, x: int = 160) -> tuple[int, int, int]:
        return pixel_at(out, index * 0.5 + 0.25, x, 90)

    assert close(at(0), (0, 255, 255), tolerance=40)  # negative
    grey = at(1)
    assert max(grey) - min(grey) < 20  # greyscale
    assert at(2)[0] < 200 and at(2)[1] < 30  # darken
    assert at(3)[1] > 40 and at(3)[2] > 40  # lighten lifts every channel
    muted = at(4)
    assert muted[0] < 230 and muted[1] > 25  # muted: less saturated red
    assert close(at(5), RED, tolerance=40) and close(at(6), RED, tolerance=40)  # red stays red
    sharp_edge, blurred_edge = at(8, 156), at(7, 156)  # 4 px left of the red|blue edge
    assert close(sharp_edge, RED, tolerance=40) and not close(blurred_edge, RED, tolerance=40)


def test_asset_crop_cuts_before_fitting(
    media: dict[str, RenderSource], tmp_path: Path, tools: ToolRunner
) -> None:
    left_half = {"type": "image", "id": "img-split", "crop": {"top": 0, "right": 32, "bottom": 0, "left": 0}}
    whole = {"type": "image", "id": "img-split"}
    out = render(
        tools, timeline([clip(0, whole, 1, fit="cover"), clip(1, left_half, 1)]), media, tmp_path / "crop.mp4"
    )
    assert close(pixel_at(out, 0.5, 20, 90), RED) and close(pixel_at(out, 0.5, 300, 90), BLUE)
    # the red half alone, filled to the frame (fit crop)
    assert close(pixel_at(out, 1.5, 20, 90), RED) and close(pixel_at(out, 1.5, 300, 90), RED)


def test_text_and_caption_cues_draw_where_and_when_asked(
    media: dict[str, RenderSource], tmp_path: Path, tools: ToolRunner
) -> None:
    text = {
        "type": "text",
        "text": "HELLO:[x]",
        "font": {"family": "DejaVu Sans", "size": 40, "color": "#FFFF00"},
    }
    srt = "1\n00:00:00,000 --> 00:00:00,800\nCAPTION\n"
    caption = {
        "type": "caption",
        "src": srt,
        "font": {"font_name": "DejaVu Sans", "font_size": 30},
        "primary_color": "&H00FFFFFF",
    }
    tl = timeline([clip(0, video("m-blue"), 2)], [clip(0, text, 1)], [clip(1, caption, 1)])
    out = render(tools, tl, media, tmp_path / "text.mp4")
    assert count_close(frame_rgb(out, 0.5), (255, 255, 0)) > 100
    assert count_close(frame_rgb(out, 1.5), (255, 255, 0)) == 0
    assert count_close(frame_rgb(out, 1.4), (255, 255, 255)) > 100  # the cue shows...
    assert count_close(frame_rgb(out, 1.9), (255, 255, 255)) == 0  # ...and ends at 0.8 s


@pytest.mark.parametrize(("fmt", "codecs"), [("webm", ["vp9", "opus"]), ("avi", ["mpeg4", "mp3"])])
def test_other_formats(
    media: dict[str, RenderSource], tmp_path: Path, fmt: Any, codecs: list[str], tools: ToolRunner
) -> None:
    out = render(tools, timeline([clip(0, video("m-red"), 1)]), media, tmp_path / f"out.{fmt}", fmt=fmt)
    assert codec_names(out) == codecs
    assert duration_of(out) == pytest.approx(1.0, abs=0.15)


def test_progress_is_reported_up_to_the_end(
    media: dict[str, RenderSource], tmp_path: Path, tools: ToolRunner
) -> None:
    seen: list[float] = []
    render(tools, timeline([clip(0, video("m-red"), 4)]), media, tmp_path / "p.mp4", on_progress=seen.append)
    assert seen and seen == sorted(seen) and seen[-1] > 0.9


def test_missing_source_fails_with_ffmpegs_reason(
    media: dict[str, RenderSource], tmp_path: Path, tools: ToolRunner
) -> None:
    gone = RenderSource(**{**media["m-red"].__dict__, "path": tmp_path / "gone.mp4"})
    out = tmp_path / "x.mp4"
    with pytest.raises(RenderFailed, match="No such file"):
        render(tools, timeline([clip(0, video("m-red"), 1)]), {"m-red": gone}, out)
    assert list(tmp_path.glob("x.mp4*")) == []


def test_a_short_file_is_never_reported_done(
    media: dict[str, RenderSource], tmp_path: Path, tools: ToolRunner
) -> None:
    plan = build_plan(timeline([clip(0, video("m-red"), 1)]), media, tmp_path / "work")
    plan.duration = 3000  # the graph still renders 1 s: verification must catch it
    with pytest.raises(RenderFailed, match=r"lasts 1\.\d+ s instead of 3\.00 s"):
        FileRender(plan, tmp_path / "short.mp4", "mp4", "low", tools).run()
    assert list(tmp_path.glob("short.mp4*")) == []


def test_cancel_kills_ffmpeg_and_removes_the_part(
    media: dict[str, RenderSource], tmp_path: Path, tools: ToolRunner
) -> None:
    clips = [clip(i * 4, video("m-red"), 4) for i in range(15)]
    plan = build_plan(timeline(clips), media, tmp_path / "work")
    out = tmp_path / "long.webm"
    job: FileRender

    def cancel_at_first_progress(fraction: float) -> None:
        job.cancel()

    job = FileRender(plan, out, "webm", "high", tools, on_progress=cancel_at_first_progress)
    with pytest.raises(RenderCancelled):
        job.run()
    assert list(tmp_path.glob("long.webm*")) == []


def test_a_full_disk_fails_with_the_reason_and_leaves_nothing(
    media: dict[str, RenderSource], tmp_path: Path, tools: ToolRunner
) -> None:
    out = tmp_path / "full.mp4"
    Path(str(out) + ".part").symlink_to("/dev/full")  # every write answers ENOSPC
    with pytest.raises(RenderFailed, match="No space left on device"):
        render(tools, timeline([clip(0, video("m-red"), 1)]), media, out)
    assert list(tmp_path.glob("full.mp4*")) == []


def test_audio_clips_sound_at_their_place(
    media: dict[str, RenderSource], tmp_path: Path, tools: ToolRunner
) -> None:
    tone = {"type": "audio", "id": "a-tone", "start": 0.5, "volume": 1}
    silent_video = {"type": "video", "id": "m-red", "start": 0, "volume": 0}
    out = render(
        tools, timeline([clip(0, silent_video, 3)], [clip(1, tone, 1)]), media, tmp_path / "tone.mp4"
    )
    assert duration_of(out) == pytest.approx(3.0, abs=0.1)
    assert mean_volume(out, 1.1, 0.8) > -30
    assert mean_volume(out, 0.1, 0.8) < -80 and mean_volume(out, 2.2, 0.7) < -80
