"""The crisis clock on the officer's screen: how long the crisis has lasted, and
how long until the update the documents promise (or how late it is).

Times are the organisation's wall-clock time, as the documents print them.
The clock reads the incident being edited, so a changed start or next update
shows at once; a timer moves it on every half minute.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

from crisis_desk.i18n import _

from .item_models import EditingState

TICK_MS = 30000
DAYS_FROM_HOURS = 48
OVERDUE_STYLE = "color: #b3261e; font-weight: bold;"
CALM_STYLE = "color: #333;"


def duration_text(span: timedelta) -> str:
    """'3 h 05 min', '12 min', '3 d 04 h': short units, no plural to choose in any language."""
    minutes = max(int(span.total_seconds() // 60), 0)
    hours, minutes = divmod(minutes, 60)
    if hours >= DAYS_FROM_HOURS:  # "267 d 10 h" reads better than "6418 h 39 min"
        days, hours = divmod(hours, 24)
        return _("%(days)d d %(hours)02d h") % {"days": days, "hours": hours}
    if hours:
        return _("%(hours)d h %(minutes)02d min") % {"hours": hours, "minutes": minutes}
    return _("%(minutes)d min") % {"minutes": minutes}


def clock_text(started: datetime, next_update: datetime | None, now: datetime,
               zone: str) -> tuple[str, bool]:
    """(what the clock says, whether the promised update is overdue)."""
    local = ZoneInfo(zone)
    parts = [_("Crisis for %(elapsed)s, since %(start)s") % {
        "elapsed": duration_text(now - started),
        "start": started.astimezone(local).strftime("%d/%m %H:%M")}]
    overdue = next_update is not None and next_update < now
    if next_update is None:
        parts.append(_("no next update promised"))
    elif overdue:
        parts.append(_("the update promised for %(time)s is %(late)s late") % {
            "time": next_update.astimezone(local).strftime("%H:%M"),
            "late": duration_text(now - next_update)})
    else:
        parts.append(_("next update at %(time)s, in %(left)s") % {
            "time": next_update.astimezone(local).strftime("%H:%M"),
            "left": duration_text(next_update - now)})
    return " · ".join(parts), overdue


class CrisisClock(QLabel):
    """One line: time since the start, time to (or past) the next promised update."""

    def __init__(self, state: EditingState, parent: QWidget | None = None,
                 now: Callable[[], datetime] = lambda: datetime.now().astimezone()) -> None:
        super().__init__(parent)
        self.state, self.now = state, now
        self.setObjectName("crisisClock")
        self.overdue = False
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        state.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        incident = self.state.incident
        text, self.overdue = clock_text(incident.started, incident.next_update, self.now(),
                                        self.state.organisation.timezone)
        self.setText(text)
        self.setStyleSheet(OVERDUE_STYLE if self.overdue else CALM_STYLE)
