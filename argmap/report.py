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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from . import __version__
from .analysis import Role, foundations, headings, roles, sections
from .checks import Context
from .files import builtin_templates, template_files  # noqa: F401  (template_files: part of this API)
from .load import MapFile
from .problems import Problem
from .schemes import SCHEMES, get_scheme
from .semantics import grounded


def get_env(templates: Path | None = None) -> jinja2.Environment:
    """The one jinja2 environment: a user's folder first (any template it has wins), then the built-in ones.

    One per templates folder and process, so that each template is compiled once (jinja2 recompiles
    a template whose file changed, as `argmap serve` needs)."""
    return _env(templates.resolve() if templates is not None else None)


@functools.lru_cache(maxsize=8)
def _env(templates: Path | None) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = []
    if templates is not None:
        loaders.append(jinja2.FileSystemLoader(str(templates)))
    loaders.append(jinja2.FileSystemLoader(str(builtin_templates())))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        finalize=_no_controls,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["pct"] = lambda value: f"{round(100 * value)}%"
    return env


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _no_controls(value: Any) -> Any:
    """Every value a template prints, with control characters (which HTML forbids) made visible as
    U+FFFD; Markup (already safe HTML, such as Graphviz's SVG) is left alone."""
    if isinstance(value, str) and not isinstance(value, Markup) and not value.isprintable():  # most text is printable
        return _CONTROLS.sub("\ufffd", value)
    return value


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def json_for_html(data: Any) -> Markup:
    """JSON safe inside a <script type="application/json"> block: no '<', '>' or '&' left to end it."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


_PROLOG = re.compile(r"^.*?(?=<svg\b)", re.S)


def inline_svg(svg: str) -> Markup:
    """Graphviz's SVG, ready to sit inside HTML: without its XML prolog and doctype, with its graph
    group renamed so no claim id can collide with it. Graphviz has escaped every text already."""
    svg = _PROLOG.sub("", svg, count=1)
    svg = re.sub(r'<g id="graph0" class="graph"', '<g id="am_graph" class="graph"', svg, count=1)
    svg = re.sub(r"<!--.*?-->\n?", "", svg, flags=re.S)
    return Markup(svg)


@dataclass
class Page:
    """Everything a page template needs, besides the map-specific context."""

    title: str
    css: str
    js: str
    csp: str = ""
    extra: dict = field(default_factory=dict)


def _page(env: jinja2.Environment, title: str, live: str | None = None) -> Page:
    css = env.get_template("report.css").render()
    js = env.get_template("report.js").render()
    connect = "'self'" if live else "'none'"  # a served page listens to its server for rebuilds
    csp = (
        "default-src 'none'; "
        f"style-src {_csp_hash(css)}; script-src {_csp_hash(js)}; "
        f"img-src data:; font-src 'none'; connect-src {connect}; media-src 'none'; object-src 'none'; "
        "frame-src 'none'; worker-src 'none'; manifest-src 'none'; form-action 'none'; base-uri 'none'"
    )
    return Page(title=title, css=Markup(css), js=Markup(js), csp=csp)


def _paragraph_segments(source, start: int, end: int, spans: list[tuple[int, int, str, int]]) -> list[dict]:
    """A paragraph cut where quotes begin and end: text pieces with the claims quoting them."""
    cuts = {start, end}
    inside = [s for s in spans if s[0] < end and s[1] > start]
    for s, e, _, _ in inside:
        cuts.add(max(start, s))
        cuts.add(min(end, e))
    points = sorted(cuts)
    segments = []
    for a, b in zip(points, points[1:]):
        covering = [(claim, n) for s, e, claim, n in inside if s <= a and e >= b]
        anchors = [f"q--{claim}--{n}" for s, e, claim, n in inside if s == a]
        segments.append({"text": source.text[a:b], "claims": [c for c, _ in covering], "anchors": anchors})
    return segments


_CONCLUDED = (Role.thesis, Role.intermediate, Role.conclusion)
_LIST_LIMIT = 60
"""A card lists at most this many of the premises a conclusion rests on (a big map's thesis rests on thousands)."""


def map_context(mf: MapFile, problems: list[Problem], diagram_svg: str | None) -> dict:
    """The template context of one map's report."""
    m = mf.map
    assert m is not None
    ctx = Context.of(mf)
    role_of = roles(m)
    section_of = sections(m, ctx.source)
    labels = grounded(m)
    basis, critical = foundations(m)
    critical_for: dict[str, list[str]] = {}
    for claim_id in m.claims:
        if role_of[claim_id] in (Role.thesis, Role.intermediate, Role.conclusion):
            for premise in critical.get(claim_id, ()):
                if premise != claim_id:
                    critical_for.setdefault(premise, []).append(claim_id)
    first_match: dict[tuple[str, int], Any] = {}
    for claim_id, index, _quote, matches in ctx.quote_matches:
        if matches:
            first_match[(claim_id, index)] = matches[0]

    supports: dict[str, list[str]] = {}
    supported_by: dict[str, list[str]] = {}
    attacked_by: dict[str, list[str]] = {}
    for arg_id, argument in m.arguments.items():
        for premise in argument.premises:
            supports.setdefault(premise, []).append(arg_id)
        if argument.conclusion is not None:
            supported_by.setdefault(argument.conclusion, []).append(arg_id)
        else:
            attacked_by.setdefault(argument.attacks, []).append(arg_id)

    def arg_kind(argument) -> str:
        if argument.conclusion is not None:
            return "support"
        return "undercut" if argument.attacks in m.arguments else "rebuttal"

    order = {claim_id: i for i, claim_id in enumerate(m.claims)}
    claims = []
    for claim_id, claim in m.claims.items():
        own_basis = basis.get(claim_id, ()) if role_of[claim_id] in _CONCLUDED else ()
        rests_on = sorted((p for p in own_basis if p != claim_id), key=order.__getitem__)[:_LIST_LIMIT]
        quotes = []
        for index, quote in enumerate(claim.quotes):
            match = first_match.get((claim_id, index))
            quotes.append(
                {
                    "text": quote,
                    "anchor": f"q--{claim_id}--{index}" if match else None,
                    "paragraph": match.paragraph if match else None,
                    "line": match.line if match else None,
                }
            )
        search = " ".join([claim_id, claim.text, *claim.quotes, *claim.tags, *claim.concepts]).lower()
        claims.append(
            {
                "id": claim_id,
                "text": claim.text,
                "type": claim.type.value if claim.type else None,
                "role": role_of[claim_id].value,
                "implicit": claim.implicit,
                "quotes": quotes,
                "supports": supports.get(claim_id, []),
                "supported_by": supported_by.get(claim_id, []),
                "attacked_by": attacked_by.get(claim_id, []),
                "tags": claim.tags,
                "concepts": [(c, m.concepts[c].label if c in m.concepts else c) for c in claim.concepts],
                "cites": [(r, m.references[r].citation if r in m.references else r) for r in claim.cites],
                "note": claim.note,
                "section": section_of.get(claim_id),
                "status": labels[claim_id].value,
                "rests_on": rests_on,
                "rests_on_count": len(basis.get(claim_id, ())) if role_of[claim_id] in _CONCLUDED else 0,
                "critical": sorted((p for p in critical.get(claim_id, ()) if p != claim_id), key=order.__getitem__),
                "critical_for": critical_for.get(claim_id, []),
                "search": search,
            }
        )

    arguments = []
    for arg_id, argument in m.arguments.items():
        scheme = SCHEMES.get(argument.scheme_id) or get_scheme(None)
        search = " ".join([arg_id, argument.label or "", scheme.name, *argument.premises, argument.target]).lower()
        arguments.append(
            {
                "id": arg_id,
                "label": argument.label,
                "kind": arg_kind(argument),
                "scheme": scheme,
                "premises": argument.premises,
                "target": argument.target,
                "target_is_claim": argument.target in m.claims,
                "attacked_by": attacked_by.get(arg_id, []),
                "note": argument.note,
                "status": labels[arg_id].value,
                "search": search,
            }
        )

    essay = None
    coverage = None
    if ctx.source is not None:
        source = ctx.source
        spans = [(match.start, match.end, claim_id, index) for (claim_id, index), match in first_match.items()]
        coverage = ctx.coverage
        heading_starts = {offset for offset, _ in headings(source)}
        body = set(coverage.body)
        uncovered = {n for n, _ in coverage.uncovered}
        reasons = {}
        if m.source is not None:
            for item in m.source.ignore:
                span = source.span_of(item.from_, item.to)
                if span is not None:
                    reasons[span] = item.reason
        paragraphs = []
        for number, (start, end) in enumerate(source.paragraphs, 1):
            reason = next((r for (s, e), r in reasons.items() if s <= start < e), None)
            kind = (
                "heading"
                if start in heading_starts
                else ("ignored" if reason else ("body" if number in body else "front"))
            )
            paragraphs.append(
                {
                    "number": number,
                    "kind": kind,
                    "reason": reason,
                    "uncovered": number in uncovered,
                    "segments": _paragraph_segments(source, start, end, spans),
                }
            )
        essay = {"paragraphs": paragraphs}

    supports_count = sum(1 for a in m.arguments.values() if a.conclusion is not None)
    figures = {
        "claims": len(m.claims),
        "arguments": supports_count,
        "attacks": len(m.arguments) - supports_count,
        "implicit": sum(1 for c in m.claims.values() if c.implicit),
        "schemes": sorted({a.scheme_id for a in m.arguments.values()}),
        "coverage": coverage,
    }
    tags = sorted({t for c in m.claims.values() for t in c.tags})
    status_counts = {label: sum(1 for x in labels.values() if x.value == label) for label in ("in", "out", "undecided")}
    errors = [p for p in problems if p.is_error]
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
        "figures": figures,
        "essay": essay,
        "problems": problems,
        "errors": errors,
        "tags": tags,
        "status_counts": status_counts,
        "diagram": inline_svg(diagram_svg) if diagram_svg else None,
        "data": json_for_html(
            {
                "claims": {c["id"]: {"role": c["role"], "status": c["status"]} for c in claims},
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
    templates: Path | None = None,
    diagram_svg: str | None = None,
    index_href: str | None = None,
    live: str | None = None,
) -> str:
    """The HTML of one map's report (or, for a map that could not be read, a page of its problems)."""
    env = get_env(templates)
    title = mf.map.title if mf.map is not None else mf.display
    page = _page(env, title, live)
    context: dict[str, Any] = {
        "page": page,
        "version": __version__,
        "index_href": index_href,
        "display": mf.display,
        "live": live,
    }
    if mf.map is None:
        context.update({"problems": problems, "map": None})
        return env.get_template("problems.html").render(**context)
    context.update(map_context(mf, problems, diagram_svg))
    return env.get_template("report.html").render(**context)


def render_index(
    entries: list[dict],
    *,
    combined_svg: str | None,
    shared: list[dict],
    links: list[dict] | None = None,
    templates: Path | None = None,
    live: str | None = None,
) -> str:
    """The site's index page: every map with its figures, and where the maps meet."""
    env = get_env(templates)
    page = _page(env, "Argument maps", live)
    return env.get_template("index.html").render(
        page=page,
        version=__version__,
        entries=entries,
        shared=shared,
        links=links or [],
        live=live,
        combined=inline_svg(combined_svg) if combined_svg else None,
        index_href=None,
    )
