"""The embedded local backend: the VideoDB HTTP API on loopback, rendered with ffmpeg.

Start it with `videodb-editor serve` (`cli.py`); `app.create_app` builds the FastAPI app.
Core: `auth` (key header, HMAC file tokens), `errors` (envelopes), `store` (SQLite + content-
addressed media), `tool_runner` (ffmpeg runs that shutdown can end). `routes/` holds the HTTP
API, one module per resource; `media/` the media processing (uploads, ffprobe, ingest,
thumbnails, strips, waveforms, cut-list streams); `render/` the renderer (compile, HLS preview
segments, exports and their jobs).
"""
