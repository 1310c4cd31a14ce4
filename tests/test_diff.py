"""argmap diff: what changed in the argument between two versions of a map, and the git driver."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import ROOT, VALID, write_map

from argmap.cli import main

GREITENS = ROOT / "maps" / "greitens-2022-xi-jinpings-quest-for-order.yaml"
MAAN = ROOT / "maps" / "maan-2024-chinas-total-national-security-paradigm.yaml"

ATTACKED = VALID.replace(
    "arguments:\n",
    "  preliminary:\n"
    "    text: The figures are only preliminary.\n"
    '    quote: Critics say the "figures" are preliminary\n'
    "arguments:\n",
).replace(
    "    scheme: practical-reasoning\n",
    "    scheme: practical-reasoning\n  doubt:\n    premises: [preliminary]\n    attacks: benefit\n",
)


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def pair(tmp_path, old: str, new: str):
    return write_map(tmp_path / "old", old), write_map(tmp_path / "new", new)


@pytest.mark.parametrize("path", [GREITENS, MAAN], ids=["greitens", "maan"])
def test_a_map_against_itself_is_the_same(path):
    for fmt in ("text", "markdown", "json"):
        result = run("diff", "--format", fmt, path, path)
        assert result.exit_code == 0
    assert run("diff", path, path).output == "No change in the argument.\n"
    data = json.loads(run("diff", "--format", "json", path, path).output)
    assert (data["same"], data["changes"], data["evaluation"]) == (True, [], [])


def test_layout_notes_and_order_are_not_changes(tmp_path):
    shuffled = VALID.replace(
        "    scheme: cause-to-effect\n", "    scheme: cause-to-effect\n    note: A note.\n    label: Benefit\n"
    )
    shuffled = shuffled.replace("premises: [gains, worth-it]", "premises:\n      - worth-it\n      - gains")
    shuffled = "# a comment\n" + shuffled.replace("    type: fact\n", "    type: fact\n    tags: [numbers]\n")
    old, new = pair(tmp_path, VALID, shuffled)
    result = run("diff", old, new)
    assert (result.exit_code, result.output) == (0, "No change in the argument.\n")


def test_removing_an_argument_names_it(tmp_path):
    policy = (
        "  policy:\n    premises: [gains, worth-it]\n    conclusion: extend\n    scheme: practical-reasoning\n"
        "    reconstructed: true\n    note: The essay states the recommendation after the gain, without a connective.\n"
    )
    assert policy in VALID
    removed = VALID.replace(policy, "")
    old, new = pair(tmp_path, VALID, removed)
    result = run("diff", old, new)
    assert (result.exit_code, result.output) == (
        1,
        "arguments\n  removed           policy: [gains, worth-it] -> extend\n",
    )


def test_a_renamed_claim_shows_as_a_rename(tmp_path):
    renamed = VALID.replace("  gains:\n", "  city-gains:\n").replace("conclusion: gains", "conclusion: city-gains")
    renamed = renamed.replace("[gains, worth-it]", "[city-gains, worth-it]")
    old, new = pair(tmp_path, VALID, renamed)
    result = run("diff", old, new)
    assert (result.exit_code, result.output) == (1, "claims\n  renamed           gains -> city-gains\n")


def test_a_renamed_claim_keeps_its_other_changes(tmp_path):
    renamed = VALID.replace(
        "  gains:\n    text: The city gains from the tram.", "  city-gains:\n    text: The city gains."
    )
    renamed = renamed.replace("conclusion: gains", "conclusion: city-gains").replace("[gains,", "[city-gains,")
    renamed = renamed.replace(
        "worth-it:\n    text: What makes a city better", "worth:\n    text: What makes a city better"
    )
    renamed = renamed.replace("city-gains, worth-it]", "city-gains, worth]")
    old, new = pair(tmp_path, VALID, renamed)
    assert run("diff", old, new).output == (
        "claims\n"
        "  renamed           gains -> city-gains\n"
        "  renamed           worth-it -> worth\n"
        '  reworded          city-gains: "The city gains from the tram." -> "The city gains."\n'
    )


def test_claim_changes(tmp_path):
    changed = VALID.replace("text: The tram cut commuting times by a fifth.", "text: The tram cut commutes by 20%.")
    changed = changed.replace(
        "quote: Shorter commutes make people happier, and", "quote: Shorter commutes make people happier"
    )
    changed = changed.replace("    type: fact\n", "    type: interpretation\n")
    changed = changed.replace(
        "    text: What makes a city better is worth extending.\n    implicit: true\n",
        "    text: What makes a city better is worth extending.\n    quote: the city gains\n",
    )
    changed = changed.replace("quote: so the city gains", "quote: so the city gains.")
    old, new = pair(tmp_path, VALID, changed)
    result = run("diff", old, new)
    assert result.exit_code == 1
    assert result.output == (
        "claims\n"
        '  reworded          faster: "The tram cut commuting times by a fifth." -> "The tram cut commutes by 20%."\n'
        '  re-quoted         happier: "Shorter commutes make people happier, and"'
        ' -> "Shorter commutes make people happier"\n'
        '  re-quoted         gains: "so the city gains" -> "so the city gains."\n'
        "  retyped           faster: fact -> interpretation\n"
        "  made explicit     worth-it\n"
    )


def test_an_attack_and_its_effect_on_the_evaluation(tmp_path):
    old, new = pair(tmp_path, VALID, ATTACKED)
    result = run("diff", old, new)
    assert result.exit_code == 1
    assert result.output == (
        "claims\n"
        "  added             preliminary: The figures are only preliminary.\n"
        "arguments\n"
        "  added             doubt: [preliminary] attacks benefit\n"
        "evaluation (grounded)\n"
        "  label             gains: in -> out\n"
        "  label             extend: in -> out\n"
    )


def test_json(tmp_path):
    old, new = pair(tmp_path, VALID, ATTACKED)
    data = json.loads(run("diff", "--format", "json", old, new).output)
    assert data == {
        "old": str(old),
        "new": str(new),
        "same": False,
        "semantics": "grounded",
        "changes": [
            {"kind": "claim-added", "id": "preliminary", "old": None, "new": "The figures are only preliminary."},
            {
                "kind": "argument-added",
                "id": "doubt",
                "old": None,
                "new": {"id": "doubt", "premises": ["preliminary"], "attacks": "benefit"},
            },
        ],
        "evaluation": [
            {"kind": "label-changed", "id": "gains", "old": "in", "new": "out"},
            {"kind": "label-changed", "id": "extend", "old": "in", "new": "out"},
        ],
    }


def test_markdown(tmp_path):
    old, new = pair(tmp_path, VALID, ATTACKED)
    assert run("diff", "--format", "markdown", old, new).output == (
        f"# Changes from `{old}` to `{new}`\n\n"
        "## Claims\n\n"
        "- **added** preliminary: The figures are only preliminary.\n\n"
        "## Arguments\n\n"
        "- **added** doubt: \\[preliminary\\] attacks benefit\n\n"
        "## Evaluation (grounded)\n\n"
        "- **label** gains: in -> out\n"
        "- **label** extend: in -> out\n"
    )


SPLIT = VALID.replace(
    "  benefit:\n    premises: [faster, happier]\n",
    "  benefit:\n    premises: [faster]\n    conclusion: gains\n  mood:\n    premises: [happier]\n",
)


def test_linked_premises_split_into_convergent_arguments_and_joined_back(tmp_path):
    old, new = pair(tmp_path, VALID, SPLIT)
    assert run("diff", old, new).output == (
        "arguments\n"
        "  linked split      benefit: [faster, happier] -> gains"
        " => benefit: [faster] -> gains; mood: [happier] -> gains\n"
    )
    assert run("diff", new, old).output == (
        "arguments\n"
        "  joined            benefit: [faster] -> gains; mood: [happier] -> gains"
        " => benefit: [faster, happier] -> gains\n"
    )


def test_argument_changes(tmp_path):
    changed = ATTACKED.replace(
        "conclusion: extend\n    scheme: practical-reasoning",
        "conclusion: gains\n    scheme: values\n    conceded: true",
    )
    changed = changed.replace("attacks: benefit", "attacks: policy")
    changed = changed.replace("premises: [faster, happier]", "premises: [faster, happier, worth-it]")
    changed = changed.replace("  benefit:\n", "  benefits:\n").replace("thesis: [extend]", "thesis: [gains]")
    changed = changed.replace(
        "  policy:\n    premises: [gains, worth-it]", "  policy:\n    premises: [worth-it, faster]"
    )
    old, new = pair(tmp_path, ATTACKED, changed)
    result = run("diff", old, new)
    assert result.output == (
        "map\n"
        "  thesis added      gains\n"
        "  thesis removed    extend\n"
        "arguments\n"
        "  added             benefits: [faster, happier, worth-it] -> gains\n"
        "  removed           benefit: [faster, happier] -> gains\n"
        "  premise added     policy: faster\n"
        "  premise removed   policy: gains\n"
        "  conclusion        policy: extend -> gains\n"
        "  attack target     doubt: benefit -> policy\n"
        "  scheme            policy: practical-reasoning -> values\n"
        "  conceded          policy: no -> yes\n"
        "evaluation (grounded)\n"
        "  label             gains: out -> in\n"
        "  label             extend: out -> in\n"
    )


def test_a_renamed_argument(tmp_path):
    old, new = pair(tmp_path, VALID, VALID.replace("  benefit:\n", "  benefits:\n"))
    assert run("diff", old, new).output == "arguments\n  renamed           benefit -> benefits\n"


def test_expectations_and_assumptions(tmp_path):
    before = VALID.replace("thesis: [extend]\n", "thesis: [extend]\nexpect:\n  in: [extend, gains]\n")
    after = VALID.replace(
        "thesis: [extend]\n", "thesis: [extend]\nassumptions: [worth-it]\nexpect:\n  in: [extend]\n  out: [gains]\n"
    )
    old, new = pair(tmp_path, before, after)
    assert run("diff", old, new).output == (
        "map\n  expected          gains out\n  not expected      gains in\n  assumption added  worth-it\n"
    )


def test_trouble_exits_2(tmp_path):
    broken = write_map(tmp_path / "b", VALID.replace("[gains, worth-it]", "[gains, worth-ti]"))
    good = write_map(tmp_path / "g", VALID)
    result = run("diff", good, broken)
    assert result.exit_code == 2
    assert "E201 premise 'worth-ti' of argument 'policy' is not a claim" in result.output
    assert result.output.endswith("has errors: run 'argmap check' for details\n")
    assert run("diff", good).exit_code == 2
    assert run("diff", good, tmp_path / "missing.yaml").exit_code == 2
    assert run("diff", "--git", good, good).exit_code == 2


# -- git ---------------------------------------------------------------------------------------------


def git(repo, *args, env=None):
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=env, check=True).stdout


@pytest.fixture
def repo(tmp_path):
    """A git repository with a committed map (maps/map.yaml, its essay beside it) marked diff=argmap."""
    import os

    env = {**os.environ, "HOME": str(tmp_path), "GIT_CONFIG_NOSYSTEM": "1", "GIT_PAGER": "cat"}
    env.pop("GIT_EXTERNAL_DIFF", None)
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", env=env)
    git(root, "config", "user.email", "analyst@example.org", env=env)
    git(root, "config", "user.name", "Analyst", env=env)
    (root / ".gitattributes").write_text("maps/*.yaml diff=argmap\n", encoding="utf-8")
    write_map(root / "maps", VALID)
    git(root, "add", ".", env=env)
    git(root, "commit", "-qm", "first map", env=env)
    return root, env


ARGMAP = f"{shlex.quote(sys.executable)} -m argmap"


def test_git_diff_driver_command(repo):
    root, env = repo
    git(root, "config", "diff.argmap.command", f"{ARGMAP} diff --git --no-color", env=env)
    policy = (
        "  policy:\n    premises: [gains, worth-it]\n    conclusion: extend\n    scheme: practical-reasoning\n"
        "    reconstructed: true\n    note: The essay states the recommendation after the gain, without a connective.\n"
    )
    assert policy in VALID
    removed = VALID.replace(policy, "")
    (root / "maps" / "map.yaml").write_text(removed, encoding="utf-8")
    assert git(root, "diff", env=env) == (
        "argmap diff a/maps/map.yaml b/maps/map.yaml\n"
        "arguments\n"
        "  removed           policy: [gains, worth-it] -> extend\n"
    )
    git(root, "commit", "-qam", "no policy", env=env)
    assert git(root, "log", "-p", "--ext-diff", "-1", "--format=%s", env=env) == (
        "no policy\n\n"
        "argmap diff a/maps/map.yaml b/maps/map.yaml\n"
        "arguments\n"
        "  removed           policy: [gains, worth-it] -> extend\n"
    )
    # a new map: everything is added; a broken one: a line diff, with the reason
    write_map(root / "maps", VALID.replace("id: small", "id: second"), name="second.yaml")
    (root / "maps" / "map.yaml").write_text("not: [a, map\n", encoding="utf-8")
    git(root, "add", "-N", "maps/second.yaml", env=env)
    out = git(root, "diff", env=env)
    assert out.startswith("argmap diff a/maps/map.yaml b/maps/map.yaml\n(not a valid map, E001 invalid YAML")
    assert "--- a/maps/map.yaml\n+++ b/maps/map.yaml\n" in out and "\n-argmap: 1\n-id: small\n" in out
    assert "+not: [a, map\n" in out
    assert (
        "argmap diff a/maps/second.yaml b/maps/second.yaml\nmap\n  thesis added      extend\n"
        "claims\n  added             faster: The tram cut commuting times by a fifth.\n"
    ) in out


def test_git_diff_driver_textconv(repo):
    root, env = repo
    git(root, "config", "diff.argmap.textconv", f"{ARGMAP} outline --no-color", env=env)
    policy = (
        "  policy:\n    premises: [gains, worth-it]\n    conclusion: extend\n    scheme: practical-reasoning\n"
        "    reconstructed: true\n    note: The essay states the recommendation after the gain, without a connective.\n"
    )
    assert policy in VALID
    removed = VALID.replace(policy, "")
    (root / "maps" / "map.yaml").write_text(removed, encoding="utf-8")
    out = git(root, "diff", env=env)
    changed = [line for line in out.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert changed == [
        "-  for policy, Practical reasoning, reconstructed [in]",
        "-    [in] The city gains from the tram. (gains)",
        "-      for benefit, Cause to effect [in]",
        "-        [in] The tram cut commuting times by a fifth. (faster)",
        "-        [in] Shorter commutes make people happier. (happier)",
        "-    [in] What makes a city better is worth extending. (worth-it) [implicit]",
        "+",
        "+Not reached from a thesis:",
        "+  [in] The city gains from the tram. (gains)",
        "+    for benefit, Cause to effect [in]",
        "+      [in] The tram cut commuting times by a fifth. (faster)",
        "+      [in] Shorter commutes make people happier. (happier)",
        "+  [in] What makes a city better is worth extending. (worth-it) [implicit]",
    ]
