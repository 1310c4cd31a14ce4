"""The pygls wiring of `argmap lsp`: documents in, diagnostics out (debounced), and each request handed to
the pure functions of this package. Every handler is guarded: whatever the input, the server logs the
error to standard error and answers with nothing rather than stopping."""

from __future__ import annotations

import asyncio
import functools
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from .. import __version__
from . import actions, completion, diagnostics, hover, navigation
from .document import Document, path_of
from .workspace import World

log = logging.getLogger("argmap.lsp")

DEBOUNCE_SECONDS = 0.1
"""While changes keep coming, the server checks the map once they pause this long (the first change after
a pause is checked at once)."""
TRIGGERS = [" ", "[", ",", '"', "'", "-"]

T = TypeVar("T")


class ArgmapServer(LanguageServer):
    """The language server: the pygls server, the world it knows, and the checks waiting to run."""

    def __init__(self, debounce: float = DEBOUNCE_SECONDS) -> None:
        # Full sync: the client sends the whole text on each change, so the server's copy can never
        # drift from the editor's (line breaks such as U+2028 are counted alike on both sides).
        super().__init__("argmap", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.world = World()
        self.debounce = debounce
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.changed: dict[str, float] = {}
        """When each document last changed (monotonic seconds)."""

    def report_server_error(self, error: Exception, source: Any) -> None:
        """A message the server could not read or answer: logged to standard error, not shown to the
        author (pygls would pop it up in the editor)."""
        log.warning("argmap lsp: %s: %s", getattr(source, "__name__", source), error)

    @property
    def encoding(self) -> str:
        kind = self.workspace.position_encoding
        return str(kind.value if isinstance(kind, types.PositionEncodingKind) else kind or "utf-16")

    def document(self, uri: str) -> Document | None:
        """The document as the editor has it now (indexed again when its text changed)."""
        held = self.workspace.text_documents.get(uri)
        if held is None:
            return None
        doc = self.world.open.get(uri)
        if doc is None or doc.version != held.version or doc.text != held.source:
            doc = Document(uri, held.source, version=held.version, encoding=self.encoding)
            self.world.update(doc)
        return doc

    def diagnose(self, uri: str, *, spread: bool = True) -> None:
        """Check a map now and publish its diagnostics; with spread, check again the open maps linking to it."""
        doc = self.document(uri)
        if doc is None:
            return
        found = diagnostics.diagnostics(doc, self.world) if doc.is_map else []
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, version=doc.version, diagnostics=found)
        )
        if spread and doc.map_id:
            for other in list(self.world.open.values()):
                if other.uri != uri and any(o.role == "link map" and o.name == doc.map_id for o in other.occurrences):
                    self.schedule(other.uri, spread=False)

    def schedule(self, uri: str, *, spread: bool = True) -> None:
        """Check a map soon: at once after a pause, and while changes keep coming, once they have paused
        for `debounce` seconds (each change restarts the wait)."""
        now = time.monotonic()
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        quiet = task is None and now - self.changed.get(uri, float("-inf")) > self.debounce
        self.changed[uri] = now
        delay = 0.0 if quiet else self.debounce
        self.pending[uri] = asyncio.get_running_loop().create_task(self._later(uri, spread, delay))

    async def _later(self, uri: str, spread: bool, delay: float) -> None:
        await asyncio.sleep(delay)
        self.pending.pop(uri, None)
        guarded(None)(self.diagnose)(uri, spread=spread)

    def essay_changed(self, path: Path) -> None:
        """Check again the open maps whose essay this file is."""
        for doc in self.world.using_essay(path):
            self.schedule(doc.uri, spread=False)

    def set_roots(self) -> None:
        roots = [to_fs_path(f.uri) for f in self.workspace.folders.values()] or [self.workspace.root_path]
        self.world.roots = [Path(r) for r in roots if r]
        self.world.rescan()


def guarded(default: T) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Run a handler; on any error, log it (to standard error) and return default instead."""

    def wrap(fn: Callable[..., T]) -> Callable[..., T]:
        @functools.wraps(fn)
        def call(*args: Any, **kwargs: Any) -> T:
            try:
                return fn(*args, **kwargs)
            except JsonRpcInvalidParams:
                raise
            except Exception:  # the server must outlive any input
                log.exception("argmap lsp: %s failed", getattr(fn, "__name__", "a handler"))
                return default

        return call

    return wrap


# -- handlers: each takes the server and the parameters of its message ------------------------------


def initialized(ls: ArgmapServer, params: types.InitializedParams) -> None:
    ls.set_roots()
    ls.world.encoding = ls.encoding
    watch = getattr(getattr(ls.client_capabilities, "workspace", None), "did_change_watched_files", None)
    if not getattr(watch, "dynamic_registration", False):
        return
    ls.world.watching = True
    watchers = [types.FileSystemWatcher(glob_pattern=p) for p in ("**/*.{yaml,yml}", "**/*.{txt,md}")]
    registration = types.Registration(
        id="argmap-watch",
        method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
        register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
    )
    ls.client_register_capability(types.RegistrationParams(registrations=[registration]))


def did_open(ls: ArgmapServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.diagnose(params.text_document.uri)


def did_change(ls: ArgmapServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri)


def did_save(ls: ArgmapServer, params: types.DidSaveTextDocumentParams) -> None:
    ls.essay_changed(path_of(params.text_document.uri))


def did_close(ls: ArgmapServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    task = ls.pending.pop(uri, None)
    if task is not None:
        task.cancel()
    ls.world.close(uri)
    ls.changed.pop(uri, None)
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


def watched_files(ls: ArgmapServer, params: types.DidChangeWatchedFilesParams) -> None:
    """A map or an essay changed on disk: check again the open maps that depend on it."""
    maps_changed = False
    for change in params.changes:
        path = path_of(change.uri)
        if path.suffix in (".yaml", ".yml"):
            maps_changed = True
            if change.type != types.FileChangeType.Changed:
                ls.world.rescan()
        else:
            ls.essay_changed(path)
    if maps_changed:
        for doc in list(ls.world.open.values()):
            if any(o.role == "link map" for o in doc.occurrences):
                ls.schedule(doc.uri, spread=False)


def workspace_folders(ls: ArgmapServer, params: types.DidChangeWorkspaceFoldersParams) -> None:
    ls.set_roots()


def complete(ls: ArgmapServer, params: types.CompletionParams) -> types.CompletionList | None:
    doc = ls.document(params.text_document.uri)
    return completion.complete(doc, doc.offset(params.position), ls.world) if doc else None


def on_hover(ls: ArgmapServer, params: types.HoverParams) -> types.Hover | None:
    doc = ls.document(params.text_document.uri)
    return hover.hover(doc, doc.offset(params.position), ls.world) if doc else None


def definition(ls: ArgmapServer, params: types.DefinitionParams) -> list[types.Location] | None:
    doc = ls.document(params.text_document.uri)
    return navigation.definition(doc, doc.offset(params.position), ls.world) if doc else None


def references(ls: ArgmapServer, params: types.ReferenceParams) -> list[types.Location] | None:
    doc = ls.document(params.text_document.uri)
    if doc is None:
        return None
    return navigation.references(doc, doc.offset(params.position), ls.world, params.context.include_declaration)


def highlight(ls: ArgmapServer, params: types.DocumentHighlightParams) -> list[types.DocumentHighlight] | None:
    doc = ls.document(params.text_document.uri)
    return navigation.highlights(doc, doc.offset(params.position), ls.world) if doc else None


def document_symbols(ls: ArgmapServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol] | None:
    doc = ls.document(params.text_document.uri)
    return navigation.document_symbols(doc) if doc and doc.is_map else None


def workspace_symbols(ls: ArgmapServer, params: types.WorkspaceSymbolParams) -> list[types.WorkspaceSymbol]:
    return navigation.workspace_symbols(params.query, ls.world)


def prepare_rename(ls: ArgmapServer, params: types.PrepareRenameParams) -> types.PrepareRenamePlaceholder | None:
    doc = ls.document(params.text_document.uri)
    return navigation.prepare_rename(doc, doc.offset(params.position), ls.world) if doc else None


def rename(ls: ArgmapServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
    doc = ls.document(params.text_document.uri)
    if doc is None:
        return None
    try:
        return navigation.rename(doc, doc.offset(params.position), params.new_name, ls.world)
    except navigation.RenameError as exc:
        raise JsonRpcInvalidParams(str(exc)) from None


def code_action(ls: ArgmapServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
    doc = ls.document(params.text_document.uri)
    if doc is None:
        return None
    return actions.code_actions(doc, doc.offset(params.range.start), doc.offset(params.range.end), ls.world)


def formatting(ls: ArgmapServer, params: types.DocumentFormattingParams) -> list[types.TextEdit] | None:
    doc = ls.document(params.text_document.uri)
    return actions.format_document(doc) if doc else None


_FEATURES: list[tuple[str, Any, Callable[..., Any]]] = [
    (types.INITIALIZED, None, initialized),
    (types.TEXT_DOCUMENT_DID_OPEN, None, did_open),
    (types.TEXT_DOCUMENT_DID_CHANGE, None, did_change),
    (types.TEXT_DOCUMENT_DID_SAVE, None, did_save),
    (types.TEXT_DOCUMENT_DID_CLOSE, None, did_close),
    (types.WORKSPACE_DID_CHANGE_WATCHED_FILES, None, watched_files),
    (types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS, None, workspace_folders),
    (types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=TRIGGERS), complete),
    (types.TEXT_DOCUMENT_HOVER, None, on_hover),
    (types.TEXT_DOCUMENT_DEFINITION, None, definition),
    (types.TEXT_DOCUMENT_REFERENCES, None, references),
    (types.TEXT_DOCUMENT_DOCUMENT_HIGHLIGHT, None, highlight),
    (types.TEXT_DOCUMENT_DOCUMENT_SYMBOL, None, document_symbols),
    (types.WORKSPACE_SYMBOL, None, workspace_symbols),
    (types.TEXT_DOCUMENT_PREPARE_RENAME, None, prepare_rename),
    (types.TEXT_DOCUMENT_RENAME, None, rename),
    (
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
        code_action,
    ),
    (types.TEXT_DOCUMENT_FORMATTING, None, formatting),
]


def make_server(debounce: float = DEBOUNCE_SECONDS) -> ArgmapServer:
    """A server with every feature registered."""
    server = ArgmapServer(debounce)
    for method, options, handler in _FEATURES:
        server.feature(method, options)(guarded(None)(handler))
    return server


def run(verbose: bool = False) -> None:
    """Serve on standard input and output until the client says exit; logs go to standard error."""
    logging.basicConfig(
        stream=sys.stderr,
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(asctime)s %(name)s %(levelname)s %(message)s",
    )
    make_server().start_io()
