"""The seed maps: clean under --strict, big enough, every paragraph quoted, and the spines explicit."""

from __future__ import annotations

from collections import deque
from pathlib import Path

import pytest
from conftest import ROOT

import argmap
from argmap.checks import Context
from argmap.load import load

GREITENS = ROOT / "maps" / "greitens-2022-xi-jinpings-quest-for-order.yaml"
MAAN = ROOT / "maps" / "maan-2024-chinas-total-national-security-paradigm.yaml"


def test_check_strict_is_clean():
    files, problems = argmap.check_paths([ROOT / "maps"])
    assert files == [GREITENS, MAAN]
    assert problems == []


@pytest.mark.parametrize(
    "path, claims, arguments",
    [(GREITENS, 40, 20), (MAAN, 30, 15)],
    ids=["greitens", "maan"],
)
def test_sizes_attacks_concessions_and_implicit_premises(path, claims, arguments):
    m = load(path).map
    assert len(m.claims) >= claims
    assert len(m.arguments) >= arguments
    assert sum(1 for a in m.arguments.values() if a.attacks) >= 1
    assert sum(1 for a in m.arguments.values() if a.conceded and a.attacks) >= 1
    implicit = [cid for cid, c in m.claims.items() if c.implicit]
    assert implicit
    used_as_premise = {p for a in m.arguments.values() for p in a.premises}
    assert set(implicit) <= used_as_premise | {a.target for a in m.arguments.values()}


@pytest.mark.parametrize("path", [GREITENS, MAAN], ids=["greitens", "maan"])
def test_every_inference_is_anchored_or_reconstructed_with_a_reason(path):
    m = load(path).map
    for arg_id, argument in m.arguments.items():
        assert (argument.quote is not None) != argument.reconstructed, arg_id
        if argument.reconstructed:
            assert argument.note, arg_id
    supports = [a for a in m.arguments.values() if a.conclusion is not None]
    anchored = [a for a in supports if a.quote is not None]
    assert len(anchored) / len(supports) >= 0.6


@pytest.mark.parametrize("path", [GREITENS, MAAN], ids=["greitens", "maan"])
def test_the_evaluation_gives_the_authors_verdicts(path):
    from argmap.semantics import evaluate

    m = load(path).map
    assert m.semantics == "carneades" and m.expect is not None
    assert set(m.theses) <= set(m.expect.in_)
    ev = evaluate(m)
    assert all(ev.labels[t].value == "in" for t in m.theses)
    for arg_id, argument in m.arguments.items():
        if argument.conceded:  # granted, and outweighed: it holds, and its target still stands
            assert ev.labels[arg_id].value == "in" and arg_id in ev.outweighed_by, arg_id
            assert ev.labels[argument.target].value == "in", arg_id


@pytest.mark.parametrize("path", [GREITENS, MAAN], ids=["greitens", "maan"])
def test_every_body_paragraph_is_quoted(path):
    mf = load(path)
    ctx = Context(mf)
    source = ctx.source
    quoted = {match.paragraph for *_, matches in ctx.quote_matches for match in matches}
    ignored = ctx.ignored_spans
    missing = []
    for number, (start, end) in enumerate(source.paragraphs, 1):
        words = len(source.text[start:end].split())
        if words >= 25 and number not in quoted and not any(s <= start < e for s, e in ignored):
            missing.append((number, source.text[start : start + 60]))
    assert missing == []


@pytest.mark.parametrize("path", [GREITENS, MAAN], ids=["greitens", "maan"])
def test_every_explicit_claim_quotes_its_essay_once(path):
    ctx = Context(load(path))
    assert ctx.quote_matches
    assert all(len(matches) == 1 for *_, matches in ctx.quote_matches)
    explicit = {cid for cid, c in ctx.map.claims.items() if not c.implicit}
    assert explicit == {cid for cid, *_ in ctx.quote_matches}


def support_path(m, start: str, goal: str) -> list[tuple[str, str]]:
    """The shortest chain of (argument, conclusion) steps from claim start to claim goal."""
    steps: dict[str, list[tuple[str, str]]] = {}
    for arg_id, a in m.arguments.items():
        if a.conclusion:
            for premise in a.premises:
                steps.setdefault(premise, []).append((arg_id, a.conclusion))
    back = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for arg_id, nxt in steps.get(node, []):
            if nxt not in back:
                back[nxt] = (arg_id, node)
                queue.append(nxt)
    if goal not in back:
        return []
    path, node = [], goal
    while back[node] is not None:
        arg_id, prev = back[node]
        path.append((arg_id, node))
        node = prev
    return path[::-1]


def test_greitens_thesis_and_its_spine():
    m = load(GREITENS).map
    assert m.theses == ["xi-applies-framework-abroad", "us-should-not-underestimate"]
    assert "further consolidate the party’s grip on power" in m.claims["xi-applies-framework-abroad"].quotes[0]
    # the thesis joins the two halves: what the concept is, and that the GSI carries it abroad
    framework = m.arguments["that-framework"]
    assert (framework.premises, framework.conclusion) == (
        ["concept-guiding-framework", "concept-is-regime-security", "gsi-extends-concept"],
        "xi-applies-framework-abroad",
    )
    assert m.claims["gsi-extends-concept"].text.startswith("This effort to project the concept abroad appears")
    # the condition the essay states is a premise of its own, assumed, not a silent certainty
    assert m.assumptions == ["descriptions-accurate"]
    for conclusion in ("pressure-to-operationalize", "goal-protect-regime"):
        (arg,) = [a for a in m.arguments.values() if a.conclusion == conclusion]
        assert "descriptions-accurate" in arg.premises
    # the testimonies each count alone (convergent, each with the author's condition), and answer the
    # view that the vague GSI will be insignificant
    for testimony in ("gsi-bridge", "cicir-vivid-practice", "vertical-continuation"):
        uses = {a.conclusion or a.attacks: a.premises for a in m.arguments.values() if testimony in a.premises}
        assert uses == {
            "gsi-extends-concept": [testimony, "descriptions-accurate"],
            "gsi-will-be-insignificant": [testimony],
        }
    assert m.arguments["hardly-insignificant"].premises == ["speech-not-insignificant"]
    # police outreach and surveillance exports, given the primacy of political security
    for arg_id in ("outreach-given-primacy", "surveillance-given-primacy"):
        assert "political-security-primacy-in-police" in m.arguments[arg_id].premises
        assert m.arguments[arg_id].conclusion == "transnational-repression-likely"
    assert m.arguments["public-safety-conceded"].conceded
    # the reforms are the evidence, the concept their guiding framework
    assert m.arguments["those-efforts"].premises == ["xi-transformed-internal-security"]
    assert m.arguments["those-efforts"].conclusion == "concept-guiding-framework"
    # the concession of the eighth paragraph is set against the concept's novelty
    assert m.arguments["continuity-conceded"].attacks == "concept-new-in-key-respects"
    assert "chinese-assistance-benign" not in m.claims
    concepts = [
        set(m.claims[c].concepts)
        for c in ("concept-is-regime-security", "gsi-extends-concept", "transnational-repression-likely")
    ]
    assert "comprehensive-security" in concepts[0]
    assert "global-security-initiative" in concepts[1]
    assert "transnational-repression" in concepts[2]
    assert support_path(m, "transnational-repression-likely", "us-should-not-underestimate")


def test_maan_thesis_and_its_spine():
    m = load(MAAN).map
    assert m.theses == [
        "new-chapter",
        "propels-assertive-policy",
        "taiwan-at-heart",
        "taiwan-raises-spectre",
        "taiwan-must-focus",
    ]
    # the conclusion's first statement of the thesis is quoted too
    assert (
        "with far-reaching implications for its foreign relations and the Taiwan issue"
        in m.claims["new-chapter"].quotes
    )
    # Taiwan's centrality, and what it does: the participles draw the effect from the centrality
    centrality = m.arguments["centrality-exacerbates"]
    assert (centrality.premises, centrality.conclusion) == (["taiwan-at-heart"], "taiwan-raises-spectre")
    spectre = m.arguments["spectre-of-war"]
    assert (spectre.premises, spectre.conclusion) == (
        ["miscalculation-risk", "conflict-disastrous"],
        "taiwan-raises-spectre",
    )
    # each listed consequence comes from the paradigm's pressure, in the essay's words
    for consequence in ("pla-escalation", "peaceful-path-undermined", "isolation-likely", "interference-likely"):
        (arg,) = [
            a
            for a in m.arguments.values()
            if a.conclusion == consequence and a.premises == ["taiwan-pressure-intensified"]
        ]
        assert arg.quote == "Key consequences include"
    # the way ahead rests on the economy, not on the paradigm
    assert support_path(m, "paradigm-broadens-security", "invasion-as-legitimacy") == []
    assert support_path(m, "economy-stagnates", "taiwan-must-focus")
    # the development reading of the BRI is granted and outweighed
    concession = m.arguments["development-reading"]
    assert concession.conceded and concession.attacks == "economic-clout-for-security"
    # no invented premise
    assert [c for c, claim in m.claims.items() if claim.implicit] == ["growth-legitimacy"]
    for hedged, word in (
        ("ccp-seeks-control", "perceived"),
        ("invasion-as-legitimacy", "probably"),
        ("tensions-heightened", "China's use of"),
    ):
        assert word in m.claims[hedged].text


@pytest.mark.parametrize(
    "measure",
    ["build-deterrence", "resilient-society", "strong-partnerships", "economic-diversification", "national-identity"],
)
def test_maan_each_measure_answers_a_threat_the_essay_names(measure):
    m = load(MAAN).map
    reasons = [a for a in m.arguments.values() if a.conclusion == measure]
    assert reasons, measure
    assert m.claims[measure].type.value == "recommendation"
    assert support_path(m, measure, "taiwan-must-focus") == [("five-measures", "taiwan-must-focus")]


def test_maan_cites_every_reference_and_lists_four_plus_five_consequences():
    m = load(MAAN).map
    cited = {ref for c in m.claims.values() for ref in c.cites}
    assert cited == set(m.references) and len(m.references) == 8
    key_consequences = [a for a in m.arguments.values() if a.quote == "Key consequences of this approach include"]
    assert len(key_consequences) == 4
    assert len(m.arguments["five-measures"].premises) == 5


def test_maps_share_concepts_with_each_essays_wording():
    g, n = load(GREITENS).map, load(MAAN).map
    shared = set(g.concepts) & set(n.concepts)
    assert {"comprehensive-security", "regime-security", "xinjiang", "core-interests", "us-alliances"} <= shared
    assert "Total National Security Paradigm" in n.concepts["comprehensive-security"].aliases
    assert "comprehensive national security concept" in g.concepts["comprehensive-security"].aliases
    for m in (g, n):
        used = {c for claim in m.claims.values() for c in claim.concepts}
        assert shared <= used


def test_seed_sources_are_recorded_by_hash():
    for path in (GREITENS, MAAN):
        ctx = Context(load(path))
        assert ctx.map.source.sha256 == ctx.source_sha256
        assert Path(ctx.source.path).resolve().parent == (ROOT / "seeds").resolve()
