"""The library API behind the commands: find maps, check them, collect problems."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .checks import CHECKS, Context, run_checks
from .files import MAP_SUFFIXES as MAP_SUFFIXES  # (part of this API)
from .files import find_maps as find_maps
from .load import MapFile, load
from .problems import Problem, did_you_mean, register_code

if TYPE_CHECKING:
    import graphviz

    from .dot import DotOptions


def check(target: MapFile | str | Path, *, structure_only: bool = False, errors_only: bool = False) -> list[Problem]:
    """Every problem of one map, sorted by position: what loading found and what the checks find.

    The checks run only on a map that loaded without errors: after a duplicate key, say, the data
    is not what the author meant, and checks on it would mislead. With structure_only, the checks
    of the source and its quotes (the 4xx codes) are left out: a diagram does not need them. With
    errors_only, the checks that only warn are left out too (for callers that only ask whether a
    map can be used).
    """
    mf = target if isinstance(target, MapFile) else load(target)
    if any(p.is_error for p in mf.problems):
        return sorted(mf.problems)
    select = None
    if structure_only or errors_only:
        select = {
            code
            for code in CHECKS
            if not (structure_only and code[1] == "4") and not (errors_only and not code.startswith("E"))
        }
    return sorted(mf.problems + run_checks(mf, select))


E_LINK = register_code(
    "E208",
    "unknown-link-target",
    "A link names a claim that the other map (checked alongside) does not have.",
    """When maps are checked or compared together, every link's `to` must be a claim of the map
    named by `map`.

    Fails (checking both maps, when maan-2024 has no claim 'reflects-anxiety'):

        links:
          - {claim: ccp-insecure, map: maan-2024, to: reflects-anxiety, relation: same}

    Passes: `to: reflects-anxieties`.
    """,
)


def link_problems(loaded: list[MapFile]) -> list[Problem]:
    """Links between maps loaded together whose target claim does not exist."""
    by_id = {mf.map.id: mf.map for mf in loaded if mf.map is not None}
    problems = []
    for mf in loaded:
        if mf.map is None:
            continue
        for index, link in enumerate(mf.map.links):
            other = by_id.get(link.map)
            if other is not None and link.to not in other.claims:
                problems.append(
                    mf.problem(
                        E_LINK,
                        ("links", index, "to"),
                        f"the link's target '{link.to}' is not a claim of map '{link.map}'"
                        f"{did_you_mean(link.to, other.claims)}",
                        "'to' names a claim of the other map",
                    )
                )
    return problems


def check_paths(paths: Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    """Check every map under paths, and the links between them: (the map files, all problems sorted)."""
    files = find_maps(paths)
    problems: list[Problem] = []
    loaded = []
    for path in files:
        mf = load(path)
        loaded.append(mf)
        problems.extend(check(mf))
    problems.extend(link_problems(loaded))
    return files, sorted(problems)


class MapError(Exception):
    """A map has errors, so it cannot be drawn or reported; `problems` says which."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        paths = sorted({p.path for p in problems if p.is_error})
        super().__init__(f"{', '.join(paths)} has errors: run 'argmap check' for details")


def load_valid(
    path: str | Path, *, structure_only: bool = False, errors_only: bool = False
) -> tuple[MapFile, list[Problem]]:
    """A map without errors that stop it being drawn or analysed, and its problems (warnings and unmet
    expectations; with errors_only, the warnings are not looked for); raises MapError otherwise."""
    mf = load(path)
    problems = check(mf, structure_only=structure_only, errors_only=errors_only)
    # an unmet expectation (E5xx) is the map's own test failing: the map can still be drawn and
    # analysed, which is how its author finds out why
    if mf.map is None or any(p.is_error and not p.code.startswith("E5") for p in problems):
        raise MapError(problems)
    return mf, problems


def diagram(
    paths: Iterable[str | Path], options: DotOptions | None = None, semantics: str | None = None
) -> graphviz.Digraph:
    """The graphviz.Digraph of one map, or the combined diagram of several (see dot.DotOptions); with
    color_by="status", claims are filled by their label under semantics (default: each map's own)."""
    from dataclasses import replace

    from .analysis import sections
    from .dot import DotOptions, to_dot, to_dot_many

    options = options or DotOptions()
    # a diagram needs a sound structure; the quotes' problems are for 'check' and the reports
    loaded = [load_valid(path, structure_only=True, errors_only=True)[0] for path in paths]
    maps = [mf.map for mf in loaded if mf.map is not None]  # load_valid refuses maps that did not load
    if options.cluster == "section":
        options = replace(
            options,
            sections={mf.map.id: sections(mf.map, Context.of(mf).source) for mf in loaded if mf.map is not None},
        )
    if options.color_by == "status":
        from .semantics import evaluate

        status = {}
        for m in maps:
            labels = evaluate(m, semantics).labels
            status[m.id] = {claim: labels[claim].value for claim in m.claims}
        options = replace(options, status=status)
    if options.focus is not None:
        if len(maps) != 1:
            raise KeyError("--focus draws the neighbourhood of a claim in one map: give one map")
        m = maps[0]
        if options.focus not in m.claims and options.focus not in m.arguments:
            from .problems import did_you_mean

            raise KeyError(
                f"'{options.focus}' is neither a claim nor an argument of {m.id}"
                f"{did_you_mean(options.focus, list(m.claims) + list(m.arguments))}"
            )
    return to_dot(maps[0], options) if len(maps) == 1 else to_dot_many(maps, options)
