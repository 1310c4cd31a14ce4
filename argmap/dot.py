"""Map -> graphviz.Digraph: pure and deterministic (same map, same DOT), in the map's own order.

The visual grammar:

- a claim is a box: its text wrapped, its id on the last line; the fill shows its type (or its
  role, a tag or a concept, with `color_by`); the border shows its role (the thesis double and
  heavy, intermediate conclusions heavier than premises); implicit claims are dashed;
- an argument is a small junction node (an AIF RA node) carrying its scheme's name: linked premises
  join there before one arrow goes on to the conclusion; convergent arguments stay separate;
- an attack is a junction of its own (an AIF CA node): a rebuttal runs to the claim it attacks as a
  dashed vermilion line ending in a bar; an undercut runs to the attacked argument's junction as a
  dotted purple line ending in a diamond. Line style and arrowhead differ as well as colour, and
  the colours come from the Okabe-Ito palette, which colour-blind readers can tell apart.

Every node and edge carries an `id` (the claim or argument id; edges `from->to`) and a `class`,
which Graphviz copies into the SVG for the report to use. Labels use plain strings only (the
embedded WebAssembly Graphviz ignores HTML-like labels), escaped so that no user text can change
the DOT around it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

import graphviz

from .analysis import Role, attack_kind, kind_of, roles
from .model import ArgMap, Argument, ClaimType
from .schemes import SCHEMES

DIRECTIONS = ("BT", "TB", "LR", "RL")
COLOR_BY = ("type", "role", "tag", "concept", "status")
CLUSTER_BY = ("none", "section", "concept")
LABELS = ("both", "text", "id")

FONT = "Helvetica"

# Okabe-Ito colours and light tints of them (fills must keep black text readable).
INK = "#222222"
SUPPORT = "#333333"
REBUTTAL = "#D55E00"
UNDERCUT = "#CC79A7"
TYPE_FILL = {
    ClaimType.fact: "#ADDFFF",
    ClaimType.interpretation: "#EBBB72",
    ClaimType.prediction: "#4CC599",
    ClaimType.recommendation: "#F8EC93",
    ClaimType.definition: "#D783B1",
    ClaimType.value: "#4192D5",
}
"""Okabe-Ito hues at six lightness levels (CIE L* 93 recommendation, 86 fact, 79 interpretation,
72 prediction, 65 definition, 58 value; untyped is white, 100), so that a reader who cannot tell
the hues apart still tells the fills apart, and black text stays readable on each (WCAG contrast
at least 4.5:1). Each box also names its type in words (see _claim_label): type never rests on
colour alone."""
UNTYPED_FILL = "#FFFFFF"
ROLE_FILL = {
    Role.thesis: "#F8F2B8",
    Role.intermediate: "#CDE7F7",
    Role.conclusion: "#C8EBDD",
    Role.premise: "#FFFFFF",
    Role.attacked: "#F9D9C7",
    Role.unused: "#E8E8E8",
}
STATUS_FILL = {"in": "#C8EBDD", "out": "#F9D9C7", "undecided": "#E8E8E8"}
"""Fills for `color_by="status"`: bluish green, vermilion and grey tints (Okabe-Ito)."""
PALETTE = ("#CDE7F7", "#FBE5BF", "#C8EBDD", "#F8F2B8", "#EFD6E6", "#C4DAEE", "#F9D9C7", "#E0E0E0")
ROLE_BORDER = {
    Role.thesis: {"penwidth": "3", "peripheries": "2"},
    Role.intermediate: {"penwidth": "2"},
    Role.conclusion: {"penwidth": "2"},
    Role.premise: {"penwidth": "1"},
    Role.attacked: {"penwidth": "1"},
    Role.unused: {"penwidth": "1", "color": "#888888"},
}


@dataclass(frozen=True)
class DotOptions:
    """How to draw a map (the options of `argmap render`)."""

    direction: str = "BT"
    """Where arrows point: BT puts conclusions above their premises."""
    color_by: str = "type"
    """What the fill colour shows: type, role, tag or concept."""
    cluster: str = "none"
    """Group claims in boxes: none, section (of the essay) or concept."""
    wrap: int = 30
    """Wrap claim text at this many characters."""
    legend: bool = True
    """Draw a legend."""
    label: str = "both"
    """What a claim shows: its text, its id, or both."""
    focus: str | None = None
    """Draw only the neighbourhood of this claim (or argument)."""
    depth: int = 1
    """How many inference steps around the focus to draw."""
    sections: dict[str, dict[str, str]] = field(default_factory=dict, compare=False)
    """map id -> claim id -> section title, for cluster='section' (computed from the source by the caller)."""
    status: dict[str, dict[str, str]] = field(default_factory=dict, compare=False)
    """map id -> claim id -> label (in, out, undecided), for color_by='status' (the caller evaluates)."""

    def __post_init__(self) -> None:
        for name, allowed in (
            ("direction", DIRECTIONS),
            ("color_by", COLOR_BY),
            ("cluster", CLUSTER_BY),
            ("label", LABELS),
        ):
            if getattr(self, name) not in allowed:
                raise ValueError(f"{name} must be one of {', '.join(allowed)}, not {getattr(self, name)!r}")
        if self.wrap < 8:
            raise ValueError("wrap must be at least 8 characters")
        if self.depth < 0:
            raise ValueError("depth must not be negative")


_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")
_BARE = re.compile(r"[a-zA-Z_][a-zA-Z0-9_]*|-?(\.[0-9]+|[0-9]+(\.[0-9]*)?)")
_KEYWORDS = {"node", "edge", "graph", "digraph", "subgraph", "strict"}
_UNESCAPED_QUOTE = re.compile(r'((?:\\\\)*)\\?"')


@functools.lru_cache(maxsize=4096)
def _quote(value: str) -> str:
    """graphviz.quoting.quote for our plain (never HTML-like) strings, without its per-call overhead:
    bare when DOT allows it, else double-quoted with every quote escaped. Backslashes in labels are
    already doubled by dot_label, so a user's quote can never close the string."""
    if _BARE.fullmatch(value) and value.lower() not in _KEYWORDS:
        return value
    if '"' not in value:
        return '"' + value + '"'
    return '"' + _UNESCAPED_QUOTE.sub(r'\1\\"', value) + '"'


def _attrs(label: str | None, attrs: dict[str, str]) -> str:
    """'[label=... a=... b=...]' exactly as graphviz.Digraph writes it (label first, the rest sorted),
    without its per-call overhead, which dominates the DOT of a big map."""
    parts = [f"label={_quote(label)}"] if label is not None else []
    parts += [f"{key}={_quote(value)}" for key, value in sorted(attrs.items())]
    return f" [{' '.join(parts)}]" if parts else ""


def _node(graph: graphviz.Digraph, name: str, label: str | None = None, **attrs: str) -> None:
    graph.body.append(f"\t{_quote(name)}{_attrs(label, attrs)}\n")


def _edge(graph: graphviz.Digraph, tail: str, head: str, **attrs: str) -> None:
    # node names never hold ':' (which DOT would read as a port), so they quote like any id
    graph.body.append(f"\t{_quote(tail)} -> {_quote(head)}{_attrs(None, attrs)}\n")


def _lines(text: str, width: int) -> list[str]:
    """Greedy word wrap at width characters (words longer than a line are cut)."""
    lines: list[str] = []
    current = ""
    text = str(text)
    for word in (text if text.isprintable() else _CONTROL.sub(" ", text)).split():
        while len(word) > width:
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:width])
            word = word[width:]
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= width:
            current += " " + word
        else:
            lines.append(current)
            current = word
    if current or not lines:
        lines.append(current)
    return lines


def dot_label(lines: Sequence[str]) -> graphviz.quoting.NoHtml:
    """A plain DOT label of centred lines: backslashes doubled, so user text stays literal."""
    return graphviz.nohtml(
        "\\n".join(graphviz.escape(line if line.isprintable() else _CONTROL.sub(" ", line)) for line in lines)
    )


TYPE_MARK = " \u00b7 "
"""Between a claim's type and its id on the box's last line ('fact · faster')."""

SPEAKER_WIDTH = 32
"""A reported view's speaker is drawn as a prefix of the claim's text, cut to this many characters."""


def _claim_label(
    claim_id: str, text: str, options: DotOptions, kind: str | None = None, speaker: str | None = None
) -> graphviz.quoting.NoHtml:
    """A claim's box: its text wrapped (a reported view's speaker first), then a small line with its
    type (when it has one) and its id."""
    tagged = f"{kind}{TYPE_MARK}{claim_id}" if kind else claim_id
    if options.label == "id":
        return dot_label([tagged])
    if speaker:
        short = speaker if len(speaker) <= SPEAKER_WIDTH else speaker[: SPEAKER_WIDTH - 1].rstrip() + "\u2026"
        text = f"[{short}] {text}"
    lines = _lines(text, options.wrap)
    if options.label == "both":
        lines.append(tagged)
    elif kind:
        lines.append(kind)
    return dot_label(lines)


def _speaker(m: ArgMap, attributed: str | None) -> str | None:
    """Whose view a claim reports, as drawn: free text, or a reference's citation up to its year."""
    if attributed is None or attributed not in m.references:
        return attributed
    citation = m.references[attributed].citation
    year = re.search(r"\(\d{4}[a-z]?\)", citation)
    return citation[: year.end()] if year else citation


def _scheme_label(scheme_id: str | None, label: str | None, wrap: int) -> list[str]:
    """An argument's junction text: its label (if any), then its scheme's name in parentheses."""
    width = max(12, wrap // 2)
    lines = _lines(label, width) if label else []
    if scheme_id is not None and scheme_id != "default":
        scheme = SCHEMES.get(scheme_id)
        name = scheme.name if scheme else scheme_id
        lines += _lines(f"({name})", width) if label else _lines(name, width)
    return lines


def _junction_label(m: ArgMap, argument: Argument, wrap: int) -> list[str]:
    """What an argument's junction says: a support its scheme; an attack, which is no inference
    scheme, what kind of attack it is."""
    if argument.conclusion is not None:
        return _scheme_label(argument.scheme, argument.label, wrap)
    return _attack_label(attack_kind(m, argument), argument.scheme, argument.label, wrap)


def _attack_label(kind: str, scheme_id: str | None, label: str | None, wrap: int) -> list[str]:
    """An attack's junction text: its label (if any), its kind (rebuttal, undercut, concession), and
    the scheme of the attacking inference in parentheses when it names one."""
    width = max(12, wrap // 2)
    lines = (_lines(label, width) if label else []) + [kind]
    if scheme_id is not None and scheme_id != "default":
        lines += _lines(f"({SCHEMES[scheme_id].name if scheme_id in SCHEMES else scheme_id})", width)
    return lines


def neighbourhood(m: ArgMap, focus: str, depth: int) -> tuple[set[str], set[str]]:
    """Claims and arguments within depth inference steps of focus (a claim or an argument id).

    An argument that is drawn is drawn whole: all its premises and its target come with it.
    """
    if focus in m.arguments:
        claims, arguments = _claims_of(m, {focus}), {focus}
    elif focus in m.claims:
        claims, arguments = {focus}, set()
    else:
        raise KeyError(focus)
    frontier_claims, frontier_args = set(claims), set(arguments)
    for _ in range(depth):
        new_args = {
            arg_id
            for arg_id, argument in m.arguments.items()
            if arg_id not in arguments and _touches(argument, frontier_claims, frontier_args)
        }
        new_claims = _claims_of(m, new_args) - claims
        arguments |= new_args
        claims |= new_claims
        frontier_claims, frontier_args = new_claims, new_args
        if not new_args:
            break
    return claims, arguments


def _claims_of(m: ArgMap, argument_ids: Iterable[str]) -> set[str]:
    """The claims drawn with these arguments: their premises, and their targets that are claims."""
    claims: set[str] = set()
    for arg_id in argument_ids:
        argument = m.arguments[arg_id]
        claims.update(argument.premises)
        if argument.target in m.claims:
            claims.add(argument.target)
    return claims


def _touches(argument: Argument, claims: set[str], arguments: set[str]) -> bool:
    """True when argument points at one of claims or arguments, or rests on one of claims."""
    return argument.target in claims or argument.target in arguments or any(p in claims for p in argument.premises)


class _Fills:
    """Assigns fill colours for the chosen `color_by`, remembering what the legend must explain."""

    def __init__(
        self, m: ArgMap, color_by: str, role_of: dict[str, Role], status: dict[str, str] | None = None
    ) -> None:
        self.m = m
        self.color_by = color_by
        self.role_of = role_of
        self.status = status or {}
        self.keys: dict[str, str] = {}

    def _palette_key(self, key: str) -> str:
        if key not in self.keys:
            self.keys[key] = PALETTE[len(self.keys) % len(PALETTE)]
        return self.keys[key]

    def of(self, claim_id: str) -> str:
        claim = self.m.claims[claim_id]
        if self.color_by == "type":
            fill = TYPE_FILL.get(claim.type, UNTYPED_FILL) if claim.type else UNTYPED_FILL
            self.keys.setdefault(claim.type.value if claim.type else "untyped", fill)
            return fill
        if self.color_by == "status":
            label = self.status.get(claim_id, "undecided")
            self.keys.setdefault(label, STATUS_FILL[label])
            return STATUS_FILL[label]
        if self.color_by == "role":
            role = self.role_of[claim_id]
            self.keys.setdefault(role.value, ROLE_FILL[role])
            return ROLE_FILL[role]
        values = claim.tags if self.color_by == "tag" else claim.concepts
        if not values:
            self.keys.setdefault("(none)", UNTYPED_FILL)
            return UNTYPED_FILL
        return self._palette_key(values[0])


def to_dot(m: ArgMap, options: DotOptions = DotOptions(), *, name: str | None = None) -> graphviz.Digraph:
    """The diagram of one map."""
    graph = _new_graph(name or m.id, options, m.title)
    _MapDrawing(m, options, prefix="").draw(graph)
    if options.legend:
        _legend(graph, options, _legend_fills(m, options))
    return graph


def to_dot_many(maps: Iterable[ArgMap], options: DotOptions = DotOptions()) -> graphviz.Digraph:
    """One diagram of several maps, each in its own cluster; claims that share a concept with a claim
    of another map are linked to a concept node between the clusters (dotted lines)."""
    maps = list(maps)
    title = " + ".join(m.title for m in maps)
    graph = _new_graph("combined", options, title)
    users: dict[str, list[tuple[str, str]]] = {}
    labels: dict[str, str] = {}
    for m in maps:
        with graph.subgraph(name=f"cluster_map_{m.id}") as sub:
            sub.attr(
                label=dot_label(_lines(m.title, 60)),
                fontname=FONT,
                fontsize="14",
                style="rounded",
                color="#666666",
                id=f"map:{m.id}",
            )
            _MapDrawing(
                m, replace(options, cluster="none") if options.cluster == "none" else options, prefix=f"{m.id}/"
            ).draw(sub)
        for claim_id, claim in m.claims.items():
            for concept in claim.concepts:
                users.setdefault(concept, []).append((m.id, claim_id))
                if concept in m.concepts:
                    labels.setdefault(concept, m.concepts[concept].label)
    for concept, claimers in users.items():
        if len({map_id for map_id, _ in claimers}) < 2:
            continue
        node = f"concept.{concept}"
        graph.node(
            node,
            label=dot_label(_lines(labels.get(concept, concept), 24)),
            shape="hexagon",
            style="filled",
            fillcolor="#FFFFFF",
            color="#0072B2",
            fontname=FONT,
            fontsize="12",
            id=node,
            **{"class": "concept"},
        )
        for map_id, claim_id in claimers:
            graph.edge(
                f"{map_id}/{claim_id}",
                node,
                style="dotted",
                color="#0072B2",
                constraint="false",
                id=f"{map_id}/{claim_id}->{node}",
                **{"class": "concept-link"},
            )
    if options.legend and maps:
        merged = {}
        for m in maps:
            merged.update(_legend_fills(m, options))
        _legend(graph, options, merged, concepts=True)
    return graph


def _new_graph(name: str, options: DotOptions, title: str) -> graphviz.Digraph:
    graph = graphviz.Digraph(name=name)
    graph.attr(
        rankdir=options.direction,
        newrank="true",
        nodesep="0.3",
        ranksep="0.45",
        fontname=FONT,
        bgcolor="white",
        tooltip=dot_label([title]),
    )
    # defaults for the many claim boxes and premise lines; other nodes and edges say what differs
    graph.attr(
        "node", fontname=FONT, fontsize="11", color=INK, fontcolor=INK, shape="box", style="filled", margin="0.12,0.06"
    )
    graph.attr("edge", color=SUPPORT, arrowsize="0.7", arrowhead="none")
    return graph


_JUNCTION_LOOK = {
    "support": {"fillcolor": "#F2F2F2", "color": "#555555"},
    "rebuttal": {"fillcolor": "#FBE3D6", "color": REBUTTAL},
    "undercut": {"fillcolor": "#F6E1EC", "color": UNDERCUT},
}
"""An argument's junction by what the argument does (analysis.kind_of): fill and border."""
_LINE_LOOK: dict[str, dict[str, str]] = {
    "support": {},
    "rebuttal": {"color": REBUTTAL, "style": "dashed"},
    "undercut": {"color": UNDERCUT, "style": "dotted"},
}
"""The lines of an argument, from its premises and to its target, by what it does."""
_ARROWHEAD = {"support": "normal", "rebuttal": "tee", "undercut": "diamond"}
"""The head of the line from an argument to its target, by what it does."""


class _MapDrawing:
    """Draws one map's claims and arguments into a graph (only those near the focus, when there is
    one), every node's name prefixed (with the map's id, in a combined diagram)."""

    def __init__(self, m: ArgMap, options: DotOptions, prefix: str) -> None:
        self.m = m
        self.options = options
        self.prefix = prefix
        self.role_of = roles(m)
        self.fills = _Fills(m, options.color_by, self.role_of, options.status.get(m.id))
        if options.focus is not None:
            self.claims, self.arguments = neighbourhood(m, options.focus, options.depth)
        else:
            self.claims, self.arguments = set(m.claims), set(m.arguments)

    def draw(self, graph: graphviz.Digraph) -> None:
        """Clusters first, then the claims in none, then the arguments: each in the map's order."""
        groups = self._groups()
        for index, (group, members) in enumerate(groups.items()):
            self._cluster(graph, index, group, members)
        grouped = {claim_id for members in groups.values() for claim_id in members}
        for claim_id in self.m.claims:
            if claim_id in self.claims and claim_id not in grouped:
                self._claim(graph, claim_id)
        for arg_id, argument in self.m.arguments.items():
            if arg_id in self.arguments:
                self._argument(graph, arg_id, argument)

    def _groups(self) -> dict[str, list[str]]:
        """The claims drawn in clusters, by cluster: the essay's section, or the claim's first concept."""
        groups: dict[str, list[str]] = {}
        if self.options.cluster == "section":
            section_of = self.options.sections.get(self.m.id, {})
            for claim_id in self.m.claims:
                if claim_id in self.claims and claim_id in section_of:
                    groups.setdefault(section_of[claim_id], []).append(claim_id)
        elif self.options.cluster == "concept":
            for claim_id, claim in self.m.claims.items():
                if claim_id in self.claims and claim.concepts:
                    groups.setdefault(claim.concepts[0], []).append(claim_id)
        return groups

    def _cluster(self, graph: graphviz.Digraph, index: int, group: str, members: list[str]) -> None:
        """A dashed box titled with the section or the concept's label, around its claims."""
        m, options = self.m, self.options
        with graph.subgraph(name=f"cluster_{self.prefix}{index}") as sub:
            title = m.concepts[group].label if options.cluster == "concept" and group in m.concepts else group
            sub.attr(
                label=dot_label(_lines(title, 40)),
                style="rounded,dashed",
                color="#999999",
                fontname=FONT,
                fontsize="12",
                fontcolor="#555555",
                id=f"{self.prefix}cluster:{index}",
            )
            for claim_id in members:
                self._claim(sub, claim_id)

    def _claim(self, target: graphviz.Digraph, claim_id: str) -> None:
        """A claim's box: filled by the colouring chosen, bordered by its role, dashed when implicit."""
        claim = self.m.claims[claim_id]
        role = self.role_of[claim_id]
        kind = claim.type.value if claim.type else None
        classes = ["claim", role.value, kind or "untyped"]
        extra = dict(ROLE_BORDER[role])
        if claim.implicit:
            classes.append("implicit")
            extra["style"] = "filled,dashed"
        if extra.get("penwidth") == "1":
            del extra["penwidth"]
        _node(
            target,
            self.prefix + claim_id,
            _claim_label(claim_id, claim.text, self.options, kind, _speaker(self.m, claim.attributed_to)),
            fillcolor=self.fills.of(claim_id),
            id=self.prefix + claim_id,
            **{"class": " ".join(classes)},
            **extra,
        )

    def _argument(self, graph: graphviz.Digraph, arg_id: str, argument: Argument) -> None:
        """An argument's junction, a line from each premise drawn, and one on to its target if drawn."""
        node = self.prefix + arg_id
        kind = kind_of(self.m, argument)
        self._junction(graph, node, kind, argument)
        line_look = _LINE_LOOK[kind]
        for premise in argument.premises:
            if premise in self.claims:
                _edge(
                    graph,
                    self.prefix + premise,
                    node,
                    id=f"{self.prefix}{premise}->{arg_id}",
                    **{"class": f"premise {kind}"},
                    **line_look,
                )
        target = argument.target
        if target in self.claims or target in self.arguments:
            _edge(
                graph,
                node,
                self.prefix + target,
                arrowhead=_ARROWHEAD[kind],
                penwidth="1.2" if kind == "support" else "1.6",
                id=f"{self.prefix}{arg_id}->{target}",
                **{"class": kind},
                **line_look,
            )

    def _junction(self, graph: graphviz.Digraph, node: str, kind: str, argument: Argument) -> None:
        """A small rounded box with the argument's scheme or kind of attack, or a dot when it names none."""
        words = _junction_label(self.m, argument, self.options.wrap)
        classes = f"argument {kind}" + (f" scheme-{argument.scheme}" if argument.scheme else "")
        classes += " concession" if kind != "support" and argument.conceded else ""
        classes += " reconstructed" if argument.reconstructed else ""
        dashed = ",dashed" if argument.reconstructed else ""
        look = {"id": node, "class": classes, **_JUNCTION_LOOK[kind]}
        if words:
            _node(
                graph,
                node,
                dot_label(words),
                shape="box",
                style="rounded,filled" + dashed,
                fontsize="9",
                margin="0.06,0.02",
                height="0.2",
                width="0.3",
                **look,
            )
        else:
            _node(
                graph,
                node,
                "",
                shape="circle",
                style="filled" + dashed,
                width="0.14",
                height="0.14",
                fixedsize="true",
                **look,
            )


def _legend_fills(m: ArgMap, options: DotOptions) -> dict[str, str]:
    """The fills the legend explains: those the map uses, in a fixed order."""
    fills = _Fills(m, options.color_by, roles(m), options.status.get(m.id))
    for claim_id in m.claims:
        fills.of(claim_id)
    if options.color_by == "type":
        order = [t.value for t in ClaimType] + ["untyped"]
        return {k: fills.keys[k] for k in order if k in fills.keys}
    if options.color_by == "role":
        return {r.value: fills.keys[r.value] for r in Role if r.value in fills.keys}
    if options.color_by == "status":
        return {k: fills.keys[k] for k in STATUS_FILL if k in fills.keys}
    return dict(fills.keys)


def _legend(graph: graphviz.Digraph, options: DotOptions, fills: dict[str, str], *, concepts: bool = False) -> None:
    """A legend cluster: border styles, fills, and the three kinds of line."""
    with graph.subgraph(name="cluster_legend") as legend:
        legend.attr(label="Legend", fontname=FONT, fontsize="12", style="rounded", color="#BBBBBB", id="legend")
        legend.attr("node", fontsize="9", shape="box", margin="0.06,0.03", height="0.25", style="solid")
        legend.attr("edge", arrowhead="normal")
        legend.node("legend.thesis", label="thesis", penwidth="3", peripheries="2", id="legend.thesis")
        legend.node("legend.intermediate", label="conclusion", penwidth="2", id="legend.intermediate")
        legend.node("legend.premise", label="premise", id="legend.premise")
        legend.node("legend.implicit", label="implicit premise", style="dashed", id="legend.implicit")
        legend.node(
            "legend.claim",
            label=dot_label(["a claim's box: its text,", f"then its type{TYPE_MARK}its id"]),
            id="legend.claim",
        )
        legend.node(
            "legend.support",
            label="scheme",
            shape="box",
            style="rounded,filled",
            fillcolor="#F2F2F2",
            color="#555555",
            id="legend.support",
        )
        legend.node(
            "legend.rebuttal",
            label="rebuttal",
            style="rounded,filled",
            fillcolor="#FBE3D6",
            color=REBUTTAL,
            id="legend.rebuttal",
        )
        legend.node(
            "legend.undercut",
            label="undercut",
            style="rounded,filled",
            fillcolor="#F6E1EC",
            color=UNDERCUT,
            id="legend.undercut",
        )
        legend.edge("legend.premise", "legend.support", arrowhead="none", id="legend.e1")
        legend.edge("legend.implicit", "legend.support", arrowhead="none", id="legend.e2")
        legend.edge("legend.support", "legend.intermediate", id="legend.e3")
        legend.edge("legend.intermediate", "legend.thesis", id="legend.e4", style="invis")
        legend.edge(
            "legend.rebuttal", "legend.intermediate", arrowhead="tee", color=REBUTTAL, style="dashed", id="legend.e5"
        )
        legend.edge(
            "legend.undercut", "legend.support", arrowhead="diamond", color=UNDERCUT, style="dotted", id="legend.e6"
        )
        previous = None
        for index, (key, fill) in enumerate(fills.items()):
            node = f"legend.fill.{index}"
            legend.node(node, label=dot_label([f"{options.color_by}: {key}"]), style="filled", fillcolor=fill, id=node)
            if previous is not None:
                legend.edge(previous, node, style="invis")
            previous = node
        if concepts:
            legend.node("legend.concept", label="shared concept", shape="hexagon", color="#0072B2", id="legend.concept")
