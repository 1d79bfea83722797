"""Whatever goes wrong inside a template becomes one clear ``TemplateProblem``.

An organisation's own template may divide by zero, call a macro that calls itself,
or loop until the desk runs out of memory: the person at the desk gets one message
naming the template file and the line, never a traceback, and a render that goes
past its budget (seconds or megabytes of output) is stopped.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from types import TracebackType

from jinja2 import Environment, TemplateError
from jinja2.sandbox import SecurityError

from crisis_desk.i18n import _
from crisis_desk.support.errors import TemplateProblem

MAX_SECONDS = 10.0  # a whole kit renders in about a second
MAX_CHARACTERS = 8_000_000  # far beyond any real document, well below the memory


def rendered(chunks: Iterable[str], name: str) -> str:
    """Join a template's output, stopping it once it exceeds the time or size budget."""
    started, size, parts = time.monotonic(), 0, []
    for chunk in chunks:
        size += len(chunk)
        parts.append(chunk)
        if size > MAX_CHARACTERS:
            raise TemplateProblem(_("template %(name)s: stopped, its output passed %(count)d "
                                    "million characters")
                                  % {"name": name, "count": MAX_CHARACTERS // 1_000_000})
        if time.monotonic() - started > MAX_SECONDS:
            raise TemplateProblem(_("template %(name)s: stopped after %(seconds)s seconds")
                                  % {"name": name, "seconds": f"{MAX_SECONDS:g}"})
    return "".join(parts)


@contextmanager
def template_faults(name: str, environment: Environment | None = None) -> Iterator[None]:
    """Turn any fault raised while rendering ``name`` into a ``TemplateProblem``.

    ``environment`` is given where Jinja2 has not yet rewritten the traceback (a
    block called directly), so that line numbers are the template's own.
    """
    try:
        yield
    except TemplateProblem:
        raise
    except SecurityError as exc:
        raise TemplateProblem(_("template %(name)s: forbidden by the sandbox (%(reason)s)")
                              % {"name": name, "reason": exc}) from None
    except TemplateError as exc:
        line = getattr(exc, "lineno", None)
        where = _place(getattr(exc, "name", None) or name, line)
        raise TemplateProblem(f"{where}: {getattr(exc, 'message', None) or exc}") from None
    except (ArithmeticError, RecursionError, TypeError, ValueError, LookupError,
            AttributeError, MemoryError) as exc:
        fault = _rewritten(environment, exc) if environment is not None else exc
        raise TemplateProblem(f"{_where(name, fault.__traceback__)}: {_reason(fault)}") from None


def _rewritten(environment: Environment, exc: BaseException) -> BaseException:
    """The fault being handled, its traceback rewritten to the template's own lines."""
    try:
        environment.handle_exception()  # re-raises the current exception, rewritten
    except Exception as rewritten:  # noqa: BLE001 - the same fault
        return rewritten
    return exc


def _where(name: str, traceback: TracebackType | None) -> str:
    """'template FILE, line N' for the innermost template frame of the traceback."""
    found = None
    while traceback is not None:
        filename = traceback.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = (filename, traceback.tb_lineno)
        traceback = traceback.tb_next
    if found is None:
        return _place(name, None)
    return _place(*found)


def _place(name: str, line: int | None) -> str:
    """'template FILE' or 'template FILE, line N', in the interface language."""
    if line:
        return _("template %(name)s, line %(line)d") % {"name": name, "line": line}
    return _("template %(name)s") % {"name": name}


def _reason(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return _("a macro or include calls itself without end")
    if isinstance(exc, MemoryError):
        return _("it needs more memory than the desk has")
    return f"{type(exc).__name__}: {exc}"
