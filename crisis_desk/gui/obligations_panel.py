"""The officer's "Legal obligations" tab: what the GDPR and NIS2 documents ask for.

When the organisation became aware (the legal clocks run from it), the language
of the authorities' documents, what is known of a personal data breach and the
NIS2 details. Each item left empty is printed "[To be completed]" and keeps its
document from being approved; filling it here removes the checker's warning.
Every widget writes through ``EditingState.update`` with a copy made by
``incident_edit``, and refreshes itself from the state.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crisis_desk.domain import editing as incident_edit
from crisis_desk.domain.problems import Problem
from crisis_desk.i18n import LANGUAGES, N_, _

from .editor import from_qdatetime, to_qdatetime
from .item_models import EditingState
from .layout import language_grid

NOT_KNOWN = -1  # the spin boxes' lowest value, shown as "Not known"
MAX_COUNT = 2_000_000_000
TEXT_ROWS = {
    "breach.data_categories": (N_("Categories of personal data"),
                               N_("e.g. identity, contact details, medical records")),
    "breach.people_categories": (N_("Categories of people"), N_("e.g. patients, staff")),
    "breach.delay_reason": (N_("Why the authority is notified after 72 hours"),
                            N_("Only needed when the notification goes out more than 72 "
                               "hours after the organisation became aware.")),
    "nis2.assessment": (N_("Severity and impact, in words"),
                        N_("Optional: the initial assessment of the incident's severity "
                           "and impact.")),
    "nis2.root_cause": (N_("Type of threat or root cause"),
                        N_("For the final report: what caused the incident.")),
    "nis2.mitigation": (N_("Mitigation measures"),
                        N_("The measures applied and ongoing.")),
}
SHORT_ROWS = ("breach.data_categories", "breach.people_categories")
ANSWER_CHOICES = ((None, N_("Not assessed")), (True, N_("Yes")), (False, N_("No")))
SEVERITY_CHOICES = ((None, N_("Not assessed")), ("low", N_("Low")), ("medium", N_("Medium")),
                    ("high", N_("High")), ("critical", N_("Critical")))
FLAG_STYLES = {"error": "border: 2px solid #b3261e;", "open": "border: 2px solid #c9a227;"}


def choose(box: QComboBox, choices: tuple, value: object) -> None:
    """Show the entry of ``choices`` whose value is ``value`` (the first when unknown)."""
    values = [choice for choice, _label in choices]
    box.setCurrentIndex(values.index(value) if value in values else 0)


def chosen(box: QComboBox, choices: tuple) -> object:
    """The value of the entry ``box`` shows."""
    return choices[max(box.currentIndex(), 0)][0]


def texts_and_obligations(texts: QWidget, obligations: QWidget, parent: QWidget) -> QTabWidget:
    """The free texts and the legal obligations, as two tabs of the editor."""
    tabs = QTabWidget(parent)
    tabs.setObjectName("textTabs")
    tabs.addTab(texts, _("Free texts, side by side"))
    tabs.addTab(obligations, _("Legal obligations"))
    tabs.setTabToolTip(1, _("What the GDPR notification and the NIS2 reports ask for; "
                            "what is left empty is printed “[To be completed]”."))
    return tabs


class ObligationsPanel(QScrollArea):
    """Awareness, the authorities' language, the breach and the NIS2 details."""

    def __init__(self, state: EditingState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("obligationsPanel")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.fields: dict[str, list[QWidget]] = {}  # checker field -> its widgets
        self.text_editors: dict[tuple[str, str], QLineEdit | QPlainTextEdit] = {}
        self.flags: dict[tuple[str, str | None], str] = {}
        self.rebuild()
        state.languages_changed.connect(self.rebuild)
        state.changed.connect(self.refresh)

    # -- building
    def rebuild(self) -> None:
        """Build the widgets again: the text columns are the incident's languages."""
        self.fields.clear()
        self.text_editors.clear()
        inner = QWidget(self)
        layout = QVBoxLayout(inner)
        layout.addWidget(self._awareness_group(inner))
        layout.addWidget(self._breach_group(inner))
        layout.addWidget(self._nis2_group(inner))
        layout.addStretch(1)
        self.setWidget(inner)
        self.refresh()
        self._restyle()

    def _awareness_group(self, parent: QWidget) -> QGroupBox:
        group = QGroupBox(_("Awareness and authorities"), parent)
        self.aware_check = QCheckBox(_("Became aware later than the start"), group)
        self.aware_check.setToolTip(_("The legal deadlines run from the moment the "
                                      "organisation became aware; unticked: from the start."))
        self.aware_edit = QDateTimeEdit(group)
        self.aware_edit.setObjectName("detectedEdit")
        self.aware_edit.setCalendarPopup(True)
        self.aware_edit.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.aware_check.toggled.connect(self._write_aware)
        self.aware_edit.dateTimeChanged.connect(self._write_aware)
        self.language_box = QComboBox(group)
        self.language_box.setObjectName("authorityLanguage")
        self.language_box.setToolTip(_("The language of the GDPR notification and the NIS2 "
                                       "reports."))
        self.language_box.addItem(_("Each language of the incident"), None)
        for code in self.state.incident.languages:
            name = LANGUAGES[code].native_name if code in LANGUAGES else code
            self.language_box.addItem(name, code)
        self.language_box.currentIndexChanged.connect(self._write_language)
        row = QHBoxLayout()
        row.addWidget(self.aware_check)
        row.addWidget(self.aware_edit, 1)
        form = QFormLayout(group)
        form.addRow(_("Aware since"), row)
        form.addRow(_("Documents for the authorities"), self.language_box)
        self.fields["detected"] = [self.aware_edit]
        self.fields["authority_language"] = [self.language_box]
        return group

    def _breach_group(self, parent: QWidget) -> QGroupBox:
        group = QGroupBox(_("Personal data breach (GDPR)"), parent)
        form = QFormLayout()
        self.count_boxes = {key: self._count_box(key, group)
                            for key in incident_edit.BREACH_COUNTS}
        form.addRow(_("People concerned (about)"), self.count_boxes["people"])
        form.addRow(_("Records concerned (about)"), self.count_boxes["records"])
        layout = QVBoxLayout(group)
        layout.addLayout(form)
        layout.addLayout(self._text_grid(group, [f for f in TEXT_ROWS if f.startswith("breach")]))
        return group

    def _count_box(self, key: str, parent: QWidget) -> QSpinBox:
        box = QSpinBox(parent)
        box.setObjectName(f"breach-{key}")
        box.setRange(NOT_KNOWN, MAX_COUNT)
        box.setSpecialValueText(_("Not known"))
        box.setGroupSeparatorShown(True)
        box.setToolTip(_("An approximate number is enough; “Not known” until it is."))
        box.valueChanged.connect(lambda value, k=key: self._write_count(k, value))
        self.fields[f"breach.{key}"] = [box]
        return box

    def _nis2_group(self, parent: QWidget) -> QGroupBox:
        group = QGroupBox(_("NIS2 details"), parent)
        self.answer_boxes = {key: self._choice_box(f"nis2.{key}", ANSWER_CHOICES, group)
                             for key in incident_edit.NIS2_ANSWERS}
        for key, box in self.answer_boxes.items():
            box.currentIndexChanged.connect(lambda _index, k=key: self._write_answer(k))
        self.severity_box = self._choice_box("nis2.severity", SEVERITY_CHOICES, group)
        self.severity_box.currentIndexChanged.connect(self._write_severity)
        self.indicators_edit = QPlainTextEdit(group)
        self.indicators_edit.setObjectName("nis2-indicators")
        self.indicators_edit.setTabChangesFocus(True)
        self.indicators_edit.setFixedHeight(64)
        self.indicators_edit.setPlaceholderText(_("One per line: addresses, domains, file "
                                                  "hashes…"))
        self.indicators_edit.textChanged.connect(self._write_indicators)
        self.fields["nis2.indicators"] = [self.indicators_edit]
        form = QFormLayout()
        form.addRow(_("Unlawful or malicious act suspected"), self.answer_boxes["malicious"])
        form.addRow(_("Possible cross-border impact"), self.answer_boxes["cross_border"])
        form.addRow(_("Severity"), self.severity_box)
        form.addRow(_("Indicators of compromise"), self.indicators_edit)
        layout = QVBoxLayout(group)
        layout.addLayout(form)
        layout.addLayout(self._text_grid(group, [f for f in TEXT_ROWS if f.startswith("nis2")]))
        return group

    def _choice_box(self, field_name: str, choices: tuple, parent: QWidget) -> QComboBox:
        box = QComboBox(parent)
        box.setObjectName(field_name.replace(".", "-"))
        for _value, label in choices:
            box.addItem(_(label))
        self.fields[field_name] = [box]
        return box

    def _text_grid(self, parent: QWidget, field_names: list[str]) -> QGridLayout:
        """One row per text, one column per language of the incident."""
        grid, editors = language_grid(parent, self.state.incident.languages,
                                      [(name, TEXT_ROWS[name]) for name in field_names],
                                      self._text_editor)
        self.text_editors.update(editors)
        for (field_name, _code), editor in editors.items():
            self.fields.setdefault(field_name, []).append(editor)
        return grid

    def _text_editor(self, field_name: str, code: str,
                     parent: QWidget) -> QLineEdit | QPlainTextEdit:
        editor: QLineEdit | QPlainTextEdit
        if field_name in SHORT_ROWS:
            editor = line = QLineEdit(parent)
            line.textEdited.connect(lambda value, f=field_name, c=code: self._write_text(f, c,
                                                                                       value))
        else:
            editor = box = QPlainTextEdit(parent)
            box.setTabChangesFocus(True)
            box.setFixedHeight(56)
            box.textChanged.connect(
                lambda f=field_name, c=code, e=box: self._write_text(f, c, e.toPlainText()))
        editor.setObjectName(f"text-{field_name}-{code}")
        return editor

    # -- writing
    def _write_aware(self) -> None:
        later = self.aware_check.isChecked()
        self.aware_edit.setEnabled(later)
        moment = from_qdatetime(self.aware_edit.dateTime(), self.state.organisation.timezone) \
            if later else None
        self.state.update(incident_edit.with_detected(self.state.incident, moment))

    def _write_language(self) -> None:
        self.state.update(incident_edit.with_authority_language(
            self.state.incident, self.language_box.currentData()))

    def _write_count(self, key: str, value: int) -> None:
        self.state.update(incident_edit.with_breach_count(
            self.state.incident, key, None if value == NOT_KNOWN else value))

    def _write_answer(self, key: str) -> None:
        value = chosen(self.answer_boxes[key], ANSWER_CHOICES)
        self.state.update(incident_edit.with_nis2_answer(self.state.incident, key,
                                                         value))  # type: ignore[arg-type]

    def _write_severity(self) -> None:
        value = chosen(self.severity_box, SEVERITY_CHOICES)
        self.state.update(incident_edit.with_severity(self.state.incident,
                                                      value))  # type: ignore[arg-type]

    def _write_indicators(self) -> None:
        self.state.update(incident_edit.with_indicators(self.state.incident,
                                                        self.indicators_edit.toPlainText()))

    def _write_text(self, field_name: str, code: str, text: str) -> None:
        self.state.update(incident_edit.with_obligation_text(self.state.incident, field_name,
                                                             code, text))

    # -- showing
    def _widgets(self) -> list[QWidget]:
        return [widget for widgets in self.fields.values() for widget in widgets] + \
            [self.aware_check]

    def refresh(self) -> None:
        """Show the incident's values; what is being typed is left as it is."""
        incident = self.state.incident
        widgets = self._widgets()
        for widget in widgets:
            widget.blockSignals(True)
        self._show_aware()
        self.language_box.setCurrentIndex(max(self.language_box.findData(
            incident.authority_language), 0))
        for key, spin in self.count_boxes.items():
            value = getattr(incident.breach, key)
            spin.setValue(NOT_KNOWN if value is None else min(value, MAX_COUNT))
        for key, answer in self.answer_boxes.items():
            choose(answer, ANSWER_CHOICES, getattr(incident.nis2, key))
        choose(self.severity_box, SEVERITY_CHOICES, incident.nis2.severity)
        typed = self.indicators_edit.toPlainText()
        if incident_edit.indicator_lines(typed) != incident.nis2.indicators:
            self.indicators_edit.setPlainText("\n".join(incident.nis2.indicators))
        self._show_texts()
        for widget in widgets:
            widget.blockSignals(False)

    def _show_aware(self) -> None:
        incident, zone = self.state.incident, self.state.organisation.timezone
        self.aware_check.setChecked(incident.detected is not None)
        self.aware_edit.setEnabled(incident.detected is not None)
        self.aware_edit.setDateTime(to_qdatetime(incident.aware_since, zone))

    def _show_texts(self) -> None:
        for (field_name, code), editor in self.text_editors.items():
            part, key = field_name.split(".")
            text = getattr(getattr(self.state.incident, part), key).get(code, "")
            current = editor.text() if isinstance(editor, QLineEdit) else editor.toPlainText()
            if current == text:
                continue
            if isinstance(editor, QLineEdit):
                editor.setText(text)
                editor.setCursorPosition(0)  # a long text shows its beginning
            else:
                editor.setPlainText(text)

    def mark_missing(self, problems: list[Problem]) -> None:
        """Red for a missing text, amber for an item still "to be completed"."""
        self.flags = {}
        for problem in problems:
            if problem.field not in self.fields:
                continue
            kind = "error" if problem.severity == "error" else "open"
            key = (problem.field, problem.language)
            if self.flags.get(key) != "error":
                self.flags[key] = kind
        self._restyle()

    def _restyle(self) -> None:
        for field_name, widgets in self.fields.items():
            for widget in widgets:
                code = next((c for (f, c), e in self.text_editors.items()
                             if e is widget and f == field_name), None)
                flag = self.flags.get((field_name, code)) or self.flags.get((field_name, None))
                widget.setStyleSheet(FLAG_STYLES.get(flag or "", ""))

    def focus_field(self, field_name: str, code: str | None = None) -> bool:
        """Show this tab and put the cursor in a field the checker named."""
        candidates = [widget for (f, c), widget in self.text_editors.items()
                      if f == field_name and c == code] or self.fields.get(field_name, [])
        if not candidates:
            return False
        tabs = self.parentWidget()
        while tabs is not None and not isinstance(tabs, QTabWidget):
            tabs = tabs.parentWidget()
        if tabs is not None:
            tabs.setCurrentWidget(self)
        self.ensureWidgetVisible(candidates[0])
        candidates[0].setFocus(Qt.FocusReason.OtherFocusReason)
        return True
