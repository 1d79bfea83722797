"""The public status web page: one self-contained HTML file in every language of the request.

The page is uploaded to any host while the hospital's own website is down, so it
carries everything inline (styles, SVG status shapes) and loads nothing: its
Content-Security-Policy forbids every fetch and every script. The language
switch is a CSS-only radio group, so it works offline and without JavaScript.

Each language is a section rendered by that language's template environment
(``status-page/section.html.j2``, autoescaped); ``status-page/page.html.j2`` puts
the sections together with the styles and the switch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit, urlunsplit

from markupsafe import Markup

from crisis_desk.documents import register_format
from crisis_desk.domain.statuses import STATUSES
from crisis_desk.i18n import N_, Language, gettext
from crisis_desk.rendering.context import LanguageView, SiteView, StatusView, build_view
from crisis_desk.rendering.environment import render_template
from crisis_desk.rendering.request import RenderRequest

DOCUMENT_TITLE = N_("%(organisation)s: service status")
WORKS_ELSEWHERE = 1  # a service at this severity or below can stand in for one that is out
NEEDS_ALTERNATIVE = 2  # limited, relocated, suspended or closed: tell people where else to go
URL_SAFE = "/:@!$&'()*+,;=%-._~"  # what a URL may carry unencoded (RFC 3986), and % itself


@dataclass(frozen=True)
class LanguageSection:
    """One language of the page: its title and its rendered section."""

    lang: Language
    document_title: str  # for the page's <title>, which names every language
    html: Markup


def render_status_page(request: RenderRequest) -> bytes:
    """The whole page, UTF-8, with one section per language of the request."""
    sections = [_section(request, code) for code in request.languages]
    context = {
        "sections": sections,
        "statuses": list(STATUSES.values()),
        "draft": request.is_draft,
    }
    page = render_template("status-page/page.html.j2", request.languages[0], context,
                           request.template_dirs)
    return page.encode("utf-8")


def _section(request: RenderRequest, code: str) -> LanguageSection:
    view = build_view(request.organisation, request.incident, code, None, request.languages)
    context = {
        **view.as_context(),
        "alternatives": alternatives(view.sites),
        "legend": _legend(view),
        "hotline_href": tel_href(view.org.hotline),
        "status_href": web_href(view.org.status_url),
        "draft": request.is_draft,
        "approval": request.approval,
    }
    html = render_template("status-page/section.html.j2", code, context, request.template_dirs)
    title = gettext(code, DOCUMENT_TITLE) % {"organisation": view.org.name}
    return LanguageSection(view.lang, title, Markup(html))


def alternatives(sites: tuple[SiteView, ...]) -> dict[str, dict[str, tuple[str, ...]]]:
    """For each site and each service that is out or restricted there, the other sites
    where the same service still works (relocated services already name their site)."""
    found: dict[str, dict[str, tuple[str, ...]]] = {}
    for site in sites:
        found[site.id] = {}
        for service in site.services:
            if service.status.severity < NEEDS_ALTERNATIVE or service.moved_to:
                continue
            found[site.id][service.id] = tuple(
                other.name for other in sites if other.id != site.id
                and any(s.id == service.id and s.status.severity <= WORKS_ELSEWHERE
                        for s in other.services))
    return found


def _legend(view: LanguageView) -> list[StatusView]:
    """The statuses that appear on the page, by severity, with their general wording
    (a relocated service's label names its new site; the legend must not)."""
    shown = {service.status.id for site in view.sites for service in site.services}
    code = view.lang.code
    return [StatusView(status.id, gettext(code, status.label), gettext(code, status.description),
                       status.colour, status.shape, status.symbol, status.severity)
            for status in sorted(STATUSES.values(), key=lambda s: (s.severity, s.id))
            if status.id in shown]


def tel_href(phone: str) -> str | None:
    """A ``tel:`` link for a phone number as people write it, or None if it has no digits."""
    digits = re.sub(r"[^\d+]", "", phone)
    return f"tel:{digits}" if re.search(r"\d", digits) else None


def web_href(url: str) -> str | None:
    """The status address as a link target, only when it is a plain http(s) address:
    percent-encoded (the host in IDNA), so that no reader or checker has to guess."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or re.search(r"\s", url):
        return None
    try:
        host = parts.hostname.encode("idna").decode("ascii")
        netloc = host + (f":{parts.port}" if parts.port else "")
    except (UnicodeError, ValueError):  # not a host name, or not a port number
        return None
    return urlunsplit((parts.scheme, netloc, quote(parts.path, safe=URL_SAFE),
                       quote(parts.query, safe=URL_SAFE + "?"),
                       quote(parts.fragment, safe=URL_SAFE + "?")))


register_format("status-page", "html", render_status_page)
