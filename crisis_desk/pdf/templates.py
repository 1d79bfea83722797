"""Rendering the named blocks of a template one by one.

A PDF layout needs its texts in pieces (a headline, a note, a caption) rather
than as one stream; a template therefore defines one block per piece and the
layout asks for each. The blocks run in the same sandboxed, per-language
environment as every other template, so an organisation's override works the
same way and user text stays data.
"""

from __future__ import annotations

from collections.abc import Mapping

from crisis_desk.i18n import _
from crisis_desk.rendering.environment import environment
from crisis_desk.rendering.template_faults import rendered, template_faults
from crisis_desk.support.errors import TemplateProblem


class BlockRenderer:
    """The blocks of one template in one language, with a base context."""

    def __init__(self, name: str, code: str, context: Mapping[str, object],
                 template_dirs: tuple[str, ...] = ()) -> None:
        self.name = name
        self.context = dict(context)
        self.environment = environment(code, template_dirs)
        with template_faults(name):
            self.template = self.environment.get_template(name)
        # One context for every block: a poster asks for hundreds of blocks, and making
        # a context copies the whole view each time. A block's own values (a service, a
        # count) are set for its call only; what a block sets is local to it.
        self._shared = self.template.new_context(self.context)

    def render(self, block: str, **extra: object) -> str:
        """The text of ``block`` (stripped), with ``extra`` added to the context."""
        function = self.template.blocks.get(block)
        if function is None:
            raise TemplateProblem(_("template %(name)s: the block '%(block)s' is missing")
                                  % {"name": self.name, "block": block})
        own = self._shared.vars
        own.update(extra)
        try:
            with template_faults(self.name, self.environment):
                return rendered(function(self._shared), self.name).strip()
        finally:
            for key in extra:
                del own[key]
