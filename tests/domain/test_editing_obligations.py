"""The edits of the legal obligation items: each returns a new incident, the rest kept."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from crisis_desk.domain import editing as incident_edit

START = datetime(2026, 3, 9, 3, 10, tzinfo=UTC)


def blank():
    return incident_edit.new_incident("chsd", "cyberattack", ("fr", "nl"), START)


def test_awareness_and_the_authorities_language():
    aware = incident_edit.with_detected(blank(), datetime(2026, 3, 9, 4, 45, tzinfo=UTC))
    assert aware.aware_since.hour == 4
    assert incident_edit.with_detected(aware, None).aware_since == START
    assert incident_edit.with_authority_language(aware, "nl").authority_language == "nl"
    assert incident_edit.with_authority_language(aware, "").authority_language is None


def test_texts_in_one_language_and_empty_removes_it():
    incident = incident_edit.with_obligation_text(blank(), "breach.data_categories", "fr",
                                                  "identité")
    incident = incident_edit.with_obligation_text(incident, "nis2.root_cause", "nl", "phishing")
    assert incident.breach.data_categories == {"fr": "identité"}
    assert incident.nis2.root_cause == {"nl": "phishing"}
    cleared = incident_edit.with_obligation_text(incident, "breach.data_categories", "fr", "")
    assert cleared.breach.data_categories == {} and cleared.nis2.root_cause == {"nl": "phishing"}
    with pytest.raises(KeyError):
        incident_edit.with_obligation_text(incident, "facts", "fr", "x")


def test_counts_answers_severity_and_indicators():
    incident = incident_edit.with_breach_count(blank(), "people", 48000)
    incident = incident_edit.with_nis2_answer(incident, "cross_border", False)
    incident = incident_edit.with_severity(incident, "critical")
    incident = incident_edit.with_indicators(incident, " 185.220.101.47 \n\n SHA-256 3f5a\n")
    assert incident.breach.people == 48000 and incident.breach.records is None
    assert incident.nis2.cross_border is False and incident.nis2.malicious is None
    assert incident.nis2.severity == "critical"
    assert incident.nis2.indicators == ("185.220.101.47", "SHA-256 3f5a")
    assert incident_edit.with_breach_count(incident, "people", None).breach.people is None
    with pytest.raises(ValueError):
        incident_edit.with_breach_count(incident, "records", -3)
    with pytest.raises(ValueError):
        incident_edit.with_severity(incident, "grave")
    with pytest.raises(KeyError):
        incident_edit.with_nis2_answer(incident, "severity", True)
