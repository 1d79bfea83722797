"""The legal clocks: which obligations an incident has, their deadlines from awareness."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from crisis_desk.domain.model import DataBreach
from crisis_desk.domain.obligations import ClockState, add_months, applies, clocks


def _by_kind(found):
    return {clock.obligation.kind: clock for clock in found}


def test_the_deadlines_run_from_when_the_organisation_became_aware(example):
    _, incident = example
    detected = incident.started + timedelta(hours=5, minutes=15)
    aware = replace(incident, detected=detected)
    found = _by_kind(clocks(aware, detected))
    assert found["nis2-early-warning"].deadline == detected + timedelta(hours=24)
    assert found["authority-notification"].deadline == detected + timedelta(hours=72)
    assert found["nis2-notification"].deadline == detected + timedelta(hours=72)
    assert found["nis2-final-report"].deadline == detected.replace(month=6)  # 14 May -> June
    assert found["data-notice"].deadline is None  # "without undue delay"


def test_without_detected_the_clocks_run_from_the_start(example):
    _, incident = example
    assert incident.detected is None and incident.aware_since == incident.started
    found = _by_kind(clocks(incident, incident.started))
    assert found["nis2-early-warning"].deadline == incident.started + timedelta(hours=24)


def test_one_month_ends_on_the_last_day_of_a_shorter_month():
    moment = datetime(2026, 1, 31, 9, 30)
    assert add_months(moment, 1) == datetime(2026, 2, 28, 9, 30)
    assert add_months(datetime(2026, 12, 15), 1) == datetime(2027, 1, 15)


def test_a_clock_is_overdue_past_its_deadline_unless_its_document_is_approved(example):
    _, incident = example
    late = incident.started + timedelta(hours=30)
    found = _by_kind(clocks(incident, late, {"authority-notification": "submitted"}))
    assert found["nis2-early-warning"].state == ClockState.OVERDUE
    assert found["authority-notification"].state == ClockState.SUBMITTED
    assert found["nis2-notification"].state == ClockState.DRAFTED
    approved = _by_kind(clocks(incident, late, {"nis2-early-warning": "approved"}))
    assert approved["nis2-early-warning"].state == ClockState.APPROVED
    assert [c.obligation.kind for c in clocks(incident, late)][0] == "nis2-early-warning"


def test_the_obligations_apply_only_where_the_law_asks(example):
    _, incident = example
    assert incident.kind == "cyberattack" and incident.patient_data_at_risk
    calm = replace(incident, patient_data_at_risk=False)
    assert not applies("authority-notification", calm)
    assert not applies("data-notice", calm)
    assert applies("nis2-early-warning", calm)  # a cyberattack, data or not
    assert applies("authority-notification", replace(calm, breach=DataBreach(people=12)))
    power = replace(calm, kind="power-outage")
    assert not any(applies(k, power) for k in ("nis2-early-warning", "nis2-notification",
                                               "nis2-final-report"))
    assert clocks(power, power.started) == []
    assert applies("poster", power)  # every other document is always made


def test_the_month_ends_at_the_same_time_on_the_organisation_s_clock(demo):
    _, incident = demo
    assert incident.aware_since.utcoffset() == timedelta(hours=1)  # 9 March: winter time
    final = _by_kind(clocks(incident, incident.started, timezone="Europe/Brussels"))
    deadline = final["nis2-final-report"].deadline
    assert (deadline.month, deadline.day, deadline.hour, deadline.minute) == (4, 9, 5, 45)
    assert deadline.utcoffset() == timedelta(hours=2)  # 9 April: summer time
