"""The command line as automation uses it: exit codes, files, one-line errors."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from crisis_desk.cli.main import main


def run(*args: str) -> subprocess.CompletedProcess:
    """Run the real command in a fresh process."""
    return subprocess.run([sys.executable, "-m", "crisis_desk", *args],
                          capture_output=True, text=True, timeout=120)


def test_demo_then_kit_writes_every_text_document(tmp_path):
    result = run("demo", str(tmp_path / "d"))
    assert result.returncode == 0, result.stderr
    org, incident = tmp_path / "d" / "organisation.toml", tmp_path / "d" / "incident.toml"
    result = run("kit", str(incident), "--org", str(org), "--out", str(tmp_path / "k"))
    assert result.returncode == 0, result.stderr
    names = {p.name for p in (tmp_path / "k").iterdir()}
    assert {"notice-fr-nl.txt", "press-fr.txt", "press-nl.txt", "phone-script-fr-nl.txt",
            "sms-fr.txt", "sms-nl.txt", "social-fr.txt", "social-nl.txt"} <= names
    assert "Traceback" not in result.stderr


def test_demo_never_overwrites(tmp_path):
    assert main(["demo", str(tmp_path)]) == 0
    (tmp_path / "incident.toml").write_text("# my edits\n")
    assert main(["demo", str(tmp_path)]) == 1
    assert (tmp_path / "incident.toml").read_text() == "# my edits\n"


def test_kit_on_the_shared_examples(example_files, tmp_path):
    org, incident = example_files
    assert main(["kit", str(incident), "--org", str(org), "--out", str(tmp_path),
                 "--kind", "sms", "--kind", "notice"]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert "notice-fr-nl.txt" in names and "sms-nl.txt" in names
    assert not any(n.startswith("press") for n in names)


def test_check_exit_codes(example_files, tmp_path, capsys):
    org, incident = example_files
    assert main(["check", str(incident), "--org", str(org)]) == 0
    # Stating who comes (dialysis…) and who does not (consultations…) takes two SMS and
    # a post over 280 characters, per language; data may be at risk and the profile names
    # no data protection officer; its sites have no coordinates for the CAP area, and
    # update 3 names no earlier CAP message; the obligation documents lack the breach and
    # NIS2 details, and their 2022 deadlines have passed: warnings, not errors.
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == "0 errors, 28 warnings"
    fields = sorted(line.split(":")[1].strip() for line in lines
                    if line.startswith("warning:"))
    owed = ["authority-notification", "nis2-early-warning", "nis2-final-report",
            "nis2-notification"]  # overdue (the data notice has no fixed deadline)
    gaps = ["breach.data_categories"] * 2 + ["breach.people", "breach.people_categories",
                                             "breach.records"] + \
        ["nis2.cross_border"] * 3 + ["nis2.indicators", "nis2.malicious", "nis2.malicious",
                                     "nis2.mitigation", "nis2.root_cause"] + \
        ["nis2.severity"] * 2 + ["organisation.dpo"] * 2  # authority doc, data notice
    assert fields == sorted(["organisation.dpo", "published", "site.lat", "sms [fr]",
                             "sms [nl]", "social [fr]", "social [nl]", *owed, *gaps])
    assert "  authority-notification: due 2022-05-17 01:30 +0200: overdue" in lines
    assert "  data-notice: without undue delay: drafted" in lines
    broken = tmp_path / "broken.toml"
    broken.write_text(incident.read_text(encoding="utf-8").replace(
        'nl = "Kom niet naar een raadpleging', 'xx = "Kom niet naar een raadpleging'),
        encoding="utf-8")
    assert main(["check", str(broken), "--org", str(org)]) == 1
    out = capsys.readouterr().out
    assert "error: patient_advice [nl]" in out


def test_render_to_file_folder_and_stdout(example_files, tmp_path, capsysbinary):
    org, incident = example_files
    args = ["render", str(incident), "--org", str(org), "--kind", "press", "--lang", "nl",
            "--format", "txt"]
    assert main([*args, "--out", str(tmp_path / "p.txt")]) == 0
    assert main([*args, "--out", str(tmp_path)]) == 0
    assert (tmp_path / "press-nl.txt").read_bytes() == (tmp_path / "p.txt").read_bytes()
    capsysbinary.readouterr()
    assert main([*args, "--out", "-"]) == 0
    assert capsysbinary.readouterr().out.startswith(b"PERSBERICHT")


@pytest.mark.parametrize("extra, message", [
    (["--kind", "press", "--format", "txt"], "one per language"),
    (["--kind", "notice", "--format", "txt", "--site", "arlon"], "leave out --site"),
    (["--kind", "notice", "--format", "txt", "--lang", "fr,xx"], "unknown language xx"),
])
def test_wrong_usage_exits_2(example_files, tmp_path, capsys, extra, message):
    org, incident = example_files
    code = main(["render", str(incident), "--org", str(org), "--out", str(tmp_path), *extra])
    assert code == 2
    assert message in capsys.readouterr().err


def test_argparse_usage_errors_exit_2():
    assert run("render").returncode == 2
    assert run("kit", "x.toml", "--org", "o.toml", "--out", "k", "--kind", "flyer")\
        .returncode == 2


def test_user_errors_are_one_line_without_traceback(tmp_path, example_files):
    org, _ = example_files
    bad = tmp_path / "bad.toml"
    bad.write_text('kind = "cyberattack"\nstarted = 2022-05-14T01:30:00+02:00\nissued = [\n')
    result = run("check", str(bad), "--org", str(org))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    assert str(bad) in result.stderr and "line" in result.stderr


def test_fatal_errors_write_nothing(tmp_path, example_files):
    org, incident = example_files
    bad = tmp_path / "incident.toml"
    bad.write_text(Path(incident).read_text(encoding="utf-8").replace(
        'to = "libramont"', 'to = "namur"'), encoding="utf-8")
    result = run("kit", str(bad), "--org", str(org), "--out", str(tmp_path / "k"))
    assert result.returncode == 1
    assert "unknown site or partner 'namur'" in result.stderr
    assert not (tmp_path / "k").exists()


def _profile_with_override(tmp_path, example_files, template: str, source: str) -> Path:
    """A copy of the example profile with one template of its own beside it."""
    org = tmp_path / "organisation.toml"
    shutil.copyfile(example_files[0], org)
    override = tmp_path / "templates" / template
    override.parent.mkdir(parents=True)
    override.write_text(source, encoding="utf-8")
    return org


def test_check_counts_the_sms_the_organisation_s_template_makes(tmp_path, example_files,
                                                               capsys):
    from crisis_desk.domain.gsm import sms_length

    incident = example_files[1]
    org = _profile_with_override(tmp_path, example_files, "sms/sms.txt.j2",
                                 "{{ incident.update }} " + "Information " * 34)
    sms = tmp_path / "sms.txt"
    assert main(["render", str(incident), "--org", str(org), "--kind", "sms", "--lang", "fr",
                 "--out", str(sms)]) == 0
    length = sms_length(sms.read_text(encoding="utf-8"))
    assert length.segments == 3
    warning = f"warning: sms [fr]: {length.units} of 160 GSM-7 units: 3 SMS"
    assert warning in capsys.readouterr().err  # the render warns ...
    assert main(["check", str(incident), "--org", str(org)]) == 0
    out = capsys.readouterr().out
    assert warning in out.splitlines()  # ... and so does the check, word for word
    # SMS and post per language, DPO, CAP; the obligation documents' gaps and deadlines
    assert out.endswith("0 errors, 28 warnings\n")


def test_check_finds_the_poster_the_organisation_s_template_cannot_fit(tmp_path,
                                                                      example_files, capsys):
    from crisis_desk.support.resources import templates_dir

    incident = example_files[1]
    packaged = (templates_dir() / "poster" / "poster.j2").read_text(encoding="utf-8")
    source = packaged.replace("{% block title %}{{ incident.title }}{% endblock %}",
                              "{% block title %}{{ incident.title }} " + "Lisez ceci. " * 90
                              + "{% endblock %}")
    assert source != packaged
    org = _profile_with_override(tmp_path, example_files, "poster/poster.j2", source)
    assert main(["check", str(incident), "--org", str(org)]) == 1
    out = capsys.readouterr().out
    assert "error: title [fr]: does not fit on the poster of site 'arlon'" in out
    assert main(["kit", str(incident), "--org", str(org), "--kind", "poster",
                 "--out", str(tmp_path / "kit")]) == 1
    assert "error: title [fr]: does not fit on the poster of site 'arlon'" in \
        capsys.readouterr().err


def test_out_never_replaces_a_link_a_device_or_a_file_in_the_way(example_files, tmp_path,
                                                                  capsys):
    org, incident = example_files
    kept = tmp_path / "kept.txt"
    kept.write_text("keep")
    link = tmp_path / "link.txt"
    link.symlink_to(kept)
    args = ["render", str(incident), "--org", str(org), "--kind", "sms", "--lang", "fr"]
    assert main([*args, "--out", str(link)]) == 1
    assert link.is_symlink() and kept.read_text() == "keep"
    assert main([*args, "--out", str(org / "x.txt")]) == 2  # a file where a folder should be
    assert main(["kit", str(incident), "--org", str(org), "--out", str(kept)]) == 2
    errors = capsys.readouterr().err
    assert "is a link" in errors and "is not a folder" in errors
    assert "Traceback" not in errors


def test_a_language_the_incident_is_not_written_in_is_refused(example_files, tmp_path, capsys):
    org, incident = example_files
    assert main(["render", str(incident), "--org", str(org), "--kind", "notice", "--lang", "en",
                 "--format", "txt", "--out", str(tmp_path)]) == 1
    assert "not written in English" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_kit_writes_the_documents_for_professionals_in_french_and_dutch(example_files,
                                                                        tmp_path):
    org, incident = example_files
    kinds = ("dispatch", "physicians", "partner-note", "staff-briefing", "easy-notice")
    assert main(["kit", str(incident), "--org", str(org), "--out", str(tmp_path),
                 *[arg for k in kinds for arg in ("--kind", k)]]) == 0
    names = {p.name for p in tmp_path.iterdir()}
    for kind_id in kinds[:-1]:
        assert {f"{kind_id}-fr-nl.pdf", f"{kind_id}-fr-nl.txt"} <= names
    assert {"easy-notice-fr.pdf", "easy-notice-nl.pdf", "easy-notice-fr.txt",
            "easy-notice-nl.txt"} <= names
    dispatch = (tmp_path / "dispatch-fr-nl.txt").read_text(encoding="utf-8")
    assert "Hôpital de Bastogne\u202f: ambulances acceptées" in dispatch
    assert "Ziekenhuis Bastenaken: ambulances aanvaard" in dispatch
