"""Editing the organisation profile: names, contacts, status address, sites and services.

The dialog edits a copy and builds a new ``Organisation`` only when the person
presses OK; the workflow stores it as a new version of the profile, and the
checker reports whatever no longer fits the incident (a removed site, say).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crisis_desk.domain.model import Hotline, Organisation, PressContact, Service, Site
from crisis_desk.i18n import LANGUAGES, _


class ProfileInvalid(Exception):
    """What the person must fix before the profile can be kept."""


def profile_languages(org: Organisation) -> tuple[str, ...]:
    """The organisation's languages, then any other language its texts are written in."""
    found = list(org.languages)
    texts = [org.name, org.about, org.hotline.hours,
             *(s.name for s in org.sites), *(s.town for s in org.sites),
             *(s.name for s in org.services)]
    for localised in texts:
        found += [code for code in localised if code in LANGUAGES and code not in found]
    return tuple(found)


class _Table(QWidget):
    """A table with Add and Remove buttons under it."""

    def __init__(self, headers: list[str], parent: QWidget) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, len(headers), self)
        self.table.setHorizontalHeaderLabels(headers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        add, remove = QPushButton(_("Add"), self), QPushButton(_("Remove"), self)
        add.clicked.connect(lambda: self.table.insertRow(self.table.rowCount()))
        remove.clicked.connect(lambda: self.table.removeRow(max(self.table.currentRow(), 0))
                               if self.table.rowCount() else None)
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
        for column, value in enumerate(values):
            self.table.setItem(row, column, QTableWidgetItem(value))

    def rows(self) -> list[list[str]]:
        result = []
        for row in range(self.table.rowCount()):
            cells = [self.table.item(row, c) for c in range(self.table.columnCount())]
            values = [cell.text().strip() if cell else "" for cell in cells]
            if any(values):
                result.append(values)
        return result


class ProfileDialog(QDialog):
    """Tabs: general details, sites, services."""

    def __init__(self, organisation: Organisation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Organisation profile"))
        self.original = organisation
        self.codes = profile_languages(organisation)
        tabs = QTabWidget(self)
        tabs.addTab(self._general(organisation), _("General"))
        tabs.addTab(self._sites(organisation), _("Sites"))
        tabs.addTab(self._services(organisation), _("Services"))
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet("color: #b3261e; font-weight: bold;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.resize(980, 620)
        self.result_organisation: Organisation | None = None

    def _language_name(self, code: str) -> str:
        return LANGUAGES[code].native_name

    def _general(self, org: Organisation) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.name_edits = self._localised_rows(form, _("Name (%(language)s)"), org.name, page)
        self.status_url = QLineEdit(org.status_url, page)
        form.addRow(_("Status page address"), self.status_url)
        self.hotline_phone = QLineEdit(org.hotline.phone, page)
        form.addRow(_("Information line"), self.hotline_phone)
        self.hours_edits = self._localised_rows(form, _("Opening hours (%(language)s)"),
                                                org.hotline.hours, page)
        self.press_name = QLineEdit(org.press.name, page)
        self.press_phone = QLineEdit(org.press.phone, page)
        self.press_email = QLineEdit(org.press.email, page)
        form.addRow(_("Press contact"), self.press_name)
        form.addRow(_("Press phone"), self.press_phone)
        form.addRow(_("Press e-mail"), self.press_email)
        self.about_edits = self._localised_rows(form, _("About us (%(language)s)"), org.about,
                                                page)
        return page

    def _localised_rows(self, form: QFormLayout, label: str, texts, parent: QWidget
                        ) -> dict[str, QLineEdit]:
        edits = {}
        for code in self.codes:
            edit = QLineEdit(texts.get(code, ""), parent)
            form.addRow(label % {"language": self._language_name(code)}, edit)
            edits[code] = edit
        return edits

    def _sites(self, org: Organisation) -> QWidget:
        headers = [_("Id"), _("Address"), _("Phone")]
        headers += [_("Name (%(language)s)") % {"language": c.upper()} for c in self.codes]
        headers += [_("Town (%(language)s)") % {"language": c.upper()} for c in self.codes]
        self.sites_table = _Table(headers, self)
        for site in org.sites:
            self.sites_table.add_row([site.id, site.address, site.phone,
                                      *(site.name.get(c, "") for c in self.codes),
                                      *(site.town.get(c, "") for c in self.codes)])
        return self.sites_table

    def _services(self, org: Organisation) -> QWidget:
        headers = [_("Id"), _("Pictogram"), _("Sites (empty: every site)")]
        headers += [_("Name (%(language)s)") % {"language": c.upper()} for c in self.codes]
        self.services_table = _Table(headers, self)
        for service in org.services:
            self.services_table.add_row([service.id, service.icon,
                                         ", ".join(service.sites or ()),
                                         *(service.name.get(c, "") for c in self.codes)])
        return self.services_table

    def _texts(self, values: list[str]) -> dict[str, str]:
        return {code: value for code, value in zip(self.codes, values, strict=True) if value}

    def build(self) -> Organisation:
        """The edited profile; ``ProfileInvalid`` says what to fix."""
        count = len(self.codes)
        sites = tuple(Site(id=row[0], address=row[1], phone=row[2],
                           name=self._texts(row[3:3 + count]),
                           town=self._texts(row[3 + count:3 + 2 * count]))
                      for row in self.sites_table.rows())
        services = tuple(Service(id=row[0], icon=row[1],
                                 sites=tuple(s.strip() for s in row[2].split(",") if s.strip())
                                 or None, name=self._texts(row[3:3 + count]))
                         for row in self.services_table.rows())
        for kind_name, items in ((_("site"), sites), (_("service"), services)):
            ids = [item.id for item in items]
            if any(not item_id for item_id in ids):
                raise ProfileInvalid(_("Every %(what)s needs an id.") % {"what": kind_name})
            if len(set(ids)) != len(ids):
                raise ProfileInvalid(_("Two %(what)s rows have the same id.")
                                     % {"what": kind_name})
        if not sites:
            raise ProfileInvalid(_("The profile needs at least one site."))
        collect = lambda edits: {c: e.text().strip() for c, e in edits.items()  # noqa: E731
                                 if e.text().strip()}
        return replace(
            self.original,
            name=collect(self.name_edits), about=collect(self.about_edits),
            status_url=self.status_url.text().strip(),
            hotline=Hotline(self.hotline_phone.text().strip(), collect(self.hours_edits)),
            press=PressContact(self.press_name.text().strip(), self.press_phone.text().strip(),
                               self.press_email.text().strip()),
            sites=sites, services=services)

    def _accept(self) -> None:
        try:
            self.result_organisation = self.build()
        except ProfileInvalid as exc:
            self.error_label.setText(str(exc))
            return
        self.accept()
