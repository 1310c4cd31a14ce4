"""Grounded semantics (Dung 1995), extended to support: every attack that stands defeats its target."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

from ..model import ArgMap
from .base import Evaluation, Label, forced_labels, what_if_reason


def grounded(m: ArgMap, reject: Iterable[str] = (), accept: Iterable[str] = ()) -> dict[str, Label]:
    """The grounded labelling of every claim and argument (Dung), extended to support.

    - An argument is in when all its premises are in and every argument attacking it is out; out
      when a premise is out or an attacker is in.
    - A claim is in when every argument attacking it is out and it is given (no argument concludes
      it) or some argument for it is in; out when an attacker is in, or when every argument for it
      is out.
    - What is neither stays undecided. The analyst's what-if fixes some labels first: `reject`
      makes claims or arguments out, `accept` makes them in.

    The labelling is the least fixed point, found with a work list: each node is looked at again
    only when one of the nodes it depends on changes.
    """
    return _Grounded(m, forced_labels(reject, accept)).run()


class _Grounded:
    """One grounded labelling: the map's attack and support relations, and the labels found so far."""

    def __init__(self, m: ArgMap, forced: dict[str, Label]) -> None:
        self.m = m
        self.forced = forced
        self.attackers: dict[str, list[str]] = {}
        self.supporters: dict[str, list[str]] = {}
        self.dependents: dict[str, list[str]] = {}
        for arg_id, argument in m.arguments.items():
            target = argument.target
            (self.attackers if argument.attacks is not None else self.supporters).setdefault(target, []).append(arg_id)
            self.dependents.setdefault(arg_id, []).append(target)
            for premise in argument.premises:
                self.dependents.setdefault(premise, []).append(arg_id)
        self.label: dict[str, Label] = {node: Label.undecided for node in [*m.claims, *m.arguments]}
        self.label.update({node: value for node, value in forced.items() if node in self.label})

    def labels_of(self, nodes: Iterable[str]) -> list[Label]:
        return [self.label.get(n, Label.undecided) for n in nodes]

    def evaluate(self, node: str) -> Label:
        """The label node's neighbours give it now (undecided while they do not decide it)."""
        if node in self.forced:
            return self.forced[node]
        against = self.labels_of(self.attackers.get(node, ()))
        if Label.in_ in against:
            return Label.out
        all_out = all(x is Label.out for x in against)
        if node in self.m.arguments:
            premises = self.labels_of(self.m.arguments[node].premises)
            if Label.out in premises:
                return Label.out
            return Label.in_ if all_out and all(x is Label.in_ for x in premises) else Label.undecided
        support = self.labels_of(self.supporters.get(node, ()))
        if support and all(x is Label.out for x in support):
            return Label.out
        if all_out and (not support or Label.in_ in support):
            return Label.in_
        return Label.undecided

    def run(self) -> dict[str, Label]:
        queue = deque(self.label)
        queued = set(self.label)
        while queue:
            node = queue.popleft()
            queued.discard(node)
            if self.label[node] is not Label.undecided:
                continue  # labels only ever leave 'undecided' once
            new = self.evaluate(node)
            if new is Label.undecided:
                continue
            self.label[node] = new
            for nxt in self.dependents.get(node, ()):
                if nxt in self.label and self.label[nxt] is Label.undecided and nxt not in queued:
                    queue.append(nxt)
                    queued.add(nxt)
        return self.label


def grounded_evaluation(m: ArgMap, *, reject: Iterable[str] = (), accept: Iterable[str] = ()) -> Evaluation:
    """The grounded labelling with the reason for every label."""
    label = grounded(m, reject, accept)
    forced = forced_labels(reject, accept)
    attackers: dict[str, list[str]] = {}
    supporters: dict[str, list[str]] = {}
    for arg_id, argument in m.arguments.items():
        if argument.attacks is not None:
            attackers.setdefault(argument.attacks, []).append(arg_id)
        elif argument.conclusion is not None:
            supporters.setdefault(argument.conclusion, []).append(arg_id)
    result = Evaluation("grounded", label)
    for node, value in label.items():
        if node in forced:
            result.reasons[node] = what_if_reason(value)
            continue
        winning = [a for a in attackers.get(node, ()) if label.get(a) is Label.in_]
        if winning:
            result.reasons[node] = f"defeated by the attack '{winning[0]}', which holds"
            result.deciding[node] = winning[0]
        elif node in m.arguments:
            result.reasons[node] = _argument_reason(m, node, value, label, attackers)
        else:
            own_first = sorted(supporters.get(node, []), key=lambda a: m.arguments[a].reconstructed)
            result.reasons[node], deciding = _claim_reason(node, value, label, own_first, attackers)
            if deciding:
                result.deciding[node] = deciding
    return result


def _argument_reason(
    m: ArgMap, node: str, value: Label, label: dict[str, Label], attackers: dict[str, list[str]]
) -> str:
    premises = m.arguments[node].premises
    if value is Label.in_:
        guarded = " and every attack on it fails" if attackers.get(node) else ""
        return f"all its premises are in{guarded}"
    if value is Label.out:
        out = next(p for p in premises if label.get(p) is Label.out)
        return f"its premise '{out}' is out"
    return _waiting(premises, attackers.get(node, []), label)


def _claim_reason(
    node: str, value: Label, label: dict[str, Label], support: list[str], attackers: dict[str, list[str]]
) -> tuple[str, str | None]:
    guarded = " and every attack on it fails" if attackers.get(node) else ""
    if value is Label.in_:
        holding = next((a for a in support if label.get(a) is Label.in_), None)
        if holding is None:
            return f"given: no argument concludes it{guarded or ', and nothing attacks it'}", None
        return f"the argument '{holding}' holds{guarded}", holding
    if value is Label.out:
        return "every argument for it fails", support[0] if support else None
    return _waiting(support, attackers.get(node, []), label), None


def _waiting(needed: list[str], attacks: list[str], label: dict[str, Label]) -> str:
    """Why a node stays undecided: the first node it depends on that is undecided too."""
    open_nodes = [n for n in [*needed, *attacks] if label.get(n) is Label.undecided]
    if not open_nodes:
        return "undecided"
    return f"waits on '{open_nodes[0]}', which is undecided (a cycle of attacks or support)"
