"""The interface language: our Babel catalogs for our words, Qt's own for its dialogs.

Our strings go through ``crisis_desk.i18n._``; Qt's standard dialogs (print,
file, message boxes) are translated by Qt's ``qtbase`` catalogs, installed here
with a QTranslator so both speak the same language.
"""

from __future__ import annotations

import locale

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator

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
            # Installed first, so asked last: it only fills what the catalog leaves out.
            gaps = QtCatalogGaps(translator, app)
            app.installTranslator(gaps)
            app.installTranslator(translator)
            _installed.extend((translator, gaps))
            break  # qtbase covers the dialogs; qt_xx only when qtbase_xx is absent
    QLocale.setDefault(QLocale(LANGUAGES[code].locale))


class QtCatalogGaps(QTranslator):
    """Phrases Qt's catalog leaves in English, found under the wording it does translate.

    Qt 6 renamed some phrases of its file dialog ("Look in:" became "&Look in:") and
    moved others ("Drive" to the icon provider) while the French and Dutch
    catalogs still carry only the former wording, so the dialog showed English there.
    """

    FALLBACK_CONTEXTS = {"QAbstractFileIconProvider": "QFileDialog"}

    def __init__(self, catalog: QTranslator, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:  # noqa: D102 - Qt's own method
        if "&" in source:  # the phrase without its keyboard mnemonic, the mnemonic kept
            found = self.catalog.translate(context, source.replace("&", "", 1),
                                           disambiguation, n)
            if found:
                return "&" + found
        other = self.FALLBACK_CONTEXTS.get(context)
        if other is not None:
            return self.catalog.translate(other, source, disambiguation, n) or None
        return None  # no translation here: Qt keeps the source text


def qt_translation_loaded() -> bool:
    """True when a Qt catalog is installed for the current interface language."""
    return bool(_installed)
