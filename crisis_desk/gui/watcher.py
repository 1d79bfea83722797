"""Several desks, one crisis: notice within a second what another desk has done.

Every action is written to the audit log, so the newest line's number is a
counter of everything done anywhere: the watcher asks for it every second on
the background worker (one tiny query, on SQLite or PostgreSQL alike) and says
``changed`` when it grew. The screens then read again what they show. Polling
rather than LISTEN/NOTIFY: it works on both databases, through any
connection pooler, and a desk that was offline catches up on its next tick.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from crisis_desk import desk

from .workers import BackgroundWorker

POLL_MS = 1000  # well within the two seconds in which another desk's work must show


class ChangeWatcher(QObject):
    """Says ``changed`` when anything was done at any desk since it last looked."""

    changed = Signal()

    def __init__(self, store, worker: BackgroundWorker, parent: QObject | None = None,
                 interval_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self.store, self.worker = store, worker
        self.seen: int | None = None
        self._asking = False  # one question at a time, however slow the database
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.look)
        self._timer.start()
        self.look()

    def look(self) -> None:
        if self._asking:
            return
        self._asking = True
        store = self.store
        self.worker.submit(lambda: desk.last_change(store), self._seen, self._failed,
                           owner=self, urgent=True)

    def _seen(self, number: int) -> None:
        self._asking = False
        grew = self.seen is not None and number != self.seen
        self.seen = number
        if grew:
            self.changed.emit()

    def _failed(self, _exc: Exception) -> None:
        # The database may be out of reach for a moment: the next tick asks again, and
        # the screen's own reads report any lasting failure.
        self._asking = False

    def stop(self) -> None:
        self._timer.stop()
