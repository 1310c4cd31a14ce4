"""Where the cursor is in a map, read from the text around it (which may be half typed and not parse):
the path of keys down to it, whether a key or a value is being typed, and what is typed so far."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .document import LineIndex

LOOK_BACK = 200
"""Lines looked at above the cursor for the start of a flow collection that spans lines."""

_LEAD = re.compile(r"( *)((?:-[ \t]+)*)")
_KEY_LINE = re.compile(r"""( *)((?:-[ \t]+)*)([^\s#'"\[\]{},:][^\s:]*|"[^"]*"|'[^']*')[ \t]*:(?:[ \t]+(.*))?$""")
_COMMENT = re.compile(r"(?:^|[ \t])#.*$")


@dataclass
class Place:
    """What the cursor is on, for completion."""

    path: tuple[str, ...]
    """Keys from the top down to the field; '*' for an item of a list (whose index does not matter)."""
    kind: str
    """'key' (a field name or a new id is typed), 'value' (a value is typed) or 'item' (the start of a
    list item: a value, or the first key of a mapping, depending on the list)."""
    prefix: str
    """What is typed of the key or value so far, without an opening quote."""
    start: int
    """Offset where the typed key or value starts (its opening quote included)."""
    quote: str = ""
    """The opening quote typed, if any."""
    line: int = 0
    """The line of the statement (where a key typed in block style is)."""
    col: int = 0
    """The column of that key (siblings have the same)."""
    in_flow: list[str] = field(default_factory=list)
    """The values already written in the flow list being typed (to leave them out)."""


@dataclass
class _Frame:
    kind: str  # "seq" or "map"
    key: str | None = None  # in a mapping: the key whose value is being typed
    items: list[str] = field(default_factory=list)


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _unquote(key: str) -> str:
    return key[1:-1] if len(key) >= 2 and key[0] == key[-1] and key[0] in "'\"" else key


def _flow_depth(text: str) -> int:
    """How many brackets are open at the end of text (quotes and comments skipped)."""
    depth, quote, i = 0, "", 0
    while i < len(text):
        c = text[i]
        if quote:
            if c == "\\" and quote == '"':
                i += 1
            elif c == quote:
                quote = ""
        elif c in "'\"" and (i == 0 or text[i - 1] in " \t[{,:"):
            quote = c
        elif c == "#" and (i == 0 or text[i - 1] in " \t"):
            end = text.find("\n", i)
            i = len(text) if end == -1 else end
            continue
        elif c in "[{":
            depth += 1
        elif c in "]}":
            depth = max(0, depth - 1)
        i += 1
    return depth


def parents(lines: LineIndex, line: int, col: int, dash: bool) -> list[str] | None:
    """The keys above a statement at (line, col), outermost first, found by indentation; None when the
    statement continues a scalar (a long text, a block scalar) rather than being a key or an item."""
    path: list[str] = []
    limit, equal_ok = col, dash
    for number in range(line - 1, -1, -1):
        if limit == 0 and not equal_ok:
            break
        text = lines.line_text(number)
        stripped = text.strip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = _indent(text)
        m = _KEY_LINE.match(text)
        dashes = bool(_LEAD.match(text).group(2))  # type: ignore[union-attr]  # _LEAD matches any line (all optional)
        if indent > limit or (indent == limit and not (equal_ok and not dashes)):
            continue
        if dashes:
            keys = _in_item(text, m, limit)
            if keys is None:
                return None
            path.extend(keys)
            limit, equal_ok = indent, True
            continue
        if m is None:
            continue
        value = _COMMENT.sub("", m.group(4) or "").strip()
        if value:
            return None  # a long text, a block scalar, or a closed flow collection above us
        path.append(_unquote(m.group(3)))
        limit, equal_ok = indent, False
    return list(reversed(path))


def _in_item(text: str, m: re.Match[str] | None, limit: int) -> list[str] | None:
    """The keys (innermost first) that a statement at column limit has inside the list item on line
    text: ['*'] beside the item's first key, [key, '*'] inside its value; None inside a scalar item."""
    item = _LEAD.match(text)
    content_col = item.end() if item else 0
    if m is None:
        return None if limit > content_col else ["*"]
    if limit > content_col:  # inside the value of the item's first key
        if _COMMENT.sub("", m.group(4) or "").strip():
            return None
        return [_unquote(m.group(3)), "*"]
    return ["*"]


def place_at(lines: LineIndex, offset: int) -> Place | None:
    """The completion context at an offset of a (possibly half typed) map, or None (in a comment, in a
    long text, or anywhere nothing can be completed)."""
    text = lines.text
    offset = max(0, min(offset, len(text)))
    line = lines.line_of(offset)
    before = text[lines.starts[line] : offset]
    current = lines.line_text(line)
    indent = len(before) if not before.strip() else _indent(current)
    stmt_line = line
    for number in range(line - 1, max(-1, line - LOOK_BACK), -1):
        above = lines.line_text(number)
        if not above.strip() or above.lstrip().startswith("#"):
            continue
        if _indent(above) < indent:
            if _flow_depth(text[lines.starts[number] : lines.starts[line]]) > 0:
                stmt_line = number
            break
    stmt_start = lines.starts[stmt_line]
    lead = _LEAD.match(text, stmt_start, offset)
    assert lead is not None
    col = len(lead.group(1))
    dashes = lead.group(2).count("-")
    outer = parents(lines, stmt_line, col, dashes > 0)
    if outer is None:
        return None
    base = outer + ["*"] * dashes
    content_col = lead.end() - stmt_start
    return _Reader(text, lead.end(), offset, base, stmt_line, content_col, dashes > 0).read()


class _Reader:
    """Reads one statement (a key line, with any flow collection it opens) up to the cursor."""

    def __init__(self, text: str, start: int, end: int, base: list[str], line: int, col: int, item: bool) -> None:
        self.text, self.start, self.end = text, start, end
        self.base, self.line, self.col, self.item = base, line, col, item
        self.block_key: str | None = None
        self.frames: list[_Frame] = []
        self.token: int | None = None  # where the scalar being read starts
        self.after_value = False  # a block value has started (so a ': ' is not a key)

    def read(self) -> Place | None:
        text, i = self.text, self.start
        quote = ""
        while i < self.end:
            c = text[i]
            if quote:
                i, quote = self._quoted(i, quote)
                continue
            if c == "#" and (i == self.start or text[i - 1] in " \t\n\r"):
                return None  # the cursor is in a comment
            if c in "'\"" and self.token is None:
                quote, self.token = c, i
            elif c in " \t\r\n":
                pass
            elif not self._structure(c, i) and self.token is None:
                self.token = i
            i += 1
        return self._place(quote)

    def _quoted(self, i: int, quote: str) -> tuple[int, str]:
        """Step over one character inside a quoted scalar: (next offset, the quote still open or '')."""
        c = self.text[i]
        if c == "\\" and quote == '"':
            return i + 2, quote
        if c == quote:
            if quote == "'" and i + 1 < self.end and self.text[i + 1] == "'":
                return i + 2, quote
            return i + 1, ""
        return i + 1, quote

    def _structure(self, c: str, i: int) -> bool:
        """Handle a flow indicator or a key's colon at i; False for an ordinary character."""
        text = self.text
        nxt = text[i + 1] if i + 1 < self.end else ""
        if c == ":" and (nxt in ("", " ", "\t", "\n", "\r") or (self.frames and nxt in ",[]{}")):
            key = _unquote(text[self.token : i].strip()) if self.token is not None else ""
            if self.frames and self.frames[-1].kind == "map":
                self.frames[-1].key = key
            elif not self.frames and self.block_key is None and not self.after_value:
                self.block_key = key
            self.token = None
            return True
        if self.frames and c == ",":
            top = self.frames[-1]
            if self.token is not None:
                top.items.append(_unquote(text[self.token : i].strip()))
            if top.kind == "map":
                top.key = None
            self.token = None
            return True
        if c in "[{" and self.token is None:
            self.frames.append(_Frame("seq" if c == "[" else "map"))
            return True
        if c in "]}" and self.frames:
            self.frames.pop()
            self.token = None
            return True
        if not self.frames and self.block_key is not None:
            self.after_value = True
        return False

    def _place(self, quote: str) -> Place | None:
        start = self.token if self.token is not None else self.end
        typed = self.text[start : self.end]
        opening = typed[0] if typed[:1] in ("'", '"') else ""
        prefix = typed[1:] if opening else typed
        if quote == "" and opening and len(typed) > 1 and typed.endswith(opening):
            prefix = typed[1:-1]
        path = list(self.base)
        if self.block_key is not None:
            path.append(self.block_key)
        kind = "value" if self.block_key is not None else ("item" if self.item else "key")
        in_flow: list[str] = []
        for frame in self.frames:
            if frame.kind == "seq":
                path.append("*")
                kind = "value"
                in_flow = frame.items
            elif frame.key is not None:
                path.append(frame.key)
                kind = "value"
            else:
                kind = "key"
        if kind == "key" and (opening or " " in prefix.strip()):
            return None  # keys are single words
        return Place(tuple(path), kind, prefix, start, opening, self.line, self.col, in_flow)
