"""Checks that every id a map uses is defined, once, in the right section."""

from __future__ import annotations

from collections.abc import Iterator

from ..load import Loc
from ..model import Argument, Expect
from ..problems import did_you_mean
from ..schemes import SCHEMES
from . import Context, Finding, check


@check(
    "E201",
    "unknown-claim",
    "A premise, conclusion, thesis, assumption, issue position or expectation names no claim of the map.",
)
def unknown_claim(ctx: Context) -> Iterator[Finding]:
    """Premises, conclusions, the thesis, `assumptions`, the positions of `issues` and the ids under
    `expect` must name claims defined under `claims`.

    Fails:

        arguments:
          a1: {premises: [gsi-is-vauge], conclusion: gsi-matters}

    Passes (the id is spelled as under `claims`):

        arguments:
          a1: {premises: [gsi-is-vague], conclusion: gsi-matters}
    """
    claims = ctx.claim_ids
    for loc, claim_id, not_a_claim, hint in _claims_named(ctx):
        if claim_id not in claims:
            yield Finding(loc, not_a_claim + did_you_mean(claim_id, claims), hint)


_DEFINE = "define it under 'claims' or correct the id"


def _claims_named(ctx: Context) -> Iterator[tuple[Loc, str, str, str]]:
    """(where, claim id, message if it is no claim, hint) of every place a map names one of its own
    claims (a link's claim is E207's)."""
    m = ctx.map
    for index, claim_id in enumerate(m.theses):
        yield ctx.thesis_loc(index), claim_id, f"the thesis '{claim_id}' is not a claim", _DEFINE
    for arg_id, argument in m.arguments.items():
        yield from _named_by_argument(arg_id, argument)
    for index, claim_id in enumerate(m.assumptions):
        yield ("assumptions", index), claim_id, f"the assumption '{claim_id}' is not a claim", _DEFINE
    for issue_id, issue in m.issues.items():
        for index, claim_id in enumerate(issue.positions):
            what = f"position '{claim_id}' of issue '{issue_id}' is not a claim"
            yield ("issues", issue_id, "positions", index), claim_id, what, _DEFINE
    if m.expect is not None:
        yield from _named_by_expect(m.expect, ctx.argument_ids)


def _named_by_argument(arg_id: str, argument: Argument) -> Iterator[tuple[Loc, str, str, str]]:
    for index, premise in enumerate(argument.premises):
        yield (
            ("arguments", arg_id, "premises", index),
            premise,
            f"premise '{premise}' of argument '{arg_id}' is not a claim",
            _DEFINE,
        )
    if argument.conclusion is not None:
        what = f"conclusion '{argument.conclusion}' of argument '{arg_id}' is not a claim"
        yield ("arguments", arg_id, "conclusion"), argument.conclusion, what, _DEFINE


def _named_by_expect(expect: Expect, argument_ids: set[str]) -> Iterator[tuple[Loc, str, str, str]]:
    for key, expected in (("in", expect.in_), ("out", expect.out), ("undecided", expect.undecided)):
        for index, claim_id in enumerate(expected):
            what = f"'{claim_id}' expected {key} is not a claim"
            if claim_id in argument_ids:
                what += " (expectations are about claims)"
            yield ("expect", key, index), claim_id, what, "expect labels of claims defined under 'claims'"


@check("E209", "position-in-two-issues", "A claim is a position of two issues.")
def position_in_two_issues(ctx: Context) -> Iterator[Finding]:
    """An issue's positions exclude each other, and a claim answers one question only: it may be a
    position of one issue.

    Fails:

        issues:
          jogging: {positions: [jog, stay-in]}
          weather: {positions: [stay-in, rain]}

    Passes: `stay-in` in one of them, or the two issues merged.
    """
    first: dict[str, str] = {}
    for issue_id, issue in ctx.map.issues.items():
        for index, claim_id in enumerate(issue.positions):
            if claim_id in first and first[claim_id] != issue_id:
                yield Finding(
                    ("issues", issue_id, "positions", index),
                    f"'{claim_id}' is a position of both issue '{first[claim_id]}' and issue '{issue_id}'",
                    "a claim answers one issue: keep it in one, or merge the issues",
                )
            first.setdefault(claim_id, issue_id)


@check("E207", "unknown-linked-claim", "A link names a claim this map does not have.")
def unknown_linked_claim(ctx: Context) -> Iterator[Finding]:
    """`links` relate a claim of this map (`claim`) to a claim of another map (`to`); the first must
    be a claim of this map. (The other map's claim is checked when both maps are checked or compared
    together: E208.)

    Fails:

        links:
          - {claim: cnsc-is-regime-securty, map: maan-2024, to: reflects-anxieties, relation: supports}

    Passes: `claim: cnsc-is-regime-security`.
    """
    for index, link in enumerate(ctx.map.links):
        if link.claim not in ctx.claim_ids:
            yield Finding(
                ("links", index, "claim"),
                f"the linked claim '{link.claim}' is not a claim of this map{did_you_mean(link.claim, ctx.claim_ids)}",
                "'claim' names a claim of this map; 'to' names the claim of the other map",
            )


@check("E202", "unknown-attack-target", "An argument attacks something that is neither a claim nor an argument.")
def unknown_attack_target(ctx: Context) -> Iterator[Finding]:
    """`attacks` names a claim (a rebuttal) or an argument (an undercut) of the same map.

    Fails:

        arguments:
          doubt: {premises: [gsi-is-vague], attacks: gsi-matter}

    Passes:

        arguments:
          doubt: {premises: [gsi-is-vague], attacks: gsi-matters}
    """
    targets = ctx.claim_ids | ctx.argument_ids
    for arg_id, argument in ctx.map.arguments.items():
        if argument.attacks is not None and argument.attacks not in targets:
            yield Finding(
                ("arguments", arg_id, "attacks"),
                f"argument '{arg_id}' attacks '{argument.attacks}', which is neither a claim nor an argument"
                f"{did_you_mean(argument.attacks, targets)}",
                "attack a claim id (rebuttal) or an argument id (undercut)",
            )


@check("E203", "duplicate-id", "The same id names things in two sections.")
def duplicate_id(ctx: Context) -> Iterator[Finding]:
    """Claims, arguments, concepts, references and issues share one set of ids, so that every id names one
    thing (attacks may target claims or arguments, and reports link to every id).

    Fails:

        claims:
          gsi: {text: The GSI extends the concept abroad., quote: ...}
        concepts:
          gsi: {label: Global Security Initiative}

    Passes: rename one of them, e.g. the claim `gsi-extends-concept`.
    """
    sections = ("claims", "arguments", "concepts", "references", "issues")
    first: dict[str, str] = {}
    for section in sections:
        for item_id in getattr(ctx.map, section):
            if item_id in first:
                yield Finding(
                    (section, item_id),
                    f"the id '{item_id}' is used in both '{first[item_id]}' and '{section}'",
                    "ids must be unique across claims, arguments, concepts, references and issues",
                    at="key",
                )
            else:
                first[item_id] = section


@check("E204", "unknown-concept", "A claim names a concept that is not defined.")
def unknown_concept(ctx: Context) -> Iterator[Finding]:
    """The ids in a claim's `concepts` must be defined under `concepts`.

    Fails:

        concepts:
          regime-security: {label: Regime security}
        claims:
          c1: {text: ..., concepts: [regime-securty]}

    Passes: `concepts: [regime-security]`.
    """
    known = set(ctx.map.concepts)
    for claim_id, claim in ctx.map.claims.items():
        for index, concept in enumerate(claim.concepts):
            if concept not in known:
                yield Finding(
                    ("claims", claim_id, "concepts", index),
                    f"claim '{claim_id}' names the concept '{concept}', which is not defined"
                    f"{did_you_mean(concept, known)}",
                    "define it under 'concepts' with a label and its aliases",
                )


@check("E205", "unknown-reference", "A claim cites a reference that is not defined.")
def unknown_reference(ctx: Context) -> Iterator[Finding]:
    """The ids in a claim's `cites` must be defined under `references`.

    Fails:

        references:
          mankikar-2023: {citation: "Mankikar, K. (2023). China in South Asia ..."}
        claims:
          c1: {text: ..., cites: [mankikar-2022]}

    Passes: `cites: [mankikar-2023]`.
    """
    known = set(ctx.map.references)
    for claim_id, claim in ctx.map.claims.items():
        for index, ref in enumerate(claim.cites):
            if ref not in known:
                yield Finding(
                    ("claims", claim_id, "cites", index),
                    f"claim '{claim_id}' cites '{ref}', which is not under 'references'{did_you_mean(ref, known)}",
                    "add the entry of the essay's reference list under 'references'",
                )


@check("E206", "unknown-scheme", "An argument names a scheme that is not in the catalogue.")
def unknown_scheme(ctx: Context) -> Iterator[Finding]:
    """`scheme` must be one of the built-in schemes (`argmap schemes` lists them with their critical
    questions); leave it out for a plain (default) inference.

    Fails:

        arguments:
          a1: {premises: [p1], conclusion: c1, scheme: cause-effect}

    Passes: `scheme: cause-to-effect`.
    """
    for arg_id, argument in ctx.map.arguments.items():
        if argument.scheme is not None and argument.scheme not in SCHEMES:
            yield Finding(
                ("arguments", arg_id, "scheme"),
                f"unknown scheme '{argument.scheme}'{did_you_mean(argument.scheme, SCHEMES)}",
                "'argmap schemes' lists the schemes",
            )


@check("W207", "uncited-reference", "A reference that no claim cites.")
def uncited_reference(ctx: Context) -> Iterator[Finding]:
    """Every entry under `references` should be cited by at least one claim (`cites`), so the reader
    sees which step of the argument rests on it.

    Warns:

        references:
          kuo-2023: {citation: "Kuo, R. (2023). ..."}
        # ...and no claim has cites: [kuo-2023]

    Passes: a claim that rests on the source says `cites: [kuo-2023]`.
    """
    cited = {ref for claim in ctx.map.claims.values() for ref in claim.cites}
    for ref_id in ctx.map.references:
        if ref_id not in cited:
            yield Finding(
                ("references", ref_id),
                f"no claim cites the reference '{ref_id}'",
                "add it to the 'cites' of the claims that rest on it, or remove it",
                at="key",
            )
