"""Where maps of different essays meet: the concepts they share, what each claims about them, and
the analyst's links between their claims (what `argmap compare` prints)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import ArgMap


@dataclass
class Comparison:
    """What several maps share: concepts, the claims each makes about them, and the analyst's links."""

    maps: list[ArgMap]
    shared: list[dict[str, Any]]
    only: dict[str, list[str]]
    links: list[dict[str, Any]]
    problems: list[str]


def compare(maps: list[ArgMap]) -> Comparison:
    """Concepts that two or more of maps treat, with each map's claims about them, and the links between them."""
    by_id = {m.id: m for m in maps}
    users: dict[str, list[str]] = {}
    for m in maps:
        used = set(m.concepts) | {c for claim in m.claims.values() for c in claim.concepts}
        for concept in sorted(used, key=lambda c: (c not in m.concepts, c)):
            users.setdefault(concept, []).append(m.id)
    shared = []
    for concept, map_ids in users.items():
        if len(map_ids) < 2:
            continue
        first = (
            next(by_id[i].concepts[concept] for i in map_ids if concept in by_id[i].concepts)
            if any(concept in by_id[i].concepts for i in map_ids)
            else None
        )
        shared.append(
            {
                "id": concept,
                "label": first.label if first else concept,
                "maps": {
                    i: {
                        "aliases": by_id[i].concepts[concept].aliases if concept in by_id[i].concepts else [],
                        "claims": [
                            {"id": cid, "text": c.text, "type": c.type.value if c.type else None}
                            for cid, c in by_id[i].claims.items()
                            if concept in c.concepts
                        ],
                    }
                    for i in map_ids
                },
            }
        )
    only = {m.id: sorted(c for c, ids in users.items() if ids == [m.id]) for m in maps}
    links, problems = [], []
    for m in maps:
        for link in m.links:
            other = by_id.get(link.map)
            if other is None:
                continue
            if link.claim not in m.claims or link.to not in other.claims:
                problems.append(
                    f"{m.id}: the link {link.claim} -> {link.map}:{link.to} names a claim that does not exist"
                )
                continue
            links.append(
                {
                    "from_map": m.id,
                    "claim": link.claim,
                    "text": m.claims[link.claim].text,
                    "relation": link.relation,
                    "to_map": link.map,
                    "to": link.to,
                    "to_text": other.claims[link.to].text,
                    "note": link.note,
                }
            )
    return Comparison(maps=maps, shared=shared, only=only, links=links, problems=problems)


def comparison_json(c: Comparison) -> dict[str, Any]:
    return {
        "maps": [{"id": m.id, "title": m.title} for m in c.maps],
        "shared_concepts": c.shared,
        "only_in": c.only,
        "links": c.links,
        "problems": c.problems,
    }


_RELATION = {"same": "says the same as", "supports": "supports", "contradicts": "contradicts"}


def comparison_text(c: Comparison) -> str:
    out = ["Comparing " + " and ".join(f"{m.title} ({m.id})" for m in c.maps), ""]
    out.append(f"Concepts both treat: {len(c.shared)}")
    for row in c.shared:
        out += ["", f"{row['label']} ({row['id']})"]
        for map_id, side in row["maps"].items():
            aliases = f" (its words: {'; '.join(side['aliases'])})" if side["aliases"] else ""
            out.append(f"  {map_id}: {len(side['claims'])} claim{'s' if len(side['claims']) != 1 else ''}{aliases}")
            for claim in side["claims"]:
                out.append(f"    - {claim['id']}: {claim['text']}")
    out += ["", "Where the claims meet (the maps' links):"]
    if c.links:
        for link in c.links:
            out.append(
                f"  {link['from_map']}:{link['claim']} {_RELATION[link['relation']]} {link['to_map']}:{link['to']}"
            )
            out.append(f'    "{link["text"]}" / "{link["to_text"]}"')
            if link["note"]:
                out.append(f"    note: {link['note']}")
    else:
        out.append("  none: the maps record no links to each other (see 'links' in the format)")
    out += ["", "Concepts only one map treats:"]
    for map_id, concepts in c.only.items():
        out.append(f"  {map_id}: {', '.join(concepts) or 'none'}")
    for problem in c.problems:
        out.append(f"problem: {problem}")
    return "\n".join(out)
