"""AIF in and out: maps as the Argument Interchange Format's JSON (AIFdb, OVA, xAIF), and back.

Export writes AIFdb-style JSON: an I-node per claim, an RA node per supporting argument and a CA
node per attack (named by their scheme), edges in AIF's direction (premise -> RA -> conclusion,
attacker -> CA -> attacked), and string ids that are the map's own ids. Quotes travel as xAIF-style
text: the essay under "text", each quoted passage in a <span class="highlighted"> whose id names
its claim. What AIF has no place for (claim types, tags, concepts, references, notes, links, the
map's metadata) travels under an "argmap" key that AIF tools ignore, and the command lists it.

Import reads AIFdb exports, OVA2 saves ("analysis" with node offsets) and xAIF ("AIF" and "text"):
ids are made strings, I-nodes become claims, RA nodes supporting arguments, CA nodes attacks, MA
(rephrase) nodes notes on the rephrased claim; the dialogue layer (L, YA, TA) and preferences (PA)
are skipped and counted; edges to missing nodes are reported, never followed.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from typing import Any

from ..model import SLUG_PATTERN, ArgMap
from ..schemes import SCHEMES
from ..source import SourceText, fold_quote
from . import Export

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


# --- export --------------------------------------------------------------------------------------------


def _count(n: int, what: str) -> str:
    return f"{n} {what}"


def to_aif(m: ArgMap, source: SourceText | None = None) -> Export:
    """The map as AIF JSON (see the module docstring)."""
    nodes: list[dict] = []
    edges: list[dict] = []

    def edge(src: str, dst: str) -> None:
        edges.append({"edgeID": f"e{len(edges) + 1}", "fromID": src, "toID": dst, "formEdgeID": None})

    for claim_id, claim in m.claims.items():
        nodes.append({"nodeID": claim_id, "text": claim.text, "type": "I"})
    for arg_id, argument in m.arguments.items():
        if argument.conclusion is not None:
            name = (
                AIF_SCHEME_NAMES[argument.scheme_id] if argument.scheme_id in AIF_SCHEME_NAMES else argument.scheme_id
            )
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
        not_carried.append(f"{quotes} quotes (no source text to mark them in)")
    if overlapping:
        not_carried.append(
            f"{overlapping} quotes that overlap others are not marked in the text (their offsets stay in the argmap key)"
        )
    typed = sum(1 for c in m.claims.values() if c.type)
    extension_only = [
        _count(typed, "claim types") if typed else "",
        _count(sum(len(c.tags) for c in m.claims.values()), "tags") if any(c.tags for c in m.claims.values()) else "",
        _count(sum(len(c.concepts) for c in m.claims.values()), "concept assignments") if m.concepts else "",
        _count(sum(1 for c in m.claims.values() if c.implicit), "implicit flags")
        if any(c.implicit for c in m.claims.values())
        else "",
        _count(len(m.references), "references") if m.references else "",
        _count(sum(1 for c in m.claims.values() if c.note) + sum(1 for a in m.arguments.values() if a.note), "notes"),
        _count(sum(1 for a in m.arguments.values() if a.label), "argument labels"),
        _count(sum(len(a.quotes) for a in m.arguments.values()), "inference anchors"),
        _count(sum(1 for a in m.arguments.values() if a.reconstructed), "reconstruction flags"),
        _count(sum(1 for c in m.claims.values() if c.attributed_to), "speakers"),
        _count(sum(1 for a in m.arguments.values() if a.weight is not None), "weights"),
        _count(sum(1 for a in m.arguments.values() if a.conceded), "concessions"),
        "the semantics, assumptions, issues and expectations" if _evaluated(m) else "",
        _count(len(m.links), "links to other maps") if m.links else "",
        "the thesis, title and source metadata",
    ]
    extension_only = [item for item in extension_only if item and not item.startswith("0 ")]
    not_carried.append(
        "AIF has no place for "
        + ", ".join(extension_only)
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


def _quote_offsets(m: ArgMap, source: SourceText) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
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


_ARGUMENT_KEYS = (
    "premises",
    "conclusion",
    "attacks",
    "scheme",
    "label",
    "quote",
    "reconstructed",
    "weight",
    "conceded",
    "note",
)
"""What an imported argument keeps: its graph from the AIF nodes, the rest from the argmap key."""


class AIFError(Exception):
    """The file is not AIF that argmap can read; the message says why."""


@dataclass
class Imported:
    """The result of an import: map data ready to write as YAML, the essay text if the file had one,
    and what was skipped or could not be followed."""

    data: dict
    text: str | None
    notes: list[str] = field(default_factory=list)


_SPAN = re.compile(r'<span[^>]*\bid="([^"]+)"[^>]*>(.*?)</span>', re.S)
_TAG = re.compile(r"<[^>]+>")


def plain_text(marked: str) -> str:
    """xAIF/OVA text (HTML with highlighted spans) as plain text."""
    text = re.sub(r"<br\s*/?>", "\n", marked, flags=re.I)
    return html.unescape(_TAG.sub("", text))


def _marked_quotes(marked: str) -> dict[str, list[str]]:
    """span id -> quoted text, from xAIF/OVA marked-up text."""
    found: dict[str, list[str]] = {}
    for span_id, inner in _SPAN.findall(marked):
        found.setdefault(span_id, []).append(html.unescape(_TAG.sub("", inner)))
    return found


def _slug(text: str, words: int = 6) -> str:
    parts = re.sub(r"[^a-z0-9]+", " ", text.lower()).split()[:words]
    return "-".join(parts) or "claim"


def _unique(base: str, used: set[str]) -> str:
    candidate, n = base, 2
    while candidate in used:
        candidate = f"{base}-{n}"
        n += 1
    used.add(candidate)
    return candidate


def read_aif(raw: str) -> Imported:
    """Turn AIF JSON (AIFdb, OVA2 or xAIF) into map data. Raises AIFError for what is not AIF."""
    try:
        doc = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise AIFError(f"not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    if not isinstance(doc, dict):
        raise AIFError("not AIF: the top level is not a JSON object")
    notes: list[str] = []
    marked: str | None = None
    offsets: dict[str, list[tuple[int, int]]] = {}
    if isinstance(doc.get("AIF"), dict):  # xAIF (OVA3, AMF)
        body = doc["AIF"]
        text = doc.get("text")
        marked = text.get("txt") if isinstance(text, dict) else text if isinstance(text, str) else None
        raw_nodes, raw_edges = body.get("nodes"), body.get("edges")
        nodes, edges = _aifdb_nodes(raw_nodes), _aifdb_edges(raw_edges)
    elif isinstance(doc.get("analysis"), dict):  # OVA2
        analysis = doc["analysis"]
        marked = analysis.get("txt") if isinstance(analysis.get("txt"), str) else None
        nodes, edges, offsets = _ova_graph(doc.get("nodes"), doc.get("edges"))
        if isinstance(analysis.get("plain_txt"), str) and analysis["plain_txt"]:
            marked = marked or html.escape(analysis["plain_txt"])
    elif "nodes" in doc and "edges" in doc:  # AIFdb
        text = doc.get("text")
        marked = text.get("txt") if isinstance(text, dict) else text if isinstance(text, str) else None
        nodes, edges = _aifdb_nodes(doc.get("nodes")), _aifdb_edges(doc.get("edges"))
    else:
        raise AIFError("not AIF: expected 'nodes' and 'edges' (AIFdb), 'AIF' (xAIF) or 'analysis' (OVA)")

    extension = doc.get("argmap") if isinstance(doc.get("argmap"), dict) else None
    original = extension.get("map") if extension and isinstance(extension.get("map"), dict) else {}

    by_id = {n["id"]: n for n in nodes}
    incoming: dict[str, list[str]] = {}
    outgoing: dict[str, list[str]] = {}
    missing = 0
    for src, dst in edges:
        if src not in by_id or dst not in by_id:
            missing += 1
            notes.append(f"edge {src} -> {dst} names a node that does not exist: skipped")
            continue
        outgoing.setdefault(src, []).append(dst)
        incoming.setdefault(dst, []).append(src)

    skipped = {}
    for n in nodes:
        if n["type"] not in ("I", "RA", "CA", "MA"):
            skipped[n["type"] or "untyped"] = skipped.get(n["type"] or "untyped", 0) + 1
    if skipped:
        notes.append(
            "skipped (no place in a map): "
            + ", ".join(f"{count} {kind} node{'s' if count != 1 else ''}" for kind, count in sorted(skipped.items()))
        )

    # claims
    used: set[str] = set()
    claim_of: dict[str, str] = {}
    claims: dict[str, dict] = {}
    original_claims = original.get("claims", {}) if isinstance(original.get("claims"), dict) else {}
    for n in nodes:
        if n["type"] != "I":
            continue
        ident = n["id"] if re.fullmatch(SLUG_PATTERN, n["id"]) and not n["id"].isdigit() else _slug(n["text"])
        ident = _unique(ident, used)
        claim_of[n["id"]] = ident
        entry = dict(original_claims.get(ident, {})) if ident in original_claims else {}
        entry["text"] = n["text"] or ident
        entry.pop("quote", None)
        claims[ident] = entry

    # quotes: from marked spans (our export and OVA3), or from OVA2 offsets
    text = plain_text(marked) if marked else None
    if marked:
        numbered: dict[str, list[tuple[int, str]]] = {}
        for span_id, quotes in _marked_quotes(marked).items():
            m = re.fullmatch(r"node_?(.+?)(?:_(\d+))?", span_id)
            node, index = (m.group(1), int(m.group(2) or 0)) if m else (span_id, 0)
            if node in claim_of:
                numbered.setdefault(node, []).extend((index, q) for q in quotes)
        for node, items in numbered.items():
            claims[claim_of[node]]["quote"] = [q for _, q in sorted(items, key=lambda item: item[0])]
    if text:
        for node, spans in offsets.items():
            if node in claim_of:
                for start, end in spans:
                    if 0 <= start < end <= len(text):
                        claims[claim_of[node]].setdefault("quote", []).append(text[start:end])
    for ident, entry in claims.items():
        before = original_claims.get(ident, {}).get("quote")
        before = [before] if isinstance(before, str) else before if isinstance(before, list) else []
        if "quote" in entry and before and sorted(map(fold_quote, before)) == sorted(map(fold_quote, entry["quote"])):
            entry["quote"] = before  # the analyst's own wording of the same passages
        if "quote" in entry:
            unique_quotes = list(dict.fromkeys(q.strip() for q in entry["quote"] if q.strip()))
            if unique_quotes:
                entry["quote"] = unique_quotes[0] if len(unique_quotes) == 1 else unique_quotes
            else:
                del entry["quote"]
            entry.pop("implicit", None)

    # arguments
    arguments: dict[str, dict] = {}
    node_arg: dict[str, str] = {}
    original_args = original.get("arguments", {}) if isinstance(original.get("arguments"), dict) else {}
    pending = []
    for n in nodes:
        if n["type"] not in ("RA", "CA"):
            continue
        premises = [claim_of[s] for s in incoming.get(n["id"], []) if s in claim_of]
        targets = outgoing.get(n["id"], [])
        ident = (
            n["id"] if re.fullmatch(SLUG_PATTERN, n["id"]) and not n["id"].isdigit() and n["id"] not in used else None
        )
        if ident is None:
            first = claim_of.get(targets[0]) if targets and targets[0] in claim_of else "argument"
            ident = ("for-" if n["type"] == "RA" else "against-") + first
        ident = _unique(ident, used)
        node_arg[n["id"]] = ident
        pending.append((n, ident, premises, targets))
    for n, ident, premises, targets in pending:
        if not premises:
            notes.append(f"{n['type']} node {n['id']} has no premise: skipped")
            continue
        if not targets:
            notes.append(f"{n['type']} node {n['id']} points at nothing: skipped")
            continue
        if len(targets) > 1:
            notes.append(f"{n['type']} node {n['id']} points at {len(targets)} nodes: kept the first")
        target = targets[0]
        entry = dict(original_args.get(ident, {})) if ident in original_args else {}
        for key in ("premises", "conclusion", "attacks", "scheme"):
            entry.pop(key, None)
        entry["premises"] = premises
        if n["type"] == "RA":
            if target not in claim_of:
                notes.append(f"RA node {n['id']} supports a non-claim node {target}: skipped")
                continue
            entry["conclusion"] = claim_of[target]
            scheme = scheme_from_aif(n.get("scheme") or n["text"])
            if scheme is None:
                notes.append(
                    f"RA node {n['id']}: AIF scheme '{n.get('scheme') or n['text']}' is not in the catalogue: kept as a note"
                )
                entry["note"] = f"AIF scheme: {n.get('scheme') or n['text']}"
            elif scheme != "default":
                entry["scheme"] = scheme
        else:
            if target in claim_of:
                entry["attacks"] = claim_of[target]
            elif target in node_arg:
                entry["attacks"] = node_arg[target]
            else:
                notes.append(
                    f"CA node {n['id']} attacks node {target}, which is neither a claim nor an argument: skipped"
                )
                continue
        arguments[ident] = {k: entry[k] for k in _ARGUMENT_KEYS if k in entry}

    # rephrases
    for n in nodes:
        if n["type"] != "MA":
            continue
        sources = [claim_of[s] for s in incoming.get(n["id"], []) if s in claim_of]
        targets = [claim_of[t] for t in outgoing.get(n["id"], []) if t in claim_of]
        for target in targets:
            for src in sources:
                note = f"Rephrases claim '{src}' ({claims[src]['text']})."
                claims[target]["note"] = f"{claims[target]['note']} {note}" if claims[target].get("note") else note
        if sources and targets:
            notes.append(f"MA node {n['id']} (rephrase) kept as a note on {', '.join(targets)}")

    data: dict[str, Any] = {"argmap": 1}
    data["id"] = original.get("id") if isinstance(original.get("id"), str) else "imported"
    data["title"] = original.get("title") if isinstance(original.get("title"), str) else "Imported argument map"
    for key in ("analyst", "description"):
        if isinstance(original.get(key), str):
            data[key] = original[key]
    concluded = {a.get("conclusion") for a in arguments.values()}
    used_as_premise = {p for a in arguments.values() for p in a["premises"]}
    thesis = original.get("thesis") if isinstance(original.get("thesis"), list) else None
    if thesis is None:
        thesis = [c for c in claims if c in concluded and c not in used_as_premise]
    data["thesis"] = [t for t in thesis if t in claims]
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
    if isinstance(original.get("source"), dict):
        data["source"] = {k: v for k, v in original["source"].items() if k not in ("path", "sha256")}
    if missing:
        notes.append(f"{missing} edge{'s' if missing != 1 else ''} to missing nodes skipped")
    return Imported(data=data, text=text, notes=notes)


def _aifdb_nodes(raw: Any) -> list[dict]:
    if not isinstance(raw, list):
        raise AIFError("not AIF: 'nodes' is not a list")
    nodes = []
    for item in raw:
        if not isinstance(item, dict) or "nodeID" not in item:
            raise AIFError("not AIF: a node has no 'nodeID'")
        nodes.append(
            {
                "id": str(item["nodeID"]),
                "type": str(item.get("type", "")),
                "text": str(item.get("text", "")),
                "scheme": item.get("scheme"),
            }
        )
    return nodes


def _aifdb_edges(raw: Any) -> list[tuple[str, str]]:
    if not isinstance(raw, list):
        raise AIFError("not AIF: 'edges' is not a list")
    edges = []
    for item in raw:
        if not isinstance(item, dict) or "fromID" not in item or "toID" not in item:
            raise AIFError("not AIF: an edge has no 'fromID' or 'toID'")
        edges.append((str(item["fromID"]), str(item["toID"])))
    return edges


def _ova_graph(raw_nodes: Any, raw_edges: Any):
    if not isinstance(raw_nodes, list) or not isinstance(raw_edges, list):
        raise AIFError("not OVA: 'nodes' and 'edges' must be lists")
    nodes, offsets = [], {}
    for item in raw_nodes:
        if not isinstance(item, dict) or "id" not in item:
            raise AIFError("not OVA: a node has no 'id'")
        node_id = str(item["id"])
        nodes.append(
            {
                "id": node_id,
                "type": str(item.get("type", "")),
                "text": str(item.get("text", "")),
                "scheme": item.get("scheme"),
            }
        )
        begins, ends = item.get("text_begin") or [], item.get("text_end") or []
        if isinstance(begins, list) and isinstance(ends, list):
            pairs = [(b, e) for b, e in zip(begins, ends) if isinstance(b, int) and isinstance(e, int)]
            if pairs:
                offsets[node_id] = pairs
    edges = []
    for item in raw_edges:
        if not isinstance(item, dict):
            raise AIFError("not OVA: an edge is not an object")
        src, dst = item.get("from"), item.get("to")
        src = src.get("id") if isinstance(src, dict) else src
        dst = dst.get("id") if isinstance(dst, dict) else dst
        if src is None or dst is None:
            raise AIFError("not OVA: an edge has no 'from' or 'to'")
        edges.append((str(src), str(dst)))
    return nodes, edges, offsets
