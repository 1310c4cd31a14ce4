"""The semantic diff of two versions of a map: what changed in the argument, not in the YAML.

Claims are matched by id, then (among the claims only one version has) by their quotes, so a
renamed id shows as a rename: two claims are the same when their quotes share at least half their
words (difflib's ratio 2M/T over the folded words of all their quotes is 0.5 or more), or, for
claims without quotes, when their texts do (ratio 0.8 or more); the best pairs are taken first.
Arguments are compared through that matching: by id, then by what they are (the same premises
for, or against, the same target), and per conclusion, linked premises split into convergent
arguments or convergent arguments joined into one linked argument are recognised as such.

What does not change the argument is not reported: layout, comments, order, notes, tags, concepts,
sections, references, labels and quotes of arguments.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..model import ArgMap, Argument, Claim
from ..source import fold_quote

QUOTE_MATCH = 0.5
"""Two claims' quotes are the same passage when difflib's ratio of their words is at least this."""
TEXT_MATCH = 0.8
"""Two claims without quotes are the same claim when the ratio of their texts' words is at least this."""

Value = str | float | bool | list[str] | dict[str, Any] | list[dict[str, Any]] | None

# kind -> (section, how the change is named); the order is the order of the report
KINDS: dict[str, tuple[str, str]] = {
    "thesis-added": ("map", "thesis added"),
    "thesis-removed": ("map", "thesis removed"),
    "expect-added": ("map", "expected"),
    "expect-removed": ("map", "not expected"),
    "assumption-added": ("map", "assumption added"),
    "assumption-removed": ("map", "assumption removed"),
    "semantics-changed": ("map", "semantics"),
    "claim-renamed": ("claims", "renamed"),
    "claim-added": ("claims", "added"),
    "claim-removed": ("claims", "removed"),
    "claim-reworded": ("claims", "reworded"),
    "claim-requoted": ("claims", "re-quoted"),
    "claim-retyped": ("claims", "retyped"),
    "claim-made-implicit": ("claims", "made implicit"),
    "claim-made-explicit": ("claims", "made explicit"),
    "argument-renamed": ("arguments", "renamed"),
    "argument-added": ("arguments", "added"),
    "argument-removed": ("arguments", "removed"),
    "linked-split": ("arguments", "linked split"),
    "convergent-joined": ("arguments", "joined"),
    "premise-added": ("arguments", "premise added"),
    "premise-removed": ("arguments", "premise removed"),
    "conclusion-changed": ("arguments", "conclusion"),
    "target-changed": ("arguments", "attack target"),
    "relation-changed": ("arguments", "relation"),
    "scheme-changed": ("arguments", "scheme"),
    "conceded-changed": ("arguments", "conceded"),
    "weight-changed": ("arguments", "weight"),
    "label-changed": ("evaluation", "label"),
}
SECTIONS = ("map", "claims", "arguments", "evaluation")


@dataclass(frozen=True)
class Change:
    """One difference: its kind (a key of KINDS), the id it concerns (in the new map, or in the old
    one for what was removed), and the old and new values where there are some."""

    kind: str
    id: str
    old: Value = None
    new: Value = None

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.id, "old": self.old, "new": self.new}


@dataclass
class MapDiff:
    """Every change from one version of a map to another, and its effect on the evaluation."""

    old: str
    """How the old version is named (its path)."""
    new: str
    semantics: str
    """The evaluation the labels come from."""
    changes: list[Change] = field(default_factory=list)
    """What changed in the argument, in the order of KINDS, then of the maps."""
    labels: list[Change] = field(default_factory=list)
    """Claims (matched in both versions) whose label changed ('label-changed')."""
    renamed: dict[str, str] = field(default_factory=dict)
    """Old claim id -> new claim id, for every claim both versions have."""

    @property
    def same(self) -> bool:
        """True when the argument did not change."""
        return not self.changes

    def to_json(self) -> dict[str, Any]:
        return {
            "old": self.old,
            "new": self.new,
            "same": self.same,
            "semantics": self.semantics,
            "changes": [c.to_json() for c in self.changes],
            "evaluation": [c.to_json() for c in self.labels],
        }


def _words(texts: Iterable[str]) -> list[str]:
    words: list[str] = []
    for text in texts:
        if words:
            words.append("\0")  # quotes of one claim are separate passages
        words.extend(fold_quote(text).split())
    return words


def _similarity(a: Claim, b: Claim) -> float:
    """How alike two claims' quotes (or, when neither has one, texts) are: difflib's ratio of words."""
    if a.quotes and b.quotes:
        score = difflib.SequenceMatcher(None, _words(a.quotes), _words(b.quotes), autojunk=False).ratio()
        return score if score >= QUOTE_MATCH else 0.0
    if not a.quotes and not b.quotes:
        score = difflib.SequenceMatcher(None, _words([a.text]), _words([b.text]), autojunk=False).ratio()
        return score if score >= TEXT_MATCH else 0.0
    return 0.0


def match_claims(old: ArgMap, new: ArgMap) -> dict[str, str]:
    """Old claim id -> new claim id: by id, then the most alike remaining pairs (see the module)."""
    mapping = {c: c for c in old.claims if c in new.claims}
    old_only = [c for c in old.claims if c not in new.claims]
    new_only = [c for c in new.claims if c not in old.claims]
    scored = []
    for i, o in enumerate(old_only):
        for j, n in enumerate(new_only):
            score = _similarity(old.claims[o], new.claims[n])
            if score:
                scored.append((-score, i, j, o, n))
    taken: set[str] = set()
    for _, _, _, o, n in sorted(scored):
        if o not in mapping and n not in taken:
            mapping[o] = n
            taken.add(n)
    return mapping


def _relation(m: ArgMap, argument: Argument) -> str:
    if argument.conclusion is not None:
        return "support"
    return "undercut" if argument.attacks in m.arguments else "rebuttal"


def describe(m: ArgMap, arg_id: str) -> dict[str, Any]:
    """An argument as a change shows it: {id, premises, conclusion} or {id, premises, attacks}."""
    argument = m.arguments[arg_id]
    key = "conclusion" if argument.conclusion is not None else "attacks"
    return {"id": arg_id, "premises": list(argument.premises), key: argument.target}


def argument_line(value: dict[str, Any]) -> str:
    """An argument in one line: 'id: [a, b] -> c' for support, 'id: [a] attacks c' for an attack."""
    premises = "[" + ", ".join(value["premises"]) + "]"
    if "conclusion" in value:
        return f"{value['id']}: {premises} -> {value['conclusion']}"
    return f"{value['id']}: {premises} attacks {value['attacks']}"


class _Differ:
    """One comparison: the claim matching first, then the arguments through it."""

    def __init__(self, old: ArgMap, new: ArgMap) -> None:
        self.old = old
        self.new = new
        self.claim_map = match_claims(old, new)
        self.arg_map: dict[str, str] = {}
        self.changes: list[Change] = []

    def add(self, kind: str, id: str, old: Value = None, new: Value = None) -> None:
        self.changes.append(Change(kind, id, old, new))

    # -- claims ------------------------------------------------------------------------------------
    def claims(self) -> None:
        old, new = self.old, self.new
        matched = {n: o for o, n in self.claim_map.items()}
        for o, n in self.claim_map.items():
            if o != n:
                self.add("claim-renamed", n, o, n)
        for c in old.claims:
            if c not in self.claim_map:
                self.add("claim-removed", c, old.claims[c].text, None)
        for c in new.claims:
            if c not in matched:
                self.add("claim-added", c, None, new.claims[c].text)
        for n, o in matched.items():
            self.claim(o, old.claims[o], n, new.claims[n])

    def claim(self, o: str, a: Claim, n: str, b: Claim) -> None:
        if " ".join(a.text.split()) != " ".join(b.text.split()):
            self.add("claim-reworded", n, a.text, b.text)
        if a.implicit == b.implicit and [fold_quote(q) for q in a.quotes] != [fold_quote(q) for q in b.quotes]:
            self.add("claim-requoted", n, list(a.quotes), list(b.quotes))
        if a.type != b.type:
            self.add("claim-retyped", n, a.type.value if a.type else None, b.type.value if b.type else None)
        if a.implicit != b.implicit:
            self.add("claim-made-implicit" if b.implicit else "claim-made-explicit", n, list(a.quotes), list(b.quotes))

    # -- arguments ---------------------------------------------------------------------------------
    def mapped_target(self, argument: Argument) -> str:
        target = argument.target
        if target in self.old.claims:
            return self.claim_map.get(target, "\0" + target)
        return self.arg_map.get(target, "\0" + target)

    def mapped_premises(self, argument: Argument) -> frozenset[str]:
        return frozenset(self.claim_map.get(p, "\0" + p) for p in argument.premises)

    def shape(self, m: ArgMap, arg_id: str, *, old: bool) -> tuple[str, str, frozenset[str]]:
        """(relation, target, premises) of an argument, in the new map's ids."""
        argument = m.arguments[arg_id]
        if old:
            return _relation(m, argument), self.mapped_target(argument), self.mapped_premises(argument)
        return _relation(m, argument), argument.target, frozenset(argument.premises)

    def arguments(self) -> None:
        old, new = self.old, self.new
        used_old: set[str] = set()
        used_new: set[str] = set()
        self.regroupings(used_old, used_new)
        for a in old.arguments:
            if a in new.arguments and a not in used_old and a not in used_new:
                self.arg_map[a] = a
        # claims' arguments first, then undercuts, whose targets are arguments matched by then
        self.renames(False, used_old, used_new)
        self.renames(True, used_old, used_new)
        matched_new = set(self.arg_map.values()) | used_new
        for a in old.arguments:
            if a not in self.arg_map and a not in used_old:
                self.add("argument-removed", a, describe(old, a), None)
        for b in new.arguments:
            if b not in matched_new:
                self.add("argument-added", b, None, describe(new, b))
        for a, b in self.arg_map.items():
            self.argument(a, b)

    def renames(self, undercuts: bool, used_old: set[str], used_new: set[str]) -> None:
        """Arguments under another id: the same premises for (or against) the same target."""
        old, new = self.old, self.new
        taken = set(self.arg_map.values()) | used_new
        shapes: dict[tuple[str, str, frozenset[str]], list[str]] = {}
        for b in new.arguments:
            if b not in taken and (new.arguments[b].attacks in new.arguments) == undercuts:
                shapes.setdefault(self.shape(new, b, old=False), []).append(b)
        for a in old.arguments:
            if a in self.arg_map or a in used_old or (old.arguments[a].attacks in old.arguments) != undercuts:
                continue
            candidates = shapes.get(self.shape(old, a, old=True), [])
            if candidates:
                self.arg_map[a] = candidates.pop(0)
                self.add("argument-renamed", self.arg_map[a], a, self.arg_map[a])

    def regroupings(self, used_old: set[str], used_new: set[str]) -> None:
        """Linked premises split into convergent arguments, and convergent arguments joined into one
        linked argument, for the same conclusion."""
        old_by: dict[str, dict[str, frozenset[str]]] = {}
        new_by: dict[str, dict[str, frozenset[str]]] = {}
        for a, argument in self.old.arguments.items():
            if argument.conclusion is not None:
                old_by.setdefault(self.mapped_target(argument), {})[a] = self.mapped_premises(argument)
        for b, argument in self.new.arguments.items():
            if argument.conclusion is not None:
                new_by.setdefault(argument.conclusion, {})[b] = frozenset(argument.premises)
        for target in sorted(old_by.keys() & new_by.keys()):
            self.regroup(old_by[target], new_by[target], True, used_old, used_new)
            self.regroup(new_by[target], old_by[target], False, used_new, used_old)

    def regroup(
        self,
        whole: dict[str, frozenset[str]],
        parts_of: dict[str, frozenset[str]],
        split: bool,
        used_whole: set[str],
        used_parts: set[str],
    ) -> None:
        """Arguments of one side whose premises are exactly those of several arguments of the other."""
        for w, premises in whole.items():
            if len(premises) < 2 or w in used_whole or premises in parts_of.values():
                continue
            parts = [p for p, ps in parts_of.items() if ps < premises and p not in used_parts]
            if len(parts) < 2 or frozenset().union(*(parts_of[p] for p in parts)) != premises:
                continue
            used_whole.add(w)
            used_parts.update(parts)
            if split:
                self.add("linked-split", w, describe(self.old, w), [describe(self.new, p) for p in parts])
            else:
                self.add("convergent-joined", w, [describe(self.old, p) for p in parts], describe(self.new, w))

    def argument(self, a: str, b: str) -> None:
        x, y = self.old.arguments[a], self.new.arguments[b]
        old_rel, new_rel = _relation(self.old, x), _relation(self.new, y)
        if old_rel != new_rel:
            self.add("relation-changed", b, f"{old_rel} of {x.target}", f"{new_rel} of {y.target}")
        elif self.mapped_target(x) != y.target:
            self.add("conclusion-changed" if new_rel == "support" else "target-changed", b, x.target, y.target)
        kept = {self.claim_map.get(p) for p in x.premises}
        for p in x.premises:
            if self.claim_map.get(p) not in y.premises:
                self.add("premise-removed", b, p, None)
        for q in y.premises:
            if q not in kept:
                self.add("premise-added", b, None, q)
        for kind, before, after in (
            ("scheme-changed", x.scheme, y.scheme),
            ("conceded-changed", x.conceded, y.conceded),
            ("weight-changed", x.weight, y.weight),
        ):
            if before != after:
                self.add(kind, b, before, after)

    # -- the map -----------------------------------------------------------------------------------
    def map(self) -> None:
        old, new = self.old, self.new
        self.lists("thesis", old.theses, new.theses)
        self.lists("assumption", old.assumptions, new.assumptions)
        for label, field_name in (("in", "in_"), ("out", "out"), ("undecided", "undecided")):
            before = [self.claim_map.get(v, v) for v in getattr(old.expect, field_name)] if old.expect else []
            after: list[str] = getattr(new.expect, field_name) if new.expect else []
            for v in after:
                if v not in before:
                    self.add("expect-added", v, None, label)
            for v in before:
                if v not in after:
                    self.add("expect-removed", v, label, None)
        if old.semantics != new.semantics:
            self.add("semantics-changed", new.id, old.semantics, new.semantics)

    def lists(self, kind: str, old_ids: list[str], new_ids: list[str]) -> None:
        """Ids added to and removed from a list of claims (the old ones as renamed)."""
        before = [self.claim_map.get(v, v) for v in old_ids]
        for v in new_ids:
            if v not in before:
                self.add(f"{kind}-added", v, None, v)
        for v in before:
            if v not in new_ids:
                self.add(f"{kind}-removed", v, v, None)


def diff_maps(
    old: ArgMap,
    new: ArgMap,
    *,
    old_name: str = "old",
    new_name: str = "new",
    evaluate: Callable[[ArgMap], tuple[str, dict[str, str], dict[str, str]]] | None = None,
) -> MapDiff:
    """Every change from old to new (see the module docstring), and the claims whose label changed
    under evaluate (by default the one the outline uses)."""
    if evaluate is None:
        from ..outline import evaluation

        evaluate = evaluation
    differ = _Differ(old, new)
    differ.map()
    differ.claims()
    differ.arguments()
    order = {kind: i for i, kind in enumerate(KINDS)}
    position = {c: i for i, c in enumerate(list(new.claims) + list(new.arguments))}
    position.update({c: len(position) + i for i, c in enumerate(list(old.claims) + list(old.arguments))})
    changes = sorted(differ.changes, key=lambda c: (order[c.kind], position.get(c.id, len(position))))
    semantics, old_labels, _ = evaluate(old)
    new_semantics, new_labels, _ = evaluate(new)
    labels = [
        Change("label-changed", n, old_labels.get(o), new_labels.get(n))
        for n, o in sorted(((n, o) for o, n in differ.claim_map.items()), key=lambda pair: position[pair[0]])
        if old_labels.get(o) != new_labels.get(n)
    ]
    return MapDiff(
        old_name,
        new_name,
        semantics if semantics == new_semantics else f"{semantics} -> {new_semantics}",
        changes,
        labels,
        dict(differ.claim_map),
    )


# -- output -----------------------------------------------------------------------------------------


def _show(value: Value) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        return argument_line(value)
    if isinstance(value, list):
        return "; ".join(_show(v) for v in value) or "none"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _quoted(value: Value) -> str:
    if isinstance(value, list):
        return " / ".join(f'"{v}"' for v in value) or "none"
    return f'"{value}"' if isinstance(value, str) else _show(value)


_LINES: dict[str, Callable[[Change], str]] = {
    "claim-renamed": lambda c: f"{c.old} -> {c.new}",
    "argument-renamed": lambda c: f"{c.old} -> {c.new}",
    "claim-added": lambda c: f"{c.id}: {c.new}",
    "claim-removed": lambda c: f"{c.id}: {c.old}",
    "argument-added": lambda c: _show(c.new),
    "argument-removed": lambda c: _show(c.old),
    "linked-split": lambda c: f"{_show(c.old)} => {_show(c.new)}",
    "convergent-joined": lambda c: f"{_show(c.old)} => {_show(c.new)}",
    "claim-reworded": lambda c: f"{c.id}: {_quoted(c.old)} -> {_quoted(c.new)}",
    "claim-requoted": lambda c: f"{c.id}: {_quoted(c.old)} -> {_quoted(c.new)}",
    "claim-made-implicit": lambda c: c.id,
    "claim-made-explicit": lambda c: c.id,
    "thesis-added": lambda c: c.id,
    "thesis-removed": lambda c: c.id,
    "assumption-added": lambda c: c.id,
    "assumption-removed": lambda c: c.id,
    "expect-added": lambda c: f"{c.id} {c.new}",
    "expect-removed": lambda c: f"{c.id} {c.old}",
    "premise-added": lambda c: f"{c.id}: {c.new}",
    "premise-removed": lambda c: f"{c.id}: {c.old}",
}


def change_line(change: Change) -> str:
    """One change in words, as the text and Markdown reports print it."""
    line = _LINES.get(change.kind)
    return line(change) if line else f"{change.id}: {_show(change.old)} -> {_show(change.new)}"


def _sections(d: MapDiff) -> list[tuple[str, list[Change]]]:
    grouped: dict[str, list[Change]] = {s: [] for s in SECTIONS}
    for change in d.changes + d.labels:
        grouped[KINDS[change.kind][0]].append(change)
    return [(section, changes) for section, changes in grouped.items() if changes]


def diff_text(d: MapDiff, *, style: bool = False) -> str:
    """The diff for a terminal: one line per change, grouped; with style, in colour."""
    import click

    if d.same:
        return "No change in the argument.\n"
    colours = {"added": "green", "removed": "red"}
    lines = []
    for section, changes in _sections(d):
        title = f"evaluation ({d.semantics})" if section == "evaluation" else section
        lines.append(click.style(title, bold=True) if style else title)
        for change in changes:
            verb = KINDS[change.kind][1]
            colour = next((c for word, c in colours.items() if verb.endswith(word)), "yellow")
            head = f"{verb:<18}"
            lines.append("  " + (click.style(head, fg=colour) if style else head) + change_line(change))
    return "\n".join(lines) + "\n"


def diff_markdown(d: MapDiff) -> str:
    """The diff as Markdown: a heading, then a list per section."""
    from ..outline import md_escape

    lines = [f"# Changes from `{d.old}` to `{d.new}`", ""]
    if d.same:
        return "\n".join(lines + ["No change in the argument.", ""])
    for section, changes in _sections(d):
        title = f"Evaluation ({d.semantics})" if section == "evaluation" else section.capitalize()
        lines += [f"## {title}", ""]
        for change in changes:
            lines.append(f"- **{KINDS[change.kind][1]}** {md_escape(change_line(change))}")
        lines.append("")
    return "\n".join(lines)


# -- git --------------------------------------------------------------------------------------------


def git_diff(path: str, old_file: str, new_file: str, *, style: bool = False) -> str:
    """What `argmap diff --git` prints for one file git compares: the argument's diff, or, when a
    side is not a valid map, a plain line diff with a note saying why (git must never lose a change).
    /dev/null stands for a file that does not exist on that side."""
    from ..api import MapError, load_valid

    def read(name: str) -> ArgMap | None:
        if name == "/dev/null":
            return None
        mf, _ = load_valid(name, structure_only=True)
        return mf.map

    header = f"argmap diff a/{path} b/{path}\n"
    try:
        old, new = read(old_file), read(new_file)
    except MapError as exc:
        errors = [p for p in exc.problems if p.is_error]
        first = errors[0] if errors else None
        why = f"{first.code} {first.message}" if first else "it has errors"
        return header + f"(not a valid map, {why}: a line diff follows)\n" + _line_diff(path, old_file, new_file)
    present = new or old
    if present is None:
        return header
    nothing: dict[str, Any] = {
        "claims": {},
        "arguments": {},
        "thesis": [],
        "assumptions": [],
        "issues": {},
        "expect": None,
    }
    empty = present.model_copy(update=nothing)
    result = diff_maps(old or empty, new or empty, old_name=f"a/{path}", new_name=f"b/{path}")
    return header + diff_text(result, style=style)


def _line_diff(path: str, old_file: str, new_file: str) -> str:
    def lines(name: str) -> list[str]:
        if name == "/dev/null":
            return []
        with open(name, encoding="utf-8", errors="replace") as handle:
            return handle.readlines()

    return "".join(difflib.unified_diff(lines(old_file), lines(new_file), f"a/{path}", f"b/{path}"))
