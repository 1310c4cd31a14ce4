"""Agreement between two maps of the same essay: how alike two analysts cut the essay into claims,
and how alike they relate the claims they share (what `argmap agree` prints).

Map A is the reference, map B the one compared with it (the figures are symmetric but precision
and recall, which swap).

- Claims are matched by their quotes: each claim is the set of characters of the essay its quotes
  cover; two claims match when they share at least half their characters (Jaccard: |a ∩ b| / |a ∪ b|
  >= 0.5), the best-overlapping pairs first, each claim at most once. Implicit claims (no quote)
  are matched by id, then by the same text; they count for relations, not for segmentation.
- Segmentation: precision (matched / B's quoted claims), recall (matched / A's quoted claims), F1;
  the overlap F1 (2 Σ Jaccard of the matched pairs / (|A| + |B|)), which also credits how exactly the
  matched claims' quotes agree; and Krippendorff's alpha over the essay's words, each coded B (a quote
  begins in it), I (inside a quote) or O (outside), by each map.
- Relations, over the claims both maps have (so a claim only one map has is counted once, in
  segmentation, not again here): every ordered pair (x, y) of matched claims is coded support (x is
  a premise of an argument for y), rebuttal (of an attack on y), undercut (of an attack on an
  argument about y) or none; grouping: every pair of claims that both maps have supporting the same
  conclusion is coded linked (premises of one argument) or convergent (of separate arguments).
  Each is measured with Cohen's kappa and Krippendorff's alpha (nominal).
- CASS-style combined score (after Duthie et al. 2016, as the Centre for Argument Technology's
  evaluation service computes CASS): the harmonic mean of the segmentation score (the overlap F1)
  and the structure score (the mean of the relation and grouping kappas, a negative one counted 0).

A figure with nothing to measure (no pairs to code, no claims to match) is None, shown as n/a. When
both maps give every item the same code, kappa's chance agreement is 1 and alpha has one value
only: agreement is then perfect and both are 1.0.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from ..checks import Context
from ..load import MapFile
from ..model import ArgMap

MATCH = 0.5
"""Two claims match when the Jaccard overlap of the characters their quotes cover is at least this."""

RELATIONS = ("none", "support", "rebuttal", "undercut")
GROUPINGS = ("linked", "convergent")


class AgreeError(ValueError):
    """The maps cannot be compared (not of the same essay, or without one)."""


@dataclass
class Score:
    """Agreement on one set of coded items: Cohen's kappa and Krippendorff's alpha (nominal)."""

    items: int
    """How many items both maps coded."""
    agreed: int
    """On how many they gave the same code."""
    kappa: float | None
    alpha: float | None

    def to_json(self) -> dict[str, Any]:
        return {"items": self.items, "agreed": self.agreed, "kappa": self.kappa, "alpha": self.alpha}


@dataclass
class Segmentation:
    """How alike the two maps cut the essay into quoted claims."""

    units_a: int
    units_b: int
    matched: int
    precision: float | None
    recall: float | None
    f1: float | None
    overlap_f1: float | None
    words: int
    """How many words of the essay the BIO alpha codes."""
    word_alpha: float | None

    def to_json(self) -> dict[str, Any]:
        return {
            "claims_a": self.units_a,
            "claims_b": self.units_b,
            "matched": self.matched,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "overlap_f1": self.overlap_f1,
            "words": self.words,
            "word_alpha": self.word_alpha,
        }


@dataclass
class Agreement:
    """Every figure of `argmap agree`, and the matching behind them."""

    a: ArgMap
    b: ArgMap
    pairs: dict[str, str]
    """Claim of A -> the claim of B matched with it."""
    overlap: dict[str, float]
    """Claim of A -> the Jaccard overlap of its quotes with its match's (1.0 for implicit claims)."""
    segmentation: Segmentation
    relation: Score
    grouping: Score
    structure: float | None
    cass: float | None
    relations_a: dict[tuple[str, str], str] = field(default_factory=dict)
    """(x, y) -> relation in A, over matched claims, in A's ids (none left out)."""
    relations_b: dict[tuple[str, str], str] = field(default_factory=dict)
    """The same in B, translated to A's ids."""
    groupings_a: dict[tuple[frozenset[str], str], str] = field(default_factory=dict)
    """({x1, x2}, y) -> linked or convergent in A, over matched claims, in A's ids."""
    groupings_b: dict[tuple[frozenset[str], str], str] = field(default_factory=dict)
    """The same in B, translated to A's ids."""

    @property
    def only_a(self) -> list[str]:
        return [c for c in self.a.claims if c not in self.pairs]

    @property
    def only_b(self) -> list[str]:
        matched = set(self.pairs.values())
        return [c for c in self.b.claims if c not in matched]

    def to_json(self) -> dict[str, Any]:
        return {
            "a": self.a.id,
            "b": self.b.id,
            "segmentation": self.segmentation.to_json(),
            "relations": {"claims": len(self.pairs), **self.relation.to_json()},
            "grouping": self.grouping.to_json(),
            "structure": self.structure,
            "cass": self.cass,
            "matched_claims": [
                {"a": x, "b": y, "overlap": round(self.overlap[x], 4)} for x, y in sorted(self.pairs.items())
            ],
            "only_a": self.only_a,
            "only_b": self.only_b,
        }


# -- the figures ------------------------------------------------------------------------------------


def cohen_kappa(a: list[int], b: list[int]) -> float | None:
    """Cohen's kappa of two codings of the same items: (p_o - p_e) / (1 - p_e), with p_o the share
    of items coded alike and p_e = Σ_k (n_a,k / N)(n_b,k / N) the agreement expected by chance."""
    n = len(a)
    if n == 0:
        return None
    observed = sum(1 for x, y in zip(a, b, strict=True) if x == y) / n
    expected = sum((a.count(k) / n) * (b.count(k) / n) for k in set(a) | set(b))
    if expected >= 1.0:
        return 1.0
    return (observed - expected) / (1 - expected)


def krippendorff_alpha(a: list[int], b: list[int]) -> float | None:
    """Krippendorff's alpha (nominal) of two codings, from the krippendorff package."""
    if not a:
        return None
    if len(set(a) | set(b)) == 1:
        return 1.0
    import krippendorff
    import numpy as np

    return float(krippendorff.alpha(reliability_data=np.array([a, b]), level_of_measurement="nominal"))


def _score(a: list[int], b: list[int]) -> Score:
    return Score(
        len(a), sum(1 for x, y in zip(a, b, strict=True) if x == y), cohen_kappa(a, b), krippendorff_alpha(a, b)
    )


def _f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        return None
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


# -- segmentation -----------------------------------------------------------------------------------


def claim_spans(mf: MapFile) -> dict[str, list[tuple[int, int]]]:
    """Claim id -> the (start, end) of each of its quotes in the essay (first place found), merged."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for claim_id, _index, _quote, matches in Context.of(mf).quote_matches:
        if matches:
            spans.setdefault(claim_id, []).append((matches[0].start, matches[0].end))
    return {claim_id: _merge(found) for claim_id, found in spans.items()}


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _length(spans: list[tuple[int, int]]) -> int:
    return sum(end - start for start, end in spans)


def jaccard(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> float:
    """|a ∩ b| / |a ∪ b| of two sets of characters, each given as merged (start, end) spans."""
    common = sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)
    union = _length(a) + _length(b) - common
    return common / union if union else 0.0


def match_claims(
    a: ArgMap, b: ArgMap, spans_a: dict[str, list[tuple[int, int]]], spans_b: dict[str, list[tuple[int, int]]]
) -> tuple[dict[str, str], dict[str, float]]:
    """(A's claim -> B's claim, A's claim -> overlap): quoted claims by overlap, the best pairs first;
    implicit ones by id, then by the same text (see the module docstring)."""
    scored = []
    order_b = {c: i for i, c in enumerate(b.claims)}
    for i, (x, sx) in enumerate(spans_a.items()):
        lo, hi = sx[0][0], sx[-1][1]
        for y, sy in spans_b.items():
            if sy[-1][1] > lo and sy[0][0] < hi and (score := jaccard(sx, sy)) >= MATCH:
                scored.append((-score, i, order_b[y], x, y))
    pairs: dict[str, str] = {}
    overlap: dict[str, float] = {}
    taken: set[str] = set()
    for negative, _, _, x, y in sorted(scored):
        if x not in pairs and y not in taken:
            pairs[x] = y
            overlap[x] = -negative
            taken.add(y)
    _match_implicit(a, b, spans_a, spans_b, pairs, overlap)
    return pairs, overlap


def _match_implicit(
    a: ArgMap,
    b: ArgMap,
    spans_a: dict[str, list[tuple[int, int]]],
    spans_b: dict[str, list[tuple[int, int]]],
    pairs: dict[str, str],
    overlap: dict[str, float],
) -> None:
    """Claims without quotes: the same id, else the same text (spaces and case aside)."""
    taken = set(pairs.values())
    implicit_b = [c for c in b.claims if c not in spans_b and c not in taken]
    by_text: dict[str, str] = {}
    for candidate in implicit_b:
        by_text.setdefault(" ".join(b.claims[candidate].text.split()).casefold(), candidate)
    for x in a.claims:
        if x in spans_a or x in pairs:
            continue
        y: str | None = x if x in implicit_b else by_text.get(" ".join(a.claims[x].text.split()).casefold())
        if y is not None and y not in taken:
            pairs[x] = y
            overlap[x] = 1.0
            taken.add(y)


_WORD = re.compile(r"\S+")


def word_codes(text: str, spans: list[list[tuple[int, int]]]) -> list[int]:
    """Each word of text coded 2 (a quote begins in it), 1 (inside a quote) or 0 (outside)."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    starts = [s for s, _ in words]
    codes = [0] * len(words)
    for claim_spans in spans:
        for start, end in claim_spans:
            first = max(0, bisect_right(starts, start) - 1)
            if words and words[first][1] <= start:
                first += 1
            for i in range(first, len(words)):
                if words[i][0] >= end:
                    break
                codes[i] = max(codes[i], 2 if i == first else 1)
    return codes


def segmentation(
    text: str,
    spans_a: dict[str, list[tuple[int, int]]],
    spans_b: dict[str, list[tuple[int, int]]],
    pairs: dict[str, str],
    overlap: dict[str, float],
) -> Segmentation:
    quoted = [x for x in pairs if x in spans_a]
    matched = len(quoted)
    na, nb = len(spans_a), len(spans_b)
    precision = matched / nb if nb else None
    recall = matched / na if na else None
    overlap_f1 = 2 * sum(overlap[x] for x in quoted) / (na + nb) if na + nb else None
    codes_a = word_codes(text, list(spans_a.values()))
    codes_b = word_codes(text, list(spans_b.values()))
    return Segmentation(
        na,
        nb,
        matched,
        precision,
        recall,
        _f1(precision, recall),
        overlap_f1,
        len(codes_a),
        krippendorff_alpha(codes_a, codes_b),
    )


# -- relations --------------------------------------------------------------------------------------


def relations(m: ArgMap, keep: set[str], rename: dict[str, str] | None = None) -> dict[tuple[str, str], str]:
    """(x, y) -> support, rebuttal or undercut between the claims in keep (named through rename):
    x is a premise of an argument for y, of an attack on y, or of an attack on an argument about y."""
    rename = rename or {}
    priority = {name: i for i, name in enumerate(RELATIONS)}
    found: dict[tuple[str, str], str] = {}
    for argument in m.arguments.values():
        if argument.conclusion is not None:
            kind, target = "support", argument.conclusion
        elif argument.attacks in m.claims:
            kind, target = "rebuttal", argument.attacks
        else:
            kind, target = "undercut", m.arguments[argument.attacks].target if argument.attacks in m.arguments else ""
        if target not in keep:
            continue
        for premise in argument.premises:
            if premise in keep and premise != target:
                key = (rename.get(premise, premise), rename.get(target, target))
                if key not in found or priority[kind] < priority[found[key]]:
                    found[key] = kind
    return found


def groupings(m: ArgMap, keep: set[str], rename: dict[str, str] | None = None) -> dict[tuple[frozenset[str], str], str]:
    """({x1, x2}, y) -> linked or convergent, for the claims in keep that both support y."""
    rename = rename or {}
    premises_for: dict[str, list[frozenset[str]]] = {}
    for argument in m.arguments.values():
        if argument.conclusion in keep:
            kept = frozenset(rename.get(p, p) for p in argument.premises if p in keep)
            premises_for.setdefault(rename.get(argument.conclusion, argument.conclusion), []).append(kept)
    found: dict[tuple[frozenset[str], str], str] = {}
    for y, groups in premises_for.items():
        for x1, x2 in combinations(sorted(frozenset().union(*groups) - {y}), 2):
            linked = any(x1 in g and x2 in g for g in groups)
            found[(frozenset((x1, x2)), y)] = "linked" if linked else "convergent"
    return found


def agree(mf_a: MapFile, mf_b: MapFile) -> Agreement:
    """Every figure of the agreement of two maps of the same essay; AgreeError when they are not."""
    a, b = mf_a.map, mf_b.map
    assert a is not None and b is not None
    ctx_a, ctx_b = Context.of(mf_a), Context.of(mf_b)
    for mf, ctx in ((mf_a, ctx_a), (mf_b, ctx_b)):
        if ctx.source is None:
            raise AgreeError(f"{mf.display} names no essay (source): agreement is measured on the essay's words")
    if ctx_a.source_sha256 != ctx_b.source_sha256:
        raise AgreeError(
            f"{mf_a.display} and {mf_b.display} are maps of different essays "
            f"({a.source.path if a.source else '?'} and {b.source.path if b.source else '?'} differ): "
            "only two maps of the same text can be compared"
        )
    assert ctx_a.source is not None
    spans_a, spans_b = claim_spans(mf_a), claim_spans(mf_b)
    pairs, overlap = match_claims(a, b, spans_a, spans_b)
    seg = segmentation(ctx_a.source.text, spans_a, spans_b, pairs, overlap)

    back = {y: x for x, y in pairs.items()}
    rel_a = relations(a, set(pairs))
    rel_b = relations(b, set(back), back)
    shared = list(pairs)
    relation_codes = {name: i for i, name in enumerate(RELATIONS)}
    codes_a, codes_b = [], []
    for x in shared:
        for y in shared:
            if x != y:
                codes_a.append(relation_codes[rel_a.get((x, y), "none")])
                codes_b.append(relation_codes[rel_b.get((x, y), "none")])
    relation = _score(codes_a, codes_b)

    group_a, group_b = groupings(a, set(pairs)), groupings(b, set(back), back)
    order = {x: i for i, x in enumerate(a.claims)}
    both = sorted(group_a.keys() & group_b.keys(), key=lambda k: (order[k[1]], sorted(order[x] for x in k[0])))
    grouping = _score([GROUPINGS.index(group_a[k]) for k in both], [GROUPINGS.index(group_b[k]) for k in both])

    kappas = [k for k in (relation.kappa, grouping.kappa) if k is not None]
    structure = sum(kappas) / len(kappas) if kappas else None
    cass = None
    if structure is not None and seg.overlap_f1 is not None:
        s, m = seg.overlap_f1, max(structure, 0.0)
        cass = 2 * s * m / (s + m) if s + m else 0.0
    return Agreement(a, b, pairs, overlap, seg, relation, grouping, structure, cass, rel_a, rel_b, group_a, group_b)


# -- marks: where two maps agree, and how they differ, node by node -------------------------------

MARKS = {
    "agree": "agrees",
    "span": "same claim, other words quoted",
    "only": "only in this map",
    "missing": "not drawn in the other map",
    "partial": "partly drawn in the other map",
    "differs": "another relation in the other map",
    "regrouped": "grouped otherwise in the other map (linked / convergent)",
}
"""Each kind of mark, as the comparison report names it."""


@dataclass(frozen=True)
class Mark:
    """How a claim or argument of one map fares in the other: a key of MARKS, the counterpart (a
    claim of the other map), and a detail for the reader."""

    kind: str
    other: str | None = None
    detail: str = ""


def marks(r: Agreement, side: str) -> dict[str, Mark]:
    """Claim or argument id of map A (side 'a') or B ('b') -> its mark against the other map."""
    m = r.a if side == "a" else r.b
    to_a = {x: x for x in r.pairs} if side == "a" else {y: x for x, y in r.pairs.items()}

    def other_id(a_id: str) -> str:
        """The other map's id of a matched claim named by its id in A."""
        return r.pairs[a_id] if side == "a" else a_id

    result: dict[str, Mark] = {}
    for claim_id in m.claims:
        if claim_id not in to_a:
            result[claim_id] = Mark("only")
        elif r.overlap[to_a[claim_id]] < 1.0:
            shared = f"{r.overlap[to_a[claim_id]]:.0%} of the quoted characters shared"
            result[claim_id] = Mark("span", other_id(to_a[claim_id]), shared)
        else:
            result[claim_id] = Mark("agree", other_id(to_a[claim_id]))
    for arg_id in m.arguments:
        result[arg_id] = _argument_mark(r, side, m, arg_id, to_a, other_id)
    return result


def _argument_mark(
    r: Agreement, side: str, m: ArgMap, arg_id: str, to_a: dict[str, str], other_id: Callable[[str], str]
) -> Mark:
    """How an argument of one map fares in the other: its relation for each premise both maps have,
    then how those premises are grouped."""
    theirs = r.relations_b if side == "a" else r.relations_a
    my_groups, their_groups = (r.groupings_a, r.groupings_b) if side == "a" else (r.groupings_b, r.groupings_a)
    kind, target = _relation_of(m, arg_id)
    premises = [to_a[p] for p in m.arguments[arg_id].premises if p in to_a]
    if target not in to_a or not premises:
        return Mark("only", None, "its target or premises are only in this map")
    t = to_a[target]
    other_kinds = [theirs.get((x, t), "none") for x in premises]
    different = [k for k in other_kinds if k not in ("none", kind)]
    if different:
        return Mark("differs", other_id(t), f"{kind} here, {different[0]} there")
    if all(k == "none" for k in other_kinds):
        return Mark("missing")
    if "none" in other_kinds:
        return Mark("partial", None, f"{other_kinds.count(kind)} of {len(premises)} premises")
    regrouped = any(
        their_groups.get(key) not in (None, value)
        for key, value in my_groups.items()
        if key[1] == t and key[0] & set(premises)
    )
    return Mark("regrouped") if regrouped else Mark("agree")


def _relation_of(m: ArgMap, arg_id: str) -> tuple[str, str]:
    """(support, rebuttal or undercut; the claim it is about) of an argument, as `relations` codes it."""
    argument = m.arguments[arg_id]
    if argument.conclusion is not None:
        return "support", argument.conclusion
    if argument.attacks in m.claims:
        return "rebuttal", argument.target
    attacked = m.arguments.get(argument.target)
    return "undercut", attacked.target if attacked is not None else ""


# -- output -----------------------------------------------------------------------------------------


def _fig(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def agreement_text(r: Agreement) -> str:
    """The figures for people."""
    s = r.segmentation
    lines = [
        f"Agreement of {r.a.id} (A) and {r.b.id} (B), maps of the same essay",
        "",
        f"Claims (segmentation): A quotes {s.units_a}, B quotes {s.units_b}, {s.matched} matched"
        f" (quotes sharing at least {MATCH:.0%} of their characters)",
        f"  precision {_fig(s.precision)}  recall {_fig(s.recall)}  F1 {_fig(s.f1)}",
        f"  overlap F1 {_fig(s.overlap_f1)}  word alpha (BIO, {s.words} words) {_fig(s.word_alpha)}",
        "",
        f"Relations between the {len(r.pairs)} claims both maps have ({r.relation.items} ordered pairs,"
        f" {r.relation.agreed} coded alike)",
        f"  support/rebuttal/undercut/none: kappa {_fig(r.relation.kappa)}  alpha {_fig(r.relation.alpha)}",
        f"  linked/convergent ({r.grouping.items} premise pairs, {r.grouping.agreed} alike):"
        f" kappa {_fig(r.grouping.kappa)}  alpha {_fig(r.grouping.alpha)}",
        "",
        f"CASS-style score {_fig(r.cass)} (segmentation {_fig(s.overlap_f1)}, structure {_fig(r.structure)})",
    ]
    if r.only_a or r.only_b:
        lines.append("")
    if r.only_a:
        lines.append(f"Claims only in A ({len(r.only_a)}): " + ", ".join(r.only_a))
    if r.only_b:
        lines.append(f"Claims only in B ({len(r.only_b)}): " + ", ".join(r.only_b))
    return "\n".join(lines) + "\n"
