"""With the interface in French or Dutch, no screen shows English.

The test walks the app as its three roles meet it — first start, sign-in,
officer (with every tab and the checker's list), manager (and the PIN dialog in
both modes), reception — and the dialogs, and reads every text a person sees:
window titles, labels, buttons, group and tab titles, placeholders, tooltips,
menus, combo box entries, table headers and cells. A word is English when it
occurs in our English source phrases (the msgids) but nowhere in that
language's translations nor in the organisation's and incident's own texts
(proper names, ids).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtPdf")

from babel.messages.pofile import read_po  # noqa: E402
from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from crisis_desk import desk  # noqa: E402
from crisis_desk.gui import demo, dialogs  # noqa: E402
from crisis_desk.gui.main_window import MainWindow  # noqa: E402
from crisis_desk.gui.manager import PinDialog  # noqa: E402
from crisis_desk.gui.people_dialog import PeopleDialog  # noqa: E402
from crisis_desk.gui.profile_dialog import ProfileDialog  # noqa: E402
from crisis_desk.gui.settings import DeskSettings  # noqa: E402
from crisis_desk.gui.translation import apply_interface_language  # noqa: E402
from crisis_desk.store.database import open_store  # noqa: E402
from tests.conftest import REPO  # noqa: E402

WAIT_MS = 60000
ACCOUNTS = {a.role: a for a in demo.DEMO_ACCOUNTS}
WORD = re.compile(r"[^\W\d_]{3,}")  # words of three letters or more
# Markup, placeholders, and ids such as document numbers (CHSD-2026-001-poster-tubize).
NOT_WORDS = re.compile(r"<[^>]+>|%\([a-z_]+\)[a-z]|\S*\d\S*-\S*|\S*-\S*\d\S*")


def _words(text: str) -> set[str]:
    return {word.lower() for word in WORD.findall(NOT_WORDS.sub(" ", text))}


def _catalog_words(code: str, source: bool) -> set[str]:
    """Every word of a language's catalogs: the msgids (``source``) or the translations."""
    found: set[str] = set()
    for po_file in sorted((REPO / "translations" / code / "LC_MESSAGES").glob("*.po")):
        with po_file.open("rb") as handle:
            catalog = read_po(handle, locale=code)
        for message in catalog:
            if not message.id:
                continue
            texts = message.id if source else message.string
            for text in texts if isinstance(texts, tuple) else (texts,):
                found |= _words(text or "")
    return found


def _data_words() -> set[str]:
    """The words of the demo organisation and incident: names, ids, free texts."""
    return {word for path in (demo.DEMO_ORGANISATION, demo.DEMO_INCIDENT)
            for word in _words(path.read_text(encoding="utf-8"))}


def english_words(code: str) -> set[str]:
    """Words that, on a ``code`` screen, can only be left-over English."""
    return _catalog_words("en", source=True) - _catalog_words(code, source=False) \
        - _data_words() - {account.name.lower() for account in demo.DEMO_ACCOUNTS}


def _item_texts(view: QAbstractItemView) -> Iterator[str]:
    model = view.model()
    if model is None:
        return
    top = QModelIndex()
    rows = model.rowCount(top)
    # A list model hides columnCount: it has one column.
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(top)
    for orientation, count in ((Qt.Orientation.Horizontal, columns),
                               (Qt.Orientation.Vertical, rows)):
        for section in range(count):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                yield str(model.headerData(section, orientation, role) or "")
    for row in range(min(rows, 60)):
        for column in range(columns):
            index = model.index(row, column)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                yield str(model.data(index, role) or "")


def _menu_texts(menu: QMenu) -> Iterator[str]:
    for action in menu.actions():
        yield action.text()
        yield action.toolTip() if action.toolTip() != action.text().replace("&", "") else ""
        if action.menu() is not None:
            yield from _menu_texts(action.menu())


DOCUMENT_TEXT_CHOICES = {"notePhrase"}


def widget_texts(widget: QWidget) -> Iterator[tuple[str, str]]:
    """(what, text) for every text of a widget a person can see or point at."""
    kind = type(widget).__name__
    if widget.isWindow():
        yield f"{kind} title", widget.windowTitle()
    yield f"{kind} tooltip", widget.toolTip()
    if isinstance(widget, QLabel):
        yield "label", widget.text()
    elif isinstance(widget, QAbstractButton):
        yield "button", widget.text()
    elif isinstance(widget, QGroupBox):
        yield "group", widget.title()
    elif isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
        yield "placeholder", widget.placeholderText()  # their content is the user's
    elif isinstance(widget, QComboBox):
        # The phrasebook's choices are document text, in the incident's languages; only
        # the prompt before them belongs to the interface.
        shown = 1 if widget.objectName() in DOCUMENT_TEXT_CHOICES else widget.count()
        for index in range(shown):
            yield "choice", widget.itemText(index)
    elif isinstance(widget, QTabWidget):
        for index in range(widget.count()):
            yield "tab", widget.tabText(index)
            yield "tab tooltip", widget.tabToolTip(index)
    elif isinstance(widget, QAbstractItemView):
        for text in _item_texts(widget):
            yield "item", text
    elif isinstance(widget, QMenu):
        for text in _menu_texts(widget):
            yield "menu", text


def screen_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """Every visible text of ``root`` and its children, each tab of a tab widget shown."""
    for tabs in root.findChildren(QTabWidget):
        if tabs.isVisible():
            for index in range(tabs.count()):
                tabs.setCurrentIndex(index)
                yield from _visible_texts(tabs.widget(index))
            tabs.setCurrentIndex(0)
    yield from _visible_texts(root)
    if hasattr(root, "menuBar"):
        for action in root.menuBar().actions():
            yield "menu", action.text()
            if action.menu() is not None:
                yield from (("menu", text) for text in _menu_texts(action.menu()))


def _visible_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.isVisible():
            yield from widget_texts(widget)


class Screens:
    """What a walk through the app saw: (screen, what, text) and the English in it."""

    def __init__(self, code: str) -> None:
        self.english = english_words(code)
        self.seen: list[tuple[str, str, str]] = []

    def look(self, screen: str, root: QWidget) -> None:
        self.seen += [(screen, what, text) for what, text in screen_texts(root) if text]

    def leaks(self) -> list[str]:
        return [f"{screen} · {what}: {text!r} ({', '.join(sorted(found))})"
                for screen, what, text in self.seen
                if (found := _words(text) & self.english)]


@pytest.fixture
def store(private_data_dir):
    opened = open_store()
    yield opened
    opened.close()


def settle(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window.worker.busy, timeout=WAIT_MS)


def open_window(qtbot, store, code: str) -> MainWindow:
    apply_interface_language(code)
    window = MainWindow(store, DeskSettings())
    qtbot.addWidget(window)
    window.show()
    settle(qtbot, window)
    return window


def sign_in(qtbot, window, role: str) -> None:
    window.show_start()
    settle(qtbot, window)
    page = window.sign_in_page
    page.choose(ACCOUNTS[role].name)
    qtbot.keyClicks(page.pin_edit, ACCOUNTS[role].pin)
    qtbot.mouseClick(page.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.page_name == role, timeout=WAIT_MS)
    settle(qtbot, window)


def look_at_dialog(qtbot, screens: Screens, name: str, dialog: QWidget,
                   ready=lambda: True) -> None:
    """Show a dialog without its modal loop, read it, close it."""
    dialog.show()
    qtbot.waitUntil(ready, timeout=WAIT_MS)
    screens.look(name, dialog)
    dialog.close()


def walk(qtbot, store, code: str) -> Screens:
    screens = Screens(code)
    window = open_window(qtbot, store, code)
    try:
        screens.look("first start", window)
        demo.load_demo(store)
        window.show_start()
        settle(qtbot, window)
        screens.look("sign-in", window)

        sign_in(qtbot, window, desk.COMMS)
        screens.look("officer", window)
        session = window.session
        state = window.officer_view.session.state
        look_at_dialog(qtbot, screens, "open an incident",
                       dialogs.OpenIncidentDialog(desk.incidents(store), window))
        look_at_dialog(qtbot, screens, "versions", dialogs.VersionsDialog(
            store, window.worker, session.incident_id, window),
            lambda: not window.worker.busy)
        look_at_dialog(qtbot, screens, "organisation profile",
                       ProfileDialog(state.organisation, window))
        from crisis_desk.gui.status_grid import StatusNoteDialog

        site, service = state.organisation.sites[0].id, state.organisation.services[0].id
        look_at_dialog(qtbot, screens, "status details",
                       StatusNoteDialog(state, site, service, window))
        window.sign_out()
        settle(qtbot, window)

        sign_in(qtbot, window, desk.MANAGER)
        screens.look("manager", window)
        look_at_dialog(qtbot, screens, "approve", PinDialog("—", "—", parent=window))
        look_at_dialog(qtbot, screens, "send back",
                       PinDialog("—", "—", comment=True, parent=window))
        look_at_dialog(qtbot, screens, "people and roles", PeopleDialog(
            store, window.worker, window.session.actor, window),
            lambda: not window.worker.busy)
        window.sign_out()
        settle(qtbot, window)

        sign_in(qtbot, window, desk.RECEPTION)
        screens.look("reception", window)
    finally:
        window.close()
        apply_interface_language("en")
    return screens


@pytest.mark.parametrize("code", ["fr", "nl"])
def test_no_screen_shows_english(qtbot, store, code):
    screens = walk(qtbot, store, code)
    assert len(screens.seen) > 200  # the walk really saw the screens
    leaks = screens.leaks()
    assert leaks == [], "\n".join(leaks)


def test_the_walk_would_see_english(qtbot, store):
    """The same walk with the interface in English finds English everywhere."""
    screens = walk(qtbot, store, "en")
    english = english_words("fr")
    found = {screen for screen, _what, text in screens.seen if _words(text) & english}
    assert {"first start", "sign-in", "officer", "manager", "reception", "approve",
            "send back", "people and roles", "organisation profile"} <= found


def qt_dialog_texts(qtbot, folder, code: str) -> set[str]:
    """What Qt's own dialogs the app opens show: a file dialog (Qt's, as on a desk
    without a native one) and a question with standard buttons."""
    apply_interface_language(code)
    try:
        files = QFileDialog(None, "—", str(folder))
        files.setOption(QFileDialog.Option.DontUseNativeDialog)
        files.setNameFilter("TOML (*.toml)")
        question = QMessageBox(QMessageBox.Icon.Question, "—", "—",
                               QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
                               | QMessageBox.StandardButton.Cancel)
        found: set[str] = set()
        for dialog in (files, question):
            qtbot.addWidget(dialog)
            dialog.show()
            found |= {text for _what, text in screen_texts(dialog) if _words(text)}
            dialog.close()
        return found
    finally:
        apply_interface_language("en")


# The same in English and in that language: a column "Type", a "Computer".
SAME_IN = {"fr": {"Type"}, "nl": {"Type", "Computer"}}


@pytest.mark.parametrize("code", ["fr", "nl"])
def test_qt_dialogs_speak_the_interface_language(qtbot, tmp_path, code):
    english = qt_dialog_texts(qtbot, tmp_path, "en")
    assert {"&Look in:", "File &name:", "Files of &type:", "Drive", "&Yes"} <= english
    places = (*tmp_path.parts, *Path.home().parts)  # folders are names, not phrases
    names = {"TOML (*.toml)", *places, *(f"/{part}" for part in places)}
    left = qt_dialog_texts(qtbot, tmp_path, code) & english - names - SAME_IN[code]
    assert left == set()
