"""`videodb-editor render PROJECT -o OUT`: render a project or editor-JSON file headless.

Without `--base-url` the embedded backend is started as a child process (`serve --port 0`,
in a temporary data folder unless `--data-dir` is given) and stopped afterwards. Media the
project references by a local file (`MediaRef.original_path` that exists) is uploaded first
and its ids are remapped in the timeline. Then compile, export, wait, download to OUT.
Exit codes: 0 only when OUT exists complete; 1 when the backend or the render failed;
2 for bad input (unreadable project, bad options); 130 when interrupted (the export job is
cancelled on the backend). Errors are one line on stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from editor_app.api.cancel import CancelToken
from editor_app.api.client import VideoDBClient
from editor_app.api.download import part_path
from editor_app.api.errors import Cancelled, VideoDBError
from editor_app.api.exports import ExportHandle
from editor_app.config.key_store import KeyStore
from editor_app.config.settings import SettingsFileError, load_settings
from editor_app.headless.local_backend import LocalBackend
from editor_app.headless.progress_display import ProgressDisplay, human_bytes
from editor_app.model.errors import ModelError
from editor_app.model.project.files import FORMAT_MARKER, MediaRef, project_from_json
from editor_app.model.timeline import Timeline
from editor_app.wire import AsyncResponse, supports_formats

API_KEY_ENV = "VIDEODB_API_KEY"
EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130


class UnrenderableInput(ValueError):
    """The project file or the options cannot be rendered; nothing was sent."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", type=Path, help="a .vdbproj project or an editor-JSON timeline file")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the file to write")
    parser.add_argument("--format", choices=["mp4", "webm", "avi"], default=None, help="default: from -o")
    parser.add_argument("--quality", choices=["low", "medium", "high"], default="high")
    parser.add_argument("--base-url", default=None, help="a running backend; default: start a local one")
    parser.add_argument(
        "--api-key",
        default=None,
        help="key for --base-url (default: $VIDEODB_API_KEY, then the stored cloud key)",
    )
    parser.add_argument("--collection", default="default", help="collection to upload into")
    parser.add_argument("--data-dir", type=Path, default=None, help="data folder of the local backend")
    parser.add_argument("--timeout", type=float, default=3600.0, help="give up on the export after S seconds")


# ---- reading the input ----------------------------------------------------------------------
def read_input(path: Path) -> tuple[dict[str, Any], list[MediaRef]]:
    """(editor JSON body, local media to upload) of a project or an editor-JSON file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UnrenderableInput(f"{path}: cannot read it ({exc})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UnrenderableInput(f"{path}: line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    try:
        if isinstance(data, dict) and data.get("format") == FORMAT_MARKER:
            project = project_from_json(text, str(path))
            local = [_resolved(ref, path.parent) for ref in project.media]
            return project.timeline.to_editor_json(), [ref for ref in local if ref is not None]
        if not isinstance(data, dict):
            raise UnrenderableInput(f"{path}: expected a JSON object (a project or an editor timeline)")
        return Timeline.from_editor_json(data).to_editor_json(), []
    except ModelError as exc:
        raise UnrenderableInput(str(exc)) from None


def _resolved(ref: MediaRef, folder: Path) -> MediaRef | None:
    if not ref.original_path:
        return None
    path = Path(ref.original_path).expanduser()
    path = path if path.is_absolute() else folder / path
    return ref.model_copy(update={"original_path": str(path)}) if path.is_file() else None


def remap_media(body: dict[str, Any], mapping: dict[str, str]) -> int:
    """Replace asset ids in an editor-JSON body in place; returns how many were replaced."""
    replaced = 0
    for track in body.get("timeline", {}).get("tracks", []):
        for item in track.get("clips", []):
            asset = item.get("clip", {}).get("asset", {})
            if isinstance(asset, dict) and asset.get("id") in mapping:
                asset["id"] = mapping[asset["id"]]
                replaced += 1
    return replaced


def output_format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    suffix = args.output.suffix.lower().lstrip(".")
    if suffix in ("mp4", "webm", "avi"):
        return suffix
    raise UnrenderableInput(f"{args.output}: say --format mp4|webm|avi (the name has no known extension)")


# ---- the render ------------------------------------------------------------------------------
def render(
    client: VideoDBClient, args: argparse.Namespace, show: ProgressDisplay, cancel: CancelToken
) -> Path:
    body, local_media = read_input(args.project)
    fmt = output_format(args)
    mapping: dict[str, str] = {}
    for ref in local_media:
        source = Path(str(ref.original_path))
        show.stage(f"Uploading {source.name} ({human_bytes(source.stat().st_size)})")
        item = client.upload(
            source,
            media_type=ref.kind,
            name=ref.name or source.stem,
            progress=lambda sent, total: show.update(sent / total if total else None),
            cancel=cancel,
        )
        mapping[ref.id] = item.id
    remap_media(body, mapping)
    show.stage("Compiling the timeline")
    compiled = client.compile(body, cancel=cancel)
    if fmt not in supports_formats(compiled):
        raise UnrenderableInput(
            f"this backend exports {', '.join(supports_formats(compiled))} only, not {fmt}"
        )
    show.stage(f"Exporting {fmt} ({args.quality} quality)")
    handle = client.start_export(compiled, format=fmt, quality=args.quality)
    show.finish(f"  job {handle.id or handle.output_url}")
    try:
        done = client.wait_export(
            handle, progress=lambda a: _job_progress(show, a), cancel=cancel, timeout=args.timeout
        )
    except (Cancelled, KeyboardInterrupt):
        _cancel_quietly(client, handle)
        raise
    url = done.data.download_url or done.data.stream_url
    if not url:
        raise VideoDBError("the export finished but the backend gave no download_url")
    show.stage(f"Downloading to {args.output}")
    part_path(Path(args.output)).unlink(missing_ok=True)  # a .part left by another render is not ours
    client.download(
        url,
        args.output,
        progress=lambda got, total: show.update(got / total if total else None, human_bytes(got)),
        cancel=cancel,
        expected_size=done.data.size,
    )
    return Path(args.output)


def remote_api_key(given: str | None) -> str | None:
    """The key for `--base-url`: the option, the environment (out of `ps`), or the stored key."""
    return given or os.environ.get(API_KEY_ENV) or KeyStore().load()


def _job_progress(show: ProgressDisplay, answer: AsyncResponse) -> None:
    fraction = answer.data.progress
    if fraction is None and answer.data.percentage is not None:
        fraction = answer.data.percentage / 100
    show.update(1.0 if answer.finished else fraction)


def _cancel_quietly(client: VideoDBClient, handle: ExportHandle) -> None:
    if handle.output_url:
        try:
            client.cancel_job(handle.output_url)
        except VideoDBError:
            pass  # the job may have finished meanwhile; nothing else to undo


def configured_tools() -> list[str]:
    """The ffmpeg chosen in Preferences (settings.json or VIDEODB_EDITOR_FFMPEG_PATH), for `serve`."""
    try:
        return load_settings().serve_tool_arguments()
    except SettingsFileError:
        return []


def run(args: argparse.Namespace) -> int:
    show = ProgressDisplay()
    cancel = CancelToken()
    try:
        with ExitStack() as stack:
            if args.base_url:
                base_url, api_key = str(args.base_url), remote_api_key(args.api_key)
            else:
                data_dir = args.data_dir or Path(
                    stack.enter_context(tempfile.TemporaryDirectory(prefix="vdb-render-"))
                )
                show.stage("Starting the local backend")
                backend = stack.enter_context(LocalBackend(data_dir, tools=configured_tools()))
                base_url, api_key = backend.base_url, backend.api_key
            client = stack.enter_context(VideoDBClient(base_url, api_key, collection_id=args.collection))
            out = render(client, args, show, cancel)
        show.finish(f"Wrote {out} ({human_bytes(out.stat().st_size)})")
        return EXIT_OK
    except UnrenderableInput as exc:
        print(f"videodb-editor render: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (KeyboardInterrupt, Cancelled):
        print("videodb-editor render: interrupted; the export was cancelled", file=sys.stderr)
        return EXIT_INTERRUPTED
    except VideoDBError as exc:
        print(f"videodb-editor render: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:
        print(
            f"videodb-editor render: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "),
            file=sys.stderr,
        )
        return EXIT_FAILED
