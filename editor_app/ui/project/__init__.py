"""Project files: new, open, save, autosave and recovery, recent files; importing and exporting
other timeline formats."""
