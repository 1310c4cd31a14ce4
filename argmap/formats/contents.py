"""What a map holds, field by field of the format, counted: each export names the items its format
has no place for, so that nothing is left out without the user being told."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from ..model import ArgMap
from ..words import plural


@dataclass(frozen=True)
class Item:
    """One kind of thing a map may hold, and how much of it this map holds."""

    key: str
    count: int
    one: str
    """The singular ('claim type'), or the whole phrase when the item is not counted ('the title')."""
    many: str | None = None
    """The plural when it is not one + 's'."""
    counted: bool = True

    def phrase(self) -> str:
        return plural(self.count, self.one, self.many) if self.counted else self.one


def _flag(key: str, present: object, phrase: str) -> Item:
    return Item(key, 1 if present else 0, phrase, counted=False)


def inventory(m: ArgMap) -> list[Item]:
    """Everything the map holds beyond its claims' texts and which claims support or attack what, in
    the order of the format (the map's fields, then claims', arguments', references', links'); only
    what this map has."""
    claims, arguments = list(m.claims.values()), list(m.arguments.values())
    supports = [a for a in arguments if a.conclusion is not None]
    attacks = [a for a in arguments if a.attacks is not None]
    issues = list(m.issues.values())
    expected = len(m.expect.in_) + len(m.expect.out) + len(m.expect.undecided) if m.expect else 0
    items = [
        _flag("id", True, "the map's id"),
        _flag("title", True, "the title"),
        _flag("analyst", m.analyst, "the analyst"),
        _flag("description", m.description, "the description"),
        _flag("source", m.source, "the source's metadata"),
        _flag("thesis", m.theses, "the thesis" if len(m.theses) == 1 else "the theses"),
        _flag("semantics", m.semantics != "grounded", f"the {m.semantics} semantics"),
        Item("assumptions", len(m.assumptions), "assumption"),
        _flag("assume-premises", not m.assume_premises, "assume_premises: false"),
        Item("issues", len(issues), "issue"),
        Item(
            "issue-standards",
            sum(1 for i in issues if i.standard != "PE"),
            "standard of an issue",
            "standards of issues",
        ),
        Item("issue-labels", sum(1 for i in issues if i.label), "label of an issue", "labels of issues"),
        Item("issue-notes", sum(1 for i in issues if i.note), "note of an issue", "notes of issues"),
        Item("expect", expected, "expected label"),
        Item("concepts", len(m.concepts), "concept"),
        Item("claim-quotes", sum(len(c.quotes) for c in claims), "quote of a claim", "quotes of claims"),
        Item("claim-types", sum(1 for c in claims if c.type), "claim type"),
        Item("implicit", sum(1 for c in claims if c.implicit), "implicit flag"),
        Item("concept-assignments", sum(len(c.concepts) for c in claims), "concept assignment"),
        Item("tags", sum(len(c.tags) for c in claims), "tag"),
        Item("citations", sum(len(c.cites) for c in claims), "citation"),
        Item("sections", sum(1 for c in claims if c.section), "section of a claim", "sections of claims"),
        Item("attributions", sum(1 for c in claims if c.attributed_to), "attribution"),
        Item("claim-notes", sum(1 for c in claims if c.note), "note of a claim", "notes of claims"),
        Item(
            "support-schemes",
            sum(1 for a in supports if a.scheme),
            "scheme of a supporting argument",
            "schemes of supporting arguments",
        ),
        Item("attack-schemes", sum(1 for a in attacks if a.scheme), "scheme of an attack", "schemes of attacks"),
        Item("argument-labels", sum(1 for a in arguments if a.label), "argument label"),
        Item("argument-quotes", sum(len(a.quotes) for a in arguments), "quote of an argument", "quotes of arguments"),
        Item("reconstructed", sum(1 for a in arguments if a.reconstructed), "reconstruction flag"),
        Item("weights", sum(1 for a in arguments if a.weight is not None), "weight"),
        Item("concessions", sum(1 for a in arguments if a.conceded), "concession"),
        Item(
            "support-notes",
            sum(1 for a in supports if a.note),
            "note of a supporting argument",
            "notes of supporting arguments",
        ),
        Item("attack-notes", sum(1 for a in attacks if a.note), "note of an attack", "notes of attacks"),
        Item("references", len(m.references), "reference"),
        Item("links", len(m.links), "link to another map", "links to other maps"),
    ]
    return [item for item in items if item.count]


FIELDS: dict[str, tuple[str, ...]] = {
    "ArgMap.argmap": (),  # the format's version: nothing to carry
    "ArgMap.id": ("id",),
    "ArgMap.title": ("title",),
    "ArgMap.analyst": ("analyst",),
    "ArgMap.description": ("description",),
    "ArgMap.source": ("source",),
    "ArgMap.thesis": ("thesis",),
    "ArgMap.semantics": ("semantics",),
    "ArgMap.assumptions": ("assumptions",),
    "ArgMap.assume_premises": ("assume-premises",),
    "ArgMap.issues": ("issues",),
    "ArgMap.expect": ("expect",),
    "ArgMap.concepts": ("concepts",),
    "ArgMap.claims": (),  # each claim, by its fields
    "ArgMap.arguments": (),  # each argument, by its fields
    "ArgMap.references": ("references",),
    "ArgMap.links": ("links",),
    "Source.path": ("source",),
    "Source.sha256": ("source",),
    "Source.author": ("source",),
    "Source.venue": ("source",),
    "Source.published": ("source",),
    "Source.url": ("source",),
    "Source.ignore": ("source",),
    "IgnoreRange.from_": ("source",),
    "IgnoreRange.to": ("source",),
    "IgnoreRange.reason": ("source",),
    "Issue.positions": ("issues",),
    "Issue.standard": ("issue-standards",),
    "Issue.label": ("issue-labels",),
    "Issue.note": ("issue-notes",),
    "Expect.in_": ("expect",),
    "Expect.out": ("expect",),
    "Expect.undecided": ("expect",),
    "Concept.label": ("concepts",),
    "Concept.aliases": ("concepts",),
    "Concept.description": ("concepts",),
    "Claim.text": (),  # every format has a place for a claim's text
    "Claim.quote": ("claim-quotes",),
    "Claim.type": ("claim-types",),
    "Claim.implicit": ("implicit",),
    "Claim.concepts": ("concept-assignments",),
    "Claim.tags": ("tags",),
    "Claim.cites": ("citations",),
    "Claim.section": ("sections",),
    "Claim.attributed_to": ("attributions",),
    "Claim.note": ("claim-notes",),
    "Argument.premises": (),  # the argument graph: every format has a place for it
    "Argument.conclusion": (),
    "Argument.attacks": (),
    "Argument.scheme": ("support-schemes", "attack-schemes"),
    "Argument.label": ("argument-labels",),
    "Argument.quote": ("argument-quotes",),
    "Argument.reconstructed": ("reconstructed",),
    "Argument.weight": ("weights",),
    "Argument.conceded": ("concessions",),
    "Argument.note": ("support-notes", "attack-notes"),
    "Reference.citation": ("references",),
    "Reference.url": ("references",),
    "Reference.note": ("references",),
    "Link.claim": ("links",),
    "Link.map": ("links",),
    "Link.to": ("links",),
    "Link.relation": ("links",),
    "Link.note": ("links",),
}
"""Every field of the format (model.py) and the items of the inventory that count it."""
KEYS = frozenset(key for keys in FIELDS.values() for key in keys)


def left_out(m: ArgMap, carried: Collection[str], instead: Mapping[str, Item] | None = None) -> list[str]:
    """What of the map a format with a place for the carried items leaves out, as phrases ('8 notes of
    claims'); instead replaces an item by a format's own count of it (Argdown carries issues of two
    positions, as contradictions, but no other)."""
    unknown = set(carried) - KEYS
    if unknown:
        raise ValueError(f"unknown items {sorted(unknown)}")
    items = [(instead or {}).get(item.key, item) for item in inventory(m) if item.key not in carried]
    return [item.phrase() for item in items if item.count]
