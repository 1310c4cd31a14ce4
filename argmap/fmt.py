"""`argmap fmt`: one canonical layout for maps, comments kept (ruamel.yaml's round trip).

The layout: sections and fields in the format's order, two-space indentation, lists of ids inline
(`premises: [a, b]`), long text folded at 100 characters except quotes, which stay on one line so a
text search finds them in the essay. Everything else the author wrote (comments,
quoting, blank lines between entries) is kept.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import BaseModel
    from ruamel.yaml import YAML


def field_order() -> dict[tuple[str, ...], list[str]]:
    """The format's order of fields in each kind of mapping (path pattern -> keys), from the models."""
    from .model import ArgMap, Argument, Claim, Concept, Expect, IgnoreRange, Issue, Link, Reference, Source

    def keys(model: type[BaseModel]) -> list[str]:
        return [f.alias or name for name, f in model.model_fields.items()]

    return {
        (): keys(ArgMap),
        ("source",): keys(Source),
        ("source", "ignore", "*"): keys(IgnoreRange),
        ("expect",): keys(Expect),
        ("issues", "*"): keys(Issue),
        ("concepts", "*"): keys(Concept),
        ("claims", "*"): keys(Claim),
        ("arguments", "*"): keys(Argument),
        ("references", "*"): keys(Reference),
        ("links", "*"): keys(Link),
    }


INLINE_LISTS = {
    ("thesis",),
    ("claims", "*", "concepts"),
    ("claims", "*", "tags"),
    ("claims", "*", "cites"),
    ("arguments", "*", "premises"),
    ("assumptions",),
    ("issues", "*", "positions"),
    ("expect", "in"),
    ("expect", "out"),
    ("expect", "undecided"),
}
WIDTH = 100


UNFOLDED = {"quote", "from", "to"}
"""Fields holding the essay's own words (quotes, the ends of ignored stretches): never folded, so a
text search for them finds them in the essay and in the map alike."""


def _yaml() -> YAML:
    from ruamel.yaml import YAML
    from ruamel.yaml.emitter import Emitter

    class KeepQuotesEmitter(Emitter):
        """Folds long text at WIDTH, except the values of the UNFOLDED fields (and lists of them)."""

        last_key: Any = None

        def process_scalar(self) -> None:
            if self.simple_key_context:
                self.last_key = self.event.value
                super().process_scalar()
                return
            if self.last_key not in UNFOLDED:
                super().process_scalar()
                return
            width, self.best_width = self.best_width, 1 << 30
            try:
                super().process_scalar()
            finally:
                self.best_width = width

    yaml = YAML()
    yaml.Emitter = KeepQuotesEmitter
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = WIDTH
    yaml.preserve_quotes = True
    return yaml


def _reorder(mapping: Any, order: list[str]) -> None:
    """Put known keys in the canonical order (unknown ones after them), in place, comments along."""
    keys = list(mapping.keys())
    wanted = [k for k in order if k in mapping] + [k for k in keys if k not in order]
    if keys == wanted:
        return
    for key in wanted:
        mapping.move_to_end(key)


def _walk(node: Any, path: tuple[Any, ...], order: dict[tuple[str, ...], list[str]]) -> None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(node, CommentedMap):
        for pattern in (path, path[:-1] + ("*",) if path else None):
            if pattern is not None and pattern in order:
                _reorder(node, order[pattern])
                break
        for key, value in node.items():
            _walk(value, path + (key,), order)
    elif isinstance(node, CommentedSeq):
        generic = path[:-2] + ("*",) + path[-1:] if len(path) >= 2 else path
        inline = path in INLINE_LISTS or generic in INLINE_LISTS
        if inline and all(isinstance(item, str) for item in node):
            node.fa.set_flow_style()
        for item in node:
            _walk(item, path + ("*",), order)


class FormatError(Exception):
    """Formatting would change what the map says (a safety net: it never should)."""


def format_text(text: str) -> str:
    """The canonical layout of a map's YAML text (which must parse).

    The result is checked to hold exactly the same data as the input; if it did not, FormatError is
    raised and nothing should be written.
    """
    import yaml as pyyaml

    yaml = _yaml()
    data = yaml.load(text)
    if data is None:
        return text
    _walk(data, (), field_order())
    out = io.StringIO()
    yaml.dump(data, out)
    dumped = out.getvalue()
    before = pyyaml.safe_load(text)
    # ruamel leaves a space at the end of lines where it folds long text: drop it when that is harmless
    tidy = "\n".join(line.rstrip() for line in dumped.split("\n"))
    for candidate in (tidy, dumped):
        if pyyaml.safe_load(candidate) == before:
            return candidate
    raise FormatError("formatting would change the map's data; the file was left as it is")
