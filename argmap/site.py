"""Reports and sites: one map's report, or a folder's index and reports, rebuilt only where inputs changed.

A site's state (`.argmap-build.json` in the output folder) records, for every map, a hash of all it
was made from: the map file, its essay, the templates and argmap's version. A map whose hash is
unchanged and whose report exists is skipped; the others are built in parallel processes.
"""

from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__

if TYPE_CHECKING:
    from .model import ArgMap

STATE_FILE = ".argmap-build.json"
INDEX_FILE = "index.html"


def build_report(
    path: Path,
    *,
    templates: Path | None = None,
    index_href: str | None = None,
    live: str | None = None,
    semantics: str | None = None,
):
    """(HTML, problems) of one map's report, evaluated with semantics (default: the map's own); a map
    that cannot be read gives a page of its problems."""
    html, problems, _ = _report(path, templates, index_href, live, semantics)
    return html, problems


def _report(path: Path, templates: Path | None, index_href: str | None, live: str | None, semantics: str | None = None):
    """(HTML, problems, map file) of one map's report: loaded, checked and drawn once."""
    from .api import check
    from .dot import DotOptions, to_dot
    from .load import load
    from .render import render
    from .report import render_report

    mf = load(path)
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


def inputs_hash(map_path: Path, template_digest: str) -> str:
    digest = hashlib.sha256()
    digest.update(f"argmap {__version__}\n{template_digest}\n".encode())
    digest.update(map_path.read_bytes())
    source = _source_path(map_path)
    if source is not None and source.is_file():
        digest.update(b"\0source\0" + source.read_bytes())
    return digest.hexdigest()


def _templates_digest(templates: Path | None) -> str:
    from .report import template_files

    digest = hashlib.sha256()
    for path in template_files(templates):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _build_one(path: str, templates: str | None, live: str | None = None, semantics: str | None = None) -> dict:
    """Build one map's report (in a worker process): its HTML and the index's entry for it."""
    from .checks import Context
    from .report import counts

    html, problems, mf = _report(Path(path), Path(templates) if templates else None, INDEX_FILE, live, semantics)
    entry: dict = {
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
    return {"path": path, "html": html, "entry": entry}


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
    from .api import find_maps
    from .output import write_atomic

    result = BuildResult(output=output)
    maps = find_maps(only if only is not None else [folder])
    result.maps = maps
    if not maps:
        return result
    output.mkdir(parents=True, exist_ok=True)
    state_path = output / STATE_FILE
    try:
        state = json.loads(state_path.read_text(encoding="utf-8"))
        if state.get("version") != __version__:
            state = {}
    except (OSError, ValueError):
        state = {}
    old = state.get("maps", {})
    template_digest = (
        _templates_digest(templates)
        + (f"\nlive {live}" if live else "")
        + (f"\nsemantics {semantics}" if semantics else "")
    )

    hashes = {str(p): inputs_hash(p, template_digest) for p in maps}
    names = _output_names(maps)
    todo = []
    for path in maps:
        key = str(path)
        record = old.get(key)
        if (
            not force
            and record
            and record.get("hash") == hashes[key]
            and record.get("output") == names[key]
            and (output / names[key]).is_file()
        ):
            result.skipped.append(path)
        else:
            todo.append(path)

    new_records = {k: v for k, v in old.items() if k in hashes and Path(k) in result.skipped}
    for built in _run(todo, templates, jobs, progress, live, semantics):
        key = built["path"]
        write_atomic(output / names[key], built["html"])
        new_records[key] = {"hash": hashes[key], "output": names[key], "entry": built["entry"]}
        result.built.append(Path(key))

    for key, record in old.items():  # reports of maps that are gone
        if key not in hashes and record.get("output") and record["output"] not in names.values():
            try:
                (output / record["output"]).unlink()
            except OSError:
                pass

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
        write_atomic(output / INDEX_FILE, _index_html(maps, entries, templates, live))
        result.index_built = True
    write_atomic(
        state_path,
        json.dumps({"version": __version__, "index": index_hash, "maps": new_records}, indent=1, sort_keys=True),
    )
    return result


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
    todo: list[Path],
    templates: Path | None,
    jobs: int | None,
    progress: bool,
    live: str | None = None,
    semantics: str | None = None,
):
    """Build the reports of todo, in parallel when there are several; yields each as it finishes."""
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
            for path in todo:
                yield _build_one(str(path), template_arg, live, semantics)
                if bar:
                    bar.update(1)
        else:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                futures = [pool.submit(_build_one, str(path), template_arg, live, semantics) for path in todo]
                for future in as_completed(futures):
                    yield future.result()
                    if bar:
                        bar.update(1)
    finally:
        if bar:
            bar.__exit__(None, None, None)


def _index_html(
    maps: list[Path], entries: list[dict[str, Any]], templates: Path | None, live: str | None = None
) -> str:
    """The index: every map's entry, where the (valid) maps meet, and their combined diagram."""
    from .api import MapError, diagram, load_valid
    from .comparison.concepts import compare
    from .dot import DotOptions
    from .render import render
    from .report import render_index

    valid: list[tuple[ArgMap, dict[str, Any]]] = []
    for path, entry in zip(maps, entries, strict=True):
        if not entry["errors"]:
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
        try:
            combined = render(
                diagram(
                    [p for p, e in zip(maps, entries, strict=True) if not e["errors"]], DotOptions(legend=False)
                ).source,
                "svg",
            ).decode("utf-8")
        except MapError:
            combined = None
    return render_index(entries, combined_svg=combined, shared=shared, links=links, templates=templates, live=live)
