"""A second desk in its own process, for the two-desk test: a manager's window.

Run as ``python -m tests.gui.second_desk URL NAME PIN KIND SITE``. It signs in,
then says on its standard output, one line each: ``READY`` once its list is
shown, ``SEEN`` as soon as the list holds the document of that kind and site
(which another desk submits), ``APPROVED`` once it has approved that document.
It ends when its standard input closes or after a minute.
"""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(url: str, name: str, pin: str, kind: str, site: str) -> None:
    from PySide6.QtCore import QSocketNotifier, QTimer
    from PySide6.QtWidgets import QApplication

    from crisis_desk import desk
    from crisis_desk.gui.main_window import MainWindow
    from crisis_desk.gui.manager import INFO_ROLE
    from crisis_desk.gui.settings import DeskSettings
    from crisis_desk.store.database import open_store

    app = QApplication([])
    store = open_store(url)
    window = MainWindow(store, DeskSettings())
    window.show()
    window.signed_in(desk.sign_in(store, name, pin))
    said: dict[str, int] = {}

    def say(line: str) -> None:
        print(line, f"{time.monotonic():.3f}", flush=True)

    def approved() -> None:
        if "APPROVED" not in said:
            said["APPROVED"] = 1
            say("APPROVED")

    def wanted(view):
        """The listed group holding the awaited document, if it is listed yet."""
        for row in range(view.pending.count()):
            group = view.pending.item(row).data(INFO_ROLE)
            if any(info.kind == kind and info.site == site for info in group):
                return group
        return None

    def look() -> None:
        view = getattr(window, "manager_view", None)
        if view is None:
            return
        if "READY" not in said:
            if window.worker.busy:  # still reading what it first shows
                return
            said["READY"] = 1
            say("READY")
            # for the record, should the test fail: when it noticed, when it had read
            window.watcher.changed.connect(lambda: say("CHANGED"))
            view.refreshed.connect(lambda: say("LISTED"))
            return
        group = wanted(view)
        if group is not None and "SEEN" not in said:
            said["SEEN"] = 1
            say("SEEN")
            view.decided.connect(lambda *_args: approved())
            view.approve(group, pin)

    ticker = QTimer()
    ticker.timeout.connect(look)
    ticker.start(20)
    stdin = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    stdin.activated.connect(lambda: sys.stdin.readline() or app.quit())
    QTimer.singleShot(60000, app.quit)
    app.exec()
    window.close()
    store.close()


if __name__ == "__main__":
    main(*sys.argv[1:6])
