"""`VideoDBClient`: the synchronous VideoDB API client the UI calls from worker threads.

It speaks to the VideoDB cloud and to the embedded local backend alike (only `base_url`
differs). Every error is an `editor_app.api.errors` type; retries follow `retry.py`; export
endpoint choice follows `exports.py`; long calls take a `CancelToken`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from editor_app.api import jobs, upload
from editor_app.api.cancel import CancelToken
from editor_app.api.download import DownloadProgress, download_file
from editor_app.api.errors import InvalidRequestError, ServerError
from editor_app.api.exports import ExportHandle
from editor_app.api.retry import RetryPolicy
from editor_app.api.session import ApiSession
from editor_app.wire import (
    EDITOR_DOWNLOAD,
    SEED_DOWNLOAD,
    AsyncResponse,
    Collection,
    CompileResult,
    ExportFormat,
    LocalSettings,
    MediaItem,
    MediaKind,
    Quality,
    ThumbnailStrip,
    TranscriptInfo,
    Waveform,
    export_endpoint,
    kind_of_id,
)

MAX_INLINE_TIMELINE_BYTES = 100 * 1024  # the SDK's MAX_PAYLOAD_SIZE: bigger bodies go by upload
_PLURAL: dict[MediaKind, str] = {"video": "videos", "audio": "audios", "image": "images"}
_M = TypeVar("_M", bound=BaseModel)


class VideoDBClient:
    def __init__(
        self,
        base_url: str,
        api_key: str | None,
        *,
        collection_id: str = "default",
        timeout: float = 30.0,
        transport: httpx.BaseTransport | None = None,
        retry: RetryPolicy | None = None,
    ) -> None:
        self.collection_id = collection_id
        self._session = ApiSession(
            base_url, api_key, timeout=timeout, transport=transport, retry=retry or RetryPolicy()
        )

    @property
    def base_url(self) -> str:
        return self._session.base_url

    def __repr__(self) -> str:  # never the key
        return f"VideoDBClient({self.base_url!r}, collection_id={self.collection_id!r})"

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> VideoDBClient:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # ---- helpers --------------------------------------------------------------------------
    def _model(self, model: type[_M], data: Any, what: str) -> _M:
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "body"
            raise ServerError(f"unexpected {what} from the server: {where}: {first['msg']}") from None

    def _get(self, path: str, **params: Any) -> Any:
        return self._session.call("GET", path, params=params or None, idempotent=True)

    # ---- collections and media ------------------------------------------------------------
    def list_collections(self) -> list[Collection]:
        data = self._get("/collection")
        items = data.get("collections", []) if isinstance(data, dict) else data
        return [self._model(Collection, c, "collection") for c in items or []]

    def get_collection(self, cid: str | None = None) -> Collection:
        data = self._get(f"/collection/{cid or self.collection_id}")
        return self._model(Collection, data, "collection")

    def list_media(self, kind: MediaKind) -> list[MediaItem]:
        data = self._get(f"/{kind}", collection_id=self.collection_id)
        items = data.get(_PLURAL[kind], []) if isinstance(data, dict) else data
        return [self._model(MediaItem, item, kind) for item in items or []]

    def list_videos(self) -> list[MediaItem]:
        return self.list_media("video")

    def list_audios(self) -> list[MediaItem]:
        return self.list_media("audio")

    def list_images(self) -> list[MediaItem]:
        return self.list_media("image")

    def get_media(self, media_id: str) -> MediaItem:
        return self._model(MediaItem, self._get(f"/{kind_of_id(media_id)}/{media_id}"), "media")

    def delete_media(self, media_id: str) -> None:
        self._session.call("DELETE", f"/{kind_of_id(media_id)}/{media_id}", idempotent=False)

    def upload(
        self,
        path: Path,
        *,
        media_type: MediaKind | None = None,
        name: str | None = None,
        progress: Callable[[int, int], None] | None = None,
        cancel: CancelToken | None = None,
    ) -> MediaItem:
        """Upload a local file in three steps (`upload.py`); `progress(sent, total)` as bytes go out."""
        path = Path(path)
        if not path.is_file():
            raise InvalidRequestError(f"{path}: no such file to upload", "path")
        name = name or path.stem
        media_type = media_type or upload.guess_kind(path)
        url = upload.request_upload_url(self._session, self.collection_id, name)
        total = path.stat().st_size
        with path.open("rb") as handle:
            body = upload.ProgressFile(handle, total, progress, cancel)
            upload.post_file(self._session, url, path.name, body, "application/octet-stream", cancel=cancel)
        answer = upload.ingest(self._session, self.collection_id, url, name, media_type, cancel)
        data = answer.get("data")
        if answer.get("status") == "processing" and isinstance(data, dict) and data.get("output_url"):
            data = jobs.wait_job_raw(self._session, str(data["output_url"]), cancel=cancel)[1].get("data")
        elif answer.get("success") is False:
            raise InvalidRequestError(self._session.redact(str(answer.get("message") or "upload refused")))
        return self._model(MediaItem, data, "uploaded media")

    # ---- compile --------------------------------------------------------------------------
    def compile(
        self,
        timeline_json: dict[str, Any],
        *,
        cancel: CancelToken | None = None,
        preview_height: int | None = None,
    ) -> CompileResult:
        """POST /editor; bodies over 100 KiB are uploaded first and sent as `timeline_url`.

        `preview_height` (local backend only) asks for a stream rendered at that many rows from
        proxies where ready; only send it when the backend is local."""
        body = timeline_json if "timeline" in timeline_json else {"timeline": timeline_json}
        text = json.dumps(body)
        if len(text.encode("utf-8")) > MAX_INLINE_TIMELINE_BYTES:
            url = upload.request_upload_url(self._session, self.collection_id, "timeline_data.json")
            upload.post_file(
                self._session, url, "timeline_data.json", text.encode(), "application/json", cancel=cancel
            )
            body = {"timeline_url": url}
        params = {"preview_height": preview_height} if preview_height is not None else None
        # idempotent: the same timeline compiles to the same stream, so a compile whose connection
        # dropped (a keep-alive the server closed) is safely sent again
        data = self._session.call("POST", "/editor", json=body, params=params, idempotent=True, cancel=cancel)
        return self._model(CompileResult, data, "compile result")

    def compile_v2(self, body: dict[str, Any], *, cancel: CancelToken | None = None) -> CompileResult:
        data = self._session.call("POST", "/timeline_v2", json=body, idempotent=True, cancel=cancel)
        return self._model(CompileResult, data, "compile result")

    # ---- export and jobs ------------------------------------------------------------------
    def start_export(
        self, compiled: CompileResult, *, format: ExportFormat = "mp4", quality: Quality = "high"
    ) -> ExportHandle:
        """Start one export job; never repeated blindly (see `retry.py`)."""
        endpoint = export_endpoint(compiled)
        body: dict[str, Any]
        if endpoint == SEED_DOWNLOAD:
            body = {"timeline_id": compiled.timeline_id, "format": format, "quality": quality}
        else:
            if format != "mp4":
                raise InvalidRequestError(
                    f"this backend exports mp4 only (asked for {format})", "format", status=400
                )
            body = {"stream_url": compiled.stream_url}
        raw = self._session.call("POST", endpoint, json=body, idempotent=False, envelope=True)
        answer = jobs.parse_async(raw, endpoint)
        if answer.failed:
            raise InvalidRequestError(self._session.redact(jobs.failure_reason(answer)))
        output_url = answer.data.output_url or ""
        if not output_url and not answer.finished:
            raise ServerError(f"{endpoint}: the server started a job but gave no output_url")
        return ExportHandle(
            id=answer.data.id,
            output_url=output_url,
            format=format,
            quality=quality if endpoint == SEED_DOWNLOAD else "high",
            endpoint=endpoint if endpoint == SEED_DOWNLOAD else EDITOR_DOWNLOAD,
            answer=answer,
        )

    def poll_job(self, output_url: str) -> AsyncResponse:
        return jobs.poll_job(self._session, output_url)

    def wait_job(
        self,
        output_url: str,
        *,
        progress: Callable[[AsyncResponse], None] | None = None,
        cancel: CancelToken | None = None,
        timeout: float = 3600,
    ) -> AsyncResponse:
        return jobs.wait_job(self._session, output_url, progress=progress, cancel=cancel, timeout=timeout)

    def wait_export(
        self,
        handle: ExportHandle,
        *,
        progress: Callable[[AsyncResponse], None] | None = None,
        cancel: CancelToken | None = None,
        timeout: float = 3600,
    ) -> AsyncResponse:
        """`wait_job` for a handle, also when the backend answered `done` at once."""
        if not handle.output_url and handle.answer is not None:
            return handle.answer
        return self.wait_job(handle.output_url, progress=progress, cancel=cancel, timeout=timeout)

    def cancel_job(self, output_url_or_id: str) -> None:
        target = output_url_or_id
        if "/" not in target:
            target = f"/async-response/{target}"
        # the answer is the cancelled job itself (`success: false`), not an error
        self._session.call("DELETE", target, idempotent=False, envelope=True)

    # ---- files ----------------------------------------------------------------------------
    def download(
        self,
        url: str,
        dest: Path,
        *,
        progress: DownloadProgress | None = None,
        cancel: CancelToken | None = None,
        expected_size: int | None = None,
    ) -> Path:
        return download_file(
            self._session, url, Path(dest), progress=progress, cancel=cancel, expected_size=expected_size
        )

    def thumbnails(self, video_id: str, count: int = 20) -> ThumbnailStrip:
        return self._model(
            ThumbnailStrip, self._get(f"/video/{video_id}/thumbnails", count=count), "thumbnail strip"
        )

    def waveform(self, media_id: str) -> Waveform:
        data = self._get(f"/{kind_of_id(media_id)}/{media_id}/waveform")
        return self._model(Waveform, data, "waveform")

    def attach_transcript(self, media_id: str, text: str, name: str) -> TranscriptInfo:
        """The local backend's extension: a subtitle file's text as the media's transcript."""
        body = {"text": text, "name": name}
        path = f"/{kind_of_id(media_id)}/{media_id}/transcript"
        data = self._session.call("POST", path, json=body, idempotent=True)
        return self._model(TranscriptInfo, data, "transcript")

    def fetch_bytes(self, url: str) -> bytes:
        return self._session.send("GET", url, idempotent=True).content

    # ---- local backend extensions (call only when the backend is local) -------------------
    def frame(self, frame_url: str, t: float, height: int | None = None) -> bytes:
        """JPEG of the compiled timeline's frame at `t` s (`CompileResult.frame_url`)."""
        params: dict[str, Any] = {"t": f"{t:.6f}"}
        if height is not None:
            params["height"] = height
        url = str(httpx.URL(frame_url).copy_merge_params(params))  # keeps the URL's own `token`
        return self._session.send("GET", url, idempotent=True).content

    def make_proxy(self, media_id: str) -> MediaItem:
        data = self._session.call("POST", f"/video/{media_id}/proxy", idempotent=True)
        return self._model(MediaItem, data, "media")

    def drop_proxy(self, media_id: str) -> MediaItem:
        data = self._session.call("DELETE", f"/video/{media_id}/proxy", idempotent=True)
        return self._model(MediaItem, data, "media")

    def local_settings(self) -> LocalSettings:
        return self._model(LocalSettings, self._get("/local/settings"), "local settings")

    def set_local_settings(self, auto_proxies: bool) -> LocalSettings:
        body = {"auto_proxies": auto_proxies}
        data = self._session.call("PATCH", "/local/settings", json=body, idempotent=True)
        return self._model(LocalSettings, data, "local settings")
