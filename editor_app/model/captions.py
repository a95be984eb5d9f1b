"""What a caption's `src` holds, read into cues with word timing (docs/conformance.md, "Captions").

The SDKs write `src` as `"auto"` (the video's spoken words) or a base64-encoded ASS document.
As a local extension the text of an ASS, SRT or WebVTT document is accepted as is. Cue and word
times are ticks from the caption clip's start. Word timing comes from ASS karaoke tags
(`{\\k20}word`); a cue without them has none, and renderers spread its words evenly.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass, field

import pysubs2

from editor_app.model.ticks import Ticks

AUTO = "auto"
_TAG_BLOCK = re.compile(r"(\{[^}]*\})")
_KARAOKE = re.compile(r"\\[kK][fo]?(\d+)")
_B64 = re.compile(r"^[A-Za-z0-9+/=\s_-]+$")


class CaptionSourceError(ValueError):
    """A caption `src` that is not "auto", base64 ASS, or subtitle text; says what is wrong."""


@dataclass(frozen=True)
class Word:
    start: Ticks
    end: Ticks
    text: str
    line: int = 0  # which line of its cue the word sits on


@dataclass(frozen=True)
class Cue:
    start: Ticks
    end: Ticks
    text: str
    words: tuple[Word, ...] = ()
    # the event's own ASS text (override tags kept) when read from a document; edits drop it
    raw: str = field(default="", compare=False)

    def timed_words(self) -> tuple[Word, ...]:
        """The cue's words with times: its own, else spread evenly over the cue."""
        if self.words:
            return self.words
        split = [(line_no, w) for line_no, line in enumerate(self.text.split("\n")) for w in line.split()]
        if not split:
            return ()
        span = max(self.end - self.start, 1)
        edges = [self.start + span * i // len(split) for i in range(len(split) + 1)]
        return tuple(Word(edges[i], edges[i + 1], text, line_no) for i, (line_no, text) in enumerate(split))


def looks_like_subtitles(text: str) -> bool:
    head = text.lstrip()[:2000]
    return "-->" in head or "[Script Info]" in head or "[Events]" in text or head.startswith("WEBVTT")


def decode_src(src: str) -> str | None:
    """The subtitle document `src` holds (None for "auto"); CaptionSourceError if none."""
    if src.strip().lower() == AUTO:
        return None
    if looks_like_subtitles(src):
        return src
    if not src.strip() or not _B64.match(src):
        raise CaptionSourceError('expected "auto" or a base64-encoded ASS document')
    try:
        raw = base64.b64decode("".join(src.split()), altchars=b"-_" if "-" in src or "_" in src else None)
        text = raw.decode("utf-8-sig")
    except (binascii.Error, ValueError):
        raise CaptionSourceError("not valid base64 (expected a base64-encoded ASS document)") from None
    if not looks_like_subtitles(text):
        raise CaptionSourceError("the base64 text is not an ASS, SRT or WebVTT document")
    return text


def parse_subtitles(text: str) -> list[Cue]:
    """ASS, SRT or WebVTT text into cues; CaptionSourceError when unreadable or without events."""
    try:
        document = pysubs2.SSAFile.from_string(text)
    except Exception as exc:  # pysubs2 raises several types (format, parse, value) for bad text
        raise CaptionSourceError(f"the subtitle document cannot be read: {exc}") from None
    cues = [
        _cue(event.start, event.end, event.text, event.plaintext)
        for event in document.events
        if not event.is_comment and event.plaintext.strip()
    ]
    if not cues:
        raise CaptionSourceError("the subtitle document has no events (no Dialogue lines with text)")
    return sorted(cues, key=lambda c: (c.start, c.end))


def read_cues(src: str) -> list[Cue]:
    """The cues of a non-"auto" `src`."""
    text = decode_src(src)
    if text is None:
        raise CaptionSourceError('src "auto" has no cues of its own: they come from a transcript')
    return parse_subtitles(text)


def check_src(src: str) -> str:
    """Validate `src` (pydantic calls it), returning it unchanged."""
    if decode_src(src) is not None:
        read_cues(src)
    return src


def _cue(start: int, end: int, raw: str, plain: str) -> Cue:
    words: list[Word] = []
    at = start
    line = 0
    current: tuple[int, int] | None = None
    pieces: list[str] = []

    def close() -> None:
        if current is not None:
            text = " ".join(" ".join(pieces).split())
            if text:
                words.append(Word(current[0], current[1], text, line))
        pieces.clear()

    for part in _TAG_BLOCK.split(raw):
        match = _KARAOKE.search(part) if part.startswith("{") else None
        if match is not None:
            close()
            length = int(match.group(1)) * 10
            current = (at, min(at + length, end))
            at += length
            continue
        if part.startswith("{"):
            continue
        for n, chunk in enumerate(re.split(r"\\[Nn]", part)):
            if n:
                close()
                line += 1
            pieces.append(chunk)
    close()
    text = "\n".join(ln.strip() for ln in plain.strip().split("\n"))
    return Cue(start, end, text, tuple(w for w in words if w.end > w.start), raw)


def _ass_time(ticks: int) -> str:
    cs = max(ticks, 0) // 10
    return f"{cs // 360000}:{cs // 6000 % 60:02d}:{cs // 100 % 60:02d}.{cs % 100:02d}"


def cues_to_ass(cues: list[Cue]) -> str:
    """An ASS document of `cues` (karaoke tags carry word timing); the asset's fields style it."""
    lines = [
        "[Script Info]",
        "ScriptType: v4.00+",
        "",
        "[V4+ Styles]",
        "Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, "
        "Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, "
        "Shadow, Alignment, MarginL, MarginR, MarginV, Encoding",
        "Style: Default,Clear Sans,30,&H00FFFFFF,&H000000FF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,"
        "1,1,0,2,30,30,30,1",
        "",
        "[Events]",
        "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text",
    ]
    for cue in cues:
        if cue.words:
            body, line = "", 0
            for word in cue.words:
                if word.line != line:
                    body, line = body.rstrip() + "\\N", word.line
                body += f"{{\\k{(word.end - word.start) // 10}}}{ass_text(word.text)} "
            body = body.rstrip()
        else:
            body = "\\N".join(ass_text(ln) for ln in cue.text.split("\n"))
        lines.append(f"Dialogue: 0,{_ass_time(cue.start)},{_ass_time(cue.end)},Default,,0,0,0,,{body}")
    return "\n".join(lines) + "\n"


def ass_text(text: str) -> str:
    # braces open override blocks and a backslash starts a tag: neither may come from the user
    return text.replace("\\", "\u29f5").replace("{", "(").replace("}", ")")


def encode_cues(cues: list[Cue]) -> str:
    """A `src` as the SDKs write it: the base64 of an ASS document."""
    return base64.b64encode(cues_to_ass(cues).encode("utf-8")).decode("ascii")


def cues_to_subtitles(cues: list[Cue], format_: str) -> str:
    """`cues` as SRT or WebVTT text (`format_` "srt" or "vtt")."""
    document = pysubs2.SSAFile()
    for cue in cues:
        document.append(pysubs2.SSAEvent(start=cue.start, end=cue.end, text=cue.text.replace("\n", "\\N")))
    return document.to_string(format_)
