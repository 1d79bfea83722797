"""Phrased texts once the organisation is known: its own phrases, and the model values
the placeholders stand for, in each language."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from crisis_desk.domain.model import PhrasedText, StatusEntry
from crisis_desk.domain.phrasing import bind_phrases, has_phrases, phrased
from crisis_desk.files.loading import load_incident, load_organisation
from crisis_desk.i18n.typography import NARROW_NBSP

DATA = Path(__file__).resolve().parents[1] / "data"


def four_languages():
    org = load_organisation(DATA / "organisation-four-languages.toml")
    return org, load_incident(DATA / "incident-phrases.toml", org.timezone)


def test_a_relocated_service_note_names_its_destination_in_each_language():
    org, incident = four_languages()
    note = bind_phrases(org, incident).statuses[-2].note
    assert note["fr"] == "Les examens d'imagerie ont lieu à Libramont."
    assert note["en"] == "Imaging examinations take place in Libramont."
    moved = replace(incident.statuses[-2], to="arlon")
    bound = bind_phrases(org, replace(incident, statuses=(moved,)))
    assert bound.statuses[0].note["nl"] == "Beeldvormingsonderzoeken vinden plaats in Aarlen."
    assert bound.statuses[0].note["de"] == "Bildgebende Untersuchungen finden in Arel statt."


def test_the_next_update_and_the_hotline_are_written_as_each_language_writes_them():
    org, incident = four_languages()
    actions = bind_phrases(org, incident).actions
    assert actions["fr"].endswith(f"le mardi 17 mai 2022 à 12{NARROW_NBSP}h.")
    assert actions["nl"].endswith(f"op dinsdag 17 mei 2022 om 12{NARROW_NBSP}uur.")
    assert actions["de"].endswith(f"am Dienstag, 17. Mai 2022 um 12:00{NARROW_NBSP}Uhr.")
    phone = replace(incident, quote=phrased(("call-hotline-number",), {}))
    assert bind_phrases(org, phone).quote["en"] == \
        "Call the information line on +32 63 55 00 99."


def test_the_organisation_phrase_wins_over_the_packaged_one():
    org, incident = four_languages()
    packaged = phrased(("follow-updates",), {})  # as a file reads it, without the organisation
    bound = bind_phrases(org, replace(incident, patient_advice=packaged)).patient_advice
    assert packaged["fr"] == "Suivez les mises à jour sur notre page d'information."
    assert bound["fr"] == "Suivez nos mises à jour sur status.example.org."
    assert bound == packaged  # the same phrases: equal, whatever book filled them
    # A phrase only the organisation has is in no language until the organisation is known.
    assert "fr" not in incident.patient_advice
    assert "Le parking est gratuit" in bind_phrases(org, incident).patient_advice["fr"]


def test_a_language_a_phrase_lacks_is_left_out_and_plain_texts_are_untouched():
    org, incident = four_languages()
    own = replace(org, phrases={**org.phrases, "parking-free": {"fr": "Gratuit."}})
    advice = bind_phrases(own, incident).patient_advice
    assert "fr" in advice and "nl" not in advice
    plain = replace(incident, title={"fr": "T"}, facts={"fr": "F"}, patient_advice={},
                    unknowns={}, actions={}, appointment_exceptions={}, quote={},
                    data_consequences={}, data_measures={},
                    statuses=(StatusEntry("*", "laboratory", "degraded"),))
    assert not has_phrases(plain) and bind_phrases(org, plain) is plain


def test_a_phrased_text_is_a_mapping_that_remembers_its_ids():
    text = phrased(("results-on-paper",), {"fr": "Merci."})
    assert isinstance(text, PhrasedText) and dict(text)["fr"].endswith("avec retard. Merci.")
    assert text != dict(text) and text == phrased(("results-on-paper",), {"fr": "Merci."})
    assert text != phrased(("results-on-paper",), {})
