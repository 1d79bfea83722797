"""Work off the UI thread: every database call, render, check, export and print.

Like Anki's CollectionOp: the caller hands over a plain function (no Qt inside
but what is safe off the UI thread) and two callbacks; the function runs on a
background thread and the callbacks run back on the UI thread. Nothing in the
interface touches the database or renders on the UI thread: a slow disk, a
remote PostgreSQL or the PIN's deliberately slow hash would freeze the window.
The core's renderers share caches and ReportLab's font registry, and SQLite
wants one writer, so one background thread does it all, one job at a time.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from crisis_desk.i18n import _
from crisis_desk.support.errors import CrisisDeskError

# The attribute a failed job's exception carries its traceback in: by the time the
# UI thread shows the exception, the worker's stack is gone.
_TRACEBACK = "formatted_traceback"


def keep_traceback(exc: BaseException) -> None:
    """Attach the traceback of the exception being handled to ``exc``."""
    setattr(exc, _TRACEBACK, traceback.format_exc())


def traceback_of(exc: BaseException) -> str:
    """The traceback a background job kept for ``exc``, else its representation."""
    return str(getattr(exc, _TRACEBACK, repr(exc)))


class _JobSignals(QObject):
    """Lives on the UI thread; emitted from the worker, so delivery is queued."""

    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int)


class Job(QRunnable):
    """One function to run in the background; ``progress(done, total)`` may be reported."""

    def __init__(self, function: Callable[..., Any], *, wants_progress: bool = False) -> None:
        super().__init__()
        self.setAutoDelete(False)  # Python keeps it alive until its signals are delivered
        self.function = function
        self.wants_progress = wants_progress
        self.signals = _JobSignals()
        self.cancelled = False

    def cancel(self) -> None:
        """Ask a job that reports progress to stop at its next step."""
        self.cancelled = True

    def _report(self, done: int, total: int) -> bool:
        self.signals.progress.emit(done, total)
        return not self.cancelled

    def run(self) -> None:
        try:
            result = self.function(self._report) if self.wants_progress else self.function()
        except Exception as exc:  # handed to the UI thread, shown there as a message
            keep_traceback(exc)
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


class BusyControls:
    """The controls that started a job: disabled under a busy cursor until it ends.

    So a double click, or Enter pressed twice, cannot start the same work twice.
    Each control gets back the enabled state it had, unless it was deleted meanwhile.
    """

    def __init__(self, controls: Sequence[QWidget]) -> None:
        self.controls = [(control, control.isEnabled()) for control in controls]
        for control, _enabled in self.controls:
            control.setEnabled(False)
            control.setCursor(Qt.CursorShape.BusyCursor)

    def release(self) -> None:
        for control, enabled in self.controls:
            if isValid(control):
                control.unsetCursor()
                control.setEnabled(enabled)
        self.controls = []


URGENT = 1  # QThreadPool's priority: waiting jobs of a higher one start first


class BackgroundWorker(QObject):
    """A single background thread; results come back on the UI thread.

    A job's results only ever reach a live owner: every job names the Qt object
    its callbacks belong to, and they are dropped once that object is deleted
    (a dialog closed, a screen rebuilt). Once ``close``d, at the window's end, the
    worker starts nothing new and waits for what it has, so no job outlives the
    window and emits into objects Qt has already destroyed at the app's exit.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._running: set[Job] = set()
        self.closed = False

    def submit(self, function: Callable[..., Any], on_done: Callable[[Any], None],
               on_failed: Callable[[Exception], None] | None = None, *,
               on_progress: Callable[[int, int], None] | None = None,
               owner: QObject | None = None, busy: Sequence[QWidget] = (),
               urgent: bool = False) -> Job:
        """Run ``function`` in the background; ``on_done(result)`` on the UI thread.

        The callbacks (progress too) are skipped when ``owner`` was destroyed
        meanwhile; by default the owner is the object whose method ``on_done``
        (else ``on_failed``) is, and a job with no owner is refused: its results
        could reach a deleted widget. The ``busy`` controls are disabled until the
        job ends, and enabled again before its callback runs. An ``urgent`` job
        (a short read of what other desks did) runs before the jobs still waiting.
        """
        owner = _owner_of(owner, on_done, on_failed)
        job = Job(function, wants_progress=on_progress is not None)
        if self.closed:  # the window is closing: nothing new starts, nothing comes back
            return job
        self._running.add(job)
        controls = BusyControls(busy)

        def finish(callback, value) -> None:
            self._running.discard(job)
            controls.release()
            if isValid(owner) and callback is not None:
                callback(value)

        def progressed(done: int, total: int) -> None:
            if on_progress is not None and isValid(owner):
                on_progress(done, total)

        job.signals.done.connect(lambda result: finish(on_done, result))
        job.signals.failed.connect(lambda exc: finish(on_failed or _unhandled, exc))
        if on_progress is not None:
            job.signals.progress.connect(progressed)
        self.pool.start(job, URGENT if urgent else 0)
        return job

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def wait(self, milliseconds: int = 30000) -> bool:
        """Wait for every job: True when all finished."""
        return self.pool.waitForDone(milliseconds)

    def close(self, milliseconds: int = 30000) -> bool:
        """Start no new job from now on and wait for those asked before (the window's end).

        What was asked before still runs, e.g. the autosave of the last typing.
        """
        self.closed = True
        return self.wait(milliseconds)


def _owner_of(owner: QObject | None, *callbacks: Callable[..., Any] | None) -> QObject:
    """The Qt object a job's callbacks belong to: given, or the one whose methods they are."""
    found = [owner, *(getattr(callback, "__self__", None) for callback in callbacks)]
    for candidate in found:
        if isinstance(candidate, QObject):
            return candidate
    raise TypeError("a background job needs an owner: the Qt object its callbacks update")


def error_text(exc: Exception) -> str:
    """What to tell the person: the core's own message, or what went wrong unexpectedly.

    The core's messages are already in the interface language; anything else is
    a fault, shown with its details for whoever will fix it.
    """
    if isinstance(exc, CrisisDeskError):
        return str(exc)
    return _("Something went wrong: %(reason)s") % {"reason": exc}


def _unhandled(exc: Exception) -> None:
    print(traceback_of(exc))
