"""The checker and phrases: a phrase counts in every language the phrasebook has it in;
otherwise the problem names the phrase and the language, and an unknown id the field."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from crisis_desk.checking import ERROR, check
from crisis_desk.domain.model import StatusEntry
from crisis_desk.domain.phrasing import phrased
from crisis_desk.files.loading import load_incident, load_organisation

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def phrased_example():
    org = load_organisation(DATA / "organisation-four-languages.toml")
    return org, load_incident(DATA / "incident-phrases.toml", org.timezone)


def errors(org, incident):
    return [p for p in check(org, incident, render_checks=False) if p.severity == ERROR]


def test_phrases_count_as_text_in_every_language(phrased_example):
    assert errors(*phrased_example) == []


def test_an_unknown_phrase_is_an_error_naming_the_field_and_the_id(phrased_example):
    org, incident = phrased_example
    found = errors(org, replace(incident, quote=phrased(("quote-safty-first",), {})))
    assert [(p.field, p.language) for p in found] == [("quote", None)]
    assert "unknown phrase 'quote-safty-first'" in found[0].message


def test_a_phrase_missing_in_a_language_names_the_phrase_and_the_language(phrased_example):
    org, incident = phrased_example
    own = replace(org, phrases={**org.phrases,
                                "parking-free": {"fr": "Gratuit.", "nl": "Gratis."}})
    found = errors(own, incident)
    assert [(p.field, p.language) for p in found] == [("patient_advice", "de"),
                                                       ("patient_advice", "en")]
    assert all("the phrase 'parking-free' has no text" in p.message for p in found)
    # Only the incident's languages count.
    assert errors(own, replace(incident, languages=("fr", "nl"))) == []


def test_typed_text_after_phrases_is_needed_in_every_language_once_given(phrased_example):
    org, incident = phrased_example
    advice = phrased(("bring-identity-card",), {"fr": "Merci.", "nl": "Dank u."})
    found = errors(org, replace(incident, patient_advice=advice))
    assert [(p.field, p.language) for p in found] == [("patient_advice", "de"),
                                                       ("patient_advice", "en")]
    assert all("missing in this language" in p.message for p in found)


def test_a_placeholder_needs_the_model_value_it_stands_for(phrased_example):
    org, incident = phrased_example
    unmoved = StatusEntry("*", "laboratory", "degraded",
                          phrased(("samples-at-destination",), {}))
    found = errors(org, replace(incident, statuses=(unmoved,), next_update=None))
    assert sorted((p.field, p.message) for p in found) == [
        ("actions", "the phrase 'next-update-planned' needs 'next_update'"),
        ("status[1].note", "the phrase 'samples-at-destination' needs a relocated service's "
                           "'to' (use it in that service's note)")]
