"""A time budget for one article: ``with time_budget(seconds): ...`` raises :class:`OverBudget`
in the thread doing the work once ``seconds`` have passed.

A timer thread raises the exception asynchronously in the working thread (between two Python
bytecodes), so the work itself needs no checks and runs the same code with or without a
budget: what an article yields within its budget never depends on the speed of the machine.
It works in any thread (the main thread of a worker process, or a thread of a Dask worker),
which signals would not. A single call into C code (one regular-expression match) is not
interrupted until it returns; the extraction rules are linear in the text for that reason.
:class:`OverBudget` is a ``BaseException``, so that handlers of ``Exception`` that keep one
odd row from stopping a document do not swallow it.
"""
from __future__ import annotations

import ctypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class OverBudget(BaseException):
    """The work of one article ran past its time budget."""


def _raise_in(thread_id: int, exception: type[BaseException] | None) -> None:
    """Raise ``exception`` in the thread ``thread_id`` at its next bytecode (None: cancel one pending)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id),
                                               ctypes.py_object(exception) if exception else None)


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise :class:`OverBudget` in this thread if the body runs longer than ``seconds``
    (no limit when ``seconds`` is None or 0)."""
    if not seconds:
        yield
        return
    thread_id, lock, state = threading.get_ident(), threading.Lock(), {"done": False, "fired": False}

    def fire() -> None:
        with lock:
            if not state["done"]:
                state["fired"] = True
                _raise_in(thread_id, OverBudget)

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["done"] = True
            timer.cancel()
            if state["fired"]:  # fired as the body ended: cancel it if it has not been raised yet
                _raise_in(thread_id, None)
