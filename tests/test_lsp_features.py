"""The language server's features as pure functions: a Document (the text as edited) and a World (the
workspace's maps and essays) in, lsprotocol values out; no client needed."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ESSAY, ROOT, VALID
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lsprotocol import types

from argmap.api import check
from argmap.lsp import actions, completion, diagnostics, hover, navigation
from argmap.lsp.context import place_at
from argmap.lsp.document import Document, LineIndex, uri_of
from argmap.lsp.workspace import World

BAD = Path(__file__).resolve().parent / "bad"
GREITENS = "greitens-2022-xi-jinpings-quest-for-order"
MAAN = "maan-2024-chinas-total-national-security-paradigm"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Both seed maps with their essays, and the small map beside its essay."""
    (tmp_path / ".argmap-root").write_text("")
    shutil.copytree(ROOT / "maps", tmp_path / "maps")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "small").mkdir()
    (tmp_path / "small" / "essay.txt").write_text(ESSAY, encoding="utf-8")
    (tmp_path / "small" / "map.yaml").write_text(VALID, encoding="utf-8")
    return tmp_path


def opened(world: World, path: Path, text: str | None = None) -> Document:
    doc = Document(uri_of(path), path.read_text("utf-8") if text is None else text, version=1, path=path)
    world.update(doc)
    return doc


def at(text: str, needle: str, delta: int = 0, nth: int = 0) -> int:
    offset = -1
    for _ in range(nth + 1):
        offset = text.index(needle, offset + 1)
    return offset + delta


def apply(doc: Document, edits: list[types.TextEdit] | tuple[types.TextEdit, ...]) -> str:
    text = doc.text
    spans = sorted(((doc.offset(e.range.start), doc.offset(e.range.end), e.new_text) for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def labels(result: types.CompletionList) -> list[str]:
    return [item.label for item in result.items]


def small(project: Path, text: str = VALID) -> tuple[World, Document]:
    """The small map open in an editor: first as saved, then edited to text."""
    world = World([project])
    path = project / "small" / "map.yaml"
    doc = opened(world, path, VALID)
    if text != VALID:
        doc = Document(doc.uri, text, version=2, path=path)
        world.update(doc)
    return world, doc


# -- positions ------------------------------------------------------------------------------------


def test_positions_count_utf16_code_units_and_lsp_line_breaks() -> None:
    text = "a: \U0001f600x\r\nb: \u00e9y\rc: z\n"
    lines = LineIndex(text)
    assert lines.position(text.index("x")) == types.Position(line=0, character=5)
    assert lines.offset(types.Position(line=0, character=5)) == text.index("x")
    assert lines.position(text.index("y")) == types.Position(line=1, character=4)
    assert lines.position(text.index("z")) == types.Position(line=2, character=3)
    assert lines.offset(types.Position(line=0, character=99)) == text.index("\r")
    assert lines.offset(types.Position(line=9, character=0)) == len(text)
    assert LineIndex(text, "utf-32").position(text.index("x")).character == 4
    assert LineIndex(text, "utf-8").position(text.index("x")).character == 7


def test_yaml_line_and_column_become_offsets_as_the_parser_counts_them(tmp_path: Path) -> None:
    text = (
        '\ufeffargmap: 1\nid: x\ntitle: "a\u2028  b"\n'
        "claims: {c: {text: t}}\narguments:\n  a1: {premises: [zz], conclusion: c}\n"
    )
    doc = Document(uri_of(tmp_path / "m.yaml"), text, path=tmp_path / "m.yaml")
    problems = diagnostics.problems(doc, World())
    assert [(p.code, p.line, p.col) for p in problems] == [("W008", 1, 1), ("W305", 1, 1), ("E201", 7, 19)]
    start, end = doc.problem_span(problems[2])
    assert text[start:end] == "zz"


# -- diagnostics ----------------------------------------------------------------------------------


def bad_files() -> list[Path]:
    return sorted(p for p in BAD.glob("*.yaml"))


@pytest.mark.parametrize("path", bad_files(), ids=lambda p: p.name)
def test_diagnostics_match_argmap_check_on_the_hostile_corpus(path: Path) -> None:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        pytest.skip("an editor cannot hold this file as UTF-8 text")
    doc = Document(uri_of(path), text, path=path)
    found = diagnostics.problems(doc, World())
    if not doc.is_map:
        assert path.name in {"empty.yaml", "only-comments.yaml", "top-level-list.yaml", "top-level-scalar.yaml"}
        assert found == []
        return
    expected = check(path)
    assert [(p.line, p.col, p.code, p.message, p.hint) for p in found] == [
        (p.line, p.col, p.code, p.message, p.hint) for p in expected
    ]
    for problem in found:
        start, end = doc.problem_span(problem)
        assert 0 <= start <= end <= len(text)
        d = diagnostics.to_diagnostic(doc, problem)
        assert d.code == problem.code and d.message.startswith(problem.message)


def test_ranges_cover_the_whole_yaml_item(project: Path) -> None:
    text = VALID.replace("quote: so the city gains", 'quote: "so the town gains"').replace(
        "scheme: cause-to-effect", "scheme: cause-effect"
    )
    world, doc = small(project, text)
    got = {
        d.code: doc.text[doc.offset(d.range.start) : doc.offset(d.range.end)]
        for d in diagnostics.diagnostics(doc, world)
    }
    assert got == {"E403": '"so the town gains"', "E206": "cause-effect"}


def test_the_essay_is_read_once_until_it_changes(project: Path) -> None:
    world, doc = small(project)
    for n in range(5):
        edited = Document(doc.uri, VALID.replace("type: fact", f"type: fact  # {n}"), path=doc.path)
        assert diagnostics.problems(edited, world) == []
    assert world.essays.reads == 1
    (project / "small" / "essay.txt").write_text(ESSAY.replace("Shorter", "Longer"), encoding="utf-8")
    assert [p.code for p in diagnostics.problems(doc, world)] == ["E403"]
    assert world.essays.reads == 2


def test_a_link_to_a_missing_claim_of_a_workspace_map_is_reported(project: Path) -> None:
    world = World([project])
    path = project / "maps" / f"{GREITENS}.yaml"
    text = path.read_text("utf-8").replace("to: fears-western-intervention", "to: fears-western-interventio")
    doc = opened(world, path, text)
    found = [(p.code, p.message) for p in diagnostics.problems(doc, world)]
    assert found == [
        (
            "E208",
            "the link's target 'fears-western-interventio' is not a claim of map 'maan-2024'; "
            "did you mean 'fears-western-intervention'?",
        )
    ]


def test_other_yaml_files_are_left_alone(tmp_path: Path) -> None:
    doc = Document(uri_of(tmp_path / "ci.yaml"), "on: push\njobs:\n  test: {runs-on: x}\n", path=tmp_path / "ci.yaml")
    world = World()
    assert diagnostics.diagnostics(doc, world) == []
    assert completion.complete(doc, 3, world).items == []
    assert hover.hover(doc, 1, world) is None


# -- completion -----------------------------------------------------------------------------------


def test_places_in_half_typed_text() -> None:
    def place(marked: str) -> tuple[tuple[str, ...], str, str] | None:
        offset = marked.index("|")
        found = place_at(LineIndex(marked.replace("|", "")), offset)
        return None if found is None else (found.path, found.kind, found.prefix)

    assert place("arguments:\n  a1:\n    premises: [a, b|") == (("arguments", "a1", "premises", "*"), "value", "b")
    assert place("arguments:\n  a1:\n    premises: [a,\n      |") == (("arguments", "a1", "premises", "*"), "value", "")
    assert place("arguments:\n  a1:\n    premises:\n      - a\n      - x|") == (
        ("arguments", "a1", "premises", "*"),
        "item",
        "x",
    )
    assert place("arguments:\n  a1: {premises: [p], conclusion: c|}") == (
        ("arguments", "a1", "conclusion"),
        "value",
        "c",
    )
    assert place("arguments:\n  a1: {premises: [p], |}") == (("arguments", "a1"), "key", "")
    assert place("links:\n  - claim: x\n    map: m\n    to: |") == (("links", "*", "to"), "value", "")
    assert place("links:\n- claim: x\n  ma|") == (("links", "*"), "key", "ma")
    assert place("claims:\n  c1:\n    quote: 'it''s the|") == (("claims", "c1", "quote"), "value", "it''s the")
    assert place("claims:\n  c1:\n    text: some text  # a comm|") is None
    assert place("claims:\n  c1:\n    text: a long\n      text that goes on|") is None
    assert place("claims:\n  c1:\n    text: >-\n      folded |") is None
    assert place("|") == ((), "key", "")


def test_completion_of_ids_values_and_fields(project: Path) -> None:
    text = VALID.replace("    scheme: practical-reasoning\n", "    scheme: \n    attacks: \n    \n").replace(
        "premises: [gains, worth-it]", "premises: [faster, , gains]"
    )
    world, doc = small(project, text)

    def items(needle: str, delta: int) -> list[str]:
        return labels(completion.complete(doc, at(text, needle, delta), world))

    assert items("premises: [faster, , gains]", len("premises: [faster, ")) == ["happier", "extend", "worth-it"]
    assert items("scheme: \n", len("scheme: "))[:3] == ["default", "cause-to-effect", "correlation-to-cause"]
    assert items("attacks: \n", len("attacks: ")) == ["faster", "happier", "gains", "extend", "worth-it", "benefit"]
    assert items("    \n", 4) == ["label", "quote", "weight", "conceded"]  # reconstructed and note are there
    assert items("type: fact", len("type: ")) == [
        "fact",
        "interpretation",
        "prediction",
        "recommendation",
        "definition",
        "value",
    ]
    assert items("thesis: [extend]", len("thesis: [")) == ["faster", "happier", "gains", "extend", "worth-it"]


def test_completing_a_scheme_shows_its_critical_questions(project: Path) -> None:
    world, doc = small(project)
    result = completion.complete(doc, at(VALID, "scheme: cause-to-effect", len("scheme: cause")), world)
    item = next(i for i in result.items if i.label == "cause-to-effect")
    assert item.documentation.value.startswith("**Cause to effect** (scheme `cause-to-effect`)")
    assert "Critical questions:" in item.documentation.value
    assert item.text_edit.new_text == "cause-to-effect"
    start, end = doc.offset(item.text_edit.range.start), doc.offset(item.text_edit.range.end)
    assert doc.text[start:end] == "cause-to-effect"


def test_quote_completion_offers_the_essays_sentences_with_their_exact_text(project: Path) -> None:
    text = VALID.replace("quote: so the city gains", "quote: so the ci")
    world, doc = small(project, text)
    result = completion.complete(doc, at(text, "quote: so the ci", len("quote: so the ci")), world)
    assert result.is_incomplete is True
    assert [i.text_edit.new_text for i in result.items] == [
        "Shorter commutes make people happier, and happier workers are more productive \u2014 so the city gains."
    ]
    assert result.items[0].detail == "line 6, paragraph 3"
    edited = apply(doc, [result.items[0].text_edit])
    assert diagnostics.problems(Document(doc.uri, edited, path=doc.path), world) == []


def test_quote_completion_quotes_for_yaml_and_warns_of_repeated_sentences(project: Path) -> None:
    text = VALID.replace("quote: Shorter commutes make people happier, and", 'quote: "Shorter commutes make')
    world, doc = small(project, text)
    result = completion.complete(doc, at(text, '"Shorter commutes make', 22), world)
    assert [(i.text_edit.new_text, i.detail) for i in result.items] == [
        ("Shorter commutes make people happier.", "line 5, paragraph 3"),
        (
            "Shorter commutes make people happier, and happier workers are more productive \u2014 so the city gains.",
            "line 6, paragraph 3",
        ),
    ]
    assert result.items[0].filter_text == '"Shorter commutes make'
    text = VALID.replace("quote: The council should extend the line.", "quote: Critics")
    world, doc = small(project, text)
    result = completion.complete(doc, at(text, "quote: Critics", len("quote: Critics")), world)
    assert [i.text_edit.new_text for i in result.items] == ["Critics say the \u201cfigures\u201d are preliminary."]


def test_quote_completion_warns_of_sentences_printed_twice(project: Path) -> None:
    (project / "small" / "essay.txt").write_text(ESSAY + "\nThe council should extend the line.\n", encoding="utf-8")
    text = VALID.replace("quote: The council should extend the line.", "quote: The council")
    world, doc = small(project, text)
    result = completion.complete(doc, at(text, "quote: The council", len("quote: The council")), world)
    assert [(i.text_edit.new_text, i.detail) for i in result.items] == [
        ("The council should extend the line.", "line 8, paragraph 4 (occurs 2 times: quote part of it, or more)"),
        ("The council should extend the line.", "line 10, paragraph 5 (occurs 2 times: quote part of it, or more)"),
    ]


def test_yaml_scalars_read_back_exactly() -> None:
    from argmap.lsp.essay import yaml_scalar

    cases = ["plain words", "Thesis: more", "- a dash", "yes", "1.5", "# not a comment", "a # b", "it's", "x:", '"q"']
    assert [yaml_scalar(c) for c in cases] == [
        "plain words",
        '"Thesis: more"',
        '"- a dash"',
        '"yes"',
        '"1.5"',
        '"# not a comment"',
        '"a # b"',
        "it's",
        '"x:"',
        '"\\"q\\""',
    ]


def test_completion_keeps_the_last_good_ids_while_the_yaml_is_broken(project: Path) -> None:
    world, doc = small(project)
    broken = VALID.replace("    conclusion: extend\n", "    conclusion: [ext\n")
    doc2 = Document(doc.uri, broken, version=2, path=doc.path)
    world.update(doc2)
    assert doc2.data is None and world.good(doc.uri) is doc
    result = completion.complete(doc2, at(broken, "[ext", 4), world)
    assert labels(result) == ["faster", "happier", "gains", "extend", "worth-it"]


def test_new_ids_under_claims_are_those_used_but_not_defined(project: Path) -> None:
    text = VALID.replace("premises: [gains, worth-it]", "premises: [gains, worth-it, new-premise]").replace(
        "claims:\n", "claims:\n  n\n", 1
    )
    world = World([project])
    good = opened(
        world, project / "small" / "map.yaml", VALID.replace("[gains, worth-it]", "[gains, worth-it, new-premise]")
    )
    doc = Document(good.uri, text, version=2, path=good.path)
    world.update(doc)
    assert labels(completion.complete(doc, at(text, "  n\n", 3), world)) == ["new-premise"]


def test_links_complete_other_maps_and_their_claims(project: Path) -> None:
    world = World([project])
    path = project / "maps" / f"{GREITENS}.yaml"
    text = path.read_text("utf-8").replace(
        "    map: maan-2024\n    to: fears-western-intervention", "    map: maan-2024\n    to: fear", 1
    )
    doc = opened(world, path, text)
    maan = opened(World(), project / "maps" / f"{MAAN}.yaml")
    assert labels(completion.complete(doc, at(text, "to: fear", 8), world)) == list(maan.section("claims"))
    assert labels(completion.complete(doc, at(text, "map: maan-2024", 5), world)) == ["maan-2024", "small"]


# -- hover, definition, references ----------------------------------------------------------------


def markdown(result: types.Hover | None) -> str:
    assert result is not None
    return result.contents.value  # type: ignore[union-attr]


def test_hover_explains_schemes_fields_quotes_and_arguments(project: Path) -> None:
    world, doc = small(project)
    assert markdown(hover.hover(doc, at(VALID, "practical-reasoning", 3), world)).startswith(
        "**Practical reasoning** (scheme `practical-reasoning`)"
    )
    assert markdown(hover.hover(doc, at(VALID, "implicit: true", 2), world)) == (
        "**implicit** (Claim)\n\nTrue when the essay assumes the claim without saying it: then it needs no quote."
        "\n\nOne of: `true`, `false`"
    )
    assert (
        markdown(hover.hover(doc, at(VALID, "so the city gains", 3), world)) == "In the essay at line 6, paragraph 3."
    )
    assert markdown(hover.hover(doc, at(VALID, "conclusion: gains", 13), world)).startswith(
        "**claim** `gains` \u00b7 intermediate \u00b7 in (grounded)"
    )
    text = VALID.replace("premises: [gains, worth-it]", "premises: [gains, worth-it]\n    label: Policy")
    world, doc = small(project, text)
    assert hover.hover(doc, at(text, "  policy:", 3), world) is not None
    assert markdown(hover.hover(doc, at(text, "  policy:", 3), world)) == (
        "**argument** `policy` \u00b7 in (grounded)\n\n*all its premises are in*\n\ngains, worth-it \u2192 extend"
        "\n\nscheme: Practical reasoning\n\n*The essay states the recommendation after the gain, without a connective.*"
    )


def test_hover_on_a_quote_that_is_not_in_the_essay_shows_the_closest_passage(project: Path) -> None:
    text = VALID.replace("quote: so the city gains", "quote: so that the city gains")
    world, doc = small(project, text)
    assert markdown(hover.hover(doc, at(text, "so that the city", 3), world)) == (
        "Not in the essay. Closest passage, at line 6:\n\n> \u2014 so the city gains."
    )


def test_definition_follows_links_to_the_other_map(project: Path) -> None:
    world = World([project])
    path = project / "maps" / f"{GREITENS}.yaml"
    text = path.read_text("utf-8")
    doc = opened(world, path, text)
    maan = (project / "maps" / f"{MAAN}.yaml").read_text("utf-8")
    [loc] = navigation.definition(doc, at(text, "to: fears-western-intervention", 6), world)
    assert loc.uri == uri_of(project / "maps" / f"{MAAN}.yaml")
    assert loc.range.start.line == maan[: at(maan, "  fears-western-intervention:")].count("\n")
    [loc] = navigation.definition(doc, at(text, "map: maan-2024", 6), world)
    assert loc.range.start.line == maan[: at(maan, "id: maan-2024")].count("\n")
    [loc] = navigation.definition(doc, at(text, "path: ../seeds", 8), world)
    assert loc.uri == uri_of(project / "seeds" / f"{GREITENS}.txt")


def test_references_and_rename_of_a_concept_span_the_maps_that_share_it(project: Path) -> None:
    world = World([project])
    path = project / "maps" / f"{GREITENS}.yaml"
    text = path.read_text("utf-8")
    doc = opened(world, path, text)
    offset = at(text, "  comprehensive-security:", 4)
    refs = navigation.references(doc, offset, world)
    maan_uri = uri_of(project / "maps" / f"{MAAN}.yaml")
    maan = (project / "maps" / f"{MAAN}.yaml").read_text("utf-8")
    assert sum(1 for r in refs if r.uri == doc.uri) == text.count("comprehensive-security")
    assert sum(1 for r in refs if r.uri == maan_uri) == maan.count("comprehensive-security")
    assert len(navigation.references(doc, offset, world, include_declaration=False)) == len(refs) - 2
    edit = navigation.rename(doc, offset, "overall-security", world)
    assert edit is not None and set(edit.changes) == {doc.uri, maan_uri}
    renamed = apply(doc, edit.changes[doc.uri])
    assert "comprehensive-security" not in renamed and diagnostics.problems(
        Document(doc.uri, renamed, path=path), world
    ) == diagnostics.problems(doc, world)


def test_rename_of_a_map_id_updates_the_links_to_it(project: Path) -> None:
    world = World([project])
    path = project / "maps" / f"{MAAN}.yaml"
    text = path.read_text("utf-8")
    doc = opened(world, path, text)
    edit = navigation.rename(doc, at(text, "id: maan-2024", 5), "maan-2024-paradigm", world)
    greitens = project / "maps" / f"{GREITENS}.yaml"
    assert edit is not None
    assert len(edit.changes[doc.uri]) == 1
    assert len(edit.changes[uri_of(greitens)]) == greitens.read_text("utf-8").count("map: maan-2024")


def test_rename_refuses_invalid_or_taken_ids_and_schemes(project: Path) -> None:
    world, doc = small(project)
    with pytest.raises(navigation.RenameError, match="not a valid id"):
        navigation.rename(doc, at(VALID, "  faster:", 3), "Faster", world)
    with pytest.raises(navigation.RenameError, match="'benefit' is already an id in arguments"):
        navigation.rename(doc, at(VALID, "  faster:", 3), "benefit", world)
    with pytest.raises(navigation.RenameError, match="schemes come from the catalogue"):
        navigation.rename(doc, at(VALID, "cause-to-effect", 2), "cause", world)
    assert navigation.prepare_rename(doc, at(VALID, "cause-to-effect", 2), world) is None
    edit = navigation.rename(doc, at(VALID, "[faster", 2), "tram-faster", world)
    assert edit is not None
    assert apply(doc, edit.changes[doc.uri]) == VALID.replace("faster", "tram-faster")


def test_document_and_workspace_symbols(project: Path) -> None:
    world, doc = small(project)
    symbols = navigation.document_symbols(doc)
    assert [(s.name, s.detail, [c.name for c in s.children or []]) for s in symbols] == [
        ("claims", "5 claims", ["faster", "happier", "gains", "extend", "worth-it"]),
        ("arguments", "2 arguments", ["benefit", "policy"]),
    ]
    benefit = symbols[1].children[0]  # type: ignore[index]
    assert benefit.detail == "faster, happier \u2192 gains"
    assert doc.text[doc.offset(benefit.range.start) : doc.offset(benefit.range.end)] == (
        "benefit:\n    premises: [faster, happier]\n    conclusion: gains\n"
        "    scheme: cause-to-effect\n    quote: so the"
    )
    found = navigation.workspace_symbols("tram", world)
    assert [(s.name, s.container_name) for s in found] == [("faster", "small"), ("gains", "small")]
    assert {s.container_name for s in navigation.workspace_symbols("ccp", world)} == {"greitens-2022", "maan-2024"}


def test_highlights_mark_the_definition_as_written(project: Path) -> None:
    world, doc = small(project)
    found = navigation.highlights(doc, at(VALID, "[gains", 2), world)
    lines = VALID.splitlines()
    assert [(h.range.start.line, h.kind) for h in found] == [
        (lines.index("  gains:"), types.DocumentHighlightKind.Write),
        (lines.index("    conclusion: gains"), types.DocumentHighlightKind.Read),
        (lines.index("    premises: [gains, worth-it]"), types.DocumentHighlightKind.Read),
    ]


# -- code actions and formatting ------------------------------------------------------------------


def fixes(doc: Document, world: World, code: str) -> list[types.CodeAction]:
    problem = next(p for p in diagnostics.problems(doc, world) if p.code == code)
    start, end = doc.problem_span(problem)
    return [a for a in actions.code_actions(doc, start, end, world) if a.diagnostics[0].code == code]  # type: ignore[index]


def after(doc: Document, action: types.CodeAction) -> Document:
    assert action.edit is not None and action.edit.changes is not None
    return Document(doc.uri, apply(doc, action.edit.changes[doc.uri]), path=doc.path)


def codes(doc: Document, world: World) -> list[str]:
    return [p.code for p in diagnostics.problems(doc, world)]


def test_define_claim_adds_it_at_the_end_of_claims(project: Path) -> None:
    text = VALID.replace("premises: [gains, worth-it]", "premises: [gains, worth-it, fair-fares]")
    world, doc = small(project, text)
    [define] = fixes(doc, world, "E201")
    assert define.title == "Define claim 'fair-fares'"
    fixed = after(doc, define)
    assert "    implicit: true\n  fair-fares:\n    text: Fair fares.\narguments:\n" in fixed.text
    assert codes(fixed, world) == ["W406"]
    [implicit] = fixes(fixed, world, "W406")
    assert implicit.title == "Mark claim 'fair-fares' implicit"
    assert codes(after(fixed, implicit), world) == []


def test_mark_implicit_in_a_flow_mapping(project: Path) -> None:
    text = VALID.replace("claims:\n", "claims:\n  aside: {text: An aside.}\n").replace(
        "[gains, worth-it]", "[gains, worth-it, aside]"
    )
    world, doc = small(project, text)
    [action] = fixes(doc, world, "W406")
    fixed = after(doc, action)
    assert "  aside: {text: An aside., implicit: true}\n" in fixed.text
    assert codes(fixed, world) == []


def test_fix_quote_replaces_it_with_the_closest_passage(project: Path) -> None:
    text = VALID.replace("quote: so the city gains", "quote: so that the city gains")
    world, doc = small(project, text)
    [action] = fixes(doc, world, "E403")
    assert action.title == 'Replace the quote with the essay\'s "\u2014 so the city gains."'
    assert action.is_preferred is True
    assert codes(after(doc, action), world) == []


def test_add_an_unused_claim_to_an_argument(project: Path) -> None:
    text = VALID.replace("premises: [gains, worth-it]", "premises: [gains]").replace(
        "    premises: [faster, happier]", "    premises:\n      - faster\n      - happier"
    )
    world, doc = small(project, text)
    found = fixes(doc, world, "W303")
    assert [a.title for a in found] == [
        "Add 'worth-it' to the premises of argument 'benefit'",
        "Add 'worth-it' to the premises of argument 'policy'",
    ]
    block = after(doc, found[0])
    assert "    premises:\n      - faster\n      - happier\n      - worth-it\n" in block.text
    flow = after(doc, found[1])
    assert "premises: [gains, worth-it]" in flow.text and codes(flow, world) == []


def test_did_you_mean_for_schemes_and_fields(project: Path) -> None:
    text = VALID.replace("scheme: cause-to-effect", "scheme: cause-effect").replace("type: fact", "typ: fact")
    world, doc = small(project, text)
    assert [a.title for a in fixes(doc, world, "E101")] == ["Change 'typ' to 'type'"]
    fixed = after(doc, fixes(doc, world, "E101")[0])
    assert [a.title for a in fixes(fixed, world, "E206")][0] == "Change 'cause-effect' to 'cause-to-effect'"


def test_formatting_is_argmap_fmt_and_refuses_broken_yaml(project: Path) -> None:
    from argmap.fmt import format_text

    messy = VALID.replace("argmap: 1\nid: small\n", "id: small\nargmap: 1\n")
    world, doc = small(project, messy)
    [edit] = actions.format_document(doc)
    assert edit.new_text == format_text(messy) and apply(doc, [edit]) == format_text(messy)
    assert actions.format_document(Document(doc.uri, format_text(messy), path=doc.path)) == []
    assert actions.format_document(Document(doc.uri, messy + "  bad: [\n", path=doc.path)) == []


# -- robustness -----------------------------------------------------------------------------------


def every_feature(doc: Document, world: World, offset: int) -> None:
    diagnostics.diagnostics(doc, world)
    completion.complete(doc, offset, world)
    hover.hover(doc, offset, world)
    navigation.definition(doc, offset, world)
    navigation.references(doc, offset, world)
    navigation.highlights(doc, offset, world)
    navigation.document_symbols(doc)
    navigation.prepare_rename(doc, offset, world)
    with contextlib.suppress(navigation.RenameError):
        navigation.rename(doc, offset, "renamed-id", world)
    actions.code_actions(doc, 0, len(doc.text), world)
    actions.format_document(doc)


YAMLISH = st.text(alphabet=st.sampled_from(list("abc-: []{}#'\"\n\t,|>&*!%@`?\u00a0\u2028\ufeff\x00é😀")), max_size=200)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=YAMLISH, where=st.floats(min_value=0, max_value=1))
def test_no_feature_fails_on_any_text(tmp_path: Path, text: str, where: float) -> None:
    doc = Document(uri_of(tmp_path / "m.yaml"), "argmap: 1\n" + text, path=tmp_path / "m.yaml")
    every_feature(doc, World(), int(where * len(doc.text)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_no_feature_fails_on_a_damaged_seed_map(project: Path, data: st.DataObject) -> None:
    path = project / "small" / "map.yaml"
    text = VALID
    for _ in range(data.draw(st.integers(1, 4))):
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, min(len(text), start + 40)))
        text = text[:start] + data.draw(st.text(alphabet="ab-:[]{}#,' \n\"", max_size=8)) + text[end:]
    world = World([project])
    doc = opened(world, path, text)
    every_feature(doc, world, data.draw(st.integers(0, len(text))))


@pytest.mark.parametrize("path", sorted(p for p in BAD.rglob("*") if p.is_file()), ids=lambda p: p.name)
def test_no_feature_fails_on_the_hostile_corpus(path: Path) -> None:
    text = path.read_bytes().decode("utf-8", "replace")
    doc = Document(uri_of(path), text, path=path)
    world = World([BAD])
    for offset in range(0, len(text) + 1, max(1, len(text) // 7)):
        every_feature(doc, world, offset)


def test_the_version_does_not_import_the_language_server() -> None:
    code = (
        "import sys\nfrom argmap.cli import main\ntry:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "print('pygls' in sys.modules, 'lsprotocol' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[-1] == "False False"


def frames(data: bytes) -> list[dict[str, object]]:
    """The JSON-RPC messages of an LSP byte stream (each after its Content-Length header)."""
    import json

    found = []
    while data:
        head, _, rest = data.partition(b"\r\n\r\n")
        length = next(int(h.split(b":")[1]) for h in head.split(b"\r\n") if h.lower().startswith(b"content-length"))
        found.append(json.loads(rest[:length]))
        data = rest[length:]
    return found


def test_standard_output_carries_only_the_protocol_and_logs_go_to_standard_error(project: Path) -> None:
    import json

    uri = uri_of(project / "small" / "map.yaml")
    messages = [
        {"id": 1, "method": "initialize", "params": {"capabilities": {}, "rootUri": uri_of(project)}},
        {"method": "initialized", "params": {}},
        {
            "method": "textDocument/didOpen",
            "params": {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": VALID + "  oops: [\n"}},
        },
        {
            "id": 2,
            "method": "textDocument/hover",
            "params": {"textDocument": {"uri": uri}, "position": {"line": 27, "character": 16}},
        },
        {"id": 3, "method": "no/such-method", "params": {}},
        {"id": 4, "method": "shutdown"},
        {"method": "exit"},
    ]
    stream = b"Content-Length: 5\r\n\r\n{bad}" + b"".join(
        b"Content-Length: %d\r\n\r\n%s" % (len(body), body)
        for body in (json.dumps({"jsonrpc": "2.0", **m}).encode() for m in messages)
    )
    proc = subprocess.run(
        [sys.executable, "-m", "argmap", "lsp", "--verbose"], input=stream, capture_output=True, timeout=60
    )
    assert proc.returncode == 0
    out = frames(proc.stdout)
    assert all(m["jsonrpc"] == "2.0" for m in out)
    by_id = {m["id"]: m for m in out if "id" in m}
    assert by_id[1]["result"]["serverInfo"]["name"] == "argmap"  # type: ignore[index]
    assert by_id[2]["result"] is None  # the buffer does not parse: nothing to hover
    assert by_id[3]["error"]["code"] == -32601  # type: ignore[index]
    published = [m for m in out if m.get("method") == "textDocument/publishDiagnostics"]
    assert [d["code"] for d in published[0]["params"]["diagnostics"]] == ["E001"]  # type: ignore[index]
    assert not [m for m in out if m.get("method") == "window/showMessage"]  # the bad frame is only logged
    assert b"argmap lsp: " in proc.stderr


def test_the_readme_and_the_vs_code_extension_start_the_same_command() -> None:
    import json

    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("### `argmap lsp`")[1].split("\n### ")[0]
    for editor in ("**VS Code**", "**Neovim**", "**Helix**"):
        assert editor in section
    assert section.count('cmd = { "argmap", "lsp" }') == 2 and 'args = ["lsp"]' in section
    manifest = json.loads((ROOT / "editors" / "vscode" / "package.json").read_text("utf-8"))
    assert manifest["main"] == "./extension.js" and manifest["activationEvents"] == ["onLanguage:yaml"]
    assert manifest["contributes"]["configuration"]["properties"]["argmap.command"]["default"] == ["argmap", "lsp"]
    assert 'get("command")' in (ROOT / "editors" / "vscode" / "extension.js").read_text("utf-8")


def test_checks_run_at_once_after_a_pause_and_once_per_burst_of_typing() -> None:
    import asyncio
    import time

    from argmap.lsp.server import make_server

    server = make_server(debounce=0.1)
    calls: list[tuple[str, float]] = []
    server.diagnose = lambda uri, spread=True: calls.append((uri, time.monotonic()))  # type: ignore[method-assign]

    async def scenario() -> None:
        start = time.monotonic()
        server.schedule("file:///a.yaml")  # after a pause: checked at once
        await asyncio.sleep(0.3)
        burst = time.monotonic()
        for _ in range(10):  # a burst: its first change follows a pause, the rest are checked once they pause
            last = time.monotonic()
            server.schedule("file:///a.yaml")
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.3)
        assert len(calls) == 3
        assert calls[0][1] - start < 0.09 and calls[1][1] - burst < 0.09  # sooner than the debounce
        assert calls[2][1] - last >= 0.1

    asyncio.run(scenario())
