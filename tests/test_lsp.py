"""`argmap lsp` end to end: the real command over stdio, driven by pytest-lsp as an editor would."""

from __future__ import annotations

import asyncio
import shutil
import sys
import time
from pathlib import Path

import pytest
import pytest_lsp
from conftest import ESSAY, ROOT, VALID
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from argmap.api import check, check_paths
from argmap.lsp.document import uri_of

pytestmark = pytest.mark.asyncio(loop_scope="module")

GREITENS = "greitens-2022-xi-jinpings-quest-for-order"
MAAN = "maan-2024-chinas-total-national-security-paradigm"
BAD = Path(__file__).resolve().parent / "bad"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with both seed maps and their essays, and the small map of the other tests."""
    root = tmp_path_factory.mktemp("workspace")
    (root / ".argmap-root").write_text("")
    shutil.copytree(ROOT / "maps", root / "maps")
    shutil.copytree(ROOT / "seeds", root / "seeds")
    (root / "small").mkdir()
    (root / "small" / "essay.txt").write_text(ESSAY, encoding="utf-8")
    (root / "small" / "map.yaml").write_text(VALID, encoding="utf-8")
    return root


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[sys.executable, "-m", "argmap", "lsp", "--stdio"]), scope="module"
)
async def client(lsp_client: LanguageClient, workspace: Path):  # type: ignore[no-untyped-def]
    registrations: list[types.RegistrationParams] = []

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        registrations.append(params)

    lsp_client.registrations = registrations  # type: ignore[attr-defined]
    params = types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        root_uri=uri_of(workspace),
        workspace_folders=[types.WorkspaceFolder(uri=uri_of(workspace), name="workspace")],
    )
    lsp_client.initialize_result = await lsp_client.initialize_session(params)  # type: ignore[attr-defined]
    yield
    await lsp_client.shutdown_session()


async def published(client: LanguageClient, uri: str, timeout: float = 10.0) -> list[types.Diagnostic]:
    """The next diagnostics the server publishes for uri."""
    deadline = time.monotonic() + timeout
    while uri not in client.diagnostics:
        if time.monotonic() > deadline:
            raise AssertionError(f"no diagnostics for {uri}")
        await asyncio.sleep(0.02)
    return list(client.diagnostics.pop(uri))


async def open_doc(client: LanguageClient, path: Path, text: str | None = None) -> tuple[str, list[types.Diagnostic]]:
    uri = uri_of(path)
    client.diagnostics.pop(uri, None)
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="yaml", version=1, text=path.read_text("utf-8") if text is None else text
            )
        )
    )
    return uri, await published(client, uri)


async def change(client: LanguageClient, uri: str, version: int, text: str) -> list[types.Diagnostic]:
    client.diagnostics.pop(uri, None)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    return await published(client, uri)


def close(client: LanguageClient, uri: str) -> None:
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )


def pos(text: str, needle: str, delta: int = 0, nth: int = 0) -> types.Position:
    """The position of the nth needle in text (plus delta characters), for ASCII text."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    at += delta
    line = text.count("\n", 0, at)
    return types.Position(line=line, character=at - (text.rfind("\n", 0, at) + 1))


TYPO = VALID.replace("premises: [gains, worth-it]", "premises: [gains, worth-ti]")


async def test_initialize_announces_the_features(client: LanguageClient) -> None:
    result = client.initialize_result  # type: ignore[attr-defined]
    assert result.server_info.name == "argmap"
    caps = result.capabilities
    assert caps.text_document_sync.change == types.TextDocumentSyncKind.Full
    assert set(caps.completion_provider.trigger_characters) >= {" ", "[", ","}
    assert caps.hover_provider and caps.definition_provider and caps.references_provider
    assert caps.rename_provider.prepare_provider is True
    assert list(caps.code_action_provider.code_action_kinds) == [types.CodeActionKind.QuickFix]
    assert caps.document_formatting_provider and caps.document_symbol_provider and caps.workspace_symbol_provider


async def test_a_typo_in_a_premise_is_an_error_at_its_exact_range(client: LanguageClient, workspace: Path) -> None:
    path = workspace / "small" / "typo.yaml"
    path.write_text(TYPO, encoding="utf-8")
    uri, found = await open_doc(client, path)
    assert [(d.range, d.code, d.severity) for d in found] == [
        (
            types.Range(start=pos(TYPO, "worth-it:"), end=pos(TYPO, "worth-it:", 8)),
            "W303",
            types.DiagnosticSeverity.Warning,
        ),
        (
            types.Range(start=pos(TYPO, "worth-ti"), end=pos(TYPO, "worth-ti", 8)),
            "E201",
            types.DiagnosticSeverity.Error,
        ),
    ]
    [e201] = [p for p in check(path) if p.code == "E201"]
    assert (found[1].range.start.line, found[1].range.start.character) == (e201.line - 1, e201.col - 1)
    assert found[1].message == (
        "premise 'worth-ti' of argument 'policy' is not a claim; did you mean 'worth-it'?\n"
        "hint: define it under 'claims' or correct the id"
    )
    assert found[1].source == "argmap"
    assert list(found[0].tags) == [types.DiagnosticTag.Unnecessary]
    close(client, uri)


async def test_diagnostics_are_those_of_argmap_check(client: LanguageClient, workspace: Path) -> None:
    files, expected = check_paths([workspace / "maps"])
    for path in files:
        text = path.read_text("utf-8").replace("conclusion: ccp-insecure", "conclusion: ccp-insecur", 1)
        path.with_suffix(".edited.yaml").write_text(text, encoding="utf-8")
    _, expected = check_paths([workspace / "maps"])
    assert expected, "the edit makes at least one problem"
    for path in sorted((workspace / "maps").glob("*.edited.yaml")):
        uri, found = await open_doc(client, path)
        want = [(p.line - 1, p.col - 1, p.code) for p in expected if p.path == str(path)]
        assert [(d.range.start.line, d.range.start.character, d.code) for d in found] == want
        close(client, uri)
        path.unlink()


async def test_completion_inside_premises_offers_the_claims(client: LanguageClient, workspace: Path) -> None:
    path = workspace / "small" / "map.yaml"
    uri, _ = await open_doc(client, path)
    text = VALID.replace("premises: [faster, happier]", "premises: [")
    await change(client, uri, 2, text)
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=pos(text, "premises: [", len("premises: ["))
        )
    )
    assert [item.label for item in result.items] == ["faster", "happier", "gains", "extend", "worth-it"]
    assert result.items[0].detail == "The tram cut commuting times by a fifth."
    close(client, uri)


async def test_a_half_typed_buffer_gets_a_syntax_error_and_keeps_the_ids(
    client: LanguageClient, workspace: Path
) -> None:
    path = workspace / "small" / "map.yaml"
    uri, _ = await open_doc(client, path)
    broken = VALID.replace("    conclusion: gains\n", '    conclusion: "gai\n')
    found = await change(client, uri, 2, broken)
    assert [(d.code, d.severity) for d in found] == [("E001", types.DiagnosticSeverity.Error)]
    assert found[0].range.start.line > 0
    at = pos(broken, '"gai', 4)
    result = await client.text_document_completion_async(
        types.CompletionParams(text_document=types.TextDocumentIdentifier(uri=uri), position=at)
    )
    assert "gains" in [item.label for item in result.items]
    close(client, uri)


async def test_hover_on_a_premise_shows_the_claim(client: LanguageClient, workspace: Path) -> None:
    path = workspace / "small" / "map.yaml"
    uri, _ = await open_doc(client, path)
    result = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=pos(VALID, "[faster", 2))
    )
    assert result.contents.value.splitlines()[:7] == [
        "**claim** `faster` \u00b7 premise \u00b7 in (grounded)",
        "",
        "*given: no argument concludes it, and nothing attacks it*",
        "",
        "The tram cut commuting times by a fifth.",
        "",
        "> new tram line has cut commuting times by a fifth",
    ]
    assert "premise of `benefit` (line 27)" in result.contents.value
    assert result.range == types.Range(start=pos(VALID, "[faster", 1), end=pos(VALID, "[faster", 7))
    close(client, uri)


async def test_definition_of_a_premise_and_of_a_quote(client: LanguageClient, workspace: Path) -> None:
    path = workspace / "small" / "map.yaml"
    uri, _ = await open_doc(client, path)
    ident = types.TextDocumentIdentifier(uri=uri)
    result = await client.text_document_definition_async(
        types.DefinitionParams(text_document=ident, position=pos(VALID, "happier]", 3))
    )
    assert result == [
        types.Location(uri=uri, range=types.Range(start=pos(VALID, "happier:"), end=pos(VALID, "happier:", 7)))
    ]
    result = await client.text_document_definition_async(
        types.DefinitionParams(text_document=ident, position=pos(VALID, "so the city gains", 5))
    )
    essay_at = ESSAY.index("so the\u00a0city gains")
    line = ESSAY.count("\n", 0, essay_at)
    col = essay_at - (ESSAY.rfind("\n", 0, essay_at) + 1)
    assert result == [
        types.Location(
            uri=uri_of(workspace / "small" / "essay.txt"),
            range=types.Range(
                start=types.Position(line=line, character=col),
                end=types.Position(line=line, character=col + len("so the city gains")),
            ),
        )
    ]
    close(client, uri)


async def test_references_include_links_from_other_maps(client: LanguageClient, workspace: Path) -> None:
    path = workspace / "maps" / f"{MAAN}.yaml"
    text = path.read_text("utf-8")
    uri, _ = await open_doc(client, path)
    result = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=pos(text, "  fears-western-intervention:", 4),
            context=types.ReferenceContext(include_declaration=True),
        )
    )
    greitens = (workspace / "maps" / f"{GREITENS}.yaml").read_text("utf-8")
    got = sorted((loc.uri, loc.range.start.line) for loc in result)
    want = sorted(
        [(uri, i) for i, line in enumerate(text.splitlines()) if "fears-western-intervention" in line]
        + [
            (uri_of(workspace / "maps" / f"{GREITENS}.yaml"), i)
            for i, line in enumerate(greitens.splitlines())
            if "to: fears-western-intervention" in line
        ]
    )
    assert got == want and len({u for u, _ in got}) == 2
    close(client, uri)


async def test_rename_edits_the_map_and_the_maps_linking_to_it(client: LanguageClient, workspace: Path) -> None:
    path = workspace / "maps" / f"{MAAN}.yaml"
    text = path.read_text("utf-8")
    uri, _ = await open_doc(client, path)
    ident = types.TextDocumentIdentifier(uri=uri)
    at = pos(text, "  fears-western-intervention:", 4)
    prepared = await client.text_document_prepare_rename_async(
        types.PrepareRenameParams(text_document=ident, position=at)
    )
    assert prepared.placeholder == "fears-western-intervention"
    edit = await client.text_document_rename_async(
        types.RenameParams(text_document=ident, position=at, new_name="mirrors-anxieties")
    )
    greitens_uri = uri_of(workspace / "maps" / f"{GREITENS}.yaml")
    assert set(edit.changes) == {uri, greitens_uri}
    assert {e.new_text for edits in edit.changes.values() for e in edits} == {"mirrors-anxieties"}
    assert len(edit.changes[uri]) == text.count("fears-western-intervention")
    assert len(edit.changes[greitens_uri]) == 1
    with pytest.raises(Exception, match="not a valid id"):
        await client.text_document_rename_async(types.RenameParams(text_document=ident, position=at, new_name="Bad Id"))
    close(client, uri)


async def test_did_you_mean_code_action_fixes_the_typo(client: LanguageClient, workspace: Path) -> None:
    path = workspace / "small" / "typo.yaml"
    path.write_text(TYPO, encoding="utf-8")
    uri, found = await open_doc(client, path)
    typo = next(d for d in found if d.code == "E201")
    result = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=typo.range,
            context=types.CodeActionContext(diagnostics=[typo]),
        )
    )
    titles = [a.title for a in result]
    assert titles == ["Change 'worth-ti' to 'worth-it'", "Define claim 'worth-ti'"]
    fix = result[0]
    assert fix.is_preferred is True and fix.kind == types.CodeActionKind.QuickFix
    assert fix.edit.changes == {uri: (types.TextEdit(range=typo.range, new_text="worth-it"),)}
    close(client, uri)


async def test_changing_the_essay_checks_its_maps_again(client: LanguageClient, workspace: Path) -> None:
    folder = workspace / "essay-change"
    folder.mkdir()
    (folder / "essay.txt").write_text(ESSAY, encoding="utf-8")
    (folder / "map.yaml").write_text(VALID, encoding="utf-8")
    uri, found = await open_doc(client, folder / "map.yaml")
    assert found == []
    (folder / "essay.txt").write_text(ESSAY.replace("so the\u00a0city gains", "so the town gains"), encoding="utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=uri_of(folder / "essay.txt"), type=types.FileChangeType.Changed)]
        )
    )
    found = await published(client, uri)
    assert [(d.code, d.range.start.line) for d in found] == [
        ("E403", VALID.splitlines().index("    quote: so the city gains"))
    ]
    close(client, uri)


async def test_formatting_uses_argmap_fmt(client: LanguageClient, workspace: Path) -> None:
    path = workspace / "small" / "unformatted.yaml"
    text = VALID.replace("    type: fact\n", "").replace(
        "    quote: new tram line has cut commuting times by a fifth\n",
        "    quote: new tram line has cut commuting times by a fifth\n    type: fact\n",
    )
    messy = text.replace("    text: The tram cut commuting times by a fifth.\n", "").replace(
        "    type: fact\n", "    type: fact\n    text: The tram cut commuting times by a fifth.\n"
    )
    path.write_text(messy, encoding="utf-8")
    uri, _ = await open_doc(client, path)
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            options=types.FormattingOptions(tab_size=2, insert_spaces=True),
        )
    )
    from argmap.fmt import format_text

    assert [e.new_text for e in edits] == [format_text(messy)]
    close(client, uri)


async def test_the_server_survives_every_hostile_file(client: LanguageClient) -> None:
    """Every file of the hostile-input corpus is opened and poked at; the server answers throughout."""
    for path in sorted(p for p in BAD.rglob("*") if p.is_file()):
        text = path.read_bytes().decode("utf-8", "replace")
        uri = uri_of(path)
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)
            )
        )
        ident = types.TextDocumentIdentifier(uri=uri)
        lines = text.splitlines() or [""]
        for line in range(0, len(lines), max(1, len(lines) // 4)):
            at = types.Position(line=line, character=min(len(lines[line]), 6))
            await client.text_document_completion_async(types.CompletionParams(text_document=ident, position=at))
            await client.text_document_hover_async(types.HoverParams(text_document=ident, position=at))
            await client.text_document_definition_async(types.DefinitionParams(text_document=ident, position=at))
        await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=ident))
        close(client, uri)
    symbols = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="ccp"))
    assert "ccp-insecure" in [s.name for s in symbols]
