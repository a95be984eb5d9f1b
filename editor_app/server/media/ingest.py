"""Turn a received upload into stored media: probe it, file it by content hash, make its thumbnail.

Ingest is synchronous (probing takes ~60 ms, a thumbnail ~100 ms) so the SDK's upload call gets
the media object back at once instead of polling. A file that is not media is refused with a 400
and stays where it was, so nothing is lost. Identical content is stored once.
"""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
import shutil
import time
from pathlib import Path

from editor_app.server.errors import BadRequest, ProbeError, ShuttingDown, ToolError
from editor_app.server.media.probe import ProbeResult, file_extension, probe
from editor_app.server.store import MediaRecord, Store, new_media_id
from editor_app.server.tool_runner import ToolRunner
from editor_app.wire import MediaKind

log = logging.getLogger(__name__)
THUMBNAIL_WIDTH = 320
FFMPEG_TIMEOUT_S = 120.0


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _decide_kind(result: ProbeResult, asked: MediaKind | None) -> MediaKind:
    """The asked media type must fit the file; a video's sound may be taken as audio, as the cloud does."""
    if asked is None or asked == result.kind:
        return result.kind
    if asked == "audio" and result.kind == "video" and result.has_audio:
        return "audio"
    raise BadRequest(f"media_type is '{asked}' but the uploaded file is {result.kind}", "media_type_mismatch")


def thumbnail_path(store: Store, sha256: str) -> Path:
    return store.data_dir / "thumbs" / sha256 / "thumb.jpg"


def make_thumbnail(
    tools: ToolRunner, source: Path, target: Path, at_seconds: float, width: int = THUMBNAIL_WIDTH
) -> bool:
    """One JPEG frame `at_seconds` in, `width` px wide (-1: full size); False (and logged) on failure.
    Concurrent calls for one target share one run."""
    key = ("thumbnail", str(target), at_seconds, width)
    return tools.shared.run(key, lambda: _make_thumbnail(tools, source, target, at_seconds, width))


def _make_thumbnail(tools: ToolRunner, source: Path, target: Path, at_seconds: float, width: int) -> bool:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part.jpg")
    args = [tools.ffmpeg, "-v", "error", "-y", "-ss", f"{at_seconds:.3f}", "-i", str(source)]
    scale = f"scale={width}:-2" if width > 0 else "scale=iw:ih"
    args += ["-frames:v", "1", "-vf", scale, "-q:v", "4", str(partial)]
    try:
        done = tools.run(args, FFMPEG_TIMEOUT_S)
    except ToolError as exc:
        log.warning("thumbnail of %s failed: %s", source, exc)
        partial.unlink(missing_ok=True)
        return False
    if done.returncode != 0 or not partial.is_file() or partial.stat().st_size == 0:
        log.warning("thumbnail of %s failed: %s", source, done.last_error_line())
        partial.unlink(missing_ok=True)
        return False
    os.replace(partial, target)
    return True


def ingest_file(
    store: Store,
    tools: ToolRunner,
    staged: Path,
    *,
    collection_id: str,
    name: str,
    asked_kind: MediaKind | None,
    description: str | None = None,
    known_sha256: str | None = None,
    upload_token: str | None = None,
) -> MediaRecord:
    """Probe `staged`, store it content-addressed and record it; returns the record.

    Crash-safe: the file is linked (or copied) into `media/` and `staged` is removed only after
    the record, and the upload marked ingested (`upload_token`), are committed in one
    transaction. Cut off before, the staged file is still there for the retry, and the start's
    reconciliation (`Store.reconcile_media`) removes a stored file no record refers to."""
    try:
        result = probe(tools, staged)
    except ProbeError as exc:
        staged.unlink(missing_ok=True)  # refused: its bytes have no use, and may be large
        # ffmpeg names the file by its path, which holds the data dir and the upload token
        reason = str(exc).replace(str(staged), "the file").replace(str(store.data_dir), "the data dir")
        raise BadRequest(f"cannot ingest '{name}': {reason}", "unsupported_media") from None
    if result.kind == "video" and not _decodes_a_frame(tools, staged):
        staged.unlink(missing_ok=True)
        raise BadRequest(
            f"cannot ingest '{name}': no video frame can be decoded from it", "unsupported_media"
        )
    kind = _decide_kind(result, asked_kind)
    sha = known_sha256 or sha256_of(staged)
    ext = file_extension(result)
    target = store.data_dir / "media" / f"{sha}.{ext}"
    size = staged.stat().st_size
    if not target.exists():
        _store_copy(staged, target)
    if result.kind == "video" and not thumbnail_path(store, sha).exists():
        make_thumbnail(tools, target, thumbnail_path(store, sha), min(1.0, result.length / 2))
    as_audio = kind == "audio"
    record = MediaRecord(
        id=new_media_id(kind),
        kind=kind,
        collection_id=collection_id,
        name=name,
        description=description,
        sha256=sha,
        ext=ext,
        size=size,
        length=round(result.length, 3),
        width=None if as_audio else result.width,
        height=None if as_audio else result.height,
        fps=None if as_audio else result.fps,
        has_audio=result.has_audio,
        video_codec=None if as_audio else result.video_codec,
        audio_codec=result.audio_codec,
        created_at=time.time(),
        data_dir=store.data_dir,
    )
    store.add_media(record, upload_token=upload_token)
    staged.unlink(missing_ok=True)
    return record


def _decodes_a_frame(tools: ToolRunner, path: Path) -> bool:
    """A header alone passes ffprobe; only a decoded frame shows the pictures are there."""
    args = [tools.ffmpeg, "-v", "quiet", "-i", str(path), "-map", "0:v:0", "-frames:v", "1"]
    try:
        done = tools.run([*args, "-f", "framemd5", "-"], FFMPEG_TIMEOUT_S)
    except ShuttingDown:
        raise  # says nothing about the file
    except ToolError:
        return False
    return any(line and not line.startswith(b"#") for line in done.stdout.splitlines())


def _store_copy(staged: Path, target: Path) -> None:
    """`staged` appears at `target` whole or not at all, and `staged` stays (a hard link, or a copy)."""
    partial = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
    try:
        os.link(staged, partial)
    except OSError:  # another file system, or no hard links there
        shutil.copyfile(staged, partial)
    os.replace(partial, target)
