"""Reading organisation profiles and incidents from TOML into the model.

Structural problems (malformed TOML, wrong types, missing required fields, files
that are empty, binary or huge) raise one ``InputError`` naming the file, the
line where it can be found and the field. Meaning (unknown sites, missing
translations, …) is the checker's job, so that all such problems are listed at
once.
"""

from __future__ import annotations

import re
import tomllib
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Literal, overload
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from crisis_desk.domain.model import (
    Hotline,
    Incident,
    Organisation,
    PressContact,
    Service,
    Site,
    StatusEntry,
)
from crisis_desk.support.errors import InputError

MAX_FILE_BYTES = 2 * 1024 * 1024  # a real profile is a few kB; refuse what is not one


def read_toml(path: Path | str) -> tuple[dict[str, Any], str]:
    """Parse a TOML file; return the data and the text (for line numbers)."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError("file not found", path=path) from None
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror})", path=path) from None
    if path.is_dir():
        raise InputError("is a folder, not a TOML file", path=path)
    if size > MAX_FILE_BYTES:
        raise InputError(
            f"file is too large ({size // 1024} kB; at most {MAX_FILE_BYTES // 1024} kB)",
            path=path,
        )
    raw = path.read_bytes()
    return parse_toml(raw, path)


def parse_toml(raw: bytes, path: Path | str) -> tuple[dict[str, Any], str]:
    """Parse TOML bytes, turning every failure into an ``InputError``."""
    if not raw.strip():
        raise InputError("file is empty", path=path)
    if b"\x00" in raw:
        raise InputError("not a text file (it contains binary data)", path=path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError("not valid UTF-8 text", path=path,
                         line=raw[: exc.start].count(b"\n") + 1) from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = re.search(r"\(at line (\d+), column \d+\)", message)
        line = int(match.group(1)) if match else None
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", message)
        message = re.sub(r"\s*\(at end of document\)", " (at the end of the file)", message)
        raise InputError(f"malformed TOML: {message}", path=path, line=line) from None


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
            raise self.error(None, "must be a table")
        self.data = data

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
        if key not in self.data:
            if required:
                raise self.error(None, f"the field '{key}' is missing")
            return None
        return self.data[key]

    def text(self, key: str, *, required: bool = False, default: str = "") -> str:
        value = self._get(key, required)
        if value is None:
            return default
        if not isinstance(value, str):
            raise self.error(key, f"must be text in quotes, not {_type_name(value)}")
        return value

    def integer(self, key: str, *, required: bool = False, default: int = 0) -> int:
        value = self._get(key, required)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(key, f"must be a whole number, not {_type_name(value)}")
        return value

    def boolean(self, key: str, *, default: bool = False) -> bool:
        value = self._get(key, False)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise self.error(key, f"must be true or false, not {_type_name(value)}")
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
            raise self.error(key, 'must be a list of texts, such as ["fr", "nl"]')
        return tuple(value)

    def localised(self, key: str, *, required: bool = False) -> dict[str, str]:
        value = self._get(key, required)
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise self.error(key, 'must give the text per language, such as '
                                  '{ fr = "…", nl = "…" }')
        for lang, text in value.items():
            if not isinstance(text, str):
                raise self.error(key, f"the text for '{lang}' must be in quotes, "
                                      f"not {_type_name(text)}")
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
            return value if value.tzinfo else value.replace(tzinfo=timezone)
        if isinstance(value, date) and not isinstance(value, datetime):
            raise self.error(key, "needs a time as well, such as 2022-05-16T10:00:00+02:00")
        if isinstance(value, time):
            raise self.error(key, "needs a date as well, such as 2022-05-16T10:00:00+02:00")
        raise self.error(key, "must be a date and time, such as 2022-05-16T10:00:00+02:00 "
                              f"(without quotes), not {_type_name(value)}")

    def tables(self, key: str) -> list[_Reader]:
        value = self._get(key, False)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.error(key, f"must be a list of tables, written [[{key}]]")
        return [_Reader(item, self.path, self.locator, table=key, index=number)
                for number, item in enumerate(value)]

    def sub(self, key: str) -> _Reader:
        value = self._get(key, False)
        reader = _Reader({} if value is None else value, self.path, self.locator, table=key)
        return reader


def _type_name(value: Any) -> str:
    names = {bool: "true/false", int: "a number", float: "a number", str: "text",
             list: "a list", dict: "a table", datetime: "a date and time", date: "a date",
             time: "a time"}
    return names.get(type(value), type(value).__name__)


def load_organisation(path: Path | str) -> Organisation:
    """Read an organisation profile (see examples/organisation.toml)."""
    data, text = read_toml(path)
    return organisation_from_data(data, text, path)


def organisation_from_data(data: dict[str, Any], text: str, path: Path | str) -> Organisation:
    """Build an ``Organisation`` from parsed TOML."""
    top = _Reader(data, path, _Locator(text))
    timezone = top.text("timezone", default="Europe/Brussels")
    _zone(timezone, top, "timezone")
    press = top.sub("press")
    hotline = top.sub("hotline")
    hours = hotline.localised("hours")
    return Organisation(
        id=top.text("id", required=True),
        name=top.localised("name", required=True),
        languages=top.text_list("languages", default=("fr", "nl")),
        timezone=timezone,
        status_url=top.text("status_url"),
        about=top.localised("about"),
        press=PressContact(press.text("name"), press.text("phone"), press.text("email")),
        hotline=Hotline(hotline.text("phone"), hours),
        sites=tuple(_site(r) for r in top.tables("site")),
        services=tuple(_service(r) for r in top.tables("service")),
    )


def _site(reader: _Reader) -> Site:
    return Site(
        id=reader.text("id", required=True),
        name=reader.localised("name", required=True),
        town=reader.localised("town"),
        address=reader.text("address"),
        phone=reader.text("phone"),
    )


def _service(reader: _Reader) -> Service:
    return Service(
        id=reader.text("id", required=True),
        name=reader.localised("name", required=True),
        icon=reader.text("icon"),
        sites=reader.text_list("sites"),
    )


def _zone(name: str, reader: _Reader, key: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise reader.error(key, f"unknown time zone '{name}' (use e.g. Europe/Brussels)") from None


def load_incident(path: Path | str, timezone: str = "Europe/Brussels") -> Incident:
    """Read an incident; times without an offset are taken in ``timezone``."""
    data, text = read_toml(path)
    return incident_from_data(data, text, path, timezone)


def incident_from_data(data: dict[str, Any], text: str, path: Path | str,
                       timezone: str = "Europe/Brussels") -> Incident:
    """Build an ``Incident`` from parsed TOML."""
    top = _Reader(data, path, _Locator(text))
    zone = ZoneInfo(timezone)
    update = top.integer("update", default=1)
    if update < 1:
        raise top.error("update", "must be 1 or more")
    return Incident(
        organisation=top.text("organisation"),
        kind=top.text("kind", required=True),
        started=top.moment("started", zone, required=True),
        issued=top.moment("issued", zone, required=True),
        update=update,
        next_update=top.moment("next_update", zone),
        patient_data_at_risk=top.boolean("patient_data_at_risk"),
        languages=top.text_list("languages", default=("fr", "nl")),
        title=top.localised("title"),
        facts=top.localised("facts"),
        patient_advice=top.localised("patient_advice"),
        appointments=top.text("appointments") or None,
        unknowns=top.localised("unknowns"),
        actions=top.localised("actions"),
        statuses=tuple(_status_entry(r) for r in top.tables("status")),
    )


def _status_entry(reader: _Reader) -> StatusEntry:
    return StatusEntry(
        site=reader.text("site", default="*"),
        service=reader.text("service", required=True),
        status=reader.text("status", required=True),
        note=reader.localised("note"),
        to=reader.text("to") or None,
        line=reader.locator.line_of(reader.table, reader.index, None),
    )
