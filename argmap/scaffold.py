"""`argmap new`: a ready-to-fill map for a source text, with its paragraphs listed as comments."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from .source import SourceText, read_source
from .words import plural

_WIDTH = 96


def _yaml_string(text: str) -> str:
    """A double-quoted YAML scalar for any text."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\x{ord(m.group()):02x}", escaped)
    return f'"{escaped}"'


def _schema_line(map_path: Path) -> str | None:
    """The yaml-language-server modeline, when a committed schema is found above the map."""
    folder = map_path.resolve().parent
    for candidate in [folder, *folder.parents]:
        schema = candidate / "schema" / "argmap.schema.json"
        if schema.is_file():
            rel = os.path.relpath(schema, map_path.resolve().parent)
            return f"# yaml-language-server: $schema={Path(rel).as_posix()}"
    return None


def new_map(source_path: Path, map_path: Path, *, map_id: str | None = None, title: str | None = None) -> str:
    """The text of a new map for source_path, to be written at map_path.

    Raises ValueError with a message when the source cannot be read.
    """
    relative = Path(os.path.relpath(source_path.resolve(), map_path.resolve().parent)).as_posix()
    source, error, digest = read_source(map_path.resolve(), str(source_path.resolve()), confine=False)
    if error is not None or source is None:
        raise ValueError(error.message if error else f"cannot read {source_path}")
    map_id = map_id or re.sub(r"[^a-z0-9]+", "-", map_path.stem.lower()).strip("-") or "map"
    title = title or _title(source.text) or map_id
    lines = []
    modeline = _schema_line(map_path)
    if modeline:
        lines.append(modeline)
    lines += [
        "argmap: 1",
        f"id: {map_id}",
        f"title: {_yaml_string(title)}",
        "source:",
        f"  path: {_yaml_string(relative)}",
        f'  sha256: "{digest}"',
        "  # author: ...",
        "  # venue: ...",
        "  # published: 2024",
        "thesis: []            # the id(s) of the main conclusion(s), e.g. [build-more-lines]",
        "",
        "concepts:",
        "  # public-transport: {label: Public transport, aliases: [tram, light rail]}",
        "",
        "claims:               # each claim: its id, then its fields indented under it",
        "  # faster-commutes:",
        "  #   text: The tram cut commuting times.       # the claim in your words",
        "  #   quote: has cut commuting times by a fifth  # the essay's exact words",
        "  #   type: fact   # fact | interpretation | prediction | recommendation | definition | value",
        "  # build-more-lines:",
        "  #   text: The city should build more lines.",
        "  #   quote: the council should extend the line",
        "  #   type: recommendation",
        "  # figures-preliminary:",
        "  #   text: The figures are only preliminary.",
        "  #   quote: Critics say the figures are preliminary",
        "",
        "arguments:            # each argument: premises that together support a conclusion, or attack",
        "  # tram-works:",
        "  #   premises: [faster-commutes]",
        "  #   conclusion: build-more-lines",
        "  #   scheme: consequences   # 'argmap schemes' lists them",
        "  # doubt:",
        "  #   premises: [figures-preliminary]",
        "  #   attacks: tram-works    # a claim id: a rebuttal; an argument id: an undercut",
        "",
        "references:",
        '  # smith-2020: {citation: "Smith, A. (2020). Trams and towns."}',
        "",
        *_paragraph_comments(source),
    ]
    return "\n".join(lines) + "\n"


TITLE_LIMIT = 120
"""Longest title `argmap new` takes from the text; a longer first line is cut at a word."""


def _title(text: str) -> str:
    """The essay's title as the text gives it: its first line (a Markdown heading's '#' dropped), cut
    at a word when it is longer than TITLE_LIMIT."""
    first = next((" ".join(line.split()) for line in text.splitlines() if line.strip()), "")
    first = first.lstrip("#").strip() if first.startswith("#") else first
    return _cut(first, TITLE_LIMIT)


def _cut(text: str, room: int) -> str:
    """text whole if it fits in room characters, else cut at the last word that fits, with '…'."""
    if len(text) <= room:
        return text
    head = text[:room]
    cut = head.rsplit(" ", 1)[0] if " " in head and text[room] != " " else head
    return cut.rstrip(" ,;:-\u2013\u2014") + "\u2026"


def _paragraph_comments(source: SourceText) -> list[str]:
    out = [f"# The source's {plural(len(source.paragraphs), 'paragraph')} (number, line, words, opening):"]
    for number, (start, end) in enumerate(source.paragraphs, 1):
        text = " ".join(source.text[start:end].split())
        line, _ = source.line_col(start)
        head = f"# \u00b6{number} (line {line}, {plural(len(text.split()), 'word')}): "
        room = _WIDTH - len(head)
        out.append(head + _cut(text, room - 1))
    return out


def map_yaml(data: dict[str, Any], map_path: Path) -> str:
    """Map data as YAML text (for `argmap import`): sections in the format's order, short lists inline."""
    import yaml

    from .fmt import field_order

    order = field_order()[()]
    ordered = {key: data[key] for key in order if key in data}
    ordered.update({k: v for k, v in data.items() if k not in ordered})

    class Dumper(yaml.SafeDumper):
        pass

    def represent_list(dumper: yaml.SafeDumper, items: list[Any]) -> yaml.Node:
        short = all(isinstance(i, (str, int, float, bool)) and len(str(i)) <= 60 for i in items)
        return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=short and len(items) <= 8)

    def represent_dict(dumper: yaml.SafeDumper, mapping: dict[Any, Any]) -> yaml.Node:
        return dumper.represent_mapping("tag:yaml.org,2002:map", mapping.items(), flow_style=False)

    Dumper.add_representer(list, represent_list)
    Dumper.add_representer(dict, represent_dict)
    body = yaml.dump(ordered, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=100)
    modeline = _schema_line(map_path)
    return (modeline + "\n" if modeline else "") + body
