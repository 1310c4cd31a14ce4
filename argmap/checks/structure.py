"""Checks of the shape of the argument: self-support, circles, orphans, the thesis."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator

from ..graph import strongly_connected
from ..model import ArgMap
from . import Context, Finding, check


@check("E301", "self-support", "An argument's conclusion (or target) is one of its own premises.")
def self_support(ctx: Context) -> Iterator[Finding]:
    """A claim cannot be a reason for itself, and an argument cannot attack its own premise or itself.

    Fails:

        arguments:
          a1: {premises: [gsi-matters, gsi-is-new], conclusion: gsi-matters}

    Passes: the conclusion is a different claim from every premise.
    """
    for arg_id, argument in ctx.map.arguments.items():
        if argument.target in argument.premises:
            index = argument.premises.index(argument.target)
            verb = "supports" if argument.conclusion is not None else "attacks"
            yield Finding(
                ("arguments", arg_id, "premises", index),
                f"argument '{arg_id}' {verb} '{argument.target}', which is one of its own premises",
                "remove the claim from the premises, or point the argument at another claim",
            )
        elif argument.attacks == arg_id:
            yield Finding(
                ("arguments", arg_id, "attacks"),
                f"argument '{arg_id}' attacks itself",
                "an undercut attacks another argument",
            )


@check("E302", "circular-support", "Claims support each other in a circle.")
def circular_support(ctx: Context) -> Iterator[Finding]:
    """Support must not run in a circle: if `a` supports `b`, `b` (directly or through other claims)
    cannot support `a`. Each circle is reported once, at the first argument on it. (Under
    `semantics: carneades`, which labels such claims undecided, a circle is a warning: W307.)

    Fails:

        arguments:
          a1: {premises: [a], conclusion: b}
          a2: {premises: [b], conclusion: a}

    Passes: one of the two arguments is removed or turned around.
    """
    if ctx.map.semantics != "carneades":
        yield from _circles(ctx, "a claim cannot rest on itself: remove or reverse one of these arguments")


@check("W307", "circular-support-undecided", "Under carneades, claims that support each other in a circle.")
def circular_support_undecided(ctx: Context) -> Iterator[Finding]:
    """Carneades gives claims that rest on each other in a circle no label: they stay undecided
    unless something outside the circle decides them. Each circle is reported once.

    Warns (in a map with `semantics: carneades`):

        arguments:
          a1: {premises: [a], conclusion: b}
          a2: {premises: [b], conclusion: a}

    Passes: one of the two arguments is removed, or `a` or `b` is assumed.
    """
    if ctx.map.semantics == "carneades":
        yield from _circles(ctx, "these claims stay undecided unless one of them is assumed or decided elsewhere")


def _circles(ctx: Context, hint: str) -> Iterator[Finding]:
    """One finding per circle of support, at the first argument on it."""
    edges = _support_edges(ctx.map)
    circle_of = _circle_numbers(list(ctx.map.claims), edges)
    reported: set[int] = set()
    for arg_id, argument in ctx.map.arguments.items():
        c = argument.conclusion
        if c is None or c not in circle_of or circle_of[c] in reported:
            continue
        premise = next((p for p in argument.premises if p != c and circle_of.get(p) == circle_of[c]), None)
        if premise is not None:
            reported.add(circle_of[c])
            cycle = [premise, *_path(edges, c, premise, circle_of)]
            yield Finding(("arguments", arg_id, "conclusion"), f"circular support: {' -> '.join(cycle)}", hint)


def _support_edges(m: ArgMap) -> dict[str, list[str]]:
    """premise -> the conclusions it supports (attacks and self-support left out)."""
    edges: dict[str, list[str]] = {}
    for argument in m.arguments.values():
        if argument.conclusion is None:
            continue
        for premise in argument.premises:
            if premise != argument.conclusion:
                edges.setdefault(premise, []).append(argument.conclusion)
    return edges


def _circle_numbers(nodes: list[str], edges: dict[str, list[str]]) -> dict[str, int]:
    """The number of the circle each claim on a circle of support is on (claims on none are left out)."""
    circle_of: dict[str, int] = {}
    for number, members in enumerate(strongly_connected(nodes, edges)):
        if len(members) > 1:
            circle_of.update(dict.fromkeys(members, number))
    return circle_of


def _path(edges: dict[str, list[str]], start: str, goal: str, component: dict[str, int]) -> list[str]:
    """Shortest path start ... goal along edges, inside start's component."""
    back: dict[str, str | None] = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            break
        for nxt in edges.get(node, ()):
            if nxt not in back and component.get(nxt) == component[start]:
                back[nxt] = node
                queue.append(nxt)
    path: list[str] = []
    step: str | None = goal
    while step is not None:
        path.append(step)
        step = back.get(step)
    return path[::-1]


@check("W303", "orphan-claim", "A claim that takes part in no argument and is not the thesis.")
def orphan_claim(ctx: Context) -> Iterator[Finding]:
    """Every claim should be a premise, a conclusion, the target of an attack, or the thesis;
    otherwise it floats free of the argument.

    Warns:

        claims:
          stray: {text: An aside., quote: ...}
        # ...and no argument mentions 'stray'

    Passes: an argument uses it, e.g. `premises: [stray]`.
    """
    used = set(ctx.map.theses)
    for argument in ctx.map.arguments.values():
        used.update(argument.premises)
        used.add(argument.target)
    for claim_id in ctx.map.claims:
        if claim_id not in used:
            yield Finding(
                ("claims", claim_id),
                f"claim '{claim_id}' is in no argument and is not the thesis",
                "use it as a premise or conclusion of an argument, or remove it",
                at="key",
            )


@check("W304", "unsupported-thesis", "The thesis is the conclusion of no argument.")
def unsupported_thesis(ctx: Context) -> Iterator[Finding]:
    """A thesis is the essay's main conclusion, so some argument should conclude it.

    Warns:

        thesis: [us-should-not-underestimate]
        # ...and no argument has conclusion: us-should-not-underestimate

    Passes: an argument with `conclusion: us-should-not-underestimate`.
    """
    concluded = {a.conclusion for a in ctx.map.arguments.values() if a.conclusion is not None}
    for index, claim_id in enumerate(ctx.map.theses):
        if claim_id in ctx.claim_ids and claim_id not in concluded:
            yield Finding(
                ctx.thesis_loc(index),
                f"the thesis '{claim_id}' is the conclusion of no argument",
                "add the argument by which the essay supports its thesis",
            )


@check("W305", "no-thesis", "The map declares no thesis.")
def no_thesis(ctx: Context) -> Iterator[Finding]:
    """A map says which claim(s) the essay argues for, under `thesis`.

    Warns: a map without `thesis`, or with `thesis: []`.

    Passes: `thesis: [us-should-not-underestimate]`.
    """
    if not ctx.map.theses and ctx.map.claims:
        yield Finding(
            ("thesis",) if "thesis" in ctx.file.data else (),
            "the map declares no thesis",
            "name the essay's main conclusion under 'thesis'",
            at="key",
        )


@check("W306", "repeated-premise", "An argument lists the same premise twice.")
def repeated_premise(ctx: Context) -> Iterator[Finding]:
    """Each premise of an argument is listed once.

    Warns: `premises: [p1, p2, p1]`. Passes: `premises: [p1, p2]`.
    """
    for arg_id, argument in ctx.map.arguments.items():
        seen = set()
        for index, premise in enumerate(argument.premises):
            if premise in seen:
                yield Finding(
                    ("arguments", arg_id, "premises", index),
                    f"argument '{arg_id}' lists the premise '{premise}' twice",
                    "remove the repetition",
                )
            seen.add(premise)


@check("W308", "empty-map", "The map has no claims: it maps nothing yet.")
def empty_map(ctx: Context) -> Iterator[Finding]:
    """A map records an essay's argument: it needs claims (and arguments between them). A map
    fresh from `argmap new` has none, so it warns until the first claim is written.

    Warns:

        claims:
          # faster-commutes:
          #   text: The tram cut commuting times.

    Passes:

        claims:
          faster-commutes:
            text: The tram cut commuting times.
            quote: has cut commuting times by a fifth
    """
    if not ctx.map.claims:
        yield Finding(
            ("claims",) if "claims" in ctx.file.data else (),
            "the map has no claims: it maps nothing yet",
            "write the essay's claims under 'claims', then the arguments that connect them",
            at="key",
        )
