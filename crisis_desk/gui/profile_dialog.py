"""Editing the organisation profile: names, contacts, addresses, sites, services, partners.

The dialog edits a copy and builds a new ``Organisation`` only when the person
presses OK; the workflow stores it as a new version of the profile, and the
checker reports whatever no longer fits the incident (a removed site, say).
Ids, web addresses and coordinates are checked with the file loader's own rules,
so the dialog never keeps a profile that its own file could not be read back from.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crisis_desk.domain.model import (
    DataProtectionOfficer,
    Hotline,
    Localised,
    Organisation,
    Partner,
    PressContact,
    Service,
    Site,
    Spokesperson,
)
from crisis_desk.files.loading import (
    HAS_SPACES,
    LATITUDE,
    LONGITUDE,
    MAX_URL_LENGTH,
    NOT_A_WEB_ADDRESS,
    TOO_LONG,
    is_coordinate,
    is_valid_id,
    web_address_fault,
)
from crisis_desk.i18n import LANGUAGES, N_, _

# The services table's "takes appointments" column: a choice, not free text.
BOOKING_CHOICES = (("", N_("By pictogram")), ("yes", N_("Yes")), ("no", N_("No")))
BOOKING_VALUES: dict[str, bool | None] = {"": None, "yes": True, "no": False}
STATUS_URL_LABEL = N_("Status page address (%(language)s)")
# The pictograms the documents draw ("": the generic sign), in the order of a hospital's list.
PICTOGRAM_CHOICES = (
    ("", N_("Generic sign")), ("emergency", N_("Emergency")), ("dialysis", N_("Dialysis")),
    ("laboratory", N_("Laboratory")), ("consultation", N_("Consultations")),
    ("surgery", N_("Surgery")), ("imaging", N_("Imaging")), ("maternity", N_("Maternity")),
    ("pharmacy", N_("Pharmacy")), ("phone", N_("Telephone")), ("visits", N_("Visits")),
)
NEW_PROFILE_LANGUAGES = ("fr", "nl")  # the default pair; a profile file may name others
# Sites and partner hospitals are edited alike: the same columns, the same checks.
Place = TypeVar("Place", Site, Partner)


class ProfileInvalid(Exception):
    """What the person must fix before the profile can be kept, and on which page."""

    def __init__(self, message: str, page: QWidget | None = None) -> None:
        super().__init__(message)
        self.page = page


def profile_languages(org: Organisation) -> tuple[str, ...]:
    """The organisation's languages, then any other language its texts are written in."""
    found = list(org.languages)
    texts: list[Localised] = [
        org.name, org.about, org.hotline.hours, org.status_urls,
        *(s.name for s in org.sites), *(s.town for s in org.sites),
        *(s.name for s in org.services),
        *(p.name for p in org.partners), *(p.town for p in org.partners),
        org.spokesperson.role if org.spokesperson else {},
    ]
    for localised in texts:
        found += [code for code in localised if code in LANGUAGES and code not in found]
    return tuple(found)


# -- the loader's rules, worded for the interface ------------------------------------------

def checked_id(value: str, where: str) -> str:
    """``value`` when it is a valid id, else ``ProfileInvalid`` naming ``where``."""
    if not is_valid_id(value):
        raise ProfileInvalid(_("%(field)s: “%(value)s” is not a valid id. Use 1 to 40 "
                               "lower-case letters, digits and hyphens, starting with a "
                               "letter or digit (such as “site-2”).")
                             % {"field": where, "value": value})
    return value


def checked_address(value: str, where: str) -> str:
    """``value`` when it is empty or a usable status address, else ``ProfileInvalid``."""
    fault = web_address_fault(value)
    if fault == NOT_A_WEB_ADDRESS:
        raise ProfileInvalid(_("%(field)s: “%(value)s” is not a web address; it must start "
                               "with https:// (or http://).") % {"field": where, "value": value})
    if fault == TOO_LONG:
        raise ProfileInvalid(_("%(field)s is %(length)d characters long; at most %(limit)d "
                               "fit in a QR code and an SMS.")
                             % {"field": where, "length": len(value), "limit": MAX_URL_LENGTH})
    if fault == HAS_SPACES:
        raise ProfileInvalid(_("%(field)s must not contain spaces or control characters.")
                             % {"field": where})
    return value


def checked_coordinate(text: str, bounds: tuple[float, float], where: str) -> float | None:
    """A latitude or longitude typed with a point or a comma; empty is None."""
    if not text:
        return None
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise ProfileInvalid(_("%(field)s: “%(value)s” is not a number (decimal degrees, "
                               "such as 50.6833).") % {"field": where, "value": text}) from None
    if not is_coordinate(value, bounds):
        raise ProfileInvalid(_("%(field)s must be between %(low)g and %(high)g.")
                             % {"field": where, "low": bounds[0], "high": bounds[1]})
    return value


def coordinate_text(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


# -- tables --------------------------------------------------------------------------------

@dataclass(frozen=True)
class TableRow:
    """One filled row of a table: its number as shown (from 1) and its values by column."""

    number: int
    values: list[str]


class _Table(QWidget):
    """A table with Add and Remove buttons under it; some columns may be a choice list."""

    def __init__(self, title: str, headers: list[str], parent: QWidget,
                 choices: Mapping[int, Sequence[tuple[str, str]]] | None = None) -> None:
        super().__init__(parent)
        self.title, self.headers = title, headers
        self.choices = dict(choices or {})
        self.table = QTableWidget(0, len(headers), self)
        self.table.setHorizontalHeaderLabels(headers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        add, remove = QPushButton(_("Add"), self), QPushButton(_("Remove"), self)
        add.clicked.connect(lambda: self.add_row([]))
        remove.clicked.connect(self.remove_current)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def add_row(self, values: list[str]) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column in range(len(self.headers)):
            value = values[column] if column < len(values) else ""
            if column in self.choices:
                self.table.setCellWidget(row, column, self._choice_box(column, value))
            elif value:
                self.table.setItem(row, column, QTableWidgetItem(value))

    def _choice_box(self, column: int, value: str) -> QComboBox:
        box = QComboBox(self.table)
        for data, label in self.choices[column]:
            box.addItem(_(label), data)
        if value and box.findData(value) < 0:  # a value from a file, kept as it is
            box.addItem(value, value)
        box.setCurrentIndex(max(box.findData(value), 0))
        return box

    def choose(self, row: int, column: int, value: str) -> None:
        """Pick a value in a choice cell, as a person would (used by tests)."""
        box = self.table.cellWidget(row, column)
        if isinstance(box, QComboBox):
            box.setCurrentIndex(box.findData(value))

    def remove_current(self) -> None:
        if self.table.rowCount():
            self.table.removeRow(max(self.table.currentRow(), 0))

    def set_text(self, row: int, column: int, text: str) -> None:
        """Type into a cell, as a person would (used by tests)."""
        self.table.setItem(row, column, QTableWidgetItem(text))

    def _value(self, row: int, column: int) -> str:
        widget = self.table.cellWidget(row, column)
        if isinstance(widget, QComboBox):
            return str(widget.currentData() or "")
        cell = self.table.item(row, column)
        return cell.text().strip() if cell else ""

    def rows(self) -> list[TableRow]:
        """The rows with something typed in them (an untouched choice counts as empty)."""
        result = []
        for row in range(self.table.rowCount()):
            values = [self._value(row, c) for c in range(self.table.columnCount())]
            if any(values):
                result.append(TableRow(row + 1, values))
        return result

    def where(self, row: TableRow, column: int) -> str:
        """A cell named for a message: 'Partners, row 2, Latitude'."""
        return _("%(table)s, row %(row)d, %(column)s") % {
            "table": self.title, "row": row.number, "column": self.headers[column]}


# -- the dialog ----------------------------------------------------------------------------

def blank_organisation() -> Organisation:
    """The starting point of a profile made in the app: no id, name, site or service yet."""
    return Organisation(id="", name={}, sites=(), services=(),
                        languages=NEW_PROFILE_LANGUAGES)


def checked_timezone(value: str) -> str:
    """An IANA time zone name such as Europe/Brussels, else ``ProfileInvalid``."""
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ProfileInvalid(_("Time zone: “%(value)s” is not a known time zone; use a name "
                               "such as Europe/Brussels.") % {"value": value}) from None
    return value


class ProfileDialog(QDialog):
    """Tabs: general details, people, sites, services, partner hospitals.

    Given no organisation, it creates one from nothing: then its id can be typed
    (once stored, the id names the profile and its files, and stays).
    """

    def __init__(self, organisation: Organisation | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.creating = organisation is None
        organisation = organisation or blank_organisation()
        self.setWindowTitle(_("New organisation profile") if self.creating
                            else _("Organisation profile"))
        self.original = organisation
        self.codes = profile_languages(organisation)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._general(organisation), _("General"))
        self.tabs.addTab(self._people(organisation), _("People"))
        self.tabs.addTab(self._sites(organisation), _("Sites"))
        self.tabs.addTab(self._services(organisation), _("Services"))
        self.tabs.addTab(self._partners(organisation), _("Partner hospitals"))
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b3261e; font-weight: bold;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.resize(980, 620)
        self.result_organisation: Organisation | None = None

    def _language_name(self, code: str) -> str:
        return LANGUAGES[code].native_name

    def _labelled(self, label: str, code: str) -> str:
        return label % {"language": self._language_name(code)}

    # -- pages
    def _general(self, org: Organisation) -> QWidget:
        page = QWidget(self)
        self.general_page = page
        form = QFormLayout(page)
        self.id_edit = QLineEdit(org.id, page)
        self.id_edit.setReadOnly(not self.creating)
        self.id_edit.setPlaceholderText(_("such as chsd"))
        self.id_edit.setToolTip(_("A short name for files and links: lower-case letters, "
                                  "digits and hyphens. It cannot change later."))
        form.addRow(_("Id"), self.id_edit)
        self.name_edits = self._localised_rows(form, N_("Name (%(language)s)"), org.name, page)
        self.timezone_edit = QLineEdit(org.timezone, page)
        self.timezone_edit.setToolTip(_("Every time in the documents is shown in this zone."))
        form.addRow(_("Time zone"), self.timezone_edit)
        self.status_url = QLineEdit(org.status_url, page)
        self.status_url.setPlaceholderText("https://")
        form.addRow(_("Status page address"), self.status_url)
        self.status_url_edits = self._localised_rows(form, STATUS_URL_LABEL, org.status_urls,
                                                     page)
        for edit in self.status_url_edits.values():
            edit.setPlaceholderText(_("Empty: the address above"))
            edit.setToolTip(_("Documents in this language point to this page."))
        self.hotline_phone = QLineEdit(org.hotline.phone, page)
        form.addRow(_("Information line"), self.hotline_phone)
        self.hours_edits = self._localised_rows(form, N_("Opening hours (%(language)s)"),
                                                org.hotline.hours, page)
        self.press_name = QLineEdit(org.press.name, page)
        self.press_phone = QLineEdit(org.press.phone, page)
        self.press_email = QLineEdit(org.press.email, page)
        form.addRow(_("Press contact"), self.press_name)
        form.addRow(_("Press phone"), self.press_phone)
        form.addRow(_("Press e-mail"), self.press_email)
        self.about_edits = self._localised_rows(form, N_("About us (%(language)s)"), org.about,
                                                page)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        return scroll

    def _people(self, org: Organisation) -> QWidget:
        page = QWidget(self)
        dpo = org.dpo or DataProtectionOfficer()
        dpo_box = QGroupBox(_("Data protection officer"), page)
        dpo_box.setToolTip(_("Whom patients contact about their personal data."))
        dpo_form = QFormLayout(dpo_box)
        self.dpo_name = QLineEdit(dpo.name, dpo_box)
        self.dpo_email = QLineEdit(dpo.email, dpo_box)
        self.dpo_phone = QLineEdit(dpo.phone, dpo_box)
        dpo_form.addRow(_("Name"), self.dpo_name)
        dpo_form.addRow(_("E-mail"), self.dpo_email)
        dpo_form.addRow(_("Phone"), self.dpo_phone)
        speaker = org.spokesperson or Spokesperson()
        speaker_box = QGroupBox(_("Spokesperson"), page)
        speaker_box.setToolTip(_("The press statement quotes this person by name and role."))
        speaker_form = QFormLayout(speaker_box)
        self.speaker_name = QLineEdit(speaker.name, speaker_box)
        speaker_form.addRow(_("Name"), self.speaker_name)
        self.speaker_role_edits = self._localised_rows(
            speaker_form, N_("Role (%(language)s)"), speaker.role, speaker_box)
        layout = QVBoxLayout(page)
        layout.addWidget(dpo_box)
        layout.addWidget(speaker_box)
        layout.addStretch(1)
        return page

    def _localised_rows(self, form: QFormLayout, label: str, texts: Localised,
                        parent: QWidget) -> dict[str, QLineEdit]:
        """One line per language; ``label`` is a msgid with ``%(language)s``."""
        edits = {}
        for code in self.codes:
            edit = QLineEdit(texts.get(code, ""), parent)
            form.addRow(self._labelled(_(label), code), edit)
            edits[code] = edit
        return edits

    def _place_headers(self) -> list[str]:
        """Columns of a site or a partner: id, address, phone, names, towns, coordinates."""
        headers = [_("Id"), _("Address"), _("Phone")]
        headers += [_("Name (%(language)s)") % {"language": c.upper()} for c in self.codes]
        headers += [_("Town (%(language)s)") % {"language": c.upper()} for c in self.codes]
        return headers + [_("Latitude"), _("Longitude")]

    def _place_values(self, place: Site | Partner) -> list[str]:
        return [place.id, place.address, place.phone,
                *(place.name.get(c, "") for c in self.codes),
                *(place.town.get(c, "") for c in self.codes),
                coordinate_text(place.lat), coordinate_text(place.lon)]

    def _sites(self, org: Organisation) -> QWidget:
        self.sites_table = _Table(_("Sites"), self._place_headers(), self)
        self.sites_table.setToolTip(_("Coordinates in decimal degrees (such as 50.6833 and "
                                      "4.3667) place the site on the CAP alert's map."))
        for site in org.sites:
            self.sites_table.add_row(self._place_values(site))
        return self.sites_table

    def _partners(self, org: Organisation) -> QWidget:
        self.partners_table = _Table(_("Partner hospitals"), self._place_headers(), self)
        self.partners_table.setToolTip(_("Hospitals outside the group that receive patients "
                                         "or samples: a service may move to one of them."))
        for partner in org.partners:
            self.partners_table.add_row(self._place_values(partner))
        return self.partners_table

    def _services(self, org: Organisation) -> QWidget:
        headers = [_("Id"), _("Pictogram"), _("Sites (empty: every site)")]
        headers += [_("Name (%(language)s)") % {"language": c.upper()} for c in self.codes]
        headers.append(_("Takes appointments"))
        booking_column = len(headers) - 1
        self.services_table = _Table(_("Services"), headers, self,
                                     choices={1: PICTOGRAM_CHOICES,
                                              booking_column: BOOKING_CHOICES})
        booking = {value: key for key, value in BOOKING_VALUES.items()}
        for service in org.services:
            self.services_table.add_row([service.id, service.icon,
                                         ", ".join(service.sites or ()),
                                         *(service.name.get(c, "") for c in self.codes),
                                         booking[service.appointments]])
        return self.services_table

    # -- building the profile
    def _texts(self, values: list[str]) -> dict[str, str]:
        return {code: value for code, value in zip(self.codes, values, strict=True) if value}

    def _place(self, make: type[Place], table: _Table, row: TableRow) -> Place:
        """A site or a partner from its row, checked like the file loader does."""
        count, values = len(self.codes), row.values
        lat_column, lon_column = 3 + 2 * count, 4 + 2 * count
        return make(
            id=checked_id(values[0], table.where(row, 0)), address=values[1],
            phone=values[2], name=self._texts(values[3:3 + count]),
            town=self._texts(values[3 + count:3 + 2 * count]),
            lat=checked_coordinate(values[lat_column], LATITUDE, table.where(row, lat_column)),
            lon=checked_coordinate(values[lon_column], LONGITUDE,
                                   table.where(row, lon_column)),
        )

    def _build_sites(self) -> tuple[Site, ...]:
        table = self.sites_table
        return tuple(self._place(Site, table, row) for row in self._with_ids(table, _("site")))

    def _build_partners(self) -> tuple[Partner, ...]:
        table = self.partners_table
        return tuple(self._place(Partner, table, row)
                     for row in self._with_ids(table, _("partner")))

    def _build_services(self) -> tuple[Service, ...]:
        table, count = self.services_table, len(self.codes)
        # The poster priority has no column: a service keeps the one its file gave it.
        priorities = {service.id: service.priority for service in self.original.services}
        return tuple(Service(id=(service_id := checked_id(row.values[0], table.where(row, 0))),
                             icon=row.values[1],
                             sites=tuple(s.strip() for s in row.values[2].split(",")
                                         if s.strip()) or None,
                             name=self._texts(row.values[3:3 + count]),
                             appointments=BOOKING_VALUES[row.values[3 + count]],
                             priority=priorities.get(service_id))
                     for row in self._with_ids(table, _("service")))

    def _with_ids(self, table: _Table, what: str) -> list[TableRow]:
        """The filled rows, refused when one has no id or name, or two share an id."""
        rows = table.rows()
        ids = [row.values[0] for row in rows]
        if any(not item_id for item_id in ids):
            raise ProfileInvalid(_("Every %(what)s needs an id.") % {"what": what}, table)
        names = [table.headers.index(h) for h in table.headers
                 if h in {_("Name (%(language)s)") % {"language": c.upper()}
                          for c in self.codes}]
        for row in rows:
            if not any(row.values[column] for column in names):
                raise ProfileInvalid(_("%(table)s, row %(row)d: a name is needed, in one "
                                       "language at least.")
                                     % {"table": table.title, "row": row.number}, table)
        if len(set(ids)) != len(ids):
            raise ProfileInvalid(_("Two %(what)s rows have the same id.") % {"what": what},
                                 table)
        return rows

    def _status_addresses(self) -> tuple[str, dict[str, str]]:
        """(the default address, the per-language ones), each checked.

        A profile file holds either one address or one per language, so when some
        language has its own, every language gets one (the default where empty).
        """
        default = checked_address(self.status_url.text().strip(), _("Status page address"))
        own = {code: checked_address(edit.text().strip(),
                                     self._labelled(_(STATUS_URL_LABEL), code))
               for code, edit in self.status_url_edits.items() if edit.text().strip()}
        if not own:
            return default, {}
        per_language = {code: own.get(code, default) for code in self.codes
                        if own.get(code, default)}
        return default or next(iter(per_language.values())), per_language

    def _people_fields(self) -> tuple[DataProtectionOfficer | None, Spokesperson | None]:
        """The DPO and the spokesperson; None for one left entirely empty."""
        dpo = DataProtectionOfficer(self.dpo_name.text().strip(),
                                    self.dpo_email.text().strip(),
                                    self.dpo_phone.text().strip())
        speaker = Spokesperson(self.speaker_name.text().strip(),
                               _collect(self.speaker_role_edits))
        return (dpo if dpo != DataProtectionOfficer() else None,
                speaker if speaker.name or speaker.role else None)

    def _identity(self) -> tuple[str, dict[str, str], str]:
        """(id, names, time zone), checked as the file loader checks them."""
        org_id = checked_id(self.id_edit.text().strip(), _("Id")) if self.creating \
            else self.original.id
        names = _collect(self.name_edits)
        if not names:
            raise ProfileInvalid(_("The organisation needs a name, in one language at least."))
        return org_id, names, checked_timezone(self.timezone_edit.text().strip())

    def build(self) -> Organisation:
        """The edited profile; ``ProfileInvalid`` says what to fix."""
        try:
            org_id, names, timezone = self._identity()
            status_url, status_urls = self._status_addresses()
        except ProfileInvalid as exc:
            raise ProfileInvalid(str(exc), self.tabs.widget(0)) from None
        sites, services = self._build_sites(), self._build_services()
        partners = self._build_partners()
        if not sites:
            raise ProfileInvalid(_("The profile needs at least one site."), self.sites_table)
        taken = {site.id for site in sites} & {partner.id for partner in partners}
        if taken:
            raise ProfileInvalid(_("The id “%(id)s” belongs to a site and to a partner "
                                   "hospital; give the partner another one.")
                                 % {"id": sorted(taken)[0]}, self.partners_table)
        dpo, spokesperson = self._people_fields()
        return replace(
            self.original, id=org_id, timezone=timezone,
            name=names, about=_collect(self.about_edits),
            status_url=status_url, status_urls=status_urls,
            hotline=Hotline(self.hotline_phone.text().strip(), _collect(self.hours_edits)),
            press=PressContact(self.press_name.text().strip(), self.press_phone.text().strip(),
                               self.press_email.text().strip()),
            sites=sites, services=services, partners=partners, dpo=dpo,
            spokesperson=spokesperson)

    def _accept(self) -> None:
        try:
            self.result_organisation = self.build()
        except ProfileInvalid as exc:
            self.error_label.setText(str(exc))
            if exc.page is not None:
                self.tabs.setCurrentWidget(exc.page)
            return
        self.accept()


def _collect(edits: Mapping[str, QLineEdit]) -> dict[str, str]:
    """The texts typed per language, leaving out the empty ones."""
    return {code: edit.text().strip() for code, edit in edits.items() if edit.text().strip()}
