"""The carneades semantics: weighing, proof standards, concessions, expectations, Carneades 4's own
examples (imported, then checked against their tests), and refusals of what cannot be imported."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import ROOT

from argmap.api import check
from argmap.cli import SEMANTICS as CLI_SEMANTICS
from argmap.cli import main
from argmap.formats.carneades import read_carneades, statement_id
from argmap.load import loads
from argmap.semantics import SEMANTICS, Label, evaluate

CARNEADES = ROOT / "tests" / "data" / "carneades-4"


def load_map(text: str):
    mf = loads(text)
    assert mf.map is not None, mf.problems
    return mf


def labels(text: str, **kwargs) -> dict[str, str]:
    ev = evaluate(load_map(text).map, **kwargs)
    return {k: v.value for k, v in ev.labels.items()}


HEADER = "argmap: 1\nid: t\ntitle: T\nsemantics: carneades\n"


def test_cli_and_library_name_the_same_semantics():
    assert CLI_SEMANTICS == SEMANTICS


# --- weighing ------------------------------------------------------------------------------------------

CONCESSION = (
    HEADER
    + """claims:
  thesis: {text: The initiative is significant.}
  new-tools: {text: It gives the party new tools abroad.}
  vague: {text: The initiative is vague.}
arguments:
  tools-matter: {premises: [new-tools], conclusion: thesis}
  vagueness: {premises: [vague], attacks: thesis, conceded: true}
"""
)


def test_a_concession_is_weighed_and_outweighed():
    ev = evaluate(load_map(CONCESSION).map)
    assert ev.labels["thesis"] is Label.in_
    assert ev.reasons["thesis"] == "outweighs the objections under PE: 1 ('tools-matter') against 0.5 ('vagueness')"
    assert ev.labels["vagueness"] is Label.in_  # granted: it holds, and weighs 0.5
    assert ev.weights["vagueness"] == 0.5
    assert ev.outweighed_by["vagueness"] == "tools-matter"
    assert ev.reasons["vagueness"] == "applicable, weighs 0.5, outweighed by 'tools-matter' (weighing 1)"
    assert ev.deciding["thesis"] == "tools-matter"


def test_the_same_concession_is_a_defeat_under_grounded():
    assert labels(CONCESSION, semantics="grounded")["thesis"] == "out"


def test_a_concession_that_weighs_as_much_as_the_support_leaves_no_winner():
    text = CONCESSION.replace("conceded: true}", "conceded: true, weight: 1}")
    ev = evaluate(load_map(text).map)
    assert ev.labels["thesis"] is Label.out
    assert ev.reasons["thesis"] == (
        "neither it nor the objections prevail under PE: 1 ('tools-matter') against 1 ('vagueness')"
    )


@pytest.mark.parametrize(
    ("standard", "pro", "con", "expected"),
    [
        ("PE", 0.6, 0.5, "in"),
        ("CCE", 0.6, 0.5, "out"),  # must win by more than 0.5
        ("CCE", 0.9, 0.3, "in"),
        ("BRD", 0.9, 0.35, "out"),  # the other side must weigh less than 0.3
        ("BRD", 0.9, 0.2, "in"),
    ],
)
def test_proof_standards(standard, pro, con, expected):
    text = (
        HEADER
        + f"""issues:
  q: {{positions: [act, wait], standard: {standard}}}
claims:
  act: {{text: Act now.}}
  wait: {{text: Wait.}}
  p: {{text: P.}}
  r: {{text: R.}}
arguments:
  for-act: {{premises: [p], conclusion: act, weight: {pro}}}
  for-wait: {{premises: [r], conclusion: wait, weight: {con}}}
"""
    )
    got = labels(text)
    assert got["act"] == expected
    assert got["wait"] == "out"  # the weaker side never wins; without a winner both are out


@pytest.mark.parametrize(
    ("weighing", "weight"),
    [("linked", 0.0), ("convergent", 1.0), ("cumulative", 0.5), ("factorized", 0.0), (0.7, 0.0)],
)
def test_weighing_functions_with_one_premise_out(weighing, weight):
    text = (
        HEADER
        + f"""assume_premises: false
assumptions: [a]
claims:
  a: {{text: A.}}
  b: {{text: B.}}
  c: {{text: C.}}
arguments:
  arg: {{premises: [a, b], conclusion: c, weight: {weighing}}}
"""
    )
    ev = evaluate(load_map(text).map)
    assert ev.labels["b"] is Label.out  # not assumed, nothing supports it
    assert ev.weights["arg"] == weight
    assert ev.labels["c"] is (Label.in_ if weight > 0 else Label.out)


def test_factorized_weighs_against_the_premises_of_the_whole_issue():
    text = (
        HEADER
        + """assume_premises: false
assumptions: [a, b, x]
issues:
  q: {positions: [c, d]}
claims:
  a: {text: A.}
  b: {text: B.}
  x: {text: X.}
  c: {text: C.}
  d: {text: D.}
arguments:
  two: {premises: [a, b], conclusion: c, weight: factorized}
  one: {premises: [x], conclusion: d, weight: factorized}
"""
    )
    ev = evaluate(load_map(text).map)
    assert ev.weights == {"two": 2 / 3, "one": 1 / 3}
    assert ev.labels["c"] is Label.in_ and ev.labels["d"] is Label.out


def test_an_undercut_makes_the_argument_weigh_nothing_and_is_not_weighed_itself():
    text = (
        HEADER
        + """claims:
  c: {text: C.}
  p: {text: P.}
  exception: {text: The rule has an exception here.}
arguments:
  rule: {premises: [p], conclusion: c}
  except: {premises: [exception], attacks: rule, weight: 0.1}
"""
    )
    ev = evaluate(load_map(text).map)
    assert (ev.labels["rule"], ev.weights["rule"], ev.reasons["rule"]) == (Label.out, 0.0, "undercut by 'except'")
    assert ev.labels["c"] is Label.out
    assert ev.reasons["c"] == "no argument for it holds: 'rule' undercut by 'except'"


def test_assumed_premises_unless_at_issue():
    text = (
        HEADER
        + """claims:
  c: {text: C.}
  p: {text: P.}
  doubt: {text: D.}
arguments:
  a: {premises: [p], conclusion: c}
  objection: {premises: [doubt], attacks: p}
"""
    )
    ev = evaluate(load_map(text).map)
    # p is attacked, so it is at issue: not granted, and with nothing for it the objection wins
    assert ev.labels["p"] is Label.out and ev.labels["c"] is Label.out
    assert ev.reasons["doubt"] == "granted: a premise no argument concludes and nothing puts at issue"
    assert ev.reasons["p"] == "outweighed by the objections under PE: 1 ('objection') against 0"
    listed = text.replace("claims:", "assumptions: [p]\nclaims:")
    assert labels(listed)["c"] == "in"  # an explicit assumption is in even at issue (as in Carneades)


def test_a_support_circle_is_undecided_with_its_cycle_named():
    text = (
        HEADER
        + """assume_premises: false
claims:
  p: {text: P.}
  q: {text: Q.}
arguments:
  a1: {premises: [q], conclusion: p}
  a2: {premises: [p], conclusion: q}
"""
    )
    ev = evaluate(load_map(text).map)
    assert ev.labels == {"p": Label.undecided, "q": Label.undecided, "a1": Label.undecided, "a2": Label.undecided}
    assert ev.reasons["p"] == "on a cycle of arguments ('p' -> 'q' -> 'p'): undecided"
    assert ev.reasons["a1"] == "waits on its premise 'q', which is undecided"
    problems = [(p.line, p.col, p.code) for p in check(load_map(text))]
    assert (10, 35, "W307") in problems and not any(code == "E302" for *_, code in problems)


def test_what_if_under_carneades():
    m = load_map(CONCESSION).map
    ev = evaluate(m, reject=["new-tools"])
    assert ev.labels["new-tools"] is Label.out and ev.reasons["new-tools"] == "rejected in this what-if"
    assert ev.labels["thesis"] is Label.out  # nothing outweighs the granted objection any more
    assert evaluate(m, reject=["vagueness"]).weights["vagueness"] == 0
    assert evaluate(m, accept=["thesis"]).reasons["thesis"] == "accepted in this what-if"


# --- expectations and checks -------------------------------------------------------------------------


def test_expectations_are_checked_at_their_entries():
    text = CONCESSION + "expect:\n  in: [thesis, vague]\n  out: [thesis]\n  undecided: [new-tools]\n"
    problems = check(load_map(text))
    found = [(p.line, p.col, p.code, p.message, p.hint) for p in problems if p.code == "E501"]
    assert found == [
        (
            14,
            9,
            "E501",
            "'thesis' is expected out but is in under carneades: outweighs the objections under PE: 1 "
            "('tools-matter') against 0.5 ('vagueness')",
            "decided by the argument 'tools-matter'; change the map (premises, weights, concessions) or the "
            "expectation",
        ),
        (
            15,
            15,
            "E501",
            "'new-tools' is expected undecided but is in under carneades: granted: a premise no argument "
            "concludes and nothing puts at issue",
            "no argument decided it; change the map (premises, weights, concessions) or the expectation",
        ),
    ]


def test_an_unmet_expectation_still_lets_the_map_be_analysed(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text(CONCESSION + "expect: {out: [thesis]}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["analyze", str(path)])
    assert result.exit_code == 0
    assert "  concessions (granted by the author):" in result.output
    assert "    vagueness: in: applicable, weighs 0.5, outweighed by 'tools-matter' (weighing 1)" in result.output
    assert CliRunner().invoke(main, ["check", str(path)]).exit_code == 1


def test_carneades_fields_under_grounded_are_pointed_out():
    text = CONCESSION.replace("semantics: carneades\n", "") + "issues:\n  q: {positions: [vague]}\n"
    found = [(p.line, p.col, p.code) for p in check(load_map(text)) if p.code.startswith("W50")]
    assert found == [(10, 51, "W502"), (11, 1, "W502")]
    supported = (
        HEADER
        + "claims:\n  a: {text: A.}\n  b: {text: B.}\narguments:\n  s: {premises: [a], conclusion: b, conceded: true}\n"
    )
    assert [(p.line, p.col, p.code) for p in check(load_map(supported)) if p.code == "W503"] == [(9, 37, "W503")]
    undercut = CONCESSION.replace("attacks: thesis, conceded: true", "attacks: tools-matter, conceded: true")
    found = [(p.line, p.col, p.message, p.hint) for p in check(load_map(undercut)) if p.code == "W503"]
    assert found == [
        (
            11,
            57,
            "the conceded undercut 'vagueness' still disables 'tools-matter': undercuts are not weighed",
            "to grant the objection and outweigh it, attack the claim 'thesis' instead",
        )
    ]


@pytest.mark.parametrize(
    ("fragment", "where", "message"),
    [
        (
            "arguments:\n  a: {premises: [x], conclusion: y, weight: 1.5}\n",
            (6, 45),
            "'weight' of argument 'a' must be a number from 0 to 1 or a weighing function, not the number 1.5",
        ),
        (
            "issues:\n  q: {positions: [x], standard: PX}\n",
            (6, 33),
            "'PX' is not a valid standard in issue 'q'",
        ),
        (
            "issues:\n  q: {positions: [x, y]}\n  r: {positions: [y]}\n",
            (7, 19),
            "'y' is a position of both issue 'q' and issue 'r'",
        ),
        ("expect:\n  in: [x, zz]\n", (6, 11), "'zz' expected in is not a claim"),
        ("assumptions: [zz]\n", (5, 15), "the assumption 'zz' is not a claim"),
    ],
)
def test_bad_evaluation_fields_are_positioned(fragment, where, message):
    text = HEADER + fragment + "claims:\n  x: {text: X.}\n  y: {text: Y.}\n"
    problems = check(loads(text))
    assert [(p.line, p.col, p.message) for p in problems if p.is_error] == [(*where, message)]


# --- Carneades 4's own examples ------------------------------------------------------------------------


def _propositional_with_tests() -> list[Path]:
    found = []
    for path in sorted(CARNEADES.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if "language" in data or "tests" not in data:
            continue
        if re.search(r"^\s*variables:", path.read_text(encoding="utf-8"), re.M):
            continue
        found.append(path)
    return found


PROPOSITIONAL = _propositional_with_tests()


def test_the_conformance_suite_is_the_31_propositional_examples():
    assert len(PROPOSITIONAL) == 31


@pytest.mark.parametrize("path", PROPOSITIONAL, ids=lambda p: p.stem)
def test_carneades_examples_import_and_meet_their_tests(path, tmp_path):
    out = tmp_path / f"{path.stem}.yaml"
    result = CliRunner().invoke(main, ["import", "carneades", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    mf = loads(out.read_bytes(), display=str(out))
    errors = [p for p in check(mf) if p.is_error]
    assert errors == [], "\n".join(f"{p.line}:{p.col} {p.code} {p.message}" for p in errors)
    # every test entry of the file became an expectation (so passing check means meeting them)
    tests = yaml.safe_load(path.read_text(encoding="utf-8"))["tests"]
    expect = mf.map.expect
    for key, field in (("in", "in_"), ("out", "out"), ("undecided", "undecided")):
        assert len(getattr(expect, field)) == len(tests.get(key) or [])


def test_import_keeps_texts_and_makes_valid_ids(tmp_path):
    imported = read_carneades((CARNEADES / "frisian.yml").read_bytes(), "frisian.yml", "frisian").data
    assert imported["semantics"] == "carneades" and imported["assume_premises"] is False
    assert imported["claims"]["not-app-a1"] == {"text": "a1 is not applicable."}
    assert imported["arguments"]["a1-undercut"] == {"premises": ["not-app-a1"], "attacks": "a1"}
    assert imported["expect"] == {"in": ["dutch", "tall", "frisian"], "out": ["not-app-a1"]}
    assert [statement_id(n) for n in ("¬p", "app(a1)", "wearsRing", "¬ms-reduce-crime")] == [
        "not-p",
        "app-a1",
        "wears-ring",
        "not-ms-reduce-crime",
    ]


def test_import_of_an_argument_without_premises_gives_it_an_assumed_premise():
    data = read_carneades((CARNEADES / "dung-attack-cycle.yml").read_bytes(), "d.yml", "d").data
    assert data["arguments"]["a"] == {"premises": ["a-given"], "conclusion": "ub"}
    assert "a-given" in data["assumptions"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("walton", "walton.yml:10:1: the file uses a language (predicate verbalisations) ('language')"),
        ("family-law", "family-law.yml:9:1: the file uses a language (predicate verbalisations) ('language')"),
    ],
)
def test_first_order_files_are_refused_with_the_feature_named(name, message, tmp_path):
    out = tmp_path / "m.yaml"
    result = CliRunner().invoke(main, ["import", "carneades", str(CARNEADES / f"{name}.yml"), "-o", str(out)])
    assert result.exit_code == 1
    assert message in result.output and "only propositional files are supported" in result.output
    assert not out.exists()


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("statements:\n  p: P\narguments:\n  a: {conclusion: p, premises: [Q]}\n", "4:33", "'Q' holds a variable"),
        ("argument_schemes:\n  - id: s\n    variables: [X]\n", "3:5", "argument scheme 's' has variables"),
        ("statements: [p]\n", "1:1", "'statements' must be a mapping"),
        ("issues:\n  i: {positions: [p], standard: XYZ}\n", "2:23", "unknown proof standard 'XYZ'"),
        ("arguments:\n  a: {premises: [p]}\n", "2:3", "argument 'a' needs a 'conclusion'"),
        ("statements:\n  p: P\n  p: Q\n", "3:3", "duplicate key"),
        ("statements: {p: [\n", "2:1", "invalid YAML"),
    ],
)
def test_bad_carneades_files_get_positioned_errors(text, where, message, tmp_path):
    path = tmp_path / "bad.yml"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "m.yaml"
    result = CliRunner().invoke(main, ["import", "carneades", str(path), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert f"{path}:{where}: " in result.output and message in result.output
    assert "Traceback" not in result.output and not out.exists()


def test_import_summary_counts_agree_with_their_nouns(tmp_path):
    path = tmp_path / "one.yml"
    path.write_text(
        "statements:\n  p: P holds.\n  q: Q holds.\n  r: R holds.\n  s: S holds.\n"
        "issues:\n  i1: {positions: [p, q]}\n"
        "arguments:\n  a1: {conclusion: p, premises: [r], undercutter: s}\n",
        encoding="utf-8",
    )
    out = tmp_path / "one.yaml"
    result = CliRunner().invoke(main, ["import", "carneades", str(path), "-o", str(out)])
    assert (result.exit_code, result.stdout) == (0, f"wrote {out} (4 claims, 1 argument, 1 undercut, 1 issue)\n")
    several = tmp_path / "several.yaml"
    result = CliRunner().invoke(
        main, ["import", "carneades", str(CARNEADES / "prakken-sartor-murder.yml"), "-o", str(several)]
    )
    assert result.stdout == f"wrote {several} (17 claims, 8 arguments, 4 undercuts, 1 issue)\n"
