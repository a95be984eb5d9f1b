"""Tests of the Qt-free timeline logic (`editor_app/ui/timeline/logic/`): no conftest here imports Qt.
`pytest -p no:pytestqt tests/ui_logic` keeps even pytest-qt from loading it."""
