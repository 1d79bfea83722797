"""Sign-in and first start: pick your name, type your PIN; or set up an empty desk.

The accounts are read and the PIN is checked by the workflow on the background
thread (the PIN's hash is slow on purpose); a refusal shows the workflow's own
message. At first start, with no
account at all, the desk offers the demo, or an organisation profile (a file,
or made here in the profile dialog) and an incident file, together with the
first manager's account.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crisis_desk import desk
from crisis_desk.domain.model import Organisation
from crisis_desk.files.loading import load_incident, load_organisation
from crisis_desk.i18n import _
from crisis_desk.support.errors import CrisisDeskError

from . import demo
from .item_models import pick_text
from .workers import BackgroundWorker, error_text

USER_ROLE = Qt.ItemDataRole.UserRole + 4
ERROR_STYLE = "color: #b3261e; font-weight: bold;"


def role_name(role: str) -> str:
    return _(desk.ROLE_NAMES.get(role, role))


@dataclass(frozen=True)
class People:
    """Who may sign in at this desk, as read from the database in the background."""

    needs_first_manager: bool
    users: list[desk.UserInfo]
    demo_accounts: list[demo.DemoAccount]


def load_people(store) -> People:
    """The accounts, for the start pages (runs on the background worker)."""
    return People(desk.needs_first_manager(store), desk.users(store),
                  demo.demo_accounts_present(store))


def _panel(parent: QWidget) -> tuple[QFrame, QVBoxLayout]:
    """A centred white panel of reasonable width on an otherwise empty page."""
    panel = QFrame(parent)
    panel.setObjectName("panel")
    panel.setStyleSheet("#panel { background: white; border: 1px solid #c8c8c8; "
                        "border-radius: 8px; }")
    panel.setMaximumWidth(620)
    inner = QVBoxLayout(panel)
    inner.setContentsMargins(28, 24, 28, 24)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(panel, 3)
    row.addStretch(1)
    outer = QVBoxLayout(parent)
    outer.addStretch(1)
    outer.addLayout(row)
    outer.addStretch(2)
    return panel, inner


class SignInPage(QWidget):
    """The list of people, a PIN field and Sign in."""

    signed_in = Signal(object)  # desk.Actor

    def __init__(self, store, worker: BackgroundWorker, people: People,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.worker = store, worker
        _panel_widget, layout = _panel(self)
        title = QLabel(_("Sign in"), self)
        title.setStyleSheet("font-size: 22px; font-weight: bold;")
        self.users = QListWidget(self)
        self.users.setStyleSheet("QListWidget { font-size: 16px; } "
                                 "QListWidget::item { padding: 6px; }")
        self.users.setMaximumHeight(230)
        self.pin_edit = QLineEdit(self)
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setPlaceholderText(_("Your PIN"))
        self.pin_edit.setStyleSheet("font-size: 16px; padding: 4px;")
        self.sign_in_button = QPushButton(_("Sign in"), self)
        self.sign_in_button.setDefault(True)
        self.sign_in_button.setStyleSheet("font-size: 16px; font-weight: bold; padding: 8px;")
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.demo_hint = QLabel(self)
        self.demo_hint.setWordWrap(True)
        self.demo_hint.setStyleSheet("background: #fff4ce; border: 1px solid #c9a227; "
                                     "padding: 8px;")
        layout.addWidget(title)
        layout.addWidget(QLabel(_("Who are you?"), self))
        layout.addWidget(self.users)
        layout.addWidget(self.pin_edit)
        layout.addWidget(self.sign_in_button)
        layout.addWidget(self.error_label)
        layout.addWidget(self.demo_hint)
        self.sign_in_button.clicked.connect(self.sign_in)
        self.pin_edit.returnPressed.connect(self.sign_in)
        self.users.itemActivated.connect(lambda _item: self.pin_edit.setFocus())
        self.users.currentItemChanged.connect(lambda *_args: self.pin_edit.setFocus())
        self.show_people(people)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """The page opens ready to type the PIN (the first person is already chosen)."""
        super().showEvent(event)
        QTimer.singleShot(0, self.pin_edit.setFocus)

    def refresh(self) -> None:
        """Read the accounts again (background), e.g. after a manager added someone."""
        store = self.store
        self.worker.submit(lambda: load_people(store), self.show_people, self._refused)

    def show_people(self, people: People) -> None:
        self.users.clear()
        for user in people.users:
            if not user.active:
                continue
            item = QListWidgetItem(f"{user.name}   —   {role_name(user.role)}")
            item.setData(USER_ROLE, user.name)
            self.users.addItem(item)
        if self.users.count():
            self.users.setCurrentRow(0)
        accounts = people.demo_accounts
        self.demo_hint.setVisible(bool(accounts))
        lines = [_("Demo accounts, for trying the app only:")]
        lines += [f"• {a.name} — {role_name(a.role)} — " + _("PIN %(pin)s") % {"pin": a.pin}
                  for a in accounts]
        self.demo_hint.setText("\n".join(lines))

    def choose(self, name: str) -> None:
        for row in range(self.users.count()):
            if self.users.item(row).data(USER_ROLE) == name:
                self.users.setCurrentRow(row)

    def sign_in(self) -> None:
        if not self.sign_in_button.isEnabled():  # Enter pressed again while checking
            return
        item = self.users.currentItem()
        if item is None:
            self.error_label.setText(_("Pick your name first."))
            return
        name, pin = item.data(USER_ROLE), self.pin_edit.text()
        self.error_label.setText("")
        store = self.store
        self.worker.submit(lambda: desk.sign_in(store, name, pin), self._done, self._refused,
                           busy=(self.sign_in_button,))

    def _done(self, actor: desk.Actor) -> None:
        self.pin_edit.clear()
        self.signed_in.emit(actor)

    def _refused(self, exc: Exception) -> None:
        self.pin_edit.selectAll()
        self.pin_edit.setFocus()
        self.error_label.setText(str(exc) if isinstance(exc, CrisisDeskError)
                                 else _("Sign-in failed: %(reason)s") % {"reason": exc})


class FirstStartPage(QWidget):
    """An empty database: the demo, or the organisation's files and a first manager."""

    ready = Signal()

    def __init__(self, store, worker: BackgroundWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.worker = store, worker
        _panel_widget, layout = _panel(self)
        title = QLabel(_("Welcome to Crisis Desk"), self)
        title.setStyleSheet("font-size: 22px; font-weight: bold;")
        intro = QLabel(_("This desk has no data yet. Try it with the demo hospital, or set it "
                         "up with your organisation's profile."), self)
        intro.setWordWrap(True)
        self.demo_button = QPushButton(_("Try the demo (sample hospital, demo accounts)"), self)
        self.demo_button.setStyleSheet("font-size: 15px; padding: 10px;")
        self.demo_button.clicked.connect(self.load_demo)
        own = QGroupBox(_("Set up my organisation"), self)
        form = QFormLayout(own)
        self.org_edit, org_row = self._file_row(own, _("Organisation profile (TOML)"))
        # or the profile made here, from nothing, in the profile dialog
        self.created_profile: Organisation | None = None
        self.create_profile_button = QPushButton(_("Create it here…"), own)
        self.create_profile_button.setToolTip(_("No file: type the organisation's names, "
                                                "sites, services and hotline."))
        self.create_profile_button.clicked.connect(self.create_profile)
        row_layout = org_row.layout()
        if isinstance(row_layout, QHBoxLayout):
            row_layout.addWidget(self.create_profile_button)
        self.incident_edit, incident_row = self._file_row(own, _("Incident (TOML, optional)"))
        self.name_edit = QLineEdit(own)
        self.pin_edit = QLineEdit(own)
        self.pin_again = QLineEdit(own)
        for edit in (self.pin_edit, self.pin_again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(_("Profile"), org_row)
        form.addRow(_("Incident"), incident_row)
        form.addRow(QLabel(_("The first account is a manager's; managers add the others."),
                           own))
        form.addRow(_("Manager's name"), self.name_edit)
        form.addRow(_("PIN"), self.pin_edit)
        form.addRow(_("PIN again"), self.pin_again)
        self.create_button = QPushButton(_("Create"), own)
        self.create_button.clicked.connect(self.create_first_manager)
        form.addRow(self.create_button)
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.demo_button)
        layout.addWidget(own)
        layout.addWidget(self.error_label)
        layout.addStretch(1)

    def _file_row(self, parent: QWidget, caption: str) -> tuple[QLineEdit, QWidget]:
        row = QWidget(parent)
        edit = QLineEdit(row)
        browse = QPushButton(_("Browse…"), row)
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(edit, 1)
        box.addWidget(browse)

        def pick() -> None:
            path, _filter = QFileDialog.getOpenFileName(self, caption, "",
                                                        _("TOML files (*.toml)"))
            if path:
                edit.setText(path)

        browse.clicked.connect(pick)
        return edit, row

    def load_demo(self) -> None:
        self.error_label.setText(_("Loading the demo…"))
        store = self.store
        self.worker.submit(lambda: demo.load_demo(store), lambda _id: self.ready.emit(),
                           self._failed, owner=self,
                           busy=(self.demo_button, self.create_button))

    def create_first_manager(self) -> None:
        if self.pin_edit.text() != self.pin_again.text():
            self.error_label.setText(_("The two PINs differ."))
            return
        org_path = self.org_edit.text().strip()
        incident_path = self.incident_edit.text().strip()
        created = self.created_profile
        if not org_path and created is None:
            self.error_label.setText(_("Choose the organisation profile file, or create the "
                                       "profile here."))
            return
        name, pin, store = self.name_edit.text(), self.pin_edit.text(), self.store

        def set_up() -> None:
            organisation = created if created is not None and not org_path \
                else load_organisation(Path(org_path))
            incident = load_incident(Path(incident_path), organisation.timezone) \
                if incident_path else None
            desk.add_user(store, None, name, desk.MANAGER, pin)
            actor = demo.setup_actor()
            if incident is None:
                desk.save_organisation(store, actor, organisation)
            else:
                desk.import_incident(store, actor, organisation, incident)

        self.worker.submit(set_up, lambda _result: self.ready.emit(), self._failed, owner=self,
                           busy=(self.demo_button, self.create_button))

    def create_profile(self) -> None:
        """Make the organisation profile in the app (kept once the manager is created)."""
        from .profile_dialog import ProfileDialog

        dialog = ProfileDialog(self.created_profile, self)
        dialog.setWindowTitle(_("New organisation profile"))
        if dialog.exec() and dialog.result_organisation is not None:
            self.created_profile = dialog.result_organisation
            self.org_edit.clear()
            self.org_edit.setPlaceholderText(
                _("Created here: %(name)s") % {"name": pick_text(self.created_profile.name)})
            self.create_profile_button.setText(_("Edit it…"))

    def _failed(self, exc: Exception) -> None:
        self.error_label.setText(error_text(exc))
