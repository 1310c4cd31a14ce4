"""Loading: every way a file fails to become a map is a problem at an exact (line, col, code)."""

from __future__ import annotations

import resource
import time
from pathlib import Path

import pytest
from conftest import ROOT, VALID
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.load import MAX_BYTES, MAX_DEPTH, load, loads


def codes(text) -> list[tuple[int, int, str]]:
    return [(p.line, p.col, p.code) for p in loads(text, "m.yaml").problems]


def test_valid_map_loads_with_positions():
    mf = loads(VALID, "m.yaml")
    assert mf.problems == []
    assert mf.map is not None and list(mf.map.claims) == ["faster", "happier", "gains", "extend", "worth-it"]
    assert mf.positions.key(("claims", "happier")) == (12, 3)
    assert mf.positions.value(("claims", "happier", "quote")) == (14, 12)
    assert mf.positions.value(("arguments", "benefit", "premises", 1)) == (27, 24)
    assert mf.map.theses == ["extend"]


def test_thesis_may_be_a_single_id():
    mf = loads(VALID.replace("thesis: [extend]", "thesis: extend"), "m.yaml")
    assert mf.problems == [] and mf.map.theses == ["extend"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("argmap: 1\nid: x\ntitle: [unclosed\n", [(3, 8, "E001")]),
        ("argmap: 1\nid: x\n  title: y\n", [(3, 3, "E001")]),
        ("argmap: 1\nid: 'x\n", [(2, 5, "E001")]),
        ("argmap: 1\nclaims:\n\tc1: x\n", [(3, 1, "E001")]),
        ("argmap: 1\ntitle: a: b\n", [(2, 9, "E001")]),
    ],
)
def test_yaml_syntax_errors(text, expected):
    assert codes(text) == expected


def test_tab_indentation_has_a_hint():
    (problem,) = loads("argmap: 1\nclaims:\n\tc1: x\n", "m.yaml").problems
    assert problem.hint == "YAML indentation must use spaces, not tabs"


def test_duplicate_key_reported_at_the_second_key():
    text = VALID.replace("  gains:\n", "  faster:\n    text: again\n  gains:\n")
    assert codes(text) == [(15, 3, "E002")]
    (problem,) = loads(text, "m.yaml").problems
    assert problem.message == "duplicate key 'faster' (first defined at line 8)"


def test_duplicate_keys_at_every_level():
    text = "argmap: 1\nargmap: 1\nid: a\ntitle: t\nclaims:\n  c: {text: a, text: b}\n"
    assert codes(text) == [(2, 1, "E002"), (6, 16, "E002")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", [(1, 1, "E004")]),
        ("# only a comment\n", [(1, 1, "E004")]),
        ("- a\n- b\n", [(1, 1, "E004")]),
        ("just text\n", [(1, 1, "E004")]),
    ],
)
def test_not_a_map(text, expected):
    assert codes(text) == expected


def test_unsafe_tags_are_refused_and_never_constructed():
    text = "argmap: 1\nid: x\ntitle: !!python/object/apply:os.system ['echo hi']\n"
    assert codes(text) == [(3, 8, "E003")]
    text = "argmap: 1\nid: x\ntitle: !!python/name:os.system ''\n"
    assert codes(text) == [(3, 8, "E003")]


def test_merge_keys_are_refused():
    text = "argmap: 1\nid: x\ntitle: t\nbase: &b {text: a}\nclaims:\n  c: {<<: *b}\n"
    assert codes(text) == [(6, 7, "E003")]


def test_billion_laughs_is_refused_quickly_with_bounded_memory():
    lines = ["argmap: 1", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    text = "\n".join(lines) + "\n"
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    result = codes(text)
    elapsed = time.perf_counter() - started
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert result[0][2] == "E007"
    assert elapsed < 5  # generous: it takes milliseconds
    assert grown_kb < 100 * 1024


def test_recursive_alias_is_refused():
    assert codes("argmap: 1\na: &a [*a]\n")[0][2] == "E007"


def test_deep_nesting_is_refused_without_crashing():
    text = "argmap: 1\nid: x\ntitle: " + "[" * 100_000 + "]" * 100_000 + "\n"
    assert codes(text) == [(3, 7 + MAX_DEPTH, "E007")]


def test_bom_is_a_warning_and_the_map_still_loads():
    mf = loads(b"\xef\xbb\xbf" + VALID.encode(), "m.yaml")
    assert [(p.line, p.col, p.code) for p in mf.problems] == [(1, 1, "W008")]
    assert mf.map is not None


def test_non_utf8_bytes_point_at_the_bad_byte():
    assert codes(b"argmap: 1\ntitle: caf\xe9\n") == [(2, 11, "E005")]


def test_binary_file():
    assert codes(b"argmap: 1\n\x00\x01\x02") == [(2, 1, "E005")]


def test_too_large(tmp_path):
    path = tmp_path / "big.yaml"
    with open(path, "wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    assert [(p.line, p.col, p.code) for p in load(path).problems] == [(1, 1, "E006")]


def test_missing_file_is_a_problem(tmp_path):
    (problem,) = load(tmp_path / "nope.yaml").problems
    assert (problem.line, problem.col, problem.code) == (1, 1, "E005")


# --- schema -----------------------------------------------------------------------------------


def test_unknown_field_with_did_you_mean():
    text = VALID.replace("    type: fact\n", "    typ: fact\n")
    assert codes(text) == [(11, 5, "E101")]
    (problem,) = loads(text, "m.yaml").problems
    assert problem.message == "unknown field 'typ' in claim 'faster'; did you mean 'type'?"


def test_unknown_top_level_field():
    assert codes(VALID + "claim: {}\n") == [(37, 1, "E101")]


def test_missing_required_field_at_its_parent_key():
    text = VALID.replace("    text: Shorter commutes make people happier.\n", "")
    assert codes(text) == [(12, 3, "E102")]
    (problem,) = loads(text, "m.yaml").problems
    assert problem.message == "claim 'happier' is missing the required field 'text'"


def test_missing_version_and_title():
    assert codes("id: x\n") == [(1, 1, "E102"), (1, 1, "E102")]


def test_unsupported_version():
    assert codes(VALID.replace("argmap: 1", "argmap: 2")) == [(1, 9, "E106")]


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("title: A Small Essay", "title: 3", [(3, 8, "E103")]),
        ("title: A Small Essay", "title: [a, b]", [(3, 8, "E103")]),
        ("    type: fact", "    type: [fact]", [(11, 11, "E103")]),
        ("    quote: so the city gains", "    quote: {a: 1}", [(17, 12, "E103")]),
        ("premises: [faster, happier]", "premises: faster", [(27, 15, "E103")]),
        ("claims:", "claims: []\nclaim_s:", [(7, 9, "E103"), (8, 1, "E101")]),
        ("    implicit: true", "    implicit: maybe", [(24, 15, "E103")]),
    ],
)
def test_wrong_types(old, new, expected):
    assert old in VALID
    assert codes(VALID.replace(old, new, 1)) == expected


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("  faster:\n", "  Faster:\n", [(8, 3, "E104")]),
        ("id: small", "id: Small Essay", [(2, 5, "E104")]),
        ("premises: [faster, happier]", "premises: [faster, happy_]", [(27, 24, "E104")]),
        ("thesis: [extend]", "thesis: [Extend]", [(6, 10, "E104")]),
        ("  faster:\n", "  '':\n", [(8, 3, "E104")]),
    ],
)
def test_invalid_ids(old, new, expected):
    assert codes(VALID.replace(old, new, 1)) == expected


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("    type: fact", "    type: facts", [(11, 11, "E105")]),
        ("premises: [faster, happier]", "premises: []", [(27, 15, "E105")]),
        ("    conclusion: gains\n", "", [(26, 3, "E102")]),
        ("    conclusion: gains\n", "    conclusion: gains\n    attacks: extend\n", [(29, 5, "E105")]),
        ("  path: essay.txt", "  path: essay.txt\n  sha256: abc", [(6, 11, "E105")]),
    ],
)
def test_invalid_values(old, new, expected):
    assert codes(VALID.replace(old, new, 1)) == expected


def test_enum_problem_suggests_the_value():
    (problem,) = loads(VALID.replace("    type: fact", "    type: facts"), "m.yaml").problems
    assert problem.message == "'facts' is not a valid type in claim 'faster'; did you mean 'fact'?"


def test_every_problem_has_a_hint():
    text = VALID.replace("argmap: 1", "argmap: 2").replace("    type: fact", "    typ: facts")
    text = text.replace("title: A Small Essay", "title: 3").replace("  faster:\n", "  Faster:\n")
    problems = loads(text, "m.yaml").problems
    assert len(problems) == 4
    assert all(p.hint for p in problems)


# --- the event path against the composer ---------------------------------------------------


def _by_composer(text: str):
    """(data, positions, problems) as the composer and its builder make them (the slow path)."""
    from argmap import load as _  # noqa: F401  (the package, for its submodule below)
    from argmap.load import MapFile, _Builder, _compose

    mf = MapFile(path=Path("m.yaml"), display="m.yaml", text=text)
    root = _compose(text, mf)
    if root is None:
        return None, mf.positions._at, mf.problems
    builder = _Builder(mf)
    data = builder.build(root)
    return data, mf.positions._at, mf.problems


def _by_events(text: str):
    """(data, positions, problems) from the event path, or None when it leaves the text to the composer."""
    from argmap.load import _COMPOSE, MapFile, _from_events

    mf = MapFile(path=Path("m.yaml"), display="m.yaml", text=text)
    data = _from_events(text, mf)
    if data is _COMPOSE:
        assert mf.problems == [] and mf.positions._at == {(): (1, 1, 1, 1)}  # untouched
        return None
    return data, mf.positions._at, mf.problems


def _same(text: str) -> bool:
    """True when the event path decided the text, and decided it as the composer does."""
    fast = _by_events(text)
    if fast is None:
        return False
    assert fast == _by_composer(text)
    assert repr(fast[0]) == repr(_by_composer(text)[0])  # 1 and 1.0 and True differ here
    return True


CORPUS = sorted(
    [*Path(ROOT, "maps").glob("*.yaml"), *Path(ROOT, "tests", "bad").glob("*.yaml"), *Path(ROOT, "seeds").glob("*")]
)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_event_path_matches_the_composer_on_every_map(path):
    try:
        text = path.read_bytes().removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError:
        pytest.skip("not text")
    _same(text)


def test_event_path_takes_ordinary_maps_and_leaves_the_rare_ones():
    assert _same(VALID)
    assert _same("argmap: 1\nargmap: 2\nclaims:\n  c: {text: a, text: [b, {c: d}]}\n  d: {text: x}\n")
    assert _same("a: [yes, No, ~, null, '', 0x1F, 012, 1_000, 1:30, 3.5, .inf, 1e3, 2022-05-01, '7', x]\n")
    assert _same("a: |\n  block\n  text\nb: >-\n  folded\n  text\n\nc: 'it''s'\nd: \"\\u00e9\\t\"\n")
    assert _same("a: 99999999999999999999999\nb: 1e400\nc:\nd: {}\ne: []\n")
    for rare in (
        "a: &x 1\nb: *x\n",  # anchors and aliases
        "a: !!str 1\n",  # tags
        "a: ! 1\n",
        "a: =\n",  # the value tag
        "<<: {a: 1}\n",  # a merge key
        "? [a, b]\n: c\n",  # a complex key
        "- a\n",  # not a mapping
        "",  # empty
        "a: 1\n---\nb: 2\n",  # two documents
        "a: [unclosed\n",  # a syntax error
        "a: " + "[" * 70 + "]" * 70 + "\n",  # deep flow nesting
        "".join(f"{' ' * i}k:\n" for i in range(70)) + " " * 70 + "k: v\n",  # deep block nesting
    ):
        assert _by_events(rare) is None, rare


_YAML_PIECES = st.sampled_from(
    [
        "a",
        "b",
        "c1",
        "x-y",
        " ",
        "  ",
        "\n",
        "\n  ",
        "\n    ",
        ": ",
        ":",
        "- ",
        "-",
        "[",
        "]",
        "{",
        "}",
        ", ",
        ",",
        "'",
        '"',
        "#",
        "&a ",
        "*a",
        "!!str ",
        "|",
        ">",
        "? ",
        "yes",
        "1",
        "0x1",
        "1.5",
        "~",
        "<<",
        "\t",
        "é",
        "\\",
        "%",
    ]
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_YAML_PIECES, max_size=40).map("".join))
def test_event_path_matches_the_composer_on_random_text(text):
    _same(text)


_SCALARS = st.sampled_from(
    [
        "a",
        "b c",
        "yes",
        "NO",
        "on",
        "1",
        "-2",
        "0o7",
        "0x1",
        "1_0",
        "1.5",
        "1e3",
        ".nan",
        "~",
        "null",
        "",
        "'q'",
        '"d\\n"',
        "2001-12-14",
        "<<",
        "=",
        "é",
        "x #c",
        "[a, b]",
        "{a: 1}",
        "[]",
        "|",
        ">-",
        "a: b",
    ]
)
_KEYS = st.sampled_from(["a", "b", "c", "yes", "1", "'k'", '"k"', "x y", "<<", "a", "b"])


@st.composite
def _documents(draw, depth=0):
    """YAML text of a random mapping in random styles, its scalars written raw (so resolved by YAML)."""

    def node(level: int, indent: int, flow: bool) -> str:
        shape = draw(st.sampled_from(["scalar", "scalar", "map", "list"] if level < 3 else ["scalar"]))
        if shape == "scalar":
            return draw(_SCALARS)
        flow = flow or draw(st.booleans())
        n = draw(st.integers(0, 3))
        if shape == "map":
            pairs = [(draw(_KEYS), node(level + 1, indent + 2, flow)) for _ in range(n)]
            if flow or not pairs:
                return "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"
            pad = " " * indent
            return "".join(f"\n{pad}{k}: {v}" for k, v in pairs)
        items = [node(level + 1, indent + 2, flow) for _ in range(n)]
        if flow or not items:
            return "[" + ", ".join(items) + "]"
        pad = " " * indent
        return "".join(f"\n{pad}- {v}" for v in items)

    return "".join(f"{draw(_KEYS)}: {node(0, 2, False)}\n" for _ in range(draw(st.integers(1, 4))))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_documents())
def test_event_path_matches_the_composer_on_random_documents_in_every_style(text):
    _same(text)


@settings(max_examples=150, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
        max_leaves=25,
    ),
    st.sampled_from([None, True, False]),
)
def test_event_path_matches_the_composer_on_dumped_documents(data, flow):
    import yaml

    _same(yaml.safe_dump({"root": data}, default_flow_style=flow, allow_unicode=True))


# --- YAML mistakes explained by their cause --------------------------------------------------


def _claim_block(indent: str) -> str:
    """The claim 'happier' of VALID, indented by indent instead of two spaces."""
    return (
        f"{indent}happier:\n"
        f"{indent}  text: Shorter commutes make people happier.\n"
        f"{indent}  quote: Shorter commutes make people happier, and\n"
    )


YAML_MISTAKES = {
    "field one level too deep": (
        ("    quote: new tram", "      quote: new tram"),
        (10, 7, "E001"),
        "invalid YAML: 'quote' is indented more than 'text' above it, so it reads as part of the value of 'text'",
        "indent 'quote' 4 spaces, like 'text'",
    ),
    "field one space too deep": (
        ("    quote: new tram", "     quote: new tram"),
        (10, 6, "E001"),
        "invalid YAML: 'quote' is indented more than 'text' above it, so it reads as part of the value of 'text'",
        "indent 'quote' 4 spaces, like 'text'",
    ),
    "field one space short": (
        ("    quote: new tram", "   quote: new tram"),
        (10, 4, "E001"),
        "invalid YAML: 'quote' is indented 3 spaces, which lines up with no key above it",
        "indent it 4 spaces like 'text', or 2 like 'faster'",
    ),
    "field at the claim's level, inside the claim": (
        ("    quote: new tram", "  quote: new tram"),
        (10, 3, "E001"),
        "invalid YAML: 'quote' is indented 2 spaces, the fields around it 4, so it is no longer a field of 'faster'",
        "indent 'quote' 4 spaces, like 'text' above it",
    ),
    "field at the claim's level, with a comment after its value": (
        ("    quote: new tram", "  quote: new tram line has cut commuting times by a fifth  # the essay's words\n  #"),
        (10, 3, "E001"),
        "invalid YAML: 'quote' is indented 2 spaces, the fields around it 4, so it is no longer a field of 'faster'",
        "indent 'quote' 4 spaces, like 'text' above it",
    ),
    "field at the top level, inside the claim": (
        ("    quote: new tram", "quote: new tram"),
        (10, 1, "E001"),
        "invalid YAML: 'quote' is indented 0 spaces, the fields around it 4, so it is no longer a field of 'faster'",
        "indent 'quote' 4 spaces, like 'text' above it",
    ),
    "field of an argument at the argument's level": (
        ("    conclusion: gains", "  conclusion: gains"),
        (28, 3, "E001"),
        "invalid YAML: 'conclusion' is indented 2 spaces, the fields around it 4, so it is no longer a field of "
        "'benefit'",
        "indent 'conclusion' 4 spaces, like 'premises' above it",
    ),
    "last field at the claim's level": (
        ("    type: fact", "  type: fact"),
        (11, 3, "E103"),
        "claim 'type' is not a mapping: 'type' looks like a field of claim 'faster' indented one level too little",
        "indent 'type' like the other fields of claim 'faster'",
    ),
    "claim one space short": (
        ("  happier:", " happier:"),
        (12, 2, "E001"),
        "invalid YAML: 'happier' is indented 1 space, which lines up with no key above it",
        "indent it 2 spaces like 'faster', or 0 like 'claims'",
    ),
    "claim one space too deep": (
        ("  happier:", "   happier:"),
        (12, 4, "E001"),
        "invalid YAML: 'happier' is indented 3 spaces, which lines up with no key above it",
        "indent it 4 spaces like 'type', or 2 like 'faster'",
    ),
    "claim one level too deep": (
        (_claim_block("  "), _claim_block("    ")),
        (12, 5, "E101"),
        "unknown field 'happier' in claim 'faster'",
        "'happier' looks like a claim indented one level too deep: indent it like 'faster'",
    ),
    "leftover {} before claims": (
        ("claims:\n", "claims: {}\n"),
        (7, 9, "E001"),
        "invalid YAML: 'claims: {}' says claims is empty, but entries follow it on the lines below",
        "remove the '{}' after 'claims:' so that the indented entries belong to it",
    ),
    "leftover {} and the template's comments before arguments": (
        ("arguments:\n", "arguments: {}\n  # argument-id:\n  #   premises: [claim-id]\n\n"),
        (25, 12, "E001"),
        "invalid YAML: 'arguments: {}' says arguments is empty, but entries follow it on the lines below",
        "remove the '{}' after 'arguments:' so that the indented entries belong to it",
    ),
    "leftover [] before a block list": (
        ("thesis: [extend]\n", "thesis: []\n  - extend\n"),
        (6, 9, "E001"),
        "invalid YAML: 'thesis: []' says thesis is empty, but entries follow it on the lines below",
        "remove the '[]' after 'thesis:' so that the indented entries belong to it",
    ),
    "a colon in a value": (
        ("text: The city gains from the tram.", "text: The city: gains from the tram."),
        (16, 19, "E001"),
        "invalid YAML: the value of 'text' contains ': ', which YAML reads as a new key",
        'put the value in quotes: text: "The city: gains from the tram."',
    ),
    "an unclosed quote is shown where it opens": (
        ("quote: so the city gains", 'quote: "so the city gains'),
        (17, 12, "E001"),
        "invalid YAML: this text in quotes is never closed",
        'add the closing " at the end of the text',
    ),
    "a double quote mark inside double quotes": (
        ("quote: so the city gains", 'quote: "so the "city" gains"'),
        (17, 20, "E001"),
        'invalid YAML: this " ends the text in quotes that starts at column 12, and more text follows it',
        """inside "...", write a " as \\", or put the text in '...'""",
    ),
    "a single quote mark inside single quotes": (
        ("quote: so the city gains", "quote: 'so the 'city' gains'"),
        (17, 20, "E001"),
        "invalid YAML: this ' ends the text in quotes that starts at column 12, and more text follows it",
        """inside '...', write a ' as '', or put the text in "..." """.rstrip(),
    ),
    "an unclosed list is shown where it opens": (
        ("[faster, happier]", "[faster, happier"),
        (27, 15, "E001"),
        "invalid YAML: this list in [ ] is not closed on its line",
        "close it with ']', and put items holding ',' or ':' in quotes",
    ),
    "a value starting with @": (
        ("quote: so the city gains", "quote: @so the city gains"),
        (17, 12, "E001"),
        "invalid YAML: a value cannot start with '@'",
        "put the value in quotes",
    ),
    "a tab": (
        ("    quote: new tram", "\tquote: new tram"),
        (10, 1, "E001"),
        "invalid YAML: a tab in the indentation",
        "YAML indentation must use spaces, not tabs",
    ),
}


@pytest.mark.parametrize("name", list(YAML_MISTAKES))
def test_yaml_mistakes_are_explained_by_their_cause(name):
    (old, new), position, message, hint = YAML_MISTAKES[name]
    assert old in VALID
    (problem,) = loads(VALID.replace(old, new, 1), "m.yaml").problems
    assert ((problem.line, problem.col, problem.code), problem.message, problem.hint) == (position, message, hint)


def test_a_quote_left_open_is_shown_where_it_opens_not_where_the_next_quote_mark_is():
    text = VALID.replace("quote: so the city gains", 'quote: "so the city gains', 1).replace(
        "quote: The council should extend the line.", 'quote: "The council should extend the line."', 1
    )
    (problem,) = loads(text, "m.yaml").problems
    assert ((problem.line, problem.col, problem.code), problem.message, problem.hint) == (
        (17, 12, "E001"),
        'invalid YAML: this text in quotes is not closed on its line: it runs on to the " on line 20',
        'add the closing " at the end of the text',
    )


def test_a_quoted_text_over_several_lines_is_no_mistake():
    text = VALID.replace(
        "    text: The city gains from the tram.", '    text: "The city gains\n      from the tram."', 1
    )
    assert loads(text, "m.yaml").problems == []


def test_syntax_messages_carry_no_parser_jargon():
    bad = Path(__file__).resolve().parent / "bad"
    texts = [VALID.replace(old, new, 1) for (old, new), *_ in YAML_MISTAKES.values()]
    texts += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(bad.glob("syntax-*.yaml"))]
    jargon = ("while ", "scanning", "parsing", "token", "scalar", "<block", "stream", "indicator", "node")
    for text in texts:
        for problem in loads(text, "m.yaml").problems:
            if problem.code == "E001":
                assert not any(word in problem.message + problem.hint for word in jargon), problem.message
