"""Phrases in incident files, and an organisation's own phrasebook beside its profile:
read strictly, and written back with their ids (never flattened into text)."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from crisis_desk.domain.model import PhrasedText
from crisis_desk.files.loading import load_incident, load_organisation, phrasebook_path
from crisis_desk.files.writing import (
    incident_from_toml,
    incident_to_toml,
    organisation_from_toml,
    organisation_to_toml,
)
from crisis_desk.support.errors import InputError

DATA = Path(__file__).resolve().parents[1] / "data"
FOUR = DATA / "organisation-four-languages.toml"
PHRASED = DATA / "incident-phrases.toml"
HEAD = """kind = "cyberattack"
started = 2022-05-14T01:30:00+02:00
issued = 2022-05-16T10:00:00+02:00
facts = { fr = "F", nl = "N" }
"""


def incident_file(tmp_path, text: str) -> Path:
    path = tmp_path / "incident.toml"
    path.write_text(HEAD + text, encoding="utf-8")
    return path


def test_a_phrase_a_list_of_phrases_or_phrases_then_typed_text(tmp_path):
    incident = load_incident(incident_file(tmp_path, """
[patient_advice]
phrases = ["bring-identity-card", "no-bank-details"]
fr = "Merci."
nl = "Dank u."

[[status]]
service = "laboratory"
status = "degraded"
note = { phrase = "results-on-paper" }
"""))
    advice = incident.patient_advice
    assert isinstance(advice, PhrasedText)
    assert advice.phrases == ("bring-identity-card", "no-bank-details")
    assert advice["fr"] == ("Apportez votre carte d'identité. Nous ne vous demanderons jamais "
                            "vos données bancaires par téléphone ou par e-mail. Merci.")
    assert advice["de"].startswith("Bringen Sie Ihren Personalausweis mit.")
    assert incident.statuses[0].note["en"] == "Results are sent on paper, with a delay."
    assert incident.facts == {"fr": "F", "nl": "N"}  # plain texts stay plain


@pytest.mark.parametrize(("text", "message"), [
    ('quote = { phrase = "a", phrases = ["b"] }', "not both"),
    ('quote = { phrases = [] }', "list of phrase ids"),
    ('quote = { phrases = "bring-identity-card" }', "list of phrase ids"),
    ('quote = { phrase = "Bring ID" }', "is not a phrase id"),
    ('quote = { phrase = "bring-identity-card", fr = 3 }', "must be in quotes"),
])
def test_malformed_phrases_name_the_field(tmp_path, text, message):
    with pytest.raises(InputError) as raised:
        load_incident(incident_file(tmp_path, text + "\n"))
    assert message in str(raised.value) and "quote" in str(raised.value)


def test_saving_keeps_the_phrase_ids_and_only_the_typed_text(tmp_path):
    incident = load_incident(incident_file(tmp_path, """
quote = { phrases = ["quote-safety-first"], fr = "Merci." }
[[status]]
service = "laboratory"
status = "degraded"
note = { phrase = "results-on-paper" }
"""))
    text = incident_to_toml(incident)
    written = tomllib.loads(text)
    assert written["quote"] == {"phrase": "quote-safety-first", "fr": "Merci."}
    assert written["status"][0]["note"] == {"phrase": "results-on-paper"}
    assert "La sécurité" not in text and "Results are sent" not in text
    again = incident_from_toml(text)
    assert again == incident
    assert again.quote.typed == {"fr": "Merci."}
    assert incident_to_toml(again) == text  # canonical: the same text again


def test_the_four_language_example_round_trips_with_its_phrases():
    org = load_organisation(FOUR)
    incident = load_incident(PHRASED, org.timezone)
    again = incident_from_toml(incident_to_toml(incident), org.timezone)
    assert again == incident
    assert again.statuses[-2].note.phrases == ("imaging-at-destination",)


def test_the_organisation_phrasebook_beside_the_profile_is_read(tmp_path):
    org = load_organisation(FOUR)
    assert phrasebook_path(FOUR).name == "organisation-four-languages.phrases.toml"
    assert org.phrases["parking-free"]["nl"].startswith("Parkeren is gratis")
    assert set(org.phrases["follow-updates"]) == {"fr", "nl", "de", "en"}
    # Stored with the profile (the database keeps the canonical TOML), and read back.
    again = organisation_from_toml(organisation_to_toml(org))
    assert again.phrases == org.phrases
    # Without the file beside it, the profile has no phrases of its own.
    alone = tmp_path / "organisation.toml"
    shutil.copyfile(FOUR, alone)
    assert load_organisation(alone).phrases == {}


@pytest.mark.parametrize(("text", "message"), [
    ('[phrases.parking]\nfr = "Gratuit."\nxx = "?"\n', "'xx' is not a language code"),
    ('[phrases.parking]\nfr = "À {place}."\n', "placeholder {place} is not known"),
    ('[phrases.Parking]\nfr = "Gratuit."\n', "is not a phrase id"),
    ('[phrase.parking]\nfr = "Gratuit."\n', "unknown key 'phrase'"),
])
def test_a_malformed_organisation_phrasebook_is_refused(tmp_path, text, message):
    profile = tmp_path / "organisation.toml"
    shutil.copyfile(FOUR, profile)
    (tmp_path / "organisation.phrases.toml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_organisation(profile)
    assert message in str(raised.value)
    assert "organisation.phrases.toml" in str(raised.value)
