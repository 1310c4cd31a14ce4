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
def test_sizes_attacks_and_implicit_premises(path, claims, arguments):
    m = load(path).map
    assert len(m.claims) >= claims
    assert len(m.arguments) >= arguments
    assert sum(1 for a in m.arguments.values() if a.attacks) >= 1
    implicit = [cid for cid, c in m.claims.items() if c.implicit]
    assert len(implicit) >= 3
    used_as_premise = {p for a in m.arguments.values() for p in a.premises}
    assert set(implicit) <= used_as_premise | {a.target for a in m.arguments.values()}


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


def test_greitens_chain_concept_to_gsi_to_transnational_repression():
    m = load(GREITENS).map
    to_gsi = support_path(m, "cnsc-is-regime-security", "gsi-extends-concept")
    assert to_gsi == [("concept-projected-through-gsi", "gsi-extends-concept")]
    to_repression = support_path(m, "gsi-extends-concept", "transnational-repression-likely")
    assert to_repression == [
        ("gsi-drives-police-outreach", "gsi-amplifies-police-outreach"),
        ("outreach-exports-repression", "transnational-repression-likely"),
    ]
    for arg_id, _ in to_gsi + to_repression:
        argument = m.arguments[arg_id]
        assert argument.scheme is not None and len(argument.premises) >= 2
    concepts = [
        set(m.claims[c].concepts)
        for c in ("cnsc-is-regime-security", "gsi-extends-concept", "transnational-repression-likely")
    ]
    assert "comprehensive-security" in concepts[0]
    assert "global-security-initiative" in concepts[1]
    assert "transnational-repression" in concepts[2]
    assert support_path(m, "transnational-repression-likely", "us-should-not-underestimate")
    assert m.theses == ["us-should-not-underestimate"]


@pytest.mark.parametrize(
    "measure",
    ["build-deterrence", "resilient-society", "strong-partnerships", "economic-diversification", "national-identity"],
)
def test_maan_chain_paradigm_to_each_taiwan_measure(measure):
    m = load(MAAN).map
    path = support_path(m, "paradigm-broadens-security", measure)
    assert path, f"no chain from the paradigm to {measure}"
    assert m.claims[measure].type.value == "recommendation"
    assert support_path(m, measure, "taiwan-must-focus") == [("five-measures", "taiwan-must-focus")]


def test_maan_cites_every_reference_and_four_plus_five_consequences():
    m = load(MAAN).map
    cited = {ref for c in m.claims.values() for ref in c.cites}
    assert cited == set(m.references) and len(m.references) == 8
    assert len(m.arguments["four-consequences"].premises) == 4
    assert len(m.arguments["five-consequences"].premises) == 5
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
