"""The manager's screen: what awaits approval, read side by side, approve or send back.

Left, the documents submitted for approval. Right, the selected document in
each of its languages side by side, the changes since its last approved
version, and the draft as it will print. Approving asks for the manager's PIN;
the workflow checks the role, the PIN and that the content is still exactly
what was read (its hash). The list, the texts, the changes and the draft are
read and rendered on the background worker; each answer fills its part when
it arrives, and one meant for a document no longer selected is dropped.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeySequence,
    QShortcut,
    QSyntaxHighlighter,
    QTextCharFormat,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from crisis_desk import desk
from crisis_desk.documents import kinds
from crisis_desk.i18n import LANGUAGES, _, _n

from .changes import line_prefixes, readable
from .layout import split
from .preview import DocumentView
from .workers import BackgroundWorker, error_text

INFO_ROLE = Qt.ItemDataRole.UserRole + 3


class DiffHighlighter(QSyntaxHighlighter):
    """What the text had in red, what it has now in green, the language headings bold."""

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt's name
        was, now = line_prefixes()
        fmt = QTextCharFormat()
        if text.startswith(was):
            fmt.setForeground(QColor("#b3261e"))
            fmt.setBackground(QColor("#fbeaea"))
        elif text.startswith(now):
            fmt.setForeground(QColor("#1b7a36"))
            fmt.setBackground(QColor("#e9f6ec"))
        elif text.startswith("==="):
            fmt.setFontWeight(QFont.Weight.Bold)
        else:
            return
        self.setFormat(0, len(text), fmt)


class PinDialog(QDialog):
    """Asks the manager's PIN to approve, or a comment to send back (no PIN needed)."""

    def __init__(self, title: str, prompt: str, *, comment: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        # One field per mode, each laid out: a hidden PIN field must never sit over the
        # comment and swallow its keystrokes.
        self.pin_edit: QLineEdit | None = None if comment else QLineEdit(self)
        self.comment_edit = QPlainTextEdit(self) if comment else None
        form = QFormLayout(self)
        form.addRow(QLabel(prompt, self))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        if self.comment_edit is not None:
            self.comment_edit.setPlaceholderText(_("What should change?"))
            self.comment_edit.setTabChangesFocus(True)
            self.comment_edit.textChanged.connect(self._comment_changed)
            form.addRow(_("Comment"), self.comment_edit)
            self._comment_changed()
        elif self.pin_edit is not None:
            self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
            form.addRow(_("Your PIN"), self.pin_edit)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        (self.comment_edit or self.pin_edit or self).setFocus()

    def _comment_changed(self) -> None:
        """A document is sent back with a reason: OK waits for one."""
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.comment.strip()))

    @property
    def pin(self) -> str:
        return self.pin_edit.text() if self.pin_edit is not None else ""

    @property
    def comment(self) -> str:
        return self.comment_edit.toPlainText() if self.comment_edit is not None else ""


class ManagerView(QWidget):
    """Pending documents on the left; the selected one, side by side, on the right."""

    # Another worker thread for the quick reads that follow another desk's work, so that
    # they never wait behind a long render (the main window sets it).
    quick_worker: BackgroundWorker | None = None

    def _reader(self, urgent: bool) -> BackgroundWorker:
        return self.quick_worker if urgent and self.quick_worker is not None else self.worker

    decided = Signal(str, object)  # "approved" | "sent_back", DocumentInfo
    refreshed = Signal()  # the pending list was read again
    document_shown = Signal(object)  # the group of DocumentInfo whose texts are shown

    def __init__(self, store, actor: desk.Actor, worker: BackgroundWorker,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.actor, self.worker = store, actor, worker
        self.current: list[desk.DocumentInfo] | None = None
        self.opened: set[tuple[int, str]] = set()  # (document, sha256) the manager has read
        self.pending = QListWidget(self)
        self.pending.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.pending.setStyleSheet("QListWidget { font-size: 14px; } "
                                   "QListWidget::item { padding: 7px; }")
        self.pending.currentItemChanged.connect(self._selected)
        self.pending_label = QLabel(self)
        self.pending_label.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.heading.setWordWrap(True)
        self.side_by_side = QWidget(self)
        self.side_layout = QHBoxLayout(self.side_by_side)
        self.side_layout.setContentsMargins(0, 0, 0, 0)
        self.text_views: dict[str, QPlainTextEdit] = {}
        self.changes = QPlainTextEdit(self)
        self.changes.setReadOnly(True)
        self.highlighter = DiffHighlighter(self.changes.document())
        self.draft_view = DocumentView(self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.side_by_side, _("Side by side"))
        self.tabs.addTab(self.changes, _("Changes since last approval"))
        self.tabs.addTab(self.draft_view, _("As it will print"))
        self.tabs.currentChanged.connect(self._tab_changed)
        self.approve_button = QPushButton("✔  " + _("Approve…"), self)
        self.approve_button.setObjectName("approveButton")
        self.approve_button.setToolTip(_("Approve the selected documents with your PIN "
                                         "(Ctrl+Enter)"))
        self.approve_button.setStyleSheet(
            "QPushButton { background: #1b7a36; color: white; font-weight: bold; "
            "font-size: 15px; padding: 8px 22px; border-radius: 4px; } "
            "QPushButton:disabled { background: #a7c7b0; }")
        self.send_back_button = QPushButton("↩  " + _("Send back…"), self)
        self.send_back_button.setStyleSheet("font-size: 15px; padding: 8px 18px;")
        self.approve_button.clicked.connect(self.approve_selected)
        self.send_back_button.clicked.connect(self.send_back_selected)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self._lay_out()
        QShortcut(QKeySequence("Ctrl+Return"), self, self.approve_selected)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh)
        self.refresh()

    def _lay_out(self) -> None:
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.pending_label)
        left_layout.addWidget(self.pending, 1)
        refresh = QPushButton(_("Refresh"), left)
        refresh.clicked.connect(self.refresh)
        left_layout.addWidget(refresh)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.tabs, 1)
        right_layout.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.send_back_button)
        buttons.addWidget(self.approve_button)
        right_layout.addLayout(buttons)
        splitter = split(Qt.Orientation.Horizontal, self, (left, 2), (right, 5))
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    # -- the list: one line per document, its language versions together
    def refresh(self, urgent: bool = False) -> None:
        """Read what awaits approval (background), then list it.

        ``urgent``: another desk submitted or decided; read before slower work waiting.
        """
        store = self.store
        self._reader(urgent).submit(lambda: desk.awaiting_approval(store), self._list,
                           self._show_error, urgent=urgent)

    def _list(self, infos: list[desk.DocumentInfo]) -> None:
        keep = self.current[0].id if self.current else None
        self.pending.blockSignals(True)
        self.pending.clear()
        groups = group_by_document(infos)
        for group in groups:
            item = QListWidgetItem(self._item_line(group))
            item.setData(INFO_ROLE, group)
            item.setToolTip(_("Submitted by %(name)s") % {"name": group[0].submitted_by or "—"})
            self.pending.addItem(item)
        self.pending.blockSignals(False)
        self.pending_label.setText(_n("%(count)d document awaiting approval",
                                      "%(count)d documents awaiting approval", len(groups))
                                   % {"count": len(groups)})
        rows = [row for row, group in enumerate(groups) if any(i.id == keep for i in group)]
        if rows and self._same_content(groups[rows[0]]):
            # the document shown has not changed: keep it as it is read, unreread
            self.pending.blockSignals(True)
            self.pending.setCurrentRow(rows[0])
            self.pending.blockSignals(False)
        elif groups:
            self.pending.setCurrentRow(rows[0] if rows else 0)
        else:
            self._show(None)
        self.refreshed.emit()

    def _same_content(self, group: list[desk.DocumentInfo]) -> bool:
        """Is ``group`` the one shown, with exactly the content shown?"""
        shown = self.current or []
        return [(i.id, i.submitted_sha256) for i in group] == \
            [(i.id, i.submitted_sha256) for i in shown]

    def _item_text(self, group: list[desk.DocumentInfo]) -> str:
        first = group[0]
        title = _(kinds()[first.kind].title)
        site = f" — {first.site}" if first.site else ""
        languages = "/".join(code.upper() for info in group for code in info.languages)
        return f"{title}{site}   [{languages}]"

    def _item_line(self, group: list[desk.DocumentInfo]) -> str:
        """The list's line: the document, and whether it changed since it was approved."""
        approved = group[0].approved_version
        if approved is None:
            state = _("new: never approved")
        else:
            state = _("changed since approved version %(version)s") % {"version": approved}
        return f"{self._item_text(group)}\n    {state}"

    def _selected(self, item: QListWidgetItem | None) -> None:
        self._show(item.data(INFO_ROLE) if item is not None else None)

    def select_document(self, document_id: int) -> None:
        for row in range(self.pending.count()):
            if any(i.id == document_id for i in self.pending.item(row).data(INFO_ROLE)):
                self.pending.setCurrentRow(row)

    def selected_documents(self) -> list[desk.DocumentInfo]:
        items = self.pending.selectedItems() or (
            [self.pending.currentItem()] if self.pending.currentItem() else [])
        return [info for item in items for info in item.data(INFO_ROLE)]

    # -- the document, in its languages side by side
    def _show(self, group: list[desk.DocumentInfo] | None) -> None:
        self.current = group
        for button in (self.approve_button, self.send_back_button):
            button.setEnabled(group is not None)
        self._clear_columns()
        if group is None:
            self.heading.setText(_("Nothing awaits your approval."))
            self.changes.clear()
            self.draft_view.show_message("")
            return
        numbers = ", ".join(info.number for info in group)
        self.heading.setText(f"{self._item_text(group)} — {numbers}, "
                             + _("version %(version)d") % {"version": group[0].version})
        self.changes.clear()
        store = self.store

        def read() -> list[tuple[dict[str, str], dict[str, str] | None]]:
            return [(desk.document_texts(store, info.id),
                     desk.changes_since_approval(store, info.id)) for info in group]

        self.worker.submit(read, lambda found: self._show_texts(group, found),
                           self._show_error, owner=self)
        if self.tabs.currentWidget() is self.draft_view:
            self._render_draft()

    def _clear_columns(self) -> None:
        for view in self.text_views.values():
            view.deleteLater()
        self.text_views.clear()
        clear_layout(self.side_layout)

    def _show_texts(self, group: list[desk.DocumentInfo],
                    found: list[tuple[dict[str, str], dict[str, str] | None]]) -> None:
        if self.current is not group:  # another document was selected meanwhile
            return
        self._clear_columns()
        for info, (texts, _diffs) in zip(group, found, strict=True):
            for code in info.languages:
                self._add_column(code, texts.get(code, ""))
        self._show_changes(group, [diffs for _texts, diffs in found])
        self.opened.update((info.id, info.submitted_sha256 or "") for info in group)
        self.document_shown.emit(group)

    def _add_column(self, code: str, text: str) -> None:
        column = QPlainTextEdit(text, self.side_by_side)
        column.setReadOnly(True)
        column.setObjectName(f"review-{code}")
        box = QVBoxLayout()
        name = LANGUAGES[code].native_name if code in LANGUAGES else code
        box.addWidget(QLabel(f"<b>{name}</b>", self.side_by_side))
        box.addWidget(column, 1)
        self.side_layout.addLayout(box, 1)
        self.text_views[code] = column

    def _show_changes(self, group: list[desk.DocumentInfo],
                      changes: list[dict[str, str] | None]) -> None:
        parts = []
        for info, diffs in zip(group, changes, strict=True):
            if diffs is None:
                parts.append(_("%(number)s was never approved before: read it all in "
                               "“Side by side”.") % {"number": info.number})
                continue
            for code, diff in diffs.items():
                name = LANGUAGES[code].native_name if code in LANGUAGES else code
                parts.append(f"=== {info.number} — {name} ===\n" + readable(diff))
        self.changes.setPlainText("\n\n".join(parts))

    def _tab_changed(self) -> None:
        if self.tabs.currentWidget() is self.draft_view and self.current is not None:
            self._render_draft()

    def _render_draft(self) -> None:
        group, store = self.current, self.store
        if group is None:
            return  # nothing selected
        info = group[0]
        formats = kinds()[info.kind].formats
        fmt = "pdf" if "pdf" in formats else next(iter(formats), None)
        if fmt is None:
            return

        def show(data: bytes) -> None:
            if self.current is group:
                self.draft_view.show_bytes(data, fmt)

        self.draft_view.show_message(_("Preparing %(number)s…") % {"number": info.number})
        self.worker.submit(lambda: desk.render_document(store, info.id, fmt, current=True),
                           show,
                           lambda exc: self.draft_view.show_message(error_text(exc)),
                           owner=self)

    def _show_error(self, exc: Exception) -> None:
        self.message.setText(error_text(exc))
        self.message.setStyleSheet("color: #b3261e; font-weight: bold;")

    # -- decisions
    def approve_selected(self) -> None:
        chosen = self.selected_documents()
        if not chosen or not self.approve_button.isEnabled():  # Ctrl+Enter while approving
            return
        if not self._confirm_unread(chosen):
            return
        listed = "\n".join(f"• {self._item_text(group)}" for group in group_by_document(chosen))
        dialog = PinDialog(_("Approve"), _n("Approve %(count)d document as you read it?",
                                            "Approve %(count)d documents as you read them?",
                                            len(chosen)) % {"count": len(chosen)}
                           + "\n" + listed, parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.approve(chosen, dialog.pin)

    def unread(self, chosen: list[desk.DocumentInfo]) -> list[list[desk.DocumentInfo]]:
        """The chosen documents whose submitted content the manager has not opened."""
        return [group for group in group_by_document(chosen)
                if any((info.id, info.submitted_sha256 or "") not in self.opened
                       for info in group)]

    def _confirm_unread(self, chosen: list[desk.DocumentInfo]) -> bool:
        """Approving what one has not opened asks first, naming each document."""
        unread = self.unread(chosen)
        if not unread:
            return True
        listed = "\n".join(f"• {self._item_text(group)}" for group in unread)
        answer = QMessageBox.warning(
            self, _("Approve unread documents?"),
            _("You have not opened these documents:\n%(documents)s\n\nApprove them too, "
              "without reading them?") % {"documents": listed},
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def approve(self, chosen: list[desk.DocumentInfo], pin: str) -> None:
        """Approve each document with the PIN, bound to the hash that was shown."""
        store, actor = self.store, self.actor
        self.message.setText(_("Approving…"))

        def approve_all() -> list[desk.DocumentInfo]:
            return [desk.approve(store, actor, pin, info.id, info.submitted_sha256)
                    for info in chosen]

        self.worker.submit(approve_all, self._approved, self._refused, busy=self._decisions())

    def _decisions(self) -> tuple[QWidget, ...]:
        """The controls that decide; off while a decision is being recorded."""
        return (self.approve_button, self.send_back_button, self.pending)

    def _approved(self, infos: list[desk.DocumentInfo]) -> None:
        self.message.setText(_("Approved: %(numbers)s")
                             % {"numbers": ", ".join(i.number for i in infos)})
        self.message.setStyleSheet("color: #1b7a36;")
        for info in infos:
            self.decided.emit("approved", info)
        self.refresh()

    def _refused(self, exc: Exception) -> None:
        self._show_error(exc)
        self.refresh()

    def send_back_selected(self) -> None:
        chosen = self.selected_documents()
        if not chosen or not self.send_back_button.isEnabled():
            return
        dialog = PinDialog(_("Send back"), _n(
            "Send %(count)d document back to the communication officer.",
            "Send %(count)d documents back to the communication officer.", len(chosen))
            % {"count": len(chosen)}, comment=True, parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.send_back(chosen, dialog.comment)

    def send_back(self, chosen: list[desk.DocumentInfo], comment: str) -> None:
        store, actor = self.store, self.actor

        def send_all() -> list[desk.DocumentInfo]:
            return [desk.send_back(store, actor, info.id, comment) for info in chosen]

        def sent(infos: list[desk.DocumentInfo]) -> None:
            self.message.setText(_("Sent back: %(numbers)s")
                                 % {"numbers": ", ".join(i.number for i in infos)})
            self.message.setStyleSheet("color: #7a4d00;")
            for info in infos:
                self.decided.emit("sent_back", info)
            self.refresh()

        self.message.setText(_("Working…"))
        self.worker.submit(send_all, sent, self._refused, owner=self, busy=self._decisions())


def group_by_document(infos: list[desk.DocumentInfo]) -> list[list[desk.DocumentInfo]]:
    """Documents made one per language (press, SMS) grouped with their other languages."""
    groups: dict[tuple, list[desk.DocumentInfo]] = {}
    for info in infos:
        groups.setdefault((info.incident_id, info.kind, info.site), []).append(info)
    return list(groups.values())


def clear_layout(layout) -> None:
    """Empty a layout, nested layouts included (their widgets are deleted)."""
    while layout.count():
        item = layout.takeAt(0)
        if item.widget() is not None:
            item.widget().deleteLater()
        elif item.layout() is not None:
            clear_layout(item.layout())
