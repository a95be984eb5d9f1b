"""The pure parts of the renderer: layout, escaping, validation and the graph's shape."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from editor_app.model import Timeline
from editor_app.server.errors import MissingSourceError, RenderInputError
from editor_app.server.render.encoders import export_output
from editor_app.server.render.escape import ass_colour, colour, filter_value, font_name
from editor_app.server.render.graph import INLINE_GRAPH_LIMIT, build_plan
from editor_app.server.render.layout import fit, place
from editor_app.server.render.plan import Output
from editor_app.server.render.sources import RenderSource, collect_sources

SOURCES = {
    "m-a": RenderSource("m-a", "video", Path("/media/a.mp4"), 10_000, 640, 360, 30.0, True, "ha"),
    "m-silent": RenderSource("m-silent", "video", Path("/media/s.mp4"), 10_000, 640, 360, 25.0, False, "hs"),
    "a-1": RenderSource("a-1", "audio", Path("/media/1.m4a"), 8_000, None, None, None, True, "h1"),
    "img-1": RenderSource("img-1", "image", Path("/media/1.png"), None, 100, 50, None, False, "hi"),
}


def timeline(*tracks: list[dict[str, Any]], resolution: str = "1280x720") -> Timeline:
    body = {"background": "#000000", "resolution": resolution, "tracks": [{"clips": c} for c in tracks]}
    return Timeline.from_editor_json({"timeline": body})


def video(start: float, media: str = "m-a", duration: float = 2, **clip: Any) -> dict[str, Any]:
    asset = {"type": "video", "id": media, "start": clip.pop("src_start", 0), "volume": clip.pop("volume", 1)}
    return {"start": start, "clip": {"asset": asset, "duration": duration, **clip}}


def the_clip(item: dict[str, Any]) -> Any:
    return timeline([item]).tracks[0].clips[0]


def test_fit_modes_and_scale() -> None:
    # a 640x360 source into a 1280x720 frame keeps its shape in every mode but "none"
    assert fit(the_clip(video(0, fit="crop")), 640, 360, 1280, 720, None).final == (1280, 720)
    assert fit(the_clip(video(0, fit="contain")), 640, 480, 1280, 720, None).final == (960, 720)
    cropped = fit(the_clip(video(0, fit="crop")), 640, 480, 1280, 720, None)
    assert cropped.scaled == (1280, 960) and cropped.frame_cut == (1280, 720)
    assert fit(the_clip(video(0, fit="cover")), 640, 480, 1280, 720, None).final == (1280, 720)
    assert fit(the_clip(video(0, fit=None)), 640, 480, 1280, 720, None).final == (640, 480)
    assert fit(the_clip(video(0, fit=None, scale=0.5)), 640, 480, 1280, 720, None).final == (320, 240)


def test_position_and_offset_y_points_up() -> None:
    assert place(the_clip(video(0, position="center")), 100, 50, 1000, 500) == (450, 225)
    assert place(the_clip(video(0, position="top_left")), 100, 50, 1000, 500) == (0, 0)
    assert place(the_clip(video(0, position="bottom_right")), 100, 50, 1000, 500) == (900, 450)
    moved = the_clip(video(0, position="center", offset={"x": 0.1, "y": 0.2}))
    assert place(moved, 100, 50, 1000, 500) == (550, 125)


def test_colours_and_fonts_are_validated() -> None:
    assert colour("#ff0000", "c") == "0xFF0000@1.000"
    assert colour("#00ff0080", "c") == "0x00FF00@0.502"
    assert ass_colour("&H00FFFFFF", "c") == "0xFFFFFF@1.000"
    assert ass_colour("&H000000FF", "c") == "0xFF0000@1.000"
    for bad in ("red:x=1", "#12345", "#fff;drawtext", "0xFFFFFF@1"):
        with pytest.raises(RenderInputError, match="not a colour"):
            colour(bad, "font.color")
    assert font_name("Clear Sans", "f") == "Clear Sans"
    with pytest.raises(RenderInputError, match="not a font name"):
        font_name("Sans:fontfile=/etc/passwd", "font.family")


def test_filter_value_escapes_both_levels() -> None:
    assert filter_value("/a b/c") == "/a b/c"
    assert filter_value("x:y") == "x\\\\:y"
    assert filter_value("a,b;[c]") == "a\\,b\\;\\[c\\]"
    assert filter_value("it's") == "it\\\\\\'s"


def test_collect_sources_checks_length_and_ids(tmp_path: Path) -> None:
    media = tmp_path / "a.mp4"
    media.write_bytes(b"x")
    present = {"m-a": RenderSource("m-a", "video", media, 4_000, 320, 180, 25.0, True, "h")}

    def lookup(media_id: str) -> RenderSource:
        if media_id not in present:
            raise MissingSourceError(media_id, "video")
        return present[media_id]

    assert set(collect_sources(timeline([video(0, duration=4)]), lookup)) == {"m-a"}
    with pytest.raises(RenderInputError, match=r"Clip duration: 5.0 greater than video length: 4.0"):
        collect_sources(timeline([video(0, duration=5)]), lookup)
    with pytest.raises(RenderInputError, match=r"greater than video length: 3.0"):
        collect_sources(timeline([video(0, duration=3.5, src_start=1)]), lookup)
    with pytest.raises(MissingSourceError, match="video m-nope not found"):
        collect_sources(timeline([video(0, media="m-nope")]), lookup)


def test_graph_layers_gaps_and_audio(tmp_path: Path) -> None:
    plan = build_plan(
        timeline(
            [video(0, volume=0.5), video(5, src_start=3)],
            [video(1, media="m-silent", duration=1, opacity=0.5, filter="greyscale")],
        ),
        SOURCES,
        tmp_path,
    )
    assert plan.duration == 7000 and plan.fps == 30.0
    # inputs are seeked with -ss and limited with -t; no trim filter anywhere
    assert plan.input_args[:6] == ["-ss", "0.000", "-t", "2.000", "-i", "/media/a.mp4"]
    assert plan.input_args[6:12] == ["-ss", "3.000", "-t", "2.000", "-i", "/media/a.mp4"]
    assert "trim=" not in plan.graph.replace("atrim=duration", "")
    assert "color=c=0x000000@1.000:s=1280x720:r=30.0:d=7.000[bg]" in plan.graph
    assert "hue=s=0,format=yuva420p,lut=a=val*0.500,setpts=PTS+1.000/TB" in plan.graph
    # the silent source adds no audio input; two sounding clips mix over the silent bed
    assert "volume=0.5000" in plan.graph and "adelay=delays=5000:all=1" in plan.graph
    assert "[asil][a1][a2]amix=inputs=3:normalize=0:duration=first" in plan.graph
    # the upper track's overlay comes after the lower track's
    assert plan.graph.index("[o1][v2]overlay") > plan.graph.index("[o0][v1]overlay")


def test_track_z_index_orders_before_list_order(tmp_path: Path) -> None:
    body = {
        "resolution": "320x180",
        "tracks": [
            {"z_index": 5, "clips": [video(0, media="m-silent")]},
            {"z_index": 0, "clips": [video(0, media="m-a")]},
        ],
    }
    plan = build_plan(Timeline.from_editor_json({"timeline": body}), SOURCES, tmp_path)
    assert plan.input_args[5] == "/media/a.mp4"  # drawn first, so below


def test_text_goes_through_a_file(tmp_path: Path) -> None:
    text = {"type": "text", "text": "a:b'c %{pts}", "font": {"family": "DejaVu Sans", "color": "#FFFF00"}}
    plan = build_plan(timeline([{"start": 0, "clip": {"asset": text, "duration": 1}}]), SOURCES, tmp_path)
    assert "a:b'c" not in plan.graph and "expansion=none" in plan.graph
    assert list(plan.files.values()) == ["a:b'c %{pts}"]


def test_auto_captions_and_bad_input_are_refused(tmp_path: Path) -> None:
    auto = {"type": "caption", "src": "auto"}
    with pytest.raises(RenderInputError, match="transcript"):
        build_plan(timeline([{"start": 0, "clip": {"asset": auto, "duration": 1}}]), SOURCES, tmp_path)
    with pytest.raises(RenderInputError, match="even sides"):
        build_plan(timeline([video(0)], resolution="321x180"), SOURCES, tmp_path)
    with pytest.raises(RenderInputError, match="no clips"):
        build_plan(timeline([]), SOURCES, tmp_path)


def test_huge_graph_goes_through_a_script_file(tmp_path: Path) -> None:
    clips = [video(i * 0.1, duration=0.1, opacity=0.9) for i in range(400)]
    plan = build_plan(timeline(clips), SOURCES, tmp_path)
    assert len(plan.graph) > INLINE_GRAPH_LIMIT
    assert plan.graph_args() == ["-filter_complex_script", str(tmp_path / "graph.txt")]


def test_wrong_kind_and_huge_volume_are_refused(tmp_path: Path) -> None:
    media = tmp_path / "a.png"
    media.write_bytes(b"x")
    image = RenderSource("img-1", "image", media, None, 10, 10, None, False, "h")
    clip_on_image = video(0, media="img-1")
    with pytest.raises(RenderInputError, match="names img-1, which is not a video but image"):
        collect_sources(timeline([clip_on_image]), lambda _id: image)
    loud = RenderSource("m-a", "video", media, 10_000, 10, 10, 25.0, True, "h")
    with pytest.raises(RenderInputError, match=r"volume: 50\.0 of m-a is above the maximum 10"):
        collect_sources(timeline([video(0, volume=50)]), lambda _id: loud)


def test_text_sizes_are_capped(tmp_path: Path) -> None:
    text = {
        "type": "text",
        "text": "big",
        "font": {"family": "DejaVu Sans", "size": 100000},
        "border": {"color": "#000000", "width": 5000},
        "tabsize": 9999,
    }
    tl = timeline([{"start": 0, "clip": {"asset": text, "duration": 1}}], resolution="320x180")
    graph = build_plan(tl, SOURCES, tmp_path).graph
    assert "fontsize=360:" in graph and "borderw=64:" in graph and "tabsize=64" in graph


def test_many_inputs_decode_single_threaded(tmp_path: Path) -> None:
    few = build_plan(timeline([video(0), video(2)]), SOURCES, tmp_path)
    assert "-threads" not in few.input_args
    many = build_plan(timeline([video(i * 0.5, duration=0.5) for i in range(20)]), SOURCES, tmp_path)
    assert many.input_args.count("-threads") == 20 and many.input_args[:2] == ["-threads", "1"]


def test_one_command_writes_an_export_or_a_preview_segment(tmp_path: Path) -> None:
    plan = build_plan(timeline([video(0, duration=2)]), SOURCES, tmp_path)
    export = plan.command("ffmpeg", export_output("mp4", "low", tmp_path / "x.mp4.part"), progress=True)
    assert export[:9] == [
        "ffmpeg",
        "-hide_banner",
        "-nostdin",
        "-y",
        "-loglevel",
        "error",
        "-progress",
        "pipe:1",
        "-nostats",
    ]
    assert export[export.index("-t") + 1] == "2.000"
    assert export[-5:] == ["-movflags", "+faststart", "-f", "mp4", str(tmp_path / "x.mp4.part")]
    segment = Output(
        tmp_path / "s.ts",
        "mpegts",
        ("-c:v", "libx264"),
        ("-c:a", "aac"),
        audio_bitstream_filters="noise=drop=lt(n\\,3)",
        timestamp_offset=4.0,
        cut_at_length=False,
    )
    args = plan.command("ffmpeg", segment)
    assert "-t" not in args[args.index("[aout]") :] and "-progress" not in args
    assert args[args.index("[aout]") + 1 :] == [
        *("-c:v", "libx264", "-c:a", "aac", "-bsf:a", "noise=drop=lt(n\\,3)"),
        *("-output_ts_offset", "4.000", "-f", "mpegts", str(tmp_path / "s.ts")),
    ]
