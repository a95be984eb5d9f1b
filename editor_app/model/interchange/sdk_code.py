"""Export a timeline as a Python script that rebuilds it with the official `videodb.editor` SDK.

The script's `to_json()` equals our `to_editor_json()`: hidden tracks are left out and muted
tracks get volume 0, as when the editor compiles. Every field is written out, defaults too,
so the script documents the edit completely and does not depend on SDK defaults.
"""

from __future__ import annotations

from typing import Any

from editor_app.model.assets import (
    AudioAsset,
    CaptionAsset,
    Crop,
    ImageAsset,
    TextAsset,
    VideoAsset,
)
from editor_app.model.clip import Clip
from editor_app.model.ticks import format_timecode, to_seconds
from editor_app.model.timeline import Timeline
from editor_app.model.track import Track

SDK_NAMES = [
    "Alignment",
    "AudioAsset",
    "Background",
    "Border",
    "BorderAndShadow",
    "CaptionAlignment",
    "CaptionAnimation",
    "CaptionAsset",
    "CaptionBorderStyle",
    "Clip",
    "Crop",
    "Filter",
    "Fit",
    "Font",
    "FontStyling",
    "HorizontalAlignment",
    "ImageAsset",
    "Offset",
    "Position",
    "Positioning",
    "Shadow",
    "TextAlignment",
    "TextAsset",
    "Timeline",
    "Track",
    "Transition",
    "VerticalAlignment",
    "VideoAsset",
]


# The Node SDK's font weight, which the Python SDK's Font lacks, rides in a subclass the script
# defines when a title uses it, so the script's JSON is still ours (docs/conformance.md).
WEIGHTED_FONT = "WeightedFont"
WEIGHTED_FONT_CLASS = [
    "",
    "",
    f"class {WEIGHTED_FONT}(Font):",
    '    """Font with the Node SDK\'s CSS weight (100-900), which videodb.editor.Font lacks."""',
    "",
    "    def __init__(self, *, weight, **fields):",
    "        super().__init__(**fields)",
    "        self.weight = weight",
    "",
    "    def to_json(self):",
    '        return {**super().to_json(), "weight": self.weight}',
]


def _uses_weight(tracks: list[Track]) -> bool:
    return any(
        isinstance(clip.asset, TextAsset) and clip.asset.font.weight is not None
        for track in tracks
        for clip in track.clips
    )


def _member(enum: str, value: str) -> str:
    """`Filter.blur`; the model validated the value, this makes sure it is only a name."""
    if not value.isidentifier():
        raise ValueError(f"{enum} has no member {value!r}")
    return f"{enum}.{value}"


def _call(name: str, args: dict[str, str], indent: int) -> str:
    """`Name(a=1, b=2)`, one argument a line when the call is long."""
    flat = f"{name}({', '.join(f'{k}={v}' for k, v in args.items())})"
    if len(flat) + indent <= 100:
        return flat
    pad = " " * (indent + 4)
    inner = "".join(f"{pad}{k}={v},\n" for k, v in args.items())
    return f"{name}(\n{inner}{' ' * indent})"


def _crop(crop: Crop, indent: int) -> str:
    return _call("Crop", {k: repr(getattr(crop, k)) for k in ("top", "right", "bottom", "left")}, indent)


def _sourced(asset: VideoAsset | AudioAsset, volume_scale: float) -> dict[str, str]:
    """What a video and an audio asset share: the media, where in it, how loud."""
    volume = asset.volume * volume_scale if volume_scale != 1.0 else asset.volume
    return {"id": repr(asset.id), "start": repr(to_seconds(asset.start)), "volume": repr(volume)}


def _asset(clip: Clip, volume_scale: float, indent: int) -> str:
    asset = clip.asset
    if isinstance(asset, VideoAsset):
        return _call(
            "VideoAsset", {**_sourced(asset, volume_scale), "crop": _crop(asset.crop, indent + 4)}, indent
        )
    if isinstance(asset, AudioAsset):
        return _call("AudioAsset", _sourced(asset, volume_scale), indent)
    if isinstance(asset, ImageAsset):
        return _call("ImageAsset", {"id": repr(asset.id), "crop": _crop(asset.crop, indent + 4)}, indent)
    if isinstance(asset, TextAsset):
        return _text(asset, indent)
    return _caption(asset, indent)


def _fields(part: Any, names: list[str]) -> dict[str, str]:
    return {name: repr(getattr(part, name)) for name in names}


def _text(asset: TextAsset, indent: int) -> str:
    inner = indent + 4
    font_args = _fields(asset.font, ["family", "size", "color", "opacity"])
    if asset.font.weight is None:
        font = _call("Font", font_args, inner)
    else:  # the Python SDK's Font has no weight: the script's own subclass carries it
        font = _call(WEIGHTED_FONT, {**font_args, "weight": repr(asset.font.weight)}, inner)
    alignment = _call(
        "Alignment",
        {
            "horizontal": _member("HorizontalAlignment", asset.alignment.horizontal),
            "vertical": _member("VerticalAlignment", asset.alignment.vertical),
        },
        inner,
    )
    args = {"text": repr(asset.text), "font": font}
    if asset.border is not None:
        args["border"] = _call("Border", _fields(asset.border, ["color", "width"]), inner)
    if asset.shadow is not None:
        args["shadow"] = _call("Shadow", _fields(asset.shadow, ["color", "x", "y"]), inner)
    if asset.background is not None:
        bg = asset.background
        bg_args = _fields(bg, ["width", "height", "color", "border_width", "opacity"])
        bg_args["text_alignment"] = _member("TextAlignment", bg.text_alignment)
        args["background"] = _call("Background", bg_args, inner)
    args["alignment"] = alignment
    args["tabsize"] = repr(asset.tabsize)
    args["line_spacing"] = repr(asset.line_spacing)
    if asset.width is not None:
        args["width"] = repr(asset.width)
    if asset.height is not None:
        args["height"] = repr(asset.height)
    return _call("TextAsset", args, indent)


def _caption(asset: CaptionAsset, indent: int) -> str:
    inner = indent + 4
    font_names = ["name", "size", "bold", "italic", "underline", "strikeout", "scale_x", "scale_y"]
    font = _call("FontStyling", _fields(asset.font, [*font_names, "spacing", "angle"]), inner)
    border_args = {"style": _member("CaptionBorderStyle", asset.border.style)}
    border_args.update(_fields(asset.border, ["outline", "outline_color", "shadow"]))
    position_args = {"alignment": _member("CaptionAlignment", asset.position.alignment)}
    position_args.update(_fields(asset.position, ["margin_l", "margin_r", "margin_v"]))
    args = {
        "src": repr(asset.src),
        "font": font,
        "primary_color": repr(asset.primary_color),
        "secondary_color": repr(asset.secondary_color),
        "back_color": repr(asset.back_color),
        "border": _call("BorderAndShadow", border_args, inner),
        "position": _call("Positioning", position_args, inner),
    }
    if asset.animation:
        args["animation"] = _member("CaptionAnimation", asset.animation)
    return _call("CaptionAsset", args, indent)


def _clip(clip: Clip, volume_scale: float, indent: int) -> str:
    inner = indent + 4
    args = {
        "asset": _asset(clip, volume_scale, inner),
        "duration": repr(to_seconds(clip.duration)),
    }
    if clip.transition is not None:
        t = clip.transition
        args["transition"] = _call(
            "Transition",
            {"in_": repr(t.in_), "out": repr(t.out), "duration": repr(to_seconds(t.duration))},
            inner,
        )
    args["effect"] = repr(clip.effect)
    if clip.filter:
        args["filter"] = _member("Filter", clip.filter)
    args["scale"] = repr(clip.scale)
    args["opacity"] = repr(clip.opacity)
    # Fit.none would be sent as the string "None"; None is what the API means by "no fit"
    args["fit"] = _member("Fit", clip.fit) if clip.fit else "None"
    args["position"] = _member("Position", clip.position)
    args["offset"] = _call("Offset", {"x": repr(clip.offset.x), "y": repr(clip.offset.y)}, inner)
    args["z_index"] = repr(clip.z_index)
    return _call("Clip", args, indent)


def _track(track: Track, var: str) -> list[str]:
    label = track.name or track.id
    note = " (muted in the editor: volume 0)" if track.muted else ""
    # names go through repr(): a newline in a name must not end the comment and start code
    lines = [f"    # {track.kind} track {label!r}{note}", f"    {var} = Track(z_index={track.z_index!r})"]
    scale = 0.0 if track.muted else 1.0
    for clip in track.clips:
        lines.append(f"    # {clip.label()!r} at {format_timecode(clip.start)}")
        lines.append(f"    {var}.add_clip({to_seconds(clip.start)!r}, {_clip(clip, scale, 4)})")
    lines.append(f"    timeline.add_track({var})")
    return lines


def to_sdk_python(timeline: Timeline, base_url: str | None = None) -> str:
    """A runnable script: `VIDEODB_API_KEY=... python script.py` compiles the timeline."""
    connect_args = 'api_key=os.environ["VIDEODB_API_KEY"]'
    if base_url:
        connect_args += f", base_url={base_url!r}"
    lines = [
        '"""Rebuilds a timeline made in VideoDB Timeline Editor, using the videodb SDK.',
        "",
        "Run with VIDEODB_API_KEY set; it prints the stream URL of the compiled timeline.",
        'fit=None means "no fit": Fit.none would be sent as the string "None".',
        '"""',
        "",
        "import os",
        "",
        "import videodb",
        "from videodb.editor import (",
        *(f"    {name}," for name in SDK_NAMES),
        ")",
    ]
    visible = [t for t in timeline.tracks if not t.hidden]
    if _uses_weight(visible):
        lines += WEIGHTED_FONT_CLASS
    lines += [
        "",
        "",
        "def build_timeline(conn):",
        "    timeline = Timeline(conn)",
        f"    timeline.background = {timeline.background!r}",
        f"    timeline.resolution = {timeline.resolution!r}",
    ]
    for hidden in (t for t in timeline.tracks if t.hidden):
        lines.append(f"    # track {hidden.name or hidden.id!r} is hidden in the editor and left out")
    for number, track in enumerate(visible, start=1):
        lines.append("")
        lines.extend(_track(track, f"track_{number}"))
    lines += [
        "    return timeline",
        "",
        "",
        'if __name__ == "__main__":',
        f"    conn = videodb.connect({connect_args})",
        "    timeline = build_timeline(conn)",
        "    print(timeline.generate_stream())",
        "",
    ]
    return "\n".join(lines)
