"""argmap outline: the argument as a tree from the thesis down, as text, Markdown and JSON."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import ROOT, write_map

from argmap.cli import main
from argmap.load import load
from argmap.outline import build_outline, outline_text

SEED_MAPS = sorted((ROOT / "maps").glob("*.yaml"))

SMALL = """\
argmap: 1
id: small
title: A Small Essay
source:
  path: essay.txt
thesis: [extend]
claims:
  faster:
    text: The tram cut commuting times by a fifth.
    quote: new tram line has cut commuting times by a fifth
    type: fact
  earlier:
    text: Commuters now arrive earlier.
    quote: Commuters now arrive earlier.
  happier:
    text: Shorter commutes make people happier.
    quote: Shorter commutes make people happier, and
  gains:
    text: The city gains from the tram.
    quote: so the city gains
  extend:
    text: The council should extend the line.
    quote: The council should extend the line.
    type: recommendation
  worth-it:
    text: What makes a city better is worth extending.
    implicit: true
  preliminary:
    text: The figures are only preliminary.
    quote: Critics say the "figures" are preliminary
    attributed_to: critics
  costly:
    text: Extending the line costs money.
    implicit: true
arguments:
  benefit:
    premises: [faster, happier]
    conclusion: gains
    scheme: cause-to-effect
  policy:
    premises: [gains, worth-it]
    conclusion: extend
    scheme: practical-reasoning
    label: Worth extending
  mood:
    premises: [happier]
    conclusion: extend
  doubt:
    premises: [preliminary]
    attacks: benefit
  cost:
    premises: [costly]
    attacks: extend
    conceded: true
  arrival:
    premises: [faster]
    conclusion: earlier
    scheme: cause-to-effect
"""

SMALL_MARKDOWN = """\
# A Small Essay

Map `small`; labels under grounded semantics.

- **Thesis** `out` The council should extend the line. (`extend`)
  - **For** `policy` “Worth extending”, Practical reasoning `out`
    - `out` The city gains from the tram. (`gains`)
      - **For** `benefit`, Cause to effect `out`
        - `in` The tram cut commuting times by a fifth. (`faster`)
        - `in` Shorter commutes make people happier. (`happier`)
        - **Undercut** `doubt` `in`
          - `in` The figures are only preliminary. (`preliminary`, held by critics)
    - `in` What makes a city better is worth extending. (`worth-it`, implicit)
  - **For** `mood` `in`
    - `in` Shorter commutes make people happier. (`happier`) (shown in full above)
  - **Concession** `cost` `in`
    - `in` Extending the line costs money. (`costly`, implicit)

## Not reached from a thesis

- `in` Commuters now arrive earlier. (`earlier`)
  - **For** `arrival`, Cause to effect `in`
    - `in` The tram cut commuting times by a fifth. (`faster`) (shown in full above)
"""


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.mark.parametrize("path", SEED_MAPS, ids=lambda p: p.stem)
def test_seed_maps_print_the_thesis_first(path):
    m = load(path).map
    result = run("outline", path)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == f"{m.title} ({m.id}), carneades semantics"
    assert lines[1] == ""
    first = m.claims[m.theses[0]]
    assert lines[2].startswith("Thesis: [in] " + first.text + f" ({m.theses[0]})")
    theses = [line for line in lines if line.startswith("Thesis: ")]
    assert [line.split(" (")[-1].rstrip(")") for line in theses] == m.theses


@pytest.mark.parametrize("path", SEED_MAPS, ids=lambda p: p.stem)
def test_seed_maps_show_every_claim_in_full_once(path):
    m = load(path).map
    tree = build_outline(m)
    nodes = tree.claims()
    full = [n.id for n in nodes if not n.ref]
    assert sorted(full) == sorted(m.claims)
    seen: set[str] = set()
    for node in nodes:  # a reference comes after the claim shown in full, in reading order...
        if node.ref and node.id in m.theses:  # ...but a thesis is shown in full at its own place
            continue
        assert node.ref == (node.id in seen)
        seen.add(node.id)
    assert any(node.ref for node in nodes)
    assert tree.theses[0].id == m.theses[0]


def test_markdown_of_a_small_map(tmp_path):
    path = write_map(tmp_path, SMALL)
    result = run("outline", "--format", "markdown", path)
    assert (result.exit_code, result.output) == (0, SMALL_MARKDOWN)


def test_text_of_a_small_map(tmp_path):
    path = write_map(tmp_path, SMALL)
    result = run("outline", path)
    assert result.output == (
        "A Small Essay (small), grounded semantics\n"
        "\n"
        "Thesis: [out] The council should extend the line. (extend)\n"
        '  for policy "Worth extending", Practical reasoning [out]\n'
        "    [out] The city gains from the tram. (gains)\n"
        "      for benefit, Cause to effect [out]\n"
        "        [in] The tram cut commuting times by a fifth. (faster)\n"
        "        [in] Shorter commutes make people happier. (happier)\n"
        "        undercut doubt [in]\n"
        "          [in] The figures are only preliminary. (preliminary) [held by critics]\n"
        "    [in] What makes a city better is worth extending. (worth-it) [implicit]\n"
        "  for mood [in]\n"
        "    [in] Shorter commutes make people happier. (happier) (shown in full above)\n"
        "  concession cost [in]\n"
        "    [in] Extending the line costs money. (costly) [implicit]\n"
        "\n"
        "Not reached from a thesis:\n"
        "  [in] Commuters now arrive earlier. (earlier)\n"
        "    for arrival, Cause to effect [in]\n"
        "      [in] The tram cut commuting times by a fifth. (faster) (shown in full above)\n"
    )


def test_colour_only_when_asked_or_on_a_terminal(tmp_path):
    path = write_map(tmp_path, SMALL)
    plain = run("outline", path).output
    assert "\x1b[" not in plain
    coloured = run("outline", "--color", path).output
    assert "\x1b[32m\x1b[1m[in]\x1b[0m" in coloured and "\x1b[31m\x1b[1m[out]\x1b[0m" in coloured
    assert coloured.replace("\x1b[", "").count("[in]") >= 1
    import click

    assert click.unstyle(coloured) == plain


GIVEN = "given: no argument concludes it, and nothing attacks it"
PREMISES_IN = "all its premises are in"


def claim(id, text, status, **extra):
    node = {
        "node": "claim",
        "id": id,
        "text": text,
        "type": None,
        "implicit": False,
        "attributed_to": None,
        "thesis": False,
        "status": status,
        "reason": None,
        "ref": False,
        "hidden": 0,
        "arguments": [],
    }
    node.update(extra)
    return node


def argument(id, relation, status, premises, **extra):
    node = {
        "node": "argument",
        "id": id,
        "relation": relation,
        "role": {"support": "for", "rebuttal": "objection", "undercut": "objection"}[relation],
        "conceded": False,
        "linked": len(premises) > 1,
        "scheme": None,
        "scheme_name": None,
        "label": None,
        "reconstructed": False,
        "status": status,
        "reason": None,
        "premises": premises,
        "undercuts": [],
    }
    node.update(extra)
    return node


def test_json_of_a_small_map_with_depth(tmp_path):
    path = write_map(tmp_path, SMALL)
    result = run("outline", "--format", "json", "--depth", "1", path)
    assert result.exit_code == 0
    extend = claim(
        "extend",
        "The council should extend the line.",
        "out",
        type="recommendation",
        thesis=True,
        reason="defeated by the attack 'cost', which holds",
    )
    extend["arguments"] = [
        argument(
            "policy",
            "support",
            "out",
            [
                claim("gains", "The city gains from the tram.", "out", hidden=1, reason="every argument for it fails"),
                claim("worth-it", "What makes a city better is worth extending.", "in", implicit=True, reason=GIVEN),
            ],
            scheme="practical-reasoning",
            scheme_name="Practical reasoning",
            label="Worth extending",
            reason="its premise 'gains' is out",
        ),
        argument(
            "mood",
            "support",
            "in",
            [claim("happier", "Shorter commutes make people happier.", "in", reason=GIVEN)],
            reason=PREMISES_IN,
        ),
        argument(
            "cost",
            "rebuttal",
            "in",
            [claim("costly", "Extending the line costs money.", "in", implicit=True, reason=GIVEN)],
            conceded=True,
            role="concession",
            reason=PREMISES_IN,
        ),
    ]
    earlier = claim("earlier", "Commuters now arrive earlier.", "in", reason="the argument 'arrival' holds")
    earlier["arguments"] = [
        argument(
            "arrival",
            "support",
            "in",
            [claim("faster", "The tram cut commuting times by a fifth.", "in", type="fact", reason=GIVEN)],
            scheme="cause-to-effect",
            scheme_name="Cause to effect",
            reason=PREMISES_IN,
        )
    ]
    assert json.loads(result.output) == {
        "map": "small",
        "title": "A Small Essay",
        "semantics": "grounded",
        "depth": 1,
        "theses": [extend],
        "unreachable": [earlier],
    }


def test_depth_zero_shows_the_roots_and_what_is_hidden(tmp_path):
    path = write_map(tmp_path, SMALL)
    result = run("outline", "--depth", "0", path)
    assert result.output.splitlines()[2:] == [
        "Thesis: [out] The council should extend the line. (extend) (+3 arguments not shown)",
        "",
        "Not reached from a thesis:",
        "  [in] Commuters now arrive earlier. (earlier) (+1 argument not shown)",
    ]


def test_labels_and_reasons_are_inputs(tmp_path):
    m = load(write_map(tmp_path, SMALL)).map
    tree = build_outline(m, {"extend": "accepted", "policy": "weighs 0.7"}, {"extend": "PE met"}, depth=1)
    text = outline_text(tree, reasons=True)
    assert text.splitlines()[0] == "A Small Essay (small)"
    assert text.splitlines()[2] == "Thesis: [accepted] The council should extend the line. (extend) \u2014 PE met"
    assert text.splitlines()[3] == '  for policy "Worth extending", Practical reasoning [weighs 0.7]'
    assert "[in]" not in text
    assert outline_text(tree).splitlines()[2] == "Thesis: [accepted] The council should extend the line. (extend)"


def test_markdown_escapes_what_the_map_says(tmp_path):
    hostile = SMALL.replace("text: The council should extend the line.", 'text: "*Extend* the `line` <b>#1</b> [x](y)"')
    path = write_map(tmp_path, hostile)
    first = run("outline", "--format", "markdown", path).output.splitlines()[4]
    assert first == r"- **Thesis** `out` \*Extend\* the \`line\` \<b>\#1\</b> \[x\](y) (`extend`)"


def test_no_thesis_lists_every_tree(tmp_path):
    path = write_map(tmp_path, SMALL.replace("thesis: [extend]\n", ""))
    lines = run("outline", "--depth", "0", path).output.splitlines()
    assert lines[2:] == [
        "No thesis; the claims' trees:",
        "  [in] Commuters now arrive earlier. (earlier) (+1 argument not shown)",
        "  [out] The council should extend the line. (extend) (+3 arguments not shown)",
    ]


def test_reasons_and_another_semantics(tmp_path):
    path = write_map(tmp_path, SMALL)
    lines = run("outline", "--reasons", "--depth", "1", path).output.splitlines()
    defeated = "defeated by the attack 'cost', which holds"
    assert lines[2] == f"Thesis: [out] The council should extend the line. (extend) \u2014 {defeated}"
    assert lines[3] == "  for policy \"Worth extending\", Practical reasoning [out] \u2014 its premise 'gains' is out"
    markdown = run("outline", "--format", "markdown", "--reasons", "--depth", "0", path).output.splitlines()
    assert markdown[4] == (
        "- **Thesis** `out` The council should extend the line. (`extend`) (+3 arguments not shown)"
        " \u2014 *defeated by the attack 'cost', which holds*"
    )
    # under carneades the conceded attack is weighed, not counted as a defeat
    carneades = run("outline", "--semantics", "carneades", "--depth", "0", path).output.splitlines()
    assert carneades[0] == "A Small Essay (small), carneades semantics"
    assert carneades[2] == "Thesis: [in] The council should extend the line. (extend) (+3 arguments not shown)"


def test_a_map_with_errors_is_refused(tmp_path):
    path = write_map(tmp_path, SMALL.replace("[gains, worth-it]", "[gains, worth-ti]"))
    result = CliRunner().invoke(main, ["outline", str(path)])
    assert result.exit_code == 1
    assert "E201 premise 'worth-ti' of argument 'policy' is not a claim" in result.output
