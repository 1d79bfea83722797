"""Smaller dialogs: open an incident, compare versions, export a kit (people: people_dialog).

What they read from the database, and what they write, goes through the
background worker; the dialog shows what it has and fills in when it arrives.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from crisis_desk import desk
from crisis_desk.documents import PlannedDocument, plan
from crisis_desk.i18n import _

from .manager import DiffHighlighter
from .wording import state_count
from .workers import BackgroundWorker, error_text

ID_ROLE = Qt.ItemDataRole.UserRole + 5


class OpenIncidentDialog(QDialog):
    """Every stored incident, newest first (as read by the caller, in the background)."""

    def __init__(self, summaries: list[desk.IncidentSummary],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Open an incident"))
        self.list = QListWidget(self)
        for summary in summaries:
            states = ", ".join(state_count(state, count)
                               for state, count in summary.documents.items())
            item = QListWidgetItem(
                f"{summary.title or '—'}\n"
                + _("%(org)s · update %(update)d · version %(version)d · saved by %(name)s")
                % {"org": summary.organisation_id, "update": summary.update,
                   "version": summary.version, "name": summary.saved_by}
                + (f" · {states}" if states else ""))
            item.setData(ID_ROLE, summary.id)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(640, 420)

    @property
    def incident_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(ID_ROLE) if item is not None else None


class VersionsDialog(QDialog):
    """The saved versions of the incident; pick two to see what changed."""

    def __init__(self, store, worker: BackgroundWorker, incident_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # a closed one reads nothing
        self.store, self.worker, self.incident_id = store, worker, incident_id
        self.setWindowTitle(_("Versions of this incident"))
        self.versions: list[desk.VersionInfo] = []
        self.old_box, self.new_box = QComboBox(self), QComboBox(self)
        self.diff = QPlainTextEdit(self)
        self.diff.setReadOnly(True)
        self.highlighter = DiffHighlighter(self.diff.document())
        pick = QHBoxLayout()
        pick.addWidget(QLabel(_("From"), self))
        pick.addWidget(self.old_box, 1)
        pick.addWidget(QLabel(_("to"), self))
        pick.addWidget(self.new_box, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(pick)
        layout.addWidget(self.diff, 1)
        layout.addWidget(close)
        self.old_box.currentIndexChanged.connect(self.compare)
        self.new_box.currentIndexChanged.connect(self.compare)
        self.resize(900, 640)
        self.worker.submit(lambda: desk.versions(store, incident_id), self._show_versions,
                           self._failed)

    def _show_versions(self, versions: list[desk.VersionInfo]) -> None:
        self.versions = versions
        for box in (self.old_box, self.new_box):
            box.blockSignals(True)
        for version in versions:
            label = _("Version %(number)d (update %(update)d) — %(name)s, %(when)s") % {
                "number": version.number, "update": version.update, "name": version.saved_by,
                "when": version.saved_at.astimezone().strftime("%d/%m %H:%M")}
            self.old_box.addItem(label, version.number)
            self.new_box.addItem(label, version.number)
        self.old_box.setCurrentIndex(max(self.old_box.count() - 2, 0))
        self.new_box.setCurrentIndex(self.new_box.count() - 1)
        for box in (self.old_box, self.new_box):
            box.blockSignals(False)
        self.compare()

    def compare(self) -> None:
        """The diff between the two chosen versions, computed in the background."""
        old, new = self.old_box.currentData(), self.new_box.currentData()
        if old is None or new is None:
            return
        store, incident_id = self.store, self.incident_id

        def show(text: str) -> None:
            if (self.old_box.currentData(), self.new_box.currentData()) == (old, new):
                self.diff.setPlainText(text or _("No difference between these versions."))

        self.worker.submit(lambda: desk.incident_diff(store, incident_id, old, new),
                           show, self._failed, owner=self)

    def _failed(self, exc: Exception) -> None:
        self.diff.setPlainText(error_text(exc))


def export_kit(parent: QWidget, worker: BackgroundWorker, store, actor: desk.Actor,
               incident_id: int, folder: Path) -> None:
    """Every document of the incident into ``folder``, with a progress dialog.

    The workflow writes the documents (approved ones with their mark), one kind
    at a time; the progress bar counts the files of the same plan it follows.
    Loading the incident to plan them is background work too: the bar waits
    (it shows "busy") until the plan is known.
    """
    progress = QProgressDialog(_("Writing the documents…"), _("Cancel"), 0, 0, parent)
    progress.setWindowTitle(_("Export the kit"))
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(0)
    progress.setValue(0)

    def write_all(report) -> list[Path]:
        snapshot = desk.load_incident(store, incident_id)
        planned: list[PlannedDocument] = list(plan(snapshot.organisation, snapshot.incident))
        written: list[Path] = []
        if not report(0, len(planned)):
            return written
        for kind_id in dict.fromkeys(doc.kind for doc in planned):
            # kind by kind, so the bar moves and Cancel works
            written += desk.export_kit(store, actor, incident_id, folder, [kind_id])
            if not report(len(written), len(planned)):
                break
        return written

    def advance(value: int, total: int) -> None:
        progress.setMaximum(total)
        progress.setValue(value)

    def done(written: list[Path]) -> None:
        progress.setValue(progress.maximum())
        progress.close()
        QMessageBox.information(parent, _("Export the kit"),
                                _("%(count)d documents written to %(folder)s")
                                % {"count": len(written), "folder": folder})

    def failed(exc: Exception) -> None:
        progress.close()
        QMessageBox.warning(parent, _("Export the kit"), error_text(exc))

    job = worker.submit(write_all, done, failed, owner=parent, on_progress=advance)
    progress.canceled.connect(job.cancel)

