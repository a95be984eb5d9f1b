"""Background work for the GUI: network, ffmpeg and disk never run on the GUI thread.

`TaskRunner.run(fn, ...)` runs `fn(report)` on a worker thread of Qt's global QThreadPool and
delivers the result, the exception or progress back on the GUI thread through queued signals.
`report(value)` may be called from the worker as often as it likes; the GUI thread gets each
value in order. Tasks are kept alive by the runner until they have delivered their outcome.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

Report = Callable[[object], None]
Work = Callable[[Report], object]


class Task(QObject):
    """One piece of background work; its signals arrive on the thread that created it."""

    succeeded = Signal(object)
    failed = Signal(object)  # the exception
    progressed = Signal(object)
    ended = Signal()  # after succeeded/failed, either way

    def __init__(self, fn: Work, name: str = "") -> None:
        super().__init__()
        self._fn = fn
        self.name = name or getattr(fn, "__name__", "task")
        self._cancelled = threading.Event()
        self.done = False
        self.result: object = None
        self.error: BaseException | None = None
        self.succeeded.connect(self._record_result)
        self.failed.connect(self._record_error)

    # runs on the worker thread
    def execute(self) -> None:
        try:
            value = self._fn(self.progressed.emit)
        except BaseException as exc:  # delivered to the GUI, never lost in a thread
            if not isinstance(exc, Exception):
                log.warning("task %s ended by %r", self.name, exc)
            self.failed.emit(exc)
        else:
            self.succeeded.emit(value)
        self.ended.emit()

    def cancel(self) -> None:
        """Ask the work to stop; work that honours it checks `cancelled` (or a CancelToken)."""
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def _record_result(self, value: object) -> None:
        self.result = value
        self.done = True

    def _record_error(self, exc: object) -> None:
        self.error = exc if isinstance(exc, BaseException) else RuntimeError(str(exc))
        self.done = True


class _Runnable(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self.task = task
        self.setAutoDelete(True)

    def run(self) -> None:
        self.task.execute()


def shared_pool(min_threads: int = 4) -> QThreadPool:
    """Qt's global pool, with at least `min_threads` threads (its default is one per core)."""
    pool = QThreadPool.globalInstance()
    pool.setMaxThreadCount(max(pool.maxThreadCount(), min_threads))
    return pool


def _guarded(callback: Callable[[Any], None], owner: QObject | None) -> Callable[[Any], None]:
    if owner is None:
        return callback

    def call(value: Any) -> None:
        if shiboken6.isValid(owner):
            callback(value)
        else:
            log.debug("dropped the outcome of a task whose owner is gone")

    return call


class TaskRunner(QObject):
    """Runs tasks on the editor's worker threads and tracks the ones in flight.

    The threads belong to Qt's global pool, shared by every runner and owned by the application
    (which waits for it when it ends): a QThreadPool waits for its running tasks when destroyed,
    so a pool owned by a window would freeze the GUI on close while a request hangs.
    """

    activeChanged = Signal(int)  # number of tasks in flight

    def __init__(self, max_threads: int = 4, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = shared_pool(max_threads)
        self._tasks: set[Task] = set()

    def run(
        self,
        fn: Work,
        *,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[Any], None] | None = None,
        name: str = "",
        owner: QObject | None = None,
    ) -> Task:
        """Run `fn` on a worker. With an `owner`, the callbacks are skipped once it is destroyed
        (a widget closed while its request was still in flight)."""
        task = Task(fn, name)
        if on_done is not None:
            task.succeeded.connect(_guarded(on_done, owner))
        if on_error is not None:
            task.failed.connect(_guarded(on_error, owner))
        else:
            task.failed.connect(lambda exc: log.error("background task %s failed: %s", task.name, exc))
        if on_progress is not None:
            task.progressed.connect(_guarded(on_progress, owner))
        task.ended.connect(lambda: self._forget(task))
        self._tasks.add(task)
        self.activeChanged.emit(len(self._tasks))
        self.pool.start(_Runnable(task))
        return task

    @property
    def active(self) -> int:
        return len(self._tasks)

    def cancel_all(self) -> None:
        for task in list(self._tasks):
            task.cancel()

    def wait(self, msecs: int = 30000) -> bool:
        """Block until the shared pool is idle (shutdown and tests only, never in a GUI handler)."""
        return bool(self.pool.waitForDone(msecs))

    def _forget(self, task: Task) -> None:
        self._tasks.discard(task)
        if shiboken6.isValid(self):  # a window closed while its last request was in flight
            self.activeChanged.emit(len(self._tasks))
