"""The profile dialog edits partners, the DPO, the spokesperson, addresses and coordinates.

Driven offscreen as a person would: typing in the fields and table cells, pressing
OK. Invalid input (an id, a web address, a coordinate) is refused with a message
naming the field, and nothing is kept.
"""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6.QtPdf")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QDialogButtonBox, QPushButton  # noqa: E402

from crisis_desk.gui.profile_dialog import ProfileDialog  # noqa: E402
from crisis_desk.gui.translation import apply_interface_language  # noqa: E402


@pytest.fixture
def dialog(demo, qtbot):
    apply_interface_language("en")
    org, _incident = demo
    opened = ProfileDialog(org)
    qtbot.addWidget(opened)
    opened.show()
    yield opened
    apply_interface_language("en")


def press_ok(qtbot, dialog) -> None:
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def type_into(qtbot, edit, text: str) -> None:
    edit.clear()
    qtbot.keyClicks(edit, text)


def column(table, header: str) -> int:
    """A column found by its header, as a person reads it."""
    return table.headers.index(header)


def add_partner(qtbot, dialog, values: dict[str, str]) -> None:
    """Press Add under the partners table and type each value under its header."""
    table = dialog.partners_table
    dialog.tabs.setCurrentWidget(table)
    add = next(b for b in table.findChildren(QPushButton) if b.text() == "Add")
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    row = table.table.rowCount() - 1
    for header, value in values.items():
        table.set_text(row, column(table, header), value)


def test_a_partner_a_dpo_and_addresses_per_language_are_kept(qtbot, dialog, demo):
    org, _incident = demo
    assert dialog.codes[:2] == ("fr", "nl")
    add_partner(qtbot, dialog, {"Id": "godinne", "Address": "Avenue Dr G. Thérasse 1",
                                "Phone": "+32 81 42 21 11",
                                "Name (FR)": "CHU UCL Namur Godinne", "Name (NL)": "UZ Godinne",
                                "Town (FR)": "Yvoir", "Town (NL)": "Yvoir",
                                "Latitude": "50,3275", "Longitude": "4.9247"})
    type_into(qtbot, dialog.dpo_name, "Anne Lambert")
    type_into(qtbot, dialog.dpo_email, "dpo@chsd.example.be")
    type_into(qtbot, dialog.dpo_phone, "+32 67 88 40 98")
    type_into(qtbot, dialog.speaker_name, "Dr Marc Dubois")
    type_into(qtbot, dialog.speaker_role_edits["nl"], "algemeen directeur")
    type_into(qtbot, dialog.status_url_edits["nl"], "https://chsd.example.be/status?lang=nl")
    sites = dialog.sites_table
    sites.set_text(0, column(sites, "Latitude"), "50.5986")
    sites.set_text(0, column(sites, "Longitude"), "4.3236")
    press_ok(qtbot, dialog)

    kept = dialog.result_organisation
    assert kept is not None and dialog.result() == dialog.DialogCode.Accepted
    partner = kept.partner("godinne")
    assert (partner.name["nl"], partner.town["fr"], partner.lat, partner.lon) == (
        "UZ Godinne", "Yvoir", 50.3275, 4.9247)
    assert (kept.dpo.name, kept.dpo.email, kept.dpo.phone) == (
        "Anne Lambert", "dpo@chsd.example.be", "+32 67 88 40 98")
    assert kept.spokesperson.name == "Dr Marc Dubois"
    assert kept.spokesperson.role == {"nl": "algemeen directeur"}
    assert kept.status_url_for("nl") == "https://chsd.example.be/status?lang=nl"
    assert kept.status_url_for("fr") == org.status_url
    assert (kept.sites[0].lat, kept.sites[0].lon) == (50.5986, 4.3236)
    assert [s.appointments for s in kept.services] == [s.appointments for s in org.services]


def test_an_untouched_profile_comes_back_unchanged(qtbot, dialog, demo):
    press_ok(qtbot, dialog)
    assert dialog.result_organisation == demo[0]


@pytest.mark.parametrize(("where", "value", "named"), [
    ("partner id", "Godinne Hospital", "Partner hospitals, row 1, Id"),
    ("partner lat", "95", "Partner hospitals, row 1, Latitude"),
    ("partner lon", "east", "Partner hospitals, row 1, Longitude"),
    ("site lon", "-181", "Sites, row 1, Longitude"),
    ("address", "chsd.example.be/nl", "Status page address (Nederlands)"),
    ("address", "https://chsd.example.be/" + "x" * 190, "Status page address (Nederlands)"),
])
def test_invalid_input_is_refused_with_a_message_naming_the_field(qtbot, dialog, where,
                                                                  value, named):
    partner = {"Id": "godinne", "Name (FR)": "CHU UCL Namur Godinne"}
    if where.startswith("partner"):
        partner[{"partner id": "Id", "partner lat": "Latitude",
                 "partner lon": "Longitude"}[where]] = value
    add_partner(qtbot, dialog, partner)
    if where == "site lon":
        dialog.sites_table.set_text(0, column(dialog.sites_table, "Longitude"), value)
    if where == "address":
        type_into(qtbot, dialog.status_url_edits["nl"], value)
    press_ok(qtbot, dialog)
    assert dialog.result_organisation is None
    assert dialog.isVisible()
    assert dialog.error_label.text().startswith(named)


def test_a_partner_cannot_take_a_sites_id_and_messages_follow_the_language(qtbot, demo):
    apply_interface_language("nl")
    try:
        dialog = ProfileDialog(demo[0])
        qtbot.addWidget(dialog)
        dialog.show()
        add_partner_row = dialog.partners_table
        add_partner_row.add_row(["nivelles", "", "", "Ander ziekenhuis"])
        press_ok(qtbot, dialog)
        assert dialog.result_organisation is None
        assert "nivelles" in dialog.error_label.text()
        assert dialog.tabs.currentWidget() is dialog.partners_table
        dialog.partners_table.set_text(0, 0, "Nivelles 2")
        press_ok(qtbot, dialog)
        assert "is geen geldige id" in dialog.error_label.text()
    finally:
        apply_interface_language("en")


def test_a_poster_priority_from_the_file_is_kept(qtbot, demo):
    from dataclasses import replace

    org = demo[0]
    ranked = replace(org, services=(replace(org.services[-1], priority=1), *org.services[:-1]))
    opened = ProfileDialog(ranked)
    qtbot.addWidget(opened)
    press_ok(qtbot, opened)
    assert opened.result_organisation == ranked
