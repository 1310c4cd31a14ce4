"""How soon `argmap lsp` publishes diagnostics after an edit of a map (run by benchmarks/run.py).

A real client (pygls) starts `argmap lsp` over stdio, opens the map, and then changes it again and again
after a pause, alternating a typo'd premise and the original text; each figure is the time from sending
the change to receiving the diagnostics of that version, as an author feels it. A burst of quick edits
is measured too: there the server waits for the typing to pause (its debounce) before it checks.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient


async def _session(path: Path, runs: int) -> dict[str, float]:
    client = LanguageClient("argmap-bench", "1")
    arrived: asyncio.Queue[tuple[float, types.PublishDiagnosticsParams]] = asyncio.Queue()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)  # type: ignore[untyped-decorator]
    def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
        arrived.put_nowait((time.perf_counter(), params))

    async def published(version: int) -> tuple[float, int]:
        while True:
            at, params = await asyncio.wait_for(arrived.get(), 30)
            if params.version == version:
                return at, len(params.diagnostics)

    await client.start_io(sys.executable, "-m", "argmap", "lsp")
    root = path.resolve().parent.parent
    await client.initialize_async(
        types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=root.as_uri(), process_id=None)
    )
    client.initialized(types.InitializedParams())
    uri = path.resolve().as_uri()
    text = path.read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if line.strip().startswith("premises: ["))
    typo = text.replace(first, first.replace("[", "[typo-", 1), 1)
    start = time.perf_counter()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)
        )
    )
    opened, _ = await published(1)
    figures = {"open": opened - start}
    times, counts = [], set()
    for version in range(2, runs + 2):
        edited = typo if version % 2 == 0 else text
        await asyncio.sleep(0.3)  # the author pauses, then makes one edit
        start = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=edited)],
            )
        )
        at, count = await published(version)
        times.append(at - start)
        counts.add(count)
    assert len(counts) == 2, "the typo must make a problem and its fix must remove it"
    figures["edit"] = statistics.median(times)
    # a burst of typing: ten changes 30 ms apart, then the time from the last one to its diagnostics
    version = runs + 2
    for step in range(10):
        version += 1
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text + "#" * step)],
            )
        )
        start = time.perf_counter()
        await asyncio.sleep(0.03)
    at, _ = await published(version)
    figures["burst"] = at - start
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()  # type: ignore[no-untyped-call]
    return figures


def measure(path: Path, runs: int = 21) -> dict[str, float]:
    """{'open': first diagnostics after opening, 'edit': median after an edit, 'burst': after the last
    of ten quick edits}, in seconds."""
    return asyncio.run(_session(path, runs))


def check_only(path: Path, runs: int = 21) -> float:
    """The median time of the server's own work for one edit, without the debounce or the pipe: the map
    indexed and checked (the essay already cached)."""
    from argmap.lsp.diagnostics import diagnostics
    from argmap.lsp.document import Document
    from argmap.lsp.workspace import World

    world = World([path.resolve().parent.parent])
    text = path.read_text(encoding="utf-8")
    uri = path.resolve().as_uri()
    times = []
    for n in range(runs):
        start = time.perf_counter()
        diagnostics(Document(uri, text + "#" * n, path=path.resolve()), world)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


if __name__ == "__main__":
    seed = Path(__file__).resolve().parent.parent / "maps" / "greitens-2022-xi-jinpings-quest-for-order.yaml"
    print(measure(seed), check_only(seed))
