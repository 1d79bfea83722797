"""People and roles: the manager's dialog to add people and change their role, state or PIN.

Every change is the workflow's (``desk.add_user``, ``change_role``,
``deactivate``, ``reactivate``, ``reset_pin``): the desk records and audits it
and asks for a manager's consent, so the dialog asks the signed-in manager for
their own PIN each time. The work runs on the background worker (a PIN's hash
is slow on purpose); the list shows each person's role and state, and says so
when an account cannot be trusted.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from crisis_desk import desk
from crisis_desk.i18n import _, format_time, interface_language

from .signin import role_name
from .workers import BackgroundWorker, error_text

USER_ROLE = Qt.ItemDataRole.UserRole + 7
WARNING = QColor("#b3261e")
ROLES_OFFERED = (desk.COMMS, desk.RECEPTION, desk.MANAGER)


def _pin_edit(parent: QWidget) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def _role_box(parent: QWidget) -> QComboBox:
    box = QComboBox(parent)
    for role in ROLES_OFFERED:
        box.addItem(role_name(role), role)
    return box


def state_text(user: desk.UserInfo, now) -> str:
    """A person's state in words: active or deactivated, locked, or not to be trusted."""
    if user.problem:
        return _("cannot be trusted: %(reason)s") % {"reason": user.problem}
    if not user.active:
        return _("deactivated")
    if user.locked_until is not None and user.locked_until > now:
        return _("locked until %(time)s") % {
            "time": format_time(user.locked_until.astimezone(), interface_language())}
    return _("active")


class PeopleDialog(QDialog):
    """Everyone who signs in, with role and state; a manager adds and changes people."""

    def __init__(self, store, worker: BackgroundWorker, actor: desk.Actor,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Closed is gone: a list or a change still being read is dropped, not shown in a
        # dialog that stays behind, hidden, for each time it was opened.
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.store, self.worker, self.actor = store, worker, actor
        self.people: dict[str, desk.UserInfo] = {}
        self.setWindowTitle(_("People and roles"))
        self.table = QTreeWidget(self)
        self.table.setHeaderLabels([_("Name"), _("Role"), _("State")])
        self.table.setRootIsDecorated(False)
        self.table.currentItemChanged.connect(lambda *_args: self._enable_actions())
        self.own_pin_edit = _pin_edit(self)  # the manager's consent to every change
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        consent = QFormLayout()
        consent.addRow(_("Your PIN (a manager's consent to each change)"), self.own_pin_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self._selected_person_box())
        layout.addWidget(self._new_person_box())
        layout.addLayout(consent)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self._enable_actions()
        self.refresh()
        self.resize(640, 620)

    def _selected_person_box(self) -> QGroupBox:
        box = QGroupBox(_("The selected person"), self)
        self.new_role_box = _role_box(box)
        self.role_button = QPushButton(_("Change the role"), box)
        self.role_button.clicked.connect(self.change_role)
        self.deactivate_button = QPushButton(_("Deactivate"), box)
        self.deactivate_button.clicked.connect(self.deactivate)
        self.reactivate_button = QPushButton(_("Reactivate"), box)
        self.reactivate_button.clicked.connect(self.reactivate)
        self.new_pin_edit = _pin_edit(box)
        self.reset_button = QPushButton(_("Reset the PIN"), box)
        self.reset_button.clicked.connect(self.reset_pin)
        rows = QFormLayout(box)
        role_row, state_row, pin_row = QHBoxLayout(), QHBoxLayout(), QHBoxLayout()
        role_row.addWidget(self.new_role_box, 1)
        role_row.addWidget(self.role_button)
        state_row.addWidget(self.deactivate_button)
        state_row.addWidget(self.reactivate_button)
        pin_row.addWidget(self.new_pin_edit, 1)
        pin_row.addWidget(self.reset_button)
        rows.addRow(_("Role"), role_row)
        rows.addRow(_("State"), state_row)
        rows.addRow(_("New PIN"), pin_row)
        return box

    def _new_person_box(self) -> QGroupBox:
        box = QGroupBox(_("Add a person"), self)
        self.name_edit = QLineEdit(box)
        self.role_box = _role_box(box)
        self.pin_edit = _pin_edit(box)
        self.add_button = QPushButton(_("Add this person"), box)
        self.add_button.clicked.connect(self.add)
        form = QFormLayout(box)
        form.addRow(_("Name"), self.name_edit)
        form.addRow(_("Role"), self.role_box)
        form.addRow(_("First PIN"), self.pin_edit)
        form.addRow(self.add_button)
        return box

    # -- the list
    def refresh(self) -> None:
        store = self.store
        self.worker.submit(lambda: (desk.users(store), store.now()), self._show_people,
                           self._refused)

    def _show_people(self, found: tuple[list[desk.UserInfo], object]) -> None:
        users, now = found
        chosen = self.selected_name
        self.people = {user.name: user for user in users}
        self.table.clear()
        for user in users:
            item = QTreeWidgetItem([user.name, role_name(user.role), state_text(user, now)])
            item.setData(0, USER_ROLE, user.name)
            item.setToolTip(2, item.text(2))  # why an account cannot be trusted is long
            if user.problem:
                for column in range(3):
                    item.setForeground(column, QBrush(WARNING))
            self.table.addTopLevelItem(item)
            if user.name == chosen:
                self.table.setCurrentItem(item)
        for column in range(2):
            self.table.resizeColumnToContents(column)
        self._enable_actions()

    @property
    def selected_name(self) -> str | None:
        item = self.table.currentItem()
        return item.data(0, USER_ROLE) if item is not None else None

    def select(self, name: str) -> None:
        """Select the person called ``name`` in the list."""
        for row in range(self.table.topLevelItemCount()):
            item = self.table.topLevelItem(row)
            if item is not None and item.data(0, USER_ROLE) == name:
                self.table.setCurrentItem(item)

    def _enable_actions(self) -> None:
        user = self.people.get(self.selected_name or "")
        for button in (self.role_button, self.reset_button):
            button.setEnabled(user is not None)
        self.deactivate_button.setEnabled(user is not None and user.active)
        self.reactivate_button.setEnabled(user is not None and not user.active)

    # -- the changes, each in the background
    def _consent(self) -> tuple[str, str] | None:
        pin = self.own_pin_edit.text()
        return (self.actor.name, pin) if pin else None

    def _run(self, work: Callable[[], desk.UserInfo], done: str, *busy: QWidget) -> None:
        self.message.setStyleSheet("")
        self.message.setText(_("Working…"))
        self.worker.submit(work, lambda user: self._done(done % {"name": user.name}),
                           self._refused, busy=(*busy, self.own_pin_edit), owner=self)

    def add(self) -> None:
        store, actor = self.store, self.actor
        name, role, pin = self.name_edit.text(), self.role_box.currentData(), self.pin_edit.text()
        consent = self._consent() if role == desk.MANAGER else None
        self._run(lambda: desk.add_user(store, actor, name, role, pin, consent),
                  _("%(name)s can now sign in."), self.add_button, self.name_edit,
                  self.pin_edit)

    def change_role(self) -> None:
        store, actor, name = self.store, self.actor, self.selected_name
        role, consent = self.new_role_box.currentData(), self._consent()
        if name is not None:
            self._run(lambda: desk.change_role(store, actor, name, role, consent),
                      _("%(name)s has a new role."), self.role_button)

    def deactivate(self) -> None:
        store, actor, name, consent = self.store, self.actor, self.selected_name, \
            self._consent()
        if name is not None:
            self._run(lambda: desk.deactivate(store, actor, name, consent),
                      _("%(name)s can no longer sign in."), self.deactivate_button)

    def reactivate(self) -> None:
        store, actor, name, consent = self.store, self.actor, self.selected_name, \
            self._consent()
        if name is not None:
            self._run(lambda: desk.reactivate(store, actor, name, consent),
                      _("%(name)s can sign in again."), self.reactivate_button)

    def reset_pin(self) -> None:
        store, actor, name = self.store, self.actor, self.selected_name
        pin, consent = self.new_pin_edit.text(), self._consent()
        if name is not None:
            self._run(lambda: desk.reset_pin(store, actor, name, pin, consent),
                      _("%(name)s has a new PIN."), self.reset_button, self.new_pin_edit)

    def _refused(self, exc: Exception) -> None:
        self.message.setStyleSheet("color: #b3261e;")
        self.message.setText(error_text(exc))
        self.own_pin_edit.clear()  # typed again for each try, as at sign-in

    def _done(self, text: str) -> None:
        self.message.setStyleSheet("color: #1b7a36;")
        self.message.setText(text)
        for edit in (self.name_edit, self.pin_edit, self.new_pin_edit, self.own_pin_edit):
            edit.clear()
        self.refresh()
