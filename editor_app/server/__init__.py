"""The embedded local backend: the VideoDB HTTP API on loopback, rendered with ffmpeg.

Start it with `videodb-editor serve` (`cli.py`); `app.create_app` builds the FastAPI app and owns
its state (docs/architecture.md, "Parts and dependencies"). Nothing here imports the API client,
the UI, Qt or VLC; the wire models come from `editor_app.wire`.

    app.py              create_app: store, tool runner, renderer, routes, shutdown hooks
    cli.py              `videodb-editor serve`: binds, prints one JSON line {base_url, api_key}
    auth.py             the key header, HMAC `?token=` URLs, self-authorising upload URLs
    errors.py           ServerError and its subclasses (each says its HTTP status), envelopes
    tool_runner.py      ToolRunner: the one owner of the app's ffmpeg/ffprobe processes
    store.py            SQLite (WAL) rows and content-addressed media; store_schema.py its tables
    routes/             the HTTP API, one module per resource
      media.py            collections, media lists/items/deletion, cut-list streams, strips, waveforms
      media_actions.py    rename, signed URLs, a video's thumbnail, frame grabs
      uploads.py          upload URLs, receiving files, ingesting them
      files.py            stored files with HTTP Range
      compile.py          POST /editor, POST /timeline_v2
      streams.py          the HLS playlists and segments of compiled timelines
      jobs.py             export downloads and their async-response polling and cancelling
      state.py            typed access to app.state
    media/              media processing behind the media routes
      upload_receiver.py  streaming an upload body into a file under the size limit
      probe.py            the one ffprobe parser: ProbeResult
      ingest.py           probe, file by content hash, thumbnail
      previews.py         thumbnail strips and waveform peaks
      cut_stream.py       one video's cut list joined into an MP4 (POST /video/{id}/stream)
    render/             the renderer
      service.py          EditorService: compile, streams, export jobs
      timelines.py        compiled timelines' ids and rows
      sources.py          RenderSource and the checks of a timeline against its media
      graph.py            a timeline as an ffmpeg filter graph (build_plan); plan.py its result
      layout.py, looks.py, text.py, escape.py   placement, filters, text layers, safe values
      segments.py         preview segments: windows, keys, rendering one
      segment_cache.py    rendering segments on demand, read-ahead, what goes first
      segment_files.py    segment files on disk: eviction, orphaned renders
      hls.py              the VOD playlist
      encoders.py         export formats and qualities; export.py rendering a file
      export_jobs.py      export jobs in SQLite and their worker; progress.py reading ffmpeg
"""
