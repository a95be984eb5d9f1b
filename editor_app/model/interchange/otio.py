"""OpenTimelineIO export and import.

Times become `RationalTime(ticks, 1000)`, so nothing is rounded. Tracks map to OTIO tracks,
the space between clips to Gaps, media to `ExternalReference` (`videodb://<id>`, or the
original file when known) and text or caption assets to `GeneratorReference`. Everything
OTIO has no word for (volume, fit, position, filters, track state, markers' colours, the
media table) rides in `metadata["videodb"]`, so a round trip gives the same timeline back.

OTIO tracks cannot hold overlapping clips, which cloud timelines may have; overlapping clips
go to extra "overflow" tracks that name their home track and are merged back on import.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import opentimelineio as otio
from pydantic import ValidationError

from editor_app.model.errors import ProjectFileError
from editor_app.model.interchange.otio_export import to_otio
from editor_app.model.interchange.otio_import import from_otio
from editor_app.model.project.atomic_file import atomic_write_text
from editor_app.model.timeline import Timeline

__all__ = ["from_otio", "otio_from_string", "otio_to_string", "read_otio", "to_otio", "write_otio"]


def write_otio(timeline: Timeline, path: Path, name: str = "") -> None:
    path = Path(path)
    text = otio_to_string(timeline, name or path.stem)
    try:
        atomic_write_text(path, text)
    except OSError as exc:
        raise ProjectFileError(str(path), f"could not write: {exc.strerror or exc}") from exc


def read_otio(path: Path) -> Timeline:
    """Read an `.otio` file; ProjectFileError naming the file and the problem when it fails."""
    path = Path(path)
    raw: Any = None
    try:
        if path.suffix.lower() == ".otio":
            text = path.read_text(encoding="utf-8")
            source = otio.adapters.read_from_string(text, "otio_json")
            raw = json.loads(text)
        else:  # .otioz, .otiod and whatever adapters are installed
            source = otio.adapters.read_from_file(str(path))
    except Exception as exc:  # OTIO raises many kinds (its own, JSON, OS, KeyError)
        raise ProjectFileError(str(path), f"not a readable OpenTimelineIO file: {exc}") from None
    return _convert(source, raw, str(path))


def otio_from_string(text: str, where: str = "<memory>") -> Timeline:
    """Our timeline from `.otio` JSON text (what `otio_to_string` writes)."""
    try:
        source = otio.adapters.read_from_string(text, "otio_json")
        raw = json.loads(text)
    except Exception as exc:
        raise ProjectFileError(where, f"not a readable OpenTimelineIO file: {exc}") from None
    return _convert(source, raw, where)


def otio_to_string(timeline: Timeline, name: str = "") -> str:
    return str(otio.adapters.write_to_string(to_otio(timeline, name), "otio_json"))


def _convert(source: Any, raw: Any, where: str) -> Timeline:
    if not isinstance(source, otio.schema.Timeline):
        raise ProjectFileError(where, f"holds a {type(source).__name__}, not a timeline")
    try:
        return from_otio(source, raw)
    except (ValueError, ValidationError) as exc:
        raise ProjectFileError(where, str(exc)) from None
    except (TypeError, KeyError, AttributeError) as exc:  # VideoDB metadata of an unexpected shape
        raise ProjectFileError(where, f"unexpected VideoDB metadata: {exc!r}") from None
