"""Analysis: exact answers on small hand-made maps, properties on random maps, and the seed maps."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.analysis import Coverage, Role, analyze, foundations, roles
from argmap.cli import main
from argmap.comparison.concepts import compare
from argmap.load import loads
from argmap.model import ArgMap, Argument, Claim
from argmap.semantics import Label, grounded
from argmap.source import SourceText

IN, OUT, UND = Label.in_, Label.out, Label.undecided
# frozen copies of the seed maps as they were in format 1.0 (the analysis' figures are pinned to them)
V1 = ROOT / "tests" / "data" / "v1"
GREITENS = V1 / "greitens-2022-xi-jinpings-quest-for-order.yaml"
MAAN = V1 / "maan-2024-chinas-total-national-security-paradigm.yaml"


def make(claims: list[str], arguments: dict[str, dict], thesis=()) -> ArgMap:
    return ArgMap(
        argmap=1,
        id="t",
        title="t",
        thesis=list(thesis),
        claims={c: Claim(text=c) for c in claims},
        arguments={a: Argument(**spec) for a, spec in arguments.items()},
    )


LINKED = make(["p1", "p2", "c"], {"a": {"premises": ["p1", "p2"], "conclusion": "c"}}, thesis=["c"])
CONVERGENT = make(
    ["p1", "p2", "c"],
    {"a1": {"premises": ["p1"], "conclusion": "c"}, "a2": {"premises": ["p2"], "conclusion": "c"}},
    thesis=["c"],
)


def test_linked_pair_every_premise_is_critical():
    basis, critical = foundations(LINKED)
    assert basis["c"] == {"p1", "p2"} and critical["c"] == {"p1", "p2"}
    assert grounded(LINKED)["c"] is IN
    assert grounded(LINKED, reject=["p1"])["c"] is OUT
    assert grounded(LINKED, reject=["p2"])["c"] is OUT


def test_convergent_pair_it_takes_both():
    basis, critical = foundations(CONVERGENT)
    assert basis["c"] == {"p1", "p2"} and critical["c"] == frozenset()
    assert grounded(CONVERGENT, reject=["p1"])["c"] is IN
    assert grounded(CONVERGENT, reject=["p2"])["c"] is IN
    assert grounded(CONVERGENT, reject=["p1", "p2"])["c"] is OUT


def test_critical_premises_pass_through_intermediate_conclusions():
    m = make(
        ["p1", "p2", "p3", "i", "c"],
        {
            "a1": {"premises": ["p1", "p2"], "conclusion": "i"},
            "a2": {"premises": ["p2"], "conclusion": "i"},
            "a3": {"premises": ["i", "p3"], "conclusion": "c"},
        },
    )
    basis, critical = foundations(m)
    assert basis["c"] == {"p1", "p2", "p3"}
    assert critical["c"] == {"p2", "p3"}
    analysis = analyze(m)
    assert analysis.rests_on("c") == ["p1", "p2", "p3"] and analysis.critical("c") == ["p2", "p3"]
    assert analysis.longest_chain == 0  # no thesis declared


def test_odd_attack_cycle_is_undecided():
    m = make(
        ["x", "y", "z"],
        {
            "a": {"premises": ["x"], "attacks": "b"},
            "b": {"premises": ["y"], "attacks": "c"},
            "c": {"premises": ["z"], "attacks": "a"},
        },
    )
    labels = grounded(m)
    assert [labels[n] for n in "abc"] == [UND, UND, UND]
    assert [labels[n] for n in "xyz"] == [IN, IN, IN]


def test_even_attack_cycle_is_undecided_too_under_grounded_semantics():
    m = make(["x", "y"], {"a": {"premises": ["x"], "attacks": "b"}, "b": {"premises": ["y"], "attacks": "a"}})
    assert [grounded(m)[n] for n in "ab"] == [UND, UND]
    assert [grounded(m, accept=["a"])[n] for n in "ab"] == [IN, OUT]


def test_reinstatement_chain():
    m = make(
        ["x", "y", "z", "c"],
        {
            "a": {"premises": ["x"], "attacks": "b"},
            "b": {"premises": ["y"], "attacks": "c"},
            "c": {"premises": ["z"], "conclusion": "c"},
        },
    )
    labels = grounded(m)
    assert (labels["a"], labels["b"], labels["c"]) == (IN, OUT, IN)
    assert grounded(m, reject=["x"])["c"] is OUT  # without a, b stands and defeats c


def test_rebuttal_of_a_claim_and_its_reinstatement():
    m = make(
        ["p", "q", "r", "c"],
        {
            "s": {"premises": ["p"], "conclusion": "c"},
            "rebut": {"premises": ["q"], "attacks": "c"},
            "counter": {"premises": ["r"], "attacks": "q"},
        },
    )
    labels = grounded(m)
    assert labels["q"] is OUT and labels["rebut"] is OUT and labels["c"] is IN
    changed = analyze(m, reject=["r"]).changed
    assert changed == {"r": (IN, OUT), "counter": (IN, OUT), "q": (OUT, IN), "rebut": (OUT, IN), "c": (IN, OUT)}


def test_roles():
    m = make(
        ["p", "i", "t", "side", "lonely", "target"],
        {
            "a": {"premises": ["p"], "conclusion": "i"},
            "b": {"premises": ["i"], "conclusion": "t"},
            "c": {"premises": ["p"], "conclusion": "side"},
            "d": {"premises": ["p"], "attacks": "target"},
        },
        thesis=["t"],
    )
    assert roles(m) == {
        "p": Role.premise,
        "i": Role.intermediate,
        "t": Role.thesis,
        "side": Role.conclusion,
        "lonely": Role.unused,
        "target": Role.attacked,
    }


def test_coverage_on_known_paragraphs():
    text = (
        "Title\n\n"
        + "First body paragraph with many words " * 5
        + "\n\n"
        + "HEADING\n\n"
        + "Second body paragraph that nobody quotes at all here " * 3
        + "\n\n"
        + "Third one. It is short.\n\n"
        + "References: ignored stuff\n"
    )
    source = SourceText(text)
    assert len(source.paragraphs) == 6
    first = source.find_all("First body paragraph with many words First")[0]
    third = source.find_all("Third one.")[0]
    ignored = [(text.index("References"), len(text))]
    coverage = Coverage(source, [(first.start, first.end), (third.start, third.end)], ignored)
    assert coverage.body == [2, 4, 5]
    assert coverage.covered == [2, 5]
    assert coverage.uncovered == [(4, "Second body paragraph that nobody quotes at all \u2026")]
    assert round(coverage.paragraph_share, 3) == 0.667
    assert coverage.covered_chars == (first.end - first.start) + (third.end - third.start)


# --- properties ------------------------------------------------------------------------------------------


@st.composite
def random_maps(draw):
    n = draw(st.integers(1, 8))
    claims = [f"c{i}" for i in range(n)]
    arguments: dict[str, dict] = {}
    for i in range(draw(st.integers(0, 10))):
        premises = draw(st.lists(st.sampled_from(claims), min_size=1, max_size=3, unique=True))
        if draw(st.booleans()) or not arguments:
            target = draw(st.sampled_from(claims))
            spec = (
                {"premises": premises, "conclusion": target}
                if draw(st.booleans())
                else {"premises": premises, "attacks": target}
            )
        else:
            spec = {"premises": premises, "attacks": draw(st.sampled_from(sorted(arguments)))}
        arguments[f"a{i}"] = spec
    return make(claims + ["unused"], arguments)


def attackers_of(m: ArgMap) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for arg_id, argument in m.arguments.items():
        if argument.attacks is not None:
            result.setdefault(argument.attacks, []).append(arg_id)
    return result


@settings(max_examples=300, deadline=None)
@given(random_maps())
def test_grounded_labels_are_conflict_free_and_defended(m):
    labels = grounded(m)
    attackers = attackers_of(m)
    for node, label in labels.items():
        if label is IN:
            # conflict-free: nothing in attacks something in
            assert all(labels[a] is not IN for a in attackers.get(node, ()))
            # an argument (or claim) that is in has every attacker out
            assert all(labels[a] is OUT for a in attackers.get(node, ()))
        if label is OUT and node in m.arguments:
            argument = m.arguments[node]
            assert any(labels[p] is OUT for p in argument.premises) or any(
                labels[a] is IN for a in attackers.get(node, ())
            )


@settings(max_examples=300, deadline=None)
@given(random_maps())
def test_rejecting_an_unused_claim_changes_nothing(m):
    before = grounded(m)
    after = grounded(m, reject=["unused"])
    assert {k: v for k, v in after.items() if k != "unused"} == {k: v for k, v in before.items() if k != "unused"}
    assert analyze(m, reject=["unused"]).changed == {"unused": (IN, OUT)}


# --- the seed maps and the commands ------------------------------------------------------------------------


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_analyze_greitens():
    result = run("analyze", GREITENS)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "Xi Jinping's Quest for Order (greitens-2022)"
    assert "  thesis: us-should-not-underestimate" in lines
    assert "  us-should-not-underestimate: 45 premises; critical: none (every premise has a stand-in)" in lines
    assert "Quote coverage: 22 of 22 body paragraphs (100%), 52% of their characters" in lines
    assert (
        "Status under grounded semantics: claims 104 in, 4 out, 0 undecided; arguments 54 in, 3 out, 0 undecided"
        in lines
    )
    assert "  thesis us-should-not-underestimate: in: the argument 'do-not-underestimate' holds" in lines
    start = lines.index("  out:")
    assert lines[start + 1 : start + 6] == [
        "    speech-insignificant: defeated by the attack 'shift-rebuts-insignificance', which holds",
        "    cnsc-like-nsc: defeated by the attack 'cnsc-not-an-nsc', which holds",
        "    concept-only-continuity: defeated by the attack 'continuity-rebutted', which holds",
        "    chinese-assistance-benign: defeated by the attack 'threats-answer-benign-view', which holds",
        "    arguments: continuity-objection, neglect-suggests-insignificance, vagueness-objection",
    ]


@pytest.mark.parametrize(
    "name", ["greitens-2022-xi-jinpings-quest-for-order", "maan-2024-chinas-total-national-security-paradigm"]
)
@pytest.mark.parametrize("what_if", [False, True])
def test_analyze_json_of_a_map_without_the_evaluation_fields_is_unchanged(name, what_if):
    """The output argmap gave before it had several semantics, recorded then, byte for byte."""
    args = ["analyze", V1 / f"{name}.yaml", "--format", "json"]
    if what_if:
        args += (
            ["--reject", "gsi-extends-concept", "--accept", "speech-insignificant"]
            if name.startswith("greitens")
            else ["--reject", "paradigm-broadens-security"]
        )
    expected = (V1 / f"{name}.{'whatif' if what_if else 'analyze'}.json").read_text(encoding="utf-8")
    assert run(*args).output == expected


def test_analyze_json_lists_attacks_by_kind_once_a_semantics_is_named():
    data = json.loads(
        run(
            "analyze",
            V1 / "greitens-2022-xi-jinpings-quest-for-order.yaml",
            "--format",
            "json",
            "--semantics",
            "grounded",
        ).output
    )
    assert data["semantics"] == "grounded"
    assert data["attacks"]["rebuttal"]["arguments"] == [
        "cnsc-not-an-nsc",
        "continuity-rebutted",
        "shift-rebuts-insignificance",
        "threats-answer-benign-view",
    ]
    assert "cnsc-not-an-nsc" not in data["schemes"].get("default", {}).get("arguments", [])


def test_analyze_what_if_prints_what_changed():
    result = run("analyze", GREITENS, "--reject", "political-security-primacy-in-police")
    block = result.output.split("What changes if you reject political-security-primacy-in-police:\n")[1]
    changed = block.split("\n\n")[0].splitlines()
    assert "  claim transnational-repression-likely: in -> out" in changed
    assert "  claim us-should-not-underestimate: in -> out" not in changed  # other arguments still hold
    wrong = run("analyze", GREITENS, "--reject", "gsi-extend-concept")
    assert wrong.exit_code == 2 and "did you mean 'gsi-extends-concept'?" in wrong.output


def test_analyze_json():
    data = json.loads(run("analyze", MAAN, "--format", "json").output)
    assert data["roles"]["taiwan-must-focus"] == "thesis"
    assert data["conclusions"]["propels-assertive-policy"]["critical"] == ["paradigm-broadens-security"]
    assert data["status"]["peaceful-path-open"] == "out"
    assert data["status"]["bri-example"] == "out" and data["status"]["economic-clout-for-security"] == "in"
    assert data["coverage"]["uncovered"] == []


def test_compare_seed_maps():
    result = run("compare", GREITENS, MAAN)
    assert result.exit_code == 0
    text = result.output
    assert "Concepts both treat: 6" in text
    assert "  greitens-2022:concept-covers-everything says the same as maan-2024:paradigm-broadens-security" in text
    assert "  greitens-2022:not-all-new contradicts maan-2024:paradigm-fundamental-shift" in text
    data = json.loads(run("compare", GREITENS, MAAN, "--format", "json").output)
    shared = {row["id"] for row in data["shared_concepts"]}
    assert shared == {
        "comprehensive-security",
        "regime-security",
        "foreign-interference",
        "xinjiang",
        "core-interests",
        "us-alliances",
    }
    assert "taiwan" in data["only_in"]["maan-2024"] and "hong-kong" in data["only_in"]["greitens-2022"]
    assert len(data["links"]) == 7


def test_compare_reports_links_to_missing_claims():
    g = loads(GREITENS.read_text().replace("to: reflects-anxieties", "to: reflects-anxiety"), str(GREITENS)).map
    n = loads(MAAN.read_text(), str(MAAN)).map
    assert compare([g, n]).problems == [
        "greitens-2022: the link ccp-insecure -> maan-2024:reflects-anxiety names a claim that does not exist"
    ]
