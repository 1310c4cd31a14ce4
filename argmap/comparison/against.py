"""The report of one map against another of the same essay (`argmap report A --against B`): both
outlines side by side, every claim and argument marked as agreeing or by how it differs, and the
agreement figures on top.

The page is one offline file under the same Content-Security-Policy as the map reports; its
templates are its own (`against.html`, `against.css`) and the outline partial (`_outline.html`), so
it can be restyled with the main report without touching the comparison.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import __version__
from ..load import MapFile
from ..outline import build_outline, evaluation
from ..report import _page, get_env
from .agree import MARKS, Agreement, agree, marks


def against_context(mf_a: MapFile, mf_b: MapFile, result: Agreement) -> dict[str, Any]:
    """The template context: the figures, and per map its outline with each node's mark."""
    sides = []
    for side, mf in (("a", mf_a), ("b", mf_b)):
        m = mf.map
        assert m is not None
        semantics, labels, reasons = evaluation(m)
        node_marks = marks(result, side)
        counts = {kind: sum(1 for mark in node_marks.values() if mark.kind == kind) for kind in MARKS}
        sides.append(
            {
                "key": side,
                "other_key": "b" if side == "a" else "a",
                "letter": side.upper(),
                "map": m,
                "display": mf.display,
                "outline": build_outline(m, labels, reasons, semantics=semantics),
                "marks": node_marks,
                "counts": counts,
            }
        )
    return {
        "agreement": result,
        "figures": result.to_json(),
        "mark_names": MARKS,
        "sides": sides,
    }


def render_against(mf_a: MapFile, mf_b: MapFile, *, templates: Path | None = None) -> str:
    """The HTML of the comparison report of two valid maps of the same essay (AgreeError otherwise)."""
    result = agree(mf_a, mf_b)
    env = get_env(templates)
    assert mf_a.map is not None and mf_b.map is not None
    title = f"{mf_a.map.title}: {mf_a.map.id} against {mf_b.map.id}"
    page = _page(env, title, css_templates=("report.css", "against.css"), js_templates=())
    return env.get_template("against.html").render(
        page=page, version=__version__, live=None, **against_context(mf_a, mf_b, result)
    )
