"""`CancelToken`: a thread-safe flag the UI sets and long client calls check between chunks."""

from __future__ import annotations

import threading

from editor_app.api.errors import Cancelled


class CancelToken:
    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()

    def sleep(self, seconds: float) -> None:
        """Sleep, waking at once (and raising `Cancelled`) when cancelled."""
        if self._event.wait(max(0.0, seconds)):
            raise Cancelled()


def sleep_or_cancel(seconds: float, cancel: CancelToken | None) -> None:
    if cancel is None:
        threading.Event().wait(max(0.0, seconds))
    else:
        cancel.sleep(seconds)
