"""The checks a document kind declares: what only rendering the document can tell.

Each check takes the request a kit would render (the same languages, site and
template folders) and returns the problems it finds. The registry names which
kinds carry which check; ``check_documents`` in the package runs them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from functools import cache

from crisis_desk.documents.cap_messages import references
from crisis_desk.domain.gsm import SOCIAL_LIMIT, sms_length, social_length
from crisis_desk.domain.model import Incident
from crisis_desk.domain.problems import Problem, Severity
from crisis_desk.i18n import _, _n, format_percent, interface_language
from crisis_desk.rendering.request import RenderRequest

Check = Callable[[RenderRequest], list[Problem]]


def _texts(kind_id: str, request: RenderRequest) -> list[tuple[str, str]]:
    """(language, text) of a message as it is sent: stripped, as the txt format writes it."""
    # Imported here: the text format module registers itself with the package, which
    # imports this module while it is being set up.
    from crisis_desk.rendering.text_documents import render_text_parts

    parts = render_text_parts(kind_id, request)
    return [(code, text.strip()) for code, text in zip(request.languages, parts, strict=True)]


def says_nothing_yet(incident: Incident) -> bool:
    """No service marked, no network-wide rule chosen, no free text typed in any language.

    What a new incident is until the officer starts on it: each of its documents
    is then only the templates' fixed wording around the profile's names.
    """
    texts = [getattr(incident, item.name) for item in fields(incident)]
    typed = [text for localised in texts if isinstance(localised, dict)
             for text in localised.values() if str(text).strip()]
    return not incident.statuses and incident.appointments is None and not typed


def sms_segments(request: RenderRequest) -> list[Problem]:
    """A warning for every SMS longer than one segment, naming the character to blame.

    Not while the incident says nothing yet: its SMS is then the template's own
    wording around the profile's name and hotline, nothing the officer could
    shorten, and a warning on a new, empty incident would teach them to ignore
    warnings. From the first service marked or word typed the SMS is theirs to
    send and is counted in full, fixed wording included.
    """
    if says_nothing_yet(request.incident):
        return []
    problems = []
    for code, sms in _texts("sms", request):
        length = sms_length(sms)
        if length.fits_one:
            continue
        values = {"units": length.units, "limit": length.single_limit,
                  "encoding": length.encoding, "segments": length.segments,
                  "character": length.first_outside}
        message = _n("%(units)d of %(limit)d %(encoding)s units: %(segments)d SMS",
                     "%(units)d of %(limit)d %(encoding)s units: %(segments)d SMS",
                     length.segments) % values
        if length.first_outside:
            message += _("; '%(character)s' is outside the GSM alphabet, which limits one "
                         "SMS to 70 characters") % values
        problems.append(Problem(Severity.WARNING, "sms", message, language=code))
    return problems


def social_post_length(request: RenderRequest) -> list[Problem]:
    """A warning for every social post longer than the networks take."""
    problems = []
    for code, post in _texts("social", request):
        if social_length(post) > SOCIAL_LIMIT:
            problems.append(Problem(Severity.WARNING, "social", _(
                "%(count)d characters, more than %(limit)d")
                % {"count": social_length(post), "limit": SOCIAL_LIMIT}, language=code))
    return problems


def poster_fit(request: RenderRequest) -> list[Problem]:
    """An error for every text that keeps the poster from fitting at a legible size; a
    warning when its languages take more than one page."""
    from crisis_desk.pdf.poster import measure_fit  # ReportLab only when posters are made

    fit = measure_fit(request)
    # A page too crowded holds one language alone (two that did not fit would have been
    # shared over two pages): its message counts the languages of the page, not all.
    page = {code: len(group) for group in fit.groups for code in group}
    problems = [Problem(Severity.ERROR, overflow.field, _poster_message(
                    overflow.crowded, fit.site, overflow.share,
                    page.get(overflow.language or "", len(request.languages))),
                    language=overflow.language, line=overflow.line)
                for overflow in fit.overflows]
    if len(fit.groups) > 1:  # legible, but only over several pages: all must be put up
        groups = " / ".join(", ".join(code.upper() for code in group) for group in fit.groups)
        problems.append(Problem(Severity.WARNING, "languages", _n(
            "the poster of site '%(site)s' has %(count)d page: %(groups)s",
            "the poster of site '%(site)s' has %(count)d pages, one per group of languages "
            "that fits at the legible sizes: %(groups)s — print and put up all of them",
            len(fit.groups)) % {"site": fit.site, "count": len(fit.groups),
                                "groups": groups}))
    return problems


def _poster_message(crowded: bool, site: str, share: float, languages: int) -> str:
    """Why the poster does not fit: one text too long, or all it must show together."""
    values = {"site": site, "share": format_percent(share, interface_language()),
              "count": languages}
    if not crowded:
        return _("does not fit on the poster of site '%(site)s', even at the smallest legible "
                 "size (this text alone takes %(share)s of the page); shorten it") % values
    return _n("the headline, action lines and information line of the poster of site "
              "'%(site)s' take %(share)s of the page in %(count)d language, even at the "
              "smallest legible sizes and with no service shown; shorten this text, the "
              "longest of them",
              "the headline, action lines and information line of the poster of site "
              "'%(site)s' take %(share)s of the page in %(count)d languages, even at the "
              "smallest legible sizes and with no service shown; shorten this text, the "
              "longest of them, or write the incident in fewer languages",
              languages) % values


def cap_alert(request: RenderRequest) -> list[Problem]:
    """Warnings for what receivers of the CAP alert cannot use: a site without
    coordinates (its area has no geometry), an update that references nothing."""
    org, incident = request.organisation, request.incident
    unplaced = [site for site in org.sites if not site.has_coordinates]
    if unplaced and len(unplaced) == len(org.sites):
        problems = [Problem(Severity.WARNING, "site.lat", _(
            "no site has coordinates (lat, lon): the CAP alert has no geometry, so warning "
            "systems cannot place it on a map"))]
    else:
        problems = [Problem(Severity.WARNING, f"site[{site.id}].lat", _(
            "site '%(site)s' has no coordinates (lat, lon): its area in the CAP alert has no "
            "geometry, so warning systems cannot place it") % {"site": site.id})
                    for site in unplaced]
    if incident.update > 1 and not references(org, incident, request.history):
        problems.append(Problem(Severity.WARNING, "published", _(
            "update %(number)d names no earlier message, so the CAP alert goes out as a new "
            "Alert, not an Update; list the messages already sent under [[published]] (export "
            "writes them)") % {"number": incident.update}))
    return problems



@cache
def open_items(kind_id: str) -> Check:
    """The check of an obligation document: a warning for each item it still marks
    "to be completed" (such a document cannot be approved; the others can).

    The items are the same in every language, so each is reported once, with the
    document in its first language. One check per kind, the same object each time.
    """
    def check(request: RenderRequest) -> list[Problem]:
        from crisis_desk.rendering.obligations import gaps, item_description

        incident = request.incident
        first = incident.authority_language or incident.languages[0]
        if request.languages[0] != first and first in incident.languages:
            return []
        return [Problem(Severity.WARNING, item, _(
            "%(kind)s: to be completed: %(item)s; this document cannot be approved until it "
            "is given")
                        % {"kind": kind_id, "item": item_description(item)})
                for item in gaps(kind_id, request.organisation, incident)]
    return check
