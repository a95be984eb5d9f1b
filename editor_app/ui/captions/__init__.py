"""Captions: add a caption clip (typed or from a subtitle file), edit its cues, export them as
SRT/WebVTT, and attach a transcript to a video for captions with `src: "auto"`."""
