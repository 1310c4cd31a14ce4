"""Checks of the evaluation: the labels the map expects, and fields its semantics ignores."""

from __future__ import annotations

from collections.abc import Iterator

from . import Context, Finding, check


@check("E501", "expectation-not-met", "The evaluation gives a claim another label than the map's `expect` says.")
def expectation_not_met(ctx: Context) -> Iterator[Finding]:
    """`expect` lists the labels the analyst expects (in, out, undecided); the map is evaluated with
    its semantics and every claim whose label differs is an error, with the reason for the label it
    got and the argument that decided it. A map carries its own tests this way.

    Fails (nothing supports the thesis, so it is out):

        thesis: [us-should-act]
        expect: {in: [us-should-act]}

    Passes: an argument whose premises hold concludes `us-should-act`.
    """
    expect = ctx.map.expect
    if expect is None:
        return
    evaluation = ctx.evaluation
    for key, field in (("in", "in_"), ("out", "out"), ("undecided", "undecided")):
        for index, claim_id in enumerate(getattr(expect, field)):
            got = evaluation.labels.get(claim_id)
            if got is None or got.value == key:
                continue
            deciding = evaluation.deciding.get(claim_id)
            hint = f"decided by the argument '{deciding}'" if deciding else "no argument decided it"
            yield Finding(
                ("expect", key, index),
                f"'{claim_id}' is expected {key} but is {got.value} under {evaluation.semantics}: "
                f"{evaluation.reasons.get(claim_id, '')}",
                f"{hint}; change the map (premises, weights, concessions) or the expectation",
            )


_CARNEADES_ONLY = {
    "weight": "a weight",
    "conceded": "a concession",
}


@check("W502", "needs-carneades", "A field that only the carneades semantics uses, in a map evaluated with grounded.")
def needs_carneades(ctx: Context) -> Iterator[Finding]:
    """Weights, issues, `assume_premises` and concessions only change the evaluation under
    `semantics: carneades`; under grounded (the default) every attack that stands defeats its target,
    so a conceded objection still counts as a defeat.

    Warns:

        arguments:
          development-reading: {premises: [serves-development], attacks: security-first, conceded: true}
        # ...in a map without `semantics: carneades`

    Passes: `semantics: carneades` at the top of the map.
    """
    if ctx.map.semantics != "grounded":
        return
    for arg_id, argument in ctx.map.arguments.items():
        if argument.weight is not None:
            yield Finding(
                ("arguments", arg_id, "weight"),
                f"argument '{arg_id}' has a weight, which grounded semantics ignores",
                "add 'semantics: carneades' to the map to weigh arguments",
                at="key",
            )
        if argument.conceded:
            yield Finding(
                ("arguments", arg_id, "conceded"),
                f"the concession '{arg_id}' counts as a defeat under grounded semantics",
                "add 'semantics: carneades' to the map to weigh it against the arguments for its target",
                at="key",
            )
    if ctx.map.issues:
        yield Finding(
            ("issues",),
            "issues are decided by proof standards only under carneades semantics",
            "add 'semantics: carneades' to the map",
            at="key",
        )
    if not ctx.map.assume_premises:
        yield Finding(
            ("assume_premises",),
            "'assume_premises' only matters under carneades semantics",
            "add 'semantics: carneades' to the map, or remove the field",
            at="key",
        )


@check("W503", "conceded-not-a-rebuttal", "`conceded: true` on an argument that is not an attack on a claim.")
def conceded_not_a_rebuttal(ctx: Context) -> Iterator[Finding]:
    """A concession is an objection the author grants and outweighs: `conceded` belongs on an attack
    on a claim (`attacks: claim`), which carneades weighs against the arguments for that claim. On a
    supporting argument it means nothing, and on an undercut (`attacks: argument`) it would still
    disable the argument, because undercuts are not weighed.

    Warns: `a1: {premises: [p], conclusion: c, conceded: true}`, or `conceded: true` on an undercut.

    Passes: `a1: {premises: [p], attacks: c, conceded: true}` where `c` is a claim.
    """
    for arg_id, argument in ctx.map.arguments.items():
        if not argument.conceded:
            continue
        if argument.conclusion is not None:
            yield Finding(
                ("arguments", arg_id, "conceded"),
                f"argument '{arg_id}' supports '{argument.conclusion}': only an attack can be conceded",
                "make it an attack ('attacks: ...'), or remove 'conceded'",
                at="key",
            )
        elif argument.attacks in ctx.argument_ids:
            yield Finding(
                ("arguments", arg_id, "conceded"),
                f"the conceded undercut '{arg_id}' still disables '{argument.attacks}': undercuts are not weighed",
                "to grant the objection and outweigh it, attack the claim "
                f"'{ctx.map.arguments[argument.attacks].target}' instead",
                at="key",
            )
