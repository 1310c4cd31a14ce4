"""The library API behind the commands: find maps, check them, collect problems."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Union

from .checks import run_checks
from .load import MapFile, load
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
