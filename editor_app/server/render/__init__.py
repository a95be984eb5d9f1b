"""ffmpeg rendering of editor timelines: filter graph, HLS previews, file exports."""
