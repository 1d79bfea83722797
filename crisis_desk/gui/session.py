"""The signed-in desk: who is working, on which incident, and their saves.

A thin bridge to ``crisis_desk.desk.workflow``: it remembers the store, the person
(``Actor``) and the version the editor started from, and runs the workflow's
functions on the background thread, never on the UI thread: even loading an
incident waits for the database. Every rule (who may save, submit, approve;
conflicts; back to draft) is the workflow's; errors come back as its messages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from crisis_desk import desk
from crisis_desk.domain.model import Incident

from .item_models import EditingState
from .workers import BackgroundWorker

AUTOSAVE_MS = 5000  # at most the last few seconds of typing are at risk


class DeskSession(QObject):
    """One person signed in at this desk, and the incident they have open."""

    incident_opened = Signal()
    saved = Signal(object)  # desk.Snapshot
    documents_changed = Signal()
    autosaved = Signal(object)  # datetime
    failed = Signal(object)  # the exception (a WorkflowError's message is for people)
    busy_changed = Signal(bool)

    def __init__(self, store, actor: desk.Actor, worker: BackgroundWorker,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.actor = actor
        self.worker = worker
        self.snapshot: desk.Snapshot | None = None
        self.state: EditingState | None = None
        self._running = 0  # workflow calls under way (saving, submitting…)
        self._saved_revision = 0
        self._autosaved_revision = 0
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setInterval(AUTOSAVE_MS)
        self._autosave_timer.timeout.connect(self.autosave_now)

    # -- running workflow calls in the background
    def run(self, function: Callable[[], Any], on_done: Callable[[Any], None] | None = None,
            on_failed: Callable[[Exception], None] | None = None) -> None:
        """Run a workflow call off the UI thread; failures go to ``failed`` by default."""
        self._running += 1
        self.busy_changed.emit(True)

        def finished() -> None:
            self._running -= 1
            self.busy_changed.emit(self.busy)

        def done(result: Any) -> None:
            finished()
            if on_done is not None:
                on_done(result)

        def failed(exc: Exception) -> None:
            finished()
            (on_failed or self.failed.emit)(exc)

        self.worker.submit(function, done, failed, owner=self)

    @property
    def busy(self) -> bool:
        """A save, submission or load is under way: another one would only race it."""
        return self._running > 0

    # -- the open incident
    @property
    def incident_id(self) -> int | None:
        return self.snapshot.incident_id if self.snapshot else None

    def open_incident(self, incident_id: int | None,
                      then: Callable[[desk.Autosave | None], None] | None = None) -> None:
        """Load an incident's newest version (``None``: the newest incident) and take it.

        ``then(autosaved)`` follows with the person's unsaved typing, if any; when
        there is no incident at all nothing opens and ``then(None)`` follows.
        """
        store, actor = self.store, self.actor

        def load() -> tuple[desk.Snapshot, desk.Autosave | None] | None:
            chosen = incident_id
            if chosen is None:
                newest = desk.incidents(store)
                if not newest:
                    return None
                chosen = newest[0].id
            snapshot = desk.load_incident(store, chosen)
            if actor.role != desk.COMMS:
                return snapshot, None
            return snapshot, desk.recover_autosave(store, actor, chosen)

        def loaded(found: tuple[desk.Snapshot, desk.Autosave | None] | None) -> None:
            autosaved = None
            if found is not None:
                snapshot, autosaved = found
                self._take(snapshot)
                self.incident_opened.emit()
            if then is not None:
                then(autosaved)

        self.run(load, loaded)

    def _take(self, snapshot: desk.Snapshot) -> None:
        self.snapshot = snapshot
        if self.state is None:
            self.state = EditingState(snapshot.organisation, snapshot.incident, self)
        else:
            self.state.replace_all(snapshot.organisation, snapshot.incident)
        self._saved_revision = self._autosaved_revision = self.state.revision
        if self.actor.role == desk.COMMS:
            self._autosave_timer.start()

    def restore(self, autosaved: desk.Autosave) -> None:
        """Put the person's unsaved typing back into the editor."""
        if self.state is not None:
            self.state.update(autosaved.incident)

    def discard_autosave(self) -> None:
        if self.incident_id is not None:
            store, actor, incident_id = self.store, self.actor, self.incident_id
            self.run(lambda: desk.discard_autosave(store, actor, incident_id))

    @property
    def has_unsaved_changes(self) -> bool:
        return (self.state is not None and self.snapshot is not None
                and self.state.incident != self.snapshot.incident)

    # -- saving
    def save(self, then: Callable[[desk.Snapshot], object] | None = None) -> None:
        """Save the editor's incident as a new version (nothing to do when unchanged).

        ``then`` runs with the saved snapshot; what it returns is not used.
        """
        if self.snapshot is None or self.state is None:
            return
        if not self.has_unsaved_changes:
            if then is not None:
                then(self.snapshot)
            return
        incident, base = self.state.incident, self.snapshot.version
        revision = self.state.revision
        store, actor, incident_id = self.store, self.actor, self.snapshot.incident_id

        def saved(snapshot: desk.Snapshot) -> None:
            self.snapshot = snapshot
            self._saved_revision = revision
            self.saved.emit(snapshot)
            self.documents_changed.emit()
            if then is not None:
                then(snapshot)

        self.run(lambda: desk.save_incident(store, actor, incident_id, incident, base),
                 saved)

    def autosave_now(self) -> None:
        """Keep the typing since the last save (called every few seconds)."""
        if self.state is None or self.snapshot is None or self.worker.busy:
            return
        revision = self.state.revision
        if revision == self._autosaved_revision or not self.has_unsaved_changes:
            return
        incident, base = self.state.incident, self.snapshot.version
        store, actor, incident_id = self.store, self.actor, self.snapshot.incident_id

        def done(_result: object) -> None:
            self._autosaved_revision = revision
            self.autosaved.emit(datetime.now())

        self.worker.submit(lambda: desk.autosave(store, actor, incident_id, incident, base),
                           done, self.failed.emit, owner=self)

    def reload(self) -> None:
        """Take the newest saved version (after a conflict), dropping the editor's copy."""
        if self.incident_id is not None:
            store, incident_id = self.store, self.incident_id
            self.run(lambda: desk.load_incident(store, incident_id), self._take)

    def follow_other_desks(self, typing_over: Callable[[int], None]) -> None:
        """Take a version another desk saved; while typing, only say so.

        Saving over it is then refused by the workflow as a conflict, which
        offers to load the newer version: nothing is overwritten silently.
        ``typing_over(version)`` is told the newer version's number.
        """
        if self.snapshot is None or self.busy:
            return
        store, incident_id = self.store, self.snapshot.incident_id

        def arrived(snapshot: desk.Snapshot) -> None:
            if self.snapshot is None or self.snapshot.incident_id != incident_id \
                    or snapshot.version <= self.snapshot.version:
                return
            if self.has_unsaved_changes:
                typing_over(snapshot.version)
                return
            self._take(snapshot)
            self.incident_opened.emit()

        self.worker.submit(lambda: desk.load_incident(store, incident_id), arrived,
                           self.failed.emit, owner=self)

    # -- the workflow
    def submit(self, on_done: Callable[[list], None] | None = None) -> None:
        """Save, then submit every draft for approval (the workflow checks first)."""
        store, actor = self.store, self.actor

        def submit_saved(snapshot: desk.Snapshot) -> None:
            def submitted(documents: list) -> None:
                self.documents_changed.emit()
                if on_done is not None:
                    on_done(documents)

            self.run(lambda: desk.submit(store, actor, snapshot.incident_id,
                                             snapshot.version), submitted)

        self.save(submit_saved)

    def start_next_update(self, now: datetime) -> None:
        """The next update from the current one: number + 1, issued now; saved at once."""
        if self.state is None:
            return
        incident = self.state.incident
        self.state.update(next_update_of(incident, now))
        self.save()

    def create_incident(self, incident: Incident) -> None:
        """A new incident of its stored organisation; opens it when stored."""
        store, actor, org_id = self.store, self.actor, incident.organisation
        self.run(lambda: desk.create_incident(store, actor, org_id, incident),
                 self._opened_new)

    def import_files(self, organisation, incident: Incident) -> None:
        """Store a profile and an incident read from files, and open it.

        An incident already stored is opened instead, and the person is told that
        nothing was imported (``failed`` carries the message).
        """
        store, actor = self.store, self.actor

        def import_or_find() -> tuple[desk.Snapshot, desk.AlreadyImported | None]:
            try:
                return desk.import_incident(store, actor, organisation, incident), None
            except desk.AlreadyImported as repeated:
                return desk.load_incident(store, repeated.incident_id), repeated

        def opened(result: tuple[desk.Snapshot, desk.AlreadyImported | None]) -> None:
            snapshot, repeated = result
            self._opened_new(snapshot)
            if repeated is not None:
                self.failed.emit(repeated)

        self.run(import_or_find, opened)

    def _opened_new(self, snapshot: desk.Snapshot) -> None:
        self._take(snapshot)
        self.incident_opened.emit()
        self.documents_changed.emit()

    def save_organisation(self, organisation, then: Callable[[], None] | None = None) -> None:
        """Store an edited profile; the open incident takes it with its next save."""
        store, actor = self.store, self.actor

        def stored(_version: int) -> None:
            # the open incident takes the profile only when it is its own
            if self.state is not None and self.state.organisation.id == organisation.id:
                self.state.set_organisation(organisation)
            if then is not None:
                then()

        self.run(lambda: desk.save_organisation(store, actor, organisation), stored)

    def stop(self) -> None:
        self._autosave_timer.stop()


def next_update_of(incident: Incident, now: datetime) -> Incident:
    """The following update of an incident: same facts, number + 1, issued now."""
    issued = now.astimezone(incident.issued.tzinfo).replace(second=0, microsecond=0)
    next_update = incident.next_update if incident.next_update and \
        incident.next_update > issued else None
    return replace(incident, update=incident.update + 1, issued=issued,
                   next_update=next_update)
