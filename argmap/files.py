"""Finding files: the maps under a folder, and the templates reports are made from (no heavy imports here:
`argmap build` of an unchanged folder needs nothing more)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

MAP_SUFFIXES = (".yaml", ".yml")
DEPENDENCY_FOLDERS = frozenset({"node_modules", "__pycache__", "site-packages"})
"""Folders of other programs' files, never walked for maps."""

_MAP_MARK = re.compile(r"^\ufeff?(?:(?:argmap|claims|arguments)[ \t]*:|#[ \t]*yaml-language-server:.*argmap)", re.M)
_ID_AND_TITLE = (re.compile(r"^\ufeff?id[ \t]*:", re.M), re.compile(r"^title[ \t]*:", re.M))


def looks_like_map(text: str) -> bool:
    """Whether a YAML text is an argmap map: a top-level `argmap:`, `claims:` or `arguments:` key, both
    `id:` and `title:`, or the schema comment `argmap new` writes. Other YAML files are left alone."""
    return _MAP_MARK.search(text) is not None or all(p.search(text) for p in _ID_AND_TITLE)


def skipped_folder(folder: Path) -> bool:
    """Whether a walk for maps leaves a folder out: a hidden one (.git, .venv, .github), node_modules
    and the like, or a Python virtual environment (a folder holding pyvenv.cfg)."""
    return folder.name.startswith(".") or folder.name in DEPENDENCY_FOLDERS or (folder / "pyvenv.cfg").is_file()


def _is_map_file(path: Path) -> bool:
    """Whether a YAML file found in a folder is a map (one that cannot be read is kept, for its error)."""
    try:
        text = path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return True
    return looks_like_map(text)


def walk_folders(root: Path) -> Iterator[tuple[Path, list[str]]]:
    """Each folder under root (root first) that a walk for maps enters, with the names of its files."""
    for folder, subdirs, files in os.walk(root):
        here = Path(folder)
        subdirs[:] = sorted(d for d in subdirs if not skipped_folder(here / d))
        yield here, sorted(files)


def maps_in(folder: Path) -> list[Path]:
    """The maps under a folder, sorted: its *.yaml and *.yml files that look like maps (see
    looks_like_map), hidden files and skipped folders (see skipped_folder) left out."""
    return sorted(
        here / name
        for here, files in walk_folders(folder)
        for name in files
        if name.endswith(MAP_SUFFIXES) and not name.startswith(".") and _is_map_file(here / name)
    )


def find_maps(paths: Iterable[str | Path]) -> list[Path]:
    """The map files named by paths: files as given, folders searched by maps_in."""
    found: list[Path] = []
    seen: set[Path] = set()
    for path in map(Path, paths):
        candidates = maps_in(path) if path.is_dir() else [path]
        for candidate in candidates:
            key = candidate.resolve()
            if key not in seen:
                seen.add(key)
                found.append(candidate)
    return found


def builtin_templates() -> Path:
    """The templates shipped with argmap: inside the package when installed from a wheel, the
    top-level templates/ folder in a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "templates", here.parent / "templates"):
        if (candidate / "report.html").is_file():
            return candidate
    raise FileNotFoundError("argmap's report templates are missing from this installation")


def template_files(templates: Path | None = None) -> list[Path]:
    """Every file the reports are made from (for the build's content hash)."""
    folders = [builtin_templates()] + ([templates] if templates is not None else [])
    return sorted(p for folder in folders for p in folder.rglob("*") if p.is_file())
