"""HTML reports: one jinja2 environment (autoescape on), a context per map, strings out; files are
written elsewhere (output.write_atomic).

A report is one self-contained file: its CSS, the diagram's SVG and a little vanilla JavaScript are
inline, and a Content-Security-Policy forbids every network load and every script or style but its
own (allowed by hash, so the same map always gives the same bytes).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from . import __version__
from .analysis import Coverage, Role, attack_kind, foundations, headings, kind_of, roles, sections
from .checks import Context
from .checks.urls import linkable
from .files import builtin_templates
from .files import template_files as template_files  # (part of this API)
from .load import MapFile
from .model import ArgMap, Argument, Claim
from .outline import Outline, build_outline
from .overview import style_view, views
from .problems import Problem
from .schemes import ATTACKS, SCHEMES, Scheme, get_scheme
from .semantics import Evaluation, evaluate
from .semantics.base import fmt_weight
from .semantics.carneades import graph_json as carneades_graph
from .source import Match, SourceText
from .words import plural


def get_env(templates: Path | None = None) -> jinja2.Environment:
    """The one jinja2 environment: a user's folder first (any template it has wins), then the built-in ones.

    One per templates folder and process, so that each template is compiled once (jinja2 recompiles
    a template whose file changed, as `argmap serve` needs)."""
    return _env(templates.resolve() if templates is not None else None)


_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Environment(jinja2.Environment):
    """jinja2's environment, reading `record.key` of the reports' dicts without an exception each time.

    jinja2 tries an attribute first and falls back to the key; on a dict every such try raises, and a
    report reads its records' keys thousands of times. The result is the same: a dict's own attributes
    (items, get, ...) still win, and a missing key still falls through to jinja2's own lookup."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


@functools.lru_cache(maxsize=8)
def _env(templates: Path | None) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = []
    if templates is not None:
        loaders.append(jinja2.FileSystemLoader(str(templates)))
    loaders.append(jinja2.FileSystemLoader(str(builtin_templates())))
    env = _Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        finalize=_no_controls,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["pct"] = lambda value: f"{round(100 * value)}%"
    env.filters["plural"] = plural
    env.filters["weight"] = fmt_weight
    env.tests["linkable"] = linkable
    return env


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _no_controls(value: Any) -> Any:
    """Every value a template prints, with control characters (which HTML forbids) made visible as
    U+FFFD; Markup (already safe HTML, such as Graphviz's SVG) is left alone."""
    if isinstance(value, str) and not isinstance(value, Markup) and not value.isprintable():  # most text is printable
        return _CONTROLS.sub("\ufffd", value)
    return value


class TemplateFailure(Exception):
    """A report template (most likely one of the user's --templates) cannot be read or rendered."""


def _render(env: jinja2.Environment, name: str, **context: Any) -> str:
    """Render one template; a broken template ends as a TemplateFailure naming its file and line."""
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        where = f"{exc.filename or exc.name or name}:{exc.lineno}"
        raise TemplateFailure(f"template {where}: {exc.message}") from None
    except jinja2.TemplateError as exc:
        raise TemplateFailure(f"template {name}: {exc.message or exc}") from None


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def json_for_html(data: Any) -> Markup:
    """JSON safe inside a <script type="application/json"> block: no '<', '>' or '&' left to end it."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


_PROLOG = re.compile(r"^.*?(?=<svg\b)", re.S)
# Graphviz escapes every '"' of a text as &quot;, so a '"' always belongs to an attribute: a number
# followed by a '"' before any '<' or '>' is in an attribute's value (and the only attribute that
# holds words, the graph's tooltip, goes first).
_HUNDREDTHS = re.compile(r'(?<=\.\d)\d(?=[^"<>]*")')
_ZERO_TENTHS = re.compile(r'\.0(?!\d)(?=[^"<>]*")')
_TOOLTIP = re.compile(r' xlink:title="[^"]*"')
_TEXT_DEFAULTS = (
    ' xml:space="preserve"',
    ' font-family="Helvetica,sans-Serif"',
    ' text-anchor="middle"',
    ' fill="#222222"',
)


def _compact(svg: str) -> str:
    """Graphviz's SVG in about two thirds of the bytes, drawn the same: no comments, titles or
    tooltips (the page names each node itself), hyphens unescaped, coordinates to a tenth of a
    point, and the attributes every text shares left to report.css (`svg.gv text`)."""
    svg = re.sub(r"<!--.*?-->\n?", "", svg, flags=re.S)
    svg = re.sub(r"<title>[^<]*</title>\n?", "", svg)
    svg = _TOOLTIP.sub("", svg).replace("&#45;", "-")
    for default in _TEXT_DEFAULTS:
        svg = svg.replace(default, "")
    return _ZERO_TENTHS.sub("", _HUNDREDTHS.sub("", svg))


def inline_svg(svg: str, graph_id: str = "am_graph") -> Markup:
    """Graphviz's SVG, ready to sit inside HTML: without its XML prolog and doctype, compacted, with
    its graph group renamed (to graph_id) so no claim id can collide with it. Graphviz has escaped
    every text already."""
    svg = _PROLOG.sub("", svg, count=1)
    svg = re.sub(r'<g id="graph0" class="graph"', f'<g id="{graph_id}" class="graph"', svg, count=1)
    svg = svg.replace("<svg ", '<svg class="gv" ', 1)
    return Markup(_compact(svg))


@dataclass
class Page:
    """Everything a page template needs, besides the map-specific context."""

    title: str
    css: str
    js: str
    csp: str = ""


def _page(
    env: jinja2.Environment,
    title: str,
    live: str | None = None,
    *,
    css_templates: tuple[str, ...] = ("report.css",),
    js_templates: tuple[str, ...] = ("report.js",),
) -> Page:
    css = "".join(_render(env, name) for name in css_templates)
    js = "".join(_render(env, name) for name in js_templates)
    connect = "'self'" if live else "'none'"  # a served page listens to its server for rebuilds
    csp = (
        "default-src 'none'; "
        f"style-src {_csp_hash(css)}; script-src {_csp_hash(js)}; "
        f"img-src data:; font-src 'none'; connect-src {connect}; media-src 'none'; object-src 'none'; "
        "frame-src 'none'; worker-src 'none'; manifest-src 'none'; form-action 'none'; base-uri 'none'"
    )
    return Page(title=title, css=Markup(css), js=Markup(js), csp=csp)


def _paragraph_segments(
    source: SourceText,
    start: int,
    end: int,
    spans: list[tuple[int, int, str, int]],
    inferences: list[tuple[int, int, str, int]],
) -> list[dict[str, Any]]:
    """A paragraph cut where quotes and inference anchors begin and end: text pieces with the claims
    quoting them and the arguments anchored on them."""
    cuts = {start, end}
    inside = [s for s in spans if s[0] < end and s[1] > start]
    drawn = [s for s in inferences if s[0] < end and s[1] > start]
    for s, e, _, _ in inside + drawn:
        cuts.add(max(start, s))
        cuts.add(min(end, e))
    segments = []
    for a, b in pairwise(sorted(cuts)):
        segments.append(
            {
                "text": source.text[a:b],
                "claims": [claim for s, e, claim, _ in inside if s <= a and e >= b],
                "arguments": [arg for s, e, arg, _ in drawn if s <= a and e >= b],
                "anchors": [f"q--{claim}--{n}" for s, _, claim, n in inside if s == a]
                + [f"i--{arg}--{n}" for s, _, arg, n in drawn if s == a],
            }
        )
    return segments


_CONCLUDED = (Role.thesis, Role.intermediate, Role.conclusion)
_LIST_LIMIT = 60
"""A card lists at most this many of the premises a conclusion rests on (a big map's thesis rests on thousands)."""


def counts(m: ArgMap) -> dict[str, int]:
    """How many claims, arguments (supports), attacks and implicit claims a map has: a report's
    figures and its card on the site index."""
    supports = sum(1 for a in m.arguments.values() if a.conclusion is not None)
    return {
        "claims": len(m.claims),
        "arguments": supports,
        "attacks": len(m.arguments) - supports,
        "implicit": sum(1 for c in m.claims.values() if c.implicit),
    }


@dataclass
class _Facts:
    """What the cards of one map are made from, worked out once."""

    m: ArgMap
    role_of: dict[str, Role]
    section_of: dict[str, str]
    evaluation: Evaluation
    basis: dict[str, frozenset[str]]
    critical: dict[str, frozenset[str]]
    first_match: dict[tuple[str, int], Match]
    anchor_match: dict[tuple[str, int], Match]
    """Where each argument's anchor (the words that draw it) was found."""
    order: dict[str, int]
    critical_for: dict[str, list[str]] = field(default_factory=dict)
    supports: dict[str, list[str]] = field(default_factory=dict)
    supported_by: dict[str, list[str]] = field(default_factory=dict)
    attacked_by: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, m: ArgMap, ctx: Context, semantics: str | None) -> _Facts:
        basis, critical = foundations(m)
        facts = cls(
            m=m,
            role_of=roles(m),
            section_of=sections(m, ctx.source),
            evaluation=evaluate(m, semantics),
            basis=basis,
            critical=critical,
            first_match={(claim_id, i): found[0] for claim_id, i, _, found in ctx.quote_matches if found},
            anchor_match={(arg_id, i): found[0] for arg_id, i, _, found in ctx.anchor_matches if found},
            order={claim_id: i for i, claim_id in enumerate(m.claims)},
        )
        for claim_id in m.claims:
            if facts.role_of[claim_id] in _CONCLUDED:
                for premise in critical.get(claim_id, ()):
                    if premise != claim_id:
                        facts.critical_for.setdefault(premise, []).append(claim_id)
        for arg_id, argument in m.arguments.items():
            for premise in argument.premises:
                facts.supports.setdefault(premise, []).append(arg_id)
            if argument.conclusion is not None:
                facts.supported_by.setdefault(argument.conclusion, []).append(arg_id)
            else:
                facts.attacked_by.setdefault(argument.target, []).append(arg_id)
        return facts

    def speaker(self, attributed: str | None) -> str | None:
        """Who holds a reported view: free text, or a reference's citation."""
        if attributed is None:
            return None
        return self.m.references[attributed].citation if attributed in self.m.references else attributed

    def in_order(self, claim_ids: Iterable[str]) -> list[str]:
        """The claims in the map's order."""
        return sorted(claim_ids, key=self.order.__getitem__)


def _quote_cards(
    owner_id: str, quotes: list[str], matches: dict[tuple[str, int], Match], prefix: str
) -> list[dict[str, Any]]:
    """A card's quotes (a claim's, or an argument's anchors) with where each was found."""
    cards = []
    for index, quote in enumerate(quotes):
        match = matches.get((owner_id, index))
        cards.append(
            {
                "text": quote,
                "anchor": f"{prefix}--{owner_id}--{index}" if match else None,
                "paragraph": match.paragraph if match else None,
                "line": match.line if match else None,
            }
        )
    return cards


def _claim_card(facts: _Facts, claim_id: str, claim: Claim) -> dict[str, Any]:
    m, role = facts.m, facts.role_of[claim_id]
    own_basis = facts.basis.get(claim_id, frozenset()) if role in _CONCLUDED else frozenset()
    quotes = _quote_cards(claim_id, claim.quotes, facts.first_match, "q")
    return {
        "id": claim_id,
        "text": claim.text,
        "type": claim.type.value if claim.type else None,
        "role": role.value,
        "implicit": claim.implicit,
        "quotes": quotes,
        "supports": facts.supports.get(claim_id, []),
        "supported_by": facts.supported_by.get(claim_id, []),
        "attacked_by": facts.attacked_by.get(claim_id, []),
        "tags": claim.tags,
        "concepts": [(c, m.concepts[c].label if c in m.concepts else c) for c in claim.concepts],
        "cites": [(r, m.references[r].citation if r in m.references else r) for r in claim.cites],
        "note": claim.note,
        "speaker": facts.speaker(claim.attributed_to),
        "section": facts.section_of.get(claim_id),
        "status": facts.evaluation.labels[claim_id].value,
        "reason": facts.evaluation.reasons.get(claim_id),
        "rests_on": facts.in_order(p for p in own_basis if p != claim_id)[:_LIST_LIMIT],
        "rests_on_count": len(own_basis),
        "critical": facts.in_order(p for p in facts.critical.get(claim_id, ()) if p != claim_id),
        "critical_for": facts.critical_for.get(claim_id, []),
        "search": " ".join([claim_id, claim.text, *claim.quotes, *claim.tags, *claim.concepts]).lower(),
    }


def _inference(m: ArgMap, argument: Argument) -> tuple[str, Scheme | None, list[Scheme], str]:
    """(kind, scheme, critical questions, card title) of an argument. A support is an inference by
    its scheme (the default one when it names none); an attack is a rebuttal, an undercut or a
    concession, with that kind's questions, and its scheme's too when it names one."""
    if argument.conclusion is not None:
        scheme = get_scheme(argument.scheme)
        return "support", scheme, [scheme], argument.label or scheme.name
    own = ATTACKS[attack_kind(m, argument)]
    named = SCHEMES.get(argument.scheme) if argument.scheme not in (None, "default") else None
    return own.id, named, [own] + ([named] if named else []), argument.label or own.name


def _short(text: str, room: int = 60) -> str:
    """text cut at a word to fit in room characters (with '…')."""
    if len(text) <= room:
        return text
    return text[:room].rsplit(" ", 1)[0].rstrip(" ,;:") + "\u2026"


def _description(m: ArgMap, argument: Argument) -> str:
    """A short description of an argument without a label, for links: what it is for or against."""
    target = argument.target
    if target in m.claims:
        about = f"\u201c{_short(m.claims[target].text)}\u201d"
    elif target in m.arguments and m.arguments[target].target in m.claims:
        other = m.arguments[target]
        verb = "for" if other.conclusion is not None else "against"
        about = f"the argument {verb} \u201c{_short(m.claims[other.target].text)}\u201d"
    else:
        about = f"argument {target}"
    if argument.conclusion is not None:
        return f"{get_scheme(argument.scheme).name} for {about}"
    own = ATTACKS[attack_kind(m, argument)]
    return f"{own.name} {'of' if own.id != 'concession' else 'granted against'} {about}"


def _argument_card(facts: _Facts, arg_id: str, argument: Argument) -> dict[str, Any]:
    kind, scheme, questions, title = _inference(facts.m, argument)
    return {
        "id": arg_id,
        "label": argument.label,
        "kind": kind_of(facts.m, argument),
        "kind_label": kind,
        "title": title,
        "name": argument.label or _description(facts.m, argument),
        "scheme": scheme,
        "questions": questions,
        "premises": argument.premises,
        "target": argument.target,
        "target_is_claim": argument.target in facts.m.claims,
        "attacked_by": facts.attacked_by.get(arg_id, []),
        "note": argument.note,
        "reconstructed": argument.reconstructed,
        "anchors": _quote_cards(arg_id, argument.quotes, facts.anchor_match, "i"),
        "status": facts.evaluation.labels[arg_id].value,
        "reason": facts.evaluation.reasons.get(arg_id),
        "weight": facts.evaluation.weights.get(arg_id),
        "conceded": argument.conceded,
        "outweighed_by": facts.evaluation.outweighed_by.get(arg_id),
        "search": " ".join([arg_id, title, kind, *argument.premises, argument.target]).lower(),
    }


def _essay(m: ArgMap, source: SourceText, coverage: Coverage, facts: _Facts) -> dict[str, Any]:
    """The essay's paragraphs, each cut into pieces by the quotes and anchors in it, with its kind and
    reason."""
    spans = [(match.start, match.end, claim_id, index) for (claim_id, index), match in facts.first_match.items()]
    inferences = [(match.start, match.end, arg_id, index) for (arg_id, index), match in facts.anchor_match.items()]
    heading_starts = {offset for offset, _ in headings(source)}
    body = set(coverage.body)
    uncovered = {n for n, _ in coverage.uncovered}
    reasons = {}
    for item in m.source.ignore if m.source is not None else ():
        span = source.span_of(item.from_, item.to)
        if span is not None:
            reasons[span] = item.reason
    paragraphs = []
    for number, (start, end) in enumerate(source.paragraphs, 1):
        reason = next((r for (s, e), r in reasons.items() if s <= start < e), None)
        kind = (
            "heading" if start in heading_starts else ("ignored" if reason else ("body" if number in body else "front"))
        )
        paragraphs.append(
            {
                "number": number,
                "kind": kind,
                "reason": reason,
                "uncovered": number in uncovered,
                "segments": _paragraph_segments(source, start, end, spans, inferences),
            }
        )
    return {"paragraphs": paragraphs}


def _overview(m: ArgMap, outline: Outline) -> list[dict[str, Any]]:
    """The overview's views (argmap/overview.py), drawn, with what each box opens."""
    from .render import render

    return [
        {
            "key": view.key,
            "number": view.number,
            "title": view.title,
            "parent": view.parent,
            "unfolded": view.unfolded,
            "opens": view.opens,
            "svg": inline_svg(style_view(render(view.dot, "svg").decode("utf-8")), f"ov{view.number}_graph"),
        }
        for view in views(m, outline)
    ]


def map_context(
    mf: MapFile, problems: list[Problem], diagram_svg: str | None, semantics: str | None = None
) -> dict[str, Any]:
    """The template context of one map's report, evaluated with semantics (default: the map's own)."""
    m = mf.map
    assert m is not None
    ctx = Context.of(mf)
    facts = _Facts.of(m, ctx, semantics)
    claims = [_claim_card(facts, claim_id, claim) for claim_id, claim in m.claims.items()]
    arguments = [_argument_card(facts, arg_id, argument) for arg_id, argument in m.arguments.items()]
    coverage = ctx.coverage
    essay = _essay(m, ctx.source, coverage, facts) if ctx.source is not None and coverage is not None else None
    evaluation = facts.evaluation
    labels = evaluation.labels
    outline = build_outline(
        m, {node: label.value for node, label in labels.items()}, evaluation.reasons, semantics=evaluation.semantics
    )
    overview = _overview(m, outline)
    return {
        "map": m,
        "source_meta": m.source,
        "source_changed": bool(
            m.source and m.source.sha256 and ctx.source_sha256 and m.source.sha256 != ctx.source_sha256
        ),
        "theses": [c for c in claims if c["role"] == Role.thesis.value],
        "claims": claims,
        "claims_by_id": {c["id"]: c for c in claims},
        "arguments": arguments,
        "arguments_by_id": {a["id"]: a for a in arguments},
        "figures": {
            **counts(m),
            "schemes": sorted({a.scheme_id for a in m.arguments.values() if a.conclusion is not None}),
            "coverage": coverage,
        },
        "essay": essay,
        "problems": problems,
        "errors": [p for p in problems if p.is_error],
        "tags": sorted({t for c in m.claims.values() for t in c.tags}),
        "status_counts": {
            label: sum(1 for x in labels.values() if x.value == label) for label in ("in", "out", "undecided")
        },
        "semantics": evaluation.semantics,
        "diagram": inline_svg(diagram_svg) if diagram_svg else None,
        "outline": outline,
        "overview": overview,
        "data": json_for_html(
            {
                "semantics": evaluation.semantics,
                **({"caes": carneades_graph(m)} if evaluation.semantics == "carneades" else {}),
                "claims": {c["id"]: {"role": c["role"], "status": c["status"]} for c in claims},
                "views": [{"key": v["key"], "parent": v["parent"], "opens": v["opens"]} for v in overview],
                "arguments": {
                    a["id"]: {
                        "premises": a["premises"],
                        "target": a["target"],
                        "kind": a["kind"],
                        "status": a["status"],
                    }
                    for a in arguments
                },
            }
        ),
    }


def render_report(
    mf: MapFile,
    problems: list[Problem],
    *,
    semantics: str | None = None,
    templates: Path | None = None,
    diagram_svg: str | None = None,
    index_href: str | None = None,
    live: str | None = None,
) -> str:
    """The HTML of one map's report (or, for a map that could not be read, a page of its problems)."""
    env = get_env(templates)
    title = mf.map.title if mf.map is not None else mf.display
    page = _page(
        env, title, live, css_templates=("report.css", "reading.css"), js_templates=("report.js", "reading.js")
    )
    context: dict[str, Any] = {
        "page": page,
        "version": __version__,
        "index_href": index_href,
        "display": mf.display,
        "live": live,
    }
    if mf.map is None:
        context.update({"problems": problems, "map": None})
        return _render(env, "problems.html", **context)
    context.update(map_context(mf, problems, diagram_svg, semantics))
    return _render(env, "report.html", **context)


def render_index(
    entries: list[dict[str, Any]],
    *,
    combined_svg: str | None,
    shared: list[dict[str, Any]],
    links: list[dict[str, Any]] | None = None,
    templates: Path | None = None,
    live: str | None = None,
) -> str:
    """The site's index page: every map with its figures, and where the maps meet."""
    env = get_env(templates)
    page = _page(env, "Argument maps", live)
    return _render(
        env,
        "index.html",
        page=page,
        version=__version__,
        entries=entries,
        shared=shared,
        links=links or [],
        live=live,
        combined=inline_svg(combined_svg) if combined_svg else None,
        index_href=None,
    )
