"""Sample media made with ffmpeg's lavfi sources: one factory for the demo project, the tests and
the benchmarks, so none of them ships a binary file.

`SampleMedia(folder).make(filename, inputs, outputs)` runs one ffmpeg command (an argument list,
never a shell) into a partial file and renames it into place, so a crash never leaves a half
file that a later run would take for finished; a file already there is reused. The recipes
below cover what callers ask for most: flat colours with a tone, sine tones, stills, and
camera-like footage (sensor noise, 12 Mbps, 2 s GOP), which costs what real footage costs to
decode where `testsrc` patterns are nearly free.
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path

H264_FAST = ("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p")


class SampleMediaError(RuntimeError):
    """ffmpeg could not make a sample file (the message carries the end of its stderr)."""


class SampleMedia:
    def __init__(self, folder: Path, ffmpeg: str = "ffmpeg", timeout_s: float = 300) -> None:
        self.folder = folder
        self.ffmpeg = ffmpeg
        self.timeout_s = timeout_s

    def make(self, filename: str, inputs: Sequence[str], outputs: Sequence[str] = ()) -> Path:
        """`folder/filename` made by `ffmpeg INPUTS OUTPUTS FILE`, unless it is there already."""
        target = self.folder / filename
        if target.exists():
            return target
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f"partial-{target.name}")
        command = [self.ffmpeg, "-v", "error", "-y", *inputs, *outputs, str(partial)]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=self.timeout_s, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            partial.unlink(missing_ok=True)
            raise SampleMediaError(f"ffmpeg could not make {filename}: {exc}") from exc
        if done.returncode != 0:
            partial.unlink(missing_ok=True)
            raise SampleMediaError(f"ffmpeg could not make {filename}: {done.stderr.strip()[-400:]}")
        partial.replace(target)
        return target

    # ---- recipes -------------------------------------------------------------------------------
    def flat_video(
        self,
        color: str = "red",
        seconds: float = 4,
        size: str = "320x180",
        fps: int = 25,
        tone_hz: int | None = 440,
    ) -> Path:
        """An H.264 MP4 of one flat colour, with a sine tone (or no audio when `tone_hz` is None)."""
        inputs = ["-f", "lavfi", "-i", f"color=c={color}:s={size}:r={fps}:d={seconds}"]
        outputs = [*H264_FAST, "-g", str(fps)]
        if tone_hz is not None:
            inputs += ["-f", "lavfi", "-i", f"sine=frequency={tone_hz}:sample_rate=44100:duration={seconds}"]
            outputs += ["-c:a", "aac", "-b:a", "64k"]
        outputs += ["-t", str(seconds), "-movflags", "+faststart"]
        return self.make(f"video-{color}-{seconds}-{size}-{fps}-{tone_hz}.mp4", inputs, outputs)

    def tone(self, seconds: float = 2, hz: int = 440, fmt: str = "wav") -> Path:
        """A sine tone at ffmpeg's default amplitude (1/8 of full scale)."""
        inputs = ["-f", "lavfi", "-i", f"sine=frequency={hz}:sample_rate=44100:duration={seconds}"]
        outputs = ["-c:a", "aac"] if fmt == "m4a" else []
        return self.make(f"audio-{seconds}-{hz}.{fmt}", inputs, outputs)

    def still(self, color: str = "blue", size: str = "160x90", fmt: str = "png") -> Path:
        inputs = ["-f", "lavfi", "-i", f"color=c={color}:s={size}"]
        return self.make(f"image-{color}-{size}.{fmt}", inputs, ["-frames:v", "1"])

    def noisy_video(self, seconds: float = 8, size: str = "320x180", noise: int = 60) -> Path:
        """A moving pattern under temporal noise, with a tone: slow enough to encode that a test
        can act while it renders."""
        inputs = ["-f", "lavfi", "-i", f"testsrc2=s={size}:r=25:d={seconds},noise=alls={noise}:allf=t"]
        inputs += ["-f", "lavfi", "-i", f"sine=frequency=440:sample_rate=44100:duration={seconds}"]
        return self.make(f"noise-{seconds}-{size}-{noise}.mp4", inputs, [*H264_FAST, "-c:a", "aac"])

    def camera_video(
        self,
        seconds: float = 30,
        size: str = "1920x1080",
        fps: int = 30,
        codec: str = "h264",
        bitrate: str = "12M",
        tone_hz: int = 220,
        seed: int = 0,
    ) -> Path:
        """Camera-like footage: a moving picture under per-frame sensor noise, `bitrate` with a 2 s
        GOP, 48 kHz stereo sound; `codec` "hevc" gives a phone-like clip."""
        encoder = {"h264": "libx264", "hevc": "libx265"}[codec]
        picture = f"testsrc2=size={size}:rate={fps},noise=alls=18:allf=t+u:all_seed={seed}"
        inputs = ["-f", "lavfi", "-i", picture]
        inputs += ["-f", "lavfi", "-i", f"sine=f={tone_hz}:sample_rate=48000", "-t", str(seconds)]
        outputs = ["-c:v", encoder, "-preset", "veryfast", "-b:v", bitrate, "-g", str(2 * fps)]
        if codec == "hevc":
            outputs += ["-tag:v", "hvc1", "-x265-params", "log-level=error"]
        outputs += ["-pix_fmt", "yuv420p", "-c:a", "aac", "-ac", "2", "-movflags", "+faststart"]
        name = f"camera-{codec}-{size}-{fps}-{seconds}-{bitrate}-{seed}.mp4"
        return self.make(name, inputs, outputs)
