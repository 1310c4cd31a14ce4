"""Evaluation semantics: which claims and arguments stand, and why.

- `grounded`: Dung's grounded labelling extended to support; every attack that stands defeats its
  target (argmap's default).
- `carneades`: Carneades 4's argument evaluation (CAES): arguments are weighed, issues decided by
  proof standards, concessions weighed rather than counted as defeats.

Both label every claim and argument in, out or undecided and say why (`Evaluation`).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import ArgMap
from .base import Evaluation, Label
from .carneades import carneades
from .grounded import grounded, grounded_evaluation

SEMANTICS = ("grounded", "carneades")


def evaluate(
    m: ArgMap, semantics: str | None = None, *, reject: Iterable[str] = (), accept: Iterable[str] = ()
) -> Evaluation:
    """Evaluate a valid map under `semantics` (default: the one the map declares); `reject` and
    `accept` fix the labels of some claims or arguments first (a what-if)."""
    name = semantics or m.semantics
    if name == "carneades":
        return carneades(m, reject=reject, accept=accept)
    if name == "grounded":
        return grounded_evaluation(m, reject=reject, accept=accept)
    raise ValueError(f"unknown semantics {name!r}: use one of {', '.join(SEMANTICS)}")


__all__ = ["SEMANTICS", "Evaluation", "Label", "carneades", "evaluate", "grounded", "grounded_evaluation"]
