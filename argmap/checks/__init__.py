"""The registry of checks: small generators of findings, each under a stable code.

A check receives a `Context` (the loaded map, its positions and, on demand, its source text) and
yields `Finding`s; `run_checks` turns them into Problems at the right line and column. A check's
docstring is its user documentation (shown by `argmap explain CODE`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ..load import Loc, MapFile, gc_paused
from ..problems import Code, Problem, register_code
from ..source import Match, SourceError, SourceText, read_source

if TYPE_CHECKING:
    from ..semantics import Evaluation

if TYPE_CHECKING:  # the analysis is imported only when a report or `analyze` asks for coverage
    from ..analysis import Coverage


@dataclass(frozen=True)
class Finding:
    """What a check found: where (a path into the map), what, and how to fix it."""

    loc: Loc
    message: str
    hint: str | None = None
    at: str = "value"
    """Point at the key ('key') or the value ('value') at loc."""


CheckFn = Callable[["Context"], Iterator[Finding]]
SourceReader = Callable[[Path, str], tuple[SourceText | None, SourceError | None, str | None]]
"""Reads a map's source: (map path, source.path as written) -> (text, error, sha256), as `read_source`."""


@dataclass(frozen=True)
class Check:
    code: Code
    run: CheckFn


CHECKS: dict[str, Check] = {}
"""Every check, by code, in registration order."""


def check(code: str, name: str, summary: str) -> Callable[[CheckFn], CheckFn]:
    """Register a check generator under a stable code; its docstring documents it."""

    def register(fn: CheckFn) -> CheckFn:
        CHECKS[code] = Check(register_code(code, name, summary, fn.__doc__ or ""), fn)
        return fn

    return register


class Context:
    """What checks look at: the valid model, positions, and the source text (read once, on demand)."""

    def __init__(self, mf: MapFile, *, read: SourceReader | None = None) -> None:
        """read: how the source is read (by default `read_source`; the language server passes a cache)."""
        assert mf.map is not None
        self.file = mf
        self.map = mf.map
        self.positions = mf.positions
        self._read = read or read_source

    @classmethod
    def of(cls, mf: MapFile) -> Context:
        """The map file's one Context: checks, reports and analysis share its source and quote
        matches instead of reading and matching again."""
        if mf.context is None:
            mf.context = cls(mf)
        context: Context = mf.context  # (load.py keeps it untyped: it may not import checks)
        return context

    @cached_property
    def _source(self) -> tuple[SourceText | None, SourceError | None, str | None]:
        if self.map.source is None:
            return None, None, None
        return self._read(self.file.path, self.map.source.path)

    @property
    def source(self) -> SourceText | None:
        return self._source[0]

    @property
    def source_error(self) -> SourceError | None:
        return self._source[1]

    @property
    def source_sha256(self) -> str | None:
        return self._source[2]

    @cached_property
    def _matches(self) -> tuple[list[tuple[str, int, str, list[Match]]], list[tuple[str, int, str, list[Match]]]]:
        """Claims' quotes and arguments' anchors, matched against the source in one pass."""
        if self.source is None:
            return [], []
        claims = [
            (claim_id, index, quote)
            for claim_id, claim in self.map.claims.items()
            for index, quote in enumerate(claim.quotes)
        ]
        anchors = [
            (arg_id, index, quote)
            for arg_id, argument in self.map.arguments.items()
            for index, quote in enumerate(argument.quotes)
        ]
        found = self.source.find_many([quote for *_, quote in claims + anchors], limit=10)
        return (
            [(claim_id, index, quote, found[quote]) for claim_id, index, quote in claims],
            [(arg_id, index, quote, found[quote]) for arg_id, index, quote in anchors],
        )

    @property
    def quote_matches(self) -> list[tuple[str, int, str, list[Match]]]:
        """(claim id, quote index, quote, matches) for every claim's quote, in map order (empty without
        a source)."""
        return self._matches[0]

    @property
    def anchor_matches(self) -> list[tuple[str, int, str, list[Match]]]:
        """(argument id, quote index, quote, matches) for every argument's anchor, in map order."""
        return self._matches[1]

    @cached_property
    def quote_spans(self) -> list[tuple[int, int]]:
        """(start, end) in the source of the first place each quote and anchor was found."""
        return [(found[0].start, found[0].end) for *_, found in self.quote_matches + self.anchor_matches if found]

    @cached_property
    def coverage(self) -> Coverage | None:
        """How much of the essay's body the quotes cover (None without a source)."""
        if self.source is None:
            return None
        from ..analysis import Coverage

        return Coverage(self.source, self.quote_spans, self.ignored_spans)

    @cached_property
    def ignored_spans(self) -> list[tuple[int, int]]:
        """(start, end) in the source of every ignored stretch that could be found."""
        if self.source is None or self.map.source is None:
            return []
        spans = (self.source.span_of(item.from_, item.to) for item in self.map.source.ignore)
        return [span for span in spans if span is not None]

    def thesis_loc(self, index: int) -> Loc:
        """Where the index-th thesis is written: in a list (`thesis: [a, b]`) or alone (`thesis: a`)."""
        return ("thesis", index) if isinstance(self.file.data.get("thesis"), list) else ("thesis",)

    @cached_property
    def evaluation(self) -> Evaluation:
        """The map evaluated with the semantics it declares."""
        from ..semantics import evaluate

        return evaluate(self.map)

    @cached_property
    def claim_ids(self) -> set[str]:
        return set(self.map.claims)

    @cached_property
    def argument_ids(self) -> set[str]:
        return set(self.map.arguments)


def run_checks(mf: MapFile, select: set[str] | None = None) -> list[Problem]:
    """Run every registered check (or those in select) on a valid map file."""
    if mf.map is None:
        return []
    ctx = Context.of(mf)
    problems = []
    with gc_paused():
        for code, entry in CHECKS.items():
            if select is not None and code not in select:
                continue
            for finding in entry.run(ctx):
                problems.append(mf.problem(entry.code, finding.loc, finding.message, finding.hint, at=finding.at))
    return problems


from . import evaluation, fidelity, quotes, references, structure, urls  # noqa: E402,F401  (registers the checks)
