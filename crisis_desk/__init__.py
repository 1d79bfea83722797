"""Crisis Desk: one situation model, every crisis document, in every language.

The package is split Anki-style: everything here except ``crisis_desk.gui`` is the
core and never imports Qt.
"""

__version__ = "0.1.0"
