"""The essay's text: reading it, its paragraphs, and finding quotes in it despite typesetting.

Quotes are matched on a folded copy of the text in which curly quotes and apostrophes become
straight, every dash becomes '-', every run of whitespace (non-breaking spaces, tabs, line breaks)
becomes one space, and invisible characters (soft hyphens, zero-width spaces) vanish. Case is kept.
Every match is mapped back to offsets, lines and paragraphs of the original text.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

MAX_SOURCE_BYTES = 64 * 1024 * 1024
"""Source texts larger than this are refused."""
_PREFIX = 24
"""How many leading characters of each quote find_many's automaton holds."""

_ONE_TO_ONE = {
    **{c: "'" for c in "\u2018\u2019\u201a\u201b\u2032\uff07"},
    **{c: '"' for c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"},
    **{c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"},
    **{c: " " for c in "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000"},
    **{chr(c): " " for c in range(0x2000, 0x200B)},
}
_TRANSLATE = str.maketrans(_ONE_TO_ONE)
_RESHAPE = re.compile(" {2,}|\u2026|[\u00ad\u200b\u200c\u200d\u2060\ufeff]+")


def fold(text: str) -> str:
    """The folded form of a text, as quotes are compared (see the module docstring)."""
    return _fold_with_map(text)[0]


def _fold_with_map(text: str) -> tuple[str, list[int], list[int], list[bool]]:
    """Folded text and a piecewise map back to the original.

    Segment i starts at folded offset seg_f[i] and original offset seg_o[i]; in a linear segment
    offsets advance together, in a fixed one (a collapsed run, an expanded ellipsis) every folded
    offset maps to the segment's original start.
    """
    t = text.translate(_TRANSLATE)
    parts: list[str] = []
    seg_f, seg_o, seg_fixed = [0], [0], [False]
    last = 0
    flen = 0
    for m in _RESHAPE.finditer(t):
        start, end = m.span()
        parts.append(t[last:start])
        flen += start - last
        s = m.group()
        replacement = " " if s[0] == " " else ("..." if s == "\u2026" else "")
        if replacement:
            seg_f.append(flen)
            seg_o.append(start)
            seg_fixed.append(True)
            parts.append(replacement)
            flen += len(replacement)
        seg_f.append(flen)
        seg_o.append(end)
        seg_fixed.append(False)
        last = end
    parts.append(t[last:])
    return "".join(parts), seg_f, seg_o, seg_fixed


def fold_quote(quote: str) -> str:
    return fold(quote).strip()


class Match(NamedTuple):
    """Where a quote was found, in the original text."""

    start: int
    end: int
    line: int
    col: int
    paragraph: int


class SourceText:
    """An essay's text with its paragraphs, lines and a folded copy for quote matching."""

    def __init__(self, text: str, path: Path | None = None) -> None:
        self.text = text
        self.path = path
        self.folded, self._seg_f, self._seg_o, self._seg_fixed = _fold_with_map(text)
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.paragraphs = _paragraphs(text)
        self._para_starts = [start for start, _ in self.paragraphs]

    # -- positions ---------------------------------------------------------------------------
    def original(self, folded_offset: int) -> int:
        return _shift(folded_offset, self._seg_f, self._seg_o, self._seg_fixed)

    def line_col(self, offset: int) -> tuple[int, int]:
        i = bisect_right(self._line_starts, offset) - 1
        return i + 1, offset - self._line_starts[i] + 1

    def paragraph_at(self, offset: int) -> int:
        """1-based number of the paragraph holding offset (0 when between paragraphs)."""
        i = bisect_right(self._para_starts, offset) - 1
        if i >= 0 and offset < self.paragraphs[i][1]:
            return i + 1
        return 0

    def _match(self, fstart: int, fend: int) -> Match:
        start = self.original(fstart)
        end = self.original(fend - 1) + 1 if fend > fstart else start
        line, col = self.line_col(start)
        return Match(start, end, line, col, self.paragraph_at(start))

    # -- matching ----------------------------------------------------------------------------
    def find_all(self, quote: str, limit: int = 10) -> list[Match]:
        """Every place (up to limit) where quote occurs, after folding both."""
        q = fold_quote(quote)
        if not q:
            return []
        found: list[Match] = []
        at = self.folded.find(q)
        while at != -1 and len(found) < limit:
            found.append(self._match(at, at + len(q)))
            at = self.folded.find(q, at + 1)
        return found

    def find_many(self, quotes: list[str], limit: int = 10) -> dict[str, list[Match]]:
        """find_all for many quotes in one pass over the text (Aho-Corasick): quote -> matches.

        A map of ten thousand claims would otherwise scan a book-length text ten thousand times. The
        automaton holds only the first _PREFIX characters of each quote (a smaller automaton is
        built faster); each place a prefix occurs is then compared with the whole quote.
        """
        import ahocorasick

        unique = list(dict.fromkeys(quotes))
        if not unique:
            return {}
        # one fold for all quotes: NUL separates them (quotes never hold one; fold leaves it alone)
        pieces = fold("\x00".join(q.replace("\x00", " ") for q in unique)).split("\x00")
        folded = {quote: piece.strip() for quote, piece in zip(unique, pieces, strict=True)}
        by_prefix: dict[str, list[str]] = {}
        for q in set(folded.values()):
            if q:
                by_prefix.setdefault(q[:_PREFIX], []).append(q)
        found: dict[str, list[tuple[int, int]]] = {}
        if by_prefix:
            automaton = ahocorasick.Automaton()
            for prefix in by_prefix:
                automaton.add_word(prefix, prefix)
            automaton.make_automaton()
            text = self.folded
            startswith = text.startswith
            for end, prefix in automaton.iter(text):
                start = end - len(prefix) + 1
                for q in by_prefix[prefix]:
                    if len(q) == len(prefix) or startswith(q, start):
                        spans = found.setdefault(q, [])
                        if len(spans) < limit:
                            spans.append((start, start + len(q)))
        match = self._match
        return {quote: [match(a, b) for a, b in found.get(q, ())] for quote, q in folded.items()}

    def find_ignoring_case(self, quote: str) -> Match | None:
        q = fold_quote(quote).lower()
        at = self._folded_lower.find(q) if q else -1
        return self._match(at, at + len(q)) if at != -1 else None

    @cached_property
    def _folded_lower(self) -> str:
        return self.folded.lower()

    def closest(self, quote: str) -> tuple[Match, str] | None:
        """The passage that looks most like quote, for a 'not found' hint, or None if nothing is close.

        Every run of as many words as the quote has is compared with it (cheap bounds first); on very
        long texts only the longest common stretch is used to place the candidate.
        """
        q = fold_quote(quote)
        if len(q) < 4:
            return None
        words = [m.span() for m in re.finditer(r"\S+", self.folded)]
        n = len(q.split())
        best, best_span = 0.0, None
        if len(self.folded) <= 400_000 and n <= len(words):
            matcher = difflib.SequenceMatcher(None, "", q, autojunk=False)
            for i in range(len(words) - n + 1):
                start, end = words[i][0], words[i + n - 1][1]
                matcher.set_seq1(self.folded[start:end])
                if matcher.real_quick_ratio() > best and matcher.quick_ratio() > best:
                    ratio = matcher.ratio()
                    if ratio > best:
                        best, best_span = ratio, (start, end)
        else:
            matcher = difflib.SequenceMatcher(None, self.folded, q, autojunk=False)
            i, j, k = matcher.find_longest_match(0, len(self.folded), 0, len(q))
            start = max(0, i - j)
            best, best_span = k / len(q), (start, min(len(self.folded), start + len(q)))
        if best_span is None or best < 0.6:
            return None
        start, end = best_span
        return self._match(start, end), self.folded[start:end]

    def span_of(self, start_words: str, end_words: str | None) -> tuple[int, int] | None:
        """The original (start, end) of a stretch from start_words to the end of end_words (or the text)."""
        first = self.find_all(start_words, limit=1)
        if not first:
            return None
        start = first[0].start
        if end_words is None:
            return start, len(self.text)
        q = fold_quote(end_words)
        fstart = self.folded.find(q, self._folded_offset(start))
        if not q or fstart == -1:
            return None
        return start, self._match(fstart, fstart + len(q)).end

    def _folded_offset(self, original: int) -> int:
        return _shift(original, self._seg_o, self._seg_f, self._seg_fixed)


def _shift(offset: int, starts: list[int], targets: list[int], fixed: list[bool]) -> int:
    """An offset in one text (original or folded) mapped to the other, by `_fold_with_map`'s
    segments: starts are their starts in this text, targets in the other; a fixed segment (a
    collapsed run, an expanded ellipsis) maps every offset in it to its start."""
    i = bisect_right(starts, offset) - 1
    return targets[i] if fixed[i] else targets[i] + (offset - starts[i])


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph, without surrounding whitespace.

    Texts with long lines (over 100 characters) are one paragraph per line, as magazine and web
    copies are; hard-wrapped texts are split at blank lines.
    """
    longest = max((len(line) for line in text.split("\n")), default=0)
    separator = re.compile(r"\n" if longest > 100 else r"\n[ \t\xa0]*\n")
    spans = []
    pos = 0
    for m in list(separator.finditer(text)) + [None]:
        end = m.start() if m is not None else len(text)
        chunk = text[pos:end]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((pos + lead, pos + lead + len(stripped)))
        pos = m.end() if m is not None else len(text)
    return spans


@dataclass
class SourceError(Exception):
    """Why a source could not be read: a code and a message for the problem."""

    code: str
    message: str
    hint: str | None = None


ROOT_MARKERS = (".git", "pyproject.toml", ".argmap-root")


def project_root(map_path: Path) -> Path:
    """The folder a map's source must lie in: the nearest folder at or above the map's that holds
    .git, pyproject.toml or .argmap-root; without one, the folder above the map's (so that maps/
    and seeds/ can sit side by side)."""
    folder = map_path.resolve().parent
    for candidate in (folder, *folder.parents):
        if any((candidate / marker).exists() for marker in ROOT_MARKERS):
            return candidate
    return folder.parent


def read_source(
    map_path: Path, relative: str, *, confine: bool = True
) -> tuple[SourceText | None, SourceError | None, str | None]:
    """Read the source named in a map: (text, error, sha256 of the bytes).

    With confine (the default for paths written in maps), the path must be relative and lead to a
    file inside the map's project root (see project_root): a map shared by someone else cannot make
    argmap read, and a report embed, a file from elsewhere on the reader's disk.
    """
    try:
        if confine:
            _confined(map_path, relative)
        path = (map_path.parent / relative) if not Path(relative).is_absolute() else Path(relative)
        raw = _read_bytes(path, relative)
    except SourceError as error:
        return None, error, None
    digest = hashlib.sha256(raw).hexdigest()
    try:
        return SourceText(_decode(raw, relative), path), None, digest
    except SourceError as error:
        return None, error, digest


def _confined(map_path: Path, relative: str) -> None:
    """Raise E409 unless relative is a relative path that stays in the map's project."""
    if Path(relative).is_absolute() or Path(relative).drive:
        raise SourceError(
            "E409", f"the source path '{relative}' is absolute", "write the path relative to the map's folder"
        )
    root = project_root(map_path)
    if not (map_path.parent / relative).resolve().is_relative_to(root):
        raise SourceError(
            "E409",
            f"the source '{relative}' lies outside the map's project folder {root}",
            "keep the essay inside the project (mark its top folder with an empty .argmap-root file)",
        )


def _read_bytes(path: Path, relative: str) -> bytes:
    """The bytes of a source file, or E401 (none there) / E408 (too large, unreadable)."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise SourceError(
                "E401", f"the source '{relative}' is not a file", "point source.path at the essay's text file"
            )
        if size > MAX_SOURCE_BYTES:
            raise SourceError(
                "E408",
                f"the source '{relative}' is {size:,} bytes (limit {MAX_SOURCE_BYTES:,})",
                "map one essay (or one chapter) per map",
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise SourceError(
            "E401",
            f"the source '{relative}' does not exist",
            f"the path is relative to the map's folder: looked for {path}",
        ) from None
    except OSError as exc:
        raise SourceError(
            "E408", f"cannot read the source '{relative}': {exc.strerror or exc}", "check the file's permissions"
        ) from None


def _decode(raw: bytes, relative: str) -> str:
    """A source's text, or E408 when it is binary or not UTF-8."""
    if b"\x00" in raw:
        raise SourceError(
            "E408",
            f"the source '{relative}' is a binary file, not text",
            "point the map at a plain-text (UTF-8) copy of the essay",
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(
            "E408",
            f"the source '{relative}' is not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
            "convert the text to UTF-8",
        ) from None
