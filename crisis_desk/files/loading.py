"""Reading organisation profiles and incidents from TOML into the model.

Structural problems (malformed TOML, wrong types, missing required fields, files
that are empty, binary or huge) raise one ``InputError`` naming the file, the
line where it can be found and the field. Meaning (unknown sites, missing
translations, …) is the checker's job, so that all such problems are listed at
once.

Files are strict: a key the format does not know is an error that suggests the
closest known key (a typo in ``patient_data_at_risk`` must not silently drop the
data paragraph). Ids become file names, so they are lower-case letters, digits
and hyphens; status addresses are web addresses. Files carry ``format = 2``;
files without it (version 1, like the shared examples) read the same way.
"""

from __future__ import annotations

import difflib
import math
import re
import tomllib
from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Literal, TypeVar, overload
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from crisis_desk.domain.model import (
    AMBULANCE_RULES,
    APPOINTMENT_RULES,
    FORMAT_VERSION,
    SEVERITIES,
    DataBreach,
    DataProtectionOfficer,
    Hotline,
    Incident,
    Localised,
    Nis2Details,
    Organisation,
    Partner,
    PressContact,
    PublishedMessage,
    Service,
    Site,
    Spokesperson,
    StatusEntry,
)
from crisis_desk.domain.phrasing import phrased
from crisis_desk.i18n import LANGUAGES, N_, _
from crisis_desk.i18n.phrasebook import PLACEHOLDERS, placeholders_in
from crisis_desk.support.errors import InputError

T = TypeVar("T")
MAX_FILE_BYTES = 2 * 1024 * 1024  # a real profile is a few kB; refuse what is not one
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
MAX_URL_LENGTH = 200
MAX_UPDATE = 10_000
CAP_TOKEN = re.compile(r"[^\s,<&]{1,200}")  # what CAP allows in a sender or an identifier
YEARS = range(1970, 2201)  # a crisis happens in this window; year 1 or 9999 is a typo
LATITUDE = (-90.0, 90.0)  # decimal degrees
LONGITUDE = (-180.0, 180.0)
# What is wrong with a web address (``web_address_fault``); the editor words each one.
NOT_A_WEB_ADDRESS, TOO_LONG, HAS_SPACES = "not-a-web-address", "too-long", "has-spaces"


def is_valid_id(value: str) -> bool:
    """Ids become file names: 1 to 40 lower-case letters, digits and hyphens."""
    return ID_PATTERN.fullmatch(value) is not None


def web_address_fault(value: str) -> str | None:
    """None when ``value`` is a usable status address (or empty), else what is wrong."""
    if not value:
        return None
    if not re.match(r"https?://[^/\s]", value, re.IGNORECASE):
        return NOT_A_WEB_ADDRESS
    if len(value) > MAX_URL_LENGTH:
        return TOO_LONG
    if any(c.isspace() or ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in value):
        return HAS_SPACES
    return None


def is_coordinate(value: float, bounds: tuple[float, float]) -> bool:
    """A finite number within ``bounds`` (``LATITUDE`` or ``LONGITUDE``)."""
    return math.isfinite(value) and bounds[0] <= value <= bounds[1]


def read_toml(path: Path | str) -> tuple[dict[str, Any], str]:
    """Parse a TOML file; return the data and the text (for line numbers)."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(_("file not found"), path=path) from None
    except OSError as exc:
        raise InputError(_("cannot read the file (%(reason)s)") % {"reason": exc.strerror},
                         path=path) from None
    if path.is_dir():
        raise InputError(_("is a folder, not a TOML file"), path=path)
    if size > MAX_FILE_BYTES:
        raise InputError(
            _("file is too large (%(size)d kB; at most %(limit)d kB)")
            % {"size": size // 1024, "limit": MAX_FILE_BYTES // 1024},
            path=path,
        )
    raw = path.read_bytes()
    return parse_toml(raw, path)


def parse_toml(raw: bytes, path: Path | str) -> tuple[dict[str, Any], str]:
    """Parse TOML bytes, turning every failure into an ``InputError``."""
    if not raw.strip():
        raise InputError(_("file is empty"), path=path)
    if b"\x00" in raw:
        raise InputError(_("not a text file (it contains binary data)"), path=path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(_("not valid UTF-8 text"), path=path,
                         line=raw[: exc.start].count(b"\n") + 1) from None
    try:
        return tomllib.loads(text), text
    except RecursionError:
        raise InputError(_("malformed TOML: tables or lists are nested too deeply"),
                         path=path) from None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = re.search(r"\(at line (\d+), column \d+\)", message)
        line = int(match.group(1)) if match else None
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", message)
        message = re.sub(r"\s*\(at end of document\)", _(" (at the end of the file)"), message)
        # The parser's own words stay as it gives them; the frame around them is ours.
        raise InputError(_("malformed TOML: %(reason)s") % {"reason": message}, path=path,
                         line=line) from None


class _Locator:
    """Finds the line of a field in the TOML text (best effort, for messages)."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()

    def line_of(self, table: str | None, index: int | None, key: str | None) -> int | None:
        start = 0
        end = len(self.lines)
        if table is not None:
            table_start = self._table_start(table, index)
            if table_start is None:
                return None
            start = table_start
            end = self._table_end(start + 1, table)
            if key is None:
                return start + 1
        else:
            end = self._first_header()
        if key is None:
            return None
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=|^\s*\[{re.escape(table or '')}"
                             rf"\.?{re.escape(key)}\]")
        for number in range(start, end):
            if pattern.match(self.lines[number]):
                return number + 1
        if table is None:
            header = re.compile(rf"^\s*\[{re.escape(key)}[\].]")
            for number, content in enumerate(self.lines):
                if header.match(content):
                    return number + 1
        return None

    def _first_header(self) -> int:
        for number, content in enumerate(self.lines):
            if content.lstrip().startswith("["):
                return number
        return len(self.lines)

    def _table_start(self, table: str, index: int | None) -> int | None:
        pattern = re.compile(rf"^\s*\[\[\s*{re.escape(table)}\s*\]\]" if index is not None
                             else rf"^\s*\[\s*{re.escape(table)}\s*\]")
        seen = -1
        for number, content in enumerate(self.lines):
            if pattern.match(content):
                seen += 1
                if index is None or seen == index:
                    return number
        return None

    def _table_end(self, start: int, table: str) -> int:
        own = re.compile(rf"^\s*\[{re.escape(table)}\.")
        for number in range(start, len(self.lines)):
            content = self.lines[number].lstrip()
            if content.startswith("[") and not own.match(content):
                return number
        return len(self.lines)


class _Reader:
    """Typed access to one TOML table, raising ``InputError`` with file, line and field."""

    def __init__(self, data: Any, path: Path | str, locator: _Locator, *,
                 table: str | None = None, index: int | None = None) -> None:
        self.path = path
        self.locator = locator
        self.table = table
        self.index = index
        if not isinstance(data, dict):
            raise self.error(None, _("must be a table"))
        self.data = data
        self.read: set[str] = set()  # the keys asked for: the others are unknown

    def field_name(self, key: str | None) -> str:
        parts = []
        if self.table:
            parts.append(self.table if self.index is None else f"{self.table}[{self.index + 1}]")
        if key:
            parts.append(key)
        return ".".join(parts)

    def error(self, key: str | None, message: str) -> InputError:
        line = self.locator.line_of(self.table, self.index, key)
        return InputError(message, path=self.path, line=line, field=self.field_name(key) or None)

    def has(self, key: str) -> bool:
        return key in self.data

    def _get(self, key: str, required: bool) -> Any:
        self.read.add(key)
        if key not in self.data:
            if required:
                raise self.error(None, _("the field '%(key)s' is missing") % {"key": key})
            return None
        return self.data[key]

    def text(self, key: str, *, required: bool = False, default: str = "") -> str:
        value = self._get(key, required)
        if value is None:
            return default
        if not isinstance(value, str):
            raise self.error(key, _("must be text in quotes, not %(type)s")
                             % {"type": _type_name(value)})
        return value

    def integer(self, key: str, *, required: bool = False, default: int = 0) -> int:
        value = self._get(key, required)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(key, _("must be a whole number, not %(type)s")
                             % {"type": _type_name(value)})
        return value

    def boolean_or_none(self, key: str) -> bool | None:
        """An optional true/false whose absence means "decide by default"."""
        return self.boolean(key) if key in self.data else self._get(key, False)

    def number(self, key: str, bounds: tuple[float, float]) -> float | None:
        """An optional decimal number within ``bounds`` (coordinates)."""
        value = self._get(key, False)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) \
                or not math.isfinite(value):
            raise self.error(key, _("must be a decimal number, not %(type)s")
                             % {"type": _type_name(value)})
        if not is_coordinate(value, bounds):
            raise self.error(key, _("must be between %(low)s and %(high)s")
                             % {"low": f"{bounds[0]:g}", "high": f"{bounds[1]:g}"})
        return float(value)

    def identifier(self, key: str) -> str:
        """A required id: it becomes part of file names, so only a-z, 0-9 and hyphens."""
        value = self.text(key, required=True)
        if not is_valid_id(value):
            raise self.error(key, _("'%(value)s' is not a valid id: use 1 to 40 lower-case "
                                    "letters, digits and hyphens, starting with a letter or "
                                    "digit (such as 'arlon' or 'site-2')")
                             % {"value": _shown(value)})
        return value

    def choice(self, key: str, choices: tuple[str, ...]) -> str | None:
        value = self.text(key) or None
        if value is not None and value not in choices:
            raise self.error(key, _("must be one of %(choices)s, not '%(value)s'")
                             % {"choices": ", ".join(choices), "value": _shown(value)})
        return value

    def reject_unknown(self) -> None:
        """Refuse any key nobody asked for, suggesting the closest known one."""
        for key in self.data:
            if key in self.read:
                continue
            close = difflib.get_close_matches(key, sorted(self.read), n=1, cutoff=0.6)
            hint = _(" (did you mean '%(key)s'?)") % {"key": close[0]} if close else \
                _(" (known keys: %(keys)s)") % {"keys": ", ".join(sorted(self.read))}
            raise InputError(_("unknown key '%(key)s'") % {"key": _shown(key)} + hint,
                             path=self.path,
                             line=self.locator.line_of(self.table, self.index, key),
                             field=self.field_name(key))

    def boolean(self, key: str, *, default: bool = False) -> bool:
        value = self._get(key, False)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise self.error(key, _("must be true or false, not %(type)s")
                             % {"type": _type_name(value)})
        return value

    # With a default the list is never None; without one, None means "not given".
    @overload
    def text_list(self, key: str, *, default: tuple[str, ...]) -> tuple[str, ...]: ...
    @overload
    def text_list(self, key: str, *, default: None = None) -> tuple[str, ...] | None: ...
    def text_list(self, key: str, *, default: tuple[str, ...] | None = None
                  ) -> tuple[str, ...] | None:
        value = self._get(key, False)
        if value is None:
            return default
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(key, _('must be a list of texts, such as ["fr", "nl"]'))
        return tuple(value)

    def phrasable(self, key: str) -> Localised:
        """A localised text that may be phrases (``phrase = "id"`` or ``phrases = [...]``),
        followed or not by text per language."""
        value = self._get(key, False)
        if not isinstance(value, dict) or not ({"phrase", "phrases"} & value.keys()):
            return self.localised(key)
        if "phrase" in value and "phrases" in value:
            raise self.error(key, _("give either 'phrase' (one id) or 'phrases' (a list), "
                                    "not both"))
        ids = [value["phrase"]] if "phrase" in value else value["phrases"]
        if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
            raise self.error(key, _("the phrases must be a list of phrase ids, such as "
                                    "%(example)s")
                             % {"example": 'phrases = ["bring-identity-card", "no-bank-details"]'})
        for phrase_id in ids:
            if not is_valid_id(phrase_id):
                raise self.error(key, _("'%(id)s' is not a phrase id: use lower-case letters, "
                                        "digits and hyphens") % {"id": _shown(phrase_id)})
        typed = {code: text for code, text in value.items() if code not in ("phrase", "phrases")}
        for code, text in typed.items():
            if not isinstance(text, str):
                raise self.error(key, _("the text for '%(code)s' must be in quotes, not "
                                        "%(type)s") % {"code": code, "type": _type_name(text)})
        return phrased(tuple(ids), typed)

    def localised(self, key: str, *, required: bool = False) -> dict[str, str]:
        value = self._get(key, required)
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise self.error(key, _('must give the text per language, such as '
                                    '{ fr = "…", nl = "…" }'))
        for lang, text in value.items():
            if not isinstance(text, str):
                raise self.error(key, _("the text for '%(code)s' must be in quotes, not "
                                        "%(type)s") % {"code": lang, "type": _type_name(text)})
        return dict(value)

    # A required moment is never None: a missing one raises (TOML has no null).
    @overload
    def moment(self, key: str, timezone: ZoneInfo, *, required: Literal[True]) -> datetime: ...
    @overload
    def moment(self, key: str, timezone: ZoneInfo, *, required: bool = False
               ) -> datetime | None: ...
    def moment(self, key: str, timezone: ZoneInfo, *, required: bool = False
               ) -> datetime | None:
        value = self._get(key, required)
        if value is None:
            return None
        if isinstance(value, datetime):
            if value.year not in YEARS:
                raise self.error(key, _("the year %(year)d is out of range (%(first)d–"
                                        "%(last)d)") % {"year": value.year,
                                                        "first": YEARS.start,
                                                        "last": YEARS.stop - 1})
            return value if value.tzinfo else value.replace(tzinfo=timezone)
        if isinstance(value, date) and not isinstance(value, datetime):
            raise self.error(key, _("needs a time as well, such as %(example)s")
                             % {"example": "2022-05-16T10:00:00+02:00"})
        if isinstance(value, time):
            raise self.error(key, _("needs a date as well, such as %(example)s")
                             % {"example": "2022-05-16T10:00:00+02:00"})
        raise self.error(key, _("must be a date and time, such as %(example)s (without "
                                "quotes), not %(type)s")
                         % {"example": "2022-05-16T10:00:00+02:00", "type": _type_name(value)})

    def tables(self, key: str) -> list[_Reader]:
        value = self._get(key, False)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.error(key, _("must be a list of tables, written %(written)s")
                             % {"written": f"[[{key}]]"})
        return [_Reader(item, self.path, self.locator, table=key, index=number)
                for number, item in enumerate(value)]

    def sub(self, key: str) -> _Reader:
        value = self._get(key, False)
        reader = _Reader({} if value is None else value, self.path, self.locator, table=key)
        return reader

    def optional_sub(self, key: str) -> _Reader | None:
        """A table that may be absent altogether (then None, not an empty table)."""
        return self.sub(key) if key in self.data else None

    def web_addresses(self, key: str) -> tuple[str, dict[str, str]]:
        """``status_url``: one address, or one per language; (default, per language)."""
        value = self._get(key, False)
        if value is None:
            return "", {}
        if isinstance(value, str):
            return self._web_address(key, value), {}
        if isinstance(value, dict) and value:
            per_language = {code: self._web_address(key, text) if isinstance(text, str)
                            else _raise(self.error(key, _("the address for '%(code)s' must "
                                                          "be text in quotes")
                                                   % {"code": code}))
                            for code, text in value.items()}
            return next(iter(per_language.values())), per_language
        raise self.error(key, _('must be a web address, or one per language such as '
                                '{ fr = "https://…", nl = "https://…" }'))

    def _web_address(self, key: str, value: str) -> str:
        fault = web_address_fault(value)
        if fault == NOT_A_WEB_ADDRESS:
            raise self.error(key, _("'%(value)s' is not a web address: it must start with "
                                    "https:// (or http://)") % {"value": _shown(value)})
        if fault == TOO_LONG:
            raise self.error(key, _("is %(length)d characters long; at most %(limit)d fit a "
                                    "QR code and an SMS")
                             % {"length": len(value), "limit": MAX_URL_LENGTH})
        if fault == HAS_SPACES:
            raise self.error(key, _("must not contain spaces or control characters"))
        return value


def _raise(error: InputError) -> Any:
    raise error


def _shown(value: str, limit: int = 60) -> str:
    """User text quoted in a message: control characters made visible, long text cut."""
    visible = "".join(c if c.isprintable() else f"U+{ord(c):04X}" for c in value)
    return visible if len(visible) <= limit else visible[:limit] + "…"


def _type_name(value: Any) -> str:
    names = {bool: N_("true/false"), int: N_("a number"), float: N_("a number"),
             str: N_("text"), list: N_("a list"), dict: N_("a table"),
             datetime: N_("a date and time"), date: N_("a date"), time: N_("a time")}
    name = names.get(type(value))
    return _(name) if name else type(value).__name__


def load_organisation(path: Path | str) -> Organisation:
    """Read an organisation profile (see examples/organisation.toml).

    Its own phrasebook, when there is one beside it (``organisation.phrases.toml``
    for ``organisation.toml``), adds to the profile's ``[phrases]`` and wins over it.
    """
    data, text = read_toml(path)
    org = organisation_from_data(data, text, path)
    book = phrasebook_path(path)
    if not book.is_file():
        return org
    book_data, book_text = read_toml(book)
    top = _Reader(book_data, book, _Locator(book_text))
    _format_version(top)
    own = _own_phrases(top.sub("phrases"))
    top.reject_unknown()
    return replace(org, phrases={**org.phrases, **own})


def phrasebook_path(profile: Path | str) -> Path:
    """Where an organisation's own phrasebook lives: beside its profile."""
    profile = Path(profile)
    return profile.with_name(f"{profile.stem}.phrases.toml")


def _own_phrases(reader: _Reader) -> dict[str, dict[str, str]]:
    """``[phrases.<id>]`` tables: an organisation's phrases, each with text per language."""
    phrases = {}
    for phrase_id in list(reader.data):
        if not is_valid_id(phrase_id):
            raise reader.error(phrase_id, _("'%(id)s' is not a phrase id: use lower-case letters, "
                                            "digits and hyphens") % {"id": _shown(phrase_id)})
        texts = reader.localised(phrase_id, required=True)
        for code, text in texts.items():
            if code not in LANGUAGES:
                raise reader.error(phrase_id, _("'%(code)s' is not a language code (%(known)s)")
                                   % {"code": _shown(code), "known": ", ".join(LANGUAGES)})
            unknown = [name for name in placeholders_in(text) if name not in PLACEHOLDERS]
            if unknown:
                raise reader.error(phrase_id, _("the placeholder {%(name)s} is not known "
                                              "(known: %(known)s)")
                                   % {"name": unknown[0], "known": ", ".join(PLACEHOLDERS)})
        phrases[phrase_id] = texts
    return phrases


def organisation_from_data(data: dict[str, Any], text: str, path: Path | str) -> Organisation:
    """Build an ``Organisation`` from parsed TOML."""
    top = _Reader(data, path, _Locator(text))
    _format_version(top)
    timezone = top.text("timezone", default="Europe/Brussels")
    _zone(timezone, top, "timezone")
    status_url, status_urls = top.web_addresses("status_url")
    org = Organisation(
        id=top.identifier("id"),
        name=top.localised("name", required=True),
        languages=top.text_list("languages", default=("fr", "nl")) or ("fr", "nl"),
        timezone=timezone,
        status_url=status_url,
        status_urls=status_urls,
        about=top.localised("about"),
        press=_press(top.sub("press")),
        hotline=_hotline(top.sub("hotline")),
        sites=tuple(_site(r) for r in top.tables("site")),
        services=tuple(_service(r) for r in top.tables("service")),
        partners=tuple(_partner(r) for r in top.tables("partner")),
        dpo=_dpo(top.optional_sub("dpo")),
        spokesperson=_spokesperson(top.optional_sub("spokesperson")),
        phrases=_own_phrases(top.sub("phrases")),
        physicians_contact=top.text("physicians_contact"),
    )
    top.reject_unknown()
    return org


def _format_version(top: _Reader) -> int:
    version = top.integer("format", default=1)
    if not 1 <= version <= FORMAT_VERSION:
        raise top.error("format", _("format %(version)d is not known to this version of "
                                    "Crisis Desk (it reads formats 1 to %(last)d)")
                        % {"version": version, "last": FORMAT_VERSION})
    return version


def _finished(reader: _Reader, value: T) -> T:
    """``value``, once ``reader``'s table is known to hold no unknown key."""
    reader.reject_unknown()
    return value


def _press(reader: _Reader) -> PressContact:
    return _finished(reader, PressContact(reader.text("name"), reader.text("phone"),
                                          reader.text("email")))


def _hotline(reader: _Reader) -> Hotline:
    return _finished(reader, Hotline(reader.text("phone"), reader.localised("hours")))


def _dpo(reader: _Reader | None) -> DataProtectionOfficer | None:
    if reader is None:
        return None
    return _finished(reader, DataProtectionOfficer(reader.text("name"), reader.text("email"),
                                                   reader.text("phone")))


def _spokesperson(reader: _Reader | None) -> Spokesperson | None:
    if reader is None:
        return None
    return _finished(reader, Spokesperson(reader.text("name"), reader.localised("role")))


PlaceT = TypeVar("PlaceT", Site, Partner)


def _place(reader: _Reader, kind: type[PlaceT]) -> PlaceT:
    """A site of the group or a partner hospital: the same fields, read the same way."""
    return _finished(reader, kind(
        id=reader.identifier("id"),
        name=reader.localised("name", required=True),
        town=reader.localised("town"),
        address=reader.text("address"),
        phone=reader.text("phone"),
        lat=reader.number("lat", LATITUDE),
        lon=reader.number("lon", LONGITUDE),
    ))


def _site(reader: _Reader) -> Site:
    return _place(reader, Site)


def _partner(reader: _Reader) -> Partner:
    return _place(reader, Partner)


def _service(reader: _Reader) -> Service:
    return _finished(reader, Service(
        id=reader.identifier("id"),
        name=reader.localised("name", required=True),
        icon=reader.text("icon"),
        sites=reader.text_list("sites"),
        appointments=reader.boolean_or_none("appointments"),
        priority=_priority(reader),
    ))


def _priority(reader: _Reader) -> int | None:
    """A service's optional rank on the poster: a whole number, 1 being shown first."""
    given = reader.has("priority")
    value = reader.integer("priority")
    if not given:
        return None
    if not 1 <= value <= 999:
        raise reader.error("priority", _("must be a whole number from 1 (shown first) "
                                         "to 999, not %(value)s") % {"value": value})
    return value


def _zone(name: str, reader: _Reader, key: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise reader.error(key, _("unknown time zone '%(zone)s' (use e.g. Europe/Brussels)")
                           % {"zone": name}) from None


def load_incident(path: Path | str, timezone: str = "Europe/Brussels") -> Incident:
    """Read an incident; times without an offset are taken in ``timezone``."""
    data, text = read_toml(path)
    return incident_from_data(data, text, path, timezone)


def incident_from_data(data: dict[str, Any], text: str, path: Path | str,
                       timezone: str = "Europe/Brussels") -> Incident:
    """Build an ``Incident`` from parsed TOML."""
    top = _Reader(data, path, _Locator(text))
    _format_version(top)
    zone = ZoneInfo(timezone)
    update = top.integer("update", default=1)
    if not 1 <= update <= MAX_UPDATE:
        raise top.error("update", _("must be between 1 and %(last)d") % {"last": MAX_UPDATE})
    incident = Incident(
        organisation=top.text("organisation"),
        kind=top.text("kind", required=True),
        started=top.moment("started", zone, required=True),
        issued=top.moment("issued", zone, required=True),
        update=update,
        next_update=top.moment("next_update", zone),
        patient_data_at_risk=top.boolean("patient_data_at_risk"),
        languages=top.text_list("languages", default=("fr", "nl")),
        title=top.phrasable("title"),
        facts=top.phrasable("facts"),
        patient_advice=top.phrasable("patient_advice"),
        appointments=top.choice("appointments", APPOINTMENT_RULES),
        unknowns=top.phrasable("unknowns"),
        actions=top.phrasable("actions"),
        appointment_exceptions=top.phrasable("appointment_exceptions"),
        quote=top.phrasable("quote"),
        data_consequences=top.phrasable("data_consequences"),
        data_measures=top.phrasable("data_measures"),
        statuses=tuple(_status_entry(r) for r in top.tables("status")),
        published=tuple(_published(r, zone) for r in top.tables("published")),
        staff_instructions=top.localised("staff_instructions"),
        physicians_contact=top.text("physicians_contact"),
        detected=top.moment("detected", zone),
        breach=_breach(top.sub("breach")),
        nis2=_nis2(top.sub("nis2")),
        authority_language=top.text("authority_language") or None,
    )
    top.reject_unknown()
    return incident


def _count(reader: _Reader, key: str) -> int | None:
    """An approximate number of people or records; absent when not known."""
    if not reader.has(key):
        reader.read.add(key)
        return None
    value = reader.integer(key)
    if value < 0:
        raise reader.error(key, _("must be zero or more"))
    return value


def _breach(reader: _Reader) -> DataBreach:
    """What is known of a personal data breach (GDPR Art. 33(3)(a))."""
    return _finished(reader, DataBreach(
        data_categories=reader.localised("data_categories"),
        people_categories=reader.localised("people_categories"),
        people=_count(reader, "people"),
        records=_count(reader, "records"),
        delay_reason=reader.localised("delay_reason"),
    ))


def _nis2(reader: _Reader) -> Nis2Details:
    """The items the NIS2 reports ask beyond the situation itself."""
    return _finished(reader, Nis2Details(
        malicious=reader.boolean_or_none("malicious"),
        cross_border=reader.boolean_or_none("cross_border"),
        severity=reader.choice("severity", SEVERITIES),
        assessment=reader.localised("assessment"),
        indicators=reader.text_list("indicators", default=()),
        root_cause=reader.localised("root_cause"),
        mitigation=reader.localised("mitigation"),
    ))


def _published(reader: _Reader, zone: ZoneInfo) -> PublishedMessage:
    """A CAP message already sent: its sender, identifier and time, as CAP references them."""
    def cap_token(key: str) -> str:
        value = reader.text(key, required=True)
        if not CAP_TOKEN.fullmatch(value):
            raise reader.error(key, _("'%(value)s' cannot be a CAP %(key)s: no spaces, "
                                      "commas, '<' or '&'")
                               % {"value": _shown(value), "key": key})
        return value
    return _finished(reader, PublishedMessage(
        sender=cap_token("sender"),
        identifier=cap_token("identifier"),
        sent=reader.moment("sent", zone, required=True),
    ))


def _status_entry(reader: _Reader) -> StatusEntry:
    return _finished(reader, StatusEntry(
        site=reader.text("site", default="*"),
        service=reader.text("service", required=True),
        status=reader.text("status", required=True),
        note=reader.phrasable("note"),
        to=reader.text("to") or None,
        line=reader.locator.line_of(reader.table, reader.index, None),
        appointments=reader.choice("appointments", APPOINTMENT_RULES),
        ambulances=reader.choice("ambulances", AMBULANCE_RULES),
        ambulances_to=reader.text("ambulances_to") or None,
    ))
