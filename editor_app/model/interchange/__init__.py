"""Interchange formats as free functions: editor JSON, the seed's timeline_v2, OpenTimelineIO, SDK code."""
