"""The library API behind the commands: find maps, check them, collect problems."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Union

from .checks import Context, run_checks
from .load import MapFile, load
from .model import ArgMap
from .problems import Problem

MAP_SUFFIXES = (".yaml", ".yml")


def find_maps(paths: Iterable[Union[str, Path]]) -> list[Path]:
    """The map files named by paths: files as given, folders searched for *.yaml and *.yml
    (hidden files and folders skipped), each folder's files sorted."""
    found: list[Path] = []
    seen: set[Path] = set()
    for path in map(Path, paths):
        if path.is_dir():
            candidates = sorted(
                p for p in path.rglob("*")
                if p.suffix in MAP_SUFFIXES and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            candidates = [path]
        for candidate in candidates:
            key = candidate.resolve()
            if key not in seen:
                seen.add(key)
                found.append(candidate)
    return found


def check(target: Union[MapFile, str, Path]) -> list[Problem]:
    """Every problem of one map, sorted by position: what loading found, then what the checks find."""
    mf = target if isinstance(target, MapFile) else load(target)
    return sorted(mf.problems + run_checks(mf))


def check_paths(paths: Iterable[Union[str, Path]]) -> tuple[list[Path], list[Problem]]:
    """Check every map under paths: (the map files, all their problems sorted)."""
    files = find_maps(paths)
    problems: list[Problem] = []
    for path in files:
        problems.extend(check(path))
    return files, sorted(problems)


class MapError(Exception):
    """A map has errors, so it cannot be drawn or reported; `problems` says which."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        paths = sorted({p.path for p in problems if p.is_error})
        super().__init__(f"{', '.join(paths)} has errors: run 'argmap check' for details")


def load_valid(path: Union[str, Path]) -> tuple[MapFile, list[Problem]]:
    """A map that has no errors, and its problems (warnings); raises MapError otherwise."""
    mf = load(path)
    problems = check(mf)
    if mf.map is None or any(p.is_error for p in problems):
        raise MapError(problems)
    return mf, problems


def diagram(paths: Iterable[Union[str, Path]], options=None):
    """The graphviz.Digraph of one map, or the combined diagram of several (see dot.DotOptions)."""
    from dataclasses import replace

    from .analysis import sections
    from .dot import DotOptions, to_dot, to_dot_many

    options = options or DotOptions()
    loaded = [load_valid(path)[0] for path in paths]
    if options.cluster == "section":
        options = replace(options, sections={mf.map.id: sections(mf.map, Context(mf).source) for mf in loaded})
    maps: list[ArgMap] = [mf.map for mf in loaded]  # type: ignore[misc]
    if options.focus is not None:
        if len(maps) != 1:
            raise KeyError("--focus draws the neighbourhood of a claim in one map: give one map")
        m = maps[0]
        if options.focus not in m.claims and options.focus not in m.arguments:
            from .problems import did_you_mean

            raise KeyError(f"'{options.focus}' is neither a claim nor an argument of {m.id}"
                           f"{did_you_mean(options.focus, list(m.claims) + list(m.arguments))}")
    return to_dot(maps[0], options) if len(maps) == 1 else to_dot_many(maps, options)
