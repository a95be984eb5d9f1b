"""The demo project: media generated with ffmpeg's lavfi sources, uploaded to the backend, laid out.

Runs on a worker thread (ffmpeg, disk and network). The media files are made once into the
data folder and uploaded once per backend (found again by name), so reopening is quick.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from editor_app.api.client import VideoDBClient
from editor_app.model import (
    AudioAsset,
    ImageAsset,
    Marker,
    TextAsset,
    Timeline,
    Track,
    Transition,
    VideoAsset,
)
from editor_app.model.assets import Alignment, Font
from editor_app.model.project.files import Project
from editor_app.model.timeline import Clip, Offset
from editor_app.samples import SampleMedia
from editor_app.ui.media.items import media_info_from_item, media_kind_of
from editor_app.wire import MediaItem

SIZE = "320x180"
# a tone gliding around 220 Hz that swells every 4 s: its waveform reads well on the canvas
MUSIC = "0.6*sin(2*PI*(220+40*sin(2*PI*0.25*t))*t)*(0.08+0.92*abs(sin(2*PI*0.125*t)))"
LOGO_COLOURS = "c0=0xff7a00:c1=0x7a3cff:x0=0:y0=0:x1=256:y1=256:seed=7"


@dataclass(frozen=True)
class DemoSource:
    name: str  # also the media name on the backend
    filename: str
    inputs: tuple[str, ...]  # ffmpeg input arguments
    outputs: tuple[str, ...]  # ffmpeg output arguments


VIDEO_OUT = (
    "-c:v",
    "libx264",
    "-preset",
    "ultrafast",
    "-pix_fmt",
    "yuv420p",
    "-c:a",
    "aac",
    "-b:a",
    "96k",
    "-shortest",
)
SOURCES = (
    DemoSource(
        "Demo · Fractal Zoom",
        "demo-fractal.mp4",
        ("-f", "lavfi", "-i", f"mandelbrot=s={SIZE}:rate=25:end_scale=0.05", "-f", "lavfi",
         "-i", "sine=frequency=220:sample_rate=44100", "-t", "8"),
        VIDEO_OUT,
    ),
    DemoSource(
        "Demo · Test Pattern",
        "demo-pattern.mp4",
        ("-f", "lavfi", "-i", f"testsrc2=s={SIZE}:rate=25", "-f", "lavfi",
         "-i", "sine=frequency=330:sample_rate=44100", "-t", "6"),
        VIDEO_OUT,
    ),
    DemoSource(
        "Demo · Colour Bars",
        "demo-bars.mp4",
        ("-f", "lavfi", "-i", f"smptehdbars=s={SIZE}:rate=25", "-f", "lavfi",
         "-i", "sine=frequency=1000:sample_rate=44100", "-t", "5"),
        VIDEO_OUT,
    ),
    DemoSource(
        "Demo · Music Bed",
        "demo-music.m4a",
        ("-f", "lavfi", "-i", f"aevalsrc={MUSIC}:s=44100", "-t", "16"),
        ("-c:a", "aac", "-b:a", "96k"),
    ),
    DemoSource(
        "Demo · Logo",
        "demo-logo.png",
        ("-f", "lavfi", "-i", f"gradients=s=256x256:{LOGO_COLOURS}", "-frames:v", "1"),
        (),
    ),
)  # fmt: skip


def make_demo_media(folder: Path, ffmpeg: str = "ffmpeg") -> list[Path]:
    """Generate the demo files into `folder` (skipping those already there)."""
    samples = SampleMedia(folder, ffmpeg, timeout_s=120)
    return [samples.make(source.filename, source.inputs, source.outputs) for source in SOURCES]


def upload_demo_media(
    client: VideoDBClient, paths: list[Path], progress: Callable[[str], None] | None = None
) -> dict[str, MediaItem]:
    """Upload what the backend does not have yet; name -> media item."""
    known: dict[str, MediaItem] = {}
    for kind in ("video", "audio", "image"):
        for item in client.list_media(kind):
            known.setdefault(item.name, item)
    items: dict[str, MediaItem] = {}
    for source, path in zip(SOURCES, paths, strict=True):
        if source.name in known:
            items[source.name] = known[source.name]
            continue
        if progress is not None:
            progress(f"uploading {path.name}")
        kind = media_kind_of(path)
        items[source.name] = client.upload(path, media_type=kind, name=source.name)
    return items


def demo_timeline(items: dict[str, MediaItem], paths: dict[str, Path]) -> Timeline:
    fractal, pattern, bars, music, logo = (items[s.name] for s in SOURCES)
    title = TextAsset(
        text="VideoDB Timeline Editor",
        font=Font(family="DejaVu Sans", size=40, color="#FFFFFF"),
        alignment=Alignment(horizontal="center", vertical="bottom"),
    )
    fade = Transition(in_="fade", out="fade", duration=500)
    v1 = Track(name="V1", kind="video", z_index=0, clips=[
        Clip(start=0, duration=6000, asset=VideoAsset(id=fractal.id, start=1000), transition=fade),
        Clip(start=6000, duration=5000, asset=VideoAsset(id=pattern.id, start=500, volume=0.4)),
        Clip(start=11000, duration=4000, asset=VideoAsset(id=bars.id, volume=0.0), filter="contrast",
             transition=Transition(out="fade", duration=800)),
    ])  # fmt: skip
    v2 = Track(name="V2", kind="video", z_index=1, clips=[
        Clip(start=500, duration=4500, asset=title, transition=fade),
        Clip(start=7000, duration=4000, asset=ImageAsset(id=logo.id), scale=0.3, position="top_right",
             offset=Offset(x=-0.02, y=0.03), opacity=0.9, fit="contain"),
    ])  # fmt: skip
    a1 = Track(name="A1", kind="audio", z_index=2, clips=[
        Clip(start=0, duration=15000, asset=AudioAsset(id=music.id, volume=0.6), transition=fade),
    ])  # fmt: skip
    media = {}
    for source in SOURCES:
        item = items[source.name]
        media[item.id] = media_info_from_item(item, original_path=str(paths[source.name]))
    markers = [Marker(time=6000, label="Pattern"), Marker(time=11000, label="Bars", color="#4AB0E8")]
    return Timeline(resolution="1280x720", tracks=[v1, v2, a1], markers=markers, media=media)


def build_demo_project(
    client: VideoDBClient,
    folder: Path,
    progress: Callable[[str], None] | None = None,
    ffmpeg: str = "ffmpeg",
) -> Project:
    if progress is not None:
        progress("making demo media with ffmpeg")
    paths = make_demo_media(folder, ffmpeg)
    items = upload_demo_media(client, paths, progress)
    by_name = {source.name: path for source, path in zip(SOURCES, paths, strict=True)}
    return Project(name="Demo", timeline=demo_timeline(items, by_name))
