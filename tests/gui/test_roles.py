"""End to end through the desktop app, one test per role, offscreen (pytest-qt).

The officer creates an incident, sets statuses, types and sees the preview
follow, submits; the manager signs in and approves with the PIN; reception
prints the approved poster through QPrinter to a PDF file that carries no
watermark. Plus sign-in refusals and the interface language switch. The app
reads and writes on its background worker, so a step that starts work waits
for the worker to settle before looking at the screen.
"""

from __future__ import annotations

import io
from dataclasses import replace

import pytest

pytest.importorskip("PySide6.QtPdf")

from PIL import Image, ImageChops, ImageOps, ImageStat  # noqa: E402
from pypdf import PdfReader  # noqa: E402
from PySide6.QtCore import QCoreApplication, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QAction  # noqa: E402
from PySide6.QtPrintSupport import QPrinter  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMessageBox  # noqa: E402

from crisis_desk import desk  # noqa: E402
from crisis_desk.documents import kind  # noqa: E402
from crisis_desk.files.loading import load_incident, load_organisation  # noqa: E402
from crisis_desk.gui import demo  # noqa: E402
from crisis_desk.gui.main_window import MainWindow  # noqa: E402
from crisis_desk.gui.manager import group_by_document  # noqa: E402
from crisis_desk.gui.settings import DeskSettings  # noqa: E402
from crisis_desk.gui.translation import apply_interface_language  # noqa: E402
from crisis_desk.store.database import open_store  # noqa: E402

WAIT_MS = 60000  # a generous ceiling for slow machines, never a timing assertion
ACCOUNTS = {a.role: a for a in demo.DEMO_ACCOUNTS}


@pytest.fixture
def store(private_data_dir):
    opened = open_store()
    yield opened
    opened.close()


@pytest.fixture
def demo_store(store):
    demo.load_demo(store)
    return store


@pytest.fixture
def window(qtbot, store):
    apply_interface_language("en")
    main = MainWindow(store, DeskSettings())
    qtbot.addWidget(main)
    main.show()
    settle(qtbot, main)
    yield main
    main.close()
    apply_interface_language("en")


def settle(qtbot, window) -> None:
    """Wait until the background worker has done everything asked of it so far."""
    qtbot.waitUntil(lambda: not window.worker.busy, timeout=WAIT_MS)


def show_start(qtbot, window) -> None:
    """The start page, once the accounts are read."""
    window.show_start()
    settle(qtbot, window)


def sign_in(qtbot, window, role: str, pin: str | None = None) -> None:
    """Pick the person on the sign-in page, type the PIN, press Sign in."""
    show_start(qtbot, window)
    page = window.sign_in_page
    account = ACCOUNTS[role]
    page.choose(account.name)
    qtbot.keyClicks(page.pin_edit, pin if pin is not None else account.pin)
    qtbot.mouseClick(page.sign_in_button, Qt.MouseButton.LeftButton)


def signed_in_as(qtbot, window, role: str):
    sign_in(qtbot, window, role)
    qtbot.waitUntil(lambda: window.page_name == role, timeout=WAIT_MS)
    settle(qtbot, window)
    return window.session


def when_dialog_opens(action, qtbot, kind=QDialog) -> None:
    """Act on the next modal dialog as a person would (type, press OK) once it shows."""
    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind) and dialog.isVisible():
            action(dialog)
        else:
            QTimer.singleShot(50, poll)
    QTimer.singleShot(50, poll)


# -- communication officer ----------------------------------------------------------------

def test_officer_creates_an_incident_sets_statuses_types_and_submits(qtbot, window,
                                                                   demo_store):
    session = signed_in_as(qtbot, window, desk.COMMS)
    demo_id = session.incident_id
    window.create_new_incident("power-outage")
    qtbot.waitUntil(lambda: session.incident_id not in (None, demo_id), timeout=WAIT_MS)
    view = window.officer_view
    assert view.session.state.incident.kind == "power-outage"

    grid = view.grid
    grid.set_status(grid.grid_model.index_of("*", "surgery"), "suspended")
    grid.set_status(grid.grid_model.index_of("tubize", "imaging"), "relocated", "nivelles")
    index = grid.grid_model.index_of("tubize", "imaging")
    assert "Nivelles" in index.data()
    assert "Suspended" in grid.grid_model.index_of("nivelles", "surgery").data()

    view.preview.select("notice", fmt="txt")
    qtbot.waitUntil(lambda: view.preview.last_result is not None
                    and view.preview.last_result.document.kind == "notice", timeout=WAIT_MS)
    typed = "Generator 3 & <b>{{ 7*7 }}</b> tested"
    for code in ("fr", "nl"):
        editor = view.texts.editors[("facts", code)]
        editor.setFocus()
        qtbot.keyClicks(editor, f"{typed} {code}")
        qtbot.keyClicks(view.texts.editors[("patient_advice", code)], f"Come in ({code}).")
    qtbot.waitUntil(lambda: f"{typed} nl" in view.preview.view.shown_text, timeout=WAIT_MS)
    assert f"{typed} fr" in view.preview.view.shown_text

    qtbot.waitUntil(lambda: view.check_panel.list_model.error_count == 0, timeout=WAIT_MS)
    qtbot.mouseClick(view.submit_button, Qt.MouseButton.LeftButton)
    incident_id = session.incident_id
    qtbot.waitUntil(lambda: any(d.state == "submitted" for d in
                                desk.documents(demo_store, incident_id)), timeout=WAIT_MS)
    stored = desk.load_incident(demo_store, incident_id).incident
    assert stored.facts["nl"] == f"{typed} nl"
    assert {(e.site, e.service, e.status, e.to) for e in stored.statuses} == {
        ("*", "surgery", "suspended", None), ("tubize", "imaging", "relocated", "nivelles")}
    assert {d.state for d in desk.documents(demo_store, incident_id)} == {"submitted"}


def test_the_check_panel_takes_the_officer_to_the_missing_text(qtbot, window, demo_store):
    session = signed_in_as(qtbot, window, desk.COMMS)
    view = window.officer_view
    session.state.update(replace(session.state.incident,
                                 facts={"fr": session.state.incident.facts["fr"]}))
    qtbot.waitUntil(lambda: view.check_panel.list_model.error_count > 0, timeout=WAIT_MS)
    model = view.check_panel.list_model
    row = next(i for i, p in enumerate(model.problems) if p.field == "facts")
    view.check_panel.list_view.activated.emit(model.index(row))
    assert QApplication.focusWidget() is view.texts.editors[("facts", "nl")]


def test_submitting_with_errors_is_refused_by_the_workflow(qtbot, window, demo_store):
    session = signed_in_as(qtbot, window, desk.COMMS)
    errors = []
    session.failed.disconnect()
    session.failed.connect(errors.append)
    session.state.update(replace(session.state.incident, patient_advice={}))
    window.submit()
    qtbot.waitUntil(lambda: bool(errors), timeout=WAIT_MS)
    assert isinstance(errors[0], desk.CheckFailed)


def test_typing_is_kept_by_autosave_and_offered_back(qtbot, window, demo_store):
    session = signed_in_as(qtbot, window, desk.COMMS)
    editor = window.officer_view.texts.editors[("title", "fr")]
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClicks(editor, "Titre en cours de frappe")
    session.autosave_now()
    kept = lambda: desk.recover_autosave(demo_store, session.actor,  # noqa: E731
                                             session.incident_id)
    qtbot.waitUntil(lambda: kept() is not None, timeout=WAIT_MS)
    assert kept().incident.title["fr"] == "Titre en cours de frappe"


# -- manager ------------------------------------------------------------------------------

def test_manager_reads_side_by_side_and_approves_with_the_pin(qtbot, window, demo_store):
    signed_in_as(qtbot, window, desk.MANAGER)
    view = window.manager_view
    groups = group_by_document(desk.awaiting_approval(demo_store))
    assert view.pending.count() == len(groups) > 0
    press = next(group for group in groups if group[0].kind == "press")
    view.select_document(press[0].id)
    settle(qtbot, window)
    assert set(view.text_views) == {"fr", "nl"}  # one per language, side by side
    for info in press:
        code = info.languages[0]
        assert view.text_views[code].toPlainText() == \
            desk.document_texts(demo_store, info.id)[code]

    def type_pin(dialog) -> None:
        qtbot.keyClicks(dialog.findChild(QLineEdit), ACCOUNTS[desk.MANAGER].pin)
        dialog.accept()

    when_dialog_opens(type_pin, qtbot)
    qtbot.mouseClick(view.approve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: all(desk.document(demo_store, i.id).state == "approved"
                                for i in press), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: view.pending.count() == len(groups) - 1, timeout=WAIT_MS)
    assert desk.document(demo_store, press[0].id).approved_by == \
        ACCOUNTS[desk.MANAGER].name


def test_a_wrong_pin_approves_nothing(qtbot, window, demo_store):
    signed_in_as(qtbot, window, desk.MANAGER)
    view = window.manager_view
    current = view.current
    view.approve(current, "0000")
    qtbot.waitUntil(lambda: "PIN" in view.message.text(), timeout=WAIT_MS)
    assert all(desk.document(demo_store, i.id).state == "submitted" for i in current)


def test_manager_sends_back_with_a_comment_the_officer_then_sees(qtbot, window, demo_store):
    signed_in_as(qtbot, window, desk.MANAGER)
    view = window.manager_view
    current = view.current
    view.send_back(current, "Say which entrance at Nivelles.")
    qtbot.waitUntil(lambda: desk.document(demo_store, current[0].id).state == "draft",
                    timeout=WAIT_MS)
    window.sign_out()
    signed_in_as(qtbot, window, desk.COMMS)
    banner = window.officer_view.comment_banner
    assert banner.isVisibleTo(window) and "Say which entrance" in banner.text()


# -- reception ----------------------------------------------------------------------------

def _page_image(pdf: bytes, size: tuple[int, int]) -> Image.Image:
    """A PDF's first page as a grey image, by QtPdf (the same engine for every reference)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
    from PySide6.QtPdf import QPdfDocument

    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    image = document.render(0, QSize(*size))
    png = QBuffer()
    png.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(png, "PNG")
    return ImageOps.grayscale(Image.open(io.BytesIO(bytes(png.data()))))


def _difference(first: Image.Image, second: Image.Image) -> float:
    return ImageStat.Stat(ImageChops.difference(first, second)).mean[0]


def test_reception_prints_the_approved_poster_without_watermark(qtbot, window, demo_store,
                                                                tmp_path):
    signed_in_as(qtbot, window, desk.RECEPTION)
    view = window.reception_view
    view.select_site("tubize")
    settle(qtbot, window)
    card = view.cards[0]
    assert card.info.kind == "poster" and card.info.site == "tubize"
    assert card.info.state == "approved"
    qtbot.waitUntil(card.print_button.isVisible, timeout=WAIT_MS)
    assert card.print_button.isEnabled()

    output = tmp_path / "printed.pdf"
    view.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    view.printer.setOutputFileName(str(output))
    when_dialog_opens(lambda dialog: dialog.accept(), qtbot)
    with qtbot.waitSignal(view.printed, timeout=WAIT_MS) as printed:
        qtbot.mouseClick(card.print_button, Qt.MouseButton.LeftButton)
    assert printed.args[1] == 1

    page = PdfReader(output).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    printed_image = ImageOps.grayscale(page.images[0].image).resize((297, 420))
    approved = desk.render_document(demo_store, card.info.id, "pdf")
    draft = kind("poster").render("pdf", replace(
        desk.render_request(demo_store, card.info.id), approval=None))
    to_approved = _difference(printed_image, _page_image(approved, (297, 420)))
    to_draft = _difference(printed_image, _page_image(draft, (297, 420)))
    assert to_approved < to_draft
    assert "PROJET" not in PdfReader(io.BytesIO(approved)).pages[0].extract_text()
    assert any(e.action == "print" and e.actor_role == desk.RECEPTION
               for e in desk.audit_log(demo_store))


def test_reception_keeps_printing_what_was_approved_while_the_next_is_drafted(
        qtbot, window, demo_store):
    incident_id = demo.demo_incident_id(demo_store)
    officer = desk.sign_in(demo_store, ACCOUNTS[desk.COMMS].name,
                               ACCOUNTS[desk.COMMS].pin)
    snapshot = desk.load_incident(demo_store, incident_id)
    desk.save_incident(demo_store, officer, incident_id, replace(
        snapshot.incident, facts={**snapshot.incident.facts, "fr": "Nouveau."}),
        snapshot.version)
    signed_in_as(qtbot, window, desk.RECEPTION)
    cards = window.reception_view.cards
    notice = next(card for card in cards if card.info.kind == "notice")
    # The new facts are in the notice only: it is a draft again, but the version
    # approved before stays printable, and the card says a newer one is on its way.
    assert notice.info.state == "draft" and notice.info.printable_approved
    assert "\n✎" in notice.badge.text()
    assert "watermark" not in notice.print_button.text()
    assert all(card.info.state == "approved" for card in cards
               if card.info.kind.startswith("poster"))


# -- sign-in, first start, language -------------------------------------------------------

def test_sign_in_refuses_a_wrong_pin_and_stays_on_the_sign_in_page(qtbot, window, demo_store):
    sign_in(qtbot, window, desk.MANAGER, pin="9999")
    page = window.sign_in_page
    qtbot.waitUntil(lambda: page.error_label.text() != "", timeout=WAIT_MS)
    assert "Wrong PIN" in page.error_label.text()
    assert window.page_name == "sign-in" and window.session is None


def test_five_wrong_pins_lock_the_account_even_with_the_right_one(qtbot, window, demo_store):
    show_start(qtbot, window)
    page = window.sign_in_page
    for _attempt in range(desk.MAX_WRONG_PINS):
        page.error_label.clear()
        sign_in(qtbot, window, desk.RECEPTION, pin="0000")
        page = window.sign_in_page
        qtbot.waitUntil(lambda p=page: p.error_label.text() != "", timeout=WAIT_MS)
    sign_in(qtbot, window, desk.RECEPTION)
    page = window.sign_in_page
    qtbot.waitUntil(lambda: "Too many" in page.error_label.text(), timeout=WAIT_MS)
    assert window.session is None


def test_what_you_see_follows_your_role(qtbot, window, demo_store):
    signed_in_as(qtbot, window, desk.RECEPTION)
    enabled = {a.text() for a in window.menuBar().findChildren(QAction) if a.isEnabled()}
    assert "&Submit for approval" not in enabled and "&Save" not in enabled
    assert "Sign &out" in enabled


def create_first_manager(qtbot, page, tmp_path) -> None:
    """Fill the first-start page as a person would (a profile file, a name, a PIN twice)."""
    org = tmp_path / "organisation.toml"
    org.write_bytes(demo.DEMO_ORGANISATION.read_bytes())
    page.org_edit.setText(str(org))
    qtbot.keyClicks(page.name_edit, "Nadia Haddad")
    qtbot.keyClicks(page.pin_edit, "471123")
    qtbot.keyClicks(page.pin_again, "471123")
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)


def test_first_start_offers_the_demo_and_creates_a_manager(qtbot, window, store, tmp_path):
    assert window.page_name == "first-start"
    create_first_manager(qtbot, window.pages.currentWidget(), tmp_path)
    qtbot.waitUntil(lambda: window.page_name == "sign-in", timeout=WAIT_MS)
    assert [(u.name, u.role) for u in desk.users(store)] == [("Nadia Haddad",
                                                                  desk.MANAGER)]
    assert desk.organisation(store, "chsd").sites


def test_switching_the_interface_language_translates_ours_and_qt(qtbot, window, demo_store):
    show_start(qtbot, window)
    window.language_actions["fr"].trigger()
    settle(qtbot, window)
    assert window.windowTitle() == "Crisis Desk — Connexion"
    assert [a.text() for a in window.menuBar().actions()][0] == "&Fichier"
    assert window.sign_in_page.sign_in_button.text() == "Connexion"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"
    window.language_actions["nl"].trigger()
    settle(qtbot, window)
    assert window.sign_in_page.sign_in_button.text() == "Aanmelden"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuleren"
    assert DeskSettings().get("interface_language") == "nl"
    window.language_actions["en"].trigger()
    settle(qtbot, window)
    assert window.windowTitle() == "Crisis Desk — Sign in"


# -- files: export and import, the kit ----------------------------------------------------

def test_export_then_import_an_incident_as_toml(qtbot, window, demo_store, tmp_path,
                                                monkeypatch):
    session = signed_in_as(qtbot, window, desk.COMMS)
    with qtbot.waitSignal(window.exported, timeout=WAIT_MS) as exported:
        window.export_to(tmp_path, session.incident_id)
    org_file, incident_file = exported.args
    assert org_file.exists() and incident_file.exists()
    before = {summary.id for summary in desk.incidents(demo_store)}
    original = desk.load_incident(demo_store, session.incident_id)
    # Back where it came from: the stored incident opens, and nothing is duplicated.
    notices = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args, **_kw: notices.append(args[2]))
    window.import_files(org_file, incident_file)
    qtbot.waitUntil(lambda: bool(notices), timeout=WAIT_MS)
    assert "already stored" in notices[0] and "Nothing was imported" in notices[0]
    assert {summary.id for summary in desk.incidents(demo_store)} == before
    assert session.incident_id == original.incident_id
    # Another desk (a fresh database) takes it as it was.
    with open_store(f"sqlite:///{tmp_path / 'laptop.sqlite3'}") as laptop:
        organisation = load_organisation(org_file)
        snapshot = desk.import_incident(laptop, desk.administrator(), organisation,
                                        load_incident(incident_file, organisation.timezone))
        assert snapshot.incident == original.incident


def test_a_profile_that_differs_is_shown_with_its_difference(qtbot, window):
    shown = []

    def read(box) -> None:
        shown.append((box.text(), box.detailedText()))
        box.accept()

    when_dialog_opens(read, qtbot, QMessageBox)
    window.show_error(desk.ProfileDiffers("The profile differs.", "chsd", 1,
                                          '-phone = "1"\n+phone = "2"\n'))
    [(text, details)] = shown
    assert text.startswith("The profile differs.") and "version 2" in text
    assert details == '-phone = "1"\n+phone = "2"\n'


def test_an_export_changed_since_is_imported_only_when_the_officer_accepts(
        qtbot, window, demo_store, tmp_path, monkeypatch):
    session = signed_in_as(qtbot, window, desk.COMMS)
    with qtbot.waitSignal(window.exported, timeout=WAIT_MS) as exported:
        window.export_to(tmp_path, session.incident_id)
    org_file, incident_file = exported.args
    text = incident_file.read_text(encoding="utf-8")
    incident_file.write_text(text.replace("update = 1", "update = 2", 1), encoding="utf-8")
    asked = []

    def answer(*args, **_kwargs):
        asked.append(args[2])
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "warning", answer)
    before = {summary.id for summary in desk.incidents(demo_store)}
    window.import_files(org_file, incident_file)
    assert asked and "changed after it was exported" in asked[0]
    settle(qtbot, window)
    assert {summary.id for summary in desk.incidents(demo_store)} == before


def test_the_kit_is_exported_with_a_progress_dialog(qtbot, window, demo_store, tmp_path):
    from crisis_desk.gui import dialogs

    session = signed_in_as(qtbot, window, desk.COMMS)
    closed = []

    def close_summary(dialog) -> None:
        closed.append(dialog.windowTitle())
        dialog.accept()

    when_dialog_opens(close_summary, qtbot, QMessageBox)
    dialogs.export_kit(window, window.worker, demo_store, session.actor,
                       session.incident_id, tmp_path / "kit")
    qtbot.waitUntil(lambda: bool(closed), timeout=WAIT_MS)
    written = sorted(path.name for path in (tmp_path / "kit").iterdir())
    assert "poster-tubize-fr-nl.pdf" in written and "notice-fr-nl.txt" in written
    assert closed == ["Export the kit"]


def test_the_sign_in_page_opens_ready_to_type_the_pin(qtbot, window, demo_store):
    window.show_start()
    qtbot.waitUntil(lambda: window.page_name == "sign-in"
                    and window.sign_in_page.users.count() > 0, timeout=WAIT_MS)
    window.activateWindow()
    page = window.sign_in_page
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.pin_edit, timeout=WAIT_MS)


# -- the legal clocks (GDPR, NIS2) on the officer's screen --------------------------------

def test_the_officer_sees_each_deadline_and_the_overdue_ones_in_red(qtbot, window,
                                                                   demo_store):
    session = signed_in_as(qtbot, window, desk.COMMS)
    bar = window.officer_view.clocks_bar
    qtbot.waitUntil(lambda: len(bar.labels) == 5, timeout=WAIT_MS)
    assert bar.isVisible()
    texts = [label.text() for label in bar.labels]
    # The demo became aware on 9 March 2026: by the desk's real clock, months ago.
    assert texts[0].startswith("NIS2 early warning to the national CSIRT: due ")
    assert texts[0].endswith("— overdue")
    assert any(t.startswith("GDPR notification to the data protection authority: due ")
               for t in texts)
    # The demo's documents are submitted; the notice has no fixed clock, so it is never late.
    assert texts[-1] == "GDPR notice to the people concerned: without undue delay — submitted"
    overdue = [label for label in bar.labels if label.property("clockState") == "overdue"]
    assert len(overdue) == 4
    assert all("#b3261e" in label.styleSheet() for label in overdue)
    assert "#b3261e" not in bar.labels[-1].styleSheet()
    # An incident that owes no one anything shows no clock.
    demo_id = session.incident_id
    window.create_new_incident("power-outage")
    qtbot.waitUntil(lambda: session.incident_id not in (None, demo_id), timeout=WAIT_MS)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: not window.officer_view.clocks_bar.labels, timeout=WAIT_MS)
    assert not window.officer_view.clocks_bar.isVisible()
