"""Compiling a timeline: `POST /editor` and `POST /timeline_v2` (docs/architecture.md, "Flow: a compile").

- `POST /editor` takes inline editor JSON, or `{"timeline_url"}` of a file uploaded to this
  server (the SDK uploads timelines over 100 KiB first).
- `POST /timeline_v2` takes the seed's cut list: entries play one after another, each clip the
  `[start, end)` range of its `video_id` at its volume.

Both answer at once with an HLS `stream_url` (see `streams.py`), plus `timeline_id` (our
extension, so the seed's download contract is usable). The seed's `output_format` does not
change the compiled stream (always HLS, `format: "hls"`); files in mp4/webm/avi come from the
download routes (`routes/jobs.py`). Nothing renders here: segments render when a player asks.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Request

from editor_app.model import Clip, InvalidTimelineJSON, Timeline, Track, VideoAsset
from editor_app.model.ticks import to_ticks
from editor_app.server.errors import BadRequest
from editor_app.server.render.timelines import stream_folder_name
from editor_app.server.routes.state import editor_of
from editor_app.wire import CompileResult, SeedCompileRequest

router = APIRouter(tags=["editor"])

PREVIEW_HEIGHT_DOC = (
    "Local-backend extension, never sent by the official SDKs: render the stream's segments "
    "`preview_height` rows high (width by aspect, even sides) from preview proxies where they are "
    "ready, with the same composition scaled to the frame. Without it the stream is full size. "
    "Exports always render the originals at the timeline's resolution."
)
PreviewHeight = Annotated[int | None, Query(ge=16, le=4320, description=PREVIEW_HEIGHT_DOC)]


def _compile(request: Request, timeline: Timeline, preview_height: int | None = None) -> dict[str, Any]:
    rows = None if preview_height is None else preview_height - preview_height % 2
    tid, _cached = editor_of(request).compile(timeline, rows)  # a RenderInputError is a 400 naming why
    folder = stream_folder_name(tid, rows)
    path = f"/stream/{folder}/"
    base = str(request.base_url).rstrip("/")
    token = request.app.state.sign(path)
    stream_url = f"{base}{path}index.m3u8?token={token}"
    result = CompileResult(
        stream_url=stream_url,
        player_url=stream_url,
        timeline_id=tid,
        duration=timeline.duration / 1000,
        format="hls",
        frame_url=f"{base}{path}frame?token={token}",
        fps=editor_of(request).stream(tid, rows).fps,
    )
    return {"success": True, "data": result.model_dump(exclude_none=True)}


def _parse(data: Any) -> Timeline:
    try:
        return Timeline.from_editor_json(data)
    except InvalidTimelineJSON as exc:
        raise BadRequest(str(exc), "invalid_timeline") from None


@router.post(
    "/editor",
    summary="Compile an editor timeline to an HLS stream",
    description=(
        "Answers `stream_url` at once (segments render when a player asks). The local backend "
        "also answers `frame_url` (extension): `GET {frame_url}&t=<seconds>&height=<rows>` is the "
        "composed frame at t as JPEG."
    ),
)
def compile_editor(
    request: Request, body: Annotated[dict[str, Any], Body()], preview_height: PreviewHeight = None
) -> dict[str, Any]:
    if "timeline_url" in body and "timeline" not in body:
        url = body["timeline_url"]
        if not isinstance(url, str):
            raise BadRequest("timeline_url: expected a string")
        path = request.app.state.store.resolve_upload_url(url)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise BadRequest(f"timeline_url: the uploaded file is not timeline JSON ({exc})") from None
        return _compile(request, _parse(data), preview_height)
    return _compile(request, _parse(body), preview_height)


@router.post("/timeline_v2", summary="Compile the seed's cut list to an HLS stream")
def compile_timeline_v2(request: Request, body: SeedCompileRequest) -> dict[str, Any]:
    track = Track(name="V1")
    cursor = 0
    for e_index, entry in enumerate(body.timeline):
        for c_index, cut in enumerate(entry.clips):
            where = f"timeline[{e_index}].clips[{c_index}]"
            if cut.start < 0 or cut.end <= cut.start:
                raise BadRequest(f"{where}: needs 0 <= start < end, got start={cut.start}, end={cut.end}")
            if not 0 <= cut.volume <= 10:
                raise BadRequest(f"{where}.volume: must be between 0 and 10")
            start, end = to_ticks(cut.start), to_ticks(cut.end)
            if end <= start:  # a cut shorter than the model's 1 ms tick
                raise BadRequest(f"{where}: lasts less than 1 ms (start={cut.start}, end={cut.end})")
            asset = VideoAsset(id=entry.video_id, start=start, volume=cut.volume)
            track.insert(Clip(start=cursor, duration=end - start, asset=asset))
            cursor += end - start
    if cursor == 0:
        raise BadRequest("timeline: no clips to compile")
    return _compile(request, Timeline(tracks=[track]))
