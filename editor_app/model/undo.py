"""Undo history without Qt: commands with do/undo, transactions, merging, a clean checkpoint.

The UI wraps `History` (menus, the History dock) and never re-implements it. Every change to
the timeline goes through `History.push`, so undo labels name the action ("Undo Trim Clip").
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from editor_app.model.errors import EditError
from editor_app.model.timeline import Timeline


class Command(ABC):
    """One edit. `do` either changes the timeline or raises EditError having changed nothing."""

    label: str = "Edit"
    detail: str = ""  # what it touched, in users' words ("'beach.mp4'"), set by `do`

    @property
    def description(self) -> str:
        """The label with what it touched, for the History panel: "Move Clip 'beach.mp4'"."""
        return f"{self.label} {self.detail}" if self.detail else self.label

    @abstractmethod
    def do(self, timeline: Timeline) -> None: ...

    @abstractmethod
    def undo(self, timeline: Timeline) -> None: ...

    def merge_with(self, other: Command) -> bool:
        """Absorb `other` (already done) into this step; True when absorbed."""
        return False


class CompoundCommand(Command):
    """Several commands as one step; if one fails, the ones before it are undone."""

    def __init__(self, label: str, commands: list[Command] | None = None) -> None:
        self.label = label
        self.commands: list[Command] = list(commands or [])

    def do(self, timeline: Timeline) -> None:
        done: list[Command] = []
        try:
            for command in self.commands:
                command.do(timeline)
                done.append(command)
        except BaseException:
            for command in reversed(done):
                command.undo(timeline)
            raise

    def undo(self, timeline: Timeline) -> None:
        for command in reversed(self.commands):
            command.undo(timeline)


class History:
    """The undo stack of one timeline. `index` entries are applied; the rest can be redone."""

    def __init__(self, timeline: Timeline, max_depth: int = 1000) -> None:
        if max_depth < 1:
            raise ValueError("max_depth must be at least 1")
        self.timeline = timeline
        self.max_depth = max_depth
        self._entries: list[Command] = []
        self._index = 0
        self._clean: int | None = 0  # None: the saved state is no longer reachable
        self._may_merge = False
        self._open: list[CompoundCommand] = []  # transactions in progress, outermost first
        self._listeners: list[Callable[[], None]] = []
        self._revision = 0

    # ---- state ----------------------------------------------------------------------------
    @property
    def index(self) -> int:
        return self._index

    @property
    def revision(self) -> int:
        """Goes up with every change of the timeline, merges included (a save compares it)."""
        return self._revision

    @property
    def can_undo(self) -> bool:
        return self._index > 0 and not self._open

    @property
    def can_redo(self) -> bool:
        return self._index < len(self._entries) and not self._open

    @property
    def undo_label(self) -> str | None:
        return self._entries[self._index - 1].label if self._index > 0 else None

    @property
    def redo_label(self) -> str | None:
        return self._entries[self._index].label if self._index < len(self._entries) else None

    def entries(self) -> list[str]:
        return [entry.label for entry in self._entries]

    def descriptions(self) -> list[str]:
        """Each entry's label with what it touched (the History panel's rows)."""
        return [entry.description for entry in self._entries]

    @property
    def is_clean(self) -> bool:
        return self._clean == self._index

    @property
    def in_transaction(self) -> bool:
        return bool(self._open)

    # ---- changes --------------------------------------------------------------------------
    def push(self, command: Command) -> None:
        """Do `command` and record it (or fold it into the top entry when it merges)."""
        command.do(self.timeline)
        if self._open:
            self._open[-1].commands.append(command)
            return
        self._record(command, allow_merge=True)
        self._notify()

    @contextmanager
    def transaction(self, label: str) -> Iterator[None]:
        """Pushes inside become one step; an exception undoes what ran in it and propagates."""
        step = CompoundCommand(label)
        self._open.append(step)
        try:
            yield
        except BaseException:
            self._open.pop()
            step.undo(self.timeline)
            raise
        self._open.pop()
        if not step.commands:
            return
        if self._open:
            self._open[-1].commands.append(step)
            return
        self._record(step, allow_merge=False)
        self._notify()

    def undo(self) -> None:
        self._refuse_inside_transaction("undo")
        if self._index == 0:
            raise EditError("Nothing to undo")
        self._entries[self._index - 1].undo(self.timeline)
        self._index -= 1
        self._changed()

    def redo(self) -> None:
        self._refuse_inside_transaction("redo")
        if self._index >= len(self._entries):
            raise EditError("Nothing to redo")
        self._entries[self._index].do(self.timeline)
        self._index += 1
        self._changed()

    def goto(self, index: int) -> None:
        """Undo or redo until exactly `index` entries are applied."""
        self._refuse_inside_transaction("jump in the history")
        if not 0 <= index <= len(self._entries):
            raise EditError(f"No history entry {index} (there are {len(self._entries)})")
        if index == self._index:
            return
        while self._index > index:
            self._entries[self._index - 1].undo(self.timeline)
            self._index -= 1
        while self._index < index:
            self._entries[self._index].do(self.timeline)
            self._index += 1
        self._changed()

    def mark_clean(self) -> None:
        """The current state is saved; a later merge must not change it unnoticed."""
        self._clean = self._index
        self._may_merge = False
        self._notify()

    def clear(self) -> None:
        """Forget every entry; the current state stays clean if it was."""
        self._refuse_inside_transaction("clear the history")
        self._clean = 0 if self.is_clean else None
        self._entries.clear()
        self._index = 0
        self._may_merge = False
        self._notify()

    def break_merge(self) -> None:
        """The next push starts a new step (the end of a slider drag)."""
        self._may_merge = False

    def add_listener(self, fn: Callable[[], None]) -> None:
        self._listeners.append(fn)

    def remove_listener(self, fn: Callable[[], None]) -> None:
        self._listeners.remove(fn)

    # ---- inside -----------------------------------------------------------------------------
    def _record(self, command: Command, allow_merge: bool) -> None:
        if self._index < len(self._entries):
            del self._entries[self._index :]
            if self._clean is not None and self._clean > self._index:
                self._clean = None
        top = self._entries[-1] if self._entries else None
        merged = (
            allow_merge
            and self._may_merge
            and top is not None
            and self._clean != self._index
            and top.merge_with(command)
        )
        if not merged:
            self._entries.append(command)
            self._index += 1
            self._drop_oldest()
        self._may_merge = allow_merge
        self._revision += 1

    def _drop_oldest(self) -> None:
        excess = len(self._entries) - self.max_depth
        if excess <= 0:
            return
        del self._entries[:excess]
        self._index -= excess
        if self._clean is not None:
            self._clean = self._clean - excess if self._clean >= excess else None

    def _refuse_inside_transaction(self, what: str) -> None:
        if self._open:
            raise EditError(f"Cannot {what} while an edit is in progress")

    def _changed(self) -> None:
        self._revision += 1
        self._may_merge = False
        self._notify()

    def _notify(self) -> None:
        for listener in list(self._listeners):
            listener()
