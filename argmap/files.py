"""Finding files: the maps under a folder, and the templates reports are made from (no heavy imports here:
`argmap build` of an unchanged folder needs nothing more)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

MAP_SUFFIXES = (".yaml", ".yml")


def find_maps(paths: Iterable[str | Path]) -> list[Path]:
    """The map files named by paths: files as given, folders searched for *.yaml and *.yml
    (hidden files and folders skipped), each folder's files sorted."""
    found: list[Path] = []
    seen: set[Path] = set()
    for path in map(Path, paths):
        if path.is_dir():
            candidates = sorted(
                p
                for p in path.rglob("*")
                if p.suffix in MAP_SUFFIXES
                and p.is_file()
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
