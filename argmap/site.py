"""Reports and sites: one map's report, or a folder's index and reports, rebuilt only where inputs changed.

A site's state (`.argmap-build.json` in the output folder) records, for every map, a hash of all it
was made from: the map file, its essay, the templates and argmap's version. A map whose hash is
unchanged and whose report exists is skipped; the others are built in parallel processes.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__

if TYPE_CHECKING:
    from .load import MapFile
    from .model import ArgMap
    from .problems import Problem

STATE_FILE = ".argmap-build.json"
INDEX_FILE = "index.html"


def build_report(
    path: Path,
    *,
    templates: Path | None = None,
    index_href: str | None = None,
    live: str | None = None,
    semantics: str | None = None,
) -> tuple[str, list[Problem]]:
    """(HTML, problems) of one map's report, evaluated with semantics (default: the map's own); a map
    that cannot be read gives a page of its problems."""
    html, problems, _ = _report(path, templates, index_href, live, semantics)
    return html, problems


def _report(
    path: Path,
    templates: Path | None,
    index_href: str | None,
    live: str | None,
    semantics: str | None = None,
    mf: MapFile | None = None,
) -> tuple[str, list[Problem], MapFile]:
    """(HTML, problems, map file) of one map's report: loaded (unless mf is given), checked and drawn once."""
    from .api import check
    from .dot import DotOptions, to_dot
    from .load import load
    from .render import render
    from .report import render_report

    mf = mf or load(path)
    problems = check(mf)
    svg = None
    if mf.map is not None:
        svg = render(to_dot(mf.map, DotOptions()).source, "svg").decode("utf-8")
    html = render_report(
        mf, problems, templates=templates, diagram_svg=svg, index_href=index_href, live=live, semantics=semantics
    )
    return html, problems, mf


def _source_path(map_path: Path) -> Path | None:
    """The essay a map names, read cheaply (no validation): for the content hash only."""
    import yaml

    try:
        data = yaml.load(map_path.read_bytes(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        relative = data["source"]["path"]
        return (map_path.parent / relative) if isinstance(relative, str) else None
    except Exception:  # any unreadable map is rebuilt (and its report shows why)
        return None


def inputs_hash(
    map_path: Path, template_digest: str, known: dict[str, Any] | None = None
) -> tuple[str, dict[str, Any]]:
    """The hash of everything a map's report is made from, and what to remember for next time.

    known is what the last build remembered of this map (the hash of its bytes and the essay it
    names): when the map's bytes are unchanged, the essay's path is taken from there instead of
    parsing the YAML again, so that an unchanged folder of a thousand maps is hashed at once.
    """
    raw = map_path.read_bytes()
    map_sha = hashlib.sha256(raw).hexdigest()
    if known and known.get("map_sha256") == map_sha and "source" in known:
        source = Path(known["source"]) if known["source"] is not None else None
    else:
        source = _source_path(map_path)
    return _hash(raw, map_sha, source, template_digest)


def _hash(raw: bytes, map_sha: str, source: Path | None, template_digest: str) -> tuple[str, dict[str, Any]]:
    digest = hashlib.sha256()
    digest.update(f"argmap {__version__}\n{template_digest}\n".encode())
    digest.update(raw)
    if source is not None and source.is_file():
        digest.update(b"\0source\0" + source.read_bytes())
    return digest.hexdigest(), {"map_sha256": map_sha, "source": str(source) if source is not None else None}


def _templates_digest(templates: Path | None) -> str:
    from .files import template_files

    digest = hashlib.sha256()
    for path in template_files(templates):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _build_one(
    path: str,
    templates: str | None,
    live: str | None = None,
    semantics: str | None = None,
    report: str | None = None,
    template_digest: str | None = None,
) -> dict[str, Any]:
    """Build one map's report (in a worker process) and write it to report: the index's entry for it,
    the map itself when it is valid (the report's HTML stays in the worker) and, with template_digest,
    the hash of its inputs (read before the report is made, so that a file changed meanwhile is
    built again next time)."""
    from .checks import Context
    from .load import load
    from .output import write_atomic
    from .report import counts

    inputs = None
    try:
        raw = Path(path).read_bytes()
    except OSError:
        raw = b""
    mf = load(path)
    if template_digest is not None:
        source = mf.data.get("source") if isinstance(mf.data, dict) else None
        relative = source.get("path") if isinstance(source, dict) else None
        essay = Path(path).parent / relative if isinstance(relative, str) else None
        inputs = _hash(raw, hashlib.sha256(raw).hexdigest(), essay, template_digest)
    html, problems, mf = _report(Path(path), Path(templates) if templates else None, INDEX_FILE, live, semantics, mf=mf)
    if report is not None:
        write_atomic(report, html)
    entry: dict[str, Any] = {
        "title": Path(path).stem,
        "errors": sum(1 for p in problems if p.is_error),
        "warnings": sum(1 for p in problems if not p.is_error),
        "figures": None,
        "concepts": {},
        "id": Path(path).stem,
        "author": None,
        "published": None,
        "theses": [],
    }
    if mf.map is not None:
        m = mf.map
        coverage = Context.of(mf).coverage
        entry.update(
            {
                "title": m.title,
                "map_id": m.id,
                "author": m.source.author if m.source else None,
                "published": m.source.published if m.source else None,
                "theses": [m.claims[t].text for t in m.theses if t in m.claims],
                "figures": {**counts(m), "coverage": coverage.paragraph_share if coverage else None},
                "concepts": {
                    cid: {
                        "label": concept.label,
                        "aliases": concept.aliases,
                        "claims": [{"id": k, "text": c.text} for k, c in m.claims.items() if cid in c.concepts],
                    }
                    for cid, concept in m.concepts.items()
                },
            }
        )
    return {"path": path, "entry": entry, "map": mf.map if not entry["errors"] else None, "inputs": inputs}


@dataclass
class BuildResult:
    output: Path
    maps: list[Path] = field(default_factory=list)
    built: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    errors: int = 0
    index_built: bool = False

    def summary(self, where: bool = True) -> str:
        n = len(self.built)
        text = f"Built {n} report{'s' if n != 1 else ''} ({len(self.skipped)} unchanged)"
        text += f" in {self.output}" if where else ""
        if self.errors:
            text += f"; {self.errors} map{'s have' if self.errors != 1 else ' has'} errors (shown in the reports)"
        return text + (f". Open {self.output / INDEX_FILE}" if where else ".")


def build_site(
    folder: Path,
    output: Path,
    *,
    templates: Path | None = None,
    force: bool = False,
    jobs: int | None = None,
    progress: bool = False,
    live: str | None = None,
    only: list[Path] | None = None,
    semantics: str | None = None,
) -> BuildResult:
    """Build (or bring up to date) the site of every map under folder (or of the maps in only).

    live is the URL of the server-sent events that `argmap serve` sends after each rebuild: pages
    built with it reload themselves (and their CSP lets them reach that URL on their own server).
    """
    from .files import find_maps
    from .output import make_folder, write_atomic

    result = BuildResult(output=output)
    maps = find_maps(only if only is not None else [folder])
    result.maps = maps
    if not maps:
        return result
    make_folder(output)
    state_path = output / STATE_FILE
    state = _read_state(state_path)
    old = state.get("maps", {})
    template_digest = (
        _templates_digest(templates)
        + (f"\nlive {live}" if live else "")
        + (f"\nsemantics {semantics}" if semantics else "")
    )

    hashes: dict[str, str] = {}
    memo: dict[str, dict[str, Any]] = {}
    names = _output_names(maps)
    todo = []
    for path in maps:
        key = str(path)
        record = old.get(key)
        known = record.get("inputs") if record else None
        if not force and known:  # a map built before: hashed here, as the last build remembered it
            hashes[key], memo[key] = inputs_hash(path, template_digest, known)
            if _up_to_date(record, hashes[key], output / names[key]):
                result.skipped.append(path)
                continue
        todo.append(path)  # its worker hashes it (finding its essay is part of loading it)

    skipped = {str(path) for path in result.skipped}
    new_records = {k: v for k, v in old.items() if k in skipped}
    for key in new_records:
        new_records[key]["inputs"] = memo[key]
    models: dict[str, ArgMap | None] = {}  # the valid maps just built, for the index
    jobs_todo = [(path, output / names[str(path)]) for path in todo]
    for built in _run(jobs_todo, templates, jobs, progress, live, semantics, template_digest):
        key = built["path"]
        hashes[key], memo[key] = built["inputs"]
        new_records[key] = {"hash": hashes[key], "output": names[key], "entry": built["entry"], "inputs": memo[key]}
        models[key] = built["map"]
        result.built.append(Path(key))

    _remove_gone(old, names, output)

    entries = []
    for path in maps:
        record = new_records[str(path)]
        entry = dict(record["entry"])
        entry["href"] = record["output"]
        entries.append(entry)
    result.errors = sum(1 for e in entries if e["errors"])
    index_hash = hashlib.sha256("".join(hashes[str(p)] for p in maps).encode()).hexdigest()
    index_hash = hashlib.sha256((index_hash + (live or "")).encode()).hexdigest()
    if result.built or state.get("index") != index_hash or not (output / INDEX_FILE).is_file():
        write_atomic(output / INDEX_FILE, _index_html(maps, entries, templates, live, models))
        result.index_built = True
    new_state = {"version": __version__, "index": index_hash, "maps": new_records}
    if new_state != state:
        write_atomic(state_path, json.dumps(new_state, sort_keys=True, separators=(",", ":")))
    return result


def _remove_gone(old: dict[str, Any], names: dict[str, str], output: Path) -> None:
    """Remove the reports of maps that are gone from the folder."""
    for key, record in old.items():
        if key not in names and record.get("output") and record["output"] not in names.values():
            with contextlib.suppress(OSError):
                (output / record["output"]).unlink()


def _read_state(state_path: Path) -> dict[str, Any]:
    """What the last build of this output folder recorded (nothing, when argmap's version changed)."""
    try:
        state = json.loads(state_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) and state.get("version") == __version__ else {}


def _up_to_date(record: dict[str, Any] | None, inputs: str, report: Path) -> bool:
    """Whether a map's report was built from these very inputs and is still there."""
    if not record:
        return False
    return record.get("hash") == inputs and record.get("output") == report.name and report.is_file()


def _output_names(maps: list[Path]) -> dict[str, str]:
    names: dict[str, str] = {}
    used: set[str] = set()
    for path in maps:
        name = path.stem + ".html"
        counter = 2
        while name in used or name == INDEX_FILE:
            name = f"{path.stem}-{counter}.html"
            counter += 1
        used.add(name)
        names[str(path)] = name
    return names


def _run(
    todo: list[tuple[Path, Path]],
    templates: Path | None,
    jobs: int | None,
    progress: bool,
    live: str | None = None,
    semantics: str | None = None,
    template_digest: str | None = None,
) -> Iterator[dict[str, Any]]:
    """Build the reports of todo (map, report file), in parallel when there are several; yields what
    each returns as it finishes."""
    if not todo:
        return
    template_arg = str(templates) if templates else None
    workers = min(len(todo), jobs or os.cpu_count() or 1)
    bar = None
    if progress:
        import click

        bar = click.progressbar(length=len(todo), label="Building reports", file=None)
        bar.__enter__()
    try:
        if workers <= 1:
            for path, report in todo:
                yield _build_one(str(path), template_arg, live, semantics, str(report), template_digest)
                if bar:
                    bar.update(1)
        else:
            import argmap.api
            import argmap.report  # noqa: F401  (imported once here: forked workers start with them)

            with ProcessPoolExecutor(max_workers=workers) as pool:
                futures = [
                    pool.submit(_build_one, str(path), template_arg, live, semantics, str(report), template_digest)
                    for path, report in todo
                ]
                for future in as_completed(futures):
                    yield future.result()
                    if bar:
                        bar.update(1)
    finally:
        if bar:
            bar.__exit__(None, None, None)


COMBINED_LIMIT = 1_500
"""The index draws the maps' combined diagram only up to this many claims in all (a larger one is
unreadable, and its layout takes minutes)."""


def _index_html(
    maps: list[Path],
    entries: list[dict[str, Any]],
    templates: Path | None,
    live: str | None = None,
    models: dict[str, ArgMap | None] | None = None,
) -> str:
    """The index: every map's entry, where the (valid) maps meet, and their combined diagram.

    models holds the maps this build has just loaded (by path); the others are loaded again."""
    from .api import MapError, load_valid
    from .comparison.concepts import compare
    from .dot import DotOptions, to_dot_many
    from .render import render
    from .report import render_index

    models = models or {}
    valid: list[tuple[ArgMap, dict[str, Any]]] = []
    for path, entry in zip(maps, entries, strict=True):
        if not entry["errors"]:
            m = models.get(str(path))
            if m is None:
                try:
                    m = load_valid(path)[0].map
                except MapError:
                    continue
            if m is not None:  # (always, for a valid map)
                valid.append((m, entry))
    shared: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []
    combined = None
    if len(valid) >= 2:
        href = {m.id: entry["href"] for m, entry in valid}
        comparison = compare([m for m, _ in valid])
        for row in comparison.shared:
            shared.append(
                {
                    "id": row["id"],
                    "label": row["label"],
                    "aliases": sorted({a for side in row["maps"].values() for a in side["aliases"]}),
                    "claims": {href[map_id]: side["claims"] for map_id, side in row["maps"].items()},
                }
            )
        for link in comparison.links:
            links.append({**link, "from_href": href[link["from_map"]], "to_href": href[link["to_map"]]})
        if sum(len(m.claims) for m, _ in valid) <= COMBINED_LIMIT:
            combined = render(to_dot_many([m for m, _ in valid], DotOptions(legend=False)).source, "svg").decode(
                "utf-8"
            )
    return render_index(entries, combined_svg=combined, shared=shared, links=links, templates=templates, live=live)
