"""Hover: what an id stands for (a claim's text, quote, role, status and uses; a scheme's critical
questions; ...), where a quote is in the essay, and the documentation of every field."""

from __future__ import annotations

from typing import Any

from lsprotocol import types

from ..analysis import roles
from ..schemes import SCHEMES
from ..semantics import evaluate
from .completion import scheme_markdown
from .document import Document, Occurrence
from .fields import allowed_values, field_doc
from .navigation import describe_entry, is_quote, occurrences_of, symbol_of
from .workspace import World

_ROLE_WORDS = {
    "premise": "premise of",
    "conclusion": "conclusion of",
    "attacks": "attacked by",
    "position": "position of issue",
    "concept": "used by claim",
    "cites": "cited by claim",
    "attributed": "attributed by claim",
    "scheme": "scheme of",
}
MAX_USES = 12


def hover(doc: Document, offset: int, world: World) -> types.Hover | None:
    if not doc.is_map:
        return None
    occ = doc.occurrence_at(offset)
    if occ is not None:
        text = _describe(doc, occ, world)
        start, end = occ.start, occ.end
    else:
        node = doc.node_at(offset)
        if node is None:
            return None
        start, end = node.start, node.end
        if node.is_key:
            text = _field(node.loc)
        elif is_quote(node.loc) and isinstance(node.value, str):
            text = _quote(doc, node.value, world)
        else:
            text = _field(node.loc) if allowed_values(tuple(node.loc)) else None
    if not text:
        return None
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text), range=doc.range(start, end)
    )


def _field(loc: tuple[Any, ...]) -> str | None:
    found = field_doc(tuple(loc))
    if found is None:
        return None
    owner, text = found
    values = allowed_values(tuple(loc))
    extra = f"\n\nOne of: {', '.join(f'`{v}`' for v in values)}" if values else ""
    return f"**{loc[-1]}** ({owner})\n\n{text}{extra}"


def _describe(doc: Document, occ: Occurrence, world: World) -> str | None:
    if occ.kind == "scheme":
        return scheme_markdown(occ.name) if occ.name in SCHEMES else f"Unknown scheme `{occ.name}`"
    sym = symbol_of(doc, occ, world)
    if sym is None:
        return None
    home = sym.home if sym.home is not None else doc
    if occ.kind == "map":
        other = world.by_id(occ.name) if occ.name != doc.map_id else doc
        if other is None:
            return f"map `{occ.name}` (not in the workspace)"
        title = other.data.get("title") if other.data else None
        return f"**map** `{occ.name}`: {title or ''}\n\n{other.path.name}, {len(other.section('claims'))} claims"
    if occ.kind == "foreign-claim" and sym.home is None:
        return f"claim `{occ.name}` of map `{occ.map}` (not in the workspace)"
    section = {"claim": "claims", "foreign-claim": "claims", "argument": "arguments", "concept": "concepts"}.get(
        sym.kind, sym.kind + "s"
    )
    entry = home.section(section).get(occ.name)
    if entry is None:
        return f"`{occ.name}` is not defined in {home.map_id or home.path.name}"
    lines = [_heading(sym.kind, occ.name, home, doc)]
    lines += _body(sym.kind, entry, home, world)
    uses = _uses(home, sym, doc, world)
    if uses:
        lines.append("Used as: " + "; ".join(uses))
    return "\n\n".join(lines)


def _heading(kind: str, name: str, home: Document, doc: Document) -> str:
    where = "" if home is doc else f" of map `{home.map_id}`"
    heading = f"**{kind}** `{name}`{where}"
    m = home.file.map
    if m is not None and kind in ("claim", "argument"):
        evaluation = evaluate(m)
        status = evaluation.labels.get(name)
        role = roles(m).get(name) if kind == "claim" else None
        parts = [role.value if role is not None else ""]
        if status is not None:
            parts.append(f"{status.value} ({evaluation.semantics})")
        heading += " \u00b7 " + " \u00b7 ".join(p for p in parts if p)
        if evaluation.reasons.get(name):
            heading += f"\n\n*{evaluation.reasons[name]}*"
    return heading


def _body(kind: str, entry: Any, home: Document, world: World) -> list[str]:
    if not isinstance(entry, dict):
        return []
    out = [describe_entry(kind, entry)]
    if kind == "claim":
        quote = entry.get("quote")
        quotes = [quote] if isinstance(quote, str) else [q for q in quote or [] if isinstance(q, str)]
        out += [f"> {q}" for q in quotes]
        facts = [f"type: {entry['type']}" if entry.get("type") else "", "implicit" if entry.get("implicit") else ""]
        if entry.get("attributed_to"):
            facts.append(f"attributed to {entry['attributed_to']}")
        if any(facts):
            out.append(" \u00b7 ".join(f for f in facts if f))
    elif kind == "argument" and entry.get("scheme") in SCHEMES:
        out.append(f"scheme: {SCHEMES[entry['scheme']].name}")
    elif kind == "concept" and isinstance(entry.get("aliases"), list):
        out.append("also: " + ", ".join(map(str, entry["aliases"])))
    elif kind == "reference" and entry.get("url"):
        out.append(str(entry["url"]))
    if entry.get("note"):
        out.append(f"*{entry['note']}*")
    return [line for line in out if line]


def _uses(home: Document, sym: Any, doc: Document, world: World) -> list[str]:
    found = []
    for d, o in occurrences_of(sym, home, world):
        if o.is_definition:
            continue
        line = d.lines.line_of(o.start) + 1
        if o.kind == "foreign-claim" or (d is not home and d.uri != home.uri):
            found.append(f"{o.role} from map `{d.map_id}` (line {line})")
        elif o.owner is not None:
            found.append(f"{_ROLE_WORDS.get(o.role, o.role)} `{o.owner}` (line {line})")
        else:
            found.append(f"{o.role} (line {line})")
    if len(found) > MAX_USES:
        found = found[:MAX_USES] + [f"and {len(found) - MAX_USES} more"]
    return found


def _quote(doc: Document, quote: str, world: World) -> str | None:
    source = world.essays.source(doc)
    if source is None:
        return None
    found = source.find_all(quote)
    if len(found) == 1:
        m = found[0]
        return f"In the essay at line {m.line}, paragraph {m.paragraph}."
    if found:
        lines = ", ".join(str(m.line) for m in found)
        return f"Occurs {len(found)} times in the essay (lines {lines}): quote more of the surrounding words."
    near = source.closest(quote)
    if near is None:
        return "Not in the essay."
    passage = " ".join(source.text[near[0].start : near[0].end].split())
    return f"Not in the essay. Closest passage, at line {near[0].line}:\n\n> {passage}"
