"""AIF in and out: maps as the Argument Interchange Format's JSON (AIFdb, OVA, xAIF), and back.

Export writes AIFdb-style JSON: an I-node per claim, an RA node per supporting argument and a CA
node per attack (named by their scheme), edges in AIF's direction (premise -> RA -> conclusion,
attacker -> CA -> attacked), and string ids that are the map's own ids. Quotes travel as xAIF-style
text: the essay under "text", each quoted passage in a <span class="highlighted"> whose id names
its claim. What AIF has no place for (claim types, tags, concepts, references, notes, links, the
map's metadata) travels under an "argmap" key that AIF tools ignore, and the command lists it.

Import reads AIFdb exports, OVA2 saves ("analysis" with node offsets), xAIF and OVA3 saves ("AIF",
"text", "OVA"): ids are made strings, I-nodes become claims, RA nodes supporting arguments, CA nodes
attacks, MA (rephrase) nodes notes on the rephrased claim. The analysed text (HTML) becomes the
essay as plain text, and each claim's quote the passage highlighted for its I-node, or for the
locution (L-node) that asserts it (OVA3's dialogical mode), or its words found in the text; the
speakers of those locutions become the claim's `attributed_to`. The rest of the dialogue layer (TA,
YA, PA) is counted in a warning. A file that is not JSON or not AIF, a node id given twice or an
edge to a node that does not exist is refused with its line and column.
"""

from __future__ import annotations

import difflib
import html
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from ..model import ArgMap
from ..schemes import SCHEMES
from ..source import SourceText, fold_quote
from ..words import plural
from . import Export
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

AIF_SCHEME_NAMES = {
    "default": "Default Inference",
    "cause-to-effect": "Cause To Effect",
    "correlation-to-cause": "Correlation To Cause",
    "sign": "Sign",
    "example": "Example",
    "analogy": "Analogy",
    "expert-opinion": "Expert Opinion",
    "position-to-know": "Position To Know",
    "popular-opinion": "Popular Opinion",
    "commitment": "Commitment",
    "consequences": "Consequences",
    "practical-reasoning": "Practical Reasoning",
    "values": "Values",
    "definition": "Definition To Verbal Classification",
    "abduction": "Abduction",
    "precedent": "Precedent",
}
"""argmap scheme id -> the scheme's name in AIFdb and OVA."""
CONFLICT = "Default Conflict"
REPHRASE = "Default Rephrase"

_EXTRA_NAMES = {
    "positive consequences": "consequences",
    "negative consequences": "consequences",
    "verbal classification": "definition",
    "definitional": "definition",
    "from definition": "definition",
    "evidence to hypothesis": "abduction",
    "best explanation": "abduction",
    "argument from best explanation": "abduction",
    "authority": "expert-opinion",
    "argument from authority": "expert-opinion",
    "established rule": "precedent",
    "witness testimony": "position-to-know",
    "value based practical reasoning": "practical-reasoning",
}


def _name_key(name: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", name.lower()).split())


_BY_NAME = {_name_key(name): scheme for scheme, name in AIF_SCHEME_NAMES.items()}
_BY_NAME.update(_EXTRA_NAMES)
_BY_NAME.update({_name_key(s): s for s in SCHEMES})


def scheme_from_aif(name: str | None) -> str | None:
    """An argmap scheme id for an AIF scheme name, or None when the catalogue has none like it."""
    if not name:
        return None
    key = _name_key(name)
    for prefix in ("argument from ", "from "):
        if key not in _BY_NAME and key.startswith(prefix):
            key = key[len(prefix) :]
    return _BY_NAME.get(key)


def scheme_named(name: str) -> str | None:
    """The catalogue's scheme for a name in any of the forms tools use: an id ('cause-to-effect'), the
    catalogue's name ('Cause to effect'), AIF's ('Cause To Effect', 'Argument from Expert Opinion')."""
    key = slugify(name, "")
    if key in SCHEMES:
        return key
    by_name = {slugify(s.name, ""): s.id for s in SCHEMES.values()}
    return by_name.get(key) or scheme_from_aif(name)


# --- export --------------------------------------------------------------------------------------------


CARRIED = ("claim-quotes", "support-schemes")
"""What of a map (see contents.inventory) AIF has a place for: the quotes (in the text, when there is
one; said apart when not) and the schemes of RA nodes."""


def to_aif(m: ArgMap, source: SourceText | None = None) -> Export:
    """The map as AIF JSON (see the module docstring)."""
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []

    def edge(src: str, dst: str) -> None:
        edges.append({"edgeID": f"e{len(edges) + 1}", "fromID": src, "toID": dst, "formEdgeID": None})

    for claim_id, claim in m.claims.items():
        nodes.append({"nodeID": claim_id, "text": claim.text, "type": "I"})
    for arg_id, argument in m.arguments.items():
        if argument.conclusion is not None:
            name = AIF_SCHEME_NAMES.get(argument.scheme_id, argument.scheme_id)
            nodes.append({"nodeID": arg_id, "text": name, "type": "RA", "scheme": name})
        else:
            nodes.append({"nodeID": arg_id, "text": CONFLICT, "type": "CA", "scheme": CONFLICT})
        for premise in argument.premises:
            edge(premise, arg_id)
        edge(arg_id, argument.target)

    document: dict[str, Any] = {"nodes": nodes, "edges": edges, "locutions": [], "participants": []}
    not_carried: list[str] = []
    overlapping = 0
    if source is not None:
        text, overlapping = _spans_text(m, source)
        document["text"] = text
    quotes = sum(len(c.quotes) for c in m.claims.values())
    if quotes and source is None:
        not_carried.append(f"{plural(quotes, 'quote')} (no source text to mark {'it' if quotes == 1 else 'them'} in)")
    if overlapping:
        not_carried.append(
            plural(overlapping, "quote that overlaps others is", "quotes that overlap others are")
            + " not marked in the text (their offsets stay in the argmap key)"
        )
    not_carried.append(
        "AIF has no place for "
        + ", ".join(left_out(m, CARRIED))
        + ": they are kept under the 'argmap' key, which other AIF tools ignore"
    )
    document["argmap"] = {
        "format": "argmap map, format version 1",
        "map": m.model_dump(mode="json", by_alias=True, exclude_defaults=True),
        "quotes": _quote_offsets(m, source) if source is not None else {},
    }
    return Export(json.dumps(document, indent=1, ensure_ascii=False) + "\n", not_carried)


def _evaluated(m: ArgMap) -> bool:
    """Whether the map says how it is to be evaluated (fields AIF has no place for)."""
    return bool({"semantics", "assumptions", "issues", "expect", "assume_premises"} & m.model_fields_set)


def _quote_offsets(m: ArgMap, source: SourceText) -> dict[str, list[dict[str, int]]]:
    out: dict[str, list[dict[str, int]]] = {}
    for claim_id, claim in m.claims.items():
        for quote in claim.quotes:
            found = source.find_all(quote, limit=1)
            if found:
                x = found[0]
                out.setdefault(claim_id, []).append(
                    {"start": x.start, "end": x.end, "line": x.line, "paragraph": x.paragraph}
                )
    return out


def _spans_text(m: ArgMap, source: SourceText) -> tuple[str, int]:
    """The essay as HTML-escaped text with a highlighted span around each quote (xAIF style)."""
    spans = []
    for claim_id, claim in m.claims.items():
        for index, quote in enumerate(claim.quotes):
            found = source.find_all(quote, limit=1)
            if found:
                spans.append((found[0].start, found[0].end, f"node_{claim_id}_{index}"))
    spans.sort()
    out, at, skipped = [], 0, 0
    for start, end, span_id in spans:
        if start < at:
            skipped += 1
            continue
        out.append(html.escape(source.text[at:start], quote=False))
        out.append(
            f'<span class="highlighted" id="{span_id}">{html.escape(source.text[start:end], quote=False)}</span>'
        )
        at = end
    out.append(html.escape(source.text[at:], quote=False))
    return "".join(out), skipped


# --- import --------------------------------------------------------------------------------------------

IA_TYPES = ("I", "RA", "CA", "MA")
"""The node types that become claims and arguments; the others (L, YA, TA, PA, ...) are dialogue."""

_ARGUMENT_KEYS = ("label", "quote", "reconstructed", "weight", "conceded", "note")
"""What an imported argument takes from the argmap key; its graph and scheme come from the AIF nodes (an
attack's scheme too comes from the key: AIF's conflict nodes have none of argmap's)."""
_CLAIM_KEYS = ("type", "concepts", "tags", "cites", "section", "attributed_to", "note")
"""What an imported claim takes from the argmap key (quotes and texts come from the AIF file)."""


@dataclass
class _Node:
    id: str
    type: str
    text: str
    scheme: str | None
    pointer: Pointer


@dataclass
class _Graph:
    """An AIF file's argument graph, whatever shape it came in (AIFdb, OVA2, xAIF)."""

    nodes: dict[str, _Node]
    incoming: dict[str, list[str]] = field(default_factory=dict)
    outgoing: dict[str, list[str]] = field(default_factory=dict)
    marked: str | None = None
    offsets: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    speakers: dict[str, str] = field(default_factory=dict)
    original: dict[str, Any] = field(default_factory=dict)

    def of_type(self, kind: str) -> list[_Node]:
        return [n for n in self.nodes.values() if n.type == kind]


def read_aif_file(path: Path) -> Imported:
    """Read an AIF file (see read_aif)."""
    return read_aif(read_input(path))


def read_aif(raw: str) -> Imported:
    """Turn AIF JSON (AIFdb, an OVA2 save, xAIF or an OVA3 save) into map data.

    Raises FormatError, with the line and column of the fault, for what is not JSON, not AIF, a node
    id given twice or an edge to a node that does not exist.
    """
    doc = parse_json(raw)
    graph = _read_graph(doc)
    warnings: list[str] = []
    text, spans = plain_text_and_spans(graph.marked) if graph.marked else (None, {})
    claims, claim_of = _claims(graph, warnings)
    quotes = _Quotes(graph, text, spans, claim_of, warnings)
    for node_id, claim_id in claim_of.items():
        found = quotes.of(node_id)
        if found:
            claims[claim_id]["quote"] = found
        speaker = _speaker_of(graph, node_id)
        if speaker:
            claims[claim_id]["attributed_to"] = speaker
    _restore_claims(graph.original, claims)
    arguments = _arguments(graph, claim_of, set(claims), warnings)
    _rephrases(graph, claim_of, claims, warnings)
    _count_skipped(graph, warnings)
    return Imported(data=_map_data(graph.original, claims, arguments), text=text, warnings=warnings)


# -- the graph, in any of the three shapes


def _read_graph(doc: JsonDocument) -> _Graph:
    data = doc.data
    if not isinstance(data, dict):
        raise doc.error("wrong shape", "the top level is not a JSON object, as AIF's is", ())
    if isinstance(data.get("AIF"), dict):  # xAIF: OVA3 saves, AMF
        graph = _aifdb_graph(doc, ("AIF",))
        graph.marked = _marked_text(data.get("text"))
    elif isinstance(data.get("analysis"), dict):  # OVA2
        graph = _ova2_graph(doc)
    elif "nodes" in data and "edges" in data:  # AIFdb
        graph = _aifdb_graph(doc, ())
        graph.marked = _marked_text(data.get("text"))
    else:
        raise doc.error(
            "wrong shape", "not AIF: expected 'nodes' and 'edges' (AIFdb), 'AIF' (xAIF) or 'analysis' (OVA2)", ()
        )
    extension = data.get("argmap")
    if isinstance(extension, dict) and isinstance(extension.get("map"), dict):
        graph.original = extension["map"]
    return graph


def _marked_text(text: Any) -> str | None:
    if isinstance(text, dict):
        text = text.get("txt")
    return text if isinstance(text, str) and text.strip() else None


def _list_at(doc: JsonDocument, pointer: Pointer, what: str) -> list[Any]:
    value: Any = doc.data
    for part in pointer:
        value = value.get(part) if isinstance(value, dict) else None
    if not isinstance(value, list):
        raise doc.error("wrong shape", f"not AIF: '{what}' is not a list", pointer)
    return value


def _optional_list(doc: JsonDocument, pointer: Pointer, what: str) -> list[Any]:
    value: Any = doc.data
    for part in pointer:
        value = value.get(part) if isinstance(value, dict) else None
    return [] if value is None else _list_at(doc, pointer, what)


def _node_id(doc: JsonDocument, item: Any, key: str, pointer: Pointer) -> str:
    if not isinstance(item, dict):
        raise doc.error("wrong shape", f"not AIF: node {pointer[-1]} is not an object", pointer)
    value = item.get(key)
    if isinstance(value, bool) or not isinstance(value, (str, int)) or str(value) == "":
        raise doc.error("wrong shape", f"not AIF: a node has no '{key}'", pointer)
    return str(value)


def _text_field(doc: JsonDocument, item: dict[str, Any], key: str, pointer: Pointer) -> str:
    value = item.get(key)
    if value is None:
        return ""
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise doc.error("wrong shape", f"not AIF: the node's '{key}' is not text", (*pointer, key))
    return str(value)


def _add_node(doc: JsonDocument, nodes: dict[str, _Node], item: Any, id_key: str, pointer: Pointer) -> str:
    """Read one node (its id under `id_key`, its type, text and scheme) into `nodes`; its id."""
    node_id = _node_id(doc, item, id_key, pointer)
    scheme = item.get("scheme")
    node = _Node(
        node_id,
        _text_field(doc, item, "type", pointer),
        _text_field(doc, item, "text", pointer),
        scheme if isinstance(scheme, str) else None,
        pointer,
    )
    if node_id in nodes:
        raise doc.error("duplicate id", f"two nodes have the id {node_id}", (*pointer, id_key))
    nodes[node_id] = node
    return node_id


def _aifdb_graph(doc: JsonDocument, base: Pointer) -> _Graph:
    nodes: dict[str, _Node] = {}
    for index, item in enumerate(_list_at(doc, (*base, "nodes"), "nodes")):
        pointer = (*base, "nodes", index)
        _add_node(doc, nodes, item, "nodeID", pointer)
    graph = _Graph(nodes)
    seen_edges: set[str] = set()
    for index, item in enumerate(_list_at(doc, (*base, "edges"), "edges")):
        pointer = (*base, "edges", index)
        if not isinstance(item, dict) or "fromID" not in item or "toID" not in item:
            raise doc.error("wrong shape", "not AIF: an edge has no 'fromID' or 'toID'", pointer)
        _edge_id(doc, item.get("edgeID"), seen_edges, (*pointer, "edgeID"))
        _add_edge(doc, graph, item["fromID"], item["toID"], pointer, ("fromID", "toID"))
    graph.speakers = _speakers(doc, base, graph)
    return graph


def _edge_id(doc: JsonDocument, value: Any, seen: set[str], pointer: Pointer) -> None:
    if value is None:
        return
    if str(value) in seen:
        raise doc.error("duplicate id", f"two edges have the id {value}", pointer)
    seen.add(str(value))


def _add_edge(doc: JsonDocument, graph: _Graph, src: Any, dst: Any, pointer: Pointer, keys: tuple[str, str]) -> None:
    ends = []
    for value, key, role in ((src, keys[0], "from"), (dst, keys[1], "to")):
        if isinstance(value, dict):
            value = value.get("id")
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise doc.error("wrong shape", f"not AIF: an edge's '{key}' is not a node id", (*pointer, key))
        if str(value) not in graph.nodes:
            raise doc.error(
                "dangling edge", f"the edge goes {role} node {value}, which the file does not have", (*pointer, key)
            )
        ends.append(str(value))
    graph.outgoing.setdefault(ends[0], []).append(ends[1])
    graph.incoming.setdefault(ends[1], []).append(ends[0])


def _ova2_graph(doc: JsonDocument) -> _Graph:
    nodes: dict[str, _Node] = {}
    offsets: dict[str, list[tuple[int, int]]] = {}
    for index, item in enumerate(_list_at(doc, ("nodes",), "nodes")):
        pointer: Pointer = ("nodes", index)
        node_id = _add_node(doc, nodes, item, "id", pointer)
        begins, ends = item.get("text_begin") or [], item.get("text_end") or []
        if isinstance(begins, list) and isinstance(ends, list):
            pairs = [(b, e) for b, e in zip(begins, ends, strict=False) if type(b) is int and type(e) is int]
            if pairs:
                offsets[node_id] = pairs
    graph = _Graph(nodes, offsets=offsets)
    for index, item in enumerate(_list_at(doc, ("edges",), "edges")):
        pointer = ("edges", index)
        if not isinstance(item, dict) or item.get("from") is None or item.get("to") is None:
            raise doc.error("wrong shape", "not OVA: an edge has no 'from' or 'to'", pointer)
        _add_edge(doc, graph, item["from"], item["to"], pointer, ("from", "to"))
    analysis = doc.data["analysis"]
    marked = analysis.get("txt") if isinstance(analysis.get("txt"), str) else None
    plain = analysis.get("plain_txt")
    if not marked and isinstance(plain, str) and plain:
        marked = html.escape(plain)
    graph.marked = marked or None
    graph.speakers = _speakers(doc, (), graph)
    return graph


def _speakers(doc: JsonDocument, base: Pointer, graph: _Graph) -> dict[str, str]:
    """L-node id -> the speaker's name, from locutions and participants (or the L-node's 'Name: ' prefix)."""
    people: dict[str, str] = {}
    for index, item in enumerate(_optional_list(doc, (*base, "participants"), "participants")):
        if not isinstance(item, dict):
            raise doc.error("wrong shape", "not AIF: a participant is not an object", (*base, "participants", index))
        name = " ".join(str(item.get(k) or "").strip() for k in ("firstname", "surname")).strip()
        if name and item.get("participantID") is not None:
            people[str(item["participantID"])] = name
    speakers: dict[str, str] = {}
    for index, item in enumerate(_optional_list(doc, (*base, "locutions"), "locutions")):
        if not isinstance(item, dict):
            raise doc.error("wrong shape", "not AIF: a locution is not an object", (*base, "locutions", index))
        person = people.get(str(item.get("personID")))
        if person and str(item.get("nodeID")) in graph.nodes:
            speakers[str(item["nodeID"])] = person
    names = set(people.values())
    for node in graph.of_type("L"):
        prefix = node.text.split(":", 1)[0].strip() if ":" in node.text else ""
        if node.id not in speakers and prefix in names:
            speakers[node.id] = prefix
    return speakers


# -- the analysed text


class _TextParser(HTMLParser):
    """OVA's text (HTML) as plain text, with where each span that has an id starts and ends."""

    _BREAKS = {"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.length = 0
        self.open: list[tuple[str | None, int]] = []
        self.spans: dict[str, list[tuple[int, int]]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._BREAKS and tag != "br" and self.length and not self._ends_with_newline():
            self._add("\n")
        if tag == "br":
            self._add("\n")
        elif tag == "span":
            self.open.append((dict(attrs).get("id"), self.length))

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and self.open:
            span_id, start = self.open.pop()
            if span_id:
                self.spans.setdefault(span_id, []).append((start, self.length))
        elif tag in self._BREAKS and tag != "br" and not self._ends_with_newline():
            self._add("\n")

    def handle_data(self, data: str) -> None:
        self._add(data)

    def _add(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def _ends_with_newline(self) -> bool:
        return bool(self.parts) and self.parts[-1].endswith("\n")


def plain_text_and_spans(marked: str) -> tuple[str, dict[str, list[tuple[int, int]]]]:
    """xAIF/OVA text (HTML with highlighted spans) as plain text, and span id -> (start, end) in it."""
    parser = _TextParser()
    parser.feed(marked)
    parser.close()
    return "".join(parser.parts), parser.spans


def plain_text(marked: str) -> str:
    """xAIF/OVA text (HTML with highlighted spans) as plain text."""
    return plain_text_and_spans(marked)[0]


# -- claims and their quotes


def _claims(graph: _Graph, warnings: list[str]) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    used: set[str] = set()
    claims: dict[str, dict[str, Any]] = {}
    claim_of: dict[str, str] = {}
    for node in graph.of_type("I"):
        keep = is_slug(node.id) and not node.id.isdigit()
        ident = unique(node.id if keep else slugify(node.text, "claim", words=6), used)
        claim_of[node.id] = ident
        text = " ".join(node.text.split())
        if not text:
            warnings.append(f"I-node {node.id} has no text: its id stands in for it")
        claims[ident] = {"text": text or ident}
    return claims, claim_of


class _Quotes:
    """Where each I-node's words are in the essay: its own highlighted spans, those of the locutions
    that assert it (OVA3), OVA2's offsets, or its text (or its locution's) found in the essay."""

    CLOSEST = 0.8
    """How alike a passage must be to an I-node's text to stand as its quote when no words match."""

    def __init__(
        self,
        graph: _Graph,
        text: str | None,
        spans: dict[str, list[tuple[int, int]]],
        claim_of: dict[str, str],
        warnings: list[str],
    ) -> None:
        self.graph = graph
        self.source = SourceText(text) if text else None
        self.by_node = _spans_by_node(spans, graph.nodes)
        self.claim_of = claim_of
        self.warnings = warnings
        # a text with highlighted passages says which words are each node's; only a bare text is searched
        self.search = not self.by_node and not graph.offsets and not graph.original

    def of(self, node_id: str) -> str | list[str] | None:
        if self.source is None:
            return None
        places = self._places(node_id)
        if not places and self.search:
            places = self._searched(node_id)
        quotes = list(dict.fromkeys(q for q in (unique_quote(self.source, s, e) for s, e in places) if q))
        if not quotes:
            return None
        return quotes[0] if len(quotes) == 1 else quotes

    def _places(self, node_id: str) -> list[tuple[int, int]]:
        assert self.source is not None
        places = [*self.by_node.get(node_id, []), *self.graph.offsets.get(node_id, [])]
        for locution in _locutions(self.graph, node_id):
            places += self.by_node.get(locution, [])
            places += self.graph.offsets.get(locution, [])
        size = len(self.source.text)
        return [(s, e) for s, e in places if 0 <= s < e <= size]

    def _searched(self, node_id: str) -> list[tuple[int, int]]:
        assert self.source is not None
        candidates = [self.graph.nodes[node_id].text]
        candidates += [_without_speaker(self.graph.nodes[n].text) for n in _locutions(self.graph, node_id)]
        for candidate in candidates:
            found = self.source.find_all(candidate, limit=1) if candidate.strip() else []
            if found:
                return [(found[0].start, found[0].end)]
        near = self.source.closest(candidates[0]) if len(candidates[0]) >= 12 else None
        if near is None:
            return []
        start, end, ratio = _trimmed(self.source.text, near[0].start, near[0].end, fold_quote(candidates[0]))
        if ratio < self.CLOSEST:
            return []
        line = self.source.line_col(start)[0]
        self.warnings.append(
            f"claim '{self.claim_of[node_id]}': its text is not in the essay word for word; "
            f"its quote is the closest passage, at line {line}"
        )
        return [(start, end)]


def _trimmed(text: str, start: int, end: int, wanted: str) -> tuple[int, int, float]:
    """The passage text[start:end] with words dropped from either end while that makes it more like
    wanted (a window of as many words as wanted has can overhang the passage meant), and how alike."""
    words = [(start + m.start(), start + m.end()) for m in re.finditer(r"\S+", text[start:end])]

    def likeness(i: int, j: int) -> float:
        return difflib.SequenceMatcher(None, fold_quote(text[words[i][0] : words[j][1]]), wanted).ratio()

    i, j = 0, len(words) - 1
    best = likeness(i, j)
    improved = True
    while improved and i < j:
        improved = False
        for a, b in ((i + 1, j), (i, j - 1)):
            ratio = likeness(a, b)
            if ratio > best:
                best, i, j, improved = ratio, a, b, True
                break
    return words[i][0], words[j][1], best


def _spans_by_node(
    spans: dict[str, list[tuple[int, int]]], nodes: dict[str, _Node]
) -> dict[str, list[tuple[int, int]]]:
    """node id -> its highlighted places, in the order of argmap's numbering where spans carry it,
    else in the text's order: span ids are the node's id, 'node' + id (OVA3) or 'node_' + id + '_'
    + number (argmap's own export)."""
    found: dict[str, list[tuple[int, int, int]]] = {}
    for span_id, places in spans.items():
        node, number = _span_node(span_id, nodes)
        if node is not None:
            found.setdefault(node, []).extend((number, start, end) for start, end in places)
    return {node: [(start, end) for _, start, end in sorted(items)] for node, items in found.items()}


def _span_node(span_id: str, nodes: dict[str, _Node]) -> tuple[str | None, int]:
    for candidate in (span_id, span_id.removeprefix("node"), span_id.removeprefix("node_")):
        if candidate in nodes:
            return candidate, 0
    ours = re.fullmatch(r"node_(.+)_(\d+)", span_id)
    if ours and ours.group(1) in nodes:
        return ours.group(1), int(ours.group(2))
    return None, 0


def _locutions(graph: _Graph, node_id: str) -> list[str]:
    """The L-nodes that assert (question, challenge ...) an I-node: L -> YA -> I."""
    found = []
    for ya in graph.incoming.get(node_id, []):
        if graph.nodes[ya].type == "YA":
            found += [n for n in graph.incoming.get(ya, []) if graph.nodes[n].type == "L"]
    return list(dict.fromkeys(found))


def _without_speaker(text: str) -> str:
    return text.split(":", 1)[1] if ":" in text and len(text.split(":", 1)[0]) <= 60 else text


def _speaker_of(graph: _Graph, node_id: str) -> str | None:
    names = [graph.speakers[n] for n in _locutions(graph, node_id) if n in graph.speakers]
    return ", ".join(dict.fromkeys(names)) or None


def _restore_claims(original: dict[str, Any], claims: dict[str, dict[str, Any]]) -> None:
    """Fields of claims that AIF cannot hold, from the 'argmap' key of argmap's own export."""
    before_all = _dict(original.get("claims"))
    for ident, entry in claims.items():
        before = _dict(before_all.get(ident))
        if not before:
            continue
        imported_quote = entry.get("quote")
        for key, value in before.items():
            if key in _CLAIM_KEYS:
                entry[key] = value
        if before.get("implicit") and imported_quote is None:
            entry["implicit"] = True
        wording = before.get("quote")
        if imported_quote is not None and wording is not None and _same_quotes(wording, imported_quote):
            entry["quote"] = wording  # the analyst's own wording of the same passages


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _same_quotes(a: Any, b: Any) -> bool:
    def folded(q: Any) -> list[str]:
        items = [q] if isinstance(q, str) else list(q) if isinstance(q, list) else []
        return sorted(fold_quote(str(i)) for i in items)

    return folded(a) == folded(b)


# -- arguments


def _arguments(
    graph: _Graph, claim_of: dict[str, str], used: set[str], warnings: list[str]
) -> dict[str, dict[str, Any]]:
    original = _dict(graph.original.get("arguments"))
    node_arg: dict[str, str] = {}
    for node in graph.nodes.values():
        if node.type in ("RA", "CA"):
            node_arg[node.id] = _argument_id(graph, node, claim_of, used)
    arguments: dict[str, dict[str, Any]] = {}
    for node_id, ident in node_arg.items():
        entry = _argument(graph, graph.nodes[node_id], claim_of, node_arg, warnings)
        if entry is None:
            continue
        for key, value in _dict(original.get(ident)).items():
            if key in _ARGUMENT_KEYS or (key == "scheme" and "attacks" in entry):  # a CA node names no scheme
                entry.setdefault(key, value)
        arguments[ident] = entry
    return arguments


def _argument_id(graph: _Graph, node: _Node, claim_of: dict[str, str], used: set[str]) -> str:
    if is_slug(node.id) and not node.id.isdigit() and node.id not in used:
        return unique(node.id, used)
    targets = graph.outgoing.get(node.id, [])
    first = claim_of.get(targets[0], "argument") if targets else "argument"
    return unique(("for-" if node.type == "RA" else "against-") + first, used)


def _argument(
    graph: _Graph, node: _Node, claim_of: dict[str, str], node_arg: dict[str, str], warnings: list[str]
) -> dict[str, Any] | None:
    premises = [claim_of[s] for s in graph.incoming.get(node.id, []) if s in claim_of]
    targets = [t for t in graph.outgoing.get(node.id, []) if t in claim_of or t in node_arg]
    what = f"{node.type} node {node.id}"
    if not premises or not targets:
        warnings.append(f"{what} has no {'premise' if not premises else 'target'}: not carried")
        return None
    if len(targets) > 1:
        warnings.append(f"{what} points at {len(targets)} nodes: kept the first")
    target = targets[0]
    entry: dict[str, Any] = {"premises": premises}
    if node.type == "CA":
        entry["attacks"] = claim_of.get(target) or node_arg[target]
        return entry
    if target not in claim_of:
        warnings.append(f"{what} supports an argument, which a map cannot hold: not carried")
        return None
    entry["conclusion"] = claim_of[target]
    name = node.scheme or node.text
    scheme = scheme_from_aif(name)
    if scheme is None:
        warnings.append(f"{what}: the scheme '{name}' is not in argmap's catalogue: kept as a note")
        entry["note"] = f"AIF scheme: {name}"
    elif scheme != "default":
        entry["scheme"] = scheme
    return entry


def _rephrases(graph: _Graph, claim_of: dict[str, str], claims: dict[str, dict[str, Any]], warnings: list[str]) -> None:
    for node in graph.of_type("MA"):
        sources = [claim_of[s] for s in graph.incoming.get(node.id, []) if s in claim_of]
        targets = [claim_of[t] for t in graph.outgoing.get(node.id, []) if t in claim_of]
        for target in targets:
            for src in sources:
                note = f"Rephrases claim '{src}' ({claims[src]['text']})."
                claims[target]["note"] = f"{claims[target]['note']} {note}" if claims[target].get("note") else note
        if sources and targets:
            warnings.append(f"MA node {node.id} (rephrase) kept as a note on {', '.join(targets)}")


def _count_skipped(graph: _Graph, warnings: list[str]) -> None:
    skipped: dict[str, int] = {}
    for node in graph.nodes.values():
        if node.type not in IA_TYPES:
            skipped[node.type or "untyped"] = skipped.get(node.type or "untyped", 0) + 1
    if skipped:
        kinds = ", ".join(plural(n, f"{kind} node") for kind, n in sorted(skipped.items()))
        warnings.append(f"not carried (the dialogue around the argument): {kinds}")


def _map_data(
    original: dict[str, Any], claims: dict[str, dict[str, Any]], arguments: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    data: dict[str, Any] = {"argmap": 1}
    data["id"] = original["id"] if is_slug(str(original.get("id", ""))) else "imported"
    data["title"] = original["title"] if isinstance(original.get("title"), str) else "Imported argument map"
    for key in ("analyst", "description"):
        if isinstance(original.get(key), str):
            data[key] = original[key]
    if isinstance(original.get("source"), dict):
        data["source"] = {k: v for k, v in original["source"].items() if k not in ("path", "sha256")}
    thesis = original.get("thesis")
    data["thesis"] = [thesis] if isinstance(thesis, str) else thesis if isinstance(thesis, list) else None
    for key in ("concepts", "references"):
        if isinstance(original.get(key), dict) and original[key]:
            data[key] = original[key]
    data["claims"] = claims
    data["arguments"] = arguments
    if isinstance(original.get("links"), list) and original["links"]:
        data["links"] = original["links"]
    for key in ("semantics", "assumptions", "assume_premises", "issues", "expect"):
        if key in original:
            data[key] = original[key]
    if data["thesis"] is None:
        data["thesis"] = default_thesis(data)
    return data
