"""The strict TOML reader under the loader: it reads one table, names each field and
its line in every message, and refuses what the format does not know.

``loading`` builds the model from it; the rules shared with the editor (ids, web
addresses, coordinates) live here too, so the profile dialog words them the same.
"""

from __future__ import annotations

import difflib
import math
import re
import tomllib
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Literal, TypeVar, overload
from zoneinfo import ZoneInfo

from crisis_desk.domain.model import (
    Localised,
)
from crisis_desk.domain.phrasing import phrased
from crisis_desk.i18n import N_, _
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
