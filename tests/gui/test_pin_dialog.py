"""The manager's dialog: a PIN to approve, a comment to send back; typing lands where it shows."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtPdf")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit  # noqa: E402

from crisis_desk.gui.manager import PinDialog  # noqa: E402


def _ok(dialog: PinDialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_sending_back_types_into_the_comment_and_needs_one(qtbot):
    dialog = PinDialog("Send back", "Send 1 document back.", comment=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.pin_edit is None
    assert not [edit for edit in dialog.findChildren(QLineEdit)
                if edit.echoMode() == QLineEdit.EchoMode.Password]
    assert not _ok(dialog).isEnabled()  # no reason yet
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.comment_edit)
    qtbot.keyClicks(QApplication.focusWidget(), "Wrong phone number on the poster")
    assert dialog.comment == "Wrong phone number on the poster"
    assert _ok(dialog).isEnabled()
    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    assert dialog.result() == PinDialog.DialogCode.Accepted


def test_approving_types_into_the_pin_field(qtbot):
    dialog = PinDialog("Approve", "Approve 2 documents?")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.comment_edit is None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.pin_edit)
    qtbot.keyClicks(QApplication.focusWidget(), "246810")
    assert dialog.pin == "246810" and dialog.comment == ""
    assert dialog.pin_edit.echoMode() == QLineEdit.EchoMode.Password
    assert _ok(dialog).isEnabled()
