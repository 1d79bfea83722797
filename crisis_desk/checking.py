"""The checker: every problem of an incident, at once, as errors or warnings.

Errors block approval (and the command line exits 1); warnings do not. Some
errors also make a document impossible to render (an unknown site or status):
those are ``fatal``. A missing translation is not fatal: drafts render with a
visible marker in its place.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import datetime

from crisis_desk.documents import check_documents, plan
from crisis_desk.domain.incident_kinds import KINDS
from crisis_desk.domain.model import (
    APPOINTMENT_RULES,
    CANCELLED,
    MAINTAINED,
    WILDCARD_SITE,
    Incident,
    Localised,
    Organisation,
    StatusEntry,
)
from crisis_desk.domain.obligations import Clock, clocks
from crisis_desk.domain.problems import Problem, Severity, has_errors, is_fatal
from crisis_desk.domain.statuses import STATUSES
from crisis_desk.i18n import LANGUAGES
from crisis_desk.rendering.template_folders import organisation_template_dirs
from crisis_desk.rendering.text import control_characters, invisible_formatting, right_to_left

__all__ = ["ERROR", "WARNING", "Problem", "Severity", "check", "clock_problems", "has_errors",
           "is_fatal"]

ERROR = Severity.ERROR
WARNING = Severity.WARNING
LATIN_EXTENDED = 0x024F  # below this, the embedded fonts draw every letter


def check(org: Organisation, incident: Incident, *, render_checks: bool = True,
          kinds: Iterable[str] | None = None,
          template_dirs: tuple[str, ...] | None = None, now: datetime | None = None,
          document_states: Mapping[str, str] | None = None) -> list[Problem]:
    """Every problem of ``incident`` against ``org``; documents are test-rendered too.

    ``kinds`` limits the test renders to the documents about to be made (a kit of
    posters need not count SMS characters); by default every document is checked.
    They are rendered with ``template_dirs``, the folders the documents themselves
    will be rendered with; None means the organisation's own folder in the data
    folder, which is what the desk renders with. With ``now``, an obligation whose
    deadline has passed before its document was approved is a warning (the states
    per kind come from the desk; without them every document is a draft).
    """
    problems: list[Problem] = []
    problems += _check_languages(org, incident)
    problems += _check_references(org, incident)
    problems += _check_texts(org, incident)
    problems += _check_times(incident)
    problems += _check_people(org, incident)
    problems += _check_authority_language(incident)
    if now is not None:
        problems += clock_problems(incident, now, document_states, org.timezone)
    if not is_fatal(problems):
        problems += _check_file_names(org, incident)
    if render_checks and not is_fatal(problems):
        if template_dirs is None:
            template_dirs = organisation_template_dirs(org_id=org.id)
        problems += check_documents(org, incident, kinds, template_dirs)
    return problems


def _check_languages(org: Organisation, incident: Incident) -> list[Problem]:
    problems = []
    for field_name, codes in (("languages", incident.languages),
                              ("organisation.languages", org.languages)):
        if not codes:
            problems.append(Problem(ERROR, field_name, "name at least one language", fatal=True))
        for code in codes:
            if code not in LANGUAGES:
                known = ", ".join(LANGUAGES)
                problems.append(Problem(ERROR, field_name,
                                        f"unknown language '{code}' (known: {known})",
                                        fatal=True))
        for code, count in Counter(codes).items():
            if count > 1:
                problems.append(Problem(WARNING, field_name, f"'{code}' is listed twice"))
    return problems


def _check_references(org: Organisation, incident: Incident) -> list[Problem]:
    problems = []
    if incident.organisation and incident.organisation != org.id:
        problems.append(Problem(ERROR, "organisation", f"the incident is for '"
                                f"{incident.organisation}', the profile is '{org.id}'"))
    if incident.kind not in KINDS:
        problems.append(Problem(ERROR, "kind", f"unknown kind '{incident.kind}' (known: "
                                f"{', '.join(KINDS)})", fatal=True))
    if incident.appointments and incident.appointments not in APPOINTMENT_RULES:
        problems.append(Problem(ERROR, "appointments", f"must be one of "
                                f"{', '.join(APPOINTMENT_RULES)}", fatal=True))
    if not org.sites:
        problems.append(Problem(ERROR, "organisation.site", "the profile has no site",
                                fatal=True))
    for kind_of, ids in (("site", [s.id for s in org.sites]),
                         ("service", [s.id for s in org.services]),
                         ("partner", [p.id for p in org.partners])):
        for item, count in Counter(ids).items():
            if count > 1:
                problems.append(Problem(ERROR, f"organisation.{kind_of}",
                                        f"the {kind_of} id '{item}' is used {count} times",
                                        fatal=True))
    for partner in org.partners:
        if org.has_site(partner.id):
            problems.append(Problem(ERROR, f"organisation.partner[{partner.id}].id",
                                    f"'{partner.id}' is already the id of a site; a relocation "
                                    "to it would be ambiguous", fatal=True))
    for service in org.services:
        for site_id in service.sites or ():
            if not org.has_site(site_id):
                problems.append(Problem(ERROR, f"organisation.service[{service.id}].sites",
                                        f"unknown site '{site_id}'", fatal=True))
    seen: Counter[tuple[str, str]] = Counter()
    for number, entry in enumerate(incident.statuses, start=1):
        problems += _check_entry(org, entry, f"status[{number}]")
        seen[(entry.site, entry.service)] += 1
    for (site_id, service_id), count in seen.items():
        if count > 1:
            problems.append(Problem(ERROR, "status", f"service '{service_id}' at site "
                                    f"'{site_id}' is listed {count} times"))
    return problems


def _check_entry(org: Organisation, entry: StatusEntry, field_name: str) -> list[Problem]:
    problems = []
    line = entry.line

    def error(message: str, fatal: bool = True) -> None:
        problems.append(Problem(ERROR, field_name, message, fatal=fatal, line=line))

    site_known = entry.site == WILDCARD_SITE or org.has_site(entry.site)
    if not site_known:
        error(f"unknown site '{entry.site}' (known: {', '.join(s.id for s in org.sites)})")
    if not org.has_service(entry.service):
        error(f"unknown service '{entry.service}' (known: "
              f"{', '.join(s.id for s in org.services)})")
    elif site_known and entry.site != WILDCARD_SITE \
            and not org.service(entry.service).exists_at(entry.site):
        problems.append(Problem(WARNING, field_name, f"service '{entry.service}' does not "
                                f"exist at site '{entry.site}'; the entry is ignored", line=line))
    if entry.status not in STATUSES:
        error(f"unknown status '{entry.status}' (known: {', '.join(STATUSES)})")
    if entry.status == "relocated":
        if not entry.to:
            error("a relocated service needs 'to', the site or partner hospital it moved to")
        elif not (org.has_site(entry.to) or org.has_partner(entry.to)):
            places = ", ".join([s.id for s in org.sites] + [p.id for p in org.partners])
            error(f"'to' names an unknown site or partner '{entry.to}' (known: {places})")
        elif entry.to == entry.site:
            error("a service cannot move to its own site", fatal=False)
    elif entry.to:
        problems.append(Problem(WARNING, field_name, f"'to' is only used with status "
                                f"'relocated', not '{entry.status}'", line=line))
    problems += _check_entry_appointments(entry, field_name)
    return problems


def _check_entry_appointments(entry: StatusEntry, field_name: str) -> list[Problem]:
    """A rule that contradicts the status: patients would come to a service that is shut."""
    if entry.appointments == MAINTAINED and entry.status in ("closed", "suspended"):
        return [Problem(WARNING, f"{field_name}.appointments", f"appointments are kept "
                        f"('maintained') but the service is {entry.status}: patients will "
                        "come to a service that does not receive them", line=entry.line)]
    if entry.appointments == CANCELLED and entry.status == "operational":
        return [Problem(WARNING, f"{field_name}.appointments", "appointments are cancelled "
                        "although the service works normally: is that what you mean?",
                        line=entry.line)]
    return []


def _check_people(org: Organisation, incident: Incident) -> list[Problem]:
    """Who the documents name: the data protection officer, the spokesperson."""
    problems = []
    if incident.patient_data_at_risk and (org.dpo is None or not any(
            part.strip() for part in (org.dpo.name, org.dpo.email, org.dpo.phone))):
        problems.append(Problem(WARNING, "organisation.dpo", "patient data may be at risk but "
                                "the profile names no data protection officer ([dpo]): the "
                                "notice must say whom patients can contact"))
    if any(text.strip() for text in incident.quote.values()) and (
            org.spokesperson is None or not org.spokesperson.name.strip()):
        problems.append(Problem(WARNING, "quote", "the press statement cannot attribute the "
                                "quote: the profile names no spokesperson ([spokesperson])"))
    return problems


def _check_file_names(org: Organisation, incident: Incident) -> list[Problem]:
    """Two documents of a kit must never share a file name (ids "x" and "a3-x" would)."""
    owners: dict[str, list[str]] = {}
    for doc in plan(org, incident):
        owners.setdefault(doc.filename, []).append(doc.site or doc.kind)
    problems = []
    for name, sites in owners.items():
        if len(sites) > 1:
            named = " and ".join(f"'{site}'" for site in dict.fromkeys(sites))
            problems.append(Problem(ERROR, "organisation.site", f"the ids {named} would give "
                                    f"two documents the same file name ({name}); rename one",
                                    fatal=True))
    return problems


def _localised_fields(org: Organisation, incident: Incident
                      ) -> list[tuple[str, Localised, bool]]:
    """(field, texts, required) for every text a document may show."""
    fields: list[tuple[str, Localised, bool]] = [
        ("title", incident.title, False),
        ("facts", incident.facts, True),
        ("patient_advice", incident.patient_advice, True),
        ("unknowns", incident.unknowns, False),
        ("actions", incident.actions, False),
        ("appointment_exceptions", incident.appointment_exceptions, False),
        ("quote", incident.quote, False),
        ("data_consequences", incident.data_consequences, False),
        ("data_measures", incident.data_measures, False),
        ("breach.data_categories", incident.breach.data_categories, False),
        ("breach.people_categories", incident.breach.people_categories, False),
        ("breach.delay_reason", incident.breach.delay_reason, False),
        ("nis2.assessment", incident.nis2.assessment, False),
        ("nis2.root_cause", incident.nis2.root_cause, False),
        ("nis2.mitigation", incident.nis2.mitigation, False),
        ("organisation.name", org.name, True),
        ("organisation.about", org.about, False),
        ("organisation.hotline.hours", org.hotline.hours, False),
    ]
    for number, entry in enumerate(incident.statuses, start=1):
        fields.append((f"status[{number}].note", entry.note, False))
    for site in org.sites:
        fields.append((f"organisation.site[{site.id}].name", site.name, True))
        fields.append((f"organisation.site[{site.id}].town", site.town, False))
    for service in org.services:
        fields.append((f"organisation.service[{service.id}].name", service.name, True))
    for partner in org.partners:
        fields.append((f"organisation.partner[{partner.id}].name", partner.name, True))
    if org.spokesperson is not None:
        fields.append(("organisation.spokesperson.role", org.spokesperson.role, False))
    return fields


def _check_texts(org: Organisation, incident: Incident) -> list[Problem]:
    problems = []
    for field_name, texts, required in _localised_fields(org, incident):
        present = any(t.strip() for t in texts.values())
        for code in incident.languages:
            if code not in LANGUAGES:
                continue
            if (required or present) and not texts.get(code, "").strip():
                problems.append(Problem(ERROR, field_name, "the text is missing in this "
                                        "language", language=code))
        for code, text in texts.items():
            bad = control_characters(text)
            if bad:
                problems.append(Problem(ERROR, field_name, f"contains invisible control "
                                        f"characters ({_codes(bad)}); they are left out of "
                                        "the documents", language=code))
            problems += _check_characters(field_name, code, text)
    for field_name, value in (("organisation.hotline.phone", org.hotline.phone),):
        if not value.strip():
            problems.append(Problem(WARNING, field_name, "no information line is given"))
    return problems


def _codes(characters: list[str]) -> str:
    return ", ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(characters))


def _check_characters(field_name: str, code: str, text: str) -> list[Problem]:
    """Characters that hide or reorder text, or that the printed documents cannot show."""
    problems = []
    hidden = invisible_formatting(text)
    if hidden:
        problems.append(Problem(ERROR, field_name, f"contains invisible characters that "
                                f"hide or reorder text ({_codes(hidden)}); remove them",
                                language=code))
    if right_to_left(text):
        problems.append(Problem(WARNING, field_name, "contains right-to-left writing "
                                "(Arabic, Hebrew…): the PDFs print it reversed and unjoined; "
                                "give a transliteration", language=code))
    elif any(ord(c) > LATIN_EXTENDED for c in text):
        from crisis_desk.pdf.fonts import missing_glyphs  # ReportLab only when needed

        boxes = missing_glyphs(text)
        if boxes:
            problems.append(Problem(WARNING, field_name, f"the printed documents have no "
                                    f"sign for {' '.join(boxes)} ({_codes(boxes)}): they "
                                    "would print as empty boxes", language=code))
    return problems


def _check_times(incident: Incident) -> list[Problem]:
    problems = []
    if incident.issued < incident.started:
        problems.append(Problem(ERROR, "issued", "is before the start of the incident"))
    if incident.next_update is not None and incident.next_update <= incident.issued:
        problems.append(Problem(ERROR, "next_update", "must be after 'issued'"))
    if incident.detected is not None:
        if incident.detected < incident.started:
            problems.append(Problem(ERROR, "detected", "is before the start of the incident: "
                                    "nobody can become aware of it before it begins"))
        elif incident.detected > incident.issued:
            problems.append(Problem(ERROR, "detected", "is after 'issued': an update cannot "
                                    "be published before the organisation knew"))
    return problems


def _check_authority_language(incident: Incident) -> list[Problem]:
    """The authorities' documents are written from the incident's texts in that language."""
    code = incident.authority_language
    if code is None or code in incident.languages:
        return []
    if code not in LANGUAGES:
        return [Problem(ERROR, "authority_language", f"unknown language '{code}' (known: "
                        f"{', '.join(LANGUAGES)})", fatal=True)]
    return [Problem(ERROR, "authority_language", f"'{code}' is not one of the incident's "
                    f"languages ({', '.join(incident.languages)}): its texts are not "
                    "written in it", fatal=True)]


def clock_problems(incident: Incident, now: datetime,
                   document_states: Mapping[str, str] | None = None,
                   timezone: str | None = None) -> list[Problem]:
    """A warning for each obligation past its deadline whose document is not approved."""
    return [Problem(WARNING, clock.obligation.kind, f"overdue: {clock.obligation.kind} was "
                    f"due {clock.deadline:%Y-%m-%d %H:%M %z} ({_elapsed(clock, now)} ago) and "
                    "is not approved")
            for clock in clocks(incident, now, document_states, timezone) if clock.overdue]


def _elapsed(clock: Clock, now: datetime) -> str:
    assert clock.deadline is not None
    hours = int((now - clock.deadline).total_seconds() // 3600)
    return f"{hours // 24} d {hours % 24} h" if hours >= 24 else f"{hours} h"
