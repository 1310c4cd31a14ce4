"""Hostile and broken input: every file of tests/bad/ gets its exact first problem, a clean exit, and
valid JSON; nothing executes, nothing is lost, no input is ever written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, VALID, write_map
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap.cli import main
from argmap.load import MAX_BYTES

BAD = Path(__file__).resolve().parent / "bad"
EXPECTED = json.loads((BAD / "expected.json").read_text())


def test_the_corpus_is_big_and_fully_described():
    files = sorted(p.name for p in BAD.glob("*.yaml"))
    assert len(files) >= 40
    assert files == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_first_problem_exit_code_and_json(name):
    path = BAD / name
    expected = EXPECTED[name]
    runner = CliRunner()
    text = runner.invoke(main, ["check", str(path)], catch_exceptions=False)
    assert text.exit_code == 1, text.output
    lines = text.output.splitlines()
    if name.startswith("source-"):  # these maps have a source and nothing else: they also map nothing
        assert lines.pop(0) == f"{path}:1:1: W308 the map has no claims: it maps nothing yet"
        lines.pop(0)  # its hint
    first = lines[0]
    assert first.startswith(f"{path}:{expected['line']}:{expected['col']}: {expected['code']} ")
    assert "Traceback" not in text.output
    js = runner.invoke(main, ["check", "--format", "json", str(path)], catch_exceptions=False)
    data = json.loads(js.output)
    assert js.exit_code == 1 and data["errors"] >= 1
    p = next(p for p in data["problems"] if p["code"] != "W308")
    assert (p["code"], p["line"], p["col"]) == (expected["code"], expected["line"], expected["col"])
    assert all(problem["hint"] for problem in data["problems"])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_other_commands_refuse_bad_maps_cleanly(name, tmp_path):
    path = BAD / name
    runner = CliRunner()
    out = tmp_path / "out.svg"
    render = runner.invoke(main, ["render", str(path), "-o", str(out)], catch_exceptions=False)
    if EXPECTED[name]["code"].startswith("E4"):  # a broken source does not stop a diagram
        assert render.exit_code == 0 and out.read_text().startswith("<?xml")
    else:
        assert render.exit_code == 1 and not out.exists()
    analyze = runner.invoke(main, ["analyze", str(path)], catch_exceptions=False)
    assert analyze.exit_code == 1
    report = runner.invoke(main, ["report", str(path), "-o", str(tmp_path / "r.html")], catch_exceptions=False)
    assert report.exit_code == 1
    assert "the map has" in report.output and (tmp_path / "r.html").read_text().startswith("<!DOCTYPE html>")


def test_no_traceback_from_the_real_command_on_the_whole_corpus():
    proc = subprocess.run([sys.executable, "-m", "argmap", "check", str(BAD)], capture_output=True, text=True)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    assert proc.stdout.splitlines()[-1].startswith("Found ")


def test_billion_laughs_is_refused_in_under_a_second_and_100_mb():
    code = (
        "import resource, time, sys\n"
        "import argmap\n"
        "from argmap.api import check\n"
        "check(sys.argv[1])  # warm up imports\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "t = time.perf_counter()\n"
        "problems = check(sys.argv[2])\n"
        "print(problems[0].code, time.perf_counter() - t,"
        " resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(BAD / "empty.yaml"), str(BAD / "billion-laughs.yaml")],
        capture_output=True,
        text=True,
        check=True,
    )
    code_, seconds, grown_kb = proc.stdout.split()
    assert code_ == "E007"
    assert float(seconds) < 1.0
    assert int(grown_kb) < 100 * 1024


def test_a_very_large_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as handle:
        handle.write(b"argmap: 1\n")
        handle.truncate(MAX_BYTES + 1)
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"{path}:1:1: E006 the file is {MAX_BYTES + 1:,} bytes; maps are limited to {MAX_BYTES:,} bytes"
    )


# --- outputs are whole or absent; inputs are never written ------------------------------------------------


def test_a_failing_render_leaves_the_old_output(tmp_path, monkeypatch):
    from argmap import render as render_module

    path = write_map(tmp_path, VALID)
    out = tmp_path / "map.svg"
    out.write_text("old picture")

    def crash(*args, **kwargs):
        raise render_module.RenderError("the renderer crashed")

    monkeypatch.setattr(render_module, "render", crash)
    result = CliRunner().invoke(main, ["render", str(path), "-o", str(out)])
    assert result.exit_code == 1
    assert result.output == "argmap: error: the renderer crashed\n"
    assert out.read_text() == "old picture"


def test_a_write_that_fails_midway_leaves_the_old_file_and_no_debris(tmp_path, monkeypatch):
    from argmap.output import write_atomic

    out = tmp_path / "report.html"
    out.write_text("old report")

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError):
        write_atomic(out, "new report " * 1000)
    assert out.read_text() == "old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.undo()
    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(out, "new report")
    assert out.read_text() == "old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]


def test_commands_never_write_their_input_maps(tmp_path):
    maps = tmp_path / "maps"
    maps.mkdir()
    (tmp_path / "seeds").mkdir()
    for name in ("greitens-2022-xi-jinpings-quest-for-order", "maan-2024-chinas-total-national-security-paradigm"):
        (maps / f"{name}.yaml").write_bytes((ROOT / "maps" / f"{name}.yaml").read_bytes())
        (tmp_path / "seeds" / f"{name}.txt").write_bytes((ROOT / "seeds" / f"{name}.txt").read_bytes())
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(tmp_path.rglob("*")) if p.is_file()}
    g = str(maps / "greitens-2022-xi-jinpings-quest-for-order.yaml")
    runner = CliRunner()
    for args in (
        ["check", str(maps)],
        ["render", g, "-o", str(tmp_path / "g.svg")],
        ["report", g, "-o", str(tmp_path / "g.html")],
        ["analyze", g],
        ["compare", g, str(maps / "maan-2024-chinas-total-national-security-paradigm.yaml")],
        ["build", str(maps), "-o", str(tmp_path / "site")],
    ):
        assert runner.invoke(main, args).exit_code == 0, args
    assert runner.invoke(main, ["report", g, "-o", g]).exit_code == 2
    assert runner.invoke(main, ["build", str(maps), "-o", str(maps)]).exit_code == 2
    assert runner.invoke(main, ["schema", "-o", g]).exit_code == 2
    for path, (data, mtime) in before.items():
        assert path.read_bytes() == data and path.stat().st_mtime_ns == mtime, path


# --- anything at all: only the tool's own problems come out ------------------------------------------------

slugs = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4})?", fullmatch=True)
texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
anything = st.recursive(
    st.none() | st.booleans() | st.integers() | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=8,
)


@st.composite
def maps_and_mutants(draw):
    claims = draw(st.lists(slugs, min_size=1, max_size=6, unique=True))
    data = {
        "argmap": 1,
        "id": draw(slugs),
        "title": draw(texts.filter(bool)),
        "thesis": draw(st.lists(st.sampled_from(claims), max_size=2, unique=True)),
        "claims": {
            c: {
                "text": draw(texts.filter(bool)),
                "tags": draw(st.lists(slugs, max_size=2)),
                "implicit": draw(st.booleans()),
            }
            for c in claims
        },
        "arguments": {},
    }
    for i in range(draw(st.integers(0, 6))):
        spec = {"premises": draw(st.lists(st.sampled_from(claims), min_size=1, max_size=3, unique=True))}
        if draw(st.booleans()):
            spec["conclusion"] = draw(st.sampled_from(claims))
        else:
            spec["attacks"] = draw(st.sampled_from(claims + list(data["arguments"]) or claims))
        spec["scheme"] = draw(st.sampled_from(["sign", "example", "default", "nonsense"]))
        data["arguments"][f"a{i}"] = spec
    for _ in range(draw(st.integers(0, 3))):  # mutations: any key of any mapping gets any value
        section = draw(st.sampled_from(["claims", "arguments", None]))
        target = data
        if section is not None and isinstance(data.get(section), dict) and data[section]:
            target = data[section][draw(st.sampled_from(sorted(data[section])))]
        if isinstance(target, dict):
            target[draw(st.sampled_from(sorted(map(str, target)) + ["extra", "text", "quote", "premises"]))] = draw(
                anything
            )
    return data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps_and_mutants(), st.integers(0, 2))
def test_random_maps_never_raise(data, damage):
    import yaml

    from argmap.analysis import analyze
    from argmap.dot import to_dot
    from argmap.load import loads
    from argmap.report import render_report

    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    if damage == 1:
        text = text.replace(":", "", 1)
    elif damage == 2:
        text = text[: len(text) // 2]
    mf = loads(text, "fuzz.yaml")
    problems = argmap.check(mf)
    assert all(isinstance(p, argmap.Problem) for p in problems)
    if mf.map is not None:
        analyze(mf.map)
        assert to_dot(mf.map).source.startswith("digraph ")
        html = render_report(mf, problems, diagram_svg=None)
        assert html.startswith("<!DOCTYPE html>")


# --- addresses: a report links to web and mail addresses only ----------------------------------------------

HOSTILE_URLS = BAD / "urls" / "hostile-urls.yaml"
LINKED = [  # (href as written in the HTML, unescaped) of the addresses the report may link to
    "http://example.org/a?b=1&c=<2>",
    'https://example.org/"onmouseover="alert(1)',
    "mailto:author@example.org",
    "HTTPS://EXAMPLE.ORG/",
]


def test_addresses_that_are_not_web_or_mail_are_warned_at_their_value():
    problems = argmap.check(str(HOSTILE_URLS))
    assert [(p.line, p.col, p.code) for p in problems] == [
        (7, 8, "W210"),
        (8, 10, "W304"),
        *[(line, col, "W210") for line, col in ((19, 38), (20, 55), (21, 58), (22, 57), (23, 38))],
        *[(line, col, "W210") for line, col in ((24, 40), (25, 40), (26, 37), (27, 47))],
    ]
    by_line = {p.line: p for p in problems}
    assert by_line[7].message == (
        "the address 'javascript:alert(document.domain)' has the scheme 'javascript:'; "
        "reports link only to http:, https: or mailto:"
    )
    assert by_line[7].hint == "give the work's web address (https://...), or leave the url out"
    assert by_line[26].message == (
        "the address 'www.example.org/paper' does not begin with http:, https: or mailto:; reports show it as text"
    )
    assert by_line[26].hint == "write the whole address, beginning with https:// (or http://, mailto:)"
    assert by_line[22].message == (  # a control character is shown escaped, not sent to the terminal
        "the address 'java\\x09script:alert(1)' does not begin with http:, https: or mailto:; reports show it as text"
    )
    runner = CliRunner()
    assert runner.invoke(main, ["check", str(HOSTILE_URLS)]).exit_code == 0  # warnings only
    strict = runner.invoke(main, ["check", "--strict", str(HOSTILE_URLS)])
    assert strict.exit_code == 1
    assert strict.output.splitlines()[-1] == "Found 11 warnings in 1 of 1 map."


class _Links(HTMLParser):
    """Every attribute of a page that a browser follows or loads, and the text of each .url element."""

    def __init__(self) -> None:
        super().__init__()
        self.followed: list[tuple[str, str, str | None]] = []  # (tag, address, rel)
        self.url_texts: list[tuple[str, str]] = []  # (tag, text)
        self._in_url: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in ("href", "src", "xlink:href", "action", "formaction", "data", "poster"):
            if attributes.get(name) is not None and not attributes[name].startswith("#"):
                self.followed.append((tag, attributes[name], attributes.get("rel")))
        if attributes.get("class") == "url":
            self._in_url = tag
            self.url_texts.append((tag, ""))

    def handle_data(self, data):
        if self._in_url is not None:
            tag, text = self.url_texts[-1]
            self.url_texts[-1] = (tag, text + data)

    def handle_endtag(self, tag):
        if tag == self._in_url:
            self._in_url = None


def test_reports_link_web_and_mail_addresses_only(tmp_path):
    out = tmp_path / "hostile-urls.html"
    result = CliRunner().invoke(main, ["report", str(HOSTILE_URLS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    links = _Links()
    links.feed(out.read_text(encoding="utf-8"))
    assert links.followed == [("a", href, "noopener noreferrer") for href in LINKED]
    shown = [
        "javascript:alert(document.domain)",
        *LINKED,
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "www.example.org/paper",
        "//attacker.example/x",
    ]
    assert links.url_texts == [("a" if text in LINKED else "span", text) for text in shown]
