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
from crisis_desk.domain.limits import MAX_TEXT_LENGTH, MAX_TOTAL_LENGTH
from crisis_desk.domain.model import (
    ACCEPTED,
    APPOINTMENT_RULES,
    CANCELLED,
    DIVERTED,
    MAINTAINED,
    WILDCARD_SITE,
    Incident,
    Localised,
    Organisation,
    PhrasedText,
    StatusEntry,
    is_emergency,
)
from crisis_desk.domain.obligations import Clock, clocks
from crisis_desk.domain.phrasing import bind_phrases, phrasebook_for, texts_of
from crisis_desk.domain.problems import Problem, Severity, has_errors, is_fatal
from crisis_desk.domain.readability import (
    PLAIN_LANGUAGE_LIMIT,
    long_sentences,
    opening,
    word_count,
)
from crisis_desk.domain.statuses import STATUSES
from crisis_desk.i18n import LANGUAGES, N_, _, format_list, format_number, interface_language
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
    incident = bind_phrases(org, incident)  # phrases count as text in every language they have
    problems += _check_phrases(org, incident)
    problems += _check_lengths(org, incident)
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
            problems.append(Problem(ERROR, field_name, _("name at least one language"),
                                    fatal=True))
        for code in codes:
            if code not in LANGUAGES:
                known = ", ".join(LANGUAGES)
                problems.append(Problem(ERROR, field_name,
                                        _("unknown language '%(code)s' (known: %(known)s)")
                                        % {"code": code, "known": known}, fatal=True))
        for code, count in Counter(codes).items():
            if count > 1:
                problems.append(Problem(WARNING, field_name, _("'%(code)s' is listed twice")
                                        % {"code": code}))
    return problems


def _check_references(org: Organisation, incident: Incident) -> list[Problem]:
    problems = []
    if incident.organisation and incident.organisation != org.id:
        problems.append(Problem(ERROR, "organisation", _(
            "the incident is for '%(incident)s', the profile is '%(profile)s'")
            % {"incident": incident.organisation, "profile": org.id}))
    if incident.kind not in KINDS:
        problems.append(Problem(ERROR, "kind", _("unknown kind '%(kind)s' (known: %(known)s)")
                                % {"kind": incident.kind, "known": ", ".join(KINDS)},
                                fatal=True))
    if incident.appointments and incident.appointments not in APPOINTMENT_RULES:
        problems.append(Problem(ERROR, "appointments", _("must be one of %(choices)s")
                                % {"choices": ", ".join(APPOINTMENT_RULES)}, fatal=True))
    if not org.sites:
        problems.append(Problem(ERROR, "organisation.site", _("the profile has no site"),
                                fatal=True))
    for kind_of, ids, message in (
            ("site", [s.id for s in org.sites],
             N_("the site id '%(id)s' is used %(count)d times")),
            ("service", [s.id for s in org.services],
             N_("the service id '%(id)s' is used %(count)d times")),
            ("partner", [p.id for p in org.partners],
             N_("the partner id '%(id)s' is used %(count)d times"))):
        for item, count in Counter(ids).items():
            if count > 1:
                problems.append(Problem(ERROR, f"organisation.{kind_of}",
                                        _(message) % {"id": item, "count": count},
                                        fatal=True))
    for partner in org.partners:
        if org.has_site(partner.id):
            problems.append(Problem(ERROR, f"organisation.partner[{partner.id}].id",
                                    _("'%(id)s' is already the id of a site; a relocation "
                                      "to it would be ambiguous") % {"id": partner.id},
                                    fatal=True))
    for service in org.services:
        for site_id in service.sites or ():
            if not org.has_site(site_id):
                problems.append(Problem(ERROR, f"organisation.service[{service.id}].sites",
                                        _("unknown site '%(site)s'") % {"site": site_id},
                                        fatal=True))
    seen: Counter[tuple[str, str]] = Counter()
    for number, entry in enumerate(incident.statuses, start=1):
        problems += _check_entry(org, entry, f"status[{number}]")
        seen[(entry.site, entry.service)] += 1
    for (site_id, service_id), count in seen.items():
        if count > 1:
            problems.append(Problem(ERROR, "status", _(
                "service '%(service)s' at site '%(site)s' is listed %(count)d times")
                % {"service": service_id, "site": site_id, "count": count}))
    return problems


def _check_entry(org: Organisation, entry: StatusEntry, field_name: str) -> list[Problem]:
    problems = []
    line = entry.line

    def error(message: str, fatal: bool = True) -> None:
        problems.append(Problem(ERROR, field_name, message, fatal=fatal, line=line))

    site_known = entry.site == WILDCARD_SITE or org.has_site(entry.site)
    if not site_known:
        error(_("unknown site '%(site)s' (known: %(known)s)")
              % {"site": entry.site, "known": ", ".join(s.id for s in org.sites)})
    if not org.has_service(entry.service):
        error(_("unknown service '%(service)s' (known: %(known)s)")
              % {"service": entry.service, "known": ", ".join(s.id for s in org.services)})
    elif site_known and entry.site != WILDCARD_SITE \
            and not org.service(entry.service).exists_at(entry.site):
        problems.append(Problem(WARNING, field_name, _(
            "service '%(service)s' does not exist at site '%(site)s'; the entry is ignored")
            % {"service": entry.service, "site": entry.site}, line=line))
    if entry.status not in STATUSES:
        error(_("unknown status '%(status)s' (known: %(known)s)")
              % {"status": entry.status, "known": ", ".join(STATUSES)})
    if entry.status == "relocated":
        if not entry.to:
            error(_("a relocated service needs 'to', the site or partner hospital it moved "
                    "to"))
        elif not (org.has_site(entry.to) or org.has_partner(entry.to)):
            places = ", ".join([s.id for s in org.sites] + [p.id for p in org.partners])
            error(_("'to' names an unknown site or partner '%(place)s' (known: %(known)s)")
                  % {"place": entry.to, "known": places})
        elif entry.to == entry.site:
            error(_("a service cannot move to its own site"), fatal=False)
    elif entry.to:
        problems.append(Problem(WARNING, field_name, _(
            "'to' is only used with status 'relocated', not '%(status)s'")
            % {"status": entry.status}, line=line))
    problems += _check_entry_appointments(entry, field_name)
    problems += _check_entry_ambulances(org, entry, field_name)
    return problems


def _check_entry_ambulances(org: Organisation, entry: StatusEntry,
                            field_name: str) -> list[Problem]:
    """Where ambulances go: only an emergency department diverts them, to a known place."""
    if entry.ambulances is None and entry.ambulances_to is None:
        return []
    line = entry.line
    if org.has_service(entry.service) and not is_emergency(org.service(entry.service)):
        return [Problem(WARNING, f"{field_name}.ambulances", _("only an emergency department "
                        "takes or diverts ambulances, not '%(service)s'; ignored")
                        % {"service": entry.service},
                        line=line)]
    if entry.ambulances_to is None:
        if entry.ambulances == DIVERTED and not (entry.status == "relocated" and entry.to):
            return [Problem(WARNING, f"{field_name}.ambulances_to", _("ambulances are diverted "
                            "but not said where to: the dispatch sheet cannot tell crews "
                            "where to go"), line=line)]
        return []
    if not (org.has_site(entry.ambulances_to) or org.has_partner(entry.ambulances_to)):
        places = ", ".join([s.id for s in org.sites] + [p.id for p in org.partners])
        return [Problem(ERROR, f"{field_name}.ambulances_to", _("unknown site or partner "
                        "'%(place)s' (known: %(places)s)")
                        % {"place": entry.ambulances_to, "places": places}, fatal=True, line=line)]
    if entry.ambulances_to == entry.site:
        return [Problem(ERROR, f"{field_name}.ambulances_to", _("ambulances cannot be diverted "
                        "to their own site"), line=line)]
    if entry.ambulances == ACCEPTED:
        return [Problem(WARNING, f"{field_name}.ambulances_to", _("ambulances are accepted, so "
                        "'ambulances_to' is not used"), line=line)]
    return []


def _check_entry_appointments(entry: StatusEntry, field_name: str) -> list[Problem]:
    """A rule that contradicts the status: patients would come to a service that is shut."""
    if entry.appointments == MAINTAINED and entry.status in ("closed", "suspended"):
        message = _("appointments are kept ('maintained') but the service is closed: "
                    "patients will come to a service that does not receive them") \
            if entry.status == "closed" else \
            _("appointments are kept ('maintained') but the service is suspended: "
              "patients will come to a service that does not receive them")
        return [Problem(WARNING, f"{field_name}.appointments", message, line=entry.line)]
    if entry.appointments == CANCELLED and entry.status == "operational":
        return [Problem(WARNING, f"{field_name}.appointments", _(
            "appointments are cancelled although the service works normally: is that what "
            "you mean?"), line=entry.line)]
    return []


def _check_people(org: Organisation, incident: Incident) -> list[Problem]:
    """Who the documents name: the data protection officer, the spokesperson."""
    problems = []
    if incident.patient_data_at_risk and (org.dpo is None or not any(
            part.strip() for part in (org.dpo.name, org.dpo.email, org.dpo.phone))):
        problems.append(Problem(WARNING, "organisation.dpo", _(
            "patient data may be at risk but the profile names no data protection officer "
            "([dpo]): the notice must say whom patients can contact")))
    if any(text.strip() for text in incident.quote.values()) and (
            org.spokesperson is None or not org.spokesperson.name.strip()):
        problems.append(Problem(WARNING, "quote", _(
            "the press statement cannot attribute the quote: the profile names no "
            "spokesperson ([spokesperson])")))
    return problems


def _check_file_names(org: Organisation, incident: Incident) -> list[Problem]:
    """Two documents of a kit must never share a file name (ids "x" and "a3-x" would)."""
    owners: dict[str, list[str]] = {}
    for doc in plan(org, incident):
        owners.setdefault(doc.filename, []).append(doc.site or doc.kind)
    problems = []
    for name, sites in owners.items():
        if len(sites) > 1:
            named = format_list([f"'{site}'" for site in dict.fromkeys(sites)],
                                interface_language())
            problems.append(Problem(ERROR, "organisation.site", _(
                "the ids %(ids)s would give two documents the same file name (%(name)s); "
                "rename one") % {"ids": named, "name": name}, fatal=True))
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
    fields.append(("staff_instructions", incident.staff_instructions, False))
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


def _check_phrases(org: Organisation, incident: Incident) -> list[Problem]:
    """Phrase ids the phrasebook does not know, or lacking a language, or a model value."""
    book = phrasebook_for(org)
    problems = []
    for field_name, texts, entry in texts_of(incident):
        if not isinstance(texts, PhrasedText):
            continue
        for phrase_id in dict.fromkeys(texts.phrases):
            if not book.knows(phrase_id):
                problems.append(Problem(ERROR, field_name, _("unknown phrase '%(phrase)s': "
                                        "neither the packaged phrasebook nor the "
                                        "organisation's has it") % {"phrase": phrase_id}))
                continue
            problems += [Problem(ERROR, field_name, _("the phrase '%(phrase)s' has no text "
                                 "in this language") % {"phrase": phrase_id}, language=code)
                         for code in incident.languages
                         if code in LANGUAGES and book.text(phrase_id, code) is None]
            problems += _check_placeholders(org, incident, field_name, phrase_id,
                                            book.placeholders(phrase_id), entry)
    return problems


def _check_placeholders(org: Organisation, incident: Incident, field_name: str,
                        phrase_id: str, names: set[str],
                        entry: StatusEntry | None) -> list[Problem]:
    """A phrase's placeholders need the model values they stand for."""
    lacking = []
    if "destination" in names and (entry is None or not entry.to):
        lacking.append(_("a relocated service's 'to' (use it in that service's note)"))
    if names & {"next_date", "next_time"} and incident.next_update is None:
        lacking.append("'next_update'")
    if "hotline" in names and not org.hotline.phone.strip():
        lacking.append(_("the profile's hotline phone"))
    return [Problem(ERROR, field_name, _("the phrase '%(phrase)s' needs %(what)s")
                    % {"phrase": phrase_id, "what": what})
            for what in lacking]


def _check_texts(org: Organisation, incident: Incident) -> list[Problem]:
    problems = []
    for field_name, texts, required in _localised_fields(org, incident):
        present = any(t.strip() for t in texts.values())
        if isinstance(texts, PhrasedText):
            # The phrases' languages are checked per phrase; what follows them was typed,
            # so it is needed in every language once it is given in one.
            required, present = False, any(t.strip() for t in texts.typed.values())
        typed = texts.typed if isinstance(texts, PhrasedText) else texts
        for code in incident.languages:
            if code not in LANGUAGES:
                continue
            if (required or present) and not typed.get(code, "").strip():
                problems.append(Problem(ERROR, field_name, _("the text is missing in this "
                                                             "language"), language=code))
        for code, text in texts.items():
            bad = control_characters(text)
            if bad:
                problems.append(Problem(ERROR, field_name, _(
                    "contains invisible control characters (%(codes)s); they are left out of "
                    "the documents") % {"codes": _codes(bad)}, language=code))
            problems += _check_characters(field_name, code, text)
            problems += _check_readability(field_name, code, text)
    for field_name, value in (("organisation.hotline.phone", org.hotline.phone),):
        if not value.strip():
            problems.append(Problem(WARNING, field_name, _("no information line is given")))
    return problems


def _check_readability(field_name: str, code: str, text: str) -> list[Problem]:
    """Plain language: a warning per sentence longer than readers take in at once."""
    return [Problem(WARNING, field_name, _("a sentence of %(words)d words (more "
                    "than %(limit)d) is hard to read: split it (“%(start)s”)")
                    % {"words": word_count(sentence), "limit": PLAIN_LANGUAGE_LIMIT,
                       "start": opening(sentence)}, language=code)
            for sentence in long_sentences(text)]


def _codes(characters: list[str]) -> str:
    return ", ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(characters))


def _check_characters(field_name: str, code: str, text: str) -> list[Problem]:
    """Characters that hide or reorder text, or that the printed documents cannot show."""
    problems = []
    hidden = invisible_formatting(text)
    if hidden:
        problems.append(Problem(ERROR, field_name, _(
            "contains invisible characters that hide or reorder text (%(codes)s); remove "
            "them") % {"codes": _codes(hidden)}, language=code))
    if right_to_left(text):
        problems.append(Problem(WARNING, field_name, _(
            "contains right-to-left writing (Arabic, Hebrew…): the PDFs print it reversed "
            "and unjoined; give a transliteration"), language=code))
    elif any(ord(c) > LATIN_EXTENDED for c in text):
        from crisis_desk.pdf.fonts import missing_glyphs  # ReportLab only when needed

        boxes = missing_glyphs(text)
        if boxes:
            problems.append(Problem(WARNING, field_name, _(
                "the printed documents have no sign for %(characters)s (%(codes)s): they "
                "would print as empty boxes")
                % {"characters": " ".join(boxes), "codes": _codes(boxes)}, language=code))
    return problems


def _check_lengths(org: Organisation, incident: Incident) -> list[Problem]:
    """Texts too long to lay out in reasonable time: fatal, so nothing renders them."""
    problems = []
    totals: Counter[str] = Counter()
    for field_name, texts, _required in _localised_fields(org, incident):
        for code, text in texts.items():
            totals[code] += len(text)
            if len(text) > MAX_TEXT_LENGTH:
                problems.append(_too_long(field_name, len(text), code))
    problems += [_too_long(field_name, len(value)) for field_name, value in _plain_fields(org)
                 if len(value) > MAX_TEXT_LENGTH]
    for code, total in totals.items():
        if total > MAX_TOTAL_LENGTH and not problems:  # else shortening those comes first
            problems.append(Problem(ERROR, "incident", _(
                "the texts together are %(length)s characters long in this language; at "
                "most %(limit)s can be laid out: shorten the longest")
                % {"length": _count(total), "limit": _count(MAX_TOTAL_LENGTH)},
                language=code, fatal=True))
    return problems


def _too_long(field_name: str, length: int, code: str | None = None) -> Problem:
    return Problem(ERROR, field_name, _(
        "is %(length)s characters long; a text may hold at most %(limit)s: shorten it, or "
        "put the details on the status page")
        % {"length": _count(length), "limit": _count(MAX_TEXT_LENGTH)},
        language=code, fatal=True)


def _count(number: int) -> str:
    return format_number(number, interface_language())


def _plain_fields(org: Organisation) -> list[tuple[str, str]]:
    """(field, value) of the profile's texts that are the same in every language."""
    fields = [("organisation.status_url", org.status_url),
              ("organisation.press.name", org.press.name),
              ("organisation.press.phone", org.press.phone),
              ("organisation.press.email", org.press.email),
              ("organisation.hotline.phone", org.hotline.phone)]
    fields += [(f"organisation.status_url.{code}", url) for code, url in org.status_urls.items()]
    for kind_of, places in (("site", org.sites), ("partner", org.partners)):
        for place in places:
            fields += [(f"organisation.{kind_of}[{place.id}].address", place.address),
                       (f"organisation.{kind_of}[{place.id}].phone", place.phone)]
    for who, person in (("dpo", org.dpo), ("spokesperson", org.spokesperson)):
        if person is not None:
            fields += [(f"organisation.{who}.{key}", getattr(person, key))
                       for key in ("name", "email", "phone") if hasattr(person, key)]
    return fields


def _check_times(incident: Incident) -> list[Problem]:
    problems = []
    if incident.issued < incident.started:
        problems.append(Problem(ERROR, "issued", _("is before the start of the incident")))
    if incident.next_update is not None and incident.next_update <= incident.issued:
        problems.append(Problem(ERROR, "next_update", _("must be after 'issued'")))
    if incident.detected is not None:
        if incident.detected < incident.started:
            problems.append(Problem(ERROR, "detected", _("is before the start of the "
                                    "incident: nobody can become aware of it before it "
                                    "begins")))
        elif incident.detected > incident.issued:
            problems.append(Problem(ERROR, "detected", _("is after 'issued': an update "
                                    "cannot be published before the organisation knew")))
    return problems


def _check_authority_language(incident: Incident) -> list[Problem]:
    """The authorities' documents are written from the incident's texts in that language."""
    code = incident.authority_language
    if code is None or code in incident.languages:
        return []
    if code not in LANGUAGES:
        return [Problem(ERROR, "authority_language", _("unknown language '%(code)s' (known: "
                        "%(known)s)") % {"code": code, "known": ", ".join(LANGUAGES)},
                        fatal=True)]
    return [Problem(ERROR, "authority_language", _("'%(code)s' is not one of the incident's "
                    "languages (%(languages)s): its texts are not written in it")
                    % {"code": code, "languages": ", ".join(incident.languages)}, fatal=True)]


def clock_problems(incident: Incident, now: datetime,
                   document_states: Mapping[str, str] | None = None,
                   timezone: str | None = None) -> list[Problem]:
    """A warning for each obligation past its deadline whose document is not approved."""
    return [Problem(WARNING, clock.obligation.kind, _("overdue: %(kind)s was due %(due)s "
                    "(%(elapsed)s ago) and is not approved")
                    % {"kind": clock.obligation.kind,
                       "due": f"{clock.deadline:%Y-%m-%d %H:%M %z}",
                       "elapsed": _elapsed(clock, now)})
            for clock in clocks(incident, now, document_states, timezone) if clock.overdue]


def _elapsed(clock: Clock, now: datetime) -> str:
    assert clock.deadline is not None
    hours = int((now - clock.deadline).total_seconds() // 3600)
    if hours >= 24:
        return _("%(days)d d %(hours)d h") % {"days": hours // 24, "hours": hours % 24}
    return _("%(hours)d h") % {"hours": hours}
