"""Starting the desktop app: ``crisis-desk`` without a command calls ``run(args)``.

Order matters: first make sure Qt can show a window at all (else explain which
packages to install and exit 1), then the interface language, then the
database (created on first start), then the window. ``--demo`` loads the demo
organisation, incident and demo accounts in the background once the window is
up. A data folder that cannot be written (where the preferences and the database
live) stops the start with one message, on the terminal and in a window (exit 2).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys

from crisis_desk.i18n import (
    INTERFACE_LANGUAGES,
    _,
    environment_language,
    set_interface_language,
)
from crisis_desk.support.paths import DataFolderError

from .platform_check import platform_problem
from .settings import DeskSettings

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def preferred_language(settings: DeskSettings, environ=os.environ) -> str:
    """The language chosen in the menu before, else the system's, else English."""
    chosen = settings.get("interface_language")
    if chosen in INTERFACE_LANGUAGES:
        return chosen
    return environment_language(environ) or "en"


def run(args: argparse.Namespace) -> int:
    """Open the main window and run until it is closed; the process's exit code."""
    try:
        settings = DeskSettings()
    except DataFolderError as exc:  # the preferences live there too: nothing can start
        return cannot_start(exc)
    # --ui-lang wins for this run, without changing the menu's choice
    code = getattr(args, "ui_lang", None) or preferred_language(settings)
    set_interface_language(code)
    problem = platform_problem()
    if problem is not None:
        print(problem.message(), file=sys.stderr)
        return EXIT_FAILED

    from PySide6.QtWidgets import QApplication

    defer_import("crisis_desk.desk")
    from .main_window import APP_TITLE, MainWindow
    from .translation import apply_interface_language

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_TITLE)
    apply_interface_language(code)
    window = MainWindow(None, settings)
    window.open_database_when_shown(getattr(args, "db", None),
                                    then_demo=getattr(args, "demo", False))
    window.show()
    try:
        status = app.exec()
        return window.exit_code or status
    finally:
        window.close_workers()
        if window.store is not None:
            window.store.close()


def cannot_start(exc: DataFolderError) -> int:
    """Say why the data folder cannot be used (terminal and, when Qt can, a window); 2."""
    from crisis_desk.store.errors import data_folder_unusable

    set_interface_language(environment_language(os.environ) or "en")
    message = str(data_folder_unusable(exc))
    print(_("crisis-desk: error: %(message)s") % {"message": message}, file=sys.stderr)
    if platform_problem() is None:
        from PySide6.QtWidgets import QApplication, QMessageBox

        _app = QApplication.instance() or QApplication(sys.argv[:1])
        from crisis_desk.gui.main_window import APP_TITLE

        QMessageBox.critical(None, APP_TITLE, message)
    return EXIT_USAGE


def defer_import(name: str) -> None:
    """Load module ``name`` at its first use instead of now (the window shows sooner).

    The database layer (SQLAlchemy, Alembic) is the slowest part to import; the
    views only need it once the database is open, which happens in the background.
    """
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    parent, _, child = name.rpartition(".")
    setattr(sys.modules[parent], child, module)
