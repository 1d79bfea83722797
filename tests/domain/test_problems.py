"""Problems read the same whoever finds them: the severity word, the field, the language."""

from crisis_desk.domain.problems import Problem, Severity, has_errors, is_fatal


def test_a_problem_prints_its_severity_field_language_and_line():
    problem = Problem(Severity.ERROR, "facts", "the text is missing", language="nl", line=12)
    assert str(problem) == "error: facts [nl] (line 12): the text is missing"
    assert str(Problem(Severity.WARNING, "sms", "2 SMS")) == "warning: sms: 2 SMS"


def test_only_errors_block_and_only_fatal_ones_stop_rendering():
    warning = Problem(Severity.WARNING, "sms", "2 SMS")
    error = Problem(Severity.ERROR, "facts", "the text is missing")
    fatal = Problem(Severity.ERROR, "kind", "unknown kind", fatal=True)
    assert not has_errors([warning]) and has_errors([warning, error])
    assert not is_fatal([warning, error]) and is_fatal([fatal])
    assert Severity.ERROR == "error" and Severity.WARNING == "warning"
