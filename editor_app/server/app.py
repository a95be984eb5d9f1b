"""The embedded local backend as a FastAPI app: the VideoDB HTTP API on loopback, rendered with ffmpeg.

Shared state for route modules (the renderer's included):
    app.state.store        Store (SQLite + content-addressed media)
    app.state.api_key      the key every API request must carry in `x-access-token`
    app.state.data_dir     Path of the data dir
    app.state.sign(path)   HMAC token for a URL path (or folder prefix ending in "/"), for `?token=`;
                           it expires after `url_lifetime_s` (auth.py)
    app.state.tools        ToolRunner: runs every ffmpeg/ffprobe of this app (`tools.ffmpeg`,
                           `tools.ffprobe` name the executables) and ends them at shutdown
    app.state.transcripts  TranscriptStore: transcripts attached to media (captions with src "auto")
    app.state.editor       EditorService: compile, HLS preview segments, still frames, export jobs
                           (made at startup)
    app.state.proxies      ProxyService: preview proxies of videos and the local settings
    app.state.max_upload_bytes
    app.state.ingest_lock  one ingest at a time (probing and hashing share 2 cores anyway; an upload
                           URL ingested twice at once would store its media twice)
    app.state.file_areas   data-dir folders `/files/{area}/...` may serve (extendable)
    app.state.on_shutdown  callables run when the server stops, last added first; the tools'
                           shutdown is the first entry, so it runs last
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI

from editor_app import __version__
from editor_app.server.auth import DEFAULT_URL_LIFETIME_S, ApiKeyMiddleware, make_signer
from editor_app.server.errors import install_error_handlers
from editor_app.server.media.transcripts import TranscriptStore
from editor_app.server.proxies.maker import PROXY_VERSION
from editor_app.server.proxies.service import ProxyService
from editor_app.server.render.service import EditorService
from editor_app.server.routes import ROUTERS
from editor_app.server.routes.files import DEFAULT_FILE_AREAS
from editor_app.server.store import Store
from editor_app.server.tool_runner import ToolRunner

log = logging.getLogger(__name__)
DEFAULT_MAX_UPLOAD_BYTES = 4 * 1024**3

DESCRIPTION = """
The VideoDB editor API served locally: media, uploads, editor compile and export, rendered with ffmpeg.
Every route needs the API key in the `x-access-token` header. File and stream URLs carry a
`?token=` instead (players cannot send headers); upload URLs authorise themselves.

Extensions of the local backend (not in the cloud API):
- `GET /video/{id}/thumbnails?count=N`: a strip of N JPEG frames for drawing on the timeline.
- `GET /video/{id}/waveform`, `GET /audio/{id}/waveform`: audio peaks (0..1) every 1/50 s.
- Media objects also carry `width`, `height`, `fps`, `has_audio`, `video_codec`, `audio_codec`.
- `GET /files/{area}/{path}`: stored files with HTTP Range support.
- Preview (docs/architecture.md, "Proxies and preview size"): `POST /editor?preview_height=H`
  compiles a stream rendered H rows high from preview proxies where ready; every compile answer
  carries `frame_url`, and `GET {frame_url}&t=&height=` is the composed frame at t as JPEG.
  Media objects carry `proxy` (`state`, `progress`, `error`, `height`); `POST` and `DELETE
  /video/{id}/proxy` make and drop one; `GET`/`PATCH /local/settings` (`auto_proxies`).
  The official SDKs never send these and get exactly the full-size streams of the cloud API.
- `POST|GET|DELETE /video/{id}/transcript` (and `/audio/...`): an SRT, WebVTT or ASS transcript
  attached to the media (JSON `{text, name}` or a multipart `file`); captions with `src: "auto"`
  show it where the media plays (VideoDB's spoken-word index stands behind `auto` in the cloud).
"""


def _run_shutdown_hooks(hooks: list[Callable[[], None]]) -> None:
    for hook in reversed(hooks):
        try:
            hook()
        except Exception:
            log.exception("shutdown hook %r failed", hook)


def create_app(
    data_dir: Path,
    api_key: str,
    *,
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
    ffmpeg: str = "ffmpeg",
    ffprobe: str = "ffprobe",
    url_lifetime_s: float = DEFAULT_URL_LIFETIME_S,
) -> FastAPI:
    if not api_key:
        raise ValueError("the local backend needs a non-empty API key")
    store = Store(data_dir)
    tools = ToolRunner(ffmpeg, ffprobe)
    proxies = ProxyService(store, tools)
    transcripts = TranscriptStore(store.db)
    # run last (hooks run in reverse): the renderer's own hooks get to end their work first
    on_shutdown: list[Callable[[], None]] = [tools.shutdown]

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        editor = EditorService(
            store.data_dir,
            store.db,
            store.get_media,
            tools,
            proxies=proxies.ready_file,
            proxy_version=PROXY_VERSION,
            get_transcript=transcripts.get,
        )
        app.state.editor = editor
        on_shutdown.append(editor.shutdown)
        editor.start()  # resumes unfinished export jobs as soon as the server is up
        proxies.maker.on_ready = editor.proxy_ready
        on_shutdown.append(proxies.shutdown)
        proxies.start()  # resumes proxies left unmade
        yield
        _run_shutdown_hooks(on_shutdown)
        store.close()

    app = FastAPI(
        title="VideoDB local backend", version=__version__, description=DESCRIPTION, lifespan=lifespan
    )
    app.state.store = store
    app.state.api_key = api_key
    app.state.data_dir = store.data_dir
    app.state.sign = make_signer(api_key, url_lifetime_s)
    app.state.tools = tools
    app.state.proxies = proxies
    app.state.transcripts = transcripts
    app.state.max_upload_bytes = max_upload_bytes
    app.state.ingest_lock = threading.Lock()
    app.state.file_areas = set(DEFAULT_FILE_AREAS) | {"exports"}
    app.state.on_shutdown = on_shutdown

    install_error_handlers(app)
    app.add_middleware(ApiKeyMiddleware, api_key=api_key)

    @app.get("/health", include_in_schema=False)
    def health() -> dict[str, object]:
        return {"success": True, "data": {"status": "ok", "version": __version__}}

    for router in ROUTERS:
        app.include_router(router)
    return app
