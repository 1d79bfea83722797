"""Templates: sandboxed, strict, overridable by an organisation; user text never compiled."""

import pytest

from crisis_desk.documents import kind
from crisis_desk.rendering.environment import environment
from crisis_desk.rendering.request import RenderRequest
from crisis_desk.rendering.template_folders import organisation_template_dirs
from crisis_desk.support.errors import TemplateProblem


def _override(tmp_path, source):
    folder = tmp_path / "templates" / "sms"
    folder.mkdir(parents=True)
    (folder / "sms.txt.j2").write_text(source, encoding="utf-8")
    (tmp_path / "organisation.toml").touch()
    return organisation_template_dirs(tmp_path / "organisation.toml")


def test_organisation_template_overrides_the_packaged_one(tmp_path, example):
    org, incident = example
    dirs = _override(tmp_path, "{{ org.name }} — {{ _('Suspended') }} #{{ incident.update }}")
    request = RenderRequest(org, incident, ("nl",), template_dirs=dirs)
    assert kind("sms").render("txt", request).decode() == \
        "Ziekenhuisnetwerk Ardennen-Gaume — Opgeschort #3"


@pytest.mark.parametrize("source", [
    "{{ ''.__class__.__mro__ }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ org.__class__.__init__.__globals__['os'] }}",
])
def test_templates_cannot_reach_python_internals(tmp_path, example, source):
    org, incident = example
    request = RenderRequest(org, incident, ("fr",), template_dirs=_override(tmp_path, source))
    with pytest.raises(TemplateProblem) as caught:
        kind("sms").render("txt", request)
    assert "sms/sms.txt.j2" in str(caught.value)


def test_undefined_names_fail_loudly(tmp_path, example):
    org, incident = example
    request = RenderRequest(org, incident, ("fr",),
                            template_dirs=_override(tmp_path, "{{ incident.tittle }}"))
    with pytest.raises(TemplateProblem, match="tittle"):
        kind("sms").render("txt", request)


def test_broken_template_names_file_and_line(tmp_path, example):
    org, incident = example
    request = RenderRequest(org, incident, ("fr",),
                            template_dirs=_override(tmp_path, "ok\n{% if %}"))
    with pytest.raises(TemplateProblem, match=r"sms/sms.txt.j2, line 2"):
        kind("sms").render("txt", request)


def test_environment_is_sandboxed_strict_and_translated():
    env = environment("fr")
    assert type(env).__name__ == "SandboxedEnvironment"
    assert env.undefined.__name__ == "StrictUndefined"
    assert env.from_string("{{ _('Closed') }}").render() == "Fermeture temporaire"


def test_user_text_is_never_compiled(example):
    from dataclasses import replace
    org, incident = example
    sneaky = replace(incident, title={"fr": "{{ 7*7 }}{% raw %}", "nl": "{{ lipsum }}"})
    text = kind("press").render("txt", RenderRequest(org, sneaky, ("fr",))).decode()
    assert "{{ 7*7 }}{% raw %}" in text and "49" not in text


def test_templates_in_the_data_folder_override_too(private_data_dir, example):
    org, incident = example
    folder = private_data_dir / "organisations" / org.id / "templates" / "sms"
    folder.mkdir(parents=True)
    (folder / "sms.txt.j2").write_text("{{ incident.update }}", encoding="utf-8")
    dirs = organisation_template_dirs(None, org.id)
    assert kind("sms").render("txt", RenderRequest(org, incident, ("fr",), template_dirs=dirs)) \
        == b"3"
