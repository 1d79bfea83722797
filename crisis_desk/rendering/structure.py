"""A flowing document's structure, written by the same template as its text version.

The notice, press statement and phone script templates write plain text, and
the shared macros of ``_shared/text.j2`` wrap each part of it in an element:
``doc.begin(kind, text, ...)`` before the part's text form, ``doc.end()`` after.
``doc`` is a :class:`StructureWriter`; it records what the element *is* (a
heading, a status row and its status id, a question and its answer) and leaves
a mark in the output. One render thus gives both formats: the text version is
the output without the marks, the structure is the elements in their order,
with any text a template writes outside an element kept as plain lines. An
organisation that overrides a template with these macros keeps the PDF's
headings and status shapes, and text it adds loosely is never lost.

The mark is a control character that ``clean`` removes from every user text,
so a user cannot forge an element; element texts are plain strings (data),
never markup.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from crisis_desk.i18n import _
from crisis_desk.rendering.environment import render_template
from crisis_desk.support.errors import TemplateProblem

MARK = "\x1e"  # ASCII record separator: clean() strips it from user text
END = "/"
ELEMENT_KINDS = frozenset({
    "kicker",      # the line above the title (the organisation)
    "title",
    "subtitle",    # what the document is, under the kicker
    "meta",        # update number and date, place and date
    "heading",
    "subheading",  # a site above its services
    "paragraph",
    "status",      # a service's status: status id, line, note (detail)
    "question",    # a question and its answer line (detail)
    "bullet",
    "contact",     # a number, an address, a web page to reach
    "summary",     # a boxed heading (text) and its lines (detail, one per line)
    "table",       # a grid: rows in detail, one per line, cells separated by tabs
    "page-break",  # the PDF goes on on a new page; nothing in the text
    "picture",     # a line led by a pictogram (status: its name; detail: a status id)
})
TEXT = "text"    # a line a template wrote outside any element
BLANK = "blank"  # an empty line a template wrote outside any element


@dataclass(frozen=True)
class Element:
    """One part of a document: what it is and its texts (plain strings)."""

    kind: str  # one of ELEMENT_KINDS, TEXT or BLANK
    text: str = ""
    status: str = ""  # the status id of a status row
    detail: str = ""  # a status row's note; a question's answer line


@dataclass(frozen=True)
class Structured:
    """A rendered template: its text version and its structure."""

    text: str
    elements: tuple[Element, ...]


class StructureWriter:
    """Given to the template as ``doc``: records the elements and marks where they stand."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.elements: list[Element] = []

    def begin(self, kind: str, text: object = "", status: object = "",
              detail: object = "") -> str:
        """Open an element; the template then writes its text form and calls ``end``."""
        if kind not in ELEMENT_KINDS:
            known = ", ".join(sorted(ELEMENT_KINDS))
            raise TemplateProblem(_("template %(name)s: no element '%(kind)s' (known: "
                                    "%(known)s)")
                                  % {"name": self.name, "kind": kind, "known": known})
        self.elements.append(Element(kind, str(text).strip(), str(status), str(detail).strip()))
        return f"{MARK}{len(self.elements) - 1}{MARK}"

    def _fault(self, what: str) -> str:
        """'template NAME: what is wrong', in the interface language."""
        return _("template %(name)s: %(fault)s") % {"name": self.name, "fault": what}

    def end(self) -> str:
        """Close the element opened last."""
        return f"{MARK}{END}{MARK}"

    def structured(self, output: str) -> Structured:
        """Split the template's output into its text version and its elements."""
        pieces = output.split(MARK)  # even indexes: written text; odd ones: marks
        if len(pieces) % 2 == 0:
            raise TemplateProblem(self._fault(_("a broken element mark")))
        items: list[Element] = []
        current: int | None = None
        for mark in pieces[1::2]:
            if mark == END:
                if current is None:
                    raise TemplateProblem(self._fault(_("doc.end() without doc.begin()")))
                current = None
            elif current is not None:
                raise TemplateProblem(self._fault(_("an element inside an element")))
            elif not mark.isdigit() or int(mark) >= len(self.elements):
                raise TemplateProblem(self._fault(_("a broken element mark")))
            else:
                current = int(mark)
        if current is not None:
            raise TemplateProblem(self._fault(_("doc.begin() without doc.end()")))
        for index, piece in enumerate(pieces):
            if index % 2:
                if piece != END:
                    items.append(self.elements[int(piece)])
            elif not _inside(pieces, index):
                items.extend(_loose(piece))
        return Structured("".join(pieces[::2]), tuple(items))


def _inside(pieces: list[str], index: int) -> bool:
    """Whether the written text at ``index`` stands between a begin and its end."""
    return index > 0 and pieces[index - 1] != END


def _loose(text: str) -> Iterator[Element]:
    """Lines written outside any element: plain lines, and the blank lines between.

    The first and last lines of ``text`` may be the rest of an element's line;
    they count only when they hold text, so an indent or a line end is no gap.
    """
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if line.strip():
            yield Element(TEXT, line.strip())
        elif 0 < number < len(lines) - 1:
            yield Element(BLANK)


def render_structured(name: str, code: str, context: Mapping[str, object],
                      template_dirs: tuple[str, ...] = ()) -> Structured:
    """Render one flowing template in one language: its text and its structure."""
    writer = StructureWriter(name)
    output = render_template(name, code, {**context, "doc": writer}, template_dirs)
    return writer.structured(output)
