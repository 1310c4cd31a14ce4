"""Completion: ids where ids go, field names, allowed values, and for quotes the essay's own sentences."""

from __future__ import annotations

import re
from typing import Any

from lsprotocol import types

from ..schemes import SCHEMES
from .context import Place, place_at
from .document import Document
from .essay import matching_sentences, occurrences, yaml_scalar
from .fields import allowed_values, field_names, model_at
from .workspace import World

MAX_ITEMS = 200
_ID_CHARS = re.compile(r"[\w.-]*")

_CLAIM_LISTS = {
    ("thesis",),
    ("thesis", "*"),
    ("assumptions", "*"),
    ("expect", "in", "*"),
    ("expect", "out", "*"),
    ("expect", "undecided", "*"),
    ("links", "*", "claim"),
}
_CLAIM_FIELDS = {("arguments", "premises", "*"), ("arguments", "conclusion"), ("issues", "positions", "*")}
_QUOTE_FIELDS = {
    ("claims", "quote"),
    ("claims", "quote", "*"),
    ("arguments", "quote"),
    ("arguments", "quote", "*"),
}
_ESSAY_WORDS = {("source", "ignore", "*", "from"), ("source", "ignore", "*", "to")}


def _shape(path: tuple[str, ...]) -> tuple[str, ...]:
    """A path with the entry's id left out: ('arguments', 'a1', 'premises', '*') -> ('arguments', 'premises', '*')."""
    if len(path) >= 2 and path[0] in ("claims", "arguments", "concepts", "references", "issues"):
        return (path[0],) + path[2:]
    return path


def complete(doc: Document, offset: int, world: World) -> types.CompletionList:
    """The completion items at an offset of a map (half typed or not)."""
    empty = types.CompletionList(is_incomplete=False, items=[])
    if not doc.is_map and ":" in doc.text:  # another kind of YAML file (a new, empty one may become a map)
        return empty
    place = place_at(doc.lines, offset)
    if place is None:
        return empty
    good = doc if doc.data is not None else world.good(doc.uri) or doc
    end = offset + len(_ID_CHARS.match(doc.text, offset).group())  # type: ignore[union-attr]  # [...]* always matches
    if place.path[-1:] == ("*",):  # leave out the ids the flow list has after the cursor too
        rest = doc.text[end : doc.lines.ends[doc.lines.line_of(end)]]
        if "]" in rest:
            place.in_flow += [item.strip().strip("'\"") for item in rest.split("]")[0].split(",") if item.strip()]
    shape = _shape(place.path)
    if place.kind == "key" or (place.kind == "item" and model_at(place.path) is not None):
        items = _keys(doc, place, good)
        return types.CompletionList(is_incomplete=False, items=_edits(doc, place.start, end, items))
    if shape in _QUOTE_FIELDS or shape in _ESSAY_WORDS:
        return _quotes(doc, place, offset, good, world)
    return types.CompletionList(
        is_incomplete=False, items=_edits(doc, place.start, end, _values(doc, place, good, world))
    )


def _edits(doc: Document, start: int, end: int, items: list[types.CompletionItem]) -> list[types.CompletionItem]:
    """Give each item an edit that replaces what is typed (and the rest of the word after the cursor)."""
    rng = doc.range(start, end)
    for index, item in enumerate(items[:MAX_ITEMS]):
        item.text_edit = types.TextEdit(range=rng, new_text=item.insert_text or item.label)
        item.insert_text = None
        item.sort_text = f"{index:04d}"
    return items[:MAX_ITEMS]


def _claim_item(doc: Document, claim_id: str, claim: Any) -> types.CompletionItem:
    text = claim.get("text") if isinstance(claim, dict) else None
    quote = claim.get("quote") if isinstance(claim, dict) else None
    doc_text = str(text) if text else ""
    if isinstance(quote, str):
        doc_text += f"\n\n> {quote}"
    return types.CompletionItem(
        label=claim_id,
        kind=types.CompletionItemKind.Value,
        detail=_short(str(text)) if text else "claim",
        documentation=types.MarkupContent(kind=types.MarkupKind.Markdown, value=doc_text) if doc_text else None,
    )


def _short(text: str, width: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "\u2026"


def _claims(good: Document, leave_out: set[str]) -> list[types.CompletionItem]:
    return [_claim_item(good, cid, c) for cid, c in good.section("claims").items() if cid not in leave_out]


def _values(doc: Document, place: Place, good: Document, world: World) -> list[types.CompletionItem]:
    shape = _shape(place.path)
    leave_out = set(place.in_flow)
    if shape in _CLAIM_LISTS or shape in _CLAIM_FIELDS:
        return _claims(good, leave_out)
    if shape == ("arguments", "attacks"):
        own = place.path[1]
        arguments = [
            types.CompletionItem(label=a, kind=types.CompletionItemKind.Function, detail=_argument_detail(arg))
            for a, arg in good.section("arguments").items()
            if a != own
        ]
        return _claims(good, leave_out) + arguments
    if shape == ("arguments", "scheme"):
        return [
            types.CompletionItem(
                label=s.id,
                kind=types.CompletionItemKind.EnumMember,
                detail=s.name,
                documentation=types.MarkupContent(kind=types.MarkupKind.Markdown, value=scheme_markdown(s.id)),
            )
            for s in SCHEMES.values()
        ]
    for section, field, kind in (
        ("concepts", ("claims", "concepts", "*"), types.CompletionItemKind.Class),
        ("references", ("claims", "cites", "*"), types.CompletionItemKind.Reference),
        ("references", ("claims", "attributed_to"), types.CompletionItemKind.Reference),
    ):
        if shape == field:
            return [
                types.CompletionItem(label=i, kind=kind, detail=_entry_detail(entry))
                for i, entry in good.section(section).items()
                if i not in leave_out
            ]
    if shape == ("links", "*", "map"):
        return [
            types.CompletionItem(label=d.map_id, kind=types.CompletionItemKind.Module, detail=str(d.path.name))
            for d in world.maps()
            if d.map_id and d.map_id != good.map_id
        ]
    if shape == ("links", "*", "to"):
        return _foreign_claims(doc, place, world)
    return [types.CompletionItem(label=v, kind=types.CompletionItemKind.EnumMember) for v in allowed_values(place.path)]


def _argument_detail(argument: Any) -> str:
    if not isinstance(argument, dict):
        return "argument"
    premises = argument.get("premises")
    names = ", ".join(map(str, premises)) if isinstance(premises, list) else ""
    if argument.get("conclusion") is not None:
        return f"{names} \u2192 {argument.get('conclusion')}"
    return f"{names} attacks {argument.get('attacks')}"


def _entry_detail(entry: Any) -> str | None:
    if isinstance(entry, dict):
        for key in ("label", "citation", "text"):
            if isinstance(entry.get(key), str):
                return _short(entry[key])
    return None


def _foreign_claims(doc: Document, place: Place, world: World) -> list[types.CompletionItem]:
    """The claims of the map that the link's 'map' names (looked up in the text: the map may not parse)."""
    other_id = _siblings(doc, place).get("map")
    other = world.by_id(other_id) if other_id else None
    if other is None:
        return []
    return _claims(other, set())


_KEY = re.compile(r" *(?:- +)?([^\s:#]+)[ \t]*:(?:[ \t]+([^\s#]+))?")


def _content_col(text: str) -> int:
    m = re.match(r" *(?:- +)*", text)
    return m.end() if m else 0


def _siblings(doc: Document, place: Place) -> dict[str, str]:
    """The keys written beside the one at the place (block style), with the first word of their values."""
    found: dict[str, str] = {}
    lines = doc.lines
    for step in (-1, 1):
        number = place.line + step
        while 0 <= number < len(lines.starts):
            text = lines.line_text(number)
            stripped = text.strip()
            number += step
            if not stripped or stripped.startswith("#"):
                continue
            m = _KEY.match(text)
            col, dash = _content_col(text), stripped.startswith("- ")
            if dash and col == place.col and step == -1:  # the first key of our list item
                if m:
                    found[m.group(1)] = (m.group(2) or "").strip("'\"")
                break
            if len(text) - len(text.lstrip(" ")) < place.col:
                break
            if m and col == place.col and not dash:
                found[m.group(1)] = (m.group(2) or "").strip("'\"")
    return found


def _keys(doc: Document, place: Place, good: Document) -> list[types.CompletionItem]:
    """Field names of the model at the place, or new ids (those used but not yet defined) in a section."""
    model = model_at(place.path)
    if model is not None:
        present = _siblings(doc, place)
        return [
            types.CompletionItem(
                label=name,
                kind=types.CompletionItemKind.Field,
                detail=f"{model.__name__} field",
                documentation=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text) if text else None,
                insert_text=f"{name}: ",
            )
            for name, text in field_names(model).items()
            if name not in present
        ]
    if len(place.path) == 1 and place.path[0] in ("claims", "concepts", "references"):
        kind = {"claims": "claim", "concepts": "concept", "references": "reference"}[place.path[0]]
        defined = good.section(place.path[0])
        undefined = sorted({o.name for o in good.occurrences if o.kind == kind and o.name not in defined})
        return [
            types.CompletionItem(
                label=name, kind=types.CompletionItemKind.Value, detail=f"used but not defined: define {kind} '{name}'"
            )
            for name in undefined
        ]
    return []


def _quotes(doc: Document, place: Place, offset: int, good: Document, world: World) -> types.CompletionList:
    """The essay's sentences holding the words typed so far; each replaces the whole value with the
    sentence's exact text, quoted for YAML where it must be."""
    source = world.essays.source(good)
    if source is None:
        return types.CompletionList(is_incomplete=False, items=[])
    near = ""
    if place.path[0] == "claims" and len(place.path) > 1:
        entry = good.section("claims").get(place.path[1])
        near = str(entry.get("text", "")) if isinstance(entry, dict) else ""
    found = matching_sentences(source, place.prefix, near)
    line_end = doc.lines.ends[doc.lines.line_of(offset)]
    rest = doc.text[offset:line_end]
    comment = re.search(r"[ \t]#", rest)
    end = offset + (comment.start() if comment else len(rest.rstrip()))
    rng = doc.range(place.start, end)
    typed = doc.text[place.start : offset]
    items = []
    for index, sentence in enumerate(found):
        times = occurrences(source, sentence.text)
        where = f"line {sentence.line}, paragraph {sentence.paragraph}"
        if times > 1:
            where += f" (occurs {times} times: quote part of it, or more)"
        items.append(
            types.CompletionItem(
                label=_short(sentence.text, 100),
                kind=types.CompletionItemKind.Text,
                detail=where,
                documentation=sentence.text,
                filter_text=typed,
                sort_text=f"{index:04d}",
                text_edit=types.TextEdit(range=rng, new_text=yaml_scalar(sentence.text)),
            )
        )
    return types.CompletionList(is_incomplete=True, items=items)


def scheme_markdown(scheme_id: str) -> str:
    """A scheme's name, pattern and critical questions."""
    s = SCHEMES[scheme_id]
    questions = "\n".join(f"{i}. {q}" for i, q in enumerate(s.critical_questions, 1))
    return f"**{s.name}** (scheme `{s.id}`)\n\n{s.pattern}\n\nCritical questions:\n\n{questions}"
