"""SADFace out and in: maps as the Simple Argument Description Format's JSON, and back.

A SADFace document holds atoms (statements), schemes (a support, named by its argumentation scheme,
or a conflict) and edges in AIF's direction (premise -> scheme -> conclusion, attacker -> conflict ->
attacked), with text resources that atoms quote by offset, and metadata in namespaces.

Export: an atom per claim (its quotes as sources in the essay, a text resource), a scheme per
argument ("support" or the scheme's name; "conflict" for an attack, pointing at an atom, or at a
scheme for an undercut), a "disagree" scheme pointing at the positions of each issue. Ids are UUIDs
derived from the map's ids, so that exporting twice gives the same ids. Every field SADFace has no
place for travels in an "argmap" metadata namespace (on the document, each atom and each scheme),
which `argmap import sadface` reads back.

Import reads atoms, schemes (also as the newer node types "inference" and "conflict"), edges,
resources and core metadata; conflicts named attack, conflict, rebut, undercut or defeat are
attacks, disagreements issues. A node or edge id given twice, an edge to a node that does not exist
and an edge between two atoms are refused with their line and column.
"""

from __future__ import annotations

import datetime
import json
import uuid
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..model import ArgMap, Argument, Claim, Issue
from ..schemes import SCHEMES
from ..source import SourceText
from ..words import plural
from . import Export
from .aif import AIF_SCHEME_NAMES, scheme_named
from .contents import left_out
from .importing import (
    Imported,
    JsonDocument,
    Pointer,
    default_thesis,
    is_slug,
    parse_json,
    read_input,
    slugify,
    unique,
    unique_quote,
)

SADFACE_VERSION = "0.5"
_IDS = uuid.UUID("6c1d1f52-3c8e-4b7a-9d0e-2a5f7c9b8e41")
"""The namespace of the UUIDs argmap derives from a map's ids."""
CONFLICT_NAMES = ("conflict", "attack", "rebut", "rebuttal", "undercut", "undermine", "defeat")
DISAGREE_NAMES = ("disagree", "disagreement")
NAMESPACE = "argmap"
"""The metadata namespace in which argmap keeps what SADFace has no place for."""


# --- export --------------------------------------------------------------------------------------------


def _uid(*parts: str) -> str:
    return str(uuid.uuid5(_IDS, "/".join(parts)))


def _fields(model: BaseModel, leave_out: tuple[str, ...]) -> dict[str, Any]:
    dumped: dict[str, Any] = model.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    return {k: v for k, v in dumped.items() if k not in leave_out}


def to_sadface(m: ArgMap, source: SourceText | None = None, now: str | None = None) -> Export:
    """The map as a SADFace document (see the module docstring)."""
    stamp = now or datetime.datetime.now(datetime.UTC).replace(microsecond=0).isoformat()
    resource = _uid(m.id, "essay")
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []

    def edge(src: str, dst: str) -> None:
        edges.append({"id": _uid(m.id, "edge", src, dst), "source_id": src, "target_id": dst})

    node_of = {claim_id: _uid(m.id, "claim", claim_id) for claim_id in m.claims}
    node_of.update({arg_id: _uid(m.id, "argument", arg_id) for arg_id in m.arguments})
    for claim_id, claim in m.claims.items():
        nodes.append(_atom(node_of[claim_id], claim_id, claim, source, resource))
    for arg_id, argument in m.arguments.items():
        name = "conflict" if argument.attacks else _scheme_name(argument.scheme_id)
        meta = {"id": arg_id, **_fields(argument, ("premises", "conclusion", "attacks"))}
        nodes.append({"id": node_of[arg_id], "type": "scheme", "name": name, "metadata": {"core": {}, NAMESPACE: meta}})
        for premise in argument.premises:
            edge(node_of[premise], node_of[arg_id])
        edge(node_of[arg_id], node_of[argument.target])
    for issue_id, issue in m.issues.items():
        node = _uid(m.id, "issue", issue_id)
        meta = {"issue": issue_id, **_fields(issue, ("positions",))}
        nodes.append({"id": node, "type": "scheme", "name": "disagree", "metadata": {"core": {}, NAMESPACE: meta}})
        for position in issue.positions:
            edge(node, node_of[position])
    document = {
        "metadata": {"core": _core(m, stamp), NAMESPACE: _map_fields(m)},
        "resources": [_resource(resource, m, source)] if source is not None else [],
        "nodes": nodes,
        "edges": edges,
    }
    return Export(json.dumps(document, indent=1, ensure_ascii=False) + "\n", _not_carried(m, source))


def _scheme_name(scheme_id: str) -> str:
    if scheme_id == "default":
        return "support"
    return AIF_SCHEME_NAMES.get(scheme_id) or (SCHEMES[scheme_id].name if scheme_id in SCHEMES else scheme_id)


def _atom(node: str, claim_id: str, claim: Claim, source: SourceText | None, resource: str) -> dict[str, Any]:
    sources = []
    for quote in claim.quotes if source is not None else []:
        assert source is not None
        found = source.find_all(quote, limit=1)
        if found:
            start, end = found[0].start, found[0].end
            sources.append(
                {"resource_id": resource, "text": source.text[start:end], "offset": start, "length": end - start}
            )
    meta = {"id": claim_id, **_fields(claim, ("text",))}
    return {
        "id": node,
        "type": "atom",
        "text": claim.text,
        "sources": sources,
        "metadata": {"core": {}, NAMESPACE: meta},
    }


def _core(m: ArgMap, stamp: str) -> dict[str, Any]:
    core: dict[str, Any] = {
        "analyst_email": "",
        "analyst_name": m.analyst or "",
        "created": stamp,
        "edited": stamp,
        "id": _uid(m.id),
        "version": SADFACE_VERSION,
        "title": m.title,
    }
    if m.description:
        core["description"] = m.description
    return core


def _map_fields(m: ArgMap) -> dict[str, Any]:
    fields = _fields(m, ("argmap", "title", "analyst", "description", "claims", "arguments", "issues"))
    if "source" in fields:
        fields["source"] = {k: v for k, v in fields["source"].items() if k not in ("path", "sha256")}
        if not fields["source"]:
            del fields["source"]
    return fields


def _resource(resource: str, m: ArgMap, source: SourceText) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    if m.source is not None:
        meta = {
            k: v
            for k, v in m.source.model_dump(mode="json", exclude_defaults=True).items()
            if k in ("author", "venue", "published", "url")
        }
    return {"id": resource, "content": source.text, "type": "text", "metadata": {"core": meta}}


CARRIED = ("title", "analyst", "description", "claim-quotes", "support-schemes", "issues")
"""What of a map (see contents.inventory) SADFace has a place for: the core metadata, the atoms'
sources (when there is an essay), the schemes' names and the disagreements' positions."""


def _not_carried(m: ArgMap, source: SourceText | None) -> list[str]:
    notes = []
    quotes = sum(len(c.quotes) for c in m.claims.values())
    if quotes and source is None:
        notes.append(plural(quotes, "quote") + " as sources (no essay to point into; they stay in the argmap metadata)")
    notes.append(
        "SADFace has no place for "
        + ", ".join(left_out(m, CARRIED))
        + ": they travel in the 'argmap' metadata namespace, which other SADFace tools ignore"
    )
    return notes


# --- import --------------------------------------------------------------------------------------------


def read_sadface_file(path: Path) -> Imported:
    """Read a SADFace file (see read_sadface)."""
    return read_sadface(read_input(path))


def read_sadface(raw: str) -> Imported:
    """Turn a SADFace document into map data; FormatError (with its place) for what is not SADFace."""
    doc = parse_json(raw)
    shape = _Shape(doc)
    return _SadfaceReader(shape).read()


class _Shape:
    """A SADFace document's nodes, edges and resources, checked."""

    def __init__(self, doc: JsonDocument) -> None:
        data = doc.data
        if (
            not isinstance(data, dict)
            or not isinstance(data.get("nodes"), list)
            or not isinstance(data.get("edges"), list)
        ):
            raise doc.error("wrong shape", "not SADFace: expected an object with 'nodes' and 'edges' lists", ())
        self.doc = doc
        self.metadata: dict[str, Any] = data["metadata"] if isinstance(data.get("metadata"), dict) else {}
        self.nodes: dict[str, dict[str, Any]] = {}
        for index, node in enumerate(data["nodes"]):
            self._node(index, node)
        self.resources = self._resources(data.get("resources", []))
        self.incoming: dict[str, list[str]] = {}
        self.outgoing: dict[str, list[str]] = {}
        seen: set[str] = set()
        for index, edge in enumerate(data["edges"]):
            self._edge(index, edge, seen)

    def _id(self, value: Any, pointer: Pointer, what: str) -> str:
        if isinstance(value, bool) or not isinstance(value, (str, int)) or str(value) == "":
            raise self.doc.error("wrong shape", f"not SADFace: {what} has no id", pointer)
        return str(value)

    def _node(self, index: int, node: Any) -> None:
        pointer: Pointer = ("nodes", index)
        if not isinstance(node, dict):
            raise self.doc.error("wrong shape", "not SADFace: a node is not an object", pointer)
        node_id = self._id(node.get("id"), (*pointer, "id"), "a node")
        kind = node.get("type")
        if kind not in ("atom", "scheme", "inference", "conflict"):
            raise self.doc.error("wrong shape", f"not SADFace: a node's type is {json.dumps(kind)}", (*pointer, "type"))
        field = "text" if kind == "atom" else "name"
        if not isinstance(node.get(field), str if kind == "atom" else (str, type(None))):
            raise self.doc.error("wrong shape", f"not SADFace: the {kind}'s '{field}' is not text", (*pointer, field))
        if node_id in self.nodes:
            raise self.doc.error("duplicate id", f"two nodes have the id {node_id}", (*pointer, "id"))
        self.nodes[node_id] = {**node, "_pointer": pointer}

    def _resources(self, raw: Any) -> dict[str, tuple[str, Pointer]]:
        if not isinstance(raw, list):
            raise self.doc.error("wrong shape", "not SADFace: 'resources' is not a list", ("resources",))
        found: dict[str, tuple[str, Pointer]] = {}
        for index, item in enumerate(raw):
            pointer: Pointer = ("resources", index)
            if not isinstance(item, dict):
                raise self.doc.error("wrong shape", "not SADFace: a resource is not an object", pointer)
            resource_id = self._id(item.get("id"), (*pointer, "id"), "a resource")
            if resource_id in found:
                raise self.doc.error("duplicate id", f"two resources have the id {resource_id}", (*pointer, "id"))
            content = item.get("content")
            if item.get("type", "text") == "text" and isinstance(content, str):
                found[resource_id] = (content, pointer)
        return found

    def _edge(self, index: int, edge: Any, seen: set[str]) -> None:
        pointer: Pointer = ("edges", index)
        if not isinstance(edge, dict):
            raise self.doc.error("wrong shape", "not SADFace: an edge is not an object", pointer)
        if edge.get("id") is not None:
            edge_id = str(edge["id"])
            if edge_id in seen:
                raise self.doc.error("duplicate id", f"two edges have the id {edge_id}", (*pointer, "id"))
            seen.add(edge_id)
        ends = []
        for key in ("source_id", "target_id"):
            end = self._id(edge.get(key), (*pointer, key), f"the edge's '{key}'")
            if end not in self.nodes:
                raise self.doc.error(
                    "dangling edge", f"the edge's {key} {end} is not a node of the document", (*pointer, key)
                )
            ends.append(end)
        if self.nodes[ends[0]]["type"] == self.nodes[ends[1]]["type"] == "atom":
            raise self.doc.error(
                "wrong shape", "not SADFace: an edge links two atoms (atoms meet through schemes)", pointer
            )
        self.outgoing.setdefault(ends[0], []).append(ends[1])
        self.incoming.setdefault(ends[1], []).append(ends[0])


def _valid(model: type[BaseModel], fields: dict[str, Any], what: str, warnings: list[str]) -> bool:
    """Whether fields make a valid model; a warning when they do not."""
    try:
        model.model_validate(fields)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        warnings.append(f"{what}: its argmap metadata is not valid ({where}: {first['msg']}): not carried")
        return False
    return True


class _SadfaceReader:
    def __init__(self, shape: _Shape) -> None:
        self.shape = shape
        self.used: set[str] = set()
        self.warnings: list[str] = []
        self.claim_of: dict[str, str] = {}
        self.arg_of: dict[str, str] = {}
        self.claims: dict[str, dict[str, Any]] = {}
        self.arguments: dict[str, dict[str, Any]] = {}
        self.issues: dict[str, dict[str, Any]] = {}
        self.text, self.offset_of = self._essay()
        self.source = SourceText(self.text) if self.text else None

    def read(self) -> Imported:
        nodes = self.shape.nodes
        for node_id, node in nodes.items():
            if node["type"] == "atom":
                self._claim(node_id, node)
        schemes = [n for n, node in nodes.items() if node["type"] != "atom"]
        for node_id in schemes:
            self.arg_of[node_id] = self._argument_id(node_id)
        for node_id in schemes:
            self._scheme(node_id, nodes[node_id])
        data = self._map_data()
        return Imported(data=data, text=self.text, warnings=self.warnings)

    # -- the essay

    def _essay(self) -> tuple[str | None, dict[str, int]]:
        """The text resources joined into one essay, and where each starts in it."""
        parts, offsets, at = [], {}, 0
        for resource_id, (content, _) in self.shape.resources.items():
            offsets[resource_id] = at
            parts.append(content)
            at += len(content) + 2
        return ("\n\n".join(parts) if parts else None), offsets

    # -- atoms

    def _claim(self, node_id: str, node: dict[str, Any]) -> None:
        meta = _namespaces(node, f"atom {node_id}", self.warnings)
        wanted = meta.get("id") if isinstance(meta.get("id"), str) and is_slug(meta["id"]) else None
        ident = unique(wanted if wanted and wanted not in self.used else slugify(node["text"], "claim", 6), self.used)
        self.claim_of[node_id] = ident
        text = " ".join(node["text"].split())
        if not text:
            self.warnings.append(f"atom {node_id} has no text: its id stands in for it")
        fields = {k: v for k, v in meta.items() if k not in ("id", "text")}
        claim: dict[str, Any] = {"text": text or ident}
        if fields and _valid(Claim, {**claim, **fields}, f"atom {node_id}", self.warnings):
            claim.update(fields)
        if "quote" not in claim:
            quotes = self._quotes(node)
            if quotes:
                claim["quote"] = quotes[0] if len(quotes) == 1 else quotes
        self.claims[ident] = claim

    def _quotes(self, node: dict[str, Any]) -> list[str]:
        if self.source is None or not isinstance(node.get("sources"), list):
            return []
        quotes = []
        for item in node["sources"]:
            place = self._place(item) if isinstance(item, dict) else None
            if place is not None:
                quotes.append(unique_quote(self.source, *place))
        return list(dict.fromkeys(q for q in quotes if q))

    def _place(self, item: dict[str, Any]) -> tuple[int, int] | None:
        """Where a source's text is in the essay: at its offset, or found by its words."""
        assert self.source is not None and self.text is not None
        words, offset = item.get("text"), item.get("offset")
        base = self.offset_of.get(str(item.get("resource_id")))
        if not isinstance(words, str) or not words.strip() or base is None:
            return None
        if type(offset) is int and self.text[base + offset : base + offset + len(words)] == words:
            return base + offset, base + offset + len(words)
        found = self.source.find_all(words, limit=1)
        return (found[0].start, found[0].end) if found else None

    # -- schemes

    def _kind(self, node: dict[str, Any]) -> str:
        name = str(node.get("name") or "").strip().lower()
        if name in DISAGREE_NAMES:
            return "disagree"
        if node["type"] == "conflict" or name in CONFLICT_NAMES:
            return "conflict"
        return "support"

    def _argument_id(self, node_id: str) -> str:
        node = self.shape.nodes[node_id]
        meta = node.get("metadata", {}).get(NAMESPACE) if isinstance(node.get("metadata"), dict) else None
        wanted = meta.get("id") or meta.get("issue") if isinstance(meta, dict) else None
        if isinstance(wanted, str) and is_slug(wanted) and wanted not in self.used:
            return unique(wanted, self.used)
        targets = [self.claim_of.get(t, "argument") for t in self.shape.outgoing.get(node_id, [])]
        kind = self._kind(node)
        if kind == "disagree":
            return unique(slugify("-or-".join(targets[:2]) or "issue", "issue"), self.used)
        return unique(
            ("for-" if kind == "support" else "against-") + (targets[0] if targets else "argument"), self.used
        )

    def _scheme(self, node_id: str, node: dict[str, Any]) -> None:
        meta = _namespaces(node, f"{node['type']} {node_id}", self.warnings)
        kind = self._kind(node)
        sources = self.shape.incoming.get(node_id, [])
        targets = self.shape.outgoing.get(node_id, [])
        if kind == "disagree" and not sources:
            self._issue(node_id, targets, meta)
            return
        premises = [self.claim_of[s] for s in sources if s in self.claim_of]
        feeding = [s for s in sources if s not in self.claim_of and self._kind(self.shape.nodes[s]) == "support"]
        what = f"scheme {node_id} ({node.get('name') or kind})"
        if feeding:
            self.warnings.append(
                f"{what}: a scheme that feeds a scheme has no place in a map: that link is not carried"
            )
        if not premises or not targets:
            self.warnings.append(f"{what} has no {'premise' if not premises else 'target'}: not carried")
            return
        if len(targets) > 1:
            self.warnings.append(f"{what} points at {len(targets)} nodes: kept the first")
        entry = self._entry(node, kind, premises, targets[0], what)
        if entry is not None:
            fields = {k: v for k, v in meta.items() if k not in ("id", "premises", "conclusion", "attacks", "issue")}
            if fields and _valid(Argument, {**entry, **fields}, what, self.warnings):
                entry.update(fields)
            self.arguments[self.arg_of[node_id]] = entry

    def _entry(
        self, node: dict[str, Any], kind: str, premises: list[str], target: str, what: str
    ) -> dict[str, Any] | None:
        entry: dict[str, Any] = {"premises": premises}
        if kind != "support":
            entry["attacks"] = self.claim_of.get(target) or self.arg_of[target]
            return entry
        if target not in self.claim_of:
            self.warnings.append(f"{what} supports a scheme, which a map cannot hold: not carried")
            return None
        entry["conclusion"] = self.claim_of[target]
        scheme = _scheme_of(str(node.get("name") or "support"))
        if scheme is None:
            self.warnings.append(
                f"{what}: the scheme '{node.get('name')}' is not in argmap's catalogue: kept as a note"
            )
            entry["note"] = f"SADFace scheme: {node.get('name')}"
        elif scheme != "default":
            entry["scheme"] = scheme
        return entry

    def _issue(self, node_id: str, targets: list[str], meta: dict[str, Any]) -> None:
        positions = [self.claim_of[t] for t in targets if t in self.claim_of]
        fields = {k: v for k, v in meta.items() if k in ("standard", "label", "note")}
        issue: dict[str, Any] = {"positions": positions}
        if fields and _valid(
            Issue, {"positions": positions or ["x"], **fields}, f"disagreement {node_id}", self.warnings
        ):
            issue.update(fields)
        if not positions or (len(positions) < 2 and "issue" not in meta):  # argmap's own: an issue may have one
            self.warnings.append(f"disagreement {node_id} names fewer than two atoms: not carried")
            return
        self.issues[self.arg_of[node_id]] = issue

    # -- the document

    def _map_data(self) -> dict[str, Any]:
        core = _dict(self.shape.metadata.get("core"))
        meta = _dict(self.shape.metadata.get(NAMESPACE))
        title = core.get("title") if isinstance(core.get("title"), str) and core["title"].strip() else None
        wanted = meta.get("id")
        data: dict[str, Any] = {
            "argmap": 1,
            "id": wanted if isinstance(wanted, str) and is_slug(wanted) else slugify(title or "", "imported"),
            "title": title or "Imported argument map",
        }
        for key, target in (("analyst_name", "analyst"), ("description", "description")):
            if isinstance(core.get(key), str) and core[key].strip():
                data[target] = core[key]
        if isinstance(core.get("notes"), str) and core["notes"].strip():
            data["description"] = f"{data.get('description', '')} {core['notes']}".strip()
        data.update(_map_fields_from(meta, self.warnings))
        data["claims"] = self.claims
        data["arguments"] = self.arguments
        if self.issues:
            data["issues"] = self.issues
        if "thesis" not in data:
            data["thesis"] = default_thesis(data)
        return data


_MAP_FIELDS = (
    "thesis",
    "semantics",
    "assumptions",
    "assume_premises",
    "expect",
    "source",
    "concepts",
    "references",
    "links",
)
"""Fields of a map that the document's argmap metadata may hold."""


def _map_fields_from(meta: dict[str, Any], warnings: list[str]) -> dict[str, Any]:
    """The map-level fields of the document's argmap metadata that are valid."""
    fields: dict[str, Any] = {}
    for key, value in meta.items():
        if key not in _MAP_FIELDS:
            continue
        probe: dict[str, Any] = {"argmap": 1, "id": "probe", "title": "probe", key: value}
        if key == "source" and isinstance(value, dict):
            probe[key] = {**value, "path": "probe.txt"}
        try:
            ArgMap.model_validate(probe)
        except ValidationError:
            warnings.append(f"the document's argmap metadata '{key}' is not valid: not carried")
            continue
        fields[key] = value
    if isinstance(fields.get("thesis"), str):
        fields["thesis"] = [fields["thesis"]]
    return fields


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _namespaces(node: dict[str, Any], what: str, warnings: list[str]) -> dict[str, Any]:
    """A node's argmap metadata; other metadata (besides an empty core) is named in a warning."""
    metadata = node.get("metadata")
    if not isinstance(metadata, dict):
        return {}
    others = sorted(k for k, v in metadata.items() if k != NAMESPACE and v not in ({}, None, [], ""))
    if others:
        warnings.append(f"{what}: its metadata ({', '.join(others)}) has no place in a map: not carried")
    meta = metadata.get(NAMESPACE)
    return meta if isinstance(meta, dict) else {}


def _scheme_of(name: str) -> str | None:
    if name.strip().lower() in ("support", "default support", "inference", "default inference"):
        return "default"
    return scheme_named(name)
