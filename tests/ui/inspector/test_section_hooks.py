"""The Inspector groups' hooks are abstract methods (checked by mypy where a group is built), and
every group the Inspector shows implements all of them."""

from __future__ import annotations

import inspect

from pytestqt.qtbot import QtBot

from editor_app.ui.inspector.section import ClipSection, Section, TitleSection
from tests.support.inspector import make_inspector


def _abstract(cls: type) -> set[str]:
    return {
        name for name, member in inspect.getmembers(cls) if getattr(member, "__isabstractmethod__", False)
    }


def test_the_base_groups_declare_their_hooks_abstract() -> None:
    assert _abstract(Section) == {"applies_to", "fill"}
    assert _abstract(ClipSection) == {"fill_clip"}
    assert _abstract(TitleSection) == {"fill_title"}


def test_every_group_of_the_inspector_implements_every_hook(qtbot: QtBot) -> None:
    inspector, _history = make_inspector(qtbot)
    assert len(inspector.sections) == 10
    left_out = {type(section).__name__: _abstract(type(section)) for section in inspector.sections}
    assert all(not hooks for hooks in left_out.values()), left_out
