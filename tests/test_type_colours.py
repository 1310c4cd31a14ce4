"""Claim types are told apart without colour: fills that differ in lightness (also for colour-blind
readers, checked on simulated dichromacy), readable black text, and the type written in every box.

Thresholds, and why:
- every pair of fills (the six types and white for untyped claims) differs by at least 6 in CIE L*:
  lightness is the cue that survives every kind of colour blindness, and 6 units is three times the
  difference at which two greys side by side start to look different;
- every pair differs by at least 8 in CIEDE2000, for normal vision and for protanopia, deuteranopia
  (Machado et al. 2009) and tritanopia (Brettel et al. 1997) at full severity: about 2 is a
  just-noticeable difference for patches that touch; diagram boxes stand apart and carry text, so
  four times that;
- the ink (#222222) on every fill has a WCAG contrast of at least 4.5:1, the AA level for text.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from itertools import combinations

import pytest
from coloraide import Color
from conftest import ROOT, VALID

from argmap.dot import INK, TYPE_FILL, UNTYPED_FILL, DotOptions, to_dot
from argmap.load import loads
from argmap.model import ClaimType
from argmap.render import render

FILLS = {t.value: fill for t, fill in TYPE_FILL.items()} | {"untyped": UNTYPED_FILL}
PAIRS = list(combinations(FILLS, 2))
SIMULATIONS = {"normal": None, "protanopia": "protan", "deuteranopia": "deutan", "tritanopia": "tritan"}


def _seen(fill: str, deficiency: str | None) -> Color:
    color = Color(fill)
    if deficiency is None:
        return color
    return color.filter(deficiency, 1.0, method="brettel" if deficiency == "tritan" else "machado")


def test_every_type_has_a_fill():
    assert set(TYPE_FILL) == set(ClaimType)


@pytest.mark.parametrize(("a", "b"), PAIRS, ids=[f"{a}-{b}" for a, b in PAIRS])
def test_fills_differ_in_lightness(a, b):
    la, lb = (Color(FILLS[x]).convert("lab")["lightness"] for x in (a, b))
    assert abs(la - lb) >= 6


@pytest.mark.parametrize("vision", SIMULATIONS)
def test_fills_differ_for_every_kind_of_colour_vision(vision):
    deficiency = SIMULATIONS[vision]
    for a, b in PAIRS:
        difference = _seen(FILLS[a], deficiency).delta_e(_seen(FILLS[b], deficiency), method="2000")
        assert difference >= 8, f"{a} and {b} look alike ({difference:.1f}) with {vision}"


@pytest.mark.parametrize("name", FILLS)
def test_black_text_is_readable_on_every_fill(name):
    assert Color(INK).contrast(FILLS[name], method="wcag21") >= 4.5


def test_the_old_fact_and_value_fills_would_fail():
    """The check is not vacuous: the fills this replaced (fact #CDE7F7, value #C4DAEE) were too close."""
    assert Color("#CDE7F7").delta_e(Color("#C4DAEE"), method="2000") < 8


def test_report_badges_use_the_diagram_fills():
    css = (ROOT / "templates" / "report.css").read_text()
    light = css[: css.index("@media (prefers-color-scheme: dark)")]
    for t, fill in TYPE_FILL.items():
        assert f"--{t.value}: {fill.lower()};" in light


ALL_TYPES = VALID.replace("    quote: Shorter commutes make people happier, and\n", "").replace(
    "  happier:\n    text: Shorter commutes make people happier.\n",
    "".join(f"  t-{t.value}:\n    text: A claim of type {t.value}.\n    type: {t.value}\n" for t in ClaimType)
    + "  happier:\n    text: Shorter commutes make people happier.\n",
)


@pytest.mark.parametrize("color_by", ["type", "role"])
def test_every_box_names_its_type_in_words(color_by):
    m = loads(ALL_TYPES, "m.yaml").map
    svg = render(to_dot(m, DotOptions(color_by=color_by)).source, "svg").decode()
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    seen = {}
    for group in root.iter(f"{ns}g"):
        if "claim" not in (group.get("class") or "").split():
            continue
        last = group.findall(f"{ns}text")[-1]
        bold = last.find(f"{ns}tspan")
        seen[group.get("id")] = (
            (bold.text, bold.get("font-weight"), bold.tail) if bold is not None else (None, None, last.text)
        )
    for t in ClaimType:
        assert seen[f"t-{t.value}"] == (t.value, "bold", f" \u00b7 t-{t.value}")
    assert seen["faster"] == ("fact", "bold", " \u00b7 faster")
    assert seen["happier"] == (None, None, "happier")
    legend = re.search(r'<g id="legend\.claim" class="node">.*?</g>', svg, re.S).group(0)
    assert ">a claim&#39;s box: its text,<" in legend and ">then its type · its id<" in legend
