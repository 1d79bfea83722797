"""The checker's list beside the editor: run in the background as the officer types.

A check starts a moment after the last change (never on the UI thread); the
summary counts errors and warnings with plural forms, and activating a problem
goes to its field.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QVBoxLayout,
    QWidget,
)

from crisis_desk.checking import check
from crisis_desk.domain.problems import Problem
from crisis_desk.i18n import _, _n

from .item_models import EditingState, ProblemListModel
from .workers import BackgroundWorker

CHECK_DELAY_MS = 400


class CheckPanel(QWidget):
    """The checker's errors and warnings; activating one goes to its field."""

    problem_activated = Signal(object)  # Problem
    checked = Signal(list)

    def __init__(self, state: EditingState, worker: BackgroundWorker,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.worker = worker
        self.list_model = ProblemListModel(state, self)
        self.summary = QLabel(self)
        self.summary.setObjectName("checkSummary")
        self.summary.setWordWrap(True)
        self.list_view = QListView(self)
        self.list_view.setModel(self.list_model)
        self.list_view.setWordWrap(True)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.activated.connect(self._activated)
        self.list_view.doubleClicked.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.list_view, 1)
        self._checking = False
        self._stale = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self.run_check)
        state.changed.connect(self._timer.start)  # F8 (next_problem) is in the window's menu

    def run_check(self) -> None:
        if self._checking:
            self._stale = True
            return
        self._checking = True
        self._stale = False
        org, incident = self.state.organisation, self.state.incident
        self.worker.submit(lambda: check(org, incident), self._show, self._failed)

    def _show(self, problems: list[Problem]) -> None:
        self._checking = False
        self.list_model.set_problems(problems)
        errors = self.list_model.error_count
        warnings = len(problems) - errors
        if not problems:
            self.summary.setText("✔ " + _("No problem found: ready to submit."))
            self.summary.setStyleSheet("color: #1b7a36; font-weight: bold;")
        else:
            counts = _("%(errors)s, %(warnings)s") % {
                "errors": _n("%(count)d error", "%(count)d errors", errors) % {"count": errors},
                "warnings": _n("%(count)d warning", "%(count)d warnings", warnings)
                % {"count": warnings}}
            self.summary.setText(_("%(counts)s. Errors block approval.") % {"counts": counts})
            self.summary.setStyleSheet("color: #b3261e; font-weight: bold;" if errors
                                       else "color: #7a4d00; font-weight: bold;")
        self.checked.emit(problems)
        if self._stale:
            self.run_check()

    def _failed(self, exc: Exception) -> None:
        self._checking = False
        self.summary.setText(_("The check failed: %(reason)s") % {"reason": exc})

    def _activated(self, index: QModelIndex) -> None:
        problem = index.data(ProblemListModel.PROBLEM_ROLE)
        if problem is not None:
            self.problem_activated.emit(problem)

    def next_problem(self) -> None:
        """Select the next finding and go to its field (F8)."""
        count = self.list_model.rowCount()
        if not count:
            return
        row = (self.list_view.currentIndex().row() + 1) % count
        index = self.list_model.index(row)
        self.list_view.setCurrentIndex(index)
        self._activated(index)
