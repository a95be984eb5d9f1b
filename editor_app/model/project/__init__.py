"""Project files: `.vdbproj` load/save with migrations, atomic writes, autosave and recovery."""
