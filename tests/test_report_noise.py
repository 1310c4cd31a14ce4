"""Less noise in reports and hints: no made-up sections, every repeated quote at line:column, and a
closest passage that can be pasted as it stands."""

from __future__ import annotations

import re

from click.testing import CliRunner
from conftest import VALID, write_map

import argmap
from argmap.cli import main

ONE_LINE = "Trams help. Trams help cities. Trams help people and trams help."


def test_a_quote_found_several_times_in_one_line_is_placed_by_line_and_column(tmp_path):
    text = VALID.replace("quote: Shorter commutes make people happier, and", "quote: Trams help")
    path = write_map(tmp_path, text, essay=ONE_LINE + "\n")
    (e404,) = [p for p in argmap.check(path) if p.code == "E404"]
    assert (e404.line, e404.col) == (14, 12)
    assert e404.message == "the quote of claim 'happier' occurs 3 times in the source (at 1:1, 1:13, 1:32)"


def test_the_closest_passage_is_the_essays_own_text(tmp_path):
    text = VALID.replace(
        "quote: new tram line has cut commuting times by a fifth", "quote: The citys new tram line has cut commuting"
    )
    (problem,) = argmap.check(write_map(tmp_path, text))
    assert problem.code == "E403"
    # the essay has a curly apostrophe: the hint gives it as the essay writes it, so pasting it matches
    assert problem.hint == 'closest passage, at line 3: "The city\u2019s new tram line has cut commuting"'
    pasted = text.replace("The citys new tram line", "The city\u2019s new tram line")
    assert argmap.check(write_map(tmp_path, pasted)) == []


def test_a_long_closest_passage_is_given_whole_on_one_line(tmp_path):
    essay = (
        "A Title\n\n"
        + "The tram line,\nwhich opened in\u00a0May, has cut commuting times by a fifth for most riders.\n"
    )
    wrong = "The tram line, which opened in June, has cut commuting times by a fifth for most riders."
    text = VALID.replace("quote: new tram line has cut commuting times by a fifth", f"quote: {wrong}")
    problems = [p for p in argmap.check(write_map(tmp_path, text, essay=essay)) if p.code == "E403"]
    first = next(p for p in problems if p.line == 10)
    assert first.hint == (
        'closest passage, at line 3: "The tram line, which opened in May, has cut commuting times by a fifth for '
        'most riders."'
    )


def _cards(tmp_path, essay: str, extra: str = "") -> str:
    path = write_map(tmp_path, VALID + extra, essay=essay)
    out = tmp_path / "r.html"
    CliRunner().invoke(main, ["report", str(path), "-o", str(out)])
    return out.read_text()


def test_no_section_on_the_cards_of_an_essay_without_headings(tmp_path):
    from conftest import ESSAY

    html = _cards(tmp_path, ESSAY)
    assert "<dt>Section</dt>" not in html
    assert "Introduction" not in html


def test_sections_on_the_cards_of_an_essay_with_headings(tmp_path):
    from conftest import ESSAY

    body = " ".join(["Some words of the introduction that make a real paragraph of body text."] * 3)
    essay = ESSAY.replace("Critics say", f"{body}\n\nThe Objection\n\nCritics say")
    html = _cards(tmp_path, essay)
    sections = re.findall(r"<dt>Section</dt><dd>([^<]*)</dd>", html)
    assert sections == ["Introduction", "Introduction", "Introduction", "The Objection", "The Objection"]
