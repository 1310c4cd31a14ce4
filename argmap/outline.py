"""The argument as a tree from the thesis down: what `argmap outline` prints, as text, Markdown or JSON.

The tree is plain data (`Outline`, `ClaimNode`, `ArgumentNode`) so that every view of it (the
terminal, Markdown, JSON, the HTML reports) shows the same structure:

- the theses come first, each the root of its tree; under a claim come the arguments for it (each
  argument one node: its linked premises grouped under it; convergent arguments are siblings), then
  the attacks on it (objections, and concessions: attacks the author grants); under an argument come
  its premises, then the undercuts that attack it;
- a claim that serves several conclusions appears once in full, at its first place in reading order,
  and everywhere else as a reference to it (`ref`), without its arguments;
- claims that no thesis reaches (through supports, objections or undercuts) come after the theses,
  as roots of their own trees.

Status labels and their reasons are inputs (node id -> text), so the tree does not care which
semantics produced them; `evaluation` gives today's labels.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import click

from .model import ArgMap, Argument
from .schemes import SCHEMES

Relation = Literal["support", "rebuttal", "undercut"]


@dataclass
class ArgumentNode:
    """One argument in the outline: its premises (linked: all of them together) and what attacks it."""

    id: str
    relation: Relation
    """support (premises for a claim), rebuttal (an attack on a claim) or undercut (an attack on an argument)."""
    premises: list[ClaimNode] = field(default_factory=list)
    """The premises, in the map's order (one node each; several are linked premises)."""
    undercuts: list[ArgumentNode] = field(default_factory=list)
    """Attacks on this argument (undercuts), in the map's order."""
    scheme: str | None = None
    """The scheme's id, when the map names one."""
    scheme_name: str | None = None
    """The scheme's name, when the map names one."""
    label: str | None = None
    """The analyst's name for the argument."""
    conceded: bool = False
    """An attack the author grants (a concession)."""
    reconstructed: bool = False
    """No words of the essay draw the inference: the analyst infers it."""
    status: str | None = None
    """The argument's label under the evaluation passed in (in, out, undecided, ...)."""
    reason: str | None = None
    """Why it has that label, when the evaluation says."""

    @property
    def role(self) -> str:
        """How the outline names the argument: for, objection or concession."""
        if self.relation == "support":
            return "for"
        return "concession" if self.conceded else "objection"

    @property
    def linked(self) -> bool:
        """True when several premises work only together."""
        return len(self.premises) > 1

    def to_json(self) -> dict[str, Any]:
        return {
            "node": "argument",
            "id": self.id,
            "relation": self.relation,
            "role": self.role,
            "conceded": self.conceded,
            "linked": self.linked,
            "scheme": self.scheme,
            "scheme_name": self.scheme_name,
            "label": self.label,
            "reconstructed": self.reconstructed,
            "status": self.status,
            "reason": self.reason,
            "premises": [p.to_json() for p in self.premises],
            "undercuts": [u.to_json() for u in self.undercuts],
        }


@dataclass
class ClaimNode:
    """One claim in the outline: in full (with the arguments for and against it) or as a reference."""

    id: str
    text: str
    type: str | None = None
    """fact, interpretation, prediction, recommendation, definition or value, when the map says."""
    implicit: bool = False
    """An implicit premise: the essay assumes it without saying it."""
    attributed_to: str | None = None
    """Who holds the view, when the essay reports it rather than asserts it."""
    thesis: bool = False
    """One of the map's theses."""
    status: str | None = None
    """The claim's label under the evaluation passed in."""
    reason: str | None = None
    """Why it has that label, when the evaluation says."""
    ref: bool = False
    """True when the claim is shown in full at its first place in the outline: this node only refers
    to it and has no arguments."""
    arguments: list[ArgumentNode] = field(default_factory=list)
    """The arguments for the claim (convergent: siblings), then the attacks on it, in the map's order."""
    hidden: int = 0
    """How many arguments for or against the claim the depth limit left out."""

    def to_json(self) -> dict[str, Any]:
        return {
            "node": "claim",
            "id": self.id,
            "text": self.text,
            "type": self.type,
            "implicit": self.implicit,
            "attributed_to": self.attributed_to,
            "thesis": self.thesis,
            "status": self.status,
            "reason": self.reason,
            "ref": self.ref,
            "hidden": self.hidden,
            "arguments": [a.to_json() for a in self.arguments],
        }


@dataclass
class Outline:
    """A map's argument as trees: one per thesis, then the trees of claims no thesis reaches."""

    map_id: str
    title: str
    theses: list[ClaimNode]
    unreachable: list[ClaimNode]
    """Roots of the claims that no thesis reaches, in the map's order."""
    semantics: str | None = None
    """The name of the evaluation the labels come from (None without labels)."""
    depth: int | None = None
    """The depth limit the outline was built with (None: the whole tree)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "map": self.map_id,
            "title": self.title,
            "semantics": self.semantics,
            "depth": self.depth,
            "theses": [t.to_json() for t in self.theses],
            "unreachable": [c.to_json() for c in self.unreachable],
        }

    def claims(self) -> list[ClaimNode]:
        """Every claim node, in reading order (references included)."""
        found: list[ClaimNode] = []

        def claim(node: ClaimNode) -> None:
            found.append(node)
            for argument in node.arguments:
                visit(argument)

        def visit(argument: ArgumentNode) -> None:
            for premise in argument.premises:
                claim(premise)
            for undercut in argument.undercuts:
                visit(undercut)

        for root in self.theses + self.unreachable:
            claim(root)
        return found


def evaluation(m: ArgMap, semantics: str | None = None) -> tuple[str, dict[str, str], dict[str, str]]:
    """(semantics name, labels, reasons) of every claim and argument under semantics (default: the
    map's own), as the outline, `argmap diff` and the comparison report show them."""
    from .semantics import evaluate

    result = evaluate(m, semantics)
    return result.semantics, {node: label.value for node, label in result.labels.items()}, dict(result.reasons)


def build_outline(
    m: ArgMap,
    labels: Mapping[str, str] | None = None,
    reasons: Mapping[str, str] | None = None,
    *,
    depth: int | None = None,
    semantics: str | None = None,
) -> Outline:
    """The outline of m, with each node's label (and reason) looked up in labels (and reasons).

    depth limits how many inference steps below each root are shown: 0 shows the roots only, 1 the
    roots with their arguments and those arguments' premises, and so on; a claim whose arguments are
    left out says how many (`hidden`).
    """
    return _Builder(m, labels or {}, reasons or {}, depth).outline(semantics)


class _Builder:
    """Walks the map depth first from each root, so that a claim's first place in reading order is
    the one shown in full."""

    def __init__(self, m: ArgMap, labels: Mapping[str, str], reasons: Mapping[str, str], depth: int | None) -> None:
        self.m = m
        self.labels = labels
        self.reasons = reasons
        self.depth = depth
        self.supports: dict[str, list[str]] = {}
        self.attacks: dict[str, list[str]] = {}
        for arg_id, argument in m.arguments.items():
            if argument.conclusion is not None:
                self.supports.setdefault(argument.conclusion, []).append(arg_id)
            else:
                self.attacks.setdefault(argument.target, []).append(arg_id)
        self.full: set[str] = set()
        """Claims shown in full (with their arguments) so far."""
        self.shown: set[str] = set()
        """Claims shown at all (in full, cut by the depth limit, or as a reference)."""
        self.placed: set[str] = set()
        """Arguments placed so far (each appears once; a guard against cycles of undercuts)."""

    def outline(self, semantics: str | None) -> Outline:
        m = self.m
        theses = [self.claim(t, 0, thesis=True) for t in m.theses if t in m.claims]
        reached = self.reachable([t for t in m.theses if t in m.claims])
        used_as_premise = {p for argument in m.arguments.values() for p in argument.premises}
        # roots: first the claims that are no premise (the tops of their trees), then whatever a
        # cycle leaves over, each in the map's order
        candidates = [c for c in m.claims if c not in used_as_premise] + [c for c in m.claims if c in used_as_premise]
        roots = []
        for candidate in candidates:
            if candidate not in reached:
                roots.append(candidate)
                reached |= self.reachable([candidate])
        others = [self.claim(c, 0) for c in roots]
        return Outline(m.id, m.title, theses, others, semantics=semantics, depth=self.depth)

    def reachable(self, roots: list[str]) -> set[str]:
        """The claims (and arguments) that roots reach through supports, attacks and undercuts."""
        m = self.m
        seen: set[str] = set()
        todo = list(roots)
        while todo:
            node = todo.pop()
            if node in seen:
                continue
            seen.add(node)
            todo.extend(self.supports.get(node, ()))
            todo.extend(self.attacks.get(node, ()))
            if node in m.arguments:
                todo.extend(m.arguments[node].premises)
        return seen

    def claim(self, claim_id: str, level: int, *, thesis: bool = False) -> ClaimNode:
        c = self.m.claims[claim_id]
        node = ClaimNode(
            id=claim_id,
            text=c.text,
            type=c.type.value if c.type else None,
            implicit=c.implicit,
            attributed_to=c.attributed_to,
            thesis=thesis or claim_id in self.m.theses,
            status=self.labels.get(claim_id),
            reason=self.reasons.get(claim_id),
        )
        self.shown.add(claim_id)
        if claim_id in self.full or (not thesis and claim_id in self.m.theses):
            node.ref = True  # every thesis is shown in full at its own place among the theses
            return node
        argument_ids = self.supports.get(claim_id, []) + self.attacks.get(claim_id, [])
        if self.depth is not None and level >= self.depth:
            node.hidden = len(argument_ids)
            return node
        self.full.add(claim_id)
        node.arguments = [self.argument(a, level) for a in argument_ids if a not in self.placed]
        return node

    def argument(self, arg_id: str, level: int) -> ArgumentNode:
        self.placed.add(arg_id)
        argument: Argument = self.m.arguments[arg_id]
        relation: Relation = (
            "support"
            if argument.conclusion is not None
            else ("undercut" if argument.attacks in self.m.arguments else "rebuttal")
        )
        scheme = SCHEMES.get(argument.scheme) if argument.scheme else None
        node = ArgumentNode(
            id=arg_id,
            relation=relation,
            scheme=argument.scheme,
            scheme_name=scheme.name if scheme else None,
            label=argument.label,
            conceded=argument.conceded,
            reconstructed=argument.reconstructed,
            status=self.labels.get(arg_id),
            reason=self.reasons.get(arg_id),
        )
        node.premises = [self.claim(p, level + 1) for p in argument.premises if p in self.m.claims]
        node.undercuts = [self.argument(u, level) for u in self.attacks.get(arg_id, []) if u not in self.placed]
        return node


# -- text -------------------------------------------------------------------------------------------

_STATUS_COLOURS = {"in": "green", "out": "red", "undecided": "yellow"}


def _status(status: str | None, style: bool) -> str:
    if status is None:
        return ""
    text = f"[{status}]"
    return click.style(text, fg=_STATUS_COLOURS.get(status, "cyan"), bold=True) if style else text


def _claim_flags(node: ClaimNode) -> list[str]:
    flags = []
    if node.implicit:
        flags.append("implicit")
    if node.attributed_to:
        flags.append(f"held by {node.attributed_to}")
    return flags


def _claim_notes(node: ClaimNode) -> list[str]:
    """What follows a claim's id: whether it is shown in full elsewhere, what the depth limit hid."""
    notes = []
    if node.ref:
        notes.append("(a thesis: shown in full on its own)" if node.thesis else "(shown in full above)")
    if node.hidden:
        notes.append(f"(+{node.hidden} argument{'s' if node.hidden != 1 else ''} not shown)")
    return notes


def _role(argument: ArgumentNode) -> str:
    """for, objection, concession, undercut or conceded undercut."""
    if argument.relation == "undercut":
        return "conceded undercut" if argument.conceded else "undercut"
    return argument.role


def _argument_details(argument: ArgumentNode, quote: tuple[str, str], escape: Callable[[str], str]) -> str:
    """The argument's name, scheme and whether it is reconstructed, as the outline prints them."""
    text = f" {quote[0]}{escape(argument.label)}{quote[1]}" if argument.label else ""
    if argument.scheme_name:
        text += f", {escape(argument.scheme_name)}"
    if argument.reconstructed:
        text += ", reconstructed"
    return text


def _walk(
    claim: Callable[[ClaimNode, int], None],
    argument: Callable[[ArgumentNode, int], None],
    start: int = 0,
) -> Callable[[ClaimNode], None]:
    """A function that calls claim and argument on every node under a root, depth first, with each
    node's indentation level."""

    def visit_claim(node: ClaimNode, level: int) -> None:
        claim(node, level)
        for child in node.arguments:
            visit_argument(child, level + 1)

    def visit_argument(node: ArgumentNode, level: int) -> None:
        argument(node, level)
        for premise in node.premises:
            visit_claim(premise, level + 1)
        for undercut in node.undercuts:
            visit_argument(undercut, level + 1)

    return lambda root: visit_claim(root, start)


def outline_text(outline: Outline, *, style: bool = False, reasons: bool = False) -> str:
    """The outline for a terminal: indented, labels in brackets; with reasons, each label's reason
    after the node (after a dash); with style, in colour (click.style)."""
    header = f"{outline.title} ({outline.map_id})" + (f", {outline.semantics} semantics" if outline.semantics else "")
    lines = [header]

    def dim(text: str) -> str:
        return click.style(text, dim=True) if style else text

    def why(reason: str | None, ref: bool = False) -> str:
        return dim(f" \u2014 {reason}") if reasons and reason and not ref else ""

    def claim(node: ClaimNode, level: int) -> None:
        head = (click.style("Thesis:", bold=True) if style else "Thesis:") + " " if node.thesis else ""
        status = _status(node.status, style)
        line = f"{'  ' * level}{head}{status + ' ' if status else ''}{node.text} {dim('(' + node.id + ')')}"
        flags = _claim_flags(node)
        if flags:
            line += " " + dim("[" + ", ".join(flags) + "]")
        lines.append(" ".join([line] + [dim(note) for note in _claim_notes(node)]) + why(node.reason, node.ref))

    def argument(node: ArgumentNode, level: int) -> None:
        role = _role(node)
        head = click.style(role, bold=True, fg=None if role == "for" else "red") if style else role
        status = _status(node.status, style)
        details = _argument_details(node, ('"', '"'), str)
        lines.append(f"{'  ' * level}{head} {node.id}{details}" + (f" {status}" if status else "") + why(node.reason))

    for root in outline.theses:
        lines.append("")
        _walk(claim, argument)(root)
    if outline.unreachable:
        lines += ["", "Not reached from a thesis:" if outline.theses else "No thesis; the claims' trees:"]
        for root in outline.unreachable:
            _walk(claim, argument, start=1)(root)
    return "\n".join(lines) + "\n"


# -- Markdown ---------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<#|~!])")


def md_escape(text: str) -> str:
    """Text safe inside Markdown: specials escaped, line breaks folded."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _md_status(status: str | None) -> str:
    return "" if status is None else f"`{status}`"


def outline_markdown(outline: Outline, *, reasons: bool = False) -> str:
    """The outline as a Markdown document: a heading, then nested lists; with reasons, each label's
    reason in italics after the node."""

    def why(reason: str | None, ref: bool = False) -> str:
        return f" \u2014 *{md_escape(reason)}*" if reasons and reason and not ref else ""

    lines = [f"# {md_escape(outline.title)}", ""]
    if outline.semantics:
        lines += [f"Map `{outline.map_id}`; labels under {outline.semantics} semantics.", ""]
    else:
        lines += [f"Map `{outline.map_id}`.", ""]

    def claim(node: ClaimNode, level: int) -> None:
        head = "**Thesis** " if node.thesis else ""
        status = _md_status(node.status)
        inner = "".join(f", {md_escape(flag)}" for flag in _claim_flags(node))
        line = f"{'  ' * level}- {head}{status + ' ' if status else ''}{md_escape(node.text)} (`{node.id}`{inner})"
        lines.append(" ".join([line] + _claim_notes(node)) + why(node.reason, node.ref))

    def argument(node: ArgumentNode, level: int) -> None:
        status = _md_status(node.status)
        details = _argument_details(node, ("\u201c", "\u201d"), md_escape)
        head = f"{'  ' * level}- **{_role(node).capitalize()}** `{node.id}`{details}"
        lines.append(head + (f" {status}" if status else "") + why(node.reason))

    for root in outline.theses:
        _walk(claim, argument)(root)
    if outline.unreachable:
        if outline.theses:
            lines += ["", "## Not reached from a thesis", ""]
        for root in outline.unreachable:
            _walk(claim, argument)(root)
    return "\n".join(lines) + "\n"
