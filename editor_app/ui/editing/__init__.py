"""Edits the canvas has no gesture for: titles, new tracks, files dropped from the desktop."""
