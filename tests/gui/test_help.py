"""F1 opens the guide for the person's role, with the keys of the menus, in the
interface language."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtPdf")

from PySide6.QtCore import Qt  # noqa: E402

from crisis_desk import desk  # noqa: E402
from crisis_desk.gui.help import HelpDialog  # noqa: E402
from crisis_desk.gui.translation import apply_interface_language  # noqa: E402
from tests.gui import test_roles as roles  # noqa: E402
from tests.gui.test_keyboard import back_to, press  # noqa: E402
from tests.gui.test_roles import signed_in_as, when_dialog_opens  # noqa: E402

store, demo_store, window = roles.store, roles.demo_store, roles.window


def read_help(qtbot, window) -> str:
    """Press F1, read the guide, close it."""
    shown = []

    def read(dialog: HelpDialog) -> None:
        shown.append(dialog.browser.toPlainText())
        dialog.reject()

    when_dialog_opens(read, qtbot, HelpDialog)
    press(Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: bool(shown), timeout=60000)
    return shown[0]


def test_f1_shows_the_officers_guide_and_keys(qtbot, window, demo_store):
    signed_in_as(qtbot, window, desk.COMMS)
    back_to(qtbot, window)
    guide = read_help(qtbot, window)
    assert "Communication officer" in guide and "F2" in guide
    assert "Ctrl+S" in guide and "Ctrl+1" in guide  # the keys, from the menus


def test_the_guide_follows_the_interface_language(qtbot):
    apply_interface_language("nl")
    try:
        dialog = HelpDialog(desk.MANAGER, [])
        qtbot.addWidget(dialog)
        guide = dialog.browser.toPlainText()
    finally:
        apply_interface_language("en")
    assert guide.startswith("Leidinggevende")
    assert "Keur goed met uw pincode" in guide
