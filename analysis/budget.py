"""A time budget for one article: ``with time_budget(seconds): ...`` raises :class:`OverBudget`
in the thread doing the work once ``seconds`` have passed.

A watchdog thread raises the exception asynchronously in the working thread (between two
Python bytecodes), so the work itself needs no checks and runs the same code with or without a
budget: what an article yields within its budget never depends on the speed of the machine.
It works in any thread (the main thread of a worker process, or a thread of a Dask worker),
which signals would not. A single call into C code (one regular-expression match) is not
interrupted until it returns; the extraction rules are linear in the text for that reason.
:class:`OverBudget` is a ``BaseException``, so that handlers of ``Exception`` that keep one
odd row from stopping a document do not swallow it. An exception that lands where Python
cannot raise it (a finaliser or a weak-reference callback prints it and goes on) would be
lost, so the watchdog raises it again every :data:`RETRY_SECONDS` until the budget ends.
"""
from __future__ import annotations

import ctypes
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

RETRY_SECONDS = 0.5


class OverBudget(BaseException):
    """The work of one article ran past its time budget."""


def _raise_in(thread_id: int, exception: type[BaseException] | None) -> None:
    """Raise ``exception`` in the thread ``thread_id`` at its next bytecode (None: cancel one pending)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id),
                                               ctypes.py_object(exception) if exception else None)


class _Watchdog:
    """One thread per process that raises :class:`OverBudget` in each working thread whose
    deadline has passed (a thread per article would cost more than a short article)."""

    def __init__(self) -> None:
        self.condition = threading.Condition()
        self.budgets: dict[object, tuple[int, float]] = {}  # token -> (thread id, next time to raise)
        self.fired: set[object] = set()  # tokens whose deadline has passed
        self.thread: threading.Thread | None = None

    def start(self, seconds: float) -> object:
        token = object()
        with self.condition:
            self.budgets[token] = (threading.get_ident(), time.monotonic() + seconds)
            if self.thread is None:
                self.thread = threading.Thread(target=self._watch, name="article-budget", daemon=True)
                self.thread.start()
            self.condition.notify()
        return token

    def stop(self, token: object) -> None:
        """End the budget ``token``; if it ran out, cancel an exception raised but not yet delivered."""
        with self.condition:
            self.budgets.pop(token, None)  # already gone when a retry of stop() lands here
            if token in self.fired:
                self.fired.discard(token)
                _raise_in(threading.get_ident(), None)

    def _watch(self) -> None:
        with self.condition:
            while True:
                now = time.monotonic()
                for token, (thread_id, deadline) in list(self.budgets.items()):
                    if deadline <= now:
                        self.budgets[token] = (thread_id, now + RETRY_SECONDS)
                        self.fired.add(token)
                        _raise_in(thread_id, OverBudget)
                deadlines = [deadline for _, deadline in self.budgets.values()]
                self.condition.wait(min(deadlines) - now if deadlines else None)


_watchdog = _Watchdog()
# A forked worker process has no watchdog thread (and may hold a copy of a taken lock): it starts its own.
os.register_at_fork(after_in_child=lambda: globals().update(_watchdog=_Watchdog()))


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise :class:`OverBudget` in this thread if the body runs longer than ``seconds``
    (no limit when ``seconds`` is None or 0)."""
    if not seconds:
        yield
        return
    watchdog = _watchdog
    token = watchdog.start(seconds)
    try:
        yield
    finally:
        while True:
            try:
                watchdog.stop(token)
                break
            except OverBudget:  # raised again before the budget ended: the first one is on its way
                continue
