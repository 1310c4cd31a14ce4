"""The labels both semantics give."""

from __future__ import annotations

from enum import Enum


class Label(str, Enum):
    """Status of a claim or argument under a semantics."""

    in_ = "in"
    out = "out"
    undecided = "undecided"
