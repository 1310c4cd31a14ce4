"""Interchange formats: a map written to and read from the formats analysts already use.

Each module handles one format (AIF, Argdown, ...). Exporters return an `Export`: the text and what
the format could not hold, which the command says to the user; importers return plain map data
for `scaffold.map_yaml`, with notes of what they could not carry.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Export:
    """An export's text and what the target format could not hold (said to the user, never hidden)."""

    text: str
    not_carried: list[str] = field(default_factory=list)
