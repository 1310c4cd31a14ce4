"""YAML -> model, keeping a 1-based line and column for every key and value.

Parser marks are converted to 1-based positions here and nowhere else. Every way a file can fail to
become a map (bytes, encoding, YAML syntax, duplicate keys, unsafe tags, alias bombs, schema errors)
ends as a Problem; nothing raises to the caller.
"""

from __future__ import annotations

import contextlib
import gc
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .model import (
    SLUG_PATTERN,
    WEIGHING_FUNCTIONS,
    ArgMap,
    Argument,
    Claim,
    Concept,
    Expect,
    IgnoreRange,
    Issue,
    Reference,
    Source,
)
from .problems import Code, Problem, did_you_mean, register_code

# the C parser is an optional part of PyYAML (present when it was built with libyaml); else the pure-Python one
_Loader = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader


MAX_BYTES = 16 * 1024 * 1024
"""Maps larger than this are refused (a whole book maps to a few megabytes)."""
MAX_DEPTH = 64
"""Deepest nesting of mappings and lists accepted; a map needs about five levels."""
MAX_NODES = 1_000_000
"""Most YAML nodes a map may hold once its aliases are expanded."""

E_SYNTAX = register_code("E001", "yaml-syntax", "The file is not valid YAML.")
E_DUPLICATE = register_code("E002", "duplicate-key", "A key appears twice in one mapping.")
E_UNSUPPORTED = register_code(
    "E003",
    "unsupported-yaml",
    "A YAML feature maps do not use: tags such as !!python/object, merge keys, complex keys.",
)
E_NOT_A_MAP = register_code("E004", "not-a-map", "The file is empty or its top level is not a mapping.")
E_UNREADABLE = register_code("E005", "unreadable-file", "The file cannot be read as UTF-8 text.")
E_TOO_LARGE = register_code("E006", "file-too-large", "The file is larger than the size limit.")
E_BOMB = register_code("E007", "yaml-bomb", "Aliases or nesting would expand the file beyond the limits.")
W_BOM = register_code("W008", "byte-order-mark", "The file starts with a byte-order mark.")
E_UNKNOWN_FIELD = register_code("E101", "unknown-field", "A field the format does not define.")
E_MISSING_FIELD = register_code("E102", "missing-field", "A required field is missing.")
E_WRONG_TYPE = register_code("E103", "wrong-type", "A value has the wrong type.")
E_INVALID_ID = register_code("E104", "invalid-id", "An id is not a kebab-case slug.")
E_INVALID_VALUE = register_code("E105", "invalid-value", "A value is not one the format allows.")
E_VERSION = register_code("E106", "unsupported-version", "The map's format version is not one this argmap reads.")

_RECOVERABLE = {E_DUPLICATE.code}


def _tag(tag: str) -> str:
    """A tag as it is written in YAML ('!!python/name:x' rather than 'tag:yaml.org,2002:python/name:x')."""
    return "!!" + tag[len("tag:yaml.org,2002:") :] if tag.startswith("tag:yaml.org,2002:") else tag


Loc = tuple[str | int, ...]
"""A path into the YAML data: keys (str) and list indices (int)."""


class Positions:
    """1-based (line, col) of every key and value in a YAML document, by path."""

    def __init__(self) -> None:
        self._at: dict[Loc, tuple[int, int, int, int]] = {(): (1, 1, 1, 1)}

    def add(self, loc: Loc, key_line: int, key_col: int, value_line: int, value_col: int) -> None:
        self._at[loc] = (key_line, key_col, value_line, value_col)

    def _nearest(self, loc: Loc) -> tuple[int, int, int, int]:
        loc = tuple(loc)
        while loc not in self._at:
            loc = loc[:-1]
        return self._at[loc]

    def key(self, loc: Loc) -> tuple[int, int]:
        """Where the key of loc is (for a list item: the item), or the nearest enclosing node."""
        kl, kc, _, _ = self._nearest(loc)
        return kl, kc

    def value(self, loc: Loc) -> tuple[int, int]:
        """Where the value at loc starts, or the nearest enclosing node's."""
        _, _, vl, vc = self._nearest(loc)
        return vl, vc

    def has(self, loc: Loc) -> bool:
        return tuple(loc) in self._at


@dataclass
class MapFile:
    """A map file as loaded: its text, raw data, positions, the model (when valid) and its problems."""

    path: Path
    """The file, as given."""
    display: str
    """The path as problems show it."""
    text: str | None = None
    data: Any = None
    positions: Positions = field(default_factory=Positions)
    map: ArgMap | None = None
    problems: list[Problem] = field(default_factory=list)
    context: Any = field(default=None, repr=False, compare=False)
    """The checks' Context (source text, quote matches), made once by checks.Context.of."""

    @property
    def ok(self) -> bool:
        """True when the file became a valid model (checks may still find problems)."""
        return self.map is not None

    def problem(self, code: Code, loc: Loc, message: str, hint: str | None = None, *, at: str = "value") -> Problem:
        line, col = self.positions.key(loc) if at == "key" else self.positions.value(loc)
        return Problem(self.display, line, col, code.code, message, hint)


def load(path: str | Path, *, display: str | None = None) -> MapFile:
    """Read and validate a map file; problems are collected on the result, never raised."""
    path = Path(path)
    mf = MapFile(path=path, display=display or str(path))
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            mf.problems.append(
                Problem(
                    mf.display,
                    1,
                    1,
                    E_TOO_LARGE.code,
                    f"the file is {size:,} bytes; maps are limited to {MAX_BYTES:,} bytes",
                    "split the map into several files, one per essay or chapter",
                )
            )
            return mf
        raw = path.read_bytes()
    except OSError as exc:
        mf.problems.append(
            Problem(
                mf.display,
                1,
                1,
                E_UNREADABLE.code,
                f"cannot read the file: {exc.strerror or exc}",
                "check the path and the file's permissions",
            )
        )
        return mf
    return _load_bytes(raw, mf)


def loads(text: str | bytes, display: str = "<string>") -> MapFile:
    """Validate a map given as text or bytes (the path is only used in messages)."""
    mf = MapFile(path=Path(display), display=display)
    raw = text.encode("utf-8") if isinstance(text, str) else text
    if len(raw) > MAX_BYTES:
        mf.problems.append(
            Problem(
                display,
                1,
                1,
                E_TOO_LARGE.code,
                f"the text is {len(raw):,} bytes; maps are limited to {MAX_BYTES:,}",
                "split the map into several files, one per essay or chapter",
            )
        )
        return mf
    return _load_bytes(raw, mf)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a map is turned into data, models and problems: these make
    no reference cycles, and a collector that walks the young objects every few hundred allocations
    costs a quarter of the time of a big map. Reference counting frees memory as usual."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _load_bytes(raw: bytes, mf: MapFile) -> MapFile:
    with gc_paused():
        return _load_text(raw, mf)


def _load_text(raw: bytes, mf: MapFile) -> MapFile:
    if raw.startswith(b"\xef\xbb\xbf"):
        mf.problems.append(
            Problem(
                mf.display,
                1,
                1,
                W_BOM.code,
                "the file starts with a UTF-8 byte-order mark",
                "save the file as UTF-8 without BOM",
            )
        )
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        mf.problems.append(
            Problem(
                mf.display,
                line,
                col,
                E_UNREADABLE.code,
                f"the file is not UTF-8: byte 0x{raw[exc.start]:02x} cannot be decoded",
                "save the file as UTF-8",
            )
        )
        return mf
    if "\x00" in text:
        offset = text.index("\x00")
        line, col = _line_col(text, offset)
        mf.problems.append(
            Problem(
                mf.display,
                line,
                col,
                E_UNREADABLE.code,
                "the file holds a NUL byte: it is binary, not a YAML map",
                "give argmap the YAML text of the map",
            )
        )
        return mf
    mf.text = text
    data = _from_events(text, mf)
    if data is _COMPOSE:  # anything the event path does not decide: the composer, as always
        root = _compose(text, mf)
        if root is None:
            return mf
        builder = _Builder(mf)
        data = builder.build(root)
        if builder.refused:
            return mf
    mf.data = data
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        mf.problems.append(
            Problem(
                mf.display,
                1,
                1,
                E_NOT_A_MAP.code,
                f"the top level is {kind}, not a mapping",
                "a map starts with 'argmap: 1', 'id:', 'title:' and its sections as keys",
            )
        )
        return mf
    # Duplicate keys (the first is kept) still leave data worth validating, so that one run reports
    # every problem.
    if any(p.is_error and p.code not in _RECOVERABLE for p in mf.problems):
        return mf
    try:
        mf.map = ArgMap.model_validate(data)
    except ValidationError as exc:
        mf.problems.extend(_schema_problems(exc, mf))
    return mf


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


_FLOW = re.compile(r"[\[\]{}]")
_ANCHOR = re.compile(r"(?:^|[\s\[{,:?-])&[^\s,\[\]{}]", re.M)


def _flow_depth_exceeds(text: str) -> bool:
    """A fast upper bound: could flow brackets nest deeper than MAX_DEPTH? (Only then parse events.)"""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return False
    depth = top = 0
    for m in _FLOW.finditer(text):
        depth = depth + 1 if m.group() in "[{" else max(0, depth - 1)
        top = max(top, depth)
        if top > MAX_DEPTH:
            return True
    return False


def _too_deep_nesting(text: str, display: str) -> Problem | None:
    """The problem of the first mapping or list nested deeper than MAX_DEPTH (found from the parser's
    events, before the recursive composer would meet it), or None."""
    if not _flow_depth_exceeds(text):
        return None
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                line, col = _position(event.start_mark)
                return Problem(
                    display,
                    line,
                    col,
                    E_BOMB.code,
                    f"mappings and lists nest deeper than {MAX_DEPTH} levels",
                    "a map needs about five levels: check the brackets and indentation",
                )
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return None


def _position(mark: Any) -> tuple[int, int]:
    """The 1-based (line, col) of a parser's mark (0-based); (1, 1) when the parser gave none."""
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _compose(text: str, mf: MapFile) -> yaml.Node | None:
    """The YAML node tree, or None with a problem. Deep nesting is refused before the (recursive) composer."""
    try:
        deep = _too_deep_nesting(text, mf.display)
        if deep is not None:
            mf.problems.append(deep)
            return None
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        line, col, message, hint = _syntax_hint(text, exc)
        mf.problems.append(Problem(mf.display, line, col, E_SYNTAX.code, f"invalid YAML: {message}", hint))
        return None
    except yaml.YAMLError as exc:  # errors without a mark (rare: reader errors)
        mf.problems.append(
            Problem(mf.display, 1, 1, E_SYNTAX.code, f"invalid YAML: {exc}", "save the map as plain UTF-8 YAML")
        )
        return None
    if root is None:
        mf.problems.append(
            Problem(
                mf.display,
                1,
                1,
                E_NOT_A_MAP.code,
                "the file is empty",
                "start with 'argmap: 1', an 'id:' and a 'title:', or run 'argmap new'",
            )
        )
    return root


_KEY_LINE = re.compile(r"^( *)(- +)?((?:[^\s#:'\"\[\]{},-]|-(?! ))[^:#]*?|\"[^\"]*\"|'[^']*') *:(?: +(.*?))? *$")
_FLOW_VALUE = re.compile(r"^([\[{]).*[\]}]\s*(?:#.*)?$")


@dataclass(frozen=True)
class _Line:
    """A line of a map that holds a key ('key: value' or '- key: value'), as indentation sees it."""

    number: int
    indent: int
    key: str
    value: str
    key_col: int


def _key_line(lines: list[str], number: int) -> _Line | None:
    text = lines[number - 1] if 0 < number <= len(lines) else ""
    m = _KEY_LINE.match(text)
    if m is None:
        return None
    value = (m.group(4) or "").split(" #")[0].strip()
    return _Line(number, len(m.group(1)), m.group(3).strip("'\""), value, m.start(3) + 1)


def _key_lines_above(lines: list[str], number: int) -> list[_Line]:
    """The key lines above line number, nearest first (comments, blank lines and continued text skipped)."""
    found = (_key_line(lines, n) for n in range(number - 1, 0, -1))
    return [k for k in found if k is not None]


def _open_keys(above: list[_Line]) -> list[_Line]:
    """The nearest key line, then each key enclosing it: the keys a following line can line up with."""
    chain: list[_Line] = []
    for k in above:
        if not chain or k.indent < chain[-1].indent:
            chain.append(k)
            if k.indent == 0:
                break
    return chain


def _spaces(n: int) -> str:
    return f"{n} space{'s' if n != 1 else ''}"


def _leftover_flow(lines: list[str], before: _Line) -> tuple[int, int, str, str]:
    """A key whose value is written in brackets on its line, with entries below it as well."""
    col = lines[before.number - 1].index(before.value) + 1
    if before.value[1:-1].strip() == "":
        return (
            before.number,
            col,
            f"'{before.key}: {before.value}' says {before.key} is empty, but entries follow it on the lines below",
            f"remove the '{before.value}' after '{before.key}:' so that the indented entries belong to it",
        )
    return (
        before.number,
        col,
        f"'{before.key}' is written in brackets on its line, and more entries follow below it",
        f"write the entries of '{before.key}' either inside the brackets or on the lines below, not both",
    )


def _too_shallow_line(above: list[_Line], indent: int) -> tuple[int, int, str, str] | None:
    """The key line just above, indented less than the fields before and after it (a field at its
    owner's level): it ended its owner, and the parser stopped at the next field."""
    before = above[0]
    if not (before.value and before.indent < indent and len(above) > 1 and above[1].indent == indent):
        return None
    owner = next((k for k in above[2:] if k.indent < indent), None)
    lost = f", so it is no longer a field of '{owner.key}'" if owner else ""
    return (
        before.number,
        before.key_col,
        f"'{before.key}' is indented {_spaces(before.indent)}, the fields around it {indent}{lost}",
        f"indent '{before.key}' {_spaces(indent)}, like '{above[1].key}' above it",
    )


def _indentation(lines: list[str], line: int, problem: str) -> tuple[int, int, str, str] | None:
    """The indentation mistake that made YAML stop at line, if it looks like one (else None)."""
    here = _key_line(lines, line)
    above = _key_lines_above(lines, line)
    if not above:
        return None
    before = above[0]
    indent = here.indent if here else len(lines[line - 1]) - len(lines[line - 1].lstrip(" "))
    if _FLOW_VALUE.match(before.value) and indent > before.indent:
        return _leftover_flow(lines, before)
    shallow = _too_shallow_line(above, indent) if here is not None else None
    if shallow is not None:
        return shallow
    if "mapping values" in problem:
        if here is None or not before.value or indent <= before.indent:
            return None
        return (
            line,
            here.key_col,
            f"'{here.key}' is indented more than '{before.key}' above it, so it reads as part of the value of "
            f"'{before.key}'",
            f"indent '{here.key}' {_spaces(before.indent)}, like '{before.key}'"
            if before.indent
            else f"start '{here.key}' at the beginning of the line, like '{before.key}'",
        )
    chain = _open_keys(above)
    if indent in {k.indent for k in chain}:
        return None
    deeper = [k for k in chain if k.indent > indent]
    shallower = [k for k in chain if k.indent < indent]
    options = [k for k in (deeper[-1] if deeper else None, shallower[0] if shallower else None) if k is not None]
    what = f"'{here.key}'" if here else "this line"
    hint = "indent it " + ", or ".join(
        f"{_spaces(k.indent) if i == 0 else k.indent} like '{k.key}'" for i, k in enumerate(options)
    )
    return line, indent + 1, f"{what} is indented {_spaces(indent)}, which lines up with no key above it", hint


_PLAIN = (  # what the parser says (libyaml's or PyYAML's words) -> (the cause in plain words, a hint)
    (
        "undefined alias",
        "'*' starts an alias, and no anchor of that name is defined",
        "maps need no aliases: put text that starts with '*' in quotes",
    ),
    (
        "unknown escape",
        "an unknown escape sequence (a backslash) in a text in double quotes",
        "write a backslash as \\\\ in double quotes, or use single quotes",
    ),
    (
        "expected ',' or ']'",
        "a list in [ ] is not closed, or its items are not separated by commas",
        "close the list with ']', and put items holding ',' ':' or brackets in quotes",
    ),
    (
        "expected ',' or '}'",
        "a mapping in { } is not closed, or its entries are not separated by commas",
        "close the mapping with '}', and put values holding ',' ':' or brackets in quotes",
    ),
    ("another document", "a second YAML document starts here", "a map is one YAML document: remove the '---' line"),
    ("document indicator", "a second YAML document starts here", "a map is one YAML document: remove the '---' line"),
    (
        "'-' indicator",
        "a key among list items: the lines above at this indentation start with '- '",
        "write the entries either all as list items ('- ') or all as keys",
    ),
    ("node content", "a value is missing here", "write a value, or put text holding special characters in quotes"),
    ("duplicate anchor", "the same anchor ('&name') is defined twice", "maps need no anchors: write each value out"),
    (
        "expected key",
        "this line does not line up with the keys above it",
        "check the indentation of this line against the lines above it",
    ),
    (
        "block end",
        "this line does not line up with the keys above it",
        "check the indentation of this line against the lines above it",
    ),
)


def _where_it_opened(lines: list[str], exc: yaml.MarkedYAMLError, line: int) -> tuple[int, int, str, str] | None:
    """A quote, bracket or key left open: reported where it starts, not where the parser gave up."""
    problem, start = exc.problem or "", exc.context_mark
    if start is None:
        return None
    at = (start.line + 1, start.column + 1)
    if "end of stream" in problem and "quoted" in (exc.context or ""):
        quote = lines[start.line][start.column] if start.line < len(lines) else '"'
        return *at, "this text in quotes is never closed", f"add the closing {quote} at the end of the text"
    bracket = next((b for b in ("]", "}") if f"',' or '{b}'" in problem), None)
    if bracket and start.line + 1 < line:
        kind = "list in [ ]" if bracket == "]" else "mapping in { }"
        hint = f"close it with '{bracket}', and put items holding ',' or ':' in quotes"
        return *at, f"this {kind} is not closed on its line", hint
    if "expected ':'" in problem:
        return *at, "this line has no ':' after its key", "write each field as 'name: value'"
    return None


def _by_character(here: str, line: int, col: int, problem: str) -> tuple[int, int, str, str] | None:
    """A character that cannot be where it is: a tab in the indentation, a stray bracket or '@'."""
    if "\t" in here[: len(here) - len(here.lstrip())] or "tab" in problem or ("token" in problem and "\t" in here):
        tab = here.find("\t")
        return (
            line,
            (tab + 1 if tab >= 0 else col),
            "a tab in the indentation",
            "YAML indentation must use spaces, not tabs",
        )
    char = here[col - 1] if 0 < col <= len(here) else ""
    if "cannot start any token" in problem and char:
        return line, col, f"a value cannot start with {char!r}", "put the value in quotes"
    if "node content" in problem and char and char in "]},-":
        if char == "-":
            hint = "in brackets, items are separated by commas; or drop the brackets and write the items below"
            return line, col, "a list item ('- ') inside { } or [ ]", hint
        return (
            line,
            col,
            f"a value cannot start with {char!r}",
            f"put the value in quotes, or remove the stray {char!r}",
        )
    return None


_KEY_OR_ITEM = re.compile(r"\s*(?:- |[\w.-]+:(?:\s|$))")
"""A line that starts a key or a list item: inside a text in quotes, a sign that the quotes were never closed."""


def _quoted_scalars(text: str) -> list[yaml.ScalarToken]:
    """The texts in quotes, as YAML's scanner reads them, up to where it fails."""
    found = []
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'"):
                found.append(token)
    except yaml.YAMLError:
        pass
    return found


def _quote_trouble(text: str, line: int, col: int) -> tuple[int, int, str, str] | None:
    """A quote mark that ends a text in quotes too early, or a text in quotes never closed on its line.

    `quote: "the "figures" are"` ends the text at the second mark, and the rest of the line is left
    over; `quote: "text` with no closing mark runs on to the next mark, lines below, so YAML fails
    far from the mistake. Both are reported at the quote mark to fix.
    """
    rows = text.splitlines()
    for token in reversed(_quoted_scalars(text)):
        start, end = token.start_mark, token.end_mark
        if end.line + 1 > line:
            continue
        if any(_KEY_OR_ITEM.match(row) for row in rows[start.line + 1 : end.line + 1]):
            return (
                start.line + 1,
                start.column + 1,
                f"this text in quotes is not closed on its line: it runs on to the {token.style} on line "
                f"{end.line + 1}",
                f"add the closing {token.style} at the end of the text",
            )
        if end.line + 1 == line and end.column < col and not rows[line - 1][end.column : col - 1].strip():
            mark = token.style
            escaped = '\\"' if mark == '"' else "''"
            other = "'" if mark == '"' else '"'
            return (
                line,
                end.column,
                f"this {mark} ends the text in quotes that starts at column {start.column + 1}, "
                "and more text follows it",
                f"inside {mark}...{mark}, write a {mark} as {escaped}, or put the text in {other}...{other}",
            )
    return None


def _colon_in_value(lines: list[str], line: int, col: int) -> tuple[int, int, str, str]:
    key = _key_line(lines, line)
    if key is None:
        return line, col, "': ' where YAML cannot start a new key", "a value containing ': ' must be in quotes"
    example = f'{key.key}: "{key.value}"' if key.value and '"' not in key.value and len(key.value) <= 60 else None
    return (
        line,
        col,
        f"the value of '{key.key}' contains ': ', which YAML reads as a new key",
        f"put the value in quotes: {example}" if example else "a value containing ': ' must be in quotes",
    )


def _syntax_hint(text: str, exc: yaml.MarkedYAMLError) -> tuple[int, int, str, str]:
    """(line, col, message, hint) of a YAML syntax error: the cause in plain words, at the line to fix.

    Indentation mistakes are recognised (a key one level too deep or too shallow, a few spaces off,
    a leftover '{}' or '[]' followed by entries) and reported where the mistake is, which is not
    always where the parser stopped; parser jargon ("while scanning a plain scalar") is left out.
    """
    mark = exc.problem_mark or exc.context_mark
    line, col = _position(mark)
    problem = (exc.problem or exc.context or "").strip()
    lines = text.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    found = (
        _by_character(here, line, col, problem) or _where_it_opened(lines, exc, line) or _quote_trouble(text, line, col)
    )
    if found is None and here and any(k in problem for k in ("mapping values", "expected key", "block end", "'-'")):
        found = _indentation(lines, line, problem)
    if found is None and "mapping values" in problem:
        found = _colon_in_value(lines, line, col)
    if found is not None:
        return found
    _, message, hint = next(
        (entry for entry in _PLAIN if entry[0] in problem),
        ("", "the YAML cannot be read here", "check the indentation and quotes of this line"),
    )
    return line, col, message, hint


_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP = (
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")
)
_MAP, _SEQ, _MERGE = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:merge"

_COMPOSE = object()
"""What _from_events returns when the document needs the composer (see there)."""


class _Rare(Exception):
    """The event path meets something it leaves to the composer."""


def _from_events(text: str, mf: MapFile) -> Any:
    """Plain data and positions straight from libyaml's events, without a node tree: the same
    parser, marks, tag resolution and duplicate-key problems as the composer and _Builder, at a
    fraction of the time and memory.

    Anything rare is left to the composer (returns _COMPOSE, having changed nothing): syntax errors
    (for their messages and hints), anchors and aliases (for the expansion limits), explicit tags,
    merge keys, complex keys, a top level that is not a mapping, several documents, and nesting
    deeper than MAX_DEPTH.
    """
    from yaml._yaml import CParser

    at: dict[tuple[Any, ...], tuple[int, int, int, int]] = {}
    problems: list[Problem] = []
    parser = CParser(text)
    get = parser.get_event
    try:
        get()  # the stream's start
        if type(get()) is not yaml.DocumentStartEvent:
            raise _Rare("an empty stream")
        root = _mapping_from_events(get, at, problems, mf.display)
        if type(get()) is not yaml.DocumentEndEvent or type(get()) is not yaml.StreamEndEvent:
            raise _Rare("a second document")
    except (yaml.YAMLError, _Rare):
        return _COMPOSE
    finally:
        parser.dispose()
    mf.positions._at = at
    mf.problems.extend(problems)
    return root


def _mapping_from_events(  # noqa: C901 - the loader's hot loop: one function, so no call per YAML node
    get: Any, at: dict[tuple[Any, ...], tuple[int, int, int, int]], problems: list[Problem], display: str
) -> dict[str, Any]:
    """The top-level mapping, its positions in at and its duplicate keys in problems. One loop over
    every event of the document, kept in one function because it runs once per node."""
    starts = {first for first in _Loader.yaml_implicit_resolvers if first}
    scalar_event, mapping_start, sequence_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    event: Any = get()
    if type(event) is not mapping_start or event.anchor is not None or event.tag is not None:
        raise _Rare("not a plain mapping")
    mark: Any = event.start_mark
    at[()] = (1, 1, mark.line + 1, mark.column + 1)
    root: dict[str, Any] = {}
    stack: list[tuple[Any, tuple[Any, ...], bool]] = []  # the open containers above: (container, its loc, is a mapping)
    container: Any = root
    loc: tuple[Any, ...] = ()
    in_map = True
    key: Any = None  # the pending key of the open mapping (a str), or None
    key_mark: Any = None
    new: dict[str, Any] | list[Any] | None = None
    skip = 0  # the containers open in the value of a duplicate key, which the composer's builder never visits
    while True:
        event = get()
        kind = type(event)
        if kind is scalar_event:
            if event.anchor is not None or event.tag is not None:
                raise _Rare("an anchor or a tag")
            if skip:
                continue
            value = event.value
            if in_map and key is None:
                if value == "<<" and event.implicit[0]:
                    raise _Rare("a merge key")
                key, key_mark = value, event.start_mark
                continue
            if event.implicit[0] and (value[:1] in starts or not value):
                value = _plain(value)
            new = None
        elif kind is mapping_start or kind is sequence_start:
            if event.anchor is not None or event.tag is not None:
                raise _Rare("an anchor or a tag")
            if len(stack) + skip >= MAX_DEPTH - 1:
                raise _Rare("deep nesting, which the composer's path measures and refuses")
            if skip:
                skip += 1
                continue
            if in_map and key is None:
                raise _Rare("a complex key")
            value = new = {} if kind is mapping_start else []
        elif kind is mapping_end or kind is sequence_end:
            if skip:
                skip -= 1
                continue
            if not stack:
                return root
            container, loc, in_map = stack.pop()
            key = None
            continue
        else:
            raise _Rare("an alias")
        mark = event.start_mark
        if in_map:
            child = loc + (key,)
            if key in container:
                problems.append(_duplicate(display, key, key_mark, at[child][0]))
                key = None
                skip = 0 if new is None else 1
                continue
            at[child] = (key_mark.line + 1, key_mark.column + 1, mark.line + 1, mark.column + 1)
            container[key] = value
            key = None
        else:
            child = loc + (len(container),)
            line, col = mark.line + 1, mark.column + 1
            at[child] = (line, col, line, col)
            container.append(value)
        if new is not None:
            stack.append((container, loc, in_map))
            container, loc, in_map = new, child, kind is mapping_start


def _plain(value: str) -> Any:
    """A plain scalar resolved and constructed as the composer and _Builder do (YAML 1.1: null,
    bool, int, float; timestamps stay text)."""
    resolvers = _Loader.yaml_implicit_resolvers
    tag = _STR
    for candidate, regexp in resolvers.get(value[:1], []) + resolvers.get(None, []):
        if regexp.match(value):
            tag = candidate
            break
    if tag in (_STR, _TIMESTAMP):
        return value
    if tag == _NULL:
        return None
    if tag not in (_INT, _FLOAT, _BOOL):
        raise _Rare(f"the implicit tag {tag}")
    node = yaml.ScalarNode(tag, value)
    constructor = yaml.constructor.SafeConstructor()
    try:
        if tag == _INT:
            return constructor.construct_yaml_int(node)
        if tag == _FLOAT:
            return constructor.construct_yaml_float(node)
        return constructor.construct_yaml_bool(node)
    except (ValueError, yaml.YAMLError):
        return value


def _duplicate(display: str, key: str, mark: Any, first_line: int) -> Problem:
    return Problem(
        display,
        mark.line + 1,
        mark.column + 1,
        E_DUPLICATE.code,
        f"duplicate key '{key}' (first defined at line {first_line})",
        "YAML keeps only one of them: remove or rename one",
    )


def _alias_expansion(root: yaml.Node) -> tuple[int, yaml.Node | None, yaml.Node | None]:
    """How many nodes root holds once its aliases are expanded, found without expanding them (sizes
    are summed over distinct nodes, depth first): (the size, at most MAX_NODES + 1; the first
    collection met a second time, which is what an alias shares; a node that an alias inside it
    refers to, when there is one, and then the size is 0)."""
    sizes: dict[int, int] = {}
    active: set[int] = set()
    shared = None
    stack = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            sizes[key] = min(1 + sum(sizes[id(child)] for child in _children(node)), MAX_NODES + 1)
            active.discard(key)
        elif key in active:
            return 0, shared, node
        elif key in sizes:
            if shared is None and not isinstance(node, yaml.ScalarNode):
                shared = node
        elif isinstance(node, yaml.ScalarNode):
            sizes[key] = 1
        else:
            sizes[key] = 0
            active.add(key)
            stack.append((node, True))
            stack.extend((child, False) for child in _children(node))
    return sizes[id(root)], shared, None


def _children(node: yaml.Node) -> list[yaml.Node]:
    """The nodes directly under node, in the order the walk above stacks them: a mapping's value
    before its key, pair by pair; a list's items; nothing under a scalar."""
    if isinstance(node, yaml.MappingNode):
        return [part for key, value in node.value for part in (value, key)]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


class _Builder:
    """Turns a composed node tree into plain Python data, recording positions and problems."""

    def __init__(self, mf: MapFile) -> None:
        self.mf = mf
        self.positions = mf.positions
        self.constructor = yaml.constructor.SafeConstructor()
        self.refused = False

    def _problem(self, code: Code, mark: yaml.Mark, message: str, hint: str | None = None) -> None:
        self.mf.problems.append(Problem(self.mf.display, mark.line + 1, mark.column + 1, code.code, message, hint))

    def build(self, root: yaml.Node) -> Any:
        if self.mf.text is None or _ANCHOR.search(self.mf.text):  # only aliases can expand a document
            size = self._expanded_size(root)
            if size is not None:
                return None
        root_mark = root.start_mark
        self.positions.add((), 1, 1, root_mark.line + 1, root_mark.column + 1)
        return self._node(root, ())

    def _expanded_size(self, root: yaml.Node) -> int | None:
        """Refuse documents whose aliases expand beyond MAX_NODES (a 'billion laughs') or refer to
        themselves, without expanding them: the size of a refused document, else None."""
        total, shared, cycle = _alias_expansion(root)
        if cycle is not None:
            self._problem(
                E_BOMB,
                cycle.start_mark,
                "an alias refers to a node that contains it",
                "maps do not need anchors and aliases: write each value out",
            )
            self.refused = True
            return 0
        if total > MAX_NODES:
            self._problem(
                E_BOMB,
                (shared or root).start_mark,
                f"aliases expand this document to more than {MAX_NODES:,} nodes",
                "maps do not need anchors and aliases: write each value out",
            )
            self.refused = True
            return total
        return None

    def _node(self, node: yaml.Node, loc: Loc) -> Any:
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP:
                self._problem(
                    E_UNSUPPORTED,
                    node.start_mark,
                    f"the tag '{_tag(node.tag)}' is not allowed in a map",
                    "remove the tag: maps hold plain data",
                )
            result: dict[str, Any] = {}
            first_at: dict[str, Any] = {}
            for knode, vnode in node.value:
                if not isinstance(knode, yaml.ScalarNode):
                    self._problem(
                        E_UNSUPPORTED,
                        knode.start_mark,
                        "a key must be plain text, not a list or mapping",
                        "write the key as a single word or id",
                    )
                    continue
                if knode.tag == _MERGE:
                    self._problem(
                        E_UNSUPPORTED,
                        knode.start_mark,
                        "merge keys ('<<') are not supported in maps",
                        "write the merged fields out",
                    )
                    continue
                key = knode.value
                if key in result:
                    first = first_at[key]
                    self._problem(
                        E_DUPLICATE,
                        knode.start_mark,
                        f"duplicate key '{key}' (first defined at line {first.line + 1})",
                        "YAML keeps only one of them: remove or rename one",
                    )
                    continue
                first_at[key] = knode.start_mark
                child = loc + (key,)
                km, vm = knode.start_mark, vnode.start_mark
                self.positions.add(child, km.line + 1, km.column + 1, vm.line + 1, vm.column + 1)
                result[key] = self._node(vnode, child)
            return result
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                self._problem(
                    E_UNSUPPORTED,
                    node.start_mark,
                    f"the tag '{_tag(node.tag)}' is not allowed in a map",
                    "remove the tag: maps hold plain data",
                )
            items = []
            for index, vnode in enumerate(node.value):
                child = loc + (index,)
                vm = vnode.start_mark
                self.positions.add(child, vm.line + 1, vm.column + 1, vm.line + 1, vm.column + 1)
                items.append(self._node(vnode, child))
            return items
        assert isinstance(node, yaml.ScalarNode)  # the composer makes no other kind of node
        return self._scalar(node)

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        if tag == _STR:
            return node.value
        if tag == _TIMESTAMP:
            return node.value  # dates stay as written
        try:
            if tag == _INT:
                return self.constructor.construct_yaml_int(node)
            if tag == _FLOAT:
                return self.constructor.construct_yaml_float(node)
            if tag == _BOOL:
                return self.constructor.construct_yaml_bool(node)
            if tag == _NULL:
                return None
        except (ValueError, yaml.YAMLError):
            return node.value
        self._problem(
            E_UNSUPPORTED,
            node.start_mark,
            f"the tag '{_tag(tag)}' is not allowed in a map",
            "maps are plain data: remove the tag (argmap never constructs objects from YAML)",
        )
        return node.value


# --- schema errors -> problems -------------------------------------------------------------

_SECTION_MODELS: dict[str, type[BaseModel]] = {
    "claims": Claim,
    "concepts": Concept,
    "arguments": Argument,
    "references": Reference,
    "issues": Issue,
}
_SECTION_NOUNS = {
    "claims": "claim",
    "concepts": "concept",
    "arguments": "argument",
    "references": "reference",
    "issues": "issue",
}


def _model_at(loc: Loc) -> type[BaseModel] | None:
    """The model class whose fields live at loc (a mapping in the data), if any."""
    if not loc:
        return ArgMap
    if loc == ("source",):
        return Source
    if loc == ("expect",):
        return Expect
    if len(loc) == 3 and loc[:2] == ("source", "ignore"):
        return IgnoreRange
    if len(loc) == 2 and loc[0] in _SECTION_MODELS:
        return _SECTION_MODELS[loc[0]]
    return None


def _field_names(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


def describe(loc: Loc) -> str:
    """A reader's name for a place in the map: "claim 'x'", "field 'quote' of claim 'x'", "source.ignore[2]"."""
    loc = tuple(loc)
    if len(loc) >= 2 and loc[0] in _SECTION_NOUNS and isinstance(loc[1], str):
        owner = f"{_SECTION_NOUNS[loc[0]]} '{loc[1]}'"
        rest = loc[2:]
        if not rest:
            return owner
        return f"'{_dotted(rest)}' of {owner}"
    if not loc:
        return "the map"
    return f"'{_dotted(loc)}'"


def _dotted(loc: Loc) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _clean_loc(data: Any, loc: Loc) -> Loc:
    """Drop the parts of a pydantic loc that name union members or validators, keeping real data paths."""
    out: list[str | int] = []
    node = data
    for part in loc:
        if _holds(node, part):
            out.append(part)
            node = node[part]
        elif part == "[key]":
            out.append(part)
            break
    return tuple(out)


def _holds(node: Any, part: str | int) -> bool:
    """True when part is a key of node (a mapping) or an index into it (a list)."""
    if isinstance(node, dict):
        return isinstance(part, str) and part in node
    return isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)


_KINDS = {
    "string_type": "text",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "float_type": "a number",
}


def _kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if value is None:
        return "nothing (null)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return f"the text '{value}'"


def _slugify(text: object) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")
    return slug or "claim-1"


_FIELD_HINTS = {
    "text": "with the claim in your own words",
    "title": "with the essay's title",
    "id": "with a short kebab-case id for the map",
    "label": "with the concept's name",
    "citation": "with the full citation",
    "reason": "saying why this part carries no argument",
    "path": "with the path of the essay's text, relative to the map",
    "premises": "with the ids of the premises",
    "from": "with the first words of the ignored stretch",
}


def _schema_problems(exc: ValidationError, mf: MapFile) -> list[Problem]:
    data = mf.data
    errors: list[tuple[Loc, ErrorDetails]] = []
    for err in exc.errors(include_url=False):
        if err["type"] == "missing":  # the missing field is not in the data: keep its name
            loc = _clean_loc(data, err["loc"][:-1]) + (err["loc"][-1],)
        else:
            loc = _clean_loc(data, err["loc"])
        errors.append((loc, err))
    # A union reports one error per member; keep the deepest location, then one problem per place.
    locs = {loc for loc, _ in errors}
    errors = [(loc, err) for loc, err in errors if not any(o != loc and o[: len(loc)] == loc for o in locs)]
    grouped: dict[Loc, list[ErrorDetails]] = {}
    for loc, err in errors:
        grouped.setdefault(loc, []).append(err)
    problems = []
    for loc, errs in grouped.items():
        problems.append(_too_shallow(loc, mf) or _schema_problem(loc, errs, mf))
    return problems


def _too_deep(loc: tuple[str | int, ...], mf: MapFile) -> str | None:
    """The hint for an unknown field that is really an entry (a claim, an argument) indented too deep."""
    parent, name = loc[:-1], loc[-1]
    section = str(parent[0]) if len(parent) == 2 else ""
    model = _SECTION_MODELS.get(section)
    value = data_at(mf.data, loc)
    if model is None or not isinstance(value, dict) or not set(value) & set(_field_names(model)):
        return None
    return f"'{name}' looks like a {_SECTION_NOUNS[section]} indented one level too deep: indent it like '{parent[1]}'"


def _too_shallow(loc: tuple[str | int, ...], mf: MapFile) -> Problem | None:
    """An entry named like a field (a claim 'type: fact'): the last field of the entry above, indented too little."""
    if len(loc) != 2 or loc[0] not in _SECTION_MODELS or loc[1] not in _field_names(_SECTION_MODELS[loc[0]]):
        return None
    entries = list(data_at(mf.data, loc[:1]) or ())
    before = entries[entries.index(loc[1]) - 1] if entries.index(loc[1]) > 0 else None
    noun = _SECTION_NOUNS[loc[0]]
    owner = f"of {noun} '{before}' " if before is not None else ""
    return mf.problem(
        E_WRONG_TYPE,
        loc,
        f"{noun} '{loc[1]}' is not a mapping: '{loc[1]}' looks like a field {owner}indented one level too little",
        f"indent '{loc[1]}' like the other fields {owner}".rstrip(),
        at="key",
    )


def _schema_problem(loc: Loc, errs: list[ErrorDetails], mf: MapFile) -> Problem:
    """The one problem for the schema errors at loc: the first rule that recognises the first of
    them, else what the value should have been, else pydantic's own words."""
    err = errs[0]
    for rule in _SCHEMA_RULES:
        found = rule(loc, err, mf)
        if found is not None:
            return found
    return _wrong_type(loc, errs, mf) or _other_error(loc, err, mf)


def _unknown_field(loc: Loc, err: ErrorDetails, mf: MapFile) -> Problem | None:
    """A field the model at its place does not define: the allowed ones, or the entry it really is."""
    if err["type"] != "extra_forbidden":
        return None
    parent, name = loc[:-1], loc[-1]
    model = _model_at(parent)
    allowed = _field_names(model) if model else []
    where = "at the top level" if not parent else f"in {describe(parent)}"
    hint = _too_deep(loc, mf) or (f"allowed fields: {', '.join(allowed)}" if allowed else None)
    return mf.problem(
        E_UNKNOWN_FIELD, loc, f"unknown field '{name}' {where}{did_you_mean(str(name), allowed)}", hint, at="key"
    )


def _missing_field(loc: Loc, err: ErrorDetails, mf: MapFile) -> Problem | None:
    """A required field left out (the format version has its own words), at the key of its owner."""
    if err["type"] != "missing":
        return None
    parent, name = loc[:-1], loc[-1]
    if name == "argmap" and not parent:
        return mf.problem(
            E_MISSING_FIELD,
            (),
            "the map does not say its format version",
            "add 'argmap: 1' as the first line",
            at="key",
        )
    where = "the map" if not parent else describe(parent)
    return mf.problem(
        E_MISSING_FIELD,
        parent,
        f"{where} is missing the required field '{name}'",
        f"add '{name}:' {_FIELD_HINTS.get(str(name), '')}".rstrip(),
        at="key",
    )


def _invalid_key(loc: Loc, err: ErrorDetails, mf: MapFile) -> Problem | None:
    """An entry's id (the key of a claim, an argument...) that is not a slug."""
    if not loc or loc[-1] != "[key]":
        return None
    key = loc[-2]
    return mf.problem(
        E_INVALID_ID,
        loc[:-1],
        f"'{key}' is not a valid id",
        f"ids are lowercase words joined by hyphens, like '{_slugify(key)}'",
        at="key",
    )


def _pattern_mismatch(loc: Loc, err: ErrorDetails, mf: MapFile) -> Problem | None:
    """A value that does not match its pattern: an id that is not a slug, or a malformed sha256."""
    if err["type"] != "string_pattern_mismatch":
        return None
    value = err["input"]
    if err.get("ctx", {}).get("pattern") == SLUG_PATTERN:
        return mf.problem(
            E_INVALID_ID,
            loc,
            f"'{value}' in {describe(loc)} is not a valid id",
            f"ids are lowercase words joined by hyphens, like '{_slugify(value)}'",
        )
    return mf.problem(
        E_INVALID_VALUE,
        loc,
        f"{describe(loc)} is not valid: {err['msg'].lower()}",
        "sha256 is 64 lowercase hexadecimal digits, as 'argmap new' writes it",
    )


def _unsupported_version(loc: Loc, err: ErrorDetails, mf: MapFile) -> Problem | None:
    """A format version this argmap does not read."""
    if err["type"] != "literal_error" or loc != ("argmap",):
        return None
    return mf.problem(
        E_VERSION,
        loc,
        f"format version {err['input']!r} is not supported",
        "this argmap reads format version 1: 'argmap: 1'",
    )


def _invalid_weight(loc: Loc, err: ErrorDetails, mf: MapFile) -> Problem | None:
    """An argument's weight that is neither a number from 0 to 1 nor a weighing function."""
    if len(loc) != 3 or loc[0] != "arguments" or loc[2] != "weight":
        return None
    return mf.problem(
        E_INVALID_VALUE,
        loc,
        f"{describe(loc)} must be a number from 0 to 1 or a weighing function, not {_kind_of(err['input'])}",
        f"write a number such as 0.5, or one of: {', '.join(WEIGHING_FUNCTIONS)}",
    )


def _not_an_option(loc: Loc, err: ErrorDetails, mf: MapFile) -> Problem | None:
    """A text where the field takes one of a few words (a literal or an enum): the nearest of them."""
    if err["type"] not in ("literal_error", "enum") or not isinstance(err["input"], str):
        return None
    options = re.findall(r"'([^']+)'", err.get("ctx", {}).get("expected", ""))
    return mf.problem(
        E_INVALID_VALUE,
        loc,
        f"'{err['input']}' is not a valid {loc[-1]} in {describe(loc[:-1])}{did_you_mean(err['input'], options)}",
        f"one of: {', '.join(options)}",
    )


def _option_not_text(loc: Loc, err: ErrorDetails, mf: MapFile) -> Problem | None:
    """A number, a list or a mapping where the field takes one of a few words."""
    if err["type"] != "enum":  # an enum's text input is _not_an_option's
        return None
    return mf.problem(
        E_WRONG_TYPE,
        loc,
        f"{describe(loc)} must be text, not {_kind_of(err['input'])}",
        "write one of the allowed values as plain text",
    )


def _argument_target(loc: Loc, err: ErrorDetails, mf: MapFile) -> Problem | None:
    """An argument with both a conclusion and attacks, or with neither."""
    if err["type"] != "value_error" or len(loc) != 2 or loc[0] != "arguments":
        return None
    argument = data_at(mf.data, loc)
    if isinstance(argument, dict) and "conclusion" in argument and "attacks" in argument:
        return mf.problem(
            E_INVALID_VALUE,
            loc + ("attacks",),
            f"argument '{loc[1]}' has both a 'conclusion' and 'attacks'",
            "an argument either supports a conclusion or attacks: split it in two",
            at="key",
        )
    return mf.problem(
        E_MISSING_FIELD,
        loc,
        f"argument '{loc[1]}' needs a 'conclusion' or 'attacks'",
        "say what the premises support (conclusion) or attack (attacks)",
        at="key",
    )


def _empty(loc: Loc, err: ErrorDetails, mf: MapFile) -> Problem | None:
    """An empty text or list where the format needs at least one character or item."""
    if err["type"] not in ("too_short", "string_too_short"):
        return None
    return mf.problem(
        E_INVALID_VALUE,
        loc,
        f"{describe(loc)} must not be empty",
        "list at least one premise" if loc[-1:] == ("premises",) else "give it a value or remove it",
    )


def _too_long(loc: Loc, err: ErrorDetails, mf: MapFile) -> Problem | None:
    """A text longer than its limit (ids are)."""
    if err["type"] != "string_too_long":
        return None
    return mf.problem(
        E_INVALID_VALUE,
        loc,
        f"{describe(loc)} is too long: {err['msg'].lower()}",
        "ids are short names: a few words joined by hyphens",
    )


_SCHEMA_RULES: tuple[Callable[[Loc, ErrorDetails, MapFile], Problem | None], ...] = (
    _unknown_field,
    _missing_field,
    _invalid_key,
    _pattern_mismatch,
    _unsupported_version,
    _invalid_weight,
    _not_an_option,
    _option_not_text,
    _argument_target,
    _empty,
    _too_long,
)
"""The schema errors recognised, in the order they are tried (the first that applies says it)."""


def _wrong_type(loc: Loc, errs: list[ErrorDetails], mf: MapFile) -> Problem | None:
    """A value of the wrong type: the types the field takes (a union reports one error for each)."""
    kinds: list[str] = []
    for e in errs:
        if e["type"] in _KINDS and _KINDS[e["type"]] not in kinds:
            kinds.append(_KINDS[e["type"]])
    if not kinds:
        return None
    expected = " or ".join(kinds)
    if len(errs) > 1 and "text" in kinds and "a list" in kinds:
        expected = "text or a list of texts"
    hint = "put text in quotes if YAML reads it as something else" if "text" in kinds else f"write {expected} here"
    return mf.problem(E_WRONG_TYPE, loc, f"{describe(loc)} must be {expected}, not {_kind_of(errs[0]['input'])}", hint)


def _other_error(loc: Loc, err: ErrorDetails, mf: MapFile) -> Problem:
    """Any other schema error, in pydantic's words (without its 'Value error, ')."""
    message = err["msg"]
    message = message[len("Value error, ") :] if message.startswith("Value error, ") else message
    return mf.problem(E_INVALID_VALUE, loc, f"{describe(loc)}: {message}", "see 'argmap schema' for the allowed values")


def data_at(data: Any, loc: Loc) -> Any:
    """The raw value at loc, or None."""
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data
