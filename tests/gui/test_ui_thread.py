"""Nothing the interface asks of the database or the renderers runs on the UI thread.

Every core entry point the app uses (each public workflow function, the
store's read and write sessions, a document kind's render, the checker) is
wrapped by a recorder that notes, for each call made from the app's own code,
whether it ran on the main (UI) thread. Each role's screens are then driven as
a person would, and the recorder must have seen the work done, all of it in
the background. Calls made by the tests themselves (to set up or to verify)
come from no app frame and are not counted.
"""

from __future__ import annotations

import functools
import sys
import threading
from dataclasses import replace

import pytest

pytest.importorskip("PySide6.QtPdf")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtPrintSupport import QPrinter  # noqa: E402
from PySide6.QtWidgets import QLineEdit, QMessageBox  # noqa: E402

from crisis_desk import (  # noqa: E402
    checking,
    desk,  # noqa: E402
    documents,
)
from crisis_desk.gui import demo, dialogs  # noqa: E402
from crisis_desk.gui.main_window import MainWindow  # noqa: E402
from crisis_desk.gui.manager import INFO_ROLE  # noqa: E402
from crisis_desk.gui.people_dialog import PeopleDialog  # noqa: E402
from crisis_desk.gui.settings import DeskSettings  # noqa: E402
from crisis_desk.gui.translation import apply_interface_language  # noqa: E402
from crisis_desk.store.database import Store, open_store  # noqa: E402
from tests.gui.test_roles import (  # noqa: E402
    ACCOUNTS,
    WAIT_MS,
    create_first_manager,
    settle,
    signed_in_as,
    when_dialog_opens,
)

APP_PACKAGE = "crisis_desk.gui"


def called_from_the_app() -> bool:
    """True when one of the calling frames is the app's own code."""
    frame = sys._getframe(2)
    while frame is not None:
        if frame.f_globals.get("__name__", "").startswith(APP_PACKAGE):
            return True
        frame = frame.f_back
    return False


class ThreadRecorder:
    """Which core entry points the app called, and whether on the UI thread."""

    def __init__(self) -> None:
        self.armed = False
        self.calls: list[tuple[str, bool]] = []  # (entry point, on the UI thread)

    def wrap(self, name: str, function):
        @functools.wraps(function)
        def recorded(*args, **kwargs):
            if self.armed and called_from_the_app():
                on_ui = threading.current_thread() is threading.main_thread()
                self.calls.append((name, on_ui))
            return function(*args, **kwargs)
        return recorded

    @property
    def on_ui_thread(self) -> list[str]:
        return sorted({name for name, on_ui in self.calls if on_ui})

    @property
    def in_background(self) -> set[str]:
        return {name for name, on_ui in self.calls if not on_ui}


def install(recorder: ThreadRecorder, monkeypatch) -> None:
    """Wrap the core's entry points, and the app's own references to them."""
    # The app calls the workflow through the package (``desk.X``); wrap every public
    # function the package exports from its modules.
    for name, value in vars(desk).items():
        if callable(value) and getattr(value, "__module__", "").startswith(desk.__name__ + ".") \
                and not name.startswith("_") and not isinstance(value, type):
            monkeypatch.setattr(desk, name, recorder.wrap(f"desk.{name}", value))
    for method in ("reading", "writing"):
        monkeypatch.setattr(Store, method, recorder.wrap(f"Store.{method}",
                                                         getattr(Store, method)))
    monkeypatch.setattr(documents.DocumentKind, "render",
                        recorder.wrap("render", documents.DocumentKind.render))
    entry_points = ((checking.check, "check"), (documents.render_planned, "render_planned"))
    owners = [checking, documents] + [module for name, module in list(sys.modules.items())
                                      if name.startswith(APP_PACKAGE)]
    for module in owners:
        for name, value in list(vars(module).items()):
            for function, label in entry_points:
                if value is function:
                    monkeypatch.setattr(module, name, recorder.wrap(label, function))


@pytest.fixture
def recorder(monkeypatch):
    watching = ThreadRecorder()
    install(watching, monkeypatch)
    yield watching
    assert watching.on_ui_thread == [], "database or render calls on the UI thread"


@pytest.fixture
def store(private_data_dir):
    opened = open_store()
    yield opened
    opened.close()


def _window(qtbot, recorder: ThreadRecorder):
    apply_interface_language("en")
    recorder.armed = True  # from here on, what the app does is watched, its start included
    main = MainWindow(None, DeskSettings())
    qtbot.addWidget(main)
    main.open_database_when_shown(None)
    with qtbot.waitSignal(main.database_opened, timeout=WAIT_MS):
        main.show()
    settle(qtbot, main)
    return main


@pytest.fixture
def window(qtbot, store, recorder):
    demo.load_demo(store)  # set up before the app is watched
    main = _window(qtbot, recorder)
    yield main
    main.close()
    main.worker.wait()
    main.store.close()
    apply_interface_language("en")


@pytest.fixture
def empty_window(qtbot, store, recorder):
    main = _window(qtbot, recorder)
    yield main
    main.close()
    main.worker.wait()
    main.store.close()


def test_the_recorder_catches_a_call_on_the_ui_thread(monkeypatch, store):
    watching = ThreadRecorder()
    install(watching, monkeypatch)
    watching.armed = True
    demo.demo_accounts_present(store)  # the app's own code, on this (the UI) thread
    assert watching.on_ui_thread == ["Store.reading", "desk.users"]


def test_first_start_creates_the_manager_in_the_background(qtbot, empty_window, recorder,
                                                          tmp_path):
    page = empty_window.pages.currentWidget()
    assert empty_window.page_name == "first-start"
    create_first_manager(qtbot, page, tmp_path)
    assert not page.create_button.isEnabled()  # a second click cannot create it twice
    qtbot.waitUntil(lambda: empty_window.page_name == "sign-in", timeout=WAIT_MS)
    assert {"desk.needs_first_manager", "desk.add_user",
            "desk.save_organisation"} <= recorder.in_background


def test_the_officer_signs_in_edits_saves_and_submits_off_the_ui_thread(qtbot, window,
                                                                       recorder):
    session = signed_in_as(qtbot, window, desk.COMMS)
    view = window.officer_view
    view.preview.select("poster", site="tubize", fmt="pdf")
    editor = view.texts.editors[("facts", "fr")]
    editor.setFocus()
    qtbot.keyClicks(editor, " Groupe 3.")
    qtbot.waitUntil(lambda: view.preview.last_result is not None
                    and "Groupe 3." in session.state.incident.facts["fr"], timeout=WAIT_MS)
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not session.has_unsaved_changes, timeout=WAIT_MS)
    settle(qtbot, window)
    qtbot.mouseClick(view.submit_button, Qt.MouseButton.LeftButton)
    assert not view.submit_button.isEnabled()  # submitting: no second submission
    qtbot.waitUntil(lambda: view.submit_button.isEnabled(), timeout=WAIT_MS)
    settle(qtbot, window)
    assert "0 draft" in view.documents_label.text()
    assert {"desk.sign_in", "desk.incidents", "desk.load_incident",
            "desk.recover_autosave", "desk.documents", "check", "render_planned",
            "render", "desk.save_incident", "desk.submit"} <= recorder.in_background


def test_the_officers_dialogs_and_leaving_work_off_the_ui_thread(qtbot, window, recorder,
                                                                tmp_path):
    session = signed_in_as(qtbot, window, desk.COMMS)
    actor, incident_id = session.actor, session.incident_id
    with qtbot.waitSignal(window.exported, timeout=WAIT_MS):
        window.export_to(tmp_path, incident_id)
    summaries = []
    when_dialog_opens(lambda box: (summaries.append(box.text()), box.accept()), qtbot,
                      QMessageBox)
    dialogs.export_kit(window, window.worker, window.store, actor, incident_id,
                       tmp_path / "kit")
    qtbot.waitUntil(lambda: bool(summaries), timeout=WAIT_MS)
    versions = dialogs.VersionsDialog(window.store, window.worker, incident_id, window)
    qtbot.addWidget(versions)
    qtbot.waitUntil(lambda: versions.diff.toPlainText() != "", timeout=WAIT_MS)
    session.state.update(replace(session.state.incident, facts={
        **session.state.incident.facts, "fr": "Frappe non enregistrée."}))
    window.sign_out()  # the typing goes to the autosave, in the background
    settle(qtbot, window)
    assert desk.recover_autosave(window.store, actor, incident_id)
    assert {"desk.save_export", "desk.export_kit", "desk.versions",
            "desk.incident_diff", "desk.autosave"} <= recorder.in_background


def test_the_manager_reads_approves_and_sends_back_off_the_ui_thread(qtbot, window,
                                                                    recorder):
    signed_in_as(qtbot, window, desk.MANAGER)
    view = window.manager_view
    view.tabs.setCurrentWidget(view.draft_view)
    settle(qtbot, window)
    first, *others = [view.pending.item(row).data(INFO_ROLE)
                      for row in range(view.pending.count())]

    def type_pin(dialog) -> None:
        qtbot.keyClicks(dialog.findChild(QLineEdit), ACCOUNTS[desk.MANAGER].pin)
        dialog.accept()

    view.select_document(first[0].id)
    settle(qtbot, window)
    when_dialog_opens(type_pin, qtbot)
    qtbot.mouseClick(view.approve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not view.approve_button.isEnabled(), timeout=WAIT_MS)
    view.approve_selected()  # Ctrl+Enter while approving: nothing more is started
    settle(qtbot, window)
    assert desk.document(window.store, first[0].id).state == "approved"
    view.select_document(others[0][0].id)
    settle(qtbot, window)
    view.send_back(view.current, "Précisez l'entrée.")
    settle(qtbot, window)
    assert desk.document(window.store, others[0][0].id).state == "draft"
    assert {"desk.awaiting_approval", "desk.document_texts",
            "desk.changes_since_approval", "desk.render_document", "desk.approve",
            "desk.send_back"} <= recorder.in_background


def test_the_manager_adds_a_person_off_the_ui_thread(qtbot, window, recorder):
    signed_in_as(qtbot, window, desk.MANAGER)
    added = []

    def add_person(dialog) -> None:
        qtbot.keyClicks(dialog.name_edit, "Jan Claes")
        qtbot.keyClicks(dialog.pin_edit, "515062")
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
        added.append(dialog.add_button.isEnabled())  # off while the PIN is hashed
        qtbot.waitUntil(lambda: "can now sign in" in dialog.message.text(), timeout=WAIT_MS)
        dialog.reject()

    when_dialog_opens(add_person, qtbot, PeopleDialog)
    window.manage_users()
    assert added == [False]
    settle(qtbot, window)
    assert "Jan Claes" in {user.name for user in desk.users(window.store)}
    assert {"desk.users", "desk.add_user"} <= recorder.in_background


def test_reception_prints_to_a_file_off_the_ui_thread(qtbot, window, recorder, tmp_path):
    signed_in_as(qtbot, window, desk.RECEPTION)
    view = window.reception_view
    view.select_site("tubize")
    settle(qtbot, window)
    card = view.cards[0]
    output = tmp_path / "printed.pdf"
    view.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    view.printer.setOutputFileName(str(output))
    when_dialog_opens(lambda dialog: dialog.accept(), qtbot)
    with qtbot.waitSignal(view.printed, timeout=WAIT_MS):
        qtbot.mouseClick(card.print_button, Qt.MouseButton.LeftButton)
        assert not view.cards_widget.isEnabled()  # no second print while this one renders
    assert output.stat().st_size > 0
    assert {"desk.incidents", "desk.load_incident", "desk.documents",
            "desk.render_document", "desk.record_print"} <= recorder.in_background
