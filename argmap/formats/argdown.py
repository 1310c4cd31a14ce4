"""Argdown out: a map as Argdown text that @argdown/cli parses into the same statements, arguments
and relations.

Every claim becomes a top-level statement `[id]: text` (its type, tags and `implicit` as #tags); a
supporting argument becomes an argument `<id>` with a premise-conclusion structure whose inference
line names the scheme; an attack becomes an argument titled by its kind (Rebuttal, Undercut or
Concession, tagged #concession) whose premises support it (`+ [premise]`) and which attacks
(`-> [claim]`) or undercuts (`_> <argument>`) its target. Quotes, their places in the
essay, concepts, references, notes and links have no place in Argdown: the command lists them.
"""

from __future__ import annotations

import re

from ..analysis import attack_kind
from ..model import ArgMap, Argument
from ..schemes import ATTACKS, SCHEMES
from ..words import plural
from . import Export

_SPECIAL = re.compile(r"([\\\[\]<>#*_@{}`+\-])")


def escape(text: str) -> str:
    """Text with Argdown's special characters escaped and line breaks flattened."""
    flat = " ".join(str(text).split())
    return _SPECIAL.sub(r"\\\1", flat)


def _tag(value: str) -> str:
    return f"#({value})" if not re.fullmatch(r"[A-Za-z0-9-]+", value) else f"#{value}"


def to_argdown(m: ArgMap) -> Export:
    lines = ["===", f"title: {_yaml_scalar(m.title)}"]
    if m.source and m.source.author:
        lines.append(f"author: {_yaml_scalar(m.source.author)}")
    lines += ["===", "", f"# {escape(m.title)}", ""]
    theses = set(m.theses)
    for claim_id, claim in m.claims.items():
        tags = []
        if claim_id in theses:
            tags.append("thesis")
        if claim.type:
            tags.append(claim.type.value)
        if claim.implicit:
            tags.append("implicit")
        tags += claim.tags
        suffix = (" " + " ".join(_tag(t) for t in tags)) if tags else ""
        lines.append(f"[{claim_id}]: {escape(claim.text)}{suffix}")
        lines.append("")
    for arg_id, argument in m.arguments.items():
        scheme = _inference_name(m, argument)
        title = escape(argument.label) if argument.label else escape(scheme)
        scheme_tag = f" {_tag(argument.scheme_id)}" if argument.scheme else ""
        scheme_tag += " #concession" if argument.conclusion is None and argument.conceded else ""
        if argument.conclusion is not None:
            lines.append(f"<{arg_id}>: {title}{scheme_tag}")
            lines.append("")
            for number, premise in enumerate(argument.premises, 1):
                lines.append(f"({number}) [{premise}]")
            lines.append(f"-- {escape(scheme)} --")
            lines.append(f"({len(argument.premises) + 1}) [{argument.conclusion}]")
        else:
            lines.append(f"<{arg_id}>: {title}{scheme_tag}")
            for premise in argument.premises:
                lines.append(f"  + [{premise}]")
            if argument.attacks in m.arguments:
                lines.append(f"  _> <{argument.attacks}>")
            else:
                lines.append(f"  -> [{argument.attacks}]")
        lines.append("")
    quotes = sum(len(c.quotes) for c in m.claims.values())
    assigned = sum(len(c.concepts) for c in m.claims.values())
    lost = [
        plural(quotes, "quote and its place", "quotes and their places") + " in the essay" if quotes else "",
        plural(assigned, "concept assignment") if assigned else "",
        plural(len(m.references), "reference") + " and the claims' citations" if m.references else "",
        "notes" if any(c.note for c in m.claims.values()) or any(a.note for a in m.arguments.values()) else "",
        plural(len(m.links), "link to another map", "links to other maps") if m.links else "",
        "the source's metadata beyond title and author" if m.source else "",
    ]
    lost = [item for item in lost if item]
    not_carried = ["Argdown has no place for " + ", ".join(lost)] if lost else []
    return Export("\n".join(lines).rstrip() + "\n", not_carried)


def _inference_name(m: ArgMap, argument: Argument) -> str:
    """A support's scheme; an attack's kind (an attack is no inference scheme)."""
    if argument.conclusion is None:
        return ATTACKS[attack_kind(m, argument)].name
    return SCHEMES[argument.scheme_id].name if argument.scheme_id in SCHEMES else argument.scheme_id


def _yaml_scalar(text: str) -> str:
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"') + '"'
