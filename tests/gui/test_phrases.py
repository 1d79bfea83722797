"""The phrasebook in the editor: typing offers phrases, one pick fills every language and
marks the fields; typing in one makes the text free again, visibly; notes get a picker."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QDialogButtonBox  # noqa: E402

from crisis_desk.domain.model import PhrasedText  # noqa: E402
from crisis_desk.files.loading import load_incident, load_organisation  # noqa: E402
from crisis_desk.gui.item_models import EditingState, StatusGridModel  # noqa: E402
from crisis_desk.gui.status_grid import StatusNoteDialog  # noqa: E402
from crisis_desk.gui.texts_panel import TextsPanel  # noqa: E402
from crisis_desk.gui.translation import apply_interface_language  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "data"
ON_PAPER = {
    "fr": "Les résultats sont transmis sur papier, avec retard.",
    "nl": "De resultaten worden op papier bezorgd, met vertraging.",
    "de": "Die Ergebnisse werden mit Verzögerung auf Papier übermittelt.",
    "en": "Results are sent on paper, with a delay.",
}


@pytest.fixture
def state(qtbot):
    apply_interface_language("en")
    org = load_organisation(DATA / "organisation-four-languages.toml")
    incident = load_incident(DATA / "incident-phrases.toml", org.timezone)
    return EditingState(org, incident)


def editor_text(editor) -> str:
    return editor.text() if hasattr(editor, "text") else editor.toPlainText()


def test_one_pick_fills_every_language_and_typing_makes_the_text_free_again(qtbot, state):
    panel = TextsPanel(state)
    qtbot.addWidget(panel)
    panel.resize(1200, 800)
    panel.show()
    french = panel.editors[("unknowns", "fr")]
    french.setFocus()
    french.selectAll()
    qtbot.keyClicks(french, "resultats papier")  # the officer looks for a phrase
    offer = panel.offer
    qtbot.waitUntil(offer.isVisible)
    ids = [offer.item(row).data(Qt.ItemDataRole.UserRole) for row in range(offer.count())]
    assert "results-on-paper" in ids
    item = offer.item(ids.index("results-on-paper"))
    qtbot.mouseClick(offer.viewport(), Qt.MouseButton.LeftButton,
                     pos=offer.visualItemRect(item).center())

    unknowns = state.incident.unknowns
    assert isinstance(unknowns, PhrasedText) and unknowns.phrases == ("results-on-paper",)
    for code, text in ON_PAPER.items():
        editor = panel.editors[("unknowns", code)]
        assert editor_text(editor).replace("\u202f", " ") == text
        assert editor.property("phraseBacked") is True
        assert "results-on-paper" in editor.toolTip()
    assert not offer.isVisible()

    dutch = panel.editors[("unknowns", "nl")]
    dutch.setFocus()
    dutch.moveCursor(dutch.textCursor().MoveOperation.End)
    qtbot.keyClicks(dutch, " Vandaag.")
    free = state.incident.unknowns
    assert not isinstance(free, PhrasedText)
    assert free["nl"] == ON_PAPER["nl"] + " Vandaag." and free["en"] == ON_PAPER["en"]
    assert all(panel.editors[("unknowns", code)].property("phraseBacked") is False
               for code in ON_PAPER)


def test_a_status_cell_gets_its_note_from_the_phrase_picker(qtbot, state):
    dialog = StatusNoteDialog(state, "*", "laboratory")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.note_phrases == ("results-on-paper",)  # as the file says
    box = dialog.phrase_box
    box.setCurrentIndex(box.findData("urgent-analyses-only"))
    box.activated.emit(box.currentIndex())
    assert dialog.note_edits["de"].text() == "Nur dringende Analysen werden durchgeführt."
    assert dialog.note_edits["fr"].property("phraseBacked") is True
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    dialog.apply()
    entry = next(e for e in state.incident.statuses if e.service == "laboratory")
    assert isinstance(entry.note, PhrasedText)
    assert entry.note.phrases == ("urgent-analyses-only",)

    again = StatusNoteDialog(state, "*", "laboratory")
    qtbot.addWidget(again)
    qtbot.keyClicks(again.note_edits["en"], " Today.")
    assert again.note_edits["nl"].property("phraseBacked") is False  # free text, visibly
    again.apply()
    entry = next(e for e in state.incident.statuses if e.service == "laboratory")
    assert not isinstance(entry.note, PhrasedText)
    assert entry.note["en"] == "Only urgent analyses are carried out. Today."


def test_a_relocated_note_phrase_names_the_chosen_destination(qtbot, state):
    dialog = StatusNoteDialog(state, "bastogne", "imaging")
    qtbot.addWidget(dialog)
    assert dialog.note_edits["nl"].text() == \
        "Beeldvormingsonderzoeken vinden plaats in Libramont."
    grid = StatusGridModel(state)  # kept: an index needs its model alive
    tooltip = grid.index_of("bastogne", "imaging").data(Qt.ItemDataRole.ToolTipRole)
    assert "NL: Beeldvormingsonderzoeken vinden plaats in Libramont." in tooltip
    assert "{destination}" not in tooltip
