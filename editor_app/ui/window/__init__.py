"""The main window: docks and layout, the document it shows, status bar, closing."""
