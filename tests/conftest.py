"""Shared helpers: write a map (and its essay) into a temporary folder and list its problems."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import argmap
from argmap.load import load

ROOT = Path(__file__).resolve().parent.parent

ESSAY = (
    "A Small Essay\n"
    "\n"
    "The city\u2019s new tram line has cut commuting times by a fifth. Commuters now arrive earlier.\n"
    "\n"
    "Shorter commutes make people happier.\n"
    "Shorter commutes make people happier, and happier workers are more productive \u2014 so the\u00a0city gains.\n"
    "\n"
    "Critics say the \u201cfigures\u201d are   preliminary. The council should extend the line.\n"
)

VALID = """\
argmap: 1
id: small
title: A Small Essay
source:
  path: essay.txt
thesis: [extend]
claims:
  faster:
    text: The tram cut commuting times by a fifth.
    quote: new tram line has cut commuting times by a fifth
    type: fact
  happier:
    text: Shorter commutes make people happier.
    quote: Shorter commutes make people happier, and
  gains:
    text: The city gains from the tram.
    quote: so the city gains
  extend:
    text: The council should extend the line.
    quote: The council should extend the line.
    type: recommendation
  worth-it:
    text: What makes a city better is worth extending.
    implicit: true
arguments:
  benefit:
    premises: [faster, happier]
    conclusion: gains
    scheme: cause-to-effect
    quote: so the
  policy:
    premises: [gains, worth-it]
    conclusion: extend
    scheme: practical-reasoning
    reconstructed: true
    note: The essay states the recommendation after the gain, without a connective.
"""


def write_map(folder: Path, text: str, name: str = "map.yaml", essay: str | None = ESSAY) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if essay is not None:
        (folder / "essay.txt").write_text(essay, encoding="utf-8")
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def found(path: Path) -> list[tuple[int, int, str]]:
    """The problems of a map file as (line, col, code), sorted."""
    return [(p.line, p.col, p.code) for p in argmap.check(path)]


@pytest.fixture
def problems(tmp_path):
    """problems(text) -> [(line, col, code)] of that map, written beside the small essay."""

    def run(text: str, essay: str | None = ESSAY) -> list[tuple[int, int, str]]:
        return found(write_map(tmp_path, text, essay=essay))

    return run


@pytest.fixture
def loaded(tmp_path):
    def run(text: str):
        return load(write_map(tmp_path, text))

    return run
