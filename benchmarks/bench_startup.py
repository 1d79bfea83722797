"""How fast the desktop app feels: launch to window, and the preview after a keystroke.

    python benchmarks/bench_startup.py [--runs 7] [--keys 15]

1. Launch → main window shown, as separate processes, against a bare PySide6
   window (the floor: Python + Qt + one window). Measured from spawning the
   process to the window's first Expose event, under X (Xvfb is started on a
   free display when DISPLAY is not set). The app is timed on a first start
   (empty data folder: the database is created) and on a later start.
2. Preview after a keystroke, in-process: a key typed into "What happened",
   until the preview shows the new document — for a text document (the patient
   notice, txt) and for a PDF poster; most of it is the debounce pause that
   waits for typing to stop, so the render time is shown beside it.

Prints medians and ratios; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WATCHER = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QApplication, QMainWindow

class FirstExpose(QObject):
    # the first top-level window exposed on screen: the main window is visible
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Expose and isinstance(obj, QWindow) \\
                and obj.isExposed():
            print("SHOWN", flush=True)
            QTimer.singleShot(0, QApplication.instance().quit)
        return False

app = QApplication(sys.argv[:1])
watcher = FirstExpose()
app.installEventFilter(watcher)
"""
BARE = WATCHER + """
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1400, 860)
window.show()
app.exec()
"""
APP = WATCHER + """
from crisis_desk.cli.main import main
main([])
"""


def ensure_display() -> subprocess.Popen | None:
    """Use DISPLAY, or start Xvfb on a free display for the duration of the benchmark."""
    if os.environ.get("DISPLAY"):
        return None
    if not shutil.which("Xvfb"):
        sys.exit("No DISPLAY and no Xvfb: install xvfb or run under a desktop session.")
    for number in range(90, 100):
        if not Path(f"/tmp/.X{number}-lock").exists():
            server = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1440x900x24"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            os.environ["DISPLAY"] = f":{number}"
            time.sleep(1.0)
            return server
    sys.exit("No free X display number for Xvfb.")


def time_to_window(code: str, data_dir: Path) -> float:
    """Seconds from spawning a Python process to its main window's first Expose."""
    environment = {**os.environ, "CRISIS_DESK_DATA_DIR": str(data_dir)}
    environment.pop("QT_QPA_PLATFORM", None)
    environment.pop("CRISIS_DESK_DB", None)
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code], env=environment,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    for line in process.stdout:
        if line.startswith("SHOWN"):
            elapsed = time.perf_counter() - started
            process.wait(timeout=60)
            return elapsed
    process.wait(timeout=60)
    raise RuntimeError("the window was never shown")


def startup(runs: int) -> None:
    bare, first, later = [], [], []
    for _run in range(runs):
        bare.append(time_to_window(BARE, Path(tempfile.mkdtemp())))
        fresh = Path(tempfile.mkdtemp())
        first.append(time_to_window(APP, fresh))
        later.append(time_to_window(APP, fresh))
    floor = statistics.median(bare)
    print(f"launch → window shown, median of {runs} (display {os.environ['DISPLAY']}):")
    print(f"  bare PySide6 window       {floor * 1000:7.0f} ms")
    for label, values in (("crisis-desk, first start", first),
                          ("crisis-desk, later start", later)):
        median = statistics.median(values)
        print(f"  {label:<25} {median * 1000:7.0f} ms   ×{median / floor:.2f} the bare "
              f"window (+{(median - floor) * 1000:.0f} ms)")


def preview_after_keystroke(keys: int) -> None:
    """Type into the facts field; time until the preview shows the new document."""
    os.environ["CRISIS_DESK_DATA_DIR"] = tempfile.mkdtemp()
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from crisis_desk import desk
    from crisis_desk.gui import demo
    from crisis_desk.gui.main_window import MainWindow
    from crisis_desk.gui.preview import DEBOUNCE_MS, TEXT_DEBOUNCE_MS
    from crisis_desk.gui.settings import DeskSettings
    from crisis_desk.store.database import open_store

    app = QApplication.instance() or QApplication(sys.argv[:1])
    store = open_store()
    demo.load_demo(store)
    window = MainWindow(store, DeskSettings())
    window.show()
    officer = next(a for a in demo.DEMO_ACCOUNTS if a.role == desk.COMMS)
    window.signed_in(desk.sign_in(store, officer.name, officer.pin))
    deadline = time.perf_counter() + 60
    # The incident opens off the UI thread; its screen shows once it is loaded.
    while getattr(window, "officer_view", None) is None and time.perf_counter() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    view = window.officer_view
    editor = view.texts.editors[("facts", "fr")]

    def wait_for_render() -> float:
        loop = QEventLoop()
        done: list[float] = []

        def rendered(_result) -> None:
            done.append(time.perf_counter())
            loop.quit()

        view.preview.rendered.connect(rendered)
        QTimer.singleShot(60000, loop.quit)
        loop.exec()
        view.preview.rendered.disconnect(rendered)
        return done[0] if done else float("nan")

    print(f"preview after a keystroke, median of {keys}:")
    for label, kind_id, fmt, pause in (
            ("text: patient notice (txt)", "notice", "txt", TEXT_DEBOUNCE_MS),
            ("PDF: poster A4", "poster", "pdf", DEBOUNCE_MS)):
        view.preview.select(kind_id, site="nivelles", fmt=fmt)
        wait_for_render()
        totals, renders = [], []
        for number in range(keys):
            editor.setFocus()
            started = time.perf_counter()
            QTest.keyClick(editor, Qt.Key.Key_A if number % 2 else Qt.Key.Key_B)
            finished = wait_for_render()
            totals.append(finished - started)
            renders.append(view.preview.last_result.seconds)
        total = statistics.median(totals)
        print(f"  {label:<28} keystroke → shown {total * 1000:6.0f} ms, of which the "
              f"render {statistics.median(renders) * 1000:.0f} ms; the rest is the "
              f"{pause} ms pause that waits for typing to stop (a coarse timer)")
    window.close()
    store.close()
    app.processEvents()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keys", type=int, default=15)
    args = parser.parse_args()
    server = ensure_display()
    try:
        startup(args.runs)
        preview_after_keystroke(args.keys)
    finally:
        if server is not None:
            server.terminate()


if __name__ == "__main__":
    main()
