"""The command table: every menu entry, toolbar button and shortcut is one `Command`.

A command is an id (stable: custom key bindings are saved under it), a title, the group it is
listed under in Preferences, its default keys, where it sits in the menus and the toolbar,
and a typed handler: `run(owner)`, with an optional `enabled(owner)` rule and a `live_title`.
Each feature declares its commands next to the code that handles them, as a tuple of
`Command[Owner]` whose handlers are that owner's methods (mypy checks each one against it).

A host (the main window, or a canvas on its own) binds a feature's commands to the object
that handles them now (`bind(commands, owner_of, refused)`) and collects them in a
`CommandTable`. Menus, the toolbar and shortcuts (`actions.py`), Preferences and Help
(`ShortcutMap.commands`) and the canvas' own key handling (`keys.py`) all read that table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QStyle

from editor_app.model import EditError

Owner = TypeVar("Owner")

MENUS = ("&File", "&Edit", "&View", "&Timeline", "&Help")  # the menu bar, left to right
GROUPS = ("File", "Edit", "View", "Playback", "Timeline", "Help")  # Preferences lists them in this order


@dataclass(frozen=True)
class MenuPlace:
    """A menu of `MENUS` and a section of it: separators fall between sections; inside one the
    commands keep the order their features were bound in."""

    menu: str
    section: int
    role: QAction.MenuRole = QAction.MenuRole.TextHeuristicRole  # Qt's default


@dataclass(frozen=True)
class ToolbarPlace:
    """A toolbar section; the icon is a standard pixmap or a painted icon's name (`icons.py`);
    `text` shows the command's short name beside it (others are icon only)."""

    section: int
    icon: QStyle.StandardPixmap | str
    text: bool = False


@dataclass(frozen=True)
class Command(Generic[Owner]):
    id: str
    title: str
    group: str
    run: Callable[[Owner], object]
    keys: tuple[str, ...] = ()
    menu: MenuPlace | None = None
    no_menu: str = ""  # why a command has no menu place (every command needs one or the other)
    toolbar: ToolbarPlace | None = None
    enabled: Callable[[Owner], bool] | None = None  # None: always enabled
    live_title: Callable[[Owner], str] | None = None  # a title that follows the state ("Undo Trim")
    short: str = ""  # the name where room is short: toolbar text, "Split: <why it was refused>"
    rebindable: bool = True  # listed in Preferences ▸ Keyboard (with its keys, or none yet)

    @property
    def name(self) -> str:
        return self.short or self.title


Refused = Callable[["Command[Any]", EditError], None]


class BoundCommand(Generic[Owner]):
    """A command and where its owner comes from now; `trigger` runs it, a refusal (EditError)
    goes to `refused` instead of raising into Qt."""

    def __init__(
        self, command: Command[Owner], owner_of: Callable[[], Owner | None], refused: Refused
    ) -> None:
        self.command = command
        self._owner_of = owner_of
        self._refused = refused

    @property
    def id(self) -> str:
        return self.command.id

    def is_enabled(self) -> bool:
        owner = self._owner_of()
        if owner is None:
            return False
        rule = self.command.enabled
        return rule is None or rule(owner)

    def title(self) -> str:
        owner = self._owner_of()
        live = self.command.live_title
        return live(owner) if live is not None and owner is not None else self.command.title

    def trigger(self) -> None:
        owner = self._owner_of()
        if owner is None or not self.is_enabled():
            return
        try:
            self.command.run(owner)
        except EditError as exc:
            self._refused(self.command, exc)


def bind(
    commands: Sequence[Command[Owner]], owner_of: Callable[[], Owner | None], refused: Refused
) -> list[BoundCommand[Owner]]:
    return [BoundCommand(command, owner_of, refused) for command in commands]


class CommandTable:
    """The bound commands of one host, in the order they were added (menus and toolbar keep it)."""

    def __init__(self) -> None:
        self._bound: dict[str, BoundCommand[Any]] = {}

    def add(self, bound: Iterable[BoundCommand[Any]]) -> None:
        for item in bound:
            if item.id in self._bound:
                raise ValueError(f"command {item.id!r} is bound twice")
            self._bound[item.id] = item

    def __iter__(self) -> Iterator[BoundCommand[Any]]:
        return iter(self._bound.values())

    def __getitem__(self, command_id: str) -> BoundCommand[Any]:
        return self._bound[command_id]

    def __contains__(self, command_id: object) -> bool:
        return command_id in self._bound

    def commands(self) -> list[Command[Any]]:
        return [item.command for item in self._bound.values()]


def listed(commands: Iterable[Command[Any]]) -> list[Command[Any]]:
    """The rebindable commands in the order Preferences and Help list them: by group."""
    rebindable = [c for c in commands if c.rebindable]
    return sorted(rebindable, key=lambda c: GROUPS.index(c.group))
