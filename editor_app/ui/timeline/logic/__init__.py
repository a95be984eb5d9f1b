"""The timeline canvas' logic without Qt: time <-> pixel geometry, rows and hit testing
(`geometry`), mouse gestures as state machines (`gestures`), level of detail (`lod`), ruler
spacing (`ruler`) and what a drop from the bin means (`drops`).

Nothing here imports PySide6 or vlc (an import-linter contract says so), so it is unit-tested
without Qt in `tests/ui_logic/`. The widgets in `ui/timeline/` feed it numbers and paint its answers.
"""
