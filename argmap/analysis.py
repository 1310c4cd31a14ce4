"""What a map says beyond its parts: roles of claims, sections of the essay they belong to."""

from __future__ import annotations

import re
from enum import Enum
from typing import Optional

from .model import ArgMap
from .source import SourceText


class Role(str, Enum):
    """A claim's role, derived from the arguments (never typed by the analyst)."""

    thesis = "thesis"
    """Declared under `thesis`."""
    intermediate = "intermediate"
    """The conclusion of an argument and a premise of another."""
    conclusion = "conclusion"
    """The conclusion of an argument, used by no other (a side conclusion)."""
    premise = "premise"
    """A premise that no argument concludes."""
    attacked = "attacked"
    """Only the target of attacks: a view the essay weighs."""
    unused = "unused"
    """In no argument at all."""


def roles(m: ArgMap) -> dict[str, Role]:
    """The role of every claim, in map order."""
    premises: set[str] = set()
    concluded: set[str] = set()
    attacked: set[str] = set()
    for argument in m.arguments.values():
        premises.update(argument.premises)
        if argument.conclusion is not None:
            concluded.add(argument.conclusion)
        elif argument.attacks is not None:
            attacked.add(argument.attacks)
    theses = set(m.theses)
    result = {}
    for claim_id in m.claims:
        if claim_id in theses:
            role = Role.thesis
        elif claim_id in concluded:
            role = Role.intermediate if claim_id in premises else Role.conclusion
        elif claim_id in premises:
            role = Role.premise
        elif claim_id in attacked:
            role = Role.attacked
        else:
            role = Role.unused
        result[claim_id] = role
    return result


_SENTENCE_END = re.compile(r"[.,;:!\"\u201d)\]]$")


def headings(source: SourceText) -> list[tuple[int, str]]:
    """(offset, text) of the paragraphs that look like section headings.

    A heading is a short paragraph (at most 12 words) that does not end like a sentence and comes
    after the first paragraph of body text (so a title, subtitle or byline is not one); all-capital
    headings may end in '?'.
    """
    found = []
    body_started = False
    for start, end in source.paragraphs:
        text = " ".join(source.text[start:end].split())
        words = len(text.split())
        if words >= 25:
            body_started = True
        if not body_started or words > 12:
            continue
        if _SENTENCE_END.search(text) or (text.endswith("?") and not text.isupper()):
            continue
        found.append((start, text))
    return found


def sections(m: ArgMap, source: Optional[SourceText]) -> dict[str, str]:
    """The section of the essay each claim belongs to.

    A claim's `section` field wins; otherwise the heading above its first quote; an implicit claim
    takes the section of the first argument it serves. Claims before the first heading belong to
    "Introduction".
    """
    marks = headings(source) if source is not None else []
    result: dict[str, str] = {}
    for claim_id, claim in m.claims.items():
        if claim.section:
            result[claim_id] = claim.section
            continue
        if source is None or not claim.quotes:
            continue
        found = source.find_all(claim.quotes[0], limit=1)
        if not found:
            continue
        title = "Introduction"
        for offset, text in marks:
            if offset <= found[0].start:
                title = _title_case(text)
        result[claim_id] = title
    for argument in m.arguments.values():
        target_section = result.get(argument.target)
        for premise in argument.premises:
            if premise not in result and target_section is not None:
                result[premise] = target_section
    return result


_SMALL_WORDS = {"a", "an", "and", "as", "at", "but", "by", "for", "in", "of", "on", "or", "the", "to", "vs"}


def _title_case(text: str) -> str:
    """An all-capital heading in title case, small words lower ("PREVENTION AND CONTROL" ->
    "Prevention and Control"); other headings as written."""
    if not text.isupper():
        return text
    words = text.title().split(" ")
    return " ".join(w.lower() if i and w.lower() in _SMALL_WORDS else w for i, w in enumerate(words))


def body_paragraphs(source: SourceText, ignored: list[tuple[int, int]]) -> list[int]:
    """Numbers (1-based) of the body paragraphs: after the front matter (title, subtitle, byline:
    everything before the first paragraph of 25 words or more), not headings, not ignored."""
    heading_starts = {offset for offset, _ in headings(source)}
    numbers = []
    body_started = False
    for number, (start, end) in enumerate(source.paragraphs, 1):
        if len(source.text[start:end].split()) >= 25:
            body_started = True
        if not body_started or start in heading_starts:
            continue
        if any(s <= start < e for s, e in ignored):
            continue
        numbers.append(number)
    return numbers


class Coverage:
    """How much of the essay's body the map's quotes cover."""

    def __init__(self, source: SourceText, quote_spans: list[tuple[int, int]], ignored: list[tuple[int, int]]):
        self.body = body_paragraphs(source, ignored)
        spans = sorted(quote_spans)
        covered_paragraphs = set()
        for start, _ in spans:
            number = source.paragraph_at(start)
            if number:
                covered_paragraphs.add(number)
        self.covered = [n for n in self.body if n in covered_paragraphs]
        self.uncovered = [
            (n, _opening(source.text[source.paragraphs[n - 1][0]:source.paragraphs[n - 1][1]]))
            for n in self.body if n not in covered_paragraphs
        ]
        merged: list[list[int]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.chars = 0
        self.covered_chars = 0
        for n in self.body:
            p_start, p_end = source.paragraphs[n - 1]
            self.chars += p_end - p_start
            for start, end in merged:
                overlap = min(end, p_end) - max(start, p_start)
                if overlap > 0:
                    self.covered_chars += overlap

    @property
    def paragraph_share(self) -> float:
        return len(self.covered) / len(self.body) if self.body else 1.0

    @property
    def char_share(self) -> float:
        return self.covered_chars / self.chars if self.chars else 1.0


def _opening(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" \u2026" if len(parts) > words else "")
