"""The command line: each command parses its options, calls the library, prints, and sets the exit code."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__


class Failure(click.ClickException):
    """A clean, one-line failure with exit code 1 (never a traceback)."""

    exit_code = 1

    def show(self, file=None) -> None:
        click.echo(f"argmap: error: {self.format_message()}", err=True)


def _existing(path_type=None):
    return click.Path(exists=True, path_type=Path, dir_okay=path_type != "file")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="argmap")
def main() -> None:
    """Check, draw and report hand-made argument maps of essays."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text", show_default=True,
              help="text for people, json for programs, github for GitHub Actions annotations.")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.option("--show-source", is_flag=True, help="Print the offending line with a caret under the column.")
def check(paths: tuple[Path, ...], fmt: str, strict: bool, show_source: bool) -> None:
    """Check maps (files, or folders searched for *.yaml) and print every problem.

    Each problem is printed as `path:line:col: CODE message`, followed by a hint. Exit status:
    0 when clean, 1 when there are errors (or warnings, with --strict), 2 for a usage error.

    Example: argmap check --show-source maps/
    """
    from .api import check_paths
    from .problems import count, format_github, format_json, format_text, summary_line

    files, problems = check_paths(paths)
    if not files:
        raise Failure("no map files (*.yaml, *.yml) under " + ", ".join(map(str, paths)))
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
def schema(output: Path | None) -> None:
    """Print the JSON Schema (draft 2020-12) of the map format.

    Editors with the YAML language server use it for completion and hover documentation when a map
    starts with `# yaml-language-server: $schema=PATH`.

    Example: argmap schema -o schema/argmap.schema.json
    """
    import json

    from .model import json_schema

    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        click.echo(text, nl=False)
    else:
        from .output import write_atomic

        write_atomic(output, text)
        click.echo(f"wrote {output}")


@main.command()
@click.option("--source", "source", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The essay as a UTF-8 text file.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The map file to create (it must not exist).")
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
    try:
        text = new_map(source, output, map_id=map_id, title=title)
    except ValueError as exc:
        raise Failure(str(exc)) from None
    write_atomic(output, text)
    click.echo(f"wrote {output}")


@main.command()
@click.argument("code", required=False)
def explain(code: str | None) -> None:
    """Explain a problem code, with a failing and a passing example; without CODE, list all codes.

    Example: argmap explain E201
    """
    import inspect

    from .checks import CHECKS  # noqa: F401  (registers the check codes)
    from .problems import CODES

    if code is None:
        for entry in sorted(CODES.values(), key=lambda c: (c.code[1:], c.code)):
            click.echo(f"{entry.code}  {entry.name:<24} {entry.summary}")
        return
    entry = CODES.get(code.upper())
    if entry is None:
        raise click.BadParameter(f"no such code: {code} ('argmap explain' lists them)", param_hint="CODE")
    click.echo(f"{entry.code} {entry.name} ({entry.severity.value})\n")
    click.echo(entry.summary)
    if entry.doc:
        click.echo("\n" + inspect.cleandoc(entry.doc))


@main.command()
@click.argument("scheme_id", required=False)
def schemes(scheme_id: str | None) -> None:
    """List the argumentation schemes, or show one with its critical questions.

    Example: argmap schemes practical-reasoning
    """
    from .problems import did_you_mean
    from .schemes import SCHEMES

    if scheme_id is None:
        for scheme in SCHEMES.values():
            click.echo(f"{scheme.id:<22} {scheme.name}")
        return
    if scheme_id not in SCHEMES:
        raise click.BadParameter(f"no such scheme: {scheme_id}{did_you_mean(scheme_id, SCHEMES)}",
                                 param_hint="SCHEME_ID")
    scheme = SCHEMES[scheme_id]
    click.echo(f"{scheme.name} ({scheme.id})\n\n{scheme.pattern}\n\nCritical questions:")
    for number, question in enumerate(scheme.critical_questions, 1):
        click.echo(f"  {number}. {question}")
