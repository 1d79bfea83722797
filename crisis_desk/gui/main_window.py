"""The main window: sign-in, then the screen of the person's role, menus and shortcuts.

The window owns the background worker and the signed-in session. What each
person sees follows their role as the workflow knows it; the workflow refuses
anything else anyway. Every workflow call runs on the background worker; the
screens appear, or change, when its answer comes back. Switching the interface
language rebuilds the menus and the current screen from the session, which
keeps what is being edited.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenuBar,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from crisis_desk import desk
from crisis_desk.domain import editing as incident_edit
from crisis_desk.domain.roles import ROLES
from crisis_desk.files.loading import load_incident, load_organisation
from crisis_desk.files.sealing import ChangedSinceExport, verify_seal
from crisis_desk.i18n import INTERFACE_LANGUAGES, LANGUAGES, _, _n, interface_language
from crisis_desk.support.errors import CrisisDeskError

from . import demo
from .item_models import pick_text
from .session import DeskSession
from .settings import DeskSettings
from .signin import FirstStartPage, People, SignInPage, load_people, role_name
from .translation import apply_interface_language
from .watcher import ChangeWatcher
from .workers import BackgroundWorker, traceback_of

APP_TITLE = "Crisis Desk"


def open_database_in_background(url: str | None):
    """Open the store and load the workflow, so the UI thread pays for neither."""
    from crisis_desk.store.database import open_store

    store = open_store(url)
    importlib.import_module("crisis_desk.desk").needs_first_manager(store)
    return store


class MainWindow(QMainWindow):
    """One window; its central page is the sign-in or the role's screen."""

    page_changed = Signal(str)  # "first-start" | "sign-in" | comms | manager | reception
    database_opened = Signal()
    exported = Signal(object, object)  # the organisation file, the incident file

    def __init__(self, store, settings: DeskSettings, parent: QWidget | None = None) -> None:
        """``store`` may be None: then call ``open_database`` once the window is shown."""
        super().__init__(parent)
        self.store, self.settings = store, settings
        self.worker = BackgroundWorker(self)
        # what other desks did is read on a thread of its own, never behind a render
        self.glances = BackgroundWorker(self)
        self.session: DeskSession | None = None
        # (url, then_demo) until the window is exposed: see open_database_when_shown
        self._pending_database: tuple[str | None, bool] | None = None
        self.exit_code = 0
        self.page_name = ""
        self.pages = QStackedWidget(self)
        self.setCentralWidget(self.pages)
        self.user_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.user_label)
        self.resize(1400, 860)
        self.rebuild()

    # -- pages
    def rebuild(self) -> None:
        """(Re)create menus and the current page, e.g. after a language switch."""
        self._build_menus()
        if self.session is None:
            self.show_start()
        else:
            self._show_role_page()

    def _set_page(self, widget: QWidget, name: str) -> None:
        old = self.pages.currentWidget()
        focused = QApplication.focusWidget()
        self.pages.addWidget(widget)
        self.pages.setCurrentWidget(widget)
        if old is not None and focused is not None and old.isAncestorOf(focused):
            # the keyboard stays in the window: a deleted page would take the keys away
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
        if old is not None:
            self.pages.removeWidget(old)
            old.deleteLater()
        self.page_name = name
        self._enable_actions()
        self._update_title()
        self.page_changed.emit(name)

    def open_database_when_shown(self, url: str | None, then_demo: bool = False) -> None:
        """Open the store once the window is on screen, so nothing delays showing it."""
        self._pending_database = (url, then_demo)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        handle = self.windowHandle()
        if self._pending_database is not None and handle is not None:
            handle.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        pending, handle = self._pending_database, self.windowHandle()
        if pending is not None and handle is not None and watched is handle \
                and event.type() == QEvent.Type.Expose and handle.isExposed():
            self._pending_database = None
            watched.removeEventFilter(self)
            QTimer.singleShot(0, lambda: self.open_database(*pending))
        return super().eventFilter(watched, event)

    def open_database(self, url: str | None, then_demo: bool = False) -> None:
        """Open the store off the UI thread; the window is already on screen meanwhile."""
        def opened(store) -> None:
            self.store = store
            if then_demo:
                self.load_demo()
            else:
                self.show_start()
            self.database_opened.emit()

        self.worker.submit(lambda: open_database_in_background(url), opened,
                           self._database_failed)

    def _database_failed(self, exc: Exception) -> None:
        message = str(exc) if isinstance(exc, CrisisDeskError) else repr(exc)
        print(_("crisis-desk: error: %(message)s") % {"message": message}, file=sys.stderr)
        QMessageBox.critical(self, APP_TITLE, message)
        self.exit_code = 1  # the app cannot work without its database: close, and say so
        self.close()

    def _show_opening(self) -> None:
        waiting = QLabel(_("Opening the database…"), self)
        waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        waiting.setStyleSheet("font-size: 18px;")
        self._set_page(waiting, "opening")

    def show_start(self) -> None:
        """The first-start or the sign-in page, once the accounts are read (background)."""
        if self.store is None:
            self._show_opening()
            return
        store = self.store
        self.worker.submit(lambda: load_people(store), self._show_start_page, self.show_error,
                           owner=self)

    def _show_start_page(self, people: People) -> None:
        if self.session is not None:  # signed in while the accounts were read
            return
        if people.needs_first_manager:
            first_page = FirstStartPage(self.store, self.worker, self)
            first_page.ready.connect(self.show_start)
            self._set_page(first_page, "first-start")
            return
        page = SignInPage(self.store, self.worker, people, self)
        page.signed_in.connect(self.signed_in)
        self._set_page(page, "sign-in")
        self.sign_in_page = page

    def load_demo(self) -> None:
        """Load the demo (accounts, incident, approvals) in the background, then sign in."""
        waiting = QLabel(_("Loading the demo organisation and incident…"), self)
        waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        waiting.setStyleSheet("font-size: 18px;")
        self._set_page(waiting, "loading")
        store = self.store
        self.worker.submit(lambda: demo.load_demo(store), lambda _id: self.show_start(),
                           self._demo_failed)

    def _demo_failed(self, exc: Exception) -> None:
        self.show_error(exc)
        self.show_start()

    def signed_in(self, actor: desk.Actor) -> None:
        self.session = DeskSession(self.store, actor, self.worker, self)
        self.session.failed.connect(self.show_error)
        self.session.incident_opened.connect(self._update_title)
        self.session.busy_changed.connect(self._busy)
        self.watcher = ChangeWatcher(self.store, self.glances, self.session)
        self.watcher.changed.connect(self._other_desk_changed)
        if actor.role == desk.COMMS:
            self._open_incident(None)  # the newest; its screen shows once it is loaded
        else:
            self._show_role_page()

    def _show_role_page(self) -> None:
        # The role screens load on first use: the sign-in page needs none of them.
        from .manager import ManagerView
        from .officer import OfficerView
        from .reception import ReceptionView

        session = self._active_session()
        role = session.actor.role
        view: QWidget
        if role == desk.COMMS and session.state is not None:
            officer = OfficerView(session, self.worker, self)
            officer.submit_requested.connect(self.submit)
            officer.save_requested.connect(self.save)
            officer.profile_requested.connect(self.edit_profile)
            officer.quick_worker = self.glances
            self.officer_view = view = officer
        elif role == desk.COMMS:
            view = self._no_incident_page()
        elif role == desk.MANAGER:
            self.manager_view = view = ManagerView(self.store, session.actor, self.worker, self)
            self.manager_view.quick_worker = self.glances
        else:
            self.reception_view = view = ReceptionView(self.store, session.actor, self.worker,
                                                       self.settings, self)
            self.reception_view.quick_worker = self.glances
        self._set_page(view, role)
        self.user_label.setText(_("%(name)s — %(role)s") % {
            "name": session.actor.name, "role": role_name(role)})

    def _no_incident_page(self) -> QWidget:
        """The officer with no incident yet: one button starts one (and its profile)."""
        page = QWidget(self)
        label = QLabel(_("No incident yet. Start one here; when there is no organisation "
                         "profile yet, you create it first. Or use File › Import an "
                         "incident."), page)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setStyleSheet("font-size: 16px;")
        self.new_incident_button = QPushButton(_("New incident…"), page)
        self.new_incident_button.setStyleSheet("font-size: 16px; padding: 10px 24px;")
        self.new_incident_button.clicked.connect(self.new_incident)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(label)
        layout.addWidget(self.new_incident_button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(2)
        self.new_incident_button.setFocus()
        return page

    def _other_desk_changed(self) -> None:
        """A desk (maybe this one) did something: the screen shown reads again."""
        if self.page_name == desk.COMMS:
            officer = getattr(self, "officer_view", None)
            if officer is not None and isValid(officer):
                officer.other_desk_changed()
            return
        names: dict[str, str] = {desk.MANAGER: "manager_view",
                                 desk.RECEPTION: "reception_view"}
        name = names.get(self.page_name)
        view = getattr(self, name, None) if name else None
        if view is not None and isValid(view):
            view.refresh(urgent=True)

    def _active_session(self) -> DeskSession:
        """The signed-in session: the actions and pages that need one exist only with it."""
        if self.session is None:
            raise RuntimeError("no one is signed in")
        return self.session

    def _update_title(self) -> None:
        if self.session is None:
            what = _("Welcome") if self.page_name == "first-start" else _("Sign in")
        elif self.session.actor.role == desk.RECEPTION:
            what = _("Print desk")
        elif self.session.actor.role == desk.MANAGER:
            what = _("Approval")
        elif self.session.state is not None:
            incident = self.session.state.incident
            what = pick_text(incident.title, incident.languages) or _("Incident")
        else:
            what = _("Communication")
        self.setWindowTitle(f"{APP_TITLE} — {what}")

    def _busy(self, busy: bool) -> None:
        if busy:
            self.statusBar().showMessage(_("Working…"))
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.statusBar().clearMessage()
            self.unsetCursor()

    # -- menus
    def _action(self, menu, text: str, slot, shortcut=None, roles=(), *,
                needs_incident: bool = False) -> QAction:
        action = QAction(text, menu)
        action.setProperty("needs_incident", needs_incident)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        action.setProperty("roles", list(roles))
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = QMenuBar(self)
        self.setMenuBar(bar)  # the old bar, its menus and actions are deleted
        comms, manager, reception = ROLES  # not workflow's: it may not be loaded yet
        everyone = (comms, manager, reception)
        file_menu = bar.addMenu(_("&File"))
        self._action(file_menu, _("&New incident…"), self.new_incident,
                     QKeySequence.StandardKey.New, (comms,))
        self._action(file_menu, _("&Open an incident…"), self.open_incident,
                     QKeySequence.StandardKey.Open, (comms,))
        file_menu.addSeparator()
        self._action(file_menu, _("&Import an incident (TOML)…"), self.import_incident,
                     "Ctrl+I", (comms,))
        self._action(file_menu, _("Import an organisation profile (TOML)…"),
                     self.import_profile, None, (comms,))
        self._action(file_menu, _("&Export the incident (TOML)…"), self.export_incident,
                     "Ctrl+E", (comms, manager))
        self._action(file_menu, _("Export the &kit to a folder…"), self.export_kit,
                     "Ctrl+K", (comms, manager))
        self._action(file_menu, _("&Print the first document…"), self.print_first,
                     QKeySequence.StandardKey.Print, (reception,))
        file_menu.addSeparator()
        self._action(file_menu, _("Sign &out"), self.sign_out, "Ctrl+L", everyone)
        self._action(file_menu, _("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        edit_menu = bar.addMenu(_("&Edit"))
        self.undo_action = self._action(edit_menu, _("&Undo"), self.undo, "Ctrl+Z", (comms,),
                                        needs_incident=True)
        self.redo_action = self._action(edit_menu, _("&Redo"), self.redo, "Ctrl+Shift+Z",
                                        (comms,), needs_incident=True)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit_menu.addSeparator()
        self._action(edit_menu, _("&Save"), self.save, QKeySequence.StandardKey.Save, (comms,),
                     needs_incident=True)
        self._action(edit_menu, _("Start the &next update"), self.next_update, "Ctrl+U",
                     (comms,), needs_incident=True)
        self._action(edit_menu, _("Organisation &profile…"), self.edit_profile, None, (comms,),
                     needs_incident=True)
        self._action(edit_menu, _("&Versions and changes…"), self.show_versions, "Ctrl+H",
                     (comms,), needs_incident=True)
        self._build_go_menu(bar.addMenu(_("&Go")), comms)
        approval_menu = bar.addMenu(_("&Approval"))
        self._action(approval_menu, _("&Submit for approval"), self.submit, "Ctrl+Return",
                     (comms,), needs_incident=True)
        self._action(approval_menu, _("&People and roles…"), self.manage_users, None,
                     (manager,))
        self._build_language_menu(bar.addMenu(_("&Language")))
        help_menu = bar.addMenu(_("&Help"))
        self._action(help_menu, _("&Help for this screen"), self.show_help,
                     QKeySequence.StandardKey.HelpContents)
        self._action(help_menu, _("&About Crisis Desk"), self.about)
        self._enable_actions()

    def _build_go_menu(self, menu, comms: str) -> None:
        """The officer's keys to each part of the screen, and to the checker."""
        for text, slot, key in (
                (_("Status &grid"), "focus_grid", "Ctrl+1"),
                (_("Free &texts"), "focus_texts", "Ctrl+2"),
                (_("&Check list"), "focus_check", "Ctrl+3"),
                (_("&Preview"), "focus_preview", "Ctrl+4"),
                (_("Check &now"), "check_now", "F7"),
                (_("Next p&roblem"), "next_problem", "F8"),
                (_("&Zoom in on the preview"), "zoom_in", QKeySequence.StandardKey.ZoomIn),
                (_("Zoom &out of the preview"), "zoom_out", QKeySequence.StandardKey.ZoomOut),
                (_("&Fit the preview to its width"), "zoom_to_fit", "Ctrl+0")):
            self._action(menu, text, lambda _checked=False, name=slot: self._on_officer(name),
                         key, (comms,), needs_incident=True)

    def _on_officer(self, name: str) -> None:
        """Run one of the officer screen's methods, when that screen is the one shown."""
        view = getattr(self, "officer_view", None)
        if self.page_name != desk.COMMS or view is None or not isValid(view):
            return
        if name == "next_problem":
            view.check_panel.next_problem()
        else:
            getattr(view, name)()

    def _build_language_menu(self, menu) -> None:
        group = QActionGroup(menu)
        group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for code in INTERFACE_LANGUAGES:
            action = QAction(LANGUAGES[code].native_name, menu, checkable=True)
            action.setChecked(code == interface_language())
            action.triggered.connect(lambda _checked=False, c=code: self.switch_language(c))
            group.addAction(action)
            menu.addAction(action)
            self.language_actions[code] = action

    def _enable_actions(self) -> None:
        role = self.session.actor.role if self.session else None
        has_incident = bool(self.session and self.session.snapshot)
        for action in self.menuBar().findChildren(QAction):
            roles = action.property("roles")
            if not roles:
                continue
            needs_incident = bool(action.property("needs_incident"))
            action.setEnabled(role in roles and (has_incident or not needs_incident))

    def switch_language(self, code: str) -> None:
        """Change the interface language now; documents keep their own languages."""
        apply_interface_language(code)
        self.settings.set("interface_language", code)
        self.rebuild()

    # -- officer actions
    def _undo_stack(self):
        state = self.session.state if self.session is not None else None
        return state.undo_stack if state is not None and self.page_name == desk.COMMS else None

    def undo(self) -> None:
        stack = self._undo_stack()
        if stack is not None:
            stack.undo()

    def redo(self) -> None:
        stack = self._undo_stack()
        if stack is not None:
            stack.redo()

    def print_first(self) -> None:
        view = getattr(self, "reception_view", None)
        if self.page_name == desk.RECEPTION and view is not None and isValid(view):
            view.print_first()

    def _open_incident(self, incident_id: int | None) -> None:
        """Open an incident (None: the newest) in the background, then show its screen."""
        self._active_session().open_incident(incident_id, self._incident_loaded)

    def _incident_loaded(self, autosaved: desk.Autosave | None) -> None:
        if autosaved is not None:
            self._offer_autosave(autosaved)
        self._show_role_page()

    def _offer_autosave(self, autosaved: desk.Autosave) -> None:
        """Offer the typing kept after a crash, naming the incident and its fields.

        Only an explicit "Discard" deletes it; closing the question keeps it for
        the next time this incident opens.
        """
        from .changes import changed_fields

        session = self._active_session()
        saved = session.snapshot.incident if session.snapshot is not None else None
        typed = autosaved.incident
        names = changed_fields(saved, typed) if saved is not None else []
        zone = ZoneInfo(session.state.organisation.timezone) if session.state else None
        box = QMessageBox(QMessageBox.Icon.Question, _("Unsaved typing found"), _(
            "“%(incident)s”: typing from %(when)s was never saved. Restore it?")
            % {"incident": pick_text(typed.title, typed.languages) or _("Incident"),
               "when": autosaved.saved_at.astimezone(zone).strftime("%d/%m %H:%M:%S")},
            QMessageBox.StandardButton.NoButton, self)
        box.setInformativeText(_("It holds: %(fields)s.") % {"fields": ", ".join(names)}
                               if names else "")
        restore = box.addButton(_("Restore"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(_("Discard it"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(_("Keep it for later"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore)
        box.exec()
        if box.clickedButton() is restore:
            session.restore(autosaved)
        elif box.clickedButton() is discard:
            session.discard_autosave()

    def open_incident(self) -> None:
        """Read the stored incidents (background), then let the officer pick one."""
        store = self.store
        self.worker.submit(lambda: desk.incidents(store), self._pick_incident,
                           self.show_error, owner=self)

    def _pick_incident(self, summaries: list[desk.IncidentSummary]) -> None:
        from . import dialogs

        if self.session is None:
            return
        dialog = dialogs.OpenIncidentDialog(summaries, self)
        if dialog.exec() and dialog.incident_id is not None:
            self.session.autosave_now()
            self._open_incident(dialog.incident_id)

    def new_incident(self) -> None:
        """A new incident of a stored profile; with none stored, the profile comes first."""
        store = self.store
        self.worker.submit(lambda: desk.organisations(store), self._choose_organisation,
                           self.show_error, owner=self)

    def _choose_organisation(self, profiles: list) -> None:
        if self.session is None:
            return
        if not profiles:
            answer = QMessageBox.question(
                self, _("New incident"), _("There is no organisation profile yet: its sites, "
                                           "services and hotline. Create it now?"))
            if answer == QMessageBox.StandardButton.Yes:
                self.create_profile()
            return
        snapshot = self.session.snapshot
        if snapshot is not None:  # the open incident's organisation first
            profiles.sort(key=lambda org: org.id != snapshot.organisation.id)
        chosen = profiles[0]
        if len(profiles) > 1:
            names = [pick_text(org.name, org.languages) or org.id for org in profiles]
            name, ok = QInputDialog.getItem(self, _("New incident"), _("Organisation"),
                                            names, 0, False)
            if not ok:
                return
            chosen = profiles[names.index(name)]
        self.ask_new_incident(chosen)

    def create_profile(self) -> None:
        """The organisation profile made from nothing; then the incident's own questions."""
        from .profile_dialog import ProfileDialog

        dialog = ProfileDialog(None, self)
        if dialog.exec() and dialog.result_organisation is not None:
            organisation = dialog.result_organisation
            self._active_session().save_organisation(
                organisation, lambda: self.ask_new_incident(organisation))

    def ask_new_incident(self, organisation) -> None:
        """Kind, title and start of a new incident of ``organisation``; then opens it."""
        from .new_incident import NewIncidentDialog

        dialog = NewIncidentDialog(organisation, datetime.now(ZoneInfo(organisation.timezone)),
                                   self)
        if dialog.exec() and self.session is not None:
            self.session.autosave_now()
            self.session.incident_opened.connect(self._show_role_page_once)
            self.session.create_incident(dialog.incident())

    def create_new_incident(self, kind_id: str) -> None:
        """A new, empty incident of the open organisation, issued now; opens it."""
        session = self._active_session()
        if session.snapshot is None:
            return  # no organisation open to make it in (new_incident says so)
        org = session.snapshot.organisation
        incident = incident_edit.new_incident(org.id, kind_id, tuple(org.languages),
                                              datetime.now().astimezone())
        session.incident_opened.connect(self._show_role_page_once)
        session.create_incident(incident)

    def _show_role_page_once(self) -> None:
        self._active_session().incident_opened.disconnect(self._show_role_page_once)
        self._show_role_page()

    def import_incident(self) -> None:
        org_path, _filter = QFileDialog.getOpenFileName(
            self, _("Organisation profile"), "", _("TOML files (*.toml)"))
        if not org_path:
            return
        incident_path, _filter = QFileDialog.getOpenFileName(
            self, _("Incident"), str(Path(org_path).parent), _("TOML files (*.toml)"))
        if not incident_path:
            return
        self.import_files(Path(org_path), Path(incident_path))

    def import_files(self, org_path: Path, incident_path: Path) -> None:
        if not self._seals_accepted(org_path, incident_path):
            return
        try:
            organisation = load_organisation(org_path)
            incident = load_incident(incident_path, organisation.timezone)
        except CrisisDeskError as exc:
            self.show_error(exc)
            return
        session = self._active_session()
        session.incident_opened.connect(self._show_role_page_once)
        session.import_files(organisation, incident)

    def _seals_accepted(self, *paths: Path) -> bool:
        """False unless every exported file is as exported, or the person accepts a change."""
        for path in paths:
            try:
                verify_seal(path)
            except ChangedSinceExport as exc:
                answer = QMessageBox.warning(
                    self, APP_TITLE, str(exc) + "\n\n" + _("Import it as it now reads?"),
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                    QMessageBox.StandardButton.No)
                if answer != QMessageBox.StandardButton.Yes:
                    return False
        return True

    def import_profile(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Organisation profile"), "",
                                                    _("TOML files (*.toml)"))
        if not path:
            return
        try:
            organisation = load_organisation(path)
        except CrisisDeskError as exc:
            self.show_error(exc)
            return
        self._active_session().save_organisation(organisation)

    def export_incident(self) -> None:
        self._with_chosen_incident(self._export_incident)

    def _export_incident(self, incident_id: int) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Export to which folder?"))
        if folder:
            self.export_to(Path(folder), incident_id)

    def export_to(self, folder: Path, incident_id: int) -> None:
        """Write the incident and its profile as TOML (background); ``exported`` follows."""
        store, actor = self.store, self._active_session().actor

        def write() -> desk.SavedExport:
            return desk.save_export(
                store, actor, incident_id,
                lambda version: folder / f"incident-{incident_id}-v{version}.toml",
                folder / "organisation.toml")

        def written(saved: desk.SavedExport) -> None:
            self.statusBar().showMessage(_("Exported to %(folder)s") % {"folder": folder}, 8000)
            if saved.unrecorded:  # the files are there; the person must know the log is not
                QMessageBox.warning(self, _("Export"), _(
                    "The files were written, but the audit log could not note the export: "
                    "%(reason)s") % {"reason": saved.unrecorded})
            incident_file, org_file = saved.files
            self.exported.emit(org_file, incident_file)

        self.worker.submit(write, written, self.show_error, owner=self)

    def export_kit(self) -> None:
        self._with_chosen_incident(self._export_kit)

    def _export_kit(self, incident_id: int) -> None:
        from . import dialogs

        folder = QFileDialog.getExistingDirectory(self, _("Export the kit to which folder?"))
        if folder and self.session is not None:
            dialogs.export_kit(self, self.worker, self.store, self.session.actor,
                               incident_id, Path(folder))

    def _with_chosen_incident(self, then: Callable[[int], None]) -> None:
        """The open incident, or else the newest stored one (looked up in the background)."""
        snapshot = self._active_session().snapshot
        if snapshot is not None:
            then(snapshot.incident_id)
            return
        store = self.store

        def newest() -> int | None:
            summaries = desk.incidents(store)
            return summaries[0].id if summaries else None

        def found(incident_id: int | None) -> None:
            if incident_id is not None and self.session is not None:
                then(incident_id)

        self.worker.submit(newest, found, self.show_error, owner=self)

    def save(self) -> None:
        if self.session is not None and self.session.state is not None \
                and not self.session.busy:  # Ctrl+S pressed again while saving
            self.session.save(lambda _s: self.statusBar().showMessage(_("Saved."), 4000))

    def submit(self) -> None:
        if self.session is None or self.session.state is None or self.session.busy:
            return
        self.session.submit(self._submitted)

    def _submitted(self, documents: list) -> None:
        self.statusBar().showMessage(
            _n("%(count)d document submitted for approval.",
               "%(count)d documents submitted for approval.", len(documents))
            % {"count": len(documents)},
            8000)

    def next_update(self) -> None:
        session = self._active_session()
        if session.state is None:
            return  # no incident open
        answer = QMessageBox.question(
            self, _("Start the next update"),
            _("Start update %(number)d from the current one? Its documents return to draft "
              "until a manager approves them.")
            % {"number": session.state.incident.update + 1})
        if answer == QMessageBox.StandardButton.Yes:
            session.start_next_update(datetime.now().astimezone())

    def edit_profile(self) -> None:
        from .profile_dialog import ProfileDialog

        if self.session is None or self.session.state is None:
            return
        dialog = ProfileDialog(self.session.state.organisation, self)
        if dialog.exec() and dialog.result_organisation is not None:
            self.session.save_organisation(dialog.result_organisation, self.save)

    def show_versions(self) -> None:
        from . import dialogs

        self._active_session().save(lambda snapshot: dialogs.VersionsDialog(
            self.store, self.worker, snapshot.incident_id, self).exec())

    def manage_users(self) -> None:
        from .people_dialog import PeopleDialog

        PeopleDialog(self.store, self.worker, self._active_session().actor, self).exec()
        page = getattr(self, "sign_in_page", None)
        if page is not None and isValid(page):  # the page is deleted once signed in
            page.refresh()

    # -- common
    def sign_out(self) -> None:
        self._leave_session()
        self.show_start()

    def _leave_session(self) -> None:
        if self.session is None:
            return
        self._keep_typing()
        self.watcher.stop()
        self.session.stop()
        self.session.deleteLater()
        self.session = None
        self.user_label.setText("")

    def _keep_typing(self) -> None:
        """Unsaved typing goes to the autosave, in the background like any other call.

        The worker runs its jobs in order and the window waits for them all
        before it closes, so the typing is kept even when the app quits.
        """
        session = self.session
        if session is None or not session.has_unsaved_changes:
            return
        state, snapshot = session.state, session.snapshot
        if state is None or snapshot is None:
            return  # nothing open, so nothing typed (has_unsaved_changes says as much)
        store, actor, incident_id = self.store, session.actor, snapshot.incident_id
        incident, base = state.incident, snapshot.version
        self.worker.submit(lambda: desk.autosave(store, actor, incident_id, incident, base),
                           lambda _result: None, self.show_error, owner=self)

    def show_error(self, exc: Exception) -> None:
        """A domain error, in the workflow's words; a conflict offers to reload."""
        if isinstance(exc, desk.CheckFailed):
            details = "\n".join(str(p) for p in exc.problems if p.severity == "error")
            box = QMessageBox(QMessageBox.Icon.Warning, APP_TITLE, str(exc),
                              QMessageBox.StandardButton.Ok, self)
            box.setDetailedText(details)
            box.exec()
            return
        if isinstance(exc, desk.ProfileDiffers):  # the difference, for who must decide
            box = QMessageBox(QMessageBox.Icon.Warning, APP_TITLE, str(exc) + "\n\n" + _(
                "To replace the stored profile, import the profile first (it becomes version "
                "%(version)d), then the incident.") % {"version": exc.next_version},
                QMessageBox.StandardButton.Ok, self)
            box.setDetailedText(exc.diff)
            box.exec()
            return
        if isinstance(exc, desk.ConflictError):
            answer = QMessageBox.warning(
                self, APP_TITLE, str(exc) + "\n\n" + _("Load the newest version now?"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
            if answer == QMessageBox.StandardButton.Yes and self.session is not None:
                self.session.reload()
            return
        if isinstance(exc, CrisisDeskError):
            QMessageBox.warning(self, APP_TITLE, str(exc))
            return
        QMessageBox.critical(self, APP_TITLE, _("Something went wrong: %(reason)s")
                             % {"reason": traceback_of(exc)})

    def show_help(self) -> None:
        from .help import HelpDialog

        role = self.session.actor.role if self.session is not None else None
        HelpDialog(role, self.menuBar().findChildren(QAction), self).exec()

    def about(self) -> None:
        QMessageBox.about(self, APP_TITLE, _("Crisis Desk: one situation model, every crisis "
                                             "document, approved and printed.\nDatabase: "
                                             "%(url)s") % {"url": self.store.url})

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self._leave_session()
        self.close_workers()
        event.accept()

    def close_workers(self) -> None:
        """The window's end: the jobs asked so far finish (the autosave), none starts after.

        A result still on its way, or a signal from the watcher, may ask for more
        work once the window is closed; none of it may run while Qt tears down.
        """
        self.worker.close()
        self.glances.close()
