"""The overview diagrams of a report: the argument from the thesis down in pieces small enough to
read, every deeper sub-argument folded into its conclusion's box with a count (DOT, for render.py).

A big map drawn whole is a texture when it is fitted to a page. The overview cuts it along the
outline (argmap/outline.py):

- the first view holds the theses: the first unfolded (the arguments for and against it, and their
  premises), the others too while the drawing stays about a page tall, else folded; one box stands
  for all the claims no thesis reaches (their own view opens from it);
- below its roots a view unfolds claims (their arguments and premises) breadth first, at most two
  steps down, while the drawing stays about a page tall; a claim left folded is drawn as one box
  that says how many claims lie below it, and opens the view that unfolds it;
- so every claim with arguments is unfolded in exactly one view, and the views come in the
  outline's reading order.

The views are drawn from right to left (a conclusion on the left, its reasons to its right, as the
outline indents them), so that a claim's many premises stack down the page, not across it. Node ids
are `ovN--ID` (N the view's number): unique in a page that holds every view and the full diagram.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import graphviz

from .analysis import Role, roles
from .dot import (
    FONT,
    INK,
    REBUTTAL,
    ROLE_BORDER,
    SUPPORT,
    TYPE_FILL,
    UNDERCUT,
    UNTYPED_FILL,
    _attack_label,
    _edge,
    _lines,
    _node,
    _quote,
    _scheme_label,
    _speaker,
    dot_label,
)
from .model import ArgMap
from .outline import ArgumentNode, ClaimNode, Outline
from .words import plural

TOP = "_top"
"""The key of the first view (no claim id begins with '_')."""
MORE = "_more"
"""The key of the view of the claims no thesis reaches."""
WRAP = 36
"""Claim text is wrapped at this many characters (the boxes are drawn at 14 points)."""
ROOM = 760.0
"""How tall (in points) a view may grow by unfolding below its roots: fitted to a laptop's screen,
its text stays about 14 px tall."""
ROOTS_ROOM = 960.0
"""How tall a view may grow by unfolding its roots (the theses, say: each one unfolded matters more
than a level deeper under one of them); fitted to a laptop's screen, its text stays above 10 px."""
STEPS = 2
"""How many inference steps below its root a view unfolds at most (three columns of claims fit the
width of a page)."""
COLUMN = 4
"""Folded claims side by side (the roots of the claims no thesis reaches) stand in columns of this many."""
_LINE, _PAD, _GAP = 17.0, 12.0, 13.0
"""A line of claim text, a box's top and bottom margins, and the gap between boxes, in points."""


@dataclass
class View:
    """One overview diagram: what it shows and where it opens from."""

    key: str
    """TOP, MORE, or the id of the claim at its root."""
    number: int
    """Its place among the views (its nodes' ids begin with `ov{number}--`)."""
    title: str
    """What the view shows, in words (for its caption and the way back to it)."""
    parent: str | None
    """The key of the view it opens from (None for the first)."""
    dot: str = ""
    """The view as DOT."""
    opens: dict[str, str] = field(default_factory=dict)
    """Node id (a folded claim, or MORE) -> the key of the view that unfolds it."""
    unfolded: list[str] = field(default_factory=list)
    """The claims this view unfolds (its roots first)."""

    @property
    def prefix(self) -> str:
        return f"ov{self.number}--"


def _premises(node: ClaimNode) -> Iterator[ClaimNode]:
    """The premises of a claim's arguments and of the undercuts of those arguments, in order."""

    def of(argument: ArgumentNode) -> Iterator[ClaimNode]:
        yield from argument.premises
        for undercut in argument.undercuts:
            yield from of(undercut)

    for argument in node.arguments:
        yield from of(argument)


class _Views:
    """Cuts an outline into views, depth first, so that the views' order follows the outline."""

    def __init__(self, m: ArgMap, outline: Outline) -> None:
        self.m = m
        self.outline = outline
        self.role_of = roles(m)
        self.views: list[View] = []
        self.full: dict[str, ClaimNode] = {}
        """Every claim's full node in the outline (the one with its arguments)."""
        for node in outline.claims():
            if not node.ref:
                self.full.setdefault(node.id, node)
        self.home: dict[str, str] = {}
        """Claim id -> the key of the view that unfolds it."""
        self.folded: list[tuple[View, str]] = []
        """Every folded box drawn: (its view, its claim), to point at the view that unfolds it."""
        self.under: dict[str, frozenset[str]] = {}
        """Claim id -> the claims under it (see _below)."""
        self.lines: dict[str, int] = {}
        """Claim id -> how many lines its text takes in a box."""

    def build(self) -> list[View]:
        outline = self.outline
        title = "The thesis" if len(outline.theses) == 1 else ("The theses" if outline.theses else "The claims")
        top = self._new(TOP, title, None)
        graph = self._view(top, outline.theses or outline.unreachable)
        if outline.unreachable and outline.theses:
            count = sum(1 for root in outline.unreachable for node in _walk(root) if not node.ref)
            _node(
                graph,
                top.prefix + MORE,
                dot_label([plural(count, "more claim"), "not reached from a thesis", "+ open"]),
                id=top.prefix + MORE,
                style="filled,rounded",
                fillcolor="#FFFFFF",
                penwidth="2",
                **{"class": "ov group collapsed tagged"},
            )
            # under the theses, in the first column
            lead = _lead(outline.theses, dict.fromkeys(top.unfolded))
            graph.body.append(f"\t{{rank=same; {_quote(top.prefix + lead.id)}; {_quote(top.prefix + MORE)}}}\n")
            top.opens[MORE] = MORE
            more = self._new(MORE, "Claims not reached from a thesis", TOP)
            more.dot = self._view(more, outline.unreachable).source
        top.dot = graph.source
        for view, claim_id in self.folded:
            view.opens[claim_id] = self.home[claim_id]
        return self.views

    def _below(self, node: ClaimNode) -> frozenset[str]:
        """The claims under a claim's full node in the outline (references included), once per claim."""
        if node.id not in self.under:
            found: set[str] = set()
            for premise in _premises(node):
                found.add(premise.id)
                found |= self._below(self.full.get(premise.id, premise)) if not premise.ref else set()
            self.under[node.id] = frozenset(found)
        return self.under[node.id]

    def _new(self, key: str, title: str, parent: str | None) -> View:
        view = View(key, len(self.views), title, parent)
        self.views.append(view)
        return view

    def _view(self, view: View, roots: list[ClaimNode]) -> graphviz.Digraph:
        """Draw roots, unfolded as far as ROOM allows (the first always), the others folded; the
        views of what is folded follow at once."""
        graph = _graph(view)
        unfold = self._plan(roots)
        view.unfolded = list(unfold)
        for claim_id in unfold:
            self.home.setdefault(claim_id, view.key)
        drawn = {root.id for root in roots if root.id in unfold}
        for root in roots:
            if root.id in unfold:
                self._box(graph, view, root, folded=0, root=True)
        for root in roots:
            if root.id in unfold:
                for argument in root.arguments:
                    self._argument(graph, view, argument, view.prefix + root.id, drawn, unfold)
        alone = [root for root in roots if root.id not in drawn]
        for root in alone:
            self._claim(graph, view, root, drawn, unfold)
        if 0 < len(alone) <= COLUMN:  # under the roots, in the first column
            names = "; ".join(_quote(view.prefix + claim.id) for claim in [_lead(roots, unfold), *alone])
            graph.body.append(f"\t{{rank=same; {names}}}\n")
        else:  # in columns of their own, not one tall one
            for left, right in zip(alone, alone[COLUMN:], strict=False):
                graph.body.append(
                    f"\t{_quote(view.prefix + right.id)} -> {_quote(view.prefix + left.id)} [style=invis]\n"
                )
        return graph

    def _plan(self, roots: list[ClaimNode]) -> dict[str, None]:
        """The claims a view unfolds, in order: the first root, the other roots while they fit in
        ROOM, then (breadth first, up to STEPS below them) every claim shown in full there whose
        premises still fit."""
        unfold: dict[str, None] = {}
        for root in roots:
            if root.id in self.home:
                continue
            unfold[root.id] = None
            if len(unfold) > 1 and self._height(roots, unfold) > ROOTS_ROOM:
                del unfold[root.id]
        frontier = [root for root in roots if root.id in unfold]
        for _ in range(STEPS - 1):
            following: list[ClaimNode] = []
            for node in frontier:
                for premise in _premises(node):
                    if premise.ref or not premise.arguments or premise.id in unfold or premise.id in self.home:
                        continue
                    unfold[premise.id] = None
                    if self._height(roots, unfold) > ROOM:
                        del unfold[premise.id]
                    else:
                        following.append(premise)
            frontier = following
        return unfold

    def _height(self, roots: list[ClaimNode], unfold: dict[str, None]) -> float:
        """About how tall a view grows: its boxes stack down the page where the tree branches."""
        seen: set[str] = set()

        def tall(node: ClaimNode) -> float:
            own = self._box_height(node, folded=node.id not in unfold and bool(self.full.get(node.id, node).arguments))
            if node.id not in unfold:
                return own + _GAP
            below = 0.0
            for premise in _premises(node):
                if premise.id not in seen:
                    seen.add(premise.id)
                    below += tall(premise)
            return max(own + _GAP, below)

        seen.update(root.id for root in roots)
        return sum(tall(root) for root in roots) - _GAP

    def _box_height(self, node: ClaimNode, *, folded: bool) -> float:
        if node.id not in self.lines:
            self.lines[node.id] = len(_lines(self._text(node.id), WRAP))
        tagged = folded or self.m.claims[node.id].type is not None
        return (self.lines[node.id] + tagged) * _LINE + _PAD

    def _text(self, claim_id: str) -> str:
        claim = self.m.claims[claim_id]
        speaker = _speaker(self.m, claim.attributed_to)
        return f"[{speaker}] {claim.text}" if speaker else claim.text

    def _claim(
        self, graph: graphviz.Digraph, view: View, node: ClaimNode, drawn: set[str], unfold: dict[str, None]
    ) -> None:
        """Draw a claim below a view's root: unfolded (its arguments with it) when the view unfolds it,
        else as one box; a folded claim with arguments gets its view now, so views follow the outline."""
        if node.id in drawn:
            return
        drawn.add(node.id)
        full = self.full.get(node.id, node)
        if node.id in unfold and not node.ref:
            self._box(graph, view, node, folded=0, root=False)
            for argument in node.arguments:
                self._argument(graph, view, argument, view.prefix + node.id, drawn, unfold)
            return
        if not full.arguments:
            self._box(graph, view, node, folded=0, root=False)
            return
        self._box(graph, view, node, folded=len(self._below(full) - {node.id}), root=False)
        self.folded.append((view, node.id))
        if node.id not in self.home:
            child = self._new(node.id, full.text, view.key)
            child.dot = self._view(child, [full]).source

    def _box(self, graph: graphviz.Digraph, view: View, node: ClaimNode, *, folded: int, root: bool) -> None:
        claim = self.m.claims[node.id]
        role = self.role_of[node.id]
        lines = _lines(self._text(node.id), WRAP)
        tag = [claim.type.value] if claim.type else []
        if folded:
            tag.append(f"+ {plural(folded, 'claim')} below")
        if tag:
            lines.append(" \u00b7 ".join(tag))
        classes = ["ov", "claim", role.value, claim.type.value if claim.type else "untyped"]
        look = dict(ROLE_BORDER[role])
        if role not in (Role.thesis, Role.unused):
            look.pop("penwidth", None)
        if claim.implicit:
            classes.append("implicit")
            look["style"] = "filled,dashed"
        if folded:
            classes.append("collapsed")
            look["penwidth"] = "2.5"
        if root:
            classes.append("root")
        if tag:
            classes.append("tagged")
        _node(
            graph,
            view.prefix + node.id,
            dot_label(lines),
            fillcolor=TYPE_FILL.get(claim.type, UNTYPED_FILL) if claim.type else UNTYPED_FILL,
            id=view.prefix + node.id,
            **{"class": " ".join(classes)},
            **look,
        )

    def _argument(
        self,
        graph: graphviz.Digraph,
        view: View,
        argument: ArgumentNode,
        target: str,
        drawn: set[str],
        unfold: dict[str, None],
    ) -> None:
        """An argument's junction in a view, its premises and the undercuts that attack it."""
        a = self.m.arguments[argument.id]
        kind = argument.relation
        if kind == "support":
            words = _scheme_label(a.scheme, a.label, 40)
            look = {"fillcolor": "#F2F2F2", "color": "#555555"}
        else:
            words = _attack_label("concession" if argument.conceded else kind, a.scheme, a.label, 40)
            look = {
                "fillcolor": "#FBE3D6" if kind == "rebuttal" else "#F6E1EC",
                "color": REBUTTAL if kind == "rebuttal" else UNDERCUT,
            }
        node = view.prefix + argument.id
        classes = f"argument {kind}" + (" concession" if argument.conceded else "")
        classes += " reconstructed" if argument.reconstructed else ""
        dashed = ",dashed" if argument.reconstructed else ""
        shape = (
            {"shape": "box", "style": "rounded,filled" + dashed, "fontsize": "11", "margin": "0.08,0.03"}
            | {"height": "0.25", "width": "0.3"}
            if words
            else {"shape": "circle", "style": "filled" + dashed, "width": "0.16", "height": "0.16", "fixedsize": "true"}
        )
        _node(graph, node, dot_label(words) if words else "", id=node, **{"class": classes}, **look, **shape)
        line = {
            "support": {},
            "rebuttal": {"color": REBUTTAL, "style": "dashed"},
            "undercut": {"color": UNDERCUT, "style": "dotted"},
        }[kind]
        head = {"support": "normal", "rebuttal": "tee", "undercut": "diamond"}[kind]
        width = "1.3" if kind == "support" else "1.7"
        _edge(graph, node, target, arrowhead=head, penwidth=width, id=f"{node}->{target}", **{"class": kind}, **line)
        for premise in argument.premises:
            self._claim(graph, view, premise, drawn, unfold)
            tail = view.prefix + premise.id
            _edge(graph, tail, node, id=f"{tail}->{argument.id}", **{"class": f"premise {kind}"}, **line)
        for undercut in argument.undercuts:
            self._argument(graph, view, undercut, node, drawn, unfold)


def _lead(roots: list[ClaimNode], unfold: dict[str, None]) -> ClaimNode:
    """The root drawn furthest left: the first that no unfolded root rests on."""
    below = {premise.id for root in roots if root.id in unfold for premise in _premises(root)}
    return next((root for root in roots if root.id not in below), roots[0])


def _walk(node: ClaimNode) -> Iterator[ClaimNode]:
    """A claim node and every claim node under it in the outline."""
    yield node
    for premise in _premises(node):
        yield from _walk(premise)


def _graph(view: View) -> graphviz.Digraph:
    graph = graphviz.Digraph(name=f"ov{view.number}")
    graph.attr(rankdir="RL", newrank="true", nodesep="0.18", ranksep="0.3", fontname=FONT, bgcolor="white")
    graph.attr(
        "node", fontname=FONT, fontsize="14", color=INK, fontcolor=INK, shape="box", style="filled", margin="0.14,0.07"
    )
    graph.attr("edge", color=SUPPORT, arrowsize="0.8", arrowhead="none")
    return graph


def views(m: ArgMap, outline: Outline) -> list[View]:
    """The overview of m cut along its whole outline: the first view, then the others in the
    outline's reading order (none for a map without claims)."""
    return _Views(m, outline).build() if outline.theses or outline.unreachable else []


_TAGGED = re.compile(r'(<g id="[^"]*" class="node [^"]*\btagged\b[^"]*">)(.*?)(</g>)', re.S)
_LAST_TEXT = re.compile(r'<text\b([^>]*) font-size="[^"]*"([^>]*)>([^<]*)</text>(\s*)$')
_TYPES = ("fact", "interpretation", "prediction", "recommendation", "definition", "value")


def style_view(svg: str) -> str:
    """A view's SVG with each box's last line (its type and what is folded below it) drawn as a
    tag: smaller, the type in bold; without the ids of its lines and the claims' font size, which
    the report's style sheet gives (`.ov-view text`)."""

    def tag(match: re.Match[str]) -> str:
        head, body, tail = match.groups()
        last = _LAST_TEXT.search(body)
        if last is None:
            return match.group(0)
        before, after, words, space = last.groups()
        kind, _, rest = words.partition(" \u00b7 ")
        if kind in _TYPES:
            words = f'<tspan font-weight="bold">{kind}</tspan>' + (f" \u00b7 {rest}" if rest else "")
        text = f'<text{before} font-size="11" class="tag"{after}>{words}</text>{space}'
        return head + body[: last.start()] + text + tail

    svg = re.sub(r'<g id="[^"]*" class="edge', '<g class="edge', svg)
    return _TAGGED.sub(tag, svg).replace(' font-size="14.00"', "")
