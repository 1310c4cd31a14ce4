"""argmap report A --against B: both outlines side by side, marked, with the agreement figures."""

from __future__ import annotations

import base64
import hashlib
import html as html_lib
import json
import re

from click.testing import CliRunner
from conftest import ROOT, write_map
from test_agree import GREITENS, MAAN, MAP_A, MAP_B

from argmap.cli import main


def against(tmp_path, a, b, *extra):
    out = tmp_path / "against.html"
    result = CliRunner().invoke(main, ["report", str(a), "--against", str(b), "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote {out}\n"
    return out.read_text(encoding="utf-8")


def node(html: str, anchor: str) -> str:
    """The opening tag and first line (the node's own div) of an outline item."""
    match = re.search(rf'<li class="([^"]*)" id="{anchor}">\s*<div class="node">(.*?)</div>', html, re.S)
    assert match, anchor
    return match.group(1) + " | " + " ".join(re.sub(r"<[^>]+>", " ", match.group(2)).split())


def test_marks_of_two_small_maps(tmp_path):
    a = write_map(tmp_path, MAP_A, name="a.yaml")
    b = write_map(tmp_path, MAP_B, name="b.yaml")
    html = against(tmp_path, a, b)
    assert node(html, "a--extend") == (
        "claim thesis is-agree | Thesis in The council should extend the line. extend see B"
    )
    assert '<a class="counterpart" href="#b--extend-line">see B</a>' in html
    assert node(html, "a--gains") == "claim is-only | in The city gains from the tram. gains only in this map"
    assert node(html, "b--productive") == (
        "claim is-only | in Happier workers are more productive. productive only in this map"
    )
    assert node(html, "b--happier") == (
        "claim is-span | in Shorter commutes make people happier. happier"
        " same claim, other words quoted: 80% of the quoted characters shared see A"
    )
    assert node(html, "a--benefit") == (
        "argument relation-support role-for is-only | for benefit , Cause to effect, linked in"
        " only in this map: its target or premises are only in this map"
    )
    assert node(html, "a--policy").startswith("argument relation-support role-for is-regrouped |")
    assert node(html, "a--mood").startswith("argument relation-support role-for is-regrouped |")
    assert node(html, "b--b-faster") == (
        "argument relation-support role-for is-missing | for b-faster in not drawn in the other map"
    )
    assert node(html, "b--b-happy").startswith("argument relation-support role-for is-regrouped |")
    # the figures of argmap agree on top
    figures = json.loads(CliRunner().invoke(main, ["agree", "--format", "json", str(a), str(b)]).output)
    assert f"<dd>{figures['cass']:.3f}<small>" in html
    assert "<dd>κ 0.750<small>α 0.758; 11 of 12 pairs alike</small></dd>" in html


def test_the_report_is_self_contained_and_escapes_the_maps(tmp_path):
    hostile = MAP_B.replace(
        "text: Happier workers are more productive.", 'text: "<script>window.pwned=1</script> & <b>bold</b>"'
    ).replace("id: other", "id: other\nanalyst: '<img src=x onerror=alert(1)>'")
    a = write_map(tmp_path, MAP_A, name="a.yaml")
    b = write_map(tmp_path, hostile, name="b.yaml")
    html = against(tmp_path, a, b)
    assert "<script>window.pwned" not in html and "<img src=x" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html
    assert "by &lt;img src=x onerror=alert(1)&gt;" in html
    csp = html_lib.unescape(re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html).group(1))
    assert csp.startswith("default-src 'none'; style-src 'sha256-") and "connect-src 'none'" in csp
    assert "'unsafe-inline'" not in csp
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    script = re.search(r"<script>(.*?)</script>", html, re.S).group(1)
    for text in (style, script):
        digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert not re.search(r"<(link|iframe|object|embed|img)\b", html)
    assert not re.search(r'\b(src|href)="(https?:)?//', html)
    assert html.count("<style>") == 1 and html.count("<script>") == 1


def test_a_seed_map_against_itself_agrees_everywhere(tmp_path):
    html = against(tmp_path, GREITENS, GREITENS)
    classes = re.findall(r'<li class="([^"]*)"', html)
    assert len(classes) > 200
    assert {c.split(" is-")[-1] for c in classes if " is-" in c} == {"agree"}
    assert html.count('id="a--') == html.count('id="b--') > 100
    assert '<a href="#am_side_a">A: greitens-2022</a>' in html


def test_default_output_and_refusals(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["report", str(MAAN), "--against", str(MAAN)])
    name = f"{MAAN.stem}-against-{MAAN.stem}.html"
    assert (result.exit_code, result.output) == (0, f"wrote {name}\n")
    assert (tmp_path / name).is_file()
    refused = CliRunner().invoke(main, ["report", str(GREITENS), "--against", str(MAAN), "-o", "x.html"])
    assert refused.exit_code == 1
    assert "are maps of different essays" in refused.output
    assert not (tmp_path / "x.html").exists()
    over = CliRunner().invoke(main, ["report", str(GREITENS), "--against", str(GREITENS), "-o", str(GREITENS)])
    assert over.exit_code == 2 and "argmap never writes over its inputs" in over.output
    assert ROOT.joinpath("maps").is_dir()
