"""argmap agree: agreement of two maps of the same essay, checked against figures computed by hand."""

from __future__ import annotations

import json
import shutil
from fractions import Fraction

import pytest
from click.testing import CliRunner
from conftest import ROOT, VALID, write_map

from argmap.cli import main

GREITENS = ROOT / "maps" / "greitens-2022-xi-jinpings-quest-for-order.yaml"
MAAN = ROOT / "maps" / "maan-2024-chinas-total-national-security-paradigm.yaml"

# A: the small map, with `happier` also supporting `extend` on its own (convergent with `policy`)
MAP_A = VALID + "  mood:\n    premises: [happier]\n    conclusion: extend\n"

# B: another analyst's map of the same essay: `happier` quoted without its first word, no `gains`
# but `productive`, the thesis under another id, and different arguments
MAP_B = """\
argmap: 1
id: other
title: A Small Essay
source:
  path: essay.txt
thesis: [extend-line]
claims:
  faster:
    text: The tram cut commuting times by a fifth.
    quote: new tram line has cut commuting times by a fifth
  happier:
    text: Shorter commutes make people happier.
    quote: commutes make people happier, and
  productive:
    text: Happier workers are more productive.
    quote: happier workers are more productive
  extend-line:
    text: The council should extend the tram line.
    quote: The council should extend the line.
  worth-it:
    text: What makes a city better is worth extending.
    implicit: true
arguments:
  b-faster:
    premises: [faster]
    conclusion: extend-line
  b-happy:
    premises: [happier, worth-it, productive]
    conclusion: extend-line
"""


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def figures(a, b):
    result = run("agree", "--format", "json", a, b)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def every_figure(data):
    s = data["segmentation"]
    return {
        "precision": s["precision"],
        "recall": s["recall"],
        "f1": s["f1"],
        "overlap_f1": s["overlap_f1"],
        "word_alpha": s["word_alpha"],
        "relation_kappa": data["relations"]["kappa"],
        "relation_alpha": data["relations"]["alpha"],
        "grouping_kappa": data["grouping"]["kappa"],
        "grouping_alpha": data["grouping"]["alpha"],
        "structure": data["structure"],
        "cass": data["cass"],
    }


@pytest.mark.parametrize("path", [GREITENS, MAAN], ids=["greitens", "maan"])
def test_a_map_agrees_with_itself_on_every_figure(path):
    data = figures(path, path)
    assert set(every_figure(data).values()) == {1.0}
    assert data["only_a"] == data["only_b"] == []


def test_a_perturbed_copy_drops_every_affected_figure(tmp_path):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "maps").mkdir()
    text = GREITENS.read_text(encoding="utf-8")
    removed = (
        "  overdue:\n    premises: [concept-lacked-foreign-dimension]\n    conclusion: gsi-overdue\n"
        "    scheme: practical-reasoning\n    quote: In that sense\n"
    )
    assert removed in text
    text = text.replace(removed, "")
    cut = "    quote: What the GSI will look like in practice is still an open question\n"
    assert cut in text
    text = text.replace(cut, "    quote: the GSI will look like in practice is still an open question\n")
    perturbed = tmp_path / "maps" / "perturbed.yaml"
    perturbed.write_text(text, encoding="utf-8")
    got = every_figure(figures(GREITENS, perturbed))
    # the cut quote still matches (it keeps most of its characters): the claims are the same ones
    assert (got["precision"], got["recall"], got["f1"]) == (1.0, 1.0, 1.0)
    # the argument removed takes no premise away from a conclusion both maps support
    assert (got["grouping_kappa"], got["grouping_alpha"]) == (1.0, 1.0)
    for name in ("overlap_f1", "word_alpha", "relation_kappa", "relation_alpha", "structure", "cass"):
        assert 0.9 < got[name] < 1.0, name


def test_figures_computed_by_hand(tmp_path):
    a = write_map(tmp_path, MAP_A, name="a.yaml")
    b = write_map(tmp_path, MAP_B, name="b.yaml")
    data = figures(a, b)
    # claims: A quotes faster, happier, gains, extend; B quotes faster, happier, productive,
    # extend-line. Matched: faster (same quote), extend (same quote), happier: B's quote is A's
    # without "Shorter " (33 of 41 characters); worth-it (implicit) by id.
    assert data["matched_claims"] == [
        {"a": "extend", "b": "extend-line", "overlap": 1.0},
        {"a": "faster", "b": "faster", "overlap": 1.0},
        {"a": "happier", "b": "happier", "overlap": round(33 / 41, 4)},
        {"a": "worth-it", "b": "worth-it", "overlap": 1.0},
    ]
    assert (data["only_a"], data["only_b"]) == (["gains"], ["productive"])
    s = data["segmentation"]
    assert (s["claims_a"], s["claims_b"], s["matched"]) == (4, 4, 3)
    assert s["precision"] == s["recall"] == s["f1"] == 0.75
    overlap_f1 = Fraction(2) * (1 + Fraction(33, 41) + 1) / (4 + 4)  # = 115/164
    assert s["overlap_f1"] == pytest.approx(float(overlap_f1))
    # words: the essay has 52; A codes 4 B(egin), 22 I(nside), 26 O(utside); B the same counts.
    # They differ on 11 words: "Shorter" (B/O), "commutes" (I/B), "happier" (O/B),
    # "workers are more productive" (O/I x4), "so" (B/O), "the city gains." (I/O x3).
    # alpha = 1 - (n - 1) * (off-diagonal coincidences) / (sum of n_c * n_k over c != k),
    # n = 104 values: O 52, I 44, B 8.
    assert s["words"] == 52
    assert s["word_alpha"] == pytest.approx(1 - 103 * 22 / (104**2 - (52**2 + 44**2 + 8**2)))
    # relations over the 4 matched claims: 12 ordered pairs. A: happier -> extend, worth-it -> extend
    # (support); B also faster -> extend. 11 coded alike.
    r = data["relations"]
    assert (r["claims"], r["items"], r["agreed"]) == (4, 12, 11)
    p_o = Fraction(11, 12)
    p_e = Fraction(10, 12) * Fraction(9, 12) + Fraction(2, 12) * Fraction(3, 12)
    kappa = (p_o - p_e) / (1 - p_e)  # = 3/4
    assert r["kappa"] == pytest.approx(float(kappa)) and kappa == Fraction(3, 4)
    assert r["alpha"] == pytest.approx(1 - 23 * 2 / (2 * 19 * 5))
    # grouping: the one pair both maps have supporting the same conclusion: happier and worth-it for
    # extend, convergent in A (policy, mood), linked in B (b-happy): no agreement at all
    g = data["grouping"]
    assert (g["items"], g["agreed"], g["kappa"], g["alpha"]) == (1, 0, 0.0, 0.0)
    # structure: the mean of the kappas; CASS: the harmonic mean of overlap F1 and structure
    structure = (kappa + 0) / 2
    assert data["structure"] == pytest.approx(float(structure))
    assert data["cass"] == pytest.approx(float(2 * overlap_f1 * structure / (overlap_f1 + structure)))


def test_text(tmp_path):
    a = write_map(tmp_path, MAP_A, name="a.yaml")
    b = write_map(tmp_path, MAP_B, name="b.yaml")
    result = run("agree", a, b)
    assert result.exit_code == 0
    assert result.output == (
        "Agreement of small (A) and other (B), maps of the same essay\n"
        "\n"
        "Claims (segmentation): A quotes 4, B quotes 4, 3 matched (quotes sharing at least 50% of their characters)\n"
        "  precision 0.750  recall 0.750  F1 0.750\n"
        "  overlap F1 0.701  word alpha (BIO, 52 words) 0.629\n"
        "\n"
        "Relations between the 4 claims both maps have (12 ordered pairs, 11 coded alike)\n"
        "  support/rebuttal/undercut/none: kappa 0.750  alpha 0.758\n"
        "  linked/convergent (1 premise pairs, 0 alike): kappa 0.000  alpha 0.000\n"
        "\n"
        "CASS-style score 0.489 (segmentation 0.701, structure 0.375)\n"
        "\n"
        "Claims only in A (1): gains\n"
        "Claims only in B (1): productive\n"
    )


def test_maps_of_different_essays_are_refused():
    result = run("agree", GREITENS, MAAN)
    assert result.exit_code == 1
    assert result.output == (
        f"argmap: error: {GREITENS} and {MAAN} are maps of different essays "
        "(../seeds/greitens-2022-xi-jinpings-quest-for-order.txt and "
        "../seeds/maan-2024-chinas-total-national-security-paradigm.txt differ): "
        "only two maps of the same text can be compared\n"
    )


def test_a_map_without_its_essay_is_refused(tmp_path):
    a = write_map(tmp_path, MAP_A, name="a.yaml")
    b = write_map(tmp_path, MAP_B.replace("source:\n  path: essay.txt\n", ""), name="b.yaml")
    result = run("agree", a, b)
    assert result.exit_code == 1
    assert result.output == (
        f"argmap: error: {b} names no essay (source): agreement is measured on the essay's words\n"
    )


def test_rebuttals_and_undercuts_are_relations(tmp_path):
    from argmap.comparison.agree import relations
    from argmap.load import load

    attacked = MAP_A + (
        "  doubt:\n    premises: [faster]\n    attacks: benefit\n"
        "  rebut:\n    premises: [worth-it]\n    attacks: gains\n"
    )
    m = load(write_map(tmp_path, attacked)).map
    assert relations(m, set(m.claims)) == {
        ("faster", "gains"): "support",  # support wins over the undercut of benefit (about gains)
        ("happier", "gains"): "support",
        ("gains", "extend"): "support",
        ("worth-it", "extend"): "support",
        ("happier", "extend"): "support",
        ("worth-it", "gains"): "rebuttal",
    }
    undercut_only = attacked.replace("doubt:\n    premises: [faster]", "doubt:\n    premises: [extend]")
    m = load(write_map(tmp_path / "u", undercut_only)).map
    assert relations(m, set(m.claims))[("extend", "gains")] == "undercut"


def test_output_is_the_same_whatever_the_hash_seed(tmp_path):
    import os
    import subprocess
    import sys

    a = write_map(tmp_path, MAP_A, name="a.yaml")
    b = write_map(tmp_path, MAP_B, name="b.yaml")
    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        for args in (["agree", "--format", "json", a, b], ["diff", "--format", "json", a, b], ["outline", b]):
            done = subprocess.run([sys.executable, "-m", "argmap", *map(str, args)], capture_output=True, env=env)
            outputs.add((tuple(map(str, args)), done.stdout))
    assert len(outputs) == 3
