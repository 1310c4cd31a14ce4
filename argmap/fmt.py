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
    from ruamel.yaml import YAML

ORDER = {
    (): [
        "argmap",
        "id",
        "title",
        "analyst",
        "description",
        "source",
        "thesis",
        "concepts",
        "claims",
        "arguments",
        "references",
        "links",
    ],
    ("source",): ["path", "sha256", "author", "venue", "published", "url", "ignore"],
    ("source", "ignore", "*"): ["from", "to", "reason"],
    ("concepts", "*"): ["label", "aliases", "description"],
    ("claims", "*"): ["text", "quote", "type", "implicit", "concepts", "tags", "cites", "section", "note"],
    ("arguments", "*"): ["premises", "conclusion", "attacks", "scheme", "label", "note"],
    ("references", "*"): ["citation", "url", "note"],
    ("links", "*"): ["claim", "map", "to", "relation", "note"],
}
INLINE_LISTS = {
    ("thesis",),
    ("claims", "*", "concepts"),
    ("claims", "*", "tags"),
    ("claims", "*", "cites"),
    ("arguments", "*", "premises"),
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


def _walk(node: Any, path: tuple) -> None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(node, CommentedMap):
        for pattern in (path, path[:-1] + ("*",) if path else None):
            if pattern is not None and pattern in ORDER:
                _reorder(node, ORDER[pattern])
                break
        for key, value in node.items():
            _walk(value, path + (key,))
    elif isinstance(node, CommentedSeq):
        generic = path[:-2] + ("*",) + path[-1:] if len(path) >= 2 else path
        if path in INLINE_LISTS or generic in INLINE_LISTS:
            if all(isinstance(item, str) for item in node):
                node.fa.set_flow_style()
        for item in node:
            _walk(item, path + ("*",))


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
    _walk(data, ())
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
