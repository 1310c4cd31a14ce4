"""Reports and sites: self-contained HTML, escaped user text, the site build and its skipping."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import venv
from pathlib import Path

from click.testing import CliRunner
from conftest import ROOT, VALID, write_map

import argmap.site as site
from argmap.cli import main
from argmap.report import builtin_templates

GREITENS = ROOT / "maps" / "greitens-2022-xi-jinpings-quest-for-order.yaml"
MAAN = ROOT / "maps" / "maan-2024-chinas-total-national-security-paradigm.yaml"

PAYLOADS = {
    "script": "<script>window.pwned = 'script'</script>",
    "img": "<img src=x onerror=\"window.pwned = 'img'\">",
    "js-url": "javascript:window.pwned='url'",
    "svg": '<svg onload="window.pwned=\'svg\'"><circle r="9"/></svg>',
    "close": "</textarea></title></style></script><b>bold</b>",
    "css": "</style><style>body { display: none }</style>",
    "dot": '"]; x [label="pwned" URL="javascript:alert(1)"]; y [label="\\ \\n',
    "control": "bell\x07 and escape\x1b[31m red",
}


def hostile_map(folder: Path) -> Path:
    """A valid map whose every user-written string carries an HTML, SVG or JavaScript payload."""
    text = VALID
    text = text.replace("title: A Small Essay", f"title: {json.dumps(PAYLOADS['script'] + ' title')}")
    text = text.replace(
        "    text: The tram cut commuting times by a fifth.",
        f"    text: {json.dumps(PAYLOADS['img'])}\n    tags: [{'x'}]\n    note: {json.dumps(PAYLOADS['js-url'])}",
    )
    text = text.replace("    text: The city gains from the tram.", f"    text: {json.dumps(PAYLOADS['svg'])}")
    text = text.replace("    text: Shorter commutes make people happier.", f"    text: {json.dumps(PAYLOADS['close'])}")
    text = text.replace("    text: The council should extend the line.", f"    text: {json.dumps(PAYLOADS['css'])}")
    text = text.replace(
        "    text: What makes a city better is worth extending.",
        f"    text: {json.dumps(PAYLOADS['dot'] + PAYLOADS['control'])}",
    )
    text = text.replace(
        "  path: essay.txt",
        f"  path: essay.txt\n  author: {json.dumps(PAYLOADS['img'])}\n  url: {json.dumps(PAYLOADS['js-url'])}",
    )
    essay = (
        "A Small Essay\n\n"
        "The city\u2019s new tram line has cut commuting times by a fifth. <script>window.pwned='essay'</script>\n\n"
        "Shorter commutes make people happier, and happier workers are more productive \u2014 so the city gains.\n\n"
        "The council should extend the line.\n"
    )
    return write_map(folder, text, essay=essay)


def report_of(path: Path, tmp_path: Path, *extra: str) -> str:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["report", str(path), "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote {out}\n"
    return out.read_text(encoding="utf-8")


def test_report_is_one_self_contained_file(tmp_path):
    html = report_of(GREITENS, tmp_path)
    import html as html_lib

    csp = html_lib.unescape(re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html).group(1))
    assert csp.startswith("default-src 'none'; style-src 'sha256-")
    assert "connect-src 'none'" in csp and "img-src data:" in csp and "'unsafe-inline'" not in csp
    assert not re.search(r"<(link|iframe|object|embed)\b", html)
    assert not re.search(r'\b(src|href)="(https?:)?//', html)
    assert "@import" not in html and "url(" not in html
    assert html.count("<script>") == 1 and html.count("<style>") == 1
    assert '<section id="am_diagram"' in html and "<svg" in html


def test_report_has_cards_quotes_and_essay_links(tmp_path):
    html = report_of(GREITENS, tmp_path)
    assert 'id="card--gsi-extends-concept"' in html
    assert 'id="card--signs-point-to-gsi"' in html
    assert '<a href="#q--gsi-extends-concept--0">In the essay: paragraph 20, line 34</a>' in html
    assert '<span class="anchor" id="q--gsi-extends-concept--0"></span>' in html
    # the claim's quote begins with the words that draw the inference to it: both are marked
    assert (
        '<a class="q drawn" href="#card--gsi-extends-concept" data-claims="gsi-extends-concept" '
        'data-arguments="signs-point-to-gsi">This effort appears to center on</a>'
    ) in html
    assert '<a href="#i--signs-point-to-gsi--0">The essay draws it: paragraph 20, line 34</a>' in html
    assert "Is a in a position to know whether A is true?" in html  # critical questions of position-to-know
    assert "22 of 22 body paragraphs (100%)" in html
    assert "(left out: pull-quote, printed again in the paragraph that follows it)" in html


def test_csp_hashes_match_the_inline_style_and_script(tmp_path):
    import base64
    import hashlib

    html = report_of(MAAN, tmp_path)
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    script = re.search(r"<script>(.*?)</script>", html, re.S).group(1)
    for text in (style, script):
        digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        assert f"&#39;sha256-{digest}&#39;" in html


def test_user_text_is_escaped_everywhere(tmp_path):
    html = report_of(hostile_map(tmp_path), tmp_path)
    for name, payload in PAYLOADS.items():
        if name in ("js-url", "control"):
            continue
        assert payload not in html, payload
    assert "&lt;script&gt;window.pwned = &#39;script&#39;&lt;/script&gt; title" in html
    assert "&lt;img src=x onerror=&#34;window.pwned = &#39;img&#39;&#34;&gt;" in html
    assert 'href="javascript:' not in html
    assert "<script>" not in html.replace(re.search(r"<script>.*?</script>", html, re.S).group(0), "")


def test_report_of_an_unreadable_map_shows_its_problems(tmp_path):
    path = write_map(tmp_path, "argmap: 1\nid: x\ntitle: [a\n")
    out = tmp_path / "r.html"
    result = CliRunner().invoke(main, ["report", str(path), "-o", str(out)])
    assert result.exit_code == 1
    assert result.output == f"wrote {out} (the map has 1 error: see the report)\n"
    html = out.read_text()
    assert "This map could not be read" in html and "E001" in html


def test_templates_can_be_overridden(tmp_path):
    custom = tmp_path / "tpl"
    custom.mkdir()
    css = (builtin_templates() / "report.css").read_text() + "\n/* house style */\n"
    (custom / "report.css").write_text(css)
    html = report_of(MAAN, tmp_path, "--templates", str(custom))
    assert "/* house style */" in html


def test_build_site_and_skip_unchanged(tmp_path, monkeypatch):
    out = tmp_path / "site"
    first = site.build_site(ROOT / "maps", out, jobs=1)
    assert sorted(p.name for p in first.built) == [GREITENS.name, MAAN.name]
    assert first.index_built
    index = (out / "index.html").read_text()
    assert 'href="greitens-2022-xi-jinpings-quest-for-order.html"' in index
    assert "Where the essays meet" in index and "Comprehensive national security concept" in index
    assert "Total National Security Paradigm" in index
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}

    def no_work(*args, **kwargs):
        raise AssertionError("an unchanged site must not be rebuilt")

    monkeypatch.setattr(site, "_build_one", no_work)
    monkeypatch.setattr("argmap.render.render", no_work)
    second = site.build_site(ROOT / "maps", out, jobs=1)
    assert second.built == [] and sorted(p.name for p in second.skipped) == [GREITENS.name, MAAN.name]
    assert not second.index_built
    after = {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.name != site.STATE_FILE}
    assert all(after[name] == before[name] for name in after)


def test_build_rebuilds_only_what_changed(tmp_path):
    maps = tmp_path / "maps"
    write_map(maps, VALID, name="a.yaml")
    write_map(maps, VALID.replace("id: small", "id: other"), name="b.yaml")
    out = tmp_path / "site"
    assert len(site.build_site(maps, out, jobs=2).built) == 2
    (maps / "b.yaml").write_text(VALID.replace("id: small", "id: other").replace("A Small Essay", "B"))
    again = site.build_site(maps, out)
    assert [p.name for p in again.built] == ["b.yaml"] and [p.name for p in again.skipped] == ["a.yaml"]
    (maps / "essay.txt").write_text((maps / "essay.txt").read_text() + "\nMore.\n")
    assert len(site.build_site(maps, out).built) == 2


def test_site_index_lists_several_theses_as_a_list(tmp_path):
    maps = tmp_path / "maps"
    write_map(maps, VALID.replace("thesis: [extend]", "thesis: [extend, gains]"), name="two.yaml")
    write_map(maps, VALID.replace("id: small", "id: other"), name="one.yaml")
    out = tmp_path / "site"
    site.build_site(maps, out, jobs=1)
    index = (out / "index.html").read_text()
    cards = dict(re.findall(r'<article class="card" id="card--(\w+)".*?</h3>(.*?)</article>', index, re.S))
    assert (
        '<p class="theses-h"><strong>Theses:</strong></p>\n'
        '      <ul class="theses"><li>The council should extend the line.</li>'
        "<li>The city gains from the tram.</li></ul>"
    ) in cards["two"]
    assert "<p><strong>Thesis:</strong> The council should extend the line.</p>" in cards["one"]
    assert "theses" not in cards["one"] and "; " not in cards["two"]


def test_build_command_output(tmp_path):
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["build", str(ROOT / "maps"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output == f"Built 2 reports (0 unchanged) in {out}. Open {out}/index.html\n"
    result = CliRunner().invoke(main, ["build", str(ROOT / "maps"), "-o", str(out)])
    assert result.output == f"Built 0 reports (2 unchanged) in {out}. Open {out}/index.html\n"


def test_wheel_ships_the_templates(tmp_path):
    """Build the wheel, install it into a fresh venv, and write a report from a folder outside the repo."""
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("argmap-*.whl")
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site_packages = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site_packages), str(wheel)],
        check=True,
        capture_output=True,
    )
    # the dependencies come from this environment, after the wheel's own files
    deps = [p for p in sys.path if p.endswith("site-packages")]
    (site_packages / "zz_deps.pth").write_text("\n".join(deps) + "\n")
    work = tmp_path / "elsewhere"
    work.mkdir()
    out = work / "report.html"
    proc = subprocess.run(
        [
            str(python),
            "-c",
            "import argmap, sys; print(argmap.__file__); from argmap.cli import main; "
            "sys.argv = ['argmap', 'report', sys.argv[1], '-o', sys.argv[2]]; main()",
            str(MAAN),
            str(out),
        ],
        cwd=work,
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0].startswith(str(site_packages))
    assert "Way Ahead for Taiwan" in out.read_text()
