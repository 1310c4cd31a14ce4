"""One map as the editor holds it: its text, the map as loaded, its YAML tokens, every id it defines
or uses (with exact offsets), and the conversions between offsets and LSP positions."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from lsprotocol import types
from pygls.uris import from_fs_path, to_fs_path

from ..files import looks_like_map
from ..load import MAX_BYTES, MapFile, data_at, loads
from ..problems import Problem

# the same scanner the loader uses, so that token marks and problem positions agree
_Loader = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader

_LSP_BREAK = re.compile(r"\r\n|\r|\n")
_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_SOURCE_PATH = re.compile(r"^source[ \t]*:[ \t]*\n(?:[ \t]+.*\n)*?[ \t]+path[ \t]*:[ \t]*([^#\n]+)", re.M)
_WORD = re.compile(r"[^\s]+")

Loc = tuple[Any, ...]
"""A path into a map's data: keys and list indices."""

SECTIONS = {
    "claims": "claim",
    "arguments": "argument",
    "concepts": "concept",
    "references": "reference",
    "issues": "issue",
}
"""The sections keyed by id, and the kind of thing each id names."""


def uri_of(path: Path) -> str:
    return from_fs_path(str(path)) or path.as_uri()


def path_of(uri: str) -> Path:
    """The file of a document's URI (an unsaved buffer gets a name in the working folder)."""
    fs = to_fs_path(uri)
    return Path(fs) if fs else Path.cwd() / "untitled.yaml"


class LineIndex:
    """Offsets (code points) in a text <-> LSP positions: 0-based lines split at \\r\\n, \\r and \\n, and
    characters counted in the encoding agreed with the client (UTF-16 unless it offered another)."""

    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        self.text = text
        self.encoding = encoding
        self.starts = [0]
        self.ends = []
        for m in _LSP_BREAK.finditer(text):
            self.ends.append(m.start())
            self.starts.append(m.end())
        self.ends.append(len(text))

    def _units(self, s: str) -> int:
        if self.encoding == "utf-32" or s.isascii():
            return len(s)
        if self.encoding == "utf-8":
            return len(s.encode("utf-8", "surrogatepass"))
        return len(s.encode("utf-16-le", "surrogatepass")) // 2

    def line_of(self, offset: int) -> int:
        return bisect_right(self.starts, max(0, offset)) - 1

    def position(self, offset: int) -> types.Position:
        offset = max(0, min(offset, len(self.text)))
        line = self.line_of(offset)
        start = self.starts[line]
        return types.Position(line=line, character=self._units(self.text[start : min(offset, self.ends[line])]))

    def offset(self, position: types.Position) -> int:
        if position.line < 0:
            return 0
        if position.line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[position.line], self.ends[position.line]
        want = max(0, position.character)
        if self.encoding == "utf-32" or self.text[start:end].isascii():
            return min(start + want, end)
        count, i = 0, start
        while i < end and count < want:
            count += self._units(self.text[i])
            i += 1
        return i

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(start), end=self.position(max(start, end)))

    def line_text(self, line: int) -> str:
        return self.text[self.starts[line] : self.ends[line]] if 0 <= line < len(self.starts) else ""


@dataclass(frozen=True)
class Token:
    """A YAML token that has text: a scalar (key or value) or a flow bracket, with its offsets."""

    kind: str
    """'scalar', or the bracket itself: '[', ']', '{', '}'."""
    start: int
    end: int
    value: str = ""
    style: str | None = None
    """How a scalar is written: None (plain), "'", '"', '|' or '>'."""


@dataclass(frozen=True)
class Occurrence:
    """An id where the map defines or uses it."""

    kind: str
    """claim, argument, concept, reference, issue, scheme, map (a map's own id, or a link's 'map'), or
    foreign-claim (a link's 'to': a claim of another map)."""
    name: str
    start: int
    end: int
    """Offsets of the id's own characters (inside quotes, when quoted)."""
    role: str
    """definition, premise, conclusion, attacks, thesis, assumption, position, expect in|out|undecided,
    link, link map, link to, concept, cites, attributed, scheme."""
    loc: Loc
    owner: str | None = None
    """The argument, claim or issue that holds the use."""
    map: str | None = None
    """For a link's 'to' and 'map': the other map's id."""

    @property
    def is_definition(self) -> bool:
        return self.role == "definition"


@dataclass(frozen=True)
class Node:
    """A key or scalar value of the map's data, with its offsets."""

    start: int
    end: int
    loc: Loc
    is_key: bool
    value: Any


def walk(data: Any, loc: Loc = ()) -> Iterator[tuple[Loc, Any]]:
    """Every (path, value) of plain YAML data, parents before children."""
    yield loc, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from walk(value, loc + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from walk(value, loc + (index,))


class Document:
    """A map's text as the editor has it, loaded and indexed on demand (each part computed once)."""

    def __init__(
        self, uri: str, text: str, *, version: int | None = None, encoding: str = "utf-16", path: Path | None = None
    ) -> None:
        self.uri = uri
        # a lone surrogate (JSON allows one) cannot be encoded: '?' keeps every offset where it was
        self.text = text if text.isascii() else text.encode("utf-8", "replace").decode("utf-8")
        self.version = version
        self.path = path if path is not None else path_of(uri)
        self.lines = LineIndex(self.text, encoding)
        self._base = 1 if self.text.startswith("\ufeff") else 0
        """loads drops a byte-order mark: its positions start after it."""
        self.problems: list[Problem] | None = None
        """The problems of the last check of this text (set by diagnostics.problems)."""

    @classmethod
    def from_disk(cls, path: Path, encoding: str = "utf-16") -> Document | None:
        """A map file that is not open in the editor, or None when it cannot be read as a UTF-8 map."""
        try:
            if path.stat().st_size > MAX_BYTES:
                return None
            text = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        return cls(uri_of(path), text, encoding=encoding, path=path) if looks_like_map(text) else None

    # -- loading --------------------------------------------------------------------------------
    @cached_property
    def is_map(self) -> bool:
        return looks_like_map(self.text)

    @cached_property
    def file(self) -> MapFile:
        """The map as `argmap check` loads it (problems collected, never raised)."""
        return loads(self.text, display=str(self.path))

    @property
    def data(self) -> dict[str, Any] | None:
        """The map's raw data when the YAML parsed to a mapping (valid against the schema or not)."""
        return self.file.data if isinstance(self.file.data, dict) else None

    @cached_property
    def map_id(self) -> str | None:
        value = self.data.get("id") if self.data else None
        return value if isinstance(value, str) else None

    def section(self, name: str) -> dict[str, Any]:
        """The entries of a section keyed by id (claims, arguments, ...), {} when absent or not a mapping."""
        value = self.data.get(name) if self.data else None
        return value if isinstance(value, dict) else {}

    @cached_property
    def source_path(self) -> str | None:
        """The map's `source.path` as written (read from the text when the YAML does not parse)."""
        if self.data is None:
            m = _SOURCE_PATH.search(self.text)
            return m.group(1).strip().strip("'\"") if m else None
        source = self.data.get("source")
        path = source.get("path") if isinstance(source, dict) else None
        return path if isinstance(path, str) and path else None

    @cached_property
    def real_path(self) -> Path:
        """The file with links resolved (how the workspace's files are compared)."""
        try:
            return self.path.resolve()
        except (OSError, RuntimeError):
            return self.path

    @cached_property
    def essay_file(self) -> Path | None:
        """The essay's file, resolved (whether or not it may be read: that is for read_source)."""
        if self.source_path is None:
            return None
        try:
            return (self.path.parent / self.source_path).resolve()
        except (OSError, ValueError, RuntimeError):
            return None

    # -- positions ------------------------------------------------------------------------------
    @cached_property
    def _yaml_starts(self) -> list[int]:
        text = self.text[self._base :]
        return [0] + [m.end() for m in _YAML_BREAK.finditer(text)]

    def offset_at(self, line: int, col: int) -> int:
        """The offset of a 1-based line and column as the YAML parser counts them (and problems carry)."""
        starts = self._yaml_starts
        line = max(1, min(line, len(starts)))
        return min(len(self.text), self._base + starts[line - 1] + max(0, col - 1))

    def range(self, start: int, end: int) -> types.Range:
        return self.lines.range(start, end)

    def offset(self, position: types.Position) -> int:
        return self.lines.offset(position)

    # -- tokens ---------------------------------------------------------------------------------
    @cached_property
    def _tokens(self) -> tuple[dict[int, Token], dict[int, int]]:
        """Scalars and flow brackets by start offset, and each opening bracket's closing end. The scan
        stops at the first syntax error, keeping the tokens before it."""
        by_start: dict[int, Token] = {}
        closing: dict[int, int] = {}
        stack: list[int] = []
        base = self._base
        try:
            for tok in yaml.scan(self.text[base:], Loader=_Loader):
                start, end = tok.start_mark.index + base, tok.end_mark.index + base
                if isinstance(tok, yaml.ScalarToken):
                    by_start[start] = Token("scalar", start, end, tok.value, tok.style)
                elif isinstance(tok, (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)):
                    by_start[start] = Token(self.text[start : start + 1], start, end)
                    stack.append(start)
                elif isinstance(tok, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)) and stack:
                    closing[stack.pop()] = end
        except Exception:  # any scanner failure only ends the token list early
            pass
        return by_start, closing

    def token_at(self, start: int) -> Token | None:
        """The scalar or opening bracket that starts at an offset."""
        return self._tokens[0].get(start)

    def closing_of(self, start: int) -> int | None:
        """The end offset of the bracket closing the one at start."""
        return self._tokens[1].get(start)

    def span_end(self, start: int) -> int:
        """Where the YAML item starting at an offset ends: a scalar's end (quotes included), a flow
        collection's closing bracket, or else the end of the word there."""
        tok = self.token_at(start)
        if tok is not None and tok.kind == "scalar":
            end = tok.end
            while end > start and self.text[end - 1].isspace():
                end -= 1
            return end
        if tok is not None:
            closing = self.closing_of(start)
            if closing is not None:
                return closing
        line = self.lines.line_of(start)
        line_end = self.lines.ends[line]
        if self.text.startswith("#", start):  # a comment (the top of a map that opens with one): all of it
            return line_end
        m = _WORD.match(self.text, start, line_end)
        if m is not None:
            return m.end()
        return min(start + 1, line_end) if start < line_end else start

    def problem_span(self, problem: Problem) -> tuple[int, int]:
        start = self.offset_at(problem.line, problem.col)
        return start, self.span_end(start)

    def _scalar_span(self, start: int, *, inner: bool) -> tuple[int, int] | None:
        tok = self.token_at(start)
        if tok is None or tok.kind != "scalar":
            return None
        if inner and tok.style in ("'", '"') and tok.end - tok.start >= 2:
            return tok.start + 1, tok.end - 1
        return tok.start, self.span_end(start)

    def key_span(self, loc: Loc) -> tuple[int, int] | None:
        """Offsets of the key of loc (for a list item: None)."""
        if not loc or not self.file.positions.has(loc) or isinstance(loc[-1], int):
            return None
        return self._scalar_span(self.offset_at(*self.file.positions.key(loc)), inner=True)

    def value_span(self, loc: Loc, *, inner: bool = True) -> tuple[int, int] | None:
        """Offsets of the scalar value at loc (inside its quotes with inner), None if it is no scalar."""
        if not self.file.positions.has(loc):
            return None
        return self._scalar_span(self.offset_at(*self.file.positions.value(loc)), inner=inner)

    def value_start(self, loc: Loc) -> int | None:
        """The offset where the value at loc starts (a scalar, a bracket, or a block's first key)."""
        if not self.file.positions.has(loc):
            return None
        return self.offset_at(*self.file.positions.value(loc))

    # -- ids ------------------------------------------------------------------------------------
    @cached_property
    def occurrences(self) -> list[Occurrence]:
        """Every id the map defines or uses, in text order."""
        if self.data is None:
            return []
        found = _Collector(self).collect()
        found.sort(key=lambda o: o.start)
        return found

    @cached_property
    def _occurrence_starts(self) -> list[int]:
        return [o.start for o in self.occurrences]

    def occurrence_at(self, offset: int) -> Occurrence | None:
        """The id under the cursor (the cursor may stand just after its last character)."""
        i = bisect_right(self._occurrence_starts, offset) - 1
        if i >= 0 and offset <= self.occurrences[i].end:
            return self.occurrences[i]
        return None

    def definition(self, kind: str, name: str) -> Occurrence | None:
        for o in self.occurrences:
            if o.is_definition and o.kind == kind and o.name == name:
                return o
        return None

    # -- every key and scalar -------------------------------------------------------------------
    @cached_property
    def nodes(self) -> list[Node]:
        """Every key and scalar value of the data with its offsets (quotes included), in text order."""
        data = self.data
        if data is None:
            return []
        found: list[Node] = []
        for loc, value in walk(data):
            if loc and isinstance(loc[-1], str):
                span = self.key_span(loc)
                if span is not None:
                    found.append(Node(span[0], span[1], loc, True, value))
            if not isinstance(value, (dict, list)):
                span = self.value_span(loc, inner=False)
                if span is not None:
                    found.append(Node(span[0], span[1], loc, False, value))
        found.sort(key=lambda n: n.start)
        return found

    @cached_property
    def _node_starts(self) -> list[int]:
        return [n.start for n in self.nodes]

    def node_at(self, offset: int) -> Node | None:
        i = bisect_right(self._node_starts, offset) - 1
        if i >= 0 and offset <= self.nodes[i].end:
            return self.nodes[i]
        return None

    def block_end(self, start: int) -> int:
        """The end of the last line of the block that starts with the key at offset start: the lines after
        it that are indented deeper (blank lines and comments at the block's end left out)."""
        line = self.lines.line_of(start)
        col = start - self.lines.starts[line]
        end = self.lines.ends[line]
        for number in range(line + 1, len(self.lines.starts)):
            text = self.lines.line_text(number)
            stripped = text.strip()
            if not stripped or stripped.startswith("#"):
                continue
            if len(text) - len(text.lstrip(" ")) <= col:
                break
            end = self.lines.ends[number]
        return end


class _Collector:
    """Gathers a document's occurrences, section by section."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.data: dict[str, Any] = doc.data or {}
        self.found: list[Occurrence] = []

    def collect(self) -> list[Occurrence]:
        self.use("map", ("id",), "definition")
        self.definitions()
        self.claim_uses()
        self.argument_uses()
        self.uses("claim", ("thesis",), "thesis")
        self.uses("claim", ("assumptions",), "assumption")
        for issue_id in self.doc.section("issues"):
            self.uses("claim", ("issues", issue_id, "positions"), "position", issue_id)
        for label in ("in", "out", "undecided"):
            self.uses("claim", ("expect", label), f"expect {label}")
        self.link_uses()
        return self.found

    def use(self, kind: str, loc: Loc, role: str, owner: str | None = None, other: str | None = None) -> None:
        value = data_at(self.data, loc)
        span = self.doc.value_span(loc) if isinstance(value, str) else None
        if span is not None:
            self.found.append(Occurrence(kind, value, span[0], span[1], role, loc, owner, other))

    def uses(self, kind: str, loc: Loc, role: str, owner: str | None = None) -> None:
        """A list of ids at loc (or one id, where the format allows either)."""
        value = data_at(self.data, loc)
        if isinstance(value, list):
            for index in range(len(value)):
                self.use(kind, loc + (index,), role, owner)
        else:
            self.use(kind, loc, role, owner)

    def definitions(self) -> None:
        for section, kind in SECTIONS.items():
            for item_id in self.doc.section(section):
                span = self.doc.key_span((section, item_id))
                if span is not None and isinstance(item_id, str):
                    self.found.append(Occurrence(kind, item_id, span[0], span[1], "definition", (section, item_id)))

    def claim_uses(self) -> None:
        references = self.doc.section("references")
        for claim_id, claim in self.doc.section("claims").items():
            if isinstance(claim, dict):
                self.uses("concept", ("claims", claim_id, "concepts"), "concept", claim_id)
                self.uses("reference", ("claims", claim_id, "cites"), "cites", claim_id)
                attributed = claim.get("attributed_to")
                if isinstance(attributed, str) and attributed in references:
                    self.use("reference", ("claims", claim_id, "attributed_to"), "attributed", claim_id)

    def argument_uses(self) -> None:
        claims, arguments = self.doc.section("claims"), self.doc.section("arguments")
        for arg_id, argument in arguments.items():
            if isinstance(argument, dict):
                self.uses("claim", ("arguments", arg_id, "premises"), "premise", arg_id)
                self.use("claim", ("arguments", arg_id, "conclusion"), "conclusion", arg_id)
                target = argument.get("attacks")
                kind = (
                    "argument" if isinstance(target, str) and target in arguments and target not in claims else "claim"
                )
                self.use(kind, ("arguments", arg_id, "attacks"), "attacks", arg_id)
                self.use("scheme", ("arguments", arg_id, "scheme"), "scheme", arg_id)

    def link_uses(self) -> None:
        links = self.data.get("links")
        if not isinstance(links, list):
            return
        for index, link in enumerate(links):
            if isinstance(link, dict):
                other = link.get("map") if isinstance(link.get("map"), str) else None
                self.use("claim", ("links", index, "claim"), "link")
                self.use("map", ("links", index, "map"), "link map")
                self.use("foreign-claim", ("links", index, "to"), "link to", other=other)
