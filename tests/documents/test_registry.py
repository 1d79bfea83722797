"""The registry: every kind declares its formats, each declared format has its renderer
in the module ``FORMAT_MODULES`` names, and a renderer's module is loaded only when a
document of its format is rendered."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from crisis_desk import documents


def test_every_declared_format_has_a_renderer_and_none_is_undeclared():
    for module in set(documents.FORMAT_MODULES.values()):
        importlib.import_module(f"crisis_desk.documents.{module}")
    declared = {(k.id, fmt) for k in documents.kinds().values() for fmt in k.declared}
    assert set(documents._RENDERERS) == declared
    assert all(k.declared for k in documents.kinds().values())


def test_a_format_a_kind_does_not_declare_is_refused():
    with pytest.raises(ValueError, match="does not declare"):
        documents.register_format("sms", "pdf", lambda request: b"")
    with pytest.raises(KeyError):
        documents.kind("sms").formats["pdf"]


def test_a_kit_of_posters_loads_no_text_web_or_cap_renderer(example_files, tmp_path):
    org_file, incident_file = example_files
    script = (
        "import sys\n"
        "from crisis_desk.cli import main\n"
        f"code = main.main(['kit', {str(incident_file)!r}, '--org', {str(org_file)!r}, "
        f"'--out', {str(tmp_path / 'kit')!r}, '--kind', 'poster'])\n"
        "loaded = [m for m in ('text', 'status_page', 'cap') "
        "if 'crisis_desk.documents.' + m in sys.modules]\n"
        "print(code, loaded)\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True).stdout.split("\n")[-2]
    assert out == "0 []"
    assert len(list((tmp_path / "kit").glob("poster-*.pdf"))) == 4
