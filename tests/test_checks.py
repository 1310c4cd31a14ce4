"""Every check: a failing and a passing example, with exact (line, col, code) and messages."""

from __future__ import annotations

import pytest
from conftest import ESSAY, VALID, write_map

import argmap
from argmap.checks import CHECKS

APPEND_ATTACK = "  doubt:\n    premises: [worth-it]\n    attacks: {target}\n    quote: Critics say\n"


def test_the_small_map_is_clean(problems):
    assert problems(VALID) == []


def messages(tmp_path, text, essay=ESSAY):
    return [(p.line, p.col, p.code, p.message) for p in argmap.check(write_map(tmp_path, text, essay=essay))]


# --- references ---------------------------------------------------------------------------------


def test_e201_unknown_premise_with_did_you_mean(tmp_path):
    text = VALID.replace("premises: [faster, happier]", "premises: [faster, hapier]")
    assert messages(tmp_path, text) == [
        (12, 3, "W303", "claim 'happier' is in no argument and is not the thesis"),
        (27, 24, "E201", "premise 'hapier' of argument 'benefit' is not a claim; did you mean 'happier'?"),
    ]


def test_e201_unknown_thesis(problems):
    assert problems(VALID.replace("thesis: [extend]", "thesis: [extnd]")) == [(6, 10, "E201")]
    assert problems(VALID.replace("thesis: [extend]", "thesis: extnd")) == [(6, 9, "E201")]


def test_e201_unknown_conclusion(tmp_path):
    text = VALID.replace("conclusion: gains", "conclusion: gain")
    assert messages(tmp_path, text) == [
        (28, 17, "E201", "conclusion 'gain' of argument 'benefit' is not a claim; did you mean 'gains'?"),
    ]


def test_e201_every_place_that_names_a_claim(tmp_path):
    text = (
        "argmap: 1\nid: m\ntitle: T\nthesis: [a, zz]\nassumptions: [b, yy]\nissues:\n  q: {positions: [a, xx]}\n"
        "expect:\n  in: [a, s]\n  out: [ww]\nclaims:\n  a: {text: A.}\n  b: {text: B.}\n"
        "arguments:\n  s: {premises: [b, vv], conclusion: uu}\n  t: {premises: [b], attacks: s}\n"
    )
    assert [m for m in messages(tmp_path, text) if m[2] == "E201"] == [
        (4, 13, "E201", "the thesis 'zz' is not a claim"),
        (5, 18, "E201", "the assumption 'yy' is not a claim"),
        (7, 22, "E201", "position 'xx' of issue 'q' is not a claim"),
        (9, 11, "E201", "'s' expected in is not a claim (expectations are about claims)"),
        (10, 9, "E201", "'ww' expected out is not a claim"),
        (15, 21, "E201", "premise 'vv' of argument 's' is not a claim"),
        (15, 38, "E201", "conclusion 'uu' of argument 's' is not a claim"),
    ]


def test_e202_unknown_attack_target(tmp_path, problems):
    assert problems(VALID + APPEND_ATTACK.format(target="policy")) == []
    assert problems(VALID + APPEND_ATTACK.format(target="gains")) == []
    assert messages(tmp_path, VALID + APPEND_ATTACK.format(target="polcy")) == [
        (
            39,
            14,
            "E202",
            "argument 'doubt' attacks 'polcy', which is neither a claim nor an argument; did you mean 'policy'?",
        ),
    ]


def test_e203_duplicate_id_across_sections(problems):
    assert problems(VALID + "concepts:\n  trams: {label: Trams}\n") == []
    assert problems(VALID + "concepts:\n  faster: {label: Faster}\n") == [(38, 3, "E203")]


def test_e204_unknown_concept(problems):
    text = (
        VALID.replace("    type: fact\n", "    type: fact\n    concepts: [tram]\n")
        + "concepts:\n  trams: {label: Trams}\n"
    )
    assert problems(text) == [(12, 16, "E204")]
    assert problems(text.replace("[tram]", "[trams]")) == []


def test_e205_unknown_reference_and_w207_uncited(problems):
    refs = "references:\n  smith-2020: {citation: 'Smith, A. (2020). Trams.'}\n"
    cited = VALID.replace("    type: fact\n", "    type: fact\n    cites: [smith-2021]\n") + refs
    assert problems(cited) == [(12, 13, "E205"), (39, 3, "W207")]
    assert problems(cited.replace("[smith-2021]", "[smith-2020]")) == []


def test_e206_unknown_scheme(tmp_path, problems):
    text = VALID.replace("scheme: cause-to-effect", "scheme: cause-effect")
    assert messages(tmp_path, text) == [
        (29, 13, "E206", "unknown scheme 'cause-effect'; did you mean 'cause-to-effect'?"),
    ]
    assert problems(VALID.replace("    scheme: cause-to-effect\n", "")) == []


# --- structure ----------------------------------------------------------------------------------


def test_e301_self_support(tmp_path):
    text = VALID.replace("premises: [faster, happier]", "premises: [faster, gains]")
    assert messages(tmp_path, text) == [
        (12, 3, "W303", "claim 'happier' is in no argument and is not the thesis"),
        (27, 24, "E301", "argument 'benefit' supports 'gains', which is one of its own premises"),
    ]


def test_e301_self_attack(problems):
    assert problems(VALID + APPEND_ATTACK.format(target="doubt")) == [(39, 14, "E301")]
    assert problems(VALID + APPEND_ATTACK.format(target="worth-it")) == [(38, 16, "E301")]


def test_e302_circular_support(tmp_path, problems):
    text = VALID + "  back:\n    premises: [extend]\n    conclusion: faster\n    quote: so the\n"
    assert messages(tmp_path, text) == [
        (28, 17, "E302", "circular support: faster -> gains -> extend -> faster"),
    ]
    assert problems(VALID + "  more:\n    premises: [faster]\n    conclusion: extend\n    quote: so the\n") == []


def test_w303_orphan_claim(problems):
    text = VALID.replace(
        "arguments:\n", "  stray:\n    text: An aside.\n    quote: Commuters now arrive earlier.\narguments:\n"
    )
    assert problems(text) == [(25, 3, "W303")]


def test_w304_unsupported_thesis_and_w305_no_thesis(problems):
    assert problems(VALID.replace("thesis: [extend]", "thesis: [faster]")) == [(6, 10, "W304")]
    assert problems(VALID.replace("thesis: [extend]\n", "")) == [(1, 1, "W305")]
    assert problems(VALID.replace("thesis: [extend]", "thesis: []")) == [(6, 1, "W305")]


def test_w306_repeated_premise(problems):
    assert problems(VALID.replace("[faster, happier]", "[faster, happier, faster]")) == [(27, 33, "W306")]


# --- source and quotes --------------------------------------------------------------------------


def test_e401_source_missing(tmp_path):
    text = VALID.replace("path: essay.txt", "path: nothing.txt")
    ((line, col, code, message),) = messages(tmp_path, text)
    assert (line, col, code, message) == (5, 9, "E401", "the source 'nothing.txt' does not exist")


def test_e408_source_binary_or_not_utf8(tmp_path):
    (tmp_path / "essay.pdf").write_bytes(b"%PDF-1.4\x00\x01")
    (tmp_path / "latin1.txt").write_bytes("caf\u00e9".encode("latin-1"))
    base = write_map(tmp_path, VALID)
    base.write_text(VALID.replace("path: essay.txt", "path: essay.pdf"))
    assert [(p.line, p.col, p.code) for p in argmap.check(base)] == [(5, 9, "E408")]
    base.write_text(VALID.replace("path: essay.txt", "path: latin1.txt"))
    assert [(p.line, p.col, p.code) for p in argmap.check(base)] == [(5, 9, "E408")]


def test_w402_source_changed(tmp_path, problems):
    import hashlib

    digest = hashlib.sha256(ESSAY.encode()).hexdigest()
    assert problems(VALID.replace("path: essay.txt", f"path: essay.txt\n  sha256: {digest}")) == []
    assert problems(VALID.replace("path: essay.txt", f"path: essay.txt\n  sha256: {'f' * 64}")) == [(6, 11, "W402")]
    (problem,) = argmap.check(tmp_path / "map.yaml")
    assert problem.hint == f"check the quotes, then record the new hash: sha256: {digest}"


def test_e403_quote_not_found_with_closest_passage(tmp_path):
    text = VALID.replace("quote: so the city gains", "quote: so the town gains")
    (problem,) = argmap.check(write_map(tmp_path, text))
    assert (problem.line, problem.col, problem.code) == (17, 12, "E403")
    assert problem.message == "the quote of claim 'gains' is not in the source text"
    assert problem.hint == 'closest passage, at line 6: "so the city gains."'


def test_e403_case_is_kept(tmp_path):
    text = VALID.replace("quote: so the city gains", "quote: So the city gains")
    (problem,) = argmap.check(write_map(tmp_path, text))
    assert problem.code == "E403"
    assert problem.hint == "the essay has it with other capitals at line 6: quotes keep the essay's case"


def test_quotes_fold_typography(problems):
    # straight apostrophe for a curly one, a hyphen for an em dash, spaces for runs and NBSP
    text = (
        VALID.replace(
            "quote: so the city gains",
            'quote: "are more productive - so the city gains"',
        )
        .replace(
            "quote: new tram line has cut commuting times by a fifth",
            'quote: "The city\'s new tram line"',
        )
        .replace(
            "quote: The council should extend the line.",
            "quote: 'the \"figures\" are preliminary. The council should extend the line.'",
        )
    )
    assert problems(text) == []


def test_e404_ambiguous_quote_lists_lines(tmp_path):
    text = VALID.replace(
        "quote: Shorter commutes make people happier, and", "quote: Shorter commutes make people happier"
    )
    assert messages(tmp_path, text) == [
        (14, 12, "E404", "the quote of claim 'happier' occurs 2 times in the source (at 5:1, 6:1)"),
    ]


def test_quote_lists_each_checked(problems):
    text = VALID.replace(
        "quote: so the city gains", "quote:\n      - happier workers are more productive\n      - so the city gains"
    )
    assert problems(text) == []
    assert problems(text.replace("- so the city gains", "- so the cty gains")) == [(19, 9, "E403")]


def test_e405_implicit_with_quote(problems):
    text = VALID.replace("    implicit: true\n", "    implicit: true\n    quote: Commuters now arrive earlier.\n")
    assert problems(text) == [(25, 5, "E405")]


def test_w406_missing_quote(problems):
    assert problems(VALID.replace("    quote: so the city gains\n", "")) == [(15, 3, "W406")]
    no_source = VALID.replace("source:\n  path: essay.txt\n", "")
    assert problems(no_source.replace("    quote: so the city gains\n", "")) == []


def test_e407_ignore_not_found_and_w409_quote_in_ignored(problems):
    ok = VALID.replace("path: essay.txt", "path: essay.txt\n  ignore:\n    - {from: A Small, to: Essay, reason: title}")
    assert problems(ok) == []
    bad = ok.replace("from: A Small", "from: A Big")
    assert problems(bad) == [(7, 14, "E407")]
    to_bad = ok.replace("to: Essay", "to: nowhere")
    assert problems(to_bad) == [(7, 27, "E407")]
    covering = ok.replace("{from: A Small, to: Essay,", "{from: Critics say,")
    assert problems(covering) == [(22, 12, "W409")]


def test_every_check_is_documented_with_examples():
    for code, entry in CHECKS.items():
        doc = entry.code.doc
        assert doc and len(doc.splitlines()) >= 3, code
        assert ("Fails" in doc or "Warns" in doc) and "Passes" in doc, code


@pytest.mark.parametrize("code", sorted(CHECKS))
def test_codes_are_stable_and_severity_matches_letter(code):
    entry = CHECKS[code].code
    assert entry.code[0] in "EW" and entry.code[1:].isdigit()
    assert entry.name == entry.name.lower() and " " not in entry.name


LINK = "links:\n  - {claim: gains, map: other, to: extend, relation: supports}\n"


def test_e207_unknown_linked_claim(problems):
    assert problems(VALID + LINK) == []
    assert problems(VALID + LINK.replace("claim: gains", "claim: gain")) == [(38, 13, "E207")]


def test_e208_link_target_checked_when_maps_are_checked_together(tmp_path):
    from argmap.api import check_paths

    write_map(tmp_path, VALID + LINK.replace("to: extend", "to: extnd"), name="a.yaml")
    write_map(tmp_path, VALID.replace("id: small", "id: other"), name="b.yaml")
    files, found_problems = check_paths([tmp_path])
    assert [(p.path.rsplit("/", 1)[1], p.line, p.col, p.code, p.message) for p in found_problems] == [
        ("a.yaml", 38, 36, "E208", "the link's target 'extnd' is not a claim of map 'other'; did you mean 'extend'?"),
    ]
    assert argmap.check(tmp_path / "a.yaml") == []  # alone, the other map is not known


def test_closest_passage_search_is_limited_per_map(tmp_path):
    from argmap.checks.quotes import CLOSEST_LIMIT

    claims = "".join(f"  bad{i}:\n    text: Bad {i}.\n    quote: so the town gains\n" for i in range(CLOSEST_LIMIT + 2))
    text = VALID.replace("arguments:\n", claims + "arguments:\n")
    found = [p for p in argmap.check(write_map(tmp_path, text)) if p.code == "E403"]
    assert len(found) == CLOSEST_LIMIT + 2
    assert sum(1 for p in found if p.hint.startswith("closest passage")) == CLOSEST_LIMIT
    assert found[-1].hint == (
        f"copy the words from the essay exactly (closest passages are shown for the first {CLOSEST_LIMIT})"
    )
