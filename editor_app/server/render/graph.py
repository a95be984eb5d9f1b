"""A timeline as one ffmpeg command: inputs, a filter graph and its two outputs.

Pure: `build_plan(timeline, sources, work_dir)` only computes; the caller writes
`plan.files` (text for drawtext, a long graph) before running ffmpeg.

Render semantics (where the cloud is silent, these are ours):
- the picture starts as the background colour at the timeline's resolution; gaps show it
  (an opaque video filling the frame throughout is the base instead: cover.py, same pixels);
- picture layers are drawn bottom to top ordered by their layer, the track's `z_index` plus the
  clip's own (so a clip's `z_index` lifts it over clips of higher tracks), then track order
  (later tracks on top), then clip start (a later clip on top);
- every input is seeked with input `-ss` and limited with `-t`; its frames are shifted to
  the clip's start on the output, so overlays appear exactly in their time range;
- `opacity` scales alpha; a `fade` transition fades the picture from/to transparent and
  the sound from/to silence over `transition.duration` (at most half the clip);
- audio: every clip with sound is delayed to its start, scaled by `volume` and summed
  (`amix normalize=0`, so 0.5 volume is -6 dB and nothing else changes level) over a
  silent bed as long as the timeline; muted tracks and volume 0 add nothing;
- the output frame rate is the highest source frame rate (at most 60), 25 without video;
- output length is the timeline's duration (the end of its last clip).

A `Window` renders only a stretch of the timeline (a preview segment): pictures over
[start, end) ms, sound over [audio_from, audio_to) samples (sound may reach further, for the
encoder's pre-roll). Clips outside are dropped, clips across an edge are cut: their inputs
are seeked to the window's start, and fades and captions keep their times relative to the
clip's own start. Output timestamps start at 0 at the window's start.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from editor_app.model import CaptionAsset, Clip, ImageAsset, TextAsset, Timeline, Track, VideoAsset
from editor_app.model.ticks import Ticks
from editor_app.server.errors import RenderInputError
from editor_app.server.render.captions import caption_layer, clip_cues
from editor_app.server.render.cover import base_chain, hides_background
from editor_app.server.render.effects import effect_filters
from editor_app.server.render.escape import colour
from editor_app.server.render.layout import even, fit, place, scaled_fit
from editor_app.server.render.looks import look_filter
from editor_app.server.render.plan import AUDIO_RATE, RenderPlan, Window
from editor_app.server.render.sources import RenderSource
from editor_app.server.render.text import TextLayer, text_layer
from editor_app.server.render.text_direct import direct_layer
from editor_app.server.render.wrap import FontMeasure

MAX_SIDE = 7680
# A single argv string may not exceed 128 KiB on Linux; longer graphs go through a file.
INLINE_GRAPH_LIMIT = 64 * 1024
MANY_INPUTS = 8


def _secs(ticks: Ticks) -> str:
    return f"{ticks / 1000:.3f}"


def _exact(seconds: float) -> str:
    """Seconds to the microsecond (sound is cut by the sample), written short when whole ms."""
    text = f"{seconds:.6f}"
    return text[:-3] if text.endswith("000") else text


def _delay(samples: int) -> str:
    """adelay's delay: whole milliseconds when exact, else samples."""
    per_ms = AUDIO_RATE // 1000
    return str(samples // per_ms) if samples % per_ms == 0 else f"{samples}S"


def _shift(seconds: float) -> str:
    """A setpts term moving frames by `seconds` (negative moves them earlier)."""
    return f"+{_exact(seconds)}/TB" if seconds >= 0 else f"-{_exact(-seconds)}/TB"


def _frame_size(timeline: Timeline) -> tuple[int, int]:
    width, height = timeline.size
    if not (16 <= width <= MAX_SIDE and 16 <= height <= MAX_SIDE and width % 2 == 0 and height % 2 == 0):
        raise RenderInputError(f"resolution: {timeline.resolution!r} needs even sides from 16 to {MAX_SIDE}")
    return width, height


def output_fps(timeline: Timeline, sources: Mapping[str, RenderSource]) -> float:
    rates = [
        sources[clip.media_id].fps or 0.0
        for _t, clip in timeline.clips()
        if clip.kind == "video" and clip.media_id is not None and clip.media_id in sources
    ]
    best = max(rates, default=0.0)
    return round(min(best, 60.0), 3) if best >= 1 else 25.0


def _fade_duration(clip: Clip) -> Ticks:
    if clip.transition is None:
        return 0
    return min(clip.transition.duration, clip.duration // 2)


def _layer_key(item: tuple[int, Track, Clip]) -> tuple[int, int, int]:
    index, track, clip = item
    return (track.z_index + clip.z_index, index, clip.start)


class _Builder:
    def __init__(
        self,
        timeline: Timeline,
        sources: Mapping[str, RenderSource],
        work_dir: Path,
        window: Window,
        height: int | None = None,
        single_threaded: bool = False,
    ) -> None:
        self.timeline = timeline
        self.window = window
        # the whole render shares one input per clip for picture and sound; a window's sound
        # reaches past its picture (pre-roll), so there each gets its own seek
        self.share_inputs = window == Window.whole(timeline.duration)
        self.sources = sources
        self.work_dir = work_dir
        self.full_size = _frame_size(timeline)
        self.size, self.k = _scaled_frame(self.full_size, height)
        self.fps = output_fps(timeline, sources)
        self.duration = window.end - window.start
        self.inputs: list[str] = []
        self.input_count = 0
        self.chains: list[str] = []
        self.files: dict[Path, str] = {}
        self.fonts = FontMeasure()  # the faces titles are wrapped with, opened once per render
        self.media_inputs: dict[str, int] = {}
        # Every input gets its own decoder, all open at once; with many clips, frame-threaded
        # decoders (cores + 1 frames each) dominate memory, so they decode single-threaded.
        timed = sum(
            1
            for _t, c in timeline.clips()
            if c.kind in ("video", "audio") and c.start < window.end and c.end > window.start
        )
        # A still frame decodes a few frames per input: threads cost more to start than they save.
        self.decoder_threads = ["-threads", "1"] if timed > MANY_INPUTS or single_threaded else []

    def add_input(self, args: list[str]) -> int:
        self.inputs += args
        self.input_count += 1
        return self.input_count - 1

    def timed_input(self, source: RenderSource, seek: float, length: float) -> int:
        cut = ["-ss", _exact(seek), "-t", _exact(length)]
        return self.add_input([*self.decoder_threads, *cut, "-i", str(source.path)])

    # ---- pictures ---------------------------------------------------------------------------
    def alpha_tail(self, clip: Clip, force_alpha: bool) -> list[str]:
        filters: list[str] = []
        look = look_filter(clip.filter)
        if look:
            filters.append(look)
        fade = _fade_duration(clip)
        fade_in = fade > 0 and clip.transition is not None and clip.transition.in_ == "fade"
        fade_out = fade > 0 and clip.transition is not None and clip.transition.out == "fade"
        if force_alpha or clip.opacity < 1 or fade_in or fade_out:
            # overlay blends in YUV anyway; an RGBA detour (colorchannelmixer) doubled a segment's render time
            filters.append("format=yuva420p")
        if clip.opacity < 1:
            filters.append(f"lut=a=val*{clip.opacity:.3f}")
        if fade_in:
            filters.append(f"fade=t=in:st=0:d={_secs(fade)}:alpha=1")
        if fade_out:
            filters.append(f"fade=t=out:st={_secs(clip.duration - fade)}:d={_secs(fade)}:alpha=1")
        filters.append("setpts=PTS" + _shift((clip.start - self.window.start) / 1000))
        return filters

    def picture(
        self, n: int, clip: Clip, input_index: int, source: RenderSource, head: Ticks
    ) -> tuple[str, int, int, tuple[int, int]]:
        full_w, full_h = self.full_size
        frame_w, frame_h = self.size
        src_w, src_h = source.width or full_w, source.height or full_h
        crop = clip.asset.crop if isinstance(clip.asset, VideoAsset | ImageAsset) else None
        # laid out in the full frame, then scaled: a preview is the export, smaller
        file_w, file_h = source.file_size or (src_w, src_h)
        full = fit(clip, src_w, src_h, full_w, full_h, crop)
        fitted = scaled_fit(full, self.k, frame_w, frame_h, (file_w / src_w, file_h / src_h))
        # frames carry times from the clip's own start, so fades line up when the head is cut
        filters = ["setpts=PTS-STARTPTS" + (_shift(head / 1000) if head else "")]
        if fitted.crop is not None:
            c = fitted.crop
            filters.append(f"crop={c.width}:{c.height}:{c.x}:{c.y}")
        filters.append(f"scale={fitted.scaled[0]}:{fitted.scaled[1]}")
        if fitted.frame_cut is not None and fitted.frame_cut != fitted.scaled:
            filters.append(f"crop={fitted.frame_cut[0]}:{fitted.frame_cut[1]}")
        base = fitted.frame_cut or fitted.scaled
        if fitted.final != base:
            filters.append(f"scale={fitted.final[0]}:{fitted.final[1]}")
        filters.append("setsar=1")
        filters += effect_filters(clip.effect, clip.duration / 1000, head / 1000, self.fps)
        filters += self.alpha_tail(clip, force_alpha=source.kind == "image")
        self.chains.append(f"[{input_index}:v]" + ",".join(filters) + f"[v{n}]")
        x, y = place(clip, fitted.final[0], fitted.final[1], frame_w, frame_h)
        return f"v{n}", x, y, fitted.final

    def text(self, n: int, clip: Clip, head: Ticks, length: Ticks) -> tuple[str, int, int]:
        frame_w, frame_h = self.size
        stem = f"text{n}"
        layer: TextLayer
        if isinstance(clip.asset, TextAsset):
            layer = text_layer(
                clip, clip.asset, self.size, self.work_dir / f"{stem}.txt", self.k, measure=self.fonts
            )
        elif isinstance(clip.asset, CaptionAsset):
            cues = clip_cues(self.timeline, clip, clip.asset, self.sources)
            # PlayRes is the timeline's frame: libass scales it to a smaller preview frame
            path = self.work_dir / f"{stem}.ass"
            layer = caption_layer(clip, clip.asset, cues, self.full_size, path)
        else:  # pragma: no cover - callers route only text and captions here
            raise RenderInputError(f"{clip.kind} clip cannot be drawn as text")
        self.files.update(layer.files)
        canvas = f"color=c=black@0.0:s={frame_w}x{frame_h}:r={self.fps}:d={_secs(length)}"
        filters = [
            canvas,
            "setpts=PTS" + _shift(head / 1000),
            "format=rgba",
            *layer.filters,
            *self.alpha_tail(clip, force_alpha=False),
        ]
        self.chains.append(",".join(filters) + f"[v{n}]")
        return f"v{n}", 0, 0

    def pictures(self) -> str:
        frame_w, frame_h = self.size
        bg = colour(self.timeline.background, "background")
        bg_chain = f"color=c={bg}:s={frame_w}x{frame_h}:r={self.fps}:d={_secs(self.duration)}[bg]"
        self.chains.append(bg_chain)
        layers = sorted(
            ((i, t, c) for i, t in enumerate(self.timeline.tracks) if not t.hidden for c in t.clips),
            key=_layer_key,
        )
        current = "bg"
        for n, (_i, _track, clip) in enumerate(layers):
            if clip.kind == "audio" or clip.scale == 0 or clip.opacity == 0:
                continue
            head, length = self.window.cut(clip)
            if length <= 0:
                continue
            if clip.kind in ("text", "caption"):
                at = clip.start + head - self.window.start
                path = self.work_dir / f"text{n}"
                direct = direct_layer(
                    self.timeline,
                    clip,
                    self.sources,
                    self.size,
                    at,
                    head,
                    length,
                    path,
                    self.full_size,
                    self.fonts,
                )
                if direct is not None:
                    self.files.update(direct.files)
                    self.chains.append(f"[{current}]" + ",".join(direct.filters) + f"[o{n}]")
                    current = f"o{n}"
                    continue
                label, x, y = self.text(n, clip, head, length)
            else:
                source = self.sources[clip.media_id or ""]
                if clip.kind == "image":
                    still = ["-loop", "1", "-framerate", str(self.fps), "-t", _secs(length)]
                    index = self.add_input([*still, "-i", str(source.path)])
                else:
                    index = self.timed_input(source, (clip.source_start + head) / 1000, length / 1000)
                    self.media_inputs[clip.id] = index
                label, x, y, size = self.picture(n, clip, index, source, head)
                whole = clip.start + head == self.window.start and length == self.duration
                if current == "bg" and hides_background(clip, source, (x, y, *size), self.size, whole):
                    self.chains.remove(bg_chain)  # nothing of it would show
                    self.chains.append(base_chain(label, f"o{n}", self.fps, _secs(self.duration), bg))
                    current = f"o{n}"
                    continue
            self.chains.append(f"[{current}][{label}]overlay=x={x}:y={y}:eof_action=pass[o{n}]")
            current = f"o{n}"
        self.chains.append(f"[{current}]format=yuv420p[vout]")
        return current

    # ---- sound ------------------------------------------------------------------------------
    def sounds(self) -> None:
        window = self.window
        bed = window.audio_to - window.audio_from
        self.chains.append(
            f"anullsrc=r={AUDIO_RATE}:cl=stereo,atrim=duration={_exact(bed / AUDIO_RATE)}[asil]"
        )
        labels = ["asil"]
        for track in self.timeline.tracks:
            if track.hidden or track.muted:
                continue
            for clip in track.clips:
                volume = clip.volume
                if volume is None or volume <= 0:
                    continue
                source = self.sources[clip.media_id or ""]
                if not source.has_audio:
                    continue
                first = max(clip.start * AUDIO_RATE // 1000, window.audio_from)
                last = min(clip.end * AUDIO_RATE // 1000, window.audio_to)
                if last <= first:
                    continue
                head = first / AUDIO_RATE - clip.start / 1000
                index = self.media_inputs.get(clip.id) if self.share_inputs else None
                if index is None:
                    seek = clip.source_start / 1000 + head
                    index = self.timed_input(source, seek, (last - first) / AUDIO_RATE)
                label = f"a{len(labels)}"
                filters = [
                    f"aformat=sample_fmts=fltp:sample_rates={AUDIO_RATE}:channel_layouts=stereo",
                    "asetpts=PTS-STARTPTS" + (_shift(head) if head else ""),
                    f"volume={volume:.4f}",
                ]
                fade = _fade_duration(clip)
                if fade and clip.transition is not None and clip.transition.in_ == "fade":
                    filters.append(f"afade=t=in:st=0:d={_secs(fade)}")
                if fade and clip.transition is not None and clip.transition.out == "fade":
                    filters.append(f"afade=t=out:st={_secs(clip.duration - fade)}:d={_secs(fade)}")
                filters += [
                    "asetpts=PTS-STARTPTS",
                    f"adelay=delays={_delay(first - window.audio_from)}:all=1",
                ]
                self.chains.append(f"[{index}:a]" + ",".join(filters) + f"[{label}]")
                labels.append(label)
        if len(labels) == 1:
            self.chains.append("[asil]anull[aout]")
        else:
            joined = "".join(f"[{label}]" for label in labels)
            self.chains.append(
                f"{joined}amix=inputs={len(labels)}:normalize=0:duration=first:dropout_transition=0[aout]"
            )


def _scaled_frame(full: tuple[int, int], height: int | None) -> tuple[tuple[int, int], float]:
    """The frame `height` rows high (width by aspect, even sides) and its factor to `full`;
    `full` itself without a height or at one as large."""
    if height is None or height >= full[1]:
        return full, 1.0
    k = even(height) / full[1]
    return (even(full[0] * k), even(height)), k


def build_plan(
    timeline: Timeline,
    sources: Mapping[str, RenderSource],
    work_dir: Path,
    window: Window | None = None,
    *,
    height: int | None = None,
    sound: bool = True,
    single_threaded: bool = False,
) -> RenderPlan:
    """The ffmpeg inputs and filter graph that render `timeline`, or the `window` of it;
    `height` renders a smaller frame with the same composition (a preview), `sound=False`
    leaves out the `[aout]` chain (a still frame)."""
    if timeline.duration <= 0:
        raise RenderInputError("timeline: it has no clips, so there is nothing to render")
    for _track, clip in timeline.clips():
        if clip.media_id is not None and clip.media_id not in sources:
            raise RenderInputError(f"media {clip.media_id} was not looked up before rendering")
    whole = window or Window.whole(timeline.duration)
    builder = _Builder(timeline, sources, work_dir, whole, height, single_threaded)
    builder.pictures()
    if sound:
        builder.sounds()
    graph = ";\n".join(builder.chains)
    plan = RenderPlan(builder.inputs, graph, builder.duration, builder.fps, builder.size, builder.files)
    if len(graph) > INLINE_GRAPH_LIMIT:
        plan.graph_file = work_dir / "graph.txt"
        plan.files[plan.graph_file] = graph
    return plan
