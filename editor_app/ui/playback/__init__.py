"""Playback: the playhead transport (play/pause, J/K/L shuttle, frame steps, in/out points)
and its commands."""
