"""An organisation's broken template is one message naming its file and line."""

from __future__ import annotations

import pytest

from crisis_desk.documents import kind
from crisis_desk.rendering.request import RenderRequest
from crisis_desk.support.errors import TemplateProblem


def _render_with(tmp_path, example, kind_id: str, source: str) -> None:
    folder = tmp_path / "templates" / kind_id
    folder.mkdir(parents=True)
    (folder / f"{kind_id}.txt.j2").write_text(source, encoding="utf-8")
    org, incident = example
    request = RenderRequest(org, incident, ("fr",), template_dirs=(str(tmp_path / "templates"),))
    kind(kind_id).render("txt", request)


@pytest.mark.parametrize(("source", "message"), [
    ("line one\n{{ 1/0 }}", "line 2: ZeroDivisionError"),
    ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(1) }}", "calls itself without end"),
    ("{% for i in range(99999) %}{% for j in range(99999) %}{{ 'x' * 80 }}{% endfor %}"
     "{% endfor %}", "stopped, its output passed"),
    ("{{ range(10**9)|list }}", "sandbox"),
])
def test_runtime_faults_name_the_template_and_line(tmp_path, example, source, message):
    with pytest.raises(TemplateProblem) as caught:
        _render_with(tmp_path, example, "sms", source)
    assert message in str(caught.value)
    assert "sms" in str(caught.value)
