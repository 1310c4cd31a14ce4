"""Checks of the addresses a map gives (`source.url`, a reference's `url`): only web and mail links."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any, get_args

from pydantic import BaseModel

from ..load import Loc
from . import Context, Finding, check

LINK_SCHEMES = ("http", "https", "mailto")
"""The schemes a report makes a link of; any other address is shown as text."""

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_CONTROLS = re.compile(r"[\x00-\x1f\x7f]")
_LINKABLE = re.compile(r"(?:https?|mailto):", re.IGNORECASE)


def linkable(url: str) -> bool:
    """True when url begins, with no space or control character before it, with http:, https: or
    mailto: (in any case): what a browser then opens is a web page or a mail, never a script."""
    return _LINKABLE.match(url) is not None


def _is_url_field(name: str) -> bool:
    return name == "url" or name.endswith("_url")


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    """The pydantic models a field's type can hold (inside lists, dicts, unions, Annotated)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in get_args(annotation):
        yield from _models_in(arg)


@cache
def _url_paths(model: type[BaseModel]) -> tuple[tuple[str, str, bool], ...]:
    """(attribute, key in the YAML, is a URL itself) of every field of model that is a URL or can
    hold one further down; the rest of the map is never walked."""
    paths = []
    for name, info in model.model_fields.items():
        key = info.alias or name
        if _is_url_field(name):
            paths.append((name, key, True))
        elif any(_url_paths(inner) for inner in _models_in(info.annotation)):
            paths.append((name, key, False))
    return tuple(paths)


def urls(node: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """(path, address) of every URL field in a map (or any part of it), in the map's order."""
    if isinstance(node, BaseModel):
        for name, key, is_url in _url_paths(type(node)):
            value = getattr(node, name)
            if is_url:
                if isinstance(value, str):
                    yield (*loc, key), value
            else:
                yield from urls(value, (*loc, key))
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from urls(value, (*loc, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from urls(value, (*loc, index))


@check("W210", "unlinkable-url", "An address whose scheme is not http, https or mailto.")
def unlinkable_url(ctx: Context) -> Iterator[Finding]:
    """A `url` (of the source, of a reference) must begin with `http:`, `https:` or `mailto:`. Reports
    make links of those only: any other address (`javascript:`, `data:`, `file:`, one without a
    scheme) is shown as plain text, since a link to it could run a script or open a local file for
    whoever reads the report.

    Warns:

        references:
          kuo-2023: {citation: "Kuo, R. (2023). ...", url: "javascript:alert(1)"}

    Passes:

        references:
          kuo-2023: {citation: "Kuo, R. (2023). ...", url: "https://doi.org/10.1000/182"}
    """
    for loc, url in urls(ctx.map):
        if linkable(url):
            continue
        scheme = _SCHEME.match(url)
        shown = _CONTROLS.sub(lambda c: f"\\x{ord(c.group()):02x}", url)  # nothing that steers a terminal
        if scheme is not None:
            message = f"the address '{shown}' has the scheme '{scheme.group(1)}:'; reports link only to {_schemes()}"
            hint = "give the work's web address (https://...), or leave the url out"
        else:
            message = f"the address '{shown}' does not begin with {_schemes()}; reports show it as text"
            hint = "write the whole address, beginning with https:// (or http://, mailto:)"
        yield Finding(loc, message, hint)


def _schemes() -> str:
    return ", ".join(f"{s}:" for s in LINK_SCHEMES[:-1]) + f" or {LINK_SCHEMES[-1]}:"
