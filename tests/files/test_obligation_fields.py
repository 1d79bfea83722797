"""The obligation fields of an incident: read strictly, written back, stored unchanged."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from crisis_desk.domain.model import DataBreach, Nis2Details
from crisis_desk.files import writing as serialise
from crisis_desk.files.loading import load_incident
from crisis_desk.support.errors import InputError

EXTRA = '''
detected = 2022-05-14T03:05:00+02:00
authority_language = "nl"

[breach]
people = 0
records = 1240000
data_categories = { fr = "dossiers médicaux", nl = "medische dossiers" }

[nis2]
malicious = false
cross_border = false
severity = "critical"
indicators = ["185.220.101.47", "evil.example"]
root_cause = { fr = "Hameçonnage.", nl = "Phishing." }
'''


def _with(examples_dir, tmp_path, extra: str):
    path = tmp_path / "incident.toml"
    source = (examples_dir / "incident-cyberattack.toml").read_text(encoding="utf-8")
    head, tables = source.split("\n[title]", 1)
    path.write_text(head + extra + "\n[title]" + tables, encoding="utf-8")
    return path


def test_the_obligation_fields_are_read(examples_dir, tmp_path):
    incident = load_incident(_with(examples_dir, tmp_path, EXTRA))
    assert incident.aware_since == incident.started + timedelta(hours=1, minutes=35)
    assert incident.authority_language == "nl"
    assert incident.breach == DataBreach(data_categories={"fr": "dossiers médicaux",
                                                          "nl": "medische dossiers"},
                                         people=0, records=1240000)
    assert incident.nis2 == Nis2Details(malicious=False, cross_border=False,
                                        severity="critical",
                                        indicators=("185.220.101.47", "evil.example"),
                                        root_cause={"fr": "Hameçonnage.", "nl": "Phishing."})


def test_the_obligation_fields_round_trip(examples_dir, tmp_path, example):
    org, _ = example
    incident = load_incident(_with(examples_dir, tmp_path, EXTRA), org.timezone)
    text = serialise.incident_to_toml(incident)
    assert "[breach]" in text and "malicious = false" in text and "people = 0" in text
    assert serialise.incident_from_toml(text, org.timezone) == incident
    late = replace(incident, breach=replace(incident.breach, delay_reason={"fr": "Réseau."}))
    assert serialise.incident_from_toml(serialise.incident_to_toml(late)) == late


def test_the_shared_example_has_none_of_them(example):
    _, incident = example
    assert incident.detected is None and incident.authority_language is None
    assert incident.breach == DataBreach() and incident.nis2 == Nis2Details()
    assert "breach" not in serialise.incident_to_toml(incident)


@pytest.mark.parametrize(("extra", "field", "words"), [
    ("[breach]\npeopel = 3\n", "breach.peopel", "did you mean 'people'"),
    ("[breach]\npeople = -3\n", "breach.people", "zero or more"),
    ("[breach]\nrecords = \"many\"\n", "breach.records", "whole number"),
    ("[nis2]\nseverity = \"huge\"\n", "nis2.severity", "low, medium, high, critical"),
    ("[nis2]\nmalicious = \"yes\"\n", "nis2.malicious", "true or false"),
    ("detected = \"yesterday\"\n", "detected", "date and time"),
])
def test_a_wrong_obligation_field_is_one_clear_message(examples_dir, tmp_path, extra, field,
                                                       words):
    with pytest.raises(InputError) as raised:
        load_incident(_with(examples_dir, tmp_path, extra))
    assert raised.value.field == field and words in str(raised.value)
