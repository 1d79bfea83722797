"""The documents for professionals and the easy notice, read back from their PDFs and texts.

The dispatch sheet, the letter to physicians, the note for receiving hospitals,
the staff briefing and the easy-read notice are made from the same model as the
public documents, in the incident's languages, as text and PDF.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from crisis_desk.documents import PlannedDocument, kind, plan, render_planned
from crisis_desk.domain.model import Partner, StatusEntry
from crisis_desk.i18n import gettext
from crisis_desk.rendering.context import MISSING
from tests.pdf_tools import A4, page_sizes, pages_text, same_size

PROFESSIONAL = ("dispatch", "physicians", "partner-note", "staff-briefing")
LIEGE = Partner("chu-liege", {"fr": "CHU de Liège", "nl": "UZ Luik"},
                {"fr": "Liège", "nl": "Luik"}, "Avenue de l'Hôpital 1, 4000 Liège",
                "+32 4 366 71 11")


@pytest.fixture
def diverted(example):
    """The shared example with Bastogne's emergency department closed (ambulances to a
    partner hospital) and Marche's diverting ambulances to Libramont."""
    org, incident = example
    org = replace(org, partners=(LIEGE,), physicians_contact="+32 63 55 00 50")
    entries = (
        StatusEntry("bastogne", "emergency", "closed", ambulances_to="chu-liege"),
        StatusEntry("marche", "emergency", "limited", ambulances="diverted",
                    ambulances_to="libramont"),
    )
    return org, replace(incident, statuses=incident.statuses + entries)


def text(org, incident, kind_id: str, languages=("fr", "nl")) -> str:
    doc = PlannedDocument(kind_id, "txt", None, languages)
    return render_planned(doc, org, incident).decode("utf-8")


def pdf(org, incident, kind_id: str, languages=("fr", "nl")) -> bytes:
    return render_planned(PlannedDocument(kind_id, "pdf", None, languages), org, incident)


def test_each_kind_is_made_as_text_and_pdf_in_the_incidents_languages(example):
    org, incident = example
    for kind_id in (*PROFESSIONAL, "easy-notice"):
        assert set(kind(kind_id).formats) == {"pdf", "txt"}
    names = {doc.filename for doc in plan(org, incident, [*PROFESSIONAL, "easy-notice"])}
    assert {"dispatch-fr-nl.pdf", "physicians-fr-nl.txt", "partner-note-fr-nl.pdf",
            "staff-briefing-fr-nl.pdf", "easy-notice-fr.pdf", "easy-notice-nl.pdf"} <= names


def test_the_dispatch_sheet_says_per_site_whether_ambulances_are_accepted(example):
    org, incident = example
    sheet = text(org, incident, "dispatch")
    for name in ("Hôpital d'Arlon", "Hôpital de Bastogne", "Hôpital de Libramont",
                 "Hôpital de Marche"):
        assert f"{name}\u202f: ambulances acceptées" in sheet
    for name in ("Ziekenhuis Aarlen", "Ziekenhuis Bastenaken", "Ziekenhuis Marche"):
        assert f"{name}: ambulances aanvaard" in sheet
    assert "Numéro direct\u202f: +32 61 24 00 00" in sheet  # Bastogne's direct number


def test_the_dispatch_sheet_names_where_diverted_ambulances_go(diverted):
    org, incident = diverted
    sheet = text(org, incident, "dispatch", ("fr",))
    bastogne = sheet[sheet.index("\nHôpital de Bastogne\n"):]
    assert "Urgences non ouvertes\u202f: Fermeture temporaire" in bastogne
    assert "Ambulances\u202f: déviées vers CHU de Liège" in bastogne
    assert "Avenue de l'Hôpital 1, 4000 Liège, tél. +32 4 366 71 11" in bastogne
    assert "Hôpital de Marche\u202f: ambulances déviées vers Hôpital de Libramont" in sheet
    assert "Hôpital d'Arlon\u202f: ambulances acceptées" in sheet
    assert "+32 63 55 00 50" in sheet  # the direct line


def test_the_dispatch_sheet_is_one_a4_page_per_language(diverted):
    org, incident = diverted
    data = pdf(org, incident, "dispatch")
    sizes = page_sizes(data)
    assert len(sizes) == 2 and all(same_size(size, A4) for size in sizes)
    french, dutch = pages_text(data)
    assert "ambulances déviées vers CHU de Liège" in french
    assert "ambulances omgeleid naar UZ Luik" in dutch


def test_the_letter_to_physicians_says_what_to_send_where(diverted):
    org, incident = diverted
    letter = text(org, incident, "physicians", ("fr",))
    assert letter.index("Chère consœur, cher confrère,") < letter.index("Laboratoire et imagerie")
    assert "Les rendez-vous programmés sont reportés" in letter
    assert "Imagerie médicale, Hôpital de Bastogne\u202f: désormais à Hôpital de Libramont." \
        in letter
    assert "Ligne directe pour les médecins\u202f: +32 63 55 00 50" in letter
    assert "lettre de référence sur papier" in letter  # the computers are down
    assert "Les résultats sont transmis sur papier, avec retard." in letter  # the lab's note
    data = pdf(org, incident, "physicians", ("fr",))
    assert all(same_size(size, A4) for size in page_sizes(data))
    assert "Ligne directe pour les médecins : +32 63 55 00 50" in " ".join(pages_text(data))


def test_a_partner_note_for_each_hospital_that_receives_something(diverted):
    org, incident = diverted
    note = text(org, incident, "partner-note", ("fr",))
    # Libramont takes Bastogne's imaging and Marche's ambulances; Liège Bastogne's ones.
    assert note.count("Note à un hôpital qui accueille nos patients") == 2
    libramont = note[note.index("À l'attention de Hôpital de Libramont"):
                     note.index("À l'attention de CHU de Liège")]
    assert "Imagerie médicale | Hôpital de Bastogne" in libramont
    assert "Patients amenés en ambulance | Hôpital de Marche" in libramont
    liege = note[note.index("À l'attention de CHU de Liège"):]
    assert "Patients amenés en ambulance | Hôpital de Bastogne" in liege
    assert "Hôpital de Bastogne\u202f: +32 61 24 00 00" in liege
    assert "Marche" not in liege
    pages = pages_text(pdf(org, incident, "partner-note", ("fr",)))
    assert len(pages) == 2  # one page per receiving hospital
    assert "Hôpital de Libramont" in pages[0] and "CHU de Liège" in pages[1]


def test_without_any_transfer_the_partner_note_says_so(calm_example):
    org, incident = calm_example
    note = text(org, incident, "partner-note", ("nl",))
    assert "Momenteel wordt geen dienst of ambulance naar een ander ziekenhuis" in note


def test_the_staff_briefing_gives_instructions_paper_procedures_and_warnings(example):
    org, incident = example
    incident = replace(incident, staff_instructions={
        "fr": "Passez au bureau de crise avant votre service.",
        "nl": "Kom langs bij de crisiscel voor uw dienst."})
    briefing = text(org, incident, "staff-briefing")
    for expected in ("Passez au bureau de crise avant votre service.", "Procédures papier",
                     "Attention aux escroqueries", "Vos propres données",
                     "Kom langs bij de crisiscel voor uw dienst.", "Pas op voor oplichting",
                     "Uw eigen gegevens", "Élodie Maréchal"):
        assert expected in briefing
    default = text(org, replace(incident, staff_instructions={}), "staff-briefing", ("fr",))
    assert "Suivez les consignes de votre chef de service" in default
    calm = text(org, replace(incident, patient_data_at_risk=False), "staff-briefing", ("fr",))
    assert "Vos propres données" not in calm
    assert "Vos propres données" in " ".join(pages_text(pdf(org, incident, "staff-briefing")))


def test_staff_instructions_missing_in_one_language_are_marked(example):
    org, incident = example
    incident = replace(incident, staff_instructions={"fr": "Passez au bureau de crise."})
    marker = gettext("nl", MISSING) % {"language": "Nederlands"}
    briefing = text(org, incident, "staff-briefing", ("nl",))
    assert briefing.index("Wat u moet doen") < briefing.index(marker)
