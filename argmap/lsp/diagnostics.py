"""Diagnostics: the problems `argmap check` finds in a map, as edited, at their exact ranges."""

from __future__ import annotations

from lsprotocol import types

from ..api import check, link_problems
from ..checks import Context
from ..problems import CODES, Problem
from .document import Document
from .workspace import World

UNNECESSARY = {"W303", "W207"}
"""Problems that mark something unused: editors fade it."""


def problems(doc: Document, world: World) -> list[Problem]:
    """Every problem of the map, sorted: exactly what `argmap check` reports for the file as edited
    (the essay read through the world's cache), and, like `argmap check` of the workspace folder,
    links whose target claim is missing from another map of the workspace (E208)."""
    if not doc.is_map:
        return []
    mf = doc.file
    if mf.map is not None:  # a new Context each time: the essay may have changed since the last check
        mf.context = Context(mf, read=world.essays.read)
    found = check(mf)
    if mf.map is not None and mf.map.links:
        others = [other.file for other in world.maps() if other.uri != doc.uri and other.file.map is not None]
        if others:
            found = sorted(found + [p for p in link_problems([mf, *others]) if p.path == mf.display])
    doc.problems = found
    return found


def to_diagnostic(doc: Document, problem: Problem) -> types.Diagnostic:
    """A problem as the editor shows it: its range is the whole YAML item at its position."""
    start, end = doc.problem_span(problem)
    code = CODES.get(problem.code)
    message = problem.message + (f"\nhint: {problem.hint}" if problem.hint else "")
    return types.Diagnostic(
        range=doc.range(start, end),
        message=message,
        severity=types.DiagnosticSeverity.Error if problem.is_error else types.DiagnosticSeverity.Warning,
        code=problem.code,
        source="argmap",
        tags=[types.DiagnosticTag.Unnecessary] if problem.code in UNNECESSARY else None,
        data={"hint": problem.hint, "name": code.name if code else None},
    )


def diagnostics(doc: Document, world: World) -> list[types.Diagnostic]:
    return [to_diagnostic(doc, p) for p in problems(doc, world)]
