"""The free texts of the incident, one column per language, side by side.

Each text is typed or taken from the phrasebook; a missing language shows
at once, and the checker's problems lead back to the field they name.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QWidget,
)

from crisis_desk.domain import editing as incident_edit
from crisis_desk.domain.model import (
    Incident,
    PhrasedText,
)
from crisis_desk.domain.phrasing import bind_phrases
from crisis_desk.domain.problems import Problem
from crisis_desk.i18n import N_, _

from .item_models import EditingState
from .layout import language_grid
from .phrases import (
    PHRASE_TINT,
    PhraseOffer,
    is_phrase_backed,
    phrase_tooltip,
)
from .undo import leave_undo_to_the_window

TEXT_LABELS = {
    "title": (N_("Title"), N_("Headline of every document; the kind's wording is used "
                              "when it is empty.")),
    "facts": (N_("What happened"), N_("The confirmed facts, in a few sentences.")),
    "patient_advice": (N_("Advice to patients"), N_("What patients and visitors should do.")),
    "unknowns": (N_("What is not yet known"), N_("Optional: replaces the kind's standard "
                                                 "wording.")),
    "actions": (N_("What is being done"), N_("Optional: replaces the kind's standard "
                                             "wording.")),
    "appointment_exceptions": (
        N_("Exceptions to the appointment rule"),
        N_("Optional: who does otherwise than the rule, e.g. “Women 36 weeks pregnant or "
           "more come as planned.”")),
    "quote": (N_("Spokesperson's quote"),
              N_("Optional: the spokesperson's words, quoted in the press statement.")),
    "data_consequences": (
        N_("Consequences for patient data"),
        N_("Only used when patient data may be at risk: what may have happened to the "
           "data; replaces the kind's standard wording.")),
    "data_measures": (
        N_("Measures for patient data"),
        N_("Only used when patient data may be at risk: what is done to protect the data "
           "and what patients should watch for; replaces the kind's standard wording.")),
    "staff_instructions": (
        N_("Instructions for staff"),
        N_("Optional: what staff must do now; printed in the staff briefing.")),
}
SHORT_TEXTS = ("title",)  # one line; the others may take a few sentences
TALL_TEXTS = ("facts", "patient_advice")


class TextsPanel(QScrollArea):
    """The free texts, one column per language of the incident, side by side."""

    def __init__(self, state: EditingState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.editors: dict[tuple[str, str], QLineEdit | QPlainTextEdit] = {}
        self.flagged: set[tuple[str, str | None]] = set()  # what the checker says is missing
        self.offer = PhraseOffer(self)
        self.offer.picked.connect(self.pick)
        self.rebuild()
        state.languages_changed.connect(self.rebuild)
        state.changed.connect(self.refresh)

    def rebuild(self) -> None:
        self.editors.clear()
        inner = QWidget(self)
        self.offer.setParent(inner)  # floats under the field being typed in
        self.offer.hide()
        grid, editors = language_grid(inner, self.state.incident.languages,
                                      TEXT_LABELS.items(), self._editor)
        inner.setLayout(grid)
        self.editors.update(editors)
        grid.setRowStretch(len(TEXT_LABELS) + 1, 1)
        self.setWidget(inner)
        self._restyle()

    def _editor(self, field_name: str, code: str,
                parent: QWidget) -> QLineEdit | QPlainTextEdit:
        text = getattr(self._shown(), field_name).get(code, "")
        editor: QLineEdit | QPlainTextEdit
        if field_name in SHORT_TEXTS:
            editor = line = QLineEdit(text, parent)
            line.textEdited.connect(lambda value, f=field_name, c=code: self._write(f, c, value))
        else:
            editor = box = QPlainTextEdit(text, parent)
            box.setTabChangesFocus(True)
            box.setUndoRedoEnabled(False)  # the window's undo covers every field at once
            box.setFixedHeight(78 if field_name in TALL_TEXTS else 56)
            box.textChanged.connect(
                lambda f=field_name, c=code, e=box: self._write(f, c, e.toPlainText()))
        editor.setObjectName(f"text-{field_name}-{code}")
        leave_undo_to_the_window(editor)
        return editor

    def _shown(self) -> Incident:
        """The incident as the documents word it: phrases in the organisation's words."""
        return bind_phrases(self.state.organisation, self.state.incident)

    def _write(self, field_name: str, code: str, text: str) -> None:
        # Typing in a phrase-backed field makes it free text, with the words it showed.
        self.state.update(incident_edit.with_text(self._shown(), field_name, code, text),
                          merge_key=(field_name, code))
        self.offer_phrases(field_name, code, text)

    def offer_phrases(self, field_name: str, code: str, text: str) -> list[str]:
        """Offer, under the field, the phrases matching the last words typed in it."""
        found = self.offer.offer(self.state.organisation, field_name, code, text)
        editor = self.editors.get((field_name, code))
        if found and editor is not None:
            below = editor.geometry().bottomLeft()
            self.offer.setGeometry(below.x(), below.y() + 2, max(editor.width(), 320),
                                   self.offer.maximumHeight())
            self.offer.raise_()
        return found

    def pick(self, field_name: str, phrase_id: str) -> None:
        """Write a phrase in every language of a free text at once."""
        self.state.update(incident_edit.with_phrase(self.state.incident, field_name,
                                                    phrase_id))

    def refresh(self) -> None:
        shown = self._shown()
        for (field_name, code), editor in self.editors.items():
            text = getattr(shown, field_name).get(code, "")
            current = editor.text() if isinstance(editor, QLineEdit) else editor.toPlainText()
            if current != text:
                editor.blockSignals(True)
                if isinstance(editor, QLineEdit):
                    editor.setText(text)
                else:
                    editor.setPlainText(text)
                editor.blockSignals(False)
        self._restyle()

    def mark_missing(self, problems: list[Problem]) -> None:
        """Outline in red the fields the checker says are missing."""
        self.flagged = {(p.field, p.language) for p in problems if p.severity == "error"}
        self._restyle()

    def _restyle(self) -> None:
        """Red for what is missing; tinted, with a tooltip saying so, for phrase-backed texts."""
        for (field_name, code), editor in self.editors.items():
            texts = getattr(self.state.incident, field_name)
            backed = is_phrase_backed(texts)
            editor.setProperty("phraseBacked", backed)
            style = PHRASE_TINT if backed else ""
            if (field_name, code) in self.flagged:
                style += "border: 2px solid #b3261e;"
            editor.setStyleSheet(style)
            editor.setToolTip(phrase_tooltip(texts.phrases) if isinstance(texts, PhrasedText)
                              and backed else _(TEXT_LABELS[field_name][1]))

    def focus_field(self, field_name: str, code: str | None) -> bool:
        candidates = [e for (f, c), e in self.editors.items()
                      if f == field_name and (code is None or c == code)]
        if not candidates:
            return False
        self.ensureWidgetVisible(candidates[0])
        candidates[0].setFocus(Qt.FocusReason.OtherFocusReason)
        return True
