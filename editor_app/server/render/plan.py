"""What `graph.build_plan` makes of a timeline: one ffmpeg command's inputs and filter graph
(`RenderPlan`), the stretch of the timeline it renders (`Window`), and what a run writes from it
(`Output`). `RenderPlan.command(ffmpeg, output)` is the only place an ffmpeg argv for a timeline
is put together: exports and preview segments differ only in their `Output`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from editor_app.model import Clip
from editor_app.model.ticks import Ticks

AUDIO_RATE = 48000


@dataclass(frozen=True)
class Window:
    start: Ticks
    end: Ticks
    audio_from: int  # samples at AUDIO_RATE, may be negative (silence before the timeline)
    audio_to: int

    @classmethod
    def whole(cls, duration: Ticks) -> Window:
        return cls(0, duration, 0, duration * AUDIO_RATE // 1000)

    def cut(self, clip: Clip) -> tuple[Ticks, Ticks]:
        """(head cut off the clip, length left) of the clip's picture inside the window."""
        first = max(clip.start, self.start)
        return first - clip.start, min(clip.end, self.end) - first


@dataclass(frozen=True)
class Output:
    """Where and how one run writes the plan's picture (`[vout]`) and sound (`[aout]`)."""

    path: Path  # whatever its suffix (e.g. `.part`): `muxer` says the format
    muxer: str
    video: tuple[str, ...]  # encoder options of the picture
    audio: tuple[str, ...]  # encoder options of the sound
    muxer_options: tuple[str, ...] = ()  # e.g. MP4's `-movflags +faststart`
    # bitstream filters on the encoded sound (a preview segment keeps only its own AAC frames)
    audio_bitstream_filters: str | None = None
    # seconds added to every output timestamp (a preview segment continues the timeline's clock)
    timestamp_offset: float | None = None
    # stop at the plan's length (`-t`); a preview segment's sound reaches past it on purpose
    cut_at_length: bool = True

    def args(self) -> list[str]:
        """The encoder, muxer and file arguments, last on the command line."""
        args = [*self.video, *self.audio]
        if self.audio_bitstream_filters is not None:
            args += ["-bsf:a", self.audio_bitstream_filters]
        args += self.muxer_options
        if self.timestamp_offset is not None:
            args += ["-output_ts_offset", f"{self.timestamp_offset:.3f}"]
        return [*args, "-f", self.muxer, str(self.path)]


@dataclass
class RenderPlan:
    input_args: list[str]
    graph: str
    duration: Ticks
    fps: float
    size: tuple[int, int]
    files: dict[Path, str] = field(default_factory=dict)
    graph_file: Path | None = None

    @property
    def seconds(self) -> float:
        return self.duration / 1000

    def graph_args(self) -> list[str]:
        if self.graph_file is not None:
            return ["-filter_complex_script", str(self.graph_file)]
        return ["-filter_complex", self.graph]

    def command(self, ffmpeg: str, output: Output, *, progress: bool = False) -> list[str]:
        """The whole argument list writing `output`; with `progress`, `-progress pipe:1` reports
        `out_time_us=` lines on stdout. Errors only on stderr, no statistics."""
        report = ["-loglevel", "error", *(["-progress", "pipe:1"] if progress else []), "-nostats"]
        length = ["-t", f"{self.seconds:.3f}"] if output.cut_at_length else []
        maps = ["-map", "[vout]", "-map", "[aout]"]
        head = [ffmpeg, "-hide_banner", "-nostdin", "-y", *report]
        return [*head, *self.input_args, *self.graph_args(), *maps, *length, *output.args()]

    def write_files(self) -> None:
        for path, text in self.files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
