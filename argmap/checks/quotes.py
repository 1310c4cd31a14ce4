"""Checks that tie the map to its essay: the source file, its hash, and every quote."""

from __future__ import annotations

from collections.abc import Iterator

from ..load import Loc
from ..source import Match
from . import Context, Finding, check

CLOSEST_LIMIT = 25
"""Quotes not found for which the closest passage of the essay is searched (per map)."""


def _source_error(ctx: Context, code: str) -> Iterator[Finding]:
    error = ctx.source_error
    if error is not None and error.code == code:
        yield Finding(("source", "path"), error.message, error.hint)


@check("E401", "source-missing", "The source text named by the map does not exist.")
def source_missing(ctx: Context) -> Iterator[Finding]:
    """`source.path` is relative to the map file and must name an existing text file.

    Fails (the map is in maps/, the essay in seeds/):

        source:
          path: seeds/greitens-2022.txt

    Passes:

        source:
          path: ../seeds/greitens-2022.txt
    """
    yield from _source_error(ctx, "E401")


@check("E408", "source-unreadable", "The source text cannot be read as UTF-8 text.")
def source_unreadable(ctx: Context) -> Iterator[Finding]:
    """The source must be a plain-text file in UTF-8 (not a PDF, a Word file or another encoding).

    Fails: `source: {path: essay.pdf}`. Passes: `source: {path: essay.txt}` holding UTF-8 text.
    """
    yield from _source_error(ctx, "E408")


@check("E409", "source-outside", "The source path is absolute or leads outside the map's project folder.")
def source_outside(ctx: Context) -> Iterator[Finding]:
    """A map is often written by someone else; it must not make argmap read (and a report show) any
    file on your disk. So `source.path` is relative, and leads to a file inside the map's project:
    the nearest folder above the map holding .git, pyproject.toml or .argmap-root, or else the
    folder just above the map's.

    Fails: `path: /etc/passwd`, or `path: ../../../home/me/.ssh/id_rsa`.

    Passes: `path: ../seeds/essay.txt` for a map in maps/ of the same project.
    """
    yield from _source_error(ctx, "E409")


@check("W402", "source-changed", "The source text no longer has the sha256 the map records.")
def source_changed(ctx: Context) -> Iterator[Finding]:
    """`source.sha256` records the text the map was made from; when the file changes, quotes and
    paragraph numbers may no longer be what the analyst saw.

    Warns: the text was edited after `argmap new` wrote its hash.

    Passes: the hash matches, or the map records none.
    """
    source = ctx.map.source
    if source is None or source.sha256 is None or ctx.source_sha256 is None:
        return
    if source.sha256 != ctx.source_sha256:
        yield Finding(
            ("source", "sha256"),
            "the source text has changed since its sha256 was recorded",
            f"check the quotes, then record the new hash: sha256: {ctx.source_sha256}",
        )


@check("E403", "quote-not-found", "A quote does not occur in the source text.")
def quote_not_found(ctx: Context) -> Iterator[Finding]:
    """A claim's `quote` (and an argument's anchor, its `quote`) must be words of the essay, copied
    exactly. Curly and straight quotes, kinds of dash, and runs of spaces or line breaks are treated
    as equal; case is not.

    Fails:

        quote: which was really a regime-security concept codified as a grand strategy

    Passes:

        quote: which was really a regime security concept codified as grand strategy
    """
    if ctx.source is None:
        return
    searched = 0
    for owner, loc, quote, matches in _quoted(ctx):
        if matches:
            continue
        if not quote.strip():
            yield Finding(loc, f"the quote of {owner} is empty", "copy the words of the essay")
            continue
        other_case = ctx.source.find_ignoring_case(quote)
        if other_case is not None:
            hint = f"the essay has it with other capitals at line {other_case.line}: quotes keep the essay's case"
        elif searched >= CLOSEST_LIMIT:  # the search costs a pass over the essay per quote
            hint = f"copy the words from the essay exactly (closest passages are shown for the first {CLOSEST_LIMIT})"
        else:
            searched += 1
            near = ctx.source.closest(quote)
            if near is not None:
                match, _folded = near
                passage = " ".join(ctx.source.text[match.start : match.end].split())  # the essay's own characters
                hint = f'closest passage, at line {match.line}: "{passage}"'
            else:
                hint = "copy the words from the essay exactly"
        yield Finding(loc, f"the quote of {owner} is not in the source text", hint)


@check("E404", "quote-ambiguous", "A quote occurs more than once in the source text.")
def quote_ambiguous(ctx: Context) -> Iterator[Finding]:
    """A quote must pin down one place in the essay. Short phrases, and sentences that a magazine
    prints twice (pull-quotes), match more than once: quote more of the surrounding words.

    Fails (the sentence is also a pull-quote):

        quote: In an increasingly dangerous world, the party's chief aim is political security.

    Passes:

        quote: In an increasingly dangerous world, the party's chief aim is political security, which
    """
    for owner, loc, _quote, matches in _quoted(ctx):
        if len(matches) > 1:
            places = ", ".join(f"{m.line}:{m.col}" for m in matches)
            yield Finding(
                loc,
                f"the quote of {owner} occurs {len(matches)} times in the source (at {places})",
                "quote more of the surrounding words so that it matches once",
            )


@check("E405", "implicit-with-quote", "An implicit claim carries a quote.")
def implicit_with_quote(ctx: Context) -> Iterator[Finding]:
    """An implicit claim is one the essay assumes without saying it, so it has no words to quote.

    Fails:

        unstated-premise: {text: ..., implicit: true, quote: the GSI is actually overdue}

    Passes: drop the quote, or drop `implicit: true` if the essay does say it.
    """
    for claim_id, claim in ctx.map.claims.items():
        if claim.implicit and claim.quote is not None:
            yield Finding(
                ("claims", claim_id, "quote"),
                f"claim '{claim_id}' is implicit but has a quote",
                "remove the quote, or remove 'implicit: true' if the essay states the claim",
                at="key",
            )


@check("W406", "missing-quote", "An explicit claim of a map with a source has no quote.")
def missing_quote(ctx: Context) -> Iterator[Finding]:
    """When a map names its source, every claim the essay states carries the essay's words in
    `quote`; claims the essay only assumes are marked `implicit: true`.

    Warns: `c1: {text: The GSI is vague.}` in a map with a `source`.

    Passes: `c1: {text: The GSI is vague., quote: the GSI is currently vague}`.
    """
    if ctx.map.source is None:
        return
    for claim_id, claim in ctx.map.claims.items():
        if not claim.implicit and claim.quote is None:
            yield Finding(
                ("claims", claim_id),
                f"claim '{claim_id}' has no quote",
                "add the essay's words as 'quote', or mark it 'implicit: true'",
                at="key",
            )


@check("E407", "ignore-not-found", "An ignored stretch of the source cannot be found.")
def ignore_not_found(ctx: Context) -> Iterator[Finding]:
    """The `from` (and `to`) words of each `source.ignore` entry must occur in the source text.

    Fails: `ignore: [{from: "References:", reason: reference list}]` when the essay has no such words.

    Passes: `ignore: [{from: "Christ, K. (2022", reason: reference list}]`.
    """
    if ctx.source is None or ctx.map.source is None:
        return
    for index, item in enumerate(ctx.map.source.ignore):
        if not ctx.source.find_all(item.from_, limit=1):
            yield Finding(
                ("source", "ignore", index, "from"),
                f"the ignored stretch's start '{item.from_}' is not in the source",
                "copy the first words of the stretch exactly",
            )
        elif ctx.source.span_of(item.from_, item.to) is None:
            yield Finding(
                ("source", "ignore", index, "to"),
                f"the ignored stretch's end '{item.to}' is not in the source after its start",
                "copy the last words of the stretch exactly",
            )


@check("W409", "quote-in-ignored-part", "A quote lies in a part of the source marked as ignored.")
def quote_in_ignored(ctx: Context) -> Iterator[Finding]:
    """Ignored stretches carry no argument, so no claim should quote them.

    Warns: a claim quotes a sentence of the reference list while the list is under `source.ignore`.

    Passes: narrow the ignored stretch, or quote the body of the essay.
    """
    spans = ctx.ignored_spans
    if not spans:
        return
    for owner, loc, _quote, matches in _quoted(ctx):
        if len(matches) == 1 and any(s <= matches[0].start < e for s, e in spans):
            yield Finding(
                loc,
                f"the quote of {owner} lies in a part of the source marked as ignored",
                "quote the body of the essay, or narrow the ignored stretch",
            )


def _quoted(ctx: Context) -> Iterator[tuple[str, Loc, str, list[Match]]]:
    """(who quotes, where in the map, quote, matches) for every claim's quote, then every argument's
    anchor."""
    for section, noun, matches, owners in (
        ("claims", "claim", ctx.quote_matches, ctx.map.claims),
        ("arguments", "argument", ctx.anchor_matches, ctx.map.arguments),
    ):
        for owner_id, index, quote, found in matches:
            many = isinstance(owners[owner_id].quote, list)
            loc = (section, owner_id, "quote", index) if many else (section, owner_id, "quote")
            yield f"{noun} '{owner_id}'", loc, quote, found
