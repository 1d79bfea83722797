"""The interface language: our Babel catalogs for our words, Qt's own for its dialogs.

Our strings go through ``crisis_desk.i18n._``; Qt's standard dialogs (print,
file, message boxes) are translated by Qt's ``qtbase`` catalogs, installed here
with a QTranslator so both speak the same language.
"""

from __future__ import annotations

import locale

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from crisis_desk.i18n import INTERFACE_LANGUAGES, LANGUAGES, set_interface_language

_installed: list[QTranslator] = []


def system_interface_language() -> str:
    """The system's language when the interface exists in it, else English."""
    code = (QLocale.system().name() or locale.getlocale()[0] or "en").split("_")[0]
    return code if code in INTERFACE_LANGUAGES else "en"


def apply_interface_language(code: str) -> None:
    """Switch our catalogs and Qt's ``qtbase`` translations to ``code``."""
    set_interface_language(code)
    app = QCoreApplication.instance()
    if app is None:
        return
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for catalog in ("qtbase", "qt"):
        translator = QTranslator(app)
        if translator.load(f"{catalog}_{code}", folder):
            app.installTranslator(translator)
            _installed.append(translator)
            break  # qtbase covers the dialogs; qt_xx only when qtbase_xx is absent
    QLocale.setDefault(QLocale(LANGUAGES[code].locale))


def qt_translation_loaded() -> bool:
    """True when a Qt catalog is installed for the current interface language."""
    return bool(_installed)
