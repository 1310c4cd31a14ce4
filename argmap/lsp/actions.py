"""Code actions (quick fixes for the problems `argmap check` finds) and formatting with `argmap fmt`."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from typing import Any

from lsprotocol import types

from ..fmt import format_text
from ..problems import Problem
from ..schemes import SCHEMES
from .diagnostics import problems, to_diagnostic
from .document import Document
from .essay import yaml_scalar
from .workspace import World

MAX_SUGGESTIONS = 3
MAX_ARGUMENTS = 3
"""Arguments offered for an unused claim (the nearest in the essay first)."""
_SUGGESTED = re.compile(r"did you mean '([^']+)'\?")
_UNKNOWN_ID = {"E201", "E202", "E204", "E205", "E206", "E207", "E208", "E101", "E105"}
_UNDEFINED_CLAIM = {"E201", "E202", "E207"}


def code_actions(doc: Document, start: int, end: int, world: World) -> list[types.CodeAction]:
    """Quick fixes for the problems whose range touches [start, end]."""
    if not doc.is_map:
        return []
    actions: list[types.CodeAction] = []
    found = doc.problems if doc.problems is not None else problems(doc, world)
    for problem in found:
        p_start, p_end = doc.problem_span(problem)
        if p_start > end or p_end < start:
            continue
        for make in _FIXES.get(problem.code, ()):
            actions.extend(make(doc, problem, world))
    return actions


def _action(
    doc: Document, problem: Problem, title: str, edits: list[types.TextEdit], preferred: bool = False
) -> types.CodeAction:
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[to_diagnostic(doc, problem)],
        is_preferred=preferred or None,
        edit=types.WorkspaceEdit(changes={doc.uri: edits}),
    )


def _typed(doc: Document, problem: Problem) -> tuple[int, int, str] | None:
    """The id (or field name) written at a problem's position: (start, end, text), inside any quotes."""
    start, end = doc.problem_span(problem)
    tok = doc.token_at(start)
    if tok is None or tok.kind != "scalar":
        return None
    if tok.style in ("'", '"'):
        start, end = start + 1, end - 1
    return start, end, doc.text[start:end]


def _candidates(doc: Document, problem: Problem, world: World) -> list[str]:
    code = problem.code
    data = doc.data or {}
    if code in ("E201", "E207"):
        return list(doc.section("claims"))
    if code == "E202":
        return list(doc.section("claims")) + list(doc.section("arguments"))
    if code == "E204":
        return list(doc.section("concepts"))
    if code == "E205":
        return list(doc.section("references"))
    if code == "E206":
        return list(SCHEMES)
    if code == "E208":
        node = doc.node_at(doc.problem_span(problem)[0])
        link = data.get("links", [])[node.loc[1]] if node is not None and len(node.loc) == 3 else None
        other_id = link.get("map") if isinstance(link, dict) else None
        other = world.by_id(other_id) if isinstance(other_id, str) else None
        return list(other.section("claims")) if other is not None else []
    return []


def did_you_mean(doc: Document, problem: Problem, world: World) -> Iterator[types.CodeAction]:
    """Replace an unknown id (or field name, or value) with the close ones the map has."""
    typed = _typed(doc, problem)
    if typed is None:
        return
    start, end, text = typed
    suggested = _SUGGESTED.search(problem.message)
    names = [suggested.group(1)] if suggested else []
    for name in difflib.get_close_matches(text, _candidates(doc, problem, world), n=MAX_SUGGESTIONS, cutoff=0.6):
        if name not in names:
            names.append(name)
    for index, name in enumerate(names[:MAX_SUGGESTIONS]):
        edit = types.TextEdit(range=doc.range(start, end), new_text=name)
        yield _action(doc, problem, f"Change '{text}' to '{name}'", [edit], preferred=index == 0)


def _sentence(name: str) -> str:
    words = name.replace("-", " ").strip()
    return (words[:1].upper() + words[1:] + ".") if words else name


def _col(doc: Document, offset: int) -> int:
    return offset - doc.lines.starts[doc.lines.line_of(offset)]


def define_claim(doc: Document, problem: Problem, world: World) -> Iterator[types.CodeAction]:
    """Add the undefined id as a claim at the end of `claims` (its text to be written)."""
    typed = _typed(doc, problem)
    if typed is None or typed[2] in doc.section("claims") or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", typed[2]):
        return
    name = typed[2]
    text = yaml_scalar(_sentence(name))
    key = doc.key_span(("claims",))
    if key is None:
        lead = "" if not doc.text or doc.text.endswith("\n") else "\n"
        edit = types.TextEdit(
            range=doc.range(len(doc.text), len(doc.text)), new_text=f"{lead}claims:\n  {name}:\n    text: {text}\n"
        )
        yield _action(doc, problem, f"Define claim '{name}'", [edit])
        return
    claims = doc.section("claims")
    value = doc.value_start(("claims",))
    tok = doc.token_at(value) if value is not None else None
    if tok is not None and tok.kind != "scalar":
        return  # a flow mapping: its layout is the author's
    if claims:
        first = next(iter(claims))
        key_col = _col(doc, doc.key_span(("claims", first))[0])  # type: ignore[index]  # an entry has its key
        inner = doc.value_start(("claims", first))
        field_col = _col(doc, inner) if inner is not None and isinstance(claims[first], dict) else key_col + 2
        if field_col <= key_col:
            field_col = key_col + 2
    else:
        key_col, field_col = 2, 4
    at = doc.block_end(key[0])
    new = f"\n{' ' * key_col}{name}:\n{' ' * field_col}text: {text}"
    yield _action(doc, problem, f"Define claim '{name}'", [types.TextEdit(range=doc.range(at, at), new_text=new)])


def _claim_at(doc: Document, problem: Problem) -> str | None:
    node = doc.node_at(doc.problem_span(problem)[0])
    if node is None or len(node.loc) < 2 or node.loc[0] != "claims":
        return None
    return str(node.loc[1])


def _add_field(doc: Document, loc: tuple[Any, ...], text: str) -> types.TextEdit | None:
    """An edit adding `text` (a 'key: value') as the last field of the mapping at loc."""
    value = doc.value_start(loc)
    key = doc.key_span(loc)
    if value is None or key is None:
        return None
    tok = doc.token_at(value)
    if tok is not None and tok.kind == "{":
        closing = doc.closing_of(value)
        if closing is None:
            return None
        inside = doc.text[value + 1 : closing - 1].strip()
        new = f", {text}" if inside else text
        return types.TextEdit(range=doc.range(closing - 1, closing - 1), new_text=new)
    if tok is not None and tok.kind != "scalar":
        return None
    col = _col(doc, value)
    if doc.lines.line_of(value) == doc.lines.line_of(key[0]):
        return None  # 'c1: text' is no mapping
    at = doc.block_end(key[0])
    return types.TextEdit(range=doc.range(at, at), new_text=f"\n{' ' * col}{text}")


def mark_implicit(doc: Document, problem: Problem, world: World) -> Iterator[types.CodeAction]:
    """Mark a claim without a quote as implicit (the essay assumes it without saying it)."""
    claim_id = _claim_at(doc, problem)
    if claim_id is None:
        return
    edit = _add_field(doc, ("claims", claim_id), "implicit: true")
    if edit is not None:
        yield _action(doc, problem, f"Mark claim '{claim_id}' implicit", [edit])


def fix_quote(doc: Document, problem: Problem, world: World) -> Iterator[types.CodeAction]:
    """Replace a quote that is not in the essay with the passage that is closest to it."""
    node = doc.node_at(doc.problem_span(problem)[0])
    source = world.essays.source(doc)
    if node is None or node.is_key or not isinstance(node.value, str) or source is None:
        return
    match = source.find_ignoring_case(node.value)
    if match is None:
        near = source.closest(node.value)
        match = near[0] if near is not None else None
    if match is None:
        return
    passage = " ".join(source.text[match.start : match.end].split())
    if not passage:
        return
    edit = types.TextEdit(range=doc.range(node.start, node.end), new_text=yaml_scalar(passage))
    short = passage if len(passage) <= 60 else passage[:59] + "\u2026"
    yield _action(doc, problem, f'Replace the quote with the essay\'s "{short}"', [edit], preferred=True)


def _ranked_arguments(doc: Document, claim_id: str, world: World) -> list[str]:
    """The map's arguments, those whose claims' quotes lie nearest the claim's in the essay first."""
    m = doc.file.map
    if m is None:
        return []
    names = list(m.arguments)
    source = world.essays.source(doc)
    claim = m.claims.get(claim_id)
    if source is None or claim is None or not claim.quotes:
        return names
    quotes = {cid: c.quotes[0] for cid, c in m.claims.items() if c.quotes}
    found = source.find_many(list(quotes.values()), limit=1)
    where = {cid: found[q][0].start for cid, q in quotes.items() if found.get(q)}
    if claim_id not in where:
        return names
    here = where[claim_id]

    def distance(arg_id: str) -> int:
        argument = m.arguments[arg_id]
        spots = [where[c] for c in [*argument.premises, argument.target] if c in where]
        return min((abs(s - here) for s in spots), default=len(source.text))

    return sorted(names, key=distance)


def add_to_argument(doc: Document, problem: Problem, world: World) -> Iterator[types.CodeAction]:
    """Use an unused claim as one more premise of an argument (the nearest in the essay offered first)."""
    claim_id = _claim_at(doc, problem)
    if claim_id is None:
        return
    for arg_id in _ranked_arguments(doc, claim_id, world)[:MAX_ARGUMENTS]:
        edit = _add_premise(doc, arg_id, claim_id)
        if edit is not None:
            yield _action(doc, problem, f"Add '{claim_id}' to the premises of argument '{arg_id}'", [edit])


def _add_premise(doc: Document, arg_id: str, claim_id: str) -> types.TextEdit | None:
    loc = ("arguments", arg_id, "premises")
    argument = doc.section("arguments").get(arg_id)
    premises = argument.get("premises") if isinstance(argument, dict) else None
    start = doc.value_start(loc)
    if not isinstance(premises, list) or not premises or start is None:
        return None
    tok = doc.token_at(start)
    if tok is not None and tok.kind == "[":
        closing = doc.closing_of(start)
        return (
            None
            if closing is None
            else types.TextEdit(range=doc.range(closing - 1, closing - 1), new_text=f", {claim_id}")
        )
    last = doc.value_span(loc + (len(premises) - 1,), inner=False)
    if last is None:
        return None
    line = doc.lines.line_text(doc.lines.line_of(last[0]))
    dash = line.find("-")
    if dash < 0:
        return None
    return types.TextEdit(range=doc.range(last[1], last[1]), new_text=f"\n{line[:dash]}- {claim_id}")


_Fix = Callable[[Document, Problem, World], Iterator[types.CodeAction]]
_FIXES: dict[str, tuple[_Fix, ...]] = {
    **{code: (did_you_mean,) for code in _UNKNOWN_ID},
    **{code: (did_you_mean, define_claim) for code in _UNDEFINED_CLAIM},
    "W406": (mark_implicit,),
    "E403": (fix_quote,),
    "W303": (add_to_argument,),
}


def format_document(doc: Document) -> list[types.TextEdit]:
    """The whole map in `argmap fmt`'s layout, as one edit (none when it is already so, or when its YAML
    has errors, as `argmap fmt` refuses those)."""
    mf = doc.file
    if not doc.is_map or mf.text is None or any(p.code[:2] == "E0" for p in mf.problems):
        return []
    try:
        new = format_text(mf.text)
    except Exception:  # fmt refuses what it cannot round-trip: then nothing changes
        return []
    if new == mf.text:
        return []
    base = len(doc.text) - len(mf.text)
    return [types.TextEdit(range=doc.range(base, len(doc.text)), new_text=new)]
