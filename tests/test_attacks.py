"""Attacks are not inference schemes: each is a rebuttal, an undercut or a concession in the diagram,
the report and the Argdown export, with its own critical questions, and no scheme count."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner
from conftest import VALID, write_map

from argmap.analysis import analysis_json, analyze
from argmap.cli import main
from argmap.dot import DotOptions, to_dot
from argmap.formats.argdown import to_argdown
from argmap.load import load

MAP = VALID.replace(
    "arguments:\n",
    "  preliminary:\n"
    "    text: The figures are only preliminary.\n"
    '    quote: Critics say the "figures" are preliminary\n'
    "arguments:\n",
) + (
    "  doubt:\n"
    "    premises: [preliminary]\n"
    "    attacks: benefit\n"
    "  objection:\n"
    "    premises: [preliminary]\n"
    "    attacks: gains\n"
    "    scheme: sign\n"
    "  granted:\n"
    "    premises: [worth-it]\n"
    "    attacks: extend\n"
    "    conceded: true\n"
)


def the_map(tmp_path):
    path = write_map(tmp_path, MAP)
    mf = load(path)
    assert mf.map is not None, mf.problems
    return path, mf.map


def test_the_diagram_names_each_attack_by_its_kind(tmp_path):
    _, m = the_map(tmp_path)
    source = [line.strip() for line in to_dot(m, DotOptions(legend=False)).source.splitlines()]
    nodes = {
        line.split(" [", 1)[0]: line for line in source if line.split(" [", 1)[0] in {"doubt", "objection", "granted"}
    }
    assert nodes == {
        "doubt": 'doubt [label=undercut class="argument undercut" color="#CC79A7" fillcolor="#F6E1EC" fontsize=9 '
        'height=0.2 id=doubt margin="0.06,0.02" shape=box style="rounded,filled" width=0.3]',
        "objection": 'objection [label="rebuttal\\n(Sign)" class="argument rebuttal scheme-sign" color="#D55E00" '
        'fillcolor="#FBE3D6" fontsize=9 height=0.2 id=objection margin="0.06,0.02" shape=box '
        'style="rounded,filled" width=0.3]',
        "granted": 'granted [label=concession class="argument rebuttal concession" color="#D55E00" '
        'fillcolor="#FBE3D6" fontsize=9 height=0.2 id=granted margin="0.06,0.02" shape=box '
        'style="rounded,filled" width=0.3]',
    }
    assert "Default inference" not in " ".join(source)


def _card(html: str, arg_id: str) -> str:
    (card,) = re.findall(rf'<article class="card argument[^"]*" id="card--{arg_id}".*?</article>', html, re.S)
    return card


def test_report_cards_say_rebuttal_undercut_or_concession(tmp_path):
    path, _ = the_map(tmp_path)
    out = tmp_path / "r.html"
    assert CliRunner().invoke(main, ["report", str(path), "-o", str(out)]).exit_code == 0
    html = out.read_text()
    doubt = _card(html, "doubt")
    assert '<h3 class="card-title">Undercut</h3>' in doubt
    assert '<span class="badge kind">undercut</span>' in doubt and "badge scheme" not in doubt
    assert re.findall(r"<summary>(.*?)</summary>", doubt) == ["Undercut: critical questions"]
    assert "<li>Does the exception the undercut names apply to this case?</li>" in doubt
    assert (
        '<dt>Undercuts the argument</dt>\n    <dd><a href="#card--benefit">'
        "Cause to effect for \u201cThe city gains from the tram.\u201d</a></dd>"
    ) in doubt
    objection = _card(html, "objection")
    assert '<h3 class="card-title">Rebuttal</h3>' in objection
    assert '<span class="badge kind">rebuttal</span>' in objection
    assert '<span class="badge scheme">Sign</span>' in objection
    assert re.findall(r"<summary>(.*?)</summary>", objection) == [
        "Rebuttal: critical questions",
        "Sign: critical questions",
    ]
    granted = _card(html, "granted")
    assert '<h3 class="card-title">Concession</h3>' in granted
    assert '<span class="badge kind">concession</span>' in granted
    assert re.findall(r"<summary>(.*?)</summary>", granted) == ["Concession: critical questions"]
    for card in (doubt, objection, granted):
        assert "Default inference" not in card
    benefit = _card(html, "benefit")
    assert (
        '<dt>Undercut by</dt><dd><ul><li><a href="#card--doubt">'
        "Undercut of the argument for \u201cThe city gains from the tram.\u201d</a></li></ul></dd>"
    ) in benefit
    assert "<div><dt>Schemes used</dt><dd>2</dd></div>" in html
    assert (
        '<p class="schemes">Schemes: <span class="badge scheme">cause-to-effect</span> '
        '<span class="badge scheme">practical-reasoning</span> </p>'
    ) in html


def test_argdown_titles_attacks_by_their_kind(tmp_path):
    _, m = the_map(tmp_path)
    text = to_argdown(m).text
    # the kind as a tag: a description would make the attack a statement of its own in Argdown
    assert "<doubt> #undercut\n  + [preliminary]\n  _> <benefit>\n" in text
    assert "<objection> #sign #rebuttal\n  + [preliminary]\n  -> [gains]\n" in text
    assert "<granted> #concession\n  + [worth-it]\n  -> [extend]\n" in text
    assert "Default inference" not in text


def test_scheme_counts_count_supports_only(tmp_path):
    path, m = the_map(tmp_path)
    data = analysis_json(m, analyze(m), named=True)
    assert {s: v["arguments"] for s, v in data["schemes"].items()} == {
        "cause-to-effect": ["benefit"],
        "practical-reasoning": ["policy"],
    }
    assert {k: v["arguments"] for k, v in data["attacks"].items()} == {
        "undercut": ["doubt"],
        "rebuttal": ["objection"],
        "concession": ["granted"],
    }
    assert data["attacks"]["rebuttal"]["critical_questions"][0] == "Are the premises of the rebuttal true?"
    text = CliRunner().invoke(main, ["analyze", str(path)]).output
    assert "  default:" not in text
    assert (
        "Attacks and their critical questions:\n"
        "  concession: 1 attack, 3 questions each\n"
        "    1. Does the essay say why the conceded objection is outweighed?\n"
    ) in text
    args = ["analyze", "--format", "json", "--semantics", "grounded", str(path)]
    js = json.loads(CliRunner().invoke(main, args).output)
    assert sorted(js["schemes"]) == ["cause-to-effect", "practical-reasoning"]
    # a map that names no semantics keeps the JSON argmap wrote before attacks had kinds of their own
    legacy = json.loads(CliRunner().invoke(main, ["analyze", "--format", "json", str(path)]).output)
    assert "attacks" not in legacy
    assert legacy["schemes"]["default"]["arguments"] == ["doubt", "granted"]
    assert legacy["schemes"]["sign"]["arguments"] == ["objection"]


def test_only_supports_without_a_scheme_are_blank_circles(tmp_path):
    path = write_map(tmp_path, MAP.replace("    scheme: cause-to-effect\n", ""))
    source = to_dot(load(path).map, DotOptions(legend=False)).source
    circles = [line.split(" [", 1)[0].strip() for line in source.splitlines() if "shape=circle" in line]
    assert circles == ["benefit"]


def test_schemes_lists_the_kinds_of_attack_with_their_questions():
    listing = CliRunner().invoke(main, ["schemes"]).output.splitlines()
    at = listing.index("Kinds of attack (an attack is no scheme; its `scheme`, if any, is that of its inference):")
    assert listing[at + 1 :] == [
        "rebuttal               Rebuttal",
        "undercut               Undercut",
        "concession             Concession",
    ]
    assert CliRunner().invoke(main, ["schemes", "rebuttal"]).output == (
        "Rebuttal (rebuttal)\n\n"
        "The premises give a reason to reject the attacked claim.\n\n"
        "Critical questions:\n"
        "  1. Are the premises of the rebuttal true?\n"
        "  2. Does the rebuttal speak against the claim itself, or only against something near it?\n"
        "  3. Does the rebuttal outweigh the arguments for the claim?\n"
    )
