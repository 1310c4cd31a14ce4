"""The command line: each command parses its options, calls the library, prints, and sets the exit code."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn

import click

from . import __version__

if TYPE_CHECKING:
    from .api import MapError
    from .formats.importing import Reader
    from .load import MapFile
    from .model import ArgMap


class Failure(click.ClickException):
    """A clean, one-line failure with exit code 1 (never a traceback)."""

    exit_code = 1

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"argmap: error: {self.format_message()}", err=True)


class OutputFailure(Failure):
    """An output path that cannot be written (a file where a folder is needed, no permission): exit 2."""

    exit_code = 2


class _Main(click.Group):
    """The command group: a failed write anywhere ends in one line naming the path, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        from .output import OutputError

        try:
            return super().invoke(ctx)
        except OutputError as exc:
            raise OutputFailure(str(exc)) from None
        except Exception as exc:
            report = sys.modules.get("argmap.report")  # imported only by commands that render templates
            if report is not None and isinstance(exc, report.TemplateFailure):
                raise Failure(str(exc)) from None
            raise


def _guard_output(
    output: Path | None, inputs: Iterable[str | Path], param: str = "--output", *, folder: bool = False
) -> None:
    """Refuse an output that would overwrite an input, or any existing map file, or that cannot be
    written (checked before the work, so nobody waits for a write that must fail)."""
    from .output import check_writable

    if output is None:
        return
    check_writable(output, folder=folder)
    target = output.resolve()
    if any(target == Path(i).resolve() for i in inputs):
        raise click.BadParameter(f"{output} is an input: argmap never writes over its inputs", param_hint=param)
    if target.suffix.lower() in (".yaml", ".yml") and target.exists():
        raise click.BadParameter(
            f"{output} is a YAML file: argmap writes maps only with 'argmap new'", param_hint=param
        )


SEMANTICS = ("grounded", "carneades")
"""The evaluation semantics (argmap.semantics.SEMANTICS; repeated here so that the CLI starts without it)."""

semantics_option = click.option(
    "--semantics",
    type=click.Choice(SEMANTICS),
    default=None,
    help="Evaluate with this semantics instead of the map's own (grounded unless the map says carneades).",
)


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="argmap")
def main() -> None:
    """Check, draw and report hand-made argument maps of essays."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="text for people, json for programs, github for GitHub Actions annotations.",
)
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.option("--show-source", is_flag=True, help="Print the offending line with a caret under the column.")
def check(paths: tuple[Path, ...], fmt: str, strict: bool, show_source: bool) -> None:
    """Check maps (files, or folders searched for maps) and print every problem.

    A folder walk takes the *.yaml and *.yml files that are maps (a top-level argmap, claims or
    arguments key, or both id and title) and skips hidden folders, node_modules and Python virtual
    environments; a file named by its path is always checked.

    Each problem is printed as `path:line:col: CODE message`, followed by a hint. Exit status:
    0 when clean, 1 when there are errors (or warnings, with --strict), 2 for a usage error.

    Example: argmap check --show-source maps/
    """
    from .api import check_paths
    from .problems import count, format_github, format_json, format_text, summary_line

    files, problems = check_paths(paths)
    if not files:
        raise Failure("no maps (*.yaml, *.yml files that look like maps) under " + ", ".join(map(str, paths)))
    if fmt == "json":
        click.echo(format_json(problems, len(files)))
    elif fmt == "github":
        if problems:
            click.echo(format_github(problems))
    else:
        if problems:
            click.echo(format_text(problems, show_source=show_source, lines_of=_lines_of))
        click.echo(summary_line(problems, len(files)))
    errors, warnings = count(problems)
    sys.exit(1 if errors or (strict and warnings) else 0)


def _lines_of(path: str) -> list[str]:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []


@main.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file.")
@click.option(
    "--of",
    "of",
    type=click.Choice(["map", "export"]),
    default="map",
    show_default=True,
    help="map: the format you write; export: the JSON that 'argmap export --to json' writes.",
)
@click.option(
    "--for",
    "for_map",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Also list this map's ids as allowed values, so an editor completes them.",
)
def schema(output: Path | None, of: str, for_map: Path | None) -> None:
    """Print the JSON Schema (draft 2020-12) of the map format.

    Editors with the YAML language server use it for completion and hover documentation when a map
    starts with `# yaml-language-server: $schema=PATH`.

    Example: argmap schema -o schema/argmap.schema.json
    """
    import json

    from .model import export_json_schema, json_schema, map_json_schema

    _guard_output(output, [for_map] if for_map else [])
    if for_map is not None:
        data = map_json_schema(_load_map(for_map, structure_only=True)[1])
    else:
        data = json_schema() if of == "map" else export_json_schema()
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if output is None:
        click.echo(text, nl=False)
    else:
        from .output import write_atomic

        write_atomic(output, text)
        click.echo(f"wrote {output}")


@main.command()
@click.option(
    "--source",
    "source",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The essay as a UTF-8 text file.",
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The map file to create (it must not exist).",
)
@click.option("--id", "map_id", help="The map's id (default: from the file name).")
@click.option("--title", help="The essay's title (default: the text's first line).")
def new(source: Path, output: Path, map_id: str | None, title: str | None) -> None:
    """Create a ready-to-fill map for an essay.

    The map records the source's path (relative to the map) and sha256, and lists the source's
    paragraphs as comments with their numbers, lines and opening words.

    Example: argmap new --source seeds/essay.txt -o maps/essay.yaml
    """
    from .output import write_atomic
    from .scaffold import new_map

    if output.exists():
        raise Failure(f"{output} already exists; argmap new never overwrites a map")
    _guard_output(output, [source])
    try:
        text = new_map(source, output, map_id=map_id, title=title)
    except ValueError as exc:
        raise Failure(str(exc)) from None
    write_atomic(output, text)
    click.echo(f"wrote {output}")


def _print_map_errors(exc: MapError, failure: type[Failure] = Failure) -> NoReturn:
    """Print a map's problems (on stderr, with their lines) and fail with the summary."""
    from .problems import format_text

    click.echo(format_text(exc.problems, lines_of=_lines_of), err=True)
    raise failure(str(exc))


def _load_map(
    path: str | Path, *, structure_only: bool = False, failure: type[Failure] = Failure
) -> tuple[MapFile, ArgMap]:
    """A map that can be drawn and analysed (api.load_valid) and its model; else its problems printed
    and failure raised."""
    from .api import MapError, load_valid

    try:
        mf, _ = load_valid(path, structure_only=structure_only)
    except MapError as exc:
        _print_map_errors(exc, failure)
    assert mf.map is not None  # load_valid refuses a map that did not become a model
    return mf, mf.map


_DIRECTIONS = ("BT", "TB", "LR", "RL")


@main.command()
@click.argument("maps", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write here; the suffix (.svg, .png, .pdf, .dot) picks the format. Default: SVG to stdout.",
)
@click.option(
    "--direction",
    type=click.Choice(_DIRECTIONS),
    default="BT",
    show_default=True,
    help="Where arrows point: BT puts conclusions above their premises.",
)
@click.option(
    "--color-by",
    type=click.Choice(["type", "role", "tag", "concept", "status"]),
    default="type",
    show_default=True,
    help="What the fill colour of a claim shows (status: in, out or undecided, see --semantics).",
)
@click.option(
    "--cluster",
    type=click.Choice(["none", "section", "concept"]),
    default="none",
    show_default=True,
    help="Group claims by the essay's sections (its headings) or by their first concept.",
)
@click.option(
    "--wrap",
    type=click.IntRange(8, 200),
    default=30,
    show_default=True,
    help="Wrap claim text at this many characters.",
)
@click.option("--legend/--no-legend", default=True, show_default=True, help="Draw a legend.")
@click.option(
    "--label",
    type=click.Choice(["both", "text", "id"]),
    default="both",
    show_default=True,
    help="What a claim's box shows.",
)
@click.option("--focus", metavar="ID", help="Draw only the neighbourhood of this claim or argument.")
@click.option(
    "--depth",
    type=click.IntRange(0, 100),
    default=1,
    show_default=True,
    help="With --focus: how many inference steps around it.",
)
@click.option(
    "--renderer",
    type=click.Choice(["auto", "wasm", "system"]),
    default="auto",
    show_default=True,
    help="wasm: the embedded Graphviz (SVG only, no install); system: Graphviz's dot on PATH.",
)
@semantics_option
def render(
    maps: tuple[Path, ...],
    output: Path | None,
    direction: str,
    color_by: str,
    cluster: str,
    wrap: int,
    legend: bool,
    label: str,
    focus: str | None,
    depth: int,
    renderer: str,
    semantics: str | None,
) -> None:
    """Draw maps with Graphviz: one map, or several in one combined diagram.

    SVG needs no install (an embedded Graphviz); PNG and PDF use Graphviz's `dot` program. With
    several maps, each is drawn in its own box and claims that share a concept are linked.

    Example: argmap render maps/greitens-2022-xi-jinpings-quest-for-order.yaml -o greitens.svg
    """
    from .api import MapError, diagram
    from .dot import DotOptions
    from .render import RenderError
    from .render import render as render_dot

    _guard_output(output, maps)
    fmt = (output.suffix.lstrip(".").lower() if output is not None else "svg") or "svg"
    if fmt not in ("svg", "png", "pdf", "dot"):
        raise click.BadParameter(f"cannot write '.{fmt}': use .svg, .png, .pdf or .dot", param_hint="--output")
    if fmt in ("png", "pdf") and output is None:
        raise click.BadParameter("binary formats need an output file", param_hint="--output")
    options = DotOptions(
        direction=direction,
        color_by=color_by,
        cluster=cluster,
        wrap=wrap,
        legend=legend,
        label=label,
        focus=focus,
        depth=depth,
    )
    try:
        graph = diagram(maps, options, semantics)
        data = render_dot(graph.source, fmt, renderer)
    except MapError as exc:
        _print_map_errors(exc)
    except KeyError as exc:
        raise click.BadParameter(exc.args[0], param_hint="--focus") from None
    except RenderError as exc:
        raise Failure(str(exc)) from None
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
        return
    from .output import write_atomic

    write_atomic(output, data)
    click.echo(f"wrote {output}", err=True)


@main.command()
@click.argument("map_path", metavar="MAP", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The HTML file to write (default: the map's name with .html, in the current folder).",
)
@click.option(
    "--templates",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A folder of templates that replace the built-in ones of the same name.",
)
@semantics_option
@click.option(
    "--against",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Another map of the same essay: write one report comparing the two, side by side.",
)
@click.option(
    "--pdf",
    is_flag=True,
    help="Write the report as PDF (printed by a Chromium installed here; default name: the map's with .pdf).",
)
def report(
    map_path: Path,
    output: Path | None,
    templates: Path | None,
    semantics: str | None,
    against: Path | None,
    pdf: bool,
) -> None:
    """Write one self-contained HTML report of a map.

    The report holds the diagram (click a claim to read its card), a card per claim and per
    argument, the essay with every quote highlighted and linked, and the problems `argmap check`
    finds. It loads nothing from the network and works from a file, a mail attachment or a USB stick.
    With --against, the report compares two maps of the same essay instead: both outlines side by
    side, each claim and argument marked as agreeing or by how it differs, the figures of
    `argmap agree` on top.

    With --pdf, the report is printed to PDF by Chromium (found on PATH, or named in
    ARGMAP_CHROMIUM): the outline opened whole, the essay, the diagrams on pages of their own.

    Example: argmap report maps/greitens-2022-xi-jinpings-quest-for-order.yaml -o greitens.html
    """
    from .output import write_atomic
    from .site import build_report

    if against is not None:
        _report_against(map_path, against, output, templates, pdf)
        return
    output = output or Path(map_path.stem + (".pdf" if pdf else ".html"))
    _guard_output(output, [map_path])
    html, problems = build_report(map_path, templates=templates, semantics=semantics)
    write_atomic(output, _as_pdf(html) if pdf else html)
    errors = sum(1 for p in problems if p.is_error)
    click.echo(
        f"wrote {output}"
        + (f" (the map has {errors} error{'s' if errors != 1 else ''}: see the report)" if errors else "")
    )
    if errors:
        sys.exit(1)


def _as_pdf(html: str) -> bytes:
    """A report's HTML printed to PDF, or a clean failure saying why not."""
    from .pdf import PdfError, print_pdf

    try:
        return print_pdf(html)
    except PdfError as exc:
        raise Failure(str(exc)) from None


def _report_against(map_a: Path, map_b: Path, output: Path | None, templates: Path | None, pdf: bool = False) -> None:
    from .comparison.against import render_against
    from .comparison.agree import AgreeError
    from .output import write_atomic

    output = output or Path(f"{map_a.stem}-against-{map_b.stem}.{'pdf' if pdf else 'html'}")
    _guard_output(output, [map_a, map_b])
    loaded_a, loaded_b = _load_map(map_a)[0], _load_map(map_b)[0]
    try:
        html = render_against(loaded_a, loaded_b, templates=templates)
    except AgreeError as exc:
        raise Failure(str(exc)) from None
    write_atomic(output, _as_pdf(html) if pdf else html)
    click.echo(f"wrote {output}")


@main.command()
@click.argument("folder", required=False, default="maps", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    default="site",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The folder to write the site into.",
)
@click.option(
    "--templates",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A folder of templates that replace the built-in ones of the same name.",
)
@click.option("--force", is_flag=True, help="Rebuild every report even when its inputs did not change.")
@click.option(
    "-j", "--jobs", type=click.IntRange(1, 64), default=None, help="Reports built at once (default: one per CPU)."
)
@semantics_option
def build(
    folder: Path, output: Path, templates: Path | None, force: bool, jobs: int | None, semantics: str | None
) -> None:
    """Build a site from a folder of maps: an index and one report per map.

    The index lists every map with its figures, shows where the essays meet (concepts that several
    maps share) and a combined diagram. A report whose inputs (map, essay, templates) did not change
    is not built again; the others are built in parallel.

    Example: argmap build maps/ -o site/
    """
    from .site import build_site

    _guard_output(output, [folder], folder=True)
    result = build_site(
        folder, output, templates=templates, force=force, jobs=jobs, progress=sys.stderr.isatty(), semantics=semantics
    )
    if not result.maps:
        raise Failure(f"no maps (*.yaml, *.yml files that look like maps) under {folder}")
    click.echo(result.summary())
    if result.errors:
        sys.exit(1)


@main.command()
@click.argument("map_path", metavar="MAP", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people, json for programs.",
)
@click.option("--reject", multiple=True, metavar="ID", help="What if this claim or argument is rejected? (repeatable)")
@click.option("--accept", multiple=True, metavar="ID", help="What if this claim or argument is accepted? (repeatable)")
@semantics_option
def analyze(map_path: Path, fmt: str, reject: tuple[str, ...], accept: tuple[str, ...], semantics: str | None) -> None:
    """Analyse a map: roles, what each conclusion rests on, status, structure, coverage.

    For every conclusion: the basic premises it rests on and the critical ones (each alone would
    leave it unsupported). Every claim and argument is labelled in, out or undecided, with the
    reason, under the map's semantics (grounded unless the map says carneades, or --semantics);
    --reject and --accept relabel the map and print what changed.

    Example: argmap analyze maps/greitens-2022-xi-jinpings-quest-for-order.yaml --reject gsi-extends-concept
    """
    import json

    from .analysis import analysis_json, analysis_text
    from .analysis import analyze as run_analysis
    from .checks import Context
    from .problems import did_you_mean

    mf, m = _load_map(map_path)
    known = list(m.claims) + list(m.arguments)
    for node in reject + accept:
        if node not in known:
            raise click.BadParameter(
                f"'{node}' is neither a claim nor an argument{did_you_mean(node, known)}",
                param_hint="--reject/--accept",
            )
    ctx = Context.of(mf)
    result = run_analysis(
        m,
        source=ctx.source,
        quote_spans=ctx.quote_spans,
        ignored=ctx.ignored_spans,
        reject=reject,
        accept=accept,
        semantics=semantics,
    )
    if fmt == "json":
        click.echo(json.dumps(analysis_json(m, result, named=semantics is not None), indent=2, ensure_ascii=False))
        return
    what_if = " and ".join(
        part
        for part in (
            f"if you reject {', '.join(reject)}" if reject else "",
            f"if you accept {', '.join(accept)}" if accept else "",
        )
        if part
    )
    click.echo(analysis_text(m, result, what_if=what_if))


@main.command()
@click.argument("maps", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people, json for programs.",
)
def compare(maps: tuple[Path, ...], fmt: str) -> None:
    """Compare maps: the concepts they share, what each claims about them, and how their claims relate.

    Concepts are shared when two maps use the same concept id. Relations between claims come from
    the maps' `links` (same, supports, contradicts).

    Example: argmap compare maps/greitens-2022-xi-jinpings-quest-for-order.yaml
    maps/maan-2024-chinas-total-national-security-paradigm.yaml
    """
    import json

    from .comparison.concepts import compare as run_compare
    from .comparison.concepts import comparison_json, comparison_text

    if len(maps) < 2:
        raise click.BadParameter("give at least two maps", param_hint="MAPS")
    loaded = [_load_map(path)[1] for path in maps]
    result = run_compare(loaded)
    if fmt == "json":
        click.echo(json.dumps(comparison_json(result), indent=2, ensure_ascii=False))
    else:
        click.echo(comparison_text(result))
    if result.problems:
        sys.exit(1)


@main.command()
@click.argument("maps", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Change nothing; exit 1 if a file would be reformatted (for CI and pre-commit).",
)
def fmt(maps: tuple[Path, ...], check_only: bool) -> None:
    """Rewrite maps in one canonical layout, keeping every comment.

    Sections and fields go in the format's order, lists of ids inline, long text folded at 100
    characters; comments, quoting and blank lines stay. This is the one command that writes to maps,
    and it says which files it rewrote. The data never changes (fmt checks that before writing).

    Example: argmap fmt maps/
    """
    from .api import find_maps
    from .fmt import FormatError, format_text
    from .load import load
    from .output import OutputError, write_atomic
    from .problems import format_text as format_problems
    from .words import plural

    files = find_maps(maps)
    if not files:
        raise Failure("no maps (*.yaml, *.yml files that look like maps) under " + ", ".join(map(str, maps)))
    changed: list[Path] = []
    unread = unwritten = 0
    for path in files:
        mf = load(path)
        fatal = [p for p in mf.problems if p.code[:2] == "E0"]
        if fatal or mf.text is None:
            click.echo(format_problems(fatal or mf.problems), err=True)
            unread += 1
            continue
        try:
            new = format_text(mf.text)
        except FormatError as exc:
            click.echo(f"{path}: {exc}", err=True)
            unread += 1
            continue
        if new == mf.text:
            continue
        if check_only:
            click.echo(f"would reformat {path}")
        else:
            try:
                write_atomic(path, new)
            except OutputError as exc:
                click.echo(f"{path}: {exc}", err=True)
                unwritten += 1
                continue
            click.echo(f"reformatted {path}")
        changed.append(path)
    unchanged = len(files) - len(changed) - unread - unwritten
    verb = "would be reformatted" if check_only else "reformatted"
    summary = [f"{plural(len(changed), 'map')} {verb}", f"{unchanged} unchanged"]
    if unread:
        summary.append(
            f"{unread} not read (its problems above)" if unread == 1 else f"{unread} not read (their problems above)"
        )
    if unwritten:
        summary.append(f"{unwritten} not written (see above)")
    click.echo(", ".join(summary) + ".")
    failed = bool(unread or unwritten)
    sys.exit(1 if failed or (check_only and changed) else 0)


@main.command()
@click.argument(
    "target", metavar="[MAP|FOLDER]", required=False, default="maps", type=click.Path(exists=True, path_type=Path)
)
@click.option(
    "-p",
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="The port on 127.0.0.1 (0 picks a free one).",
)
@click.option(
    "--templates",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A folder of templates that replace the built-in ones of the same name.",
)
def serve(target: Path, port: int, templates: Path | None) -> None:
    """Serve the reports of a map or a folder, rebuilt on every save, reloading in the browser.

    Listens on 127.0.0.1 only. Saving a map or its essay rebuilds what changed and the open page
    reloads by itself; a map with errors shows them, with their positions. Ctrl-C stops it.

    Example: argmap serve maps/ --port 8000
    """
    from .output import OutputError
    from .serve import serve as run_server

    try:
        run_server(target, port=port, templates=templates, echo=lambda line: click.echo(line))
    except OutputError:
        raise
    except OSError as exc:
        raise Failure(f"cannot listen on 127.0.0.1:{port}: {exc.strerror or exc}") from None


@main.command()
@click.option("--stdio", is_flag=True, help="Talk over standard input and output (the default; editors may pass it).")
@click.option("-v", "--verbose", is_flag=True, help="Log every message to standard error.")
def lsp(stdio: bool, verbose: bool) -> None:
    """Run the language server for editors (Language Server Protocol over standard input and output).

    Editors start it themselves: it checks maps as you type, completes ids, fields and quotes from
    the essay, and offers hover, go to definition, references, rename, quick fixes and formatting.
    It logs to standard error only. The README shows the set-up for VS Code, Neovim and Helix.

    Example: argmap lsp
    """
    from .lsp.server import run  # pygls is imported only here: other commands start without it

    run(verbose=verbose)


@main.command(name="export")
@click.argument("map_path", metavar="MAP", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--to",
    "fmt",
    type=click.Choice(["aif", "argdown", "sadface", "json"]),
    required=True,
    help="aif: AIF JSON (AIFdb, OVA); argdown: Argdown text; sadface: SADFace JSON; json: the validated map.",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here (default: standard output)."
)
def export_(map_path: Path, fmt: str, output: Path | None) -> None:
    """Export a map to AIF, Argdown, SADFace or JSON, and say what the format cannot hold.

    AIF keeps claims, arguments (with their schemes), attacks and, in an xAIF-style text, the quotes;
    what AIF has no place for travels under an 'argmap' key that other tools ignore. Argdown keeps
    statements, arguments, relations, tags and schemes. SADFace keeps atoms, schemes, conflicts and
    the quotes as sources in the essay, the rest in an 'argmap' metadata namespace. Whatever a
    format drops is listed on stderr.

    Example: argmap export maps/maan-2024-chinas-total-national-security-paradigm.yaml --to aif -o maan.json
    """
    import json

    from .checks import Context
    from .formats import Export
    from .formats.aif import to_aif
    from .formats.argdown import to_argdown
    from .formats.sadface import to_sadface

    _guard_output(output, [map_path])
    mf, m = _load_map(map_path)
    if fmt == "aif":
        result = to_aif(m, Context.of(mf).source)
    elif fmt == "argdown":
        result = to_argdown(m)
    elif fmt == "sadface":
        result = to_sadface(m, Context.of(mf).source)
    else:
        data = m.model_dump(mode="json", by_alias=True)
        result = Export(json.dumps(data, indent=2, ensure_ascii=False) + "\n", [])
    if output is None:
        click.echo(result.text, nl=False)
    else:
        from .output import write_atomic

        write_atomic(output, result.text)
        click.echo(f"wrote {output}", err=True)
    for item in result.not_carried:
        click.echo(f"not carried: {item}", err=True)


@main.group(name="import")
def import_() -> None:
    """Import maps from other formats: AIF (AIFdb, OVA, xAIF), Argdown, SADFace, Carneades.

    Example: argmap import aif analysis.json -o maps/imported.yaml
    """


_IMPORT_OUTPUT = click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The map file to write (it must not exist).",
)


def _run_import(read: Reader, file: Path, output: Path) -> None:
    """Read file with an importer, write the map (and its essay), print its warnings and counts."""
    from .formats.importing import FormatError, ImportRefused, check_output, write_imported
    from .output import check_writable

    try:
        check_output(output, [file])
        check_writable(output)
        imported = read(file)
        written = write_imported(imported, output, [file])
    except FormatError as exc:
        raise Failure(exc.located(file)) from None
    except ImportRefused as exc:
        raise Failure(str(exc)) from None
    if written.text_path is not None:
        click.echo(f"wrote {written.text_path}", err=True)
    for warning in imported.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(written.summary)


@import_.command(name="aif")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_IMPORT_OUTPUT
def import_aif(file: Path, output: Path) -> None:
    """Import an AIF file (AIFdb JSON, an OVA2 or OVA3 save, xAIF) as a map.

    I-nodes become claims, RA nodes arguments, CA nodes attacks, MA (rephrase) nodes notes. When the
    file holds the analysed text, it is written beside the map (as MAP.txt), and each claim's quote
    is its highlighted passage (or its locution's, in OVA3's dialogical mode); the speakers of
    locutions become the claims' attributed_to.

    Example: argmap import aif analysis.json -o maps/imported.yaml
    """
    from .formats.aif import read_aif_file

    _run_import(read_aif_file, file, output)


@import_.command(name="argdown")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_IMPORT_OUTPUT
def import_argdown(file: Path, output: Path) -> None:
    """Import an Argdown file (.argdown, or the JSON that 'argdown json' writes) as a map.

    Argdown's own parser reads the file: argmap runs its command-line tool (@argdown/cli: named by
    ARGMAP_ARGDOWN, on PATH, installed by 'make argdown', or through npx). Statements become claims,
    premise-conclusion structures arguments (one per inference), relations arguments and attacks,
    contradictions issues, tags tags, headings sections, descriptions notes. What a map cannot hold
    is listed, one warning each.

    Example: argmap import argdown debate.argdown -o maps/debate.yaml
    """
    from .formats.argdown import read_argdown_file

    _run_import(read_argdown_file, file, output)


@import_.command(name="sadface")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_IMPORT_OUTPUT
def import_sadface(file: Path, output: Path) -> None:
    """Import a SADFace document (atoms, schemes, edges) as a map.

    Atoms become claims, support schemes arguments, conflict schemes attacks, disagreements issues;
    the text resources become the essay (written beside the map as MAP.txt) and the atoms' sources
    their quotes. What argmap's own export keeps in its 'argmap' metadata comes back whole.

    Example: argmap import sadface analysis.json -o maps/imported.yaml
    """
    from .formats.sadface import read_sadface_file

    _run_import(read_sadface_file, file, output)


@import_.command(name="carneades")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The map file to write (it must not exist).",
)
def import_carneades(file: Path, output: Path) -> None:
    """Import a Carneades 4 argument graph (its YAML format) as a map evaluated with carneades.

    Statements become claims, issues issues, arguments arguments (with their weights), undercutters
    undercuts, assumptions assumptions and the file's tests the map's `expect`. Propositional files
    only: a file with a language, variables or schemes that generate arguments is refused.

    Example: argmap import carneades tandem.yml -o maps/tandem.yaml
    """
    from .formats.carneades import CarneadesError, read_carneades
    from .output import write_atomic
    from .scaffold import map_yaml

    if output.exists():
        raise Failure(f"{output} already exists; argmap import never overwrites a file")
    try:
        imported = read_carneades(file.read_bytes(), str(file), file.stem)
    except CarneadesError as exc:
        raise Failure(f"{file}:{exc.line}:{exc.col}: {exc}") from None
    except OSError as exc:
        raise Failure(f"cannot read {file}: {exc.strerror or exc}") from None
    data = imported.data
    write_atomic(output, map_yaml(data, output))
    for note in imported.notes:
        click.echo(f"note: {note}", err=True)
    click.echo(f"wrote {output} ({imported.summary()})")


@main.command()
@click.argument("code", required=False)
@click.option("--markdown", is_flag=True, help="List the codes as a Markdown table (as the README shows them).")
def explain(code: str | None, markdown: bool) -> None:
    """Explain a problem code (or its name), with a failing and a passing example; without CODE, list all codes.

    Example: argmap explain E201, or argmap explain unknown-claim
    """
    import inspect

    from . import api  # noqa: F401  (registers the check codes and the cross-map ones)
    from .problems import CODES, did_you_mean

    if code is None:
        ordered = sorted(CODES.values(), key=lambda c: (c.code[1:], c.code))
        if markdown:
            click.echo("| code | name | meaning |\n|---|---|---|")
        for entry in ordered:
            if markdown:
                click.echo(f"| `{entry.code}` | {entry.name} | {entry.summary} |")
            else:
                click.echo(f"{entry.code}  {entry.name:<24} {entry.summary}")
        return
    by_name = {entry.name: entry for entry in CODES.values()}
    found = CODES.get(code.upper()) or by_name.get(code.lower())
    if found is None:
        close = did_you_mean(code.lower(), by_name)
        raise click.BadParameter(
            f"no such code or name: {code}{close} ('argmap explain' lists them)", param_hint="CODE"
        )
    click.echo(f"{found.code} {found.name} ({found.severity.value})\n")
    click.echo(found.summary)
    if found.doc:
        click.echo("\n" + inspect.cleandoc(found.doc))


@main.command()
@click.argument("scheme_id", required=False)
def schemes(scheme_id: str | None) -> None:
    """List the argumentation schemes and the kinds of attack, or show one with its critical questions.

    Example: argmap schemes practical-reasoning
    """
    from .problems import did_you_mean
    from .schemes import ATTACKS, SCHEMES

    if scheme_id is None:
        for scheme in SCHEMES.values():
            click.echo(f"{scheme.id:<22} {scheme.name}")
        click.echo("\nKinds of attack (an attack is no scheme; its `scheme`, if any, is that of its inference):")
        for kind in ATTACKS.values():
            click.echo(f"{kind.id:<22} {kind.name}")
        return
    known = {**SCHEMES, **ATTACKS}
    if scheme_id not in known:
        raise click.BadParameter(f"no such scheme: {scheme_id}{did_you_mean(scheme_id, known)}", param_hint="SCHEME_ID")
    scheme = known[scheme_id]
    click.echo(f"{scheme.name} ({scheme.id})\n\n{scheme.pattern}\n\nCritical questions:")
    for number, question in enumerate(scheme.critical_questions, 1):
        click.echo(f"  {number}. {question}")


@main.command()
@click.argument("map_path", metavar="MAP", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
    help="text for a terminal, markdown for documents, json for programs.",
)
@click.option("--depth", type=click.IntRange(0, None), help="Show at most this many inference steps below each root.")
@click.option("--reasons", is_flag=True, help="Say after each claim and argument why it has its status.")
@semantics_option
@click.option("--color/--no-color", default=None, help="Colour the text (default: when printing to a terminal).")
def outline(
    map_path: Path, fmt: str, depth: int | None, reasons: bool, semantics: str | None, color: bool | None
) -> None:
    """Print the argument as a tree from the thesis down.

    Under each claim come the arguments for it (linked premises grouped under one argument,
    convergent arguments side by side), then the objections and concessions against it; each claim
    and argument carries its status. A claim that serves several conclusions is shown in full once
    and referred to elsewhere; claims no thesis reaches are listed after the theses.

    Example: argmap outline maps/maan-2024-chinas-total-national-security-paradigm.yaml --depth 2
    """
    import json

    from .outline import build_outline, evaluation, outline_markdown, outline_text

    m = _load_map(map_path, structure_only=True)[1]
    name, labels, why = evaluation(m, semantics)
    tree = build_outline(m, labels, why, depth=depth, semantics=name)
    if fmt == "json":
        click.echo(json.dumps(tree.to_json(), indent=2, ensure_ascii=False))
    elif fmt == "markdown":
        click.echo(outline_markdown(tree, reasons=reasons), nl=False)
    else:
        click.echo(outline_text(tree, style=True, reasons=reasons), nl=False, color=color)


class Trouble(Failure):
    """A failure where exit code 1 means an answer (diff's 'they differ'): it exits 2."""

    exit_code = 2


@main.command()
@click.argument("files", nargs=-1, required=True, metavar="OLD NEW")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
    help="text for people, markdown for reviews, json for programs.",
)
@click.option(
    "--git",
    "git",
    is_flag=True,
    help="Read the seven arguments git gives a diff driver (diff.argmap.command); always exit 0.",
)
@click.option("--color/--no-color", default=None, help="Colour the text (default: when printing to a terminal).")
def diff(files: tuple[str, ...], fmt: str, git: bool, color: bool | None) -> None:
    """Show what changed in the argument between two versions of a map.

    Claims added, removed, renamed (matched by their quotes), reworded, re-quoted, retyped;
    arguments added, removed, renamed, premises added or removed, linked premises split into
    convergent arguments or joined, conclusions and attack targets changed; thesis, assumptions
    and expectations; and the claims whose status changed. Exit status: 0 when the argument is the
    same, 1 when it differs, 2 on trouble (a usage error, a map with errors).

    Example: argmap diff old/greitens.yaml maps/greitens-2022-xi-jinpings-quest-for-order.yaml
    """
    import json

    from .comparison.diff import diff_maps, diff_markdown, diff_text, git_diff

    if git:
        if len(files) not in (7, 9):
            raise click.UsageError("--git takes the arguments git gives a diff driver: PATH OLD-FILE ... NEW-FILE ...")
        click.echo(git_diff(files[0], files[1], files[4], style=True), nl=False, color=color)
        return
    if len(files) != 2:
        raise click.UsageError("give two maps: OLD NEW")
    maps = []
    for name in files:
        if not Path(name).is_file():
            raise click.BadParameter(f"{name} is not a file", param_hint="OLD NEW")
        maps.append(_load_map(name, structure_only=True, failure=Trouble)[1])
    result = diff_maps(maps[0], maps[1], old_name=files[0], new_name=files[1])
    if fmt == "json":
        click.echo(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
    elif fmt == "markdown":
        click.echo(diff_markdown(result), nl=False)
    else:
        click.echo(diff_text(result, style=True), nl=False, color=color)
    sys.exit(0 if result.same else 1)


@main.command()
@click.argument("map_a", metavar="A", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("map_b", metavar="B", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people, json for programs.",
)
def agree(map_a: Path, map_b: Path, fmt: str) -> None:
    """Measure how far two maps of the same essay agree (inter-annotator agreement).

    Claims are matched by the overlap of their quotes: precision, recall and F1 of the claims, the
    overlap F1, Krippendorff's alpha over the essay's words; over the claims both maps have, Cohen's
    kappa and Krippendorff's alpha of their relations (support, rebuttal, undercut) and of how
    premises are grouped (linked or convergent); and a CASS-style combined score. Map A is the
    reference. Maps of different essays are refused.

    Example: argmap agree maps/greitens-2022-xi-jinpings-quest-for-order.yaml theirs/greitens.yaml
    """
    import json

    from .comparison.agree import AgreeError, agreement_text
    from .comparison.agree import agree as run_agree

    loaded = [_load_map(path)[0] for path in (map_a, map_b)]
    try:
        result = run_agree(loaded[0], loaded[1])
    except AgreeError as exc:
        raise Failure(str(exc)) from None
    if fmt == "json":
        click.echo(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
    else:
        click.echo(agreement_text(result), nl=False)
