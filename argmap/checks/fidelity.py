"""Checks of fidelity to the essay: inferences anchored in its words, speakers and hedges kept."""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import Context, Finding, check


@check(
    "W601", "unanchored-inference", "An argument neither quotes the words that draw it nor says it is reconstructed."
)
def unanchored_inference(ctx: Context) -> Iterator[Finding]:
    """An inference is either the essay's own, anchored on the words that draw it (`quote`: "so",
    "this means", "given ..., ... is likely", or the sentence that joins premise and conclusion), or
    the analyst's, marked `reconstructed: true` with a `note` saying why. Only maps with a `source`.

    Warns:

        arguments:
          shift-defines-leadership: {premises: [paradigm-shift], conclusion: xi-era-defined}

    Passes:

        arguments:
          shift-defines-leadership:
            premises: [paradigm-shift]
            conclusion: xi-era-defined
            reconstructed: true
            note: The essay puts the two side by side without saying that one follows from the other.
    """
    if ctx.map.source is None:
        return
    for arg_id, argument in ctx.map.arguments.items():
        if argument.quote is None and not argument.reconstructed:
            yield Finding(
                ("arguments", arg_id),
                f"argument '{arg_id}' is neither anchored in the essay nor marked reconstructed",
                "quote the essay's words that draw the inference ('quote:'), or add 'reconstructed: true' "
                "and a 'note' saying why you infer it",
                at="key",
            )


@check("W602", "reconstructed-without-reason", "A reconstructed argument does not say why the analyst infers it.")
def reconstructed_without_reason(ctx: Context) -> Iterator[Finding]:
    """`reconstructed: true` says that no words of the essay draw the inference; its `note` says why
    the analyst infers it anyway, so a reader can judge the step. An argument that is anchored
    (`quote`) is the essay's own and is not also reconstructed.

    Warns: `reconstructed: true` without a `note`, or with a `quote` as well.

    Passes: `reconstructed: true` and `note: The essay lists the two side by side ...`.
    """
    for arg_id, argument in ctx.map.arguments.items():
        if not argument.reconstructed:
            continue
        if argument.quote is not None:
            yield Finding(
                ("arguments", arg_id, "reconstructed"),
                f"argument '{arg_id}' quotes the essay and is also marked reconstructed",
                "an anchored inference is the essay's own: remove 'reconstructed', or the quote",
                at="key",
            )
        elif not argument.note:
            yield Finding(
                ("arguments", arg_id, "reconstructed"),
                f"the reconstructed argument '{arg_id}' does not say why it is inferred",
                "add a 'note' saying why the analyst infers this step",
                at="key",
            )


_FRAMES = [
    re.compile(pattern, re.I)
    for pattern in (
        r"\baccording to\b",
        r"\b(?:argue|argues|argued|arguing)\b",
        r"\b(?:claim|claims|claimed)\b(?!\s+(?:to|of)\b)",
        r"(?<!\bit )(?<!\bthis )\b(?:say|says|said)\b",  # "it says" is the text itself speaking
        r"\bfrom\s+(?:the\s+)?[\w\u2019'.-]+(?:\s+[\w\u2019'.-]+){0,3}?[\u2019']s?\s+"
        r"(?:point of view|perspective|standpoint)\b",
        r"\b(?:many|some|most|several|few)\s+(?:[\w.-]+\s+){0,3}(?:\w+ly\s+)?(?:think|thinks|thought|believe|believes|"
        r"believed|see|saw|view|viewed|consider|considered|contend|assert|argue|suggest|assume|assumed|expect|"
        r"expected|predict|predicted|fear|feared|worry|worried|hope|hoped)\b",
        r"\b(?:in the (?:view|eyes) of)\b",
        r"\b(?:asserts?|asserted|contends?|contended|insists?|insisted)\b",
    )
]

_FRAME_WORDS = (
    "according",
    "argu",
    "claim",
    "say",
    "said",
    "point of view",
    "perspective",
    "standpoint",
    "many",
    "some",
    "most",
    "several",
    "few",
    "in the view",
    "in the eyes",
    "assert",
    "contend",
    "insist",
)
"""Every match of one of _FRAMES holds one of these (lowercased)."""


@check("W603", "unattributed-report", "A claim quotes a reported view but does not say whose it is.")
def unattributed_report(ctx: Context) -> Iterator[Finding]:
    """When the essay reports a view rather than asserts it ("according to", "argues", "claims",
    "says", "from the CCP's point of view", "many U.S. analysts think"), the claim says whose view it
    is with `attributed_to` (free text, or the id of a reference), so the map does not put the words
    in the author's mouth.

    Warns:

        cnsc-like-nsc:
          text: The commission resembles the US National Security Council.
          quote: Many U.S. analysts initially assumed that the CNSC would be similar

    Passes: the same claim with `attributed_to: many U.S. analysts`.
    """
    for claim_id, claim in ctx.map.claims.items():
        if claim.attributed_to or not claim.quotes:
            continue
        for quote in claim.quotes:
            if quote.isascii() and not any(word in quote.lower() for word in _FRAME_WORDS):
                continue  # most quotes hold no word a frame needs (only ASCII text: re.I folds more)
            frame = next((m.group(0) for pattern in _FRAMES if (m := pattern.search(quote))), None)
            if frame is not None:
                yield Finding(
                    ("claims", claim_id),
                    f"the quote of claim '{claim_id}' reports a view (\"{' '.join(frame.split())}\") "
                    "but the claim does not say whose",
                    "add 'attributed_to:' with the speaker (free text, or a reference id)",
                    at="key",
                )
                break


_HEDGES: dict[str, tuple[str, ...]] = {
    # a hedge in the quote is kept when the text has any word of its family
    "possibility": ("may", "might", "could", "can", "possibly", "possible", "perhaps", "potentially", "potential"),
    "likelihood": ("likely", "unlikely", "probably", "probable", "likelihood", "chance", "expected", "would"),
    "appearance": ("appears", "appear", "apparently", "seems", "seem", "seemingly", "suggests", "suggest", "indicates"),
    "perception": ("perceived", "perceive", "perceives", "perception", "sees", "views", "viewed"),
    "degree": ("largely", "often", "mostly", "mainly", "frequently", "partly", "generally", "tends", "usually", "much"),
    "condition": ("if", "unless", "provided", "assuming", "whether", "when"),
}
_TRIGGERS = {
    "may",
    "might",
    "could",
    "likely",
    "unlikely",
    "probably",
    "possibly",
    "perhaps",
    "potentially",
    "appears",
    "appear",
    "apparently",
    "seems",
    "seem",
    "seemingly",
    "suggests",
    "suggest",
    "perceived",
    "largely",
    "often",
    "mostly",
    "if",
    "unless",
}
_WORD = re.compile(r"[A-Za-z]+")
_ANY_TRIGGER = re.compile(r"(?<![A-Za-z])(?:" + "|".join(sorted(_TRIGGERS)) + r")(?![A-Za-z])", re.I | re.A)
"""Whether a quote holds a word (as _WORD reads words) that is one of _TRIGGERS."""


def _family(word: str) -> tuple[str, ...]:
    return next(words for words in _HEDGES.values() if word in words)


@check("W604", "hedge-dropped", "A claim's quote hedges (may, likely, appears, if ...) and its text does not.")
def hedge_dropped(ctx: Context) -> Iterator[Finding]:
    """A paraphrase keeps the author's hedges: "will likely increase" is not "will increase", "appears
    to center on" not "centers on", "perceived threats" not "threats", "if these descriptions are
    accurate" not a certainty. The check looks for a hedge or modal in the quote (may, might, could,
    likely, probably, appears, seems, suggests, perceived, largely, often, mostly, if, unless) and
    warns when the claim's text has no word of the same kind. (A stated condition is better made a
    premise of its own and listed under `assumptions`.)

    Warns:

        text: The GSI centers on regime security.
        quote: the GSI appears to center on

    Passes: `text: The GSI appears to center on regime security.`
    """
    for claim_id, claim in ctx.map.claims.items():
        if not claim.quotes:
            continue
        hedged = [quote for quote in claim.quotes if _ANY_TRIGGER.search(quote)]  # most quotes hedge nothing
        if not hedged:
            continue
        text_words = {w.lower() for w in _WORD.findall(claim.text)}
        for quote in hedged:
            missing = None
            for match in _WORD.finditer(quote):
                word = match.group(0)
                lower = word.lower()
                if lower not in _TRIGGERS or (word == "May" and re.match(r"\s+\d", quote[match.end() :])):
                    continue  # "May 2022" is a month
                if not text_words & set(_family(lower)):
                    missing = lower
                    break
            if missing is not None:
                yield Finding(
                    ("claims", claim_id, "text"),
                    f"the quote of claim '{claim_id}' hedges (\"{missing}\") but its text does not",
                    f'keep the hedge in the text ("{missing}" or a word like it), or quote only the part '
                    "that the text states",
                )
                break
