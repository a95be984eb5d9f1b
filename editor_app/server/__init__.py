"""The embedded local backend: the VideoDB HTTP API on loopback, rendered with ffmpeg.

Start it with `videodb-editor serve` (`cli.py`); `app.create_app` builds the FastAPI app.
Core: `auth` (key header, HMAC file tokens), `errors` (envelopes), `store` (SQLite + content-
addressed media), `probe`/`media_ingest`/`media_previews` (ffprobe, thumbnails, strips,
waveforms), `routes_media`, `routes_media_actions`, `routes_upload`, `routes_files` (Range),
`stream_segments`, `tool_runner` (ffmpeg runs that shutdown can end). The renderer, compile and
export routes and jobs live in `routes_editor`, `jobs` and `render/`.
"""
