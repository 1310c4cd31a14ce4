"""The one problem record, the registry of problem codes, and the output formats of `check`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    error = "error"
    warning = "warning"


@dataclass(frozen=True)
class Code:
    """A stable problem code: `E` codes are errors, `W` codes warnings (they fail under --strict)."""

    code: str
    name: str
    summary: str
    doc: str = ""

    @property
    def severity(self) -> Severity:
        return Severity.error if self.code.startswith("E") else Severity.warning


CODES: dict[str, Code] = {}
"""Every problem code the tool can report, by code."""


def register_code(code: str, name: str, summary: str, doc: str = "") -> Code:
    """Declare a problem code once; a second declaration of the same code is a programming error."""
    if code in CODES:
        raise ValueError(f"problem code {code} declared twice")
    entry = Code(code, name, summary, doc)
    CODES[code] = entry
    return entry


@dataclass(frozen=True, order=True)
class Problem:
    """One problem at a 1-based line and column of a file."""

    path: str
    line: int
    col: int
    code: str
    message: str = field(compare=False)
    hint: str | None = field(default=None, compare=False)

    @property
    def severity(self) -> Severity:
        return CODES[self.code].severity if self.code in CODES else Severity.error

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.error

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = self.severity.value
        data["name"] = CODES[self.code].name if self.code in CODES else None
        return data


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """' did you mean 'x'?' for the closest candidate, or '' when none is close."""
    import difflib

    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def count(problems: Sequence[Problem]) -> tuple[int, int]:
    """(errors, warnings) in problems."""
    errors = sum(1 for p in problems if p.is_error)
    return errors, len(problems) - errors


def _plural(n: int, word: str) -> str:
    from .words import plural

    return plural(n, word)


def summary_line(problems: Sequence[Problem], files: int) -> str:
    """The last line of `argmap check`."""
    errors, warnings = count(problems)
    if not problems:
        return f"Checked {_plural(files, 'map')}: no problems."
    with_problems = len({p.path for p in problems})
    parts = []
    if errors:
        parts.append(_plural(errors, "error"))
    if warnings:
        parts.append(_plural(warnings, "warning"))
    return f"Found {' and '.join(parts)} in {with_problems} of {_plural(files, 'map')}."


def format_text(
    problems: Sequence[Problem],
    *,
    show_source: bool = False,
    lines_of: Callable[[str], Sequence[str] | None] | None = None,
) -> str:
    """`path:line:col: CODE message`, then the source line with a caret if asked, then the hint.

    `lines_of(path)` returns the file's lines (for --show-source).
    """
    out: list[str] = []
    for p in problems:
        out.append(f"{p.path}:{p.line}:{p.col}: {p.code} {p.message}")
        if show_source and lines_of is not None:
            lines = lines_of(p.path)
            if lines and 0 < p.line <= len(lines):
                text = lines[p.line - 1].rstrip("\r\n").expandtabs(1)
                out.append(f"    {text}")
                out.append(f"    {' ' * (p.col - 1)}^")
        if p.hint:
            out.append(f"    = hint: {p.hint}")
    return "\n".join(out)


def format_json(problems: Sequence[Problem], files: int) -> str:
    import json

    errors, warnings = count(problems)
    return json.dumps(
        {
            "files": files,
            "errors": errors,
            "warnings": warnings,
            "problems": [p.to_dict() for p in problems],
        },
        indent=2,
        ensure_ascii=False,
    )


def _github_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(problems: Sequence[Problem]) -> str:
    """GitHub Actions workflow commands, so a pull request shows each problem on its line."""
    out = []
    for p in problems:
        kind = "error" if p.is_error else "warning"
        message = p.message + (f" (hint: {p.hint})" if p.hint else "")
        out.append(
            f"::{kind} file={_github_escape(p.path, prop=True)},line={p.line},col={p.col},"
            f"title={p.code}::{_github_escape(message)}"
        )
    return "\n".join(out)
