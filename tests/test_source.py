"""Quote matching: typography folded, offsets and paragraphs reported in the original text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.source import SourceText, fold

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
GREITENS = SEEDS / "greitens-2022-xi-jinpings-quest-for-order.txt"
MAAN = SEEDS / "maan-2024-chinas-total-national-security-paradigm.txt"


def test_fold_maps_typography_to_plain_forms():
    assert (
        fold("\u201cA\u201d \u2018b\u2019 c\u2014d\u2013e\u00a0f\t\tg\n h\u2026i\u00adj")
        == "\"A\" 'b' c-d-e f g h...ij"
    )


def test_offsets_point_into_the_original_text():
    text = "One.\n\nIt\u2019s   a \u201ctest\u201d\u00a0\u2014 really.\n"
    source = SourceText(text)
    (match,) = source.find_all('It\'s a "test" - really')
    assert text[match.start : match.end] == "It\u2019s   a \u201ctest\u201d\u00a0\u2014 really"
    assert (match.line, match.col, match.paragraph) == (3, 1, 2)


def test_paragraphs_of_hard_wrapped_text_split_at_blank_lines():
    source = SourceText("First line\nof one paragraph.\n\n  Second.\n")
    assert [source.text[s:e] for s, e in source.paragraphs] == ["First line\nof one paragraph.", "Second."]


def test_paragraphs_of_long_line_text_are_lines():
    long = "x " * 60
    source = SourceText(f"Title\n{long}\nPull quote.\n{long}\n")
    assert len(source.paragraphs) == 4


@given(st.text(alphabet=st.sampled_from(list("ab \u00a0\n\t\u2019'\u2014-\u2026.")), min_size=1, max_size=60))
def test_every_folded_match_maps_back_to_text_that_folds_to_it(text):
    source = SourceText(text)
    folded = source.folded
    for start in range(len(folded)):
        for end in range(start + 1, min(len(folded), start + 6) + 1):
            piece = folded[start:end].strip()
            if not piece:
                continue
            for match in source.find_all(piece):
                # an expanded ellipsis is one character of the text: a match inside it maps to all of it
                assert piece in fold(text[match.start : match.end])


def test_seeds_are_byte_for_byte_copies():
    shared = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
    if not shared.exists():
        pytest.skip("the shared seeds are not beside this checkout")
    assert GREITENS.read_bytes() == (shared / "000_51fdc0a4fb669e5d.txt").read_bytes()
    assert MAAN.read_bytes() == (shared / "003_465bd2471581272c.txt").read_bytes()


@pytest.mark.parametrize(
    "short, longer",
    [
        ("the party\u2019s chief aim is political security", "the party's chief aim is political security, which"),
        ("ramped up spending on its surveillance state", "China has also ramped up spending on its surveillance state"),
        (
            "external security threats largely through the prism of how they could undermine party rule at home",
            "Xi has always seen external security threats largely through the prism",
        ),
        (
            "of China\u2019s behavior with constructive alternatives",
            "pairing their critiques of China's behavior with constructive alternatives",
        ),
    ],
)
def test_greitens_pull_quotes_match_twice_unless_longer(short, longer):
    source = SourceText(GREITENS.read_text(encoding="utf-8"))
    assert len(source.find_all(short)) == 2
    assert len(source.find_all(longer)) == 1


def test_maan_bullets_with_nbsp_padding_match_plain_spaces():
    source = SourceText(MAAN.read_text(encoding="utf-8"))
    (match,) = source.find_all("Justification for Aggressive Actions: The emphasis on security")
    assert source.text[match.start : match.end].startswith("Justification for Aggressive Actions: \u00a0")
    assert (match.line, match.col, match.paragraph) == (14, 5, 7)
