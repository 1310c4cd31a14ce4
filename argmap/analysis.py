"""What a map says beyond its parts: roles, what each conclusion rests on, dialectical status,
structure figures, coverage of the essay, and where two maps meet.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from .graph import strongly_connected
from .model import ArgMap, Argument
from .schemes import ATTACKS, get_scheme
from .semantics import Evaluation, Label, evaluate
from .source import SourceText
from .words import plural


class Role(StrEnum):
    """A claim's role, derived from the arguments (never typed by the analyst)."""

    thesis = "thesis"
    """Declared under `thesis`."""
    intermediate = "intermediate"
    """The conclusion of an argument and a premise of another."""
    conclusion = "conclusion"
    """The conclusion of an argument, used by no other (a side conclusion)."""
    premise = "premise"
    """A premise that no argument concludes."""
    attacked = "attacked"
    """Only the target of attacks: a view the essay weighs."""
    unused = "unused"
    """In no argument at all."""


def roles(m: ArgMap) -> dict[str, Role]:
    """The role of every claim, in map order."""
    premises: set[str] = set()
    concluded: set[str] = set()
    attacked: set[str] = set()
    for argument in m.arguments.values():
        premises.update(argument.premises)
        if argument.conclusion is not None:
            concluded.add(argument.conclusion)
        elif argument.attacks is not None:
            attacked.add(argument.attacks)
    theses = set(m.theses)
    result = {}
    for claim_id in m.claims:
        if claim_id in theses:
            role = Role.thesis
        elif claim_id in concluded:
            role = Role.intermediate if claim_id in premises else Role.conclusion
        elif claim_id in premises:
            role = Role.premise
        elif claim_id in attacked:
            role = Role.attacked
        else:
            role = Role.unused
        result[claim_id] = role
    return result


def kind_of(m: ArgMap, argument: Argument) -> str:
    """What an argument does: 'support', 'rebuttal' (it attacks a claim) or 'undercut' (it attacks an argument)."""
    if argument.conclusion is not None:
        return "support"
    return "undercut" if argument.attacks in m.arguments else "rebuttal"


def attack_kind(m: ArgMap, argument: Argument) -> str:
    """An attack's own label: 'concession' when the author grants it, else 'rebuttal' or 'undercut'."""
    return "concession" if argument.conceded else kind_of(m, argument)


_SENTENCE_END = re.compile(r"[.,;:!\"\u201d)\]]$")


def headings(source: SourceText) -> list[tuple[int, str]]:
    """(offset, text) of the paragraphs that look like section headings.

    A heading is a short paragraph (at most 12 words) that does not end like a sentence and comes
    after the first paragraph of body text (so a title, subtitle or byline is not one); all-capital
    headings may end in '?'.
    """
    found = []
    body_started = False
    for start, end in source.paragraphs:
        text = " ".join(source.text[start:end].split())
        words = len(text.split())
        if words >= 25:
            body_started = True
        if not body_started or words > 12:
            continue
        if _SENTENCE_END.search(text) or (text.endswith("?") and not text.isupper()):
            continue
        found.append((start, text))
    return found


def sections(m: ArgMap, source: SourceText | None) -> dict[str, str]:
    """The section of the essay each claim belongs to.

    A claim's `section` field wins; otherwise the heading above its first quote; an implicit claim
    takes the section of the first argument it serves. Claims before the first heading belong to
    "Introduction". An essay without headings has no sections (only those the map gives).
    """
    marks = headings(source) if source is not None else []
    result: dict[str, str] = {}
    for claim_id, claim in m.claims.items():
        if claim.section:
            result[claim_id] = claim.section
            continue
        if source is None or not marks or not claim.quotes:
            continue
        found = source.find_all(claim.quotes[0], limit=1)
        if not found:
            continue
        title = "Introduction"
        for offset, text in marks:
            if offset <= found[0].start:
                title = _title_case(text)
        result[claim_id] = title
    for argument in m.arguments.values():
        target_section = result.get(argument.target)
        for premise in argument.premises:
            if premise not in result and target_section is not None:
                result[premise] = target_section
    return result


_SMALL_WORDS = {"a", "an", "and", "as", "at", "but", "by", "for", "in", "of", "on", "or", "the", "to", "vs"}


def _title_case(text: str) -> str:
    """An all-capital heading in title case, small words lower ("PREVENTION AND CONTROL" ->
    "Prevention and Control"); other headings as written."""
    if not text.isupper():
        return text
    words = text.title().split(" ")
    return " ".join(w.lower() if i and w.lower() in _SMALL_WORDS else w for i, w in enumerate(words))


def body_paragraphs(source: SourceText, ignored: list[tuple[int, int]]) -> list[int]:
    """Numbers (1-based) of the body paragraphs: after the front matter (title, subtitle, byline:
    everything before the first paragraph of 25 words or more), not headings, not ignored."""
    heading_starts = {offset for offset, _ in headings(source)}
    numbers = []
    body_started = False
    for number, (start, end) in enumerate(source.paragraphs, 1):
        if len(source.text[start:end].split()) >= 25:
            body_started = True
        if not body_started or start in heading_starts:
            continue
        if any(s <= start < e for s, e in ignored):
            continue
        numbers.append(number)
    return numbers


class Coverage:
    """How much of the essay's body the map's quotes cover."""

    def __init__(self, source: SourceText, quote_spans: list[tuple[int, int]], ignored: list[tuple[int, int]]):
        self.body = body_paragraphs(source, ignored)
        spans = sorted(quote_spans)
        covered_paragraphs = set()
        for start, _ in spans:
            number = source.paragraph_at(start)
            if number:
                covered_paragraphs.add(number)
        self.covered = [n for n in self.body if n in covered_paragraphs]
        self.uncovered = [
            (n, _opening(source.text[source.paragraphs[n - 1][0] : source.paragraphs[n - 1][1]]))
            for n in self.body
            if n not in covered_paragraphs
        ]
        merged: list[list[int]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.chars = 0
        self.covered_chars = 0
        i = 0  # paragraphs and merged spans are both in text order: one sweep
        for n in self.body:
            p_start, p_end = source.paragraphs[n - 1]
            self.chars += p_end - p_start
            while i < len(merged) and merged[i][1] <= p_start:
                i += 1
            j = i
            while j < len(merged) and merged[j][0] < p_end:
                self.covered_chars += max(0, min(merged[j][1], p_end) - max(merged[j][0], p_start))
                j += 1

    @property
    def paragraph_share(self) -> float:
        return len(self.covered) / len(self.body) if self.body else 1.0

    @property
    def char_share(self) -> float:
        return self.covered_chars / self.chars if self.chars else 1.0


def _opening(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" \u2026" if len(parts) > words else "")


# --- what each conclusion rests on ------------------------------------------------------------------


def _support_order(m: ArgMap) -> list[str]:
    """Claims in an order where every premise of a support argument comes before its conclusion
    (claims on a circle, which `check` reports, come in map order)."""
    edges: dict[str, list[str]] = {}
    for argument in m.arguments.values():
        if argument.conclusion is not None:
            for premise in argument.premises:
                if premise in m.claims and argument.conclusion in m.claims:
                    edges.setdefault(premise, []).append(argument.conclusion)
    components = strongly_connected(list(m.claims), edges)
    # Tarjan yields components in reverse topological order of the edges premise -> conclusion
    return [claim for component in reversed(components) for claim in reversed(component)]


def foundations(m: ArgMap) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """(basis, critical) for every claim.

    basis[c] is the set of basic premises (claims no argument concludes) that c rests on,
    transitively through intermediate conclusions; critical[c] the basic premises whose rejection
    alone leaves c with no supporting argument whose premises all stand. For a basic premise both
    are the claim itself. Linked premises are all needed (union); convergent arguments each suffice
    (intersection).
    """
    supporting: dict[str, list[list[str]]] = {}
    for argument in m.arguments.values():
        if argument.conclusion is not None and argument.conclusion in m.claims:
            supporting.setdefault(argument.conclusion, []).append([p for p in argument.premises if p in m.claims])
    basis: dict[str, frozenset[str]] = {}
    critical: dict[str, frozenset[str]] = {}
    for claim in _support_order(m):
        arguments = supporting.get(claim)
        if not arguments:
            basis[claim] = critical[claim] = frozenset([claim])
            continue
        b: set[str] = set()
        c: frozenset[str] | None = None
        largest: frozenset[str] = frozenset()
        for premises in arguments:
            needed: set[str] = set()
            for premise in premises:
                if premise not in basis:  # a premise on a circle: it counts as given
                    basis[premise] = critical[premise] = frozenset([premise])
                b |= basis[premise]
                needed |= critical[premise]
                if len(basis[premise]) > len(largest):
                    largest = basis[premise]
            c = frozenset(needed) if c is None else c & needed
        # a basis no bigger than one premise's is that premise's: share it (bases add up to claims x depth)
        basis[claim] = largest if len(b) == len(largest) else frozenset(b)
        critical[claim] = c or frozenset()
    return basis, critical


# --- the whole analysis ----------------------------------------------------------------------------------


@dataclass
class Analysis:
    """Everything `argmap analyze` reports about one map."""

    roles: dict[str, Role]
    conclusions: list[str]
    """Claims that some argument concludes, in map order."""
    _basis: dict[str, frozenset[str]]
    _critical: dict[str, frozenset[str]]
    _order: dict[str, int]
    evaluation: Evaluation
    """The labels (with reasons) under the semantics asked for, what-if included."""
    changed: dict[str, tuple[Label, Label]] = field(default_factory=dict)
    """With a what-if: node -> (label before, label after), for every node that changed."""
    longest_chain: int = 0
    """Most support arguments on one path ending at a thesis."""
    arguments_per_conclusion: dict[str, int] = field(default_factory=dict)
    implicit_share: float = 0.0
    """Implicit claims among the claims used as premises."""
    schemes: dict[str, list[str]] = field(default_factory=dict)
    """Scheme id -> the supporting arguments that use it (attacks are not counted: they are not schemes)."""
    attacks: dict[str, list[str]] = field(default_factory=dict)
    """Kind of attack (rebuttal, undercut, concession) -> the attacks of that kind."""
    coverage: Coverage | None = None

    @property
    def labels(self) -> dict[str, Label]:
        return self.evaluation.labels

    def rests_on(self, claim: str) -> list[str]:
        """The basic premises a conclusion rests on, in map order (computed when asked: a big map's
        thesis may rest on thousands)."""
        return sorted(self._basis.get(claim, ()), key=self._order.__getitem__)

    def critical(self, claim: str) -> list[str]:
        """The basic premises whose rejection alone would leave the conclusion unsupported, in map order."""
        return sorted(self._critical.get(claim, ()), key=self._order.__getitem__)

    def basis_size(self, claim: str) -> int:
        return len(self._basis.get(claim, ()))


def analyze(
    m: ArgMap,
    *,
    source: SourceText | None = None,
    quote_spans: Iterable[tuple[int, int]] = (),
    ignored: Iterable[tuple[int, int]] = (),
    reject: Iterable[str] = (),
    accept: Iterable[str] = (),
    semantics: str | None = None,
) -> Analysis:
    """Analyse a valid map under semantics (default: the map's own); with reject/accept, also what
    changes under that what-if."""
    role_of = roles(m)
    basis, critical = foundations(m)
    order = {claim: i for i, claim in enumerate(m.claims)}
    has_argument = {a.conclusion for a in m.arguments.values() if a.conclusion is not None}
    concluded = [c for c in m.claims if c in has_argument]
    reject, accept = list(reject), list(accept)
    base = evaluate(m, semantics)
    evaluation = evaluate(m, semantics, reject=reject, accept=accept) if (reject or accept) else base
    labels = evaluation.labels
    changed = {n: (base.labels[n], labels[n]) for n in base.labels if base.labels[n] is not labels[n]}
    per_conclusion: dict[str, int] = {}
    for argument in m.arguments.values():
        if argument.conclusion is not None:
            per_conclusion[argument.conclusion] = per_conclusion.get(argument.conclusion, 0) + 1
    premises = {p for a in m.arguments.values() for p in a.premises if p in m.claims}
    implicit = sum(1 for p in premises if m.claims[p].implicit)
    schemes: dict[str, list[str]] = {}
    attacks: dict[str, list[str]] = {}
    for arg_id, argument in m.arguments.items():
        if argument.conclusion is not None:
            schemes.setdefault(argument.scheme_id, []).append(arg_id)
        else:
            attacks.setdefault(attack_kind(m, argument), []).append(arg_id)
    spans = list(quote_spans)
    return Analysis(
        roles=role_of,
        conclusions=concluded,
        _basis=basis,
        _critical=critical,
        _order=order,
        evaluation=evaluation,
        changed=changed,
        longest_chain=_longest_chain(m),
        arguments_per_conclusion=per_conclusion,
        implicit_share=implicit / len(premises) if premises else 0.0,
        schemes=schemes,
        attacks=attacks,
        coverage=Coverage(source, spans, list(ignored)) if source is not None else None,
    )


def _longest_chain(m: ArgMap) -> int:
    """Most support arguments on one path that ends at a thesis (0 without a thesis)."""
    depth: dict[str, int] = {}
    conclusions: dict[str, list[list[str]]] = {}
    for argument in m.arguments.values():
        if argument.conclusion is not None:
            conclusions.setdefault(argument.conclusion, []).append(argument.premises)
    for claim in _support_order(m):
        best = 0
        for premises in conclusions.get(claim, ()):
            best = max(best, 1 + max((depth.get(p, 0) for p in premises), default=0))
        depth[claim] = best
    return max((depth.get(t, 0) for t in m.theses), default=0)


def open_questions(scheme_id: str) -> tuple[str, ...]:
    return get_scheme(scheme_id).critical_questions


# --- output of `argmap analyze` --------------------------------------------------------------------------


def _pct(share: float) -> str:
    return f"{round(100 * share)}%"


def analysis_json(m: ArgMap, a: Analysis, *, named: bool = False) -> dict[str, Any]:
    """The analysis as plain data (what `argmap analyze --format json` prints).

    When a semantics is named (the map's `semantics` field, or `named` for --semantics), the data
    also says which, with the reason for every label and, under carneades, each argument's weight;
    otherwise it is exactly what argmap printed before it had several semantics (attacks, which are not
    inferences, are then still listed under the default scheme, as they were).
    """
    current = named or "semantics" in m.model_fields_set
    data: dict[str, Any] = {
        "map": m.id,
        "title": m.title,
        "roles": {c: r.value for c, r in a.roles.items()},
        "conclusions": {
            c: {"rests_on": a.rests_on(c), "critical": a.critical(c), "arguments": a.arguments_per_conclusion.get(c, 0)}
            for c in a.conclusions
        },
        "status": {n: label.value for n, label in a.labels.items()},
        "changed": {n: {"before": b.value, "after": x.value} for n, (b, x) in a.changed.items()},
        **(_evaluation_json(a.evaluation) if current else {}),
        "structure": {
            "longest_chain_to_thesis": a.longest_chain,
            "implicit_premise_share": round(a.implicit_share, 4),
            "arguments_per_conclusion_mean": round(
                sum(a.arguments_per_conclusion.values()) / len(a.arguments_per_conclusion), 3
            )
            if a.arguments_per_conclusion
            else 0,
            "arguments_per_conclusion_max": max(a.arguments_per_conclusion.values(), default=0),
        },
        **(_schemes_json(a) if current else _legacy_schemes_json(m)),
        "coverage": None,
    }
    if a.coverage is not None:
        c = a.coverage
        data["coverage"] = {
            "body_paragraphs": len(c.body),
            "covered_paragraphs": len(c.covered),
            "paragraph_share": round(c.paragraph_share, 4),
            "char_share": round(c.char_share, 4),
            "uncovered": [{"paragraph": n, "opening": text} for n, text in c.uncovered],
        }
    return data


_ROLE_WORDS = {
    Role.thesis: ("thesis", "theses"),
    Role.intermediate: ("intermediate conclusion", None),
    Role.conclusion: ("side conclusion", None),
    Role.premise: ("premise", None),
    Role.attacked: ("only attacked", "only attacked"),
    Role.unused: ("unused", "unused"),
}
"""How `argmap analyze` counts each role: '1 thesis', '2 premises'."""


def _questions(groups: dict[str, list[str]], questions_of: Callable[[str], tuple[str, ...]], noun: str) -> list[str]:
    """Each group (a scheme, a kind of attack) with its count and its critical questions, biggest first."""
    out = []
    for key, members in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        questions = questions_of(key)
        out.append(f"  {key}: {plural(len(members), noun)}, {plural(len(questions), 'question')} each")
        out += [f"    {number}. {question}" for number, question in enumerate(questions, 1)]
    return out


def _schemes_json(a: Analysis) -> dict[str, Any]:
    """The schemes of the inferences and, apart, the kinds of attack, each with its critical questions."""
    return {
        "schemes": {
            s: {"arguments": args, "critical_questions": list(open_questions(s))} for s, args in a.schemes.items()
        },
        "attacks": {
            k: {"arguments": args, "critical_questions": list(ATTACKS[k].critical_questions)}
            for k, args in a.attacks.items()
        },
    }


def _legacy_schemes_json(m: ArgMap) -> dict[str, Any]:
    """The schemes section as argmap wrote it before attacks had kinds of their own."""
    schemes: dict[str, list[str]] = {}
    for arg_id, argument in m.arguments.items():
        schemes.setdefault(argument.scheme_id, []).append(arg_id)
    return {
        "schemes": {
            s: {"arguments": args, "critical_questions": list(open_questions(s))} for s, args in schemes.items()
        }
    }


def _evaluation_json(ev: Evaluation) -> dict[str, Any]:
    data: dict[str, Any] = {"semantics": ev.semantics, "reasons": dict(ev.reasons)}
    if ev.semantics == "carneades":
        data["arguments"] = {
            arg_id: {
                "applicable": ev.applicable.get(arg_id, False),
                "weight": round(ev.weights.get(arg_id, 0.0), 4),
                "outweighed_by": ev.outweighed_by.get(arg_id),
            }
            for arg_id in ev.weights
        }
    return data


def _status_text(m: ArgMap, ev: Evaluation) -> list[str]:
    """The status section: counts, each thesis with its reason, claims that are not in with theirs,
    and the concessions."""

    def counts(ids: Iterable[str]) -> str:
        labels = [ev.labels[n] for n in ids if n in ev.labels]
        return ", ".join(f"{sum(1 for x in labels if x is label)} {label.value}" for label in Label)

    out = [f"Status under {ev.semantics} semantics: claims {counts(m.claims)}; arguments {counts(m.arguments)}"]
    for thesis in m.theses:
        if thesis in ev.labels:
            out.append(f"  thesis {thesis}: {ev.labels[thesis].value}: {ev.reasons.get(thesis, '')}")
    for label in (Label.out, Label.undecided):
        claims = [n for n in m.claims if ev.labels.get(n) is label and n not in m.theses]
        arguments = [n for n in m.arguments if ev.labels.get(n) is label]
        if claims or arguments:
            out.append(f"  {label.value}:")
            out += [f"    {n}: {ev.reasons.get(n, '')}" for n in claims]
            if arguments:
                out.append(f"    arguments: {', '.join(arguments)}")
    conceded = [(n, a) for n, a in m.arguments.items() if a.conceded]
    if conceded:
        out.append("  concessions (granted by the author):")
        out += [f"    {n}: {ev.labels[n].value}: {ev.reasons.get(n, '')}" for n, _ in conceded]
    return out


def analysis_text(m: ArgMap, a: Analysis, *, what_if: str = "") -> str:
    """The analysis for people (what `argmap analyze` prints)."""
    out = [f"{m.title} ({m.id})", ""]
    counts = {r: sum(1 for x in a.roles.values() if x is r) for r in Role}
    out.append("Roles: " + ", ".join(plural(n, *_ROLE_WORDS[r]) for r, n in counts.items() if n))
    for role in (Role.thesis, Role.attacked, Role.unused):
        members = [c for c, r in a.roles.items() if r is role]
        if members:
            out.append(f"  {role.value}: {', '.join(members)}")
    out += ["", "What each conclusion rests on (basic premises; critical: each alone would leave it unsupported):"]
    for claim in a.conclusions:
        critical = ", ".join(a.critical(claim)) or "none (every premise has a stand-in)"
        size = a.basis_size(claim)
        out.append(f"  {claim}: {size} premise{'s' if size != 1 else ''}; critical: {critical}")
    out += ["", *_status_text(m, a.evaluation)]
    if what_if:
        out += ["", f"What changes {what_if}:"]
        if a.changed:
            for node, (before, after) in a.changed.items():
                kind = "claim" if node in m.claims else "argument"
                out.append(f"  {kind} {node}: {before.value} -> {after.value}")
        else:
            out.append("  nothing")
    mean = (
        sum(a.arguments_per_conclusion.values()) / len(a.arguments_per_conclusion) if a.arguments_per_conclusion else 0
    )
    out += [
        "",
        "Structure:",
        f"  longest chain to the thesis: {a.longest_chain} argument{'s' if a.longest_chain != 1 else ''}",
        f"  arguments per conclusion: mean {mean:.1f}, max {max(a.arguments_per_conclusion.values(), default=0)}",
        f"  implicit premises: {_pct(a.implicit_share)} of the claims used as premises",
        "",
        "Schemes and their critical questions (open unless an attack on the argument answers them):",
    ]
    out += _questions(a.schemes, open_questions, "argument")
    if a.attacks:
        out += ["", "Attacks and their critical questions:"]
        out += _questions(a.attacks, lambda kind: ATTACKS[kind].critical_questions, "attack")
    if a.coverage is not None:
        c = a.coverage
        out += [
            "",
            f"Quote coverage: {len(c.covered)} of {plural(len(c.body), 'body paragraph')} ({_pct(c.paragraph_share)}), "
            f"{_pct(c.char_share)} of their characters",
        ]
        for number, opening in c.uncovered:
            out.append(f"  not quoted: paragraph {number}: {opening}")
    return "\n".join(out)
