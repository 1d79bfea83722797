"""A layout's texts, block by block, from one template in one language."""

from __future__ import annotations

import pytest

from crisis_desk.pdf.templates import BlockRenderer
from crisis_desk.support.errors import TemplateProblem

TEMPLATE = """\
{% block headline %}{{ title }}{% endblock %}
{% block service %}{% set shown = service ~ '!' %}{{ shown }} ({{ title }}){% endblock %}
{% block leaky %}{{ shown | default('nothing set') }}/{{ service | default('no service') }}\
{% endblock %}
"""


@pytest.fixture
def blocks(tmp_path):
    folder = tmp_path / "own"
    (folder / "probe").mkdir(parents=True)
    (folder / "probe" / "blocks.txt.j2").write_text(TEMPLATE, encoding="utf-8")
    return BlockRenderer("probe/blocks.txt.j2", "fr", {"title": "Cyberattaque"},
                         (str(folder),))


def test_each_block_gets_its_own_values_and_keeps_none(blocks):
    assert blocks.render("headline") == "Cyberattaque"
    assert blocks.render("service", service="Urgences") == "Urgences! (Cyberattaque)"
    assert blocks.render("service", service="Dialyse") == "Dialyse! (Cyberattaque)"
    # Neither a block's own value nor what a block set reaches the next block.
    assert blocks.render("leaky") == "nothing set/no service"


def test_a_value_of_a_block_shadows_the_view_for_that_block_only(blocks):
    assert blocks.render("service", service="X", title="autre") == "X! (autre)"
    assert blocks.render("headline") == "Cyberattaque"


def test_a_missing_block_is_named(blocks):
    with pytest.raises(TemplateProblem, match="missing"):
        blocks.render("footer")
