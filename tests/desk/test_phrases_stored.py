"""Incidents written with phrases keep their phrase ids in the database, and an
organisation's own phrasebook is stored with its profile (SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

from crisis_desk import desk
from crisis_desk.files.loading import load_incident, load_organisation

DATA = Path(__file__).resolve().parents[1] / "data"


def test_phrases_survive_the_database_round_trip(store, people):
    org = load_organisation(DATA / "organisation-four-languages.toml")
    incident = load_incident(DATA / "incident-phrases.toml", org.timezone)
    stored = desk.import_incident(store, people.comms, org, incident)
    loaded = desk.load_incident(store, stored.incident_id)
    assert loaded.incident == incident
    assert loaded.incident.facts.phrases == ("cyberattack-network-targeted",
                                             "systems-shut-down", "police-ccb-investigating")
    assert loaded.organisation.phrases == org.phrases
    saved = desk.save_incident(store, people.comms, stored.incident_id, loaded.incident,
                               loaded.version)
    assert saved.version == stored.version  # the same phrases: nothing changed
