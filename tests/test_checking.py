"""The checker: every rule, with the field and language it names."""

from dataclasses import replace
from datetime import timedelta

import pytest

from crisis_desk.checking import ERROR, WARNING, check, has_errors, is_fatal
from crisis_desk.domain.model import StatusEntry


def _find(problems, field, severity=ERROR, language=None):
    return [p for p in problems if p.field == field and p.severity == severity
            and (language is None or p.language == language)]


def test_examples_have_no_errors(example, demo):
    for org, incident in (example, demo):
        assert not has_errors(check(org, incident))


def test_missing_translation_is_an_error_naming_field_and_language(example):
    org, incident = example
    broken = replace(incident, facts={"fr": incident.facts["fr"]})
    problems = check(org, broken)
    [problem] = _find(problems, "facts", language="nl")
    assert "missing" in problem.message
    assert not problem.fatal  # drafts still render, with a visible marker


def test_missing_note_translation(example):
    org, incident = example
    entries = list(incident.statuses)
    entries[2] = replace(entries[2], note={"fr": "Résultats sur papier."})
    problems = check(org, replace(incident, statuses=tuple(entries)))
    assert _find(problems, "status[3].note", language="nl")


def test_third_language_requires_every_text(example):
    org, incident = example
    problems = check(org, replace(incident, languages=("fr", "nl", "de")))
    assert _find(problems, "facts", language="de")
    assert _find(problems, "organisation.site[arlon].name", language="de")


def test_unknown_references_are_fatal(example):
    org, incident = example
    bad = replace(incident, kind="meteor", languages=("fr", "xx"), statuses=(
        StatusEntry("gent", "emergency", "operational"),
        StatusEntry("*", "teleportation", "operational"),
        StatusEntry("*", "dialysis", "sleeping"),
    ))
    problems = check(org, bad)
    assert is_fatal(problems)
    messages = " | ".join(p.message for p in problems)
    for word in ("meteor", "'xx'", "'gent'", "'teleportation'", "'sleeping'"):
        assert word in messages


def test_relocated_needs_a_known_destination(example):
    org, incident = example
    for entry, expected in (
        (StatusEntry("bastogne", "imaging", "relocated"), "needs 'to'"),
        (StatusEntry("bastogne", "imaging", "relocated", to="namur"),
         "unknown site or partner 'namur'"),
    ):
        problems = check(org, replace(incident, statuses=(entry,)))
        assert any(expected in p.message and p.fatal for p in problems), expected


def test_duplicate_entries(example):
    org, incident = example
    twice = incident.statuses + (incident.statuses[0],)
    problems = check(org, replace(incident, statuses=twice))
    assert any("listed 2 times" in p.message for p in _find(problems, "status"))


def test_next_update_must_follow_issued(example):
    org, incident = example
    problems = check(org, replace(incident, next_update=incident.issued - timedelta(hours=1)))
    assert _find(problems, "next_update")


def test_control_characters_are_refused_with_their_code(example):
    org, incident = example
    facts = dict(incident.facts, fr="Alerte\x07 rouge")
    [problem] = _find(check(org, replace(incident, facts=facts)), "facts", language="fr")
    assert "U+0007" in problem.message


def test_long_sms_warns_with_the_first_non_gsm_character(example):
    org, incident = example
    long_name = dict(org.name, fr="Hôpitaux réunis " * 6)
    problems = check(replace(org, name=long_name), incident)
    [problem] = _find(problems, "sms", WARNING, language="fr")
    assert "'ô'" in problem.message
    assert "70" in problem.message
    assert not has_errors(problems)


def test_social_post_over_280_warns(example):
    org, incident = example
    # One appointment rule for everyone keeps the French post short; the Dutch title
    # alone is too long.
    calm = tuple(e for e in incident.statuses if e.status in ("operational", "degraded"))
    title = dict(incident.title, nl="Lange titel " * 30)
    problems = check(org, replace(incident, title=title, statuses=calm))
    assert _find(problems, "social", WARNING, language="nl")
    assert not _find(problems, "social", WARNING, language="fr")


def test_service_missing_at_named_site_is_a_warning(example):
    org, incident = example
    entry = StatusEntry("bastogne", "dialysis", "closed")
    problems = check(org, replace(incident, statuses=(entry,)))
    assert _find(problems, "status[1]", WARNING)
    assert not has_errors(problems)


def test_checks_can_be_limited_to_the_documents_being_made(example):
    org, incident = example
    long_name = dict(org.name, fr="Hôpitaux réunis " * 6)
    org = replace(org, name=long_name)
    assert _find(check(org, incident), "sms", WARNING, language="fr")
    assert _find(check(org, incident, kinds=["sms"]), "sms", WARNING, language="fr")
    assert not _find(check(org, incident, kinds=["poster"]), "sms", WARNING, language="fr")


def test_the_organisation_s_templates_in_the_data_folder_are_checked(calm_example,
                                                                    private_data_dir):
    # The desk checks with no folders given: it renders with the data folder's, so must
    # the checker.
    org, incident = calm_example
    folder = private_data_dir / "organisations" / org.id / "templates" / "sms"
    folder.mkdir(parents=True)
    (folder / "sms.txt.j2").write_text("Information " * 30, encoding="utf-8")
    assert {p.language for p in _find(check(org, incident), "sms", WARNING)} == {"fr", "nl"}
    assert not _find(check(org, incident, template_dirs=()), "sms", WARNING)


# -- what patients must do, partners, people, file names ------------------------------------

def test_a_partner_hospital_is_a_known_destination(example):
    from crisis_desk.domain.model import Partner

    org, incident = example
    org = replace(org, partners=(Partner("godinne", {"fr": "CHU Godinne", "nl": "UZ Godinne"}),))
    entry = StatusEntry("bastogne", "laboratory", "relocated", to="godinne")
    assert not [p for p in check(org, replace(incident, statuses=(entry,))) if p.fatal]


def test_a_partner_may_not_take_a_site_s_id(example):
    from crisis_desk.domain.model import Partner

    org, incident = example
    org = replace(org, partners=(Partner("arlon", {"fr": "Autre", "nl": "Ander"}),))
    assert _find(check(org, incident), "organisation.partner[arlon].id", ERROR)


@pytest.mark.parametrize(("status", "rule"), [("closed", "maintained"),
                                              ("suspended", "maintained"),
                                              ("operational", "cancelled")])
def test_a_rule_that_contradicts_the_status_is_a_warning(example, status, rule):
    org, incident = example
    entry = StatusEntry("arlon", "dialysis", status, appointments=rule)
    assert _find(check(org, replace(incident, statuses=(entry,))),
                 "status[1].appointments", WARNING)


def test_data_at_risk_without_a_dpo_warns(example):
    from crisis_desk.domain.model import DataProtectionOfficer

    org, incident = example
    assert incident.patient_data_at_risk
    assert _find(check(org, incident), "organisation.dpo", WARNING)
    named = replace(org, dpo=DataProtectionOfficer("Anne Dupont", "dpo@example.org"))
    assert not _find(check(named, incident), "organisation.dpo", WARNING)
    assert not _find(check(org, replace(incident, patient_data_at_risk=False)),
                     "organisation.dpo", WARNING)


def test_a_quote_needs_a_spokesperson(example):
    org, incident = example
    quoted = replace(incident, quote={"fr": "Nous faisons tout.", "nl": "We doen alles."})
    assert _find(check(org, quoted), "quote", WARNING)


def test_ids_that_would_share_a_file_name_are_an_error(example):
    org, incident = example
    sites = (*org.sites, replace(org.sites[0], id="a3-" + org.sites[0].id))
    problems = check(replace(org, sites=sites), incident)
    collisions = _find(problems, "organisation.site", ERROR)
    assert collisions and all(p.fatal for p in collisions)
    assert "same file name" in collisions[0].message


@pytest.mark.parametrize("hidden", ["\u202e", "\u200b", "\u2066", "\ufeff"])
def test_invisible_characters_that_reorder_or_hide_text_are_errors(example, hidden):
    org, incident = example
    title = dict(incident.title, fr=f"Cyber{hidden}attaque")
    problems = _find(check(org, replace(incident, title=title)), "title", ERROR, language="fr")
    assert problems and f"U+{ord(hidden):04X}" in problems[0].message


def test_text_the_fonts_cannot_draw_is_flagged(example):
    org, incident = example
    facts = dict(incident.facts, fr=incident.facts["fr"] + " 🚑",
                 nl=incident.facts["nl"] + " Dr. سمير")
    problems = check(org, replace(incident, facts=facts))
    emoji = _find(problems, "facts", WARNING, language="fr")
    arabic = _find(problems, "facts", WARNING, language="nl")
    assert emoji and "U+1F691" in emoji[0].message
    assert arabic and "right-to-left" in arabic[0].message
    assert not _find(check(org, incident), "facts", WARNING)  # é, ë, ß, ł… are fine


def test_a_sentence_over_twenty_words_is_a_warning_naming_field_language_and_start(example):
    org, incident = example
    long = ("Nous demandons à tous les patients qui avaient un rendez-vous cette semaine de "
            "ne pas se présenter avant que nous les ayons contactés par téléphone.")
    facts = {**incident.facts, "fr": incident.facts["fr"] + " " + long}
    problems = check(org, replace(incident, facts=facts), render_checks=False)
    found = [p for p in problems if p.field == "facts" and "words" in p.message]
    assert len(found) == 1
    assert found[0].severity == WARNING and found[0].language == "fr"
    assert "25 words" in found[0].message
    assert "Nous demandons à tous les patients…" in found[0].message
    staff = replace(incident, staff_instructions={"fr": long, "nl": "Kom naar de crisiscel."})
    assert [p.field for p in check(org, staff, render_checks=False)
            if "words" in p.message] == ["staff_instructions"]


def test_the_shared_examples_texts_are_plain_enough(example, demo):
    for org, incident in (example, demo):
        assert [p for p in check(org, incident, render_checks=False)
                if "words (more than" in p.message] == []


def test_ambulances_go_to_a_known_place_and_only_from_an_emergency_department(example):
    org, incident = example

    def problems(*entries):
        return check(org, replace(incident, statuses=incident.statuses + entries),
                     render_checks=False)

    unknown = problems(StatusEntry("arlon", "emergency", "closed", ambulances_to="mars"))
    assert any(p.severity == ERROR and p.fatal and p.field.endswith(".ambulances_to")
               and "'mars'" in p.message for p in unknown)
    own = problems(StatusEntry("arlon", "emergency", "closed", ambulances_to="arlon"))
    assert any(p.severity == ERROR and "own site" in p.message for p in own)
    nowhere = problems(StatusEntry("arlon", "emergency", "limited", ambulances="diverted"))
    assert any(p.severity == WARNING and "not said where" in p.message for p in nowhere)
    lab = problems(StatusEntry("arlon", "laboratory", "closed", ambulances="diverted"))
    assert any(p.severity == WARNING and "only an emergency department" in p.message
               for p in lab)
    fine = problems(StatusEntry("arlon", "emergency", "closed", ambulances_to="libramont"))
    assert not has_errors(fine)
    assert not [p for p in fine if "ambulances" in p.field]


def test_a_text_beyond_the_limit_is_a_fatal_error_naming_field_and_language(example):
    from crisis_desk.domain.limits import MAX_TEXT_LENGTH

    org, incident = example
    huge = replace(incident, facts={**incident.facts, "nl": "a" * (MAX_TEXT_LENGTH + 1)})
    [problem] = _find(check(org, huge, render_checks=False), "facts", language="nl")
    assert problem.fatal and "20,001 characters" in problem.message
    at_limit = replace(incident, facts={**incident.facts, "nl": "a" * MAX_TEXT_LENGTH})
    assert not _find(check(org, at_limit, render_checks=False), "facts", language="nl")


def test_a_long_address_in_the_profile_is_refused_too(example):
    org, incident = example
    site = replace(org.sites[0], address="Rue " * 6000)
    long_profile = replace(org, sites=(site, *org.sites[1:]))
    [problem] = _find(check(long_profile, incident, render_checks=False),
                      f"organisation.site[{site.id}].address")
    assert problem.fatal


def test_the_texts_together_have_a_limit_per_language(example):
    from crisis_desk.domain.limits import MAX_TEXT_LENGTH, MAX_TOTAL_LENGTH

    org, incident = example
    long = "b" * MAX_TEXT_LENGTH
    fields = ("facts", "patient_advice", "unknowns", "actions", "quote", "data_measures")
    assert len(fields) * MAX_TEXT_LENGTH > MAX_TOTAL_LENGTH
    bulky = replace(incident, **{f: {**getattr(incident, f), "fr": long} for f in fields})
    [problem] = _find(check(org, bulky, render_checks=False), "incident", language="fr")
    assert problem.fatal and "together" in problem.message


def test_detected_must_fall_between_the_start_and_the_update(example):
    org, incident = example
    early = replace(incident, detected=incident.started - timedelta(hours=1))
    assert _find(check(org, early, render_checks=False), "detected", ERROR)
    late = replace(incident, detected=incident.issued + timedelta(minutes=1))
    assert _find(check(org, late, render_checks=False), "detected", ERROR)
    fine = replace(incident, detected=incident.started + timedelta(hours=2))
    assert not _find(check(org, fine, render_checks=False), "detected", ERROR)


def test_an_overdue_obligation_warns_only_when_the_time_is_given(example):
    org, incident = example
    assert not [p for p in check(org, incident, render_checks=False)
                if p.message.startswith("overdue")]  # the desk's own check: no clock
    day_after = incident.started + timedelta(hours=25)
    overdue = [p for p in check(org, incident, render_checks=False, now=day_after)
               if p.message.startswith("overdue")]
    assert [(p.field, p.severity) for p in overdue] == [("nis2-early-warning", WARNING)]
    assert "due 2022-05-15 01:30 +0200 (1 h ago)" in overdue[0].message
    approved = check(org, incident, render_checks=False, now=day_after,
                     document_states={"nis2-early-warning": "approved"})
    assert not [p for p in approved if p.message.startswith("overdue")]
