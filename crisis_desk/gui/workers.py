"""Work off the UI thread: render, check, export and print without freezing the window.

Like Anki's CollectionOp: the caller hands over a plain function (no Qt inside
but what is safe off the UI thread) and two callbacks; the function runs on a
background thread and the callbacks run back on the UI thread. The core's
renderers share caches and ReportLab's font registry, so one background thread
does all rendering, one job at a time.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from shiboken6 import isValid


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
            exc.formatted_traceback = traceback.format_exc()
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


class BackgroundWorker(QObject):
    """A single background thread; results come back on the UI thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._running: set[Job] = set()

    def submit(self, function: Callable[..., Any], on_done: Callable[[Any], None],
               on_failed: Callable[[Exception], None] | None = None, *,
               on_progress: Callable[[int, int], None] | None = None,
               owner: QObject | None = None) -> Job:
        """Run ``function`` in the background; ``on_done(result)`` on the UI thread.

        The callbacks are skipped when ``owner`` (by default the object whose
        method ``on_done`` is) was destroyed meanwhile, e.g. a screen rebuilt
        after a language switch.
        """
        job = Job(function, wants_progress=on_progress is not None)
        self._running.add(job)
        owner = owner if owner is not None else getattr(on_done, "__self__", None)

        def finish(callback, value) -> None:
            self._running.discard(job)
            if isinstance(owner, QObject) and not isValid(owner):
                return
            if callback is not None:
                callback(value)

        job.signals.done.connect(lambda result: finish(on_done, result))
        job.signals.failed.connect(lambda exc: finish(on_failed or _unhandled, exc))
        if on_progress is not None:
            job.signals.progress.connect(on_progress)
        self.pool.start(job)
        return job

    @property
    def busy(self) -> bool:
        return bool(self._running)

    def wait(self, milliseconds: int = 30000) -> bool:
        """Wait for every job (when closing): True when all finished."""
        return self.pool.waitForDone(milliseconds)


def _unhandled(exc: Exception) -> None:
    print(getattr(exc, "formatted_traceback", repr(exc)))
