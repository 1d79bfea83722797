"""The phrasebook in the editor: phrases offered while typing, and a picker for notes.

Typing in any language's field offers the phrases whose words (in any language)
match what is typed; picking one writes it in every language at once. A field
written with phrases is tinted and says so in its tooltip; typing in it makes it
free text again, and the tint goes, so the officer sees which texts are their own.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QListWidget, QListWidgetItem, QWidget

from crisis_desk.domain.model import Localised, Organisation, PhrasedText
from crisis_desk.domain.phrasing import phrasebook_for
from crisis_desk.i18n import _

PHRASE_ROLE = Qt.ItemDataRole.UserRole
PHRASE_TINT = "background-color: #e8f3ea;"  # pale green: written from the phrasebook
MIN_SEARCH = 3  # characters typed before phrases are offered
MAX_WORDS = 4  # the last words typed are what the officer is looking for
OFFERED = 8


def is_phrase_backed(texts: Localised) -> bool:
    """Whether a text is written with phrases (and so the same in every language)."""
    return isinstance(texts, PhrasedText) and bool(texts.phrases)


def phrase_tooltip(phrases: tuple[str, ...]) -> str:
    """What a phrase-backed field says when hovered: which phrases, and how to leave them."""
    if not phrases:
        return ""
    return _("From the phrasebook (%(ids)s), in every language. Typing here makes this "
             "text your own.") % {"ids": ", ".join(phrases)}


def search_words(typed: str) -> str:
    """The words to look phrases up with: the last few typed, once there are enough."""
    words = typed.split()[-MAX_WORDS:]
    return " ".join(words) if len("".join(words)) >= MIN_SEARCH else ""


def phrase_label(org: Organisation, phrase_id: str, languages: Iterable[str]) -> str:
    """A phrase shown in a list: its text in the first language it has (its id, which
    people preparing a phrasebook look for, is the item's tooltip)."""
    book = phrasebook_for(org)
    return next((t for code in languages if (t := book.text(phrase_id, code))), phrase_id)


class PhraseOffer(QListWidget):
    """The phrases matching what is being typed in one field; activating one picks it."""

    picked = Signal(str, str)  # field name, phrase id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("phraseOffer")
        self.field_name = ""
        self.setToolTip(_("Phrases from the phrasebook: pick one to write it in every "
                          "language at once."))
        self.setMaximumHeight(120)
        self.itemActivated.connect(self._activated)
        self.itemClicked.connect(self._activated)
        self.hide()

    def offer(self, org: Organisation, field_name: str, code: str, typed: str) -> list[str]:
        """Show the phrases matching the last words ``typed`` in ``field_name``."""
        self.clear()
        self.field_name = field_name
        words = search_words(typed)
        found = phrasebook_for(org).search(words, limit=OFFERED) if words else []
        for phrase_id in found:
            item = QListWidgetItem(phrase_label(org, phrase_id, (code,)), self)
            item.setData(PHRASE_ROLE, phrase_id)
            item.setToolTip(phrase_id)
        self.setVisible(bool(found))
        return found

    def _activated(self, item: QListWidgetItem) -> None:
        self.picked.emit(self.field_name, item.data(PHRASE_ROLE))
        self.clear()
        self.hide()


class NotePhraseBox(QComboBox):
    """Every phrase of the phrasebook, to write a status note in every language at once."""

    def __init__(self, org: Organisation, languages: Iterable[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notePhrase")
        codes = tuple(languages)
        self.addItem(_("Choose a phrase for the note…"), None)
        for phrase_id in phrasebook_for(org).ids():
            self.addItem(phrase_label(org, phrase_id, codes), phrase_id)
            self.setItemData(self.count() - 1, phrase_id, Qt.ItemDataRole.ToolTipRole)
        self.setToolTip(_("A phrase from the phrasebook fills the note in every language."))
