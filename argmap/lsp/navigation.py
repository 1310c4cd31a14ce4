"""Navigation: go to definition (an id to its entry, a quote to its passage in the essay), references
across the workspace's maps, highlights, document and workspace symbols, and rename."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lsprotocol import types

from ..model import SLUG_PATTERN
from .document import SECTIONS, Document, LineIndex, Occurrence, uri_of
from .workspace import World

LOCAL_KINDS = {"argument", "reference", "issue"}
"""Ids that mean something only inside their own map."""
SHARED_KINDS = {"concept", "scheme", "map"}
"""Ids that mean the same in every map: a concept id names one concept across a collection."""
MAX_SYMBOLS = 500


class RenameError(ValueError):
    """A rename that cannot be done (the message says why)."""


@dataclass(frozen=True)
class Symbol:
    """What an occurrence refers to, across maps: a claim of one map, a local id, or a shared one."""

    kind: str
    name: str
    home: Document | None
    """The map that defines it (None for shared ids, or when the linked map is not in the workspace)."""
    home_id: str | None = None
    """The id of the map that defines it (for a link to a map that is not in the workspace)."""


def symbol_of(doc: Document, occ: Occurrence, world: World) -> Symbol | None:
    if occ.kind == "foreign-claim":
        if occ.map is None:
            return None
        return Symbol("claim", occ.name, world.by_id(occ.map), occ.map)
    if occ.kind in SHARED_KINDS:
        return Symbol(occ.kind, occ.name, None)
    return Symbol(occ.kind, occ.name, doc, doc.map_id)


def _docs(doc: Document, world: World) -> list[Document]:
    """This document first, then the workspace's other maps."""
    return [doc] + [d for d in world.maps() if d.uri != doc.uri]


def _matches(sym: Symbol, d: Document, o: Occurrence) -> bool:
    if sym.kind in SHARED_KINDS:
        return o.kind == sym.kind and o.name == sym.name
    if sym.kind == "claim" and o.kind == "foreign-claim":
        return o.name == sym.name and sym.home_id is not None and o.map == sym.home_id
    return o.kind == sym.kind and o.name == sym.name and sym.home is not None and d.uri == sym.home.uri


def occurrences_of(sym: Symbol, doc: Document, world: World) -> list[tuple[Document, Occurrence]]:
    """Every place the symbol is defined or used: in its own map, and in links from other maps."""
    docs = [doc] if sym.kind in LOCAL_KINDS else _docs(doc, world)
    return [(d, o) for d in docs for o in d.occurrences if _matches(sym, d, o)]


def _location(d: Document, start: int, end: int) -> types.Location:
    return types.Location(uri=d.uri, range=d.range(start, end))


# -- definition ------------------------------------------------------------------------------------


def definition(doc: Document, offset: int, world: World) -> list[types.Location]:
    """Where the id under the cursor is defined; for a quote (or an ignored stretch's words), the
    passage in the essay; for source.path, the essay itself."""
    occ = doc.occurrence_at(offset)
    if occ is not None:
        sym = symbol_of(doc, occ, world)
        if sym is None:
            return []
        docs = [sym.home] if sym.home is not None else ([] if sym.kind == "claim" else _docs(doc, world))
        kind = "map" if sym.kind == "map" else sym.kind
        return [
            _location(d, o.start, o.end)
            for d in docs
            for o in d.occurrences
            if o.is_definition and o.kind == kind and o.name == sym.name
        ]
    node = doc.node_at(offset)
    if node is None or node.is_key or not isinstance(node.value, str):
        return []
    if node.loc == ("source", "path"):
        essay = doc.essay_file
        source = world.essays.source(doc)
        if essay is None or source is None:
            return []
        return [types.Location(uri=uri_of(essay), range=types.Range(start=_origin(), end=_origin()))]
    if is_quote(node.loc) or (node.loc[:2] == ("source", "ignore") and node.loc[-1] in ("from", "to")):
        return passages(doc, node.value, world)
    return []


def _origin() -> types.Position:
    return types.Position(line=0, character=0)


def is_quote(loc: tuple[Any, ...]) -> bool:
    """Whether loc is a claim's or an argument's quote (or one of several)."""
    return (
        len(loc) in (3, 4)
        and loc[0] in ("claims", "arguments")
        and loc[2] == "quote"
        and (len(loc) == 3 or isinstance(loc[3], int))
    )


def passages(doc: Document, quote: str, world: World) -> list[types.Location]:
    """Where a quote is in the map's essay (every place, up to ten), or its closest passage."""
    source = world.essays.source(doc)
    essay = doc.essay_file
    if source is None or essay is None:
        return []
    lines = LineIndex(source.text, doc.lines.encoding)
    spans = [(m.start, m.end) for m in source.find_all(quote)]
    if not spans:
        near = source.closest(quote)
        if near is not None:
            spans = [(near[0].start, near[0].end)]
    uri = uri_of(essay)
    return [types.Location(uri=uri, range=lines.range(start, end)) for start, end in spans]


# -- references and highlights -------------------------------------------------------------------


def references(doc: Document, offset: int, world: World, include_declaration: bool = True) -> list[types.Location]:
    """Every use of the id under the cursor: premises, conclusions, attacks, the thesis, assumptions,
    issue positions, expectations, and links from the workspace's other maps."""
    occ = doc.occurrence_at(offset)
    sym = symbol_of(doc, occ, world) if occ is not None else None
    if sym is None:
        return []
    return [
        _location(d, o.start, o.end)
        for d, o in occurrences_of(sym, doc, world)
        if include_declaration or not o.is_definition
    ]


def highlights(doc: Document, offset: int, world: World) -> list[types.DocumentHighlight]:
    """The id under the cursor wherever this map has it (its definition marked as written)."""
    occ = doc.occurrence_at(offset)
    sym = symbol_of(doc, occ, world) if occ is not None else None
    if sym is None:
        return []
    write, read = types.DocumentHighlightKind.Write, types.DocumentHighlightKind.Read
    return [
        types.DocumentHighlight(range=doc.range(o.start, o.end), kind=write if o.is_definition else read)
        for o in doc.occurrences
        if _matches(sym, doc, o)
    ]


# -- symbols ---------------------------------------------------------------------------------------

SYMBOL_KINDS = {
    "claim": types.SymbolKind.String,
    "argument": types.SymbolKind.Function,
    "concept": types.SymbolKind.Class,
    "reference": types.SymbolKind.Field,
    "issue": types.SymbolKind.Enum,
}


def describe_entry(kind: str, entry: Any) -> str:
    """One line about an entry: a claim's text, an argument's premises and target, a concept's label."""
    if not isinstance(entry, dict):
        return ""
    if kind == "argument":
        premises = entry.get("premises")
        names = ", ".join(map(str, premises)) if isinstance(premises, list) else ""
        if entry.get("attacks") is not None:
            return f"{names} attack {entry.get('attacks')}"
        return f"{names} \u2192 {entry.get('conclusion')}"
    if kind == "issue":
        positions = entry.get("positions")
        text = entry.get("label") or (", ".join(map(str, positions)) if isinstance(positions, list) else "")
        return str(text)
    for key in ("text", "label", "citation"):
        if isinstance(entry.get(key), str):
            return " ".join(entry[key].split())
    return ""


def document_symbols(doc: Document) -> list[types.DocumentSymbol]:
    """The map's sections, each with its entries (claims, arguments, concepts, references, issues)."""
    result = []
    for section, kind in SECTIONS.items():
        key = doc.key_span((section,))
        if key is None:
            continue
        entries = doc.section(section)
        children = []
        for o in doc.occurrences:
            if o.is_definition and o.kind == kind:
                children.append(
                    types.DocumentSymbol(
                        name=o.name,
                        detail=describe_entry(kind, entries.get(o.name)) or None,
                        kind=SYMBOL_KINDS[kind],
                        range=doc.range(o.start, max(o.end, doc.block_end(o.start))),
                        selection_range=doc.range(o.start, o.end),
                    )
                )
        result.append(
            types.DocumentSymbol(
                name=section,
                detail=f"{len(children)} {kind}{'' if len(children) == 1 else 's'}",
                kind=types.SymbolKind.Namespace,
                range=doc.range(key[0], max(key[1], doc.block_end(key[0]))),
                selection_range=doc.range(key[0], key[1]),
                children=children,
            )
        )
    return result


def workspace_symbols(query: str, world: World) -> list[types.WorkspaceSymbol]:
    """Claims, arguments, concepts, references and issues of every map whose id or text contains the
    query (any case)."""
    q = query.lower().strip()
    found = []
    for d in world.maps():
        for o in d.occurrences:
            if not o.is_definition or o.kind not in SYMBOL_KINDS:
                continue
            text = describe_entry(o.kind, d.section(_section_of(o.kind)).get(o.name))
            if q and not (q in o.name or q in text.lower()):
                continue
            found.append(
                types.WorkspaceSymbol(
                    name=o.name,
                    kind=SYMBOL_KINDS[o.kind],
                    location=_location(d, o.start, o.end),
                    container_name=d.map_id or d.path.name,
                )
            )
            if len(found) >= MAX_SYMBOLS:
                return found
    return found


def _section_of(kind: str) -> str:
    return next(section for section, k in SECTIONS.items() if k == kind)


# -- rename ----------------------------------------------------------------------------------------


def prepare_rename(doc: Document, offset: int, world: World) -> types.PrepareRenamePlaceholder | None:
    """The id under the cursor, if it can be renamed (schemes cannot: they come from the catalogue)."""
    occ = doc.occurrence_at(offset)
    if occ is None or occ.kind == "scheme":
        return None
    return types.PrepareRenamePlaceholder(range=doc.range(occ.start, occ.end), placeholder=occ.name)


def rename(doc: Document, offset: int, new_name: str, world: World) -> types.WorkspaceEdit | None:
    """Rename the id under the cursor wherever it is defined or used, in this map and in the maps that
    link to it (for a concept: every map that has it), as one workspace edit."""
    occ = doc.occurrence_at(offset)
    if occ is None:
        return None
    if occ.kind == "scheme":
        raise RenameError("schemes come from the catalogue and cannot be renamed ('argmap schemes' lists them)")
    sym = symbol_of(doc, occ, world)
    if sym is None:
        return None
    if sym.kind == "claim" and sym.home is None:
        raise RenameError(f"the map '{sym.home_id}' is not in the workspace: open its folder to rename its claims")
    if not re.fullmatch(SLUG_PATTERN, new_name):
        raise RenameError(f"'{new_name}' is not a valid id: ids are lowercase words joined by hyphens")
    if new_name == sym.name:
        return types.WorkspaceEdit(changes={})
    places = occurrences_of(sym, doc, world)
    _refuse_taken(sym, new_name, [d for d, o in places if o.is_definition], doc, world)
    changes: dict[str, list[types.TextEdit]] = {}
    for d, o in places:
        changes.setdefault(d.uri, []).append(types.TextEdit(range=d.range(o.start, o.end), new_text=new_name))
    return types.WorkspaceEdit(changes=changes)


def _refuse_taken(sym: Symbol, new_name: str, homes: list[Document], doc: Document, world: World) -> None:
    if sym.kind == "map":
        if any(d.map_id == new_name for d in world.maps()):
            raise RenameError(f"a map with the id '{new_name}' is already in the workspace")
        return
    for home in homes or ([sym.home] if sym.home is not None else []):
        for section in SECTIONS:
            if new_name in home.section(section):
                raise RenameError(f"'{new_name}' is already an id in {section} of {home.map_id or home.path.name}")
