"""Versions of an incident, readable diffs per document and language, autosave, export."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from crisis_desk import desk
from crisis_desk.domain.model import StatusEntry
from crisis_desk.files.loading import load_incident, load_organisation


def _save(store, people, snapshot, incident):
    return desk.save_incident(store, people.comms, snapshot.incident_id, incident,
                              snapshot.version)


def _doc(store, snapshot, kind, site=None, languages=None):
    return next(d for d in desk.documents(store, snapshot.incident_id)
                if d.kind == kind and d.site == site
                and (languages is None or d.languages == languages))


def test_every_saved_version_is_kept_and_loads_back(store, people, stored, clock):
    incidents = [stored.incident]
    snapshot = stored
    for number in range(2, 5):
        clock.advance(minutes=3)
        edited = replace(snapshot.incident, facts={**snapshot.incident.facts,
                                                   "fr": f"Situation {number}"})
        snapshot = _save(store, people, snapshot, edited)
        incidents.append(edited)
    listed = desk.versions(store, stored.incident_id)
    assert [v.number for v in listed] == [1, 2, 3, 4]
    assert [v.saved_by for v in listed] == ["Léa Peeters"] * 4
    assert listed[0].saved_at < listed[-1].saved_at
    for number, incident in enumerate(incidents, start=1):
        assert desk.load_incident(store, stored.incident_id, number).incident == incident


def test_a_document_diff_shows_what_changed_in_each_language(store, people, stored):
    edited = replace(stored.incident, facts={**stored.incident.facts,
                                             "fr": "Les urgences restent ouvertes."})
    saved = _save(store, people, stored, edited)
    diff = desk.document_diff(store, _doc(store, stored, "notice").id, 1, saved.version)
    assert f"-{stored.incident.facts['fr']}" in diff["fr"]
    assert "+Les urgences restent ouvertes." in diff["fr"]
    assert diff["nl"] == ""  # the Dutch text did not change
    press_nl = _doc(store, stored, "press", languages=("nl",))
    assert desk.document_diff(store, press_nl.id, 1, saved.version) == {"nl": ""}


def test_a_poster_diff_shows_a_status_change_at_its_site(store, people, stored):
    statuses = (*stored.incident.statuses, StatusEntry("braine", "laboratory", "closed"))
    saved = _save(store, people, stored, replace(stored.incident, statuses=statuses))
    braine = desk.document_diff(store, _doc(store, stored, "poster", "braine").id, 1,
                                saved.version)
    changed = [line for line in braine["fr"].splitlines() if line.startswith(("+", "-"))
               and not line.startswith(("+++", "---"))]
    laboratory = stored.organisation.service("laboratory").name["fr"]
    assert any(line.startswith("+") and laboratory in line for line in changed)
    assert any(line.startswith("-") and laboratory in line for line in changed)
    nivelles = desk.document_diff(store, _doc(store, stored, "poster", "nivelles").id, 1,
                                  saved.version)
    assert nivelles == {"fr": "", "nl": ""}


def test_the_incident_diff_compares_the_stored_text(store, people, stored):
    saved = _save(store, people, stored, replace(stored.incident, update=2))
    diff = desk.incident_diff(store, stored.incident_id, 1, saved.version)
    assert "-update = 1" in diff and "+update = 2" in diff


def test_the_manager_sees_the_changes_since_the_last_approval(store, people, stored):
    notice = _doc(store, stored, "notice")
    assert desk.changes_since_approval(store, notice.id) is None
    desk.submit(store, people.comms, stored.incident_id, stored.version)
    notice = desk.document(store, notice.id)
    desk.approve(store, people.manager, people.pins["manager"], notice.id,
                 notice.submitted_sha256)
    assert desk.changes_since_approval(store, notice.id) == {"fr": "", "nl": ""}
    advice = {**stored.incident.patient_advice, "nl": "Blijf thuis tenzij wij u bellen."}
    _save(store, people, stored, replace(stored.incident, patient_advice=advice))
    changes = desk.changes_since_approval(store, notice.id)
    added = [line for line in changes["nl"].splitlines() if line.startswith("+")]
    assert any("Blijf thuis tenzij wij u bellen." in line for line in added)
    assert changes["fr"] == ""


def test_autosave_keeps_unsaved_typing_until_it_is_saved(store, people, stored, clock):
    assert desk.recover_autosave(store, people.comms, stored.incident_id) is None
    typing = replace(stored.incident, facts={**stored.incident.facts, "fr": "En cours de fr"})
    desk.autosave(store, people.comms, stored.incident_id, typing, stored.version)
    clock.advance(seconds=5)
    typing = replace(typing, facts={**typing.facts, "fr": "En cours de frappe"})
    desk.autosave(store, people.comms, stored.incident_id, typing, stored.version)
    kept = desk.recover_autosave(store, people.comms, stored.incident_id)
    assert (kept.incident, kept.base_version, kept.saved_at) == (typing, 1, clock())
    assert [v.number for v in desk.versions(store, stored.incident_id)] == [1]
    assert "autosave" not in [e.action for e in desk.audit_log(store)]
    other = desk.add_user(store, people.manager, "Tom Maes", "comms", "777788")
    tom = desk.Actor(other.id, other.name, other.role)
    assert desk.recover_autosave(store, tom, stored.incident_id) is None  # each their own
    _save(store, people, stored, typing)
    assert desk.recover_autosave(store, people.comms, stored.incident_id) is None


def test_an_autosave_equal_to_the_version_is_nothing_to_recover(store, people, stored):
    desk.autosave(store, people.comms, stored.incident_id, stored.incident, stored.version)
    assert desk.recover_autosave(store, people.comms, stored.incident_id) is None
    typing = replace(stored.incident, update=9)
    desk.autosave(store, people.comms, stored.incident_id, typing, stored.version)
    desk.discard_autosave(store, people.comms, stored.incident_id)
    assert desk.recover_autosave(store, people.comms, stored.incident_id) is None


def test_earlier_updates_reach_the_renderers_as_history(store, people, stored):
    second = _save(store, people, stored, replace(stored.incident, update=2))
    _save(store, people, second, replace(stored.incident, update=2, facts={
        **stored.incident.facts, "fr": "Correction de la mise à jour 2"}))
    third = desk.load_incident(store, stored.incident_id)
    third = _save(store, people, third, replace(third.incident, update=3))
    request = desk.render_request(store, _doc(store, stored, "notice").id)
    assert [i.update for i in request.history] == [1, 2]
    assert request.history[1].facts["fr"] == "Correction de la mise à jour 2"
    assert request.incident == third.incident


def test_export_loads_back_to_the_same_incident(store, people, stored, tmp_path):
    exported = desk.export_incident(store, people.manager, stored.incident_id)
    (tmp_path / "org.toml").write_text(exported.organisation_toml, encoding="utf-8")
    (tmp_path / "incident.toml").write_text(exported.incident_toml, encoding="utf-8")
    org = load_organisation(tmp_path / "org.toml")
    assert org == stored.organisation
    assert load_incident(tmp_path / "incident.toml", org.timezone) == stored.incident
    with pytest.raises(desk.NotAllowed):
        desk.export_incident(store, people.reception, stored.incident_id)


def test_import_of_an_export_elsewhere_gives_an_equal_incident(store, people, stored, tmp_path):
    from crisis_desk.store.database import open_store

    exported = desk.export_incident(store, people.comms, stored.incident_id)
    (tmp_path / "org.toml").write_text(exported.organisation_toml, encoding="utf-8")
    (tmp_path / "incident.toml").write_text(exported.incident_toml, encoding="utf-8")
    org = load_organisation(tmp_path / "org.toml")
    incident = load_incident(tmp_path / "incident.toml", org.timezone)
    with open_store(f"sqlite:///{tmp_path / 'laptop.db'}") as laptop:
        again = desk.import_incident(laptop, desk.administrator("usb"), org, incident)
        assert desk.load_incident(laptop, again.incident_id).incident == stored.incident


def test_the_kit_carries_approval_marks_only_where_approved(store, people, stored, tmp_path):
    from crisis_desk.documents import kind, plan

    desk.submit(store, people.comms, stored.incident_id, stored.version)
    sms = _doc(store, stored, "sms", languages=("fr",))
    notice = _doc(store, stored, "notice")
    for doc in (sms, notice):
        desk.approve(store, people.manager, people.pins["manager"], doc.id,
                     doc.submitted_sha256)
    kinds = ["sms", "notice", "poster"]
    written = desk.export_kit(store, people.comms, stored.incident_id, tmp_path / "kit",
                              kinds)
    expected = [d.filename for d in plan(stored.organisation, stored.incident, kinds)]
    assert sorted(p.name for p in written) == sorted(expected)
    assert (tmp_path / "kit" / "sms-fr.txt").read_bytes() == desk.render_document(
        store, sms.id, "txt")
    assert desk.audit_log(store, stored.incident_id)[-1].action == "export"
    if "pdf" not in kind("notice").formats or "pdf" not in kind("poster").formats:
        pytest.skip("the PDF renderers are not installed")
    poster = _doc(store, stored, "poster", "nivelles")
    approved = _pdf_text(tmp_path / "kit" / "notice-fr-nl.pdf")
    draft = _pdf_text(tmp_path / "kit" / "poster-nivelles-fr-nl.pdf")
    assert notice.number in approved and "Marc Lambert" in approved
    assert poster.number not in draft and "Marc Lambert" not in draft


def _pdf_text(path) -> str:
    from pypdf import PdfReader

    return " ".join(" ".join((page.extract_text() or "").split())
                    for page in PdfReader(path).pages)


def test_what_would_not_load_back_is_never_stored(store, people, stored):
    from crisis_desk.support.errors import InputError

    impossible = replace(stored.incident, update=0)
    with pytest.raises(InputError, match="update"):
        _save(store, people, stored, impossible)
    with pytest.raises(InputError, match="update"):
        desk.autosave(store, people.comms, stored.incident_id, impossible, stored.version)
    assert desk.recover_autosave(store, people.comms, stored.incident_id) is None
    assert [v.number for v in desk.versions(store, stored.incident_id)] == [1]


def test_an_export_lists_the_cap_messages_already_sent(store, people, stored, tmp_path):
    """A kit made from the exported file, without the database, references the same
    earlier alerts as the one the desk makes."""
    from crisis_desk.documents import kind as document_kind
    from crisis_desk.rendering.request import RenderRequest

    second = _save(store, people, stored, replace(stored.incident, update=stored.incident.update
                                                  + 1))
    exported = desk.export_incident(store, people.comms, stored.incident_id)
    (tmp_path / "incident.toml").write_text(exported.incident_toml, encoding="utf-8")
    incident = load_incident(tmp_path / "incident.toml", stored.organisation.timezone)
    assert [m.sent for m in incident.published] == [stored.incident.issued]
    from_file = document_kind("cap").render("xml", RenderRequest(
        stored.organisation, incident, incident.languages))
    in_desk = desk.render_document(store, _doc(store, second, "cap").id, "xml")
    for alert in (from_file, in_desk):
        assert b"<msgType>Update</msgType>" in alert
    reference = re.search(rb"<references>(.*)</references>", in_desk)
    assert reference and reference.group(0) in from_file


def test_importing_what_is_stored_is_refused_naming_it(store, people, stored):
    with pytest.raises(desk.AlreadyImported) as refused:
        desk.import_incident(store, people.comms, stored.organisation, stored.incident)
    assert (refused.value.incident_id, refused.value.version) == (stored.incident_id, 1)
    assert len(desk.incidents(store)) == 1
    # An earlier version counts too: it is that incident, not a new one.
    edited = replace(stored.incident, facts={**stored.incident.facts, "fr": "Mise à jour"})
    _save(store, people, stored, edited)
    with pytest.raises(desk.AlreadyImported):
        desk.import_incident(store, people.comms, stored.organisation, stored.incident)
    assert desk.import_incident(store, people.comms, stored.organisation,
                                replace(stored.incident, update=7)).incident_id == 2


def test_a_profile_that_differs_is_taken_only_when_asked(store, people, stored):
    press = replace(stored.organisation.press, phone="+32 2 000 00 00")
    changed = replace(stored.organisation, press=press)
    with pytest.raises(desk.ProfileDiffers) as refused:
        desk.import_incident(store, people.comms, changed, stored.incident)
    assert refused.value.next_version == 2 and "+32 2 000 00 00" in refused.value.diff
    assert desk.organisation(store, changed.id) == stored.organisation
    imported = desk.import_incident(store, people.comms, changed, stored.incident,
                                    update_profile=True)
    assert imported.organisation_version == 2 and imported.organisation == changed


def test_an_incident_of_another_organisation_is_never_stored(store, people, demo):
    org, incident = demo
    with pytest.raises(desk.InvalidValue, match="for organisation 'rha'"):
        desk.import_incident(store, people.comms, org, replace(incident, organisation="rha"))
    assert desk.incidents(store) == []
