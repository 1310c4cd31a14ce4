"""Diagrams: the DOT structure, determinism, escaping, the renderers, and what the CLI writes."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner
from conftest import ROOT, VALID, write_map

from argmap.api import diagram
from argmap.cli import main
from argmap.dot import DotOptions, neighbourhood, to_dot
from argmap.load import load, loads
from argmap.render import render

SVG = "{http://www.w3.org/2000/svg}"
GREITENS = ROOT / "maps" / "greitens-2022-xi-jinpings-quest-for-order.yaml"
MAAN = ROOT / "maps" / "maan-2024-chinas-total-national-security-paradigm.yaml"
ATTACKS = VALID + (
    "  doubt:\n    premises: [worth-it]\n    attacks: gains\n"
    "  undercut:\n    premises: [faster]\n    attacks: benefit\n"
)


def small(text=ATTACKS):
    mf = loads(text, "m.yaml")
    assert mf.map is not None, mf.problems
    return mf.map


def lines(graph) -> list[str]:
    return [line.strip() for line in graph.source.splitlines()]


def test_same_map_same_dot():
    assert to_dot(small()).source == to_dot(small()).source
    assert to_dot(load(GREITENS).map).source == to_dot(load(GREITENS).map).source


def test_claims_are_boxes_with_role_borders_and_type_fills():
    source = lines(to_dot(small(), DotOptions(legend=False)))
    assert (
        'node [color="#222222" fontcolor="#222222" fontname=Helvetica fontsize=11 margin="0.12,0.06" '
        "shape=box style=filled]"
    ) in source
    assert (
        'faster [label="The tram cut commuting times\\nby a fifth.\\nfact · faster" class="claim premise fact" '
        'fillcolor="#ADDFFF" id=faster]'
    ) in source
    assert (
        'extend [label="The council should extend the\\nline.\\nrecommendation · extend" '
        'class="claim thesis recommendation" fillcolor="#F8EC93" id=extend penwidth=3 peripheries=2]'
    ) in source
    (gains,) = [line for line in source if line.startswith("gains [")]
    assert 'class="claim intermediate untyped"' in gains and "penwidth=2" in gains
    (implicit,) = [line for line in source if line.startswith('"worth-it" [')]
    assert 'style="filled,dashed"' in implicit and 'class="claim premise untyped implicit"' in implicit


def test_arguments_are_junctions_that_linked_premises_join():
    source = lines(to_dot(small(), DotOptions(legend=False)))
    (junction,) = [line for line in source if line.startswith("benefit [")]
    assert 'label="Cause to effect"' in junction and 'class="argument support scheme-cause-to-effect"' in junction
    assert 'edge [arrowhead=none arrowsize=0.7 color="#333333"]' in source
    assert 'faster -> benefit [class="premise support" id="faster->benefit"]' in source
    assert 'happier -> benefit [class="premise support" id="happier->benefit"]' in source
    assert 'benefit -> gains [arrowhead=normal class=support id="benefit->gains" penwidth=1.2]' in source


def test_attacks_differ_by_line_style_and_arrowhead_not_only_colour():
    source = lines(to_dot(small(), DotOptions(legend=False)))
    assert (
        'doubt -> gains [arrowhead=tee class=rebuttal color="#D55E00" id="doubt->gains" penwidth=1.6 style=dashed]'
    ) in source
    assert (
        'undercut -> benefit [arrowhead=diamond class=undercut color="#CC79A7" id="undercut->benefit" '
        "penwidth=1.6 style=dotted]"
    ) in source
    (doubt,) = [line for line in source if line.startswith("doubt [")]
    assert doubt == (
        'doubt [label=rebuttal class="argument rebuttal" color="#D55E00" fillcolor="#FBE3D6" fontsize=9 '
        'height=0.2 id=doubt margin="0.06,0.02" shape=box style="rounded,filled" width=0.3]'
    )


def test_convergent_arguments_stay_separate():
    text = ATTACKS + "  also:\n    premises: [faster]\n    conclusion: gains\n"
    source = lines(to_dot(small(text), DotOptions(legend=False)))
    assert "benefit -> gains" in " ".join(source) and "also -> gains" in " ".join(source)


HOSTILE = [
    '"]; x [label="pwned',
    "<b>bold</b> & <script>alert(1)</script>",
    "C:\\new\\table \\ end\\",
    "braces {x} and |pipes| and <angles>",
    "总体国家安全观 is the Chinese name",
    "tab\tand\x07bell",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_inert_in_dot_and_intact_in_svg(text):
    m = small(VALID.replace("    text: The city gains from the tram.", f"    text: {json.dumps(text)}"))
    assert m.claims["gains"].text == text
    graph = to_dot(m, DotOptions(legend=False, wrap=200))
    svg = render(graph.source, "svg").decode()
    root = ET.fromstring(svg)
    groups = {g.get("id"): g for g in root.iter(f"{SVG}g")}
    node = groups["gains"]
    shown = [t.text for t in node.iter(f"{SVG}text")]
    expected = re.sub(r"[\x00-\x1f]+", " ", text).strip()
    assert shown == [expected, "gains"]
    titles = {g.find(f"{SVG}title").text for g in groups.values() if "node" in (g.get("class") or "")}
    assert titles == set(m.claims) | set(m.arguments)


def test_svg_of_a_seed_map_has_a_node_per_claim_and_argument_with_ids(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no system dot: the embedded Graphviz draws
    out = tmp_path / "g.svg"
    result = CliRunner().invoke(main, ["render", str(GREITENS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    root = ET.parse(out).getroot()
    m = load(GREITENS).map
    claims = {g.get("id") for g in root.iter(f"{SVG}g") if "claim" in (g.get("class") or "").split()}
    arguments = {g.get("id") for g in root.iter(f"{SVG}g") if "argument" in (g.get("class") or "").split()}
    assert claims == set(m.claims)
    assert arguments == set(m.arguments)
    titles = {g.get("id"): g.find(f"{SVG}title").text for g in root.iter(f"{SVG}g") if g.get("id") in claims}
    assert all(titles[i] == i for i in claims)


def test_rendering_twice_gives_identical_output(tmp_path):
    runner = CliRunner()
    first = runner.invoke(main, ["render", str(MAAN), "-o", str(tmp_path / "a.dot")])
    second = runner.invoke(main, ["render", str(MAAN), "-o", str(tmp_path / "b.dot")])
    assert first.exit_code == second.exit_code == 0
    assert (tmp_path / "a.dot").read_bytes() == (tmp_path / "b.dot").read_bytes()


def test_png_without_system_dot_says_how_to_get_it(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    out = tmp_path / "g.png"
    out.write_bytes(b"old")
    result = CliRunner().invoke(main, ["render", str(MAAN), "-o", str(out)])
    assert result.exit_code == 1
    assert result.output == (
        "argmap: error: PNG output needs Graphviz's 'dot' program, which is not on PATH: install Graphviz "
        "(Debian/Ubuntu: 'apt-get install graphviz'; Fedora: 'dnf install graphviz'; macOS: 'brew install graphviz'; "
        "Windows: 'winget install graphviz'), or write .svg, which the embedded Graphviz renders with no install\n"
    )
    assert out.read_bytes() == b"old"
    wasm = CliRunner().invoke(main, ["render", str(MAAN), "-o", str(out), "--renderer", "wasm"])
    assert wasm.output == "argmap: error: the embedded Graphviz writes only SVG, not PNG: use --renderer system\n"


def test_render_of_a_broken_map_prints_its_problems(tmp_path):
    path = write_map(tmp_path, VALID.replace("conclusion: gains", "conclusion: gain"))
    result = CliRunner().invoke(main, ["render", str(path), "-o", str(tmp_path / "x.svg")])
    assert result.exit_code == 1
    assert f"{path}:28:17: E201 conclusion 'gain'" in result.output
    assert not (tmp_path / "x.svg").exists()


def test_focus_draws_a_neighbourhood():
    m = small()
    assert neighbourhood(m, "extend", 1) == ({"extend", "gains", "worth-it"}, {"policy"})
    claims, arguments = neighbourhood(m, "extend", 2)
    assert claims == {"extend", "gains", "worth-it", "faster", "happier"}
    assert arguments == {"policy", "benefit", "doubt"}
    assert neighbourhood(m, "extend", 3)[1] == {"policy", "benefit", "doubt", "undercut"}
    result = CliRunner().invoke(main, ["render", str(GREITENS), "--focus", "gsi-extend-concept"])
    assert result.exit_code == 2
    assert "did you mean 'gsi-extends-concept'?" in result.output


def test_options_direction_wrap_label_legend_color():
    m = small()
    source = to_dot(m, DotOptions(direction="LR", wrap=12, label="id", legend=False, color_by="role")).source
    assert "rankdir=LR" in source
    assert 'faster [label="fact · faster" class="claim premise fact" fillcolor="#FFFFFF"' in source
    assert "cluster_legend" not in source
    assert "cluster_legend" in to_dot(m).source
    wrapped = to_dot(m, DotOptions(wrap=12, label="text")).source
    assert 'label="The tram cut\\ncommuting\\ntimes by a\\nfifth.\\nfact"' in wrapped


def test_color_by_tag_and_concept_use_the_palette():
    text = VALID.replace("    type: fact\n", "    type: fact\n    tags: [transport]\n")
    source = to_dot(small(text), DotOptions(color_by="tag")).source
    assert 'label="tag: transport" fillcolor="#CDE7F7"' in source
    assert 'label="tag: (none)" fillcolor="#FFFFFF"' in source


def test_cluster_by_section_uses_the_essays_headings():
    graph = diagram([GREITENS], DotOptions(cluster="section", legend=False))
    labels = [label.strip('"') for label in re.findall(r'id="cluster:\d+" label=("[^"]+"|\S+)', graph.source)]
    assert labels == ["Introduction", "Security Above All", "Prevention and Control", "Safe China, Safer World?"]


def test_combined_diagram_links_shared_concepts():
    graph = diagram([GREITENS, MAAN], DotOptions(legend=False))
    source = graph.source
    assert 'subgraph "cluster_map_greitens-2022"' in source and 'subgraph "cluster_map_maan-2024"' in source
    assert '"concept.comprehensive-security" [label="Comprehensive national\\nsecurity concept"' in source
    assert '"greitens-2022/concept-is-regime-security" -> "concept.comprehensive-security"' in source
    assert '"maan-2024/paradigm-broadens-security" -> "concept.comprehensive-security"' in source
    assert '"concept.hong-kong"' not in source  # only one essay speaks of Hong Kong
    svg = render(source, "svg").decode()
    ET.fromstring(svg)


def test_readme_picture_exists_and_is_named_in_the_readme():
    picture = ROOT / "docs" / "greitens-gsi-extends-concept.svg"
    assert picture.exists()
    assert "docs/greitens-gsi-extends-concept.svg" in (ROOT / "README.md").read_text()
    root = ET.parse(picture).getroot()
    assert "gsi-extends-concept" in {g.get("id") for g in root.iter(f"{SVG}g")}
