"""The main window (`main_window.py`) composing the parts, its dock layout and status bar."""
