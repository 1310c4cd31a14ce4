"""The essay as the editor needs it: its sentences (for completing quotes), and text written back into
a map as a YAML scalar that reads back exactly."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from ..source import SourceText, fold_quote

_END = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9]|\s*$)")
_WORDS = re.compile(r"[a-z0-9]+")
_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n]*")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    """The sentence as the essay has it, with every run of whitespace (line breaks too) made one space."""
    folded: str
    """Folded like quotes and lower-cased, for searching."""
    line: int
    paragraph: int


@lru_cache(maxsize=16)
def sentences(source: SourceText) -> tuple[Sentence, ...]:
    """The essay's sentences, paragraph by paragraph (a paragraph's end always ends a sentence)."""
    found = []
    text = source.text
    for p_start, p_end in source.paragraphs:
        pos = p_start
        ends = [m.end() for m in _END.finditer(text, p_start, p_end)]
        if not ends or ends[-1] < p_end:
            ends.append(p_end)
        for end in ends:
            chunk = text[pos:end]
            lead = len(chunk) - len(chunk.lstrip())
            start = pos + lead
            words = " ".join(chunk.split())
            if words:
                line, _ = source.line_col(start)
                found.append(Sentence(start, end, words, fold_quote(words).lower(), line, source.paragraph_at(start)))
            pos = end
    return tuple(found)


def matching_sentences(source: SourceText, typed: str, near: str = "", limit: int = 50) -> list[Sentence]:
    """The sentences that contain what is typed (folded, any case); when none does, those holding every
    typed word. With nothing typed: the sentences sharing most words with `near` (the claim's text)."""
    every = sentences(source)
    query = fold_quote(typed).lower()
    if not query:
        wanted = set(_WORDS.findall(near.lower())) - _STOP
        if not wanted:
            return []
        scored = [(len(wanted & set(_WORDS.findall(s.folded))), i) for i, s in enumerate(every)]
        best = sorted((t for t in scored if t[0]), key=lambda t: (-t[0], t[1]))[:limit]
        return [every[i] for _, i in best]
    found = [s for s in every if query in s.folded]
    if not found:
        words = _WORDS.findall(query)
        found = [s for s in every if words and all(w in s.folded for w in words)]
    return found[:limit]


def occurrences(source: SourceText, text: str) -> int:
    return len(source.find_all(text, limit=3))


def yaml_scalar(text: str) -> str:
    """text as a one-line YAML scalar that loads back as exactly text: plain when that is safe, else
    double-quoted."""
    if _PLAIN.fullmatch(text) and ": " not in text and " #" not in text and not text.endswith((":", " ")):
        try:
            if yaml.safe_load(f"k: {text}") == {"k": text}:
                return text
        except yaml.YAMLError:
            pass
    return json.dumps(text, ensure_ascii=False)


_STOP = {
    "a",
    "an",
    "and",
    "are",
    "as",
    "at",
    "be",
    "by",
    "for",
    "from",
    "has",
    "in",
    "is",
    "it",
    "its",
    "of",
    "on",
    "or",
    "that",
    "the",
    "this",
    "to",
    "was",
    "will",
    "with",
}
