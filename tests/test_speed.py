"""The shortcuts taken for speed give the same results as the long way round."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import ESSAY, ROOT, VALID, write_map
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import site
from argmap.render import style_svg
from argmap.report import get_env
from argmap.source import SourceText

# --- quote matching: an automaton of prefixes, then the whole quote ---------------------------------


def test_find_many_tells_apart_quotes_that_share_a_long_prefix():
    text = SourceText(
        "The committee decided that the budget should rise. The committee decided that the budget should fall."
    )
    rise = "The committee decided that the budget should rise"
    fall = "The committee decided that the budget should fall"
    found = text.find_many([rise, fall, "budget", "The committee decided that the budget should stay"])
    assert [(m.start, m.end) for m in found[rise]] == [(0, 49)]
    assert [(m.start, m.end) for m in found[fall]] == [(51, 100)]
    assert [(m.start, m.end) for m in found["budget"]] == [(31, 37), (82, 88)]
    assert found["The committee decided that the budget should stay"] == []


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="ab \u2019'\n-", max_size=80),
    st.lists(st.text(alphabet="ab '-", min_size=1, max_size=40), max_size=8),
    st.integers(1, 4),
)
def test_find_many_finds_what_find_all_finds(text, quotes, limit):
    source = SourceText(text)
    found = source.find_many(quotes, limit=limit)
    assert found == {quote: source.find_all(quote, limit=limit) for quote in quotes}


# --- the SVG touches: one pass of string searches ------------------------------------------------------

SVG = """<svg>
<!-- a -->
<g id="a" class="node claim premise fact">
<title>a</title>
<path fill="#ffffff" stroke="#333333" d="M1,2"/>
<text text-anchor="middle" x="1" y="2" font-family="Helvetica" font-size="11.00" fill="#333333">Some text</text>
<text text-anchor="middle" x="1" y="3" font-family="Helvetica" font-size="11.00" fill="#333333">fact \u00b7 a</text>
</g>
<g id="b" class="node claim thesis">
<title>b</title>
<text text-anchor="middle" x="1" y="2" font-family="Helvetica" font-size="11.00" fill="#333333">b</text>
</g>
<g id="c" class="node claim premise">
<text text-anchor="middle" x="1" y="2" font-size="11.00">More text</text>
<text text-anchor="middle" x="1" y="3" font-size="11.00">c</text>
</g>
<g id="x1" class="node argument support">
<text text-anchor="middle" x="1" y="2" font-size="9.00" fill="#333333">Text</text>
<text text-anchor="middle" x="1" y="2" font-size="9.00" fill="#333333">x1</text>
</g>
</svg>
"""


def test_a_claims_last_line_is_drawn_small_with_its_type_in_bold_and_nothing_else_changes():
    styled = style_svg(SVG)
    assert styled == SVG.replace(
        'font-size="11.00" fill="#333333">fact \u00b7 a</text>',
        'font-size="8.50" fill="#333333"><tspan font-weight="bold">fact</tspan> \u00b7 a</text>',
    ).replace('y="3" font-size="11.00">c</text>', 'y="3" font-size="8.50">c</text>')
    assert style_svg(SVG.replace("</svg>", "")) == styled.replace("</svg>", "")


# --- one jinja2 environment per templates folder ------------------------------------------------------


def test_the_environment_is_made_once_and_still_sees_edited_templates(tmp_path):
    assert get_env() is get_env()
    folder = tmp_path / "templates"
    folder.mkdir()
    css = folder / "report.css"
    css.write_text("/* first */")
    env = get_env(folder)
    assert env is get_env(folder)
    assert env.get_template("report.css").render() == "/* first */"
    css.write_text("/* second */")
    os.utime(css, (css.stat().st_atime + 5, css.stat().st_mtime + 5))
    assert env.get_template("report.css").render() == "/* second */"


# --- the build remembers which essay each map names --------------------------------------------------


def test_an_unchanged_folder_is_hashed_without_parsing_a_map(tmp_path, monkeypatch):
    maps = tmp_path / "maps"
    write_map(maps, VALID, name="a.yaml")
    out = tmp_path / "site"
    assert len(site.build_site(maps, out, jobs=1).built) == 1

    def no_parse(path):
        raise AssertionError(f"{path} was parsed again")

    monkeypatch.setattr(site, "_source_path", no_parse)
    again = site.build_site(maps, out, jobs=1)
    assert again.built == [] and len(again.skipped) == 1


def test_a_changed_essay_rebuilds_its_report_though_the_map_is_unchanged(tmp_path):
    maps = tmp_path / "maps"
    write_map(maps, VALID, name="a.yaml")
    out = tmp_path / "site"
    site.build_site(maps, out, jobs=1)
    (maps / "essay.txt").write_text(ESSAY + "\nA new closing line.\n", encoding="utf-8")
    again = site.build_site(maps, out, jobs=1)
    assert [p.name for p in again.built] == ["a.yaml"]
    assert "A new closing line." in (out / "a.html").read_text()


def test_a_map_that_names_another_essay_is_hashed_with_the_new_one(tmp_path):
    maps = tmp_path / "maps"
    write_map(maps, VALID, name="a.yaml")
    (maps / "other.txt").write_text(ESSAY.replace("Critics", "Skeptics"), encoding="utf-8")
    out = tmp_path / "site"
    site.build_site(maps, out, jobs=1)
    (maps / "a.yaml").write_text(VALID.replace("path: essay.txt", "path: other.txt"), encoding="utf-8")
    assert len(site.build_site(maps, out, jobs=1).built) == 1
    (maps / "other.txt").write_text(ESSAY.replace("Critics", "Doubters"), encoding="utf-8")
    assert len(site.build_site(maps, out, jobs=1).built) == 1  # the new essay, not the old one, is hashed


def test_the_index_draws_the_combined_diagram_only_up_to_a_size(tmp_path, monkeypatch):
    out = tmp_path / "site"
    site.build_site(ROOT / "maps", out, jobs=1)
    assert 'id="am_diagram"' in (out / "index.html").read_text()
    monkeypatch.setattr(site, "COMBINED_LIMIT", 10)
    site.build_site(ROOT / "maps", out, jobs=1, force=True)
    index = (out / "index.html").read_text()
    assert 'id="am_diagram"' not in index and "Where the essays meet" in index


def test_the_index_of_unchanged_maps_loads_them_when_one_map_changed(tmp_path):
    maps = tmp_path / "maps"
    write_map(maps, VALID, name="a.yaml")
    write_map(maps, VALID.replace("id: small", "id: other"), name="b.yaml")
    out = tmp_path / "site"
    site.build_site(maps, out, jobs=1)
    first = (out / "index.html").read_text()
    (maps / "b.yaml").write_text(VALID.replace("id: small", "id: other").replace("A Small Essay", "B"))
    result = site.build_site(maps, out, jobs=1)
    assert [p.name for p in result.built] == ["b.yaml"] and result.index_built
    index = (out / "index.html").read_text()
    assert index.count('class="node claim') == first.count('class="node claim')  # both maps in the diagram
    assert Path(out / "a.html").is_file()


# --- reported views: a word check before the frames' regular expressions -------------------------------

_PIECES = st.sampled_from(
    [
        "according to",
        "argues",
        "Claimed",
        "claims to",
        "it says",
        "SAID",
        "from the CCP's point of view",
        "many U.S. analysts think",
        "some believe",
        "in the eyes of",
        "insisted",
        "the",
        "view",
        "\u017fays",
        "acc\u0131ording to",
        " ",
        ", ",
        "Point of View",
        "few",
        "seriously",
        "\n",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=8).map("".join))
def test_the_word_check_never_hides_a_reported_view(quote):
    from argmap.checks.fidelity import _FRAME_WORDS, _FRAMES

    if any(pattern.search(quote) for pattern in _FRAMES):
        assert not quote.isascii() or any(word in quote.lower() for word in _FRAME_WORDS)


_HEDGE_PIECES = st.sampled_from(
    [
        "may",
        "MAY",
        "May 2022",
        "dismay",
        "mayor",
        "likely",
        "Un",
        "likely",
        "x",
        "_",
        "1",
        "\u017f",
        " ",
        "-",
        "could",
        "Perhaps",
        "seems",
        "whether",
        "\u00e9may",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_HEDGE_PIECES, max_size=8).map("".join))
def test_the_hedge_search_never_hides_a_hedge(quote):
    from argmap.checks.fidelity import _ANY_TRIGGER, _TRIGGERS, _WORD

    if any(word.lower() in _TRIGGERS for word in _WORD.findall(quote)):
        assert _ANY_TRIGGER.search(quote)


def test_templates_read_a_records_keys_as_jinja2_does():
    import jinja2
    import pytest

    env = get_env()
    record = {"text": "a claim", "items": "not the method"}
    assert env.from_string("{{ r.text }}").render(r=record) == "a claim"
    assert env.from_string("{{ r.items is callable }}").render(r=record) == "True"  # a dict's own attribute wins
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ r.missing }}").render(r=record)
    plain = jinja2.Environment(undefined=jinja2.StrictUndefined)
    assert plain.from_string("{{ r.items is callable }}").render(r=record) == "True"
