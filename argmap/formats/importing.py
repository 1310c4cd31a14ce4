"""What every importer shares: reading the input, JSON with positions, named errors, ids, and
writing the imported map (and the essay beside it) whole or not at all.

An importer turns a file into an `Imported`: plain map data for `scaffold.map_yaml`, the essay's text
when the file carries one, and a warning for everything it could not carry. Bad input raises a
`FormatError` that names the fault and, where the input has one, its line and column. `write_imported`
then refuses to overwrite anything, makes the data pass `argmap check` (quotes that do not match the
essay once, circles of support), and writes the essay and the map.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..graph import strongly_connected
from ..model import SLUG_PATTERN
from ..source import SourceText

MAX_INPUT_BYTES = 64 * 1024 * 1024
"""Files larger than this are refused before they are read."""

Pointer = tuple[str | int, ...]
"""A place in a JSON document: the keys and indexes that lead to it."""


class FormatError(Exception):
    """Input an importer refuses. `kind` names the fault (not JSON, wrong shape, dangling edge,
    duplicate id, ...); `line` and `col` (1-based) say where, when the input has a place for it."""

    def __init__(self, kind: str, message: str, line: int | None = None, col: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.line = line
        self.col = col

    def located(self, path: str | Path) -> str:
        """The error as `path:line:col: kind: message` (without line and column when it has none)."""
        where = f"{path}:{self.line}:{self.col}" if self.line is not None and self.col is not None else str(path)
        return f"{where}: {self.kind}: {self.message}"


class ImportRefused(Exception):
    """The import would overwrite a file or write over its input; nothing was written."""


@dataclass
class Imported:
    """An import's result: map data ready to write as YAML, the essay's text if the file held one,
    and one warning for each thing the map could not carry."""

    data: dict[str, Any]
    text: str | None = None
    warnings: list[str] = field(default_factory=list)
    origins: dict[str, list[str]] = field(default_factory=dict)
    """What each element of the input became: its name in the input -> the ids it has in the map."""


# --- reading -----------------------------------------------------------------------------------------


def read_input(path: Path) -> str:
    """The file's text (UTF-8, a byte-order mark allowed); FormatError for what is not readable text."""
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise FormatError("too large", f"the file is {size:,} bytes; imports are limited to {MAX_INPUT_BYTES:,}")
        raw = path.read_bytes()
    except OSError as exc:
        raise FormatError("unreadable", exc.strerror or str(exc)) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        raise FormatError("not UTF-8", f"byte 0x{raw[exc.start]:02x} is not UTF-8 text", line, col) from None


class JsonDocument:
    """Parsed JSON and its text, to give the line and column of any value in error messages."""

    def __init__(self, raw: str, data: Any) -> None:
        self.raw = raw
        self.data = data
        self._entries: dict[str, Any] | None = None

    def position(self, pointer: Pointer) -> tuple[int | None, int | None]:
        """1-based line and column of the value at pointer (or of the nearest enclosing one)."""
        entries = self._source_map()
        for end in range(len(pointer), -1, -1):
            key = "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in pointer[:end])
            entry = entries.get(key)
            if entry is not None:
                start = entry.value_start
                return start.line + 1, start.column + 1
        return None, None

    def _source_map(self) -> dict[str, Any]:
        if self._entries is None:
            from json_source_map import calculate

            try:
                self._entries = calculate(self.raw)
            except (RecursionError, ValueError, IndexError, TypeError):  # positions are a help, not a need
                self._entries = {}
        return self._entries

    def error(self, kind: str, message: str, pointer: Pointer) -> FormatError:
        """A FormatError placed at the value that pointer names."""
        line, col = self.position(pointer)
        return FormatError(kind, message, line, col)

    def key_position(self, key: str) -> tuple[int | None, int | None]:
        """Where an object key occurs last (for a key given twice, the second time)."""
        found = None
        for match in re.finditer(re.escape(json.dumps(key)) + r"\s*:", self.raw):
            found = match.start()
        if found is None:
            return None, None
        before = self.raw[:found]
        return before.count("\n") + 1, found - (before.rfind("\n") + 1) + 1


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


def _constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


def parse_json(raw: str) -> JsonDocument:
    """The JSON document in raw; FormatError (with line and column) for anything that is not strict JSON:
    syntax errors, NaN and Infinity, a key given twice in one object, nesting too deep to follow."""
    try:
        data = json.loads(raw, object_pairs_hook=_pairs, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise FormatError("not JSON", exc.msg, exc.lineno, exc.colno) from None
    except _DuplicateKey as dup:
        line, col = JsonDocument(raw, None).key_position(dup.key)
        raise FormatError(
            "duplicate key", f"the key {json.dumps(dup.key)} appears twice in one object", line, col
        ) from None
    except ValueError as exc:  # NaN, Infinity
        raise FormatError("not JSON", str(exc)) from None
    except RecursionError:
        raise FormatError("not JSON", "the document is nested too deeply to read") from None
    return JsonDocument(raw, data)


# --- ids -----------------------------------------------------------------------------------------------

_MAX_ID = 60


def slugify(text: str, fallback: str = "item", words: int | None = None) -> str:
    """A kebab-case id made from text (at most `words` words and 60 characters), or fallback.
    Accented letters lose their accents (Küche -> kuche), other scripts are dropped."""
    ascii_text = unicodedata.normalize("NFKD", text.replace("ß", "ss")).encode("ascii", "ignore").decode()
    parts = re.sub(r"[^a-z0-9]+", " ", ascii_text.lower()).split()
    if words is not None:
        parts = parts[:words]
    slug = ""
    for part in parts:
        candidate = f"{slug}-{part}" if slug else part
        if len(candidate) > _MAX_ID:
            break
        slug = candidate
    return slug or (parts[0][:_MAX_ID] if parts else fallback)


def is_slug(text: str) -> bool:
    return bool(re.fullmatch(SLUG_PATTERN, text)) and len(text) <= 120


def unique(base: str, used: set[str]) -> str:
    """base, or base-2, base-3 ... : the first not in used (which it joins)."""
    candidate, n = base, 2
    while candidate in used:
        candidate = f"{base}-{n}"
        n += 1
    used.add(candidate)
    return candidate


# --- making the data a sound map -----------------------------------------------------------------------


def settle_quotes(data: dict[str, Any], text: str | None, warnings: list[str]) -> None:
    """Keep only quotes that occur exactly once in the essay (each dropped one is a warning)."""
    claims: dict[str, dict[str, Any]] = data.get("claims", {})
    source = SourceText(text) if text else None
    for claim_id, claim in claims.items():
        quotes = claim.get("quote")
        if quotes is None:
            continue
        listed = [quotes] if isinstance(quotes, str) else list(quotes)
        kept = []
        for quote in dict.fromkeys(q for q in listed if q.strip()):
            found = len(source.find_all(quote, limit=2)) if source else 0
            if found == 1:
                kept.append(quote)
            elif source is None:
                warnings.append(f"claim '{claim_id}': its quote has no essay to be found in: dropped")
            else:
                where = "occurs more than once in" if found else "is not in"
                warnings.append(f"claim '{claim_id}': the quote {json.dumps(_short(quote))} {where} the essay: dropped")
        if kept:
            claim["quote"] = kept[0] if len(kept) == 1 else kept
        else:
            del claim["quote"]


def _short(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "\u2026"


def settle_arguments(data: dict[str, Any], warnings: list[str]) -> None:
    """Repeated premises merged; arguments that rest on their own target, and the arguments that
    close a circle of support, dropped with a warning (a map holds neither)."""
    arguments: dict[str, dict[str, Any]] = data.get("arguments", {})
    for arg_id in list(arguments):
        argument = arguments[arg_id]
        argument["premises"] = list(dict.fromkeys(argument["premises"]))
        target = argument.get("conclusion", argument.get("attacks"))
        if target in argument["premises"]:
            warnings.append(f"argument '{arg_id}' has its own target '{target}' as a premise: dropped")
            del arguments[arg_id]
    while True:
        closing = _closing_argument(arguments)
        if closing is None:
            return
        arg_id, circle = closing
        warnings.append(f"argument '{arg_id}' closes a circle of support ({' -> '.join(circle)}): dropped")
        del arguments[arg_id]


def _closing_argument(arguments: dict[str, dict[str, Any]]) -> tuple[str, list[str]] | None:
    """The last argument (in the file's order) whose premise and conclusion lie on one circle."""
    edges: dict[str, list[str]] = {}
    for argument in arguments.values():
        if "conclusion" in argument:
            for premise in argument["premises"]:
                edges.setdefault(premise, []).append(argument["conclusion"])
    nodes = sorted(set(edges) | {c for targets in edges.values() for c in targets})
    component: dict[str, int] = {}
    for number, members in enumerate(strongly_connected(nodes, edges)):
        if len(members) > 1:
            component.update(dict.fromkeys(members, number))
    for arg_id in reversed(list(arguments)):
        argument = arguments[arg_id]
        conclusion = argument.get("conclusion")
        for premise in argument["premises"]:
            if conclusion in component and component.get(premise) == component[conclusion]:
                return arg_id, [premise, conclusion, premise]
    return None


def unique_quote(source: SourceText, start: int, end: int, steps: int = 40) -> str:
    """The essay's words from start to end, widened word by word until they occur only there."""
    text = source.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    for step in range(steps):
        quote = text[start:end]
        if not quote or len(source.find_all(quote, limit=2)) <= 1:
            return quote
        if step % 2 == 0 and end < len(text):
            end = _next_word_end(text, end)
        elif start > 0:
            start = _previous_word_start(text, start)
        else:
            end = _next_word_end(text, end)
    return text[start:end]


def _next_word_end(text: str, at: int) -> int:
    match = re.compile(r"\s*\S+").match(text, at)
    return match.end() if match else len(text)


def _previous_word_start(text: str, at: int) -> int:
    match = re.search(r"\S+\s*$", text[:at])
    return match.start() if match else 0


def settle_references(data: dict[str, Any], warnings: list[str]) -> None:
    """Ids that name nothing in the map (concepts, citations, thesis, assumptions, expectations, issue
    positions, links) removed with a warning each, and a claim that is a position of two issues kept
    in the first. A part of the wrong shape is left as it is, for the map's validation to refuse by name."""
    claims = data.get("claims")
    if not isinstance(claims, dict):
        return
    for claim_id, claim in claims.items():
        for key, section in (("concepts", "concepts"), ("cites", "references")):
            if isinstance(claim, dict) and _ids(claim.get(key)):
                pool = data.get(section)
                where = f"claim '{claim_id}': {key}"
                claim[key] = _known(claim[key], pool if isinstance(pool, dict) else {}, where, warnings)
    for key in ("thesis", "assumptions"):
        if _ids(data.get(key)):
            data[key] = _known(data[key], claims, key, warnings)
    expect = data.get("expect")
    expect = expect if isinstance(expect, dict) else {}
    for key, values in expect.items():
        if _ids(values):
            expect[key] = _known(values, claims, f"expect: {key}", warnings)
    _settle_issues(data, claims, warnings)
    if isinstance(data.get("links"), list):
        data["links"] = [link for link in data["links"] if not isinstance(link, dict) or link.get("claim") in claims]


def _settle_issues(data: dict[str, Any], claims: dict[str, Any], warnings: list[str]) -> None:
    """Issue positions that name no claim dropped, a claim in two issues kept in the first, an issue left
    without positions dropped; each with a warning."""
    issues = data.get("issues")
    issues = issues if isinstance(issues, dict) else {}
    taken: set[str] = set()
    for issue_id in list(issues):
        issue = issues[issue_id]
        if not isinstance(issue, dict) or not _ids(issue.get("positions", [])):
            continue
        positions = _known(issue.get("positions", []), claims, f"issue '{issue_id}'", warnings)
        issue["positions"] = [p for p in positions if p not in taken]
        taken.update(issue["positions"])
        if not issue["positions"]:
            warnings.append(f"issue '{issue_id}' has no position left: not carried")
            del issues[issue_id]


def _ids(value: Any) -> bool:
    """Whether value has the shape of ids: one text, or a list."""
    return isinstance(value, (str, list))


def _known(ids: Any, pool: dict[str, Any], what: str, warnings: list[str]) -> list[str]:
    listed = [ids] if isinstance(ids, str) else list(ids) if isinstance(ids, list) else []
    kept = [i for i in listed if isinstance(i, str) and i in pool]
    for dropped in [i for i in listed if i not in kept]:
        warnings.append(f"{what} names '{dropped}', which the map does not have: dropped")
    return kept


def default_thesis(data: dict[str, Any]) -> list[str]:
    """Claims that some argument concludes and that no argument uses as a premise."""
    arguments: dict[str, dict[str, Any]] = data.get("arguments", {})
    concluded = {a["conclusion"] for a in arguments.values() if "conclusion" in a}
    premises = {p for a in arguments.values() for p in a["premises"]}
    return [c for c in data.get("claims", {}) if c in concluded and c not in premises]


# --- writing -------------------------------------------------------------------------------------------


@dataclass
class Written:
    """What write_imported wrote: the map, the essay (if any), and the line that sums up the map."""

    map_path: Path
    text_path: Path | None
    summary: str


def counts(data: dict[str, Any]) -> str:
    """'N claims, N arguments, N attacks' (and issues, when there are any) of map data."""
    from ..words import plural

    arguments = data.get("arguments", {}).values()
    parts = [
        plural(len(data.get("claims", {})), "claim"),
        plural(sum(1 for a in arguments if "conclusion" in a), "argument"),
        plural(sum(1 for a in arguments if "attacks" in a), "attack"),
    ]
    if data.get("issues"):
        parts.append(plural(len(data["issues"]), "issue"))
    return ", ".join(parts)


def write_imported(imported: Imported, output: Path, inputs: Iterable[Path] = ()) -> Written:
    """Write the imported map to output and its essay (if any) beside it as OUTPUT.txt.

    Nothing is overwritten: an existing output, an output that is an input, or an existing essay file
    with other text raise ImportRefused before anything is written. The data is first made sound
    (settle_quotes, settle_arguments; their warnings join imported.warnings). If writing the map fails,
    an essay written for it is removed again.
    """
    from ..output import write_atomic
    from ..scaffold import map_yaml

    text_path = output.with_suffix(".txt") if imported.text is not None else None
    _refuse_overwrites(output, text_path, imported.text, inputs)
    data = imported.data
    settle_quotes(data, imported.text, imported.warnings)
    settle_arguments(data, imported.warnings)
    settle_references(data, imported.warnings)
    if text_path is not None and imported.text is not None:
        digest = hashlib.sha256(imported.text.encode("utf-8")).hexdigest()
        known = {k: v for k, v in data.get("source", {}).items() if k not in ("path", "sha256")}
        data["source"] = {"path": text_path.name, "sha256": digest, **known}
    elif "source" in data:
        imported.warnings.append("the essay's metadata has no essay to go with (the file holds no text): not carried")
        del data["source"]
    text = map_yaml(data, output)
    _refuse_unsound(text, output)
    created_text = False
    if text_path is not None and imported.text is not None and not text_path.exists():
        write_atomic(text_path, imported.text)
        created_text = True
    try:
        write_atomic(output, text)
    except BaseException:
        if created_text and text_path is not None:
            text_path.unlink(missing_ok=True)
        raise
    return Written(output, text_path, f"wrote {output} ({counts(data)})")


def _refuse_unsound(text: str, output: Path) -> None:
    """FormatError when the map made from the input would not pass `argmap check` (its structure:
    the quotes were settled against the essay already)."""
    from ..api import check
    from ..load import loads

    errors = [p for p in check(loads(text, str(output)), structure_only=True) if p.is_error]
    if errors:
        first = errors[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise FormatError("not a sound map", f"the map made from it would have {first.code} {first.message}{more}")


def _refuse_overwrites(output: Path, text_path: Path | None, text: str | None, inputs: Iterable[Path]) -> None:
    targets = [output] + ([text_path] if text_path is not None else [])
    for path in inputs:
        for target in targets:
            if target.resolve() == path.resolve():
                raise ImportRefused(f"{target} is the input: argmap never writes over its inputs")
    if output.exists():
        raise ImportRefused(f"{output} already exists; argmap import never overwrites a file")
    if text_path is not None and text_path.is_dir():
        from ..output import OutputError

        raise OutputError(f"cannot write {text_path}: it is a folder; give the name of a file in it")
    if text_path is not None and text_path.exists():
        try:
            same = text_path.read_text(encoding="utf-8") == text
        except (OSError, UnicodeDecodeError):
            same = False
        if not same:
            raise ImportRefused(f"{text_path} already exists with other text; move it away first")


Reader = Callable[[Path], Imported]
"""An importer: a file in, an Imported out (or a FormatError)."""


def check_output(output: Path, inputs: Iterable[Path] = ()) -> None:
    """Refuse (ImportRefused) an output that exists or is an input, before any work is done."""
    _refuse_overwrites(output, None, None, inputs)
