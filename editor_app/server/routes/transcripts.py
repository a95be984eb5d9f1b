"""Transcripts attached to videos and audios (a local extension): what `src: "auto"` captions show.

`POST /video/{id}/transcript` (or `/audio/...`) takes JSON `{"text", "name"}` or a multipart
`file` holding SRT, WebVTT or ASS; `GET` answers it with its cue count, `DELETE` removes it.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import ValidationError

from editor_app.server.errors import BadRequest, NotFound, ok
from editor_app.server.media.transcripts import (
    MAX_TRANSCRIPT_BYTES,
    Transcript,
    TranscriptStore,
    checked_cues,
)
from editor_app.server.routes.media import get_of_kind
from editor_app.wire import Envelope, MediaKind, TranscriptInfo, TranscriptUpload

router = APIRouter(tags=["transcripts (local extension)"])


def transcripts_of(request: Request) -> TranscriptStore:
    store: TranscriptStore = request.app.state.transcripts
    return store


def _info(transcript: Transcript, with_text: bool = False) -> dict[str, Any]:
    cues = transcript.cues()
    info = TranscriptInfo(
        media_id=transcript.media_id,
        name=transcript.name,
        cues=len(cues),
        word_timing=any(c.words for c in cues),
        text=transcript.text if with_text else None,
    )
    return info.model_dump(mode="json")


async def _upload(request: Request) -> TranscriptUpload:
    if request.headers.get("content-type", "").startswith("multipart/"):
        form = await request.form()
        file = form.get("file")
        if file is None or isinstance(file, str):
            raise BadRequest("file: a multipart field 'file' with the subtitle file is required")
        data = await file.read(MAX_TRANSCRIPT_BYTES + 1)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise BadRequest("file: the transcript is not UTF-8 text") from None
        return TranscriptUpload(text=text or " ", name=file.filename or "transcript")
    try:
        return TranscriptUpload.model_validate(await request.json())
    except (ValueError, ValidationError) as exc:
        raise BadRequest(
            f"transcript: expected JSON {{'text', 'name'}} or a multipart file ({exc})"
        ) from None


async def _attach(request: Request, kind: MediaKind, media_id: str) -> dict[str, Any]:
    get_of_kind(request, kind, media_id)
    body = await _upload(request)
    checked_cues(body.text)
    return ok(_info(transcripts_of(request).put(media_id, body.name, body.text)))


def _get(request: Request, kind: MediaKind, media_id: str) -> dict[str, Any]:
    get_of_kind(request, kind, media_id)
    transcript = transcripts_of(request).get(media_id)
    if transcript is None:
        raise NotFound(f"{kind} {media_id} has no transcript")
    return ok(_info(transcript, with_text=True))


def _delete(request: Request, kind: MediaKind, media_id: str) -> dict[str, Any]:
    get_of_kind(request, kind, media_id)
    if not transcripts_of(request).delete(media_id):
        raise NotFound(f"{kind} {media_id} has no transcript")
    return ok({"media_id": media_id})


@router.post(
    "/video/{media_id}/transcript",
    summary="Attach a transcript (SRT, VTT or ASS) to a video: what captions with src 'auto' show",
    response_model=Envelope[TranscriptInfo],
)
async def attach_video_transcript(media_id: str, request: Request) -> dict[str, Any]:
    return await _attach(request, "video", media_id)


@router.post(
    "/audio/{media_id}/transcript",
    summary="Attach a transcript (SRT, VTT or ASS) to an audio",
    response_model=Envelope[TranscriptInfo],
)
async def attach_audio_transcript(media_id: str, request: Request) -> dict[str, Any]:
    return await _attach(request, "audio", media_id)


@router.get(
    "/video/{media_id}/transcript", summary="A video's transcript", response_model=Envelope[TranscriptInfo]
)
def video_transcript(media_id: str, request: Request) -> dict[str, Any]:
    return _get(request, "video", media_id)


@router.get(
    "/audio/{media_id}/transcript", summary="An audio's transcript", response_model=Envelope[TranscriptInfo]
)
def audio_transcript(media_id: str, request: Request) -> dict[str, Any]:
    return _get(request, "audio", media_id)


@router.delete("/video/{media_id}/transcript", summary="Remove a video's transcript")
def delete_video_transcript(media_id: str, request: Request) -> dict[str, Any]:
    return _delete(request, "video", media_id)


@router.delete("/audio/{media_id}/transcript", summary="Remove an audio's transcript")
def delete_audio_transcript(media_id: str, request: Request) -> dict[str, Any]:
    return _delete(request, "audio", media_id)
