"""Fidelity to the essay: anchored and reconstructed inferences, speakers, hedges (W601-W604), and
how the report and the diagram show them."""

from __future__ import annotations

import re

import pytest

from argmap.api import check
from argmap.dot import to_dot
from argmap.load import load
from argmap.report import render_report

ESSAY = (
    "The Plan\n\n"
    "Many analysts think the plan will fail. The plan appears to be vague, and its costs have often risen. "
    "Because the costs keep rising, the council should wait. According to the mayor, the plan is popular. "
    "If the figures are right, the plan may still succeed.\n"
)

MAP = """argmap: 1
id: plan
title: The Plan
source: {path: essay.txt}
thesis: [wait]
claims:
  fail:
    text: The plan will fail.
    quote: Many analysts think the plan will fail.
  vague:
    text: The plan is vague.
    quote: The plan appears to be vague
  costs:
    text: Its costs have risen.
    quote: its costs have often risen
  wait:
    text: The council should wait.
    quote: the council should wait
  popular:
    text: The plan is popular.
    quote: According to the mayor, the plan is popular.
    attributed_to: the mayor
  succeed:
    text: The plan may still succeed.
    quote: the plan may still succeed
arguments:
  rising:
    premises: [costs]
    conclusion: wait
    quote: Because the costs keep rising
  doubts:
    premises: [fail, vague]
    conclusion: wait
  guessed:
    premises: [succeed]
    attacks: wait
    reconstructed: true
  popularity:
    premises: [popular]
    attacks: wait
    reconstructed: true
    note: The essay sets popularity against waiting without saying so.
  wrong-anchor:
    premises: [popular]
    attacks: doubts
    quote: the plan is unpopular
"""


@pytest.fixture
def mapped(tmp_path):
    (tmp_path / "essay.txt").write_text(ESSAY, encoding="utf-8")
    (tmp_path / ".argmap-root").write_text("", encoding="utf-8")
    path = tmp_path / "plan.yaml"
    path.write_text(MAP, encoding="utf-8")
    return path


def test_fidelity_problems_at_their_places(mapped):
    found = [(p.line, p.col, p.code, p.message) for p in check(load(mapped))]
    assert found == [
        (
            7,
            3,
            "W603",
            "the quote of claim 'fail' reports a view (\"Many analysts think\") but the claim does not say whose",
        ),
        (11, 11, "W604", "the quote of claim 'vague' hedges (\"appears\") but its text does not"),
        (14, 11, "W604", "the quote of claim 'costs' hedges (\"often\") but its text does not"),
        (31, 3, "W601", "argument 'doubts' is neither anchored in the essay nor marked reconstructed"),
        (37, 5, "W602", "the reconstructed argument 'guessed' does not say why it is inferred"),
        (46, 12, "E403", "the quote of argument 'wrong-anchor' is not in the source text"),
    ]


def test_an_anchor_must_match_once(mapped):
    text = MAP.replace("quote: Because the costs keep rising", "quote: the plan")
    mapped.write_text(text, encoding="utf-8")
    found = [(p.line, p.col, p.code) for p in check(load(mapped)) if p.code == "E404"]
    assert found == [(30, 12, "E404")]


def test_kept_hedges_and_named_speakers_pass(mapped):
    text = (
        MAP.replace(
            "text: The plan will fail.",
            "text: Many analysts think the plan will fail.\n    attributed_to: many analysts",
        )
        .replace("text: The plan is vague.", "text: The plan appears to be vague.")
        .replace("text: Its costs have risen.", "text: Its costs have often risen.")
    )
    mapped.write_text(text, encoding="utf-8")
    codes = {p.code for p in check(load(mapped))}
    assert not codes & {"W603", "W604"}


def test_month_may_is_not_a_hedge(tmp_path):
    from argmap.load import loads

    text = (
        "argmap: 1\nid: m\ntitle: M\nclaims:\n  c:\n    text: The summit met.\n    quote: In May 2022 the summit met\n"
    )
    assert [p.code for p in check(loads(text)) if p.code == "W604"] == []


def test_the_report_shows_anchors_speakers_and_reconstructions(mapped):
    html = render_report(load(mapped), [])
    card = html[html.index('id="card--rising"') :]
    card = card[: card.index("</article>")]
    assert "<p>Because the costs keep rising</p>" in card
    assert '<a href="#i--rising--0">The essay draws it: paragraph 2, line 3</a>' in card
    essay = html[html.index('id="am_essay"') :]
    assert re.search(
        r'<span class="anchor" id="i--rising--0"></span><a class="inf" href="#card--rising" '
        r'data-arguments="rising">Because the costs keep rising</a>',
        essay,
    )
    popular = html[html.index('id="card--popular"') :]
    assert '<span class="why-label">Whose view:</span> the mayor' in popular[: popular.index("</article>")]
    guessed = html[html.index('id="card--popularity"') :]
    guessed = guessed[: guessed.index("</article>")]
    assert '<span class="badge reconstructed">reconstructed</span>' in guessed


def test_the_diagram_prefixes_speakers_and_dashes_reconstructions(mapped):
    source = to_dot(load(mapped).map).source
    assert 'label="[the mayor] The plan is\\npopular.\\npopular"' in source
    popularity = next(line for line in source.splitlines() if line.startswith("\tpopularity "))
    assert (
        'class="argument rebuttal reconstructed"' in popularity and 'style="rounded,filled,dashed"' in popularity
    )  # an attack is a labelled box
