"""The format's fields where a path in a map leads: their models, documentation and allowed values
(from the pydantic models and their JSON Schema, so they never drift from `argmap schema`)."""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic import BaseModel

from ..model import ArgMap, Argument, Claim, Concept, Expect, IgnoreRange, Issue, Link, Reference, Source, json_schema
from .document import SECTIONS

_ENTRY_MODELS: dict[str, type[BaseModel]] = {
    "claims": Claim,
    "arguments": Argument,
    "concepts": Concept,
    "references": Reference,
    "issues": Issue,
}


def model_at(path: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model whose fields are the keys at path (list indices may be '*' or numbers)."""
    shape = tuple("*" if isinstance(p, int) else p for p in path)
    if shape == ():
        return ArgMap
    if shape == ("source",):
        return Source
    if shape == ("expect",):
        return Expect
    if shape == ("source", "ignore", "*"):
        return IgnoreRange
    if shape[:1] == ("links",) and shape[1:] == ("*",):
        return Link
    if len(shape) == 2 and shape[0] in _ENTRY_MODELS:
        return _ENTRY_MODELS[shape[0]]
    return None


def field_names(model: type[BaseModel]) -> dict[str, str]:
    """A model's fields as written in maps (aliases such as 'from' and 'in'), with their documentation."""
    return {(f.alias or name): (f.description or "") for name, f in model.model_fields.items()}


def field_doc(path: tuple[Any, ...]) -> tuple[str, str] | None:
    """(owner's title, documentation) of the field at path, e.g. ('Claim', 'The exact words ...')."""
    if not path:
        return None
    model = model_at(path[:-1])
    if model is None:
        return None
    names = field_names(model)
    name = path[-1]
    if name not in names:
        return None
    return model.__name__, names[name]


def is_required(model: type[BaseModel], name: str) -> bool:
    for key, f in model.model_fields.items():
        if (f.alias or key) == name:
            return f.is_required()
    return False


@cache
def _schema() -> dict[str, Any]:
    return json_schema()


def _property_schema(path: tuple[Any, ...]) -> dict[str, Any] | None:
    model = model_at(path[:-1])
    if model is None or not path:
        return None
    schema = _schema()
    node = schema if model is ArgMap else schema["$defs"].get(model.__name__, {})
    prop = node.get("properties", {}).get(path[-1])
    return prop if isinstance(prop, dict) else None


def _values(node: Any, found: list[Any]) -> None:
    if isinstance(node, dict):
        if "$ref" in node:
            name = str(node["$ref"]).rsplit("/", 1)[-1]
            _values(_schema()["$defs"].get(name, {}), found)
        for value in node.get("enum", []):
            if value not in found:
                found.append(value)
        if "const" in node and node["const"] not in found:
            found.append(node["const"])
        if node.get("type") == "boolean":
            found.extend(v for v in (True, False) if v not in found)
        for branch in node.get("anyOf", []) + node.get("oneOf", []):
            _values(branch, found)
        if "items" in node:
            _values(node["items"], found)


def allowed_values(path: tuple[Any, ...]) -> list[str]:
    """The values the schema allows at path (enums, literals, booleans) as written in YAML."""
    prop = _property_schema(path)
    if prop is None:
        return []
    found: list[Any] = []
    _values(prop, found)
    return [str(v).lower() if isinstance(v, bool) else str(v) for v in found]


def entry_kind(path: tuple[Any, ...]) -> str | None:
    """'claim', 'argument', ... when path is a section keyed by id."""
    return SECTIONS.get(path[0]) if len(path) == 1 and isinstance(path[0], str) else None
