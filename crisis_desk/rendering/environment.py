"""The sandboxed Jinja2 environment, one per document language.

Templates come from the package's ``templates/<kind>/`` folders, unless the
organisation keeps its own copy of a template in its template folder, which
then wins. Templates run in Jinja2's sandbox with ``StrictUndefined``; user text
only ever arrives as data in the render context, never as template source.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from jinja2 import (
    BytecodeCache,
    ChoiceLoader,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    pass_context,
)
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

from crisis_desk import i18n
from crisis_desk.domain.gsm import sms_length
from crisis_desk.rendering.repetition import unrepeated
from crisis_desk.rendering.template_faults import rendered, template_faults
from crisis_desk.support import resources
from crisis_desk.support.paths import cache_dir

PACKAGE_TEMPLATES = resources.templates_dir()
AUTOESCAPED = (".html.j2", ".xml.j2", ".svg.j2")
# The SMS (GSM 03.38 has no U+202F) and the post, which repeats the SMS's wording.
PLAIN_TEMPLATES = ("sms/", "social/")


def _autoescape(name: str | None) -> bool:
    return name is not None and name.endswith(AUTOESCAPED)


def _filters(code: str) -> dict[str, object]:
    return {
        "date": lambda value, fmt="full": i18n.document_date(value, code, fmt),
        "time": lambda value, fmt="short": i18n.document_time(value, code, fmt),
        "datetime": lambda value, fmt="medium": i18n.format_datetime(value, code, fmt),
        "number": lambda value: i18n.format_number(value, code),
        "sms_segments": lambda text: sms_length(str(text).strip()).segments,
        "unrepeated": unrepeated,
    }


def _plain(template_name: str | None) -> bool:
    """Templates whose fixed wording keeps plain spaces (the SMS: GSM 03.38 has no U+202F)."""
    return (template_name or "").startswith(PLAIN_TEMPLATES)


def _typeset_gettext(code: str) -> tuple[Callable[..., str], Callable[..., str]]:
    """gettext and ngettext that set the catalog's wording as the language sets it.

    They see the template being rendered, so the SMS keeps plain spaces; user text is
    interpolated afterwards by Jinja2 and so is never touched.
    """
    @pass_context
    def gettext(context: Context, message: str) -> str:
        return i18n.gettext(code, message, plain=_plain(context.name))

    @pass_context
    def ngettext(context: Context, singular: str, plural: str, n: int) -> str:
        return i18n.ngettext(code, singular, plural, n, plain=_plain(context.name))

    return gettext, ngettext


@lru_cache(maxsize=1)
def _bytecode_cache() -> BytecodeCache | None:
    """Compiled templates kept between runs (Jinja2 checks each source's checksum)."""
    folder = cache_dir()
    if folder is None:
        return None
    (folder / "templates").mkdir(exist_ok=True)
    return FileSystemBytecodeCache(str(folder / "templates"))


@lru_cache(maxsize=32)
def environment(code: str, template_dirs: tuple[str, ...] = ()) -> SandboxedEnvironment:
    """The environment for one language; organisation folders come first."""
    loaders = [FileSystemLoader(d) for d in template_dirs]
    loaders.append(FileSystemLoader(PACKAGE_TEMPLATES))
    env = SandboxedEnvironment(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=_autoescape,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        bytecode_cache=_bytecode_cache(),
    )
    # Added to the environment at run time by the jinja2.ext.i18n extension.
    env.install_gettext_callables(  # type: ignore[attr-defined]
        *_typeset_gettext(code), newstyle=True)
    env.filters.update(_filters(code))
    return env


def render_template(name: str, code: str, context: dict[str, object],
                    template_dirs: tuple[str, ...] = ()) -> str:
    """Render one template in one language; template faults become ``TemplateProblem``."""
    env = environment(code, template_dirs)
    with template_faults(name):
        return rendered(env.get_template(name).generate(context), name)
