"""What every semantics returns: a label for each claim and argument, and the reason for it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class Label(StrEnum):
    """Status of a claim or argument under a semantics."""

    in_ = "in"
    out = "out"
    undecided = "undecided"


@dataclass
class Evaluation:
    """The outcome of evaluating a map: a label and a reason for every claim and argument.

    Under carneades an argument also has a weight and is applicable or not; its label summarises
    both: in (applicable, weighs more than 0), out (weighs 0: a premise is out, it is undercut, or
    it was rejected), undecided (not applicable: a premise or its undercutter is undecided).
    """

    semantics: str
    labels: dict[str, Label]
    reasons: dict[str, str] = field(default_factory=dict)
    deciding: dict[str, str] = field(default_factory=dict)
    """Node -> the argument that decided its label, where one did."""
    weights: dict[str, float] = field(default_factory=dict)
    """carneades: every argument's weight."""
    applicable: dict[str, bool] = field(default_factory=dict)
    """carneades: whether each argument is applicable."""
    outweighed_by: dict[str, str] = field(default_factory=dict)
    """carneades: an attack that holds but lost its issue -> the argument that outweighs it."""


def forced_labels(reject: Iterable[str], accept: Iterable[str]) -> dict[str, Label]:
    """The what-if's fixed labels: rejected nodes out, accepted nodes in (accept wins a clash)."""
    forced = {node: Label.out for node in reject}
    forced.update({node: Label.in_ for node in accept})
    return forced


def what_if_reason(label: Label) -> str:
    return "accepted in this what-if" if label is Label.in_ else "rejected in this what-if"


def fmt_weight(weight: float) -> str:
    """A weight as people read it: 1, 0.5, 0.33."""
    return f"{weight:.2f}".rstrip("0").rstrip(".") if weight != int(weight) else str(int(weight))
