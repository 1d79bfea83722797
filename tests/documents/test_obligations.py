"""The documents owed to the authorities and the people concerned (GDPR, NIS2)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from crisis_desk.checking import check
from crisis_desk.cli.main import main
from crisis_desk.documents import PlannedDocument, plan, render_planned
from crisis_desk.domain.model import DataBreach, DataProtectionOfficer, Nis2Details
from crisis_desk.domain.problems import Severity
from crisis_desk.rendering.obligations import REQUIRED, gaps

OWED = ("authority-notification", "data-notice", "nis2-early-warning", "nis2-notification",
        "nis2-final-report")
MARK = {"fr": "[À compléter]", "nl": "[In te vullen]", "de": "[Zu ergänzen]",
        "en": "[To be completed]"}
DPO = DataProtectionOfficer("Anne Dupont", "dpo@vivalia.example", "+32 63 55 00 11")
BREACH = DataBreach(data_categories={"fr": "données d'identité et dossiers médicaux",
                                     "nl": "identificatiegegevens en medische dossiers"},
                    people_categories={"fr": "patients et personnel",
                                       "nl": "patiënten en personeel"},
                    people=271000, records=1240000)


def _text(org, incident, kind_id, code):
    doc = PlannedDocument(kind_id, "txt", None, (code,))
    return render_planned(doc, org, incident).decode("utf-8")


def test_every_art_33_3_item_is_in_the_authority_notification(example):
    org, incident = example
    org = replace(org, dpo=DPO)
    incident = replace(incident, breach=BREACH,
                       data_consequences={"fr": "Risque d'hameçonnage ciblé.",
                                          "nl": "Risico op gerichte phishing."},
                       data_measures={"fr": "Plainte déposée, systèmes isolés.",
                                      "nl": "Klacht ingediend, systemen geïsoleerd."})
    assert gaps("authority-notification", org, incident) == ()
    fr = _text(org, incident, "authority-notification", "fr")
    # (a) nature, categories and approximate numbers of people and records
    assert incident.facts["fr"] in fr
    assert "Catégories de données à caractère personnel\u202f: données d'identité" in fr
    assert "Catégories de personnes concernées\u202f: patients et personnel" in fr
    assert "personnes concernées\u202f: environ 271\u202f000" in fr
    assert "concernés\u202f: environ 1\u202f240\u202f000" in fr
    # (b) the DPO's name and contact; (c) likely consequences; (d) measures
    assert "Anne Dupont, dpo@vivalia.example, +32 63 55 00 11" in fr
    assert "Risque d'hameçonnage ciblé." in fr
    assert "Plainte déposée, systèmes isolés." in fr
    assert MARK["fr"] not in fr
    # the authority's form order: controller, DPO, dates, nature, data, consequences,
    # measures, information of the people concerned
    headings = [line for line in fr.splitlines() if line.startswith("== ")]
    assert [h.split(". ", 1)[0] for h in headings if h[3:4].isdigit()] == \
        [f"== {n}" for n in range(1, 10)]
    nl = _text(org, incident, "authority-notification", "nl")
    assert "Geschat aantal betrokkenen: ongeveer 271.000" in nl and MARK["nl"] not in nl


def test_a_missing_item_is_marked_and_warned_for_once(example):
    org, incident = example
    assert org.dpo is None and not incident.breach.given
    for code in ("fr", "nl"):
        text = _text(org, incident, "authority-notification", code)
        assert text.count(MARK[code]) >= 6  # 5 items, and the warning at the top naming it
    warned = [p for p in check(org, incident) if p.message.startswith("authority-notification")]
    assert sorted(p.field for p in warned) == sorted(REQUIRED["authority-notification"][:4]
                                                    + ("organisation.dpo",))
    assert all(p.severity == Severity.WARNING for p in warned)
    complete = replace(incident, breach=BREACH)
    assert [p.field for p in check(replace(org, dpo=DPO), complete)
            if p.message.startswith("authority-notification")] == []


def test_a_late_notification_asks_for_the_reasons(example):
    org, incident = replace(example[0], dpo=DPO), replace(example[1], breach=BREACH)
    late = replace(incident, issued=incident.started + timedelta(hours=80))
    assert gaps("authority-notification", org, late) == ("breach.delay_reason",)
    assert "Motifs de la notification au-delà de 72 heures\u202f: [À compléter]" in \
        _text(org, late, "authority-notification", "fr")
    explained = replace(late, breach=replace(BREACH, delay_reason={
        "fr": "Le réseau était à l'arrêt.", "nl": "Het netwerk lag plat."}))
    assert gaps("authority-notification", org, explained) == ()


def test_the_nis2_reports_carry_their_deadlines_from_detected(example):
    org, incident = example
    detected = incident.started.replace(hour=6, minute=45)  # Saturday 14 May 2022
    incident = replace(incident, detected=detected)
    early = _text(org, incident, "nis2-early-warning", "fr")
    assert "au plus tard le dimanche 15 mai 2022 à 6\u202fh\u202f45 (24 heures" in early
    assert "Centre pour la Cybersécurité Belgique (CCB)" in early
    assert "Prise de connaissance par l'organisation\u202f: samedi 14 mai 2022 à 6\u202fh\u202f45" \
        in early
    notification = _text(org, incident, "nis2-notification", "nl")
    assert "uiterlijk in te dienen op dinsdag 17 mei 2022 om 6.45\u202fuur (72 uur" in notification
    final = _text(org, incident, "nis2-final-report", "fr")
    assert "mardi 14 juin 2022 à 6\u202fh\u202f45 (un mois" in final


def test_the_nis2_items_are_marked_until_given(example):
    org, incident = example
    early = _text(org, incident, "nis2-early-warning", "nl")
    assert "Vermoeden van een onrechtmatige of kwaadwillige handeling: [In te vullen]" in early
    given = replace(incident, nis2=Nis2Details(
        malicious=True, cross_border=False, severity="high",
        indicators=("185.220.101.47",), root_cause={"fr": "Hameçonnage.", "nl": "Phishing."},
        mitigation={"fr": "Réinstallation.", "nl": "Herinstallatie."}))
    for kind_id in ("nis2-early-warning", "nis2-notification", "nis2-final-report"):
        assert gaps(kind_id, org, given) == ()
        assert MARK["fr"] not in _text(org, given, kind_id, "fr")
    notification = _text(org, given, "nis2-notification", "fr")
    assert "Acte illicite ou malveillant soupçonné\u202f: oui" in notification
    assert "Impact transfrontière possible\u202f: non" in notification
    assert "Gravité\u202f: élevée" in notification and "185.220.101.47" in notification
    assert "Hameçonnage." in _text(org, given, "nis2-final-report", "fr")


def test_the_data_notice_is_a_letter_then_a_public_notice_per_language(example):
    org, incident = replace(example[0], dpo=DPO), replace(example[1], breach=BREACH)
    assert gaps("data-notice", org, incident) == ()
    fr = _text(org, incident, "data-notice", "fr")
    letter, public = fr.split("Avis public", 1)
    assert "Madame, Monsieur," in letter and "Vos données personnelles" in letter
    assert "données d'identité et dossiers médicaux" in letter and "Anne Dupont" in letter
    assert "Avis\u202f: des données personnelles" in public and "Anne Dupont" in public
    nl = _text(org, incident, "data-notice", "nl")
    assert "Geachte mevrouw, geachte heer," in nl and "Openbare kennisgeving" in nl


def test_authority_documents_are_in_the_one_language_picked(example):
    org, incident = example
    planned = {(d.kind, d.languages) for d in plan(org, incident) if d.kind in OWED}
    assert ("authority-notification", ("fr",)) in planned
    assert ("authority-notification", ("nl",)) in planned  # none picked: one per language
    picked = replace(incident, authority_language="nl")
    languages = {d.languages for d in plan(org, picked) if d.kind == "nis2-notification"}
    assert languages == {("nl",)}
    assert {d.languages for d in plan(org, picked) if d.kind == "data-notice"} == \
        {("fr",), ("nl",)}  # the people concerned read their own language
    nl_only = [p for p in check(org, picked) if p.message.startswith("nis2-notification")]
    assert nl_only and len(nl_only) == len({p.field for p in nl_only})
    unknown = [p for p in check(org, replace(incident, authority_language="de"))
               if p.field == "authority_language"]
    assert unknown and unknown[0].severity == Severity.ERROR


def test_no_obligation_document_without_the_obligation(example):
    org, incident = example
    calm = replace(incident, patient_data_at_risk=False, kind="power-outage")
    assert not {d.kind for d in plan(org, calm)} & set(OWED)
    assert not [p for p in check(org, calm) if p.field.startswith(("breach.", "nis2."))]


def test_the_kit_writes_every_obligation_document_in_french_and_dutch(example_files,
                                                                       tmp_path):
    org, incident = example_files
    assert main(["kit", str(incident), "--org", str(org), "--out", str(tmp_path),
                 "--kind", "authority-notification", "--kind", "data-notice",
                 "--kind", "nis2-early-warning", "--kind", "nis2-notification",
                 "--kind", "nis2-final-report"]) == 0
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == sorted(f"{k}-{code}.{fmt}" for k in OWED for code in ("fr", "nl")
                             for fmt in ("pdf", "txt"))
    assert all((tmp_path / name).stat().st_size > 500 for name in written)
    whole = tmp_path / "all"
    assert main(["kit", str(incident), "--org", str(org), "--out", str(whole)]) == 0
    assert {p.name for p in whole.iterdir()} >= set(written)


def test_the_command_line_picks_the_authority_language(example_files, tmp_path):
    org, incident = example_files
    picked = tmp_path / "incident.toml"
    picked.write_text(incident.read_text(encoding="utf-8").replace(
        'languages = ["fr", "nl"]', 'languages = ["fr", "nl"]\nauthority_language = "nl"'),
        encoding="utf-8")
    out = tmp_path / "one"
    assert main(["render", str(picked), "--org", str(org), "--kind", "nis2-early-warning",
                 "--format", "txt", "--out", str(out)]) == 0
    assert "Vroegtijdige waarschuwing NIS2" in out.read_text(encoding="utf-8")
    kit = tmp_path / "kit"
    assert main(["kit", str(incident), "--org", str(org), "--out", str(kit), "--lang", "nl",
                 "--kind", "authority-notification", "--kind", "notice"]) == 0
    assert sorted(p.name for p in kit.iterdir()) == [
        "authority-notification-nl.pdf", "authority-notification-nl.txt", "notice-nl.pdf",
        "notice-nl.txt"]
