"""Identical work in flight is done once (docs/architecture.md, "Processes").

Thirty viewers asking at once for the same thumbnail strip, waveform or thumbnail must not start
thirty ffmpeg runs: the first caller of a key does the work, later callers of the same key wait for
it and get its result (or its error). Once the work ends the key is forgotten, so a later call runs
again (by then the work has usually left a cached file that the work function finds first).
Each app owns one `SharedWork` (on its `ToolRunner`): no module state.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar, cast

T = TypeVar("T")


class _Flight(Generic[T]):
    def __init__(self) -> None:
        self.done = threading.Event()
        self.result: T | None = None
        self.error: BaseException | None = None


class SharedWork:
    """`run(key, work)`: `work()` once per key in flight, every concurrent caller gets its outcome."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._flights: dict[Hashable, _Flight[object]] = {}

    def in_flight(self) -> int:
        with self._lock:
            return len(self._flights)

    def run(self, key: Hashable, work: Callable[[], T]) -> T:
        with self._lock:
            flight = self._flights.get(key)
            leading = flight is None
            if flight is None:
                flight = _Flight()
                self._flights[key] = flight
        if not leading:
            # the leader's work is bounded (every tool run has a timeout), so this wait is too
            flight.done.wait()
            if flight.error is not None:
                raise flight.error
            return cast(T, flight.result)
        try:
            result = work()
            flight.result = result
        except BaseException as exc:
            flight.error = exc
            raise
        finally:
            with self._lock:
                del self._flights[key]
            flight.done.set()
        return result
