"""How much text the documents take: the limits ``check`` enforces before any rendering.

Every document is laid out in a second or so for texts far longer than any crisis
message needs; beyond these limits a layout would take minutes (a 1 MB ``facts``
once held a notice for over two minutes), so such an incident is refused with an
error naming the field instead. The README states them.
"""

from __future__ import annotations

MAX_TEXT_LENGTH = 20_000
"""Characters in one text (one field, one language): about eight printed pages."""

MAX_TOTAL_LENGTH = 100_000
"""Characters of every text of an incident and its profile together, in one language."""
