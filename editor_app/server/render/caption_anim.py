"""The six caption animations as ASS override tags from word timing (docs/conformance.md, "Captions").

A cue is cut at every word boundary into slices, each one Dialogue event showing the whole cue
with the word spoken then (the "active" word) styled; karaoke uses ASS's own `\\kf` fill instead.
Our choices where VideoDB is silent:
- karaoke: words sweep from the secondary colour to the primary colour as spoken (ASS `\\kf`);
- color_highlight: the active word in the secondary colour, the rest in the primary colour;
- box_highlight: a box in the secondary colour behind the active word (a lower layer);
- reveal: words appear as they are spoken, the line keeps its final layout;
- impact: the active word pops to 125 % in the secondary colour; supersize: it pops to 150 %.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from editor_app.model.captions import Cue, Word, ass_text

POP_MS = 120
_SCALE = {"impact": 125, "supersize": 150}


@dataclass(frozen=True)
class Colours:
    """ASS colours as override values: `&HBBGGRR&` and alpha `&HAA&`."""

    primary: tuple[str, str]
    secondary: tuple[str, str]


@dataclass(frozen=True)
class Event:
    start: int
    end: int
    text: str
    layer: int = 0
    style: str = "Default"


def _colour_tag(index: int, colour: tuple[str, str]) -> str:
    return f"\\{index}c{colour[0]}\\{index}a{colour[1]}"


def _line(words: tuple[Word, ...], styled: list[tuple[str, str]]) -> str:
    """Words with a tag block before each and a reset after, lines joined with \\N."""
    out, line = "", words[0].line if words else 0
    for word, (before, after) in zip(words, styled, strict=True):
        if word.line != line:
            out, line = out.rstrip() + "\\N", word.line
        out += (
            (f"{{{before}}}" if before else "")
            + ass_text(word.text)
            + (f"{{{after}}}" if after else "")
            + " "
        )
    return out.rstrip()


def _slices(cue: Cue, words: tuple[Word, ...]) -> list[tuple[int, int, int | None]]:
    """[start, end) slices of the cue with the index of the word spoken in each (None between)."""
    edges = sorted({cue.start, cue.end, *(w.start for w in words), *(w.end for w in words)})
    edges = [e for e in edges if cue.start <= e <= cue.end]
    out: list[tuple[int, int, int | None]] = []
    for a, b in itertools.pairwise(edges):
        if b <= a:
            continue
        active = next((i for i, w in enumerate(words) if w.start <= a < w.end), None)
        out.append((a, b, active))
    return out


def _karaoke(cue: Cue, words: tuple[Word, ...]) -> list[Event]:
    body, at, line = "", cue.start, words[0].line
    for word in words:
        if word.line != line:
            body, line = body.rstrip() + "\\N", word.line
        gap = max(word.start - at, 0) // 10
        body += (f"{{\\k{gap}}}" if gap else "") + f"{{\\kf{max(word.end - word.start, 10) // 10}}}"
        body += ass_text(word.text) + " "
        at = max(word.end, at)
    return [Event(cue.start, cue.end, body.rstrip())]


def animate(cue: Cue, animation: str, colours: Colours, scale: tuple[float, float]) -> list[Event]:
    """The events showing `cue` with `animation` (a name the model accepted)."""
    words = cue.timed_words()
    if not words:
        return []
    if animation == "karaoke":
        return _karaoke(cue, words)
    events: list[Event] = []
    plain = [("", "")] * len(words)
    for a, b, active in _slices(cue, words):
        styled = list(plain)
        if animation == "color_highlight" and active is not None:
            styled[active] = (_colour_tag(1, colours.secondary), _colour_tag(1, colours.primary))
        elif animation == "reveal":
            last = active if active is not None else sum(1 for w in words if w.end <= a) - 1
            styled = [("", "") if i <= last else ("\\alpha&HFF&", "") for i in range(len(words))]
        elif animation in _SCALE and active is not None:
            big = _SCALE[animation]
            sx, sy = scale
            grow = f"\\fscx{sx:g}\\fscy{sy:g}\\t(0,{POP_MS},\\fscx{sx * big / 100:g}\\fscy{sy * big / 100:g})"
            colour = _colour_tag(1, colours.secondary) if animation == "impact" else ""
            reset = f"\\fscx{sx:g}\\fscy{sy:g}" + (_colour_tag(1, colours.primary) if colour else "")
            styled[active] = (grow + colour, reset)
        elif animation == "box_highlight" and active is not None:
            boxes = [("\\alpha&HFF&", "") for _ in words]
            boxes[active] = (
                "\\1a&HFF&\\4a&HFF&\\3a" + colours.secondary[1] + "\\3c" + colours.secondary[0],
                "",
            )
            events.append(Event(a, b, _line(words, boxes), layer=0, style="Box"))
        events.append(Event(a, b, _line(words, styled), layer=1))
    return events
