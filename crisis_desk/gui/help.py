"""F1: a short guide for the person's role, and every key the window's menus offer.

The guide's sentences live in the interface catalogs like every other message,
so the help reads in the interface language (French, Dutch, German, English).
The list of keys is read from the menus themselves, so it never goes stale.
"""

from __future__ import annotations

import html

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from crisis_desk.i18n import N_, _

GUIDES: dict[str, tuple[str, tuple[str, ...]]] = {
    "comms": (N_("Communication officer"), (
        N_("Set the status of each service in the grid: arrow keys move, keys 1 to 6 set a "
           "status, Enter opens the list of statuses, F2 the note and details of a cell."),
        N_("Write the free texts side by side, one column per language. Every document on "
           "the right follows as you type."),
        N_("The check lists what is missing or too long; F8 goes to the next problem. "
           "Errors block approval."),
        N_("Save (Ctrl+S), then submit for approval (Ctrl+Enter). Ctrl+U starts the next "
           "update; Ctrl+Z takes back the last edit."),
    )),
    "manager": (N_("Manager"), (
        N_("The list shows what awaits your approval, and whether each document is new or "
           "changed since its approved version."),
        N_("Read the languages side by side, the changes in words, and the document as it "
           "will print."),
        N_("Approve with your PIN (Ctrl+Enter), or send back with a comment. Documents you "
           "have not opened are named before you approve them."),
    )),
    "reception": (N_("Reception"), (
        N_("Choose your site. Approved documents print with their approval line; a draft "
           "prints only with the DRAFT watermark."),
        N_("Ctrl+P prints the first document, F5 reads again what was approved meanwhile."),
    )),
}
NOT_SIGNED_IN = N_("Sign in with your name and PIN. At first start, create the manager's "
                   "account and the organisation profile, or try the demo.")


def help_html(role: str | None, actions: list[QAction]) -> str:
    """The guide for ``role`` (None: not signed in), then the keys of ``actions``."""
    parts = []
    if role in GUIDES:
        title, paragraphs = GUIDES[role]
        parts.append(f"<h2>{html.escape(_(title))}</h2>")
        parts += [f"<p>{html.escape(_(text))}</p>" for text in paragraphs]
    else:
        parts.append(f"<p>{html.escape(_(NOT_SIGNED_IN))}</p>")
    keys = [(action.text().replace("&", ""), action.shortcut().toString())
            for action in actions if not action.shortcut().isEmpty() and action.isEnabled()]
    if keys:
        parts.append(f"<h3>{html.escape(_('Keys'))}</h3><table cellpadding='3'>")
        parts += [f"<tr><td><b>{html.escape(key)}</b></td><td>{html.escape(text)}</td></tr>"
                  for text, key in keys]
        parts.append("</table>")
    return "\n".join(parts)


class HelpDialog(QDialog):
    """The guide and the keys, in the interface language."""

    def __init__(self, role: str | None, actions: list[QAction],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Help"))
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)  # nothing here leaves the app
        self.browser.setHtml(help_html(role, actions))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(close)
        self.resize(620, 520)
