"""Preferences: shortcuts, the General page (ffmpeg, autosave), the Keyboard Shortcuts list, About."""
