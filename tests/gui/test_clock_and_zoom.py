"""The officer's crisis clock (time since the start, to or past the next update) and
the preview's zoom, by the window's keys."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

pytest.importorskip("PySide6.QtPdf")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtPdfWidgets import QPdfView  # noqa: E402

from crisis_desk import desk  # noqa: E402
from crisis_desk.gui.crisis_clock import CrisisClock, clock_text, duration_text  # noqa: E402
from crisis_desk.gui.item_models import EditingState  # noqa: E402
from tests.gui import test_roles as roles  # noqa: E402
from tests.gui.test_keyboard import CTRL, back_to, press  # noqa: E402
from tests.gui.test_roles import WAIT_MS, signed_in_as  # noqa: E402

store, demo_store, window = roles.store, roles.demo_store, roles.window


def test_the_clock_counts_from_the_start_and_to_the_next_update(demo):
    org, incident = demo
    now = incident.started + timedelta(hours=3, minutes=5)
    promised = replace(incident, next_update=now + timedelta(minutes=50))
    text, overdue = clock_text(promised.started, promised.next_update, now, org.timezone)
    assert not overdue
    assert "Crisis for 3 h 05 min" in text and "in 50 min" in text
    late, overdue = clock_text(promised.started, now - timedelta(minutes=7), now, org.timezone)
    assert overdue and "7 min late" in late
    assert "no next update promised" in clock_text(incident.started, None, now,
                                                   org.timezone)[0]
    assert duration_text(timedelta(seconds=-30)) == "0 min"
    assert duration_text(timedelta(hours=6418, minutes=39)) == "267 d 10 h"


def test_the_clock_shows_in_the_organisations_zone_and_turns_red_when_late(qtbot, demo):
    org, incident = demo
    started = incident.started
    state = EditingState(org, replace(incident, next_update=started + timedelta(hours=1)))
    clock = CrisisClock(state, now=lambda: started + timedelta(hours=2))
    qtbot.addWidget(clock)
    local = started.astimezone(ZoneInfo(org.timezone))
    assert local.strftime("%d/%m %H:%M") in clock.text()
    assert clock.overdue and "b3261e" in clock.styleSheet()
    state.update(replace(state.incident, next_update=started + timedelta(hours=4)))
    assert not clock.overdue and "in 2 h 00 min" in clock.text()


def test_the_preview_zooms_in_out_and_back_to_the_width(qtbot, window, demo_store):
    signed_in_as(qtbot, window, desk.COMMS)
    back_to(qtbot, window)
    preview = window.officer_view.preview
    preview.select("poster", site="nivelles", fmt="pdf")
    qtbot.waitUntil(lambda: preview.last_result is not None
                    and preview.last_result.document.kind == "poster", timeout=WAIT_MS)
    view = preview.view.pdf_view
    press(Qt.Key.Key_Plus, CTRL)
    assert view.zoomMode() == QPdfView.ZoomMode.Custom
    bigger = view.zoomFactor()
    press(Qt.Key.Key_Minus, CTRL)
    press(Qt.Key.Key_Minus, CTRL)
    assert view.zoomFactor() < bigger
    press(Qt.Key.Key_0, CTRL)
    assert view.zoomMode() == QPdfView.ZoomMode.FitToWidth
    text = preview.view.text_view
    usual = text.font().pointSizeF()
    press(Qt.Key.Key_Plus, CTRL)
    assert text.font().pointSizeF() > usual
