"""Evaluation semantics: which claims and arguments stand, and why.

`grounded` is Dung's grounded labelling extended to support (every unanswered attack defeats).
Both semantics label every claim and argument in, out or undecided.
"""

from __future__ import annotations

from .grounded import grounded
from .labels import Label

__all__ = ["Label", "grounded"]
