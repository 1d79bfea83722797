"""Qt signals must not corrupt Python's reference counts: a crisis day is long.

PySide6 6.12.0 on Python 3.11 dropped one reference to ``True`` on every
``Signal.emit()``; after some minutes of typing the interpreter aborted with
"Fatal Python error: bool_dealloc". The emit loop runs in a child process so that
a faulty binding fails this test instead of aborting the whole suite; the soak
test types into the real editor for as long as an officer writes an update.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

pytest.importorskip("PySide6.QtPdf")

from PySide6.QtCore import QEvent, Qt  # noqa: E402
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from crisis_desk import desk  # noqa: E402
from crisis_desk.gui import demo  # noqa: E402
from crisis_desk.gui.main_window import MainWindow  # noqa: E402
from crisis_desk.gui.platform_check import faulty_binding  # noqa: E402
from crisis_desk.gui.settings import DeskSettings  # noqa: E402
from crisis_desk.gui.translation import apply_interface_language  # noqa: E402
from crisis_desk.store.database import open_store  # noqa: E402

WAIT_MS = 60000  # a ceiling for slow machines, never a timing assertion
EMITS = 40_000
SOAK_CHARACTERS = 20_000

EMIT_LOOP = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal

    class Emitter(QObject):
        plain = Signal()
        text = Signal(str)
        flag = Signal(bool)
        anything = Signal(object)

    class Worker(QThread):
        def __init__(self, emitter, count):
            super().__init__()
            self.emitter, self.count = emitter, count
        def run(self):
            for index in range(self.count):
                self.emitter.anything.emit(index)

    app = QCoreApplication([])
    emitter, received = Emitter(), []
    emitter.plain.connect(lambda: received.append(None))
    emitter.text.connect(received.append)
    emitter.flag.connect(received.append)
    emitter.anything.connect(received.append)
    count = int(sys.argv[1])
    before = {name: sys.getrefcount(value)
              for name, value in (("True", True), ("False", False), ("None", None))}
    for index in range(count):
        emitter.plain.emit()
        emitter.text.emit("x")
        emitter.flag.emit(index % 2 == 0)
        emitter.anything.emit(None)
        if len(received) > 1000:
            received.clear()
    worker = Worker(emitter, count)
    worker.start()
    worker.wait()
    app.processEvents()
    received.clear()
    after = {name: sys.getrefcount(value)
             for name, value in (("True", True), ("False", False), ("None", None))}
    print(" ".join(f"{name}={after[name] - before[name]}" for name in before))
""")


def test_tens_of_thousands_of_emits_keep_reference_counts_stable():
    result = subprocess.run([sys.executable, "-c", EMIT_LOOP, str(EMITS)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    drift = dict(item.split("=") for item in result.stdout.split())
    # A faulty binding drifts by one per emit (tens of thousands); a sound one by a
    # handful at most (objects the loop itself still holds).
    assert {name: abs(int(value)) < 100 for name, value in drift.items()} == \
        {"True": True, "False": True, "None": True}, drift


def test_the_faulty_release_is_refused_with_a_way_out():
    problem = faulty_binding("6.12.0")
    assert problem is not None
    assert "6.12.0" in problem.message() and "PySide6-Essentials<6.12" in problem.message()
    assert "apt-get" not in problem.message()
    assert faulty_binding("6.11.3") is None
    assert faulty_binding() is None  # the release installed here is a safe one


@pytest.fixture
def officer_window(qtbot, private_data_dir):
    store = open_store()
    demo.load_demo(store)
    apply_interface_language("en")
    window = MainWindow(store, DeskSettings())
    qtbot.addWidget(window)
    window.show()
    window.show_start()
    qtbot.waitUntil(lambda: not window.worker.busy, timeout=WAIT_MS)  # the accounts are read
    account = next(a for a in demo.DEMO_ACCOUNTS if a.role == desk.COMMS)
    window.sign_in_page.choose(account.name)
    qtbot.keyClicks(window.sign_in_page.pin_edit, account.pin)
    qtbot.mouseClick(window.sign_in_page.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.page_name == desk.COMMS, timeout=WAIT_MS)
    yield window
    window.close()
    window.worker.wait()
    store.close()


def type_like_a_keyboard(widget: QWidget, text: str) -> None:
    """Key press and release per character, accents included (QTest's keyClicks is ASCII)."""
    for character in text:
        key = Qt.Key.Key_Space if character == " " else Qt.Key.Key_unknown
        for event_type in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(event_type, key,
                                                     Qt.KeyboardModifier.NoModifier,
                                                     character))


def test_typing_twenty_thousand_characters_keeps_the_app_alive(qtbot, officer_window):
    view = officer_window.officer_view
    view.preview.select("sms", fmt="txt")
    fields = [editor for (name, _code), editor in sorted(view.texts.editors.items())
              if name in ("facts", "patient_advice")]
    sentence = "Les urgences restent ouvertes, dialyse maintenue; ça va. "
    typed = {id(editor): 0 for editor in fields}
    before = sys.getrefcount(True)
    written = 0
    while written < SOAK_CHARACTERS:
        editor = fields[(written // len(sentence)) % len(fields)]
        editor.setFocus()
        editor.moveCursor(editor.textCursor().MoveOperation.End)
        type_like_a_keyboard(editor, sentence)
        typed[id(editor)] += len(sentence)
        written += len(sentence)
        qtbot.wait(1)  # let the typing pause, preview, check and autosave timers run
    qtbot.waitUntil(lambda: view.preview.last_result is not None, timeout=WAIT_MS)
    qtbot.wait(500)
    assert officer_window.isVisible()
    assert all(len(editor.toPlainText()) >= typed[id(editor)] for editor in fields)
    # The interpreter is still sound: True's count did not fall with every emit.
    assert sys.getrefcount(True) > before - 1000
